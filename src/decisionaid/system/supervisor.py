# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The kiosk supervisor: each person's session runs in its own process, ended on reset.

Clearing Qt's and Python's buffers by hand cannot promise that nothing a person typed stays
in freed memory; ending the process can (the kernel hands no page to another process
unzeroed). This small process never sees an answer: it starts session processes, keeps the
next one started and waiting so a reset feels instant, and on reset shows the waiting one
and ends the old one. It talks to them over a pipe in fixed words only:

    session -> supervisor: ready (started, waiting)  shown (on screen)
                           reset (its person is done: replace it)  exit (staff left the kiosk)
    supervisor -> session: go (show the first page)  quit (end now)

The session process (`decisionaid.gui.kiosk_child`) resets its own screen at once, so
nothing of the last person is on view while the next process comes up.
"""

from __future__ import annotations

import contextlib
import logging
import os
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from types import FrameType
from typing import Final

log = logging.getLogger(__name__)

CHILD_MODULE: Final = "decisionaid.gui.kiosk_child"
WORDS: Final = frozenset({"ready", "shown", "reset", "exit"})
QUIT_GRACE: Final = 3.0  # seconds a session gets to end by itself before it is killed
POLL: Final = 0.2
MAX_EARLY_DEATHS: Final = 3  # sessions that die before they are ready, in a row: give up
MAX_LINE: Final = 64


def child_command(language: str) -> list[str]:
    """The session process for `language` (the supervisor adds --control)."""
    return [sys.executable, "-m", CHILD_MODULE, "--lang", language]


class Session:
    """One session process and its two pipe ends; `state` is starting, ready, going or shown."""

    def __init__(self, command: Sequence[str]) -> None:
        to_child, self._send = os.pipe()
        self._receive, from_child = os.pipe()
        try:
            self.process = subprocess.Popen(
                [*command, "--control", f"{to_child},{from_child}"],
                pass_fds=(to_child, from_child),
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # its own process group: ended whole
            )
        finally:
            os.close(to_child)
            os.close(from_child)
        os.set_blocking(self._receive, False)
        self.state = "starting"
        self._buffer = b""

    @property
    def fd(self) -> int:
        """The pipe end to wait on for its messages."""
        return self._receive

    def send(self, word: str) -> None:
        """Send one control word; a session that has gone away is ignored."""
        with contextlib.suppress(OSError):
            os.write(self._send, f"{word}\n".encode())

    def messages(self) -> list[str]:
        """The known words it has sent since last asked; anything else is dropped."""
        try:
            data = os.read(self._receive, 4096)
        except BlockingIOError:
            return []
        except OSError:
            data = b""
        self._buffer = (self._buffer + data)[-4 * MAX_LINE :]
        *lines, self._buffer = self._buffer.split(b"\n")
        words = [line.decode("ascii", "replace").strip() for line in lines]
        return [word for word in words if word in WORDS]

    def alive(self) -> bool:
        """Whether the process still runs."""
        return self.process.poll() is None

    def end(self, grace: float = QUIT_GRACE) -> None:
        """Ask it to quit; kill its whole process group if it has not ended within `grace`."""
        self.send("quit")
        try:
            self.process.wait(grace)
        except subprocess.TimeoutExpired:
            log.warning("kiosk supervisor: session %s did not quit; killing it", self.process.pid)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        for fd in (self._send, self._receive):
            with contextlib.suppress(OSError):
                os.close(fd)


class Supervisor:
    """Runs the kiosk as a series of session processes, one per person.

    Attributes:
        active: the session on screen (or coming up).
        spare: the next one, started and waiting.
    """

    def __init__(self, command: Sequence[str]) -> None:
        self.command = list(command)
        self.active: Session | None = None
        self.spare: Session | None = None
        self._swap = False
        self._stop = False
        self._early_deaths = 0

    def run(self) -> int:
        """Supervise until staff leave (0) or a signal stops us (0); 1 if sessions cannot start."""
        for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(number, self._on_signal)
        self.active = self._start()
        try:
            return self._loop()
        finally:
            for session in (self.spare, self.active):
                if session is not None:
                    session.end()

    def _on_signal(self, _number: int, _frame: FrameType | None) -> None:
        self._stop = True

    def _start(self) -> Session:
        session = Session(self.command)
        log.info("kiosk supervisor: session process %s started", session.process.pid)
        return session

    def _loop(self) -> int:
        with selectors.DefaultSelector() as selector:
            while not self._stop:
                sessions = [s for s in (self.active, self.spare) if s is not None]
                for session in sessions:
                    selector.register(session.fd, selectors.EVENT_READ, session)
                ready = selector.select(POLL)
                for session in sessions:
                    selector.unregister(session.fd)
                for key, _events in ready:
                    session = key.data
                    for word in session.messages():
                        if self._handle(session, word):
                            return 0
                code = self._tend()
                if code is not None:
                    return code
        return 0

    def _handle(self, session: Session, word: str) -> bool:
        """Act on one word; True when the kiosk must end (staff exit)."""
        if word == "exit" and session is self.active:
            log.info("kiosk supervisor: staff left the kiosk")
            return True
        if word == "ready":
            self._early_deaths = 0
            session.state = "ready"
            if session is self.active:
                session.send("go")
                session.state = "going"
        elif word == "shown":
            session.state = "shown"
            if session is self.spare:
                self._promote()
        elif word == "reset" and session is self.active:
            self._swap = True
        return False

    def _promote(self) -> None:
        """The spare is on screen: it becomes the active session and the old one ends."""
        old, self.active, self.spare = self.active, self.spare, None
        self._swap = False
        if old is not None:
            old.end()
            log.info("kiosk supervisor: session process %s ended", old.process.pid)

    def _tend(self) -> int | None:
        """Replace dead sessions, start the spare, and hand over when a swap is due."""
        for name in ("active", "spare"):
            session: Session | None = getattr(self, name)
            if session is not None and not session.alive():
                early = session.state == "starting"
                log.warning(
                    "kiosk supervisor: session process %s ended (exit %s)",
                    session.process.pid,
                    session.process.returncode,
                )
                session.end(0)
                setattr(self, name, None)
                if early:
                    self._early_deaths += 1
                    if self._early_deaths >= MAX_EARLY_DEATHS:
                        log.error("kiosk supervisor: sessions keep failing to start; giving up")
                        return 1
                    time.sleep(1.0)
        if self.active is None:
            self._swap = True  # the next person gets the spare, or a new session
            if self.spare is None:
                self.active = self._start()
                self._swap = False
        if self._swap and self.spare is not None and self.spare.state == "ready":
            self.spare.send("go")
            self.spare.state = "going"
        if self.spare is None and self.active is not None and self.active.state == "shown":
            self.spare = self._start()
        return None


def run_supervisor(language: str) -> int:
    """Run the kiosk with one process per person (see the module docstring)."""
    return Supervisor(child_command(language)).run()
