# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The PDF summary: text, page furniture, escaping, fallback fonts, RTL, metadata, saving."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from decisionaid import pdf
from decisionaid import report as rp
from decisionaid.pdf import fonts as pdffonts
from documented import write_documented_answers

NASTY = (
    "AT&T",
    "<b>unclosed",
    '<img src="/etc/passwd"/>',
    "x <font size=300>BIG</font>",
    "&nbsp;&bogus;",
)


def typical_report(**changes: Any) -> rp.Report:
    """A report shaped like build_report()'s, written by hand so this test needs no content pack."""
    clinician: tuple[rp.Block, ...] = (
        rp.Heading("Summary for the care team", 1),
        rp.Paragraph(
            "The person who brings this used a decision aid about CAR-T cell therapy.", "small"
        ),
        rp.Fields(
            (
                ("Name", ""),
                ("Date of birth", ""),
                ("Condition", "Lupus (SLE)"),
                ("Treatments already tried", "Steroids, Hydroxychloroquine, Mycophenolate"),
                ("Leaning now", "I am not sure yet"),
                (
                    "SURE check",
                    "3 of 4: may be feeling unsure or unsupported (decisional conflict).",
                ),
                ("Knowledge check", "4 of 6 right"),
            )
        ),
        rp.Heading("What matters most to them", 2),
        rp.RatingBars(
            (
                rp.RatingBar("Avoiding chemotherapy", 4, 4),
                rp.RatingBar("Keeping my options for having children", 3, 4),
                rp.RatingBar("Staying close to home and family", 1, 4),
                rp.RatingBar("Using treatments with a long track record", 0, 4),
            ),
            "Not important",
            "Very important",
        ),
        rp.Heading("Knowledge gaps to go over", 3),
        rp.Bullets(
            ("Is CAR-T an approved treatment for autoimmune disease today?", "How much is known?")
        ),
        rp.Heading("Their top questions", 3),
        rp.Bullets(("Are there other trials I could join?", *NASTY[:2])),
    )
    questions = tuple(
        rp.QuestionItem(i + 1, text, reason, own)
        for i, (text, reason, own) in enumerate(
            [
                (
                    "Are there other trials I could join, such as ones without chemotherapy?",
                    "Because you rated it.",
                    False,
                ),
                (
                    "When can I drive, work and care for others again?",
                    "Most people ask this.",
                    False,
                ),
                ("What are the most likely side effects?", "Most people ask this.", False),
                *((q, "Your own question.", True) for q in NASTY),
            ]
        )
    )
    patient: tuple[rp.Block, ...] = (
        rp.Heading("Your questions to ask", 1),
        rp.Paragraph("Should I explore joining a CAR-T cell therapy clinical trial?", "lead"),
        rp.Paragraph(
            "Bring this to your appointment.\nThere is space under each question.", "small"
        ),
        rp.QuestionList(questions, 3),
        rp.Heading("In your own words", 2),
        rp.Paragraph("I live two hours from the hospital.\nMy sister can drive me."),
        rp.Paragraph("This reflects what you said. It is not advice.", "note"),
        rp.Heading("Key numbers you saw", 2),
        rp.Heading("Lupus went into remission", 3),
        rp.Paragraph("Remission means there were no signs of active lupus."),
        rp.IconArray(
            12,
            15,
            "benefit",
            "Lupus went into remission",
            "12 out of 15 people in Feng 2025",
            "Who: people with hard-to-treat lupus. How sure: very uncertain. Source [1].",
            "Filled figures: people this happened to.",
        ),
        rp.Heading("A strong immune reaction with fever (CRS)", 3),
        rp.IconArray(
            16,
            449,
            "risk",
            "New cancers",
            "16 out of 449 people in Ghilardi 2024",
            "These people were treated for blood cancer. Source [2].",
            "Filled figures: people this happened to.",
            "The figures show this as about 4 out of 100 (16 out of 449).",
        ),
        rp.PageBreak(),
        rp.Heading("Next steps", 2),
        rp.Bullets(("Print this summary.", "Ask your care team the questions you marked.")),
        rp.Heading("About this decision aid", 2),
        rp.Fields((("Content version", "1.0.0"), ("Funding", "None"))),
        rp.Paragraph("This content is past its review date.", "warning"),
        rp.Heading("Sources", 2),
        rp.SourceList(
            (
                rp.SourceItem(
                    1, "Feng J, et al. CAR-T in lupus. 2025.", "https://doi.org/10.1000/feng"
                ),
                rp.SourceItem(
                    2,
                    "Ghilardi G, et al. Secondary cancers. 2024.",
                    "https://doi.org/10.1000/ghil?a=1&b=2",
                ),
            )
        ),
    )
    base = rp.Report(
        title="CAR-T decision aid: my summary and questions",
        subject="Should I explore joining a CAR-T trial?",
        language="en",
        direction="ltr",
        running_head="Thinking about CAR-T cell therapy",
        footer="Content 1.0.0, reviewed 24 November 2026. Printed 25 November 2026.",
        disclaimer="This guide supports, but does not replace, a conversation with your care team.",
        page_label="Page {page} of {pages}",
        more_label="…and {count} more",
        clinician_page=clinician,
        patient_pages=patient,
        creator="decisionaid 0.1.0",
    )
    return replace(base, **changes)


