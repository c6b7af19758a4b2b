"""On a laptop a person can save their answers and pick up where they left off; a kiosk cannot."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from guihelpers import click, go_next
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from decisionaid.answers import Answers
from decisionaid.gui.pages.welcome import WelcomePage
from decisionaid.session import new_session


def _choose_file(monkeypatch, path: Path | str) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def test_saved_answers_come_back_in_a_new_wizard(
    qtbot, make_wizard, answer_dialogs, monkeypatch, tmp_path
):
    first = make_wizard()
    welcome = first.currentPage()
    assert isinstance(welcome, WelcomePage)
    go_next(qtbot, first)
    click(qtbot, first.currentPage().condition_rows["ra"].button)
    first.session.answers = first.session.answers.replace(
        own_questions=("Kann ich arbeiten? <b>&</b>",)
    )
    target = tmp_path / "later"
    _choose_file(monkeypatch, target)
    answerer = answer_dialogs(True)
    qtbot.mouseClick(first.currentPage().save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "later.yaml"
    assert saved.stat().st_mode & 0o777 == 0o600
    assert answerer.texts, "the person was not told where the file went"

    second = make_wizard(new_session("en"))
    _choose_file(monkeypatch, saved)
    answer_dialogs(True)
    click(qtbot, second.currentPage().resume_button)
    assert second.session.answers.condition == "ra"
    assert second.session.answers.own_questions == ("Kann ich arbeiten? <b>&</b>",)
    go_next(qtbot, second)
    assert second.currentPage().condition_rows["ra"].button.isChecked()


def test_a_broken_answers_file_is_explained_and_changes_nothing(
    qtbot, make_wizard, answer_dialogs, monkeypatch, tmp_path
):
    wizard = make_wizard()
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: decisionaid-answers\nversion: 1\ncondition: flu\n", encoding="utf-8")
    _choose_file(monkeypatch, broken)
    answerer = answer_dialogs(True)
    click(qtbot, wizard.currentPage().resume_button)
    assert any("line 3: condition: not a condition" in text for text in answerer.texts)
    assert not any("flu" in text for text in answerer.texts)  # never the file's own words
    assert wizard.session.answers == Answers(language="en")


def test_an_unwritable_folder_is_explained_and_keeps_the_answers(
    qtbot, make_wizard, answer_dialogs, monkeypatch, tmp_path
):
    wizard = make_wizard()
    wizard.session.answers = wizard.session.answers.replace(notes="keep me")
    _choose_file(monkeypatch, tmp_path / "missing" / "folder" / "a.yaml")
    answerer = answer_dialogs(True)
    qtbot.mouseClick(wizard.currentPage().save_button, Qt.MouseButton.LeftButton)
    assert any("Could not save" in text for text in answerer.texts)
    assert wizard.session.answers.notes == "keep me"


def test_saving_answers_onto_a_fifo_or_device_is_refused(
    qtbot, make_wizard, answer_dialogs, monkeypatch, tmp_path
):
    wizard = make_wizard()
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    _choose_file(monkeypatch, fifo)
    answerer = answer_dialogs(True)
    qtbot.mouseClick(wizard.currentPage().save_button, Qt.MouseButton.LeftButton)
    assert any("not a regular file" in text for text in answerer.texts)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_resuming_from_a_fifo_is_refused_without_waiting_for_a_writer(
    qtbot, make_wizard, answer_dialogs, monkeypatch, tmp_path
):
    wizard = make_wizard()
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    _choose_file(monkeypatch, fifo)
    answerer = answer_dialogs(True)
    click(qtbot, wizard.currentPage().resume_button)
    assert any("not a regular file" in text for text in answerer.texts)
    assert wizard.session.answers == Answers(language="en")


def test_a_kiosk_offers_neither_saving_nor_resuming(qtbot, make_wizard, monkeypatch):
    wizard = make_wizard(kiosk=True)
    opened = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: opened.append(a) or ("", "")
    )
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: opened.append(a) or ("", "")
    )
    assert not wizard.currentPage().save_button.isVisible()
    welcome = wizard.currentPage()
    assert not welcome.resume_button.isVisible()
    assert not welcome.resume_button.isEnabled()
    wizard.save_for_later()
    welcome.resume_requested.emit()
    assert opened == []
