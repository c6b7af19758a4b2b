# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Balance a test can hold (issue 15): per condition and option, in the pack, the check and the PDF."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from decisionaid import paths
from decisionaid.checks import Finding, balance_findings, length_findings, run_checks
from decisionaid.cli import main
from decisionaid.content import Content
from documented import documented_answers


def _answers(tmp_path: Path, condition: str) -> Path:
    example = documented_answers()
    path = tmp_path / f"{condition}.yaml"
    path.write_text(re.sub(r"(?m)^condition: \w+", f"condition: {condition}", example), "utf-8")
    return path


def _flat(pdf: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())


def test_the_shipped_pack_is_balanced_per_condition_and_option(content: Content) -> None:
    assert [f for f in balance_findings(content) if f.level == Finding.ERROR] == []


def test_fewer_harms_than_benefits_fails_the_check(content: Content) -> None:
    facts = tuple(
        f for f in content.facts if not (f.kind == "risk" and f.option == "standard_care")
    )
    errors = balance_findings(dataclasses.replace(content, facts=facts))
    assert any("standard_care" in f.message and "harm item" in f.message for f in errors)


def test_a_benefit_number_shown_to_every_condition_fails_the_check(content: Content) -> None:
    numbered = next(f for f in content.facts if f.kind == "benefit" and f.statistic is not None)
    facts = tuple(
        dataclasses.replace(f, conditions=("all",)) if f is numbered else f for f in content.facts
    )
    errors = balance_findings(dataclasses.replace(content, facts=facts))
    assert any(numbered.id in f.message and "all conditions" in f.message for f in errors)


def test_length_is_reported_for_every_condition(content: Content) -> None:
    found = length_findings(content)
    assert {f.message.split(":")[0] for f in found} == {c.id for c in content.conditions}
    assert all("ratio" in f.message for f in found)
    assert [f for f in found if f.level == Finding.ERROR] == []


def _length_errors(content_dir: Path) -> list[Finding]:
    findings = run_checks(content_dir, paths.translations_dir(), dt.date(2026, 12, 5))
    return [f for f in findings if f.level == Finding.ERROR and "words per option" in f.message]


def test_a_content_edit_that_tips_the_length_balance_fails_the_check(tmp_path: Path) -> None:
    pack = tmp_path / "content"
    shutil.copytree(paths.content_dir(), pack)
    assert _length_errors(pack) == []
    # An editor adds a long paragraph to one CAR-T unknown shown to everyone.
    facts = pack / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    anchor = "      No one knows yet how long remission lasts after CAR-T."
    assert anchor in text
    extra = " ".join(["People in these studies were followed at one or two centres."] * 50)
    facts.write_text(text.replace(anchor, f"{anchor} {extra}", 1), encoding="utf-8")
    errors = _length_errors(pack)
    assert {f.message.split(":")[0] for f in errors} == {
        "sle",
        "ra",
        "uc",
        "myositis",
        "ssc",
        "other",
    }
    assert all("explore_trial" in f.message and "limit 2" in f.message for f in errors)


@pytest.mark.parametrize("condition", ["sle", "ra", "uc", "myositis", "ssc", "other"])
def test_the_pdf_shows_every_fact_by_option_harms_at_least_benefits(
    tmp_path: Path, content: Content, condition: str
) -> None:
    out = tmp_path / f"{condition}.pdf"
    args = ["render", "--answers", str(_answers(tmp_path, condition)), "--out", str(out)]
    assert main([*args, "--lang", "en", "--date", "2026-12-05"]) == 0
    text = _flat(out)
    for option in content.options:
        shown = {
            kind: [
                f
                for f in content.facts_for(condition, kind)  # type: ignore[arg-type]
                if f.option == option.id
            ]
            for kind in ("benefit", "risk", "unknown")
        }
        for facts in shown.values():
            for fact in facts:
                assert " ".join(fact.title.split()) in text, fact.id
                if fact.statistic is not None:
                    stat = fact.statistic
                    assert f"{stat.events} out of {stat.total}" in text, fact.id
        assert len(shown["risk"]) >= len(shown["benefit"]), option.id
    # Both options' headings, in pack order, and the grid.
    positions = [text.index(o.name + " Possible benefits") for o in content.options]
    assert positions == sorted(positions)
    assert "The options side by side" in text
    # How much CAR-T evidence there is for this condition comes before the first number.
    summary = " ".join(content.condition(condition).evidence_summary.split())
    first_number = re.search(r"\d+ out of \d+ (people|person) in", text)
    assert first_number is not None
    assert text.index(summary[:60]) < first_number.start()
