# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""What the person writes: a bounded line edit and an editable list of their own texts."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from decisionaid.answers import MAX_TEXT
from decisionaid.gui import style
from decisionaid.gui.widgets.layout import (
    clear_layout,
)
from decisionaid.gui.widgets.text import label
from decisionaid.i18n import _


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
            # TRANSLATORS: read out by screen readers: remove the item the person typed, {text}.
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
