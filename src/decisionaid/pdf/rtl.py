# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Right-to-left text: wrap in logical order, reorder each line with python-bidi (tech notes §1)."""

from __future__ import annotations

from typing import Any

import arabic_reshaper
from bidi.algorithm import get_display
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    Paragraph,
)

from decisionaid.pdf import fonts
from decisionaid.pdf.fonts import BOLD, clean, has_rtl, markup, text_width
from decisionaid.pdf.styles import is_bold
from decisionaid.pdf.tags import marked_part


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
    """Wrap cleaned `text` to `width` and reorder each line for display (tech notes §1).

    Within a render (fonts.render_memo) the result is kept per text, width, size, weight
    and direction, and the shaping per text: page 1 is laid out at several scales and
    tables ask for the same cell again.
    """
    bold = is_bold(style)
    memo = fonts.memo()
    if memo is None:
        return _visual_lines_of(_shaped(text, bold), width, style.fontSize, bold, rtl)
    key = ("lines", text, width, style.fontSize, bold, rtl)
    found = memo.get(key)
    if found is None:
        shape_key = ("shaped", text, bold)
        shaped = memo.get(shape_key)
        if shaped is None:
            shaped = memo[shape_key] = _shaped(text, bold)
        assert isinstance(shaped, str)
        found = memo[key] = _visual_lines_of(shaped, width, style.fontSize, bold, rtl)
    assert isinstance(found, list)
    return list(found)


def _shaped(text: str, bold: bool) -> str:
    # Substitute first: python-bidi asserts on code points it has no bidi class for.
    return fonts.substitute(arabic_reshaper.reshape(text), bold)


def _visual_lines_of(shaped: str, width: float, size: float, bold: bool, rtl: bool) -> list[str]:
    lines = _logical_lines(shaped, width, size, bold)
    base = "R" if rtl else "L"
    return [get_display(line, base_dir=base) if (rtl or has_rtl(line)) else line for line in lines]


class BidiParagraph(Flowable):  # type: ignore[misc]
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
        bold = is_bold(self.style)
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
            BidiParagraph(
                self.text,
                _without(self.style, "spaceAfter"),
                self.rtl,
                self.bullet,
                self.gutter,
                (avail_width, lines[:fit]),
            ),
            BidiParagraph(
                self.text,
                _without(self.style, "spaceBefore"),
                self.rtl,
                None,
                self.gutter,
                (avail_width, lines[fit:]),
            ),
        ]

    def draw(self) -> None:
        """Draw the bullet level with the first baseline, then the lines.

        The bullet comes first in the page content as in the structure tree (Lbl, then LBody).
        """
        if self.bullet:
            with marked_part(self, "label"):
                self._draw_bullet(self.bullet)
        with marked_part(self, "body"):
            self._para.drawOn(self.canv, 0, 0)

    def _draw_bullet(self, bullet: str) -> None:
        size = self.style.bulletFontSize
        baseline = self.height - self.style.fontSize
        bold = self.style.bulletFontName == BOLD
        text = get_display(bullet, base_dir="R") if self.rtl else bullet
        if self.rtl:
            edge = self.width - (self.style.rightIndent - self.gutter)
            x = edge - 2.0 - text_width(text, size, bold)
        else:
            x = self.style.leftIndent - self.gutter + 2.0
        draw_runs(self.canv, text, x, baseline, size, bold, self.style.textColor)


class LabelledParagraph(Paragraph):  # type: ignore[misc]
    """A Paragraph whose bullet and text are two marked-content sequences (a list's Lbl, LBody).

    ReportLab draws the bullet first, as a text object of its own, then the lines as another:
    the first `drawText` is the label, the rest the body.
    """

    def draw(self) -> None:
        """Draw as Paragraph does, each text object inside its marked content."""
        canv = self.canv
        if getattr(self, "open_mark", None) is None or not self.bulletText:
            super().draw()
            return
        parts = ["label"]

        def draw_text(text_object: Any) -> None:
            with marked_part(self, parts.pop() if parts else "body"):
                type(canv).drawText(canv, text_object)

        canv.drawText = draw_text
        try:
            super().draw()
        finally:
            del canv.drawText


def _without(style: ParagraphStyle, attr: str) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-no-{attr}", parent=style, **{attr: 0})


def draw_runs(
    canv: Any, text: str, x: float, y: float, size: float, bold: bool, color: Any
) -> None:
    """Draw one line of plain text at (x, y) with per-run fonts."""
    obj = canv.beginText(x, y)
    obj.setFillColor(color)
    for run in fonts.runs(clean(text), bold):
        obj.setFont(run.font, size)
        obj.textOut(run.text)
    canv.drawText(obj)
