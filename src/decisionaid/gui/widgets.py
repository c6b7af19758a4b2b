# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Small reusable widgets: cards, wrapped choice rows, segmented scales, icon arrays, lists."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
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

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """Click the button when the row (not the button itself) is tapped."""
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.button.click()
            self.button.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mouseReleaseEvent(event)


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
        self.cell = 26
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        """Ten columns wide, as many rows as needed."""
        rows = -(-self.count // ICON_COLUMNS)
        columns = min(self.count, ICON_COLUMNS)
        return QSize(columns * self.cell, rows * self.cell)

    def minimumSizeHint(self) -> QSize:
        """The array never shrinks (it would hide people)."""
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw one figure per person."""
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        pen = QPen(style.ACCENT_COLOR, 1.6)
        for index in range(self.count):
            row, column = divmod(index, ICON_COLUMNS)
            x = column * self.cell
            if rtl:
                x = self.width() - x - self.cell
            self._draw_person(
                painter, QRectF(x, row * self.cell, self.cell, self.cell), index < self.filled, pen
            )
        painter.end()

    @staticmethod
    def _draw_person(painter: QPainter, cell: QRectF, filled: bool, pen: QPen) -> None:
        inner = cell.adjusted(4, 2, -4, -2)
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
            5,
            5,
        )
        painter.setPen(pen)
        painter.setBrush(style.ACCENT_COLOR if filled else Qt.GlobalColor.white)
        painter.drawEllipse(centre, head_r, head_r)
        painter.drawPath(body)


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
    """The side panel: "Step 3 of 12", a progress bar and every step, the current one marked."""

    def __init__(self, titles: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepList")
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        self.setProperty("rtl", "true" if rtl else "false")
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
        self.setFixedWidth(220)

    def set_current(self, index: int) -> None:
        """Mark step `index` (0-based) as the current one."""
        total = len(self.step_labels)
        text = _("Step {number} of {total}").format(number=index + 1, total=total)
        self.progress_label.setText(text)
        self.bar.setValue(index + 1)
        self.bar.setAccessibleName(text)
        for position, step_label in enumerate(self.step_labels):
            step_label.setProperty("current", "true" if position == index else "false")
            step_label.setProperty("done", "true" if position < index else "false")
            step_label.style().unpolish(step_label)
            step_label.style().polish(step_label)
