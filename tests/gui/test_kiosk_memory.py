"""After a kiosk reset, no process of the kiosk holds anything the person typed (issue 19).

The real supervisor runs real session processes (offscreen); the first one has five strings
typed into it through Qt key events: a worry and a question that were added, a draft that
never was, a note, and text that was typed and then undone. The test reads every mapped,
writable region of every kiosk process (/proc/PID/maps and /proc/PID/mem) and looks for each
string in UTF-8 and in UTF-16LE (Qt's strings), before the reset and after it.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

DRIVER = Path(__file__).with_name("kiosk_session_driver.py")
LABELS = ("worry", "question", "draft", "note", "undone")
SUPERVISE = (
    "import logging, sys; from decisionaid.system.supervisor import Supervisor; "
    "logging.basicConfig(level=logging.INFO); "
    f"sys.exit(Supervisor([sys.executable, {str(DRIVER)!r}, '--lang', 'en']).run())"
)

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/mem").exists(), reason="needs Linux /proc to read process memory"
)


def _wait(condition: Callable[[], bool], what: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout  # generous: only stops a hung test
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid and stat[0] not in ("Z", "X"):
                found.append(int(entry.name))
    return found


def kiosk_processes(root: int) -> list[int]:
    """The supervisor and every process below it."""
    result, queue = [], [root]
    while queue:
        pid = queue.pop()
        result.append(pid)
        queue.extend(_children(pid))
    return result


def _regions(pid: int) -> Iterator[tuple[int, int]]:
    """Readable, writable or anonymous mappings: where heaps and freed buffers live."""
    for line in Path(f"/proc/{pid}/maps").read_text().splitlines():
        fields = line.split(maxsplit=5)
        span, perms = fields[0], fields[1]
        name = fields[5] if len(fields) > 5 else ""
        if "r" not in perms or name in ("[vvar]", "[vsyscall]", "[vvar_vclock]"):
            continue
        if "w" in perms or not name or name.startswith("["):
            start, end = (int(x, 16) for x in span.split("-"))
            yield start, end


def found_in(pid: int, needles: dict[str, bytes]) -> set[str]:
    """Which needles occur anywhere in the process's memory."""
    hits: set[str] = set()
    try:
        fd = os.open(f"/proc/{pid}/mem", os.O_RDONLY)
    except OSError:
        return hits  # it ended meanwhile: nothing left to find
    try:
        for start, end in _regions(pid):
            try:
                data = os.pread(fd, end - start, start)
            except OSError:
                continue
            hits.update(name for name, needle in needles.items() if needle in data)
    except FileNotFoundError:
        pass
    finally:
        os.close(fd)
    return hits


def scan(root: int, sentinels: dict[str, str]) -> dict[int, set[str]]:
    """pid -> which sentinels (label/encoding) are in its memory, for every kiosk process."""
    needles = {}
    for label, text in sentinels.items():
        needles[f"{label}/utf-8"] = text.encode("utf-8")
        needles[f"{label}/utf-16le"] = text.encode("utf-16-le")
    return {pid: found_in(pid, needles) for pid in kiosk_processes(root)}


def _report(title: str, result: dict[int, set[str]]) -> str:
    lines = [title]
    for pid, hits in result.items():
        lines.append(f"  pid {pid}: {', '.join(sorted(hits)) if hits else 'none'}")
    return "\n".join(lines)


def test_after_a_reset_no_kiosk_process_holds_anything_the_person_typed(tmp_path: Path) -> None:
    sentinels = {label: f"Zq{label.title()}{secrets.token_hex(6)}" for label in LABELS}
    (tmp_path / "sentinels.txt").write_text(" ".join(sentinels.values()))
    config = tmp_path / "kiosk.toml"
    config.write_text("idle_timeout_seconds = 3600\n")
    config.chmod(0o600)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "DECISIONAID_CONFIG": str(config),
        "KIOSK_TEST_DIR": str(tmp_path),
    }
    log = (tmp_path / "supervisor.log").open("wb")
    supervisor = subprocess.Popen(
        [sys.executable, "-c", SUPERVISE],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        typed = tmp_path / "typed"
        _wait(lambda: typed.exists() and typed.read_text().endswith("\n"), "the typing")
        pid_text, *state = typed.read_text().split()
        assert state == ["True"] * 5, "typing did not reach the widgets as intended"
        first = int(pid_text)
        _wait(lambda: len(kiosk_processes(supervisor.pid)) >= 3, "the spare session")

        before = scan(supervisor.pid, sentinels)
        print(_report("before the reset:", before))
        assert set(before[first]) >= {f"{label}/utf-16le" for label in LABELS}
        assert all(not hits for pid, hits in before.items() if pid != first)

        (tmp_path / "reset").touch()
        _wait(lambda: first not in kiosk_processes(supervisor.pid), "the old session to end")
        after = scan(supervisor.pid, sentinels)
        print(_report("after the reset:", after))
        assert len(after) >= 2, "the kiosk must still be running: supervisor and a session"
        assert all(not hits for hits in after.values())
        assert supervisor.poll() is None
    finally:
        os.killpg(supervisor.pid, signal.SIGTERM)
        try:
            supervisor.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(supervisor.pid, signal.SIGKILL)
            supervisor.wait()
        log.close()
