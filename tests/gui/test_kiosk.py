"""Kiosk mode: nothing of one person survives a reset; the window cannot be left without the PIN."""

from __future__ import annotations

import gc
import logging
import os
import subprocess
import sys
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from guihelpers import click, go_next
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication, QPixmap, QPixmapCache
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from test_wizard_walk import CONDITIONS, OWN_QUESTION, walk_to_summary

from decisionaid.answers import Answers
from decisionaid.gui import style
from decisionaid.gui.failure import ErrorScreen
from decisionaid.gui.kiosk import InactivityWatcher, KioskController, kiosk_lp_printer
from decisionaid.gui.kiosk_dialogs import PinDialog
from decisionaid.gui.pages import Page
from decisionaid.gui.pages.questions import QuestionsPage
from decisionaid.gui.pages.summary import SummaryPage
from decisionaid.gui.wizard import DecisionWizard, build_wizard
from decisionaid.i18n import activate, translator_for
from decisionaid.session import Session, new_session
from decisionaid.system.kiosk_config import KioskConfig, hash_pin
from decisionaid.system.printing import LpPrinter

SECRET = "SECRET-123"
PIN = "2468"
PIN_HASH = hash_pin(PIN)  # scrypt is deliberately slow: hash once


class TinyWizard(QWizard):
    """A stand-in with the real wizard's public signals, quick to build."""

    start_over_requested = Signal()
    language_requested = Signal(str)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        page = QWizardPage()
        self.entry = QLineEdit(page)
        QVBoxLayout(page).addWidget(self.entry)
        self.addPage(page)


