# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Steps 4-6 share one view: the facts of one kind for the person's condition, grouped by option."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import QVBoxLayout

from decisionaid.content import Fact, FactKind
from decisionaid.gui.pages import Page
from decisionaid.gui.widgets.evidence import SourceButton, StatisticView
from decisionaid.gui.widgets.layout import Card, clear_layout
from decisionaid.gui.widgets.text import heading, label
from decisionaid.i18n import _


class FactsPage(Page):
    """Benefits, risks or unknowns for the chosen condition; every number as words and a picture."""

    KIND: ClassVar[FactKind] = "benefit"
    INTRO: ClassVar[str] = ""
    JUMP_LIST = True

    def build(self) -> None:
        """The intro and an empty box for the facts of the chosen condition."""
        self.intro_label = label(_(self.INTRO))
        self.facts_box = QVBoxLayout()
        self.facts_box.setSpacing(16)
        self.fact_cards: dict[str, Card] = {}
        self.statistic_views: dict[str, StatisticView] = {}
        self.shown_for: tuple[str | None] | None = None  # the condition the facts are for

        # Layout
        self.body.addWidget(self.intro_label)
        self.body.addLayout(self.facts_box)
        self.body.addStretch(1)

    def initializePage(self) -> None:
        """Show the facts for the condition chosen now (it may have changed since last time)."""
        self.fill()
        super().initializePage()

    def fill(self) -> None:
        """Build the facts of the chosen condition, unless they are already shown."""
        if self.shown_for == (self.answers.condition,):
            return
        self.shown_for = (self.answers.condition,)
        clear_layout(self.facts_box)
        self.fact_cards = {}
        self.statistic_views = {}
        facts = self.content.facts_for(self.answers.condition, self.KIND)
        if facts and self.answers.condition is not None and self.KIND != "unknown":
            # Before any number: how much CAR-T evidence there is for this condition, so a
            # number measured in another disease is never read as this condition's own.
            condition = self.content.condition(self.answers.condition)
            self.evidence_note = label(
                _("How much CAR-T evidence there is for {condition}: {summary}").format(
                    condition=condition.name, summary=condition.evidence_summary
                )
            )
            self.facts_box.addWidget(self.evidence_note)
        for option in self.content.options:
            mine = [f for f in facts if f.option == option.id]
            if not mine:
                continue
            self.facts_box.addWidget(heading(option.name, 2))
            for fact in mine:
                card = self._fact_card(fact)
                self.fact_cards[fact.id] = card
                self.facts_box.addWidget(card)
        if not facts:
            self.facts_box.addWidget(label(_("There is nothing to show here for your condition.")))

    def _fact_card(self, fact: Fact) -> Card:
        card = Card()
        card.setAccessibleName(fact.title)
        card.add(heading(fact.title, 3))
        card.add(label(fact.body))
        stat = fact.statistic
        if stat is not None:
            view = StatisticView(stat, self.sources((stat.source,)))
            self.statistic_views[fact.id] = view
            card.add(view)
        extra = tuple(s for s in fact.sources if stat is None or s != stat.source)
        if extra:
            card.add(SourceButton(self.sources(extra)))
        return card
