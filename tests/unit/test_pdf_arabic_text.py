# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Arabic in the PDF copies and searches as letters (issue 20): read back by poppler's pdftotext."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf

from decisionaid.cli import main
from decisionaid.pdf.tounicode import letters
from documented import write_documented_answers


def _presentation_forms(text: str) -> int:
    return sum(1 for c in text if 0xFB50 <= ord(c) <= 0xFDFF or 0xFE70 <= ord(c) <= 0xFEFF)


def test_the_arabic_pdf_extracts_as_the_words_a_reader_types(tmp_path: Path) -> None:
    source = write_documented_answers(tmp_path)
    out = tmp_path / "example.ar.pdf"
    assert main(["render", "--answers", str(source), "--out", str(out), "--lang", "ar"]) == 0
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    with pikepdf.open(out) as pdf:
        title = str(pdf.open_metadata()["dc:title"])
    words = [w for w in title.split() if any("\u0600" <= c <= "\u06ff" for c in w)]
    assert len(words) >= 4
    assert _presentation_forms(text) == 0
    for word in words:  # the logical title, found word by word in what pdftotext gives
        assert word.strip(":") in text, word


def test_a_ligature_copies_as_its_letters_in_visual_order() -> None:
    assert letters("\ufefb") == "\u0627\u0644"  # lam-alef: alef is left of lam on the page
    assert letters("\ufee3") == "\u0645"  # initial meem
    assert letters("A") == "A"
