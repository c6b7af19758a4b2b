# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Kiosk settings from a TOML file: idle timeout, warning time, printer and the staff PIN hash.

Set the staff PIN with `python -m decisionaid.system.kiosk_config set-pin [--config PATH]`; the file
keeps only a salted scrypt hash, never the PIN.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import contextlib
import getpass
import hashlib
import hmac
import os
import re
import secrets
import sys
import tomllib
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from decisionaid.system.files import write_atomically
from decisionaid.system.untrusted import InputError, read_regular_file, strict_modes

ENV_VAR: Final = "DECISIONAID_CONFIG"
SYSTEM_PATH: Final = Path("/etc/decisionaid/kiosk.toml")
USER_PATH: Final = Path("~/.config/decisionaid/kiosk.toml")

DEFAULT_IDLE: Final = 180
DEFAULT_WARNING: Final = 30
MIN_WARNING: Final = 20  # WCAG 2.2.1 Timing Adjustable: at least 20 seconds to extend
MIN_IDLE: Final = 30
MAX_IDLE: Final = 3600  # a longer timeout would leave answers on screen for the next person
MAX_WARNING: Final = 600
PIN_DIGITS: Final = (4, 12)
MAX_CONFIG_BYTES: Final = 64 * 1024
MAX_QUEUE_NAME: Final = 127  # CUPS's limit

SCHEME: Final = "scrypt"
SCRYPT_N: Final = 2**14
SCRYPT_R: Final = 8
SCRYPT_P: Final = 1
SALT_BYTES: Final = 16
HASH_BYTES: Final = 32

KEYS: Final = ("idle_timeout_seconds", "warning_seconds", "printer", "staff_pin_hash")
NO_PIN_WARNING: Final = (
    "no staff PIN is set, so the kiosk can only be left through the operating system. "
    "Set one with: python -m decisionaid.system.kiosk_config set-pin"
)


class PinError(ValueError):
    """A PIN that cannot be used, with a plain message."""


@dataclass(frozen=True)
class KioskConfig:
    """Kiosk settings, already checked; `problems` says what was wrong and which default replaced it.

    Attributes:
        idle_timeout_seconds: quiet time before the "are you still there?" warning.
        warning_seconds: how long the warning counts down before everything is wiped.
        printer: CUPS queue to print to; empty means the system default printer.
        staff_pin_hash: "scrypt$<salt>$<hash>" of the staff PIN, or empty (no staff exit).
        path: the file these settings came from, or None for built-in defaults.
        problems: one plain line per problem, naming the file and the key.
        printing_off: the printer setting was refused (or the whole file), so the kiosk must
            not print at all rather than fall back to a default printer on another ward.
    """

    idle_timeout_seconds: int = DEFAULT_IDLE
    warning_seconds: int = DEFAULT_WARNING
    printer: str = ""
    staff_pin_hash: str = ""
    path: Path | None = None
    problems: tuple[str, ...] = field(default=())
    printing_off: bool = False

    @property
    def has_pin(self) -> bool:
        """Whether staff can leave the kiosk with a PIN."""
        return _parse_hash(self.staff_pin_hash) is not None

    def kiosk_warnings(self) -> tuple[str, ...]:
        """What staff should hear about before the kiosk starts (problems, missing PIN)."""
        return self.problems + (() if self.has_pin else (NO_PIN_WARNING,))


# -- where the file is ---------------------------------------------------------------------


def candidate_paths(environ: Mapping[str, str] | None = None) -> tuple[Path, ...]:
    """Where the config is looked for, first match wins: $DECISIONAID_CONFIG, /etc, ~/.config."""
    environ = os.environ if environ is None else environ
    explicit = environ.get(ENV_VAR)
    if explicit:
        return (Path(explicit).expanduser(),)
    return (SYSTEM_PATH, USER_PATH.expanduser())


def find_config(environ: Mapping[str, str] | None = None) -> Path | None:
    """The config file in use, or None when there is none."""
    return next((p for p in candidate_paths(environ) if p.exists()), None)


# -- reading -------------------------------------------------------------------------------


