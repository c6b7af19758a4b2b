"""The jump list of a long page, used with the keyboard, a finger and the mouse, at 200 % text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from guihelpers import FakePrinter, settle
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget, QWizard
from test_accessibility import fill_answers

from decisionaid.gui import style
from decisionaid.gui.host import install_language
from decisionaid.gui.pages import Page
from decisionaid.gui.pages.knowledge import KnowledgePage
from decisionaid.gui.pages.options import OptionsPage
from decisionaid.gui.pages.questions import QuestionsPage
from decisionaid.gui.pages.readiness import ReadinessPage
from decisionaid.gui.pages.risks import RisksPage
from decisionaid.gui.pages.unknowns import UnknownsPage
from decisionaid.gui.pages.values import ValuesPage
from decisionaid.gui.pages.welcome import WelcomePage
from decisionaid.gui.wizard import DecisionWizard, build_wizard
from decisionaid.i18n import PSEUDO_LANGUAGE, activate, translator_for
from decisionaid.session import new_session

LONG_PAGES = (OptionsPage, RisksPage, UnknownsPage, KnowledgePage, ValuesPage, ReadinessPage)


@pytest.fixture
def open_wizard(qtbot) -> Iterator:
    """open_wizard(language, filled=True): a wizard at 200 % text on a laptop screen."""

    def open_(language: str = "en", *, filled: bool = True) -> DecisionWizard:
        style.set_appearance(style.Appearance(text_size=200))
        session = new_session(language)
        install_language(session.translator)
        wizard = build_wizard(session, FakePrinter())
        qtbot.addWidget(wizard)
        wizard.resize(1152, 720)
        wizard.show()
        qtbot.waitExposed(wizard)
        wizard.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
        if filled:
            fill_answers(wizard)
        return wizard

    yield open_
    install_language(translator_for("en"))
    activate(translator_for("en"))


def turn_to(wizard: DecisionWizard, page_class: type[Page]) -> Page:
    while not isinstance(wizard.currentPage(), page_class):
        wizard.next()
        settle(wizard)
    page = wizard.currentPage()
    assert isinstance(page, Page)
    return page


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot, wizard: DecisionWizard, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(focused(), key, modifier)
    settle(wizard)


def in_view(page: Page, widget: QWidget) -> bool:
    """Whether the top of `widget` shows in the page's scroll area."""
    viewport = page.scroll_area.viewport()
    top = widget.mapTo(viewport, QPoint(0, 0)).y()
    return 0 <= top < viewport.height() - widget.fontMetrics().height()


def tap(widget: QWidget) -> None:
    """A finger's tap, as Qt delivers it: a press and release synthesised from the touch."""
    point = QPointF(widget.rect().center())
    for kind, buttons in (
        (QEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton),
    ):
        event = QMouseEvent(
            kind, point, point, QPointF(widget.mapToGlobal(point.toPoint())),
            Qt.MouseButton.LeftButton, buttons, Qt.KeyboardModifier.NoModifier,
            Qt.MouseEventSource.MouseEventSynthesizedBySystem,
        )  # fmt: skip
        QApplication.sendEvent(widget, event)


@pytest.mark.parametrize("language", ["en", "ar", PSEUDO_LANGUAGE])
def test_the_keyboard_reaches_the_last_part_of_a_long_page_in_four_presses(
    qtbot, open_wizard, language
):
    wizard = open_wizard(language)
    page = turn_to(wizard, RisksPage)
    jump_list = page.jump_list
    assert jump_list is not None
    assert jump_list.isVisible()
    assert focused() is page.scroll_area, "a page starts at its top"
    parts = page.parts()
    assert len(jump_list.links) == len(parts) > 10
    last = parts[-1]
    assert not in_view(page, last.title)

    press(qtbot, wizard, Qt.Key.Key_Tab)
    assert focused() is jump_list.skip_link, "the jump list is not the first stop"
    press(qtbot, wizard, Qt.Key.Key_End)
    assert focused() is jump_list.links[-1]
    assert jump_list.links[-1].text() == last.title.text()
    press(qtbot, wizard, Qt.Key.Key_Return)

    assert focused() is last.title, "the keyboard did not move to the part"
    assert in_view(page, last.title), "the part was not scrolled into view"
    assert wizard.currentPage() is page, "Enter on a link turned the page"
    # Tab goes on from there, in reading order: the part's first control.
    following = page.focus_order()
    after = next(
        w
        for w in following[following.index(last.title) + 1 :]
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus
    )
    press(qtbot, wizard, Qt.Key.Key_Tab)
    assert focused() is after
    assert last.widget.isAncestorOf(after) or after.mapTo(page.inner, QPoint()).y() > (
        last.title.mapTo(page.inner, QPoint()).y()
    )


