"""Issue 19's table of hostile inputs: every case run as `decisionaid render` in a subprocess.

Every refusal is run as `decisionaid export` too: the FHIR writer reads answers files and
writes --out by the same rules.

Each run is bounded by resource limits (address space, CPU time, file size), not by timing
assertions: a case that blew up memory or looped would be killed and fail. Every refusal is
one line, exit 2, names the line where it can, and never repeats the person's text.
"""

from __future__ import annotations

import json
import os
import resource
import socket
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from decisionaid.answers import Answers
from decisionaid.content import Content
from factories import complete_answers

SENTINEL = "Zebrafish-Sentinel-7Q"  # the person's own words; must never reach a message
MEMORY_LIMIT = 256 * 1024 * 1024  # the failures in the issue took 1.2 to 3.8 GB
CPU_SECONDS = 10  # a render takes well under one second of CPU
HEADER = "format: decisionaid-answers\nversion: 1\n"


@dataclass(frozen=True)
class Run:
    """What one subprocess did."""

    code: int
    out: str
    err: str
    folder: Path


Build = Callable[[Path, Answers], list[str]]
Check = Callable[[Run], None]


def _limits(file_size: int | None) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    return apply


# Root ignores folder permissions; without these two capabilities it is held to them, as any
# user is (setpriv is util-linux's, on every Debian system).
AS_AN_ORDINARY_WRITER = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


def _render(
    folder: Path,
    args: list[str],
    *,
    file_size: int | None = None,
    command: str = "render",
    obey_permissions: bool = False,
) -> Run:
    prefix = AS_AN_ORDINARY_WRITER if obey_permissions and os.geteuid() == 0 else []
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "decisionaid", command, *args],
        cwd=folder,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=300,  # generous: the resource limits are the bound, this only stops a hang
        preexec_fn=_limits(file_size),  # the test process starts no threads before exec
        check=False,
    )
    return Run(
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
        folder,
    )


# -- builders: each writes its files into the folder and returns render's arguments ----------


def _write(folder: Path, text: str | bytes, name: str = "answers.yaml") -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _file(text: str | bytes, name: str = "answers.yaml") -> Build:
    def build(folder: Path, _answers: Answers) -> list[str]:
        return ["--answers", str(_write(folder, text, name)), "--out", "out.pdf"]

    return build


def _good(**changes: object) -> Build:
    def build(folder: Path, answers: Answers) -> list[str]:
        path = _write(folder, answers.replace(**changes).dumps())
        return ["--answers", str(path), "--out", "out.pdf"]

    return build


def _good_json(folder: Path, answers: Answers) -> list[str]:
    path = _write(folder, json.dumps(answers.to_dict()), "answers.json")
    return ["--answers", str(path), "--out", "out.pdf"]


def _billion_laughs() -> str:
    rows = [f'l0: &l0 ["{SENTINEL}", x, x, x, x, x, x, x, x, x]']
    rows += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 10)]
    return "format: decisionaid-answers\n" + "\n".join(rows) + "\nversion: *l9\n"


def _deep_json() -> str:
    return json.dumps({"format": "decisionaid-answers", "version": 1, "notes": "@"}).replace(
        '"@"', "[" * 10_000 + "]" * 10_000
    )


def _many_own_questions(count: int) -> str:
    return HEADER + "own_questions:\n" + f"- {SENTINEL}\n" * count


def _special(kind: str) -> Build:
    def build(folder: Path, _answers: Answers) -> list[str]:
        if kind == "zero":
            return ["--answers", "/dev/zero", "--out", "out.pdf"]
        if kind == "folder":
            return ["--answers", str(folder), "--out", "out.pdf"]
        fifo = folder / "answers.fifo"
        os.mkfifo(fifo)
        return ["--answers", str(fifo), "--out", "out.pdf"]

    return build


