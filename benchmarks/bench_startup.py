# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Cold start to the first wizard page on screen, against a bare PySide6 QWizard with one page.

Each run is a fresh `python -c` subprocess (QT_QPA_PLATFORM=offscreen). The child takes
time.perf_counter() as its first statement and again after the window is shown and
processEvents() has laid it out and painted it; the parent also measures the wall time from
spawning the child to the child's exit (interpreter start-up included). Runs of the app
and of the bare wizard alternate, so that load on the machine hits both alike. A first,
untimed run of each writes the .pyc files (PYTHONDONTWRITEBYTECODE is dropped for the child).

The app side follows `decisionaid` (cli.main -> gui.app.run): import the CLI module, create
the styled QApplication, and let a WizardHost build the session and the wizard and show it.

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
print(time.perf_counter() - t0)
"""


def run_child(code: str) -> tuple[float, float]:
    """(seconds inside the child to the shown window, wall seconds from spawn to exit)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # A deployed app imports from .pyc files; PYTHONDONTWRITEBYTECODE (set in some CI images)
    # would make every run compile every module from source instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - start
    return float(done.stdout.strip().splitlines()[-1]), wall


def measure(runs: int, language: str = "en") -> dict[str, float]:
    run_child(BARE)  # warm the OS file cache once for both
    run_child(APP.format(language=language))
    bare: list[tuple[float, float]] = []
    app: list[tuple[float, float]] = []
    for _ in range(runs):
        bare.append(run_child(BARE))
        app.append(run_child(APP.format(language=language)))
    result = {
        "runs": runs,
        "bare_shown_s": statistics.median(b[0] for b in bare),
        "app_shown_s": statistics.median(a[0] for a in app),
        "bare_wall_s": statistics.median(b[1] for b in bare),
        "app_wall_s": statistics.median(a[1] for a in app),
    }
    result["ratio_shown"] = result["app_shown_s"] / result["bare_shown_s"]
    result["ratio_wall"] = result["app_wall_s"] / result["bare_wall_s"]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--language", default="en")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = measure(args.runs, args.language)
    print(f"cold start, median of {args.runs} fresh processes each (offscreen)")
    print(f"{'':<22} {'to first page s':>15} {'spawn→exit s':>13}")
    print(
        f"{'bare QWizard, 1 page':<22} {result['bare_shown_s']:>15.3f} {result['bare_wall_s']:>13.3f}"
    )
    print(
        f"{'decisionaid wizard':<22} {result['app_shown_s']:>15.3f} {result['app_wall_s']:>13.3f}"
    )
    print(
        f"{'ratio (target ≤ 1.5)':<22} {result['ratio_shown']:>15.2f} {result['ratio_wall']:>13.2f}"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
