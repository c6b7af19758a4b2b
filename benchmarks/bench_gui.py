# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Wizard page-to-page time (Next, per page) and peak memory of one full walk plus the PDF.

--transitions: build, show and walk a fresh wizard --runs times; print the median time of
pressing Next on each page (click, the next page's initializePage, layout and one paint
via processEvents). --peak: in this (fresh) process, one walk, Print (the PDF is rendered
and handed to a fake printer), then ru_maxrss. Run each mode in its own process for a
clean peak; run_all.py does.

--turns: the issue's page-turn row. For each language and text size (100%, 200%), one
untimed walk, then --runs walks of a fresh wizard, each pressing Next through every page
(the page being built the first time it is reached, as for a person) and then Back
through every page; every turn is timed from the click to the next page laid out and
painted (processEvents). Prints p50/p95/max per page and over all turns (target: p95 ≤ 33
ms, none > 50 ms). Back on the first page, with every page built, each walk then changes the
text size once and back (A+ and A-, or A- and A+ at 200 %): the restyle late in a walk, timed
the same way, each click as at a size never shown (the labels forget what they measured per
font). Then it walks forward again doing the same on every page, and turning high contrast
on and off, and times the Next that follows. The floors, in the bare QWizard on each page:
QApplication.setFont for the text size; for high contrast, QApplication.setPalette (the least
any theme can do) and one stylesheet rule of ink and paper set on the page and taken off
(the least a stylesheet theme can do).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gui.py --transitions
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import qInstallMessageHandler
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QWizard

from decisionaid import palette
from decisionaid.gui import style
from decisionaid.gui.app import create_application
from decisionaid.gui.host import install_language
from decisionaid.gui.widgets.text import TextLabel
from decisionaid.gui.wizard import build_wizard
from decisionaid.session import new_session
from walk import FakePrinter, flush, median, peak_rss_kb, print_summary, read, walk

_V = TypeVar("_V")


def quiet_qt(_kind: object, _context: object, message: str) -> None:
    if "This plugin does not support" not in message:
        print(message, file=sys.stderr)


def one_walk(
    language: str,
    seed: int,
    timings: dict[str, float] | None,
    *,
    printing: bool,
    back: dict[str, float] | None = None,
    read_ms: int = 0,
    cpu: tuple[dict[str, float], dict[str, float]] | None = None,
    restyles: list[float] | None = None,
    page_restyles: dict[str, list[float]] | None = None,
    contrasts: list[float] | None = None,
    after_restyles: list[float] | None = None,
) -> None:
    printer = FakePrinter()
    session = new_session(language)
    install_language(session.translator)
    wizard = build_wizard(session, printer, kiosk=True)
    wizard.resize(1024, 600)
    wizard.show()
    flush()
    summary = walk(
        wizard, seed=seed, timings=timings, read_ms=read_ms, cpu_timings=cpu[0] if cpu else None
    )
    if printing:
        print_summary(summary)
    if back is not None:
        while wizard.currentId() > 0:
            page = type(wizard.currentPage()).__name__
            read(read_ms)
            start, cpu_start = time.perf_counter(), time.thread_time()
            wizard.button(QWizard.WizardButton.BackButton).click()
            QApplication.processEvents()
            back[page] = time.perf_counter() - start
            if cpu is not None:
                cpu[1][page] = time.thread_time() - cpu_start
    if restyles is not None:
        restyles += restyle_here(wizard, read_ms)
    if page_restyles is not None:
        # Forward again, changing the text size on every page, then turning it after the same
        # reading pause as every turn (the hidden pages follow the change in such pauses).
        while True:
            page = type(wizard.currentPage()).__name__
            page_restyles.setdefault(page, []).extend(restyle_here(wizard, read_ms))
            if contrasts is not None:
                contrasts += contrast_here(wizard, read_ms)
            if wizard.currentId() == len(wizard.pageIds()) - 1:
                break
            read(read_ms)
            seconds = timed_click(wizard.button(QWizard.WizardButton.NextButton))
            if after_restyles is not None:
                after_restyles.append(seconds)
    wizard.hide()
    wizard.deleteLater()
    flush()


