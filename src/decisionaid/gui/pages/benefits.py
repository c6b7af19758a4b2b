# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Step 4: possible benefits, in the same format as the risks."""

from __future__ import annotations

from decisionaid.gui.pages.facts import FactsPage
from decisionaid.i18n import N_


class BenefitsPage(FactsPage):
    """What may go well, for the person's condition (Q4)."""

    TITLE = N_("Possible benefits")
    KIND = "benefit"
    INTRO = N_(
        "What may go well with each choice. Each number says how many people it happened to, "
        "who they were and for how long they were followed."
    )
