# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Containers: cards, the scrolling page column, touch drag scrolling and a wrapping flow layout."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, QSize
from PySide6.QtGui import (
    QMouseEvent,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLayout,
    QLayoutItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from decisionaid.gui import lazy_qt
from decisionaid.gui.lazy_qt import Qt


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every item of a layout (used when a page rebuilds a section)."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        child = item.widget()
        inner = item.layout()
        if child is not None:
            child.hide()
            child.deleteLater()
        elif inner is not None:
            clear_layout(inner)
            inner.deleteLater()


def add_leading(layout: QBoxLayout, widget: QWidget) -> None:
    """Add `widget` at no more than its preferred width, on the leading side of its row.

    What Qt's AlignLeading does, with a stretch after it: an alignment names `Qt`, which
    the first page must not (see gui/lazy_qt.py). Rows mirror in right-to-left languages.
    """
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(widget)
    row.addStretch(1)
    layout.addLayout(row)


class ScrollColumn(QWidget):
    """The widget inside a scroll area: its height follows its width, never its narrowest shape."""

    MINIMUM_WIDTH = 360

    def minimumSizeHint(self) -> QSize:
        """Do not reserve the height word-wrapped text needs at its narrowest.

        The scroll area sizes the body with heightForWidth() at its real width instead,
        so there is no blank space under the content (and no costly layout pass here).
        """
        return QSize(self.MINIMUM_WIDTH, 0)

    def sizeHint(self) -> QSize:
        """The minimum: the column has no shape of its own to prefer.

        The scroll area gives it the viewport's width and asks its height for that width.
        Qt's own hint laid every label out once more, at the column's preferred width, on
        each change of text size: with the headings (`focus_label`), the risks page's
        restyle in Arabic went from 78 to 56 ms. The scroll area reads it only for its own
        hint, and every window here is given its size (the pages look the same, pixel for
        pixel).
        """
        return self.minimumSizeHint()


def scroll_area_for(column: QWidget, name: str, *, touch_drag: bool = True) -> QScrollArea:
    """A frameless area that scrolls `column` up and down only, named `name` for screen readers.

    With `touch_drag` a finger can drag it (see TouchScrollArea).
    """
    area = TouchScrollArea(touch_drag=touch_drag)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    lazy_qt.set_enum(area, "horizontalScrollBarPolicy", lazy_qt.SCROLL_BAR_ALWAYS_OFF)
    area.setWidget(column)
    area.setAccessibleName(name)
    return area


class TouchScrollArea(QScrollArea):
    """A scroll area whose page a finger can drag up and down.

    WORKAROUND for PySide6 6.12: every QScroller.grabGesture() registers a new gesture type,
    and PySide6 keeps a new enum class for each one for good (11 objects a call). A kiosk
    builds twelve scroll areas per person, so it grew without end. Qt turns touches into
    mouse events marked as synthesised; moving the scroll bar by the drag distance needs
    no gesture at all. Real mouse drags are left alone (desktop users have the wheel).

    The drag is read in viewportEvent(), which sees the viewport's events before it does,
    rather than by an event filter on viewport(): PySide6 wraps the first unknown QWidget a
    call returns by initialising every QWidget subclass it knows (about 60 classes and their
    enums, 9 ms of CPU), which the first page would otherwise pay before it is shown.
    """

    THRESHOLD = 12  # pixels a finger may wobble before a tap becomes a drag

    def __init__(self, parent: QWidget | None = None, *, touch_drag: bool = True) -> None:
        super().__init__(parent)
        self._touch_drag = touch_drag
        self._press_y: float | None = None
        self._start_value = 0
        self._dragging = False

    def event(self, event: QEvent) -> bool:
        """Qt: size the column after a change of style as after any layout request, later.

        QScrollArea sizes its column at once on a change of style, inside setStyleSheet: at
        the page's old width, before the frame around the page has grown with the text,
        so every label was laid out once more at a width it is never shown at. The
        request runs with the wizard's own, in the order they were made.
        """
        if event.type() == QEvent.Type.StyleChange:
            QCoreApplication.postEvent(self, QEvent(QEvent.Type.LayoutRequest))
            return QAbstractScrollArea.event(self, event)
        return super().event(event)

    def viewportEvent(self, event: QEvent) -> bool:
        """Qt: a vertical touch drag scrolls; taps and everything else go on as usual."""
        if self._touch_drag and isinstance(event, QMouseEvent) and self._dragged(event):
            return True
        return super().viewportEvent(event)

    def _dragged(self, event: QMouseEvent) -> bool:
        """Follow a finger; True when this event moved the page (and is used up by it)."""
        if event.source() == Qt.MouseEventSource.MouseEventNotSynthesized:
            return False
        bar = self.verticalScrollBar()
        y = event.globalPosition().y()
        if event.type() == QEvent.Type.MouseButtonPress:
            self._press_y, self._start_value, self._dragging = y, bar.value(), False
        elif event.type() == QEvent.Type.MouseMove and self._press_y is not None:
            moved = y - self._press_y
            self._dragging = self._dragging or abs(moved) > self.THRESHOLD
            if self._dragging:
                bar.setValue(self._start_value - round(moved))
                return True
        elif event.type() == QEvent.Type.MouseButtonRelease:
            dragged, self._press_y, self._dragging = self._dragging, None, False
            return dragged
        return False


class FlowLayout(QLayout):
    """Lays widgets out in rows like words, starting a new row when one is full (RTL aware).

    Used where a row of buttons would not fit with large text or a long translation.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        """Qt: append an item."""
        self._items.append(item)

    def count(self) -> int:
        """Qt: the number of items."""
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        """Qt: the item at `index`, or None."""
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        """Qt: remove and return the item at `index`."""
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def hasHeightForWidth(self) -> bool:
        """Qt: the height depends on how many rows the width allows."""
        return True

    def heightForWidth(self, width: int) -> int:
        """Qt: the height of the rows at `width`."""
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        """Qt: place the items."""
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """Qt: everything in one row."""
        width = sum(i.sizeHint().width() for i in self._items)
        width += self._spacing * max(0, len(self._items) - 1)
        height = max((i.sizeHint().height() for i in self._items), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(), height)

    def minimumSize(self) -> QSize:
        """Qt: the widest single item."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        owner = self.parentWidget()
        rtl = owner is not None and owner.isRightToLeft()
        x, y, line_height = rect.x(), rect.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y, line_height = rect.x(), y + line_height + self._spacing, 0
            if move:
                left = rect.right() + 1 - (x - rect.x()) - hint.width() if rtl else x
                item.setGeometry(QRect(QPoint(left, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y()


class Card(QFrame):
    """A white rounded panel that groups one thing; children go into `layout_`."""

    def __init__(self, parent: QWidget | None = None, *, warning: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("warning" if warning else "card")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(20, 16, 20, 16)
        self.layout_.setSpacing(10)

    def sizeHint(self) -> QSize:
        """Qt's hint, less its height at the hint's own width (its layouts never use it).

        Every layout here that holds a card asks its height for the width it gives it. Qt
        also laid each card's text out at the width of the card's longest line (up to
        1 276 px) for this hint, after each change of text size: 10 ms of the restyle of
        the risks page, in Arabic.
        """
        hint = self.layout_.sizeHint()
        margins = self.contentsMargins()
        return QSize(
            hint.width() + margins.left() + margins.right(),
            hint.height() + margins.top() + margins.bottom(),
        )

    def add(self, widget: QWidget) -> QWidget:
        """Append a widget and return it."""
        self.layout_.addWidget(widget)
        return widget
