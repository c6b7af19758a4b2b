"""A kiosk session process for the memory test: the real one, with a person at the keys.

Run by the real supervisor in place of `decisionaid.gui.kiosk_child`. Only the first process
to reach the screen types, through Qt key events into the real widgets, the strings the test
wrote to sentinels.txt (no other process ever reads that file, and none of them is in this
source); it then waits for the test's "reset" file and resets as the idle countdown would.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from decisionaid.answers import UNSURE
from decisionaid.gui import kiosk_child
from decisionaid.gui.kiosk import KioskController
from decisionaid.gui.pages.questions import QuestionsPage
from decisionaid.gui.pages.values import ValuesPage
from decisionaid.gui.wizard import DecisionWizard

FOLDER = Path(os.environ["KIOSK_TEST_DIR"])


def on_shown(controller: KioskController) -> None:
    """The first process on screen claims the person; every later one stays untouched."""
    try:
        os.close(os.open(FOLDER / "claimed", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return
    QTimer.singleShot(200, lambda: type_everything(controller))


def type_everything(controller: KioskController) -> None:
    """Type five strings: a worry, a question, a draft, a note, and a note then undone."""
    worry, question, draft, note, undone = (FOLDER / "sentinels.txt").read_text().split()
    wizard = controller.wizard
    assert isinstance(wizard, DecisionWizard)
    content = wizard.session.content
    answers = wizard.session.answers.replace(condition=content.conditions[0].id, leaning=UNSURE)
    for item in content.considerations:
        answers = answers.with_rating(item.id, 2)
    for item in content.deliberation.sure_items:
        answers = answers.with_sure(item.id, True)
    wizard.session.answers = answers  # the required choices; nothing typed in them
    while not isinstance(wizard.currentPage(), ValuesPage):
        wizard.next()
    values = wizard.currentPage()
    assert isinstance(values, ValuesPage)
    QTest.keyClicks(values.own_concerns.entry, worry)
    QTest.mouseClick(values.own_concerns.add_button, Qt.MouseButton.LeftButton)
    while not isinstance(wizard.currentPage(), QuestionsPage):
        wizard.next()
    questions = wizard.currentPage()
    assert isinstance(questions, QuestionsPage)
    QTest.keyClicks(questions.own_questions.entry, question)
    QTest.mouseClick(questions.own_questions.add_button, Qt.MouseButton.LeftButton)
    QTest.keyClicks(questions.own_questions.entry, draft)  # never added
    questions.notes.setFocus()
    QTest.keyClicks(questions.notes, note)
    QTest.keyClick(questions.notes, Qt.Key.Key_Home)
    QTest.keyClicks(questions.notes, undone)
    QTest.keyClick(questions.notes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    text = questions.notes.toPlainText()
    state = [
        worry in wizard.session.answers.own_concerns,
        question in wizard.session.answers.own_questions,
        draft == questions.own_questions.entry.text(),
        note in text,
        undone not in text,
    ]
    (FOLDER / "typed").write_text(f"{os.getpid()} {' '.join(map(str, state))}\n")
    timer = QTimer(controller)
    timer.timeout.connect(lambda: _reset_when_asked(controller, timer))
    timer.start(50)


def _reset_when_asked(controller: KioskController, timer: QTimer) -> None:
    if (FOLDER / "reset").exists():
        timer.stop()
        controller.reset()  # what the idle countdown calls when it reaches zero


if __name__ == "__main__":
    sys.exit(kiosk_child.main(on_shown=on_shown))
