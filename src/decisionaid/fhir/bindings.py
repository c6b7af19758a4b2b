# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""What `fhir.resources` does not check: value-set bindings and the response/Questionnaire fit.

The library validates structure and datatypes only (it accepts `status: "done"`). Here:
required bindings (statuses, item types, languages), that every answer code exists in our
CodeSystem and is an answer option of its item, that every response item's linkId exists
in the Questionnaire at the same place and its answers have the item's type, and that no
identity is present.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

from decisionaid.fhir import MAX_VALUE_URL, MIN_VALUE_URL, TRANSLATION_URL

Resource = Mapping[str, Any]

# Required bindings from the FHIR R4 specification.
PUBLICATION_STATUS: Final = frozenset({"draft", "active", "retired", "unknown"})
RESPONSE_STATUS: Final = frozenset(
    {"in-progress", "completed", "amended", "entered-in-error", "stopped"}
)
ITEM_TYPES: Final = frozenset(
    {
        "group",
        "display",
        "question",
        "boolean",
        "decimal",
        "integer",
        "date",
        "dateTime",
        "time",
        "string",
        "text",
        "url",
        "choice",
        "open-choice",
        "attachment",
        "reference",
        "quantity",
    }
)
VALUE_KEY: Final = {
    "boolean": "valueBoolean",
    "integer": "valueInteger",
    "string": "valueString",
    "text": "valueString",
    "choice": "valueCoding",
}
IDENTITY_FIELDS: Final = ("subject", "author", "source", "encounter", "basedOn", "partOf")


def _items(node: Resource) -> list[Resource]:
    items = node.get("item", [])
    return [i for i in items if isinstance(i, Mapping)] if isinstance(items, list) else []


def _translation_langs(element: Resource | None) -> list[str]:
    if not isinstance(element, Mapping):
        return []
    langs = []
    for ext in element.get("extension", []):
        if ext.get("url") != TRANSLATION_URL:
            continue
        parts = {e.get("url"): e for e in ext.get("extension", [])}
        if isinstance(parts.get("content", {}).get("valueString"), str):
            langs.append(str(parts.get("lang", {}).get("valueCode")))
    return langs


def questionnaire_problems(
    questionnaire: Resource, codesystem: Resource, languages: Iterable[str]
) -> list[str]:
    """Binding problems of a Questionnaire and its CodeSystem (empty: none).

    `languages` are the shipped languages besides English: each text needs a translation
    extension for each of them.
    """
    problems: list[str] = []
    wanted = sorted(languages)
    for resource in (questionnaire, codesystem):
        if resource.get("status") not in PUBLICATION_STATUS:
            problems.append(f"{resource.get('resourceType')}.status {resource.get('status')!r}")
    if codesystem.get("content") != "complete":
        problems.append("CodeSystem.content must be 'complete'")
    concepts = {c.get("code"): c for c in codesystem.get("concept", [])}
    if codesystem.get("count") != len(concepts):
        problems.append("CodeSystem.count does not match its concepts (or codes repeat)")
    if sorted(_translation_langs(questionnaire.get("_title"))) != wanted:
        problems.append(f"title: translations {_translation_langs(questionnaire.get('_title'))}")
    seen: set[str] = set()

    def walk(items: list[Resource]) -> None:
        for item in items:
            link = str(item.get("linkId"))
            if link in seen:
                problems.append(f"linkId {link!r} repeats")
            seen.add(link)
            kind = item.get("type")
            if kind not in ITEM_TYPES:
                problems.append(f"{link}: type {kind!r} is not an item type")
            if sorted(_translation_langs(item.get("_text"))) != wanted:
                problems.append(
                    f"{link}: text translations {_translation_langs(item.get('_text'))}"
                )
            if (kind == "group") != bool(_items(item)):
                problems.append(f"{link}: only groups have, and groups must have, child items")
            if (kind == "choice") != bool(item.get("answerOption")):
                problems.append(f"{link}: only choice items have, and need, answer options")
            for option in item.get("answerOption", []):
                coding = option.get("valueCoding", {})
                concept = concepts.get(coding.get("code"))
                if coding.get("system") != codesystem.get("url") or concept is None:
                    problems.append(f"{link}: code {coding.get('code')!r} is not in the CodeSystem")
                elif concept.get("display") != coding.get("display"):
                    problems.append(f"{link}: display of {coding.get('code')!r} differs")
                if sorted(_translation_langs(coding.get("_display"))) != wanted:
                    problems.append(f"{link}: {coding.get('code')} display translations")
            walk(_items(item))

    walk(_items(questionnaire))
    return problems


