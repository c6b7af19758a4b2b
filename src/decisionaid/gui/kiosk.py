# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Kiosk mode: an inactivity watcher and a controller that throws each person's session away."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Final

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import (
    QClipboard,
    QCloseEvent,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QTouchEvent,
    QWindow,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMenu,
    QWidget,
)

from decisionaid.gui import style
from decisionaid.gui.failure import ErrorScreen, staff_detail
from decisionaid.gui.kiosk_dialogs import IdleWarning, PinDialog
from decisionaid.session import Session, new_session
from decisionaid.system.kiosk_config import KioskConfig
from decisionaid.system.printing import (
    LpPrinter,
    list_printers,
    missing_queue,
    remove_stale_print_files,
)

log = logging.getLogger(__name__)

ACTIVITY_EVENTS: Final = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.Wheel,
    }
)
PRESS_EVENTS: Final = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin})
RELEASE_EVENTS: Final = frozenset(
    {
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.TouchEnd,
        QEvent.Type.TouchCancel,
    }
)
LONG_PRESS_MS: Final = 3000
CORNER_PX: Final = 96

SessionFactory = Callable[[str], Session]
WizardFactory = Callable[[Session], QWidget]


def kiosk_lp_printer(
    config: KioskConfig, queues: Callable[[], list[str]] = list_printers
) -> LpPrinter | None:
    """The kiosk's printer, or None (Print says "not set up") when it must not print.

    Never a silent fallback: a refused printer setting, or a queue CUPS says it does not
    have, switches printing off with a warning for staff, so no summary can reach the
    default printer of another ward.
    """
    if config.printing_off:
        return None
    problem = missing_queue(config.printer, queues) if config.printer else None
    if problem is not None:
        log.warning("kiosk: %s: %s", config.path, problem)
        return None
    return LpPrinter(config.printer or None)


