# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Step 5: possible risks and side effects, in the same format as the benefits."""

from __future__ import annotations

from decisionaid.gui.pages.facts import FactsPage
from decisionaid.i18n import N_


class RisksPage(FactsPage):
    """What may go wrong, for the person's condition (Q5)."""

    TITLE = N_("Possible risks")
    KIND = "risk"
    INTRO = N_(
        "What may go wrong with each choice. Each number says how many people it happened to, "
        "who they were and for how long they were followed."
    )
