"""The values engine and question ranking: pure, stable and monotone."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from decisionaid.answers import Answers
from decisionaid.content import RATING_MAX, Content
from decisionaid.i18n import translator_for, use_language
from decisionaid.questions import reason_text, suggest_questions
from decisionaid.values import (
    KnowledgeScore,
    align_options,
    knowledge_gaps,
    knowledge_score,
    knowledge_unanswered,
    readiness_gaps,
    sure_result,
    top_priorities,
)
from factories import complete_answers


def ratings_strategy(content: Content) -> st.SearchStrategy[dict[str, int]]:
    return st.fixed_dictionaries({c.id: st.integers(0, RATING_MAX) for c in content.considerations})


def _rank(content: Content, answers: Answers) -> dict[str, tuple[int, int]]:
    return {s.question.id: (i, s.score) for i, s in enumerate(suggest_questions(content, answers))}


def test_top_priorities_are_the_highest_ratings_with_stable_ties(content: Content) -> None:
    ids = [c.id for c in content.considerations]
    answers = Answers(ratings={ids[0]: 2, ids[1]: 4, ids[2]: 4, ids[3]: 1})
    top = top_priorities(content, answers)
    assert [p.consideration.id for p in top] == [ids[1], ids[2], ids[0]]


def test_zero_ratings_are_not_priorities(content: Content) -> None:
    answers = Answers(ratings={c.id: 0 for c in content.considerations})
    assert top_priorities(content, answers) == ()


def test_alignment_reflects_only_important_ratings(content: Content) -> None:
    cons = content.considerations[0]
    low = align_options(content, Answers(ratings={cons.id: 2}))
    high = align_options(content, Answers(ratings={cons.id: 4}))
    assert all(not a.important for a in low)
    by_option = {a.option.id: [p.consideration.id for p in a.important] for a in high}
    assert by_option[cons.favours] == [cons.id]


def test_sure_flags_conflict_only_when_complete(content: Content) -> None:
    items = [s.id for s in content.deliberation.sure_items]
    assert sure_result(content, Answers()).conflict is None
    all_yes = Answers(sure={i: True for i in items})
    assert sure_result(content, all_yes).conflict is False
    one_no = all_yes.with_sure(items[2], False)
    result = sure_result(content, one_no)
    assert (result.score, result.conflict) == (3, True)


def test_gaps_list_missed_knowledge_and_unsorted_readiness(content: Content) -> None:
    item = content.knowledge[0]
    wrong = next(c.id for c in item.choices if c.id != item.correct)
    answers = Answers(knowledge={item.id: wrong}, readiness={content.readiness[0].id: "yes"})
    assert knowledge_gaps(content, answers)[0].item == item
    assert content.readiness[0] not in [g.item for g in readiness_gaps(content, answers)]
    right = Answers(knowledge={k.id: k.correct for k in content.knowledge})
    assert knowledge_gaps(content, right) == ()


def test_a_skipped_knowledge_question_is_not_answered_rather_than_wrong(content: Content) -> None:
    first, *rest = content.knowledge
    answers = Answers(knowledge={first.id: first.correct})
    assert knowledge_score(content, answers) == KnowledgeScore(1, 0, len(rest))
    assert knowledge_gaps(content, answers) == ()
    assert knowledge_unanswered(content, answers) == tuple(rest)
    wrong = next(c.id for c in rest[0].choices if c.id != rest[0].correct)
    answers = answers.with_knowledge(rest[0].id, wrong)
    assert knowledge_score(content, answers) == KnowledgeScore(1, 1, len(rest) - 1)
    assert [g.item for g in knowledge_gaps(content, answers)] == [rest[0]]


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_raising_a_rating_never_lowers_its_questions(content: Content, data: st.DataObject) -> None:
    ratings = data.draw(ratings_strategy(content))
    cons = data.draw(st.sampled_from(content.considerations))
    base = Answers(ratings=ratings)
    raised = base.with_rating(cons.id, RATING_MAX)
    before, after = _rank(content, base), _rank(content, raised)
    for question in content.questions:
        if cons.id in question.raised_by.considerations and question.id in before:
            assert after[question.id][1] >= before[question.id][1]
            assert after[question.id][0] <= before[question.id][0]


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_equal_scores_keep_the_bank_order(content: Content, data: st.DataObject) -> None:
    answers = Answers(ratings=data.draw(ratings_strategy(content)))
    order = {q.id: i for i, q in enumerate(content.questions)}
    suggestions = suggest_questions(content, answers)
    for first, second in itertools.pairwise(suggestions):
        assert (first.score, -order[first.question.id]) >= (
            second.score,
            -order[second.question.id],
        )
    assert suggest_questions(content, answers) == suggestions


def test_every_suggestion_says_why(content: Content) -> None:
    answers = complete_answers(content)
    with use_language(translator_for("en")):
        for suggestion in suggest_questions(content, answers):
            assert suggestion.reasons
            assert reason_text(suggestion.reasons[0], content).startswith(
                ("Because", "Most people")
            )


def test_a_very_important_rating_is_named_in_the_reason(content: Content) -> None:
    question = next(q for q in content.questions if q.raised_by.considerations and not q.core)
    cons = content.consideration(question.raised_by.considerations[0])
    answers = Answers(ratings={cons.id: RATING_MAX})
    suggestion = next(s for s in suggest_questions(content, answers) if s.question == question)
    with use_language(translator_for("en")):
        text = reason_text(suggestion.reasons[0], content)
    assert cons.label in text
    assert "very important" in text


def test_core_questions_are_always_suggested(content: Content) -> None:
    suggested = {s.question.id for s in suggest_questions(content, Answers())}
    assert {q.id for q in content.questions if q.core} <= suggested
