# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The look of the interface in one place: font, colours, spacing and the stylesheet."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Final

from PySide6.QtGui import QColor, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from decisionaid import paths

log = logging.getLogger(__name__)

FONT_FAMILIES: Final = ["Noto Sans", "Noto Sans Arabic"]
BODY_POINTS: Final = 14
TOUCH: Final = 48  # px: minimum height of anything a finger presses (WCAG 2.5.5 asks 44)
SPACING: Final = 16

ACCENT: Final = "#1d5f87"
ACCENT_DARK: Final = "#144766"
ACCENT_SOFT: Final = "#e3eef5"
INK: Final = "#1f2933"
MUTED: Final = "#52606d"
PAPER: Final = "#f3f5f7"
CARD: Final = "#ffffff"
LINE: Final = "#cfd8df"
WARNING_BG: Final = "#fff4e0"
WARNING_LINE: Final = "#b26a00"

ACCENT_COLOR: Final = QColor(ACCENT)
INK_COLOR: Final = QColor(INK)

STYLESHEET: Final = f"""
QWizard, QWizard > QWidget {{ background: {PAPER}; }}
QWidget {{ color: {INK}; }}
QScrollArea, QScrollArea > QWidget > QWidget#pageBody {{ background: {PAPER}; border: none; }}
QFrame#card {{
    background: {CARD}; border: 1px solid {LINE}; border-radius: 12px;
}}
QFrame#warning {{
    background: {WARNING_BG}; border: 2px solid {WARNING_LINE}; border-radius: 12px;
}}
QFrame#stepList {{ background: {CARD}; border: none; border-right: 1px solid {LINE}; }}
QFrame#stepList[rtl="true"] {{ border-right: none; border-left: 1px solid {LINE}; }}
QFrame#rule {{ border: none; background: {LINE}; max-height: 1px; min-height: 1px; }}
QLabel[role="h1"] {{ font-size: 21pt; font-weight: 600; }}
QLabel[role="h2"] {{ font-size: 17pt; font-weight: 600; }}
QLabel[role="h3"] {{ font-size: 15pt; font-weight: 600; }}
QLabel[role="small"] {{ font-size: 12pt; color: {MUTED}; }}
QLabel[role="hint"] {{
    font-size: 13pt; color: {ACCENT_DARK}; background: {ACCENT_SOFT};
    border-radius: 8px; padding: 8px 12px;
}}
QLabel[role="status"] {{ font-size: 14pt; padding: 8px 12px; border-radius: 8px; }}
QLabel[role="status"][tone="good"] {{ background: {ACCENT_SOFT}; color: {ACCENT_DARK}; }}
QLabel[role="status"][tone="bad"] {{ background: {WARNING_BG}; color: #7a4100; }}
QLabel[role="step"] {{ font-size: 12pt; color: {MUTED}; padding: 4px 8px; border-radius: 6px; }}
QLabel[role="step"][current="true"] {{
    color: white; background: {ACCENT}; font-weight: 600;
}}
QLabel[role="step"][done="true"] {{ color: {INK}; }}
QLabel[role="progress"] {{ font-size: 13pt; font-weight: 600; color: {ACCENT_DARK}; }}
QProgressBar {{
    border: none; background: {ACCENT_SOFT}; border-radius: 4px; max-height: 8px;
}}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 4px; }}
QPushButton {{
    min-height: {TOUCH - 4}px; padding: 2px 18px; border-radius: 8px;
    border: 1px solid {LINE}; background: {CARD};
}}
QPushButton:hover {{ border-color: {ACCENT}; }}
QPushButton:focus {{ border: 2px solid {ACCENT}; }}
QPushButton:checked {{ background: {ACCENT}; color: white; border-color: {ACCENT_DARK}; }}
QPushButton:disabled {{ color: #9aa5b1; background: #eceff2; }}
QPushButton[role="primary"] {{ background: {ACCENT}; color: white; border-color: {ACCENT_DARK}; }}
QPushButton[role="primary"]:disabled {{ background: #9fb7c6; color: white; }}
QPushButton[role="link"] {{
    min-height: {TOUCH - 4}px; border: none; background: transparent; color: {ACCENT};
    text-decoration: underline; padding: 2px 4px;
}}
QPushButton[role="segment"] {{ min-width: 44px; padding: 2px 8px; }}
QRadioButton, QCheckBox {{ min-height: {TOUCH}px; spacing: 12px; }}
QRadioButton::indicator, QCheckBox::indicator {{ width: 26px; height: 26px; }}
QLineEdit, QPlainTextEdit {{
    background: {CARD}; border: 1px solid {LINE}; border-radius: 8px; padding: 6px 10px;
    min-height: {TOUCH - 16}px;
}}
QLineEdit:focus, QPlainTextEdit:focus {{ border: 2px solid {ACCENT}; }}
QWidget#choiceRow {{ border-radius: 8px; }}
QWidget#choiceRow:hover {{ background: {ACCENT_SOFT}; }}
"""


def load_fonts(directory: Path | None = None) -> list[str]:
    """Register the bundled fonts; returns the families found (none if the folder is empty)."""
    folder = directory or paths.fonts_dir()
    families: list[str] = []
    if not folder.is_dir():
        log.info("No bundled fonts in %s; using the system fonts", folder)
        return families
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in {".ttf", ".otf"}:
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("Could not load the font %s", path)
            continue
        families += QFontDatabase.applicationFontFamilies(font_id)
    return families


def body_font() -> QFont:
    """The one application font, in points, with fallbacks for other scripts."""
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSize(BODY_POINTS)
    return font


def apply_style(app: QApplication) -> None:
    """Fonts, stylesheet and palette for the whole application."""
    load_fonts()
    app.setFont(body_font())
    app.setStyleSheet(STYLESHEET)
