"""The QR code's mask choice (pdf/qr.py) is exactly ReportLab's, so the symbol is too."""

from __future__ import annotations

import random

import pytest
import reportlab.graphics.barcode.qrencoder
from reportlab.graphics.barcode.qrencoder import QR8bitByte, QRCode, QRErrorCorrectLevel, QRUtil

from decisionaid.pdf.qr import lost_points, qr_modules, qrencoder


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


def test_the_encoder_is_reportlabs_file_loaded_without_the_barcode_package() -> None:
    """qr.qrencoder() loads the file `reportlab.graphics.barcode.qrencoder` is imported from."""
    module = qrencoder()
    assert module is not reportlab.graphics.barcode.qrencoder
    assert module.__file__ == reportlab.graphics.barcode.qrencoder.__file__
    assert module.QRErrorCorrectLevel.M == QRErrorCorrectLevel.M
