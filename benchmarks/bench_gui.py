# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Wizard page-to-page time (Next, per page) and peak memory of one full walk plus the PDF.

--transitions: build, show and walk a fresh wizard --runs times; print the median time of
pressing Next on each page (click, the next page's initializePage, layout and one paint
via processEvents). --peak: in this (fresh) process, one walk, Print (the PDF is rendered
and handed to a fake printer), then ru_maxrss. Run each mode in its own process for a
clean peak; run_all.py does.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gui.py --transitions
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import qInstallMessageHandler

from decisionaid.gui.app import create_application
from decisionaid.gui.host import install_language
from decisionaid.gui.wizard import build_wizard
from decisionaid.session import new_session
from walk import FakePrinter, flush, median, peak_rss_kb, print_summary, walk


def quiet_qt(_kind: object, _context: object, message: str) -> None:
    if "This plugin does not support" not in message:
        print(message, file=sys.stderr)


def one_walk(language: str, seed: int, timings: dict[str, float] | None, *, printing: bool) -> None:
    printer = FakePrinter()
    session = new_session(language)
    install_language(session.translator)
    wizard = build_wizard(session, printer, kiosk=True)
    wizard.resize(1024, 600)
    wizard.show()
    flush()
    summary = walk(wizard, seed=seed, timings=timings)
    if printing:
        print_summary(summary)
    wizard.hide()
    wizard.deleteLater()
    flush()


def transitions(language: str, runs: int) -> dict[str, float]:
    one_walk(language, 0, None, printing=False)  # warm caches: fonts, catalogs, styles
    samples: dict[str, list[float]] = {}
    for run in range(runs):
        timings: dict[str, float] = {}
        one_walk(language, run, timings, printing=False)
        for page, seconds in timings.items():
            samples.setdefault(page, []).append(seconds)
    return {page: median(values) * 1000 for page, values in samples.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--transitions", action="store_true")
    mode.add_argument("--peak", action="store_true")
    parser.add_argument("--language", default="en")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    qInstallMessageHandler(quiet_qt)
    create_application(["bench"])
    result: dict[str, object] = {"language": args.language}
    if args.transitions:
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
