"""The FHIR Questionnaire and CodeSystem: built from the pack, published, current and valid."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from decisionaid import paths
from decisionaid.cli import main
from decisionaid.content import RATING_MAX, Content
from decisionaid.fhir import TRANSLATION_URL
from decisionaid.fhir import questionnaire as fq
from decisionaid.fhir.bindings import questionnaire_problems
from decisionaid.fhir.check import fhir_findings
from decisionaid.fhir.validate import structure_problems
from decisionaid.i18n import translator_for
from decisionaid.session import load_pack

OTHER_LANGUAGES = ["ar", "es"]


@pytest.fixture(scope="module")
def editions() -> tuple[fq.Edition, ...]:
    return fq.load_editions()


@pytest.fixture(scope="module")
def questionnaire(editions: tuple[fq.Edition, ...]) -> dict[str, Any]:
    return fq.build_questionnaire(editions)


@pytest.fixture(scope="module")
def codesystem(editions: tuple[fq.Edition, ...]) -> dict[str, Any]:
    return fq.build_codesystem(editions)


def _items(node: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for item in node.get("item", []):
        found.append(item)
        found += _items(item)
    return found


def _by_link(questionnaire: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["linkId"]: item for item in _items(questionnaire)}


def _translation(element: dict[str, Any], lang: str) -> str:
    for ext in element["extension"]:
        assert ext["url"] == TRANSLATION_URL
        parts = {e["url"]: e for e in ext["extension"]}
        if parts["lang"]["valueCode"] == lang:
            return str(parts["content"]["valueString"])
    raise AssertionError(f"no {lang} translation")


def test_the_published_resources_are_current(editions: tuple[fq.Edition, ...]) -> None:
    assert fq.stale_files(fq.fhir_dir(), editions) == []
    assert sorted(p.name for p in fq.fhir_dir().glob("*.json")) == sorted(
        fq.published_files(editions)
    )


def test_the_library_and_our_bindings_find_nothing_wrong(
    questionnaire: dict[str, Any], codesystem: dict[str, Any]
) -> None:
    assert structure_problems(questionnaire) == []
    assert structure_problems(codesystem) == []
    assert questionnaire_problems(questionnaire, codesystem, OTHER_LANGUAGES) == []


def test_canonical_url_and_version_are_the_packs(
    questionnaire: dict[str, Any], content: Content
) -> None:
    assert questionnaire["version"] == content.pack.version
    assert questionnaire["url"].endswith(f"/Questionnaire/{content.pack.id}")
    assert questionnaire["id"] == f"decisionaid-cart-autoimmune-{content.pack.version}"


def test_every_content_id_is_a_link_id_with_the_right_type(
    questionnaire: dict[str, Any], content: Content
) -> None:
    items = _by_link(questionnaire)
    for consideration in content.considerations:
        item = items[consideration.id]
        assert item["type"] == "integer"
        limits = {e["url"].rsplit("/", 1)[1]: e["valueInteger"] for e in item["extension"]}
        assert limits == {"minValue": 0, "maxValue": RATING_MAX}
    for sure in content.deliberation.sure_items:
        assert items[sure.id]["type"] == "boolean"
    for readiness in content.readiness:
        codes = [o["valueCoding"]["code"] for o in items[readiness.id]["answerOption"]]
        assert codes == ["readiness.yes", "readiness.unsure", "readiness.no"]
    condition_codes = [o["valueCoding"]["code"] for o in items["condition"]["answerOption"]]
    assert condition_codes == [f"condition.{c.id}" for c in content.conditions]
    leaning = [o["valueCoding"]["code"] for o in items["leaning"]["answerOption"]]
    assert leaning == [*(f"option.{o.id}" for o in content.options), "leaning.unsure"]
    question_codes = [o["valueCoding"]["code"] for o in items["chosen_questions"]["answerOption"]]
    assert question_codes == [f"question.{q.id}" for q in content.questions]
    assert items["chosen_questions"]["repeats"] is True
    for free in ("own_concerns", "own_questions"):
        assert items[free]["type"] == "string"
    assert items["notes"]["type"] == "text"


def test_the_correct_knowledge_answer_is_not_exposed(
    questionnaire: dict[str, Any], content: Content
) -> None:
    items = _by_link(questionnaire)
    for item in content.knowledge:
        node = items[item.id]
        assert node["type"] == "choice"
        assert [o["valueCoding"]["code"] for o in node["answerOption"]] == [
            f"knowledge.{item.id}.{c.id}" for c in item.choices
        ]
        for option in node["answerOption"]:
            assert set(option) == {"valueCoding"}  # no initialSelected, no score
        assert "initial" not in node
    assert "correct" not in json.dumps(questionnaire)


def test_texts_carry_every_shipped_language(questionnaire: dict[str, Any]) -> None:
    spanish = load_pack(translator_for("es"))
    items = _by_link(questionnaire)
    for consideration in spanish.considerations:
        assert _translation(items[consideration.id]["_text"], "es") == consideration.label
    assert _translation(items["condition"]["_text"], "es") == "¿Qué enfermedad tiene?"
    arabic = load_pack(translator_for("ar"))
    assert _translation(questionnaire["_title"], "ar") == arabic.pack.title
    sle = items["condition"]["answerOption"][0]["valueCoding"]
    assert _translation(sle["_display"], "ar") == arabic.conditions[0].name
    for item in _items(questionnaire):
        langs = sorted(
            {e["url"]: e for e in ext["extension"]}["lang"]["valueCode"]
            for ext in item["_text"]["extension"]
        )
        assert langs == OTHER_LANGUAGES, item["linkId"]


def test_the_codesystem_holds_every_answer_code_with_designations(
    questionnaire: dict[str, Any], codesystem: dict[str, Any]
) -> None:
    codes = {c["code"]: c for c in codesystem["concept"]}
    used = {
        o["valueCoding"]["code"]
        for item in _items(questionnaire)
        for o in item.get("answerOption", [])
    }
    assert used == set(codes)
    assert codesystem["count"] == len(codes)
    spanish_yes = {d["language"]: d["value"] for d in codes["readiness.yes"]["designation"]}
    assert spanish_yes["es"] == "Sí"


def test_bindings_catch_what_the_library_lets_through(
    questionnaire: dict[str, Any], codesystem: dict[str, Any]
) -> None:
    bad = copy.deepcopy(questionnaire)
    bad["status"] = "done"
    bad["item"][0]["answerOption"][0]["valueCoding"]["code"] = "condition.nonsense"
    assert structure_problems(bad) == []  # fhir.resources does not check bindings
    problems = questionnaire_problems(bad, codesystem, OTHER_LANGUAGES)
    assert any("status" in p for p in problems)
    assert any("condition.nonsense" in p for p in problems)
    assert questionnaire_problems(questionnaire, codesystem, [*OTHER_LANGUAGES, "fr"])


def test_the_library_catches_a_broken_structure(questionnaire: dict[str, Any]) -> None:
    bad = copy.deepcopy(questionnaire)
    bad["item"][0]["required"] = "sometimes"
    assert any("required" in p for p in structure_problems(bad))
    bad = copy.deepcopy(questionnaire)
    del bad["status"]
    assert any("status" in p for p in structure_problems(bad))


def test_a_changed_pack_makes_the_published_questionnaire_stale(tmp_path: Path) -> None:
    shutil.copytree(paths.content_dir(), tmp_path / "content")
    shutil.copytree(fq.fhir_dir(), tmp_path / "fhir")
    assert fhir_findings(tmp_path / "content", paths.translations_dir())[0][0] == "info"
    considerations = tmp_path / "content" / "considerations.yaml"
    text = considerations.read_text(encoding="utf-8")
    considerations.write_text(text.replace("label: ", "label: Really, ", 1), encoding="utf-8")
    findings = fhir_findings(tmp_path / "content", paths.translations_dir())
    assert [f[0] for f in findings] == ["error"]
    assert "Questionnaire-" in findings[0][1]
    assert "decisionaid questionnaire" in findings[0][2]


def test_the_command_regenerates_the_published_files(tmp_path: Path) -> None:
    assert main(["questionnaire", "--out", str(tmp_path)]) == 0
    for path in tmp_path.iterdir():
        assert path.read_bytes() == (fq.fhir_dir() / path.name).read_bytes()
    assert len(list(tmp_path.iterdir())) == 2


def test_the_documentation_maps_every_item_and_quotes_the_published_file(
    questionnaire: dict[str, Any],
) -> None:
    doc = (Path(__file__).parents[2] / "docs" / "fhir.md").read_text(encoding="utf-8")
    table = doc.split("## Mapping", 1)[1].split("## Example", 1)[0]
    rows = {line.split("`")[1] for line in table.splitlines() if line.startswith("| `")}
    assert rows == set(_by_link(questionnaire))
    excerpt = json.loads(doc.split("```json\n", 1)[1].split("```", 1)[0])
    assert {k: v for k, v in excerpt.items() if k != "item"} == {
        k: v for k, v in questionnaire.items() if k != "item"
    }
    published = _by_link(questionnaire)
    for item in _items(excerpt):
        assert {k: v for k, v in item.items() if k not in ("item", "answerOption")} == {
            k: v for k, v in published[item["linkId"]].items() if k not in ("item", "answerOption")
        }
