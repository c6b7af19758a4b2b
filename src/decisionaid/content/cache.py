# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""A cache of the validated, translated shipped content pack (and compiled catalogs), so start-up skips YAML.

The pack is validated from source (`load_content`) the first time, then pickled to
`$XDG_CACHE_HOME/decisionaid/` (else `~/.cache/decisionaid/`) under a key that hashes every
file it was built from: the pack's YAML, the language's `content` catalog (or the template,
for the pseudo-locale) and `languages.toml`, the code that reads and models the pack and
reads the catalogs (`content/`, `i18n.py`, `session.py`), and the package, Python and Babel
versions. Any change gives a new key, so a stale file is never read; a file that
cannot be read, unpickled or is not a `Content` is ignored and rebuilt. A file holds first
the pack's cover and the first page's locale facts, as plain data in `marshal`'s format (so
the first page does not import pickle), then the pickled pack, which is unpickled only when
a later page first asks for it (`LazyContent`). Files are written
atomically (a temporary file in the same folder, then `os.replace`), owner-only, and only
into a folder owned by this user and writable by no one else; only shipped content is cached,
never anything a person entered.

The same folder, under the same rules, holds each shipped catalog compiled and parsed
(`catalog_cached`, for `i18n.translator_for`), keyed by the .po file, the reading code and the
versions. Each bundled font's tables as ReportLab parsed them are kept too (`font_read`,
`font_write`, for `pdf.fonts`), keyed by the font file's bytes and the code that parses and
restores them, and tables made from library code alone (`tables_read`, `tables_write`: the
Arabic shaping and mirroring tables for `pdf.rtl`), keyed by that code. `decisionaid check`
and `load_content` always read the source; the caches are only used for the shipped pack,
the shipped catalogs, the bundled fonts and those tables. DECISIONAID_CONTENT_CACHE=0 turns it
off (the test suite does, so every test validates from source).
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import importlib.util
import io
import marshal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple, TypeGuard, TypeVar

from decisionaid import __version__, paths
from decisionaid.cachefolder import ENV as ENV
from decisionaid.cachefolder import cache_dir as cache_dir
from decisionaid.cachefolder import enabled as enabled
from decisionaid.cachefolder import folder as _folder
from decisionaid.cachefolder import prune, read_plain
from decisionaid.cachefolder import read_blob as _read_blob
from decisionaid.cachefolder import write_blob as _write_blob
from decisionaid.content.cover import Cover, LazyContent

if TYPE_CHECKING:
    from hashlib import sha256

    from decisionaid.content.model import Content


def _builtin_sha256() -> Any:
    """CPython's own SHA-256 (`_sha2` from 3.12, `_sha256` in 3.11), else hashlib's.

    Importing hashlib loads OpenSSL's libcrypto: 2.5 ms of the start-up, whose cache key hashes
    some 150 kB. OpenSSL's is faster on large data, so a font's half megabyte goes to hashlib
    (`_font_name`), which the PDF stack imports anyway. The digests are the same (a test
    compares them).
    """
    for name in ("_sha2", "_sha256"):
        with contextlib.suppress(ImportError):
            return importlib.import_module(name).sha256
    import hashlib

    return hashlib.sha256


if not TYPE_CHECKING:
    sha256 = _builtin_sha256()

Facts = dict[tuple[str, ...], object]

_MAGIC: Final = b"decisionaid-content-cache-3\n"
_CODE: Final = ("model.py", "schema.py", "load.py", "yamlread.py", "cover.py", "cache.py")


def catalog_files(language: str, translations: Path | None = None) -> list[Path]:
    """The catalog files the pack's translation into `language` is made from."""
    root = translations or paths.translations_dir()
    if language == "en":
        return [root / "languages.toml"]
    if language == "en_XA":
        return [root / "content.pot", root / "languages.toml"]
    return [root / language / "LC_MESSAGES" / "content.po", root / "languages.toml"]


def key(language: str, content_dir: Path, catalogs: list[Path]) -> str:
    """A hash of everything the translated pack is built from."""
    code_dir = Path(__file__).parent
    return _digest(
        language,
        [
            *(("code", code_dir / name) for name in _CODE),
            # How catalogs are read and checked, and what the first page asks Babel.
            *(("code", code_dir.parent / name) for name in ("i18n.py", "session.py")),
            *(("content", p) for p in sorted(content_dir.rglob("*.yaml"))),
            *(("catalog", p) for p in catalogs),
        ],
    )