def test_a_heading_becomes_focusable_only_when_a_jump_focuses_it(qtbot, open_wizard):
    """A QLabel that can take the focus lays its text out through a text document, several
    times slower on every layout and text-size change: no label may be focusable up front."""
    wizard = open_wizard()
    page = turn_to(wizard, RisksPage)
    labels = page.findChildren(QLabel)
    assert len(labels) > 50
    assert [w.text() for w in labels if w.focusPolicy() != Qt.FocusPolicy.NoFocus] == []
    assert page.jump_list is not None
    press(qtbot, wizard, Qt.Key.Key_Tab)
    press(qtbot, wizard, Qt.Key.Key_End)
    press(qtbot, wizard, Qt.Key.Key_Return)
    title = page.parts()[-1].title
    assert focused() is title
    focusable = [w for w in labels if w.focusPolicy() != Qt.FocusPolicy.NoFocus]
    assert focusable == [title]


def test_the_jump_list_is_one_tab_stop_and_remembers_the_last_link(qtbot, open_wizard):
    wizard = open_wizard()
    page = turn_to(wizard, ValuesPage)
    jump_list = page.jump_list
    assert jump_list is not None
    press(qtbot, wizard, Qt.Key.Key_Tab)
    assert focused() is jump_list.skip_link
    press(qtbot, wizard, Qt.Key.Key_Down)
    press(qtbot, wizard, Qt.Key.Key_Down)
    press(qtbot, wizard, Qt.Key.Key_Up)
    assert focused() is jump_list.links[0]
    press(qtbot, wizard, Qt.Key.Key_Down)
    assert focused() is jump_list.links[1]
    press(qtbot, wizard, Qt.Key.Key_Tab)
    assert not jump_list.isAncestorOf(focused()), "Tab stopped at another link"
    press(qtbot, wizard, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is jump_list.links[1], "Shift+Tab did not come back to the last link"
    press(qtbot, wizard, Qt.Key.Key_Home)
    assert focused() is jump_list.skip_link


def test_next_is_three_presses_away_through_the_skip_link(qtbot, open_wizard):
    wizard = open_wizard("ar")
    page = turn_to(wizard, OptionsPage)
    assert page.jump_list is not None
    press(qtbot, wizard, Qt.Key.Key_Tab)
    assert focused() is page.jump_list.skip_link
    press(qtbot, wizard, Qt.Key.Key_Space)
    assert focused() is wizard.button(QWizard.WizardButton.NextButton)
    press(qtbot, wizard, Qt.Key.Key_Return)
    assert wizard.currentPage() is not page


def test_while_next_is_blocked_the_skip_link_lands_on_the_reason(qtbot, open_wizard):
    wizard = open_wizard(filled=False)
    wizard.session.answers = wizard.session.answers.replace(condition="sle")
    page = turn_to(wizard, ValuesPage)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert page.jump_list is not None
    press(qtbot, wizard, Qt.Key.Key_Tab)
    press(qtbot, wizard, Qt.Key.Key_Return)
    assert focused() is page.hint_label
    assert "rate" in page.hint_label.text()
    press(qtbot, wizard, Qt.Key.Key_Tab)
    assert focused() is wizard.button(QWizard.WizardButton.BackButton)


@pytest.mark.parametrize("how", ["finger", "mouse"])
def test_a_tap_or_a_click_moves_the_view_and_the_focus(qtbot, open_wizard, how):
    wizard = open_wizard()
    page = turn_to(wizard, QuestionsPage)
    assert page.jump_list is not None
    parts = page.parts()
    assert [link.text() for link in page.jump_list.links] == [p.title.text() for p in parts]
    link, part = page.jump_list.links[-1], parts[-1]
    if how == "finger":
        tap(link)
    else:
        qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    settle(wizard)
    assert focused() is part.title
    assert in_view(page, part.title)


def test_the_long_pages_have_a_jump_list_and_the_short_ones_do_not(qtbot, open_wizard):
    wizard = open_wizard()
    for page_class in (*LONG_PAGES, QuestionsPage):
        page = turn_to(wizard, page_class)
        assert page.jump_list is not None, page_class.__name__
        assert page.jump_list.isVisible(), page_class.__name__
        # Each part is a card or a section heading, listed in the order of the page.
        tops = [p.widget.mapTo(page.inner, QPoint()).y() for p in page.parts()]
        assert tops == sorted(tops), page_class.__name__
    assert wizard.page_of(WelcomePage).jump_list is None


def test_the_parts_follow_the_condition_and_the_list_is_not_rebuilt_for_nothing(qtbot, open_wizard):
    wizard = open_wizard()
    page = turn_to(wizard, RisksPage)
    assert page.jump_list is not None
    links = list(page.jump_list.links)
    wizard.back()
    wizard.next()
    settle(wizard)
    assert page.jump_list.links == links, "the same parts were listed again with new widgets"
    conditions = [c.id for c in wizard.session.content.conditions]
    other = next(c for c in conditions if c != wizard.session.answers.condition)
    wizard.session.answers = wizard.session.answers.replace(condition=other)
    wizard.back()
    wizard.next()
    settle(wizard)
    assert [link.text() for link in page.jump_list.links] == [p.title.text() for p in page.parts()]
