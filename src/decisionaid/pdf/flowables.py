# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Drawn pieces: ruled answer lines, rating bars, the icon grid, the QR code and the fit-on-one-page box."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from reportlab.pdfgen.canvas import FILL_NON_ZERO
from reportlab.pdfgen.pathobject import PDFPathObject
from reportlab.platypus import (
    Flowable,
)

from decisionaid import report as rp
from decisionaid.pdf.fonts import pdf_number
from decisionaid.pdf.qr import qr_modules
from decisionaid.pdf.styles import (
    ACCENT,
    ANSWER_LINE_GAP,
    ICON_H,
    ICON_W,
    PAGE_HEIGHT,
    RECORD_GAP,
    RULE,
    TINT,
)


class Rules(Flowable):  # type: ignore[misc]
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


class Bar(Flowable):  # type: ignore[misc]
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


class IconGrid(Flowable):  # type: ignore[misc]
    """`shown` person icons in rows of ten; the first `filled` are solid, the rest outlines."""

    def __init__(self, filled: int, shown: int, rtl: bool) -> None:
        super().__init__()
        self.shown = shown
        self.filled = filled
        self.rtl = rtl
        rows = -(-shown // rp.ICONS_PER_ROW)
        self.width = min(shown, rp.ICONS_PER_ROW) * ICON_W
        self.height = rows * ICON_H

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Fixed size."""
        return self.width, self.height

    def draw(self) -> None:
        """Filled vs outlined carries the meaning, not colour alone (IPDAS)."""
        # One literal path per icon: fast, and no form XObjects (pypdf re-reads every font
        # for each XObject it meets, which made text extraction 20x slower).
        per_row = min(self.shown, rp.ICONS_PER_ROW)
        ops = ["q 0.8 w 1 j", _rgb(ACCENT, "RG")]
        for i in range(self.shown):
            row, col = divmod(i, rp.ICONS_PER_ROW)
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


class FitOnePage(Flowable):  # type: ignore[misc]
    """Content scaled down just enough to fit the frame; built afresh for every trial width.

    Like KeepInFrame(mode="shrink"), but tables are rebuilt for each width instead of keeping
    column widths and row heights from an earlier wrap (which made rows overlap). `below` is
    drawn under the content at its own size, never scaled (the cover sheet's QR code).
    """

    TRIALS = 4

    def __init__(self, make: Callable[[], list[Any]], below: Any = None) -> None:
        super().__init__()
        self.make = make
        self.below = below
        self.reserved = 0.0
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
        if self.below is not None:
            self.reserved = self.below.wrap(avail_width, avail_height)[1] + RECORD_GAP
            avail_height -= self.reserved
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
        self.width, self.height = avail_width, height * scale + self.reserved
        return self.width, self.height

    def draw(self) -> None:
        """Draw the stack top-down, scaled, then `below` unscaled at the bottom.

        `below` is drawn last so that text extraction and untagged reading order meet it after
        the page's own text, where it is on paper.
        """
        canv = self.canv
        canv.saveState()
        canv.translate(0, self.reserved)
        canv.scale(self.scale, self.scale)
        y = (self.height - self.reserved) / self.scale
        for f, h, gap in self._content:
            y -= gap + h
            f.drawOn(canv, 0, y)
        canv.restoreState()
        if self.below is not None:
            self.below.drawOn(canv, 0, 0)


class QrCode(Flowable):  # type: ignore[misc]
    """A QR code of fixed size (ReportLab's own encoder, level M, byte mode, quiet zone 4)."""

    BORDER = 4  # modules of quiet zone on each side (ISO/IEC 18004)

    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        self.payload = payload
        self.size = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Always its own size."""
        return self.size, self.size

    def draw(self) -> None:
        """Draw the dark modules as one filled path, leaving the quiet zone white.

        One path instead of ReportLab's widget (a Drawing of ~2 700 rectangles, encoded twice):
        the code and its geometry are the same, and the PDF is about 50 ms faster.
        """
        modules = qr_modules(self.payload)
        box = self.size / (len(modules) + 2 * self.BORDER)
        # The operators path.rect() writes, "x y width height re", each number as fp_str
        # writes it (remembered: x, width and height repeat from row to row), without
        # a call and a group of four numbers to format per rectangle (~1 000 of them).
        height = pdf_number(box * 1.05)
        code = ["n"]
        for row_number, row in enumerate(modules):
            column = 0
            top = self.size - (row_number + self.BORDER) * box
            y = pdf_number(top - box * 1.05)
            for dark, run in itertools.groupby(row):
                count = len(list(run))
                if dark:  # rows overlap a little so no renderer shows a hairline between them
                    x, width = pdf_number((column + self.BORDER) * box), pdf_number(count * box)
                    code.append(f"{x} {y} {width} {height} re")
                column += count
        path = PDFPathObject(code) if len(code) > 1 else self.canv.beginPath()
        self.canv.saveState()
        self.canv.setFillColorRGB(0, 0, 0)
        self.canv.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)  # overlaps stay dark
        self.canv.restoreState()
