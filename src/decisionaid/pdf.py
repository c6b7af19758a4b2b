# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Lay out a `Report` as a printable A4 PDF with ReportLab (the only module that does).

Page 1 is the clinician summary, shrunk to fit one page; the patient pages follow. Every
string goes through `pdffonts.markup()` (escape, line breaks, font fallback); right-to-left
text is wrapped in logical order and reordered per line with python-bidi (ReportLab's own
RTL needs rlbidi, which is not on PyPI). Output is byte-identical for identical input.
"""

from __future__ import annotations

import functools
import io
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import arabic_reshaper
from bidi.algorithm import get_display
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from decisionaid import pdffonts
from decisionaid import report as rp
from decisionaid.files import write_atomically
from decisionaid.pdffonts import BOLD, REGULAR, clean, has_rtl, markup, text_width

__all__ = ["PdfWriteError", "render_pdf", "write_pdf"]

# ---- look ----------------------------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm
FOOTER_GAP = 6 * mm  # between the text frame and the footer rule
BOTTOM_EDGE = 11 * mm  # lowest line of the disclaimer
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X

INK = colors.HexColor("#1F2328")
ACCENT = colors.HexColor("#1D5C8C")  # the one accent colour (calm blue, 7:1 on white)
TINT = colors.HexColor("#EAF1F7")  # accent at low strength, for boxes and empty bar cells
MUTED = colors.HexColor("#5B6169")
RULE = colors.HexColor("#C5CBD3")

BULLET_GUTTER = 14.0
NUMBER_GUTTER = 22.0
SOURCE_GUTTER = 26.0
ANSWER_LINE_GAP = 8 * mm
ICON_W, ICON_H = 11.0, 15.0
ICONS_PER_ROW = 10
ICON_LIMIT = 100

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


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    """All paragraph styles in one place (style rule 14)."""
    pdffonts.register_fonts()
    return {
        "kicker": _style(
            "kicker", fontName=BOLD, fontSize=9.5, leading=13, textColor=ACCENT, spaceAfter=2
        ),
        "h1": _style(
            "h1",
            fontName=BOLD,
            fontSize=18,
            leading=23,
            textColor=ACCENT,
            spaceAfter=8,
            keepWithNext=1,
        ),
        "h2": _style(
            "h2",
            fontName=BOLD,
            fontSize=13.5,
            leading=18,
            textColor=ACCENT,
            spaceBefore=14,
            spaceAfter=5,
            keepWithNext=1,
        ),
        "h3": _style(
            "h3",
            fontName=BOLD,
            fontSize=11,
            leading=15,
            spaceBefore=9,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "body": _style("body"),
        "lead": _style("lead", fontSize=12, leading=17, spaceAfter=8),
        "small": _style("small", fontSize=9, leading=12.5, textColor=MUTED),
        "note": _style(
            "note",
            fontSize=9.5,
            leading=13.5,
            backColor=TINT,
            borderPadding=(5, 7, 5, 7),
            leftIndent=7,
            rightIndent=7,
            spaceBefore=6,
            spaceAfter=10,
        ),
        "warning": _style(
            "warning",
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
        "bullet": _style("bullet", spaceAfter=3),
        "question": _style(
            "question", fontName=BOLD, bulletFontName=BOLD, fontSize=11, leading=15, spaceAfter=1
        ),
        "reason": _style("reason", fontSize=9, leading=12.5, textColor=MUTED, spaceAfter=2),
        "label": _style(
            "label", fontName=BOLD, fontSize=9.5, leading=13.5, textColor=MUTED, spaceAfter=0
        ),
        "value": _style("value", fontSize=10, leading=14, spaceAfter=0),
        "scale": _style("scale", fontSize=8, leading=10, textColor=MUTED, spaceAfter=0),
        "sentence": _style("sentence", fontName=BOLD, fontSize=11, leading=15, spaceAfter=4),
        "detail": _style("detail", fontSize=9, leading=12.5, textColor=MUTED, spaceAfter=3),
        "source": _style("source", fontSize=9, leading=12.5, spaceAfter=0),
        "url": _style("url", fontSize=8.5, leading=12, textColor=ACCENT, spaceAfter=5),
        "head": _style("head", fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=0),
        "foot": _style("foot", fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=0),
        "page": _style(
            "page", fontName=BOLD, fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=0
        ),
    }


@functools.cache
def _variant(
    name: str, rtl: bool, indent: float = 0.0, first: bool = True, last: bool = True
) -> ParagraphStyle:
    """`name` aligned for the direction, with a hanging indent and only outer spacing."""
    base = _styles()[name]
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


def _is_bold(style: ParagraphStyle) -> bool:
    return bool(style.fontName == BOLD)


def _limit(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with an ellipsis (language-neutral)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


# ---- right-to-left lines -------------------------------------------------------------------


def _break_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    """Cut a word wider than the column into pieces that fit."""
    pieces: list[str] = []
    cur = ""
    for ch in word:
        if cur and text_width(cur + ch, size, bold) > width:
            pieces.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        pieces.append(cur)
    return pieces


def _logical_lines(text: str, width: float, size: float, bold: bool) -> list[str]:
    """Greedy word wrap of reshaped `text` in logical (typing) order."""
    space = text_width(" ", size, bold)
    lines: list[str] = []
    for hard in text.split("\n"):
        cur: list[str] = []
        cur_w = 0.0
        for word in hard.split():
            w = text_width(word, size, bold)
            if w > width:
                pieces = _break_word(word, width, size, bold)
                if cur:
                    lines.append(" ".join(cur))
                lines.extend(pieces[:-1])
                cur, cur_w = [pieces[-1]], text_width(pieces[-1], size, bold)
            elif cur and cur_w + space + w > width:
                lines.append(" ".join(cur))
                cur, cur_w = [word], w
            else:
                cur_w += (space if cur else 0.0) + w
                cur.append(word)
        lines.append(" ".join(cur))
    return lines


def _visual_lines(text: str, width: float, style: ParagraphStyle, rtl: bool) -> list[str]:
    """Wrap cleaned `text` to `width` and reorder each line for display (tech notes §1)."""
    bold = _is_bold(style)
    # Substitute first: python-bidi asserts on code points it has no bidi class for.
    shaped = pdffonts.substitute(arabic_reshaper.reshape(text), bold)
    lines = _logical_lines(shaped, width, style.fontSize, bold)
    base = "R" if rtl else "L"
    return [get_display(line, base_dir=base) if (rtl or has_rtl(line)) else line for line in lines]


class _BidiParagraph(Flowable):  # type: ignore[misc]
    """A paragraph that wraps and reorders itself per line; the bullet sits on the reading side."""

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        rtl: bool,
        bullet: str | None = None,
        gutter: float = 0.0,
        lines: tuple[float, list[str]] | None = None,
    ) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.rtl = rtl
        self.bullet = bullet
        self.gutter = gutter
        self._lines = lines
        self._para: Any = None
        self._wrapped_width = 0.0

    def _layout(self, avail_width: float) -> list[str]:
        if self._lines is not None and abs(self._lines[0] - avail_width) < 0.01:
            return self._lines[1]
        inner = avail_width - self.style.leftIndent - self.style.rightIndent - 1.0
        lines = _visual_lines(self.text, max(inner, 20.0), self.style, self.rtl)
        self._lines = (avail_width, lines)
        return lines

    def _paragraph(self, avail_width: float) -> Any:
        bold = _is_bold(self.style)
        body = "<br/>".join(markup(line, bold) for line in self._layout(avail_width))
        return Paragraph(body, self.style)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Lay out for `avail_width`; the height is lines × leading.

        Tables and KeepTogether ask again and again for the same width; the line breaks only
        depend on the width, so the laid-out paragraph is kept until the width changes.
        """
        if self._para is None or abs(self._wrapped_width - avail_width) >= 0.01:
            self._para = self._paragraph(avail_width)
            self._wrapped_width = avail_width
            self.width, self.height = self._para.wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        """Split between lines; the second part has no bullet and no space before it."""
        lines = self._layout(avail_width)
        fit = int((avail_height + 0.01) // self.style.leading)
        if fit < 1 or fit >= len(lines):
            return []
        return [
            _BidiParagraph(
                self.text,
                _without(self.style, "spaceAfter"),
                self.rtl,
                self.bullet,
                self.gutter,
                (avail_width, lines[:fit]),
            ),
            _BidiParagraph(
                self.text,
                _without(self.style, "spaceBefore"),
                self.rtl,
                None,
                self.gutter,
                (avail_width, lines[fit:]),
            ),
        ]

    def draw(self) -> None:
        """Draw the lines, then the bullet level with the first baseline."""
        self._para.drawOn(self.canv, 0, 0)
        if self.bullet:
            size = self.style.bulletFontSize
            baseline = self.height - self.style.fontSize
            bold = self.style.bulletFontName == BOLD
            text = get_display(self.bullet, base_dir="R") if self.rtl else self.bullet
            if self.rtl:
                edge = self.width - (self.style.rightIndent - self.gutter)
                x = edge - 2.0 - text_width(text, size, bold)
            else:
                x = self.style.leftIndent - self.gutter + 2.0
            _draw_runs(self.canv, text, x, baseline, size, bold, self.style.textColor)


def _without(style: ParagraphStyle, attr: str) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-no-{attr}", parent=style, **{attr: 0})


def _draw_runs(
    canv: Any, text: str, x: float, y: float, size: float, bold: bool, color: Any
) -> None:
    """Draw one line of plain text at (x, y) with per-run fonts."""
    obj = canv.beginText(x, y)
    obj.setFillColor(color)
    for run in pdffonts.runs(clean(text), bold):
        obj.setFont(run.font, size)
        obj.textOut(run.text)
    canv.drawText(obj)


# ---- text to flowables ---------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?;。؟])\s+")


def _chunks(text: str) -> list[str]:
    """Cut long cleaned text into pieces of about CHUNK characters at newlines, then sentences."""
    if len(text) <= CHUNK:
        return [text]
    pieces: list[str] = []
    for line in text.split("\n"):
        if len(line) <= CHUNK:
            pieces.append(line)
            continue
        for sentence in _SENTENCE_END.split(line):
            pieces.extend(sentence[i : i + CHUNK] for i in range(0, max(len(sentence), 1), CHUNK))
    chunks: list[str] = []
    cur: list[str] = []
    size = 0
    for piece in pieces:
        if cur and size + len(piece) > CHUNK:
            chunks.append("\n".join(cur))
            cur, size = [], 0
        cur.append(piece)
        size += len(piece) + 1
    chunks.append("\n".join(cur))
    return chunks


@dataclass(frozen=True)
class _Ctx:
    """What every block renderer needs to know."""

    rtl: bool


def _text(
    ctx: _Ctx,
    text: str,
    style: str,
    *,
    bullet: str | None = None,
    indent: float = 0.0,
    ltr: bool = False,
) -> list[Any]:
    """Flowables for one plain string in a named style; `ltr` forces left-to-right (URLs)."""
    chunks = _chunks(clean(text))
    rtl_layout = ctx.rtl and not ltr
    out: list[Any] = []
    for i, chunk in enumerate(chunks):
        st = _variant(style, ctx.rtl, indent, first=i == 0, last=i == len(chunks) - 1)
        mark = bullet if i == 0 else None
        if rtl_layout or (not ltr and has_rtl(chunk)):
            out.append(_BidiParagraph(chunk, st, rtl_layout, mark, indent))
        else:
            out.append(Paragraph(markup(chunk, _is_bold(st)), st, bulletText=mark))
    return out


# ---- drawn pieces --------------------------------------------------------------------------


class _Rules(Flowable):  # type: ignore[misc]
    """Ruled empty lines to write on by hand."""

    def __init__(
        self, count: int, rtl: bool, indent: float = 0.0, gap: float = ANSWER_LINE_GAP
    ) -> None:
        super().__init__()
        self.count = max(count, 0)
        self.rtl = rtl
        self.indent = indent
        self.gap = gap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Full width, `count` lines high."""
        self.width = avail_width
        self.height = self.count * self.gap
        return self.width, self.height

    def draw(self) -> None:
        """One thin grey line at the bottom of each slot."""
        canv = self.canv
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        x0, x1 = (0.0, self.width - self.indent) if self.rtl else (self.indent, self.width)
        for i in range(self.count):
            y = self.height - (i + 1) * self.gap + 2
            canv.line(x0, y, x1, y)


class _Bar(Flowable):  # type: ignore[misc]
    """`value` of `maximum` as a row of segments, filled from the reading side."""

    def __init__(self, value: int, maximum: int, rtl: bool, height: float = 9.0) -> None:
        super().__init__()
        self.maximum = max(maximum, 1)
        self.value = min(max(value, 0), self.maximum)
        self.rtl = rtl
        self.height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """As wide as the column."""
        self.width = avail_width
        return self.width, self.height

    def draw(self) -> None:
        """Filled segments in the accent, the rest in the tint."""
        canv = self.canv
        gap = 2.0
        seg = (self.width - gap * (self.maximum - 1)) / self.maximum
        canv.setLineWidth(0.6)
        for i in range(self.maximum):
            x = (self.maximum - 1 - i) * (seg + gap) if self.rtl else i * (seg + gap)
            filled = i < self.value
            canv.setFillColor(ACCENT if filled else TINT)
            canv.setStrokeColor(ACCENT if filled else RULE)
            canv.rect(x, 0, seg, self.height, stroke=1, fill=1)


class _IconGrid(Flowable):  # type: ignore[misc]
    """`shown` person icons in rows of ten; the first `filled` are solid, the rest outlines."""

    def __init__(self, filled: int, shown: int, rtl: bool) -> None:
        super().__init__()
        self.shown = shown
        self.filled = filled
        self.rtl = rtl
        rows = -(-shown // ICONS_PER_ROW)
        self.width = min(shown, ICONS_PER_ROW) * ICON_W
        self.height = rows * ICON_H

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Fixed size."""
        return self.width, self.height

    def draw(self) -> None:
        """Filled vs outlined carries the meaning, not colour alone (IPDAS)."""
        # One literal path per icon: fast, and no form XObjects (pypdf re-reads every font
        # for each XObject it meets, which made text extraction 20x slower).
        per_row = min(self.shown, ICONS_PER_ROW)
        ops = ["q 0.8 w 1 j", _rgb(ACCENT, "RG")]
        for i in range(self.shown):
            row, col = divmod(i, ICONS_PER_ROW)
            if self.rtl:
                col = per_row - 1 - col
            ops.append(
                f"q 1 0 0 1 {col * ICON_W:.2f} {self.height - (row + 1) * ICON_H:.2f} cm "
                f"{_PERSON_SOLID if i < self.filled else _PERSON_OUTLINE} Q"
            )
        ops.append("Q")
        self.canv.addLiteral("\n".join(ops))


def _rgb(color: Any, op: str) -> str:
    return f"{color.red:.3f} {color.green:.3f} {color.blue:.3f} {op}"


def _person_path() -> str:
    """PDF path operators for one person icon (head and rounded body) in an ICON_W × ICON_H box."""
    k = 0.5523  # Bézier circle constant
    cx, cy, r = ICON_W / 2, ICON_H - 3.8, 2.4
    head = (
        f"{cx + r:.2f} {cy:.2f} m "
        f"{cx + r:.2f} {cy + k * r:.2f} {cx + k * r:.2f} {cy + r:.2f} {cx:.2f} {cy + r:.2f} c "
        f"{cx - k * r:.2f} {cy + r:.2f} {cx - r:.2f} {cy + k * r:.2f} {cx - r:.2f} {cy:.2f} c "
        f"{cx - r:.2f} {cy - k * r:.2f} {cx - k * r:.2f} {cy - r:.2f} {cx:.2f} {cy - r:.2f} c "
        f"{cx + k * r:.2f} {cy - r:.2f} {cx + r:.2f} {cy - k * r:.2f} {cx + r:.2f} {cy:.2f} c h"
    )
    x0, y0, x1, y1, q = cx - 3.5, 1.2, cx + 3.5, 8.8, 2.2
    kq = k * q
    body = (
        f"{x0 + q:.2f} {y0:.2f} m {x1 - q:.2f} {y0:.2f} l "
        f"{x1 - q + kq:.2f} {y0:.2f} {x1:.2f} {y0 + q - kq:.2f} {x1:.2f} {y0 + q:.2f} c "
        f"{x1:.2f} {y1 - q:.2f} l "
        f"{x1:.2f} {y1 - q + kq:.2f} {x1 - q + kq:.2f} {y1:.2f} {x1 - q:.2f} {y1:.2f} c "
        f"{x0 + q:.2f} {y1:.2f} l "
        f"{x0 + q - kq:.2f} {y1:.2f} {x0:.2f} {y1 - q + kq:.2f} {x0:.2f} {y1 - q:.2f} c "
        f"{x0:.2f} {y0 + q:.2f} l "
        f"{x0:.2f} {y0 + q - kq:.2f} {x0 + q - kq:.2f} {y0:.2f} {x0 + q:.2f} {y0:.2f} c h"
    )
    return f"{head} {body}"


_PERSON_SOLID = f"{_rgb(ACCENT, 'rg')} {_person_path()} B"
_PERSON_OUTLINE = f"1 1 1 rg {_person_path()} B"


# ---- blocks --------------------------------------------------------------------------------


def _table(
    rows: list[list[Any]],
    widths: Sequence[float | str],
    commands: Iterable[tuple[Any, ...]],
    split_in_row: int = 1,
) -> Any:
    """A table with no padding unless asked; string widths like "32%" follow the frame width."""
    base: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # for empty string cells: no Helvetica
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]
    return Table(
        rows,
        colWidths=list(widths),
        style=TableStyle([*base, *commands]),
        hAlign="LEFT",
        splitInRow=split_in_row,
    )


