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
    _quicker_error_correction(module)
    return module


def _quicker_error_correction(module: ModuleType) -> None:
    """Reed-Solomon in this copy of the encoder (ReportLab's own is left alone), same numbers.

    Each block's error-correction bytes divide its data by a generator polynomial, which
    ReportLab made again for every block (as many polynomial products as it has bytes) and
    then divided recursively with two function calls per term: 3.4 ms of the cover sheet's
    code. The generator depends only on its length, so it is kept; the division is
    ReportLab's, step for step, with its tables indexed directly.
    """
    util, polynomial, glog = module.QRUtil, module.QRPolynomial, module.QRMath.glog
    util.getErrorCorrectPolynomial = staticmethod(functools.cache(util.getErrorCorrectPolynomial))
    # QRMath.gexp of every exponent the division can ask for (two logs and a difference).
    exp = [module.QRMath.gexp(n) for n in range(-255, 511)]

    def mod(self: Any, e: Any) -> Any:
        """QRPolynomial.mod: the remainder of self divided by e (ReportLab's steps, a loop)."""
        num, size = self.num, len(e.num)
        logs = [glog(d) + 255 for d in e.num]  # offset into `exp`
        while len(num) >= size:
            ratio = glog(num[0]) - logs[0] + 255
            head = [n ^ exp[g + ratio] for n, g in zip(num, logs, strict=False)]
            num = polynomial(head + num[size:], 0).num  # leading zeros dropped, as ReportLab's
        return polynomial(num, 0)

    polynomial.mod = mod


@functools.cache
def _qr_code_class() -> Any:
    """ReportLab's QRCode with our mask scoring (a class made on first use, with the encoder)."""

    class _QRCode(qrencoder().QRCode):  # type: ignore[misc]
        _cells: tuple[list[tuple[int, int]], list[bool], list[int]] | None = None

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

        def mapData(self, data: Any, maskPattern: int) -> None:  # ReportLab's names
            """ReportLab's mapData: each data module is its bit XOR the mask (0.45 ms a call).

            The modules, their bits (False past the data, as zip_longest fills them) and
            where each is on the mask's tile are the same for every mask: worked out once.
            """
            if self._cells is None:
                positions = self.dataPosIterator()
                bits = list(self.dataBitIterator(data))
                bits += [False] * (len(positions) - len(bits))
                tiles = [(row % TILE) * TILE + col % TILE for col, row in positions]
                self._cells = (positions, bits, tiles)
            positions, bits, tiles = self._cells
            tile = mask_tile(maskPattern)
            values = [dark ^ tile[at] for dark, at in zip(bits, tiles, strict=True)]
            modules = self.modules
            for (col, row), value in zip(positions, values, strict=True):
                modules[row][col] = value

    return _QRCode


TILE = 12  # every mask repeats every 12 modules down and across (2, 3, 4 and 6 divide it)


@functools.cache
def mask_tile(pattern: int) -> list[bool]:
    """ReportLab's mask `pattern` on a TILE × TILE tile, row by row (a test checks it repeats)."""
    mask = qrencoder().QRUtil.getMask(pattern)
    return [bool(mask(row, col)) for row in range(TILE) for col in range(TILE)]


def qr_modules(payload: str) -> list[list[bool]]:
    """The modules of `payload` as a QR code: level M, byte mode, ReportLab's encoder."""
    encoder = qrencoder()
    qr = _qr_code_class()(None, encoder.QRErrorCorrectLevel.M)
    qr.addData(encoder.QR8bitByte(payload))
    qr.make()
    return [[bool(m) for m in row] for row in qr.modules]
