# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The pack's shape as data: one table per record and per file, read by `load.py`.

A new field is one `Field(...)` line in the record's table plus the attribute on its
dataclass in `model.py`; reading, type checks, translation and reference checks follow.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

from decisionaid.content.model import (
    ALL_CONDITIONS,
    Author,
    Category,
    Choice,
    ComparisonRow,
    Concern,
    Condition,
    Consideration,
    Deliberation,
    Fact,
    KnowledgeItem,
    Option,
    PackInfo,
    Question,
    RaisedBy,
    ReadinessItem,
    Source,
    Statistic,
    Step,
    SureItem,
    Treatment,
)
from decisionaid.content.yamlread import Map, Reader, join, line_of


class Kind(enum.Enum):
    """What a field holds."""

    STR = "text"  # translatable when Field.translatable
    STRS = "list of texts"
    URL = "web address"
    ID = "id"
    IDS = "list of ids"
    CHOICE = "one of a closed list"
    CODE = "identifier"  # text (or digits) matching Field.pattern
    INT = "whole number"
    BOOL = "true or false"
    DATE = "date"
    RECORD = "mapping"  # read with Field.record
    RECORDS = "list of mappings"  # keyed by their `id` field when they have one
    STR_BY = "text per id"  # a mapping whose keys are exactly the ids of Field.ref


# A record check receives the reader, the record's mapping, its path, its line and the values read.
Check = Callable[[Reader, Map, str, int, dict[str, Any]], None]


@dataclass(frozen=True)
class Field:
    """One YAML key: its kind, whether it is required, translatable, and what ids it names.

    Attributes:
        key: the YAML key.
        kind: what it holds.
        required: whether the key must be present; an absent optional field takes `default`.
        translatable: whether its text goes through the `content` gettext domain.
        ref: the record kind (`Record.what`) its ids must name, checked once the pack is read.
        also: ids accepted besides those of `ref` (facts may name the condition "all").
        choices: the closed list of a CHOICE.
        pattern: the regular expression a CODE must match in full.
        target: a rule on each record the field's ids name, checked with the references: it
            returns why that record may not be named here, or "" when it may.
        minimum: the least value of an INT.
        record: the shape of a RECORD or of each item of RECORDS.
        attr: the dataclass attribute when it differs from the key.
        context: the msgctxt segment when it differs from the key ("" for the parent's own).
        default: the value of an absent optional field.
    """

    key: str
    kind: Kind
    required: bool = True
    translatable: bool = False
    ref: str | None = None
    also: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    pattern: str = ""
    target: Callable[[Any], str] | None = None
    minimum: int = 0
    record: Record | None = None
    attr: str = ""
    context: str | None = None
    default: Any = None

    @property
    def name(self) -> str:
        """The dataclass attribute this field fills."""
        return self.attr or self.key


@dataclass(frozen=True)
class Record:
    """A mapping's fields, the dataclass they build and the checks across fields.

    `make` None merges the fields into the enclosing record (a YAML group that the model
    flattens, such as pack.yaml's `decision`). `what` names the record in messages and is
    the kind other fields' `ref` point to.
    """

    what: str
    make: Callable[..., Any] | None
    fields: tuple[Field, ...]
    checks: tuple[Check, ...] = ()


@dataclass(frozen=True)
class ContentFile:
    """One file of the pack: its root record, where it lands in `Content`, its msgctxt root."""

    name: str
    record: Record
    attr: str | None = None
    context: str = ""


def _text(key: str, **kw: Any) -> Field:
    return Field(key, Kind.STR, translatable=True, **kw)


def _texts(key: str) -> Field:
    return Field(key, Kind.STRS, translatable=True)


def _records(key: str, record: Record, **kw: Any) -> Field:
    return Field(key, Kind.RECORDS, record=record, **kw)


ID: Final = Field("id", Kind.ID)
SOURCES: Final = Field("sources", Kind.IDS, ref="source")


# --- sources ---------------------------------------------------------------------------------

