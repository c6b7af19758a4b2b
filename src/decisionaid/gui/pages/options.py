# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Step 3: what CAR-T is, the options side by side, the steps of treatment and the grid."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QBoxLayout, QFrame, QGridLayout

from decisionaid.gui import style
from decisionaid.gui.pages import Page
from decisionaid.gui.widgets.evidence import SourceButton
from decisionaid.gui.widgets.layout import Card
from decisionaid.gui.widgets.text import heading, label
from decisionaid.i18n import N_, _


class OptionsPage(Page):
    """Every option with the same detail (Q3-Q6, C1), the five steps and a comparison grid (QL2)."""

    TITLE = N_("Your options")
    JUMP_LIST = True

    def build(self) -> None:
        """A card for each option, side by side when there is room."""
        content = self.content
        self.option_cards: dict[str, Card] = {}
        for option in content.options:
            card = Card()
            card.add(heading(option.name, 2))
            card.add(label(option.summary))
            card.add(heading(_("What it involves"), 3))
            for item in option.involves:
                card.add(label(f"•  {item}"))
            card.add(heading(_("What it may be like"), 3))
            card.add(label(option.experience))
            card.layout_.addStretch(1)
            card.setAccessibleName(option.name)
            self.option_cards[option.id] = card

        # Layout
        intro = Card()
        intro.add(heading(_("What this is about"), 2))
        intro.add(label(content.pack.about_disease))
        self.body.addWidget(intro)
        self.body.addWidget(heading(_("The choices"), 2))
        self.side_by_side = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.side_by_side.setSpacing(16)
        for card in self.option_cards.values():
            self.side_by_side.addWidget(card, 1)
        self.body.addLayout(self.side_by_side)
        steps = Card()
        steps.add(heading(_("How CAR-T cell therapy works, step by step"), 2))
        for number, step in enumerate(content.steps, start=1):
            # TRANSLATORS: a numbered step of the treatment, e.g. "3. Chemotherapy".
            steps.add(heading(_("{number}. {title}").format(number=number, title=step.title), 3))
            if step.duration:
                # TRANSLATORS: how long one step of the treatment takes, e.g. "How long: 1 to 2 weeks".
                steps.add(label(_("How long: {duration}").format(duration=step.duration), "small"))
            steps.add(label(step.body))
            if step.sources:
                steps.add(SourceButton(self.sources(step.sources)))
        self.body.addWidget(steps)
        self.grid_card = self._comparison_grid()
        self.list_card = self._comparison_list()
        self.body.addWidget(self.grid_card)
        self.body.addWidget(self.list_card)
        self.body.addStretch(1)
        self._arrange()

    def changeEvent(self, event: QEvent) -> None:
        """Larger text: the options one under the other, the comparison as a list."""
        if event.type() == QEvent.Type.FontChange and self.built:
            self._arrange()
        super().changeEvent(event)

    def _arrange(self) -> None:
        large = style.current_appearance().text_size > style.TEXT_SIZES[0]
        self.side_by_side.setDirection(
            QBoxLayout.Direction.TopToBottom if large else QBoxLayout.Direction.LeftToRight
        )
        self.grid_card.setVisible(not large)
        self.list_card.setVisible(large)

    def _comparison_list(self) -> Card:
        """The comparison one row at a time, for large text (a grid would not fit)."""
        content = self.content
        card = Card()
        card.add(heading(_("Side by side"), 2))
        for row in content.comparison:
            card.add(heading(row.label, 3))
            for option in content.options:
                cell = label(
                    # TRANSLATORS: an option's name, then what it means for one consideration (a cell of the side-by-side table).
                    _("{option}: {text}").format(
                        option=option.name, text=row.cells.get(option.id, "")
                    )
                )
                cell.setAccessibleName(f"{row.label}: {option.name}")
                card.add(cell)
            if row.sources:
                card.layout_.addWidget(
                    SourceButton(self.sources(row.sources)), 0, Qt.AlignmentFlag.AlignLeading
                )
        return card

    def _comparison_grid(self) -> Card:
        content = self.content
        card = Card()
        card.add(heading(_("Side by side"), 2))
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        columns = len(content.options) + 1
        grid.setColumnStretch(0, 1)
        for column, option in enumerate(content.options, start=1):
            grid.addWidget(heading(option.name, 3), 0, column, Qt.AlignmentFlag.AlignBottom)
            grid.setColumnStretch(column, 2)
        line = 1
        for row in content.comparison:
            rule = QFrame()
            rule.setFrameShape(QFrame.Shape.HLine)
            rule.setObjectName("rule")
            grid.addWidget(rule, line, 0, 1, columns)
            grid.addWidget(heading(row.label, 3), line + 1, 0, Qt.AlignmentFlag.AlignTop)
            for column, option in enumerate(content.options, start=1):
                cell = label(row.cells.get(option.id, ""))
                cell.setAccessibleName(f"{row.label}: {option.name}")
                grid.addWidget(cell, line + 1, column, Qt.AlignmentFlag.AlignTop)
            line += 2
            if row.sources:
                grid.addWidget(
                    SourceButton(self.sources(row.sources)),
                    line,
                    1,
                    1,
                    columns - 1,
                    Qt.AlignmentFlag.AlignLeading,
                )
                line += 1
        card.layout_.addLayout(grid)
        return card
