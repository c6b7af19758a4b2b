# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Small reusable widgets: cards, wrapped choice rows, segmented scales, icon arrays, lists."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleInterface,
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAccessibleWidget,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from decisionaid.answers import MAX_TEXT
from decisionaid.content import Source, Statistic
from decisionaid.gui import style
from decisionaid.gui.dialogs import show_sources
from decisionaid.i18n import _, ngettext
from decisionaid.report import statistic_detail, statistic_sentence

ICON_COLUMNS = 10
PER_HUNDRED = 100


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
    """A heading label (h1..h3), exposed to assistive technology as a heading name."""
    widget = label(text, f"h{level}")
    widget.setAccessibleName(text)
    return widget


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


class ScrollColumn(QWidget):
    """The widget inside a scroll area: its height follows its width, never its narrowest shape."""

    MINIMUM_WIDTH = 360

    def minimumSizeHint(self) -> QSize:
        """Do not reserve the height word-wrapped text needs at its narrowest.

        The scroll area sizes the body with heightForWidth() at its real width instead,
        so there is no blank space under the content (and no costly layout pass here).
        """
        return QSize(self.MINIMUM_WIDTH, 0)


def scroll_area_for(column: QWidget, name: str, *, touch_drag: bool = True) -> QScrollArea:
    """A frameless area that scrolls `column` up and down only, named `name` for screen readers.

    With `touch_drag` a finger can drag it (see TouchDragScroller).
    """
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(column)
    area.setAccessibleName(name)
    if touch_drag:
        TouchDragScroller(area)
    return area


class TouchDragScroller(QObject):
    """Lets a finger drag a scroll area's page up and down.

    WORKAROUND for PySide6 6.12: every QScroller.grabGesture() registers a new gesture type,
    and PySide6 keeps a new enum class for each one for good (11 objects a call). A kiosk
    builds twelve scroll areas per person, so it grew without end. Qt turns touches into
    mouse events marked as synthesised; moving the scroll bar by the drag distance needs
    no gesture at all. Real mouse drags are left alone (desktop users have the wheel).
    """

    THRESHOLD = 12  # pixels a finger may wobble before a tap becomes a drag

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self._area = area
        self._press_y: float | None = None
        self._start_value = 0
        self._dragging = False
        area.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Turn a vertical touch drag into scrolling; taps pass through untouched."""
        if not isinstance(event, QMouseEvent) or (
            event.source() == Qt.MouseEventSource.MouseEventNotSynthesized
        ):
            return False
        bar = self._area.verticalScrollBar()
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

    def expandingDirections(self) -> Qt.Orientation:
        """Qt: never wider than needed."""
        return Qt.Orientation(0)

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
        rtl = owner is not None and owner.layoutDirection() == Qt.LayoutDirection.RightToLeft
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

    def add(self, widget: QWidget) -> QWidget:
        """Append a widget and return it."""
        self.layout_.addWidget(widget)
        return widget


class ChoiceRow(QWidget):
    """A radio button or check box whose text wraps; the whole row is the touch target.

    Qt's own buttons never wrap their text, so the text lives in a buddy label and a click
    anywhere on the row clicks `button`.
    """

    def __init__(
        self,
        text: str,
        *,
        exclusive: bool,
        description: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("choiceRow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setMinimumHeight(style.TOUCH)
        self.button: QAbstractButton = QRadioButton() if exclusive else QCheckBox()
        self.button.setAccessibleName(text)
        if description:
            self.button.setAccessibleDescription(description)
        self.button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.text_label = label(text)
        self.text_label.setBuddy(self.button)
        self.description_label = label(description, "small") if description else None
        self.button.installEventFilter(self)
        self.button.toggled.connect(self._on_button_toggled)

        # Layout
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.setContentsMargins(0, 10, 0, 10)
        texts.addWidget(self.text_label)
        if self.description_label is not None:
            texts.addWidget(self.description_label)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 0, 8, 0)
        row.setSpacing(12)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(texts, 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Draw the focus ring around the whole row while its button has the keyboard focus."""
        if watched is self.button and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.setProperty("focused", "true" if event.type() == QEvent.Type.FocusIn else "false")
            style.repolish(self)
        return False

    def _on_button_toggled(self, checked: bool) -> None:
        # Bold text as well as the filled indicator: the choice never shows by colour alone.
        self.text_label.setProperty("checked", "true" if checked else "false")
        style.repolish(self.text_label)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """Click the button when the row (not the button itself) is tapped."""
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.button.click()
            self.button.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mouseReleaseEvent(event)


