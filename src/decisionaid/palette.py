# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The one palette, as plain data: the colours of the interface themes and of the PDF.

No Qt and no ReportLab here: `gui.style` builds its stylesheet from these themes and
`pdf.styles` turns the normal theme into ReportLab colours, so both show the same blue.
`TEXT_PAIRS` lists every text-on-background pair the two use; a test checks each against
WCAG 2 (AA in the normal theme, AAA in high contrast).
"""

from __future__ import annotations

from typing import Final, NamedTuple


class Theme(NamedTuple):
    """The colours of one theme (the normal one, or high contrast), as #rrggbb (see `Cover`)."""

    name: str
    accent: str
    accent_dark: str
    accent_soft: str
    ink: str
    muted: str
    paper: str
    card: str
    line: str  # decorative rules and card edges
    control_line: str  # the edge of something to press or fill in: >= 3:1 (WCAG 1.4.11)
    warning_bg: str
    warning_line: str
    warning_ink: str
    focus: str
    on_accent: str
    disabled_ink: str
    disabled_bg: str
    border: int  # px of ordinary borders
    focus_border: int  # px of the focus ring


NORMAL: Final = Theme(
    name="normal",
    accent="#1d5f87",  # the one accent colour: calm blue, 6.9:1 on white, 3:1 to the focus ring
    accent_dark="#144766",
    accent_soft="#e3eef5",  # the accent at low strength: boxes, empty bar cells, hover
    ink="#1f2933",
    muted="#52606d",
    paper="#f3f5f7",
    card="#ffffff",
    line="#cfd8df",
    control_line="#6b7885",
    warning_bg="#fff4e0",
    warning_line="#b26a00",
    warning_ink="#7a4100",
    focus="#000000",  # the keyboard focus ring: >= 3:1 against every background it meets
    on_accent="#ffffff",
    disabled_ink="#5f6b76",
    disabled_bg="#eceff2",
    border=1,
    focus_border=3,
)
# Black on white everywhere (21:1), thick black borders; selection is shown by inverting
# the colours and by a check mark and bold text, never by colour alone.
HIGH_CONTRAST: Final = Theme(
    name="high-contrast",
    accent="#000000",
    accent_dark="#000000",
    accent_soft="#ffffff",
    ink="#000000",
    muted="#000000",
    paper="#ffffff",
    card="#ffffff",
    line="#000000",
    control_line="#000000",
    warning_bg="#ffffff",
    warning_line="#000000",
    warning_ink="#000000",
    # Magenta: 5.6:1 on white and 3.7:1 on black, so the ring shows around black-bordered
    # buttons and black (chosen) ones alike; black on black showed nothing.
    focus="#c8007a",
    on_accent="#ffffff",
    disabled_ink="#595959",  # 7:1 on white, yet plainly not the black of what can be pressed
    disabled_bg="#ffffff",
    border=2,
    focus_border=4,
)
THEMES: Final = (NORMAL, HIGH_CONTRAST)

# (text, background) theme fields that the interface's stylesheet or the PDF put together.
TEXT_PAIRS: Final = (
    ("ink", "paper"),
    ("ink", "card"),
    ("ink", "accent_soft"),  # PDF notes and warnings
    ("muted", "paper"),
    ("muted", "card"),
    ("muted", "accent_soft"),
    ("accent", "paper"),  # link buttons
    ("accent", "card"),  # PDF headings and web addresses
    ("accent_dark", "accent_soft"),  # status "good", page kicker
    ("on_accent", "accent"),  # primary buttons, current step
    ("warning_ink", "warning_bg"),
    ("disabled_ink", "disabled_bg"),
)
# Non-text pairs (WCAG 1.4.11 asks 3:1), in both themes: the focus ring against everything
# it surrounds (a chosen answer is filled with the accent), and the edges of controls
# against what they sit on.
FOCUS_BACKGROUNDS: Final = ("paper", "card", "accent_soft", "accent", "control_line")
CONTROL_BACKGROUNDS: Final = ("paper", "card", "accent_soft")


def rgb(color: str) -> tuple[float, float, float]:
    """A #rrggbb colour as red, green and blue from 0 to 1."""
    value = color.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"not a #rrggbb colour: {color!r}")
    red, green, blue = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return red, green, blue


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = rgb(color)
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
