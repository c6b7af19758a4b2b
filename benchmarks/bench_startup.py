# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Cold start to the first wizard page on screen, against a bare PySide6 QWizard with one page.

Each run is a fresh `python -c` subprocess (QT_QPA_PLATFORM=offscreen). The child takes
time.perf_counter() as its first statement and again after the window is shown and
processEvents() has laid it out and painted it; the parent also measures the wall time from
spawning the child to the child's exit (interpreter start-up included). Runs of the
programs alternate, so that load on the machine hits them alike. A first, untimed run of
each writes the .pyc files (PYTHONDONTWRITEBYTECODE is dropped for the child).

The app side is `decisionaid` itself: `cli.main()`, as the console script calls it, with
the event loop replaced by one pass of it (which lays out and paints the first page), so
the command line's own work (its arguments, the language check, the collector paused until
the first paint) is measured too. A fourth program times a restart in a running app (what
Start over and every kiosk reset do: a new Session and a new wizard, shown).

A third program, the floor, is the bare wizard plus only what any first page of this app
does with the fixed stack: apply our stylesheet and fonts and show a page of a dozen labels
and a few buttons, with the cycle collector paused as decisionaid pauses it. It shows how
much of the app's time is Qt showing a styled page of text, before any code of ours. (Until
2026-12-05 it also read the content YAML and formatted a date with Babel, then it named
Qt's namespace, which makes PySide6 build 117 enum classes, about 12 ms: the first page
does neither any more, so they left the floor.)

A fifth program, the page floor, is the floor with a page of the first page's shape, built
from Qt's own widgets alone: a side panel in a scroll area (a progress bar, the twelve step
titles, a check box and three text-size buttons) beside the page's scroll area (four cards
of four word-wrapped labels, five buttons), as many widgets as decisionaid's first page
(about 65). What decisionaid takes above it is Python: ours, and PySide6 building the enum
classes of the classes we name.

A sixth, the bare wizard with the codes its regular expressions compile to and the code of
PySide6's embedded support modules kept as decisionaid keeps them (`regexcache`,
`codecache`), shows what that keeping alone gives the reference.

Run: .venv/bin/python benchmarks/bench_startup.py [--runs 5] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import proc

BARE = """
import time; t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QWizard, QWizardPage
app = QApplication(["bare"])
wizard = QWizard()
page = QWizardPage()
page.setTitle("Welcome")
wizard.addPage(page)
wizard.show()
app.processEvents()
print(time.perf_counter() - t0)
"""

# The bare wizard given what decisionaid keeps between runs of library code: the codes its
# regular expressions compile to (regexcache: PySide6's signature support compiles three for
# about 11 ms) and the code of PySide6's embedded support modules (codecache, about 18 ms).
BARE_KEPT = BARE.replace(
    "from PySide6",
    "from decisionaid import codecache, regexcache\n"
    "regexcache.install()\ncodecache.install()\nfrom PySide6",
    1,
)

APP = """
import time; t0 = time.perf_counter()
import sys
from decisionaid.cli import main  # first, as the console script does: PySide6 comes later
from PySide6.QtWidgets import QApplication
from decisionaid.gui.wizard import DecisionWizard

def first_page(app):
    # In place of the event loop: one pass of it, which lays out and paints the first page.
    app.processEvents()
    (wizard,) = [w for w in app.topLevelWidgets() if isinstance(w, DecisionWizard)]
    assert wizard.isVisible() and wizard.currentId() == 0
    print(time.perf_counter() - t0)
    return 0

QApplication.exec = first_page
sys.exit(main({arguments}))
"""

# Start over and every kiosk reset: a new Session and a new wizard, shown, in a running app.
RESTART = """
import time
from decisionaid.gui.app import create_application, default_printer
from decisionaid.gui.host import WizardHost
app = create_application(["decisionaid"])
host = WizardHost(default_printer())
wizard = host.start("{language}")
app.processEvents()
t1 = time.perf_counter()
again = host.start()
app.processEvents()
assert again.isVisible() and again is not wizard
print(time.perf_counter() - t1)
"""

UNCACHED = "import os; os.environ['DECISIONAID_CONTENT_CACHE'] = '0'\n"

# The floor programs: the bare wizard with what every page of decisionaid has (our stylesheet
# and fonts, `Qt` named, the collector paused until the paint, as cli._gui does), then a page.
# Only the Qt classes a program imports and the page it builds differ.
_STYLED_START = """
import time; t0 = time.perf_counter()
import datetime, gc
gc.disable()  # no cycle collection until the page is painted, as decisionaid does (cli._gui)
"""

_STYLED_SETUP = """
from decisionaid.gui.style import apply_style
gc.freeze()
app = QApplication(["floor"])
apply_style(app)
date = datetime.date(2026, 11, 1).isoformat()
wizard = QWizard()
page = QWizardPage()
page.setTitle("Welcome")
"""

_STYLED_SHOW = """wizard.addPage(page)
wizard.show()
app.processEvents()
gc.enable()
print(time.perf_counter() - t0)
"""


def _styled(widgets: str, build: str) -> str:
    """A floor program: it imports `widgets` from QtWidgets, and `build` fills `page`."""
    build = build.lstrip("\n")
    return f"{_STYLED_START}from PySide6.QtWidgets import {widgets}{_STYLED_SETUP}{build}{_STYLED_SHOW}"