def arabic_report() -> rp.Report:
    """The typical report with Arabic text mixed with Latin (CAR-T, numbers, brackets)."""
    question = "هل يمكنني الانضمام إلى تجربة CAR-T أخرى (بدون علاج كيميائي)؟"
    return typical_report(
        language="ar",
        direction="rtl",
        title="أداة القرار CAR-T: ملخصي وأسئلتي",
        running_head="التفكير في العلاج بخلايا CAR-T",
        footer="المحتوى 1.0.0. طُبع في 25 نوفمبر 2026.",
        disclaimer="هذا الدليل يدعم الحديث مع فريق الرعاية ولا يحل محله.",
        page_label="صفحة {page} من {pages}",
        clinician_page=(
            rp.Heading("ملخص لفريق الرعاية", 1),
            rp.Fields((("الاسم", ""), ("الحالة", "الذئبة الحمراء (SLE)"))),
            rp.RatingBars(
                (
                    rp.RatingBar("تجنب العلاج الكيميائي", 4, 4),
                    rp.RatingBar("البقاء قرب العائلة", 1, 4),
                ),
                "غير مهم",
                "مهم جدا",
            ),
            rp.Bullets((question, "سؤال ثان")),
        ),
        patient_pages=(
            rp.Heading("أسئلتك", 1),
            rp.Paragraph("أحضر هذه الورقة إلى موعدك. " * 30),
            rp.QuestionList((rp.QuestionItem(1, question, "سؤالك الخاص.", True),), 3),
            rp.IconArray(
                12,
                15,
                "benefit",
                "هدأ المرض",
                "12 من 15 شخصا",
                "من: 15 شخصا في الصين. المصدر [1].",
                "الأشكال الممتلئة: أشخاص حدث لهم ذلك.",
            ),
            rp.SourceList(
                (rp.SourceItem(1, "Feng J, et al. 2025.", "https://doi.org/10.1000/feng"),)
            ),
        ),
    )


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def typical_pdf() -> bytes:
    return pdf.render_pdf(typical_report())


@pytest.fixture(scope="module")
def typical_pages(typical_pdf: bytes) -> list[str]:
    return pages_text(typical_pdf)


def test_the_clinician_summary_is_page_one_only(typical_pages: list[str]) -> None:
    assert "Summary for the care team" in typical_pages[0]
    assert all("Summary for the care team" not in page for page in typical_pages[1:])
    assert "Your questions to ask" not in typical_pages[0]
    assert "Your questions to ask" in typical_pages[1]


def test_a_typical_report_has_three_to_eight_pages(typical_pages: list[str]) -> None:
    assert 3 <= len(typical_pages) <= 8


def test_every_page_has_its_number_head_footer_and_disclaimer(typical_pages: list[str]) -> None:
    total = len(typical_pages)
    for number, page in enumerate(typical_pages, start=1):
        text = flat(page)
        assert f"Page {number} of {total}" in text
        assert "Thinking about CAR-T cell therapy" in text
        assert "Printed 25 November 2026" in text
        assert "does not replace, a conversation" in text


def test_questions_keep_their_numbers_and_own_questions_print_literally(
    typical_pages: list[str],
) -> None:
    text = flat(" ".join(typical_pages[1:]))
    assert "1. Are there other trials I could join" in text
    assert "3. What are the most likely side effects?" in text
    for offset, own in enumerate(NASTY):
        assert f"{4 + offset}. {own}" in text
    assert "AT&amp;T" not in text
    assert "BIG" in text  # the <font> tag was not applied, it was printed


def test_headings_bullets_fields_bars_sources_and_numbers_are_printed(
    typical_pages: list[str],
) -> None:
    first = flat(typical_pages[0])
    for expected in (
        "CAR-T decision aid: my summary and questions",
        "Condition",
        "Lupus (SLE)",
        "Avoiding chemotherapy",
        "4/4",
        "Not important",
        "Very important",
        "How much is known?",
    ):
        assert expected in first
    rest = flat(" ".join(typical_pages[1:]))
    for expected in (
        "12 out of 15 people",
        "16 out of 449 people",
        "about 4 out of 100 (16 out of 449)",
        "Filled figures: people this happened to.",
        "[2]",
        "https://doi.org/10.1000/ghil?a=1&b=2",
        "My sister can drive me.",
        "past its review date",
    ):
        assert expected in rest