def flush_deletes() -> None:
    """Run Qt's deferred deletions now, as the event loop would."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def shown_texts() -> list[str]:
    """Every text any live widget in any top-level window carries."""
    texts: list[str] = []
    for top in QApplication.topLevelWidgets():
        if not shiboken6.isValid(top):
            continue
        for widget in [top, *top.findChildren(QWidget)]:
            texts += [widget.windowTitle(), widget.accessibleName(), widget.toolTip()]
            if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
                texts.append(widget.text())
            elif isinstance(widget, QPlainTextEdit | QTextEdit):
                texts.append(widget.toPlainText())
    return texts


@pytest.fixture
def print_temp(tmp_path: Path) -> Path:
    folder = tmp_path / "print-tmp"
    folder.mkdir()
    return folder


@pytest.fixture
def start_kiosk(qtbot, print_temp: Path) -> Iterator[Callable[..., KioskController]]:
    """Start a kiosk on the real wizard, with short timers; stopped after the test."""
    controllers: list[KioskController] = []

    def start(*, real: bool = False, **options: object) -> KioskController:
        printer = LpPrinter(temp_root=print_temp)
        make: Callable[[Session], QWidget] = (
            (lambda session: build_wizard(session, printer, kiosk=True)) if real else TinyWizard
        )
        settings: dict[str, object] = {
            "idle_ms": 150,
            "warning_seconds": 3,
            "tick_ms": 20,
            "long_press_ms": 60,
            "print_temp_root": print_temp,
        }
        settings.update(options)
        controller = KioskController(
            make,
            KioskConfig(staff_pin_hash=PIN_HASH),
            **settings,  # type: ignore[arg-type]
        )
        controllers.append(controller)
        controller.start()
        assert controller.wizard is not None
        qtbot.waitExposed(controller.wizard)
        return controller

    yield start
    for controller in controllers:
        controller.stop()
    flush_deletes()


def type_secret_into_notes(qtbot, wizard: QWizard) -> None:
    """From the summary, go back to the questions, type the secret into the notes, return."""
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)
    questions = wizard.currentPage()
    assert isinstance(questions, QuestionsPage)
    click(qtbot, questions.notes)
    qtbot.keyClicks(questions.notes, f" {SECRET}")
    go_next(qtbot, wizard)


def test_a_printer_that_hangs_never_freezes_the_screen_and_the_idle_wipe_kills_it(
    qtbot, start_kiosk, fake_lp: Path, print_temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_LP_MODE", "hang")  # lp hangs and leaves a grandchild behind
    kiosk = start_kiosk(real=True, idle_ms=1500)
    wizard = kiosk.wizard
    assert wizard is not None
    walk_to_summary(qtbot, wizard, CONDITIONS[0])
    summary = wizard.currentPage()
    assert isinstance(summary, SummaryPage)
    click(qtbot, summary.print_button)
    assert summary.print_job is not None  # the click returned while lp still runs
    assert not summary.print_button.isEnabled()
    qtbot.waitUntil(lambda: (fake_lp / "grandchild").exists(), timeout=5000)
    grandchild = int((fake_lp / "grandchild").read_text())
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=5000)  # the event loop keeps running
    timer.stop()
    del summary
    with qtbot.waitSignal(kiosk.rebuilt, timeout=20_000):  # the idle wipe fires mid-print
        pass
    flush_deletes()
    qtbot.waitUntil(lambda: not _alive(grandchild), timeout=5000)
    assert list(print_temp.iterdir()) == []


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie waiting to be reaped counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


def test_no_answer_free_text_window_clipboard_print_file_or_log_line_survives_an_idle_reset(
    qtbot, start_kiosk, fake_lp: Path, print_temp: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every record from every logger, during the whole walk
    # Idle long enough for the print to finish first: the PDF is rendered in the click (about
    # 0.4 s) and the job polled every 100 ms, which a 150 ms idle plus countdown raced.
    kiosk = start_kiosk(real=True, idle_ms=600)
    old = kiosk.wizard
    assert old is not None
    assert old.isFullScreen()
    assert old.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert old.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    walk_to_summary(qtbot, old, CONDITIONS[0])
    type_secret_into_notes(qtbot, old)
    answers = kiosk.session.answers
    assert SECRET in answers.notes
    summary = old.currentPage()
    assert isinstance(summary, SummaryPage)
    assert not summary.save_button.isVisible()  # kiosk: never a file on disk
    click(qtbot, summary.print_button)
    qtbot.waitUntil(lambda: kiosk.wizard.currentPage().print_job is None, timeout=10_000)
    assert (fake_lp / "received.pdf").read_bytes().startswith(b"%PDF")
    QGuiApplication.clipboard().setText(SECRET)
    box = QMessageBox(
        QMessageBox.Icon.Information, "Open", f"A dialog showing {SECRET}", parent=old
    )
    box.open()
    old_ref, session_ref = weakref.ref(old), weakref.ref(kiosk.session)
    box_ref = weakref.ref(box)
    del summary, box

    with qtbot.waitSignal(kiosk.rebuilt, timeout=5000):
        qtbot.waitUntil(lambda: kiosk.warning is not None, timeout=2000)
        warning = kiosk.warning
        assert "Are you still there?" in warning.title.text()
        assert "start over in" in warning.message.text()
        assert warning.stay_button.height() >= 44
        del warning

    new = kiosk.wizard
    assert new is not None
    assert new is not old
    assert new.isVisible()
    assert new.isFullScreen()
    assert kiosk.session.answers == Answers(language="en")
    assert new.session is kiosk.session
    assert new.currentId() == 0
    assert kiosk.warning is None

    flush_deletes()
    assert not shiboken6.isValid(old)
    del old
    gc.collect()
    assert old_ref() is None
    assert session_ref() is None
    assert box_ref() is None or not shiboken6.isValid(box_ref())
    assert not any(SECRET in text for text in shown_texts())
    assert not any("Who looks after my dog?" in text for text in shown_texts())
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text(QClipboard.Mode.Clipboard) == ""
    data = clipboard.mimeData(QClipboard.Mode.Clipboard)
    assert data is None or not data.formats()
    assert list(print_temp.iterdir()) == []

    logged = [record.getMessage() for record in caplog.records]
    assert any("new session" in line for line in logged)  # logging was captured at all
    secrets = [SECRET, OWN_QUESTION, "Bring the scan results.", answers.condition]
    secrets += [*answers.own_concerns, *answers.own_questions]
    assert [(s, line) for line in logged for s in secrets if s and s in line] == []


class StyleChangeSpy(QObject):
    """Notes, for each StyleChange a watched widget gets, whether any of `old` is still alive."""

    def __init__(self, old: list[QObject]) -> None:
        super().__init__()
        self.old = old
        self.watched: QObject | None = None
        self.seen: list[bool] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.StyleChange and watched is self.watched:
            self.seen.append(any(shiboken6.isValid(o) for o in self.old))
        return False


def test_after_finish_qt_forgets_the_old_wizards_styles_once_all_of_it_is_deleted(
    qtbot, start_kiosk, answer_dialogs
) -> None:
    """Qt 6.12 keeps stylesheet caches of deleted scroll-area viewports (style.refresh_stylesheet).

    After each person the stylesheet is set again, which empties them (about 13 KiB a person),
    and only once the old wizard and every viewport in it are deleted, so that only the new
    first page is re-polished.
    """
    kiosk = start_kiosk(real=True, idle_ms=60_000)
    old = kiosk.wizard
    assert old is not None
    walk_to_summary(qtbot, old, CONDITIONS[0])  # every page and its scroll area painted
    viewports = [area.viewport() for area in old.findChildren(QAbstractScrollArea)]
    assert len(viewports) >= 10  # a scroll area per page, the side panel, the notes box
    spy = StyleChangeSpy([old, *viewports])
    spy.watched = old
    app = QApplication.instance()
    app.installEventFilter(spy)
    try:
        answer_dialogs(True)  # "Finish and clear your answers?" Yes
        with qtbot.waitSignal(kiosk.session_ended, timeout=5000):
            click(qtbot, old.button(QWizard.WizardButton.FinishButton))
        new = kiosk.wizard
        assert new is not old
        spy.watched = new
        flush_deletes()
        qtbot.waitUntil(lambda: bool(spy.seen), timeout=5000)
        flush_deletes()
    finally:
        app.removeEventFilter(spy)
    assert not any(shiboken6.isValid(o) for o in [old, *viewports])
    assert spy.seen == [False]  # set again once, and nothing of the old wizard was left


def test_after_a_person_qt_forgets_the_pixmaps_it_drew(qtbot, start_kiosk) -> None:
    """Setting the stylesheet again parses the ticked box's icon again: a new icon, whose
    renderings Qt's pixmap cache would keep beside the old icon's until it is full (10 MiB).
    After each person the pixmap cache is emptied with the stylesheet's own caches."""
    kiosk = start_kiosk(real=True, idle_ms=60_000)
    assert QPixmapCache.insert("decisionaid-test-pixmap", QPixmap(8, 8))
    with qtbot.waitSignal(kiosk.session_ended, timeout=5000):
        kiosk.reset()
    flush_deletes()
    qtbot.waitUntil(lambda: QPixmapCache.find("decisionaid-test-pixmap") is None, timeout=5000)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_stylesheet_refresh_changes_no_pixel_of_a_page_whose_scroll_area_has_focus(
    qtbot, make_wizard, language: str
) -> None:
    """The refresh after each person re-polishes the new first page while its scroll area has
    the focus; Qt sizes a scroll area's frame only then, so the focus ring must not change it."""
    try:
        wizard = make_wizard(new_session(language), kiosk=True)
        page = wizard.currentPage()
        assert isinstance(page, Page)
        page.scroll_area.setFocus()
        qtbot.waitUntil(page.scroll_area.hasFocus)
        flush_deletes()
        before = wizard.grab().toImage()
        style.refresh_stylesheet()
        flush_deletes()
        assert wizard.grab().toImage() == before
    finally:
        activate(translator_for("en"))  # building the wizard made its language the current one


