# SPDX-License-Identifier: GPL-3.0-or-later
"""Report whether the third-party bugs we work around are still there (used by `make test-latest`).

These are facts about other projects, so they are reported here, never asserted in the suite:
a fix upstream must not turn our CI red, it should tell us a workaround can go.
"""

from __future__ import annotations

import sys
from pathlib import Path

# The soak's malloc meter (benchmarks/mallinfo.py), so both read the heap the same way.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from mallinfo import heap_bytes

_CLICKS = 200
_VIEWPORTS = 300


def pyside_drops_none_references() -> bool | None:
    """Whether PySide6 still loses a reference to None per slot call or void override call.

    Either one (a Python slot called from a C++ signal, a Python override of a C++ virtual
    that returns nothing) is reason to keep the guard in gui/workarounds.py.
    """
    if sys.version_info >= (3, 12):
        return None  # None is immortal there: nothing to measure, nothing needed
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication, QLabel, QPushButton

    class Overriding(QLabel):
        def changeEvent(self, event: QEvent) -> None:
            super().changeEvent(event)

    app = QApplication.instance() or QApplication([])
    button = QPushButton()
    button.clicked.connect(lambda: None)
    label = Overriding()

    def toggle() -> None:
        label.setEnabled(not label.isEnabled())  # one changeEvent

    lost = []
    for call in (button.click, toggle):
        before = sys.getrefcount(None)
        for _ in range(_CLICKS):
            call()
        lost.append(before - sys.getrefcount(None))
    del app
    return any(count >= _CLICKS - 5 for count in lost)


def qt_keeps_styles_of_deleted_viewports() -> bool | None:
    """Whether Qt's stylesheet caches keep entries of deleted scroll-area viewports (style.py).

    Measured as the heap that setting the stylesheet again gives back after many scroll
    areas were shown and deleted: about 1.5 KiB each with Qt 6.12, none once fixed.
    """
    if heap_bytes() is None:
        return None
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    sheet = app.styleSheet()
    app.setStyleSheet("QScrollArea { background: white; }")

    def flush() -> None:
        for _ in range(3):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            app.processEvents()

    areas = []
    for _ in range(_VIEWPORTS):  # all alive at once, so that no address is used twice
        area = QScrollArea()
        area.setWidget(QWidget())
        area.resize(40, 40)
        area.show()
        areas.append(area)
    app.processEvents()
    for area in areas:
        area.grab()
        area.deleteLater()
    del areas
    flush()
    before = heap_bytes() or 0
    app.setStyleSheet(app.styleSheet() + " ")
    flush()
    given_back = before - (heap_bytes() or 0)
    app.setStyleSheet(sheet)
    return given_back > 128 * _VIEWPORTS


def babel_writes_a_wrong_arabic_plural_rule() -> bool:
    """Whether `pybabel init -l ar` writes a rule that disagrees with CLDR (babel#816)."""
    import gettext

    from babel.messages.catalog import Catalog

    rule = gettext.c2py(Catalog(locale="ar").plural_expr)
    cldr = {0: 0, 1: 1, 2: 2, 3: 3, 11: 4, 100: 5, 101: 5}  # zero one two few many other
    return any(rule(n) != form for n, form in cldr.items())


def reshaper_fails_on_a_joiner_before_a_final_lam_alef() -> bool:
    """Whether arabic_reshaper raises on "هل <ZWJ>لا" (the WORKAROUND in pdf/rtl.reshape)."""
    import arabic_reshaper

    try:
        arabic_reshaper.reshape("هل \u200dلا")
    except IndexError:
        return True
    return False


def pyside_reads_every_imported_source() -> bool | None:
    """Whether PySide6's import hook still calls inspect.getsource per module (read_sources_faster)."""
    import PySide6.QtCore  # noqa: F401  (loads the hook)

    feature = sys.modules.get("shibokensupport.feature")
    upstream = getattr(feature, "_mod_uses_pyside", None)
    upstream = getattr(upstream, "__wrapped__", upstream)
    if upstream is None:
        return None  # gone: read_sources_faster does nothing and can go
    return "getsource" in upstream.__code__.co_names


def main() -> int:
    """Print one line per known bug; always exit 0."""
    checks = {
        "PySide6 drops a reference to None per slot call or void override (keep gui/workarounds.py)": (
            pyside_drops_none_references()
        ),
        "Qt keeps stylesheet caches of deleted viewports (keep style.refresh_stylesheet)": (
            qt_keeps_styles_of_deleted_viewports()
        ),
        "Babel writes a non-CLDR Arabic Plural-Forms (decisionaid check catches it)": (
            babel_writes_a_wrong_arabic_plural_rule()
        ),
        "arabic_reshaper fails on a joiner before a final lam-alef (keep rtl.reshape's)": (
            reshaper_fails_on_a_joiner_before_a_final_lam_alef()
        ),
        "PySide6's import hook reads every module's source (keep read_sources_faster)": (
            pyside_reads_every_imported_source()
        ),
    }
    for what, present in checks.items():
        state = {True: "still present", False: "FIXED upstream", None: "not applicable"}[present]
        print(f"  {state:15} {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
