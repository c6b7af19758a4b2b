# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Numbers and where they come from: icon arrays, a statistic in words, the Source button."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from decisionaid.content import Source, Statistic
from decisionaid.gui import accessible, style
from decisionaid.gui.dialogs import show_sources
from decisionaid.gui.widgets.text import label
from decisionaid.i18n import _


class IconArray(QWidget):
    """`events` filled figures among `total` outlined ones, rows of ten; mirrored in RTL.

    Filled versus outlined (not colour alone) tells the two groups apart. Above 100 people
    the array shows the rate per 100.
    """

    def __init__(self, events: int, total: int, parent: QWidget | None = None) -> None:
        from decisionaid.report import icons_for  # on use

        super().__init__(parent)
        self.filled, self.count = icons_for(events, total)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        accessible.mark(self, "graphic")

    @property
    def cell(self) -> int:
        """The size of one figure; it grows with the text size."""
        return round(26 * style.current_appearance().scale)

    def sizeHint(self) -> QSize:
        """Ten columns wide, as many rows as needed."""
        from decisionaid.report import ICONS_PER_ROW  # on use

        rows = -(-self.count // ICONS_PER_ROW)
        columns = min(self.count, ICONS_PER_ROW)
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
        from decisionaid.report import ICONS_PER_ROW  # on use

        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rtl = self.isRightToLeft()
        theme = style.current_appearance().theme
        colour = QColor(theme.accent)
        pen = QPen(colour, 1.6 * theme.border * self.cell / 26)
        cell = self.cell
        for index in range(self.count):
            row, column = divmod(index, ICONS_PER_ROW)
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


class SourceButton(QPushButton):
    """A link-style button that shows where a statement comes from (IPDAS C2)."""

    def __init__(self, sources: Sequence[Source], parent: QWidget | None = None) -> None:
        # A label, not a sentence: one source is "Source", several are "Sources (3)", and a
        # language need not agree the noun with the count (ngettext would force "(1)" on
        # languages whose "one" form also covers other numbers, like French for 0).
        if len(sources) == 1:
            # TRANSLATORS: a link under a statement that shows the one study it comes from.
            text = _("Source")
        else:
            # TRANSLATORS: a link under a statement that lists the {count} studies it comes from.
            text = _("Sources ({count})").format(count=len(sources))
        super().__init__(text, parent)
        self.sources = tuple(sources)
        self.setProperty("role", "link")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # The visible words start the spoken name (WCAG 2.5.3, label in name); what it does
        # is the description.
        self.setAccessibleName(self.text())
        self.setAccessibleDescription(_("Show where this comes from"))
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
        from decisionaid.report import ICONS_MAX, statistic_detail, statistic_sentence  # on use

        super().__init__(parent)
        sentence = statistic_sentence(stat)
        self.sentence_label = label(sentence, "h3")
        self.array = IconArray(stat.events, stat.total)
        self.array.setAccessibleName(sentence)
        self.setAccessibleName(sentence)
        if stat.total > ICONS_MAX:
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
