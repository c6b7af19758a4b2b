# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Choices: wrapped check and radio rows, the check mark, and segmented rating scales."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStyle,
    QStyleOption,
    QVBoxLayout,
    QWidget,
)

from decisionaid.gui import accessible, style
from decisionaid.gui.lazy_qt import Qt
from decisionaid.gui.widgets.text import label
from decisionaid.i18n import _


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
        self.setMinimumHeight(style.TOUCH)
        self.button: QAbstractButton = QRadioButton() if exclusive else QCheckBox()
        self.button.setAccessibleName(text)
        if description:
            self.button.setAccessibleDescription(description)
        self.button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.text_label = label(text, bold_room=True)  # bold when chosen: room kept for it
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
        top = QVBoxLayout()  # the button at the top of a row of several lines
        top.addWidget(self.button)
        top.addStretch(1)
        row.addLayout(top)
        row.addLayout(texts, 1)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The stylesheet's background and border (hover, focus ring), as Qt's own widgets have.

        Qt's idiom for a QWidget subclass; setting WA_StyledBackground instead would name
        `Qt` while the first page is built (see gui/lazy_qt.py).
        """
        del event
        option = QStyleOption()
        option.initFrom(self)
        painter = QPainter(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, option, painter, self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Draw the focus ring around the whole row while its button has the keyboard focus."""
        if watched is self.button and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.setProperty("focused", "true" if event.type() == QEvent.Type.FocusIn else "false")
            style.repolish(self)
        return False

    def show_checked(self, checked: bool) -> None:
        """Show a stored answer: tick or untick without telling the page, which chose nothing.

        The row's own text follows, as on a click (in an exclusive group, the row unticked by
        this one is told by Qt and follows too).
        """
        self.button.blockSignals(True)
        try:
            self.button.setChecked(checked)
        finally:
            self.button.blockSignals(False)
        self._on_button_toggled(self.button.isChecked())

    def _on_button_toggled(self, checked: bool) -> None:
        # Bold text as well as the filled indicator: the choice never shows by colour alone.
        if (self.text_label.property("checked") == "true") != checked:
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


def describe_positions(group: QButtonGroup, question: str = "") -> None:
    """Describe each button of a one-of-many group by its place in it, "2 of 5", then the question.

    Qt tells a screen reader no position for radio buttons, so it goes in the description.
    """
    buttons = group.buttons()
    for position, button in enumerate(buttons, start=1):
        where = _("{value} of {top}").format(value=position, top=len(buttons))
        button.setAccessibleDescription(f"{where}. {question}" if question else where)


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
        """`choices` holds (id, button text, spoken name) triples, in reading order.

        To a screen reader the row is a group named `name` (the question) of radio buttons,
        each named by its spoken name (which starts with the button's visible text, WCAG
        2.5.3) and described by its position, "2 of 5".
        """
        super().__init__(parent)
        self.setAccessibleName(name)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.setSpacing(8)
        for choice_id, text, spoken in choices:
            button = QPushButton(text)
            button.setCheckable(True)
            # Enter moves on (Next); Space or the arrow keys choose.
            button.setAutoDefault(False)
            show_check_mark(button)
            button.setProperty("role", "segment")
            button.setMinimumHeight(style.TOUCH)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setAccessibleName(spoken)
            accessible.mark(button, "radio")
            button.clicked.connect(lambda _checked=False, c=choice_id: self.chosen.emit(c))
            self.group.addButton(button)
            self.buttons[choice_id] = button
            row.addWidget(button)
        describe_positions(self.group)

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
