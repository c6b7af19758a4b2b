# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Values clarification: pure functions from the pack and the answers to what they show.

Nothing here recommends an option. It reflects back what the person said matters and which
option each of those things tends to go with, plus the SURE screen and the gaps worth raising.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from decisionaid.answers import Answers
from decisionaid.content import Consideration, Content, KnowledgeItem, Option, ReadinessItem

IMPORTANT: Final = 3  # ratings at or above this count as "important" (0..4 scale)


@dataclass(frozen=True)
class Priority:
    """A consideration and how much it matters to the person."""

    consideration: Consideration
    rating: int


@dataclass(frozen=True)
class OptionAlignment:
    """The important considerations that tend to line up with one option."""

    option: Option
    important: tuple[Priority, ...]


@dataclass(frozen=True)
class SureResult:
    """The SURE screen: one point per 'yes'; fewer than all four suggests decisional conflict."""

    score: int
    answered: int
    items: int

    @property
    def complete(self) -> bool:
        """Whether every item was answered."""
        return self.answered == self.items

    @property
    def conflict(self) -> bool | None:
        """True when a complete screen scored below the maximum; None when incomplete."""
        return self.score < self.items if self.complete else None


@dataclass(frozen=True)
class KnowledgeGap:
    """A knowledge-check item the person answered wrongly."""

    item: KnowledgeItem
    chosen: str | None


@dataclass(frozen=True)
class ReadinessGap:
    """A practical matter not yet sorted ("no", "unsure" or not answered)."""

    item: ReadinessItem
    value: str | None


def priorities(content: Content, answers: Answers) -> tuple[Priority, ...]:
    """Rated considerations, most important first; ties keep pack order."""
    rated = [
        Priority(c, answers.ratings[c.id])
        for c in content.considerations
        if c.id in answers.ratings
    ]
    return tuple(sorted(rated, key=lambda p: -p.rating))


def top_priorities(content: Content, answers: Answers, n: int = 3) -> tuple[Priority, ...]:
    """The n considerations rated highest (rated above zero)."""
    return tuple(p for p in priorities(content, answers) if p.rating > 0)[:n]


def align_options(content: Content, answers: Answers) -> tuple[OptionAlignment, ...]:
    """For each option, the important considerations that tend to favour it (pack order)."""
    important = [p for p in priorities(content, answers) if p.rating >= IMPORTANT]
    return tuple(
        OptionAlignment(option, tuple(p for p in important if p.consideration.favours == option.id))
        for option in content.options
    )


def sure_result(content: Content, answers: Answers) -> SureResult:
    """Score the SURE screen from the answers given so far."""
    items = content.deliberation.sure_items
    given = [answers.sure[i.id] for i in items if i.id in answers.sure]
    return SureResult(score=sum(given), answered=len(given), items=len(items))


@dataclass(frozen=True)
class KnowledgeScore:
    """The knowledge check as it stands: right, wrong and not answered are three things."""

    right: int
    wrong: int
    unanswered: int


def knowledge_score(content: Content, answers: Answers) -> KnowledgeScore:
    """How many knowledge-check items were answered rightly, wrongly, or not at all."""
    given = [answers.knowledge.get(k.id) for k in content.knowledge]
    right = sum(1 for k, g in zip(content.knowledge, given, strict=True) if g == k.correct)
    unanswered = given.count(None)
    return KnowledgeScore(right, len(given) - right - unanswered, unanswered)


def knowledge_gaps(content: Content, answers: Answers) -> tuple[KnowledgeGap, ...]:
    """Items answered wrongly, in pack order (a skipped item is not a gap, just not answered)."""
    return tuple(
        KnowledgeGap(k, chosen)
        for k in content.knowledge
        if (chosen := answers.knowledge.get(k.id)) is not None and chosen != k.correct
    )


def knowledge_unanswered(content: Content, answers: Answers) -> tuple[KnowledgeItem, ...]:
    """Items the person left without an answer, in pack order."""
    return tuple(k for k in content.knowledge if k.id not in answers.knowledge)


def readiness_gaps(content: Content, answers: Answers) -> tuple[ReadinessGap, ...]:
    """Practical matters not answered 'yes', in pack order."""
    return tuple(
        ReadinessGap(r, answers.readiness.get(r.id))
        for r in content.readiness
        if answers.readiness.get(r.id) != "yes"
    )
