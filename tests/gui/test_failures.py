"""A page or a guide that cannot be built shows one calm error screen, never a half-built page."""

from __future__ import annotations

import gettext
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from guihelpers import click, go_next, next_button
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from decisionaid import paths
from decisionaid.gui.failure import ErrorScreen
from decisionaid.gui.host import WizardHost
from decisionaid.gui.pages.about_you import AboutYouPage
from decisionaid.gui.pages.options import OptionsPage
from decisionaid.gui.wizard import DecisionWizard
from decisionaid.i18n import Translator
from decisionaid.session import Session, new_session


class WrongPlaceholder(gettext.NullTranslations):
    """A catalog whose plural msgstr names a placeholder the code does not pass."""

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        """The English text with {count} misspelt as {cuenta}, as a careless translator might."""
        return super().ngettext(msgid1, msgid2, n).replace("{count}", "{cuenta}")


def broken_catalog_session(language: str) -> Session:
    """A real session whose interface catalog raises KeyError when a page formats a count."""
    session = new_session(language)
    # A copy: translators are cached and shared, and the next test needs a working one.
    shared = session.translator
    session.translator = Translator(shared.language, WrongPlaceholder(), shared.content)
    return session


@pytest.fixture
def start_host(qtbot) -> Iterator[Callable[[Callable[[str], Session]], WizardHost]]:
    """A laptop WizardHost with a given session factory; its windows are closed afterwards."""
    hosts: list[WizardHost] = []

    def start(factory: Callable[[str], Session]) -> WizardHost:
        host = WizardHost(None, session_factory=factory)
        host.start("en")
        hosts.append(host)
        return host

    yield start
    for host in hosts:
        for window in (host.wizard, host.error_screen):
            if window is not None:
                window.close()
                window.deleteLater()


def _next_until_error(qtbot, host: WizardHost) -> ErrorScreen:
    """Press Next until a page fails; the error screen must replace the wizard."""
    wizard = host.wizard
    assert wizard is not None
    go_next(qtbot, wizard)
    about = wizard.currentPage()
    assert isinstance(about, AboutYouPage)
    click(qtbot, about.condition_rows["sle"].button)
    for _step in range(10):
        if host.error_screen is not None:
            break
        qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: host.error_screen is not None or wizard.isEnabled(), timeout=2000)
    qtbot.waitUntil(lambda: host.error_screen is not None, timeout=2000)
    assert host.error_screen is not None
    return host.error_screen


def test_a_page_that_fails_to_build_shows_the_error_card_and_start_over_works(
    qtbot, start_host, caplog: pytest.LogCaptureFixture
) -> None:
    host = start_host(broken_catalog_session)
    broken = host.wizard
    screen = _next_until_error(qtbot, host)
    qtbot.waitExposed(screen)
    assert not shiboken6.isValid(broken) or not broken.isVisible()  # gone with its wizard
    assert screen.title.text() == "Something went wrong"
    assert "start over" in screen.message.text()
    assert not screen.detail.isVisible()  # nothing technical for a person to puzzle over
    assert "KeyError" in caplog.text
    assert "cuenta" not in caplog.text  # the type only, never an exception's text

    host._session_factory = new_session  # the next person's guide builds fine
    click(qtbot, screen.start_over_button)
    wizard = host.wizard
    assert isinstance(wizard, DecisionWizard)
    assert host.error_screen is None
    qtbot.waitExposed(wizard)
    assert wizard.currentId() == 0
    go_next(qtbot, wizard)  # and it works


def test_a_page_whose_build_raises_never_stays_half_built(
    qtbot, start_host, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(self: AboutYouPage) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(AboutYouPage, "build", explode)
    host = start_host(new_session)
    wizard = host.wizard
    assert wizard is not None
    qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)
    assert not wizard.isEnabled()  # at once: no click can reach the half-built page
    qtbot.waitUntil(lambda: host.error_screen is not None, timeout=2000)
    assert host.error_screen.isVisible()


def test_a_page_that_fails_while_prepared_ahead_fails_only_when_reached(
    qtbot, start_host, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def explode(self: OptionsPage) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(OptionsPage, "build", explode)
    host = start_host(new_session)
    wizard = host.wizard
    assert wizard is not None
    go_next(qtbot, wizard)
    about = wizard.currentPage()
    assert isinstance(about, AboutYouPage)
    options = wizard.pages[2]
    qtbot.waitUntil(lambda: options.built, timeout=5000)  # prepared ahead, and it failed
    qtbot.waitUntil(lambda: "could not be prepared (RuntimeError)" in caplog.text)
    assert wizard.isEnabled()  # the person reading goes on
    assert host.error_screen is None
    click(qtbot, about.condition_rows["sle"].button)
    qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)
    assert not wizard.isEnabled()  # never the half-built page
    qtbot.waitUntil(lambda: host.error_screen is not None, timeout=2000)
    assert host.error_screen.isVisible()
    assert "a bug" not in caplog.text


@pytest.fixture
def broken_pack(tmp_path: Path) -> tuple[Path, int]:
    """A copy of the pack with an unknown source id; returns it and the bad value's line."""
    pack = tmp_path / "content"
    shutil.copytree(paths.content_dir(), pack)
    facts = pack / "facts.yaml"
    lines = facts.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("sources: ["))
    lines[index] = lines[index].split("[")[0] + "[nowhere2099]\n"
    facts.write_text("".join(lines), encoding="utf-8")
    return pack, index + 1


def test_a_broken_content_pack_shows_one_screen_naming_file_line_and_field(
    qtbot, start_host, broken_pack: tuple[Path, int]
) -> None:
    pack, line = broken_pack
    host = start_host(lambda language: new_session(language, pack))
    screen = host.error_screen
    assert isinstance(screen, ErrorScreen)
    qtbot.waitExposed(screen)
    assert host.wizard is None
    detail = screen.detail.text()
    assert screen.detail.isVisible()
    assert f"facts.yaml:{line}:" in detail
    assert ".sources" in detail
    assert "Traceback" not in detail
    others = [w for w in _top_levels() if w.isVisible() and w is not screen]
    assert others == []


def _top_levels() -> list[QWidget]:
    from PySide6.QtWidgets import QApplication

    return list(QApplication.topLevelWidgets())
