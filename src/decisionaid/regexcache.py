# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Regular expressions compiled once and kept, as Python keeps compiled modules in `.pyc` files.

CPython compiles a pattern to a list of integer codes in Python code (`re._compiler`) in every
new process. Libraries compile theirs when they are imported: ReportLab's paragraph module
one URL pattern (about 25 ms of every PDF), PySide6's signature support three (about 11 ms
of every start), PyYAML, `logging`, `gettext` and others a few more. `install()` (called by
the command line before it imports anything else) replaces `re._compiler.compile` by
`_compile`, which builds a pattern from codes kept in the user's cache folder
(`cachefolder`, under the content cache's rules) when it has them, and otherwise compiles it
as CPython does and, if the pattern was compiled while a module was being imported, keeps its
codes to write at exit. Only patterns compiled by a module's import, or handed to `shipped()`
by code that builds them from shipped data (the fonts' characters), are kept: those come from
code and data, never from anything a person typed.

The codes depend only on the Python that made them: the file is keyed by `sys.version`,
`_sre.MAGIC` and `_sre.CODESIZE`, and `_sre.compile` validates every code list it is given
(a broken file raises, and the pattern is compiled again). `_compile` mirrors
`re._compiler.compile`, which is the same function in CPython 3.11, 3.12 and 3.13 (read in
each version's source); on any other Python nothing is replaced. A test compares every
kept pattern with CPython's own compile. DECISIONAID_CONTENT_CACHE=0 turns it off, as it
does the other caches (the test suite does).
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import atexit
import marshal
import os
import re
import sys
from array import array
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any, Final

from decisionaid import cachefolder

SUPPORTED: Final = ((3, 11), (3, 12), (3, 13))
_MAGIC: Final = b"decisionaid-regex-cache-1\n"
_MOST: Final = 2000  # entries kept at most; more are not recorded
_IMPORTING: Final = ("<frozen importlib._bootstrap>", "<frozen importlib._bootstrap_external>")

# The arguments of `_sre.compile` after the pattern: flags, codes, groups, their names.
Args = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
# As kept, per (pattern, flags): the codes as machine words (a quarter of a list's memory).
Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
Key = tuple[str | bytes, int]
# The array type whose items are `_sre`'s code words, if there is one.
_WORD: Final = next((t for t in "IL" if array(t).itemsize == _sre.CODESIZE), None)
_RE: Final = str(Path(_compiler.__file__).parent) + os.sep  # the `re` package


class _State:
    """What one process read from the cache and what it compiled that the cache lacked.

    Each entry remembers its site, the line that compiled it. A site that compiles a pattern
    other than the ones kept for it, before any of those, is unsteady: ReportLab's
    `rl_safe_eval` joins a set's names into its pattern, in an order that changes from
    process to process. An unsteady site is remembered and no longer kept, so the file neither
    grows nor is written again by every process. A site that compiles several patterns (one
    per font, say) finds one of its own first and may add another.
    """

    def __init__(
        self,
        folder: Path,
        kept: dict[Key, Entry],
        sites: dict[Key, str],
        unsteady: set[str],
    ) -> None:
        self.folder = folder
        self.kept = kept
        self.sites = sites
        self.known = set(sites.values())
        self.unsteady = unsteady
        self.new: dict[Key, Entry] = {}
        self.used: set[Key] = set()
        self.changed = False

    def note(self, key: Key, args: Args) -> None:
        """Keep what a module's import compiled, unless its site is unsteady."""
        site = _site()
        if site in self.unsteady:
            return
        if site in self.known and not any(
            self.sites.get(used) == site
            for used in tuple(self.used)  # a copy: other threads may add
        ):  # kept before with another pattern, and none of its own came first
            self.unsteady.add(site)
            self.changed = True
        elif len(self.kept) + len(self.new) < _MOST:
            self.new[key] = _entry(args)
            self.sites[key] = site
            self.changed = True


_state: _State | None = None
_original: Final = _compiler.compile


def _key() -> str:
    """What the codes depend on: the Python that makes them."""
    return f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}".replace("\n", " ")


def _name() -> str:
    return f"regex-{sys.implementation.cache_tag}.marshal"


def install(folder: Path | None = None) -> bool:
    """Compile through the kept codes from now on; False if caching is off or Python unsupported."""
    global _state
    found = cachefolder.folder(folder)
    if found is None or _state is not None:
        return False
    if sys.implementation.name != "cpython" or sys.version_info[:2] not in SUPPORTED:
        return False
    if _WORD is None:
        return False
    _state = _State(found, *_read(found))
    _compiler.compile = _compile
    atexit.register(save)
    return True


def uninstall() -> None:
    """Compile as CPython does again, without writing (for tests)."""
    global _state
    if _state is not None:
        _compiler.compile = _original
        atexit.unregister(save)
        _state = None


def _read(folder: Path) -> tuple[dict[Key, Entry], dict[Key, str], set[str]]:
    """The kept entries, their sites and the unsteady sites; all empty if there are none."""
    stored = cachefolder.read_plain(folder, _name(), _MAGIC, _key())
    if isinstance(stored, tuple) and len(stored) == 3:  # a broken file is written again
        kept, sites, unsteady = stored
        if isinstance(kept, dict) and isinstance(sites, dict) and isinstance(unsteady, set):
            return kept, sites, unsteady
    return {}, {}, set()


def _compile(p: Any, flags: int = 0) -> Any:
    """`re._compiler.compile`, from kept codes when there are some for this pattern."""
    state = _state
    if state is None or type(p) not in (str, bytes) or type(flags) is not int:
        return _original(p, flags)  # a parsed pattern (re.Scanner) or an IntFlag
    if flags & _compiler.SRE_FLAG_DEBUG:
        return _original(p, flags)  # which prints the codes
    key = (p, flags)
    entry = state.kept.get(key)
    if entry is not None:
        try:
            pattern = _sre.compile(p, *_args(entry))
            state.used.add(key)
            return pattern
        except Exception:  # not codes this Python accepts: compile it again
            state.kept.pop(key, None)  # (another thread may have done so)
            state.sites.pop(key, None)
            state.changed = True
    args = _codes(p, flags)
    if _importing():
        state.note(key, args)
    return _sre.compile(p, *args)


def _codes(p: str | bytes, flags: int) -> Args:
    """What `re._compiler.compile(p, flags)` hands `_sre.compile` after the pattern."""
    parsed = _parser.parse(p, flags)
    code = _compiler._code(parsed, flags)
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        flags | parsed.state.flags,
        code,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _entry(args: Args) -> Entry:
    """`args` as kept: the codes as words."""
    final, codes, groups, groupindex, indexgroup = args
    return int(final), array(_WORD or "I", codes).tobytes(), groups, groupindex, indexgroup


def _args(entry: Entry) -> Args:
    """The arguments of `_sre.compile` a kept entry holds."""
    final, words, groups, groupindex, indexgroup = entry
    return final, array(_WORD or "I", words).tolist(), groups, groupindex, indexgroup


def shipped(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile` for a pattern made from shipped data alone, kept as an import's are.

    For patterns built from a font's characters or a library's tables, never from anything a
    person typed.
    """
    return re.compile(pattern, flags)


def _importing() -> bool:
    """Whether a module is being imported or `shipped` was called (the pattern is from code)."""
    frame: Any = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename in _IMPORTING or frame.f_code is _SHIPPED:
            return True
        frame = frame.f_back
    return False


_SHIPPED: Final = shipped.__code__


def _site() -> str:
    """The file and line that asked `re` for the pattern being compiled."""
    frame: Any = sys._getframe(1)
    while frame is not None and (
        frame.f_code.co_filename == __file__ or frame.f_code.co_filename.startswith(_RE)
    ):
        frame = frame.f_back
    return f"{frame.f_code.co_filename}:{frame.f_lineno}" if frame is not None else ""


def save() -> None:
    """Write the kept codes with those this process added, if anything changed (at exit)."""
    state = _state
    if state is None or not state.changed:
        return
    kept = {
        key: entry
        for key, entry in {**state.kept, **state.new}.items()
        if state.sites.get(key) not in state.unsteady
    }
    sites = {key: state.sites[key] for key in kept if key in state.sites}
    state.kept, state.new, state.changed = kept, {}, False
    try:
        payload = marshal.dumps((kept, sites, state.unsteady))
    except ValueError:  # not plain data after all: never worth an error at exit
        return
    cachefolder.write_blob(state.folder, _name(), _MAGIC, _key(), payload)
