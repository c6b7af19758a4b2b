# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Step 6: what is not known yet about CAR-T for the person's condition."""

from __future__ import annotations

from decisionaid.gui.pages.facts import FactsPage
from decisionaid.i18n import N_


class UnknownsPage(FactsPage):
    """The open questions no study has answered yet (C5)."""

    TITLE = N_("Not known yet")
    KIND = "unknown"
    INTRO = N_(
        "CAR-T for autoimmune disease is new. These are things nobody can tell you yet, "
        "because the studies are small or short."
    )
