# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Cold start to the first wizard page on screen, against a bare PySide6 QWizard with one page.

Each run is a fresh `python -c` subprocess (QT_QPA_PLATFORM=offscreen). The child takes
time.perf_counter() as its first statement and again after the window is shown and
processEvents() has laid it out and painted it; the parent also measures the wall time from
spawning the child to the child's exit (interpreter start-up included). Runs of the three
programs alternate, so that load on the machine hits them alike. A first, untimed run of
each writes the .pyc files (PYTHONDONTWRITEBYTECODE is dropped for the child).

The app side follows `decisionaid` (cli.main -> gui.app.run): import the CLI module, create
the styled QApplication, and let a WizardHost build the session and the wizard and show it.
The same child then times a restart (what Start over and every kiosk reset do: a new
Session and a new wizard, shown).

A third program, the floor, is the bare wizard plus only what any first page of this app
must do with the fixed stack: read the content YAML (raw, without our validation), format
a date with Babel, apply our stylesheet and fonts, and show a page of a dozen labels and
a few buttons. It shows how much of the app's time no code of ours can remove.

Run: .venv/bin/python benchmarks/bench_startup.py [--runs 5] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

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

APP = """
import time; t0 = time.perf_counter()
import decisionaid.cli
from decisionaid.gui.app import create_application, default_printer
from decisionaid.gui.host import WizardHost
app = create_application(["decisionaid"])
host = WizardHost(default_printer())
wizard = host.start("{language}")
app.processEvents()
assert wizard.isVisible() and wizard.currentId() == 0
shown = time.perf_counter() - t0
t1 = time.perf_counter()
again = host.start()
app.processEvents()
assert again.isVisible() and again is not wizard
print(shown)
print(time.perf_counter() - t1)
"""

FLOOR = """
import time; t0 = time.perf_counter()
import datetime
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWizard, QWizardPage
import yaml
from babel.dates import format_date
from decisionaid import paths
from decisionaid.gui.style import apply_style
app = QApplication(["floor"])
apply_style(app)
texts = [
    yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    for p in sorted(paths.content_dir().glob("*.yaml"))
]
date = format_date(datetime.date(2026, 11, 1), "long", locale="en")
wizard = QWizard()
page = QWizardPage()
page.setTitle("Welcome")
layout = QVBoxLayout(page)
for number in range(12):
    layout.addWidget(QLabel(f"Text {number}, last reviewed {date}", wordWrap=True))
for number in range(4):
    layout.addWidget(QPushButton(f"Button {number}"))
wizard.addPage(page)
wizard.show()
app.processEvents()
assert len(texts) > 1
print(time.perf_counter() - t0)
"""


def run_child(code: str) -> tuple[list[float], float]:
    """(the figures the child printed, one per line; wall seconds from spawn to exit)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # A deployed app imports from .pyc files; PYTHONDONTWRITEBYTECODE (set in some CI images)
    # would make every run compile every module from source instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - start
    return [float(line) for line in done.stdout.split()], wall


def measure(runs: int, language: str = "en") -> dict[str, float]:
    """Medians over `runs` alternating runs of the three programs, and the ratios to bare."""
    programs = {"bare": BARE, "app": APP.format(language=language), "floor": FLOOR}
    for code in programs.values():
        run_child(code)  # warm the OS file cache and write the .pyc files once for each
    shown: dict[str, list[float]] = {name: [] for name in programs}
    wall: dict[str, list[float]] = {name: [] for name in programs}
    restart: list[float] = []
    for _ in range(runs):
        for name, code in programs.items():
            figures, seconds = run_child(code)
            shown[name].append(figures[0])
            if name == "app":  # its restart is not part of the cold start
                restart.append(figures[1])
                seconds -= figures[1]
            wall[name].append(seconds)
    result: dict[str, float] = {"runs": runs, "restart_s": statistics.median(restart)}
    for name in programs:
        result[f"{name}_shown_s"] = statistics.median(shown[name])
        result[f"{name}_wall_s"] = statistics.median(wall[name])
    result["ratio_shown"] = result["app_shown_s"] / result["bare_shown_s"]
    result["ratio_wall"] = result["app_wall_s"] / result["bare_wall_s"]
    result["ratio_shown_floor"] = result["floor_shown_s"] / result["bare_shown_s"]
    result["ratio_wall_floor"] = result["floor_wall_s"] / result["bare_wall_s"]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--language", default="en")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = measure(args.runs, args.language)
    print(f"cold start, median of {args.runs} fresh processes each (offscreen)")
    print(f"{'':<34} {'to first page s':>15} {'ratio':>6} {'spawn→exit s':>13} {'ratio':>6}")
    for label, name, suffix in (
        ("bare QWizard, 1 page", "bare", None),
        ("floor (YAML, Babel, style, page)", "floor", "_floor"),
        ("decisionaid wizard", "app", ""),
    ):
        shown = f"{result['ratio_shown' + suffix]:.2f}" if suffix is not None else ""
        wall = f"{result['ratio_wall' + suffix]:.2f}" if suffix is not None else ""
        print(
            f"{label:<34} {result[name + '_shown_s']:>15.3f} {shown:>6}"
            f" {result[name + '_wall_s']:>13.3f} {wall:>6}"
        )
    print("target: decisionaid / bare ≤ 1.5")
    print(f"restart (Start over, kiosk reset) to the first page: {result['restart_s']:.3f} s")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