def test_two_renders_are_byte_identical(typical_pdf: bytes) -> None:
    assert pdf.render_pdf(typical_report()) == typical_pdf


def test_metadata_has_title_language_and_viewer_preference(typical_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(typical_pdf))
    info = reader.metadata
    assert info is not None
    assert info.title == "CAR-T decision aid: my summary and questions"
    assert info.author == "decisionaid"
    assert info.creator == "decisionaid 0.1.0"
    assert info.subject == "Should I explore joining a CAR-T trial?"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]


def font_names(data: bytes) -> set[str]:
    names: set[str] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        names |= {str(f.get_object()["/BaseFont"]) for f in fonts.values()}
    return names


def test_only_the_bundled_fonts_are_used_never_helvetica(typical_pdf: bytes) -> None:
    names = font_names(typical_pdf)
    assert names
    assert all(re.fullmatch(r"/[A-Z]{6}\+Noto\S+", n) for n in names), names


def test_an_arabic_report_renders_arabic_and_latin_runs() -> None:
    data = pdf.render_pdf(arabic_report())
    pages = pages_text(data)
    text = " ".join(pages)
    # Reshaped letters extract as Arabic presentation forms; either form is Arabic script.
    assert any("ARABIC" in unicodedata.name(ch, "") for ch in text)
    assert "CAR-T" in text
    assert "https://doi.org/10.1000/feng" in text
    names = font_names(data)
    assert any("NotoSansArabic" in n for n in names)
    assert any("NotoSans-Regular" in n for n in names)
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == "ar"


def test_fifty_thousand_characters_of_mixed_text_wrap_over_many_pages() -> None:
    words = ["treatment", "😀", "العلاج", "CAR-T", "👩‍⚕️", "température", "≥18", "x" * 5000]
    text = " ".join(words[i % len(words)] for i in range(8000))[:50_000]
    report = typical_report(
        patient_pages=(
            rp.Paragraph(text),
            rp.QuestionList((rp.QuestionItem(1, "y" * 5000, "Your own question.", True),), 3),
        )
    )
    pages = pages_text(pdf.render_pdf(report))
    assert 5 < len(pages) < 60
    body = "".join(pages)
    assert "\ufffd" in body  # emoji no bundled font has are printed visibly, not dropped
    assert "treatment" in body


def test_long_clinician_content_still_fits_on_page_one() -> None:
    many = tuple(f"Gap number {i} " * 20 for i in range(40))
    clinician = (*typical_report().clinician_page, rp.Bullets(many), rp.Paragraph("z" * 20_000))
    pages = pages_text(pdf.render_pdf(typical_report(clinician_page=clinician)))
    assert "Your questions to ask" in pages[1]
    assert "Gap number 0" in pages[0]
    assert "…and 34 more" in pages[0]


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_control_characters_and_odd_code_points_never_crash(direction: str) -> None:
    nasty = (
        "".join(chr(c) for c in range(0, 0x20))
        + "\x7f\x85\u200e\u202e\u2066\ufeff\ud800\udfff\U0010ffff"
    )
    report = typical_report(
        direction=direction,
        title=nasty,
        running_head=nasty,
        page_label="{pages} {page} {oops}",
        clinician_page=(rp.Heading(nasty, 1), rp.Fields(((nasty, nasty),))),
        patient_pages=(
            rp.Paragraph(nasty + "ok"),
            rp.Bullets((nasty,)),
            rp.IconArray(-3, 250, "risk", "", "", "", "", nasty),
        ),
    )
    pages = pages_text(pdf.render_pdf(report))
    assert "ok" in pages[-1]
    assert "1/2" in pages[0]  # a broken page-label template falls back to digits


def test_the_fallback_chain_marks_unknown_characters_visibly() -> None:
    runs = pdffonts.runs(pdffonts.clean("a 👩‍⚕️ ≥ ✓ م 🇬🇧 b"))
    assert [font for font, _ in runs] == [
        "NotoSans",
        "NotoSansMath",
        "NotoSans",
        "NotoSansSymbols2",
        "NotoSans",
        "NotoSansArabic",
        "NotoSans",
    ]
    assert "".join(text for _, text in runs) == "a \ufffd ≥ ✓ م \ufffd b"


