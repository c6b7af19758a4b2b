# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The content pack as a FHIR R4 Questionnaire and the project CodeSystem its answers use.

Built from the pack in every shipped language: English is the base text and every other
language rides along in the standard translation extension (CodeSystem: designations), so
one resource serves every language. Output is deterministic, so it can be published in the
repository and checked for staleness.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from decisionaid import paths
from decisionaid.answers import READINESS_VALUES, UNSURE
from decisionaid.content import RATING_MAX, Content, load_content
from decisionaid.fhir import (
    CANONICAL_BASE,
    MAX_VALUE_URL,
    MIN_VALUE_URL,
    TRANSLATION_URL,
    FhirError,
)
from decisionaid.i18n import (
    SOURCE_LANGUAGE,
    Translator,
    _,
    available_languages,
    load_translator,
    use_language,
)

PUBLISHER: Final = "The decisionaid project"
Resource = dict[str, Any]

# Linkids of the items that are not content ids (content ids live inside the groups).
CONDITION: Final = "condition"
TREATMENTS: Final = "treatments_tried"
RATINGS: Final = "ratings"
CONCERNS: Final = "concerns"
OWN_CONCERNS: Final = "own_concerns"
KNOWLEDGE: Final = "knowledge"
READINESS: Final = "readiness"
LEANING: Final = "leaning"
SURE: Final = "sure"
QUESTIONS: Final = "chosen_questions"
OWN_QUESTIONS: Final = "own_questions"
NOTES: Final = "notes"


def _fhir_id(text: str) -> str:
    """A FHIR logical id ([A-Za-z0-9-.]{1,64}) from a pack id and version."""
    return text.replace("_", "-")[:64]


def _name(pack_id: str) -> str:
    """A computer-friendly Questionnaire.name (starts with a capital, letters and digits)."""
    return "Decisionaid" + "".join(part.capitalize() for part in pack_id.split("_"))


@dataclass(frozen=True)
class Identity:
    """Where a pack's resources live: canonical URLs, version and logical ids."""

    pack_id: str
    version: str

    @property
    def questionnaire_url(self) -> str:
        """The Questionnaire's canonical URL (the same for every version)."""
        return f"{CANONICAL_BASE}/Questionnaire/{self.pack_id}"

    @property
    def canonical(self) -> str:
        """`url|version`, as QuestionnaireResponse.questionnaire cites it."""
        return f"{self.questionnaire_url}|{self.version}"

    @property
    def codesystem_url(self) -> str:
        """The project CodeSystem's canonical URL."""
        return f"{CANONICAL_BASE}/CodeSystem/{self.pack_id}"

    @property
    def resource_id(self) -> str:
        """Logical id shared by the Questionnaire and CodeSystem of this version."""
        return _fhir_id(f"decisionaid-{self.pack_id}-{self.version}")

    def file_name(self, resource_type: str) -> str:
        """The published file name, IG style: `Questionnaire-<id>.json`."""
        return f"{resource_type}-{self.resource_id}.json"


def identity(content: Content) -> Identity:
    """The resource identity of a pack."""
    return Identity(content.pack.id, content.pack.version)


# -- codes ----------------------------------------------------------------------------------


def condition_code(cid: str) -> str:
    """CodeSystem code of a condition."""
    return f"condition.{cid}"


def treatment_code(tid: str) -> str:
    """CodeSystem code of a treatment."""
    return f"treatment.{tid}"


def concern_code(cid: str) -> str:
    """CodeSystem code of a concern."""
    return f"concern.{cid}"


def knowledge_code(item_id: str, choice_id: str) -> str:
    """CodeSystem code of one answer to one knowledge item (choice ids are per item)."""
    return f"knowledge.{item_id}.{choice_id}"


def readiness_code(value: str) -> str:
    """CodeSystem code of a readiness answer (yes, unsure, no)."""
    return f"readiness.{value}"


