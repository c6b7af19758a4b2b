"""Page by page: branching, validation, Back, Start over, saving errors, language, a11y, touch."""

from __future__ import annotations

import datetime as dt
import os
import stat
import weakref
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import shiboken6
from guihelpers import (
    FakePrinter,
    click,
    go_back,
    go_next,
    look_at_dialogs,
    next_button,
    rect_in,
    type_text,
)
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWizard,
)

from decisionaid import paths
from decisionaid.answers import MAX_TEXT, UNSURE
from decisionaid.gui import style
from decisionaid.gui.app import run
from decisionaid.gui.host import WizardHost, install_language
from decisionaid.gui.pages.about_you import AboutYouPage
from decisionaid.gui.pages.benefits import BenefitsPage
from decisionaid.gui.pages.knowledge import KnowledgePage
from decisionaid.gui.pages.leaning import LeaningPage
from decisionaid.gui.pages.options import OptionsPage
from decisionaid.gui.pages.questions import QuestionsPage
from decisionaid.gui.pages.risks import RisksPage
from decisionaid.gui.pages.summary import SummaryPage
from decisionaid.gui.pages.values import ValuesPage
from decisionaid.gui.pages.welcome import WelcomePage
from decisionaid.gui.style import load_fonts
from decisionaid.gui.widgets.choices import ChoiceRow
from decisionaid.gui.widgets.evidence import IconArray, SourceButton, StatisticView
from decisionaid.gui.widgets.text import TextLabel
from decisionaid.gui.wizard import START_OVER, DecisionWizard
from decisionaid.i18n import translator_for
from decisionaid.questions import default_choice
from decisionaid.session import new_session


def goto(qtbot, wizard: DecisionWizard, page_class: type) -> object:
    """Press Next until the page of `page_class` is showing."""
    while not isinstance(wizard.currentPage(), page_class):
        go_next(qtbot, wizard)
    return wizard.currentPage()


def labels_measured(monkeypatch: pytest.MonkeyPatch) -> list[TextLabel]:
    """From now on, every label whose text is measured anew (its size hints computed)."""
    measured: list[TextLabel] = []
    hints = TextLabel._hints

    def counted(label: TextLabel) -> object:
        if label._here().hint_text != label.text():
            measured.append(label)
        return hints(label)

    monkeypatch.setattr(TextLabel, "_hints", counted)
    return measured


@dataclass
class SeenDialog:
    text: str
    geometry: QRect
    close_visible: bool


def look_at_dialog(qtbot, open_dialog: Callable[[], object]) -> SeenDialog:
    """Open a modal dialog, note its texts and where it is, and close it with its Close button."""
    seen: list[SeenDialog] = []

    def look(dialog: QDialog) -> None:
        close = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Close")
        inside = dialog.rect().contains(rect_in(dialog, close))
        seen.append(
            SeenDialog(
                "\n".join(label.text() for label in dialog.findChildren(QLabel)),
                dialog.frameGeometry(),
                close.isVisible() and inside,
            )
        )
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)

    assert look_at_dialogs(open_dialog, look) == 1
    return seen[0]


def choose_condition(qtbot, wizard: DecisionWizard, condition: str) -> None:
    page = goto(qtbot, wizard, AboutYouPage)
    click(qtbot, page.condition_rows[condition].button)


def fill_required(wizard: DecisionWizard, condition: str) -> None:
    """Give the answers the required steps need (those steps have their own tests)."""
    session = wizard.session
    content = session.content
    answers = session.answers.replace(condition=condition, leaning=UNSURE)
    for item in content.considerations:
        answers = answers.with_rating(item.id, 3)
    for item in content.deliberation.sure_items:
        answers = answers.with_sure(item.id, True)
    session.answers = answers


@pytest.fixture
def restore_direction():
    yield
    QApplication.instance().setLayoutDirection(Qt.LayoutDirection.LeftToRight)


