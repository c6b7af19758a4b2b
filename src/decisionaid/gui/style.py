# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The look of the interface in one place: font, colours, spacing, themes and text size."""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final, NamedTuple

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont, QFontDatabase, QPixmapCache
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QWidget,
)

from decisionaid import paths
from decisionaid.gui.lazy_qt import Qt
from decisionaid.palette import HIGH_CONTRAST, NORMAL, Theme

log = logging.getLogger(__name__)

FONT_FAMILIES: Final = ["Noto Sans", "Noto Sans Arabic"]
BODY_POINTS: Final = 14
TOUCH: Final = 48  # px: minimum height of anything a finger presses (WCAG 2.5.5 asks 44)
SPACING: Final = 16
TEXT_SIZES: Final = (100, 150, 200)  # percent of the normal text size a person can choose


class Appearance(NamedTuple):
    """What a person chose for this session: text size in percent and the theme (see `Cover`)."""

    text_size: int = 100
    high_contrast: bool = False

    @property
    def scale(self) -> float:
        """The text size as a factor (1.0, 1.5, 2.0)."""
        return self.text_size / 100

    @property
    def theme(self) -> Theme:
        """The colours to use."""
        return HIGH_CONTRAST if self.high_contrast else NORMAL


DEFAULT_APPEARANCE: Final = Appearance()
_current = DEFAULT_APPEARANCE


def current_appearance() -> Appearance:
    """The text size and theme in use now."""
    return _current


def stylesheet(high_contrast: bool = False) -> str:
    """The stylesheet of a theme, for every text size (sizes in points, never pixels).

    Fonts are not in it: the text size reaches each widget as its font (see `scope`), so a
    change of size re-polishes nothing. What else grows with the text (a button's height, a
    tick box) has a rule for each size, chosen by the `textSize` property of its scope.
    """
    t = HIGH_CONTRAST if high_contrast else NORMAL
    # Nothing moves when high contrast comes either: its borders are `x` px thicker, and the
    # padding inside them `x` px thinner (or, with no padding to give, the normal theme's
    # border has `room` px of padding inside it). Every box keeps its size and its contents
    # their width, so the text is not laid out again (tests/gui/test_accessibility.py).
    x = t.border - NORMAL.border
    room = _BORDER_ROOM - t.border
    focus_room = _FOCUS_ROOM - t.focus_border
    return _STYLESHEET.format(
        t=t,
        b=t.border,
        b0=t.border - 1,
        b1=t.border + 1,
        f=t.focus_border,
        ff=2 * t.focus_border,
        room=room,
        focus_room=focus_room,
        # Border + padding stay as wide focused as not, so nothing moves when the ring comes
        # (and a button measured while it has the focus is no bigger than one that is not).
        pad_v=_FOCUS_ROOM - t.border,
        pad_button_focus=t.border + 18 - x - t.focus_border,
        pad_primary=max(0, t.border + 18 - 2 * t.focus_border - x),
        pad_segment=max(0, t.border + 1 + 8 - 2 * t.focus_border - x),
        pad_hint=max(0, t.border - 1 + 8 - t.focus_border - x),
        pad_hint_side=max(0, t.border - 1 + 12 - t.focus_border - x),
        bar=8 - 2 * x,
        touch=TOUCH,
        tick=(paths.icons_dir() / "check.svg").as_posix(),
        entry_height=TOUCH - 16,
        **_sized(TEXT_SIZES[0], x, t.border),
        **{f"p{pixels}": pixels - x for pixels in _PADDINGS},
    ) + "".join(_sized_rules(size, x, t.border) for size in TEXT_SIZES[1:])


