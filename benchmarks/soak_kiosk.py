# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Soak: many kiosk sessions in one process; memory and live objects must stay flat.

Each session, through the real KioskController and the real wizard (as `decisionaid --kiosk`
builds them, Qt translator included): pick a language on the welcome page (en, es, ar in
turn; the controller rebuilds), make the text larger (and every other person, choose high
contrast), answer every step, press Print (a fake printer records the
call), touch the screen once, then let the inactivity timer run out and the "Are you still
there?" countdown reach zero, which resets the kiosk for the next person.

Every --every sessions and at the end it prints VmRSS, the malloc heap in use, live widgets,
live Shiboken wrappers and Python objects (after flushing deferred deletes and
gc.collect()). Sessions 1..warm-up are excluded from the growth figures: fonts, catalogs and caches fill then.

Growth found with it (2026-11-25, see README "## Performance"): every rebuild leaves one
QTranslator behind (gui/host.py install_language() never deletes the previous one, nor the
one whose load() failed), and every page's QScroller.grabGesture() registers a new gesture
type that PySide6 keeps as a new enum class for good. Both are fixed.

Found and ended (2026-12-05): the malloc heap grew about 12-15 KiB a session while widgets,
wrappers and Python objects stayed flat. heaptrack (the allocations still live after 40
sessions minus those after 10) put it all in Qt's stylesheet style: QStyleSheetStyle caches
rules per widget address (renderRulesCache, hasStyleRuleCache) and drops a widget's entries
when it is deleted, but the viewport of a scroll area or text box counts as "unstylable", so
Qt never watches it for deletion, yet files an entry under its address when it is painted or
measured. Every wizard leaves some per viewport (each page's scroll area, the side panel,
the notes box) for good; only setting the stylesheet again empties them. That is why leaving
QWidget#pageBody unstyled changed nothing: the entries hang on the viewport around it.
Bounded caches were ruled out first: QPixmapCache.clear() after each session changed nothing,
and the growth did not level off over 500 sessions (27.3/29.8/34.7 MiB at 1/100/500).
The kiosk now sets the same stylesheet again after each person, once the old wizard is
deleted (gui/style.py refresh_stylesheet(), gui/kiosk.py; about 40 ms per person); that
also clears the languages' rebuilds of the same session. --keep-qt-style-caches skips it,
to show the growth. tools/upstream_bugs.py reports whether Qt still has the bug.
500 sessions, 2026-12-05, heap at sessions 1/100/500: with --keep-qt-style-caches
26.6/29.1/34.0 MiB (+4.9 MiB after warm-up, as steady per 100 sessions at the end as at the
start), with the refresh 26.4/27.6/27.9 MiB (+0.3 MiB, about 0.8 KiB a session; RSS
157.8/178.8/178.0 MiB). What heaptrack still finds growing then is font glyph caches and
the layout items of whichever page is on screen: noise, not a leak. RSS moves by up to about
1 MiB between rows either way (allocator and Python arenas), with no trend.

Found and ended (2026-12-06): the heap grew about 7 KiB a session again after ticked boxes got
their tick, an SVG in the stylesheet. Each refresh parses it again, a new icon whose renderings
Qt's pixmap cache keeps beside the old icon's until the cache is full (10 MiB); the refresh now
empties the pixmap cache too. 500 sessions: heap +2.9 MiB before, +0.3 MiB after.