class TestAboutYou:
    def test_next_is_disabled_with_a_message_until_a_condition_is_chosen(self, qtbot, make_wizard):
        wizard = make_wizard()
        page = goto(qtbot, wizard, AboutYouPage)
        assert not next_button(wizard).isEnabled()
        assert page.hint_label.isVisible()
        assert page.hint_label.text()
        click(qtbot, page.condition_rows["ra"].button)
        assert next_button(wizard).isEnabled()
        assert not page.hint_label.isVisible()
        assert wizard.session.answers.condition == "ra"

    def test_treatments_offered_are_those_of_the_chosen_condition(self, qtbot, make_wizard):
        wizard = make_wizard()
        choose_condition(qtbot, wizard, "uc")
        page = wizard.currentPage()
        assert list(page.treatment_rows) == list(wizard.session.content.condition("uc").treatments)

    def test_changing_condition_drops_treatments_the_new_condition_does_not_have(
        self, qtbot, make_wizard
    ):
        wizard = make_wizard()
        choose_condition(qtbot, wizard, "uc")
        page = wizard.currentPage()
        content = wizard.session.content
        only_uc = next(
            t
            for t in content.condition("uc").treatments
            if t not in content.condition("sle").treatments
        )
        click(qtbot, page.treatment_rows[only_uc].button)
        assert only_uc in wizard.session.answers.treatments_tried
        click(qtbot, page.condition_rows["sle"].button)
        assert only_uc not in wizard.session.answers.treatments_tried
        assert only_uc not in page.treatment_rows

    def test_clicking_the_text_of_a_row_chooses_it(self, qtbot, make_wizard):
        wizard = make_wizard()
        page = goto(qtbot, wizard, AboutYouPage)
        row = page.condition_rows["myositis"]
        qtbot.mouseClick(row.text_label, Qt.MouseButton.LeftButton)
        assert row.button.isChecked()
        assert wizard.session.answers.condition == "myositis"


class TestFacts:
    def test_the_facts_shown_follow_the_condition(self, qtbot, make_wizard):
        wizard = make_wizard()
        content = wizard.session.content
        choose_condition(qtbot, wizard, "sle")
        page = goto(qtbot, wizard, BenefitsPage)
        sle = {f.id for f in content.facts_for("sle", "benefit")}
        assert set(page.fact_cards) == sle
        while not isinstance(wizard.currentPage(), AboutYouPage):
            go_back(qtbot, wizard)
        click(qtbot, wizard.currentPage().condition_rows["uc"].button)
        page = goto(qtbot, wizard, BenefitsPage)
        uc = {f.id for f in content.facts_for("uc", "benefit")}
        assert set(page.fact_cards) == uc
        assert sle != uc

    def test_the_conditions_own_evidence_comes_before_any_number(self, qtbot, make_wizard):
        wizard = make_wizard()
        summary = wizard.session.content.condition("ra").evidence_summary
        choose_condition(qtbot, wizard, "ra")
        for page_class in (BenefitsPage, RisksPage):
            page = goto(qtbot, wizard, page_class)
            assert summary in page.evidence_note.text()
            assert page.facts_box.itemAt(0).widget() is page.evidence_note

    def test_benefits_and_risks_show_numbers_the_same_way(self, qtbot, make_wizard):
        wizard = make_wizard()
        choose_condition(qtbot, wizard, "sle")
        benefits = goto(qtbot, wizard, BenefitsPage)
        assert benefits.statistic_views
        risks = goto(qtbot, wizard, RisksPage)
        assert risks.statistic_views
        for view in [*benefits.statistic_views.values(), *risks.statistic_views.values()]:
            assert type(view) is StatisticView
            assert " out of " in view.sentence_label.text()
            assert view.array.count == min(view.array.count, 100)
            assert view.source_button is not None

    def test_a_source_is_one_click_away(self, qtbot, make_wizard):
        wizard = make_wizard()
        choose_condition(qtbot, wizard, "sle")
        page = goto(qtbot, wizard, BenefitsPage)
        button = page.findChildren(SourceButton)[0]
        seen = look_at_dialog(qtbot, lambda: click(qtbot, button))
        assert button.sources[0].citation in seen.text
        assert button.sources[0].url in seen.text

    def test_at_the_largest_text_size_the_sources_fit_and_close_is_on_screen(
        self, qtbot, make_wizard
    ):
        style.set_appearance(style.Appearance(text_size=max(style.TEXT_SIZES)))
        wizard = make_wizard()  # 1024 x 600, a small kiosk screen
        choose_condition(qtbot, wizard, "sle")
        page = goto(qtbot, wizard, BenefitsPage)
        button = max(page.findChildren(SourceButton), key=lambda b: len(b.sources))
        seen = look_at_dialog(qtbot, lambda: click(qtbot, button))
        assert all(source.url in seen.text for source in button.sources)
        assert wizard.frameGeometry().contains(seen.geometry), (seen.geometry, wizard.geometry())
        assert seen.close_visible


