# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""What the person said: an immutable record with pure updates and a documented file format."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal

if TYPE_CHECKING:
    import yaml

    from decisionaid.content import Content
    from decisionaid.untrusted import Lines

# PyYAML and the bounded reader (untrusted) are imported when a document is read or written,
# and the content model when answers are checked against it: the first page needs none.

FORMAT: Final = "decisionaid-answers"
FORMAT_VERSION: Final = 1
READINESS_VALUES: Final = ("yes", "unsure", "no")
UNSURE: Final = "unsure"
MAX_TEXT: Final = 100_000  # characters in any one free-text answer
MAX_LIST: Final = 200  # entries in any one list of answers

Field = tuple[str, ...]

Step = Literal["about_you", "knowledge", "values", "readiness", "leaning", "questions"]


class AnswersError(ValueError):
    """An answers file or value that cannot be used; the message names the field, never its value.

    Attributes:
        field: where in the file the problem is, e.g. ("ratings", "fatigue"); empty if nowhere.
    """

    def __init__(self, message: str, field: Field = ()) -> None:
        super().__init__(message)
        self.field = field

    def located(self, lines: Lines) -> AnswersError:
        """A copy that starts with the line of its field (or of the nearest enclosing one)."""
        for end in range(len(self.field), 0, -1):
            line = lines.get(self.field[:end])
            if line is not None:
                return AnswersError(f"line {line}: {self}")
        return self