def _mirror(ctx: _Ctx, cells: list[Any]) -> list[Any]:
    return cells[::-1] if ctx.rtl else cells


def _heading(ctx: _Ctx, block: rp.Heading) -> list[Any]:
    return _text(ctx, _limit(block.text, HEADING_LIMIT), f"h{block.level}")


def _paragraph(ctx: _Ctx, block: rp.Paragraph) -> list[Any]:
    return _text(ctx, block.text, block.style)


def _bullets(ctx: _Ctx, block: rp.Bullets) -> list[Any]:
    out: list[Any] = []
    for item in block.items:
        out += _text(ctx, item, "bullet", bullet="•", indent=BULLET_GUTTER)
    if out:
        out.append(Spacer(1, 4))
    return out


def _fields(ctx: _Ctx, block: rp.Fields) -> list[Any]:
    label_w, value_w = "32%", "68%"
    rows: list[list[Any]] = []
    blanks: list[tuple[Any, ...]] = []
    value_col = 0 if ctx.rtl else 1
    for i, (label, value) in enumerate(block.rows):
        if clean(value).strip():
            value_cell: list[Any] = _text(ctx, value, "value")
        else:  # a darker rule under the value column is the line to write on
            value_cell = [Spacer(1, 16)]
            blanks.append(("LINEBELOW", (value_col, i), (value_col, i), 0.8, MUTED))
        rows.append(_mirror(ctx, [_text(ctx, label, "label"), value_cell]))
    if not rows:
        return []
    pad = 12.0
    commands = [
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("RIGHTPADDING" if not ctx.rtl else "LEFTPADDING", (0, 0), (0, -1), pad),
        ("LEFTPADDING" if ctx.rtl else "RIGHTPADDING", (1, 0), (1, -1), pad),
        *blanks,
    ]
    return [_table(rows, _mirror(ctx, [label_w, value_w]), commands), Spacer(1, 8)]


