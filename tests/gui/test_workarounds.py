"""PySide6 workarounds: the reference-count guard is in force, the import hook answers as upstream (tools/upstream_bugs.py says whether each is still needed)."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QLabel, QPushButton

from decisionaid.gui.workarounds import protect_singletons

CALLS = 1000


class _Emitter(QObject):
    fired = Signal()


class _Overriding(QLabel):
    """A Python override of a C++ virtual that returns nothing, as TextLabel has."""

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)


def test_slot_calls_and_emits_cannot_use_up_none_true_or_false(qapp):
    """At the rate a click or an emit loses references, none of them reaches zero in a lifetime.

    Holds on every CPython: on 3.11 because of our guard, on 3.12+ because the three are
    immortal there (their counts do not move at all).
    """
    protect_singletons()
    button = QPushButton()
    button.clicked.connect(lambda: None)
    emitter = _Emitter()
    emitter.fired.connect(lambda: None)
    label = _Overriding()
    singletons = {"None": None, "True": True, "False": False}
    before = {name: sys.getrefcount(value) for name, value in singletons.items()}
    for number in range(CALLS):
        button.click()
        emitter.fired.emit()
        label.setEnabled(number % 2 == 1)  # a changeEvent
    for name, value in singletons.items():
        left = sys.getrefcount(value)
        lost_per_call = (before[name] - left) / CALLS
        calls_to_zero = left / lost_per_call if lost_per_call > 0 else float("inf")
        assert calls_to_zero > 10**9, (name, before[name], left)


# The app's guard is in force before any widget is built (gui/workarounds.py says why).
GUARD_FIRST = """
import sys
from decisionaid.gui import workarounds
from decisionaid.gui.app import create_application
create_application(["guard"])
print(workarounds._done or sys.version_info >= (3, 12))
"""


def test_the_app_guards_before_it_builds_a_widget():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [sys.executable, "-c", GUARD_FIRST], capture_output=True, text=True, env=env, timeout=60
    )
    assert run.returncode == 0, run.stderr[-500:]
    assert run.stdout.split() == ["True"]


# Clicks several times None's own reference count: without the guard, PySide6 6.12 on
# CPython 3.11 aborts with "Fatal Python error: none_dealloc" long before the end. On 3.12+
# None's count is a fixed immortal marker (2**32 - 1) that no click moves (the test above),
# so four times it would be billions of clicks: a long session's worth stands in for it.
SURVIVAL = """
import sys
from PySide6.QtWidgets import QApplication, QPushButton
from decisionaid.gui.workarounds import protect_singletons
app = QApplication([])
clicks = 4 * sys.getrefcount(None) if sys.version_info < (3, 12) else 100_000
protect_singletons()
button = QPushButton()
button.clicked.connect(lambda: None)
for _ in range(clicks):
    button.click()
print("survived", clicks)
"""


def test_the_app_survives_more_slot_calls_than_none_has_references():
    """Our guard keeps the process alive whatever PySide6 does (tools/upstream_bugs.py tracks it)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [sys.executable, "-c", SURVIVAL], capture_output=True, text=True, env=env, timeout=120
    )
    assert run.returncode == 0, run.stderr[-500:]
    assert run.stdout.startswith("survived")


def test_pyside_import_hook_gets_the_same_answer_from_the_file_for_every_module():
    """read_sources_faster answers as PySide6's own `_mod_uses_pyside` does, module by module."""
    import decisionaid.gui  # noqa: F401  (installs it)
    from decisionaid.gui.workarounds import read_sources_faster

    feature = sys.modules["shibokensupport.feature"]
    ours = feature._mod_uses_pyside
    upstream = ours.__wrapped__
    read_sources_faster()  # a second call wraps nothing twice
    assert feature._mod_uses_pyside is ours
    modules = [m for m in list(sys.modules.values()) if m is not None]
    assert len(modules) > 300
    answers = [(m.__name__, ours(m), upstream(m)) for m in modules]
    assert [a for a in answers if a[1] != a[2]] == []
    # Both kinds of answer are among them: modules that name PySide6 and modules that do not.
    assert {"decisionaid.gui.wizard", "decisionaid.gui.workarounds"} <= {
        name for name, uses, _ in answers if uses
    }
    assert "decisionaid.session" in {name for name, uses, _ in answers if not uses}
