# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The GUI composition root: the QApplication, its look, and the first wizard."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from decisionaid.gui.host import WizardHost
from decisionaid.gui.style import apply_style
from decisionaid.gui.wizard import DecisionWizard, build_wizard
from decisionaid.gui.workarounds import protect_singletons
from decisionaid.printing import Printer

__all__ = ["DecisionWizard", "WizardHost", "build_wizard", "create_application", "run"]


def create_application(argv: Sequence[str]) -> QApplication:
    """The QApplication with our font and stylesheet (reuses one that already exists)."""
    protect_singletons()
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Must be set before the QApplication exists (https://doc.qt.io/qt-6/highdpi.html).
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(list(argv))
    app.setApplicationName("decisionaid")
    apply_style(app)
    return app


def run(
    argv: Sequence[str],
    *,
    language: str = "en",
    kiosk: bool = False,
    printer: Printer | None = None,
) -> int:
    """Start the GUI in `language` and return the exit code when it closes."""
    app = create_application(argv)
    host = WizardHost(printer, kiosk=kiosk)
    host.closed.connect(app.quit)
    host.start(language)
    return app.exec()
