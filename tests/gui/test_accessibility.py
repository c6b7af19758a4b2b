"""Keyboard only, accessible names, 200 % text, high contrast, touch targets, printing choice."""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from guihelpers import (
    FakePrinter,
    clipped_in,
    go_next,
    look_at_dialogs,
    rect_in,
    settle,
    tab_chain,
)
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QAccessible, QFont, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QButtonGroup,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
    QWizard,
)
from test_kiosk import PIN_HASH, print_temp, start_kiosk  # noqa: F401 (fixtures)
from test_wizard_walk import CONDITIONS

from decisionaid import paths
from decisionaid.answers import UNSURE
from decisionaid.gui import style
from decisionaid.gui.kiosk_dialogs import IdleWarning, PinDialog
from decisionaid.gui.pages import Page
from decisionaid.gui.pages.about_you import AboutYouPage
from decisionaid.gui.pages.facts import FactsPage
from decisionaid.gui.pages.leaning import LeaningPage
from decisionaid.gui.pages.summary import SummaryPage
from decisionaid.gui.pages.values import ValuesPage
from decisionaid.gui.pages.welcome import WelcomePage
from decisionaid.gui.printers import LaptopPrinter, PrinterChooser, QtPrinter
from decisionaid.gui.widgets.choices import CHECK_MARK, ChoiceRow, SegmentedChoice
from decisionaid.gui.widgets.evidence import SourceButton, StatisticView
from decisionaid.gui.wizard import START_OVER, DecisionWizard
from decisionaid.i18n import PSEUDO_LANGUAGE
from decisionaid.palette import THEMES, contrast_ratio
from decisionaid.pdf import render_pdf
from decisionaid.session import new_session
from decisionaid.system.printing import PrintCancelled
from factories import complete_answers

INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit, QAbstractScrollArea)


def fill_answers(wizard: DecisionWizard) -> None:
    """Answers that let every page show its tailored content and move on."""
    session = wizard.session
    content = session.content
    answers = session.answers.replace(
        condition=CONDITIONS[0], leaning=UNSURE, own_questions=("My own question",)
    )
    for item in content.considerations:
        answers = answers.with_rating(item.id, 2)
    for item in content.deliberation.sure_items:
        answers = answers.with_sure(item.id, False)
    session.answers = answers


def every_page(wizard: DecisionWizard) -> Iterator[QWidget]:
    """Each page in turn (answers filled in first), moving on with Next."""
    fill_answers(wizard)
    while True:
        settle(wizard)
        yield wizard.currentPage()
        if isinstance(wizard.currentPage(), SummaryPage):
            return
        wizard.next()


# -- keyboard ----------------------------------------------------------------------------


