# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""ReportLab's QR encoder, with its mask choice scored on bytes instead of lists of booleans.

The encoder tries all eight masks and keeps the one with the fewest penalty points
(`QRUtil.getLostPoint`); scoring one mask in pure Python list code cost about 1.3 ms, so
the mask choice was most of the cover sheet's 16 ms. `lost_points` gives the same points
from each row and column as a bytes object (runs by regular expression, the finder-like
pattern by `bytes.count`, 2×2 blocks by bit arithmetic), so the chosen mask, and the code,
are exactly ReportLab's (a test compares the points for every mask of many payloads).
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import re
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import reportlab.graphics

_RUN = re.compile(rb"\x00{5,}|\x01{5,}")  # five or more modules of one colour in a line
_FINDER_LIKE = bytes([1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0])  # ReportLab's rule 3 pattern
_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def lost_points(modules: Sequence[Sequence[bool]]) -> int:
    """QRUtil.getLostPoint's penalty for a symbol: runs, 2×2 blocks, finder-like rows, balance.

    Reproduces ReportLab's four rules as they behave, quirks included: a run of n ≥ 5 costs
    n - 2; the finder-like pattern is looked for in rows only (ReportLab's column check
    compares tuples with a list, so never matches), in one direction, never overlapping,
    and not at the last position of a row.
    """
    rows = [bytes(row) for row in modules]
    columns = [bytes(column) for column in zip(*rows, strict=True)]
    size = len(rows)
    score = 0
    for line in (*rows, *columns):  # rule 1
        score += sum(len(run) - 2 for run in _RUN.findall(line))
    for row in rows:  # rule 3
        score += 40 * row.count(_FINDER_LIKE, 0, size - 1)
    bits = [int(row.translate(_DIGITS), 2) for row in rows]  # rule 2: 2×2 blocks of one colour
    inner = (1 << (size - 1)) - 1  # a block's left column: all but the last
    full = (1 << size) - 1
    for upper, lower in itertools.pairwise(bits):
        same_below = ~(upper ^ lower) & full
        same_right = ~(upper ^ (upper >> 1)) & inner
        score += 3 * (same_right & same_below & (same_below >> 1)).bit_count()
    dark = sum(row.count(1) for row in rows)  # rule 4: the share of dark modules
    return score + 10 * (abs(100 * dark // (size * size) - 50) // 5)


@functools.cache
def qrencoder() -> ModuleType:
    """ReportLab's `reportlab.graphics.barcode.qrencoder`, loaded from its file on first use.

    WORKAROUND: importing it by name runs the `reportlab.graphics.barcode` package first,
    whose `__init__` imports every barcode widget and ReportLab's drawing shapes (about 8 ms
    of every PDF) although the encoder itself needs only `re` and `itertools`. The same file
    is loaded as a module of its own, the documented way (importlib "Importing a source file
    directly"); tests check that it is the package's own file and that the symbols are the
    ones the package's encoder makes.
    """
    path = Path(reportlab.graphics.__file__).parent / "barcode" / "qrencoder.py"
    spec = importlib.util.spec_from_file_location(f"{__name__}._reportlab_qrencoder", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def _qr_code_class() -> Any:
    """ReportLab's QRCode with our mask scoring (a class made on first use, with the encoder)."""

    class _QRCode(qrencoder().QRCode):  # type: ignore[misc]
        def getBestMaskPattern(self) -> int:  # ReportLab's name
            """The mask ReportLab would choose: the first with the fewest lost points."""
            best = 0
            pattern = 0
            for mask in range(8):
                self.makeImpl(True, mask)
                lost = lost_points(self.modules)
                if mask == 0 or best > lost:
                    best, pattern = lost, mask
            return pattern

    return _QRCode


def qr_modules(payload: str) -> list[list[bool]]:
    """The modules of `payload` as a QR code: level M, byte mode, ReportLab's encoder."""
    encoder = qrencoder()
    qr = _qr_code_class()(None, encoder.QRErrorCorrectLevel.M)
    qr.addData(encoder.QR8bitByte(payload))
    qr.make()
    return [[bool(m) for m in row] for row in qr.modules]