def load_config(path: Path | None = None, environ: Mapping[str, str] | None = None) -> KioskConfig:
    """Read and check the config; never raises, problems are reported in `.problems`."""
    if path is None:
        path = find_config(environ)
        if path is None:
            explicit = (os.environ if environ is None else environ).get(ENV_VAR)
            problems = (f"{explicit}: not found ({ENV_VAR}); using defaults",) if explicit else ()
            return KioskConfig(problems=problems)
    if not path.exists():
        return KioskConfig(path=path, problems=(f"{path}: not found; using defaults",))
    try:
        raw = read_regular_file(path, MAX_CONFIG_BYTES, strict_modes(path))
    except InputError as exc:
        return KioskConfig(
            path=path,
            problems=(f"{path}: {exc}; using defaults, with printing off",),
            printing_off=True,
        )
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return KioskConfig(
            path=path,
            problems=(f"{path}: not valid TOML ({exc}); using defaults, with printing off",),
            printing_off=True,
        )
    return parse_config(data, path)


def parse_config(data: Mapping[str, Any], path: Path | None = None) -> KioskConfig:
    """Check a parsed TOML table; bad values fall back to defaults with a problem line each."""
    where = str(path) if path else "kiosk config"
    problems: list[str] = [
        f"{where}: unknown key {key!r} (known: {', '.join(KEYS)}); ignored"
        for key in data
        if key not in KEYS
    ]

    def number(key: str, default: int, low: int, high: int) -> int:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(f"{where}: {key} must be a whole number of seconds; using {default}")
            return default
        if value < low or value > high:
            clamped = min(max(value, low), high)
            problems.append(
                f"{where}: {key} = {value} is outside {low}..{high} seconds; using {clamped}"
            )
            return clamped
        return value

    idle = number("idle_timeout_seconds", DEFAULT_IDLE, MIN_IDLE, MAX_IDLE)
    warning = number("warning_seconds", DEFAULT_WARNING, MIN_WARNING, MAX_WARNING)
    printer = data.get("printer", "")
    printing_off = not isinstance(printer, str) or not _is_queue_name(printer.strip())
    if printing_off:
        problems.append(
            f"{where}: printer must be a CUPS queue name (no spaces, control characters, / or #) "
            "or empty for the default printer; printing is off until it is fixed"
        )
        printer = ""
    pin_hash = data.get("staff_pin_hash", "")
    if not isinstance(pin_hash, str) or (pin_hash and _parse_hash(pin_hash) is None):
        problems.append(
            f"{where}: staff_pin_hash is not a hash made by "
            "`python -m decisionaid.system.kiosk_config set-pin`; staff exit is disabled"
        )
        pin_hash = ""
    return KioskConfig(
        idle, warning, printer.strip(), pin_hash, path, tuple(problems), printing_off
    )


def _is_queue_name(name: str) -> bool:
    """Whether `name` can be a CUPS queue: no spaces, control or format characters, / or #."""
    return len(name) <= MAX_QUEUE_NAME and not any(
        c.isspace() or c in "/#" or unicodedata.category(c).startswith("C") for c in name
    )


# -- the PIN -------------------------------------------------------------------------------


def check_pin(pin: str) -> str:
    """The PIN if it is usable (digits only, 4–12 of them); raises PinError otherwise."""
    low, high = PIN_DIGITS
    if not re.fullmatch(rf"[0-9]{{{low},{high}}}", pin):
        raise PinError(f"the PIN must be {low} to {high} digits (0-9)")
    return pin


def _derive(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=HASH_BYTES
    )


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """A salted scrypt hash of the PIN: "scrypt$<salt-b64>$<hash-b64>"."""
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    encode = base64.b64encode
    return f"{SCHEME}${encode(salt).decode()}${encode(_derive(check_pin(pin), salt)).decode()}"


