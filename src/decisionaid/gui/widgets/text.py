# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Text: a label in one of the stylesheet's roles, and headings exposed as headings."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRect, QSize
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QWidget,
)

from decisionaid.gui import accessible, lazy_qt, style
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


class _Measures:
    """What a label measured of its text in one font: its heights by width, and its hints.

    `unwrapped` is for BoldRoomLabel: its text in the other weight, laid out on one line.
    """

    __slots__ = ("heights", "hint_text", "hints", "unwrapped")

    def __init__(self) -> None:
        self.heights = HeightsByWidth()
        self.hint_text: str | None = None
        self.hints = (QSize(), QSize())
        self.unwrapped: tuple[str, QFontMetrics, QSize] | None = None


class TextLabel(QLabel):
    """A word-wrapped label that remembers its measures for each font it was laid out in.

    Qt lays a plain-text label's words out again (shaping every word) each time a layout
    asks its height for a width, and up to five times more for its size hints after any
    change of style. The answers change only with the text (part of each key), the font
    (one set of measures per font), and the margins, direction or locale (all forgotten).
    So a change of theme, which keeps the fonts, needs no new size hints, and going back to
    a text size the label was shown at measures nothing again.
    """

    # Something other than the font that shapes the text changed: forget everything. (A
    # stylesheet's font arrives as a FontChange, like any other.)
    _FORGET_ON = frozenset(
        {
            QEvent.Type.LayoutDirectionChange,
            QEvent.Type.ContentsRectChange,
            QEvent.Type.LocaleChange,
        }
    )

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._by_font: dict[str, _Measures] = {}
        self._measures: _Measures | None = None

    def _here(self) -> _Measures:
        """The measures in the current font."""
        measures = self._measures
        if measures is None:
            measures = self._by_font.setdefault(self.font().key(), _Measures())
            self._measures = measures
        return measures

    def heightForWidth(self, width: int) -> int:
        """Qt: the height at `width`, laid out once per width, text and font."""
        return self._here().heights.get(width, self.text(), self._height_for_width)

    def _height_for_width(self, width: int) -> int:
        """The height at `width` that the measures keep: QLabel's."""
        return super().heightForWidth(width)

    def sizeHint(self) -> QSize:
        """Qt: QLabel's, worked out once per text and font."""
        return QSize(self._hints()[0])

    def minimumSizeHint(self) -> QSize:
        """Qt: QLabel's, worked out once per text and font."""
        return QSize(self._hints()[1])

    def _hints(self) -> tuple[QSize, QSize]:
        """QLabel's size hint and minimum size hint, for the text and font it has now."""
        measures, text = self._here(), self.text()
        if measures.hint_text != text:
            measures.hints = (super().sizeHint(), super().minimumSizeHint())
            measures.hint_text = text
        return measures.hints

    def changeEvent(self, event: QEvent) -> None:
        """Follow a change of font; forget the measures on any other change that shapes text."""
        kind = event.type()
        if kind == QEvent.Type.FontChange:
            self._measures = None
        elif kind in self._FORGET_ON:
            self._by_font.clear()
            self._measures = None
        super().changeEvent(event)


class BoldRoomLabel(TextLabel):
    """A label as tall at any width as its text is in bold, whether it is bold or not.

    A chosen choice's text turns bold (the stylesheet's `checked` property: a choice is
    never shown by colour alone), and bold text can take another line. Its row would then
    grow when chosen, and everything below it move under the person's finger.
    """

    def _height_for_width(self, width: int) -> int:
        """QLabel's height, or the text's in the other weight with the same margins if taller.

        QLabel's own is its text's height (laid out as below) and its margins. The text in the
        other weight is laid out once per font at no width limit: wherever that fits, it is
        the layout at any width, and only a narrower width lays it out again.
        """
        measures, text = self._here(), self.text()
        found = measures.unwrapped
        if found is None or found[0] != text:
            other = QFont(self.font())
            other.setBold(not other.bold())
            metrics = QFontMetrics(other)
            free = QRect(0, 0, 1 << 20, 1 << 20)
            found = (text, metrics, metrics.boundingRect(free, lazy_qt.TEXT_WORD_WRAP, text).size())
            measures.unwrapped = found
        _, metrics, size = found
        margins, margin = self.contentsMargins(), 2 * self.margin()
        room = width - margins.left() - margins.right() - margin
        if size.width() >= room:
            size = metrics.boundingRect(
                QRect(0, 0, room, 1 << 20), lazy_qt.TEXT_WORD_WRAP, text
            ).size()
        return max(
            super()._height_for_width(width),
            size.height() + margins.top() + margins.bottom() + margin,
        )


def label(text: str, role: str | None = None, *, bold_room: bool = False) -> QLabel:
    """A word-wrapped plain-text label (content and user text are never markup).

    With `bold_room`, it is as tall as its text in bold (see BoldRoomLabel).
    """
    widget = (BoldRoomLabel if bold_room else TextLabel)(text)
    if bold_room:  # the text at the top of its room, level with the button beside it
        lazy_qt.set_enum(widget, "alignment", lazy_qt.ALIGN_LEADING | lazy_qt.ALIGN_TOP)
    lazy_qt.set_enum(widget, "textFormat", lazy_qt.PLAIN_TEXT)
    widget.setWordWrap(True)
    lazy_qt.set_enum(widget, "textInteractionFlags", lazy_qt.NO_TEXT_INTERACTION)
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if role:
        widget.setProperty("role", role)
        font = style.role_font(role)  # its size; the stylesheet gives its weight and colour
        if font is not None:
            widget.setFont(font)
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
