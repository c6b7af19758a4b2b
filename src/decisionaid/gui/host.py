# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The owner of the current wizard: builds it for a language and rebuilds it on request."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QSize, QTranslator, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from decisionaid.gui import lazy_qt
from decisionaid.gui.failure import ErrorScreen, staff_detail
from decisionaid.gui.wizard import DecisionWizard, build_wizard
from decisionaid.i18n import Translator
from decisionaid.session import Session, new_session

if TYPE_CHECKING:
    from decisionaid.system.printing import Printer

SessionFactory = Callable[[str], Session]
log = logging.getLogger(__name__)


class WizardHost(QObject):
    """Keeps one wizard on a personal computer's screen; a restart builds a new one.

    Start over and a language change throw wizard and Session away and build new ones;
    nothing is cleared in place, so no answers can survive into the next session. (A kiosk
    is owned by `decisionaid.gui.kiosk.KioskController` instead.)

    Signals:
        wizard_replaced(object): a new wizard is on screen.
        closed(): the person finished.
    """

    wizard_replaced = Signal(object)
    closed = Signal()

    def __init__(
        self,
        printer: Printer | None = None,
        *,
        session_factory: SessionFactory = new_session,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.printer = printer
        self.language = "en"
        self.first_language = "en"
        self.wizard: DecisionWizard | None = None
        self.error_screen: ErrorScreen | None = None
        self._shown: QWidget | None = None
        self._session_factory = session_factory
        self._qt_translator: QTranslator | None = None

    def start(self, language: str | None = None) -> QWidget:
        """Show a new wizard with a new Session in `language` (default: the current one).

        When the guide cannot be built (a broken content pack or translation), an error
        screen takes its place: for staff it names file, line and field; Start over retries
        in the language the application started in.
        """
        if self._shown is None:
            self.first_language = language or self.language
        self.language = language or self.language
        try:
            session = self._session_factory(self.language)
            self._install_language(session.translator)
            wizard = build_wizard(session, self.printer)
        except Exception as exc:  # a screen that explains, never a traceback
            log.error(
                "The guide could not be built (%s): %s", type(exc).__name__, staff_detail(exc)
            )
            return self._show_error(staff_detail(exc))
        wizard.start_over_requested.connect(self._on_wizard_start_over_requested)
        wizard.language_requested.connect(self._on_wizard_language_requested)
        wizard.page_failed.connect(self._on_wizard_page_failed)
        wizard.accepted.connect(self.closed)
        self.wizard, self.error_screen = wizard, None
        self._replace(wizard)
        self.wizard_replaced.emit(wizard)
        return wizard

    def _show_error(self, detail: str) -> ErrorScreen:
        screen = ErrorScreen(detail)
        screen.retry_requested.connect(self._on_error_screen_retry_requested)
        self.wizard, self.error_screen = None, screen
        self._replace(screen)
        return screen

    def _replace(self, window: QWidget) -> None:
        old, self._shown = self._shown, window
        if old is not None:
            window.setGeometry(old.geometry())
        else:
            _fit_to_screen(window)
        # Show the new window before hiding the old one, so there is never a moment with
        # no window (which could end the application).
        window.show()
        if old is not None:
            old.hide()
            old.deleteLater()

    def _on_wizard_page_failed(self) -> None:
        self._show_error("")

    def _on_error_screen_retry_requested(self) -> None:
        self.start(self.first_language)

    def _install_language(self, translator: Translator) -> None:
        self._qt_translator = install_language(translator, self._qt_translator, self)

    def _on_wizard_start_over_requested(self) -> None:
        self.start()

    def _on_wizard_language_requested(self, language: str) -> None:
        self.start(language)


def _fit_to_screen(window: QWidget) -> None:
    """Open a laptop window large enough to read comfortably: most of the screen, centred."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    size = QSize(min(1280, round(area.width() * 0.9)), min(900, round(area.height() * 0.9)))
    window.resize(size.expandedTo(window.minimumSizeHint()).boundedTo(area.size()))
    frame = window.frameGeometry()
    frame.moveCenter(area.center())
    window.move(frame.topLeft())


def install_language(
    translator: Translator, previous: QTranslator | None = None, owner: QObject | None = None
) -> QTranslator | None:
    """Install Qt's own catalog (qtbase_<lang>) and the layout direction for a language.

    Call it before building a wizard: widgets read Qt's strings when they are created.
    Returns the installed QTranslator (keep it; pass it back as `previous` next time).
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    if previous is not None:
        app.removeTranslator(previous)
        previous.deleteLater()  # parented to the app: it would otherwise live as long as it
    qt_translator: QTranslator | None = QTranslator(owner or app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator is not None and qt_translator.load(
        QLocale(translator.language), "qtbase", "_", folder
    ):
        app.installTranslator(qt_translator)
    elif qt_translator is not None:
        qt_translator.deleteLater()  # English has no qtbase catalog; do not keep an empty one
        qt_translator = None
    # The person's language is the application's: widgets made from now on carry it, and
    # assistive technology reads it per object (a screen reader picks its voice from it).
    QLocale.setDefault(QLocale(translator.language.split("_")[0]))
    lazy_qt.set_direction(app, translator.direction == "rtl")
    return qt_translator
