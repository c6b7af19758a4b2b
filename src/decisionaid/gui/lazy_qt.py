# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""`Qt`, Qt's namespace of enums, made by PySide6 only when one of its names is first used.

The first time any enum of the `Qt` namespace reaches Python (named, returned by a method,
or weighed by PySide6 for an overload), PySide6 builds all 117 of its enum classes: about
12 ms, 8 % of a cold start, spent in Python's enum module. The first page is built and
painted without any (tests/unit/test_content_cache.py checks it): modules on that path name
`Qt` through this object, so that event handlers and later pages build it when first used,
which the wizard does with the work after the first paint. What the first page itself sets
goes through the plain ints below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, Qt
else:

    class _Namespace:
        """Looks names up on PySide6's `Qt` on first use, then keeps them as attributes."""

        def __getattr__(self, name: str) -> Any:
            from PySide6.QtCore import Qt

            value = getattr(Qt, name)
            setattr(self, name, value)
            return value

    Qt = _Namespace()

# Values from Qt's namespace that the first page passes where Qt's API takes a plain int (text
# and alignment flags) or sets through QObject.setProperty (which converts an int to the
# property's enum). tests/gui/test_lazy_qt.py compares each with PySide6's own enum.
ALIGN_LEADING = 0x0001  # Qt.AlignmentFlag.AlignLeading: left, or right in right-to-left
ALIGN_HCENTER = 0x0004  # Qt.AlignmentFlag.AlignHCenter
ALIGN_TOP = 0x0020  # Qt.AlignmentFlag.AlignTop
ALIGN_VCENTER = 0x0080  # Qt.AlignmentFlag.AlignVCenter
TEXT_SHOW_MNEMONIC = 0x0800  # Qt.TextFlag.TextShowMnemonic
TEXT_WORD_WRAP = 0x1000  # Qt.TextFlag.TextWordWrap
PLAIN_TEXT = 0  # Qt.TextFormat.PlainText
NO_TEXT_INTERACTION = 0  # Qt.TextInteractionFlag.NoTextInteraction
SCROLL_BAR_ALWAYS_OFF = 1  # Qt.ScrollBarPolicy.ScrollBarAlwaysOff
NO_FOCUS = 0  # Qt.FocusPolicy.NoFocus
CLICK_FOCUS = 2  # Qt.FocusPolicy.ClickFocus
LEFT_TO_RIGHT = 0  # Qt.LayoutDirection.LeftToRight
RIGHT_TO_LEFT = 1  # Qt.LayoutDirection.RightToLeft


def set_enum(target: QObject, name: str, value: int) -> None:
    """Set the enum property `name` to `value` through Qt's meta-object system.

    Qt converts the int to the property's enum; a name that is not a writable property of
    `target` raises instead of failing silently, as setProperty alone would.
    """
    if not target.setProperty(name, value):
        raise AttributeError(f"{type(target).__name__} has no enum property {name!r}")


def set_direction(target: QObject, rtl: bool) -> None:
    """Lay `target` (a widget, or the application) out right to left if `rtl`, else left to right."""
    set_enum(target, "layoutDirection", RIGHT_TO_LEFT if rtl else LEFT_TO_RIGHT)


__all__ = [
    "ALIGN_HCENTER",
    "ALIGN_LEADING",
    "ALIGN_TOP",
    "ALIGN_VCENTER",
    "CLICK_FOCUS",
    "LEFT_TO_RIGHT",
    "NO_FOCUS",
    "NO_TEXT_INTERACTION",
    "PLAIN_TEXT",
    "RIGHT_TO_LEFT",
    "SCROLL_BAR_ALWAYS_OFF",
    "TEXT_SHOW_MNEMONIC",
    "TEXT_WORD_WRAP",
    "Qt",
    "set_direction",
    "set_enum",
]
