"""The PDF text of the documented answers example, compared with golden files in tests/golden/.

After an intended change of wording, rewrite them with DECISIONAID_UPDATE_GOLDEN=1 and review
the diff before committing.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from decisionaid.cli import main
from documented import write_documented_answers

ROOT = Path(__file__).parents[2]
GOLDEN = ROOT / "tests" / "golden"


def _example(tmp_path: Path) -> Path:
    return write_documented_answers(tmp_path)


def _page_texts(pdf: Path) -> str:
    """Every page's extracted text, lines stripped and blank lines dropped, pages marked."""
    pages = []
    for number, page in enumerate(PdfReader(pdf).pages, 1):
        lines = (" ".join(line.split()) for line in page.extract_text().splitlines())
        pages.append(f"--- page {number} ---\n" + "\n".join(line for line in lines if line))
    return "\n".join(pages) + "\n"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_documented_example_pdf_text_matches_golden(tmp_path: Path, lang: str) -> None:
    out = tmp_path / f"example.{lang}.pdf"
    args = ["render", "--answers", str(_example(tmp_path)), "--out", str(out)]
    assert main([*args, "--lang", lang, "--date", "2026-11-25"]) == 0
    text = _page_texts(out)
    golden = GOLDEN / f"answers-example.{lang}.txt"
    if os.environ.get("DECISIONAID_UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True), text.splitlines(keepends=True), str(golden), "now"
        )
    )
    assert text == expected, diff
