# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Shared by the GUI benchmarks: walk the real wizard without a person, a fake printer, meters.

The walk answers every step through the page widgets (`QAbstractButton.click()`, `setText`),
so the pages' own slots update the Session exactly as clicks would, and presses the wizard's
real Next button; it does not synthesise mouse events, which keeps one walk fast.
"""

from __future__ import annotations

import gc
import os
import resource
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop
from PySide6.QtWidgets import QApplication, QWizard

from decisionaid.answers import UNSURE
from decisionaid.gui.pages import Page
from decisionaid.gui.pages.about_you import AboutYouPage
from decisionaid.gui.pages.knowledge import KnowledgePage
from decisionaid.gui.pages.leaning import LeaningPage
from decisionaid.gui.pages.questions import QuestionsPage
from decisionaid.gui.pages.readiness import ReadinessPage
from decisionaid.gui.pages.summary import SummaryPage
from decisionaid.gui.pages.values import ValuesPage
from mallinfo import heap_bytes

OWN_QUESTION = "Can I keep working during treatment? <b>&</b> هل يمكنني العمل؟ 😀"
NOTES = "I live two hours from the hospital.\nMy sister can drive me."


@dataclass
class FakePrinter:
    """Records print calls instead of printing: a count and the last few (size, title).

    Bounded on purpose, so that the soak's object counts measure the app, not this log.
    """

    count: int = 0
    recent: deque[tuple[int, str]] = field(default_factory=lambda: deque(maxlen=5))

    def print_pdf(self, pdf: bytes, title: str) -> None:
        if not pdf.startswith(b"%PDF"):
            raise AssertionError("the printer was not given a PDF")
        self.count += 1
        self.recent.append((len(pdf), title))


def flush() -> None:
    """Run posted events and deferred deletions, as the event loop would between sessions."""
    app = QCoreApplication.instance()
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if app is not None:
            app.processEvents()


def read(milliseconds: int) -> None:
    """Let the event loop run, untimed, for as long as a (very quick) person reads a page."""
    if milliseconds <= 0:
        return
    deadline = time.perf_counter() + milliseconds / 1000
    while time.perf_counter() < deadline:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        time.sleep(0.005)


def _next(
    wizard: QWizard,
    timings: dict[str, float] | None,
    read_ms: int = 0,
    cpu_timings: dict[str, float] | None = None,
) -> None:
    read(read_ms)  # the person reads, answers and only then reaches for Next
    page = wizard.currentPage()
    before = wizard.currentId()
    button = wizard.button(QWizard.WizardButton.NextButton)
    if not button.isEnabled():
        missing = page.missing() if isinstance(page, Page) else ()
        raise RuntimeError(f"Next is disabled on {type(page).__name__}: {missing}")
    start, cpu_start = time.perf_counter(), time.thread_time()
    button.click()
    QApplication.processEvents()  # the new page laid out and painted
    elapsed = time.perf_counter() - start
    if cpu_timings is not None:
        cpu_timings[type(page).__name__] = time.thread_time() - cpu_start
    if wizard.currentId() != before + 1:
        raise RuntimeError(f"Next did not leave {type(page).__name__}")
    if timings is not None:
        timings[type(page).__name__] = elapsed


def walk(
    wizard: QWizard,
    *,
    seed: int = 0,
    timings: dict[str, float] | None = None,
    read_ms: int = 0,
    cpu_timings: dict[str, float] | None = None,
) -> SummaryPage:
    """Answer every step and stop on the summary; `timings` gets seconds per Next, by page
    (`cpu_timings` the CPU seconds of this thread for the same turns).

    With `read_ms` the event loop runs that long before each Next, untimed, as it does
    between a person's last answer on a page and their tap on Next (the wizard prepares the
    next page in such pauses).
    """
    content = wizard.session.content  # type: ignore[attr-defined]
    _next(wizard, timings, read_ms, cpu_timings)  # welcome

    about = wizard.currentPage()
    assert isinstance(about, AboutYouPage)
    condition = content.conditions[seed % len(content.conditions)]
    about.condition_rows[condition.id].button.click()
    for tid in condition.treatments[: 1 + seed % 3]:
        about.treatment_rows[tid].button.click()
    _next(wizard, timings, read_ms, cpu_timings)

    for _page in range(4):  # options, benefits, risks, unknowns: reading only
        _next(wizard, timings, read_ms, cpu_timings)

    knowledge = wizard.currentPage()
    assert isinstance(knowledge, KnowledgePage)
    for index, item in enumerate(content.knowledge):
        choices = [c.id for c in item.choices]
        knowledge.choice_rows[item.id][choices[(seed + index) % len(choices)]].button.click()
    _next(wizard, timings, read_ms, cpu_timings)

    values = wizard.currentPage()
    assert isinstance(values, ValuesPage)
    for index, item in enumerate(content.considerations):
        values.scales[item.id].buttons[str((seed + index) % 5)].click()
    list(values.concern_rows.values())[seed % len(values.concern_rows)].button.click()
    values.own_concerns.entry.setText(f"Who looks after my dog? #{seed}")
    values.own_concerns.add_button.click()
    _next(wizard, timings, read_ms, cpu_timings)

    readiness = wizard.currentPage()
    assert isinstance(readiness, ReadinessPage)
    for index, scale in enumerate(readiness.scales.values()):
        scale.buttons[("yes", "unsure", "no")[(seed + index) % 3]].click()
    _next(wizard, timings, read_ms, cpu_timings)

    leaning = wizard.currentPage()
    assert isinstance(leaning, LeaningPage)
    leaning_ids = list(leaning.leaning_rows)
    leaning.leaning_rows[
        leaning_ids[seed % len(leaning_ids)] if seed % 4 else UNSURE
    ].button.click()
    for index, scale in enumerate(leaning.sure_scales.values()):
        scale.buttons["yes" if (seed + index) % 3 else "no"].click()
    _next(wizard, timings, read_ms, cpu_timings)

    questions = wizard.currentPage()
    assert isinstance(questions, QuestionsPage)
    rows = list(questions.question_rows.values())
    rows[0].button.click()
    rows[-1].button.click()
    questions.own_questions.entry.setText(f"{OWN_QUESTION} #{seed}")
    questions.own_questions.add_button.click()
    questions.notes.setPlainText(NOTES)
    _next(wizard, timings, read_ms, cpu_timings)

    summary = wizard.currentPage()
    assert isinstance(summary, SummaryPage)
    return summary


def print_summary(summary: SummaryPage) -> None:
    """Press Print, as the person would; the page renders the PDF and hands it to its printer."""
    summary.print_button.click()
    if not summary.kept_copy:
        raise RuntimeError(f"printing failed: {summary.status_label.text()}")


def rss_kb() -> int:
    """Resident set size now, from /proc/self/status (VmRSS)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def peak_rss_kb() -> int:
    """Peak resident set size of this process (ru_maxrss, KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def heap_kb() -> int:
    """Memory malloc has handed out and not had back (mallinfo.heap_bytes), in KiB; -1 elsewhere."""
    heap = heap_bytes()
    return -1 if heap is None else heap // 1024


@dataclass(frozen=True)
class Counts:
    """What is alive after a full flush and collection."""

    rss_kb: int
    heap_kb: int
    widgets: int
    qobjects: int
    pyobjects: int


def counts() -> Counts:
    """Flush deferred deletions, collect, and count."""
    flush()
    gc.collect()
    objects = gc.get_objects()
    wrappers = sum(1 for o in objects if isinstance(o, shiboken6.Shiboken.Object))
    return Counts(rss_kb(), heap_kb(), len(QApplication.allWidgets()), wrappers, len(objects))


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start
