# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Our XML escaping gives what xml.sax.saxutils gives, without importing urllib; our stand-ins
for ReportLab's pure-Python helpers give what those give."""

from __future__ import annotations

from xml.sax.saxutils import escape as sax_escape
from xml.sax.saxutils import quoteattr as sax_quoteattr

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib import rl_accel

from decisionaid.pdf import fonts
from decisionaid.pdf.escape import escape, quoteattr
from decisionaid.pdf.fonts import (
    _escape_pdf,
    _fp_str,
    _pdfdoc_encoded,
    _reportlab_fp_str,
    _reportlab_pdfdoc_enc,
)


def test_escaping_matches_the_standard_library() -> None:
    for text in ("AT&T <b>", "a > b & c", "plain", "https://x.org/?a=1&b=<2>", ""):
        assert escape(text) == sax_escape(text)
        assert quoteattr(text) == sax_quoteattr(text)
    assert quoteattr('say "hi"\n') == '"say &quot;hi&quot;&#10;"'


_PDFDOC_SAMPLES = [
    *(chr(c) for c in range(128)),
    "BT /F1 10.5 Tf 1 0 0 1 56.69 785.2 Tm (A \\(b\\) c) Tj T* ET\n" * 50,
    "",
    "tab\tand\r\nnew line",
    "é, ü and ﻣ",
    "ok until \x1b",
    b"already bytes",
    # A page's content, long enough to be looked through byte by byte: refused at either end.
    *("BT (a) Tj ET\n" * 100 + chr(c) for c in range(0x17, 0x21)),
    "\x1f" + "BT (a) Tj ET\n" * 100,
]


@pytest.mark.parametrize("text", _PDFDOC_SAMPLES)
def test_pdfdoc_encoding_gives_reportlabs_bytes_or_its_error(text: str | bytes) -> None:
    """fonts._pdfdoc_encoded stands in for ReportLab's pdfdocEnc: same bytes, same refusals."""
    try:
        expected = _reportlab_pdfdoc_enc(text)
    except UnicodeEncodeError:
        with pytest.raises(UnicodeEncodeError):
            _pdfdoc_encoded(text)
        return
    assert _pdfdoc_encoded(text) == expected


@pytest.mark.parametrize(
    "numbers",
    [
        (1,),
        (1.0,),
        (True,),
        (-0.0,),
        (0,),
        (1e-9,),
        (2.5, 3),
        (10.5, -12.25, 0.3333333, 1e20),
        ([1, 2.5],),
        ((1, 2.5),),
        (595.2755905511812, 841.8897637795277),
    ],
)
def test_numbers_are_written_as_reportlab_writes_them(numbers: tuple[object, ...]) -> None:
    """fonts._fp_str: ReportLab's fp_str, remembered within a render and forgotten after it."""
    expected = _reportlab_fp_str(*numbers)
    assert _fp_str(*numbers) == expected  # outside a render
    with fonts.render_memo():
        assert _fp_str(*numbers) == expected
        assert _fp_str(*numbers) == expected  # remembered, where it can be a key
        memo = fonts.memo()
        assert memo is not None
        assert any(key[0] == "fp" for key in memo) == all(not isinstance(n, list) for n in numbers)
    assert fonts.memo() is None


@pytest.mark.parametrize("font", [fonts.REGULAR, fonts.BOLD, fonts.ARABIC, "Helvetica"])
def test_paragraph_word_widths_are_reportlabs_and_forgotten_after_the_render(font: str) -> None:
    """fonts._paragraph_string_width, ReportLab Paragraph's stringWidth: the same widths."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus import paragraph

    fonts.register_fonts()
    fonts._registered(fonts.ARABIC)
    assert paragraph.stringWidth is fonts._paragraph_string_width
    words = ["", " ", "treatment", "CAR-T", "é≥18", "العلاج", "x" * 300]
    expected = [pdfmetrics.stringWidth(w, font, size) for w in words for size in (9, 10.5)]
    widths = [paragraph.stringWidth(w, font, size) for w in words for size in (9, 10.5)]
    assert widths == expected  # outside a render
    with fonts.render_memo():
        for _ in range(2):  # measured, then remembered
            assert [paragraph.stringWidth(w, font, s) for w in words for s in (9, 10.5)] == expected
        memo = fonts.memo()
        assert memo is not None
        assert any(key[0] == "string width" for key in memo)
    assert fonts.memo() is None


@given(st.binary(max_size=60) | st.text(st.characters(max_codepoint=0xFF), max_size=60))
def test_pdf_string_escaping_gives_reportlabs_string(text: bytes | str) -> None:
    """fonts._escape_pdf stands in for ReportLab's escapePDF: the same string for any bytes."""
    assert _escape_pdf(text) == rl_accel.escapePDF(text)


def test_pdf_string_escaping_of_every_byte_and_beyond_latin_1() -> None:
    every = bytes(range(256))
    assert _escape_pdf(every) == rl_accel.escapePDF(every)
    assert _escape_pdf(every.decode("latin-1")) == rl_accel.escapePDF(every.decode("latin-1"))
    with pytest.raises(KeyError):  # as ReportLab's own: it escapes bytes, not characters
        rl_accel.escapePDF("ﻣ")
    with pytest.raises(KeyError):
        _escape_pdf("ﻣ")


NUMBER = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.sampled_from([0, 0.0, -0.0, 1, 1.0, True, 1e-7, 2e-7, 0.5, 10.5, 841.8897637795277]),
)


@given(st.lists(st.lists(NUMBER, max_size=6), min_size=1, max_size=8))
def test_groups_of_numbers_remembered_one_by_one_are_written_as_reportlab_writes_them(
    groups: list[list[float]],
) -> None:
    """Within a render a new group is joined from numbers remembered singly: the same text."""
    with fonts.render_memo():
        for _ in range(2):
            for group in groups:
                expected = _reportlab_fp_str(*group)
                assert _fp_str(*group) == expected
                assert _fp_str(tuple(group)) == _reportlab_fp_str(tuple(group)) == expected