class TestIconArray:
    def test_large_groups_are_shown_per_hundred(self, qtbot):
        array = IconArray(30, 600)
        qtbot.addWidget(array)
        assert (array.count, array.filled) == (100, 5)
        assert array.sizeHint().height() == 10 * array.cell

    def test_the_array_is_mirrored_right_to_left(self, qtbot):
        array = IconArray(1, 10)
        qtbot.addWidget(array)
        array.resize(array.sizeHint())
        centre = array.cell // 2

        def filled_at(x: int) -> bool:
            image = array.grab().toImage()
            return QColor(image.pixel(QPoint(x, centre))).blue() < 200

        assert filled_at(centre)
        assert not filled_at(array.width() - centre)
        array.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        assert filled_at(array.width() - centre)
        assert not filled_at(centre)


class TestValues:
    def test_next_waits_until_every_consideration_is_rated(self, qtbot, make_wizard):
        wizard = make_wizard()
        choose_condition(qtbot, wizard, "sle")
        page = goto(qtbot, wizard, ValuesPage)
        scales = list(page.scales.values())
        for scale in scales[:-1]:
            click(qtbot, scale.buttons["2"])
            assert not next_button(wizard).isEnabled()
        assert "1" in page.hint_label.text()
        click(qtbot, scales[-1].buttons["0"])
        assert next_button(wizard).isEnabled()
        assert not page.hint_label.isVisible()

    def test_back_and_next_keep_the_ratings(self, qtbot, make_wizard):
        wizard = make_wizard()
        choose_condition(qtbot, wizard, "sle")
        page = goto(qtbot, wizard, ValuesPage)
        first = next(iter(page.scales))
        click(qtbot, page.scales[first].buttons["3"])
        click(qtbot, next(iter(page.concern_rows.values())).button)
        before = wizard.session.answers
        go_back(qtbot, wizard)
        go_back(qtbot, wizard)
        assert wizard.session.answers == before
        goto(qtbot, wizard, ValuesPage)
        assert page.scales[first].value() == "3"
        assert next(iter(page.concern_rows.values())).button.isChecked()
        assert wizard.session.answers == before

    def test_own_concerns_can_be_added_and_removed(self, qtbot, make_wizard):
        wizard = make_wizard()
        choose_condition(qtbot, wizard, "sle")
        page = goto(qtbot, wizard, ValuesPage)
        editor = page.own_concerns
        for text in ("Mein Hund", "كلبي"):
            click(qtbot, editor.entry)
            type_text(qtbot, editor.entry, text)
            qtbot.keyClick(editor.entry, Qt.Key.Key_Return)
        assert wizard.session.answers.own_concerns == ("Mein Hund", "كلبي")
        click(qtbot, editor.remove_buttons[0])
        assert wizard.session.answers.own_concerns == ("كلبي",)