def _rating_bars(ctx: _Ctx, block: rp.RatingBars) -> list[Any]:
    label_w, bar_w, num_w = "46%", "40%", "14%"
    rows: list[list[Any]] = []
    for item in block.items:  # most important first, so at the top
        number = f"{min(max(item.value, 0), item.maximum)}/{item.maximum}"
        rows.append(
            _mirror(
                ctx,
                [
                    _text(ctx, item.label, "value"),
                    _Bar(item.value, item.maximum, ctx.rtl),
                    _text(ctx, number, "scale", ltr=True),
                ],
            )
        )
    low, high = _text(ctx, block.scale_low, "scale"), _text(ctx, block.scale_high, "scale")
    ends = [low, high] if not ctx.rtl else [high, low]
    # The words sit under the ends of the bar: low at the start, high at the far end.
    inner = _table(
        [[[_align(f, TA_LEFT) for f in ends[0]], [_align(f, TA_RIGHT) for f in ends[1]]]],
        ["50%", "50%"],
        [],
    )
    rows.append(_mirror(ctx, ["", inner, ""]))
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING" if ctx.rtl else "RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
    ]
    widths = _mirror(ctx, [label_w, bar_w, num_w])
    return [_table(rows, widths, commands), Spacer(1, 8)]


def _align(flowable: Any, alignment: int) -> Any:
    """Override the direction's alignment (for the two ends of a scale, or a page label)."""
    if isinstance(flowable, Paragraph | _BidiParagraph):
        flowable.style = ParagraphStyle(
            f"{flowable.style.name}-a{alignment}", parent=flowable.style, alignment=alignment
        )
    return flowable