def leaning_code(leaning: str) -> str:
    """CodeSystem code of a leaning: an option, or "unsure"."""
    return "leaning.unsure" if leaning == UNSURE else f"option.{leaning}"


def question_code(qid: str) -> str:
    """CodeSystem code of a suggested question."""
    return f"question.{qid}"


def _readiness_labels() -> dict[str, str]:
    """Labels of yes / unsure / no in the active language (existing interface strings)."""
    return {"yes": _("Yes"), "unsure": _("Not sure"), "no": _("No")}


# -- the item tree, once per language -------------------------------------------------------


@dataclass(frozen=True)
class AnswerOption:
    """One answer option: a CodeSystem code and its display in one language."""

    code: str
    display: str


@dataclass(frozen=True)
class Item:
    """One Questionnaire item in one language, before it is written as JSON."""

    link_id: str
    kind: str
    text: str
    required: bool = False
    repeats: bool = False
    options: tuple[AnswerOption, ...] = ()
    children: tuple[Item, ...] = ()
    max_value: int | None = None


def items_for(content: Content, translator: Translator) -> tuple[Item, ...]:
    """The Questionnaire's items with texts in one language (content already translated)."""
    with use_language(translator):
        readiness = _readiness_labels()
        return (
            Item(
                CONDITION,
                "choice",
                _("Which condition do you have?"),
                required=True,
                options=tuple(
                    AnswerOption(condition_code(c.id), c.name) for c in content.conditions
                ),
            ),
            Item(
                TREATMENTS,
                "choice",
                _("Which treatments have you already tried?"),
                repeats=True,
                options=tuple(
                    AnswerOption(treatment_code(t.id), t.name) for t in content.treatments
                ),
            ),
            Item(
                RATINGS,
                "group",
                _("What matters most to you"),
                required=True,
                children=tuple(
                    Item(c.id, "integer", c.label, required=True, max_value=RATING_MAX)
                    for c in content.considerations
                ),
            ),
            Item(
                CONCERNS,
                "choice",
                _("Is anything worrying you?"),
                repeats=True,
                options=tuple(AnswerOption(concern_code(c.id), c.label) for c in content.concerns),
            ),
            Item(OWN_CONCERNS, "string", _("Another worry, in your own words"), repeats=True),
            Item(
                KNOWLEDGE,
                "group",
                _("Knowledge check"),
                children=tuple(
                    Item(
                        k.id,
                        "choice",
                        k.prompt,
                        options=tuple(
                            AnswerOption(knowledge_code(k.id, c.id), c.text) for c in k.choices
                        ),
                    )
                    for k in content.knowledge
                ),
            ),
            Item(
                READINESS,
                "group",
                _("Practical matters"),
                children=tuple(
                    Item(
                        r.id,
                        "choice",
                        r.prompt,
                        options=tuple(
                            AnswerOption(readiness_code(v), readiness[v]) for v in READINESS_VALUES
                        ),
                    )
                    for r in content.readiness
                ),
            ),
            Item(
                LEANING,
                "choice",
                content.deliberation.leaning_prompt,
                required=True,
                options=(
                    *(AnswerOption(leaning_code(o.id), o.name) for o in content.options),
                    AnswerOption(leaning_code(UNSURE), content.deliberation.unsure_label),
                ),
            ),
            Item(
                SURE,
                "group",
                _("SURE check"),
                required=True,
                children=tuple(
                    Item(s.id, "boolean", s.prompt, required=True)
                    for s in content.deliberation.sure_items
                ),
            ),
            Item(
                QUESTIONS,
                "choice",
                _("Questions you may want to ask"),
                repeats=True,
                options=tuple(AnswerOption(question_code(q.id), q.text) for q in content.questions),
            ),
            Item(OWN_QUESTIONS, "string", _("A question of your own"), repeats=True),
            Item(NOTES, "text", _("Notes for yourself or your care team (optional)")),
        )