def _out_to(kind: str) -> Build:
    def build(folder: Path, answers: Answers) -> list[str]:
        source = _write(folder, answers.dumps())
        if kind == "fifo":
            target = folder / "out.fifo"
            os.mkfifo(target)
        elif kind == "socket":
            target = folder / "out.sock"
            server = socket.socket(socket.AF_UNIX)
            server.bind(str(target))
            server.close()
        elif kind == "folder":
            target = folder / "a-folder"
            target.mkdir()
        elif kind == "device":  # a twin of /dev/full, made here: the real one stays safe
            target = folder / "full"
            try:
                os.mknod(target, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
            except PermissionError:
                pytest.skip("making a device node needs CAP_MKNOD")
        elif kind == "same":
            target = source
        elif kind == "hardlink":
            target = folder / "linked.yaml"
            os.link(source, target)
        elif kind == "symlink-to-answers":
            target = folder / "alias.pdf"
            target.symlink_to(source)
        elif kind == "symlink":
            (folder / "elsewhere.pdf").write_bytes(b"keep me")
            target = folder / "link.pdf"
            target.symlink_to(folder / "elsewhere.pdf")
        elif kind == "missing-folder":
            target = folder / "no" / "such" / "out.pdf"
        else:  # read-only folder
            target = folder / "ro" / "out.pdf"
            target.parent.mkdir()
            target.parent.chmod(0o555)
        return ["--answers", str(source), "--out", str(target)]

    return build


def _answers_symlink(folder: Path, answers: Answers) -> list[str]:
    link = folder / "link.yaml"
    link.symlink_to(_write(folder, answers.dumps()))
    return ["--answers", str(link), "--out", "out.pdf"]


def _unknown_lang(folder: Path, answers: Answers) -> list[str]:
    return ["--answers", str(_write(folder, answers.dumps())), "--out", "o.pdf", "--lang", "xx"]


# -- checks -------------------------------------------------------------------------------


def _says(*parts: str) -> Check:
    def check(run: Run) -> None:
        for part in parts:
            assert part in run.err

    return check


def _pdf_has(*parts: str) -> Check:
    def check(run: Run) -> None:
        pages = PdfReader(run.folder / "out.pdf").pages
        text = " ".join(" ".join(page.extract_text() for page in pages).split())
        for part in parts:
            assert part in text

    return check


def _no_pdf(run: Run) -> None:
    assert not [p for p in run.folder.rglob("*") if p.suffix in (".pdf", ".tmp")]


def _untouched(name: str, data: bytes) -> Check:
    def check(run: Run) -> None:
        assert (run.folder / name).read_bytes() == data

    return check


def _all(*checks: Check) -> Check:
    def check(run: Run) -> None:
        for each in checks:
            each(run)

    return check


def _nothing(_run: Run) -> None:
    """No check beyond the common ones."""


def _still_a_device(run: Run, name: str) -> None:
    assert stat.S_ISCHR((run.folder / name).lstat().st_mode)


def _link_replaced(run: Run) -> None:
    link = run.folder / "link.pdf"
    assert not link.is_symlink()
    assert link.read_bytes().startswith(b"%PDF")


def _no_file(run: Run, name: str) -> None:
    assert not (run.folder / name).exists()


@dataclass(frozen=True)
class Case:
    """One row: how to build the input, the exit code, and what else must hold."""

    id: str
    build: Build
    code: int = 2
    check: Check = _nothing
    file_size: int | None = None
    needs_non_root: bool = False  # run held to folder permissions, even as root


RTL = "\u202eevil\u202c"
MARKUP = f'<b>{SENTINEL}</b> <font size="90">big</font> &amp; <a href="x">link</a>'
HOSTILE = [
    # -- what failed or held partly at 3631139 --------------------------------------------
    Case(
        "alias-bomb-in-version",
        _file(_billion_laughs()),
        check=_says("line 2", "anchors and aliases"),
    ),
    Case(
        "anchor-without-alias",
        _file(HEADER + f"notes: &a {SENTINEL}\n"),
        check=_says("line 3", "anchors"),
    ),
    Case(
        "deep-yaml",
        _file(HEADER + "notes: " + "[" * 10_000 + "]" * 10_000 + "\n"),
        check=_says("line 3", "nested"),
    ),
    Case(
        "deep-yaml-block",
        _file(HEADER + "notes:\n" + "".join(f"{' ' * i}- \n" for i in range(1, 300))),
        check=_says("nested"),
    ),
    Case("deep-json", _file(_deep_json(), "answers.json"), check=_says("nested")),
    Case(
        "unknown-keys-of-two-types",
        _file(HEADER + f"1: 1\n{SENTINEL}: 2\n"),
        check=_says("line 3", "unknown field"),
    ),
    Case(
        "unknown-key-that-is-a-list",
        _file(HEADER + f"? [{SENTINEL}]\n: 1\n"),
        check=_says("line 3", "unhashable key"),
    ),
    Case("5000-digit-integer", _file(HEADER + "ratings: {x: " + "9" * 5000 + "}\n")),
    Case("5000-digit-version", _file("format: decisionaid-answers\nversion: " + "9" * 5000)),
    Case(
        "5000-digit-integer-json",
        _file('{"format": "decisionaid-answers", "version": ' + "9" * 5000 + "}", "a.json"),
        check=_says("digits"),
    ),
    Case("answers-dev-zero", _special("zero"), check=_says("not a regular file")),
    Case("answers-fifo", _special("fifo"), check=_says("not a regular file")),
    Case("answers-is-a-folder", _special("folder"), check=_says("not a regular file")),
    Case(
        "200000-own-questions",
        _file(_many_own_questions(200_000)),
        check=_says("larger than"),
    ),
    Case(
        "600-own-questions-under-the-size-cap",
        _file(_many_own_questions(600)),
        check=_says("more than"),
    ),
    Case(
        "duplicate-keys",
        _file(HEADER + f"notes: {SENTINEL}\nnotes: b\n"),
        check=_says("line 4", "twice"),
    ),
    Case(
        "duplicate-keys-json",
        _file(
            '{"format": "decisionaid-answers", "version": 1,\n'
            f'"notes": "{SENTINEL}",\n"notes": "b"}}',
            "a.json",
        ),
        check=_says("line 3", "twice"),
    ),
    Case(
        "duplicate-nested-keys",
        _file(HEADER + "ratings:\n  a: 1\n  a: 2\n"),
        check=_says("line 5", "twice"),
    ),
    Case("out-is-a-fifo", _out_to("fifo"), check=_says("not a regular file")),
    Case("out-is-a-socket", _out_to("socket"), check=_says("not a regular file")),
    Case(
        "out-is-a-device",
        _out_to("device"),
        check=_all(_says("not a regular file"), lambda run: _still_a_device(run, "full")),
    ),
    Case("out-is-a-folder", _out_to("folder"), check=_says("not a regular file")),
    Case("out-is-the-answers-file", _out_to("same"), check=_says("same file")),
    Case("out-is-a-hard-link-to-the-answers", _out_to("hardlink"), check=_says("same file")),
    Case(
        "out-is-a-symlink-to-the-answers", _out_to("symlink-to-answers"), check=_says("same file")
    ),
    Case(
        "unknown-condition-is-not-quoted",
        _good(condition=f"{SENTINEL} my HIV status"),
        check=_says("line 4", "condition"),
    ),
    Case("unknown-treatment-is-not-quoted", _good(treatments_tried=(SENTINEL,))),
    Case("unknown-question-is-not-quoted", _good(chosen_questions=("why_me", SENTINEL))),
    Case("unknown-rating-key-is-not-quoted", _good(ratings={SENTINEL: 1})),
    Case("unknown-knowledge-choice-is-not-quoted", _good(knowledge={"trial_only": SENTINEL})),
    Case("unknown-leaning-is-not-quoted", _good(leaning=SENTINEL)),
    Case("unknown-language-in-the-file", _good(language=SENTINEL), check=_says("language")),
    Case("bad-yaml-is-not-quoted", _file(HEADER + f"notes: {SENTINEL}: [\n")),
    Case("bad-json-is-not-quoted", _file(f'{{"notes": "{SENTINEL}" ', "a.json")),
    Case("yaml-nan-rating", _file(HEADER + "ratings: {x: .nan}\n")),
    Case("bad-date", _file(HEADER + "notes: 2024-13-45\n")),
    # -- what held at 3631139 and must keep holding ---------------------------------------
    Case("top-level-list", _file("[1, 2]\n"), check=_says("mapping")),
    Case("top-level-text", _file(f"{SENTINEL}\n"), check=_says("mapping")),
    Case("empty-file", _file(""), check=_says("mapping")),
    Case("wrong-format", _file(f"format: {SENTINEL}\nversion: 1\n"), check=_says("not a")),
    Case("version-is-text", _file('format: decisionaid-answers\nversion: "1"\n')),
    Case("version-is-true", _file("format: decisionaid-answers\nversion: true\n")),
    Case("rating-is-text", _file(HEADER + f"ratings: {{x: {SENTINEL}}}\n"), check=_says("line 3")),
    Case("rating-is-bool", _file(HEADER + "ratings: {x: true}\n")),
    Case("rating-out-of-range", _good(ratings={"chance_remission": 99})),
    Case("condition-is-a-list", _file(HEADER + f"condition: [{SENTINEL}]\n")),
    Case("notes-is-a-number", _file(HEADER + "notes: 12\n"), check=_says("line 3", "notes")),
    Case("own-questions-is-text", _file(HEADER + f"own_questions: {SENTINEL}\n")),
    Case(
        "own-question-is-a-mapping",
        _file(HEADER + f"own_questions:\n- ok\n- {{a: {SENTINEL}}}\n"),
        check=_says("line 5"),
    ),
    Case(
        "python-object-apply-tag",
        _file(HEADER + "notes: !!python/object/apply:os.system ['touch pwned']\n"),
        check=lambda run: _no_file(run, "pwned"),
    ),
    Case("python-name-tag", _file(HEADER + "notes: !!python/name:os.system\n")),
    Case("invalid-utf8", _file(HEADER.encode() + b"notes: \xff\xfe\n"), check=_says("line 3")),
    Case("utf16-with-bom", _file(HEADER.encode("utf-16"))),
    Case("nul-byte", _file(HEADER + f"notes: {SENTINEL}\x00\n")),
    Case("50-mb-string", _file(HEADER + "notes: " + "x" * 50_000_000 + "\n")),
    Case("text-over-100000-characters", _good(notes="x" * 100_001), check=_says("notes")),
    Case(
        "markup-printed-literally",
        _good(own_questions=(MARKUP,)),
        code=0,
        check=_pdf_has(f"<b>{SENTINEL}</b>", '<font size="90">', "&amp;"),
    ),
    Case("rtl-override-printed-literally", _good(notes=f"{SENTINEL} {RTL}"), code=0),
    Case("control-characters-in-notes", _good(notes=f"{SENTINEL}\t\x1b[31m\x07"), code=0),
    Case("json-answers", _good_json, code=0, check=_pdf_has(SENTINEL)),
    Case("answers-through-a-symlink", _answers_symlink, code=0),
    Case(
        "out-is-a-symlink-the-link-is-replaced",
        _out_to("symlink"),
        code=0,
        check=_all(_untouched("elsewhere.pdf", b"keep me"), _link_replaced),
    ),
    Case("out-folder-missing", _out_to("missing-folder"), check=_all(_says("cannot write"))),
    Case(
        "out-folder-read-only",
        _out_to("read-only"),
        check=_all(_says("cannot write"), _no_pdf),
        needs_non_root=True,
    ),
    Case(
        "disk-full-leaves-no-partial-file",
        _good(),
        check=_all(_says("cannot write"), _no_pdf),
        file_size=4096,
    ),
    Case(
        "no-such-answers-file",
        lambda folder, _a: ["--answers", str(folder / "nope.yaml"), "--out", "o.pdf"],
        check=_says("cannot read"),
    ),
    Case("unknown-lang-option", _unknown_lang, check=_says("unknown language")),
    Case("clean-logs-on-success", _good(notes=SENTINEL), code=0, check=_pdf_has(SENTINEL)),
]


@pytest.fixture(scope="module")
def base_answers(content: Content) -> Answers:
    """Complete answers whose own words carry the sentinel."""
    return complete_answers(content, own_questions=(f"{SENTINEL} question",))


@pytest.mark.parametrize("case", HOSTILE, ids=[case.id for case in HOSTILE])
def test_hostile_input(case: Case, tmp_path: Path, base_answers: Answers) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    run = _render(
        folder,
        case.build(folder, base_answers),
        file_size=case.file_size,
        obey_permissions=case.needs_non_root,
    )
    assert run.code == case.code, run.err[-2000:]
    assert SENTINEL not in run.err + run.out
    assert "Traceback" not in run.err
    if case.code == 2:
        lines = run.err.splitlines()
        assert len(lines) == 1
        assert lines[0].startswith("decisionaid: ")
        assert len(lines[0]) < 600
    else:
        assert run.err == ""
        assert (folder / "out.pdf").is_file() or case.id.startswith("out-is-a-symlink")
    case.check(run)
    for path in folder.iterdir():
        if stat.S_ISFIFO(path.lstat().st_mode) or stat.S_ISCHR(path.lstat().st_mode):
            path.unlink()


# `export` takes no --lang; a full disk is render's row (export writes a few KB).
EXPORT_REFUSALS = [
    case
    for case in HOSTILE
    if case.code == 2 and case.id != "unknown-lang-option" and case.file_size is None
]


@pytest.mark.parametrize("case", EXPORT_REFUSALS, ids=[case.id for case in EXPORT_REFUSALS])
def test_hostile_input_to_export(case: Case, tmp_path: Path, base_answers: Answers) -> None:
    """The same refusals from the FHIR export: one line, exit 2, never the person's words."""
    folder = tmp_path / "work"
    folder.mkdir()
    run = _render(
        folder,
        case.build(folder, base_answers),
        command="export",
        obey_permissions=case.needs_non_root,
    )
    assert run.code == 2, run.err[-2000:]
    assert SENTINEL not in run.err + run.out
    lines = run.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("decisionaid: ")
    case.check(run)
    for path in folder.iterdir():
        if stat.S_ISFIFO(path.lstat().st_mode) or stat.S_ISCHR(path.lstat().st_mode):
            path.unlink()


# -- kiosk settings files: `python -m decisionaid.system.kiosk_config show`, same limits ----


def _settings(text: str | bytes, mode: int = 0o600, owner: tuple[int, int] | None = None) -> Build:
    def build(folder: Path, _answers: Answers) -> list[str]:
        path = _write(folder, text, "kiosk.toml")
        path.chmod(mode)
        if owner is not None:
            os.chown(path, *owner)
        return [str(path)]

    return build


def _settings_path(kind: str) -> Build:
    def build(folder: Path, _answers: Answers) -> list[str]:
        if kind == "dev-zero":
            return ["/dev/zero"]
        if kind == "folder":
            return [str(folder)]
        fifo = folder / "kiosk.toml"
        os.mkfifo(fifo)
        return [str(fifo)]

    return build


@dataclass(frozen=True)
class SettingsCase:
    """One kiosk settings file and the words its refusal must contain (none: accepted)."""

    id: str
    build: Build
    says: tuple[str, ...] = ()
    needs_root: bool = False


GOOD_SETTINGS = 'idle_timeout_seconds = 60\nprinter = "Ward_3"\n'
SETTINGS_CASES = [
    SettingsCase("world-writable", _settings(GOOD_SETTINGS, 0o666), ("anyone", "chmod o-w")),
    SettingsCase(
        "group-writable-by-another-group",
        _settings(GOOD_SETTINGS, 0o660, (0, 4242)),
        ("group id 4242", "chmod g-w"),
        needs_root=True,
    ),
    SettingsCase(
        "owned-by-another-user",
        _settings(GOOD_SETTINGS, 0o600, (4242, 0)),
        ("user id 4242", "chown root"),
        needs_root=True,
    ),
    SettingsCase("dev-zero", _settings_path("dev-zero"), ("not a regular file",)),
    SettingsCase("fifo", _settings_path("fifo"), ("not a regular file",)),
    SettingsCase("folder", _settings_path("folder"), ("not a regular file",)),
    SettingsCase("larger-than-64-kib", _settings("# x\n" * 20_000), ("larger than",)),
    SettingsCase("printer-with-nul", _settings('printer = "a\\u0000b"\n'), ("control",)),
    SettingsCase("printer-with-escape", _settings('printer = "W\\u001b[2J"\n'), ("control",)),
    SettingsCase("printer-with-rtl-override", _settings('printer = "W\\u202e3"\n'), ("control",)),
    SettingsCase("printer-with-space", _settings('printer = "Ward 3"\n'), ("printing is off",)),
    SettingsCase("broken-toml", _settings("printer = = 1\n"), ("not valid TOML",)),
    SettingsCase("invalid-utf8", _settings(b'printer = "\xff"\n'), ("not valid TOML",)),
    SettingsCase("safe-file-is-used", _settings(GOOD_SETTINGS)),
]


@pytest.mark.parametrize("case", SETTINGS_CASES, ids=[case.id for case in SETTINGS_CASES])
def test_hostile_kiosk_settings(case: SettingsCase, tmp_path: Path, base_answers: Answers) -> None:
    if case.needs_root and os.geteuid() != 0:
        pytest.skip("only root can give a file to another owner or group")
    bin_dir = tmp_path / "bin"  # a CUPS that has the queue the good settings name
    bin_dir.mkdir()
    (bin_dir / "lpstat").write_text("#!/bin/sh\necho Ward_3\n")
    (bin_dir / "lpstat").chmod(0o755)
    show = [sys.executable, "-m", "decisionaid.system.kiosk_config", "show", "--config"]
    result = subprocess.run(
        [*show, *case.build(tmp_path, base_answers)],
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,  # generous: the resource limits are the bound, this only stops a hang
        preexec_fn=_limits(None),  # the test process starts no threads before exec
        check=False,
    )
    assert "Traceback" not in result.stderr
    if not case.says:
        assert result.returncode == 0, result.stderr
        assert "printer = Ward_3" in result.stdout
        return
    assert result.returncode == 1
    assert "printer = (off" in result.stdout  # never the default printer of another ward
    warnings = [line for line in result.stderr.splitlines() if "no staff PIN" not in line]
    assert len(warnings) == 1
    for word in case.says:
        assert word in warnings[0]