def _sized(text_size: int, x: int, border: int) -> dict[str, int]:
    """The sizes in the stylesheet that follow the text size (`x`: see `stylesheet`)."""
    scale = text_size / 100
    # Tall enough for one line of text at any size (the line height is about 1.9 x points).
    button_height = max(TOUCH - 4, math.ceil(1.95 * BODY_POINTS * scale))
    indicator = round(26 * min(scale, 1.5)) - 2 * x
    return {
        "button_height": button_height,
        # The minimum height inside a button's border and padding, which take _FOCUS_ROOM px
        # above and below (so the ring fits in them), for `button_height` + 3 px each outside.
        "button_min": button_height - 2 * (_FOCUS_ROOM - NORMAL.border - 2),
        "segment_height": button_height + 4,
        "indicator": indicator,
        "indicator_radius": round(indicator / 2) + border + x,
    }


def _sized_rules(text_size: int, x: int, border: int) -> str:
    """The rules for a text size, where its sizes differ from the normal size's.

    Each rule names the scope's property both on an ancestor and on the widget itself (a
    button of the wizard's frame is a scope of its own).
    """
    sized, normal = _sized(text_size, x, border), _sized(TEXT_SIZES[0], x, border)

    def rule(selectors: tuple[str, ...], body: str) -> str:
        at = f'[textSize="{text_size}"]'
        chosen = [f"*{at} {s}" for s in selectors]
        chosen += [s.replace("::", f"{at}::") if "::" in s else s + at for s in selectors]
        return f"{', '.join(chosen)} {{ {body} }}\n"

    rules = ""
    if sized["button_height"] != normal["button_height"]:
        # As specific as each rule above it that sets a minimum height, and later.
        rules += rule(("QPushButton",), f"min-height: {sized['button_min']}px;")
        rules += rule(('QPushButton[role="link"]',), f"min-height: {sized['button_height']}px;")
        rules += rule(('QPushButton[role="segment"]',), f"min-height: {sized['segment_height']}px;")
    if sized["indicator"] != normal["indicator"]:
        side = sized["indicator"]
        rules += rule(
            ("QRadioButton::indicator", "QCheckBox::indicator"),
            f"width: {side}px; height: {side}px;",
        )
        rules += rule(
            ("QRadioButton::indicator",), f"border-radius: {sized['indicator_radius']}px;"
        )
    return rules


# The widest border and focus ring of the two themes (see `room` above).
_BORDER_ROOM: Final = max(NORMAL.border, HIGH_CONTRAST.border)
_FOCUS_ROOM: Final = max(NORMAL.focus_border, HIGH_CONTRAST.focus_border)


