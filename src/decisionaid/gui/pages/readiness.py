# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Step 9: practical readiness, answered yes / not sure / no; optional."""

from __future__ import annotations

from decisionaid.answers import READINESS_VALUES
from decisionaid.gui.pages import Page
from decisionaid.gui.widgets.choices import SegmentedChoice
from decisionaid.gui.widgets.layout import Card
from decisionaid.gui.widgets.text import heading, label
from decisionaid.i18n import N_, _


def readiness_words() -> dict[str, str]:
    """Button texts for the readiness answers, in the active language."""
    # TRANSLATORS: answers to a practical question such as "Could someone stay with you for 2 weeks?".
    return {"yes": _("Yes"), "unsure": _("Not sure"), "no": _("No")}


class ReadinessPage(Page):
    """Practical matters (carer, travel, time off) that a trial would need; never blocks Next."""

    TITLE = N_("Practical matters")
    JUMP_LIST = True

    def build(self) -> None:
        """A scale for each readiness statement."""
        words = readiness_words()
        self.scales: dict[str, SegmentedChoice] = {}

        # Layout
        self.body.addWidget(
            label(
                _(
                    "A trial asks a lot of you and the people around you. These questions help "
                    "you see what you may need to sort out. You can skip any of them."
                )
            )
        )
        for item in self.content.readiness:
            card = Card()
            title = heading(item.prompt, 3)
            card.add(title)
            card.add(label(item.help, "small"))
            scale = SegmentedChoice(
                item.prompt, [(value, words[value], words[value]) for value in READINESS_VALUES]
            )
            scale.chosen.connect(lambda value, rid=item.id: self._on_scale_chosen(rid, value))
            title.setBuddy(scale.buttons[READINESS_VALUES[0]])
            self.scales[item.id] = scale
            card.add(scale)
            self.body.addWidget(card)
        self.body.addStretch(1)

    def initializePage(self) -> None:
        """Show stored answers."""
        for rid, scale in self.scales.items():
            scale.set_value(self.answers.readiness.get(rid))
        super().initializePage()

    def _on_scale_chosen(self, item_id: str, value: str) -> None:
        self.set_answers(self.answers.with_readiness(item_id, value))