def walk(items: Sequence[Item]) -> Iterator[Item]:
    """Every item, depth first, groups before their children."""
    for item in items:
        yield item
        yield from walk(item.children)


# -- resources ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Edition:
    """The pack in one language, with the translator it was loaded with."""

    language: str
    content: Content
    translator: Translator


def load_editions(
    content_dir: Path | None = None, translations_dir: Path | None = None
) -> tuple[Edition, ...]:
    """The pack in English and in every shipped language (not the pseudo-locale)."""
    content_dir = content_dir or paths.content_dir()
    editions = []
    for language in available_languages(translations_dir, include_pseudo=False):
        translator = load_translator(language.code, translations_dir)
        translate = None if language.code == SOURCE_LANGUAGE else translator.content_text
        editions.append(Edition(language.code, load_content(content_dir, translate), translator))
    editions.sort(key=lambda e: (e.language != SOURCE_LANGUAGE, e.language))
    if not editions or editions[0].language != SOURCE_LANGUAGE:
        raise FhirError("the English pack is needed to build the Questionnaire")
    return tuple(editions)


def _translations(texts: Mapping[str, str]) -> Resource:
    """The `_text`-style primitive extension carrying one translation per language."""
    return {
        "extension": [
            {
                "url": TRANSLATION_URL,
                "extension": [
                    {"url": "lang", "valueCode": lang},
                    {"url": "content", "valueString": text},
                ],
            }
            for lang, text in texts.items()
        ]
    }


def _check_unique(items: Sequence[Item]) -> None:
    seen: set[str] = set()
    for item in walk(items):
        if item.link_id in seen:
            raise FhirError(f"linkId {item.link_id!r} is used twice; content ids must not clash")
        seen.add(item.link_id)


def _text_maps(editions: Sequence[Edition]) -> tuple[tuple[Item, ...], dict[str, dict[str, str]]]:
    """The English items and, per element key, the other languages' texts."""
    base = items_for(editions[0].content, editions[0].translator)
    _check_unique(base)
    others: dict[str, dict[str, str]] = {}
    for edition in editions[1:]:
        translated = items_for(edition.content, edition.translator)
        for item in walk(translated):
            others.setdefault(f"item:{item.link_id}", {})[edition.language] = item.text
            for option in item.options:
                others.setdefault(f"code:{option.code}", {})[edition.language] = option.display
        others.setdefault("title", {})[edition.language] = edition.content.pack.title
    return base, others


def _item_json(item: Item, ident: Identity, others: Mapping[str, Mapping[str, str]]) -> Resource:
    node: Resource = {"linkId": item.link_id}
    if item.max_value is not None:
        node["extension"] = [
            {"url": MIN_VALUE_URL, "valueInteger": 0},
            {"url": MAX_VALUE_URL, "valueInteger": item.max_value},
        ]
    node["text"] = item.text
    if others.get(f"item:{item.link_id}"):
        node["_text"] = _translations(others[f"item:{item.link_id}"])
    node["type"] = item.kind
    if item.required:
        node["required"] = True
    if item.repeats:
        node["repeats"] = True
    if item.options:
        node["answerOption"] = [
            {"valueCoding": _coding(option, ident, others.get(f"code:{option.code}"))}
            for option in item.options
        ]
    if item.children:
        node["item"] = [_item_json(child, ident, others) for child in item.children]
    return node


def _coding(option: AnswerOption, ident: Identity, texts: Mapping[str, str] | None) -> Resource:
    coding: Resource = {
        "system": ident.codesystem_url,
        "version": ident.version,
        "code": option.code,
        "display": option.display,
    }
    if texts:
        coding["_display"] = _translations(texts)
    return coding


def _common(content: Content, ident: Identity) -> Resource:
    pack = content.pack
    return {
        "version": ident.version,
        "status": "draft",
        "experimental": False,
        "date": pack.last_reviewed.isoformat(),
        "publisher": PUBLISHER,
    }


