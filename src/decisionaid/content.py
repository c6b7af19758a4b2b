# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The content pack: YAML under resources/content/ parsed once into frozen, validated objects."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal, TypeVar

import yaml

FactKind = Literal["benefit", "risk", "unknown"]
Certainty = Literal["very_low", "low", "moderate", "high"]
Setting = Literal["autoimmune", "cancer", "standard_care"]

FILES: Final = (
    "pack.yaml",
    "sources.yaml",
    "conditions.yaml",
    "options.yaml",
    "learn.yaml",
    "facts.yaml",
    "considerations.yaml",
    "concerns.yaml",
    "questions.yaml",
    "knowledge.yaml",
    "readiness.yaml",
    "deliberation.yaml",
)
ALL_CONDITIONS: Final = "all"
RATING_MAX: Final = 4
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TAGS = ("R", "S", "P")
_SOURCE_KINDS = ("journal", "abstract", "press", "regulator", "review", "guide")

# A translator receives (msgctxt, English text) and returns the text to show.
Translate = Callable[[str, str], str]


class ContentError(Exception):
    """A content pack problem, located by file, line and field."""

    def __init__(self, file: str, line: int | None, field: str, message: str) -> None:
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {field}: {message}" if field else f"{where}: {message}")


# --------------------------------------------------------------------------------------------
# Typed content
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Author:
    """A person or team credited for the content."""

    name: str
    role: str


@dataclass(frozen=True)
class Source:
    """A citation backing a statement (IPDAS C2)."""

    id: str
    citation: str
    url: str
    tag: str
    kind: str


@dataclass(frozen=True)
class Treatment:
    """A standard treatment a person may already have tried."""

    id: str
    name: str


@dataclass(frozen=True)
class Condition:
    """A disease the aid is tailored to."""

    id: str
    name: str
    description: str
    without_change: str
    evidence_summary: str
    treatments: tuple[str, ...]


@dataclass(frozen=True)
class Option:
    """One of the choices the decision is between."""

    id: str
    name: str
    summary: str
    involves: tuple[str, ...]
    experience: str


