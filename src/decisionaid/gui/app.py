# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The GUI composition root: the QApplication, its look, and the first wizard."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from decisionaid import paths
from decisionaid.gui import accessible
from decisionaid.gui.host import WizardHost, install_language
from decisionaid.gui.printers import LaptopPrinter
from decisionaid.gui.style import apply_style
from decisionaid.gui.wizard import DecisionWizard, build_wizard
from decisionaid.gui.workarounds import protect_singletons
from decisionaid.session import Session

if TYPE_CHECKING:
    from decisionaid.gui.kiosk import KioskController
    from decisionaid.system.printing import Printer

log = logging.getLogger(__name__)

# The application id: the name of the .desktop file, the AppStream id and the icon name.
APP_ID = "org.decisionaid.DecisionAid"

__all__ = ["DecisionWizard", "WizardHost", "build_wizard", "create_application", "run"]


def create_application(argv: Sequence[str]) -> QApplication:
    """The QApplication with our font and stylesheet (reuses one that already exists)."""
    protect_singletons()
    existing = QApplication.instance()
    # Fractional display scales (150 %) stay exact with Qt 6's default rounding policy,
    # PassThrough (https://doc.qt.io/qt-6/highdpi.html); clinic IT may override it with
    # QT_SCALE_FACTOR_ROUNDING_POLICY. (Setting it here named `Qt`: see gui/lazy_qt.py.)
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    app.setApplicationName("decisionaid")
    app.setDesktopFileName(APP_ID)  # lets Wayland compositors find our .desktop file and icon
    app.setWindowIcon(app_icon())
    apply_style(app)
    accessible.install()
    return app


def app_icon() -> QIcon:
    """The window icon, in every size rendered from resources/icons/decisionaid.svg."""
    icon = QIcon()
    for png in sorted(paths.icons_dir().glob("decisionaid-*.png")):
        icon.addFile(str(png))
    return icon


def run(
    argv: Sequence[str],
    *,
    language: str = "en",
    kiosk: bool = False,
    printer: Printer | None = None,
    when_shown: Callable[[], None] | None = None,
) -> int:
    """Start the GUI in `language` and return the exit code when it closes.

    `when_shown` is called from the event loop once the first page has been painted.
    """
    app = create_application(argv)
    if kiosk:
        controller = make_kiosk(app, language, printer)
        controller.start()
    else:
        host = WizardHost(printer if printer is not None else default_printer())
        host.closed.connect(app.quit)
        host.start(language)
    if when_shown is not None:
        QTimer.singleShot(0, when_shown)  # queued behind the paint of the page just shown
    return app.exec()


def default_printer() -> Printer | None:
    """A personal computer's printers (CUPS `lp`, else Qt); asks which when there are several."""
    return LaptopPrinter()


def make_kiosk(app: QApplication, language: str, printer: Printer | None) -> KioskController:
    """A kiosk controller with its settings, printer and wizards, not yet started."""
    # Imported here: a laptop start-up has no use for the kiosk's PIN hashing and settings.
    from decisionaid.gui.kiosk import KioskController, kiosk_lp_printer
    from decisionaid.system.kiosk_config import load_config

    config = load_config()
    for warning in config.kiosk_warnings():
        log.warning("kiosk: %s", warning)
    kiosk_printer = printer if printer is not None else kiosk_lp_printer(config)
    qt_translator: QTranslator | None = None

    def make_wizard(session: Session) -> QWidget:
        nonlocal qt_translator
        qt_translator = install_language(session.translator, qt_translator, app)
        return build_wizard(session, kiosk_printer, kiosk=True)

    controller = KioskController(make_wizard, config, language=language)
    controller.exit_requested.connect(app.quit)
    app.aboutToQuit.connect(controller.stop)
    return controller