# Filled in by stylesheet(): {t.<colour>} from the theme, {pN} N px of padding less what
# high contrast's borders add, {b} and {f} the border and focus-ring widths, the sizes of
# `_sized` at the normal text size; braces of the rules are doubled.
_PADDINGS: Final = (2, 4, 6, 8, 10, 12, 18)
_STYLESHEET: Final = """
QDialog {{ background: {t.paper}; }}
QWidget {{ color: {t.ink}; }}
QScrollArea, QScrollArea > QWidget > QWidget#pageBody {{ background: {t.paper}; border: none; }}
QScrollArea#sidePanel, QScrollArea#sidePanel > QWidget > QWidget {{
    background: {t.card}; border: none; padding: 0px;
}}
/* The ring is as wide unfocused (transparent): Qt sizes a scroll area's frame only when it
   polishes it, so a ring that came only with focus was half hidden under the page. */
QScrollArea {{ border: {f}px solid transparent; border-radius: 4px; padding: {focus_room}px; }}
QScrollArea:focus {{ border-color: {t.focus}; }}
QFrame#card {{
    background: {t.card}; border: {b}px solid {t.line}; border-radius: 12px; padding: {room}px;
}}
QFrame#warning {{
    background: {t.warning_bg}; border: {b1}px solid {t.warning_line}; border-radius: 12px;
    padding: {room}px;
}}
QFrame#stepList {{
    background: {t.card}; border: none; border-right: {b}px solid {t.line};
    padding-right: {room}px;
}}
QFrame#stepList[rtl="true"] {{
    border-right: none; border-left: {b}px solid {t.line}; padding-right: 0px;
    padding-left: {room}px;
}}
QFrame#rule {{
    border: none; border-top: {b}px solid {t.line}; padding-top: {room}px;
    max-height: 0px; min-height: 0px;
}}
QLabel[role="h1"], QLabel[role="h2"], QLabel[role="h3"] {{ font-weight: 600; }}
QLabel[role="small"] {{ color: {t.muted}; }}
QLabel[role="hint"] {{
    color: {t.accent_dark}; background: {t.accent_soft};
    border: {b0}px solid {t.line}; border-radius: 8px; padding: {p8}px {p12}px;
}}
/* "Skip to the Next button" lands on the hint while Next is blocked: a ring, nothing moves. */
QLabel[role="hint"]:focus {{
    border: {f}px solid {t.focus}; padding: {pad_hint}px {pad_hint_side}px;
}}
/* A heading the jump list moved the keyboard to: its border stays transparent until then. */
QLabel[jumpTarget="true"] {{
    border: {f}px solid transparent; border-radius: 4px; padding: {focus_room}px {p4}px;
}}
QLabel[jumpTarget="true"]:focus {{ border-color: {t.focus}; }}
QLabel[role="status"] {{
    padding: {p8}px {p12}px; border-radius: 8px; border: {b0}px solid {t.line};
}}
QLabel[role="status"][tone="good"] {{ background: {t.accent_soft}; color: {t.accent_dark}; }}
QLabel[role="status"][tone="bad"] {{ background: {t.warning_bg}; color: {t.warning_ink}; }}
/* Its weight said even when normal: a step's font, set in code at each text size, keeps the
   weight it had then (gui/style.py scope), and the next step to be current must lose it. */
QLabel[role="step"] {{
    font-weight: 400; color: {t.muted}; padding: 4px 8px; border-radius: 6px;
}}
QLabel[role="step"][current="true"] {{
    color: {t.on_accent}; background: {t.accent}; font-weight: 700;
}}
QLabel[role="step"][done="true"] {{ color: {t.ink}; }}
QLabel[role="progress"] {{ font-weight: 600; color: {t.accent_dark}; }}
QProgressBar {{
    border: {b}px solid {t.control_line}; background: {t.accent_soft}; border-radius: 4px;
    max-height: {bar}px;
}}
QProgressBar::chunk {{ background: {t.accent}; border-radius: 4px; }}
QPushButton {{
    min-height: {button_min}px; padding: {pad_v}px {p18}px; border-radius: 8px;
    border: {b}px solid {t.control_line}; background: {t.card};
}}
QPushButton:hover {{ border-color: {t.accent}; }}
QPushButton:checked {{
    background: {t.accent}; color: {t.on_accent}; border: {b1}px solid {t.accent_dark};
    font-weight: 700;
}}
QPushButton:disabled {{
    color: {t.disabled_ink}; background: {t.disabled_bg}; border: {b}px dashed {t.disabled_ink};
}}
QPushButton[role="primary"] {{
    background: {t.accent}; color: {t.on_accent}; border: {b}px solid {t.accent_dark};
    font-weight: 600;
}}
QPushButton[role="primary"]:disabled {{
    background: {t.disabled_bg}; color: {t.disabled_ink}; border: {b}px dashed {t.disabled_ink};
}}
QPushButton[role="link"] {{
    min-height: {button_height}px; border: {b}px solid transparent; background: transparent;
    color: {t.accent}; text-decoration: underline; padding: {p2}px {p4}px;
}}
QPushButton[role="segment"] {{
    min-width: 44px; min-height: {segment_height}px; padding: {p2}px {p8}px;
}}
QPushButton:focus, QPushButton[role="link"]:focus, QPushButton[role="primary"]:focus {{
    border: {f}px solid {t.focus};
}}
/* The ring takes its padding's place, so a button measured while it has the focus (A+ as
   the text grows) is no bigger than its neighbours; a link and a segment keep theirs. */
QPushButton:focus {{ padding: {focus_room}px {pad_button_focus}px; }}
QPushButton[role="link"]:focus {{ padding: {p2}px {p4}px; }}
QPushButton[role="segment"]:focus {{ padding: {p2}px {p8}px; }}
/* A filled button's ring: two lines of the focus colour with the paper between them, so it
   stands out from the fill and from the page alike (one line of black on dark blue did not). */
QPushButton:checked:focus, QPushButton[role="primary"]:focus {{
    border: {ff}px double {t.focus}; background-clip: padding;
}}
QPushButton[role="primary"]:focus {{ padding: 0px {pad_primary}px; }}
QPushButton[role="segment"]:checked:focus {{ padding: 0px {pad_segment}px; }}
QRadioButton, QCheckBox {{ min-height: {touch}px; spacing: 12px; }}
QRadioButton::indicator, QCheckBox::indicator {{
    width: {indicator}px;
    height: {indicator}px;
    border: {b1}px solid {t.control_line}; background: {t.card};
}}
QRadioButton::indicator {{ border-radius: {indicator_radius}px; }}
QCheckBox::indicator {{ border-radius: 4px; }}
QRadioButton::indicator:checked {{
    background: qradialgradient(cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5,
        stop: 0 {t.accent}, stop: 0.55 {t.accent}, stop: 0.6 {t.card}, stop: 1 {t.card});
    border-color: {t.accent};
}}
QCheckBox::indicator:checked {{
    background: {t.accent}; border-color: {t.accent}; image: url("{tick}");
}}
QLineEdit, QPlainTextEdit {{
    background: {t.card}; border: {b}px solid {t.control_line}; border-radius: 8px;
    padding: {p6}px {p10}px;
    min-height: {entry_height}px;
}}
QLineEdit:focus, QPlainTextEdit:focus {{ border: {f}px solid {t.focus}; }}
QWidget#choiceRow {{ border-radius: 8px; border: {f}px solid transparent; padding: {focus_room}px; }}
QWidget#choiceRow:hover {{ background: {t.accent_soft}; }}
QWidget#choiceRow[focused="true"] {{ border: {f}px solid {t.focus}; }}
QLabel[checked="true"] {{ font-weight: 700; }}
QFrame#displaySettings {{
    background: {t.card}; border: none; border-top: {b}px solid {t.line}; padding-top: {room}px;
}}
"""