def _frozen(mapping: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    """A read-only mapping: `mapping` itself if it is one already, else a copy."""
    if isinstance(mapping, MappingProxyType):
        return mapping
    return MappingProxyType(dict(mapping or {}))


class Answers:
    """Everything the person entered; pages make a new one with the `with_*` helpers.

    Attributes:
        language: the language code the person chose.
        condition: a condition id from the pack, or None before they choose.
        treatments_tried: treatment ids they have already had.
        ratings: consideration id -> 0..RATING_MAX.
        concerns: concern ids they ticked.
        own_concerns: worries in their own words.
        knowledge: knowledge item id -> chosen choice id.
        readiness: readiness item id -> "yes" | "unsure" | "no".
        leaning: an option id, "unsure", or None.
        sure: SURE item id -> yes (True) or no (False).
        chosen_questions: suggested question ids they kept, in their order.
        own_questions: questions in their own words.
        notes: anything else they want to bring.

    Immutable and compared by value, as a frozen dataclass would be, but written out: the
    first page makes one, and on Python 3.11 importing `dataclasses` and creating this class
    as one cost the start-up 2.3 ms. Its repr names no answer, so none can reach a log.
    """

    FIELDS: ClassVar[tuple[str, ...]] = (
        "language",
        "condition",
        "treatments_tried",
        "ratings",
        "concerns",
        "own_concerns",
        "knowledge",
        "readiness",
        "leaning",
        "sure",
        "chosen_questions",
        "own_questions",
        "notes",
    )
    __slots__ = FIELDS

    language: str
    condition: str | None
    treatments_tried: tuple[str, ...]
    ratings: Mapping[str, int]
    concerns: tuple[str, ...]
    own_concerns: tuple[str, ...]
    knowledge: Mapping[str, str]
    readiness: Mapping[str, str]
    leaning: str | None
    sure: Mapping[str, bool]
    chosen_questions: tuple[str, ...]
    own_questions: tuple[str, ...]
    notes: str

    def __init__(
        self,
        language: str = "en",
        condition: str | None = None,
        treatments_tried: tuple[str, ...] = (),
        ratings: Mapping[str, int] | None = None,
        concerns: tuple[str, ...] = (),
        own_concerns: tuple[str, ...] = (),
        knowledge: Mapping[str, str] | None = None,
        readiness: Mapping[str, str] | None = None,
        leaning: str | None = None,
        sure: Mapping[str, bool] | None = None,
        chosen_questions: tuple[str, ...] = (),
        own_questions: tuple[str, ...] = (),
        notes: str = "",
    ) -> None:
        values = (
            language,
            condition,
            treatments_tried,
            _frozen(ratings),
            concerns,
            own_concerns,
            _frozen(knowledge),
            _frozen(readiness),
            leaning,
            _frozen(sure),
            chosen_questions,
            own_questions,
            notes,
        )
        for name, value in zip(self.FIELDS, values, strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Answers cannot be changed; replace() makes a new one ({name})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Answers cannot be changed; replace() makes a new one ({name})")

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Answers):
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # its mappings are not hashable either

    def __repr__(self) -> str:
        return f"Answers(language={self.language!r}, ...)"  # never an answer: reprs reach logs

    # -- pure updates ---------------------------------------------------------------------

    def replace(self, **changes: Any) -> Answers:
        """A copy with some fields changed (TypeError for a name that is not a field)."""
        unknown = changes.keys() - set(self.FIELDS)
        if unknown:
            raise TypeError(f"Answers has no field {', '.join(sorted(unknown))}")
        return Answers(**{name: changes.get(name, getattr(self, name)) for name in self.FIELDS})

    def with_rating(self, consideration_id: str, value: int | None) -> Answers:
        """A copy with one rating set (or cleared with None)."""
        from decisionaid.content import RATING_MAX

        ratings = dict(self.ratings)
        if value is None:
            ratings.pop(consideration_id, None)
        else:
            if not 0 <= value <= RATING_MAX:
                raise AnswersError(f"a rating must be between 0 and {RATING_MAX}")
            ratings[consideration_id] = value
        return self.replace(ratings=ratings)

    def with_knowledge(self, item_id: str, choice_id: str | None) -> Answers:
        """A copy with one knowledge-check answer set or cleared."""
        return self.replace(knowledge=_set(self.knowledge, item_id, choice_id))

    def with_readiness(self, item_id: str, value: str | None) -> Answers:
        """A copy with one readiness answer set or cleared."""
        if value is not None and value not in READINESS_VALUES:
            raise AnswersError(f"readiness must be one of {', '.join(READINESS_VALUES)}")
        return self.replace(readiness=_set(self.readiness, item_id, value))

    def with_sure(self, item_id: str, value: bool | None) -> Answers:
        """A copy with one SURE answer set or cleared."""
        return self.replace(sure=_set(self.sure, item_id, value))

    def with_concern(self, concern_id: str, ticked: bool) -> Answers:
        """A copy with a concern ticked or unticked, keeping pack order stable."""
        rest = tuple(c for c in self.concerns if c != concern_id)
        return self.replace(concerns=(*rest, concern_id) if ticked else rest)

    def with_question(self, question_id: str, chosen: bool) -> Answers:
        """A copy with a suggested question kept or dropped."""
        rest = tuple(q for q in self.chosen_questions if q != question_id)
        return self.replace(chosen_questions=(*rest, question_id) if chosen else rest)

    # -- what is still needed --------------------------------------------------------------

    def missing(self, content: Content, step: Step) -> tuple[str, ...]:
        """Ids of what a step still needs before the person can go on (empty: complete).

        Only required answers count; optional ones (knowledge check, readiness, own
        questions) never block.
        """
        if step == "about_you":
            return () if self.condition else ("condition",)
        if step == "values":
            return tuple(c.id for c in content.considerations if c.id not in self.ratings)
        if step == "leaning":
            needed = [] if self.leaning else ["leaning"]
            needed += [s.id for s in content.deliberation.sure_items if s.id not in self.sure]
            return tuple(needed)
        return ()

    # -- file format -----------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Plain data in the documented file format (docs/answers-format.md)."""
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "language": self.language,
            "condition": self.condition,
            "treatments_tried": list(self.treatments_tried),
            "ratings": dict(self.ratings),
            "concerns": list(self.concerns),
            "own_concerns": list(self.own_concerns),
            "knowledge": dict(self.knowledge),
            "readiness": dict(self.readiness),
            "leaning": self.leaning,
            "sure": dict(self.sure),
            "chosen_questions": list(self.chosen_questions),
            "own_questions": list(self.own_questions),
            "notes": self.notes,
        }

    @classmethod
    def from_dict(cls, data: object) -> Answers:
        """Read the file format, checking types; raises AnswersError with a plain message."""
        if not isinstance(data, dict):
            raise AnswersError("the answers file must hold a mapping of fields")
        if data.get("format") != FORMAT:
            raise AnswersError(f"this is not a decisionaid answers file (format: {FORMAT})")
        version = data.get("version")
        if isinstance(version, bool) or version != FORMAT_VERSION:
            raise AnswersError(
                f"unsupported answers file version (this program reads version {FORMAT_VERSION})",
                ("version",),
            )
        known = {*cls.FIELDS, "format", "version"}
        for key in data:
            if key not in known:
                raise AnswersError(
                    f"unknown field (known fields: {', '.join(sorted(known))})", (str(key),)
                )
        return cls(
            language=_str(data, "language", "en"),
            condition=_opt_str(data, "condition"),
            treatments_tried=_str_tuple(data, "treatments_tried"),
            ratings=_mapping(data, "ratings", int),
            concerns=_str_tuple(data, "concerns"),
            own_concerns=_str_tuple(data, "own_concerns"),
            knowledge=_mapping(data, "knowledge", str),
            readiness=_mapping(data, "readiness", str),
            leaning=_opt_str(data, "leaning"),
            sure=_mapping(data, "sure", bool),
            chosen_questions=_str_tuple(data, "chosen_questions"),
            own_questions=_str_tuple(data, "own_questions"),
            notes=_str(data, "notes", ""),
        )

    def dumps(self) -> str:
        """The answers as a YAML document (JSON is valid input too)."""
        import yaml

        return yaml.dump(self.to_dict(), Dumper=_dumper(), allow_unicode=True, sort_keys=False)

    @classmethod
    def loads(cls, text: str) -> Answers:
        """Parse a YAML or JSON answers document."""
        return load_document(text)[0]

    def validate(self, content: Content, lines: Lines | None = None) -> Answers:
        """Check every id against the pack; returns self or raises AnswersError.

        With `lines` (from load_document) the message starts with the line at fault.
        """
        problems = _id_problems(self, content)
        if problems:
            raise problems[0].located(lines or {})
        return self


