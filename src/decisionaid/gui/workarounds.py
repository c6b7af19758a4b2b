# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Workarounds for bugs in the Qt bindings we depend on; each says what and how to check it."""

from __future__ import annotations

import ctypes
import sys
from typing import Final

# Large enough that the leak below can never use it up (one per click, for centuries),
# small enough to stay far from the Py_ssize_t limit.
_EXTRA_REFERENCES: Final = 1 << 40
_done = False


def protect_singletons() -> None:
    """Keep None, True and False alive despite PySide6 6.12's reference-count leak.

    WORKAROUND for a PySide6 6.12.0 bug (seen with the PyPI wheels on CPython 3.11, not yet
    filed upstream): every call of a Python slot from a C++ signal drops one reference to
    None, and every `SignalInstance.emit()` from Python drops one reference to True. On
    CPython < 3.12 these objects are not immortal, so after a few thousand clicks the
    interpreter aborts with "Fatal Python error: none_dealloc" (or bool_dealloc). Check with
    tests/gui/test_workarounds.py; remove this when that test passes without it.
    CPython 3.12+ makes these objects immortal, so nothing is needed there.
    """
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        refcount.value += _EXTRA_REFERENCES
    _done = True
