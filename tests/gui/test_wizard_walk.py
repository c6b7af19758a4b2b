"""Walk the whole wizard as a person would, for every condition, and check the saved PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from guihelpers import FailingPrinter, FakePrinter, click, go_next
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QWizard

from decisionaid.answers import UNSURE
from decisionaid.content import cache
from decisionaid.gui.pages import Page
from decisionaid.gui.pages.about_you import AboutYouPage
from decisionaid.gui.pages.knowledge import KnowledgePage
from decisionaid.gui.pages.leaning import LeaningPage
from decisionaid.gui.pages.questions import QuestionsPage
from decisionaid.gui.pages.readiness import ReadinessPage
from decisionaid.gui.pages.summary import SummaryPage
from decisionaid.gui.pages.values import ValuesPage
from decisionaid.gui.pages.welcome import WelcomePage
from decisionaid.gui.wizard import STEP_TITLES, later_page_classes
from decisionaid.i18n import translator_for
from decisionaid.session import load_pack, new_session

CONDITIONS = [c.id for c in load_pack(translator_for("en")).conditions]
OWN_QUESTION = "Can I keep my job? <b>AT&T</b>"


def missing_from_pdf(path: Path, wanted: list[str]) -> list[str]:
    """The strings (whitespace-normalised) not found in the PDF's text.

    Pages are read only until everything is found: text extraction is slow, and the
    questions come first in the summary.
    """
    text = ""
    needles = [normalise(w) for w in wanted]
    for page in PdfReader(path).pages:
        text = normalise(text + " " + (page.extract_text() or ""))
        if all(n in text for n in needles):
            return []
    return [n for n in needles if n not in text]


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def walk_to_summary(qtbot, wizard, condition: str) -> list[str]:
    """Answer every step with real clicks and typing; returns the kept suggested questions."""
    content = wizard.session.content
    go_next(qtbot, wizard)  # welcome

    about = wizard.currentPage()
    assert isinstance(about, AboutYouPage)
    click(qtbot, about.condition_rows[condition].button)
    tried = content.condition(condition).treatments[0]
    click(qtbot, about.treatment_rows[tried].button)
    go_next(qtbot, wizard)

    for _page in range(4):  # options, benefits, risks, unknowns
        go_next(qtbot, wizard)

    knowledge = wizard.currentPage()
    assert isinstance(knowledge, KnowledgePage)
    first = content.knowledge[0]
    wrong = next(c.id for c in first.choices if c.id != first.correct)
    click(qtbot, knowledge.choice_rows[first.id][wrong].button)
    assert knowledge.feedback_labels[first.id].isVisible()
    go_next(qtbot, wizard)

    values = wizard.currentPage()
    assert isinstance(values, ValuesPage)
    for index, item in enumerate(content.considerations):
        click(qtbot, values.scales[item.id].buttons[str(4 - index % 5)])
    click(qtbot, next(iter(values.concern_rows.values())).button)
    click(qtbot, values.own_concerns.entry)
    qtbot.keyClicks(values.own_concerns.entry, "Who looks after my dog?")
    click(qtbot, values.own_concerns.add_button)
    go_next(qtbot, wizard)

    readiness = wizard.currentPage()
    assert isinstance(readiness, ReadinessPage)
    click(qtbot, next(iter(readiness.scales.values())).buttons["unsure"])
    go_next(qtbot, wizard)

    leaning = wizard.currentPage()
    assert isinstance(leaning, LeaningPage)
    click(qtbot, leaning.leaning_rows[UNSURE].button)
    for index, scale in enumerate(leaning.sure_scales.values()):
        click(qtbot, scale.buttons["yes" if index else "no"])
    assert leaning.sure_result_label.isVisible()
    go_next(qtbot, wizard)

    questions = wizard.currentPage()
    assert isinstance(questions, QuestionsPage)
    rows = list(questions.question_rows.items())
    assert rows, "no suggested questions"
    ticked = [qid for qid, row in rows if row.button.isChecked()]
    assert ticked, "nothing ticked by default"
    # Drop the first default and keep an unticked one (if any).
    click(qtbot, rows[0][1].button)
    unticked = [qid for qid, row in rows if not row.button.isChecked() and qid != rows[0][0]]
    if unticked:
        click(qtbot, questions.question_rows[unticked[-1]].button)
    click(qtbot, questions.own_questions.entry)
    qtbot.keyClicks(questions.own_questions.entry, OWN_QUESTION)
    qtbot.keyClick(questions.own_questions.entry, Qt.Key.Key_Return)
    assert wizard.currentPage() is questions, "Enter in the field must not press Next"
    click(qtbot, questions.notes)
    qtbot.keyClicks(questions.notes, "Bring the scan results.")
    go_next(qtbot, wizard)
    assert isinstance(wizard.currentPage(), SummaryPage)
    return [content.question(q).text for q in wizard.session.answers.chosen_questions]


@pytest.mark.parametrize("condition", CONDITIONS)
def test_a_person_walks_the_whole_wizard_and_saves_a_pdf_with_their_questions(
    qtbot, make_wizard, monkeypatch, tmp_path, condition
):
    wizard = make_wizard()
    kept = walk_to_summary(qtbot, wizard, condition)
    answers = wizard.session.answers
    assert answers.condition == condition
    assert answers.own_questions == (OWN_QUESTION,)
    assert answers.notes == "Bring the scan results."
    assert answers.own_concerns == ("Who looks after my dog?",)
    assert not answers.missing(wizard.session.content, "values")

    summary = wizard.currentPage()
    shown = " ".join(label.text() for label in summary.question_labels)
    assert OWN_QUESTION in shown

    target = tmp_path / "my summary"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "PDF (*.pdf)")
    )
    click(qtbot, summary.save_button)
    saved = tmp_path / "my summary.pdf"
    assert saved.is_file()
    assert summary.status_label.isVisible()
    assert str(saved) in summary.status_label.text()
    assert missing_from_pdf(saved, [*kept, OWN_QUESTION]) == []


def test_print_sends_the_summary_pdf_to_the_printer(qtbot, make_wizard):
    printer = FakePrinter()
    wizard = make_wizard(printer=printer)
    walk_to_summary(qtbot, wizard, CONDITIONS[0])
    summary = wizard.currentPage()
    assert summary.print_button.isEnabled()
    click(qtbot, summary.print_button)
    assert len(printer.calls) == 1
    pdf, title = printer.calls[0]
    assert pdf.startswith(b"%PDF")
    assert title == wizard.session.report().title
    assert summary.status_label.isVisible()


def test_a_failing_printer_shows_its_message_and_keeps_the_answers(qtbot, make_wizard):
    printer = FailingPrinter()
    wizard = make_wizard(printer=printer)
    walk_to_summary(qtbot, wizard, CONDITIONS[0])
    before = wizard.session.answers
    summary = wizard.currentPage()
    click(qtbot, summary.print_button)
    assert printer.calls == 1
    assert summary.status_label.isVisible()
    assert printer.message in summary.status_label.text()
    assert wizard.session.answers == before
    assert wizard.currentPage() is summary
    assert not summary.kept_copy


def test_the_first_page_shows_next_before_the_later_pages_exist(qtbot, make_wizard):
    """The later pages are created after the first is shown, and Next right away still works."""
    wizard = make_wizard()
    # Nothing has run the event loop for the 150 ms after which the wizard creates them.
    assert [type(p) for p in wizard.findChildren(Page)] == [WelcomePage]
    assert wizard.button(QWizard.WizardButton.NextButton).isVisible()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    assert wizard.step_list.progress_label.text() == "Step 1 of 12"
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert isinstance(wizard.currentPage(), AboutYouPage)
    assert len(wizard.findChildren(Page)) == len(STEP_TITLES)


def test_from_the_start_up_cache_the_pack_is_read_when_the_person_goes_on(
    qtbot, make_wizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The first page shows the cached cover; the pack itself comes when a later page needs it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv(cache.ENV, "1")
    content = new_session("en").content  # writes the cache
    session = new_session("en")
    wizard = make_wizard(session)
    welcome = wizard.currentPage()
    assert isinstance(welcome, WelcomePage)
    shown = [label.text() for label in welcome.findChildren(QLabel)]
    assert content.pack.decision_question in shown
    assert content.pack.decision_summary in shown
    assert not session.pack.made
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    about = wizard.currentPage()
    assert isinstance(about, AboutYouPage)
    assert session.pack.made
    assert set(about.condition_rows) == {c.id for c in content.conditions}


def test_the_step_list_names_each_page_by_its_own_title(make_wizard):
    """The titles the side panel lists before the later pages exist are the pages' own."""
    wizard = make_wizard()
    titles = (WelcomePage.TITLE, *(c.TITLE for c in later_page_classes()))
    assert titles == STEP_TITLES
    assert [type(p) for p in wizard.pages] == [WelcomePage, *later_page_classes()]
    assert [label.text() for label in wizard.step_list.step_labels] == [
        p.accessibleName() for p in wizard.pages
    ]
