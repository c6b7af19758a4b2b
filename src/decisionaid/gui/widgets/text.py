# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Text: a label in one of the stylesheet's roles, and headings exposed as headings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
)

from decisionaid.gui import accessible


def label(text: str, role: str | None = None) -> QLabel:
    """A word-wrapped plain-text label (content and user text are never markup)."""
    widget = QLabel(text)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(True)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if role:
        widget.setProperty("role", role)
    return widget


def heading(text: str, level: int = 2) -> QLabel:
    """A heading label (h1..h3), exposed to assistive technology with the heading role."""
    widget = label(text, f"h{level}")
    widget.setAccessibleName(text)
    accessible.mark(widget, "heading")
    return widget