def _question_list(ctx: _Ctx, block: rp.QuestionList) -> list[Any]:
    out: list[Any] = []
    for item in block.items:
        reason = f"✎ {item.reason}" if item.own else item.reason
        parts = [
            *_text(ctx, item.text, "question", bullet=f"{item.number}.", indent=NUMBER_GUTTER),
            *_text(ctx, reason, "reason", indent=NUMBER_GUTTER),
            _Rules(block.answer_lines, ctx.rtl, indent=NUMBER_GUTTER),
            Spacer(1, 10),
        ]
        out.append(KeepTogether(parts))
    return out


def _icon_array(ctx: _Ctx, block: rp.IconArray, title_shown: bool) -> list[Any]:
    total = max(block.total, 0)
    events = min(max(block.events, 0), total)
    text: list[Any] = [] if title_shown else _text(ctx, block.title, "h3")
    text += _text(ctx, block.sentence, "sentence")
    text += _text(ctx, block.detail, "detail")
    if total == 0:
        return [*text, Spacer(1, 6)]
    shown, filled = (
        (total, events) if total <= ICON_LIMIT else (ICON_LIMIT, round(ICON_LIMIT * events / total))
    )
    if block.scale_note:
        text += _text(ctx, block.scale_note, "detail")
    text += _text(ctx, block.legend, "detail")
    grid = _IconGrid(filled, shown, ctx.rtl)
    grid_w = ICONS_PER_ROW * ICON_W + 16
    widths = _mirror(ctx, [grid_w, "*"])
    pad = "LEFTPADDING" if ctx.rtl else "RIGHTPADDING"
    commands: list[tuple[Any, ...]] = [
        (pad, (1, 0), (1, 0), 16) if ctx.rtl else (pad, (0, 0), (0, 0), 16)
    ]
    if ctx.rtl:
        grid.hAlign = "RIGHT"
    # Not in a KeepTogether: a heading's keepWithNext cannot reach into one (ReportLab's _ktAllow).
    return [_table([_mirror(ctx, [grid, text])], widths, commands, split_in_row=0), Spacer(1, 10)]


