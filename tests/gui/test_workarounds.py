"""The PySide6 reference-count workaround is in force and still needed."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QPushButton

from decisionaid.gui.workarounds import protect_singletons

CLICKS = 200


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal on CPython 3.12+")
def test_none_and_true_keep_a_huge_reference_count_after_the_application_starts(qapp):
    protect_singletons()
    assert sys.getrefcount(None) > 1 << 39
    assert sys.getrefcount(True) > 1 << 39
    assert sys.getrefcount(False) > 1 << 39


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal on CPython 3.12+")
def test_pyside_still_drops_a_reference_to_none_per_slot_call(qtbot):
    """When this fails, PySide6 is fixed: remove gui/workarounds.py."""
    button = QPushButton()
    qtbot.addWidget(button)
    button.clicked.connect(lambda: None)
    before = sys.getrefcount(None)
    for _ in range(CLICKS):
        button.click()
    assert before - sys.getrefcount(None) >= CLICKS - 5
