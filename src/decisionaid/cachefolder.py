# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The user's cache folder and its rules: owner-only, written atomically, never trusted when not ours.

Shared by the content cache (`content.cache`: the pack, catalogs, fonts, tables) and the kept
code of regular expressions and of PySide6's embedded modules (`regexcache`, `codecache`),
which read it before the command line imports anything else. So this module imports only
`marshal`, `os`, `stat` and `pathlib`, which the command line needs anyway, and `logging`
and `tempfile` only when it writes.
"""

from __future__ import annotations

import marshal
import os
import stat
from pathlib import Path
from typing import Final

ENV: Final = "DECISIONAID_CONTENT_CACHE"


def enabled() -> bool:
    """Whether the cache is in use (DECISIONAID_CONTENT_CACHE=0 turns it off)."""
    return os.environ.get(ENV, "1") != "0"


def cache_dir() -> Path:
    """`$XDG_CACHE_HOME/decisionaid`, else `~/.cache/decisionaid` (XDG base directories)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "decisionaid"


def folder(chosen: Path | None = None) -> Path | None:
    """Where to cache: `chosen`, else the user's cache folder; None when caching is off or homeless."""
    if not enabled():
        return None
    try:
        return chosen or cache_dir()
    except (RuntimeError, KeyError):  # no home folder to find (Path.home())
        return None


def private_folder(path: Path) -> bool:
    """A folder of ours that no one else can write to (else we neither read nor write)."""
    try:
        info = path.stat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_blob(path: Path, name: str, magic: bytes, digest: str) -> bytes | None:
    """The payload stored under `name` for `digest`, or None if absent, stale or not ours."""
    if not private_folder(path):
        return None
    try:
        with (path / name).open("rb") as handle:
            info = os.fstat(handle.fileno())
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                return None
            data = handle.read()
    except OSError:
        return None
    header = magic + digest.encode() + b"\n"
    return data[len(header) :] if data.startswith(header) else None


def read_plain(path: Path, name: str, magic: bytes, digest: str) -> object:
    """The plain data (`marshal`'s format) stored under `name` for `digest`, else None.

    None too when the file cannot be unmarshalled: a broken cache entry is made again.
    """
    data = read_blob(path, name, magic, digest)
    if data is None:
        return None
    try:
        return marshal.loads(data)
    except Exception:
        return None


def write_blob(path: Path, name: str, magic: bytes, digest: str, payload: bytes) -> bool:
    """Store `payload` atomically and owner-only; False (logged at debug level) if we could not."""
    import logging
    import tempfile

    log = logging.getLogger("decisionaid.cache")
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not private_folder(path):
            log.debug("not caching in %s: not a private folder", path)
            return False
        handle, temp = tempfile.mkstemp(prefix=".cache-", suffix=".tmp", dir=path)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(magic + digest.encode() + b"\n" + payload)
            os.replace(temp, path / name)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except Exception as exc:  # a cache we cannot write only costs time
        log.debug("could not cache %s: %s", name, exc)
        return False
    return True


def prune(path: Path, prefix: str, suffix: str, keep: str) -> None:
    """Remove the files of `prefix`…`suffix` under older keys: they can never be read again."""
    for old in path.glob(f"{prefix}*{suffix}"):
        if old.name != keep:
            old.unlink(missing_ok=True)
