"""Shared by the FHIR tests: the example answers and a strategy for any valid answers."""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

from decisionaid.answers import READINESS_VALUES, UNSURE, Answers
from decisionaid.content import RATING_MAX, Content
from documented import documented_answers
from factories import complete_answers

AUTHORED = "2026-11-25T10:30:00Z"
DOCS = Path(__file__).parents[1] / "docs"

# Free text the record can carry: anything but lone surrogates, and not blank (a blank
# entry is not an answer; the export leaves it out).
FREE_TEXT = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=60).filter(
    lambda t: bool(t.strip())
)


def documented_example() -> Answers:
    """The answers in docs/answers-format.md."""
    return Answers.loads(documented_answers())


def example_answers(content: Content) -> list[Answers]:
    """Every example answers set the project has: documented, complete, partial, empty."""
    examples = [documented_example(), Answers()]
    for condition in content.conditions:
        examples.append(complete_answers(content, condition.id))
    full = complete_answers(content)
    examples.append(full.replace(sure={}, leaning=None, own_questions=(), notes=""))
    examples.append(
        full.replace(
            chosen_questions=tuple(reversed([q.id for q in content.questions])),
            concerns=tuple(c.id for c in content.concerns),
            treatments_tried=tuple(t.id for t in content.treatments),
            own_concerns=("Who looks after my dog?", "¿Y mi trabajo?", "هل سأفقد شعري؟"),
        )
    )
    return examples


def _ordered(ids: list[str]) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(ids), unique=True).map(tuple) if ids else st.just(())


def _partial(keys: list[str], values: st.SearchStrategy[object]) -> st.SearchStrategy[dict]:
    return st.dictionaries(st.sampled_from(keys), values, max_size=len(keys))


@st.composite
def any_answers(draw: st.DrawFn, content: Content, language: str = "en") -> Answers:
    """Any answers the pack allows, in any order, with free text the record can carry."""
    knowledge = draw(_partial([k.id for k in content.knowledge], st.just("")))
    return Answers(
        language=language,
        condition=draw(st.none() | st.sampled_from([c.id for c in content.conditions])),
        treatments_tried=draw(_ordered([t.id for t in content.treatments])),
        ratings=draw(_partial([c.id for c in content.considerations], st.integers(0, RATING_MAX))),
        concerns=draw(_ordered([c.id for c in content.concerns])),
        own_concerns=tuple(draw(st.lists(FREE_TEXT, max_size=3))),
        knowledge={
            k.id: draw(st.sampled_from([c.id for c in k.choices]))
            for k in content.knowledge
            if k.id in knowledge
        },
        readiness=draw(
            _partial([r.id for r in content.readiness], st.sampled_from(READINESS_VALUES))
        ),
        leaning=draw(st.none() | st.sampled_from([o.id for o in content.options] + [UNSURE])),
        sure=draw(_partial([s.id for s in content.deliberation.sure_items], st.booleans())),
        chosen_questions=draw(_ordered([q.id for q in content.questions])),
        own_questions=tuple(draw(st.lists(FREE_TEXT, max_size=3))),
        notes=draw(st.just("") | FREE_TEXT),
    )
