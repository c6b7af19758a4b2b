"""The one palette: every text/background pair it defines meets WCAG 2 contrast."""

from __future__ import annotations

import pytest

from decisionaid import palette
from decisionaid.palette import (
    CONTROL_BACKGROUNDS,
    FOCUS_BACKGROUNDS,
    TEXT_PAIRS,
    THEMES,
    Theme,
    contrast_ratio,
)

# WCAG 2 AA for normal text in the normal theme; AAA in the high-contrast theme.
MINIMUM = {"normal": 4.5, "high-contrast": 7.0}


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS)
def test_every_text_pair_meets_wcag(theme: Theme, text: str, background: str) -> None:
    ratio = contrast_ratio(getattr(theme, text), getattr(theme, background))
    assert ratio >= MINIMUM[theme.name], f"{theme.name}: {text} on {background} is {ratio:.2f}:1"


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
@pytest.mark.parametrize("background", FOCUS_BACKGROUNDS)
def test_the_focus_ring_stands_out_from_what_it_surrounds(theme: Theme, background: str) -> None:
    ratio = contrast_ratio(theme.focus, getattr(theme, background))
    assert ratio >= 3, f"{theme.name}: focus ring on {background} is {ratio:.2f}:1"


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
@pytest.mark.parametrize("background", CONTROL_BACKGROUNDS)
def test_the_edges_of_controls_stand_out(theme: Theme, background: str) -> None:
    ratio = contrast_ratio(theme.control_line, getattr(theme, background))
    assert ratio >= 3, f"{theme.name}: control edge on {background} is {ratio:.2f}:1"


def test_disabled_is_told_apart_from_enabled_in_every_theme() -> None:
    for theme in THEMES:
        assert theme.disabled_ink != theme.ink, theme.name


def test_the_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#1d5f87", "#ffffff") == pytest.approx(6.91, abs=0.01)


def test_the_palette_imports_neither_qt_nor_reportlab() -> None:
    source = palette.__file__
    with open(source, encoding="utf-8") as handle:
        text = handle.read()
    assert "PySide6" not in text
    assert "reportlab" not in text