def _limits(item: Resource) -> tuple[int | None, int | None]:
    low = high = None
    for ext in item.get("extension", []):
        if ext.get("url") == MIN_VALUE_URL:
            low = ext.get("valueInteger")
        elif ext.get("url") == MAX_VALUE_URL:
            high = ext.get("valueInteger")
    return low, high


def response_problems(
    response: Resource, questionnaire: Resource, languages: Iterable[str]
) -> list[str]:
    """Binding problems of a QuestionnaireResponse against its Questionnaire (empty: none).

    `languages` are the language codes the response may be in.
    """
    problems: list[str] = []
    status = response.get("status")
    if status not in RESPONSE_STATUS:
        problems.append(f"status {status!r} is not a QuestionnaireResponse status")
    canonical = f"{questionnaire.get('url')}|{questionnaire.get('version')}"
    if response.get("questionnaire") != canonical:
        problems.append(f"questionnaire {response.get('questionnaire')!r} is not {canonical!r}")
    if response.get("language") not in set(languages):
        problems.append(f"language {response.get('language')!r} is not a shipped language")
    problems += [
        f"{name} is present: the export must carry no identity"
        for name in IDENTITY_FIELDS
        if name in response
    ]
    missing_required: list[str] = []

    def walk(answered: list[Resource], defined: list[Resource], where: str) -> None:
        by_link = {str(d.get("linkId")): d for d in defined}
        seen: set[str] = set()
        for item in answered:
            link = str(item.get("linkId"))
            path = f"{where}{link}"
            definition = by_link.get(link)
            if definition is None:
                problems.append(f"{path}: linkId is not in the Questionnaire here")
                continue
            if link in seen:
                problems.append(f"{path}: item repeats")
            seen.add(link)
            kind = definition.get("type")
            answers = item.get("answer", [])
            if kind == "group":
                if answers or not _items(item):
                    problems.append(f"{path}: a group has items, not answers")
                walk(_items(item), _items(definition), f"{path}/")
                continue
            if not answers:
                problems.append(f"{path}: item without an answer")
            if len(answers) > 1 and not definition.get("repeats"):
                problems.append(f"{path}: {len(answers)} answers to a non-repeating item")
            problems.extend(_answer_problems(path, definition, answers))
        if status == "completed":
            missing_required.extend(
                f"{where}{d.get('linkId')}"
                for d in defined
                if d.get("required") and str(d.get("linkId")) not in seen
            )

    walk(_items(response), _items(questionnaire), "")
    problems += [
        f"{path}: required but not answered in a completed response" for path in missing_required
    ]
    return problems


def _answer_problems(path: str, definition: Resource, answers: list[Resource]) -> list[str]:
    problems = []
    kind = str(definition.get("type"))
    key = VALUE_KEY.get(kind)
    allowed = {
        (o.get("valueCoding", {}).get("system"), o.get("valueCoding", {}).get("code"))
        for o in definition.get("answerOption", [])
    }
    low, high = _limits(definition)
    for answer in answers:
        values = [k for k in answer if k.startswith("value")]
        if key is None or values != [key]:
            problems.append(f"{path}: answer {values} does not fit item type {kind!r}")
            continue
        value = answer[key]
        if kind == "choice" and (value.get("system"), value.get("code")) not in allowed:
            problems.append(f"{path}: code {value.get('code')!r} is not an answer option")
        if kind == "integer" and (
            (low is not None and value < low) or (high is not None and value > high)
        ):
            problems.append(f"{path}: {value} is outside {low}..{high}")
        if kind in ("string", "text") and not value.strip():
            problems.append(f"{path}: blank text")
    return problems
