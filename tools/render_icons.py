# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Render resources/icons/decisionaid.svg into the PNG sizes desktops ask for (offscreen).

Usage: .venv/bin/python tools/render_icons.py   (then commit resources/icons/*.png)
The PNGs are committed so installing needs no Qt SVG step; run this after editing the SVG.
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: Path, size: int, out: Path) -> None:
    """Draw `svg` into a transparent size × size PNG."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    if not image.save(str(out)):  # PNG, from the file name
        raise OSError(f"could not write {out}")


def main() -> None:
    """Write decisionaid-<size>.png beside the SVG for every size."""
    app = QGuiApplication([])
    svg = ICONS / "decisionaid.svg"
    for size in SIZES:
        render(svg, size, ICONS / f"decisionaid-{size}.png")
        print(f"wrote decisionaid-{size}.png")
    del app


if __name__ == "__main__":
    main()
