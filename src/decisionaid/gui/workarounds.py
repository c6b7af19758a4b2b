# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Workarounds for bugs in the Qt bindings we depend on; each says what and how to check it."""

from __future__ import annotations

import ctypes
import sys
from types import ModuleType
from typing import Final

import PySide6.QtCore  # noqa: F401  (loads shibokensupport, whose hook read_sources_faster eases)

# Large enough that the leak below can never use it up (one per click, for centuries),
# small enough to stay far from the Py_ssize_t limit.
_EXTRA_REFERENCES: Final = 1 << 40
_done = False


def protect_singletons() -> None:
    """Keep None, True and False alive despite PySide6 6.12's reference-count leak.

    WORKAROUND for a PySide6 6.12.0 bug (seen with the PyPI wheels on CPython 3.11, not yet
    filed upstream): every call of a Python slot from a C++ signal, and of a Python override
    of a C++ virtual that returns nothing (`changeEvent`), drops one reference to None, and
    every `SignalInstance.emit()` from Python drops one reference to True. On CPython < 3.12
    these objects are not immortal, so after a few thousand clicks the interpreter aborts with
    "Fatal Python error: none_dealloc" (or bool_dealloc). Building the pages makes thousands of
    such calls while None has about 6,000 references, so this runs before any widget exists
    (it cannot wait for the first paint to spare its 1.8 ms of ctypes). Check with
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


def read_sources_faster() -> None:
    """Make PySide6's import hook read each newly imported module's file as bytes.

    WORKAROUND for a cost in PySide6 6.12's `__feature__` support: after PySide6 is imported,
    every module imported for the first time has its source fetched with
    `inspect.getsource()` (tokenised, decoded, joined) to see whether it contains "PySide6".
    That cost the first page about 6 ms (some 60 modules, the standard library's included)
    and the PDF stack and later pages about 20 ms more (250 modules). Searching the `.py`
    file's bytes for b"PySide6" gives the same answer (a test compares both for every loaded
    module); anything else goes to PySide6's own function. Does nothing if PySide6 no longer
    has that function; tools/upstream_bugs.py reports whether it still reads sources so.
    """
    feature = sys.modules.get("shibokensupport.feature")
    upstream = getattr(feature, "_mod_uses_pyside", None)
    if upstream is None or getattr(upstream, "__wrapped__", None) is not None:
        return

    def mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(upstream(module))
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(upstream(module))

    mod_uses_pyside.__wrapped__ = upstream  # type: ignore[attr-defined]
    feature._mod_uses_pyside = mod_uses_pyside  # type: ignore[union-attr]