STYLESHEET: Final = stylesheet()


def load_fonts(directory: Path | None = None) -> list[str]:
    """Register the bundled fonts; returns the families found (none if the folder is empty)."""
    folder = directory or paths.fonts_dir()
    families: list[str] = []
    if not folder.is_dir():
        log.info("No bundled fonts in %s; using the system fonts", folder)
        return families
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in {".ttf", ".otf"}:
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("Could not load the font %s", path)
            continue
        families += QFontDatabase.applicationFontFamilies(font_id)
    return families


def body_font(appearance: Appearance = DEFAULT_APPEARANCE) -> QFont:
    """The one application font, in points, with fallbacks for other scripts."""
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSize(round(BODY_POINTS * appearance.scale))
    return font


# Points of the text of a label's role (`text.label`) at the normal size; others are body text.
ROLE_POINTS: Final = {
    "h1": 21,
    "h2": 17,
    "h3": 15,
    "small": 12,
    "hint": 13,
    "step": 12,
    "progress": 13,
}


def role_font(role: object) -> QFont | None:
    """The font of a label's role at the current text size (its size only), or None."""
    points = ROLE_POINTS.get(role) if isinstance(role, str) else None
    if points is None:
        return None
    font = QFont()
    font.setPointSize(round(points * _current.scale))
    return font


def apply_style(app: QApplication) -> None:
    """Fonts and stylesheet for the whole application (at the current appearance)."""
    load_fonts()
    app.setFont(body_font(_current))
    app.setStyleSheet(_sheet(_current.high_contrast))


