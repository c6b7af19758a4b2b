# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Step 8: what matters to you: a rating per consideration, worries to tick and own worries."""

from __future__ import annotations

from decisionaid.content import RATING_MAX, Consideration
from decisionaid.gui.pages import Page
from decisionaid.gui.widgets.choices import ChoiceRow, SegmentedChoice
from decisionaid.gui.widgets.entry import TextListEditor
from decisionaid.gui.widgets.layout import Card
from decisionaid.gui.widgets.text import heading, label
from decisionaid.i18n import N_, _, ngettext


class ValuesPage(Page):
    """Values clarification (QL9): every consideration must be rated 0..4 to go on."""

    TITLE = N_("What matters to you")
    STEP = "values"
    JUMP_LIST = True

    def build(self) -> None:
        """A scale for each consideration, the worries and the person's own worries."""
        self.scales: dict[str, SegmentedChoice] = {}
        self.concern_rows: dict[str, ChoiceRow] = {}
        for concern in self.content.concerns:
            row = ChoiceRow(concern.label, exclusive=False)
            row.button.toggled.connect(
                lambda checked, c=concern.id: self._on_concern_toggled(c, checked)
            )
            self.concern_rows[concern.id] = row
        self.own_concerns = TextListEditor(
            _("Another worry, in your own words"), _("Add worry"), _("Type a worry here")
        )
        self.own_concerns.items_changed.connect(self._on_own_concerns_changed)

        # Layout
        self.body.addWidget(
            label(
                _(
                    "How much does each of these matter to you? There are no right or wrong "
                    "answers. Press a number from 0 (does not matter) to {top} (matters a lot)."
                ).format(top=RATING_MAX)
            )
        )
        for consideration in self.content.considerations:
            self.body.addWidget(self._consideration_card(consideration))
        worries = Card()
        worries.add(heading(_("Is anything worrying you?"), 2))
        worries.add(label(_("Tick any that apply. You can skip this."), "small"))
        for row in self.concern_rows.values():
            worries.add(row)
        worries.add(self.own_concerns)
        self.body.addWidget(worries)
        self.body.addStretch(1)

    def _consideration_card(self, item: Consideration) -> Card:
        card = Card()
        title = heading(item.label, 3)
        card.add(title)
        card.add(label(item.description, "small"))
        choices = []
        for value in range(RATING_MAX + 1):
            # Spoken as the visible number, with the scale's words at its two ends.
            words = str(value)
            ends = {0: item.low_label, RATING_MAX: item.high_label}
            if value in ends:
                # TRANSLATORS: read out by screen readers for the two ends of a rating scale,
                # e.g. "0 (Not important)"; {meaning} is the scale's word for that end.
                words = _("{value} ({meaning})").format(value=value, meaning=ends[value])
            choices.append((str(value), str(value), words))
        scale = SegmentedChoice(
            item.label, choices, low_label=item.low_label, high_label=item.high_label
        )
        scale.chosen.connect(lambda value, cid=item.id: self._on_scale_chosen(cid, value))
        title.setBuddy(next(iter(scale.buttons.values())))
        self.scales[item.id] = scale
        card.add(scale)
        return card

    def initializePage(self) -> None:
        """Show stored ratings and worries."""
        for cid, scale in self.scales.items():
            rating = self.answers.ratings.get(cid)
            scale.set_value(None if rating is None else str(rating))
        for concern_id, row in self.concern_rows.items():
            row.show_checked(concern_id in self.answers.concerns)
        self.own_concerns.set_items(self.answers.own_concerns)
        super().initializePage()

    def hint_text(self, missing: tuple[str, ...]) -> str:
        """Say how many are left to rate."""
        return ngettext(
            "Please rate each item to go on ({count} left).",
            "Please rate each item to go on ({count} left).",
            len(missing),
        ).format(count=len(missing))

    def _on_scale_chosen(self, consideration_id: str, value: str) -> None:
        self.set_answers(self.answers.with_rating(consideration_id, int(value)))

    def _on_concern_toggled(self, concern_id: str, checked: bool) -> None:
        self.set_answers(self.answers.with_concern(concern_id, checked))

    def _on_own_concerns_changed(self, items: tuple[str, ...]) -> None:
        self.set_answers(self.answers.replace(own_concerns=tuple(items)))
