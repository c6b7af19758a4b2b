# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The question list: which questions from the bank to suggest, in what order, and why."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from decisionaid.answers import Answers
from decisionaid.content import Content, Question
from decisionaid.i18n import _
from decisionaid.values import IMPORTANT

ReasonKind = Literal["core", "consideration", "concern", "knowledge", "readiness", "condition"]

# Points each kind of reason adds. A consideration adds its rating (0..4), so rating a thing
# higher can only raise the questions it raises; nothing ever subtracts.
CORE_POINTS: Final = 5
CONCERN_POINTS: Final = 4
KNOWLEDGE_POINTS: Final = 3
READINESS_POINTS: Final[Mapping[str | None, int]] = {"no": 4, "unsure": 3, None: 1}
CONDITION_POINTS: Final = 2
DEFAULT_KEPT: Final = 8  # suggestions ticked for the person before they choose


@dataclass(frozen=True)
class Reason:
    """Why a question is suggested: what in the answers raised it."""

    kind: ReasonKind
    ref: str = ""
    value: int | str | None = None


@dataclass(frozen=True)
class Suggestion:
    """A suggested question, its score and its reasons (strongest first)."""

    question: Question
    score: int
    reasons: tuple[Reason, ...]


def _points(
    question: Question, answers: Answers, correct: Mapping[str, str]
) -> list[tuple[int, Reason]]:
    points: list[tuple[int, Reason]] = []
    raised = question.raised_by
    if question.core:
        points.append((CORE_POINTS, Reason("core")))
    for cid in raised.considerations:
        rating = answers.ratings.get(cid)
        if rating:
            points.append((rating, Reason("consideration", cid, rating)))
    for concern in raised.concerns:
        if concern in answers.concerns:
            points.append((CONCERN_POINTS, Reason("concern", concern)))
    for kid in raised.knowledge:
        chosen = answers.knowledge.get(kid)
        if chosen is not None and chosen != correct.get(kid):
            points.append((KNOWLEDGE_POINTS, Reason("knowledge", kid)))
    for rid in raised.readiness:
        value = answers.readiness.get(rid)
        if value != "yes":
            points.append((READINESS_POINTS[value], Reason("readiness", rid, value)))
    if answers.condition is not None and answers.condition in raised.conditions:
        points.append((CONDITION_POINTS, Reason("condition", answers.condition)))
    return points


def suggest_questions(content: Content, answers: Answers) -> tuple[Suggestion, ...]:
    """Questions worth asking, highest score first; ties keep the bank's order.

    A question is suggested when it is core or something in the answers raised it.
    """
    correct = {k.id: k.correct for k in content.knowledge}
    scored: list[tuple[int, int, Suggestion]] = []
    for index, question in enumerate(content.questions):
        points = _points(question, answers, correct)
        if not points:
            continue
        ordered = sorted(points, key=lambda p: -p[0])  # stable: ties keep their order
        total = sum(p for p, _reason in points)
        scored.append((-total, index, Suggestion(question, total, tuple(r for _p, r in ordered))))
    scored.sort(key=lambda item: (item[0], item[1]))
    return tuple(s for _neg, _index, s in scored)


def default_choice(content: Content, answers: Answers) -> tuple[str, ...]:
    """The question ids ticked for the person before they make their own choice."""
    return tuple(s.question.id for s in suggest_questions(content, answers)[:DEFAULT_KEPT])


def chosen_suggestions(content: Content, answers: Answers) -> tuple[Suggestion, ...]:
    """The questions the person kept, in ranked order, each with its reasons."""
    kept = set(answers.chosen_questions)
    ranked = [s for s in suggest_questions(content, answers) if s.question.id in kept]
    ranked_ids = {s.question.id for s in ranked}
    # A kept question that nothing raises any more (answers changed) still goes on the list.
    extra = [
        Suggestion(content.question(q), 0, ())
        for q in answers.chosen_questions
        if q not in ranked_ids
    ]
    return (*ranked, *extra)


def reason_text(reason: Reason, content: Content) -> str:
    """The reason in words, in the active language ("Because you rated … as very important")."""
    if reason.kind == "core":
        return _("Most people in your situation ask this.")
    if reason.kind == "consideration":
        label = content.consideration(reason.ref).label
        if isinstance(reason.value, int) and reason.value >= IMPORTANT + 1:
            return _("Because you rated “{what}” as very important.").format(what=label)
        if isinstance(reason.value, int) and reason.value >= IMPORTANT:
            return _("Because you rated “{what}” as important.").format(what=label)
        return _("Because “{what}” matters to you.").format(what=label)
    if reason.kind == "concern":
        label = next(c.label for c in content.concerns if c.id == reason.ref)
        return _("Because you said you are worried about: {what}.").format(what=label)
    if reason.kind == "knowledge":
        prompt = next(k.prompt for k in content.knowledge if k.id == reason.ref)
        return _("Because this was not clear in the knowledge check: “{what}”").format(what=prompt)
    if reason.kind == "readiness":
        prompt = next(r.prompt for r in content.readiness if r.id == reason.ref)
        if reason.value == "no":
            return _("Because you answered no to: “{what}”").format(what=prompt)
        if reason.value == "unsure":
            return _("Because you were not sure about: “{what}”").format(what=prompt)
        return _("Because you have not answered yet: “{what}”").format(what=prompt)
    name = content.condition(reason.ref).name
    return _("Because you have {condition}.").format(condition=name)
