"""Start the real wizard for the AT-SPI walk: one language, every step already answered.

Run by tests/a11y/test_atspi.py under Xvfb with the accessibility bus; the answers are
filled in so that Next is enabled on every page and a client can walk them all.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/factories.py

from PySide6.QtCore import QTimer

from decisionaid.gui.app import create_application
from decisionaid.gui.host import WizardHost
from decisionaid.session import Session, new_session
from factories import complete_answers

APP_NAME = "decisionaid-a11y-probe"


def answered_session(language: str) -> Session:
    """A new session whose answers are complete, in `language`."""
    session = new_session(language)
    session.answers = complete_answers(session.content).replace(language=language)
    return session


def main() -> int:
    """Show the wizard until the client is done (or a safety timeout ends it)."""
    language, seconds = sys.argv[1], float(sys.argv[2])
    app = create_application([APP_NAME])
    app.setApplicationName(APP_NAME)
    host = WizardHost(session_factory=answered_session)
    window = host.start(language)
    window.activateWindow()  # no window manager here gives it the keyboard focus
    QTimer.singleShot(round(seconds * 1000), app.quit)
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