def test_markup_escapes_everything() -> None:
    assert pdffonts.markup('<b>x & "y"\nz') == '&lt;b&gt;x &amp; "y"<br/>z'


def test_write_pdf_replaces_atomically_and_reports_failures(tmp_path: Path) -> None:
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"old")
    pdf.write_pdf(typical_report(), target)
    assert target.read_bytes().startswith(b"%PDF")
    assert list(tmp_path.iterdir()) == [target]

    missing = tmp_path / "no" / "such" / "folder" / "summary.pdf"
    with pytest.raises(pdf.PdfWriteError, match="Could not save the PDF") as caught:
        pdf.write_pdf(typical_report(), missing)
    assert isinstance(caught.value, OSError)
    assert not missing.parent.exists()


@settings(max_examples=15, deadline=None)
@given(text=st.text(max_size=300), rtl=st.booleans())
def test_any_text_renders_on_both_directions(text: str, rtl: bool) -> None:
    report = typical_report(
        direction="rtl" if rtl else "ltr",
        clinician_page=(rp.Heading(text, 1), rp.Bullets((text,))),
        patient_pages=(
            rp.Paragraph(text, "warning"),
            rp.QuestionList((rp.QuestionItem(1, text, text, True),), 1),
        ),
    )
    assert pdf.render_pdf(report).startswith(b"%PDF")


def test_characters_beyond_the_basic_plane_can_be_copied_out() -> None:
    text = "Maths 𝐴𝐵 and a gothic 𐌰"
    report = typical_report(patient_pages=(rp.Paragraph(text),))
    assert "𝐴𝐵" in "".join(pages_text(pdf.render_pdf(report)))


def test_which_characters_a_font_has_is_read_as_reportlab_reads_it() -> None:
    """fonts._cmap reads only the cmap table; ReportLab's full parse must find the same keys."""
    from reportlab.pdfbase.ttfonts import TTFont

    from decisionaid.paths import fonts_dir

    for name, file in pdffonts.FONT_FILES.items():
        face = TTFont(name, str(fonts_dir() / file)).face
        assert pdffonts._cmap(name) == frozenset(face.charToGlyph), name


def test_an_english_pdf_loads_no_right_to_left_machinery_or_unused_faces(tmp_path: Path) -> None:
    """What `decisionaid render` of the documented example in English imports and parses.

    The example draws one symbol (✎) from Noto Sans Symbols 2: the Arabic and math faces are
    consulted only through their cmaps, and nothing right-to-left or XML is imported, nor the
    FHIR Questionnaire builder (the QR payload needs none of it), nor ReportLab's barcode
    widgets and drawing shapes (the QR code needs only the encoder), nor pikepdf (the tags are
    written as ReportLab objects; pikepdf only reads them back in the tests).
    """
    code = """
import sys
from reportlab.pdfbase import pdfmetrics
from decisionaid.cli import main
args = ["render", "--answers", sys.argv[1], "--out", sys.argv[2], "--lang", "en"]
assert main([*args, "--date", "2026-11-25"]) == 0
banned = ("arabic_reshaper", "bidi", "fontTools", "lxml", "pikepdf", "decisionaid.fhir.questionnaire")
banned += ("reportlab.graphics.barcode", "reportlab.graphics.shapes")
print(sorted(m for m in sys.modules if any(m == b or m.startswith(b + ".") for b in banned)))
print(sorted(pdfmetrics.getRegisteredFontNames()))
"""
    source = write_documented_answers(tmp_path)
    out = tmp_path / "example.pdf"
    done = subprocess.run(
        [sys.executable, "-c", code, str(source), str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    modules, faces = done.stdout.strip().splitlines()[-2:]
    assert modules == "[]"
    assert faces == str(sorted(["NotoSans", "NotoSans-Bold", "NotoSansSymbols2"]))
    used = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in PdfReader(out).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert used == {"NotoSans-Regular", "NotoSans-Bold", "NotoSansSymbols2-Regular"}


def test_the_cycle_collector_is_paused_only_while_rendering(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    from decisionaid.pdf import pages

    seen: list[bool] = []
    build = pages.tag_document

    def tag_document(*args: Any, **kwargs: Any) -> None:
        seen.append(gc.isenabled())
        build(*args, **kwargs)

    monkeypatch.setattr(pages, "tag_document", tag_document)
    assert gc.isenabled()
    pdf.render_pdf(typical_report())
    assert seen == [False]
    assert gc.isenabled()
    monkeypatch.setattr(pages, "tag_document", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        pdf.render_pdf(typical_report())
    assert gc.isenabled()
    gc.disable()
    try:
        monkeypatch.setattr(pages, "tag_document", tag_document)
        pdf.render_pdf(typical_report())
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
