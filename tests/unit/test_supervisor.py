"""The kiosk supervisor swaps session processes on reset and ends the kiosk on staff exit.

Sessions here are fake: tiny processes that speak the supervisor's words, so these tests
need no display. The real sessions are tested in tests/gui/test_kiosk_memory.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

FAKE_SESSION = r"""
import os, sys
receive, send = (int(fd) for fd in sys.argv[sys.argv.index("--control") + 1].split(","))
folder, mode = os.environ["FAKE_DIR"], os.environ["FAKE_MODE"]
def note(word):
    with open(os.path.join(folder, f"{os.getpid()}-{word}"), "w"):
        pass
if mode == "die":
    sys.exit(3)
os.write(send, b"ready\n")
note("ready")
buffer = b""
while True:
    data = os.read(receive, 64)
    if not data:
        note("eof")
        sys.exit(0)
    buffer += data
    *lines, buffer = buffer.split(b"\n")
    for line in lines:
        note(line.decode())
        if line == b"quit":
            sys.exit(0)
        if line == b"go":
            os.write(send, b"shown\n")
            try:  # the first person resets; the second leaves through the staff exit
                os.close(os.open(os.path.join(folder, "claimed"), os.O_CREAT | os.O_EXCL))
                os.write(send, b"not a word\nreset\n")
            except FileExistsError:
                os.write(send, b"exit\n")
"""

SUPERVISE = (
    "import sys; from decisionaid.system.supervisor import Supervisor; "
    "sys.exit(Supervisor([sys.executable, sys.argv[1]]).run())"
)


def _supervise(tmp_path: Path, mode: str) -> int:
    fake = tmp_path / "fake_session.py"
    fake.write_text(FAKE_SESSION)
    result = subprocess.run(
        [sys.executable, "-c", SUPERVISE, str(fake)],
        env={**os.environ, "FAKE_DIR": str(tmp_path), "FAKE_MODE": mode},
        capture_output=True,
        timeout=120,
        check=False,
    )
    return result.returncode


def _pids_that(tmp_path: Path, word: str) -> set[int]:
    return {int(p.name.split("-")[0]) for p in tmp_path.glob(f"*-{word}")}


def test_a_reset_shows_the_waiting_session_and_ends_the_old_one(tmp_path: Path) -> None:
    assert _supervise(tmp_path, "ok") == 0
    shown = _pids_that(tmp_path, "go")
    assert len(shown) == 2  # the first person's process, then the spare that replaced it
    ended = _pids_that(tmp_path, "quit")
    assert len(ended & shown) >= 1  # the first one was told to quit after the swap
    assert _pids_that(tmp_path, "ready") >= shown  # each was started and waiting first
    for pid in _pids_that(tmp_path, "ready"):
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text()


def test_sessions_that_cannot_start_end_the_supervisor_instead_of_looping(
    tmp_path: Path,
) -> None:
    assert _supervise(tmp_path, "die") == 1