def set_appearance(appearance: Appearance) -> None:
    """Switch every window to a text size and theme; kept until a reset.

    The application's stylesheet stays as it is: changing it makes Qt re-polish every
    widget alive, each once per ancestor (0.8 s late in a walk). Each window is restyled
    through `scope()` instead: the wizard its visible parts now and its hidden pages while
    the person reads (`DecisionWizard.restyle`), any other visible window whole.
    """
    global _current
    if appearance.text_size not in TEXT_SIZES:
        raise ValueError(f"text size must be one of {TEXT_SIZES}")
    if appearance == _current:
        return
    _current = appearance
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    app.setFont(body_font(appearance))
    for window in app.topLevelWidgets():
        restyle = getattr(window, "restyle", None)
        if callable(restyle):
            restyle()
        elif window.isVisible():
            scope(window)


def reset_appearance() -> None:
    """Back to normal text and colours (a kiosk reset: the next person starts afresh)."""
    set_appearance(DEFAULT_APPEARANCE)


_sheets: dict[bool, str] = {False: STYLESHEET}


def _sheet(high_contrast: bool) -> str:
    """stylesheet(high_contrast), made once per theme."""
    sheet = _sheets.get(high_contrast)
    if sheet is None:
        sheet = _sheets[high_contrast] = stylesheet(high_contrast)
    return sheet


def scope(widget: QWidget) -> None:
    """Style `widget` and everything in it at the current appearance, if it is not already.

    A scope carries the current theme's stylesheet itself while the application's differs
    (see `set_appearance`), and none once they agree again; setting it re-polishes only the
    widgets inside, each once. A new text size re-polishes nothing but what has a rule for
    it (`_sized_rules`): it reaches every widget inside as its font, set once on the scope
    and on each label with a role of its own.
    """
    sheet, size = _scope_sheet(), _current.text_size
    shown = _shown_size(widget)
    new_sheet, new_size = widget.styleSheet() != sheet, shown != size
    if not (new_sheet or new_size):
        return
    if new_size:  # before a new sheet polishes the widgets inside: its rules read it
        widget.setProperty("textSize", size)
    if new_sheet:
        widget.setStyleSheet(sheet)
    with _fonts_passed_on():
        if new_size:
            font = QFont(widget.font())  # its weight too (a primary button is a scope)
            font.setPointSize(round(BODY_POINTS * _current.scale))
            widget.setFont(font)
        # After a new sheet as well: a polish gives each label back the size it was made
        # with. The weight is the stylesheet's, as it is now: a font set here is the label's
        # own. A label already at its size is left alone, or it would be laid out again.
        for label in [widget, *widget.findChildren(QLabel)]:
            role = role_font(label.property("role"))
            if role is not None and role.pointSize() != label.font().pointSize():
                role.setWeight(label.font().weight())
                label.setFont(role)
    if new_size and not new_sheet:
        _polish_sized(widget, shown, size)


def _shown_size(widget: QWidget) -> int:
    """The text size a scope was last styled at (a widget never styled: the normal size)."""
    shown = widget.property("textSize")
    return shown if isinstance(shown, int) else TEXT_SIZES[0]


def _polish_sized(widget: QWidget, before: int, after: int) -> None:
    """Re-polish, in `widget`, the widgets whose rules differ between two text sizes."""
    was, now = _sized(before, 0, 0), _sized(after, 0, 0)
    kinds: tuple[type[QWidget], ...] = ()
    if was["button_height"] != now["button_height"]:
        kinds += (QPushButton,)
    if was["indicator"] != now["indicator"]:
        kinds += (QRadioButton, QCheckBox)
    for kind in kinds:
        found = widget.findChildren(kind)
        for each in [widget, *found] if isinstance(widget, kind) else found:
            repolish(each)
            QApplication.sendEvent(each, QEvent(QEvent.Type.StyleChange))