FLOOR = _styled(
    "QApplication, QLabel, QPushButton, QVBoxLayout, QWizard, QWizardPage",
    """
layout = QVBoxLayout(page)
for number in range(12):
    layout.addWidget(QLabel(f"Text {number}, last reviewed {date}", wordWrap=True))
for number in range(4):
    layout.addWidget(QPushButton(f"Button {number}"))
layout.addStretch(1)
""",
)

PAGE = _styled(
    """(
    QApplication, QCheckBox, QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton,
    QScrollArea, QVBoxLayout, QWidget, QWizard, QWizardPage,
)""",
    """
outer = QHBoxLayout(page)
side, steps = QScrollArea(widgetResizable=True), QFrame()
side_layout = QVBoxLayout(steps)
side_layout.addWidget(QProgressBar())
for number in range(12):
    side_layout.addWidget(QLabel(f"Step {number}"))
side_layout.addWidget(QCheckBox("High contrast"))
for size in ("100 %", "150 %", "200 %"):
    side_layout.addWidget(QPushButton(size))
side.setWidget(steps)
outer.addWidget(side)
body, column = QScrollArea(widgetResizable=True), QWidget()
layout = QVBoxLayout(column)
for card_number in range(4):
    card = QFrame(objectName="card")
    card_layout = QVBoxLayout(card)
    for number in range(4):
        card_layout.addWidget(QLabel(f"Text {number}, last reviewed {date}", wordWrap=True))
    layout.addWidget(card)
for number in range(5):
    layout.addWidget(QPushButton(f"Button {number}"))
layout.addStretch(1)
body.setWidget(column)
outer.addWidget(body, 1)
""",
)


def measure(runs: int, language: str = "en") -> dict[str, object]:
    """Alternating runs of the programs: medians, spreads and per-run ratios to bare."""
    # English is what the desktop launcher starts (no arguments); others are named.
    arguments = [] if language == "en" else ["--lang", language]
    programs = {
        "bare": ["-c", BARE],
        "bare_kept": ["-c", BARE_KEPT],
        "app": ["-c", APP.format(arguments=arguments)],
        "floor": ["-c", FLOOR],
        "page": ["-c", PAGE],
        "restart": ["-c", RESTART.format(language=language)],
        # The first launch after an install or an upgrade: no content cache to read yet.
        "uncached": ["-c", UNCACHED + APP.format(arguments=arguments)],
    }
    children = proc.alternate(programs, runs)
    figs = {name: proc.figures(kids) for name, kids in children.items()}
    result: dict[str, object] = {"runs": runs, "language": language}
    for name, fig in figs.items():
        result[name] = {key: spread.as_json() for key, spread in fig.items()}
    result["restart_s"] = figs["restart"]["in0"].as_json()
    for key, label in (("in0", "shown"), ("wall_s", "wall"), ("cpu_s", "cpu")):
        spread = proc.ratio(figs["app"][key].values, figs["bare_kept"][key].values)
        result[f"ratio_{label}_app_kept"] = spread.as_json()
    for other in ("app", "floor", "page", "uncached", "bare_kept"):
        for key, label in (
            ("in0", "shown"),
            ("wall_s", "wall"),
            ("cpu_s", "cpu"),
            ("maxrss_mib", "rss"),
        ):
            spread = proc.ratio(figs[other][key].values, figs["bare"][key].values)
            result[f"ratio_{label}_{other}"] = spread.as_json()
    return result


def _show(spread: object, digits: int = 3) -> str:
    assert isinstance(spread, dict)
    return f"{spread['median']:.{digits}f} ({spread['min']:.{digits}f}–{spread['max']:.{digits}f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--language", default="en")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = measure(args.runs, args.language)
    print(
        f"cold start, {args.runs} alternating fresh processes each (offscreen), "
        "median (min–max); ratios are per run, to the bare run just before"
    )
    print("in-process: first statement to the first page shown; whole process: os.wait4")
    rows = (
        ("bare QWizard, 1 page", "bare"),
        ("bare, library code kept as ours", "bare_kept"),
        ("floor (style, fonts, labels)", "floor"),
        ("page floor (first page's shape)", "page"),
        ("decisionaid wizard", "app"),
        ("decisionaid, no content cache yet", "uncached"),
    )
    for label, name in rows:
        fig = result[name]
        assert isinstance(fig, dict)
        line = (
            f"{label:<34} shown {_show(fig['in0'])} s · wall {_show(fig['wall_s'])} s · "
            f"cpu {_show(fig['cpu_s'])} s · peak RSS {_show(fig['maxrss_mib'], 0)} MiB"
        )
        print(line)
        if name != "bare":
            print(
                f"{'':<34} ratio to bare: shown {_show(result[f'ratio_shown_{name}'], 2)}× · "
                f"wall {_show(result[f'ratio_wall_{name}'], 2)}× · "
                f"cpu {_show(result[f'ratio_cpu_{name}'], 2)}× · "
                f"RSS {_show(result[f'ratio_rss_{name}'], 2)}×"
            )
    print(
        f"decisionaid / bare with library code kept as ours: shown {_show(result['ratio_shown_app_kept'], 2)}× · "
        f"wall {_show(result['ratio_wall_app_kept'], 2)}× · cpu {_show(result['ratio_cpu_app_kept'], 2)}×"
    )
    print("target: decisionaid / bare ≤ 1.5")
    print(f"restart (Start over, kiosk reset) to the first page: {_show(result['restart_s'])} s")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
