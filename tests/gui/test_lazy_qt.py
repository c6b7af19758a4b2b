# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""gui.lazy_qt: the first page's plain-int stand-ins for Qt's enums are Qt's own values."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

from decisionaid.gui import lazy_qt


def test_each_value_is_qts_own() -> None:
    assert Qt.AlignmentFlag.AlignLeading.value == lazy_qt.ALIGN_LEADING
    assert Qt.AlignmentFlag.AlignHCenter.value == lazy_qt.ALIGN_HCENTER
    assert Qt.AlignmentFlag.AlignVCenter.value == lazy_qt.ALIGN_VCENTER
    assert Qt.AlignmentFlag.AlignTop.value == lazy_qt.ALIGN_TOP
    assert Qt.TextFlag.TextShowMnemonic.value == lazy_qt.TEXT_SHOW_MNEMONIC
    assert Qt.TextFlag.TextWordWrap.value == lazy_qt.TEXT_WORD_WRAP
    assert Qt.TextFormat.PlainText.value == lazy_qt.PLAIN_TEXT
    assert Qt.TextInteractionFlag.NoTextInteraction.value == lazy_qt.NO_TEXT_INTERACTION
    assert Qt.ScrollBarPolicy.ScrollBarAlwaysOff.value == lazy_qt.SCROLL_BAR_ALWAYS_OFF
    assert Qt.FocusPolicy.NoFocus.value == lazy_qt.NO_FOCUS
    assert Qt.FocusPolicy.ClickFocus.value == lazy_qt.CLICK_FOCUS
    assert Qt.LayoutDirection.LeftToRight.value == lazy_qt.LEFT_TO_RIGHT
    assert Qt.LayoutDirection.RightToLeft.value == lazy_qt.RIGHT_TO_LEFT


def test_the_lazy_namespace_is_qts() -> None:
    assert lazy_qt.Qt.FocusReason.OtherFocusReason is Qt.FocusReason.OtherFocusReason
    assert lazy_qt.Qt.Key is Qt.Key


def test_set_enum_sets_the_property_qt_reads_back(qapp) -> None:
    label, area, widget = QLabel("x"), QScrollArea(), QWidget()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    lazy_qt.set_enum(label, "textFormat", lazy_qt.PLAIN_TEXT)
    lazy_qt.set_enum(label, "textInteractionFlags", lazy_qt.NO_TEXT_INTERACTION)
    lazy_qt.set_enum(area, "horizontalScrollBarPolicy", lazy_qt.SCROLL_BAR_ALWAYS_OFF)
    lazy_qt.set_enum(widget, "focusPolicy", lazy_qt.CLICK_FOCUS)
    lazy_qt.set_enum(widget, "layoutDirection", lazy_qt.RIGHT_TO_LEFT)
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
    assert area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert widget.focusPolicy() == Qt.FocusPolicy.ClickFocus
    assert widget.isRightToLeft()
    lazy_qt.set_direction(widget, False)
    assert not widget.isRightToLeft()
    lazy_qt.set_direction(widget, True)
    assert widget.isRightToLeft()


def test_set_enum_refuses_a_name_that_is_no_property(qapp) -> None:
    widget = QWidget()
    with pytest.raises(AttributeError, match="focusPolicee"):
        lazy_qt.set_enum(widget, "focusPolicee", lazy_qt.CLICK_FOCUS)
