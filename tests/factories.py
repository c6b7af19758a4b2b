"""Factories for answers used across the tests."""

from __future__ import annotations

import datetime as dt

from decisionaid.answers import Answers
from decisionaid.content import Content
from decisionaid.questions import default_choice

TODAY = dt.date(2026, 11, 25)


def complete_answers(content: Content, condition: str | None = None, **changes: object) -> Answers:
    """Answers a person who went through every step might give."""
    condition = condition or content.conditions[0].id
    answers = Answers(
        language="en",
        condition=condition,
        treatments_tried=content.condition(condition).treatments[:2],
        ratings={c.id: (i % 5) for i, c in enumerate(content.considerations)},
        concerns=tuple(c.id for c in content.concerns[:2]),
        knowledge={k.id: k.choices[0].id for k in content.knowledge},
        readiness={r.id: ("yes", "unsure", "no")[i % 3] for i, r in enumerate(content.readiness)},
        leaning="unsure",
        sure={s.id: i != 1 for i, s in enumerate(content.deliberation.sure_items)},
        own_questions=("Can I keep working during treatment?",),
        notes="I live two hours from the hospital.",
    )
    answers = answers.replace(chosen_questions=default_choice(content, answers))
    return answers.replace(**changes)
