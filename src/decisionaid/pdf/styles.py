# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The look of the summary: page geometry, colours, gutters, text limits and every paragraph style."""

from __future__ import annotations

import functools
from typing import Any, Final

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from decisionaid.palette import NORMAL, rgb
from decisionaid.pdf import fonts
from decisionaid.pdf.fonts import BOLD, REGULAR

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm
FOOTER_GAP = 6 * mm  # between the text frame and the footer rule
BOTTOM_EDGE = 11 * mm  # lowest line of the disclaimer
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
QR_SIZE = 36 * mm  # with the quiet zone: a version-15 code gets modules of about 0.42 mm
RECORD_GAP = 3 * mm  # between the cover sheet's text and its QR code

# The normal theme of the one palette, so the paper matches the screen.
INK = colors.Color(*rgb(NORMAL.ink))
ACCENT = colors.Color(*rgb(NORMAL.accent))
TINT = colors.Color(*rgb(NORMAL.accent_soft))  # for note boxes and empty bar cells
MUTED = colors.Color(*rgb(NORMAL.muted))
RULE = colors.Color(*rgb(NORMAL.line))

BULLET_GUTTER = 14.0
NUMBER_GUTTER = 22.0
SOURCE_GUTTER = 26.0
ANSWER_LINE_GAP = 8 * mm
ICON_W, ICON_H = 11.0, 15.0

# Long text is cut into paragraphs of about this many characters: one huge Paragraph is
# re-wrapped at every page split (quadratic) and can overflow a frame.
CHUNK = 1500
# Page 1 must fit on one page; text there is capped before it is shrunk to fit.
CLINICIAN_TEXT_LIMIT = 300
CLINICIAN_LIST_LIMIT = 6
HEADING_LIMIT = 400
FOOTER_LIMIT = 400
DISCLAIMER_LIMIT = 700
ELLIPSIS = "…"


def _style(name: str, **kw: Any) -> ParagraphStyle:
    base: dict[str, Any] = {
        "fontName": REGULAR,
        "fontSize": 10.5,
        "leading": 15,
        "textColor": INK,
        "spaceAfter": 6,
        "bulletFontName": REGULAR,
        "splitLongWords": 1,
        "allowWidows": 0,
        "allowOrphans": 0,
    }
    base.update(kw)
    base.setdefault("bulletFontSize", base["fontSize"])
    return ParagraphStyle(name, **base)


# Every paragraph style as data (style rule 14): what differs from _style()'s base.
STYLE_SPECS: Final[dict[str, dict[str, Any]]] = {
    "kicker": dict(fontName=BOLD, fontSize=9.5, leading=13, textColor=ACCENT, spaceAfter=2),
    "h1": dict(
        fontName=BOLD,
        fontSize=18,
        leading=23,
        textColor=ACCENT,
        spaceAfter=8,
        keepWithNext=1,
    ),
    "h2": dict(
        fontName=BOLD,
        fontSize=13.5,
        leading=18,
        textColor=ACCENT,
        spaceBefore=14,
        spaceAfter=5,
        keepWithNext=1,
    ),
    "h3": dict(
        fontName=BOLD,
        fontSize=11,
        leading=15,
        spaceBefore=9,
        spaceAfter=3,
        keepWithNext=1,
    ),
    "body": {},
    "lead": dict(fontSize=12, leading=17, spaceAfter=8),
    "small": dict(fontSize=9, leading=12.5, textColor=MUTED),
    "note": dict(
        fontSize=9.5,
        leading=13.5,
        backColor=TINT,
        borderPadding=(5, 7, 5, 7),
        leftIndent=7,
        rightIndent=7,
        spaceBefore=6,
        spaceAfter=10,
    ),
    "warning": dict(
        fontName=BOLD,
        fontSize=10,
        leading=14,
        backColor=TINT,
        borderColor=ACCENT,
        borderWidth=1,
        borderPadding=(6, 8, 6, 8),
        leftIndent=8,
        rightIndent=8,
        spaceBefore=8,
        spaceAfter=12,
    ),
    "bullet": dict(spaceAfter=3),
    "question": dict(fontName=BOLD, bulletFontName=BOLD, fontSize=11, leading=15, spaceAfter=1),
    "reason": dict(fontSize=9, leading=12.5, textColor=MUTED, spaceAfter=2),
    "label": dict(fontName=BOLD, fontSize=9.5, leading=13.5, textColor=MUTED, spaceAfter=0),
    "value": dict(fontSize=10, leading=14, spaceAfter=0),
    "scale": dict(fontSize=8, leading=10, textColor=MUTED, spaceAfter=0),
    "sentence": dict(fontName=BOLD, fontSize=11, leading=15, spaceAfter=4),
    "detail": dict(fontSize=9, leading=12.5, textColor=MUTED, spaceAfter=3),
    "source": dict(fontSize=9, leading=12.5, spaceAfter=0),
    "url": dict(fontSize=8.5, leading=12, textColor=ACCENT, spaceAfter=5),
    "head": dict(fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=0),
    "foot": dict(fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=0),
    "page": dict(fontName=BOLD, fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=0),
}


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    """All paragraph styles, built once the fonts are registered."""
    fonts.register_fonts()
    return {name: _style(name, **spec) for name, spec in STYLE_SPECS.items()}


@functools.cache
def variant(
    name: str, rtl: bool, indent: float = 0.0, first: bool = True, last: bool = True
) -> ParagraphStyle:
    """`name` aligned for the direction, with a hanging indent and only outer spacing."""
    base = styles()[name]
    kw: dict[str, Any] = {"alignment": TA_RIGHT if rtl else TA_LEFT}
    if indent:
        side = "rightIndent" if rtl else "leftIndent"
        kw[side] = getattr(base, side) + indent
        kw["bulletIndent"] = 0 if rtl else base.leftIndent + 2
    if not first:
        kw["spaceBefore"] = 0
    if not last:
        kw["spaceAfter"] = 0
    return ParagraphStyle(f"{name}-{rtl}-{indent}-{first}-{last}", parent=base, **kw)


def is_bold(style: ParagraphStyle) -> bool:
    """Whether `style` is set in the bold face."""
    return bool(style.fontName == BOLD)


def cut_to(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with an ellipsis (language-neutral)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS
