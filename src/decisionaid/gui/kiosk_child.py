# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""One person's kiosk session in its own process, run by `decisionaid.system.supervisor`.

It starts, says "ready" and waits; on "go" it shows the first page and says "shown". When its
person is done it shows a fresh first page at once and says "reset"; the supervisor then
shows the next process and tells this one to "quit", or kills it. It never says more than
those words, so the supervisor never sees an answer.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QSocketNotifier, Signal

from decisionaid.gui.app import create_application, make_kiosk
from decisionaid.gui.kiosk import KioskController

log = logging.getLogger(__name__)

Hook = Callable[[KioskController], None]


class SupervisorLink(QObject):
    """The control pipe to the supervisor, read from the event loop without blocking.

    Signals:
        go(): show the first page.
        quit(): end now (also sent when the supervisor has gone away).
    """

    go = Signal()
    quit = Signal()

    def __init__(self, receive: int, send: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._receive = receive
        self._send = send
        self._buffer = b""
        os.set_blocking(receive, False)
        self.notifier = QSocketNotifier(receive, QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._on_notifier_activated)

    def send(self, word: str) -> None:
        """Tell the supervisor one control word; a supervisor that has gone is ignored."""
        with contextlib.suppress(OSError):
            os.write(self._send, f"{word}\n".encode())

    def _on_notifier_activated(self) -> None:
        try:
            data = os.read(self._receive, 256)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:  # the supervisor is gone: never leave a kiosk nobody supervises
            self.notifier.setEnabled(False)
            self.quit.emit()
            return
        self._buffer = (self._buffer + data)[-256:]
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            if line == b"go":
                self.go.emit()
            elif line == b"quit":
                self.quit.emit()


def main(argv: Sequence[str] | None = None, on_shown: Hook | None = None) -> int:
    """Run one session process; `on_shown` is called once its first page is on screen."""
    parser = argparse.ArgumentParser(prog="python -m decisionaid.gui.kiosk_child")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--control", required=True, help="RECEIVE_FD,SEND_FD")
    args = parser.parse_args(argv)
    receive, send = (int(fd) for fd in args.control.split(","))
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    app = create_application(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # a spare has no window until it is told to go
    link = SupervisorLink(receive, send, app)
    controller = make_kiosk(app, args.lang, None)

    def on_go() -> None:
        controller.start()
        link.send("shown")
        if on_shown is not None:
            on_shown(controller)

    def on_quit() -> None:
        controller.stop()
        app.exit(0)

    link.go.connect(on_go)
    link.quit.connect(on_quit)
    controller.session_ended.connect(lambda: link.send("reset"))
    controller.exit_requested.connect(lambda: link.send("exit"))
    prepare_ahead()
    link.send("ready")
    return app.exec()


def prepare_ahead() -> None:
    """Import what a session needs after its first page, while no one waits for this spare.

    The later pages, the content model (the cached pack is unpickled into it) and the PDF
    stack with its Latin fonts: the first Next and the first Print of the person who gets
    this process no longer wait for them (0.12 s of CPU in all on the project's VM, most of
    it ReportLab and pikepdf, which the PDF has since stopped importing). None of it depends
    on a person.
    """
    import decisionaid.content.model  # noqa: F401  (imported for its classes)
    from decisionaid.gui.wizard import later_page_classes
    from decisionaid.pdf.fonts import register_fonts

    later_page_classes()
    register_fonts()


if __name__ == "__main__":
    sys.exit(main())