class InactivityWatcher(QObject):
    """Application-wide event filter: `idle` after `timeout_ms` without input, `active` on return.

    Signals:
        idle(): nobody touched the screen, mouse or keyboard for `timeout_ms`.
        active(): the first input after `restart()` or after `idle`.
    """

    idle = Signal()
    active = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(timeout_ms)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.quiet = True
        self._last_pos: QPoint | None = None

    def start(self) -> None:
        """Watch every event of the application."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.restart()

    def stop(self) -> None:
        """Stop watching."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.timer.stop()

    def restart(self) -> None:
        """Count from zero, as if nobody had touched anything yet."""
        self.quiet = True
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Restart the timer on input; never consumes the event."""
        if event.type() in ACTIVITY_EVENTS and self._is_real(event):
            self.timer.start()
            if self.quiet:
                self.quiet = False
                self.active.emit()
        return False

    def _is_real(self, event: QEvent) -> bool:
        """Windows appearing under a still pointer make synthetic moves; they are not a person."""
        if event.type() != QEvent.Type.MouseMove or not isinstance(event, QMouseEvent):
            return True
        pos = event.globalPosition().toPoint()
        moved = pos != self._last_pos
        self._last_pos = pos
        return moved

    def _on_timer_timeout(self) -> None:
        self.quiet = True
        self.idle.emit()


class KioskController(QObject):
    """Owns the current Session and wizard, and replaces both so nothing reaches the next person.

    On inactivity, Start over, Finish or a language change it throws the wizard and the
    Session away and builds new ones. The wizard comes from `make_wizard(session)`; the controller only relies on it being a
    top-level QWidget, and connects its `start_over_requested()` / `language_requested(str)`
    signals when it has them. Any hide it did not cause (Finish, a reject) also starts over.

    Signals:
        rebuilt(object): a new wizard is on screen.
        exit_requested(): staff entered the right PIN; the kiosk has already stopped.
        session_ended(): a person is done (idle reset, Finish, Start over) and a fresh first
            page is on screen; a supervisor then replaces this whole process.
    """

    rebuilt = Signal(object)
    exit_requested = Signal()
    session_ended = Signal()

    def __init__(
        self,
        make_wizard: WizardFactory,
        config: KioskConfig | None = None,
        *,
        language: str = "en",
        session_factory: SessionFactory = new_session,
        idle_ms: int | None = None,
        warning_seconds: int | None = None,
        tick_ms: int = 1000,
        long_press_ms: int = LONG_PRESS_MS,
        print_temp_root: Path | None = None,
        full_screen: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config or KioskConfig()
        self.start_language = language
        self.language = language
        self.full_screen = full_screen
        self.warning_seconds = (
            self.config.warning_seconds if warning_seconds is None else warning_seconds
        )
        self.print_temp_root = print_temp_root
        self.session: Session | None = None
        self.wizard: QWidget | None = None
        self._window: QWindow | None = None
        self._connections: list[tuple[SignalInstance, Callable[..., None]]] = []
        self._generation = 0  # which wizard a deferred call was meant for
        self.warning: IdleWarning | None = None
        self.pin_dialog: PinDialog | None = None
        self._make_wizard = make_wizard
        self._session_factory = session_factory
        self._discarding = False
        self._touched = False
        self._dying: dict[int, QObject] = {}
        self._restyle_when_gone = False  # refresh the stylesheet once the old wizards are deleted
        self.watcher = InactivityWatcher(
            self.config.idle_timeout_seconds * 1000 if idle_ms is None else idle_ms, self
        )
        self.watcher.idle.connect(self._on_watcher_idle)
        self.watcher.active.connect(self._on_watcher_active)
        self.countdown = QTimer(self)
        self.countdown.setInterval(tick_ms)
        self.countdown.timeout.connect(self._on_countdown_timeout)
        self.long_press = QTimer(self)
        self.long_press.setSingleShot(True)
        self.long_press.setInterval(long_press_ms)
        self.long_press.timeout.connect(self.ask_for_pin)

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> QWidget:
        """Show the first wizard and start watching for inactivity."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        remove_stale_print_files(self.print_temp_root)
        self.watcher.start()
        return self.rebuild(self.start_language)

    def stop(self) -> None:
        """Wipe the session and stop watching (staff exit, application quit)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.watcher.stop()
        self.countdown.stop()
        self.long_press.stop()
        self._discard()

    def rebuild(self, language: str | None = None) -> QWidget:
        """Throw the wizard and Session away and show new ones in `language` (default: current).

        Whatever fails while building (a broken translation or content pack, a bug), an
        error screen takes the wizard's place; its Start over, like the idle reset, builds
        again in the kiosk's start language, so the next person gets a working first page.
        """
        self._discard()
        self.language = language or self.language
        try:
            self.session = self._session_factory(self.language)
            wizard = self._make_wizard(self.session)
        except Exception as exc:  # never leave the kiosk without a window
            log.error(
                "Kiosk: the guide could not be built in %s (%s): %s",
                self.language,
                type(exc).__name__,
                staff_detail(exc),
            )
            self.session = None
            screen = ErrorScreen(staff_detail(exc))
            self._show(screen)
            return screen
        self._show(wizard)
        log.info("Kiosk: new session started")
        return wizard

    def _show(self, wizard: QWidget) -> None:
        self._generation += 1
        self._install(wizard)
        self.wizard = wizard
        # An error screen counts as used, so the idle reset replaces it with a working guide.
        self._touched = isinstance(wizard, ErrorScreen)
        self.watcher.restart()
        self.rebuilt.emit(wizard)

    def reset(self) -> QWidget:
        """Start over for the next person, in the kiosk's start language, text size and colours."""
        style.reset_appearance()
        wizard = self.rebuild(self.start_language)
        self._end_session()
        return wizard

    def _end_session(self) -> None:
        """Tell whoever listens that a person is done, and forget the old wizards' styles.

        Qt keeps some stylesheet caches of deleted widgets (style.refresh_stylesheet()); the
        refresh waits until every old wizard is deleted, so only the new first page is
        re-polished (about 40 ms, once per person).
        """
        self._restyle_when_gone = True
        self._restyle_if_old_gone()
        self.session_ended.emit()

    def _restyle_if_old_gone(self) -> None:
        if self._restyle_when_gone and not self._dying:
            self._restyle_when_gone = False
            # destroyed() comes before a widget's children are deleted: run after that.
            QTimer.singleShot(0, self, style.refresh_stylesheet)

    def _install(self, wizard: QWidget) -> None:
        wizard.setWindowFlags(
            wizard.windowFlags()
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        wizard.installEventFilter(self)
        for name, slot in (
            ("start_over_requested", self._on_wizard_start_over_requested),
            ("language_requested", self._on_wizard_language_requested),
            ("finished", self._on_wizard_finished),
            ("page_failed", self._on_wizard_page_failed),
            ("retry_requested", self._on_error_screen_retry_requested),
        ):
            signal = getattr(wizard, name, None)
            if isinstance(signal, SignalInstance):
                signal.connect(slot)
                self._connections.append((signal, slot))
        if self.full_screen:
            _cover_screen(wizard)
            wizard.showFullScreen()
        else:
            wizard.show()
        # Every close (Alt+F4, the window manager, and in Qt 6 also QDialog.done()) passes
        # through the native window; all are refused. Finish still ends the session through
        # the dialog's finished() signal, connected above.
        self._window = wizard.windowHandle()
        if self._window is not None:
            self._window.installEventFilter(self)
        wizard.raise_()
        wizard.activateWindow()

    def _discard(self) -> None:
        """Close every window of the old session, clear the clipboard, delete the wizard."""
        self._discarding = True
        try:
            self.countdown.stop()
            self.long_press.stop()
            self._close_warning()
            self._close_pin_dialog()
            self._close_other_windows()
            _clear_clipboard()
            remove_stale_print_files(self.print_temp_root, older_than=0)
            wizard, self.wizard, self.session = self.wizard, None, None
            window, self._window = self._window, None
            if window is not None:
                window.removeEventFilter(self)
            for signal, slot in self._connections:
                signal.disconnect(slot)
            self._connections.clear()
            if wizard is not None:
                wizard.removeEventFilter(self)
                wizard.close()
                wizard.hide()
                wizard.deleteLater()
                # Keep the wrapper until Qt has deleted the C++ object: dropping the last
                # reference now could delete a wizard whose own slot is still running.
                self._dying[id(wizard)] = wizard
                wizard.destroyed.connect(functools.partial(self._on_old_destroyed, id(wizard)))
                del wizard
        finally:
            self._discarding = False

    def _close_other_windows(self) -> None:
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
            if popup is QApplication.activePopupWidget():
                break
        for widget in QApplication.topLevelWidgets():
            if widget is self.wizard:
                continue
            if isinstance(widget, QDialog):
                if widget.isVisible():
                    widget.reject()  # ends a running exec() loop
                widget.close()
                if widget.parent() is None:
                    widget.deleteLater()
            elif isinstance(widget, QMenu) or widget.isVisible():
                widget.close()

    def _on_old_destroyed(self, key: int) -> None:
        self._dying.pop(key, None)
        self._restyle_if_old_gone()

    # -- inactivity ------------------------------------------------------------------------

    def _on_watcher_active(self) -> None:
        self._touched = True
        if self.warning is not None:
            self._cancel_warning()

    def _on_watcher_idle(self) -> None:
        if not self._touched or self.wizard is None:
            return  # nothing to wipe: nobody has used this session
        self.show_warning()

    def show_warning(self) -> None:
        """Ask "Are you still there?" and count down to a reset."""
        if self.warning is not None:
            return
        self.warning = IdleWarning(self.warning_seconds, self.wizard)
        self.warning.stay_requested.connect(self._cancel_warning)
        if QApplication.activeModalWidget() is not None:
            # Another modal dialog blocks every other window: be modal too, on top of it, so
            # "I'm still here" can be pressed. Otherwise stay modeless: a touch anywhere counts.
            self.warning.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.warning.show()
        self.warning.raise_()
        self.countdown.start()

    def _cancel_warning(self) -> None:
        self.countdown.stop()
        self._close_warning()
        self.watcher.timer.start()

    def _close_warning(self) -> None:
        warning, self.warning = self.warning, None
        if warning is not None:
            warning.hide()
            warning.deleteLater()

    def _on_countdown_timeout(self) -> None:
        if self.warning is None:
            self.countdown.stop()
            return
        if self.warning.tick() <= 0:
            log.info("Kiosk: no activity; starting over for the next person")
            self.reset()

    # -- staff exit ------------------------------------------------------------------------

    def ask_for_pin(self) -> None:
        """Show the staff PIN dialog (long press in the top-right corner, or Ctrl+Alt+Q)."""
        self.long_press.stop()
        if self.pin_dialog is not None:
            return
        dialog = PinDialog(self.config.staff_pin_hash, self.wizard)
        dialog.accepted.connect(self._on_pin_accepted)
        dialog.finished.connect(self._on_pin_finished)
        self.pin_dialog = dialog
        # Application-modal and shown last, so it works over any question already open.
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.show()

    def _on_pin_accepted(self) -> None:
        QTimer.singleShot(0, self._on_staff_exit)

    def _on_staff_exit(self) -> None:
        # Stop first: in Qt 6 QApplication.quit() is refused while a window refuses to close.
        log.info("Kiosk: staff exit")
        self.stop()
        self.exit_requested.emit()

    def _on_pin_finished(self, _result: int) -> None:
        self._close_pin_dialog()

    def _close_pin_dialog(self) -> None:
        dialog, self.pin_dialog = self.pin_dialog, None
        if dialog is not None:
            dialog.finished.disconnect(self._on_pin_finished)
            if dialog.isVisible():
                dialog.reject()
            dialog.deleteLater()

    # -- kiosk window rules ----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Swallow Escape and close requests to the wizard; watch the staff corner."""
        kind = event.type()
        wizard = self.wizard
        if wizard is None:
            return False
        if kind == QEvent.Type.Close and watched is self._window and not self._discarding:
            if isinstance(event, QCloseEvent):
                event.ignore()
            return True
        if watched is wizard and kind == QEvent.Type.Hide and not self._discarding:
            # Any other way out starts over too.
            QTimer.singleShot(0, functools.partial(self._on_wizard_hidden, self._generation))
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if _is_staff_shortcut(event):
                self.ask_for_pin()
                return True
            if (
                event.key() == Qt.Key.Key_Escape
                and isinstance(watched, QWidget)
                and watched.window() is wizard
            ):
                return True  # QDialog would reject(), which would wipe the person's answers
        if kind in PRESS_EVENTS:
            pos = _global_pos(event)
            if pos is not None and self._corner().contains(pos):
                self.long_press.start()
        elif kind in RELEASE_EVENTS:
            self.long_press.stop()
        elif kind == QEvent.Type.MouseMove and self.long_press.isActive():
            pos = _global_pos(event)
            if pos is not None and not self._corner().contains(pos):
                self.long_press.stop()
        return False

    def _corner(self) -> QRect:
        wizard = self.wizard
        if wizard is None:
            return QRect()
        frame = wizard.frameGeometry()
        return QRect(frame.right() - CORNER_PX + 1, frame.top(), CORNER_PX, CORNER_PX)

    def _on_wizard_hidden(self, generation: int) -> None:
        wizard = self.wizard
        if generation == self._generation and wizard is not None and not wizard.isVisible():
            self.reset()

    def _on_wizard_finished(self, _result: int) -> None:
        # Finish (accept) or a reject: the person is done; the next one starts afresh. Deferred
        # so the wizard's own done() returns before it is discarded.
        QTimer.singleShot(0, functools.partial(self._on_finished_later, self._generation))

    def _on_finished_later(self, generation: int) -> None:
        if generation == self._generation and self.wizard is not None:
            self.reset()

    def _on_wizard_page_failed(self) -> None:
        self._discard()
        self._show(ErrorScreen())

    def _on_error_screen_retry_requested(self) -> None:
        self.reset()

    def _on_wizard_start_over_requested(self) -> None:
        self.rebuild(self.language)
        self._end_session()

    def _on_wizard_language_requested(self, language: str) -> None:
        self.rebuild(language)


def _is_staff_shortcut(event: QKeyEvent) -> bool:
    """Ctrl+Alt+Q (by key, so AltGr+Q typing "@" on some layouts does not count)."""
    wanted = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    return event.key() == Qt.Key.Key_Q and (event.modifiers() & wanted) == wanted


def _global_pos(event: QEvent) -> QPoint | None:
    if isinstance(event, QMouseEvent):
        return event.globalPosition().toPoint()
    if isinstance(event, QTouchEvent) and event.points():
        return event.points()[0].globalPosition().toPoint()
    return None


def _clear_clipboard() -> None:
    """Empty the clipboard and, on X11, the primary selection."""
    clipboard = QGuiApplication.clipboard()
    clipboard.clear(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection():
        clipboard.clear(QClipboard.Mode.Selection)
    if clipboard.supportsFindBuffer():
        clipboard.clear(QClipboard.Mode.FindBuffer)


def _cover_screen(window: QWidget) -> None:
    """Pin the window to its screen's whole area, whatever its contents ask for.

    Full-screen is a request to the window manager; with none (a bare X server) or before it
    has answered, a restyle such as A+ pressed at start-up let the wizard shrink to its size
    hint in a corner. A fixed size at the screen's geometry holds in every case.
    """
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.geometry()
    window.setFixedSize(area.size())
    window.move(area.topLeft())
