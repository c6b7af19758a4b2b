"""The whole wizard in the pseudo-locale en_XA: any visible string without the marker is untranslated."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
import test_wizard_walk
from guihelpers import look_at_dialogs
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
    QWizard,
)

from decisionaid.answers import Answers
from decisionaid.content.cover import LazyContent
from decisionaid.gui.host import install_language
from decisionaid.gui.pages.welcome import WelcomePage
from decisionaid.gui.wizard import START_OVER, STEP_TITLES, DecisionWizard, build_wizard
from decisionaid.i18n import (
    PSEUDO_LANGUAGE,
    activate,
    available_languages,
    load_translator,
    translator_for,
)
from decisionaid.session import Session, load_pack

# Text the wizard may show without translating it: the person's own words, language names
# (each written in its own language), and product names.
USER_TEXT = {
    test_wizard_walk.OWN_QUESTION,
    "Who looks after my dog?",
    "Bring the scan results.",
}
LANGUAGE_NAMES = {lang.native_name for lang in available_languages(include_pseudo=True)}
ALLOWED = USER_TEXT | LANGUAGE_NAMES | {"CAR-T", "PDF"}
# Pseudo text has no ASCII letters at all: every letter is accented, and it is bracketed
# ("[Ŝŧéþ 1 öƒ 12~~~~]"); values put into a template stay inside the brackets. So once the
# bracketed parts and the allowed text are taken out, any remaining English word is untranslated
# (also catching "[Ŝŧéþ~~] Next", a translated piece glued to an untranslated one).
_BRACKETED = re.compile(r"\[[^\[\]]*(?:\]|$)")
_WORD = re.compile(r"[A-Za-z]{2,}")


def _is_translated(text: str) -> bool:
    """True for pseudo text, for text without words (numbers, symbols) and for allowed text."""
    rest = text
    for allowed in sorted(ALLOWED, key=len, reverse=True):
        rest = rest.replace(allowed, " ")
    while True:
        stripped = _BRACKETED.sub(" ", rest)
        if stripped == rest:
            break
        rest = stripped
    return not _WORD.search(rest)


def _texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every visible string a person or a screen reader meets on a widget."""
    name = f"{type(widget).__name__}({widget.objectName() or '-'})"
    if isinstance(widget, QLabel):
        yield f"{name}.text", widget.text()
    if isinstance(widget, QAbstractButton):
        yield f"{name}.text", widget.text()
    if isinstance(widget, QGroupBox):
        yield f"{name}.title", widget.title()
    if isinstance(widget, QLineEdit):
        yield f"{name}.placeholder", widget.placeholderText()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        yield f"{name}.placeholder", widget.placeholderText()
    yield f"{name}.toolTip", widget.toolTip()
    yield f"{name}.accessibleName", widget.accessibleName()
    yield f"{name}.accessibleDescription", widget.accessibleDescription()


def untranslated_in(window: QWidget, step: str) -> list[str]:
    """Every visible string on a window (a wizard or a dialog) that lacks the pseudo marker."""
    found = []
    if not _is_translated(window.windowTitle()):
        found.append(f"{step}: window title: {window.windowTitle()!r}")
    if isinstance(window, QWizard):
        page = window.currentPage()
        for text in (page.title(), page.subTitle()):
            if not _is_translated(text):
                found.append(f"{step}: page title: {text!r}")
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        for where, text in _texts(widget):
            if not _is_translated(text):
                found.append(f"{step}: {where}: {text!r}")
    return found


def untranslated_in_dialog(open_dialog: Callable[[], object], step: str) -> list[str]:
    """Open a modal dialog, collect its untranslated strings, and close it without answering."""
    found: list[str] = []

    def look(dialog: QDialog) -> None:
        found.extend(untranslated_in(dialog, step))
        dialog.reject()

    assert look_at_dialogs(open_dialog, look), f"{step}: no dialog opened"
    return found


def _report(problems: list[str]) -> str:
    return "untranslated text in the pseudo-locale:\n" + "\n".join(dict.fromkeys(problems))


@pytest.fixture
def pseudo_wizard(qtbot) -> Iterator[DecisionWizard]:
    """A wizard built the way the app builds one, in en_XA."""
    translator = load_translator(PSEUDO_LANGUAGE)
    assert translator.problems == ()
    session = Session(
        LazyContent.of(load_pack(translator)), translator, Answers(language=PSEUDO_LANGUAGE)
    )
    qt_translator = install_language(translator)
    wizard = build_wizard(session, None)
    qtbot.addWidget(wizard)
    wizard.resize(1024, 700)
    wizard.show()
    qtbot.waitExposed(wizard)
    yield wizard
    app = QApplication.instance()
    if qt_translator is not None and isinstance(app, QApplication):
        app.removeTranslator(qt_translator)
    english = translator_for("en")
    install_language(english)
    activate(english)  # build_wizard made en_XA the interface language of this thread


def test_every_page_of_the_wizard_is_translated(qtbot, pseudo_wizard, monkeypatch):
    problems: list[str] = []
    seen: list[int] = []
    real_go_next = test_wizard_walk.go_next

    def look_then_go_next(qtbot, wizard) -> None:
        seen.append(wizard.currentId())
        problems.extend(untranslated_in(wizard, f"step {wizard.currentId() + 1}"))
        real_go_next(qtbot, wizard)

    monkeypatch.setattr(test_wizard_walk, "go_next", look_then_go_next)
    condition = pseudo_wizard.session.content.conditions[0].id
    test_wizard_walk.walk_to_summary(qtbot, pseudo_wizard, condition)
    seen.append(pseudo_wizard.currentId())
    problems.extend(untranslated_in(pseudo_wizard, "summary"))

    assert seen == list(range(len(STEP_TITLES))), "the walk skipped a page"
    assert not problems, _report(problems)


def test_the_dialogs_are_translated(qtbot, pseudo_wizard):
    welcome = pseudo_wizard.page_of(WelcomePage)
    problems = untranslated_in_dialog(welcome.about_requested.emit, "about this guide")
    start_over = pseudo_wizard.button(START_OVER)
    problems += untranslated_in_dialog(start_over.click, "start over")
    assert not problems, _report(problems)


def test_the_marker_check_itself():
    assert _is_translated("[Ñéẋŧ~~]")
    assert _is_translated("3 / 4")
    assert _is_translated("Español")
    assert _is_translated(test_wizard_walk.OWN_QUESTION)
    assert not _is_translated("Next")
    assert not _is_translated("Step 3 of 12")
    assert not _is_translated("[Šŧéþ~~] Next")
    assert _is_translated("[Šŧéþ [1] ŧŵö~~]")
    assert _is_translated("[Šĥöŵ ŧĥé ĝúíðé íñ Spanish~~]")  # a value inside the template