def _source_list(ctx: _Ctx, block: rp.SourceList) -> list[Any]:
    out: list[Any] = []
    for item in block.items:
        out += _text(ctx, item.citation, "source", bullet=f"[{item.number}]", indent=SOURCE_GUTTER)
        url = clean(item.url).strip()
        if url:
            style = _variant("url", ctx.rtl, SOURCE_GUTTER)
            body = markup(url)
            if re.fullmatch(r"https?://\S+", url):
                body = f"<a href={quoteattr(url)}>{body}</a>"
            out.append(Paragraph(body, style))
        else:
            out.append(Spacer(1, 5))
    return out


def _blocks(ctx: _Ctx, blocks: Sequence[rp.Block], *, page_breaks: bool = True) -> list[Any]:
    out: list[Any] = []
    last_heading = ""
    for index, block in enumerate(blocks):
        match block:
            case rp.Heading():
                out += _heading(ctx, block)
            case rp.Paragraph():
                flowables = _paragraph(ctx, block)
                if index + 1 < len(blocks) and isinstance(blocks[index + 1], rp.IconArray):
                    flowables[-1].keepWithNext = 1  # a fact's text stays with its icon array
                out += flowables
            case rp.Bullets():
                out += _bullets(ctx, block)
            case rp.Fields():
                out += _fields(ctx, block)
            case rp.RatingBars():
                out += _rating_bars(ctx, block)
            case rp.QuestionList():
                out += _question_list(ctx, block)
            case rp.IconArray():
                out += _icon_array(ctx, block, title_shown=last_heading == block.title)
            case rp.PageBreak():
                if page_breaks:
                    out.append(PageBreak())
            case rp.SourceList():
                out += _source_list(ctx, block)
        if isinstance(block, rp.Heading):
            last_heading = block.text
    return out