@cache
def _dumper() -> type[yaml.SafeDumper]:
    """A safe dumper that keeps every line-break character intact."""
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    _Dumper.add_representer(str, _represent_str)
    return _Dumper


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    # WORKAROUND: PyYAML writes U+0085/U+2028/U+2029 raw in single-quoted scalars and folds
    # them when reading back; the double-quoted style escapes them (\N, \L, \P).
    style = '"' if any(c in text for c in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _set(mapping: Mapping[str, Any], key: str, value: Any) -> dict[str, Any]:
    result = dict(mapping)
    if value is None:
        result.pop(key, None)
    else:
        result[key] = value
    return result


def _check_text(field: Field, value: str) -> str:
    if len(value) > MAX_TEXT:
        raise AnswersError(f"{field[0]} is longer than {MAX_TEXT} characters", field)
    return value


def _str(data: dict[str, Any], name: str, default: str) -> str:
    value = data.get(name, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise AnswersError(f"{name} must be text", (name,))
    return _check_text((name,), value)


def _opt_str(data: dict[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is not None and not isinstance(value, str):
        raise AnswersError(f"{name} must be text or empty", (name,))
    return None if value is None else _check_text((name,), value)


def _str_tuple(data: dict[str, Any], name: str) -> tuple[str, ...]:
    value = data.get(name) or []
    if not isinstance(value, list):
        raise AnswersError(f"{name} must be a list of text", (name,))
    if len(value) > MAX_LIST:
        raise AnswersError(f"{name} has more than {MAX_LIST} entries", (name,))
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise AnswersError(f"{name} must be a list of text", (name, str(index)))
    return tuple(_check_text((name, str(i)), v) for i, v in enumerate(value))


_KINDS: Final = {int: "a whole number", str: "text", bool: "true or false"}


def _mapping(data: dict[str, Any], name: str, kind: type) -> dict[str, Any]:
    value = data.get(name) or {}
    if not isinstance(value, dict):
        raise AnswersError(f"{name} must be a mapping", (name,))
    for key, item in value.items():
        ok = isinstance(item, kind) and (kind is bool or not isinstance(item, bool))
        if not isinstance(key, str):
            raise AnswersError(f"{name} has a key that is not text", (name, str(key)))
        if not ok:
            raise AnswersError(f"each value of {name} must be {_KINDS[kind]}", (name, key))
    return dict(value)


def _id_problems(answers: Answers, content: Content) -> list[AnswersError]:
    """Ids the pack does not know, naming the field but never the value (it may be free text)."""
    from decisionaid.content import RATING_MAX

    problems: list[AnswersError] = []

    def unknown(field: Field, what: str) -> None:
        problems.append(AnswersError(f"{field[0]}: not {what} in this guide", field))

    conditions = {c.id for c in content.conditions}
    if answers.condition is not None and answers.condition not in conditions:
        unknown(("condition",), "a condition")
    treatments = {t.id for t in content.treatments}
    for index, tid in enumerate(answers.treatments_tried):
        if tid not in treatments:
            unknown(("treatments_tried", str(index)), "a treatment")
    considerations = {c.id for c in content.considerations}
    for cid, value in answers.ratings.items():
        if cid not in considerations:
            unknown(("ratings", cid), "a consideration")
        elif not 0 <= value <= RATING_MAX:
            problems.append(
                AnswersError(f"ratings: each must be between 0 and {RATING_MAX}", ("ratings", cid))
            )
    concerns = {c.id for c in content.concerns}
    for index, concern in enumerate(answers.concerns):
        if concern not in concerns:
            unknown(("concerns", str(index)), "a concern")
    items = {k.id: k for k in content.knowledge}
    for kid, choice in answers.knowledge.items():
        if kid not in items:
            unknown(("knowledge", kid), "a knowledge question")
        elif choice not in {c.id for c in items[kid].choices}:
            unknown(("knowledge", kid), "an answer to that knowledge question")
    readiness = {r.id for r in content.readiness}
    for rid, state in answers.readiness.items():
        if rid not in readiness:
            unknown(("readiness", rid), "a readiness question")
        elif state not in READINESS_VALUES:
            problems.append(
                AnswersError(
                    f"readiness: each must be one of {', '.join(READINESS_VALUES)}",
                    ("readiness", rid),
                )
            )
    options = {o.id for o in content.options} | {UNSURE}
    if answers.leaning is not None and answers.leaning not in options:
        unknown(("leaning",), "an option")
    sure = {s.id for s in content.deliberation.sure_items}
    for sid in answers.sure:
        if sid not in sure:
            unknown(("sure", sid), "a SURE question")
    questions = {q.id for q in content.questions}
    for index, qid in enumerate(answers.chosen_questions):
        if qid not in questions:
            unknown(("chosen_questions", str(index)), "a suggested question")
    return problems


def load_document(text: str) -> tuple[Answers, Lines]:
    """Parse an answers document within fixed bounds; returns the answers and field -> line.

    Keep the lines to pass to `Answers.validate`, so its messages name the line at fault.
    """
    from decisionaid.untrusted import InputError, parse_document

    try:
        data, lines = parse_document(text)
    except InputError as exc:
        raise AnswersError(str(exc)) from None
    try:
        return Answers.from_dict(data), lines
    except AnswersError as exc:
        raise exc.located(lines) from None