def restyle_here(wizard: QWizard, read_ms: int) -> list[float]:
    """Change the text size once and back (A+ and A-, or A- and A+ at 200 %), each timed.

    Each as at a size never shown: every label first forgets the measures it keeps per font
    (TextLabel), which going back to a size already shown would find.
    """
    settings = wizard.display_settings  # type: ignore[attr-defined]
    larger, smaller = settings.larger_button, settings.smaller_button
    seconds = []
    for button in (larger, smaller) if larger.isEnabled() else (smaller, larger):
        read(read_ms)
        for widget in wizard.findChildren(TextLabel):
            widget._by_font.clear()
            widget._measures = None
        seconds.append(timed_click(button))
    return seconds


def contrast_here(wizard: QWizard, read_ms: int) -> list[float]:
    """Turn high contrast on and off again, each timed (the fonts stay: measures are kept)."""
    button = wizard.display_settings.contrast_row.button  # type: ignore[attr-defined]
    seconds = []
    for _ in range(2):
        read(read_ms)
        seconds.append(timed_click(button))
    return seconds


def timed_click(button: QAbstractButton) -> float:
    """Seconds from a click to the change laid out and painted (processEvents)."""
    start = time.perf_counter()
    button.click()
    QApplication.processEvents()
    return time.perf_counter() - start


def transitions(language: str, runs: int) -> dict[str, float]:
    one_walk(language, 0, None, printing=False)  # warm caches: fonts, catalogs, styles
    samples: dict[str, list[float]] = {}
    for run in range(runs):
        timings: dict[str, float] = {}
        one_walk(language, run, timings, printing=False)
        for page, seconds in timings.items():
            samples.setdefault(page, []).append(seconds)
    return {page: median(values) * 1000 for page, values in samples.items()}


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def stats(values: list[float]) -> dict[str, float]:
    return {
        "p50": percentile(values, 0.5) * 1000,
        "p95": percentile(values, 0.95) * 1000,
        "max": max(values) * 1000,
        "n": len(values),
    }


def page_texts(language: str) -> list[list[str]]:
    """The label texts of every page of a walked wizard, page by page."""
    from PySide6.QtWidgets import QLabel

    session = new_session(language)
    install_language(session.translator)
    wizard = build_wizard(session, FakePrinter(), kiosk=True)
    wizard.resize(1024, 600)
    wizard.show()
    flush()
    walk(wizard, seed=1)
    texts = [
        [label.text() for label in wizard.page(i).findChildren(QLabel) if label.text()]
        for i in wizard.pageIds()
    ]
    wizard.hide()
    wizard.deleteLater()
    flush()
    return texts


