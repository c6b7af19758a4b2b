"""GUI fixtures: offscreen Qt, our stylesheet, wizards and dialog answerers."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator

import pytest
from guihelpers import DialogAnswerer
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from decisionaid.gui import style
from decisionaid.gui.app import create_application
from decisionaid.gui.wizard import DecisionWizard, build_wizard
from decisionaid.session import Session, new_session


@pytest.fixture(scope="session", autouse=True)
def styled_app(qapp: QApplication) -> QApplication:
    """The test QApplication with the real font and stylesheet."""
    return create_application(["pytest"])


@pytest.fixture(autouse=True)
def normal_appearance() -> Iterator[None]:
    """Every test starts and ends with normal text size and colours."""
    style.reset_appearance()
    yield
    style.reset_appearance()


@pytest.fixture
def session() -> Session:
    """A fresh English session."""
    return new_session("en")


@pytest.fixture
def make_wizard(qtbot) -> Callable[..., DecisionWizard]:
    """Build, show and register a wizard for a session."""

    def make(
        session: Session | None = None, printer: object | None = None, *, kiosk: bool = False
    ) -> DecisionWizard:
        wizard = build_wizard(session or new_session("en"), printer, kiosk=kiosk)  # type: ignore[arg-type]
        qtbot.addWidget(wizard)
        wizard.resize(1024, 600)
        wizard.show()
        qtbot.waitExposed(wizard)
        return wizard

    return make


def settle_event_loops() -> None:
    """Undo a stray QApplication.exit()/quit() left by an earlier test.

    After exit() outside exec() Qt keeps a "quit now" flag that makes every nested event
    loop (QDialog.exec) return at once; only QApplication.exec() clears it.
    """
    app = QApplication.instance()
    QTimer.singleShot(0, lambda: app.exit(0))  # not quit(): that would close every window
    app.exec()


@pytest.fixture
def answer_dialogs() -> Iterator[Callable[[bool], DialogAnswerer]]:
    """Start answering modal dialogs: answer_dialogs(True) accepts, (False) declines."""
    answerers: list[DialogAnswerer] = []

    def start(accept: bool) -> DialogAnswerer:
        settle_event_loops()
        answerer = DialogAnswerer(accept)
        answerer.timer.setInterval(10)
        answerer.timer.timeout.connect(answerer._poll)
        answerer.timer.start()
        answerers.append(answerer)
        return answerer

    yield start
    for answerer in answerers:
        answerer.timer.stop()
