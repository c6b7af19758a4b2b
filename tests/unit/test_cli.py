"""The command line works end to end without a display and fails with one plain line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from decisionaid.answers import Answers
from decisionaid.cli import main
from decisionaid.content import Content
from documented import write_documented_answers
from factories import complete_answers


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_render_writes_a_pdf_with_the_persons_questions(
    tmp_path: Path, content: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = complete_answers(content, own_questions=("Will I need a carer, and for how long?",))
    source = tmp_path / "answers.yaml"
    source.write_text(answers.dumps(), encoding="utf-8")
    out = tmp_path / "summary.pdf"
    assert (
        main(["render", "--answers", str(source), "--out", str(out), "--date", "2026-11-25"]) == 0
    )
    text = _squash(_text(out))
    assert "Will I need a carer, and for how long?" in text
    for qid in answers.chosen_questions[:3]:
        assert _squash(content.question(qid).text) in text
    assert "Wrote" in capsys.readouterr().out


def test_the_documented_example_renders(tmp_path: Path) -> None:
    source = write_documented_answers(tmp_path)
    out = tmp_path / "example.pdf"
    assert main(["render", "--answers", str(source), "--out", str(out)]) == 0
    text = _squash(_text(out))
    assert "Can I keep working?" in text
    assert "Who looks after my dog?" in text


@pytest.mark.parametrize("language", ["ar", "en"])
def test_render_survives_a_joiner_before_lam_alef_in_a_question(
    tmp_path: Path, answers: Answers, language: str
) -> None:
    """A person's "هل \u200dلا" once crashed the reshaper, and with it the whole PDF."""
    source = tmp_path / "answers.yaml"
    source.write_text(answers.replace(own_questions=("هل \u200dلا",)).dumps(), encoding="utf-8")
    out = tmp_path / "summary.pdf"
    args = ["render", "--answers", str(source), "--out", str(out), "--lang", language]
    assert main(args) == 0
    assert "هل" in _text(out)


def test_render_accepts_json(tmp_path: Path, answers: Answers) -> None:
    import json

    source = tmp_path / "answers.json"
    source.write_text(json.dumps(answers.to_dict()), encoding="utf-8")
    assert main(["render", "--answers", str(source), "-o", str(tmp_path / "a.pdf")]) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "--answers", "/no/such/file.yaml", "--out", "x.pdf"], "cannot read"),
        (
            ["render", "--answers", "{tmp}/bad.yaml", "--out", "x.pdf"],
            "not a decisionaid answers file",
        ),
        (["render", "--answers", "{tmp}/good.yaml", "--out", "/proc/nope/x.pdf"], "cannot write"),
        (
            ["render", "--answers", "{tmp}/good.yaml", "--out", "x.pdf", "--lang", "xx"],
            "unknown language",
        ),
        (["--lang", "xx"], "unknown language"),  # the wizard's language, checked first
        (["render", "--out", "x.pdf"], "required"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(
    tmp_path: Path,
    answers: Answers,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    (tmp_path / "bad.yaml").write_text("format: nope\n", encoding="utf-8")
    (tmp_path / "good.yaml").write_text(answers.dumps(), encoding="utf-8")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    assert _exit_code(args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def _exit_code(args: list[str]) -> int:
    """main()'s return value, or the code argparse exits with."""
    try:
        return main(args)
    except SystemExit as exit_:
        return int(exit_.code or 0)


@pytest.mark.parametrize("pseudo", ["", "1"])
def test_the_language_codes_the_command_line_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pseudo: str
) -> None:
    """--lang is checked against language_codes(), which needs no Babel: what does it offer?"""
    from decisionaid.i18n import language_codes

    monkeypatch.setenv("DECISIONAID_PSEUDO", pseudo)
    root = tmp_path / "translations"
    root.mkdir()
    listed = 'es = "shipped"\nfr = "in-progress"\nit = "shipped"\nde = "retired"\n'
    (root / "languages.toml").write_text(f"[languages]\n{listed}", encoding="utf-8")
    for code in ("es", "fr", "nl", "de"):  # nl: a folder the list does not name; it: no folder
        (root / code / "LC_MESSAGES").mkdir(parents=True)
    extra = ("en_XA",) if pseudo else ()
    assert language_codes(root) == tuple(sorted(("en", "es", *extra)))
    previews = language_codes(root, include_in_progress=True)
    assert previews == tuple(sorted(("de", "en", "es", "fr", "nl", *extra)))


def test_check_passes_on_the_shipped_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert "0 error(s)" in capsys.readouterr().out


def test_gui_without_a_display_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert main([]) == 2
    assert "no display" in capsys.readouterr().err


def test_the_headless_commands_do_not_import_qt(tmp_path: Path, answers: Answers) -> None:
    source = tmp_path / "a.yaml"
    source.write_text(answers.dumps(), encoding="utf-8")
    code = (
        "import sys; from decisionaid.cli import main; "
        f"main(['render', '--answers', {str(source)!r}, '--out', {str(tmp_path / 'o.pdf')!r}]); "
        "main(['check']); assert 'PySide6' not in sys.modules, 'Qt was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
