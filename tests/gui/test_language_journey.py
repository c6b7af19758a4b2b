"""Issue 16's journey: a translator adds French with the README's commands alone.

In progress, CI stays green and patients are not offered French; marked shipped with complete
catalogs, the welcome page offers it and the PDF is in French. The language buttons fit the
longest names (the pseudo-locale's stretched ones).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from pypdf import PdfReader
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyle, QStyleOptionButton

from decisionaid import paths
from decisionaid.content import Content
from decisionaid.gui.pages import welcome
from decisionaid.i18n import DOMAINS, Language, describe_language, pseudolocalize
from factories import complete_answers
from projectcopy import VENV_BIN, decisionaid, project_copy, replace_in, run_in

TITLE = "CAR-T decision aid: my summary and questions"
TITLE_FR = "Aide à la décision CAR-T : mon résumé et mes questions"


def readme_commands(section: str, language: str) -> list[str]:
    """The shell lines of the first ```sh block under `## section` in translations/README.md."""
    text = (paths.translations_dir() / "README.md").read_text("utf-8")
    body = text.split(f"## {section}\n", 1)[1]
    block = body.split("```sh\n", 1)[1].split("```", 1)[0]
    return [
        line.replace(".venv/bin/", f"{VENV_BIN}/").replace(" xx ", f" {language} ").strip()
        for line in block.splitlines()
        if line.strip()
    ]


def translate(po: Path, strings: dict[str, str]) -> None:
    """Fill in msgstrs as a translator's editor would (Babel, unwrapped)."""
    with po.open("rb") as handle:
        catalog = read_po(handle)
    for msgid, msgstr in strings.items():
        message = catalog.get(msgid)
        assert message is not None, msgid
        message.string = msgstr
    with po.open("wb") as handle:
        write_po(handle, catalog, width=0)


def complete(po: Path) -> None:
    """Stand-in translation of every empty msgstr, keeping placeholders and numbers."""
    with po.open("rb") as handle:
        catalog = read_po(handle)
    for message in list(catalog)[1:]:
        if message.pluralizable:
            forms = list(message.string)
            ids = list(message.id)
            message.string = tuple(form or f"FR {ids[min(i, 1)]}" for i, form in enumerate(forms))
        elif not message.string:
            message.string = f"FR {message.id}"
    with po.open("wb") as handle:
        write_po(handle, catalog, width=0)


def offered(make_wizard, root: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The welcome page's language buttons (code: label) with `root`'s translations."""
    monkeypatch.setattr(paths, "translations_dir", lambda: root / "translations")
    wizard = make_wizard()
    page = wizard.currentPage()
    assert isinstance(page, welcome.WelcomePage)
    return {code: button.name for code, button in page.language_buttons.items()}


def test_a_translator_adds_french_without_touching_code(
    tmp_path: Path, content: Content, make_wizard, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project_copy(tmp_path)
    commands = readme_commands("Add a language", "fr")
    assert len(commands) == 3
    assert commands[-1].endswith("decisionaid check")
    for command in commands:
        result = run_in(root, command, shell=True)
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    messages = root / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    translate(messages, {"Next": "Suivant", TITLE: TITLE_FR})

    # In progress: check passes, lists what is left, and patients are not offered French.
    check = decisionaid(root, "check")
    assert check.returncode == 0, check.stdout
    assert re.search(
        r"^info: fr/messages\.po: 2 of \d+ messages translated \(0%\) \[in-progress\]$",
        check.stdout,
        re.M,
    )
    todo = [line for line in check.stdout.splitlines() if line.startswith("todo: fr/")]
    assert "todo: fr/messages.po:" in todo[0]
    assert not any("'Next'" in line for line in todo)
    assert "error" not in check.stdout.replace("0 error(s)", "")
    assert "fr" not in offered(make_wizard, root, monkeypatch)

    # …but the translator can preview the PDF.
    answers = tmp_path / "answers.yaml"
    answers.write_text(complete_answers(content).dumps(), "utf-8")
    pdf = tmp_path / "fr.pdf"
    render = decisionaid(root, "render", "--answers", answers, "--out", pdf, "--lang", "fr")
    assert render.returncode == 0, render.stderr
    assert "fr is in progress" in render.stderr
    assert PdfReader(pdf).metadata.title == TITLE_FR
    assert decisionaid(root, "--kiosk", "--lang", "fr").returncode == 2

    # Complete, reviewed and listed as shipped: offered, and the PDF uses it.
    for domain in DOMAINS:
        complete(root / "translations" / "fr" / "LC_MESSAGES" / f"{domain}.po")
    content_po = root / "translations" / "fr" / "LC_MESSAGES" / "content.po"
    replace_in(content_po, "#\nmsgid", "# Medical review: test reviewer, 2026-12-05\n#\nmsgid")
    toml = root / "translations" / "languages.toml"
    toml.write_text(toml.read_text("utf-8") + 'fr = "shipped"\n', "utf-8")
    # The published FHIR Questionnaire carries every shipped language: check says it is out
    # of date until the README's next command rewrites it.
    stale = decisionaid(root, "check")
    assert stale.returncode == 1
    assert "run: decisionaid questionnaire" in stale.stdout
    assert decisionaid(root, "questionnaire").returncode == 0
    check = decisionaid(root, "check")
    assert check.returncode == 0, check.stdout
    assert re.search(
        r"^info: fr/messages\.po: (\d+) of \1 messages translated \(100%\)$", check.stdout, re.M
    )
    assert re.search(
        r"^info: fr/content\.po: (\d+) of \1 messages translated \(100%\)$", check.stdout, re.M
    )
    assert "\n0 error(s), " in check.stdout
    assert not [line for line in check.stdout.splitlines() if line.startswith("warning: fr/")]
    assert offered(make_wizard, root, monkeypatch)["fr"] == "Français"
    render = decisionaid(root, "render", "--answers", answers, "--out", pdf, "--lang", "fr")
    assert render.returncode == 0, render.stderr
    assert render.stderr == ""
    reader = PdfReader(pdf)
    assert reader.metadata.title == TITLE_FR
    assert "FR " in reader.pages[1].extract_text()


def _fits(button) -> bool:
    """Whether the button's text, in the weight the stylesheet gives it, fits its label area."""
    option = QStyleOptionButton()
    button.initStyleOption(option)
    area = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
    font = QFont(button.font())
    font.setBold(button.isChecked())
    return QFontMetrics(font).horizontalAdvance(button.text()) <= area.width()


def test_the_language_buttons_fit_the_longest_names(
    qtbot, make_wizard, monkeypatch: pytest.MonkeyPatch
) -> None:
    codes = ("en", "es", "ar", "fr", "de", "pt_BR")
    stretched = [
        Language(code, pseudolocalize(lang.native_name), lang.english_name, lang.direction)
        for code in codes
        for lang in [describe_language(code)]
    ]
    monkeypatch.setattr(welcome, "available_languages", lambda: tuple(stretched))
    wizard = make_wizard()
    page = wizard.currentPage()
    assert isinstance(page, welcome.WelcomePage)
    assert "[Ƒŕáñçáíš" in page.language_buttons["fr"].text()
    for code, button in page.language_buttons.items():
        for checked in (False, True):
            button.setChecked(checked)
            qtbot.wait(1)
            assert _fits(button), f"{code} {'checked' if checked else 'unchecked'}: {button.text()}"