@contextmanager
def _fonts_passed_on() -> Iterator[None]:
    """Let a font set now reach the widgets inside, styled ones too, then stop.

    Under a stylesheet Qt passes a font on only to unstyled widgets unless this attribute is
    set; set for good, it passes palettes on too, and the paper under the pages would turn
    the colour of the frame that holds them. Named here, not at import: it builds the enums
    of Qt's namespace (gui/lazy_qt.py), which the first page is shown without.
    """
    attribute = Qt.ApplicationAttribute.AA_UseStyleSheetPropagationInWidgetStyles
    QApplication.setAttribute(attribute, True)
    try:
        yield
    finally:
        QApplication.setAttribute(attribute, False)


def _scope_sheet() -> str:
    """The stylesheet a scope carries now: the theme's while the application's differs."""
    app = QApplication.instance()
    wanted = _sheet(_current.high_contrast)
    return wanted if not isinstance(app, QApplication) or app.styleSheet() != wanted else ""


def theme_diverged() -> bool:
    """Whether the application's stylesheet is not the current theme's (see `scope`)."""
    return bool(_scope_sheet())


def diverged() -> bool:
    """Whether windows need scoping to show the current appearance (see `scope`)."""
    return _current.text_size != TEXT_SIZES[0] or theme_diverged()


def is_styled(widget: QWidget) -> bool:
    """Whether `widget`, a scope, shows the current appearance."""
    return widget.styleSheet() == _scope_sheet() and _shown_size(widget) == _current.text_size


def refresh_stylesheet() -> None:
    """Set the application stylesheet again, so that Qt forgets what it cached for dead widgets.

    It is set at the current appearance, which ends the scopes' need to carry their own.

    WORKAROUND for Qt 6.12 (QStyleSheetStyle): its per-widget caches of style rules are keyed
    by the widget's address and emptied when the widget is deleted, except for the viewport
    of every scroll area and text box, which Qt treats as "unstylable" and so never watches,
    yet still files under its address when it paints it. Those entries stay for good: about
    13 KiB per kiosk session (benchmarks/soak_kiosk.py). Setting the stylesheet again empties
    every cache and re-polishes the widgets alive then, so call it when few are alive.
    Check with tools/upstream_bugs.py; remove this when it reports the bug fixed.

    Qt's pixmap cache is emptied too. A stylesheet set again is parsed again, and with it the
    tick of a ticked box (`image: url(...)`): a new icon, whose renderings the pixmap cache
    files under a key of their own, while the old icon's stay until the cache is full
    (10 MiB). soak_kiosk.py found that: about 7 KiB a person once the boxes had their tick.
    Keep this if the workaround above goes: a scope given its own stylesheet (`scope`, when
    the theme changes) parses the tick again as well.
    """
    app = QApplication.instance()
    if isinstance(app, QApplication) and app.styleSheet():
        app.setStyleSheet(_sheet(_current.high_contrast))
    QPixmapCache.clear()


def repolish(widget: QWidget) -> None:
    """Re-read the stylesheet after a dynamic property changed, at the text size shown now.

    The polish goes through a Polish event, on which QWidget calls its style's polish() from
    C++: calling QStyle.polish() from Python makes PySide6 weigh its QPalette overload, which
    builds the enums of Qt's namespace (see gui/lazy_qt.py) while the first page is built.

    Qt's unpolish gives a widget whose rules name a font property (a step's weight, a chosen
    row's bold) the font it had at its first polish: a label or button made before the person
    chose a larger text would shrink back to the size it was made at. The stylesheet sets
    weights only, never sizes, so the size shown before the polish is kept.
    """
    size = widget.font().pointSize()
    widget.style().unpolish(widget)
    QApplication.sendEvent(widget, QEvent(QEvent.Type.Polish))
    if widget.font().pointSize() != size:
        font = QFont(widget.font())  # the weight the rules give now
        font.setPointSize(size)
        widget.setFont(font)
