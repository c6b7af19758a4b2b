# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Printing behind a small protocol, so the wizard never talks to CUPS directly and tests use fakes."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Final, Protocol

from decisionaid.i18n import _

log = logging.getLogger(__name__)

TEMP_PREFIX: Final = "decisionaid-print-"
LP_TIMEOUT: Final = 30.0  # seconds; `lp` only hands the file to the scheduler
LPSTAT_TIMEOUT: Final = 5.0
STALE_AFTER: Final = 3600.0  # seconds before a leftover print folder counts as abandoned


class PrintError(Exception):
    """Printing failed; the message is fit to show to the person."""


class PrintCancelled(PrintError):
    """The person closed the printer choice without printing; nothing to report."""


class Printer(Protocol):
    """Something that can print a finished PDF."""

    def print_pdf(self, pdf: bytes, title: str) -> None:
        """Send the document to the printer; raise PrintError with a plain message on failure."""
        ...


class LpPrinter:
    """Hands the vector PDF to CUPS with `lp`; the private copy is deleted as soon as `lp` returns.

    The file lives in a fresh 0700 folder under `temp_root` (the system temp folder by default)
    only while `lp` runs. CUPS itself may keep job files (cupsd.conf `PreserveJobFiles`); see the
    Kiosk section of README.md.
    """

    def __init__(
        self,
        queue: str | None = None,
        lp: str = "lp",
        *,
        timeout: float = LP_TIMEOUT,
        temp_root: Path | None = None,
    ) -> None:
        self.queue = queue or None
        self.lp = lp
        self.timeout = timeout
        self.temp_root = temp_root

    def command(self, path: Path, title: str) -> list[str]:
        """The `lp` command line for one file."""
        destination = ["-d", self.queue] if self.queue else []
        return [self.lp, *destination, "-t", title, str(path)]

    def print_pdf(self, pdf: bytes, title: str) -> None:
        """Print `pdf` on the queue (or the default printer); raise PrintError on any failure."""
        try:
            with private_copy(pdf, self.temp_root) as path:
                self._run(self.command(path, title))
        except OSError as exc:
            raise _prepare_failed(exc) from None

    def _run(self, command: list[str]) -> None:
        try:
            result = subprocess.run(
                command,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                errors="replace",
                timeout=self.timeout,
                check=False,
            )
        except FileNotFoundError:
            raise PrintError(
                _(
                    "Printing is not set up on this computer (the program “{program}” is missing). "
                    "Please ask a member of staff."
                ).format(program=self.lp)
            ) from None
        except PermissionError:
            raise PrintError(
                _("Printing is not allowed on this computer. Please ask a member of staff.")
            ) from None
        except subprocess.TimeoutExpired:
            raise PrintError(
                _("The printer did not answer in time. Please try again or ask a member of staff.")
            ) from None
        if result.returncode != 0:
            raise PrintError(_lp_failure(result.stderr or result.stdout))
        log.info("Print job handed to CUPS (queue %s)", self.queue or "default")


def _prepare_failed(exc: OSError) -> PrintError:
    return PrintError(
        _("The summary could not be prepared for printing ({reason}).").format(
            reason=exc.strerror or exc
        )
    )


def _lp_failure(output: str) -> str:
    """A plain message for a failed `lp`, keeping what lp said so staff can act on it."""
    reason = " ".join(output.split()) or _("no reason given")
    if "no default destination" in reason.lower():
        return _("No printer has been chosen on this computer. Please ask a member of staff.")
    if "does not exist" in reason.lower() or "not found" in reason.lower():
        return _(
            "The printer could not be found. Please ask a member of staff. (The printing system said: {reason})"
        ).format(reason=reason)
    return _(
        "Printing failed. Please ask a member of staff. (The printing system said: {reason})"
    ).format(reason=reason)


@contextlib.contextmanager
def private_copy(pdf: bytes, temp_root: Path | None = None) -> Iterator[Path]:
    """The PDF as a file only we can read, in a fresh 0700 folder that is always removed.

    `temp_root` is where the folder goes (the system temp folder by default). Raises OSError
    when the copy cannot be made.
    """
    folder = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=temp_root))  # mode 0700
    try:
        path = folder / "summary.pdf"
        _write_private(path, pdf)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _write_private(path: Path, data: bytes) -> None:
    """Create `path` readable only by us; fail if it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _lpstat(lpstat: str, option: str) -> str | None:
    """What `lpstat <option>` prints (in the C locale), or None when CUPS does not answer."""
    try:
        result = subprocess.run(
            [lpstat, option],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=LPSTAT_TIMEOUT,
            check=False,
            env={**os.environ, "LC_ALL": "C"},
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def list_printers(lpstat: str = "lpstat") -> list[str]:
    """Names of the CUPS queues (`lpstat -e`); empty when CUPS is unavailable."""
    output = _lpstat(lpstat, "-e") or ""
    return [line.strip() for line in output.splitlines() if line.strip()]


def default_printer_name(lpstat: str = "lpstat") -> str | None:
    """The CUPS default queue (`lpstat -d`), or None when there is none or CUPS is unavailable."""
    output = _lpstat(lpstat, "-d")
    if output is None or ":" not in output:
        return None
    name = output.split(":", 1)[1].strip()
    return name or None


def remove_stale_print_files(
    temp_root: Path | None = None, older_than: float = STALE_AFTER, now: float | None = None
) -> int:
    """Delete print folders a crash left behind; returns how many were removed."""
    root = Path(temp_root or tempfile.gettempdir())
    now = time.time() if now is None else now
    removed = 0
    try:
        candidates = list(root.glob(f"{TEMP_PREFIX}*"))
    except OSError:
        return 0
    for folder in candidates:
        try:
            info = folder.lstat()
        except OSError:
            continue
        mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
        if (
            folder.is_dir()
            and not folder.is_symlink()
            and mine
            and now - info.st_mtime >= older_than
        ):
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
