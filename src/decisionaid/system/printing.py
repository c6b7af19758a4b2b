# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Printing behind a small protocol, so the wizard never talks to CUPS directly and tests use fakes."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Final, Protocol, runtime_checkable

from decisionaid.i18n import _

if TYPE_CHECKING:
    import subprocess

# subprocess and tempfile are imported when something is printed, not at start-up.

log = logging.getLogger(__name__)

TEMP_PREFIX: Final = "decisionaid-print-"
LP_TIMEOUT: Final = 30.0  # seconds; `lp` only hands the file to the scheduler
LPSTAT_TIMEOUT: Final = 5.0
STALE_AFTER: Final = 3600.0  # seconds before a leftover print folder counts as abandoned
POLL_SECONDS: Final = 0.05


class PrintError(Exception):
    """Printing failed; the message is fit to show to the person."""


class PrintCancelled(PrintError):
    """The person closed the printer choice without printing; nothing to report."""


class Printer(Protocol):
    """Something that can print a finished PDF."""

    def print_pdf(self, pdf: bytes, title: str) -> None:
        """Send the document to the printer; raise PrintError with a plain message on failure."""
        ...


class PrintJob(Protocol):
    """A print under way; polled from the event loop so the screen never freezes.

    Attributes:
        error: why it failed (None while running or after success).
    """

    error: PrintError | None

    def poll(self) -> bool:
        """Whether the job has finished (successfully or not); never blocks."""
        ...

    def cancel(self) -> None:
        """Stop the job now and remove every copy of the document."""
        ...


@runtime_checkable
class AsyncPrinter(Printer, Protocol):
    """A printer that can also print without blocking the caller."""

    def start_print(self, pdf: bytes, title: str) -> PrintJob:
        """Start printing; poll the job until it says it has finished."""
        ...


class LpPrinter:
    """Hands the vector PDF to CUPS with `lp`; the private copy is deleted as soon as `lp` ends.

    The file lives in a fresh 0700 folder under `temp_root` (the system temp folder by default)
    only while `lp` runs. `lp` runs in its own process group, killed whole at the timeout, and
    writes into a file, not a pipe, so nothing it leaves behind can keep us waiting. CUPS itself
    may keep job files (cupsd.conf `PreserveJobFiles`); see the Kiosk section of README.md.
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

    def start_print(self, pdf: bytes, title: str) -> LpJob:
        """Start `lp` and return at once; poll the job from the event loop."""
        return LpJob(self, pdf, title)

    def print_pdf(self, pdf: bytes, title: str) -> None:
        """Print `pdf` on the queue (or the default printer); raise PrintError on any failure."""
        job = self.start_print(pdf, title)
        while not job.poll():
            time.sleep(POLL_SECONDS)
        if job.error is not None:
            raise job.error


class FinishedJob:
    """The job of a printer that cannot print in the background: done before it is returned."""

    def __init__(self, error: PrintError | None = None) -> None:
        self.error = error

    def poll(self) -> bool:
        """Always finished."""
        return True

    def cancel(self) -> None:
        """Nothing is left to stop."""


class LpJob:
    """One `lp` run in its own process group, with its private copy of the PDF."""

    def __init__(self, printer: LpPrinter, pdf: bytes, title: str) -> None:
        import subprocess
        import tempfile

        self.error: PrintError | None = None
        self.queue = printer.queue
        self._lp = printer.lp
        self._deadline = time.monotonic() + printer.timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._output: IO[bytes] | None = None
        self._folder: Path | None = None
        try:
            self._folder = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=printer.temp_root))
            path = self._folder / "summary.pdf"
            _write_private(path, pdf)
            self._output = tempfile.TemporaryFile(dir=self._folder)  # noqa: SIM115 - closed in _finish
            self._process = subprocess.Popen(
                printer.command(path, title),
                stdin=subprocess.DEVNULL,
                stdout=self._output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, so a timeout kills it whole
            )
        except FileNotFoundError as exc:
            self._finish(
                _missing_lp(self._lp) if self._output is not None else _prepare_failed(exc)
            )
        except PermissionError as exc:
            self._finish(_not_allowed() if self._output is not None else _prepare_failed(exc))
        except OSError as exc:
            self._finish(_prepare_failed(exc))
        except ValueError:  # a NUL in the queue name: as good as no printer chosen
            self._finish(
                PrintError(
                    _("No printer has been chosen on this computer. Please ask a member of staff.")
                )
            )

    def poll(self) -> bool:
        """Whether `lp` has ended; at the deadline its whole process group is killed."""
        process = self._process
        if process is None:
            return True
        code = process.poll()
        if code is None and time.monotonic() < self._deadline:
            return False
        self._kill_group()  # whatever `lp` started goes too, even after `lp` itself ended
        if code is None:
            self._finish(
                PrintError(
                    _(
                        "The printer did not answer in time. Please try again or ask a member of staff."
                    )
                )
            )
        elif code != 0:
            self._finish(PrintError(_lp_failure(self._read_output())))
        else:
            log.info("Print job handed to CUPS (queue %s)", self.queue or "default")
            self._finish(None)
        return True

    def cancel(self) -> None:
        """Kill `lp` and everything it started, and delete the private copy."""
        if self._process is not None:
            self._kill_group()
            self._finish(PrintCancelled(_("Printing was cancelled.")))

    def _kill_group(self) -> None:
        process = self._process
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def _read_output(self) -> str:
        if self._output is None:
            return ""
        self._output.seek(0)
        return self._output.read(4096).decode("utf-8", "replace")

    def _finish(self, error: PrintError | None) -> None:
        self.error = error
        self._process = None
        if self._output is not None:
            self._output.close()
            self._output = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None


def _missing_lp(program: str) -> PrintError:
    return PrintError(
        _(
            "Printing is not set up on this computer (the program “{program}” is missing). "
            "Please ask a member of staff."
        ).format(program=program)
    )


def _not_allowed() -> PrintError:
    return PrintError(_("Printing is not allowed on this computer. Please ask a member of staff."))


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
    import tempfile

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
    """What `lpstat <option>` prints (in the C locale), or None when CUPS does not answer.

    Like `lp`, it runs in its own process group writing into a file, killed whole at the
    timeout, so a stuck CUPS or a lingering child cannot hold us past LPSTAT_TIMEOUT.
    """
    import subprocess
    import tempfile

    with tempfile.TemporaryFile() as output:
        try:
            process = subprocess.Popen(
                [lpstat, option],
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.DEVNULL,
                env={**os.environ, "LC_ALL": "C"},
                start_new_session=True,
            )
        except (OSError, ValueError):
            return None
        try:
            code: int | None = process.wait(LPSTAT_TIMEOUT)
        except subprocess.TimeoutExpired:
            code = None
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        output.seek(0)
        text = output.read(1024 * 1024).decode("utf-8", "replace")
    return text if code == 0 else None


def list_printers(lpstat: str = "lpstat") -> list[str]:
    """Names of the CUPS queues (`lpstat -e`); empty when CUPS is unavailable."""
    output = _lpstat(lpstat, "-e") or ""
    return [line.strip() for line in output.splitlines() if line.strip()]


def missing_queue(queue: str, queues: Callable[[], list[str]] = list_printers) -> str | None:
    """Why `queue` cannot be printed to, if CUPS answers and has no queue of that name.

    None when it exists, or when CUPS does not answer (then `lp` itself will say what is wrong).
    """
    known = queues()
    if not known or queue in known:
        return None
    return (
        f"the printer {queue!r} does not exist (CUPS has: {', '.join(known)}); printing is off. "
        "Fix the printer setting, then restart the kiosk"
    )


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
    import tempfile

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