class TestQuestions:
    def test_own_questions_accept_any_unicode_up_to_the_limit(self, qtbot, make_wizard):
        wizard = make_wizard()
        fill_required(wizard, "sle")
        page = goto(qtbot, wizard, QuestionsPage)
        editor = page.own_questions
        assert editor.entry.maxLength() == MAX_TEXT
        type_text(qtbot, editor.entry, "¿Puedo trabajar? 仕事 <i>&amp;</i> 🙂")
        click(qtbot, editor.add_button)
        assert wizard.session.answers.own_questions == ("¿Puedo trabajar? 仕事 <i>&amp;</i> 🙂",)
        assert not editor.add_button.isEnabled()

    def test_default_ticks_follow_the_model_until_the_person_chooses(self, qtbot, make_wizard):
        wizard = make_wizard()
        fill_required(wizard, "sle")
        page = goto(qtbot, wizard, QuestionsPage)
        content = wizard.session.content
        assert wizard.session.answers.chosen_questions == default_choice(
            content, wizard.session.answers
        )
        ticked = [q for q, row in page.question_rows.items() if row.button.isChecked()]
        assert set(ticked) == set(wizard.session.answers.chosen_questions)
        first = ticked[0]
        click(qtbot, page.question_rows[first].button)
        go_back(qtbot, wizard)
        go_next(qtbot, wizard)
        assert first not in wizard.session.answers.chosen_questions
        assert not page.question_rows[first].button.isChecked()

    def test_each_suggestion_shows_its_reason(self, qtbot, make_wizard):
        wizard = make_wizard()
        fill_required(wizard, "ra")
        page = goto(qtbot, wizard, QuestionsPage)
        for row in page.question_rows.values():
            assert row.description_label is not None
            assert row.description_label.text()


class TestLeaning:
    def test_next_waits_for_the_leaning_and_all_four_sure_answers(self, qtbot, make_wizard):
        wizard = make_wizard()
        choose_condition(qtbot, wizard, "ra")
        for _ in range(6):
            go_next(qtbot, wizard)
        values = goto(qtbot, wizard, ValuesPage)
        for scale in values.scales.values():
            click(qtbot, scale.buttons["4"])
        page = goto(qtbot, wizard, LeaningPage)
        assert not next_button(wizard).isEnabled()
        click(qtbot, page.leaning_rows[UNSURE].button)
        for scale in page.sure_scales.values():
            assert not next_button(wizard).isEnabled()
            click(qtbot, scale.buttons["yes"])
        assert next_button(wizard).isEnabled()
        assert page.sure_result_label.isVisible()
        click(qtbot, next(iter(page.sure_scales.values())).buttons["no"])
        assert "no" in page.sure_result_label.text().lower()


class TestOptionalPages:
    def test_pages_without_required_answers_never_block(self, qtbot, make_wizard):
        wizard = make_wizard()
        choose_condition(qtbot, wizard, "ssc")
        required = {ValuesPage, LeaningPage}
        while not isinstance(wizard.currentPage(), SummaryPage):
            page = wizard.currentPage()
            if type(page) in required:
                break
            assert next_button(wizard).isEnabled(), type(page).__name__
            go_next(qtbot, wizard)
        assert isinstance(wizard.currentPage(), ValuesPage)


