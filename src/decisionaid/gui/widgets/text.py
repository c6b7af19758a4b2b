# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Text: a label in one of the stylesheet's roles, and headings exposed as headings."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QWidget,
)

from decisionaid.gui import accessible, lazy_qt
from decisionaid.gui.lazy_qt import Qt


class HeightsByWidth:
    """Heights a widget has laid out, by width and text, so layouts asking again cost nothing.

    Qt asks a word-wrapped widget its height for a width many times per layout pass; the
    answer changes only with the text (part of the key) or with the font or style (the
    widget calls `clear`). A few widths are in use at any time, so the memory stays small.
    """

    LIMIT = 16

    def __init__(self) -> None:
        self._heights: dict[tuple[int, str], int] = {}

    def get(self, width: int, text: str, measure: Callable[[int], int]) -> int:
        """The height at `width` for `text`, from `measure(width)` the first time."""
        key = (width, text)
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > self.LIMIT:
                self._heights.clear()
            height = self._heights[key] = measure(width)
        return height

    def clear(self) -> None:
        """Forget every height (the font, style or direction changed)."""
        self._heights.clear()


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
        self._heights = HeightsByWidth()

    def heightForWidth(self, width: int) -> int:
        """Qt: the height at `width`, laid out once per width and text."""
        return self._heights.get(width, self.text(), super().heightForWidth)

    def changeEvent(self, event: QEvent) -> None:
        """Forget the heights when anything but the text that shapes them changes."""
        if event.type() in self._FORGET_ON:
            self._heights.clear()
        super().changeEvent(event)


def label(text: str, role: str | None = None) -> QLabel:
    """A word-wrapped plain-text label (content and user text are never markup)."""
    widget = TextLabel(text)
    lazy_qt.set_enum(widget, "textFormat", lazy_qt.PLAIN_TEXT)
    widget.setWordWrap(True)
    lazy_qt.set_enum(widget, "textInteractionFlags", lazy_qt.NO_TEXT_INTERACTION)
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if role:
        widget.setProperty("role", role)
    return widget


def focus_label(widget: QLabel) -> None:
    """Give a label the keyboard focus (a heading jumped to, the reason Next is blocked).

    It becomes focusable only now. A QLabel that can take the focus lays its text out
    through a text document instead of measuring it as plain text, several times slower on
    every layout and change of text size (6 ms of the restyle of the risks page, in Arabic);
    most headings are never focused.
    """
    lazy_qt.set_enum(widget, "focusPolicy", lazy_qt.CLICK_FOCUS)
    widget.setFocus(Qt.FocusReason.OtherFocusReason)


def heading(text: str, level: int = 2) -> QLabel:
    """A heading label (h1..h3), exposed to assistive technology with the heading role."""
    widget = label(text, f"h{level}")
    widget.setAccessibleName(text)
    accessible.mark(widget, "heading")
    return widget
