# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Export for the clinical record: build and validate a QuestionnaireResponse.

Shared by `decisionaid export`, `decisionaid import-qr` and the laptop's "Save for the
record…". Validation is both the library's (structure) and ours (bindings, fit to the
published Questionnaire of the same version); a response that fails either is never written.
Writing the file is `decisionaid.system.files.save_response`.
"""

from __future__ import annotations

import json
from typing import Any

from decisionaid.answers import Answers
from decisionaid.content import Content
from decisionaid.fhir import FhirError
from decisionaid.fhir import questionnaire as fq
from decisionaid.fhir.bindings import response_problems
from decisionaid.fhir.response import build_response
from decisionaid.i18n import Translator, available_languages

Resource = dict[str, Any]


def response_problems_all(response: Resource, content: Content) -> list[str]:
    """Every problem the library and our binding checks find in a response (empty: valid)."""
    from decisionaid.fhir.validate import structure_problems  # loads fhir.resources

    questionnaire = fq.load_published("Questionnaire", fq.identity(content))
    languages = [lang.code for lang in available_languages(include_pseudo=False)]
    return structure_problems(response) + response_problems(response, questionnaire, languages)


def checked_response(
    content: Content, translator: Translator, answers: Answers, authored: str
) -> Resource:
    """The validated QuestionnaireResponse for `answers`; FhirError if it is not valid."""
    response = build_response(content, translator, answers, authored)
    problems = response_problems_all(response, content)
    if problems:
        raise FhirError(f"the response is not valid: {'; '.join(problems[:3])}")
    return response


def response_json(response: Resource) -> str:
    """The response as pretty UTF-8 JSON with a final newline."""
    return json.dumps(response, ensure_ascii=False, indent=2) + "\n"


def payload_language(payload: str) -> str | None:
    """The language field of a compact payload, without checking the rest."""
    fields = payload.strip().split("|", 4)
    return fields[3] if len(fields) > 4 else None


def response_from_payload(payload: str) -> tuple[dict[str, Any], bool]:
    """(validated QuestionnaireResponse, free text left out?) from a scanned QR payload."""
    from decisionaid.fhir.compact import decode
    from decisionaid.fhir.record import checked_response
    from decisionaid.i18n import available_languages, translator_for
    from decisionaid.session import load_pack

    language = payload_language(payload)
    if language not in {lang.code for lang in available_languages(include_pseudo=False)}:
        raise FhirError(f"the payload's language {language!r} is not one this decisionaid has")
    translator = translator_for(language)
    content = load_pack(translator)
    decoded = decode(payload, content)
    response = checked_response(content, translator, decoded.answers, decoded.authored)
    return response, decoded.text_left_out
