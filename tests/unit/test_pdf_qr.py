"""The QR code's mask choice, data placement and error correction (pdf/qr.py) are exactly
ReportLab's, so the symbol is too."""

from __future__ import annotations

import io
import itertools
import random

import pytest
import reportlab.graphics.barcode.qrencoder
from reportlab.graphics.barcode.qrencoder import QR8bitByte, QRCode, QRErrorCorrectLevel, QRUtil
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas

from decisionaid.pdf import fonts
from decisionaid.pdf.flowables import QrCode
from decisionaid.pdf.qr import TILE, _qr_code_class, lost_points, mask_tile, qr_modules, qrencoder


def _payloads() -> list[str]:
    rng = random.Random(13)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~:/"
    lengths = [1, 7, 30, 61, 120, 188, 250, 400, 700]
    return ["".join(rng.choice(alphabet) for _ in range(n)) for n in lengths] + ["", "0" * 90]


@pytest.mark.parametrize("payload", _payloads())
def test_every_mask_loses_the_points_reportlab_counts(payload: str) -> None:
    qr = QRCode(None, QRErrorCorrectLevel.M)
    qr.addData(QR8bitByte(payload))
    qr.version = qr.calculate_version()
    for mask in range(8):
        qr.makeImpl(True, mask)
        assert lost_points(qr.modules) == QRUtil.getLostPoint(qr), mask


@pytest.mark.parametrize("payload", _payloads())
def test_the_symbol_is_reportlabs(payload: str) -> None:
    qr = QRCode(None, QRErrorCorrectLevel.M)
    qr.addData(QR8bitByte(payload))
    qr.make()
    assert qr_modules(payload) == [[bool(m) for m in row] for row in qr.modules]


@pytest.mark.parametrize("payload", _payloads())
def test_every_mask_places_the_data_as_reportlab_does(payload: str) -> None:
    ours = qrencoder().QRCode  # the class qr_modules makes its code with is a subclass
    qr = QRCode(None, QRErrorCorrectLevel.M)
    qr.addData(QR8bitByte(payload))
    qr.version = qr.calculate_version()
    mine = _qr_code_class()(None, QRErrorCorrectLevel.M)
    assert issubclass(type(mine), ours)
    mine.addData(qrencoder().QR8bitByte(payload))
    mine.version = qr.version
    for mask in (*range(8), 3):  # and a mask again, from the data worked out once
        qr.makeImpl(True, mask)
        mine.makeImpl(True, mask)
        assert mine.modules == qr.modules, mask


def test_each_mask_repeats_on_its_tile() -> None:
    """mask_tile is ReportLab's mask function wherever the largest code has a module."""
    for pattern in range(8):
        mask, tile = QRUtil.getMask(pattern), mask_tile(pattern)
        for row in range(177):
            for col in range(177):
                assert tile[(row % TILE) * TILE + col % TILE] == mask(row, col), pattern


@pytest.mark.parametrize("level", ["L", "M", "Q", "H"])
def test_the_error_correction_bytes_are_reportlabs(level: str) -> None:
    """Our copy of the encoder divides quicker; ReportLab's own package is left as it was."""
    module = qrencoder()
    correction = getattr(QRErrorCorrectLevel, level)
    for payload in _payloads():
        qr = QRCode(None, correction)
        qr.addData(QR8bitByte(payload))
        version = qr.calculate_version()
        expected = QRCode.createData(version, correction, qr.dataList)
        data = [module.QR8bitByte(payload)]
        assert module.QRCode.createData(version, correction, data) == expected, payload
    assert reportlab.graphics.barcode.qrencoder.QRPolynomial.mod is not module.QRPolynomial.mod


def test_the_encoder_is_reportlabs_file_loaded_without_the_barcode_package() -> None:
    """qr.qrencoder() loads the file `reportlab.graphics.barcode.qrencoder` is imported from."""
    module = qrencoder()
    assert module is not reportlab.graphics.barcode.qrencoder
    assert module.__file__ == reportlab.graphics.barcode.qrencoder.__file__
    assert module.QRErrorCorrectLevel.M == QRErrorCorrectLevel.M


def _drawn(draw: object) -> str:
    canvas = Canvas(io.BytesIO())
    draw(canvas)  # type: ignore[operator]
    return "\n".join(canvas._code)


def _draw_with_path_rect(payload: str, size: float, canvas: Canvas) -> None:
    """QrCode.draw as it was: a path made by path.rect() for each run of dark modules."""
    modules = qr_modules(payload)
    box = size / (len(modules) + 2 * QrCode.BORDER)
    path = canvas.beginPath()
    for row_number, row in enumerate(modules):
        column = 0
        for dark, run in itertools.groupby(row):
            count = len(list(run))
            if dark:
                top = size - (row_number + QrCode.BORDER) * box
                path.rect((column + QrCode.BORDER) * box, top - box * 1.05, count * box, box * 1.05)
            column += count
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    canvas.restoreState()


@pytest.mark.parametrize("payload", _payloads()[::2])
def test_the_code_is_drawn_with_the_operators_path_rect_writes(payload: str) -> None:
    fonts.register_fonts()  # installs the remembered fp_str
    for size in (80.0, 66.3):
        code = QrCode(payload, size)

        def ours(canvas: Canvas, code: QrCode = code) -> None:
            code.canv = canvas
            code.draw()

        expected = _drawn(lambda canvas, size=size: _draw_with_path_rect(payload, size, canvas))
        assert _drawn(ours) == expected
        with fonts.render_memo():
            assert _drawn(ours) == expected
            assert _drawn(ours) == expected  # numbers from the memo
