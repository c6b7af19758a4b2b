"""Kiosk settings: checked values with safe defaults, and a staff PIN kept only as a salted hash."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from decisionaid.system import kiosk_config as kc
from decisionaid.system.kiosk_config import (
    KioskConfig,
    PinError,
    hash_pin,
    load_config,
    main,
    parse_config,
    verify_pin,
)


def _prompts(*answers: str) -> Callable[[str], str]:
    queue: Iterator[str] = iter(answers)

    def prompt(_text: str) -> str:
        return next(queue)

    return prompt


def test_without_a_file_the_defaults_apply_and_staff_are_warned_there_is_no_pin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kc, "SYSTEM_PATH", tmp_path / "etc.toml")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv(kc.ENV_VAR, raising=False)
    config = load_config()
    assert (config.idle_timeout_seconds, config.warning_seconds) == (180, 30)
    assert config.printer == ""
    assert config.path is None
    assert not config.has_pin
    assert config.problems == ()
    assert any("no staff PIN" in w for w in config.kiosk_warnings())


def test_the_environment_variable_beats_etc_and_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "chosen.toml"
    chosen.write_text("idle_timeout_seconds = 60\n")
    system = tmp_path / "system.toml"
    system.write_text("idle_timeout_seconds = 90\n")
    monkeypatch.setattr(kc, "SYSTEM_PATH", system)
    assert load_config(environ={kc.ENV_VAR: str(chosen)}).idle_timeout_seconds == 60
    assert load_config(environ={}).idle_timeout_seconds == 90
    missing = load_config(environ={kc.ENV_VAR: str(tmp_path / "nope.toml")})
    assert missing.idle_timeout_seconds == 180
    assert "nope.toml" in missing.problems[0]


def test_the_home_config_is_used_when_etc_has_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kc, "SYSTEM_PATH", tmp_path / "absent.toml")
    monkeypatch.setenv("HOME", str(tmp_path))
    user = tmp_path / ".config" / "decisionaid" / "kiosk.toml"
    user.parent.mkdir(parents=True)
    user.write_text('printer = "Ward_3"\n')
    config = load_config(environ={})
    assert config.printer == "Ward_3"
    assert config.path == user


def test_a_valid_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    pin_hash = hash_pin("2468")
    path.write_text(
        f'idle_timeout_seconds = 120\nwarning_seconds = 45\nprinter = "TestPDF"\n'
        f'staff_pin_hash = "{pin_hash}"\n'
    )
    config = load_config(path)
    assert config == KioskConfig(120, 45, "TestPDF", pin_hash, path, ())
    assert config.has_pin
    assert config.kiosk_warnings() == ()


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("warning_seconds = 5", "warning_seconds", ("warning_seconds", 20)),
        ("warning_seconds = 'long'", "warning_seconds", ("warning_seconds", 30)),
        ("warning_seconds = true", "warning_seconds", ("warning_seconds", 30)),
        ("idle_timeout_seconds = 1.5", "idle_timeout_seconds", ("idle_timeout_seconds", 180)),
        ("idle_timeout_seconds = 5", "idle_timeout_seconds", ("idle_timeout_seconds", 30)),
        ("idle_timeout_seconds = 99999", "idle_timeout_seconds", ("idle_timeout_seconds", 3600)),
        ("printer = 3", "printer", ("printer", "")),
        ('printer = "Ward 3"', "printer", ("printer", "")),
        ('staff_pin_hash = "1234"', "staff_pin_hash", ("staff_pin_hash", "")),
        ("colour = 'blue'", "colour", ("idle_timeout_seconds", 180)),
    ],
)
def test_a_bad_value_names_the_file_and_key_and_a_safe_default_is_used(
    tmp_path: Path, text: str, key: str, expected: tuple[str, object]
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(text + "\n")
    config = load_config(path)
    assert len(config.problems) == 1
    assert str(path) in config.problems[0]
    assert key in config.problems[0]
    attribute, value = expected
    assert getattr(config, attribute) == value


def test_broken_toml_gives_one_problem_and_all_defaults(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("idle_timeout_seconds = = 3\n")
    config = load_config(path)
    assert config.idle_timeout_seconds == 180
    assert "not valid TOML" in config.problems[0]
    assert str(path) in config.problems[0]


def test_an_unreadable_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    config = load_config(tmp_path)  # a folder cannot be opened as a file
    assert config.problems
    assert str(tmp_path) in config.problems[0]


def test_the_pin_is_stored_as_a_salted_scrypt_hash_and_checked() -> None:
    first, second = hash_pin("123456"), hash_pin("123456")
    assert first.startswith("scrypt$")
    assert "123456" not in first
    assert first != second  # a fresh salt each time
    assert verify_pin("123456", first)
    assert verify_pin("123456", second)
    assert not verify_pin("654321", first)
    assert not verify_pin("", first)
    assert not verify_pin("123456", "")
    assert not verify_pin("123456", "scrypt$not-base64$x")
    assert not verify_pin("123456", "md5$abc$def")


@pytest.mark.parametrize("pin", ["", "123", "12ab", "1234567890123", "١٢٣٤"])
def test_unusable_pins_are_refused(pin: str) -> None:
    with pytest.raises(PinError, match="digits"):
        hash_pin(pin)


def test_set_pin_creates_a_private_file_with_only_the_hash(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "kiosk.toml"
    assert main(["set-pin", "--config", str(path)], prompt=_prompts("97531", "97531")) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    assert "97531" not in text
    config = load_config(path)
    assert config.problems == ()
    assert verify_pin("97531", config.staff_pin_hash)
    assert [p.name for p in path.parent.iterdir()] == ["kiosk.toml"]  # no temp file left


def test_set_pin_keeps_the_other_settings_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        '# ward 3 kiosk\nprinter = "Ward_3"\nstaff_pin_hash = "scrypt$old$old"\nwarning_seconds = 40\n'
    )
    assert main(["set-pin", "--config", str(path)], prompt=_prompts("2468", "2468")) == 0
    text = path.read_text()
    assert text.startswith("# ward 3 kiosk\n")
    assert text.count("staff_pin_hash") == 1
    config = load_config(path)
    assert (config.printer, config.warning_seconds) == ("Ward_3", 40)
    assert verify_pin("2468", config.staff_pin_hash)


def test_set_pin_refuses_a_mismatch_or_a_bad_pin_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kiosk.toml"
    assert main(["set-pin", "--config", str(path)], prompt=_prompts("2468", "2469")) == 1
    assert "differ" in capsys.readouterr().err
    assert main(["set-pin", "--config", str(path)], prompt=_prompts("12")) == 1
    assert "digits" in capsys.readouterr().err
    assert not path.exists()


def test_show_reports_the_settings_and_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("warning_seconds = 1\n")
    assert main(["show", "--config", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "warning_seconds = 20" in out
    assert "staff PIN: not set" in out
    assert "warning_seconds" in err
    assert "no staff PIN" in err


def test_parse_config_without_a_path_still_names_the_key() -> None:
    config = parse_config({"warning_seconds": 0})
    assert config.warning_seconds == 20
    assert "warning_seconds" in config.problems[0]


# -- a settings file is trusted only when it is safe (issue 19) -----------------------------

SETTINGS = 'idle_timeout_seconds = 60\nprinter = "Ward_3"\n'


def _settings(tmp_path: Path, mode: int = 0o600) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(SETTINGS)
    path.chmod(mode)
    return path


def _refused(config: KioskConfig, *words: str) -> None:
    assert config.printing_off
    assert config.idle_timeout_seconds == kc.DEFAULT_IDLE  # nothing from the file was used
    assert config.printer == ""
    assert len(config.problems) == 1
    for word in words:
        assert word in config.problems[0]


@pytest.mark.parametrize(
    ("mode", "group", "words"),
    [
        (0o666, 0, ("anyone can change it", "chmod o-w")),
        (0o602, 0, ("anyone can change it", "chmod o-w")),
        (0o660, 4242, ("group id 4242 can change it", "chmod g-w")),
    ],
)
def test_a_settings_file_others_can_change_is_refused_with_the_fix(
    tmp_path: Path, mode: int, group: int, words: tuple[str, ...]
) -> None:
    path = _settings(tmp_path, mode)
    if group and os.geteuid() == 0:
        os.chown(path, 0, group)
    elif group:
        pytest.skip("only root can give a file to another group")
    config = load_config(path)
    _refused(config, str(path), *words)


def test_a_settings_file_writable_by_roots_group_is_trusted(tmp_path: Path) -> None:
    path = _settings(tmp_path, 0o660)
    if os.geteuid() == 0:
        os.chown(path, 0, 0)
    elif path.stat().st_gid != 0:
        pytest.skip("only root can give a file to root's group")
    config = load_config(path)
    assert config.problems == ()
    assert config.idle_timeout_seconds == 60


def test_a_settings_file_owned_by_someone_else_is_refused(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can give a file away")
    path = _settings(tmp_path)
    os.chown(path, 4242, 0)
    _refused(load_config(path), "belongs to user id 4242", "chown root")


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "folder"])
def test_a_settings_path_that_is_not_a_regular_file_is_refused_without_reading(
    tmp_path: Path, kind: str
) -> None:
    if kind == "dev-zero":
        path = Path("/dev/zero")
    elif kind == "fifo":
        path = tmp_path / "kiosk.toml"
        os.mkfifo(path)  # nobody writes: opening it to read would wait for ever
    else:
        path = tmp_path
    _refused(load_config(environ={kc.ENV_VAR: str(path)}), "not a regular file")


@pytest.mark.parametrize(
    "name",
    ["a\\u0000b", "Ward\\u001b[31m", "Ward\\u202e3", "Ward\\u00853", "a\\u007fb", "x" * 128],
)
def test_a_printer_name_with_control_characters_switches_printing_off(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(f'printer = "{name}"\n')
    config = load_config(path)
    assert config.printing_off
    assert config.printer == ""
    assert "control characters" in config.problems[0]
    assert "printing is off" in config.problems[0]


def test_broken_toml_switches_printing_off(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('printer = "Ward_3\n')
    assert load_config(path).printing_off


def _fake_lpstat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, queues: str) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    lpstat = folder / "lpstat"
    lpstat.write_text(f"#!/bin/sh\nprintf '{queues}'\n")
    lpstat.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")


def test_show_says_when_cups_has_no_queue_of_that_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _fake_lpstat(tmp_path, monkeypatch, "Ward_9\\nOffice\\n")
    assert main(["show", "--config", str(_settings(tmp_path))]) == 1
    out, err = capsys.readouterr()
    assert "printer = (off" in out
    assert "'Ward_3' does not exist (CUPS has: Ward_9, Office); printing is off" in err


def test_show_accepts_a_queue_cups_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _fake_lpstat(tmp_path, monkeypatch, "Ward_3\\n")
    assert main(["show", "--config", str(_settings(tmp_path))]) == 0
    assert "printer = Ward_3" in capsys.readouterr().out
