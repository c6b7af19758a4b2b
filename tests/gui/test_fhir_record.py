"""Laptop mode: "Save for the record…" writes a valid QuestionnaireResponse; a kiosk cannot."""

from __future__ import annotations

import json
import os
import stat

from guihelpers import FakePrinter, click, go_next
from PySide6.QtWidgets import QFileDialog

from decisionaid.fhir.record import response_problems_all
from decisionaid.fhir.response import answers_from_response
from decisionaid.gui.pages.summary import SummaryPage
from decisionaid.session import new_session
from factories import complete_answers


def _summary(qtbot, make_wizard, *, kiosk: bool = False, language: str = "en"):
    session = new_session(language)
    session.answers = complete_answers(session.content, language=language)
    wizard = make_wizard(session, FakePrinter() if kiosk else None, kiosk=kiosk)
    while not isinstance(wizard.currentPage(), SummaryPage):
        go_next(qtbot, wizard)
    return wizard, wizard.currentPage()


def test_save_for_the_record_writes_the_answers_as_a_valid_response(
    qtbot, make_wizard, monkeypatch, tmp_path
):
    wizard, page = _summary(qtbot, make_wizard, language="es")
    assert page.record_button.isVisible()
    target = tmp_path / "para-la-historia"  # no suffix: .json is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    click(qtbot, page.record_button)
    saved = tmp_path / "para-la-historia.json"
    assert saved.stat().st_mode & 0o777 == 0o600
    response = json.loads(saved.read_text(encoding="utf-8"))
    content = wizard.session.content
    assert response["language"] == "es"
    assert "subject" not in response
    assert response_problems_all(response, content) == []
    assert answers_from_response(response, content) == wizard.session.answers
    assert page.status_label.property("tone") == "good"
    assert not page.kept_copy  # the record file is not the person's summary


def test_an_unwritable_folder_gives_a_message_and_loses_nothing(
    qtbot, make_wizard, monkeypatch, tmp_path
):
    wizard, page = _summary(qtbot, make_wizard)
    before = wizard.session.answers
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    target = blocker / "record.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    click(qtbot, page.record_button)
    assert page.status_label.property("tone") == "bad"
    assert str(target) in page.status_label.text()
    assert wizard.session.answers == before


def test_saving_the_record_onto_a_fifo_is_refused_and_the_fifo_left_alone(
    qtbot, make_wizard, monkeypatch, tmp_path
):
    """Issue 19: the same output rule as Save PDF and export --out."""
    _, page = _summary(qtbot, make_wizard)
    fifo = tmp_path / "record.json"
    os.mkfifo(fifo)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(fifo), ""))
    click(qtbot, page.record_button)
    assert "not a regular file" in page.status_label.text()
    assert page.status_label.property("tone") == "bad"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_cancelling_writes_nothing(qtbot, make_wizard, monkeypatch):
    _, page = _summary(qtbot, make_wizard)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    click(qtbot, page.record_button)
    assert not page.status_label.isVisible()


def test_a_kiosk_has_no_save_for_the_record(qtbot, make_wizard, monkeypatch):
    _, page = _summary(qtbot, make_wizard, kiosk=True)
    called = []
    monkeypatch.setattr("decisionaid.system.files.save_response", lambda *a: called.append(a))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: called.append(a))
    assert not page.record_button.isVisible()
    assert not page.record_button.isEnabled()
    page.record_button.click()
    page._on_record_clicked()
    assert called == []
