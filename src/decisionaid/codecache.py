# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""PySide6's embedded support modules, compiled once and kept, as Python keeps `.pyc` files.

PySide6 carries its signature and enum support (`shibokensupport`) as source inside its
library and hands it to `compile()` on every import: 14 modules, about 18 ms of every start,
the bare wizard's as much as ours. Once `install()` has run (the command line calls it before
it imports anything else), `builtins.compile` is `_compile`, which returns the code kept in
the user's cache folder (`cachefolder`, under the content cache's rules) for exactly that
source and those flags, and otherwise compiles it and keeps it to write at exit. Only PySide6's embedded files are kept
(by their file names, `_EMBEDDED`); every other call is compiled as `compile()` would,
with the future flags of the code that called it (CPython's rule for `dont_inherit=False`),
so a wrapper in between changes nothing. The kept code is what `marshal` gives back, as for
`.pyc` files, under a key of the Python version and its bytecode magic number.
DECISIONAID_CONTENT_CACHE=0 turns it off.
"""

import __future__

import atexit
import builtins
import contextlib
import importlib.util
import marshal
import sys
from pathlib import Path
from types import CodeType
from typing import Any, Final

from decisionaid import cachefolder

# This module has no `from __future__` import: `compile()` called from here inherits nothing,
# and `_compile` hands on the caller's flags itself.
_EMBEDDED: Final = ("signature_bootstrap.py", "shibokensupport/")
_MAGIC: Final = b"decisionaid-code-cache-1\n"
# The flags compile() takes from the calling code (CPython's PyCF_MASK): every future feature's
# but nested_scopes', whose flag is CO_NESTED, a mark of any nested function's code.
_FUTURE: Final = sum(
    getattr(__future__, name).compiler_flag
    for name in __future__.all_feature_names
    if name != "nested_scopes"
)
_original: Final = builtins.compile


class _State:
    """The kept code by file name: its source, the flags and the marshalled code.

    Read at the first embedded file compiled, not at `install()`: a render or `check`, which
    never imports PySide6, does not read the 300 kB file.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._kept: dict[str, tuple[bytes, int, bytes]] | None = None
        self.changed = False

    @property
    def kept(self) -> dict[str, tuple[bytes, int, bytes]]:
        if self._kept is None:
            self._kept = _read(self.folder)
        return self._kept


_state: _State | None = None


def _key() -> str:
    return f"{sys.version}|{importlib.util.MAGIC_NUMBER.hex()}".replace("\n", " ")


def _name() -> str:
    return f"code-{sys.implementation.cache_tag}.marshal"


def install(folder: Path | None = None) -> bool:
    """From now on PySide6's embedded modules compile from kept code; False if it is off."""
    global _state
    found = cachefolder.folder(folder)
    if found is None or sys.implementation.name != "cpython" or _state is not None:
        return False
    if builtins.compile is not _original:  # someone else's wrapper: leave it be
        return False
    _state = _State(found)
    atexit.register(save)
    builtins.compile = _compile
    return True


def uninstall() -> None:
    """`compile()` as it was, without writing (for tests)."""
    global _state
    if _state is not None:
        builtins.compile = _original
        atexit.unregister(save)
        _state = None


def _read(folder: Path) -> dict[str, tuple[bytes, int, bytes]]:
    """The kept code by file name; empty if there is none or it is broken (written again)."""
    stored = cachefolder.read_plain(folder, _name(), _MAGIC, _key())
    return stored if isinstance(stored, dict) else {}


def _compile(
    source: Any,
    filename: Any,
    mode: str,
    flags: int = 0,
    dont_inherit: bool = False,
    optimize: int = -1,
    **more: Any,
) -> Any:
    """`compile()`, from kept code for PySide6's embedded modules."""
    if not dont_inherit:  # as compile() does: the calling code's future statements
        flags |= sys._getframe(1).f_code.co_flags & _FUTURE
    state = _state
    if (
        state is None
        or optimize != -1
        or more
        or mode != "exec"
        or type(source) is not bytes
        or type(filename) is not str
        or not filename.startswith(_EMBEDDED)
    ):
        return _original(source, filename, mode, flags, True, optimize, **more)
    entry = state.kept.get(filename)
    if entry is not None and entry[0] == source and entry[1] == flags:
        with contextlib.suppress(Exception):  # unreadable: compiled again below
            code = marshal.loads(entry[2])
            if isinstance(code, CodeType):
                return code
    code = _original(source, filename, mode, flags, True)
    state.kept[filename] = (source, flags, marshal.dumps(code))
    state.changed = True
    return code


def save() -> None:
    """Write the kept code if this process compiled any (at exit)."""
    state = _state
    if state is None or not state.changed:
        return
    state.changed = False
    payload = marshal.dumps(state.kept)
    cachefolder.write_blob(state.folder, _name(), _MAGIC, _key(), payload)