def build_questionnaire(editions: Sequence[Edition]) -> Resource:
    """The Questionnaire for the pack, with every shipped language's texts."""
    content = editions[0].content
    ident = identity(content)
    items, others = _text_maps(editions)
    resource: Resource = {
        "resourceType": "Questionnaire",
        "id": ident.resource_id,
        "language": SOURCE_LANGUAGE,
        "url": ident.questionnaire_url,
        "name": _name(content.pack.id),
        "title": content.pack.title,
    }
    if others.get("title"):
        resource["_title"] = _translations(others["title"])
    resource.update(_common(content, ident))
    resource["description"] = (
        f"What a person said in the decisionaid decision aid (pack {content.pack.id} "
        f"{ident.version}): {content.pack.decision_question} No identity is recorded; the "
        "clinic attaches the response to the person in its own system."
    )
    resource["subjectType"] = ["Patient"]
    resource["item"] = [_item_json(item, ident, others) for item in items]
    return resource


def build_codesystem(editions: Sequence[Edition]) -> Resource:
    """The project CodeSystem: every code a Questionnaire answer option uses."""
    content = editions[0].content
    ident = identity(content)
    items, others = _text_maps(editions)
    concepts: list[Resource] = []
    seen: set[str] = set()
    for item in walk(items):
        for option in item.options:
            if option.code in seen:
                continue
            seen.add(option.code)
            concept: Resource = {"code": option.code, "display": option.display}
            texts = others.get(f"code:{option.code}", {})
            if texts:
                concept["designation"] = [
                    {"language": lang, "value": text} for lang, text in texts.items()
                ]
            concepts.append(concept)
    resource: Resource = {
        "resourceType": "CodeSystem",
        "id": ident.resource_id,
        "language": SOURCE_LANGUAGE,
        "url": ident.codesystem_url,
        "name": _name(content.pack.id) + "Codes",
        "title": f"decisionaid answer codes: {content.pack.title}",
    }
    resource.update(_common(content, ident))
    resource["description"] = (
        "Codes for the answer options of the decisionaid Questionnaire of the same version: "
        "conditions, treatments, concerns, knowledge-check answers, readiness answers, "
        "options (leaning) and suggested questions. Codes are `kind.content_id`."
    )
    resource["caseSensitive"] = True
    resource["content"] = "complete"
    resource["count"] = len(concepts)
    resource["concept"] = concepts
    return resource


def dumps(resource: Resource) -> str:
    """Stable pretty JSON, as published (UTF-8, two-space indent, final newline)."""
    return json.dumps(resource, ensure_ascii=False, indent=2) + "\n"


def published_files(editions: Sequence[Edition]) -> dict[str, str]:
    """File name -> text of every resource published for this pack version."""
    ident = identity(editions[0].content)
    return {
        ident.file_name("Questionnaire"): dumps(build_questionnaire(editions)),
        ident.file_name("CodeSystem"): dumps(build_codesystem(editions)),
    }


def fhir_dir() -> Path:
    """Where the published resources live: resources/fhir/."""
    return paths.resources_dir() / "fhir"


def stale_files(directory: Path, editions: Sequence[Edition]) -> list[tuple[str, str]]:
    """(file name, reason) for every published resource that is missing or out of date."""
    problems = []
    for name, text in published_files(editions).items():
        path = directory / name
        if not path.exists():
            problems.append((name, "is not published"))
        elif path.read_text(encoding="utf-8") != text:
            problems.append((name, "is out of date with the content pack or translations"))
    return problems


def load_published(kind: str, ident: Identity, directory: Path | None = None) -> Resource:
    """A published Questionnaire or CodeSystem for one pack version."""
    path = (directory or fhir_dir()) / ident.file_name(kind)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FhirError(f"cannot read the published {kind} {path.name}: {exc}") from None
    if not isinstance(data, dict):
        raise FhirError(f"{path.name} is not a FHIR resource")
    return data
