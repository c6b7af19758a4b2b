# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Moving around: a push button whose text wraps, and the jump list at the top of a long page."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QWidget,
)

_WRAP = Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextShowMnemonic
_HUGE = 1 << 20


class WrappingButton(QPushButton):
    """A push button that takes more lines, not more width, when its row is too narrow.

    Qt's buttons never wrap, so a long label ("Continue from saved answers…" at 200 % text, a
    long heading in the jump list) made the page wider than the window. This one keeps its
    text (for screen readers and label-in-name), paints it word-wrapped inside the
    stylesheet's border and padding, and tells layouts its height for a width.
    """

    def __init__(self, text: str, parent: QWidget | None = None, *, leading: bool = False) -> None:
        super().__init__(text, parent)
        self._align = (
            Qt.AlignmentFlag.AlignLeading if leading else Qt.AlignmentFlag.AlignHCenter
        ) | Qt.AlignmentFlag.AlignVCenter
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _around(self, text: QSize) -> QSize:
        """The stylesheet's border and padding around text of size `text`."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        return self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option, text, self)

    def _box(self, text: QSize) -> QSize:
        """The button's size around text of size `text`, at least its minimum size."""
        return self._around(text).expandedTo(self.minimumSize())

    def _wrapped(self, width: int) -> QSize:
        """The size of the text wrapped at `width`."""
        return self.fontMetrics().boundingRect(QRect(0, 0, width, _HUGE), _WRAP, self.text()).size()

    def sizeHint(self) -> QSize:
        """Qt: the whole text on one line."""
        one_line = self.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, self.text())
        return self._box(one_line)

    def minimumSizeHint(self) -> QSize:
        """Qt: as narrow as the longest word, one line high (the height follows the width)."""
        metrics = self.fontMetrics()
        longest = max((metrics.horizontalAdvance(w) for w in self.text().split()), default=0)
        return self._box(QSize(longest, metrics.height()))

    def hasHeightForWidth(self) -> bool:
        """Qt: the height depends on how many lines the width leaves."""
        return True

    def heightForWidth(self, width: int) -> int:
        """Qt: tall enough for the text wrapped at this width."""
        room = max(1, width - self._around(QSize(0, 0)).width())
        return self._box(QSize(room, self._wrapped(room).height())).height()

    def paintEvent(self, event: QPaintEvent) -> None:
        """The stylesheet's button without its text, then the text wrapped inside the padding."""
        del event
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        text, option.text = option.text, ""
        painter.drawControl(QStyle.ControlElement.CE_PushButton, option)
        inside = self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, self)
        option.palette.setCurrentColorGroup(
            QPalette.ColorGroup.Normal if self.isEnabled() else QPalette.ColorGroup.Disabled
        )
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.style().drawItemText(
            painter,
            inside,
            int(self._align | _WRAP),
            option.palette,
            self.isEnabled(),
            text,
            QPalette.ColorRole.ButtonText,
        )
