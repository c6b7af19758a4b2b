# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The calm screen shown instead of a page or a guide that could not be built."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from decisionaid.gui import style
from decisionaid.gui.lazy_qt import Qt
from decisionaid.gui.widgets.layout import Card
from decisionaid.gui.widgets.text import heading, label
from decisionaid.i18n import N_, _

log = logging.getLogger(__name__)

MIN_TOUCH_PX = 56
# Marked with N_ so `make extract` finds them: `_text` is not an extraction keyword.
WINDOW_TITLE = N_("CAR-T decision aid")
TITLE = N_("Something went wrong")
MESSAGE = N_(
    "This page could not be shown. Nothing you entered was saved or printed. "
    "Please start over, or ask a member of staff."
)
START_OVER = N_("Start over")


def staff_detail(error: BaseException) -> str:
    """What staff need to fix a failure: file:line: field for a broken pack, else nothing.

    Other exceptions are not shown: their text could hold anything, a person's answers too.
    """
    from decisionaid.content import ContentError  # the model, not needed unless this fails

    return str(error) if isinstance(error, ContentError) else ""


def _text(message: str) -> str:
    """`message` translated, or the English one when the catalog itself is what is broken."""
    try:
        return _(message)
    except Exception:  # a broken catalog must not break the error screen too
        return message


class ErrorScreen(QWidget):
    """One card: something could not be shown, a Start over button and, for staff, where.

    Signals:
        retry_requested(): the person pressed Start over; build a new guide from the start.
    """

    retry_requested = Signal()

    def __init__(self, detail: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorScreen")
        style.scope(self)  # at the text size and theme chosen, like the guide it replaces
        self.setWindowTitle(_text(WINDOW_TITLE))
        self.title = heading(_text(TITLE), 1)
        self.message = label(_text(MESSAGE))
        self.detail = label(detail, "small")
        self.detail.setVisible(bool(detail))
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.start_over_button = QPushButton(_text(START_OVER))
        self.start_over_button.setProperty("role", "primary")
        self.start_over_button.setMinimumHeight(MIN_TOUCH_PX)
        self.start_over_button.setAccessibleName(self.start_over_button.text())
        self.start_over_button.setDefault(True)
        self.start_over_button.clicked.connect(self.retry_requested)

        # Layout
        card = Card()
        card.add(self.title)
        card.add(self.message)
        card.add(self.detail)
        card.layout_.addWidget(self.start_over_button, 0, Qt.AlignmentFlag.AlignLeft)
        column = QVBoxLayout(self)
        column.setContentsMargins(48, 48, 48, 48)
        column.addStretch(1)
        column.addWidget(card)
        column.addStretch(2)
        self.start_over_button.setFocus()
