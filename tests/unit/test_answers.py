"""Answers are immutable, round-trip through their file format and refuse bad input plainly."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decisionaid.answers import Answers, AnswersError
from decisionaid.content import Content


def test_answers_round_trip_through_yaml(answers: Answers) -> None:
    assert Answers.loads(answers.dumps()) == answers


def test_answers_round_trip_through_json(answers: Answers) -> None:
    assert Answers.loads(json.dumps(answers.to_dict())) == answers


@given(st.lists(st.text(max_size=200), max_size=5), st.text(max_size=500))
def test_any_unicode_free_text_round_trips(questions: list[str], notes: str) -> None:
    answers = Answers(own_questions=tuple(questions), notes=notes)
    assert Answers.loads(answers.dumps()) == answers


def test_updates_make_new_answers(answers: Answers, content: Content) -> None:
    cid = content.considerations[0].id
    changed = answers.with_rating(cid, 4)
    assert changed.ratings[cid] == 4
    assert answers.ratings[cid] != 4 or answers is not changed
    with pytest.raises(TypeError):
        changed.ratings[cid] = 1  # type: ignore[index]


def test_answers_cannot_be_changed_in_place_and_compare_by_value(answers: Answers) -> None:
    with pytest.raises(AttributeError, match="cannot be changed"):
        answers.notes = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="cannot be changed"):
        del answers.notes
    same = Answers(**{name: getattr(answers, name) for name in Answers.FIELDS})
    assert same == answers
    assert same is not answers
    assert answers.replace(notes=answers.notes + "!") != answers
    assert answers.replace() == answers
    with pytest.raises(TypeError, match="no field"):
        answers.replace(note="a typo for notes")


def test_the_repr_of_answers_shows_no_answer() -> None:
    secret = "my sister drives me: هل يمكنني العمل"
    answers = Answers(condition="lupus", own_questions=(secret,), notes=secret, leaning="car_t")
    assert secret not in repr(answers)
    assert "lupus" not in repr(answers)
    assert "car_t" not in repr(answers)


def test_a_rating_outside_the_scale_is_refused() -> None:
    with pytest.raises(AnswersError):
        Answers().with_rating("x", 9)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1, 2]", "mapping"),
        ("format: other\nversion: 1\n", "not a decisionaid answers file"),
        ("format: decisionaid-answers\nversion: 7\n", "version"),
        (
            "format: decisionaid-answers\nversion: 1\nratings: {a: high}\n",
            "line 3: each value of ratings must be a whole number",
        ),
        ("format: decisionaid-answers\nversion: 1\nsurprise: 1\n", "unknown field"),
        ("format: decisionaid-answers\nversion: 1\nown_questions: [1]\n", "own_questions"),
        ("{not json", "not valid"),
        ("a: [unclosed", "not valid"),
    ],
)
def test_bad_files_give_plain_messages(text: str, message: str) -> None:
    with pytest.raises(AnswersError, match=message):
        Answers.loads(text)


def test_validate_names_unknown_ids(answers: Answers, content: Content) -> None:
    assert answers.validate(content) is answers
    with pytest.raises(AnswersError, match=r"^condition: not a condition in this guide$"):
        answers.replace(condition="flu").validate(content)
    with pytest.raises(AnswersError, match="chosen_questions: not a suggested question"):
        answers.replace(chosen_questions=("nope",)).validate(content)


def test_missing_lists_what_blocks_each_step(content: Content) -> None:
    empty = Answers()
    assert empty.missing(content, "about_you") == ("condition",)
    assert set(empty.missing(content, "values")) == {c.id for c in content.considerations}
    assert "leaning" in empty.missing(content, "leaning")
    assert empty.missing(content, "knowledge") == ()
    assert empty.missing(content, "readiness") == ()
