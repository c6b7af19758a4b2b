# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The FHIR subcommands of `decisionaid`: questionnaire, export and import-qr.

The building and checking is `decisionaid.fhir` (domain); writing the files is
`decisionaid.system.files`; this module only ties them to the command line.

Each returns an exit code and reports problems in one plain line on stderr, like the rest
of the command line.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from decisionaid.content import ContentError
from decisionaid.fhir import FhirError
from decisionaid.fhir import questionnaire as fq
from decisionaid.system.files import save_response, write_text_files

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"decisionaid: {message}", file=sys.stderr)
    return code


def write_questionnaire(out_dir: Path | None) -> int:
    """`decisionaid questionnaire`: (re)write this pack version's Questionnaire and CodeSystem."""
    try:
        editions = fq.load_editions()
        written = write_text_files(out_dir or fq.fhir_dir(), fq.published_files(editions))
    except (ContentError, FhirError) as exc:
        return _fail(f"cannot build the Questionnaire: {exc}")
    except OSError as exc:
        return _fail(f"cannot write: {getattr(exc, 'strerror', None) or exc}")
    for path in written:
        print(f"Wrote {path}")
    return EXIT_OK


def _load_answers(path: Path) -> tuple[Any, Any, Any] | str:
    """(answers, content, translator) for an answers file, or a plain problem.

    The file is read within the bounds of `decisionaid.untrusted`, and problems name the
    field and line but never the file's words.
    """
    from decisionaid.answers import AnswersError, load_document
    from decisionaid.i18n import language_codes, translator_for
    from decisionaid.session import load_pack
    from decisionaid.system.untrusted import InputError, read_regular_file
    from decisionaid.untrusted import decode_utf8

    try:
        answers, lines = load_document(decode_utf8(read_regular_file(path)))
    except InputError as exc:
        return f"cannot read {path}: {exc}"
    except AnswersError as exc:
        return f"{path}: {exc}"
    codes = set(language_codes(include_pseudo=False))
    if answers.language not in codes:
        return f"{path}: language: not available (available: {', '.join(sorted(codes))})"
    translator = translator_for(answers.language)
    try:
        content = load_pack(translator)
        answers.validate(content, lines)
    except ContentError as exc:
        return f"the content pack is broken: {exc}"
    except AnswersError as exc:
        return f"{path}: {exc}"
    return answers, content, translator


def export(answers_path: Path, out: Path, authored: str | None) -> int:
    """`decisionaid export`: an answers file as a validated QuestionnaireResponse (JSON)."""
    from decisionaid.fhir.record import checked_response
    from decisionaid.fhir.response import authored_now
    from decisionaid.system.untrusted import InputError, check_output_path

    try:
        check_output_path(out, not_same_as=answers_path)
    except InputError as exc:
        return _fail(f"cannot write {out}: {exc}")
    loaded = _load_answers(answers_path)
    if isinstance(loaded, str):
        return _fail(loaded)
    answers, content, translator = loaded
    try:
        response = checked_response(content, translator, answers, authored or authored_now())
    except FhirError as exc:
        return _fail(str(exc), EXIT_INVALID)
    return _write_response(response, out)


def _write_response(response: dict[str, Any], out: Path) -> int:
    """Save a checked response, or say in one line why it could not be written."""
    try:
        save_response(response, out)
    except OSError as exc:
        return _fail(f"cannot write {out}: {getattr(exc, 'strerror', None) or exc}")
    print(f"Wrote {out} ({response['status']}, validated QuestionnaireResponse)")
    return EXIT_OK


def import_qr(payload: str, out: Path | None) -> int:
    """`decisionaid import-qr`: a scanned cover-sheet payload ('-': stdin) as a response."""
    from decisionaid.fhir.record import response_from_payload, response_json

    if payload == "-":
        payload = sys.stdin.read()
    try:
        response, left_out = response_from_payload(payload)
    except ContentError as exc:
        return _fail(f"the content pack is broken: {exc}")
    except FhirError as exc:
        return _fail(str(exc), EXIT_INVALID)
    if left_out:
        print(
            "decisionaid: note: the person's own words did not fit in the code; "
            "they are on the printed summary",
            file=sys.stderr,
        )
    if out is None:
        sys.stdout.write(response_json(response))
        return EXIT_OK
    return _write_response(response, out)