class TestBuiltWhenReached:
    def test_only_the_first_page_is_built_until_the_person_moves_on(self, qtbot, make_wizard):
        wizard = make_wizard()
        assert [page.built for page in wizard.pages] == [True] + [False] * 11
        choose_condition(qtbot, wizard, "sle")
        go_next(qtbot, wizard)
        assert [page.built for page in wizard.pages][:3] == [True] * 3
        assert not any(page.built for page in wizard.pages[4:]), "only the next one ahead"
        assert isinstance(wizard.currentPage(), OptionsPage)
        assert wizard.currentPage().option_cards, "the page reached was built and filled"

    def test_the_next_page_is_prepared_while_the_person_reads(self, qtbot, make_wizard):
        wizard = make_wizard()
        choose_condition(qtbot, wizard, "sle")
        go_next(qtbot, wizard)
        benefits = wizard.pages[3]
        assert isinstance(benefits, BenefitsPage)
        qtbot.waitUntil(lambda: benefits.built, timeout=5000)
        assert benefits.fact_cards, "filled for the condition chosen"
        assert benefits.size() == wizard.currentPage().size(), "laid out at the page's size"
        cards = dict(benefits.fact_cards)
        go_next(qtbot, wizard)
        assert wizard.currentPage() is benefits
        assert benefits.fact_cards == cards, "shown as prepared, not built again"
        assert not any(page.built for page in wizard.pages[5:])

    def test_a_prepared_page_is_shown_without_measuring_its_text_again(
        self, qtbot, make_wizard, monkeypatch
    ):
        """The rows of a page prepared ahead are laid out then, not during the turn.

        After a new text size, as the hidden pages follow it while the person reads.
        """
        wizard = make_wizard()
        choose_condition(qtbot, wizard, "sle")
        goto(qtbot, wizard, KnowledgePage)
        values = wizard.pages[wizard.currentId() + 1]
        assert isinstance(values, ValuesPage)
        qtbot.waitUntil(lambda: values.built, timeout=5000)  # prepared while the person reads
        click(qtbot, wizard.display_settings.larger_button)
        qtbot.waitUntil(lambda: not wizard._restyle_timer.isActive(), timeout=5000)
        assert style.is_styled(values), "the page followed the new size while hidden"
        measured = labels_measured(monkeypatch)
        rows = [w for w in values.inner.findChildren(TextLabel) if w.isVisibleTo(values)]
        assert len(rows) > 20, "a page of many labels, or the test shows nothing"
        go_next(qtbot, wizard)
        assert wizard.currentPage() is values
        assert [w.text() for w in measured if values.inner.isAncestorOf(w)] == []

    def test_about_you_is_prepared_ahead_when_the_person_comes_back_to_it(
        self, qtbot, make_wizard, monkeypatch
    ):
        """Its condition card and treatments are made when the condition is chosen, and kept:
        Back to the first page and Next again shows them without building or measuring."""
        wizard = make_wizard()
        choose_condition(qtbot, wizard, "sle")
        page = wizard.currentPage()
        assert isinstance(page, AboutYouPage)
        click(qtbot, next(iter(page.treatment_rows.values())).button)
        card, rows = page.details_box.itemAt(0).widget(), dict(page.treatment_rows)
        go_back(qtbot, wizard)
        qtbot.waitUntil(lambda: not wizard._prepare_timer.isActive(), timeout=5000)
        measured = labels_measured(monkeypatch)
        go_next(qtbot, wizard)
        assert wizard.currentPage() is page
        assert page.details_box.itemAt(0).widget() is card
        assert page.treatment_rows == rows
        assert [w.text() for w in measured if page.inner.isAncestorOf(w)] == []
        ticked = [t for t, row in rows.items() if row.button.isChecked()]
        assert ticked == list(wizard.session.answers.treatments_tried)

    def test_stored_answers_show_as_chosen_rows(self, qtbot, make_wizard):
        """Answers the person did not just click (a saved file continued) show as a click
        would: ticked, and in bold, which is how a choice shows besides its indicator."""
        wizard = make_wizard()
        content = wizard.session.content
        item = content.knowledge[0]
        choice = item.choices[-1].id
        fill_required(wizard, "uc")
        concern = content.concerns[-1].id
        wizard.session.answers = wizard.session.answers.replace(
            knowledge={item.id: choice},
            treatments_tried=(content.condition("uc").treatments[0],),
            concerns=(concern,),
        )

        def bold(rows: dict[str, ChoiceRow]) -> list[str]:
            return [
                key for key, row in rows.items() if row.text_label.property("checked") == "true"
            ]

        about = goto(qtbot, wizard, AboutYouPage)
        assert bold(about.condition_rows) == ["uc"]
        assert bold(about.treatment_rows) == [content.condition("uc").treatments[0]]
        knowledge = goto(qtbot, wizard, KnowledgePage)
        assert bold(knowledge.choice_rows[item.id]) == [choice]
        values = goto(qtbot, wizard, ValuesPage)
        assert bold(values.concern_rows) == [concern]
        leaning = goto(qtbot, wizard, LeaningPage)
        assert bold(leaning.leaning_rows) == [UNSURE]

    def test_a_page_built_late_still_gets_the_keyboard_focus(self, qtbot, make_wizard):
        wizard = make_wizard()
        choose_condition(qtbot, wizard, "sle")
        go_next(qtbot, wizard)
        go_next(qtbot, wizard)
        page = wizard.currentPage()
        assert isinstance(page, BenefitsPage)
        assert page.focusWidget() is page.scroll_area


