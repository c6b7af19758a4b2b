# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The content model: frozen dataclasses for everything the pack says, and its one error type."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal, TypeVar

FactKind = Literal["benefit", "risk", "unknown"]
Certainty = Literal["very_low", "low", "moderate", "high"]
Setting = Literal["autoimmune", "cancer", "standard_care"]

ALL_CONDITIONS: Final = "all"
RATING_MAX: Final = 4
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
    """A citation backing a statement (IPDAS C2): who, what, where, and a canonical identifier.

    `url` and `citation` are built from the fields, so a person who follows a source lands on
    the paper, the trial registry or the regulator, never on a mirror (`read_at` is not shown).
    """

    id: str
    authors: str
    title: str
    journal: str  # a journal, or "" when the source is a web page with a `publisher`
    publisher: str
    year: int
    kind: str  # one of schema.SOURCE_KINDS
    accessed: dt.date
    doi: str
    pmid: str
    pmcid: str
    nct: str
    eudract: str
    official_url: str  # the `url` key: a regulator's or a recognised body's own page
    read_at: str  # where the text was read, if elsewhere; never shown

    @property
    def url(self) -> str:
        """The address shown to people, built from the strongest identifier."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        if self.pmcid:
            return f"https://pmc.ncbi.nlm.nih.gov/articles/{self.pmcid}/"
        if self.nct:
            return f"https://clinicaltrials.gov/study/{self.nct}"
        if self.eudract:
            return f"https://www.clinicaltrialsregister.eu/ctr-search/search?query={self.eudract}"
        return self.official_url

    @property
    def citation(self) -> str:
        """One line in a familiar style: authors. Title. Journal. Year. Identifiers."""
        ids = [
            f"doi:{self.doi}" if self.doi else "",
            f"PMID {self.pmid}" if self.pmid else "",
            self.pmcid,
            f"ClinicalTrials.gov {self.nct}" if self.nct else "",
            f"EudraCT {self.eudract}" if self.eudract else "",
        ]
        where = self.journal or self.publisher
        where = "" if where == self.authors else where
        parts = [p for p in (self.authors, self.title, where, str(self.year), *ids) if p]
        return " ".join(p if p.endswith((".", "?", "!")) else f"{p}." for p in parts)


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

    @property
    def review_interval(self) -> dt.timedelta:
        """The declared review interval: review_by - last_reviewed (the evidence search date)."""
        return self.review_by - self.last_reviewed


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