def _capped(block: rp.Block, more_label: str) -> rp.Block:
    """A page-1 block with long text and long lists cut down, so shrinking stays readable."""
    cut = functools.partial(_limit, limit=CLINICIAN_TEXT_LIMIT)

    def cap_list(items: tuple[str, ...]) -> tuple[str, ...]:
        kept = tuple(cut(i) for i in items[:CLINICIAN_LIST_LIMIT])
        more = len(items) - len(kept)
        return (*kept, more_label.format(count=more)) if more > 0 else kept

    match block:
        case rp.Paragraph():
            return rp.Paragraph(_limit(block.text, CLINICIAN_TEXT_LIMIT * 3), block.style)
        case rp.Bullets():
            return rp.Bullets(cap_list(block.items))
        case rp.Fields():
            return rp.Fields(tuple((cut(label), cut(value)) for label, value in block.rows))
        case rp.RatingBars():
            items = tuple(rp.RatingBar(cut(i.label), i.value, i.maximum) for i in block.items)
            return rp.RatingBars(items, cut(block.scale_low), cut(block.scale_high))
        case rp.QuestionList():
            qs = tuple(
                rp.QuestionItem(q.number, cut(q.text), cut(q.reason), q.own) for q in block.items
            )
            return rp.QuestionList(qs[:CLINICIAN_LIST_LIMIT], block.answer_lines)
    return block


