# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Text: a label in one of the stylesheet's roles, and headings exposed as headings."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QWidget,
)

from decisionaid.gui import accessible


class TextLabel(QLabel):
    """A word-wrapped label that remembers its height for each width it was laid out at.

    Qt lays a plain-text label's words out again (shaping every word) each time a layout
    asks its height for a width, and a page turn asks many times for every label; the
    answer only changes with the text, the font, the style or the direction.
    """

    _FORGET_ON = frozenset(
        {
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
            QEvent.Type.LayoutDirectionChange,
            QEvent.Type.ContentsRectChange,
            QEvent.Type.LocaleChange,
        }
    )

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._heights: dict[tuple[int, str], int] = {}

    def heightForWidth(self, width: int) -> int:
        """Qt: the height at `width`, laid out once per width and text."""
        key = (width, self.text())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 16:  # a few widths are in use at any time
                self._heights.clear()
            height = self._heights[key] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:
        """Forget the heights when anything but the text that shapes them changes."""
        if event.type() in self._FORGET_ON:
            self._heights.clear()
        super().changeEvent(event)


def label(text: str, role: str | None = None) -> QLabel:
    """A word-wrapped plain-text label (content and user text are never markup)."""
    widget = TextLabel(text)
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
