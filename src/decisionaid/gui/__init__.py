# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The graphical interface: the only package that imports PySide6.

Importing it pauses Python's cycle collector until `decisionaid.gui.app.create_application`
has made the application (`resume_collector`). Importing Qt and our modules makes some
35 000 objects that live as long as the process (modules, classes, Qt's enum classes); the
collector scanned them about 60 times before the first page was on screen (≈ 8 ms of CPU).
On resuming they are frozen (`gc.freeze`), so later collections skip them too. No session
or page exists yet then: nothing a person enters is ever frozen.
"""

from __future__ import annotations

import gc

_paused = gc.isenabled()
gc.disable()


def resume_collector() -> None:
    """Freeze what start-up made and let the cycle collector run again (once)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
