# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Code Python compiles from text at every start, compiled once and kept, as it keeps `.pyc` files.

PySide6 carries its signature and enum support (`shibokensupport`) as source inside its
library and hands it to `compile()` on every import: 14 modules, about 18 ms of every start,
the bare wizard's as much as ours. Once `install()` has run (the command line calls it before
it imports anything else), `builtins.compile` is `_compile`, which returns the code kept in
the user's cache folder (`cachefolder`, under the content cache's rules) for exactly that
source and those flags, and otherwise compiles it and keeps it to write at exit. Only PySide6's embedded files are kept
(by their file names, `_EMBEDDED`); every other call is compiled as `compile()` would,
with the future flags of the code that called it (CPython's rule for `dont_inherit=False`),
so a wrapper in between changes nothing.

The `dataclasses` module, likewise, writes each method of a data class (`__init__`,
`__eq__`, `__hash__`…) as text and hands it to `exec()`: 49 classes make about 290 methods in
a render, about 20 ms of compiling (CPython 3.11 and 3.12; 3.13 compiles a class's methods
at once). From `install()` on, the `exec` that module calls is `_exec` (set in its
namespace when it is imported, so the start, which imports no data class, does not import
it), which runs the code kept for exactly that text and those flags. Nothing else calls it.

The kept code is what `marshal` gives back, as for `.pyc` files, under a key of the Python
version and its bytecode magic number. DECISIONAID_CONTENT_CACHE=0 turns it off.
"""

import __future__

import atexit
import builtins
import contextlib
import importlib.util
import marshal
import sys
from pathlib import Path
from types import CodeType, ModuleType
from typing import TYPE_CHECKING, Any, Final, cast

from decisionaid import cachefolder

if TYPE_CHECKING:  # the start imports no more than it needs
    from importlib.machinery import ModuleSpec

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
_GENERATED: Final = "<string>"  # the file name exec() gives the code it compiles from text
# Past this many entries a file keeps only what the process writing it used: a data class
# changed by an upgrade leaves its old methods' texts behind, under the same key.
_AT_MOST: Final = 2000


class _State:
    """Kept code by name (a file name, or the text itself): its source, flags and marshalled code.

    Read at the first code looked up, not at `install()`: a render or `check`, which never
    imports PySide6, does not read the 300 kB file of its embedded modules.
    """

    def __init__(self, folder: Path, name: str) -> None:
        self.folder = folder
        self.name = name
        self._kept: dict[str, tuple[bytes, int, bytes]] | None = None
        self.used: set[str] = set()
        self.changed = False

    @property
    def kept(self) -> dict[str, tuple[bytes, int, bytes]]:
        if self._kept is None:
            self._kept = _read(self.folder, self.name)
        return self._kept

    def code(self, name: str, source: bytes | str, flags: int, filename: str) -> CodeType:
        """The kept code of `source`, else compiled now (and written at exit).

        A text (`str`) is its own name, so it is kept once, as the name.
        """
        kept_source = source if isinstance(source, bytes) else b""
        self.used.add(name)
        entry = self.kept.get(name)
        if entry is not None and entry[0] == kept_source and entry[1] == flags:
            with contextlib.suppress(Exception):  # unreadable: compiled again below
                kept = marshal.loads(entry[2])
                if isinstance(kept, CodeType):
                    return kept
        code = cast(CodeType, _original(source, filename, "exec", flags, True))
        self.kept[name] = (kept_source, flags, marshal.dumps(code))
        self.changed = True
        return code

    def save(self) -> None:
        """Write the kept code if this process compiled any."""
        if self.changed:
            self.changed = False
            kept = self.kept
            if len(kept) > _AT_MOST:
                kept = {name: kept[name] for name in self.used}
            payload = marshal.dumps(kept)
            cachefolder.write_blob(self.folder, self.name, _MAGIC, _key(), payload)


_state: _State | None = None  # PySide6's embedded modules
_generated: _State | None = None  # the methods `dataclasses` writes


def _key() -> str:
    return f"{sys.version}|{importlib.util.MAGIC_NUMBER.hex()}".replace("\n", " ")


def _name() -> str:
    return f"code-{sys.implementation.cache_tag}.marshal"


def _generated_name() -> str:
    return f"dataclass-code-{sys.implementation.cache_tag}.marshal"


def install(folder: Path | None = None) -> bool:
    """From now on PySide6's embedded modules and data classes' methods come from kept code.

    False if it is off, or if another wrapper of `compile()` is in place.
    """
    global _state, _generated
    found = cachefolder.folder(folder)
    if found is None or sys.implementation.name != "cpython" or _state is not None:
        return False
    if builtins.compile is not _original:  # someone else's wrapper: leave it be
        return False
    _state = _State(found, _name())
    _generated = _State(found, _generated_name())
    atexit.register(save)
    builtins.compile = _compile
    module = sys.modules.get("dataclasses")
    if module is not None:
        _keep_methods(module)
    else:
        sys.meta_path.insert(0, _WATCH)
    return True


def uninstall() -> None:
    """`compile()` and `dataclasses` as they were, without writing (for tests)."""
    global _state, _generated
    if _state is not None:
        builtins.compile = _original
        atexit.unregister(save)
        _state = _generated = None
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(_WATCH)
        module = sys.modules.get("dataclasses")
        if module is not None and module.__dict__.get("exec") is _exec:
            del module.__dict__["exec"]


def _read(folder: Path, name: str) -> dict[str, tuple[bytes, int, bytes]]:
    """The kept code by name; empty if there is none or it is broken (written again)."""
    stored = cachefolder.read_plain(folder, name, _MAGIC, _key())
    return stored if isinstance(stored, dict) else {}


def _keep_methods(module: ModuleType) -> None:
    """Have `dataclasses` run kept code for the methods it writes (`_exec`)."""
    module.__dict__["exec"] = _exec  # found before the builtin, by that module's code alone


class _Watch:
    """First in `sys.meta_path` until `dataclasses` is imported: then sets `_exec` in it.

    It finds nothing itself: it asks the other finders for the module's spec and has its
    loader call `_keep_methods` once the module has run.
    """

    def find_spec(
        self, name: str, path: object = None, target: object = None
    ) -> "ModuleSpec | None":
        if name != "dataclasses":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        loader = spec.loader if spec is not None else None
        if loader is not None and hasattr(loader, "exec_module"):
            run = loader.exec_module

            def exec_module(module: ModuleType) -> None:
                run(module)
                if _generated is not None:
                    _keep_methods(module)

            loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


_WATCH: Final = _Watch()


def _exec(source: Any, globals: Any = None, locals: Any = None, /, **more: Any) -> None:
    """`exec()` for `dataclasses`: the code of a text comes from kept code, as it would compile.

    Like the builtin, a text is compiled with the calling code's future flags as
    `<string>`, and run in the caller's namespaces when none are given.
    """
    caller = sys._getframe(1)
    if globals is None:
        globals = caller.f_globals
        if locals is None:
            locals = caller.f_locals
    state = _generated
    if state is not None and type(source) is str and not more:
        flags = caller.f_code.co_flags & _FUTURE
        source = state.code(source, source, flags, _GENERATED)
    builtins.exec(source, globals, locals, **more)


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
    return state.code(filename, source, flags, filename)


def save() -> None:
    """Write the kept code if this process compiled any (at exit)."""
    for state in (_state, _generated):
        if state is not None:
            state.save()