class TestStartOver:
    @pytest.fixture
    def host(self, qtbot):
        host = WizardHost(None)
        host.start("en")
        qtbot.addWidget(host.wizard)
        yield host
        if host.wizard is not None:
            host.wizard.close()
            host.wizard.deleteLater()

    def test_start_over_asks_first_and_keeps_everything_when_declined(
        self, qtbot, host, answer_dialogs
    ):
        wizard = host.wizard
        choose_condition(qtbot, wizard, "sle")
        answerer = answer_dialogs(False)
        qtbot.mouseClick(wizard.button(START_OVER), Qt.MouseButton.LeftButton)
        assert answerer.texts, "no question was asked"
        assert host.wizard is wizard
        assert wizard.session.answers.condition == "sle"

    def test_finishing_on_a_laptop_closes_instead_of_starting_again(self, qtbot, host):
        wizard = host.wizard
        with qtbot.waitSignal(host.closed, timeout=1000):
            wizard.accept()
        assert host.wizard is wizard

    def test_start_over_throws_the_wizard_and_answers_away(self, qtbot, host, answer_dialogs):
        wizard = host.wizard
        choose_condition(qtbot, wizard, "sle")
        old_session = weakref.ref(wizard.session)
        answer_dialogs(True)
        qtbot.mouseClick(wizard.button(START_OVER), Qt.MouseButton.LeftButton)
        assert host.wizard is not wizard
        assert host.wizard.session is not old_session()
        assert host.wizard.session.answers.condition is None
        assert host.wizard.currentId() == 0
        qtbot.addWidget(host.wizard)
        qtbot.waitUntil(lambda: not shiboken6.isValid(wizard))

    def test_choosing_another_language_rebuilds_in_that_language(
        self, qtbot, host, restore_direction
    ):
        wizard = host.wizard
        welcome = wizard.currentPage()
        assert isinstance(welcome, WelcomePage)
        click(qtbot, welcome.language_buttons["ar"])
        assert host.wizard is not wizard
        qtbot.addWidget(host.wizard)
        assert host.wizard.session.translator.language == "ar"
        assert QApplication.instance().layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert host.wizard.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert QApplication.translate("QWizard", "Cancel") != "Cancel"
        assert host.wizard.buttonText(QWizard.WizardButton.NextButton) != "Next"
        assert host.wizard.session.content.pack.title != wizard.session.content.pack.title
        click(qtbot, host.wizard.currentPage().language_buttons["en"])
        qtbot.addWidget(host.wizard)
        assert QApplication.instance().layoutDirection() == Qt.LayoutDirection.LeftToRight