SOURCE_KINDS: Final = (
    "trial-publication",
    "case-report",
    "review",
    "guideline",
    "registry-entry",
    "regulator",
    "patient-guide",
    "news",
)
# Sources published in a journal: each needs a DOI or a PMID.
JOURNAL_KINDS: Final = ("trial-publication", "case-report", "review")
# Where a `regulator` source's address may point (the host or a subdomain of it).
OFFICIAL_DOMAINS: Final = (
    "fda.gov",
    "ema.europa.eu",
    "nice.org.uk",
    "mhra.gov.uk",
    "gov.uk",
    "nih.gov",
    "cdc.gov",
    "who.int",
    "europa.eu",
    "hra.nhs.uk",
    "clinicaltrials.gov",
)


def _identifier(key: str, pattern: str) -> Field:
    return Field(key, Kind.CODE, required=False, pattern=pattern, default="")


def official(url: str) -> bool:
    """Whether `url` is an https address on one of OFFICIAL_DOMAINS or a subdomain of one."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and any(
        host == d or host.endswith(f".{d}") for d in OFFICIAL_DOMAINS
    )


def _journal_or_publisher(r: Reader, node: Map, path: str, line: int, v: dict[str, Any]) -> None:
    if bool(v["journal"]) == bool(v["publisher"]):
        where = line_of(node, "publisher") if v["journal"] else line
        raise r.error(where, join(path, "journal"), "give either a journal or a publisher")


def _canonical(r: Reader, node: Map, path: str, line: int, v: dict[str, Any]) -> None:
    """The identifier a source needs for its kind; the link shown is built from it."""
    kind, url = v["kind"], v["official_url"]
    if url and not url.startswith("https://"):
        raise r.error(line_of(node, "url"), join(path, "url"), "must be an https:// address")
    if kind in JOURNAL_KINDS and not (v["doi"] or v["pmid"]):
        raise r.error(line, join(path, "doi"), f"a {kind} source needs a doi or a pmid")
    if kind == "registry-entry" and not (v["nct"] or v["eudract"]):
        raise r.error(line, join(path, "nct"), "a registry-entry needs an nct or eudract id")
    if kind == "regulator" and not official(url):
        raise r.error(
            line_of(node, "url") if url else line,
            join(path, "url"),
            f"a regulator source needs a url on an official domain ({', '.join(OFFICIAL_DOMAINS)})",
        )
    if not any(v[key] for key in ("doi", "pmid", "pmcid", "nct", "eudract", "official_url")):
        raise r.error(line, join(path, "url"), "needs a doi, pmid, pmcid, nct, eudract or url")


def _not_news(source: Source) -> str:
    if source.kind == "news":
        return "a number needs a source that is not news (a study, registry or regulator)"
    return ""


# --- checks across fields -------------------------------------------------------------------


def _reviewed_before_review_by(
    r: Reader, node: Map, path: str, line: int, v: dict[str, Any]
) -> None:
    if v["review_by"] <= v["last_reviewed"]:
        raise r.error(
            line_of(node, "review_by"), join(path, "review_by"), "must be after last_reviewed"
        )


def _not_all(r: Reader, node: Map, path: str, line: int, v: dict[str, Any]) -> None:
    if v["id"] == ALL_CONDITIONS:
        raise r.error(line, path, f"condition id {ALL_CONDITIONS!r} is reserved for facts")


def _two_options(r: Reader, node: Map, path: str, line: int, v: dict[str, Any]) -> None:
    if len(v["options"]) < 2:
        raise r.error(line_of(node, "options"), "options", "a decision needs at least two options")


def _events_within_total(r: Reader, node: Map, path: str, line: int, v: dict[str, Any]) -> None:
    if v["events"] > v["total"]:
        where = join(path, "events")
        raise r.error(
            line_of(node, "events"), where, f"{v['events']} is more than the total {v['total']}"
        )


def _unknowns_have_no_number(r: Reader, node: Map, path: str, line: int, v: dict[str, Any]) -> None:
    if v["kind"] == "unknown" and v["statistic"] is not None:
        where = join(path, "statistic")
        raise r.error(line_of(node, "statistic"), where, "an unknown has no number")


def _raised_unless_core(r: Reader, node: Map, path: str, line: int, v: dict[str, Any]) -> None:
    if not v["core"] and v["raised_by"].is_empty():
        raise r.error(line, path, "a question that is not core must be raised by something")


def _correct_is_a_choice(r: Reader, node: Map, path: str, line: int, v: dict[str, Any]) -> None:
    if len(v["choices"]) < 2:
        raise r.error(line_of(node, "choices"), join(path, "choices"), "needs at least two choices")
    if v["correct"] not in {c.id for c in v["choices"]}:
        where = join(path, "correct")
        raise r.error(
            line_of(node, "correct"), where, f"{v['correct']!r} is not one of the choices"
        )


def _four_sure_items(r: Reader, node: Map, path: str, line: int, v: dict[str, Any]) -> None:
    if len(v["sure_items"]) != 4:
        where = join(path, "items")
        raise r.error(line_of(node, "items"), where, "the SURE check has exactly 4 items")


# --- records --------------------------------------------------------------------------------

# Bibliographic fields are not translated. Exactly one of journal and publisher.
SOURCE = Record("source", Source, (
    ID,
    Field("authors", Kind.STR),
    Field("title", Kind.STR),
    Field("journal", Kind.STR, required=False, default=""),
    Field("publisher", Kind.STR, required=False, default=""),
    Field("year", Kind.INT, minimum=1900),
    Field("kind", Kind.CHOICE, choices=SOURCE_KINDS),
    Field("accessed", Kind.DATE),
    _identifier("doi", r"10\.\d{4,9}/\S+"),
    _identifier("pmid", r"[1-9][0-9]{0,8}"),
    _identifier("pmcid", r"PMC[0-9]+"),
    _identifier("nct", r"NCT[0-9]{8}"),
    _identifier("eudract", r"(19|20)[0-9]{2}-[0-9]{6}-[0-9]{2}"),
    Field("url", Kind.URL, required=False, attr="official_url", default=""),
    Field("read_at", Kind.URL, required=False, default=""),
), checks=(_journal_or_publisher, _canonical))  # fmt: skip

TREATMENT = Record("treatment", Treatment, (ID, _text("name")))

CONDITION = Record("condition", Condition, (
    ID,
    _text("name"),
    _text("description"),
    _text("without_change"),
    _text("evidence_summary"),
    Field("treatments", Kind.IDS, ref="treatment"),
), checks=(_not_all,))  # fmt: skip

OPTION = Record("option", Option, (
    ID, _text("name"), _text("summary"), _texts("involves"), _text("experience"),
))  # fmt: skip

COMPARISON_ROW = Record("comparison row", ComparisonRow, (
    ID,
    _text("label"),
    Field("cells", Kind.STR_BY, translatable=True, ref="option", context=""),
    SOURCES,
))  # fmt: skip

STEP = Record("step", Step, (
    ID, _text("title"), _text("body"), _text("duration", required=False, default=""), SOURCES,
))  # fmt: skip

STATISTIC = Record("statistic", Statistic, (
    Field("events", Kind.INT, minimum=0),
    Field("total", Kind.INT, minimum=1),
    _text("population"),
    _text("time_frame"),
    _text("study"),
    Field("source", Kind.ID, ref="source", target=_not_news),
    Field("certainty", Kind.CHOICE, choices=("very_low", "low", "moderate", "high")),
    Field("setting", Kind.CHOICE, choices=("autoimmune", "cancer", "standard_care")),
), checks=(_events_within_total,))  # fmt: skip

FACT = Record("fact", Fact, (
    ID,
    Field("kind", Kind.CHOICE, choices=("benefit", "risk", "unknown")),
    Field("conditions", Kind.IDS, ref="condition", also=(ALL_CONDITIONS,)),
    Field("option", Kind.ID, ref="option"),
    _text("title"),
    _text("body"),
    Field("statistic", Kind.RECORD, required=False, record=STATISTIC),
    SOURCES,
), checks=(_unknowns_have_no_number,))  # fmt: skip

CONSIDERATION = Record("consideration", Consideration, (
    ID,
    _text("label"),
    _text("description"),
    _text("low_label"),
    _text("high_label"),
    Field("favours", Kind.ID, ref="option"),
))  # fmt: skip

CONCERN = Record("concern", Concern, (ID, _text("label")))

CATEGORY = Record("category", Category, (ID, _text("title")))


def _raised(key: str, ref: str) -> Field:
    return Field(key, Kind.IDS, required=False, ref=ref, default=())


RAISED_BY = Record("raised_by", RaisedBy, (
    _raised("considerations", "consideration"),
    _raised("concerns", "concern"),
    _raised("knowledge", "knowledge item"),
    _raised("readiness", "readiness item"),
    _raised("conditions", "condition"),
))  # fmt: skip

QUESTION = Record("question", Question, (
    ID,
    Field("category", Kind.ID, ref="category"),
    _text("text"),
    Field("core", Kind.BOOL, required=False, default=False),
    Field("raised_by", Kind.RECORD, required=False, record=RAISED_BY, default=RaisedBy()),
), checks=(_raised_unless_core,))  # fmt: skip

CHOICE = Record("choice", Choice, (ID, _text("text", context="")))

KNOWLEDGE_ITEM = Record("knowledge item", KnowledgeItem, (
    ID,
    _text("prompt"),
    _records("choices", CHOICE),
    Field("correct", Kind.ID),
    _text("explanation"),
    SOURCES,
), checks=(_correct_is_a_choice,))  # fmt: skip

READINESS_ITEM = Record("readiness item", ReadinessItem, (
    ID, _text("prompt"), _text("help", required=False, default=""),
))  # fmt: skip

SURE_ITEM = Record("SURE", SureItem, (ID, _text("prompt")))

AUTHOR = Record("author", Author, (_text("name"), _text("role")))

PACK = Record("pack", PackInfo, (
    ID,
    Field("version", Kind.STR),
    Field("last_reviewed", Kind.DATE),
    Field("review_by", Kind.DATE),
    Field("decision", Kind.RECORD, record=Record("decision", None, (
        _text("question", attr="decision_question"),
        _text("summary", attr="decision_summary"),
    ))),
    _records("authors", AUTHOR),
    _texts("next_steps"),
    _text("title"),
    _text("about_disease"),
    _text("funding"),
    _text("conflicts"),
    _text("update_policy"),
    _text("evidence_method"),
    _text("evidence_quality"),
    _text("review_status"),
    _text("disclaimer"),
), checks=(_reviewed_before_review_by,))  # fmt: skip

DELIBERATION = Record("deliberation", Deliberation, (
    Field("leaning", Kind.RECORD, record=Record("leaning", None, (
        _text("prompt", attr="leaning_prompt"),
        _text("unsure_label"),
    ))),
    Field("sure", Kind.RECORD, record=Record("sure", None, (
        Field("source", Kind.ID, ref="source", attr="sure_source"),
        _records("items", SURE_ITEM, attr="sure_items", context=""),
    ), checks=(_four_sure_items,))),
))  # fmt: skip


def _file(name: str, *fields: Field, checks: tuple[Check, ...] = ()) -> ContentFile:
    """A file whose top-level keys are fields of `Content` itself."""
    return ContentFile(name, Record(name, None, fields, checks))


# In loading order; each file's records land in the `Content` attribute of the same name.
PACK_FILES: Final = (
    ContentFile("pack.yaml", PACK, attr="pack", context="pack"),
    _file("sources.yaml", _records("sources", SOURCE)),
    _file("conditions.yaml", _records("treatments", TREATMENT), _records("conditions", CONDITION)),
    _file("options.yaml", _records("options", OPTION), _records("comparison", COMPARISON_ROW), checks=(_two_options,)),
    _file("learn.yaml", _records("steps", STEP)),
    _file("facts.yaml", _records("facts", FACT)),
    _file("considerations.yaml", _records("considerations", CONSIDERATION)),
    _file("concerns.yaml", _records("concerns", CONCERN)),
    _file("questions.yaml", _records("categories", CATEGORY), _records("questions", QUESTION)),
    _file("knowledge.yaml", _records("items", KNOWLEDGE_ITEM, attr="knowledge", context="knowledge")),
    _file("readiness.yaml", _records("items", READINESS_ITEM, attr="readiness", context="readiness")),
    ContentFile("deliberation.yaml", DELIBERATION, attr="deliberation"),
)  # fmt: skip
FILES: Final = tuple(f.name for f in PACK_FILES)
