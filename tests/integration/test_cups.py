"""A real summary goes through a private CUPS server to the cups-pdf printer and comes out whole."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from decisionaid.content import Content
from decisionaid.i18n import translator_for
from decisionaid.report import build_report
from decisionaid.system.printing import LpPrinter, list_printers
from factories import TODAY, complete_answers

pytestmark = pytest.mark.cups

QUEUE = "TestPDF"
PPD_CANDIDATES = (
    "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd",
    "/usr/share/cups/model/CUPS-PDF_opt.ppd",
)
CUPS_PDF_BACKEND = "/usr/lib/cups/backend/cups-pdf"
SBIN = os.pathsep.join(("/usr/sbin", "/sbin"))


def _missing() -> str | None:
    """Why the private CUPS server cannot run here, or None."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "needs root: cupsd runs its filters as user lp"
    search = f"{os.environ.get('PATH', '')}{os.pathsep}{SBIN}"
    for tool in ("cupsd", "lpadmin", "lp", "lpstat"):
        if shutil.which(tool, path=search) is None:
            return f"{tool} is not installed (apt-get install cups-daemon cups-client)"
    if not os.path.exists(CUPS_PDF_BACKEND) or _ppd() is None:
        return "the cups-pdf printer is not installed (apt-get install printer-driver-cups-pdf)"
    return None


def _ppd() -> str | None:
    return next((p for p in PPD_CANDIDATES if os.path.exists(p)), None)


def _wait(predicate: Callable[[], object], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise TimeoutError(f"timed out waiting for {what}")


def _lpstat(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["lpstat", *args], capture_output=True, text=True, timeout=5, check=False)


@pytest.fixture(scope="session")
def cups_queue() -> Iterator[str]:
    """A throw-away cupsd on a Unix socket with a cups-pdf queue; CUPS_SERVER points at it."""
    reason = _missing()
    if reason:
        pytest.skip(f"private CUPS server unavailable: {reason}")
    # Short path (Unix socket names are limited) that user lp can traverse (pitfall 1, §4.4).
    root = Path(tempfile.mkdtemp(prefix="dcups-"))
    root.chmod(0o755)
    for name in ("spool", "cache", "state", "log"):
        (root / name).mkdir()
    (root / "tmp").mkdir()
    (root / "tmp").chmod(0o1777)
    socket = root / "cups.sock"
    (root / "cupsd.conf").write_text(
        f"Listen {socket}\nLogLevel warn\nBrowsing No\nWebInterface No\nDefaultAuthType None\n"
        "PreserveJobFiles No\n<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
    )
    (root / "cups-files.conf").write_text(
        f"ServerRoot {root}\nRequestRoot {root}/spool\nTempDir {root}/tmp\n"
        f"CacheDir {root}/cache\nStateDir {root}/state\nErrorLog {root}/log/error_log\n"
        f"AccessLog {root}/log/access_log\nPageLog {root}/log/page_log\n"
    )
    cupsd = shutil.which("cupsd", path=f"{os.environ.get('PATH', '')}{os.pathsep}{SBIN}")
    lpadmin = shutil.which("lpadmin", path=f"{os.environ.get('PATH', '')}{os.pathsep}{SBIN}")
    assert cupsd
    assert lpadmin
    daemon = subprocess.Popen(
        [cupsd, "-f", "-c", str(root / "cupsd.conf"), "-s", str(root / "cups-files.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CUPS_SERVER", str(socket))  # lp, lpstat, lpadmin and libcups honour it
        try:
            # `lpstat -r` exits 0 even while the scheduler is still starting: read what it says.
            _wait(lambda: "is running" in _lpstat("-r").stdout, 10, "cupsd to start")
            subprocess.run(
                [lpadmin, "-p", QUEUE, "-E", "-v", "cups-pdf:/", "-P", str(_ppd())],
                capture_output=True,
                text=True,
                timeout=10,
                check=True,
            )
            yield QUEUE
        finally:
            daemon.terminate()
            try:
                daemon.wait(timeout=10)
            except subprocess.TimeoutExpired:
                daemon.kill()
                daemon.wait()
            if daemon.stderr:
                daemon.stderr.close()
            shutil.rmtree(root, ignore_errors=True)


def test_the_private_queue_is_listed(cups_queue: str) -> None:
    assert cups_queue in list_printers()


def test_a_summary_printed_through_lp_comes_out_of_cups_pdf_with_its_questions(
    cups_queue: str, content: Content, tmp_path: Path
) -> None:
    from decisionaid.pdf import render_pdf  # the Qt-free path: ReportLab straight to lp

    answers = complete_answers(content, own_questions=("Will I need a carer after CAR-T?",))
    report = build_report(content, answers, translator_for("en"), TODAY)
    title = f"decisionaid-cups-test-{os.getpid()}-{time.monotonic_ns()}"
    out_dir = Path.home() / "PDF"  # cups-pdf's compiled-in Out ${HOME}/PDF
    pattern = str(out_dir / f"{title}*.pdf")  # cups-pdf mangles the rest of the name
    temp_root = tmp_path / "print-tmp"
    temp_root.mkdir()

    LpPrinter(cups_queue, temp_root=temp_root).print_pdf(render_pdf(report), title)
    try:
        # The file shows up empty before the job ends (pitfall 2): wait for an empty queue.
        _wait(lambda: _lpstat("-o").stdout.strip() == "", 30, "the print job to finish")
        _wait(lambda: glob.glob(pattern), 10, f"cups-pdf output {pattern}")
        (printed,) = glob.glob(pattern)
        reader = PdfReader(printed)
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        assert len(reader.pages) >= 1
        assert "Will I need a carer after CAR-T?" in text
        first = content.question(answers.chosen_questions[0]).text
        assert " ".join(first.split()) in text
        assert list(temp_root.iterdir()) == []  # our private copy is gone
    finally:
        for path in glob.glob(pattern):
            os.unlink(path)