def test_activity_during_the_warning_cancels_the_reset(qtbot, start_kiosk) -> None:
    kiosk = start_kiosk(idle_ms=100, warning_seconds=20, tick_ms=20)
    wizard = kiosk.wizard
    qtbot.keyClick(wizard, Qt.Key.Key_Tab)  # someone is using it
    qtbot.waitUntil(lambda: kiosk.warning is not None, timeout=2000)
    assert kiosk.warning.windowModality() == Qt.WindowModality.NonModal  # a touch anywhere counts
    rebuilt: list[object] = []
    kiosk.rebuilt.connect(rebuilt.append)
    qtbot.mouseClick(wizard, Qt.MouseButton.LeftButton, pos=QPoint(200, 200))
    assert kiosk.warning is None
    qtbot.waitUntil(lambda: kiosk.warning is not None, timeout=2000)  # quiet again: asks again
    qtbot.mouseClick(kiosk.warning.stay_button, Qt.MouseButton.LeftButton)
    assert kiosk.warning is None
    qtbot.wait(50)
    assert rebuilt == []
    assert kiosk.wizard is wizard


def test_a_modal_question_left_open_is_closed_by_the_reset(qtbot, start_kiosk) -> None:
    kiosk = start_kiosk(idle_ms=80, warning_seconds=2, tick_ms=20)
    wizard = kiosk.wizard
    qtbot.keyClicks(wizard.entry, SECRET)
    box = QMessageBox(QMessageBox.Icon.Question, "Finish?", "Finish anyway?", parent=wizard)
    results: list[int] = []
    QTimer.singleShot(0, lambda: results.append(box.exec()))  # a page's confirm() waiting
    with qtbot.waitSignal(kiosk.rebuilt, timeout=3000):
        pass
    qtbot.waitUntil(lambda: results != [], timeout=2000)  # exec() returned: no loop left hanging
    assert kiosk.wizard is not wizard
    flush_deletes()
    assert not shiboken6.isValid(box)