CHECK_MARK = "\N{CHECK MARK}"


def show_check_mark(button: QAbstractButton) -> None:
    """Put a check mark before the text of a checkable button while it is checked.

    The chosen button is then told apart by a shape and bold text, not by its colour alone.
    """
    plain = button.text()

    def update(checked: bool) -> None:
        button.setText(f"{CHECK_MARK} {plain}" if checked else plain)

    button.toggled.connect(update)
    update(button.isChecked())


class SegmentedChoice(QWidget):
    """A row of big, exclusive, checkable buttons (a rating scale or yes / not sure / no).

    Signals:
        chosen(str): the id of the button the person pressed.
    """

    chosen = Signal(str)

    def __init__(
        self,
        name: str,
        choices: Sequence[tuple[str, str, str]],
        *,
        low_label: str = "",
        high_label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        """`choices` holds (id, button text, accessible name) triples, in reading order."""
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.setSpacing(8)
        for choice_id, text, accessible in choices:
            button = QPushButton(text)
            button.setCheckable(True)
            # Enter moves on (Next); Space or the arrow keys choose.
            button.setAutoDefault(False)
            show_check_mark(button)
            button.setProperty("role", "segment")
            button.setMinimumHeight(style.TOUCH)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setAccessibleName(f"{name}: {accessible}")
            button.clicked.connect(lambda _checked=False, c=choice_id: self.chosen.emit(c))
            self.group.addButton(button)
            self.buttons[choice_id] = button
            row.addWidget(button)

        # Layout
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        outer.addLayout(row)
        if low_label or high_label:
            ends = QHBoxLayout()
            low = label(low_label, "small")
            high = label(high_label, "small")
            high.setAlignment(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
            ends.addWidget(low, 1)
            ends.addWidget(high, 1)
            outer.addLayout(ends)

    def value(self) -> str | None:
        """The id of the pressed button, or None."""
        for choice_id, button in self.buttons.items():
            if button.isChecked():
                return choice_id
        return None

    def set_value(self, choice_id: str | None) -> None:
        """Show a stored answer without emitting `chosen`."""
        if choice_id in self.buttons:
            self.buttons[choice_id].setChecked(True)
            return
        # WORKAROUND: an exclusive QButtonGroup cannot uncheck its last button directly.
        self.group.setExclusive(False)
        for button in self.buttons.values():
            button.setChecked(False)
        self.group.setExclusive(True)


class IconArray(QWidget):
    """`events` filled figures among `total` outlined ones, rows of ten; mirrored in RTL.

    Filled versus outlined (not colour alone) tells the two groups apart. Above 100 people
    the array shows the rate per 100.
    """

    def __init__(self, events: int, total: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if total > PER_HUNDRED:
            self.filled = round(PER_HUNDRED * events / total)
            self.count = PER_HUNDRED
        else:
            self.filled = events
            self.count = total
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        _install_accessible_factory()

    @property
    def cell(self) -> int:
        """The size of one figure; it grows with the text size."""
        return round(26 * style.current_appearance().scale)

    def sizeHint(self) -> QSize:
        """Ten columns wide, as many rows as needed."""
        rows = -(-self.count // ICON_COLUMNS)
        columns = min(self.count, ICON_COLUMNS)
        return QSize(columns * self.cell, rows * self.cell)

    def changeEvent(self, event: QEvent) -> None:
        """A new text size resizes the figures."""
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()
            self.update()
        super().changeEvent(event)

    def minimumSizeHint(self) -> QSize:
        """The array never shrinks (it would hide people)."""
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw one figure per person."""
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        theme = style.current_appearance().theme
        colour = QColor(theme.accent)
        pen = QPen(colour, 1.6 * theme.border * self.cell / 26)
        cell = self.cell
        for index in range(self.count):
            row, column = divmod(index, ICON_COLUMNS)
            x = column * cell
            if rtl:
                x = self.width() - x - cell
            self._draw_person(
                painter, QRectF(x, row * cell, cell, cell), index < self.filled, pen, colour
            )
        painter.end()

    @staticmethod
    def _draw_person(
        painter: QPainter, cell: QRectF, filled: bool, pen: QPen, colour: QColor
    ) -> None:
        scale = cell.width() / 26
        inner = cell.adjusted(4 * scale, 2 * scale, -4 * scale, -2 * scale)
        head_r = inner.width() * 0.22
        centre = QPointF(inner.center().x(), inner.top() + head_r + 1)
        body = QPainterPath()
        body.addRoundedRect(
            QRectF(
                inner.left() + 1,
                centre.y() + head_r + 1.5,
                inner.width() - 2,
                inner.bottom() - centre.y() - head_r - 1.5,
            ),
            5 * scale,
            5 * scale,
        )
        painter.setPen(pen)
        painter.setBrush(colour if filled else Qt.GlobalColor.white)
        painter.drawEllipse(centre, head_r, head_r)
        painter.drawPath(body)


class _GraphicAccessible(QAccessibleWidget):
    """Assistive technology sees an icon array as a graphic (its name is the sentence)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, QAccessible.Role.Graphic)


_factory_installed = False


def _accessible_for(key: str, target: QObject) -> QAccessibleInterface | None:
    del key
    if isinstance(target, IconArray):
        return _GraphicAccessible(target)
    return None


def _install_accessible_factory() -> None:
    global _factory_installed
    if not _factory_installed:
        QAccessible.installFactory(_accessible_for)
        _factory_installed = True


class SourceButton(QPushButton):
    """A link-style button that shows where a statement comes from (IPDAS C2)."""

    def __init__(self, sources: Sequence[Source], parent: QWidget | None = None) -> None:
        super().__init__(
            ngettext("Source", "Sources ({count})", len(sources)).format(count=len(sources)),
            parent,
        )
        self.sources = tuple(sources)
        self.setProperty("role", "link")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(_("Show where this comes from"))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.clicked.connect(self._on_self_clicked)

    def _on_self_clicked(self) -> None:
        show_sources(self.window(), self.sources)


class StatisticView(QWidget):
    """A number three ways: a sentence, an icon array and who / when / how sure, plus its source.

    Benefits and risks use this same view, so they get the same weight (IPDAS C1).
    """

    def __init__(
        self, stat: Statistic, sources: Sequence[Source], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        sentence = statistic_sentence(stat)
        self.sentence_label = label(sentence, "h3")
        self.array = IconArray(stat.events, stat.total)
        self.array.setAccessibleName(sentence)
        self.setAccessibleName(sentence)
        if stat.total > PER_HUNDRED:
            legend_text = _(
                "That is about {n} out of every 100 people. Each figure is one person in 100; "
                "filled figures are the people it happened to."
            ).format(n=stat.per_100)
        else:
            legend_text = _(
                "Each figure is one person; filled figures are the people it happened to."
            )
        self.legend_label = label(legend_text, "small")
        self.detail_label = label(statistic_detail(stat), "small")
        self.array.setAccessibleDescription(legend_text)
        self.setAccessibleDescription(f"{legend_text} {self.detail_label.text()}")
        self.source_button = SourceButton(sources) if sources else None

        # Layout
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 0)
        column.setSpacing(8)
        column.addWidget(self.sentence_label)
        column.addWidget(self.array, 0, Qt.AlignmentFlag.AlignLeading)
        column.addWidget(self.legend_label)
        column.addWidget(self.detail_label)
        if self.source_button is not None:
            column.addWidget(self.source_button, 0, Qt.AlignmentFlag.AlignLeading)


class EntryLine(QLineEdit):
    """A one-line text field where Enter adds the entry instead of pressing Next.

    Signals:
        submitted(): Enter or Return was pressed.
    """

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(MAX_TEXT)
        self.setMinimumHeight(style.TOUCH)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keep Enter for this field; the wizard would otherwise take it as Next."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class TextListEditor(QWidget):
    """A list of the person's own entries with a field to add and a Remove button per entry.

    Signals:
        items_changed(object): the new tuple of entries.
    """

    items_changed = Signal(object)

    def __init__(
        self, field_name: str, add_text: str, placeholder: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._items: tuple[str, ...] = ()
        self.field_label = label(field_name)
        self.entry = EntryLine()
        self.entry.setPlaceholderText(placeholder)
        self.entry.setAccessibleName(field_name)
        self.field_label.setBuddy(self.entry)
        self.add_button = QPushButton(add_text)
        self.add_button.setAccessibleName(add_text)
        self.add_button.setEnabled(False)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(6)
        self.entry.textChanged.connect(self._on_entry_text_changed)
        self.entry.submitted.connect(self._on_add_clicked)
        self.add_button.clicked.connect(self._on_add_clicked)

        # Layout
        entry_row = QHBoxLayout()
        entry_row.addWidget(self.entry, 1)
        entry_row.addWidget(self.add_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(self.field_label)
        column.addLayout(entry_row)
        column.addLayout(self.rows)

    def items(self) -> tuple[str, ...]:
        """The entries, in the order they were added."""
        return self._items

    def set_items(self, items: Sequence[str]) -> None:
        """Show stored entries without emitting `items_changed`."""
        self._items = tuple(items)
        clear_layout(self.rows)
        self.remove_buttons: list[QPushButton] = []
        for index, text in enumerate(self._items):
            row = QHBoxLayout()
            text_label = label(text)
            remove = QPushButton(_("Remove"))
            remove.setAccessibleName(_("Remove: {text}").format(text=text[:80]))
            remove.clicked.connect(lambda _checked=False, i=index: self._on_remove_clicked(i))
            self.remove_buttons.append(remove)
            row.addWidget(text_label, 1)
            row.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
            self.rows.addLayout(row)

    def _on_entry_text_changed(self, text: str) -> None:
        self.add_button.setEnabled(bool(text.strip()))

    def _on_add_clicked(self) -> None:
        text = self.entry.text().strip()
        if not text:
            return
        self.entry.clear()
        if text not in self._items:
            self.set_items((*self._items, text[:MAX_TEXT]))
            self.items_changed.emit(self._items)

    def _on_remove_clicked(self, index: int) -> None:
        items = list(self._items)
        del items[index]
        self.set_items(items)
        self.items_changed.emit(self._items)


class StepList(QFrame):
    """The side panel's list: "Step 3 of 12", a progress bar and every step, the current one marked.

    The current step is shown by bold text and a filled background, done steps by a check mark.
    """

    def __init__(self, titles: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepList")
        self.titles = list(titles)
        self.progress_label = label("", "progress")
        self.bar = QProgressBar()
        self.bar.setRange(0, len(titles))
        self.bar.setTextVisible(False)
        self.step_labels = [label(t, "step") for t in titles]

        # Layout
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 16, 12, 16)
        column.setSpacing(2)
        column.addWidget(self.progress_label)
        column.addSpacing(4)
        column.addWidget(self.bar)
        column.addSpacing(12)
        for step_label in self.step_labels:
            column.addWidget(step_label)
        column.addStretch(1)

    def set_current(self, index: int) -> None:
        """Mark step `index` (0-based) as the current one."""
        total = len(self.step_labels)
        text = _("Step {number} of {total}").format(number=index + 1, total=total)
        self.progress_label.setText(text)
        self.bar.setValue(index + 1)
        self.bar.setAccessibleName(text)
        for position, step_label in enumerate(self.step_labels):
            title = self.titles[position]
            step_label.setText(f"{CHECK_MARK} {title}" if position < index else title)
            step_label.setProperty("current", "true" if position == index else "false")
            step_label.setProperty("done", "true" if position < index else "false")
            style.repolish(step_label)


class DisplaySettings(QFrame):
    """Text size (100, 150, 200 %) and high contrast, for this session only; in the side panel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("displaySettings")
        self.size_label = label("", "small")
        self.smaller_button = QPushButton(_("A−"))
        self.smaller_button.setAccessibleName(_("Smaller text"))
        self.larger_button = QPushButton(_("A+"))
        self.larger_button.setAccessibleName(_("Larger text"))
        for button in (self.smaller_button, self.larger_button):
            button.setAutoDefault(False)
            button.setMinimumSize(style.TOUCH, style.TOUCH)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.size_label.setBuddy(self.larger_button)
        self.contrast_row = ChoiceRow(_("High contrast"), exclusive=False)
        self.contrast_row.button.setAccessibleDescription(_("Black text on white, thick borders"))
        self.smaller_button.clicked.connect(self._on_smaller_clicked)
        self.larger_button.clicked.connect(self._on_larger_clicked)
        self.contrast_row.button.toggled.connect(self._on_contrast_toggled)
        self._show(style.current_appearance())

        # Layout
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.smaller_button)
        buttons.addWidget(self.larger_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 8, 12, 8)
        column.setSpacing(4)
        column.addWidget(self.size_label)
        column.addLayout(buttons)
        column.addWidget(self.contrast_row)

    def _show(self, appearance: style.Appearance) -> None:
        text = _("Text size: {size}%").format(size=appearance.text_size)
        self.size_label.setText(text)
        for button in (self.smaller_button, self.larger_button):
            button.setAccessibleDescription(text)
        self.smaller_button.setEnabled(appearance.text_size > style.TEXT_SIZES[0])
        self.larger_button.setEnabled(appearance.text_size < style.TEXT_SIZES[-1])
        self.contrast_row.button.setChecked(appearance.high_contrast)

    def _step(self, direction: int) -> None:
        current = style.current_appearance()
        sizes = style.TEXT_SIZES
        index = min(max(sizes.index(current.text_size) + direction, 0), len(sizes) - 1)
        had_focus = self.smaller_button.hasFocus() or self.larger_button.hasFocus()
        self._set(dataclasses.replace(current, text_size=sizes[index]))
        if had_focus and not (self.smaller_button.hasFocus() or self.larger_button.hasFocus()):
            # The pressed button is disabled at the end of the scale: keep the focus nearby.
            other = self.smaller_button if direction > 0 else self.larger_button
            other.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set(self, appearance: style.Appearance) -> None:
        style.set_appearance(appearance)
        self._show(appearance)

    def _on_smaller_clicked(self) -> None:
        self._step(-1)

    def _on_larger_clicked(self) -> None:
        self._step(1)

    def _on_contrast_toggled(self, checked: bool) -> None:
        self._set(dataclasses.replace(style.current_appearance(), high_contrast=checked))


class SidePanel(QWidget):
    """The steps (scrolling if the text is large) with the display settings always below them."""

    BASE_WIDTH = 220

    def __init__(self, titles: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step_list = StepList(titles)
        self.display_settings = DisplaySettings()
        self.steps_area = scroll_area_for(self.step_list, _("Steps"), touch_drag=False)
        self.steps_area.setObjectName("sidePanel")
        self.steps_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing to do there by keyboard
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        self.step_list.setProperty("rtl", "true" if rtl else "false")
        self._fit_width()

        # Layout
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.steps_area, 1)
        column.addWidget(self.display_settings)

    def set_current(self, index: int) -> None:
        """Mark the current step and keep it in view."""
        self.step_list.set_current(index)
        self.steps_area.ensureWidgetVisible(self.step_list.step_labels[index], 0, 24)

    def changeEvent(self, event: QEvent) -> None:
        """Grow a little with the text size, so the step names stay readable."""
        if event.type() == QEvent.Type.FontChange:
            self._fit_width()
        super().changeEvent(event)

    def _fit_width(self) -> None:
        scale = style.current_appearance().scale
        self.setFixedWidth(round(self.BASE_WIDTH * (1 + 0.4 * (scale - 1))))
