"""The compact QR payload: round trips, fits the code, refuses what it cannot read."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decisionaid.answers import Answers
from decisionaid.cli import main
from decisionaid.content import Content
from decisionaid.fhir import FhirError
from decisionaid.fhir.compact import LEFT_OUT, MAX_BYTES, decode, encode
from decisionaid.fhir.record import response_from_payload
from decisionaid.fhir.response import build_response
from decisionaid.i18n import translator_for
from decisionaid.session import load_pack
from factories import complete_answers
from fhir_helpers import AUTHORED, DOCS, any_answers, example_answers

PACK = load_pack(translator_for("en"))


def _without_text(answers: Answers) -> Answers:
    return answers.replace(own_concerns=(), own_questions=(), notes="")


def _same_or_only_text_left_out(answers: Answers, decoded: Answers, left_out: bool) -> None:
    if left_out:
        assert decoded == _without_text(answers)
        assert len(encode(PACK, answers, AUTHORED, max_bytes=10**6)) > MAX_BYTES
    else:
        assert decoded == answers


def largest(content: Content) -> Answers:
    """Everything answered, every list full: more than any person would give."""
    return complete_answers(
        content,
        treatments_tried=tuple(t.id for t in content.treatments),
        concerns=tuple(c.id for c in content.concerns),
        chosen_questions=tuple(q.id for q in content.questions),
        own_concerns=("Who looks after my dog?",),
    )


@pytest.mark.parametrize("index", range(len(example_answers(PACK))))
def test_every_example_round_trips(index: int) -> None:
    answers = example_answers(PACK)[index]
    payload = encode(PACK, answers, AUTHORED)
    assert payload.isascii()
    assert len(payload) <= MAX_BYTES
    decoded = decode(payload, PACK)
    assert decoded.authored == AUTHORED
    _same_or_only_text_left_out(answers, decoded.answers, decoded.text_left_out)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_answers(PACK), st.sampled_from(["en", "es", "ar"]))
def test_any_answers_round_trip_or_lose_only_their_free_text(
    answers: Answers, language: str
) -> None:
    answers = answers.replace(language=language)
    payload = encode(PACK, answers, AUTHORED)
    assert payload.isascii()
    assert len(payload) <= MAX_BYTES
    decoded = decode(payload, PACK)
    assert decoded.text_left_out == payload.endswith("|" + LEFT_OUT)
    _same_or_only_text_left_out(answers, decoded.answers, decoded.text_left_out)


def test_free_text_is_left_out_only_when_it_does_not_fit() -> None:
    answers = largest(PACK)
    long_notes = answers.replace(notes="word " * 200)
    payload = encode(PACK, long_notes, AUTHORED)
    assert payload.endswith("|~")
    assert decode(payload, PACK).answers == _without_text(answers)
    assert len(payload) <= MAX_BYTES
    fits = encode(PACK, answers, AUTHORED)
    assert decode(fits, PACK).answers == answers


def test_the_largest_answers_fit_the_code_with_room_to_spare() -> None:
    payload = encode(PACK, _without_text(largest(PACK)), AUTHORED)
    assert len(payload) <= MAX_BYTES * 3 // 4, len(payload)


def test_ids_that_do_not_fit_are_an_error() -> None:
    with pytest.raises(FhirError, match="bytes"):
        encode(PACK, largest(PACK), AUTHORED, max_bytes=60)


def test_a_payload_for_another_pack_version_is_refused() -> None:
    payload = encode(PACK, complete_answers(PACK), AUTHORED).replace("|1.0.0|", "|0.9.0|", 1)
    with pytest.raises(FhirError, match=r"pack cart_autoimmune 0\.9\.0"):
        decode(payload, PACK)


@pytest.mark.parametrize(
    "payload",
    [
        "",
        "hello",
        "DA1|cart_autoimmune|1.0.0|en|2026-11-25|z||||||||||",
        "DA1|cart_autoimmune|1.0.0|en|2026-11-25||||||||||",
        "DA1|cart_autoimmune|1.0.0|en|yesterday||||||||||",
        "DA1|cart_autoimmune|1.0.0|en|2026-11-25||||||||||{not json",
        'DA1|cart_autoimmune|1.0.0|en|2026-11-25||||||||||{"x": 1}',
        "DA1|cart_autoimmune|1.0.0|en|2026-11-25||é|||||||||",
    ],
)
def test_unreadable_payloads_give_a_plain_error(payload: str) -> None:
    with pytest.raises(FhirError):
        decode(payload, PACK)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.integers(5, 14))
def test_damaged_payloads_never_crash(noise: str, field: int) -> None:
    fields = encode(PACK, complete_answers(PACK), AUTHORED).split("|", 14)
    fields[field] = noise
    with contextlib.suppress(FhirError):
        decode("|".join(fields), PACK)


def test_import_qr_gives_the_same_response_as_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    translator = translator_for("ar")
    arabic = load_pack(translator)
    answers = complete_answers(arabic, language="ar", own_questions=("هل يمكنني العمل؟",))
    payload = encode(arabic, answers, AUTHORED)
    direct = build_response(arabic, translator, answers, AUTHORED)
    assert response_from_payload(payload) == (direct, False)
    assert main(["import-qr", payload]) == 0
    assert json.loads(capsys.readouterr().out) == direct
    out = tmp_path / "r.json"
    assert main(["import-qr", payload, "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == direct


def test_import_qr_fails_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import-qr", "DA1|cart_autoimmune|9.9|en|2026-11-25||||||||||"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "9.9" in err


def test_the_documented_payload_decodes() -> None:
    doc = (DOCS / "fhir.md").read_text(encoding="utf-8")
    payload = doc.split("```text\n", 1)[1].split("\n", 1)[0]
    response, left_out = response_from_payload(payload)
    assert not left_out
    documented = json.loads(doc.split("```json\n", 2)[2].split("```", 1)[0])
    assert response == documented


def test_non_latin_free_text_is_packed_and_comes_back() -> None:
    words = "هل يمكنني الاستمرار في العمل أثناء العلاج؟"
    answers = complete_answers(PACK, language="ar", own_questions=(words,), notes="")
    payload = encode(PACK, answers, AUTHORED)
    free_text = payload.split("|", 14)[14]
    assert free_text.startswith("b")
    assert len(free_text) < len(json.dumps({"q": [words]}))  # shorter than \\u escapes
    assert decode(payload, PACK).answers == answers
    latin = complete_answers(PACK, own_questions=("Can I keep working?",), notes="")
    assert encode(PACK, latin, AUTHORED).endswith('|{"q":["Can I keep working?"]}')
