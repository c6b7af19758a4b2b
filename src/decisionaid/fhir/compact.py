# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""A compact, printable encoding of the answers for the QR code on the clinician cover sheet.

Ids and values only, by position in the pack version the payload names, in plain ASCII (so
any scanner reads it the same way, whatever character set it assumes for QR byte mode):

    DA1|<pack id>|<pack version>|<language>|<authored>|<condition>|<treatments>|<ratings>|
    <concerns>|<knowledge>|<readiness>|<leaning>|<sure>|<questions>|<free text>

(one line, no spaces). Positions are base-36 digits, each list's positions a fixed number of
digits wide (one while the list has at most 36 entries). Per-item fields hold one character
per pack item in pack order, `-` for unanswered: ratings `0`..`4`, knowledge the position of
the chosen answer, readiness `y`/`u`/`n`, SURE `y`/`n`. Leaning is an option position or `?`
(not sure). Free text is last: empty (none), `~` (left out because it did not fit), or the
JSON object `{"c": [own concerns], "q": [own questions], "n": notes}` either as it is with
non-ASCII escaped or as `b` + unpadded base64url of its UTF-8, whichever is shorter.
docs/fhir.md documents the format with an example.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from decisionaid.answers import UNSURE, Answers, AnswersError
from decisionaid.content import RATING_MAX, Content
from decisionaid.fhir import DATETIME, FhirError

MAGIC: Final = "DA1"
FIELDS: Final = 15
LEFT_OUT: Final = "~"
BASE64: Final = "b"  # free text as base64url (no padding) of its UTF-8 JSON
UNANSWERED: Final = "-"
# QR byte capacity at error-correction level M, version 15 (77 x 77 modules): what fits on
# the cover sheet at a module size an ordinary scanner reads (see docs/fhir.md).
MAX_BYTES: Final = 412
_DIGITS: Final = "0123456789abcdefghijklmnopqrstuvwxyz"
_READINESS: Final = {"yes": "y", "unsure": "u", "no": "n"}
_SAFE: Final = re.compile(r"[A-Za-z0-9_.\-]+")


@dataclass(frozen=True)
class Decoded:
    """What a payload holds: the answers, when they were given, and whether text was left out."""

    pack_id: str
    version: str
    answers: Answers
    authored: str
    text_left_out: bool


def _width(count: int) -> int:
    width = 1
    while len(_DIGITS) ** width < count:
        width += 1
    return width


def _digits(value: int, width: int) -> str:
    out = ""
    for _ in range(width):
        value, rest = divmod(value, len(_DIGITS))
        out = _DIGITS[rest] + out
    return out


def _positions(chosen: Sequence[str], ids: Sequence[str]) -> str:
    width = _width(len(ids))
    return "".join(_digits(ids.index(c), width) for c in chosen)


def _unpositions(text: str, ids: Sequence[str], what: str) -> tuple[str, ...]:
    width = _width(len(ids))
    if len(text) % width:
        raise FhirError(f"{what}: {text!r} is not a list of positions")
    found = []
    for start in range(0, len(text), width):
        found.append(ids[_position(text[start : start + width], len(ids), what)])
    return tuple(found)


def _position(text: str, count: int, what: str) -> int:
    value = 0
    for char in text:
        if char not in _DIGITS:
            raise FhirError(f"{what}: {char!r} is not a position")
        value = value * len(_DIGITS) + _DIGITS.index(char)
    if value >= count:
        raise FhirError(f"{what}: position {value} is beyond the {count} in this pack")
    return value


def _free_text(answers: Answers) -> str:
    data: dict[str, object] = {}
    concerns = [t for t in answers.own_concerns if t.strip()]
    questions = [t for t in answers.own_questions if t.strip()]
    if concerns:
        data["c"] = concerns
    if questions:
        data["q"] = questions
    if answers.notes.strip():
        data["n"] = answers.notes
    if not data:
        return ""
    escaped = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    utf8 = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    packed = BASE64 + base64.urlsafe_b64encode(utf8).decode("ascii").rstrip("=")
    return min(escaped, packed, key=len)  # base64 wins for non-Latin scripts such as Arabic


def encode(content: Content, answers: Answers, authored: str, max_bytes: int = MAX_BYTES) -> str:
    """The payload for `answers`; free text is left out (marked `~`) if it would not fit.

    Raises FhirError if even the ids do not fit in `max_bytes`, or an id is not in the pack.
    """
    try:
        answers.validate(content)
    except AnswersError as exc:
        raise FhirError(str(exc)) from None
    pack = content.pack
    for name, value in (
        ("pack id", pack.id),
        ("version", pack.version),
        ("language", answers.language),
    ):
        if not _SAFE.fullmatch(value):
            raise FhirError(f"{name} {value!r} cannot go in a payload")
    if not DATETIME.fullmatch(authored):
        raise FhirError(f"authored {authored!r} is not a FHIR dateTime")
    conditions = [c.id for c in content.conditions]
    options = [o.id for o in content.options]
    leaning = ""
    if answers.leaning == UNSURE:
        leaning = "?"
    elif answers.leaning is not None:
        leaning = _positions([answers.leaning], options)
    knowledge = ""
    for item in content.knowledge:
        chosen = answers.knowledge.get(item.id)
        choices = [c.id for c in item.choices]
        knowledge += _positions([chosen], choices) if chosen else UNANSWERED * _width(len(choices))
    fields = [
        MAGIC,
        pack.id,
        pack.version,
        answers.language,
        authored,
        _positions([answers.condition], conditions) if answers.condition else "",
        _positions(answers.treatments_tried, [t.id for t in content.treatments]),
        "".join(
            _DIGITS[answers.ratings[c.id]] if c.id in answers.ratings else UNANSWERED
            for c in content.considerations
        ),
        _positions(answers.concerns, [c.id for c in content.concerns]),
        knowledge,
        "".join(
            _READINESS.get(answers.readiness.get(r.id, ""), UNANSWERED) for r in content.readiness
        ),
        leaning,
        "".join(
            ("y" if answers.sure[s.id] else "n") if s.id in answers.sure else UNANSWERED
            for s in content.deliberation.sure_items
        ),
        _positions(answers.chosen_questions, [q.id for q in content.questions]),
    ]
    head = "|".join(fields) + "|"
    text = _free_text(answers)
    if len(head) + len(text) <= max_bytes:
        return head + text
    if len(head) + len(LEFT_OUT) <= max_bytes:
        return head + LEFT_OUT
    raise FhirError(f"the answers need {len(head)} bytes, more than the {max_bytes} a code holds")