def _parse_hash(stored: str) -> tuple[bytes, bytes] | None:
    parts = stored.split("$")
    if len(parts) != 3 or parts[0] != SCHEME:
        return None
    try:
        salt = base64.b64decode(parts[1], validate=True)
        digest = base64.b64decode(parts[2], validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(salt) < 8 or len(digest) != HASH_BYTES:
        return None
    return salt, digest


def verify_pin(pin: str, stored: str) -> bool:
    """Whether `pin` matches the stored hash (constant-time compare; False for a bad hash)."""
    parsed = _parse_hash(stored)
    if parsed is None:
        return False
    salt, digest = parsed
    try:
        candidate = _derive(pin, salt)
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(candidate, digest)


# -- writing -------------------------------------------------------------------------------

_TEMPLATE = """\
# decisionaid kiosk settings (see README.md, section "Kiosk").
# Quiet time before "Are you still there?" ({min_idle}-{max_idle} seconds).
idle_timeout_seconds = {idle}
# How long that warning counts down before the answers are wiped (at least {min_warning}).
warning_seconds = {warning}
# CUPS queue for the summary; empty = the system default printer.
printer = ""
# Salted scrypt hash of the staff PIN. Set it with:
#   python -m decisionaid.system.kiosk_config set-pin
staff_pin_hash = ""
"""

_PIN_LINE = re.compile(r"^[ \t]*staff_pin_hash[ \t]*=.*$", re.MULTILINE)


def with_pin_hash(text: str, pin_hash: str) -> str:
    """The config text with staff_pin_hash set, keeping every other line and comment."""
    line = f'staff_pin_hash = "{pin_hash}"'
    if _PIN_LINE.search(text):
        return _PIN_LINE.sub(lambda _match: line, text, count=1)
    return f"{text.rstrip()}\n{line}\n" if text.strip() else f"{line}\n"


def write_private(path: Path, text: str) -> None:
    """Replace `path` atomically with `text`, mode 0600, keeping the old file's owner."""
    path.parent.mkdir(parents=True, exist_ok=True)
    owner: tuple[int, int] | None = None
    with contextlib.suppress(OSError):
        info = path.stat()
        owner = (info.st_uid, info.st_gid)
    if not (hasattr(os, "fchown") and os.geteuid() == 0):
        owner = None  # only root may hand a file to another account
    write_atomically(path, text.encode("utf-8"), mode=0o600, owner=owner)


def default_write_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where set-pin writes without --config: the file in use, else /etc as root, else ~/.config."""
    found = find_config(environ)
    if found is not None:
        return found
    candidates = candidate_paths(environ)
    if len(candidates) == 1:
        return candidates[0]
    return SYSTEM_PATH if hasattr(os, "geteuid") and os.geteuid() == 0 else candidates[-1]


def set_pin(path: Path, pin: str) -> None:
    """Store the hash of `pin` in the config at `path` (created from a template if missing)."""
    pin_hash = hash_pin(pin)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = _TEMPLATE.format(
            idle=DEFAULT_IDLE,
            warning=DEFAULT_WARNING,
            min_idle=MIN_IDLE,
            max_idle=MAX_IDLE,
            min_warning=MIN_WARNING,
        )
    updated = with_pin_hash(text, pin_hash)
    tomllib.loads(updated)  # never write a file the kiosk cannot read
    write_private(path, updated)


# -- command line --------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None, prompt: Callable[[str], str] = getpass.getpass) -> int:
    """`python -m decisionaid.system.kiosk_config set-pin|show [--config PATH]`."""
    parser = argparse.ArgumentParser(
        prog="python -m decisionaid.system.kiosk_config",
        description="Kiosk settings for decisionaid.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("set-pin", "set the staff PIN that leaves the kiosk (asked twice, never echoed)"),
        ("show", "show the settings in force and any problems with the file"),
    ):
        command = sub.add_parser(name, help=help_text)
        command.add_argument("--config", type=Path, default=None, help="config file to use")
    args = parser.parse_args(argv)
    if args.command == "show":
        return _show(args.config)
    path: Path = args.config or default_write_path()
    try:
        pin = check_pin(prompt(f"New staff PIN ({PIN_DIGITS[0]}-{PIN_DIGITS[1]} digits): "))
        if not hmac.compare_digest(pin, prompt("Type the PIN again: ")):
            raise PinError("the two PINs differ")
    except PinError as exc:
        print(f"kiosk_config: {exc}; nothing changed", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("kiosk_config: cancelled; nothing changed", file=sys.stderr)
        return 1
    try:
        set_pin(path, pin)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        print(f"kiosk_config: cannot write {path}: {reason}", file=sys.stderr)
        return 1
    print(f"Staff PIN hash written to {path} (mode 0600).")
    return 0


def _show(path: Path | None) -> int:
    config = load_config(path)
    missing = None
    if config.printer and not config.printing_off:
        from decisionaid.system.printing import missing_queue  # asks CUPS: only for this command

        missing = missing_queue(config.printer)
    print(f"file: {config.path or '(none: built-in defaults)'}")
    print(f"idle_timeout_seconds = {config.idle_timeout_seconds}")
    print(f"warning_seconds = {config.warning_seconds}")
    printer = "(off: see the warnings)" if config.printing_off or missing else config.printer
    print(f"printer = {printer or '(system default)'}")
    print(f"staff PIN: {'set' if config.has_pin else 'not set'}")
    for problem in config.kiosk_warnings():
        print(f"warning: {problem}", file=sys.stderr)
    if missing:
        print(f"warning: {config.path}: {missing}", file=sys.stderr)
    return 1 if config.problems or missing else 0


if __name__ == "__main__":
    sys.exit(main())