It prints a row after session 1, every --every sessions and at the end (1, 100, …, 500 by
default). Exit status 3 when the malloc heap or RSS grew more than --limit-mib (default 1
MiB) from the end of warm-up to the last session (the issue's "flat" target); 1 if the
script itself failed.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/soak_kiosk.py [--sessions 500]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import (
    QEvent,
    QEventLoop,
    Qt,
    QTimer,
    QTranslator,
    SignalInstance,
    qInstallMessageHandler,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from decisionaid.gui import style
from decisionaid.gui.app import create_application
from decisionaid.gui.host import install_language
from decisionaid.gui.kiosk import KioskController
from decisionaid.gui.pages.welcome import WelcomePage
from decisionaid.gui.wizard import DecisionWizard, build_wizard
from decisionaid.i18n import available_languages
from decisionaid.session import Session
from decisionaid.system.kiosk_config import KioskConfig
from walk import Counts, FakePrinter, counts, flush, print_summary, read, walk

IDLE_MS = 60_000  # never fires on its own during a walk; the reset shortens it


def quiet_qt(_kind: object, _context: object, message: str) -> None:
    """Drop the offscreen plugin's "does not support raise()" chatter; keep everything else."""
    if "This plugin does not support" not in message:
        print(message, file=sys.stderr)


def touch(widget: QWidget) -> None:
    """One key press, delivered through QApplication like real input (the watcher sees it)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(
            widget, QKeyEvent(kind, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)
        )


def wait_for(signal: SignalInstance, timeout_ms: int = 10_000) -> None:
    """Run the event loop until `signal` fires; disconnect afterwards (or the soak leaks)."""
    loop = QEventLoop()
    fired: list[bool] = []

    def on_signal(*_args: object) -> None:
        fired.append(True)
        loop.quit()

    signal.connect(on_signal)
    QTimer.singleShot(timeout_ms, loop.quit)
    try:
        loop.exec()
    finally:
        signal.disconnect(on_signal)
    if not fired:
        raise RuntimeError("timed out waiting for the kiosk to reset")


class Soak:
    def __init__(self, app: QApplication, print_root: Path) -> None:
        self.printer = FakePrinter()
        self.qt_translator: QTranslator | None = None
        self.app = app

        def make_wizard(session: Session) -> QWidget:  # as gui.app._run_kiosk does
            self.qt_translator = install_language(session.translator, self.qt_translator, app)
            return build_wizard(session, self.printer, kiosk=True)

        self.controller = KioskController(
            make_wizard,
            KioskConfig(),
            language="en",
            idle_ms=IDLE_MS,
            warning_seconds=1,
            tick_ms=1,
            print_temp_root=print_root,
        )
        self.controller.start()
        self.languages = [lang.code for lang in available_languages(include_pseudo=False)]
        self.warnings_seen = 0

    def session(self, number: int) -> None:
        controller = self.controller
        wizard = controller.wizard
        assert isinstance(wizard, DecisionWizard)
        language = self.languages[number % len(self.languages)]
        if language != controller.language:
            welcome = wizard.page_of(WelcomePage)
            welcome.language_buttons[language].click()  # the controller builds a new wizard
            flush()
            wizard = controller.wizard
            assert isinstance(wizard, DecisionWizard)
            assert wizard.session.translator.language == language
        settings = wizard.display_settings
        settings.larger_button.click()  # each page restyled by scope (gui/style.py)
        if number % 2:
            settings.contrast_row.button.click()
        summary = walk(wizard, seed=number)
        del settings
        before = self.printer.count
        print_summary(summary)
        assert self.printer.count == before + 1
        del summary, wizard

        assert controller.wizard is not None
        touch(controller.wizard)  # the person was here...
        controller.watcher.timer.start(1)  # ...and then walked away
        controller.rebuilt.connect(self._count_warning)
        wait_for(controller.rebuilt)
        controller.rebuilt.disconnect(self._count_warning)
        controller.watcher.timer.setInterval(IDLE_MS)
        controller.watcher.restart()
        assert controller.session is not None
        assert controller.session.answers.own_questions == ()
        # The next person's guide prepares its second page while it waits: let it, so that
        # every sample is taken in the same state (else whether that page is built yet, 46
        # widgets, depends on the machine's speed).
        ready = controller.wizard
        assert isinstance(ready, DecisionWizard)
        deadline = time.perf_counter() + 10
        while not ready.pages[1].built:
            if time.perf_counter() > deadline:
                raise RuntimeError("the next guide never prepared its second page")
            read(10)

    def _count_warning(self, _wizard: object) -> None:
        self.warnings_seen += 1


def row(number: int, c: Counts, base: Counts | None, elapsed: float) -> str:
    grow = f"{(c.rss_kb - base.rss_kb) / 1024:+8.1f}" if base else f"{'':>8}"
    return (
        f"{number:>8} {c.rss_kb / 1024:>8.1f} {grow} {c.heap_kb / 1024:>8.1f} {c.widgets:>8} "
        f"{c.qobjects:>9} {c.pyobjects:>9} {elapsed:>8.1f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=500)
    parser.add_argument("--every", type=int, default=100)
    parser.add_argument("--limit-mib", type=float, default=1.0)
    parser.add_argument("--warmup", type=int, default=0, help="default: --every")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--keep-qt-style-caches",
        action="store_true",
        help="skip the stylesheet refresh after each person (shows Qt's cache growth)",
    )
    args = parser.parse_args()
    warmup = args.warmup or args.every
    if args.keep_qt_style_caches:
        style.refresh_stylesheet = lambda: None

    qInstallMessageHandler(quiet_qt)
    app = create_application(["soak"])
    with tempfile.TemporaryDirectory(prefix="decisionaid-soak-") as print_root:
        soak = Soak(app, Path(print_root))
        start = time.perf_counter()
        first = counts()
        rows: list[tuple[int, Counts, float]] = [(0, first, 0.0)]
        print(f"kiosk soak: {args.sessions} sessions, languages {', '.join(soak.languages)}")
        header = (
            f"{'sessions':>8} {'RSS MB':>8} {'growth':>8} {'heap MB':>8} {'widgets':>8} "
            f"{'wrappers':>9} {'pyobjects':>9} {'time s':>8}"
        )
        print(header)
        print(row(0, first, None, 0.0), flush=True)
        base: Counts | None = None
        for number in range(1, args.sessions + 1):
            soak.session(number)
            if number == 1 or number % args.every == 0 or number == args.sessions:
                now = counts()
                if number >= warmup and base is None:
                    base = now
                rows.append((number, now, time.perf_counter() - start))
                print(row(number, now, base, time.perf_counter() - start), flush=True)
        soak.controller.stop()
        flush()

    last = rows[-1][1]
    base = base or first
    after = [c for n, c, _t in rows if n >= warmup]
    summary = {
        "sessions": args.sessions,
        "qt_style_caches_kept": args.keep_qt_style_caches,
        "seconds": round(rows[-1][2], 1),
        "per_session_ms": round(rows[-1][2] / max(args.sessions, 1) * 1000, 1),
        "printed": soak.printer.count,
        "resets_via_countdown": soak.warnings_seen,
        "warmup_sessions": warmup,
        "rss_start_mb": round(first.rss_kb / 1024, 1),
        "rss_after_warmup_mb": round(base.rss_kb / 1024, 1),
        "rss_end_mb": round(last.rss_kb / 1024, 1),
        "rss_growth_after_warmup_mb": round((last.rss_kb - base.rss_kb) / 1024, 1),
        "heap_growth_after_warmup_mb": round((last.heap_kb - base.heap_kb) / 1024, 1),
        "widgets_range_after_warmup": [
            min(c.widgets for c in after),
            max(c.widgets for c in after),
        ],
        "wrappers_range_after_warmup": [
            min(c.qobjects for c in after),
            max(c.qobjects for c in after),
        ],
        "pyobjects_growth_after_warmup": last.pyobjects - base.pyobjects,
        "rows": [
            {
                "sessions": n,
                "rss_kb": c.rss_kb,
                "heap_kb": c.heap_kb,
                "widgets": c.widgets,
                "wrappers": c.qobjects,
                "pyobjects": c.pyobjects,
                "seconds": round(t, 2),
            }
            for n, c, t in rows
        ],
    }
    per = (last.rss_kb - base.rss_kb) / max(args.sessions - warmup, 1)
    print(
        f"after warm-up ({warmup} sessions): RSS {summary['rss_growth_after_warmup_mb']:+.1f} MB "
        f"({per:+.1f} KiB/session), malloc heap {summary['heap_growth_after_warmup_mb']:+.1f} MB, "
        f"widgets {summary['widgets_range_after_warmup']}, "
        f"wrappers {summary['wrappers_range_after_warmup']}, "
        f"Python objects {summary['pyobjects_growth_after_warmup']:+d}; "
        f"printed {soak.printer.count}, countdown resets {soak.warnings_seen}"
    )
    over = max(summary["heap_growth_after_warmup_mb"], summary["rss_growth_after_warmup_mb"])
    summary["limit_mib"] = args.limit_mib
    summary["flat"] = bool(over <= args.limit_mib)
    print(
        f"{'flat' if summary['flat'] else 'NOT flat'}: largest growth {over:+.1f} MiB "
        f"(limit +{args.limit_mib:.1f} MiB over sessions {warmup}..{args.sessions})"
    )
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0 if summary["flat"] else 3


if __name__ == "__main__":
    sys.exit(main())
