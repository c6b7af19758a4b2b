"""Start the kiosk on the private X screen, press A+ at once and again, print the geometry.

Run by test_kiosk_on_x11.py: a bare X server has no window manager, the harshest case for
full screen (the window manager never answers the request).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from decisionaid.gui.app import build_wizard, create_application, install_language
from decisionaid.gui.kiosk import KioskController
from decisionaid.session import Session
from decisionaid.system.kiosk_config import load_config


def main() -> int:
    """Print 'window x y w h screen x y w h' once the restyles have settled."""
    app = create_application(["kiosk-driver"])

    def make_wizard(session: Session) -> QWidget:
        install_language(session.translator, None, app)
        return build_wizard(session, None, kiosk=True)

    controller = KioskController(make_wizard, load_config(), language="en")
    controller.start()

    def press_larger() -> None:
        controller.wizard.display_settings.larger_button.click()  # type: ignore[union-attr]

    def report() -> None:
        wizard = controller.wizard
        assert wizard is not None
        window, screen = wizard.geometry(), wizard.screen().geometry()
        print("window", *window.getRect(), "screen", *screen.getRect(), flush=True)
        app.exit(0)  # quit() would ask the kiosk window, which refuses to close

    QTimer.singleShot(0, press_larger)
    QTimer.singleShot(30, press_larger)
    QTimer.singleShot(1500, report)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
