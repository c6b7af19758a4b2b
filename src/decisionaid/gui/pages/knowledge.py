# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Step 7: an optional knowledge check with feedback right after each answer."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QLabel

from decisionaid.content import KnowledgeItem
from decisionaid.gui.pages import Page
from decisionaid.gui.widgets.choices import ChoiceRow, describe_positions
from decisionaid.gui.widgets.evidence import SourceButton
from decisionaid.gui.widgets.layout import Card
from decisionaid.gui.widgets.text import heading, label
from decisionaid.i18n import N_, _


class KnowledgePage(Page):
    """A few questions to check what stuck; answers are optional and never block Next."""

    TITLE = N_("Check what you know")
    JUMP_LIST = True

    def build(self) -> None:
        """Empty boxes for the quiz; they fill in when the page is shown."""
        self.choice_rows: dict[str, dict[str, ChoiceRow]] = {}
        self.feedback_labels: dict[str, QLabel] = {}
        self._groups: list[QButtonGroup] = []

        # Layout
        self.body.addWidget(
            label(_("This is not a test. Answer if you like, then read the explanation."))
        )
        for number, item in enumerate(self.content.knowledge, start=1):
            self.body.addWidget(self._item_card(number, item))
        self.body.addStretch(1)

    def _item_card(self, number: int, item: KnowledgeItem) -> Card:
        card = Card()
        # TRANSLATORS: a numbered quiz statement, e.g. "1. CAR-T is a one-time treatment.".
        card.add(heading(_("{number}. {prompt}").format(number=number, prompt=item.prompt), 3))
        group = QButtonGroup(self)
        self._groups.append(group)
        rows: dict[str, ChoiceRow] = {}
        for choice in item.choices:
            row = ChoiceRow(choice.text, exclusive=True)
            row.button.toggled.connect(
                lambda checked, i=item.id, c=choice.id: self._on_choice_toggled(i, c, checked)
            )
            group.addButton(row.button)
            rows[choice.id] = row
            card.add(row)
        describe_positions(group, item.prompt)
        feedback = label("", "hint")
        feedback.setVisible(False)
        card.add(feedback)
        if item.sources:
            card.add(SourceButton(self.sources(item.sources)))
        self.choice_rows[item.id] = rows
        self.feedback_labels[item.id] = feedback
        return card

    def initializePage(self) -> None:
        """Show stored answers and their feedback."""
        for item in self.content.knowledge:
            chosen = self.answers.knowledge.get(item.id)
            for choice_id, row in self.choice_rows[item.id].items():
                row.show_checked(choice_id == chosen)
            self._show_feedback(item)
        super().initializePage()

    def _show_feedback(self, item: KnowledgeItem) -> None:
        chosen = self.answers.knowledge.get(item.id)
        feedback = self.feedback_labels[item.id]
        feedback.setVisible(chosen is not None)
        if chosen is None:
            return
        verdict = _("That is right.") if chosen == item.correct else _("Not quite.")
        feedback.setText(f"{verdict} {item.explanation}")
        feedback.setAccessibleName(feedback.text())

    def _on_choice_toggled(self, item_id: str, choice_id: str, checked: bool) -> None:
        if not checked:
            return
        self.set_answers(self.answers.with_knowledge(item_id, choice_id))
        self._show_feedback(next(k for k in self.content.knowledge if k.id == item_id))
