# SPDX-License-Identifier: GPL-3.0-or-later
"""Report whether the third-party bugs we work around are still there (used by `make test-latest`).

These are facts about other projects, so they are reported here, never asserted in the suite:
a fix upstream must not turn our CI red, it should tell us a workaround can go.
"""

from __future__ import annotations

import sys

_CLICKS = 200


def pyside_drops_none_references() -> bool | None:
    """Whether PySide6 still loses a reference to None per slot call (gui/workarounds.py)."""
    if sys.version_info >= (3, 12):
        return None  # None is immortal there: nothing to measure, nothing needed
    from PySide6.QtWidgets import QApplication, QPushButton

    app = QApplication.instance() or QApplication([])
    button = QPushButton()
    button.clicked.connect(lambda: None)
    before = sys.getrefcount(None)
    for _ in range(_CLICKS):
        button.click()
    lost = before - sys.getrefcount(None)
    del button, app
    return lost >= _CLICKS - 5


def babel_writes_a_wrong_arabic_plural_rule() -> bool:
    """Whether `pybabel init -l ar` writes a rule that disagrees with CLDR (babel#816)."""
    import gettext

    from babel.messages.catalog import Catalog

    rule = gettext.c2py(Catalog(locale="ar").plural_expr)
    cldr = {0: 0, 1: 1, 2: 2, 3: 3, 11: 4, 100: 5, 101: 5}  # zero one two few many other
    return any(rule(n) != form for n, form in cldr.items())


def main() -> int:
    """Print one line per known bug; always exit 0."""
    checks = {
        "PySide6 drops a reference to None per slot call (keep gui/workarounds.py)": (
            pyside_drops_none_references()
        ),
        "Babel writes a non-CLDR Arabic Plural-Forms (decisionaid check catches it)": (
            babel_writes_a_wrong_arabic_plural_rule()
        ),
    }
    for what, present in checks.items():
        state = {True: "still present", False: "FIXED upstream", None: "not applicable"}[present]
        print(f"  {state:15} {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