def floor_turns(language: str, text_size: int, runs: int) -> dict[str, object]:
    """The same texts as plain word-wrapped QLabels in a bare QWizard (no stylesheet, no
    widgets of ours): what the fixed stack costs to show each page's text on Next."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget, QWizardPage

    texts = page_texts(language)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sheet, font, colours_before = app.styleSheet(), app.font(), app.palette()
    app.setStyleSheet("")
    app.setFont(style.body_font(style.Appearance(text_size=text_size)))
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if language == "ar" else Qt.LayoutDirection.LeftToRight
    )
    samples: list[float] = []
    cpu_samples: list[float] = []
    restyles: list[float] = []
    palettes: list[float] = []
    sheets: list[float] = []
    themes = [theme_palette(palette.NORMAL), theme_palette(palette.HIGH_CONTRAST)]
    fonts = [style.body_font(style.Appearance(text_size=size)) for size in style.TEXT_SIZES]
    own = fonts[style.TEXT_SIZES.index(text_size)]
    other = fonts[1] if text_size == 100 else fonts[0]
    for _run in range(runs + 1):
        wizard = QWizard()
        for page_texts_ in texts:
            page = QWizardPage()
            body = QWidget()
            column = QVBoxLayout(body)
            for text in page_texts_:
                column.addWidget(QLabel(text, wordWrap=True))
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setWidget(body)
            QVBoxLayout(page).addWidget(area)
            wizard.addPage(page)
        wizard.resize(1024, 600)
        wizard.show()
        flush()
        for _page in range(len(texts) - 1):
            # The bare stack's text size change: every label's font.
            timed_changes(app.setFont, (other, own), restyles if _run else None)
            # The least a theme can do: a palette.
            timed_changes(app.setPalette, (themes[1], themes[0]), palettes if _run else None)
            # The least a stylesheet theme can do: one rule on the page.
            rules = (minimal_sheet(palette.HIGH_CONTRAST), "")
            timed_changes(wizard.currentPage().setStyleSheet, rules, sheets if _run else None)
            start, cpu_start = time.perf_counter(), time.thread_time()
            wizard.button(QWizard.WizardButton.NextButton).click()
            QApplication.processEvents()
            if _run:  # the first wizard warms fonts and shaping caches
                samples.append(time.perf_counter() - start)
                cpu_samples.append(time.thread_time() - cpu_start)
        wizard.hide()
        wizard.deleteLater()
        flush()
    app.setStyleSheet(sheet)
    app.setFont(font)
    app.setPalette(colours_before)
    app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    return {
        **stats(samples),
        "cpu": stats(cpu_samples),
        "restyle": stats(restyles),
        "contrast_palette": stats(palettes),
        "contrast_sheet": stats(sheets),
    }


def timed_changes(
    change: Callable[[_V], object], values: Iterable[_V], into: list[float] | None
) -> None:
    """Make each change in turn, timed to it laid out and painted (`into` None: a warm-up)."""
    for value in values:
        start = time.perf_counter()
        change(value)
        QApplication.processEvents()
        if into is not None:
            into.append(time.perf_counter() - start)


def theme_palette(theme: palette.Theme) -> QPalette:
    """A theme's paper, ink and boxes as a Qt palette (for the bare floor: no stylesheet)."""
    colours = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, theme.paper),
        (QPalette.ColorRole.Base, theme.card),
        (QPalette.ColorRole.Button, theme.card),
        (QPalette.ColorRole.WindowText, theme.ink),
        (QPalette.ColorRole.Text, theme.ink),
        (QPalette.ColorRole.ButtonText, theme.ink),
        (QPalette.ColorRole.Highlight, theme.accent),
    ):
        colours.setColor(role, QColor(colour))
    return colours


def minimal_sheet(theme: palette.Theme) -> str:
    """One rule that gives every widget a theme's ink and paper (the bare stylesheet floor)."""
    return f"QWidget {{ color: {theme.ink}; background: {theme.paper}; }}"


def turns(language: str, text_size: int, runs: int, read_ms: int) -> dict[str, object]:
    """Next through every page and Back through every page, `runs` fresh wizards.

    Before each turn the event loop runs `read_ms`, untimed: a person reads and answers a
    page before turning it, and the wizard uses such pauses to prepare the next page.
    """
    style.set_appearance(style.Appearance(text_size=text_size))
    one_walk(language, 0, None, printing=False, back={}, read_ms=read_ms)  # warm caches
    samples: dict[str, list[float]] = {}
    cpu_samples: list[float] = []
    restyles: list[float] = []
    page_restyles: dict[str, list[float]] = {}
    contrasts: list[float] = []
    after_restyles: list[float] = []
    for run in range(runs):
        forward: dict[str, float] = {}
        backward: dict[str, float] = {}
        cpu: tuple[dict[str, float], dict[str, float]] = ({}, {})
        one_walk(
            language,
            run,
            forward,
            printing=False,
            back=backward,
            read_ms=read_ms,
            cpu=cpu,
            restyles=restyles,
            page_restyles=page_restyles,
            contrasts=contrasts,
            after_restyles=after_restyles,
        )
        for page, seconds in forward.items():
            samples.setdefault(f"Next from {page}", []).append(seconds)
        for page, seconds in backward.items():
            samples.setdefault(f"Back from {page}", []).append(seconds)
        cpu_samples += [*cpu[0].values(), *cpu[1].values()]
    style.reset_appearance()
    every = [s for values in samples.values() for s in values]
    return {
        "language": language,
        "text_size": text_size,
        "runs": runs,
        "read_ms": read_ms,
        "pages": {page: stats(values) for page, values in samples.items()},
        "all": stats(every),
        "all_cpu": stats(cpu_samples),
        "restyle": stats(restyles),
        "restyle_pages": {page: stats(values) for page, values in page_restyles.items()},
        "restyle_every_page": stats([v for values in page_restyles.values() for v in values]),
        "next_after_restyle": stats(after_restyles),
        "contrast_every_page": stats(contrasts),
        "floor_next": floor_turns(language, text_size, runs),
    }