def _per_item(text: str, count: int, what: str) -> list[str]:
    if len(text) != count:
        raise FhirError(f"{what}: expected {count} characters, found {len(text)}")
    return list(text)


def decode(payload: str, content: Content) -> Decoded:
    """Read a payload made by `encode` for this pack version; FhirError with a plain reason."""
    payload = payload.strip()
    if not payload.isascii():
        raise FhirError("a payload is plain ASCII; this is not one")
    fields = payload.split("|", FIELDS - 1)
    if len(fields) != FIELDS or fields[0] != MAGIC:
        raise FhirError(
            f"this is not a decisionaid payload (it starts {MAGIC}|, with {FIELDS} fields)"
        )
    _, pack_id, version, language, authored = fields[:5]
    if (pack_id, version) != (content.pack.id, content.pack.version):
        raise FhirError(
            f"the payload is for pack {pack_id} {version}; this decisionaid has "
            f"{content.pack.id} {content.pack.version}"
        )
    if not DATETIME.fullmatch(authored) or not _SAFE.fullmatch(language):
        raise FhirError("the payload's language or date is not readable")
    cond, treat, ratings, concerns, know, ready, leaning, sure, questions, text = fields[5:]
    rating_values: dict[str, int] = {}
    for item, char in zip(
        content.considerations,
        _per_item(ratings, len(content.considerations), "ratings"),
        strict=True,
    ):
        if char != UNANSWERED:
            rating_values[item.id] = _position(char, RATING_MAX + 1, "ratings")
    knowledge: dict[str, str] = {}
    offset = 0
    for k in content.knowledge:
        choices = [c.id for c in k.choices]
        width = _width(len(choices))
        chunk = know[offset : offset + width]
        offset += width
        if len(chunk) != width:
            raise FhirError("knowledge: too short for this pack")
        if chunk != UNANSWERED * width:
            knowledge[k.id] = _unpositions(chunk, choices, "knowledge")[0]
    if offset != len(know):
        raise FhirError("knowledge: too long for this pack")
    back = {v: k for k, v in _READINESS.items()}
    readiness: dict[str, str] = {}
    for r, char in zip(
        content.readiness, _per_item(ready, len(content.readiness), "readiness"), strict=True
    ):
        if char != UNANSWERED:
            if char not in back:
                raise FhirError(f"readiness: {char!r} is not y, u, n or -")
            readiness[r.id] = back[char]
    sure_values: dict[str, bool] = {}
    sure_items = content.deliberation.sure_items
    for s, char in zip(sure_items, _per_item(sure, len(sure_items), "SURE"), strict=True):
        if char not in "yn-":
            raise FhirError(f"SURE: {char!r} is not y, n or -")
        if char != UNANSWERED:
            sure_values[s.id] = char == "y"
    own_concerns, own_questions, notes = _read_text(text)
    try:
        answers = Answers(
            language=language,
            condition=_unpositions(cond, [c.id for c in content.conditions], "condition")[0]
            if cond
            else None,
            treatments_tried=_unpositions(treat, [t.id for t in content.treatments], "treatments"),
            ratings=rating_values,
            concerns=_unpositions(concerns, [c.id for c in content.concerns], "concerns"),
            own_concerns=own_concerns,
            knowledge=knowledge,
            readiness=readiness,
            leaning=UNSURE
            if leaning == "?"
            else (
                _unpositions(leaning, [o.id for o in content.options], "leaning")[0]
                if leaning
                else None
            ),
            sure=sure_values,
            chosen_questions=_unpositions(
                questions, [q.id for q in content.questions], "questions"
            ),
            own_questions=own_questions,
            notes=notes,
        ).validate(content)
    except (AnswersError, IndexError) as exc:
        raise FhirError(f"the payload does not fit this pack: {exc}") from None
    return Decoded(pack_id, version, answers, authored, text == LEFT_OUT)


def _read_text(text: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    if text in ("", LEFT_OUT):
        return (), (), ""
    try:
        if text.startswith(BASE64):
            packed = text[len(BASE64) :]
            text = base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4)).decode("utf-8")
        data = json.loads(text)
    except (ValueError, binascii.Error):
        raise FhirError("the free text at the end of the payload is not readable") from None
    if not isinstance(data, dict) or set(data) - {"c", "q", "n"}:
        raise FhirError("the free text must be an object with c, q and n")
    concerns, questions, notes = data.get("c", []), data.get("q", []), data.get("n", "")
    for value in (concerns, questions):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise FhirError("the free text lists must hold text")
    if not isinstance(notes, str):
        raise FhirError("the notes must be text")
    return tuple(concerns), tuple(questions), notes
