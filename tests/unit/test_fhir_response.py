"""Answers as a FHIR QuestionnaireResponse: valid, identity-free, and back to the same answers."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from decisionaid.answers import Answers
from decisionaid.cli import main
from decisionaid.content import Content
from decisionaid.fhir import FhirError
from decisionaid.fhir import questionnaire as fq
from decisionaid.fhir.bindings import response_problems
from decisionaid.fhir.record import checked_response, response_problems_all
from decisionaid.fhir.response import answers_from_response, build_response
from decisionaid.fhir.validate import structure_problems
from decisionaid.i18n import Translator, translator_for
from decisionaid.session import load_pack
from factories import complete_answers
from fhir_helpers import AUTHORED, any_answers, example_answers

LANGUAGES = ["en", "ar", "es"]
PACK = load_pack(translator_for("en"))


@pytest.fixture(scope="module")
def questionnaire() -> dict[str, Any]:
    return fq.load_published("Questionnaire", fq.identity(PACK))


@pytest.fixture(scope="module", params=LANGUAGES)
def edition(request: pytest.FixtureRequest) -> tuple[Content, Translator]:
    translator = translator_for(request.param)
    return load_pack(translator), translator


def _round_trip(content: Content, translator: Translator, answers: Answers) -> dict[str, Any]:
    response = build_response(content, translator, answers, AUTHORED)
    assert response_problems_all(response, content) == []
    assert answers_from_response(json.loads(json.dumps(response)), content) == answers
    return response


@pytest.mark.parametrize("index", range(len(example_answers(PACK))))
def test_every_example_round_trips_in_every_language(
    index: int, edition: tuple[Content, Translator]
) -> None:
    content, translator = edition
    answers = example_answers(content)[index].replace(language=translator.language)
    response = _round_trip(content, translator, answers)
    assert response["language"] == translator.language


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_answers(PACK))
def test_any_answers_round_trip(answers: Answers) -> None:
    _round_trip(PACK, translator_for("en"), answers)


def test_status_follows_what_was_answered(content: Content) -> None:
    translator = translator_for("en")
    full = complete_answers(content)
    assert build_response(content, translator, full, AUTHORED)["status"] == "completed"
    # optional answers missing: still complete
    optional_gone = full.replace(knowledge={}, readiness={}, own_questions=(), notes="")
    assert build_response(content, translator, optional_gone, AUTHORED)["status"] == "completed"
    one_rating_gone = full.with_rating(content.considerations[-1].id, None)
    for partial in (one_rating_gone, full.replace(leaning=None), full.replace(condition=None)):
        assert build_response(content, translator, partial, AUTHORED)["status"] == "in-progress"
    assert build_response(content, translator, Answers(), AUTHORED)["status"] == "in-progress"


def test_no_identity_and_no_subject(content: Content) -> None:
    response = build_response(content, translator_for("en"), complete_answers(content), AUTHORED)
    assert set(response) == {
        "resourceType",
        "language",
        "questionnaire",
        "status",
        "authored",
        "item",
    }
    assert response["questionnaire"] == f"{fq.identity(content).questionnaire_url}|1.0.0"


def test_displays_are_in_the_answers_language() -> None:
    translator = translator_for("es")
    spanish = load_pack(translator)
    answers = complete_answers(spanish).replace(language="es")
    response = build_response(spanish, translator, answers, AUTHORED)
    condition = response["item"][0]["answer"][0]["valueCoding"]
    assert condition["display"] == spanish.condition(answers.condition or "").name
    assert condition["code"] == f"condition.{answers.condition}"


def test_blank_free_text_is_left_out(content: Content) -> None:
    answers = complete_answers(content, own_questions=("  ", "Real question?"), notes=" \n")
    response = build_response(content, translator_for("en"), answers, AUTHORED)
    links = [item["linkId"] for item in response["item"]]
    assert "notes" not in links
    own = next(i for i in response["item"] if i["linkId"] == "own_questions")
    assert own["answer"] == [{"valueString": "Real question?"}]


def test_unknown_ids_and_bad_dates_are_refused(content: Content) -> None:
    translator = translator_for("en")
    with pytest.raises(FhirError, match=r"^condition: not a condition in this guide$"):
        build_response(content, translator, Answers(condition="flu"), AUTHORED)
    with pytest.raises(FhirError, match="dateTime"):
        build_response(content, translator, Answers(), "25/11/2026")


def _mutated(response: dict[str, Any], change: str) -> dict[str, Any]:
    bad = copy.deepcopy(response)
    items = {item["linkId"]: item for item in bad["item"]}
    if change == "status":
        bad["status"] = "done"
    elif change == "link":
        bad["item"].append({"linkId": "favourite_colour", "answer": [{"valueString": "blue"}]})
    elif change == "type":
        items["ratings"]["item"][0]["answer"] = [{"valueString": "4"}]
    elif change == "range":
        items["ratings"]["item"][0]["answer"] = [{"valueInteger": 9}]
    elif change == "code":
        items["concerns"]["answer"][0]["valueCoding"]["code"] = "concern.unheard_of"
    elif change == "repeats":
        items["leaning"]["answer"] *= 2
    elif change == "subject":
        bad["subject"] = {"display": "Jane Doe"}
    elif change == "required":
        bad["item"] = [i for i in bad["item"] if i["linkId"] != "sure"]
    elif change == "language":
        bad["language"] = "fr"
    elif change == "nested":
        bad["item"].append({"linkId": content_id(), "answer": [{"valueInteger": 2}]})
    return bad


def content_id() -> str:
    return PACK.considerations[0].id


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("status", "status 'done'"),
        ("link", "favourite_colour: linkId is not in the Questionnaire"),
        ("type", "does not fit item type 'integer'"),
        ("range", "outside 0..4"),
        ("code", "'concern.unheard_of' is not an answer option"),
        ("repeats", "2 answers to a non-repeating item"),
        ("subject", "subject is present"),
        ("required", "sure: required but not answered"),
        ("language", "language 'fr'"),
        ("nested", "linkId is not in the Questionnaire here"),
    ],
)
def test_our_bindings_catch_what_the_library_does_not(
    change: str, message: str, content: Content, questionnaire: dict[str, Any]
) -> None:
    response = build_response(content, translator_for("en"), complete_answers(content), AUTHORED)
    assert response_problems(response, questionnaire, LANGUAGES) == []
    bad = _mutated(response, change)
    if change in ("status", "link", "range", "code", "repeats", "required", "language", "nested"):
        assert structure_problems(bad) == []  # the library lets it through
    problems = response_problems(bad, questionnaire, LANGUAGES)
    assert any(message in p for p in problems), problems


def test_checked_response_refuses_an_invalid_response(
    content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    import decisionaid.fhir.record as record

    def broken(*args: object) -> dict[str, Any]:
        return {"resourceType": "QuestionnaireResponse", "status": "done"}

    monkeypatch.setattr(record, "build_response", broken)
    with pytest.raises(FhirError, match="not valid"):
        checked_response(content, translator_for("en"), Answers(), AUTHORED)


def test_export_command_writes_a_private_valid_response(tmp_path: Path, content: Content) -> None:
    answers = complete_answers(content)
    source = tmp_path / "answers.yaml"
    source.write_text(answers.dumps(), encoding="utf-8")
    out = tmp_path / "response.json"
    assert (
        main(["export", "--answers", str(source), "--out", str(out), "--authored", AUTHORED]) == 0
    )
    assert out.stat().st_mode & 0o777 == 0o600
    response = json.loads(out.read_text(encoding="utf-8"))
    assert response == build_response(content, translator_for("en"), answers, AUTHORED)
    assert answers_from_response(response, content) == answers


def test_export_writes_only_regular_files_and_never_onto_its_answers(
    tmp_path: Path, content: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 19: the same output rule as render --out (no devices, FIFOs, folders, the input)."""
    import os

    source = tmp_path / "answers.yaml"
    text = complete_answers(content).dumps()
    source.write_text(text, encoding="utf-8")
    alias = tmp_path / "alias.yaml"
    os.link(source, alias)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for out in (source, alias, fifo, tmp_path, Path("/dev/null")):
        assert main(["export", "--answers", str(source), "--out", str(out)]) == 2
        assert "cannot write" in capsys.readouterr().err
    assert source.read_text(encoding="utf-8") == text
    assert fifo.is_fifo()


def test_export_command_fails_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "answers.yaml"
    source.write_text("format: decisionaid-answers\nversion: 1\ncondition: flu\n", encoding="utf-8")
    out = tmp_path / "response.json"
    assert main(["export", "--answers", str(source), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "line 3: condition: not a condition in this guide" in err
    assert "flu" not in err  # never the file's words
    assert not out.exists()
    assert main(["export", "--answers", str(tmp_path / "none.yaml"), "--out", str(out)]) == 2


def test_the_library_is_not_loaded_until_an_export() -> None:
    code = (
        "import sys; import decisionaid.cli, decisionaid.session, decisionaid.fhir.response, "
        "decisionaid.fhir.record; assert 'fhir.resources' not in sys.modules; "
        "assert 'pydantic' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