class TestSummary:
    def _to_summary(self, qtbot, wizard):
        session = wizard.session
        content = session.content
        answers = session.answers.replace(condition="sle", leaning=content.options[0].id)
        for item in content.considerations:
            answers = answers.with_rating(item.id, 4)
        for item in content.deliberation.sure_items:
            answers = answers.with_sure(item.id, True)
        session.answers = answers.replace(own_questions=("Kann ich arbeiten?",))
        return goto(qtbot, wizard, SummaryPage)

    def test_an_unwritable_folder_gives_a_message_and_loses_nothing(
        self, qtbot, make_wizard, monkeypatch, tmp_path
    ):
        wizard = make_wizard()
        page = self._to_summary(qtbot, wizard)
        before = wizard.session.answers
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("x")
        target = blocker / "summary.pdf"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
        click(qtbot, page.save_button)
        assert page.status_label.isVisible()
        assert str(target) in page.status_label.text()
        assert page.status_label.property("tone") == "bad"
        assert wizard.session.answers == before
        assert wizard.currentPage() is page
        assert not page.kept_copy
        good = tmp_path / "ok.pdf"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(good), ""))
        click(qtbot, page.save_button)
        assert good.is_file()
        assert page.status_label.property("tone") == "good"

    def test_saving_onto_a_fifo_is_refused_and_the_fifo_left_alone(
        self, qtbot, make_wizard, monkeypatch, tmp_path
    ):
        wizard = make_wizard()
        page = self._to_summary(qtbot, wizard)
        fifo = tmp_path / "summary.pdf"
        os.mkfifo(fifo)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(fifo), ""))
        click(qtbot, page.save_button)
        assert "not a regular file" in page.status_label.text()
        assert page.status_label.property("tone") == "bad"
        assert stat.S_ISFIFO(fifo.lstat().st_mode)
        assert not page.kept_copy

    def test_cancelling_the_save_dialog_does_nothing(self, qtbot, make_wizard, monkeypatch):
        wizard = make_wizard()
        page = self._to_summary(qtbot, wizard)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
        click(qtbot, page.save_button)
        assert not page.status_label.isVisible()

    def test_without_a_printer_the_print_button_says_so(self, qtbot, make_wizard):
        wizard = make_wizard()
        page = self._to_summary(qtbot, wizard)
        assert not page.print_button.isEnabled()
        assert "not set up" in page.print_button.text()

    def test_a_kiosk_offers_printing_but_no_file_saving(self, qtbot, make_wizard):
        wizard = make_wizard(printer=FakePrinter(), kiosk=True)
        page = self._to_summary(qtbot, wizard)
        assert not page.save_button.isVisible()
        assert page.print_button.isVisible()
        assert page.print_button.isEnabled()

    def test_the_summary_reflects_without_recommending(self, qtbot, make_wizard):
        wizard = make_wizard()
        page = self._to_summary(qtbot, wizard)
        texts = " ".join(w.text() for w in page.findChildren(type(page.status_label)))
        assert "tend to go with" in texts
        assert "not advice" in texts
        assert "Kann ich arbeiten?" in texts

    def test_finish_without_saving_asks_first(self, qtbot, make_wizard, answer_dialogs):
        wizard = make_wizard()
        page = self._to_summary(qtbot, wizard)
        finish = wizard.button(QWizard.WizardButton.FinishButton)
        answerer = answer_dialogs(False)
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
        assert answerer.texts
        assert wizard.isVisible()
        assert wizard.currentPage() is page


class TestWelcome:
    def test_shows_the_decision_and_the_content_version(self, qtbot, make_wizard):
        wizard = make_wizard()
        page = wizard.currentPage()
        pack = wizard.session.content.pack
        texts = " ".join(w.text() for w in page.findChildren(type(page.version_label)))
        assert pack.decision_question in texts
        assert pack.version in page.version_label.text()
        assert page.overdue_card is None

    def test_warns_when_the_content_is_past_its_review_date(self, qtbot, make_wizard):
        session = new_session("en")
        session.today = session.content.pack.review_by + dt.timedelta(days=1)
        wizard = make_wizard(session)
        assert wizard.currentPage().overdue_card is not None

    def test_language_buttons_use_each_language_s_own_name(self, qtbot, make_wizard):
        wizard = make_wizard()
        page = wizard.currentPage()
        names = {
            code: b.text().removeprefix("\N{CHECK MARK} ")
            for code, b in page.language_buttons.items()
        }
        assert names["en"] == "English"
        assert page.language_buttons["en"].text().startswith("\N{CHECK MARK}")
        assert names["es"] == "Español"
        assert names["ar"] == "العربية"
        assert page.language_buttons["en"].isChecked()


