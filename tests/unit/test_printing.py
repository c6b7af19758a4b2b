"""LpPrinter hands the PDF to `lp` and always deletes its copy; failures become plain messages."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from decisionaid.system.printing import (
    TEMP_PREFIX,
    LpPrinter,
    PrintError,
    list_printers,
    remove_stale_print_files,
)

PDF = b"%PDF-1.4\n% a tiny stand-in for the summary\n%%EOF\n"


@pytest.fixture
def temp_root(tmp_path: Path) -> Path:
    root = tmp_path / "tmp"
    root.mkdir()
    return root


def test_the_pdf_is_handed_to_lp_on_the_queue_and_the_private_copy_is_deleted(
    fake_lp: Path, temp_root: Path
) -> None:
    LpPrinter("TestPDF", temp_root=temp_root).print_pdf(PDF, "Decision summary")
    assert (fake_lp / "received.pdf").read_bytes() == PDF
    args = (fake_lp / "args").read_text().splitlines()
    assert args[:4] == ["-d", "TestPDF", "-t", "Decision summary"]
    assert Path(args[-1]).is_absolute()
    assert (fake_lp / "dir-mode").read_text().strip() == "700"
    assert (fake_lp / "file-mode").read_text().strip() == "600"
    assert list(temp_root.iterdir()) == []


def test_without_a_queue_lp_uses_the_default_printer(fake_lp: Path, temp_root: Path) -> None:
    LpPrinter(temp_root=temp_root).print_pdf(PDF, "Summary")
    args = (fake_lp / "args").read_text().splitlines()
    assert "-d" not in args
    assert args[:2] == ["-t", "Summary"]


def test_a_failing_lp_gives_its_own_error_in_the_message_and_the_copy_is_deleted(
    fake_lp: Path, temp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_LP_MODE", "fail")
    with pytest.raises(PrintError, match="The printer or class does not exist") as info:
        LpPrinter("Nowhere", temp_root=temp_root).print_pdf(PDF, "Summary")
    assert "staff" in str(info.value)
    assert list(temp_root.iterdir()) == []


def test_no_default_printer_says_so_plainly(
    fake_lp: Path, temp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_LP_MODE", "nodefault")
    with pytest.raises(PrintError, match="No printer has been chosen"):
        LpPrinter(temp_root=temp_root).print_pdf(PDF, "Summary")
    assert list(temp_root.iterdir()) == []


def test_a_missing_lp_is_a_print_error_not_a_crash(tmp_path: Path, temp_root: Path) -> None:
    printer = LpPrinter(lp=str(tmp_path / "no-such-lp"), temp_root=temp_root)
    with pytest.raises(PrintError, match="not set up"):
        printer.print_pdf(PDF, "Summary")
    assert list(temp_root.iterdir()) == []


def test_an_lp_that_hangs_times_out_with_a_plain_message(
    fake_lp: Path, temp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_LP_MODE", "hang")
    with pytest.raises(PrintError, match="did not answer in time"):
        LpPrinter(temp_root=temp_root, timeout=0.5).print_pdf(PDF, "Summary")
    assert list(temp_root.iterdir()) == []
    assert _ends(int((fake_lp / "grandchild").read_text()))  # the whole group was killed


def test_printing_without_blocking_returns_at_once_and_cancel_kills_the_group(
    fake_lp: Path, temp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_LP_MODE", "hang")
    job = LpPrinter(temp_root=temp_root, timeout=600).start_print(PDF, "Summary")
    assert not job.poll()  # still running; the caller was not made to wait
    _wait_for(fake_lp / "grandchild")
    grandchild = int((fake_lp / "grandchild").read_text())
    assert _alive(grandchild)
    job.cancel()
    assert job.poll()
    assert _ends(grandchild)
    assert list(temp_root.iterdir()) == []


def test_a_successful_job_polls_to_done(fake_lp: Path, temp_root: Path) -> None:
    job = LpPrinter("TestPDF", temp_root=temp_root).start_print(PDF, "Summary")
    while not job.poll():
        time.sleep(0.01)
    assert job.error is None
    assert (fake_lp / "received.pdf").read_bytes() == PDF
    assert list(temp_root.iterdir()) == []


def _wait_for(path: Path) -> None:
    for _ in range(500):
        if path.exists() and path.read_text().strip():
            return
        time.sleep(0.01)


def _ends(pid: int) -> bool:
    """Whether `pid` ends soon after SIGKILL (delivery is asynchronous; the bound is generous)."""
    for _ in range(1000):
        if not _alive(pid):
            return True
        time.sleep(0.01)
    return False


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie waiting for init to reap it counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def test_an_unusable_temp_folder_is_a_print_error(tmp_path: Path) -> None:
    with pytest.raises(PrintError, match="could not be prepared"):
        LpPrinter(temp_root=tmp_path / "missing").print_pdf(PDF, "Summary")


def test_list_printers_reads_lpstat_and_is_empty_without_cups(tmp_path: Path) -> None:
    lpstat = tmp_path / "lpstat"
    lpstat.write_text("#!/bin/sh\nprintf 'TestPDF\\nWard_3\\n'\n")
    lpstat.chmod(0o755)
    assert list_printers(str(lpstat)) == ["TestPDF", "Ward_3"]
    assert list_printers(str(tmp_path / "missing")) == []
    failing = tmp_path / "lpstat-fail"
    failing.write_text("#!/bin/sh\necho 'lpstat: No destinations added.' >&2\nexit 1\n")
    failing.chmod(0o755)
    assert list_printers(str(failing)) == []


def test_stale_print_folders_from_a_crash_are_removed(temp_root: Path) -> None:
    old = temp_root / f"{TEMP_PREFIX}old"
    old.mkdir()
    (old / "summary.pdf").write_bytes(PDF)
    os.utime(old, (0, 0))
    fresh = temp_root / f"{TEMP_PREFIX}fresh"
    fresh.mkdir()
    other = temp_root / "someone-else"
    other.mkdir()
    os.utime(other, (0, 0))
    assert remove_stale_print_files(temp_root) == 1
    assert sorted(p.name for p in temp_root.iterdir()) == [f"{TEMP_PREFIX}fresh", "someone-else"]