# ---- pages ---------------------------------------------------------------------------------


def _page_label(template: str, page: int, pages: int) -> str:
    """The translated "Page {page} of {pages}", or "page / pages" if the template is broken."""
    try:
        return template.format(page=page, pages=pages)
    except (KeyError, IndexError, ValueError, AttributeError):
        return f"{page}/{pages}"


def _wrapped(flowables: Sequence[Any], width: float) -> tuple[list[tuple[Any, float]], float]:
    """Wrap once; return each flowable with its height, and the total height."""
    placed = [(f, float(f.wrap(width, PAGE_HEIGHT)[1])) for f in flowables]
    return placed, sum(h for _, h in placed)


def _place(canv: Any, placed: Sequence[tuple[Any, float]], x: float, top: float) -> float:
    """Draw wrapped flowables downwards from `top`; return the y below the last one."""
    for f, h in placed:
        top -= h
        f.drawOn(canv, x, top)
    return top


class _Furniture:
    """Running head, footer, page label and disclaimer, drawn on every page once the count is known.

    The text is wrapped once and drawn on every page; only the page label changes.
    """

    LABEL_WIDTH = 38 * mm

    def __init__(self, ctx: _Ctx, report: rp.Report) -> None:
        self.ctx = ctx
        self.template = report.page_label
        self.head, self.head_h = _wrapped(
            _text(ctx, _limit(report.running_head, FOOTER_LIMIT), "head"), CONTENT_WIDTH
        )
        foot_w = CONTENT_WIDTH - self.LABEL_WIDTH
        self.foot, self.foot_h = _wrapped(
            _text(ctx, _limit(report.footer, FOOTER_LIMIT), "foot"), foot_w
        )
        self.disclaimer, self.disclaimer_h = _wrapped(
            _text(ctx, _limit(report.disclaimer, DISCLAIMER_LIMIT), "foot"), CONTENT_WIDTH
        )
        self.label_style = _styles()["page"]
        self.rule_y = (
            BOTTOM_EDGE + self.disclaimer_h + 4 + max(self.foot_h, self.label_style.leading) + 5
        )

    def draw(self, canv: Any, page: int, pages: int) -> None:
        """Decorate one page."""
        canv.saveState()
        bottom = _place(canv, self.head, MARGIN_X, PAGE_HEIGHT - 12 * mm)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN_X, bottom - 4, PAGE_WIDTH - MARGIN_X, bottom - 4)
        canv.line(MARGIN_X, self.rule_y, PAGE_WIDTH - MARGIN_X, self.rule_y)
        top = self.rule_y - 5
        foot_x = MARGIN_X + (self.LABEL_WIDTH if self.ctx.rtl else 0.0)
        y = _place(canv, self.foot, foot_x, top)
        label = _page_label(self.template, page, pages)
        if self.ctx.rtl or has_rtl(label):
            label = get_display(
                arabic_reshaper.reshape(clean(label)), base_dir="R" if self.ctx.rtl else "L"
            )
        style = self.label_style
        width = text_width(label, style.fontSize, bold=True)
        x = MARGIN_X if self.ctx.rtl else PAGE_WIDTH - MARGIN_X - width
        _draw_runs(canv, label, x, top - style.fontSize, style.fontSize, True, style.textColor)
        y = min(y, top - style.leading)
        _place(canv, self.disclaimer, MARGIN_X, y - 4)
        canv.restoreState()


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds pages back until the end so each can say "Page x of y"."""

    def __init__(self, *args: Any, furniture: _Furniture, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # ReportLab's name
        """Remember the page instead of writing it."""
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Decorate every page with the final count, then write the file."""
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._furniture.draw(self, number, len(self._pages))
            super().showPage()
        super().save()


