# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Answers to a FHIR QuestionnaireResponse and back, with no identity in it.

The response cites the Questionnaire by `url|version`, records the language and when it was
authored, and says `completed` only when every required answer is there. It never holds a
name, a date of birth, a subject, an author or a source: the clinic attaches it to the person
in its own record. Blank free-text entries are not answers and are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Final

from decisionaid.answers import READINESS_VALUES, UNSURE, Answers, AnswersError
from decisionaid.content import Content
from decisionaid.fhir import DATETIME, FhirError
from decisionaid.fhir import questionnaire as fq
from decisionaid.i18n import Translator

Resource = dict[str, Any]
REQUIRED_STEPS: Final = ("about_you", "values", "leaning")


def authored_now() -> str:
    """The current UTC time to the second, as FHIR dateTime."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def is_complete(content: Content, answers: Answers) -> bool:
    """Whether every answer the wizard requires is there (condition, ratings, leaning, SURE)."""
    return not any(answers.missing(content, step) for step in REQUIRED_STEPS)


def _kept(texts: Sequence[str]) -> list[str]:
    return [t for t in texts if t.strip()]


def build_response(
    content: Content, translator: Translator, answers: Answers, authored: str
) -> Resource:
    """The QuestionnaireResponse for `answers`; displays in `translator`'s language.

    `content` must be the pack loaded for that language (session.load_pack).

    Raises FhirError if an answer names an id the pack does not have, or `authored` is not
    a FHIR dateTime.
    """
    try:
        answers.validate(content)
    except AnswersError as exc:
        raise FhirError(str(exc)) from None
    if not DATETIME.fullmatch(authored):
        raise FhirError(f"authored {authored!r} is not a FHIR dateTime")
    ident = fq.identity(content)
    by_id = {item.link_id: item for item in fq.walk(fq.items_for(content, translator))}

    def coding(link_id: str, code: str) -> Resource:
        display = next(o.display for o in by_id[link_id].options if o.code == code)
        return {
            "valueCoding": {
                "system": ident.codesystem_url,
                "version": ident.version,
                "code": code,
                "display": display,
            }
        }

    def choice(link_id: str, codes: Sequence[str]) -> Resource | None:
        if not codes:
            return None
        return {"linkId": link_id, "answer": [coding(link_id, c) for c in codes]}

    def strings(link_id: str, texts: Sequence[str]) -> Resource | None:
        kept = _kept(texts)
        if not kept:
            return None
        return {"linkId": link_id, "answer": [{"valueString": t} for t in kept]}

    def group(link_id: str, children: Sequence[Resource | None]) -> Resource | None:
        present = [c for c in children if c is not None]
        return {"linkId": link_id, "item": present} if present else None

    def one(link_id: str, value: Resource) -> Resource:
        return {"linkId": link_id, "answer": [value]}

    top: list[Resource | None] = [
        choice(fq.CONDITION, [fq.condition_code(answers.condition)] if answers.condition else []),
        choice(fq.TREATMENTS, [fq.treatment_code(t) for t in answers.treatments_tried]),
        group(
            fq.RATINGS,
            [
                one(c.id, {"valueInteger": answers.ratings[c.id]})
                for c in content.considerations
                if c.id in answers.ratings
            ],
        ),
        choice(fq.CONCERNS, [fq.concern_code(c) for c in answers.concerns]),
        strings(fq.OWN_CONCERNS, answers.own_concerns),
        group(
            fq.KNOWLEDGE,
            [
                one(k.id, coding(k.id, fq.knowledge_code(k.id, answers.knowledge[k.id])))
                for k in content.knowledge
                if k.id in answers.knowledge
            ],
        ),
        group(
            fq.READINESS,
            [
                one(r.id, coding(r.id, fq.readiness_code(answers.readiness[r.id])))
                for r in content.readiness
                if r.id in answers.readiness
            ],
        ),
        choice(fq.LEANING, [fq.leaning_code(answers.leaning)] if answers.leaning else []),
        group(
            fq.SURE,
            [
                one(s.id, {"valueBoolean": answers.sure[s.id]})
                for s in content.deliberation.sure_items
                if s.id in answers.sure
            ],
        ),
        choice(fq.QUESTIONS, [fq.question_code(q) for q in answers.chosen_questions]),
        strings(fq.OWN_QUESTIONS, answers.own_questions),
        strings(fq.NOTES, [answers.notes]),
    ]
    resource: Resource = {
        "resourceType": "QuestionnaireResponse",
        "language": answers.language,
        "questionnaire": ident.canonical,
        "status": "completed" if is_complete(content, answers) else "in-progress",
        "authored": authored,
    }
    present = [item for item in top if item is not None]
    if present:
        resource["item"] = present
    return resource


# -- back to answers ------------------------------------------------------------------------


def _answers(item: Resource) -> list[Resource]:
    values = item.get("answer", [])
    if not isinstance(values, list) or not all(isinstance(v, dict) for v in values):
        raise FhirError(f"item {item.get('linkId')!r}: answer must be a list of objects")
    return values


def _value(item: Resource, key: str, kind: type) -> Any:
    values = _answers(item)
    if len(values) != 1:
        raise FhirError(f"item {item.get('linkId')!r} must have exactly one answer")
    value = values[0].get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise FhirError(f"item {item.get('linkId')!r} must be answered with {key}")
    return value


def _codes(item: Resource, prefix: str) -> list[str]:
    codes = []
    for value in _answers(item):
        coding = value.get("valueCoding")
        code = coding.get("code") if isinstance(coding, dict) else None
        if not isinstance(code, str) or not code.startswith(prefix):
            raise FhirError(f"item {item.get('linkId')!r}: expected a {prefix}* code")
        codes.append(code[len(prefix) :])
    return codes


def _strings(item: Resource) -> list[str]:
    texts = []
    for value in _answers(item):
        text = value.get("valueString")
        if not isinstance(text, str):
            raise FhirError(f"item {item.get('linkId')!r} must be answered with valueString")
        texts.append(text)
    return texts


def _children(item: Resource) -> list[Resource]:
    children = item.get("item", [])
    if not isinstance(children, list) or not all(isinstance(c, dict) for c in children):
        raise FhirError(f"group {item.get('linkId')!r}: item must be a list of objects")
    return children


def answers_from_response(resource: Resource, content: Content) -> Answers:
    """The answers a QuestionnaireResponse built by `build_response` holds.

    Raises FhirError for a response to another Questionnaire version or with items this
    pack does not know.
    """
    ident = fq.identity(content)
    if resource.get("resourceType") != "QuestionnaireResponse":
        raise FhirError("this is not a QuestionnaireResponse")
    if resource.get("questionnaire") != ident.canonical:
        raise FhirError(
            f"this response answers {resource.get('questionnaire')!r}, not {ident.canonical!r}"
        )
    fields: dict[str, Any] = {"language": resource.get("language") or "en"}
    ratings: dict[str, int] = {}
    knowledge: dict[str, str] = {}
    readiness: dict[str, str] = {}
    sure: dict[str, bool] = {}
    items = resource.get("item", [])
    if not isinstance(items, list):
        raise FhirError("item must be a list")
    for item in items:
        link = item.get("linkId") if isinstance(item, dict) else None
        if link == fq.CONDITION:
            fields["condition"] = _codes(item, "condition.")[0]
        elif link == fq.TREATMENTS:
            fields["treatments_tried"] = tuple(_codes(item, "treatment."))
        elif link == fq.RATINGS:
            ratings = {c["linkId"]: _value(c, "valueInteger", int) for c in _children(item)}
        elif link == fq.CONCERNS:
            fields["concerns"] = tuple(_codes(item, "concern."))
        elif link == fq.OWN_CONCERNS:
            fields["own_concerns"] = tuple(_strings(item))
        elif link == fq.KNOWLEDGE:
            for child in _children(item):
                code = _codes(child, f"knowledge.{child['linkId']}.")
                knowledge[child["linkId"]] = code[0]
        elif link == fq.READINESS:
            for child in _children(item):
                value = _codes(child, "readiness.")
                if value[0] not in READINESS_VALUES:
                    raise FhirError(f"unknown readiness answer {value[0]!r}")
                readiness[child["linkId"]] = value[0]
        elif link == fq.LEANING:
            leaning = _codes(item, "")[0]
            if leaning == fq.leaning_code(UNSURE):
                fields["leaning"] = UNSURE
            elif leaning.startswith("option."):
                fields["leaning"] = leaning.removeprefix("option.")
            else:
                raise FhirError(f"unknown leaning code {leaning!r}")
        elif link == fq.SURE:
            sure = {c["linkId"]: _value(c, "valueBoolean", bool) for c in _children(item)}
        elif link == fq.QUESTIONS:
            fields["chosen_questions"] = tuple(_codes(item, "question."))
        elif link == fq.OWN_QUESTIONS:
            fields["own_questions"] = tuple(_strings(item))
        elif link == fq.NOTES:
            fields["notes"] = _value(item, "valueString", str)
        else:
            raise FhirError(f"unknown item {link!r}")
    answers = Answers(
        **fields, ratings=ratings, knowledge=knowledge, readiness=readiness, sure=sure
    )
    try:
        return answers.validate(content)
    except AnswersError as exc:
        raise FhirError(str(exc)) from None