def _digest(name: str, files: list[tuple[str, Path]]) -> str:
    """SHA-256 of the package and Python versions, `name` and every file (or its absence).

    Babel's version is in the key as its `__init__.py`, which sets `__version__`: found
    without importing Babel, which the first page does not otherwise need.
    """
    digest = _hasher()()
    digest.update(f"{__version__}\0{sys.version}\0{name}\0".encode())
    for kind, path in [*files, ("babel", _babel_init())]:
        digest.update(f"{kind}\0{path.name}\0".encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\0missing\0")
    return str(digest.hexdigest())


def _hasher() -> Any:
    """OpenSSL's SHA-256 once something has imported hashlib (the PDF stack does), else CPython's.

    The same digest either way; OpenSSL's is five times as fast: an Arabic PDF hashes about
    a megabyte of catalogs and code.
    """
    hashlib = sys.modules.get("hashlib")
    return sha256 if hashlib is None else hashlib.sha256


@functools.cache
def _babel_init() -> Path:
    spec = importlib.util.find_spec("babel")
    return Path(spec.origin if spec is not None and spec.origin else "babel-not-found")


class Found(NamedTuple):
    """A cached pack as read: its cover and locale facts now, the pack still pickled."""

    cover: Cover
    facts: Facts
    pickled: bytes


def read(folder: Path, language: str, digest: str) -> Found | None:
    """The cached cover and facts for `digest`, or None if absent, unreadable or not ours.

    The pack itself is unpickled later, by `unpickle(found.pickled)`.
    """
    data = _read_blob(folder, _name(language, digest), _MAGIC, digest)
    if data is None:
        return None
    stream = io.BytesIO(data)
    try:
        cover, facts = marshal.load(stream)
        found = Found(Cover.from_plain(cover), facts, data[stream.tell() :])
    except Exception:  # a broken cache is never fatal: rebuild from source
        return None
    return found if isinstance(facts, dict) else None


def unpickle(pickled: bytes) -> Content | None:
    """The pack `read` left pickled, or None if it does not unpickle to a `Content`."""
    from decisionaid.content.model import Content

    content = _unpickled(pickled)  # None if broken: the pack is built from source
    return content if isinstance(content, Content) else None


def write(folder: Path, language: str, digest: str, content: Content, facts: Facts) -> None:
    """Store the pack atomically; problems are logged at debug level and otherwise ignored.

    The cover with the facts (all the first page reads) in `marshal`'s format, then the
    pickled pack.
    """
    payload = marshal.dumps((Cover.of(content.pack).plain(), facts))
    payload += _pickled(content)
    if _write_blob(folder, _name(language, digest), _MAGIC, digest, payload):
        _prune(folder, f"content-{language}-", _name(language, digest))


def _prune(folder: Path, prefix: str, keep: str) -> None:
    """Remove the files of `prefix` under older keys: they can never be read again."""
    prune(folder, prefix, ".pickle", keep)


def _name(language: str, digest: str) -> str:
    return f"content-{language}-{digest}.pickle"


def load_cached(
    language: str,
    build: Callable[[], Content],
    facts: Callable[[Content], Facts],
    remember: Callable[[Facts], None],
    folder: Path | None = None,
) -> LazyContent:
    """The shipped pack in `language` from the cache, or `build()` and cache it.

    `facts(content)` works out the locale facts the first page needs (language names, the
    direction, the pack's dates: Babel's CLDR data); they are cached with the pack and
    handed to `remember` when read back. From the cache, the pack is unpickled when first
    asked for (`LazyContent.content`); if that fails, it is built from source.
    """
    folder = _folder(folder)
    if folder is None:
        return LazyContent.of(build())
    digest = key(language, paths.content_dir(), catalog_files(language))
    found = read(folder, language, digest)
    if found is not None:
        remember(found.facts)
        return LazyContent(found.cover, lambda: unpickle(found.pickled) or build())
    content = build()
    write(folder, language, digest, content, facts(content))
    return LazyContent.of(content)


_CATALOG_MAGIC: Final = b"decisionaid-catalog-cache-3\n"
Compiled = TypeVar("Compiled")


def catalog_cached(
    path: Path,
    domain: str,
    build: Callable[[], tuple[Compiled, list[str]]],
    check: Callable[[object], TypeGuard[Compiled]],
    folder: Path | None = None,
) -> tuple[Compiled, list[str]]:
    """A shipped catalog compiled (plain data), with its warnings: from the cache, or `build()`.

    Keyed like the pack: the .po file, the code that reads it (`i18n.py`, this file) and the
    versions. Parsing the Arabic catalogs cost each Arabic PDF about 25 ms that English never
    pays. What is read back is used only if `check` accepts it; otherwise it is built again.
    """
    folder = _folder(folder)
    if folder is None:
        return build()
    code = Path(__file__)
    files = [("catalog", path), ("code", code), ("code", code.parent.parent / "i18n.py")]
    digest = _digest(domain, files)
    prefix = f"catalog-{path.parent.parent.name}-{domain}-"
    name = f"{prefix}{digest}.pickle"
    found = read_plain(folder, name, _CATALOG_MAGIC, digest)
    if isinstance(found, tuple) and len(found) == 2:  # else absent or broken: rebuilt
        compiled, warnings = found
        if check(compiled) and isinstance(warnings, list):
            return compiled, warnings
    compiled, warnings = build()
    stored: Any = (compiled, warnings)  # plain data, as `check` says
    if _write_blob(folder, name, _CATALOG_MAGIC, digest, marshal.dumps(stored)):
        _prune(folder, prefix, name)
    return compiled, warnings


_FONT_MAGIC: Final = b"decisionaid-font-cache-1\n"


def _unpickled(stored: bytes | None) -> object:
    """The object pickled in `stored`, or None if there is none or it cannot be unpickled.

    A broken cache entry is never fatal: the caller makes what it held again.
    """
    if stored is None:
        return None
    import pickle  # not before the first page, which reads plain data (`read`)

    try:
        return pickle.loads(stored)
    except Exception:
        return None


def _pickled(value: object) -> bytes:
    """`value` pickled (protocol 5), for `_unpickled`."""
    import pickle

    return pickle.dumps(value, protocol=5)


def _font_name(font: str, data: bytes, code: tuple[Path, ...]) -> tuple[str, str]:
    """The file name and key of the tables of bundled font `font` whose file holds `data`."""
    import hashlib  # OpenSSL's: four times as fast as CPython's own on a font's bytes

    digest = hashlib.sha256(f"{_code_key(code)}\0{font}\0".encode())
    digest.update(data)  # not concatenated: that would copy half a megabyte
    key = digest.hexdigest()
    return f"font-{font}.{key}.pickle", key


@functools.cache
def _code_key(code: tuple[Path, ...]) -> str:
    """A hash of the code that makes a font's (or other) tables, and the versions: once a process."""
    return _digest("fonts", [("code", path) for path in code])


def _entry_read(folder: Path | None, magic: bytes, locate: Callable[[], tuple[str, str]]) -> object:
    """The object pickled in the entry `locate()` names (file name, key), else None.

    None too when caching is off; `locate` is called only when it is on (a font's key hashes
    its file).
    """
    found = _folder(folder)
    if found is None:
        return None
    name, digest = locate()
    return _unpickled(_read_blob(found, name, magic, digest))


def _entry_write(
    folder: Path | None,
    magic: bytes,
    locate: Callable[[], tuple[str, str]],
    prefix: str,
    value: object,
) -> None:
    """Pickle `value` into the entry `locate()` names; remove the older ones of `prefix`."""
    found = _folder(folder)
    if found is None:
        return
    name, digest = locate()
    if _write_blob(found, name, magic, digest, _pickled(value)):
        _prune(found, prefix, name)


def font_read(font: str, data: bytes, code: tuple[Path, ...], folder: Path | None = None) -> object:
    """The tables stored by `font_write` for this font file's bytes and code, else None.

    A stale entry is never found (another file or code is another key); one that cannot be
    read or unpickled is None, and the caller parses the font.
    """
    return _entry_read(folder, _FONT_MAGIC, functools.partial(_font_name, font, data, code))


def font_write(
    font: str, data: bytes, code: tuple[Path, ...], tables: object, folder: Path | None = None
) -> None:
    """Store a bundled font's parsed `tables` under the font file's bytes and the code."""
    locate = functools.partial(_font_name, font, data, code)
    _entry_write(folder, _FONT_MAGIC, locate, f"font-{font}.", tables)  # no font's name has a dot


_TABLES_MAGIC: Final = b"decisionaid-tables-cache-1\n"


def _tables_name(name: str, code: tuple[Path, ...]) -> tuple[str, str]:
    """The file name and key of the tables `name` made by the files `code`."""
    key = sha256(f"{_code_key(code)}\0{name}\0".encode()).hexdigest()
    return f"tables-{name}.{key}.pickle", key


def tables_read(name: str, code: tuple[Path, ...], folder: Path | None = None) -> object:
    """Tables `name` stored by `tables_write` for these files `code`, else None.

    For tables made from library code and data alone (no person's text, no content), such as
    the Arabic shaping tables (`pdf.rtl`). As for fonts, a stale entry is never found and a
    broken one is None, and the caller makes the tables.
    """
    return _entry_read(folder, _TABLES_MAGIC, functools.partial(_tables_name, name, code))


def tables_write(
    name: str, code: tuple[Path, ...], tables: object, folder: Path | None = None
) -> None:
    """Store `tables` (`name`, made by the files `code`) for `tables_read`."""
    locate = functools.partial(_tables_name, name, code)
    _entry_write(folder, _TABLES_MAGIC, locate, f"tables-{name}.", tables)  # no dot in a name