def print_row(label: str, st: object, note: str = "") -> None:
    """One row of --turns: p50, p95 and max in ms, then what it measures, if that needs saying."""
    assert isinstance(st, dict)
    row = f"  {label:<26} {st['p50']:>6.1f} {st['p95']:>6.1f} {st['max']:>6.1f}"
    print(f"{row}  ({note})" if note else row)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--transitions", action="store_true")
    mode.add_argument("--peak", action="store_true")
    mode.add_argument("--turns", action="store_true")
    parser.add_argument("--language", default="en")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--read-ms",
        type=int,
        default=400,
        help="--turns: untimed pause before each turn, as between a person's last tap and Next",
    )
    args = parser.parse_args()
    qInstallMessageHandler(quiet_qt)
    create_application(["bench"])
    result: dict[str, object] = {"language": args.language}
    if args.turns:
        every = []
        for language in args.language.split(","):
            for text_size in (100, 200):
                data = turns(language, text_size, args.runs, args.read_ms)
                every.append(data)
                print(
                    f"page turns, {language}, text {text_size}%, {args.runs} walks, "
                    f"{args.read_ms} ms on each page: p50 / p95 / max ms"
                )
                pages = data["pages"]
                assert isinstance(pages, dict)
                for page, st in pages.items():
                    print_row(page, st)
                fl = data["floor_next"]
                restyled = data["restyle_pages"]
                assert isinstance(fl, dict)
                assert isinstance(restyled, dict)
                print_row("all turns", data["all"])
                print_row(
                    "all turns, CPU time",
                    data["all_cpu"],
                    "this thread's CPU: less hit by other load",
                )
                print_row(
                    "floor: bare QWizard, Next", fl, "same texts as plain QLabels, no stylesheet"
                )
                print_row("floor, CPU time", fl["cpu"])
                print_row(
                    "restyle, all pages built",
                    data["restyle"],
                    "A+ and A- on the first page after the walk",
                )
                for page, st in restyled.items():
                    print_row(f"restyle on {page}", st)
                print_row("Next after a restyle", data["next_after_restyle"])
                print_row(
                    "restyle, every page",
                    data["restyle_every_page"],
                    "A+ and A- on each page, then Next",
                )
                print_row(
                    "high contrast, every page",
                    data["contrast_every_page"],
                    "on and off on each page, after the text size",
                )
                print_row(
                    "floor: bare, text size",
                    fl["restyle"],
                    "QApplication.setFont on each page of the bare QWizard",
                )
                print_row(
                    "floor: bare, palette",
                    fl["contrast_palette"],
                    "high contrast as QApplication.setPalette, on and off, each page",
                )
                print_row(
                    "floor: bare, one-rule sheet",
                    fl["contrast_sheet"],
                    "high contrast as one rule on the page, on and off, each page",
                )
        result["turns"] = every
    elif args.transitions:
        per_page = transitions(args.language, args.runs)
        result["next_ms"] = per_page
        print(f"Next, median of {args.runs} walks ({args.language}), ms: page you leave -> ms")
        for page, ms in per_page.items():
            print(f"  {page:<16} {ms:>7.1f}")
        print(f"  {'median of pages':<16} {median(list(per_page.values())):>7.1f}")
        print(f"  {'slowest':<16} {max(per_page.values()):>7.1f}")
    else:
        one_walk(args.language, 1, None, printing=True)
        result["peak_rss_mb"] = peak_rss_kb() / 1024
        print(f"peak RSS of one walk + PDF ({args.language}): {result['peak_rss_mb']:.1f} MB")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
