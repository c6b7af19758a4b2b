# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""What assistive technology is told about widgets Qt has no role for: headings, graphics, radios.

A widget asks for a role by its `a11yRole` property (see `mark`); one factory, installed when
the application starts, gives such widgets an accessible interface with that role. Qt owns
the interfaces it gets from a factory and deletes them with their widget.
"""

from __future__ import annotations

from typing import Final, Literal

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAbstractButton, QAccessibleWidget, QLabel, QWidget

Role = Literal["heading", "graphic", "radio"]
_PROPERTY: Final = "a11yRole"
_ROLES: Final = {
    "heading": QAccessible.Role.Heading,
    "graphic": QAccessible.Role.Graphic,
    "radio": QAccessible.Role.RadioButton,
}
_installed = False


def mark(widget: QWidget, role: Role) -> None:
    """Ask for `widget` to be exposed with `role`.

    While a screen reader is running, Qt makes an interface for a widget as soon as it is
    created, before this property is set; that plain one is dropped so ours replaces it.
    """
    widget.setProperty(_PROPERTY, role)
    if QAccessible.isActive():
        current = QAccessible.queryAccessibleInterface(widget)
        if current is not None and current.role() != _ROLES[role]:
            QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(current))


def install() -> None:
    """Install the factory once per process."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_interface_for)
        _installed = True


class _Heading(QAccessibleWidget):
    """A label read as a heading, so heading navigation (H in Orca and NVDA) finds it."""

    def __init__(self, widget: QLabel) -> None:
        super().__init__(widget, QAccessible.Role.Heading)
        self._label = widget

    def text(self, kind: QAccessible.Text) -> str:
        """The visible text is the name."""
        if kind == QAccessible.Text.Name:
            return self._label.accessibleName() or self._label.text()
        return super().text(kind)


class _Graphic(QAccessibleWidget):
    """A drawn figure (an icon array) read as a graphic whose name is the sentence it shows."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, QAccessible.Role.Graphic)


class _Radio(QAccessibleWidget):
    """One checkable button of an exclusive row, read as a radio button: checked or not, press.

    The row's buttons are push buttons for their look; to a screen reader they are what they
    do, one choice of several (the position is in the description, "2 of 5").
    """

    def __init__(self, widget: QAbstractButton) -> None:
        super().__init__(widget, QAccessible.Role.RadioButton)
        self._button = widget

    def state(self) -> QAccessible.State:
        """Checkable, and checked when chosen."""
        state = super().state()
        state.checkable = True
        state.checked = self._button.isChecked()
        return state

    def actionNames(self) -> list[str]:
        """Press chooses it."""
        return [QAccessibleWidget.pressAction(), *super().actionNames()]

    def doAction(self, name: str) -> None:
        """Press clicks the button, as a tap would."""
        if name == QAccessibleWidget.pressAction():
            self._button.click()
        else:
            super().doAction(name)


def _interface_for(key: str, target: QObject) -> QAccessibleInterface | None:
    del key
    role = target.property(_PROPERTY) if isinstance(target, QWidget) else None
    if role == "heading" and isinstance(target, QLabel):
        return _Heading(target)
    if role == "radio" and isinstance(target, QAbstractButton):
        return _Radio(target)
    if role == "graphic" and isinstance(target, QWidget):
        return _Graphic(target)
    return None