def test_im_still_here_can_be_pressed_over_a_modal_question(qtbot, start_kiosk) -> None:
    kiosk = start_kiosk(idle_ms=80, warning_seconds=50, tick_ms=20)
    wizard = kiosk.wizard
    qtbot.keyClicks(wizard.entry, "x")
    box = QMessageBox(QMessageBox.Icon.Question, "Finish?", "Finish anyway?", parent=wizard)
    results: list[int] = []

    def press_stay_then_answer() -> None:
        qtbot.waitUntil(lambda: kiosk.warning is not None, timeout=2000)
        # The question blocks every other window; the warning must be the one on top of it.
        assert QApplication.activeModalWidget() is kiosk.warning
        qtbot.mouseClick(kiosk.warning.stay_button, Qt.MouseButton.LeftButton)
        assert kiosk.warning is None
        box.accept()

    QTimer.singleShot(0, press_stay_then_answer)
    results.append(box.exec())
    assert results == [QMessageBox.DialogCode.Accepted.value]
    assert kiosk.wizard is wizard


def test_an_untouched_session_is_left_alone_when_idle(qtbot, start_kiosk) -> None:
    kiosk = start_kiosk(idle_ms=30)
    wizard = kiosk.wizard
    qtbot.wait(150)
    assert kiosk.warning is None
    assert kiosk.wizard is wizard


def test_escape_and_close_requests_do_not_leave_the_kiosk(qtbot, start_kiosk) -> None:
    kiosk = start_kiosk(idle_ms=60_000)
    wizard = kiosk.wizard
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    qtbot.keyClick(wizard.button(QWizard.WizardButton.NextButton), Qt.Key.Key_Escape)
    # Alt+F4 and the window manager's close button arrive as a spontaneous close event.
    assert wizard.windowHandle().close() is False
    QCoreApplication.processEvents()
    assert wizard.isVisible()
    assert kiosk.wizard is wizard


def test_finish_start_over_and_a_language_change_each_build_a_new_session(
    qtbot, start_kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    languages: list[str] = []

    def session_factory(language: str) -> Session:
        languages.append(language)
        return new_session("en")

    kiosk = start_kiosk(idle_ms=60_000, session_factory=session_factory)
    first = kiosk.wizard
    first.start_over_requested.emit()
    second = kiosk.wizard
    assert second is not first
    second.language_requested.emit("xx")
    third = kiosk.wizard
    assert third is not second
    assert kiosk.language == "xx"
    with qtbot.waitSignal(kiosk.rebuilt, timeout=2000):
        third.accept()  # Finish: the next person starts in the kiosk's own language
    assert kiosk.wizard is not third
    assert languages == ["en", "en", "xx", "en"]


def test_the_staff_pin_leaves_the_kiosk_and_a_wrong_pin_does_not(qtbot, start_kiosk) -> None:
    kiosk = start_kiosk(idle_ms=60_000)
    wizard = kiosk.wizard
    exits: list[bool] = []
    kiosk.exit_requested.connect(lambda: exits.append(True))
    corner = QPoint(wizard.width() - 5, 5)
    qtbot.mousePress(wizard, Qt.MouseButton.LeftButton, pos=corner)
    qtbot.waitUntil(lambda: kiosk.pin_dialog is not None, timeout=2000)
    qtbot.mouseRelease(wizard, Qt.MouseButton.LeftButton, pos=corner)
    dialog = kiosk.pin_dialog
    assert isinstance(dialog, PinDialog)
    assert dialog.pin_edit.echoMode() == QLineEdit.EchoMode.Password

    qtbot.keyClicks(dialog.pin_edit, "1357")
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    assert exits == []
    assert dialog.isVisible()
    assert "not right" in dialog.status.text()
    assert dialog.pin_edit.text() == ""

    qtbot.keyClicks(dialog.pin_edit, "12ab")  # letters are refused
    assert dialog.pin_edit.text() == "12"
    dialog.pin_edit.clear()
    for digit in PIN:
        qtbot.mouseClick(
            next(b for b in dialog.findChildren(QAbstractButton) if b.text() == digit),
            Qt.MouseButton.LeftButton,
        )
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: exits == [True], timeout=2000)
    assert kiosk.pin_dialog is None
    assert kiosk.wizard is None  # stopped, so QApplication.quit() is not refused