class TestAccessibility:
    def _walk(self, qtbot, wizard):
        """Yield every page, filled in enough to move on."""
        content = wizard.session.content
        session = wizard.session
        answers = session.answers.replace(condition="sle", leaning=UNSURE)
        for item in content.considerations:
            answers = answers.with_rating(item.id, 2)
        for item in content.deliberation.sure_items:
            answers = answers.with_sure(item.id, False)
        session.answers = answers
        while True:
            yield wizard.currentPage()
            if isinstance(wizard.currentPage(), SummaryPage):
                return
            go_next(qtbot, wizard)

    def test_every_input_has_an_accessible_name_and_a_touch_sized_target(self, qtbot, make_wizard):
        wizard = make_wizard(printer=object())
        problems = []
        for page in self._walk(qtbot, wizard):
            inputs = [
                w
                for kind in (QAbstractButton, QLineEdit, QPlainTextEdit)
                for w in page.findChildren(kind)
                if w.isVisibleTo(wizard)
            ]
            assert inputs
            for widget in inputs:
                where = (
                    f"{type(page).__name__}: {type(widget).__name__} {widget.accessibleName()!r}"
                )
                if not widget.accessibleName().strip():
                    problems.append(f"{where} has no accessible name")
                if widget.height() < 44 and not isinstance(widget, QAbstractButton | QLineEdit):
                    problems.append(f"{where} is {widget.height()} px high")
                row_height = max(widget.height(), widget.parentWidget().height())
                if row_height < 44:
                    problems.append(f"{where} is {widget.height()} px high")
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton, START_OVER):
            assert wizard.button(which).height() >= 44
        assert problems == []

    def test_space_toggles_a_focused_check_box_and_enter_presses_next(self, qtbot, make_wizard):
        wizard = make_wizard()
        page = goto(qtbot, wizard, AboutYouPage)
        button = page.condition_rows["sle"].button
        button.setFocus()
        qtbot.keyClick(button, Qt.Key.Key_Space)
        assert wizard.session.answers.condition == "sle"
        treatment = next(iter(page.treatment_rows.values())).button
        treatment.setFocus()
        qtbot.keyClick(treatment, Qt.Key.Key_Space)
        assert treatment.isChecked()
        assert wizard.session.answers.treatments_tried
        qtbot.keyClick(treatment, Qt.Key.Key_Return)
        assert wizard.currentId() == 2

    def test_text_labels_name_their_buttons(self, qtbot, make_wizard):
        wizard = make_wizard()
        page = goto(qtbot, wizard, AboutYouPage)
        row = page.condition_rows["sle"]
        assert row.text_label.buddy() is row.button
        assert row.button.accessibleName() == wizard.session.content.condition("sle").name


class TestApplication:
    def test_run_shows_a_wizard_in_the_language_and_returns_the_exit_code(
        self, qtbot, restore_direction
    ):
        seen = []

        def look_and_quit():
            wizards = [w for w in QApplication.topLevelWidgets() if isinstance(w, DecisionWizard)]
            seen.extend((w.isVisible(), w.session.translator.language) for w in wizards)
            seen.append(QApplication.translate("QWizard", "Cancel"))
            QApplication.instance().exit(3)

        QTimer.singleShot(0, look_and_quit)
        assert run(["decisionaid"], language="ar") == 3
        assert (True, "ar") in seen
        assert "Cancel" not in seen, "Qt's own Arabic catalog was not installed"
        assert QApplication.instance().layoutDirection() == Qt.LayoutDirection.RightToLeft
        # hide(), not close(): closing the last window would post a Quit event that ends
        # the next test's event loop.
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, DecisionWizard):
                widget.hide()
                widget.deleteLater()
        install_language(translator_for("en"))

    def test_the_bundled_fonts_are_registered_when_present(self):
        families = load_fonts()
        assert "Noto Sans" in families
        assert "Noto Sans Arabic" in families
        assert load_fonts(paths.resources_dir() / "no-such-folder") == []
        assert QApplication.instance().font().pointSize() == 14
