# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Moving around: a push button whose text wraps, and the jump list at the top of a long page."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from decisionaid.gui import lazy_qt, style
from decisionaid.gui.lazy_qt import Qt
from decisionaid.gui.widgets.layout import Card, clear_layout
from decisionaid.gui.widgets.text import HeightsByWidth, heading
from decisionaid.i18n import _

_WRAP = lazy_qt.TEXT_WORD_WRAP | lazy_qt.TEXT_SHOW_MNEMONIC
_HUGE = 1 << 20
_PROBE = 1000


class WrappingButton(QPushButton):
    """A push button that takes more lines, not more width, when its row is too narrow.

    Qt's buttons never wrap, so a long label ("Continue from saved answers…" at 200 % text, a
    long heading in the jump list) made the page wider than the window. This one keeps its
    text (for screen readers and label-in-name), paints it word-wrapped inside the
    stylesheet's border and padding, and tells layouts its height for a width.
    """

    def __init__(self, text: str, parent: QWidget | None = None, *, leading: bool = False) -> None:
        super().__init__(text, parent)
        self._frame_size: QSize | None = None
        self._heights = HeightsByWidth()
        self._align = (
            lazy_qt.ALIGN_LEADING if leading else lazy_qt.ALIGN_HCENTER
        ) | lazy_qt.ALIGN_VCENTER
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _frame(self) -> QSize:
        """The stylesheet's border and padding around the text, focused or not.

        The focus ring is thicker than the border, so the text must fit inside it too. Kept
        until the stylesheet or the font changes (set properties before the first measure):
        layouts ask for sizes often.
        """
        if self._frame_size is None:
            self.ensurePolished()
            option = QStyleOptionButton()
            self.initStyleOption(option)
            # Measured around large text, past any minimum size the stylesheet sets.
            probe = QSize(_PROBE, _PROBE)
            size = QSize(0, 0)
            for state in (
                option.state & ~QStyle.StateFlag.State_HasFocus,
                option.state | QStyle.StateFlag.State_HasFocus,
            ):
                option.state = state
                size = size.expandedTo(
                    self.style().sizeFromContents(
                        QStyle.ContentsType.CT_PushButton, option, probe, self
                    )
                )
            self._frame_size = size - probe
        return self._frame_size

    def changeEvent(self, event: QEvent) -> None:
        """Qt: forget what was measured when the stylesheet or the font changes."""
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._frame_size = None
            self._heights.clear()
        super().changeEvent(event)

    def _box(self, text: QSize) -> QSize:
        """The button's size around text of size `text`, at least its minimum size."""
        return (text + self._frame()).expandedTo(self.minimumSize())

    def _wrapped(self, width: int) -> QSize:
        """The size of the text wrapped at `width`."""
        return self.fontMetrics().boundingRect(QRect(0, 0, width, _HUGE), _WRAP, self.text()).size()

    def sizeHint(self) -> QSize:
        """Qt: the whole text on one line."""
        one_line = self.fontMetrics().size(lazy_qt.TEXT_SHOW_MNEMONIC, self.text())
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
        return self._heights.get(width, self.text(), self._measure_height)

    def _measure_height(self, width: int) -> int:
        """The button's height with its text wrapped inside `width`."""
        room = max(1, width - self._frame().width())
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
            self._align | _WRAP,
            option.palette,
            self.isEnabled(),
            text,
            QPalette.ColorRole.ButtonText,
        )


# A widget in the page's tab order that Tab itself does not stop at: a jump list's other links
# (the arrow keys reach them) and the headings a jump lands on (Tab goes on from there).
IN_TAB_ORDER = "inTabOrder"


class JumpList(Card):
    """The "On this page" list: a link to each part of a long page, and one to skip to Next.

    The list is one stop for Tab: the arrow keys, Home and End move between its links (the
    stop follows the last one used), so it adds one key press, not one per part, to the
    way to everything below it. Each link wraps its text and is spoken as it reads.

    Signals:
        jump_requested(int): the person chose the part at this index.
        skip_requested(): the person wants the Next button.
    """

    jump_requested = Signal(int)
    skip_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading(_("On this page"), 2)
        self.setAccessibleName(self.title.text())
        self.skip_link = self._link(_("Skip to the Next button"))
        self.skip_link.setAccessibleDescription(
            _("Move the keyboard to the Next button below the page")
        )
        self.skip_link.clicked.connect(self.skip_requested)
        self.links: list[WrappingButton] = []
        self._shown: list[tuple[str, bool]] = []
        self._parts = QVBoxLayout()
        self._parts.setContentsMargins(0, 0, 0, 0)
        self._parts.setSpacing(6)  # wrapped links read apart
        self._make_stop(self.skip_link)

        # Layout
        self.add(self.title)
        self.layout_.addWidget(self.skip_link, 0, Qt.AlignmentFlag.AlignLeading)
        self.layout_.addLayout(self._parts)

    def show_parts(self, parts: Sequence[tuple[str, bool]]) -> None:
        """One link per (title, indented) part; nothing is rebuilt if they are the same."""
        if list(parts) == self._shown:
            return
        self._shown = list(parts)
        clear_layout(self._parts)
        self.links = []
        for index, (title, indented) in enumerate(parts):
            link = self._link(title)
            # TRANSLATORS: where a choice or a link is in its list, e.g. "2 of 5".
            link.setAccessibleDescription(
                _("{value} of {top}").format(value=index + 1, top=len(parts))
            )
            link.clicked.connect(lambda _checked=False, i=index: self.jump_requested.emit(i))
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            if indented:  # a part of the part above: indented on the reading side
                row.addSpacing(2 * style.SPACING)
            row.addWidget(link, 1, Qt.AlignmentFlag.AlignLeading)
            self._parts.addLayout(row)
            self.links.append(link)
        self._make_stop(self.skip_link)

    def order(self) -> list[QWidget]:
        """Every link, in reading order (the page puts them all in its tab order)."""
        return [self.skip_link, *self.links]

    def _link(self, text: str) -> WrappingButton:
        link = WrappingButton(text, leading=True)
        link.setProperty("role", "link")
        link.setProperty(IN_TAB_ORDER, "true")
        link.setAccessibleName(text)
        link.installEventFilter(self)
        return link

    def _make_stop(self, stop: QWidget) -> None:
        """Let Tab stop at `stop` only; the others are reached with the arrow keys."""
        for link in self.order():
            link.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if link is stop else Qt.FocusPolicy.ClickFocus
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up, Down, Home and End move between the links; the focused one is the Tab stop."""
        if event.type() not in (QEvent.Type.FocusIn, QEvent.Type.KeyPress):
            return False
        links = self.order()
        if watched not in links:
            return False
        if event.type() == QEvent.Type.FocusIn:
            self._make_stop(watched)
        elif isinstance(event, QKeyEvent):
            here = links.index(watched)
            there = {
                Qt.Key.Key_Up: here - 1,
                Qt.Key.Key_Down: here + 1,
                Qt.Key.Key_Home: 0,
                Qt.Key.Key_End: len(links) - 1,
            }.get(Qt.Key(event.key()))
            if there is not None:
                links[min(max(there, 0), len(links) - 1)].setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return False
