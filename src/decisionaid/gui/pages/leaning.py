# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Step 10: which way the person is leaning, and the four SURE questions."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup

from decisionaid.answers import UNSURE
from decisionaid.gui.pages import Page
from decisionaid.gui.widgets.choices import ChoiceRow, SegmentedChoice, describe_positions
from decisionaid.gui.widgets.evidence import SourceButton
from decisionaid.gui.widgets.layout import Card
from decisionaid.gui.widgets.text import heading, label
from decisionaid.i18n import N_, _
from decisionaid.values import sure_result


class LeaningPage(Page):
    """Leaning (required) and SURE (all four required); the SURE result is shown gently."""

    TITLE = N_("Where you are now")
    STEP = "leaning"

    def build(self) -> None:
        """The leaning choices and the SURE scales."""
        deliberation = self.content.deliberation
        self.leaning_group = QButtonGroup(self)
        self.leaning_rows: dict[str, ChoiceRow] = {}
        choices = [(o.id, o.name) for o in self.content.options]
        choices.append((UNSURE, deliberation.unsure_label))
        for choice_id, text in choices:
            row = ChoiceRow(text, exclusive=True)
            row.button.toggled.connect(
                lambda checked, c=choice_id: self._on_leaning_toggled(c, checked)
            )
            self.leaning_group.addButton(row.button)
            self.leaning_rows[choice_id] = row
        describe_positions(self.leaning_group, deliberation.leaning_prompt)
        self.sure_scales: dict[str, SegmentedChoice] = {}
        self.sure_result_label = label("", "hint")
        self.sure_result_label.setVisible(False)

        # Layout
        leaning = Card()
        leaning.add(heading(deliberation.leaning_prompt, 2))
        leaning.add(label(_("This is not a final choice. You can change your mind."), "small"))
        for row in self.leaning_rows.values():
            leaning.add(row)
        self.body.addWidget(leaning)
        sure = Card()
        sure.add(heading(_("How do you feel about the decision?"), 2))
        for item in deliberation.sure_items:
            title = label(item.prompt)
            sure.layout_.addSpacing(6)
            sure.add(title)
            scale = SegmentedChoice(
                item.prompt, [("yes", _("Yes"), _("Yes")), ("no", _("No"), _("No"))]
            )
            scale.chosen.connect(lambda value, sid=item.id: self._on_sure_chosen(sid, value))
            title.setBuddy(scale.buttons["yes"])
            self.sure_scales[item.id] = scale
            sure.add(scale)
        sure.add(self.sure_result_label)
        source = self.sources((deliberation.sure_source,))
        if source:
            sure.add(SourceButton(source))
        self.body.addWidget(sure)
        self.body.addStretch(1)

    def initializePage(self) -> None:
        """Show the stored leaning and SURE answers."""
        for choice_id, row in self.leaning_rows.items():
            row.show_checked(choice_id == self.answers.leaning)
        for sid, scale in self.sure_scales.items():
            value = self.answers.sure.get(sid)
            scale.set_value(None if value is None else ("yes" if value else "no"))
        self._show_sure_result()
        super().initializePage()

    def hint_text(self, missing: tuple[str, ...]) -> str:
        """Say what is still needed."""
        if "leaning" in missing:
            return _("Please choose which way you are leaning, and answer the four questions.")
        return _("Please answer yes or no to each of the four questions to go on.")

    def _show_sure_result(self) -> None:
        result = sure_result(self.content, self.answers)
        self.sure_result_label.setVisible(result.complete)
        if result.conflict:
            text = _(
                "You answered no to at least one question. That is common at this point. "
                "It may help to talk it through with your care team or someone close to you. "
                "Your summary will note it so your team can help."
            )
        elif result.complete:
            text = _(
                "You seem to feel sure and supported. You can still change your mind at any time."
            )
        else:
            text = ""
        self.sure_result_label.setText(text)
        self.sure_result_label.setAccessibleName(text)

    def _on_leaning_toggled(self, choice_id: str, checked: bool) -> None:
        if checked:
            self.set_answers(self.answers.replace(leaning=choice_id))

    def _on_sure_chosen(self, item_id: str, value: str) -> None:
        self.set_answers(self.answers.with_sure(item_id, value == "yes"))
        self._show_sure_result()