def activate(qtbot, window: QWidget) -> None:
    """Make the window the active one, so it has the keyboard focus."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def key(qtbot, which: Qt.Key) -> None:
    """Press a key on whatever has the focus, then let the event loop run as it would."""
    qtbot.keyClick(focused(), which)
    QApplication.processEvents()


def tab_to(qtbot, target: QAbstractButton, limit: int = 400) -> None:
    """Press Tab (and the arrow keys inside a radio group) until `target` has the focus."""
    group = target.group()
    for _ in range(limit):
        now = focused()
        if now is target:
            return
        if isinstance(group, QButtonGroup) and now in group.buttons():
            # In a group Tab stops once; the arrow keys move to the others.
            there = target.mapToGlobal(target.rect().center())
            here = now.mapToGlobal(now.rect().center())
            if abs(there.y() - here.y()) > 4:
                key(qtbot, Qt.Key.Key_Down if there.y() > here.y() else Qt.Key.Key_Up)
            else:
                key(qtbot, Qt.Key.Key_Right if there.x() > here.x() else Qt.Key.Key_Left)
        else:
            key(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.accessibleName()!r}")


def enter_goes_next(qtbot, wizard: DecisionWizard) -> None:
    before = wizard.currentId()
    key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == before + 1, f"Enter did not move on from page {before}"


def test_the_whole_wizard_can_be_done_with_the_keyboard_alone(qtbot, make_wizard):
    wizard = make_wizard()
    activate(qtbot, wizard)
    content = wizard.session.content
    condition = CONDITIONS[0]
    key(qtbot, Qt.Key.Key_Escape)
    assert wizard.isVisible(), "Escape closed the guide"
    enter_goes_next(qtbot, wizard)  # welcome

    about = wizard.currentPage()
    assert isinstance(about, AboutYouPage)
    tab_to(qtbot, about.condition_rows[condition].button)
    key(qtbot, Qt.Key.Key_Space)
    assert wizard.session.answers.condition == condition
    tried = content.condition(condition).treatments[0]
    tab_to(qtbot, about.treatment_rows[tried].button)
    key(qtbot, Qt.Key.Key_Space)
    assert wizard.session.answers.treatments_tried == (tried,)
    enter_goes_next(qtbot, wizard)

    for _page in range(5):  # options, benefits, risks, unknowns, knowledge
        enter_goes_next(qtbot, wizard)

    values = wizard.currentPage()
    assert isinstance(values, ValuesPage)
    for item in content.considerations:
        tab_to(qtbot, values.scales[item.id].buttons["3"])
        key(qtbot, Qt.Key.Key_Space)
    assert set(wizard.session.answers.ratings.values()) == {3}
    key(qtbot, Qt.Key.Key_Escape)
    assert wizard.isVisible()
    assert wizard.session.answers.ratings
    enter_goes_next(qtbot, wizard)
    enter_goes_next(qtbot, wizard)  # readiness

    leaning = wizard.currentPage()
    assert isinstance(leaning, LeaningPage)
    tab_to(qtbot, leaning.leaning_rows[UNSURE].button)
    key(qtbot, Qt.Key.Key_Space)
    for scale in leaning.sure_scales.values():
        tab_to(qtbot, scale.buttons["yes"])
        key(qtbot, Qt.Key.Key_Space)
    enter_goes_next(qtbot, wizard)
    enter_goes_next(qtbot, wizard)  # questions
    assert isinstance(wizard.currentPage(), SummaryPage)
    assert wizard.session.answers.leaning == UNSURE


def test_tab_on_the_first_page_follows_the_reading_order_before_the_other_pages_exist(
    qtbot, make_wizard, monkeypatch: pytest.MonkeyPatch
):
    """The first page is shown before its Tab order is set (that reads focus policies, which
    costs a cold start 12 ms: gui/lazy_qt.py); a Tab that comes first sets it, then moves."""
    monkeypatch.setattr(DecisionWizard, "PREPARE_AFTER_MS", 60_000)  # a person quick on Tab
    wizard = make_wizard()
    activate(qtbot, wizard)
    page = wizard.currentPage()
    assert isinstance(page, WelcomePage)
    assert wizard.findChildren(Page) == [page], "the other pages exist: nothing left to test"
    assert focused() is page.scroll_area
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # no event loop between: the very first Tab
    settings = wizard.display_settings
    buttons = [wizard.button(START_OVER), page.save_button, settings.smaller_button]
    buttons = [wizard.button(QWizard.WizardButton.NextButton), *buttons]
    buttons += [settings.larger_button, settings.contrast_row.button]
    assert tab_chain(wizard) == [*page.focus_order(), *(b for b in buttons if b.isEnabled())]
    assert focused() is page.focus_order()[1]


def test_tab_follows_the_reading_order_then_the_buttons_then_the_display_settings(
    qtbot, make_wizard
):
    wizard = make_wizard(printer=FakePrinter())
    settings = wizard.display_settings
    tail = [
        wizard.button(QWizard.WizardButton.BackButton),
        wizard.button(QWizard.WizardButton.NextButton),
        wizard.button(QWizard.WizardButton.FinishButton),
        wizard.button(START_OVER),
        "save",  # the page's own Save for later, in its header
        settings.smaller_button,
        settings.larger_button,
        settings.contrast_row.button,
    ]
    for page in every_page(wizard):
        key(qtbot, Qt.Key.Key_Tab)  # the first page's order is set by then (see the next test)
        chain = tab_chain(wizard)
        name = type(page).__name__
        in_body = page.inner.isAncestorOf
        inside = [w for w in chain if w is page.scroll_area or in_body(w)]
        outside = [w for w in chain if w not in inside]
        tail_here = [page.save_button if w == "save" else w for w in tail]
        assert inside, name
        assert inside[0] is page.scroll_area, name
        assert chain[: len(inside)] == inside, f"{name}: the page's controls are not first"
        assert outside == [w for w in tail_here if w in outside], f"{name}: {outside}"
        # Reading order: top to bottom, and along a row in the reading direction.
        body = page.inner
        spots = [w.mapTo(body, w.rect().topLeft()) for w in inside[1:]]
        for (before, after), widget in zip(itertools.pairwise(spots), inside[2:], strict=True):
            same_row = abs(after.y() - before.y()) < 8
            assert after.y() > before.y() or (same_row and after.x() > before.x()), (
                f"{name}: {widget.accessibleName()!r} comes out of reading order"
            )


# -- the focus ring ------------------------------------------------------------------------


def _ring_pixels(before: QImage, after: QImage) -> int:
    """Pixels whose colour changed by at least 3:1 in contrast between the two grabs."""
    assert before.size() == after.size()
    changed = 0
    for y in range(before.height()):
        for x in range(before.width()):
            old, new = before.pixelColor(x, y), after.pixelColor(x, y)
            if old != new and contrast_ratio(old.name(), new.name()) >= 3:
                changed += 1
    return changed


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_the_focus_ring_is_plain_to_see_in_both_themes(qtbot, make_wizard, high_contrast):
    """WCAG 2.4.7 and 2.4.13: a ring at least 2 px thick, at 3:1 against what it replaces."""
    style.set_appearance(style.Appearance(high_contrast=high_contrast))
    wizard = make_wizard()
    wizard.session.answers = complete_answers(wizard.session.content)  # so Next is enabled
    activate(qtbot, wizard)
    while not isinstance(wizard.currentPage(), ValuesPage):
        wizard.next()
    values = wizard.currentPage()
    scale = next(iter(values.scales.values()))
    scale.buttons["2"].click()  # a chosen answer: the ring must show on its fill too
    assert values.jump_list is not None
    controls = {
        "Next": wizard.button(QWizard.WizardButton.NextButton),
        "chosen rating": scale.buttons["2"],
        "rating": scale.buttons["3"],
        "Start over": wizard.button(START_OVER),
        "jump list link": values.jump_list.links[0],
        "heading a jump landed on": values.parts()[0].title,
    }
    for name, control in controls.items():
        assert_focus_ring(values, control, wizard.display_settings.larger_button, name)


def assert_focus_ring(page: Page, control: QWidget, elsewhere: QWidget, name: str) -> None:
    """Grab `control` without and with the focus; the change must be a ring of 2 px at 3:1."""
    page.scroll_area.ensureWidgetVisible(control)
    elsewhere.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    before = control.grab().toImage()
    control.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert control.hasFocus(), name
    after = control.grab().toImage()
    perimeter = 2 * (control.width() + control.height())
    ring = _ring_pixels(before, after)
    assert ring >= 2 * perimeter * 0.8, f"{name}: the focus ring is too thin or too faint"


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_the_reason_next_is_blocked_shows_the_ring_when_the_skip_link_lands_there(
    qtbot, make_wizard, high_contrast
):
    style.set_appearance(style.Appearance(high_contrast=high_contrast))
    wizard = make_wizard()
    wizard.session.answers = wizard.session.answers.replace(condition=CONDITIONS[0])
    activate(qtbot, wizard)
    while not isinstance(wizard.currentPage(), ValuesPage):
        wizard.next()
    values = wizard.currentPage()
    assert values.jump_list is not None
    values.jump_list.skip_link.click()
    assert focused() is values.hint_label
    assert_focus_ring(values, values.hint_label, values.jump_list.skip_link, "why Next is blocked")


# -- accessible names --------------------------------------------------------------------


def test_every_button_says_its_visible_words_first(make_wizard):
    """WCAG 2.5.3 label in name: voice control users say what they see."""
    wizard = make_wizard(printer=FakePrinter())
    problems = []
    for _page in every_page(wizard):
        for button in wizard.findChildren(QAbstractButton):
            visible = button.text().replace("&", "").removeprefix(CHECK_MARK).strip()
            if not (button.isVisible() and visible):
                continue
            spoken = QAccessible.queryAccessibleInterface(button).text(QAccessible.Text.Name)
            if not spoken.startswith(visible):
                problems.append(f"{visible!r} is spoken {spoken!r}")
    assert not problems, "\n".join(sorted(set(problems)))


def test_a_screen_reader_meets_the_summary_in_screen_order(make_wizard):
    wizard = make_wizard(printer=FakePrinter())
    *_, summary = every_page(wizard)
    assert isinstance(summary, SummaryPage)
    body = QAccessible.queryAccessibleInterface(summary.inner)
    tops = [body.child(i).rect().top() for i in range(body.childCount())]
    assert tops == sorted(tops), "the accessibility order is not the order on screen"


def unnamed_in(window: QWidget, where: str) -> list[str]:
    problems = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, INTERACTIVE):
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        assert interface is not None
        if not interface.text(QAccessible.Text.Name).strip():
            problems.append(f"{where}: {type(widget).__name__} has no accessible name")
    return problems


def test_every_control_on_every_page_has_an_accessible_name(qtbot, make_wizard):
    wizard = make_wizard(printer=FakePrinter())
    problems: list[str] = []
    pictures = 0
    for page in every_page(wizard):
        problems += unnamed_in(wizard, type(page).__name__)
        for view in page.findChildren(StatisticView):
            pictures += 1
            sentence = view.sentence_label.text()
            array = QAccessible.queryAccessibleInterface(view.array)
            assert array.role() == QAccessible.Role.Graphic
            assert array.text(QAccessible.Text.Name) == sentence
            assert "figure" in array.text(QAccessible.Text.Description)
            whole = QAccessible.queryAccessibleInterface(view)
            assert whole.text(QAccessible.Text.Name) == sentence
            assert any(ch.isdigit() for ch in sentence)
        for scale in page.findChildren(SegmentedChoice):
            assert scale.accessibleName(), "a choice row needs its question as group name"
            count = len(scale.buttons)
            for position, button in enumerate(scale.buttons.values(), start=1):
                spoken = QAccessible.queryAccessibleInterface(button)
                assert spoken.role() == QAccessible.Role.RadioButton
                visible = button.text().removeprefix(CHECK_MARK).strip()
                assert spoken.text(QAccessible.Text.Name).startswith(visible)  # label in name
                assert spoken.text(QAccessible.Text.Description) == f"{position} of {count}"
    assert pictures, "no icon array was seen"
    assert problems == []


def test_labels_are_buddies_of_their_fields(qtbot, make_wizard):
    wizard = make_wizard()
    values = wizard.page_of(ValuesPage)
    editor = values.own_concerns
    assert editor.field_label.buddy() is editor.entry
    leaning = wizard.page_of(LeaningPage)
    assert all(
        any(
            lbl.buddy() is scale.buttons["yes"]
            for lbl in leaning.findChildren(type(editor.field_label))
        )
        for scale in leaning.sure_scales.values()
    )
    assert wizard.display_settings.size_label.buddy() is wizard.display_settings.larger_button


# -- text size ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "width", "height", "kiosk"),
    [
        *[(lang, 1152, 720, False) for lang in ("en", "es", "ar", PSEUDO_LANGUAGE)],  # a laptop
        *[(lang, 1920, 1080, True) for lang in ("en", "es", "ar", PSEUDO_LANGUAGE)],  # the kiosk
        *[(lang, 1024, 600, False) for lang in ("en", "ar")],  # a small netbook screen
    ],
)
def test_every_page_fits_at_200_percent_text(qtbot, language, width, height, kiosk):
    """No button or label is clipped on any page, in any language, on any target screen."""
    style.set_appearance(style.Appearance(text_size=200))
    from decisionaid.gui.host import install_language
    from decisionaid.gui.wizard import build_wizard
    from decisionaid.i18n import translator_for

    session = new_session(language)
    install_language(session.translator)
    try:
        wizard = build_wizard(session, FakePrinter(), kiosk=kiosk)
        qtbot.addWidget(wizard)
        wizard.resize(width, height)
        wizard.show()
        qtbot.waitExposed(wizard)
        problems: list[str] = []
        for page in every_page(wizard):
            problems += [f"{type(page).__name__}: {p}" for p in clipped_in(wizard)]
            assert page.step_label.isVisible(), "the step indicator left the screen"
        assert not problems, "\n".join(dict.fromkeys(problems))
    finally:
        install_language(translator_for("en"))
        from decisionaid.i18n import activate

        activate(translator_for("en"))


def shown(page: QWidget) -> tuple[float, str]:
    """The point size of the page's main heading and the colour of its text, as drawn."""
    h1 = next(text for text in page.findChildren(QLabel) if text.property("role") == "h1")
    return h1.font().pointSizeF(), h1.palette().color(h1.foregroundRole()).name()


