# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Reading and writing files a stranger may have made, within fixed bounds.

Everything here fails with InputError (from `decisionaid.untrusted`, which parses what is
read): one plain line that never repeats what the file says.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Final

from decisionaid.untrusted import InputError

MAX_BYTES: Final = 1024 * 1024  # an answers file with every field filled is about 20 KB
# Never wait for a writer or become a terminal's reader; flags missing on Windows count as 0.
_OPEN_FLAGS: Final = sum(
    getattr(os, name, 0) for name in ("O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC", "O_BINARY")
)

__all__ = ["MAX_BYTES", "InputError", "check_output_path", "read_regular_file", "strict_modes"]


def read_regular_file(
    path: Path, limit: int = MAX_BYTES, check: Callable[[os.stat_result], None] | None = None
) -> bytes:
    """The bytes of `path` if it is a regular file of at most `limit` bytes.

    Special files (devices, FIFOs, sockets, folders) are refused before any read, and the
    open never blocks, so `/dev/zero` or a FIFO without a writer cannot exhaust or hang us.
    `check` may refuse the file from its status (see `strict_modes`) before it is opened.
    """
    try:
        before = os.stat(path)
        if not stat.S_ISREG(before.st_mode):
            raise InputError("not a regular file")
        if check is not None:
            check(before)
        if before.st_size > limit:
            raise InputError(f"larger than {limit} bytes")
        fd = os.open(path, os.O_RDONLY | _OPEN_FLAGS)
    except OSError as exc:
        raise InputError(str(exc.strerror or exc)) from None
    try:
        info = os.fstat(fd)
        if check is not None:
            check(info)
        if not stat.S_ISREG(info.st_mode) or (info.st_dev, info.st_ino) != (
            before.st_dev,
            before.st_ino,
        ):
            raise InputError("changed while it was being opened")
        data = _read_at_most(fd, limit + 1)
    except OSError as exc:
        raise InputError(str(exc.strerror or exc)) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise InputError(f"larger than {limit} bytes")
    return data


def strict_modes(path: Path) -> Callable[[os.stat_result], None]:
    """A `check` that refuses a settings file others could change, as sshd's StrictModes does.

    The file must belong to root or to the user running us, and be writable by no one else:
    not by everyone, and not by its group unless that group is root's.
    """

    def check(info: os.stat_result) -> None:
        if not hasattr(os, "geteuid"):
            return  # Windows: no owners or mode bits to go by
        me = os.geteuid()
        if info.st_uid not in (0, me):
            raise InputError(
                f"belongs to user id {info.st_uid}, not to root or to the user running the "
                f"kiosk (id {me}), so it is not trusted; fix with: sudo chown root: {path}"
            )
        if info.st_mode & stat.S_IWOTH:
            raise InputError(
                f"anyone can change it, so it is not trusted; fix with: chmod o-w {path}"
            )
        if info.st_mode & stat.S_IWGRP and info.st_gid != 0:
            raise InputError(
                f"group id {info.st_gid} can change it, so it is not trusted; "
                f"fix with: chmod g-w {path}"
            )

    return check


def _read_at_most(fd: int, size: int) -> bytes:
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = os.read(fd, min(remaining, 65536))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def check_output_path(target: Path, *, not_same_as: Path | None = None) -> None:
    """Refuse to write where a stranger's path could surprise us.

    Only a regular file (new or existing) may be replaced: never a device, FIFO, socket or
    folder, and never the file named by `not_same_as` (the input), even under another name.
    A symbolic link itself is replaced, never what it points to.
    """
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InputError(str(exc.strerror or exc)) from None
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode)):
        raise InputError("not a regular file; choose a file name")
    if not_same_as is not None:
        try:
            same = os.path.samefile(target, not_same_as)
        except OSError:
            same = False
        if same:
            raise InputError("the same file as the answers file; choose another file name")