def test_a_short_tap_in_the_corner_does_not_ask_for_the_pin(qtbot, start_kiosk) -> None:
    kiosk = start_kiosk(idle_ms=60_000, long_press_ms=80)
    wizard = kiosk.wizard
    qtbot.mouseClick(wizard, Qt.MouseButton.LeftButton, pos=QPoint(wizard.width() - 5, 5))
    qtbot.wait(150)
    assert kiosk.pin_dialog is None


def test_ctrl_alt_q_asks_for_the_pin(qtbot, start_kiosk) -> None:
    kiosk = start_kiosk(idle_ms=60_000)
    wizard = kiosk.wizard
    qtbot.keyClick(
        wizard.button(QWizard.WizardButton.NextButton),
        Qt.Key.Key_Q,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    qtbot.waitUntil(lambda: kiosk.pin_dialog is not None, timeout=2000)


def test_without_a_pin_hash_the_dialog_says_the_kiosk_cannot_be_left(qtbot) -> None:
    dialog = PinDialog("")
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    assert "No staff PIN" in dialog.prompt.text()


def test_the_watcher_fires_idle_once_and_active_on_the_next_input(qtbot) -> None:
    watcher = InactivityWatcher(40)
    target = QWidget()
    qtbot.addWidget(target)
    target.show()
    watcher.start()
    try:
        with qtbot.waitSignal(watcher.idle, timeout=1000):
            pass
        with qtbot.waitSignal(watcher.active, timeout=1000):
            qtbot.keyClick(target, Qt.Key.Key_A)
        assert watcher.timer.isActive()
    finally:
        watcher.stop()


RUN_KIOSK = """
import logging, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from decisionaid.gui.app import create_application, run
from decisionaid.gui.wizard import DecisionWizard

logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
create_application(["kiosk-test"])

def look_then_leave():
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, DecisionWizard) and widget.isVisible():
            print("wizard", widget.isFullScreen(), widget.kiosk)
    QApplication.quit()  # refused: the kiosk window will not close
    QTimer.singleShot(50, lambda: QApplication.exit(7))

QTimer.singleShot(100, look_then_leave)
print("exit", run(["kiosk-test"], kiosk=True))
"""


def test_run_in_kiosk_mode_shows_the_wizard_full_screen_refuses_quit_and_warns_without_a_pin(
    tmp_path: Path,
) -> None:
    # A separate process: after app.exec() returns, this process's QApplication is closing
    # and modal dialogs in later tests would misbehave.
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "DECISIONAID_CONFIG": str(tmp_path / "kiosk.toml"),  # absent: defaults, no PIN
    }
    result = subprocess.run(
        [sys.executable, "-c", RUN_KIOSK],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["wizard True True", "exit 7"]
    assert "no staff PIN" in result.stderr


def test_a_configured_printer_that_does_not_exist_switches_printing_off_never_to_the_default(
    caplog: pytest.LogCaptureFixture,
) -> None:
    config = KioskConfig(printer="Ward_3")
    assert kiosk_lp_printer(config, lambda: ["Ward_9", "Office"]) is None
    assert "does not exist" in caplog.text
    assert "Ward_9, Office" in caplog.text
    printer = kiosk_lp_printer(config, lambda: ["Ward_3"])
    assert printer is not None
    assert printer.queue == "Ward_3"
    unknown = kiosk_lp_printer(config, list)  # CUPS did not answer: lp itself will say
    assert unknown is not None
    assert unknown.queue == "Ward_3"
    assert kiosk_lp_printer(KioskConfig(printing_off=True), lambda: ["Ward_3"]) is None
    default = kiosk_lp_printer(KioskConfig(), lambda: ["Ward_3"])
    assert default is not None
    assert default.queue is None  # no file at all: the documented system default


def test_whatever_fails_the_idle_reset_brings_back_a_working_first_page(
    qtbot, start_kiosk, caplog: pytest.LogCaptureFixture
) -> None:
    from test_failures import broken_catalog_session

    def factory(language: str) -> Session:
        return broken_catalog_session(language) if language == "es" else new_session(language)

    kiosk = start_kiosk(real=True, session_factory=factory, idle_ms=300)
    wizard = kiosk.wizard
    assert isinstance(wizard, DecisionWizard)
    click(qtbot, wizard.currentPage().language_buttons["es"])  # its pages raise KeyError
    spanish = kiosk.wizard
    assert isinstance(spanish, DecisionWizard)
    go_next(qtbot, spanish)
    click(qtbot, spanish.currentPage().condition_rows[CONDITIONS[0]].button)
    # On until the first page that formats a count (the Sources label no longer does).
    for _step in range(10):
        if isinstance(kiosk.wizard, ErrorScreen):
            break
        next_ = spanish.button(QWizard.WizardButton.NextButton)
        qtbot.mouseClick(next_, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: isinstance(kiosk.wizard, ErrorScreen) or spanish.isEnabled(), timeout=2000
        )
    qtbot.waitUntil(lambda: isinstance(kiosk.wizard, ErrorScreen), timeout=5000)
    screen = kiosk.wizard
    assert screen.isVisible()  # never a kiosk without a window
    assert screen.isFullScreen()
    assert "KeyError" in caplog.text

    with qtbot.waitSignal(kiosk.rebuilt, timeout=10_000):  # nobody touches it: idle reset
        pass
    fresh = kiosk.wizard
    assert isinstance(fresh, DecisionWizard)
    assert fresh.session.translator.language == "en"
    qtbot.waitExposed(fresh)
    assert fresh.currentId() == 0
    go_next(qtbot, fresh)  # a working first page
    assert isinstance(fresh.currentPage(), Page)


def test_a_guide_that_cannot_be_built_leaves_an_error_screen_whose_start_over_recovers(
    qtbot, start_kiosk
) -> None:
    failing = {"es"}

    def factory(language: str) -> Session:
        if language in failing:
            raise KeyError("eventos")  # e.g. a catalog whose msgstr breaks .format()
        return new_session(language)

    kiosk = start_kiosk(real=True, session_factory=factory)
    wizard = kiosk.wizard
    assert isinstance(wizard, DecisionWizard)
    click(qtbot, wizard.currentPage().language_buttons["es"])
    screen = kiosk.wizard
    assert isinstance(screen, ErrorScreen)
    assert screen.isVisible()
    click(qtbot, screen.start_over_button)
    fresh = kiosk.wizard
    assert isinstance(fresh, DecisionWizard)
    assert fresh.session.translator.language == "en"
    assert fresh.isVisible()


# A kiosk session process started the way the supervisor starts one, told "go" at once; on
# its first page it reports what it said and what it had imported before anyone used it.
SPARE = """
import os, sys
from PySide6.QtWidgets import QApplication
from decisionaid.gui import kiosk_child

to_child, to_us = os.pipe(), os.pipe()
os.write(to_child[1], b"go\\n")

def on_shown(controller):
    print(os.read(to_us[0], 64).decode().split())
    wanted = ("reportlab", "decisionaid.pdf.structure", "decisionaid.content.model",
              "decisionaid.gui.pages.summary", "decisionaid.pdf.fonts")
    print([name for name in wanted if name in sys.modules])
    from decisionaid.pdf.fonts import register_fonts
    print(register_fonts.cache_info().currsize)
    controller.stop()
    QApplication.instance().exit(0)

sys.exit(kiosk_child.main(["--control", f"{to_child[0]},{to_us[1]}"], on_shown=on_shown))
"""


def test_a_spare_session_process_imports_the_pdf_stack_and_later_pages_before_it_is_ready(
    tmp_path: Path,
) -> None:
    """What the next person's first Next and first Print need is made while no one waits."""
    config = tmp_path / "kiosk.toml"
    config.write_text("idle_timeout_seconds = 3600\n")
    config.chmod(0o600)
    env = {**os.environ, "DECISIONAID_CONFIG": str(config), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SPARE], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    said, imported, made = done.stdout.splitlines()  # none of it is on the first page itself
    assert said == "['ready', 'shown']"
    assert imported == str(
        [
            "reportlab",
            "decisionaid.pdf.structure",
            "decisionaid.content.model",
            "decisionaid.gui.pages.summary",
            "decisionaid.pdf.fonts",
        ]
    )
    assert made == "1"  # the Latin faces are parsed
