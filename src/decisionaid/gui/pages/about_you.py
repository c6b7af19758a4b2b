# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Step 2: the person's condition and the treatments they have tried; tailors what follows."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QVBoxLayout

from decisionaid.gui.pages import Page
from decisionaid.gui.widgets.choices import ChoiceRow, describe_positions
from decisionaid.gui.widgets.layout import Card, clear_layout
from decisionaid.gui.widgets.text import heading, label
from decisionaid.i18n import N_, _


class AboutYouPage(Page):
    """Condition (required) and treatments tried (optional), then what that condition means."""

    TITLE = N_("About you")
    STEP = "about_you"
    BLOCKED_HINT = N_("Please choose your condition to go on.")

    def build(self) -> None:
        """The condition choices; the treatment and detail boxes fill in when shown."""
        self.condition_group = QButtonGroup(self)
        self.condition_group.setExclusive(True)
        self.condition_rows: dict[str, ChoiceRow] = {}
        for condition in self.content.conditions:
            row = ChoiceRow(condition.name, exclusive=True)
            row.button.toggled.connect(
                lambda checked, cid=condition.id: self._on_condition_toggled(cid, checked)
            )
            self.condition_group.addButton(row.button)
            self.condition_rows[condition.id] = row
        describe_positions(self.condition_group)
        self.treatment_rows: dict[str, ChoiceRow] = {}
        self._shown_condition: str | None = None  # what the details and treatments are for
        self.treatments_box = QVBoxLayout()
        self.treatments_box.setSpacing(0)
        self.details_box = QVBoxLayout()
        self.details_box.setSpacing(16)

        # Layout
        choose = Card()
        choose.add(heading(_("Which condition do you have?"), 2))
        choose.add(label(_("The rest of the guide shows what is known for this condition.")))
        for row in self.condition_rows.values():
            choose.add(row)
        self.body.addWidget(choose)
        self.body.addLayout(self.details_box)
        self.treatments_card = Card()
        self.treatments_card.add(heading(_("Which treatments have you already tried?"), 2))
        self.treatments_card.add(label(_("Tick all that apply. You can skip this."), "small"))
        self.treatments_card.layout_.addLayout(self.treatments_box)
        self.body.addWidget(self.treatments_card)
        self.treatments_card.hide()  # until a condition is chosen (`_show_condition`)
        self.body.addStretch(1)

    def initializePage(self) -> None:
        """Tick the stored condition and show what depends on it."""
        for cid, row in self.condition_rows.items():
            row.show_checked(cid == self.answers.condition)
        self.fill()
        super().initializePage()

    def fill(self) -> None:
        """The chosen condition's card and treatments, made again only for a new condition.

        The treatments tried are ticked each time (a saved file continued may differ).
        """
        if self.answers.condition != self._shown_condition:
            self._show_condition()
        for tid, row in self.treatment_rows.items():
            row.show_checked(tid in self.answers.treatments_tried)

    def _show_condition(self) -> None:
        clear_layout(self.details_box)
        clear_layout(self.treatments_box)
        self.treatment_rows = {}
        cid = self._shown_condition = self.answers.condition
        self.treatments_card.setVisible(cid is not None)
        if cid is None:
            return
        condition = self.content.condition(cid)
        about = Card()
        about.add(heading(condition.name, 2))
        about.add(label(condition.description))
        about.add(heading(_("If nothing changes"), 3))
        about.add(label(condition.without_change))
        about.add(heading(_("How much is known about CAR-T for this condition"), 3))
        about.add(label(condition.evidence_summary))
        self.details_box.addWidget(about)
        names = {t.id: t.name for t in self.content.treatments}
        for tid in condition.treatments:
            row = ChoiceRow(names.get(tid, tid), exclusive=False)  # ticked by fill()
            row.button.toggled.connect(
                lambda checked, t=tid: self._on_treatment_toggled(t, checked)
            )
            self.treatment_rows[tid] = row
            self.treatments_box.addWidget(row)

    def _on_condition_toggled(self, condition_id: str, checked: bool) -> None:
        if not checked or condition_id == self.answers.condition:
            return
        allowed = set(self.content.condition(condition_id).treatments)
        tried = tuple(t for t in self.answers.treatments_tried if t in allowed)
        self.set_answers(self.answers.replace(condition=condition_id, treatments_tried=tried))
        self.fill()

    def _on_treatment_toggled(self, treatment_id: str, checked: bool) -> None:
        rest = tuple(t for t in self.answers.treatments_tried if t != treatment_id)
        tried = (*rest, treatment_id) if checked else rest
        self.set_answers(self.answers.replace(treatments_tried=tried))
