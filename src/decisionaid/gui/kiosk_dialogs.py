# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The kiosk's two dialogs: "Are you still there?" with its countdown, and the staff PIN pad."""

from __future__ import annotations

import functools
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QRegularExpressionValidator,
)
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from decisionaid.i18n import _, ngettext
from decisionaid.system.kiosk_config import PIN_DIGITS, verify_pin

MIN_TOUCH_PX: Final = 56  # above the 44 px WCAG 2.5.5 target


class IdleWarning(QDialog):
    """The "Are you still there?" countdown with one large button to stay.

    Signals:
        stay_requested(): the person pressed "I'm still here".
    """

    stay_requested = Signal()

    def __init__(self, seconds: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("idleWarning")
        self.setWindowTitle(_("Are you still there?"))
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.remaining = seconds
        self.title = QLabel(_("Are you still there?"))
        self.title.setObjectName("idleWarningTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.title.setFont(font)
        self.message = QLabel()
        self.message.setWordWrap(True)
        message_font = self.message.font()
        message_font.setPointSizeF(message_font.pointSizeF() * 1.3)
        self.message.setFont(message_font)
        self.stay_button = QPushButton(_("I'm still here"))
        self.stay_button.setProperty("role", "primary")
        self.stay_button.setMinimumHeight(MIN_TOUCH_PX + 16)
        self.stay_button.setMinimumWidth(240)
        self.stay_button.setFont(message_font)
        self.stay_button.setAccessibleName(_("I'm still here"))
        self.stay_button.setAccessibleDescription(_("Keep your answers and carry on"))
        self.stay_button.setDefault(True)
        self.stay_button.clicked.connect(self.stay_requested)
        self._update_text()

        # Layout
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.setSpacing(24)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(self.stay_button, 0, Qt.AlignmentFlag.AlignHCenter)

    def tick(self) -> int:
        """One second less; returns the seconds left."""
        self.remaining = max(0, self.remaining - 1)
        self._update_text()
        return self.remaining

    def _update_text(self) -> None:
        text = ngettext(
            "For your privacy, this will start over in {seconds} second.",
            "For your privacy, this will start over in {seconds} seconds.",
            self.remaining,
        ).format(seconds=self.remaining)
        self.message.setText(text)
        self.setAccessibleDescription(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape means "I'm still here", never "go away and let it wipe"."""
        if event.key() == Qt.Key.Key_Escape:
            self.stay_requested.emit()
            return
        super().keyPressEvent(event)


class PinDialog(QDialog):
    """Staff exit: a masked numeric PIN with an on-screen keypad; a wrong PIN keeps the kiosk."""

    def __init__(self, pin_hash: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffPinDialog")
        # TRANSLATORS: the title of the dialog where staff enter a PIN to leave the kiosk.
        self.setWindowTitle(_("Staff exit"))
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.pin_hash = pin_hash
        prompt = (
            _("Enter the staff PIN to leave kiosk mode.")
            if pin_hash
            else _("No staff PIN is set up on this kiosk, so it cannot be left from here.")
        )
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
        )
        self.pin_edit.setValidator(
            QRegularExpressionValidator(rf"[0-9]{{0,{PIN_DIGITS[1]}}}", self.pin_edit)
        )
        self.pin_edit.setMinimumHeight(MIN_TOUCH_PX)
        self.pin_edit.setAccessibleName(_("Staff PIN"))
        self.pin_edit.setEnabled(bool(pin_hash))
        self.status = QLabel("")
        self.status.setObjectName("pinStatus")
        self.status.setWordWrap(True)
        self.ok_button = QPushButton(_("Leave kiosk"))
        self.ok_button.setEnabled(bool(pin_hash))
        self.ok_button.setDefault(True)
        self.cancel_button = QPushButton(_("Cancel"))
        for button in (self.ok_button, self.cancel_button):
            button.setMinimumHeight(MIN_TOUCH_PX)
            button.setAccessibleName(button.text())
        self.ok_button.clicked.connect(self._on_ok_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self.pin_edit.returnPressed.connect(self._on_ok_clicked)

        # Layout
        keypad = QGridLayout()
        keypad.setSpacing(8)
        keys = [*"123456789", "⌫", "0"]
        for index, key in enumerate(keys):
            button = QPushButton(key)
            button.setMinimumSize(MIN_TOUCH_PX, MIN_TOUCH_PX)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            # TRANSLATORS: read out by screen readers for the key that deletes the last digit of
            # the PIN.
            button.setAccessibleName(_("Delete") if key == "⌫" else key)
            button.setEnabled(bool(pin_hash))
            button.clicked.connect(functools.partial(self._on_key_clicked, key))
            keypad.addWidget(button, index // 3, index % 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        layout.addWidget(self.prompt)
        layout.addWidget(self.pin_edit)
        layout.addLayout(keypad)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def _on_key_clicked(self, key: str) -> None:
        if key == "⌫":
            self.pin_edit.backspace()
        else:
            self.pin_edit.insert(key)

    def _on_ok_clicked(self) -> None:
        if verify_pin(self.pin_edit.text(), self.pin_hash):
            self.accept()
            return
        self.pin_edit.clear()
        self.status.setText(_("That PIN is not right. Please try again."))
        self.status.setAccessibleName(self.status.text())