@dataclass(frozen=True)
class ComparisonRow:
    """One row of the side-by-side grid: the same attribute described for every option."""

    id: str
    label: str
    cells: Mapping[str, str]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    """One step of how CAR-T therapy works."""

    id: str
    title: str
    body: str
    duration: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Statistic:
    """A count from a study: events out of total, with whom, when and how certain."""

    events: int
    total: int
    population: str
    time_frame: str
    study: str
    source: str
    certainty: Certainty
    setting: Setting

    @property
    def per_100(self) -> int:
        """The rate per 100 people, rounded, for large denominators."""
        return round(100 * self.events / self.total)

    def range_per_100(self) -> tuple[int, int]:
        """The 95% Wilson score interval per 100 people: how far chance alone could move k/N (IPDAS C5)."""
        z = 1.959964
        n, p = self.total, self.events / self.total
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * (p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5 / (1 + z * z / n)
        return max(0, round(100 * (centre - half))), min(100, round(100 * (centre + half)))


@dataclass(frozen=True)
class Fact:
    """A benefit, risk or unknown, for some conditions, about one option."""

    id: str
    kind: FactKind
    conditions: tuple[str, ...]
    option: str
    title: str
    body: str
    statistic: Statistic | None
    sources: tuple[str, ...]

    def applies_to(self, condition: str | None) -> bool:
        """Whether the fact is shown to a person with this condition (None: not chosen yet)."""
        return ALL_CONDITIONS in self.conditions or condition in self.conditions


@dataclass(frozen=True)
class Consideration:
    """Something a person may care about, rated 0..RATING_MAX (values clarification)."""

    id: str
    label: str
    description: str
    low_label: str
    high_label: str
    favours: str


@dataclass(frozen=True)
class Concern:
    """A worry a person can tick."""

    id: str
    label: str


@dataclass(frozen=True)
class Category:
    """A group of questions in the question bank."""

    id: str
    title: str


@dataclass(frozen=True)
class RaisedBy:
    """What in a person's answers makes a question worth suggesting."""

    considerations: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()
    knowledge: tuple[str, ...] = ()
    readiness: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        """True when nothing raises the question."""
        return not (
            self.considerations
            or self.concerns
            or self.knowledge
            or self.readiness
            or self.conditions
        )


@dataclass(frozen=True)
class Question:
    """A question to ask the care team."""

    id: str
    category: str
    text: str
    core: bool
    raised_by: RaisedBy


@dataclass(frozen=True)
class Choice:
    """One answer to a knowledge item."""

    id: str
    text: str


@dataclass(frozen=True)
class KnowledgeItem:
    """A knowledge-check question with its right answer and feedback."""

    id: str
    prompt: str
    choices: tuple[Choice, ...]
    correct: str
    explanation: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ReadinessItem:
    """A practical matter a person may or may not have sorted out."""

    id: str
    prompt: str
    help: str


@dataclass(frozen=True)
class SureItem:
    """One of the four SURE decisional-conflict questions."""

    id: str
    prompt: str


@dataclass(frozen=True)
class Deliberation:
    """Wording for the leaning question and the SURE check."""

    leaning_prompt: str
    unsure_label: str
    sure_source: str
    sure_items: tuple[SureItem, ...]


@dataclass(frozen=True)
class PackInfo:
    """Who made the pack, when, and how it is kept current (IPDAS C3, C4, C6, QL18-21)."""

    id: str
    version: str
    last_reviewed: dt.date
    review_by: dt.date
    title: str
    decision_question: str
    decision_summary: str
    about_disease: str
    authors: tuple[Author, ...]
    funding: str
    conflicts: str
    update_policy: str
    evidence_method: str
    evidence_quality: str
    review_status: str
    disclaimer: str
    next_steps: tuple[str, ...]


@dataclass(frozen=True)
class Content:
    """The whole decision aid, validated and (optionally) translated."""

    pack: PackInfo
    sources: Mapping[str, Source]
    conditions: tuple[Condition, ...]
    treatments: tuple[Treatment, ...]
    options: tuple[Option, ...]
    comparison: tuple[ComparisonRow, ...]
    steps: tuple[Step, ...]
    facts: tuple[Fact, ...]
    considerations: tuple[Consideration, ...]
    concerns: tuple[Concern, ...]
    categories: tuple[Category, ...]
    questions: tuple[Question, ...]
    knowledge: tuple[KnowledgeItem, ...]
    readiness: tuple[ReadinessItem, ...]
    deliberation: Deliberation
    texts: tuple[TextEntry, ...] = field(default=(), repr=False, compare=False)

    def condition(self, condition_id: str) -> Condition:
        """The condition with this id."""
        return _by_id(self.conditions, condition_id)

    def option(self, option_id: str) -> Option:
        """The option with this id."""
        return _by_id(self.options, option_id)

    def consideration(self, consideration_id: str) -> Consideration:
        """The consideration with this id."""
        return _by_id(self.considerations, consideration_id)

    def question(self, question_id: str) -> Question:
        """The question with this id."""
        return _by_id(self.questions, question_id)

    def facts_for(self, condition: str | None, kind: FactKind) -> tuple[Fact, ...]:
        """Facts of one kind that apply to a condition, in pack order."""
        return tuple(f for f in self.facts if f.kind == kind and f.applies_to(condition))

    def review_overdue(self, today: dt.date) -> bool:
        """Whether the pack is past its review-by date (a warning, not an error)."""
        return today > self.pack.review_by


@dataclass(frozen=True)
class TextEntry:
    """A translatable string as found in the YAML: where it is and its msgctxt."""

    file: str
    line: int
    context: str
    text: str


_T = TypeVar("_T")


def _by_id(items: Sequence[_T], wanted: str) -> _T:
    for item in items:
        if getattr(item, "id", None) == wanted:
            return item
    raise KeyError(wanted)


# --------------------------------------------------------------------------------------------
# YAML with line numbers
# --------------------------------------------------------------------------------------------


class _Map(dict[str, Any]):
    """A mapping that remembers the line of itself and of each key."""

    line: int
    key_lines: dict[str, int]


class _Seq(list[Any]):
    """A sequence that remembers its line and the line of each item."""

    line: int
    item_lines: list[int]


# libyaml's parser is several times faster; the constructors below stay the safe ones.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """A safe loader whose mappings and sequences carry 1-based line numbers."""


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> _Map:
    result = _Map()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise yaml.constructor.ConstructorError(
                None, None, f"keys must be text, found {key!r}", key_node.start_mark
            )
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> _Seq:
    result = _Seq(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def _read_yaml(path: Path) -> _Map:
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(name, None, "", "file is missing") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(name, None, "", f"cannot be read ({exc})") from None
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ContentError(name, line, "", f"not valid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise ContentError(name, None, "", f"not valid YAML: {exc}") from None
    if not isinstance(data, _Map):
        raise ContentError(name, 1, "", "the file must hold a mapping of keys to values")
    return data


# --------------------------------------------------------------------------------------------
# Field readers
# --------------------------------------------------------------------------------------------


class _Reader:
    """Reads typed fields from one YAML file, collecting translatable texts as it goes."""

    def __init__(self, file: str, translate: Translate | None, texts: list[TextEntry]) -> None:
        self.file = file
        self._translate = translate
        self._texts = texts

    def error(self, line: int | None, path: str, message: str) -> ContentError:
        return ContentError(self.file, line, path, message)

    def mapping(
        self,
        node: Any,
        path: str,
        line: int,
        required: Sequence[str],
        optional: Sequence[str] = (),
    ) -> _Map:
        if not isinstance(node, _Map):
            raise self.error(line, path, f"expected a mapping, found {_kind(node)}")
        unknown = [k for k in node if k not in required and k not in optional]
        if unknown:
            key = unknown[0]
            allowed = ", ".join([*required, *optional])
            raise self.error(
                node.key_lines[key], _join(path, key), f"unknown field (allowed: {allowed})"
            )
        for key in required:
            if key not in node:
                raise self.error(node.line, _join(path, key), "required field is missing")
        return node

    def seq(self, node: _Map, key: str, path: str, *, allow_empty: bool = False) -> _Seq:
        value = node.get(key)
        where = _join(path, key)
        if not isinstance(value, _Seq):
            raise self.error(_line(node, key), where, f"expected a list, found {_kind(value)}")
        if not value and not allow_empty:
            raise self.error(_line(node, key), where, "the list must not be empty")
        return value

    def items(
        self, node: _Map, key: str, path: str, *, allow_empty: bool = False
    ) -> Iterator[tuple[Any, str, int]]:
        """Yield (item, item path, item line) for a list field."""
        value = self.seq(node, key, path, allow_empty=allow_empty)
        for index, (item, line) in enumerate(zip(value, value.item_lines, strict=True)):
            label = item.get("id") if isinstance(item, _Map) else None
            suffix = f"[{index}]" if not isinstance(label, str) else f"[{label}]"
            yield item, f"{_join(path, key)}{suffix}", line

    def entries(
        self,
        node: _Map,
        key: str,
        path: str,
        what: str,
        required: Sequence[str],
        optional: Sequence[str] = (),
    ) -> Iterator[tuple[_Map, str, int, str]]:
        """Yield (mapping, path, line, id) for a list of mappings with unique ids."""
        seen: set[str] = set()
        for item, item_path, line in self.items(node, key, path):
            entry = self.mapping(item, item_path, line, ("id", *required), optional)
            ident = self.ident(entry, "id", item_path)
            if ident in seen:
                raise self.error(line, item_path, f"duplicate {what} id {ident!r}")
            seen.add(ident)
            yield entry, item_path, line, ident

    def string(self, node: _Map, key: str, path: str, *, optional: bool = False) -> str:
        value = node.get(key)
        where = _join(path, key)
        line = _line(node, key)
        if value is None and optional:
            return ""
        if not isinstance(value, str):
            raise self.error(line, where, f"expected text, found {_kind(value)}")
        if not value.strip():
            raise self.error(line, where, "must not be empty")
        if value != value.strip():
            raise self.error(line, where, "has leading or trailing blanks or newlines")
        if "\x00" in value:
            raise self.error(line, where, "contains a NUL character")
        return value

    def text(self, node: _Map, key: str, path: str, context: str, *, optional: bool = False) -> str:
        """A translatable string: checked, recorded with its msgctxt, and translated."""
        value = self.string(node, key, path, optional=optional)
        if not value:
            return value
        line = _line(node, key) or 0
        if "  " in value:
            raise self.error(line, _join(path, key), "contains a double space")
        if re.search(r"<[A-Za-z/!?]", value):
            raise self.error(line, _join(path, key), "contains markup; write plain text")
        self._texts.append(TextEntry(self.file, line, context, value))
        if self._translate is None:
            return value
        return self._translate(context, value)

    def text_list(self, node: _Map, key: str, path: str, context: str) -> tuple[str, ...]:
        value = self.seq(node, key, path)
        result: list[str] = []
        for index, (item, line) in enumerate(zip(value, value.item_lines, strict=True)):
            holder = _Map({"v": item})
            holder.line = line
            holder.key_lines = {"v": line}
            result.append(
                self.text(holder, "v", f"{_join(path, key)}[{index}]", f"{context}/{index}")
            )
        return tuple(result)

    def ident(self, node: _Map, key: str, path: str) -> str:
        if isinstance(node.get(key), bool):
            raise self.error(
                _line(node, key),
                _join(path, key),
                "YAML reads yes/no/on/off as true/false: use another id or quote it",
            )
        value = self.string(node, key, path)
        if not _ID.match(value):
            raise self.error(
                _line(node, key), _join(path, key), f"{value!r} is not a lower_snake_case id"
            )
        return value

    def ids(self, node: _Map, key: str, path: str, *, optional: bool = False) -> tuple[str, ...]:
        if optional and key not in node:
            return ()
        value = self.seq(node, key, path)
        result: list[str] = []
        for index, (item, line) in enumerate(zip(value, value.item_lines, strict=True)):
            if not isinstance(item, str) or not _ID.match(item):
                raise self.error(line, f"{_join(path, key)}[{index}]", f"{item!r} is not an id")
            result.append(item)
        if len(set(result)) != len(result):
            raise self.error(_line(node, key), _join(path, key), "lists the same id twice")
        return tuple(result)

    def choice(self, node: _Map, key: str, path: str, allowed: Sequence[str]) -> str:
        value = node.get(key)
        if value not in allowed:
            raise self.error(
                _line(node, key),
                _join(path, key),
                f"{value!r} is not one of: {', '.join(allowed)}",
            )
        return str(value)

    def integer(self, node: _Map, key: str, path: str, minimum: int) -> int:
        value = node.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            raise self.error(
                _line(node, key), _join(path, key), f"expected a whole number ≥ {minimum}"
            )
        return value

    def boolean(self, node: _Map, key: str, path: str) -> bool:
        value = node.get(key, False)
        if not isinstance(value, bool):
            raise self.error(_line(node, key), _join(path, key), "expected true or false")
        return value

    def date(self, node: _Map, key: str, path: str) -> dt.date:
        value = node.get(key)
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise self.error(_line(node, key), _join(path, key), "expected a date as YYYY-MM-DD")
        return value


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _line(node: _Map, key: str) -> int | None:
    return node.key_lines.get(key, node.line)


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    return {
        _Map: "a mapping",
        _Seq: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
    }.get(type(value), type(value).__name__)


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


def load_content(directory: Path, translate: Translate | None = None) -> Content:
    """Read, check and (when `translate` is given) translate the pack in `directory`.

    Raises ContentError naming the file, line and field of the first problem found.
    """
    texts: list[TextEntry] = []
    data = {name: _read_yaml(directory / name) for name in FILES}

    def reader(name: str) -> _Reader:
        return _Reader(name, translate, texts)

    pack = _load_pack(reader("pack.yaml"), data["pack.yaml"])
    sources = _load_sources(reader("sources.yaml"), data["sources.yaml"])
    conditions, treatments = _load_conditions(reader("conditions.yaml"), data["conditions.yaml"])
    options, comparison = _load_options(reader("options.yaml"), data["options.yaml"])
    steps = _load_steps(reader("learn.yaml"), data["learn.yaml"])
    facts = _load_facts(reader("facts.yaml"), data["facts.yaml"])
    considerations = _load_considerations(
        reader("considerations.yaml"), data["considerations.yaml"]
    )
    concerns = _load_concerns(reader("concerns.yaml"), data["concerns.yaml"])
    categories, questions = _load_questions(reader("questions.yaml"), data["questions.yaml"])
    knowledge = _load_knowledge(reader("knowledge.yaml"), data["knowledge.yaml"])
    readiness = _load_readiness(reader("readiness.yaml"), data["readiness.yaml"])
    deliberation = _load_deliberation(reader("deliberation.yaml"), data["deliberation.yaml"])

    content = Content(
        pack=pack,
        sources=sources,
        conditions=conditions,
        treatments=treatments,
        options=options,
        comparison=comparison,
        steps=steps,
        facts=facts,
        considerations=considerations,
        concerns=concerns,
        categories=categories,
        questions=questions,
        knowledge=knowledge,
        readiness=readiness,
        deliberation=deliberation,
        texts=tuple(texts),
    )
    _check_references(content, data)
    return content


def _load_pack(r: _Reader, root: _Map) -> PackInfo:
    text_keys = (
        "title", "about_disease", "funding", "conflicts", "update_policy",
        "evidence_method", "evidence_quality", "review_status", "disclaimer",
    )  # fmt: skip
    node = r.mapping(
        root, "", root.line,
        ("id", "version", "last_reviewed", "review_by", "decision", "authors", "next_steps", *text_keys),
    )  # fmt: skip
    decision = r.mapping(
        node["decision"], "decision", _line(node, "decision") or 1, ("question", "summary")
    )
    authors: list[Author] = []
    for item, path, line in r.items(node, "authors", ""):
        author = r.mapping(item, path, line, ("name", "role"))
        ctx = f"pack/authors/{len(authors)}"
        authors.append(
            Author(
                r.text(author, "name", path, f"{ctx}/name"),
                r.text(author, "role", path, f"{ctx}/role"),
            )
        )
    texts = {key: r.text(node, key, "", f"pack/{key}") for key in text_keys}
    last_reviewed = r.date(node, "last_reviewed", "")
    review_by = r.date(node, "review_by", "")
    if review_by <= last_reviewed:
        raise r.error(_line(node, "review_by"), "review_by", "must be after last_reviewed")
    return PackInfo(
        id=r.ident(node, "id", ""),
        version=r.string(node, "version", ""),
        last_reviewed=last_reviewed,
        review_by=review_by,
        decision_question=r.text(decision, "question", "decision", "pack/decision/question"),
        decision_summary=r.text(decision, "summary", "decision", "pack/decision/summary"),
        authors=tuple(authors),
        next_steps=r.text_list(node, "next_steps", "", "pack/next_steps"),
        **texts,
    )


def _load_sources(r: _Reader, root: _Map) -> dict[str, Source]:
    r.mapping(root, "", root.line, ("sources",))
    result: dict[str, Source] = {}
    for node, path, _line_no, ident in r.entries(
        root, "sources", "", "source", ("citation", "url", "tag", "kind")
    ):
        source = Source(
            id=ident,
            citation=r.string(node, "citation", path),
            url=r.string(node, "url", path),
            tag=r.choice(node, "tag", path, _TAGS),
            kind=r.choice(node, "kind", path, _SOURCE_KINDS),
        )
        if not source.url.startswith(("https://", "http://")):
            raise r.error(_line(node, "url"), _join(path, "url"), "must be a web address")
        result[source.id] = source
    return result


def _load_conditions(r: _Reader, root: _Map) -> tuple[tuple[Condition, ...], tuple[Treatment, ...]]:
    r.mapping(root, "", root.line, ("conditions", "treatments"))
    treatments = tuple(
        Treatment(ident, r.text(node, "name", path, f"treatments/{ident}/name"))
        for node, path, _line_no, ident in r.entries(root, "treatments", "", "treatment", ("name",))
    )
    known = {t.id for t in treatments}
    conditions = []
    for node, path, line, ident in r.entries(
        root, "conditions", "", "condition",
        ("name", "description", "without_change", "evidence_summary", "treatments"),
    ):  # fmt: skip
        if ident == ALL_CONDITIONS:
            raise r.error(line, path, f"condition id {ident!r} is reserved for facts")
        ctx = f"conditions/{ident}"
        conditions.append(
            Condition(
                id=ident,
                name=r.text(node, "name", path, f"{ctx}/name"),
                description=r.text(node, "description", path, f"{ctx}/description"),
                without_change=r.text(node, "without_change", path, f"{ctx}/without_change"),
                evidence_summary=r.text(node, "evidence_summary", path, f"{ctx}/evidence_summary"),
                treatments=r.ids(node, "treatments", path),
            )
        )
        for tid in conditions[-1].treatments:
            if tid not in known:
                raise r.error(
                    _line(node, "treatments"),
                    _join(path, "treatments"),
                    f"unknown treatment {tid!r}",
                )
    return tuple(conditions), treatments


def _load_options(r: _Reader, root: _Map) -> tuple[tuple[Option, ...], tuple[ComparisonRow, ...]]:
    r.mapping(root, "", root.line, ("options", "comparison"))
    options = []
    for node, path, _line_no, ident in r.entries(
        root, "options", "", "option", ("name", "summary", "involves", "experience")
    ):
        ctx = f"options/{ident}"
        options.append(
            Option(
                id=ident,
                name=r.text(node, "name", path, f"{ctx}/name"),
                summary=r.text(node, "summary", path, f"{ctx}/summary"),
                involves=r.text_list(node, "involves", path, f"{ctx}/involves"),
                experience=r.text(node, "experience", path, f"{ctx}/experience"),
            )
        )
    if len(options) < 2:
        raise r.error(_line(root, "options"), "options", "a decision needs at least two options")
    option_ids = [o.id for o in options]
    rows = []
    for node, path, line, ident in r.entries(
        root, "comparison", "", "comparison row", ("label", "cells", "sources")
    ):
        cells_node = r.mapping(
            node["cells"], _join(path, "cells"), _line(node, "cells") or line, option_ids
        )
        cells = {
            oid: r.text(cells_node, oid, _join(path, "cells"), f"comparison/{ident}/{oid}")
            for oid in option_ids
        }
        rows.append(
            ComparisonRow(
                id=ident,
                label=r.text(node, "label", path, f"comparison/{ident}/label"),
                cells=cells,
                sources=r.ids(node, "sources", path),
            )
        )
    return tuple(options), tuple(rows)


def _load_steps(r: _Reader, root: _Map) -> tuple[Step, ...]:
    r.mapping(root, "", root.line, ("steps",))
    steps = []
    for node, path, _line_no, ident in r.entries(
        root, "steps", "", "step", ("title", "body", "sources"), ("duration",)
    ):
        ctx = f"steps/{ident}"
        steps.append(
            Step(
                id=ident,
                title=r.text(node, "title", path, f"{ctx}/title"),
                body=r.text(node, "body", path, f"{ctx}/body"),
                duration=r.text(node, "duration", path, f"{ctx}/duration", optional=True),
                sources=r.ids(node, "sources", path),
            )
        )
    return tuple(steps)


def _load_statistic(r: _Reader, node: Any, path: str, line: int, ctx: str) -> Statistic:
    node = r.mapping(
        node, path, line,
        ("events", "total", "population", "time_frame", "study", "source", "certainty", "setting"),
    )  # fmt: skip
    events = r.integer(node, "events", path, 0)
    total = r.integer(node, "total", path, 1)
    if events > total:
        raise r.error(
            _line(node, "events"), _join(path, "events"), f"{events} is more than the total {total}"
        )
    return Statistic(
        events=events,
        total=total,
        population=r.text(node, "population", path, f"{ctx}/population"),
        time_frame=r.text(node, "time_frame", path, f"{ctx}/time_frame"),
        study=r.text(node, "study", path, f"{ctx}/study"),
        source=r.ident(node, "source", path),
        certainty=r.choice(node, "certainty", path, ("very_low", "low", "moderate", "high")),  # type: ignore[arg-type]
        setting=r.choice(node, "setting", path, ("autoimmune", "cancer", "standard_care")),  # type: ignore[arg-type]
    )


def _load_facts(r: _Reader, root: _Map) -> tuple[Fact, ...]:
    r.mapping(root, "", root.line, ("facts",))
    facts = []
    for node, path, line, ident in r.entries(
        root, "facts", "", "fact",
        ("kind", "conditions", "option", "title", "body", "sources"), ("statistic",),
    ):  # fmt: skip
        ctx = f"facts/{ident}"
        kind = r.choice(node, "kind", path, ("benefit", "risk", "unknown"))
        statistic = None
        if "statistic" in node:
            if kind == "unknown":
                raise r.error(
                    _line(node, "statistic"), _join(path, "statistic"), "an unknown has no number"
                )
            statistic = _load_statistic(
                r,
                node["statistic"],
                _join(path, "statistic"),
                _line(node, "statistic") or line,
                f"{ctx}/statistic",
            )
        facts.append(
            Fact(
                id=ident,
                kind=kind,  # type: ignore[arg-type]
                conditions=r.ids(node, "conditions", path),
                option=r.ident(node, "option", path),
                title=r.text(node, "title", path, f"{ctx}/title"),
                body=r.text(node, "body", path, f"{ctx}/body"),
                statistic=statistic,
                sources=r.ids(node, "sources", path),
            )
        )
    return tuple(facts)


def _load_considerations(r: _Reader, root: _Map) -> tuple[Consideration, ...]:
    r.mapping(root, "", root.line, ("considerations",))
    result: list[Consideration] = []
    for node, path, _line_no, ident in r.entries(
        root, "considerations", "", "consideration",
        ("label", "description", "low_label", "high_label", "favours"),
    ):  # fmt: skip
        ctx = f"considerations/{ident}"
        result.append(
            Consideration(
                id=ident,
                label=r.text(node, "label", path, f"{ctx}/label"),
                description=r.text(node, "description", path, f"{ctx}/description"),
                low_label=r.text(node, "low_label", path, f"{ctx}/low_label"),
                high_label=r.text(node, "high_label", path, f"{ctx}/high_label"),
                favours=r.ident(node, "favours", path),
            )
        )
    return tuple(result)


def _load_concerns(r: _Reader, root: _Map) -> tuple[Concern, ...]:
    r.mapping(root, "", root.line, ("concerns",))
    return tuple(
        Concern(ident, r.text(node, "label", path, f"concerns/{ident}/label"))
        for node, path, _line_no, ident in r.entries(root, "concerns", "", "concern", ("label",))
    )


def _load_questions(r: _Reader, root: _Map) -> tuple[tuple[Category, ...], tuple[Question, ...]]:
    r.mapping(root, "", root.line, ("categories", "questions"))
    categories = tuple(
        Category(ident, r.text(node, "title", path, f"categories/{ident}/title"))
        for node, path, _line_no, ident in r.entries(root, "categories", "", "category", ("title",))
    )
    questions: list[Question] = []
    for node, path, line, ident in r.entries(
        root, "questions", "", "question", ("category", "text"), ("core", "raised_by")
    ):
        raised = RaisedBy()
        if "raised_by" in node:
            rpath = _join(path, "raised_by")
            kinds = ("considerations", "concerns", "knowledge", "readiness", "conditions")
            rnode = r.mapping(node["raised_by"], rpath, _line(node, "raised_by") or line, (), kinds)
            raised = RaisedBy(**{k: r.ids(rnode, k, rpath, optional=True) for k in kinds})
        core = r.boolean(node, "core", path)
        if not core and raised.is_empty():
            raise r.error(line, path, "a question that is not core must be raised by something")
        questions.append(
            Question(
                id=ident,
                category=r.ident(node, "category", path),
                text=r.text(node, "text", path, f"questions/{ident}/text"),
                core=core,
                raised_by=raised,
            )
        )
    return categories, tuple(questions)


def _load_knowledge(r: _Reader, root: _Map) -> tuple[KnowledgeItem, ...]:
    r.mapping(root, "", root.line, ("items",))
    result: list[KnowledgeItem] = []
    for node, path, _line_no, ident in r.entries(
        root, "items", "", "knowledge", ("prompt", "choices", "correct", "explanation", "sources")
    ):
        ctx = f"knowledge/{ident}"
        choices = [
            Choice(cid, r.text(cnode, "text", cpath, f"{ctx}/choices/{cid}"))
            for cnode, cpath, _cline, cid in r.entries(node, "choices", path, "choice", ("text",))
        ]
        if len(choices) < 2:
            raise r.error(
                _line(node, "choices"), _join(path, "choices"), "needs at least two choices"
            )
        correct = r.ident(node, "correct", path)
        if correct not in {c.id for c in choices}:
            raise r.error(
                _line(node, "correct"),
                _join(path, "correct"),
                f"{correct!r} is not one of the choices",
            )
        result.append(
            KnowledgeItem(
                id=ident,
                prompt=r.text(node, "prompt", path, f"{ctx}/prompt"),
                choices=tuple(choices),
                correct=correct,
                explanation=r.text(node, "explanation", path, f"{ctx}/explanation"),
                sources=r.ids(node, "sources", path),
            )
        )
    return tuple(result)


def _load_readiness(r: _Reader, root: _Map) -> tuple[ReadinessItem, ...]:
    r.mapping(root, "", root.line, ("items",))
    return tuple(
        ReadinessItem(
            ident,
            r.text(node, "prompt", path, f"readiness/{ident}/prompt"),
            r.text(node, "help", path, f"readiness/{ident}/help", optional=True),
        )
        for node, path, _line_no, ident in r.entries(
            root, "items", "", "readiness", ("prompt",), ("help",)
        )
    )


def _load_deliberation(r: _Reader, root: _Map) -> Deliberation:
    r.mapping(root, "", root.line, ("leaning", "sure"))
    leaning = r.mapping(
        root["leaning"], "leaning", _line(root, "leaning") or 1, ("prompt", "unsure_label")
    )
    sure = r.mapping(root["sure"], "sure", _line(root, "sure") or 1, ("source", "items"))
    items = tuple(
        SureItem(ident, r.text(node, "prompt", path, f"sure/{ident}/prompt"))
        for node, path, _line_no, ident in r.entries(sure, "items", "sure", "SURE", ("prompt",))
    )
    return Deliberation(
        leaning_prompt=r.text(leaning, "prompt", "leaning", "leaning/prompt"),
        unsure_label=r.text(leaning, "unsure_label", "leaning", "leaning/unsure_label"),
        sure_source=r.ident(sure, "source", "sure"),
        sure_items=items,
    )


def _check_references(content: Content, data: Mapping[str, _Map]) -> None:
    """Every id that one part of the pack names must exist in another."""
    sources = set(content.sources)
    conditions = {c.id for c in content.conditions} | {ALL_CONDITIONS}
    options = {o.id for o in content.options}

    def check(
        file: str, top: str, item_id: str, fld: str, refs: Sequence[str], known: set[str], what: str
    ) -> None:
        for ref in refs:
            if ref not in known:
                node, line = _find(data[file], top, item_id)
                raise ContentError(
                    file,
                    _line(node, fld.split(".")[0]) if node else line,
                    f"{top}[{item_id}].{fld}",
                    f"unknown {what} {ref!r}",
                )

    for row in content.comparison:
        check("options.yaml", "comparison", row.id, "sources", row.sources, sources, "source")
    for step in content.steps:
        check("learn.yaml", "steps", step.id, "sources", step.sources, sources, "source")
    for fact in content.facts:
        check("facts.yaml", "facts", fact.id, "sources", fact.sources, sources, "source")
        check(
            "facts.yaml", "facts", fact.id, "conditions", fact.conditions, conditions, "condition"
        )
        check("facts.yaml", "facts", fact.id, "option", (fact.option,), options, "option")
        if fact.statistic:
            check(
                "facts.yaml",
                "facts",
                fact.id,
                "statistic",
                (fact.statistic.source,),
                sources,
                "source",
            )
    for cons in content.considerations:
        check(
            "considerations.yaml",
            "considerations",
            cons.id,
            "favours",
            (cons.favours,),
            options,
            "option",
        )
    for item in content.knowledge:
        check("knowledge.yaml", "items", item.id, "sources", item.sources, sources, "source")
    categories = {c.id for c in content.categories}
    kinds = {
        "considerations": {c.id for c in content.considerations},
        "concerns": {c.id for c in content.concerns},
        "knowledge": {k.id for k in content.knowledge},
        "readiness": {x.id for x in content.readiness},
        "conditions": conditions - {ALL_CONDITIONS},
    }
    for q in content.questions:
        check(
            "questions.yaml", "questions", q.id, "category", (q.category,), categories, "category"
        )
        for kind, known in kinds.items():
            refs = getattr(q.raised_by, kind)
            check(
                "questions.yaml",
                "questions",
                q.id,
                "raised_by",
                refs,
                known,
                kind.rstrip("s") if kind != "knowledge" else "knowledge item",
            )
    check(
        "deliberation.yaml",
        "sure",
        "source",
        "source",
        (content.deliberation.sure_source,),
        sources,
        "source",
    )
    if len(content.deliberation.sure_items) != 4:
        raise ContentError(
            "deliberation.yaml",
            _line(data["deliberation.yaml"], "sure"),
            "sure.items",
            "the SURE check has exactly 4 items",
        )


def _find(root: _Map, top: str, item_id: str) -> tuple[_Map | None, int | None]:
    """The mapping for item `item_id` in the list `top`, for error lines."""
    value = root.get(top)
    if isinstance(value, _Seq):
        for item, line in zip(value, value.item_lines, strict=True):
            if isinstance(item, _Map) and item.get("id") == item_id:
                return item, line
    if isinstance(value, _Map):
        return value, value.line
    return None, root.line