def corner(wizard: DecisionWizard) -> QPoint:
    """A point on the wizard's own paper: the bottom corner away from the side panel."""
    return QPoint(wizard.width() - 3, wizard.height() - 3)


@pytest.mark.parametrize("text_size", [150, 200])
def test_primary_buttons_keep_their_weight_and_room_at_any_text_size(qtbot, make_wizard, text_size):
    """Next is in a scope of its own (style.scope): at a new text size, as in a guide built at
    it, it keeps the weight its stylesheet rule gives it and is as wide as that text needs."""

    def check(wizard: DecisionWizard) -> None:
        settle(wizard)
        for button in wizard.findChildren(QPushButton):
            if button.isVisible() and button.property("role") == "primary":
                assert button.font().weight() == QFont.Weight.DemiBold, button.text()
                assert button.width() >= button.sizeHint().width(), button.text()

    late = make_wizard()
    while late.display_settings.larger_button.isEnabled() and (
        style.current_appearance().text_size < text_size
    ):
        late.display_settings.larger_button.click()
    check(late)
    late.close()
    check(make_wizard())  # built at that size


def test_the_text_size_buttons_scale_the_font_and_are_kept_between_pages(qtbot, make_wizard):
    wizard = make_wizard()
    fill_answers(wizard)
    activate(qtbot, wizard)
    wizard.next()
    wizard.next()
    wizard.back()  # the first three pages built, the second one shown
    settings = wizard.display_settings
    normal = QApplication.font().pointSizeF()
    assert not settings.smaller_button.isEnabled()
    style.set_appearance(style.Appearance(text_size=150))  # as if A+ was pressed once
    settings._show(style.current_appearance())
    settings.larger_button.setFocus()
    qtbot.keyClick(settings.larger_button, Qt.Key.Key_Space)
    assert QApplication.font().pointSizeF() == pytest.approx(normal * 2, abs=0.5)
    assert "200" in settings.size_label.text()
    assert shown(wizard.currentPage()) == (42, style.NORMAL.ink)  # h1: 21pt x 2
    assert wizard.button(QWizard.WizardButton.NextButton).font().pointSizeF() == normal * 2
    assert not settings.larger_button.isEnabled()
    assert focused() is settings.smaller_button, "the focus was lost at the end of the scale"
    # The hidden pages follow while the person reads, or as they are shown if that is sooner.
    hidden = [wizard.pages[0], wizard.pages[2]]
    assert [shown(page)[0] for page in hidden] == [21, 21]
    qtbot.waitUntil(lambda: [shown(page)[0] for page in hidden] == [42, 42])
    style.set_appearance(style.Appearance(text_size=150))
    wizard.next()
    assert shown(wizard.currentPage()) == (32, style.NORMAL.ink)
    while wizard.currentPage() is not wizard.pages[-1]:
        wizard.next()
        assert style.current_appearance().text_size == 150
        assert shown(wizard.currentPage()) == (32, style.NORMAL.ink)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_text_made_larger_on_the_first_page_stays_larger_to_the_end(qtbot, make_wizard, language):
    """A+ twice on the first page, then Next by Next: no step name or button shrinks back.

    Every step turned current or done is re-polished, and Finish, hidden until the last
    page, is re-polished for the taller buttons of 200 %: each kept the size it was made at.
    """
    wizard = make_wizard(new_session(language))
    fill_answers(wizard)
    activate(qtbot, wizard)
    larger = wizard.display_settings.larger_button
    qtbot.mouseClick(larger, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(larger, Qt.MouseButton.LeftButton)
    assert style.current_appearance().text_size == 200

    def wrong_sizes() -> list[str]:
        found = []
        for widget in wizard.findChildren(QLabel) + wizard.findChildren(QAbstractButton):
            role = widget.property("role")
            points = style.ROLE_POINTS.get(role, style.BODY_POINTS) if role else style.BODY_POINTS
            if widget.isVisible() and widget.font().pointSize() != 2 * points:
                found.append(f"{widget.text()!r} at {widget.font().pointSize()} pt")
        return found

    page_turns = 0
    while not isinstance(wizard.currentPage(), SummaryPage):
        go_next(qtbot, wizard)
        settle(wizard)
        page_turns += 1
        assert wrong_sizes() == [], f"after {page_turns} page turns"
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()


def test_a_button_that_has_the_focus_is_as_big_as_without(qtbot, make_wizard):
    """The ring never makes a button bigger, even one measured while it has the focus.

    QWizard gives Finish the focus as it shows it on the last page, and A+ keeps the focus
    while the text grows: each was measured with its ring, and stood taller than its
    neighbour (Finish 56 px beside Back 50, A+ 54 px beside A− 50). Finish was in a window
    of 1366 × 768 (not in one of 1024 × 600).
    """
    wizard = make_wizard()
    wizard.resize(1366, 768)
    fill_answers(wizard)
    activate(qtbot, wizard)
    back = wizard.button(QWizard.WizardButton.BackButton)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    rows = set()
    while not finish.isVisible():
        go_next(qtbot, wizard)
        qtbot.wait(wizard.PREPARE_AFTER_MS + 50)  # reading: the next page is prepared
        rows.add((back.y(), back.height()))  # the row's top and height (Qt spaces Finish apart)
    assert len(rows) == 1, "the button row moved up or down"
    assert finish.height() == back.height()
    settings = wizard.display_settings
    qtbot.mouseClick(settings.larger_button, Qt.MouseButton.LeftButton)
    settle(wizard)
    assert settings.larger_button.hasFocus()
    assert settings.larger_button.height() == settings.smaller_button.height()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_current_step_is_always_whole_in_the_side_panel(qtbot, make_wizard, language):
    """At 200 % the steps scroll; the current one, bold and so sometimes a line taller, shows whole."""
    style.set_appearance(style.Appearance(text_size=200))
    wizard = make_wizard(new_session(language))
    fill_answers(wizard)
    panel = wizard.side_panel
    viewport = panel.steps_area.viewport()
    page_turns = 0
    while True:
        settle(wizard)
        current = panel.step_list.step_labels[wizard.currentId()]
        top = current.mapTo(viewport, QPoint(0, 0)).y()
        where = f"after {page_turns} page turns, {current.text()!r}"
        assert top >= 0, f"{where} is cut off above"
        assert top + current.height() <= viewport.height(), f"{where} is cut off below"
        if isinstance(wizard.currentPage(), SummaryPage):
            break
        go_next(qtbot, wizard)
        page_turns += 1
    assert panel.steps_area.verticalScrollBar().maximum() > 0  # the steps did scroll


# -- high contrast -----------------------------------------------------------------------


def test_the_high_contrast_theme_has_thick_borders():
    hc = style.HIGH_CONTRAST
    assert hc.border >= 2
    assert hc.focus_border >= 3
    assert style.NORMAL.focus_border >= 2


def test_a_new_theme_keeps_the_text_size_chosen(qtbot, make_wizard):
    """A+ then high contrast on and off: the headings stay at 150 %. (A design that set role
    fonts by code lost them at a theme's polish: README, Performance, round 32.)"""
    wizard = make_wizard()
    activate(qtbot, wizard)
    wizard.display_settings.larger_button.click()
    assert shown(wizard.currentPage()) == (32, style.NORMAL.ink)
    wizard.display_settings.contrast_row.button.click()
    assert shown(wizard.currentPage()) == (32, style.HIGH_CONTRAST.ink)
    wizard.display_settings.contrast_row.button.click()
    assert shown(wizard.currentPage()) == (32, style.NORMAL.ink)


def test_high_contrast_survives_moving_between_pages(qtbot, make_wizard):
    wizard = make_wizard()
    activate(qtbot, wizard)
    app = QApplication.instance()
    before = app.styleSheet()
    row = wizard.display_settings.contrast_row
    row.button.setFocus()
    qtbot.keyClick(row.button, Qt.Key.Key_Space)
    assert style.current_appearance().high_contrast
    assert app.styleSheet() == before, "changed for every widget alive, 0.8 s late in a walk"
    assert shown(wizard.currentPage())[1] == style.HIGH_CONTRAST.ink
    assert wizard.grab().toImage().pixelColor(corner(wizard)).name() == style.HIGH_CONTRAST.paper
    wizard.next()
    wizard.next()
    wizard.back()
    assert style.current_appearance().high_contrast
    assert row.button.isChecked()
    assert row.text_label.property("checked") == "true"
    assert shown(wizard.currentPage())[1] == style.HIGH_CONTRAST.ink
    row.button.click()
    assert shown(wizard.currentPage())[1] == style.NORMAL.ink
    assert wizard.grab().toImage().pixelColor(corner(wizard)).name() == style.NORMAL.paper


@pytest.mark.parametrize(("language", "text_size"), [("en", 100), ("ar", 200)])
def test_high_contrast_moves_nothing_on_any_page(qtbot, make_wizard, language, text_size):
    """Its borders are thicker and the padding inside them thinner: every widget keeps its
    place and size, so a person keeps their place, and no text has to be laid out again.
    The check box's own label turns bold (a choice is shown by weight) in the room its row
    keeps for that."""
    style.set_appearance(style.Appearance(text_size))
    wizard = make_wizard(new_session(language))
    activate(qtbot, wizard)

    def places() -> dict[QWidget, QRect]:
        return {
            widget: rect_in(wizard, widget)
            for widget in wizard.findChildren(QWidget)
            if widget.isVisible()
        }

    check_box = wizard.display_settings.contrast_row.button
    for page in every_page(wizard):
        before = places()
        qtbot.mouseClick(check_box, Qt.MouseButton.LeftButton)
        settle(wizard)
        assert shown(page)[1] == style.HIGH_CONTRAST.ink
        after = places()
        moved = [
            f"{type(w).__name__} {before[w].getRect()} -> {after.get(w, QRect()).getRect()}"
            for w in before
            if after.get(w) != before[w]
        ]
        assert moved == [], (type(page).__name__, moved)
        qtbot.mouseClick(check_box, Qt.MouseButton.LeftButton)
        settle(wizard)
        assert shown(page)[1] == style.NORMAL.ink


@pytest.mark.parametrize(("language", "text_size"), [("en", 100), ("ar", 200)])
def test_choosing_a_row_changes_no_rows_height(qtbot, make_wizard, language, text_size):
    """A chosen row's text turns bold, which may take another line: every row is already as
    tall as its text in bold, so nothing below it moves under the person's finger."""
    style.set_appearance(style.Appearance(text_size))
    wizard = make_wizard(new_session(language))
    activate(qtbot, wizard)
    clicked = 0
    for page in every_page(wizard):
        rows = [r for r in page.findChildren(ChoiceRow) if r.isVisible()]
        rows.append(wizard.display_settings.contrast_row)
        for row in rows:
            heights = [r.height() for r in rows]
            for _ in range(1 if isinstance(row.button, QRadioButton) else 2):  # and back
                qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
                settle(wizard)
                assert [r.height() for r in rows] == heights, row.text_label.text()
                clicked += 1
    assert clicked > 40


@pytest.mark.parametrize(
    ("language", "reading", "and_back", "larger", "contrast"),
    [
        ("en", False, False, 1, True),
        ("ar", False, False, 1, True),
        ("en", True, False, 1, True),
        ("ar", True, True, 1, True),
        # The text size alone, up to 200 %, where buttons grow too.
        ("en", False, False, 1, False),
        ("ar", True, False, 2, False),
        ("en", True, True, 2, False),
    ],
)
def test_a_page_restyled_late_in_a_walk_looks_as_if_built_at_that_size(
    qtbot, make_wizard, language, reading, and_back, larger, contrast
):
    """With `and_back`, the person goes back to the normal size and colours after the hidden
    page was laid out at the others, so its labels answer from what they kept for the first
    font (test_text_label.py checks those answers one by one against Qt's). `larger` is how
    many times A+ is pressed: twice reaches 200 %, where buttons grow too."""

    def walk_to(page_id: int) -> DecisionWizard:
        wizard = make_wizard(new_session(language))
        fill_answers(wizard)
        activate(qtbot, wizard)
        while wizard.currentId() < page_id:
            wizard.next()
        return wizard

    def looks(wizard: DecisionWizard) -> list[QImage]:
        """The page as drawn in its window, and the buttons under it (not the step list,
        which scrolls to the current step on each turn)."""
        settle(wizard)
        shot = wizard.grab()
        parts = [wizard.currentPage(), wizard.button(QWizard.WizardButton.NextButton)]
        return [shot.copy(rect_in(wizard, part)).toImage() for part in parts]

    def sizes(wizard: DecisionWizard) -> list[tuple[str, QSize, QSize | None]]:
        """Each button shown, with its minimum size (the stylesheet's touch height, which a
        roomy window does not show), and a check box's or radio's size hint (its indicator;
        a push button's hint changes with the focus ring's padding)."""
        buttons = [b for b in wizard.findChildren(QAbstractButton) if b.isVisible()]
        return [
            (b.text(), b.minimumSize(), None if isinstance(b, QPushButton) else b.sizeHint())
            for b in buttons
        ]

    late = walk_to(4)
    for _ in range(larger):
        late.display_settings.larger_button.click()
    if contrast:
        late.display_settings.contrast_row.button.click()
    if reading:  # else the page is restyled as it is shown
        qtbot.waitUntil(lambda: style.is_styled(late.page(3)))
    if and_back:
        qtbot.waitUntil(lambda: not late._restyle_timer.isActive())  # laid out at the new size
        for _ in range(larger):
            late.display_settings.smaller_button.click()
        if contrast:
            late.display_settings.contrast_row.button.click()
    late.back()  # a page that was hidden when the text size and colours changed
    seen_late, sized_late = looks(late), sizes(late)
    late.close()
    fresh = walk_to(3)  # built at the size and colours chosen (or back at 100 %, normal)
    assert sizes(fresh) == sized_late
    assert looks(fresh) == seen_late


def test_a_kiosk_reset_returns_to_normal_text_and_colours(qtbot, start_kiosk):  # noqa: F811
    controller = start_kiosk(real=True)  # the wizard's own settings buttons are tested above
    style.set_appearance(style.Appearance(150, True))
    controller.rebuild()  # the same person starting over keeps their settings
    assert style.current_appearance() == style.Appearance(150, True)
    assert shown(controller.wizard.currentPage()) == (32, style.HIGH_CONTRAST.ink)
    controller.reset()  # the next person
    assert style.current_appearance() == style.DEFAULT_APPEARANCE
    assert shown(controller.wizard.currentPage()) == (21, style.NORMAL.ink)
    qtbot.wait(20)  # the old guide is deleted, and Qt's stylesheet caches emptied
    assert shown(controller.wizard.currentPage()) == (21, style.NORMAL.ink)


def test_a_choice_is_shown_by_shape_and_weight_not_by_colour_alone(qtbot, make_wizard):
    wizard = make_wizard()
    fill_answers(wizard)
    values = wizard.page_of(ValuesPage)
    while wizard.currentPage() is not values:
        wizard.next()
    scale = next(iter(values.scales.values()))
    scale.buttons["4"].click()
    assert scale.buttons["4"].text().startswith(CHECK_MARK)
    assert not scale.buttons["3"].text().startswith(CHECK_MARK)
    row = next(iter(values.concern_rows.values()))
    row.button.click()
    assert row.text_label.property("checked") == "true"
    current = wizard.step_list.step_labels[wizard.currentId()]
    assert current.property("current") == "true"
    assert wizard.step_list.step_labels[0].text().startswith(CHECK_MARK)
    assert "font-weight: 700" in style.stylesheet()


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_a_ticked_box_shows_a_tick_in_both_themes(qtbot, make_wizard, high_contrast):
    """A ticked box is filled and carries a tick, as a chosen answer carries ✓: not a fill alone."""
    style.set_appearance(style.Appearance(high_contrast=high_contrast))
    theme = style.current_appearance().theme
    wizard = make_wizard()
    fill_answers(wizard)
    activate(qtbot, wizard)
    values = wizard.page_of(ValuesPage)
    while wizard.currentPage() is not values:
        wizard.next()
    row = next(iter(values.concern_rows.values()))
    values.scroll_area.ensureWidgetVisible(row)

    def middle_colours() -> set[str]:
        """The colours in the middle half of the box (inside its border and corners)."""
        QApplication.processEvents()
        image = row.button.grab().toImage()
        filled = [
            (x, y)
            for y in range(image.height())
            for x in range(image.width())
            if image.pixelColor(x, y).name() == theme.accent
        ]
        xs, ys = [x for x, _ in filled], [y for _, y in filled]
        left, top, right, bottom = min(xs), min(ys), max(xs), max(ys)
        w, h = right - left, bottom - top
        return {
            image.pixelColor(x, y).name()
            for y in range(top + h // 4, bottom - h // 4)
            for x in range(left + w // 4, right - w // 4)
        }

    row.button.click()
    assert row.button.isChecked()
    ticked = middle_colours()
    assert theme.accent in ticked
    assert theme.on_accent in ticked, "no tick drawn in the ticked box"
    assert contrast_ratio(theme.on_accent, theme.accent) >= 4.5


def test_the_tick_is_drawn_in_each_themes_colour_on_the_accent():
    """The tick's file names one colour: each theme's `on_accent`, so it shows on the fill."""
    svg = (paths.icons_dir() / "check.svg").read_text(encoding="utf-8")
    for theme in THEMES:
        assert f'stroke="{theme.on_accent}"' in svg


# -- touch targets -----------------------------------------------------------------------


def small_targets(window: QWidget, where: str) -> list[str]:
    problems = []
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QLineEdit):
        if not widget.isVisible():
            continue
        row = widget.parentWidget()
        height = max(
            widget.height(), row.height() if row and row.objectName() == "choiceRow" else 0
        )
        if height < 44 or (
            isinstance(widget, QAbstractButton) and widget.text() and widget.width() < 44
        ):
            problems.append(f"{where}: {widget.accessibleName()!r} is {widget.width()}x{height}")
    return problems


def standing_dialogs(wizard: DecisionWizard) -> tuple[QDialog, ...]:
    """The dialogs made whole over the wizard: the PIN pad, the countdown, the printer chooser."""
    return (
        PinDialog(PIN_HASH, wizard),
        IdleWarning(5, wizard),
        PrinterChooser(["Ward printer", "Office"], "Office", wizard),
    )


def first_source_button(page: QWidget, found: SourceButton | None) -> SourceButton | None:
    """`found`, else the first "Where this comes from" button on `page` if it is a facts page."""
    if found is None and isinstance(page, FactsPage):
        return page.findChildren(SourceButton)[0]
    return found


def test_every_page_and_dialog_has_touch_sized_targets(qtbot, make_wizard):
    wizard = make_wizard(printer=FakePrinter())
    problems: list[str] = []
    source: SourceButton | None = None
    for page in every_page(wizard):
        problems += small_targets(wizard, type(page).__name__)
        source = first_source_button(page, source)
    for dialog in standing_dialogs(wizard):
        dialog.show()
        qtbot.waitExposed(dialog)
        problems += small_targets(dialog, type(dialog).__name__)
        problems += unnamed_in(dialog, type(dialog).__name__)
        dialog.close()
    assert source is not None
    for name, open_dialog in (
        ("sources", source.click),
        ("about", wizard.page_of(WelcomePage).about_requested.emit),
    ):

        def look(dialog: QDialog, name: str = name) -> None:
            problems.extend(small_targets(dialog, name) + unnamed_in(dialog, name))
            dialog.reject()

        assert look_at_dialogs(open_dialog, look) == 1, name
    assert problems == []


def test_a_dialog_opened_late_in_a_walk_shows_the_text_size_and_colours_chosen(qtbot, make_wizard):
    wizard = make_wizard(printer=FakePrinter())
    source: SourceButton | None = None
    for page in every_page(wizard):
        source = first_source_button(page, source)
    assert source is not None
    style.set_appearance(style.Appearance(200, True))
    seen: list[tuple[str, float, str]] = []

    def look(dialog: QDialog) -> None:
        text = next(t for t in dialog.findChildren(QLabel) if t.text() and not t.property("role"))
        colour = text.palette().color(text.foregroundRole()).name()
        seen.append((type(dialog).__name__, dialog.font().pointSizeF(), colour))
        dialog.reject()

    for dialog in standing_dialogs(wizard):
        dialog.show()
        qtbot.waitExposed(dialog)
        look(dialog)
    for open_dialog in (
        source.click,
        wizard.page_of(WelcomePage).about_requested.emit,
        wizard.save_for_later,
        wizard.button(START_OVER).click,
    ):
        assert look_at_dialogs(open_dialog, look) == 1
    kinds = ["PinDialog", "IdleWarning", "PrinterChooser", "QDialog", "QDialog"]
    kinds += ["QFileDialog", "QMessageBox"]
    assert seen == [(kind, 28, style.HIGH_CONTRAST.ink) for kind in kinds]


# -- printing ----------------------------------------------------------------------------


def answer_chooser(pick: str | None) -> Callable[[], list[str]]:
    """Answer the next printer chooser with the keyboard; returns what it preselected."""
    preselected: list[str] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PrinterChooser):
            return
        timer.stop()
        timer.deleteLater()
        preselected.append(dialog.chosen() or "")
        if pick is None:
            dialog.reject()
            return
        target = dialog.rows[pick].button
        target.click()
        dialog.print_button.click()

    timer = QTimer(QApplication.instance())  # owned by Qt: a local could be collected too soon
    timer.setInterval(10)
    timer.timeout.connect(poll)
    timer.start()
    return lambda: preselected


def fake_laptop_printer(names: list[str], default: str | None):
    made: list[tuple[str | None, FakePrinter]] = []

    def make(queue: str | None) -> FakePrinter:
        printer = FakePrinter()
        made.append((queue, printer))
        return printer

    laptop = LaptopPrinter(
        list_names=lambda: names, default_name=lambda: default, make_printer=make
    )
    return laptop, made


def test_with_several_printers_the_chooser_preselects_the_default(qtbot):
    laptop, made = fake_laptop_printer(["Ward", "Office", "Library"], "Office")
    preselected = answer_chooser("Library")
    laptop.print_pdf(b"%PDF-1.4", "Summary")
    assert preselected() == ["Office"]
    assert [queue for queue, _ in made] == ["Library"]
    assert made[0][1].calls == [(b"%PDF-1.4", "Summary")]


def test_cancelling_the_chooser_prints_nothing_and_says_nothing(qtbot, make_wizard):
    laptop, made = fake_laptop_printer(["Ward", "Office"], None)
    answer_chooser(None)
    with pytest.raises(PrintCancelled):
        laptop.print_pdf(b"%PDF", "Summary")
    assert made == []


def test_one_printer_prints_without_asking(qtbot):
    laptop, made = fake_laptop_printer(["Ward"], None)
    laptop.print_pdf(b"%PDF", "Summary")
    assert [queue for queue, _ in made] == ["Ward"]


def test_qt_printer_draws_every_page_of_the_pdf(tmp_path: Path):
    session = new_session("en")
    pdf = render_pdf(session.report())
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    out = tmp_path / "printed.pdf"
    QtPrinter(output_file=out, resolution=100).print_pdf(pdf, "Summary")
    assert len(PdfReader(out).pages) == pages >= 1


def test_qt_printer_reports_an_unreadable_pdf_plainly(tmp_path: Path):
    from decisionaid.system.printing import PrintError

    with pytest.raises(PrintError, match="ask a member of staff"):
        QtPrinter(output_file=tmp_path / "x.pdf").print_pdf(b"not a pdf", "Summary")


# -- kiosk and welcome -------------------------------------------------------------------


def test_a_kiosk_summary_has_no_save_handler(qtbot, make_wizard, monkeypatch):
    wizard = make_wizard(printer=FakePrinter(), kiosk=True)
    summary = wizard.page_of(SummaryPage)
    called = []
    monkeypatch.setattr("decisionaid.pdf.write_pdf", lambda *a: called.append(a))
    assert not summary.save_button.isEnabled()
    summary.save_button.click()
    summary._on_save_clicked()
    assert called == []


def test_the_language_buttons_are_described_in_the_interface_language(qtbot, make_wizard):
    from decisionaid.gui.host import install_language
    from decisionaid.i18n import activate, translator_for

    session = new_session("es")
    install_language(session.translator)
    try:
        wizard = make_wizard(session)
        welcome = wizard.page_of(WelcomePage)
        assert welcome.language_buttons["ar"].accessibleDescription() == (
            "Mostrar la guía en árabe"
        )
    finally:
        install_language(translator_for("en"))
        activate(translator_for("en"))