class _FitOnePage(Flowable):  # type: ignore[misc]
    """Content scaled down just enough to fit the frame; built afresh for every trial width.

    Like KeepInFrame(mode="shrink"), but tables are rebuilt for each width instead of keeping
    column widths and row heights from an earlier wrap (which made rows overlap).
    """

    TRIALS = 4

    def __init__(self, make: Callable[[], list[Any]]) -> None:
        super().__init__()
        self.make = make
        self.scale = 1.0
        self._content: list[tuple[Any, float, float]] = []

    def _lay_out(self, width: float) -> tuple[list[tuple[Any, float, float]], float]:
        """Each flowable with its height and the gap above it; the total height."""
        flowables = self.make()
        placed: list[tuple[Any, float, float]] = []
        total = 0.0
        for i, f in enumerate(flowables):
            _, h = f.wrap(width, 10 * PAGE_HEIGHT)
            gap = max(f.getSpaceBefore(), flowables[i - 1].getSpaceAfter()) if i else 0.0
            placed.append((f, h, gap))
            total += gap + h
        return placed, total

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Try scale 1, then the scale that surely fits, then larger ones that may fit too."""
        content, height = self._lay_out(avail_width)
        scale = 1.0
        if height > avail_height:
            scale = avail_height / height  # wider text is never taller, so this fits
            content, height = self._lay_out(avail_width / scale)
            for _ in range(self.TRIALS - 2):
                better = min(1.0, avail_height / height) * 0.999
                if better <= scale * 1.005:
                    break
                trial, trial_h = self._lay_out(avail_width / better)
                if trial_h * better > avail_height:
                    break
                scale, content, height = better, trial, trial_h
        self.scale, self._content = scale, content
        self.width, self.height = avail_width, height * scale
        return self.width, self.height

    def draw(self) -> None:
        """Draw the stack top-down, scaled."""
        canv = self.canv
        canv.saveState()
        canv.scale(self.scale, self.scale)
        y = self.height / self.scale
        for f, h, gap in self._content:
            y -= gap + h
            f.drawOn(canv, 0, y)
        canv.restoreState()


def _story(ctx: _Ctx, report: rp.Report) -> list[Any]:
    capped = [_capped(b, report.more_label) for b in report.clinician_page]

    def page_one() -> list[Any]:
        kicker = _text(ctx, _limit(report.title, HEADING_LIMIT), "kicker")
        return kicker + _blocks(ctx, capped, page_breaks=False)

    story: list[Any] = [_FitOnePage(page_one)]
    patient = _blocks(ctx, report.patient_pages)
    if patient:
        story += [PageBreak(), *patient]
    return story


def render_pdf(report: rp.Report) -> bytes:
    """The report as PDF bytes: clinician summary on page 1, then the patient pages."""
    pdffonts.register_fonts()
    ctx = _Ctx(rtl=report.direction == "rtl")
    furniture = _Furniture(ctx, report)
    bottom = furniture.rule_y + FOOTER_GAP
    frame = Frame(
        MARGIN_X,
        bottom,
        CONTENT_WIDTH,
        PAGE_HEIGHT - MARGIN_TOP - bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        pageTemplates=[PageTemplate("page", [frame])],
        title=clean(report.title),
        subject=clean(report.subject),
        author="decisionaid",
        creator=clean(report.creator),
        lang=clean(report.language) or "en",
        displayDocTitle=True,
        invariant=True,
        initialFontName=REGULAR,
        initialFontSize=10,
    )
    story = _story(ctx, report)
    maker: Callable[..., Any] = functools.partial(_NumberedCanvas, furniture=furniture)
    doc.build(story, canvasmaker=maker)
    return buffer.getvalue()


class PdfWriteError(OSError):
    """The PDF could not be saved; the message names the file and the reason."""


def write_pdf(report: rp.Report, path: str | os.PathLike[str]) -> Path:
    """Render and save atomically: a temp file in the same folder, then os.replace.

    On failure no partial file is left behind and PdfWriteError (an OSError) is raised.
    """
    target = Path(path)
    data = render_pdf(report)
    try:
        return write_atomically(target, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise PdfWriteError(
            exc.errno, f"Could not save the PDF to {target}: {reason}", str(target)
        ) from exc
