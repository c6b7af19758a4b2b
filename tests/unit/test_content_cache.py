"""The validated-content cache: used only when fresh, rebuilt when stale or broken, private."""

from __future__ import annotations

import gettext
import io
import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from decisionaid import i18n, paths
from decisionaid.content import cache, load_content
from decisionaid.content.cover import Cover
from decisionaid.i18n import Language, translator_for
from decisionaid.session import load_pack, new_session


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv(cache.ENV, "1")
    return tmp_path / "decisionaid"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_cached_pack_equals_the_pack_from_source(cache_home: Path, language: str) -> None:
    first = new_session(language).content
    files = list(cache_home.glob(f"content-{language}-*.pickle"))
    assert len(files) == 1
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(cache_home.stat().st_mode) == 0o700
    again = new_session(language)
    # From the cache, the first page's cover now and the pack when first asked for.
    assert again.cover == Cover.of(first.pack)
    assert not again.pack.made
    assert again.content == first == load_pack(translator_for(language))
    assert again.pack.made


def test_the_key_follows_every_source_file(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    catalog = tmp_path / "content.po"
    catalog.write_text("msgid ''\n", encoding="utf-8")
    before = cache.key("es", content, [catalog])
    (content / "a.yaml").write_text("a: 2\n", encoding="utf-8")
    after_yaml = cache.key("es", content, [catalog])
    catalog.write_text("msgid 'x'\n", encoding="utf-8")
    after_catalog = cache.key("es", content, [catalog])
    assert len({before, after_yaml, after_catalog, cache.key("ar", content, [catalog])}) == 4


def test_the_key_is_the_sha256_hashlib_gives() -> None:
    """The cache key's SHA-256 (CPython's own, spared OpenSSL at start-up) is the standard one."""
    import hashlib

    assert cache.sha256 is not hashlib.sha256  # else this test compares hashlib with itself
    for data in (b"", b"abc", bytes(range(256)) * 1000):
        assert cache.sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    stepwise = cache.sha256()
    stepwise.update(b"ab")
    stepwise.update(b"c")
    assert stepwise.hexdigest() == hashlib.sha256(b"abc").hexdigest()


def test_the_key_is_the_same_before_and_after_hashlib_is_imported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Once hashlib is imported the key uses OpenSSL's SHA-256, and the key does not change."""
    import hashlib

    files = cache.catalog_files("ar")
    with_openssl = cache.key("ar", paths.content_dir(), files)
    assert cache._hasher() is hashlib.sha256
    monkeypatch.delitem(sys.modules, "hashlib")
    assert cache._hasher() is cache.sha256
    assert cache.key("ar", paths.content_dir(), files) == with_openssl


def test_the_key_follows_the_babel_release(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Babel's CLDR answers are cached too, so another Babel (its __init__.py) is another key."""
    content = tmp_path / "content"
    content.mkdir()
    before = cache.key("en", content, [])
    other = tmp_path / "__init__.py"
    other.write_text("__version__ = '99.0'\n", encoding="utf-8")
    monkeypatch.setattr(cache, "_babel_init", lambda: other)
    assert cache.key("en", content, []) != before


def test_a_broken_or_foreign_file_is_rebuilt(cache_home: Path) -> None:
    new_session("en")
    (path,) = cache_home.glob("content-en-*.pickle")
    path.write_bytes(b"not a pickle")
    assert new_session("en").content == load_content(paths.content_dir())
    assert path.read_bytes().startswith(b"decisionaid-content-cache")
    digest = path.name.removeprefix("content-en-").removesuffix(".pickle")
    assert cache.read(cache_home, "en", "0" * 64) is None  # another key is never read
    assert cache.read(cache_home, "en", digest) is not None


def test_a_broken_pack_behind_a_good_cover_is_built_from_source(cache_home: Path) -> None:
    """The pack is unpickled after the first page: if that fails then, it is built from source."""
    new_session("en")
    (path,) = cache_home.glob("content-en-*.pickle")
    digest = path.name.removeprefix("content-en-").removesuffix(".pickle")
    found = cache.read(cache_home, "en", digest)
    assert found is not None
    assert cache.unpickle(found.pickled) is not None
    cut = len(path.read_bytes()) - len(found.pickled)
    path.write_bytes(path.read_bytes()[:cut] + b"not a pickle")
    session = new_session("en")
    assert session.cover == Cover.of(session.content.pack)
    assert session.content == load_content(paths.content_dir())
    assert cache.unpickle(b"not a pickle") is None
    assert cache.unpickle(pickle.dumps("a string, not a pack")) is None


def test_the_cover_goes_to_plain_data_and_back_and_nothing_else_passes() -> None:
    """The first page's cover is cached as plain data (marshal): anything else is not a cover."""
    cover = new_session("en").cover
    assert Cover.from_plain(cover.plain()) == cover
    for broken in (None, (), ("1",) * 5, (*cover.plain()[:3], "2026-01-01", 1), [*cover.plain()]):
        with pytest.raises(ValueError, match="not a cover"):
            Cover.from_plain(broken)


def test_a_shared_folder_is_neither_read_nor_written(cache_home: Path) -> None:
    cache_home.mkdir(mode=0o700)
    os.chmod(cache_home, 0o777)  # e.g. a kiosk pointed at a shared place
    content = new_session("en").content
    assert list(cache_home.iterdir()) == []
    cache.write(cache_home, "en", "1" * 64, content, {})
    assert list(cache_home.iterdir()) == []


def test_turned_off_it_writes_nothing(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, "0")
    new_session("en")
    assert not cache_home.exists()


# The later pages and what only they, dialogs or printing use: imported after the first page.
LATER = (
    *(
        f"decisionaid.gui.pages.{name}"
        for name in (
            "about_you",
            "options",
            "benefits",
            "risks",
            "unknowns",
            "facts",
            "knowledge",
            "values",
            "readiness",
            "leaning",
            "questions",
            "summary",
        )
    ),
    "decisionaid.gui.dialogs",
    "decisionaid.gui.widgets.evidence",
    "decisionaid.gui.widgets.entry",
    "tomllib",  # languages.toml comes with the cached pack
    "decisionaid.system.printing",  # a laptop prints, if at all, at the end
    "hashlib",  # OpenSSL: the cache key takes CPython's own SHA-256
    "pickle",  # the cover and the facts are plain data (marshal); the pack is unpickled later
    "dataclasses",  # the first page's values are NamedTuples and plain classes
)
# Qt classes the first page does not use. PySide6 builds a class (and every enum class in it)
# the first time it is named, and only then puts it in its module's namespace.
LATER_QT = ("QFileDialog", "QMessageBox", "QLineEdit", "QPlainTextEdit", "QPen")


# `decisionaid` as a person starts it (cli.main), up to its first page painted: the event
# loop is replaced by one pass of it, then the program reports on itself and exits.
FIRST_PAGE = """
import gc, sys
from decisionaid.cli import main
from PySide6.QtWidgets import QApplication
from decisionaid.gui.wizard import DecisionWizard
from decisionaid.session import Session

def first_paint(app):
    app.processEvents()
    (wizard,) = [w for w in app.topLevelWidgets() if isinstance(w, DecisionWizard)]
    assert wizard.isVisible() and wizard.currentId() == 0
    assert wizard.session.translator.language == "en" and not wizard.kiosk
    banned = ("reportlab", "yaml", "babel", "PySide6.QtPrintSupport", "PySide6.QtPdf", "fhir",
              "decisionaid.pdf", "decisionaid.fhir", "decisionaid.gui.kiosk",
              "decisionaid.system.kiosk_config", "decisionaid.content.load", "decisionaid.checks",
              "decisionaid.content.model", *LATER)
    print(sorted(m for m in sys.modules if any(m == b or m.startswith(b + ".") for b in banned)))
    named = {*vars(sys.modules["PySide6.QtWidgets"]), *vars(sys.modules["PySide6.QtGui"])}
    print(sorted(named.intersection(LATER_QT)))
    # The way of telling is still there: a class the page uses is named, one nobody uses is not.
    # Nor is Qt's namespace: naming any of its enums builds all 117 (gui/lazy_qt.py).
    print("QWizard" in named, "QCalendarWidget" in named, "Qt" in vars(sys.modules["PySide6.QtCore"]))
    # The collector is back on, and the session is not among the objects frozen at start-up.
    sessions = [o for o in gc.get_objects() if isinstance(o, Session)]
    print(gc.isenabled(), gc.get_freeze_count() > 10_000, len(sessions))
    # The pack (the content model) is unpickled after this paint, when a later page asks.
    print([session.pack.made for session in sessions])
    return 0

QApplication.exec = first_paint
sys.exit(main([]))
"""


def test_the_first_page_needs_no_pdf_printing_yaml_babel_kiosk_or_later_page(
    tmp_path: Path,
) -> None:
    """What `decisionaid` imports before its first page is shown (the cache is warm)."""
    code = f"LATER = {LATER!r}\nLATER_QT = {LATER_QT!r}\n{FIRST_PAGE}"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), cache.ENV: "1"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    for _ in range(2):  # the first run writes the content cache
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[]", "[]", "True False False", "True True 1", "[False]"]


@pytest.mark.parametrize("language", ["ar", "es"])
@pytest.mark.parametrize("domain", ["messages", "content"])
def test_a_catalog_restored_from_the_cache_is_the_one_gettext_parses(
    cache_home: Path, language: str, domain: str
) -> None:
    """Every message, plural form, header field, the charset and the plural rule."""
    path = paths.translations_dir() / language / "LC_MESSAGES" / f"{domain}.po"
    i18n._load_catalog(path, domain, cached=True)  # writes the cache
    restored, warnings = i18n._load_catalog(path, domain, cached=True)
    assert isinstance(restored, i18n._Restored)
    mo, dropped = i18n._compile_po(path, domain)
    parsed = gettext.GNUTranslations(io.BytesIO(mo))
    assert warnings == dropped
    assert restored._catalog == parsed._catalog
    assert len(parsed._catalog) > 100
    assert (restored.info(), restored.charset()) == (parsed.info(), parsed.charset())
    assert "plural-forms" in parsed.info()
    assert [restored.plural(n) for n in range(1000)] == [parsed.plural(n) for n in range(1000)]
    assert len({parsed.plural(n) for n in range(1000)}) > 1


def test_locale_facts_come_back_with_the_pack(cache_home: Path) -> None:
    """The first page's Babel answers (names, direction, dates) and languages.toml are cached."""
    translator = translator_for("ar")
    content = new_session("ar").content
    (path,) = cache_home.glob("content-ar-*.pickle")
    digest = path.name.removeprefix("content-ar-").removesuffix(".pickle")
    found = cache.read(cache_home, "ar", digest)
    assert found is not None
    facts = found.facts
    assert cache.unpickle(found.pickled) == content
    assert found.cover == Cover.of(content.pack)
    language = Language._make(facts[("language", "ar")])  # plain data: marshal, not pickle
    assert language == i18n.describe_language("ar")
    assert language.direction == "rtl"
    assert facts[("date", "ar", content.pack.review_by.isoformat())] == translator.format_date(
        content.pack.review_by
    )
    languages = facts[("languages", str(paths.translations_dir() / i18n.LANGUAGES_FILE))]
    assert languages == i18n.language_list(paths.translations_dir())


def test_a_compiled_catalog_is_reused_until_its_file_changes(
    cache_home: Path, tmp_path: Path
) -> None:
    source = paths.translations_dir() / "ar" / "LC_MESSAGES" / "messages.po"
    po = tmp_path / "ar" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_bytes(source.read_bytes())
    builds: list[Path] = []

    def build() -> tuple[i18n.Parsed, list[str]]:
        builds.append(po)
        return i18n._parse_po(po, "messages")

    first = cache.catalog_cached(po, "messages", build, i18n._is_parsed)
    assert cache.catalog_cached(po, "messages", build, i18n._is_parsed) == first
    assert len(builds) == 1
    (stored,) = cache_home.glob("catalog-ar-messages-*.pickle")
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    po.write_bytes(
        source.read_bytes() + b'\nmsgid "Only here"\nmsgstr "\xd9\x87\xd9\x86\xd8\xa7"\n'
    )
    changed = cache.catalog_cached(po, "messages", build, i18n._is_parsed)
    assert len(builds) == 2
    assert changed != first
    assert [p.name for p in cache_home.glob("catalog-ar-*")] != [stored.name]  # the old key is gone


def test_the_shipped_translator_from_the_cache_says_what_the_catalog_says(cache_home: Path) -> None:
    fresh = i18n.load_translator("ar")
    i18n.load_translator("ar", cached=True)  # fills the cache
    assert list(cache_home.glob("catalog-ar-*.pickle"))
    again = i18n.load_translator("ar", cached=True)
    for message in ("Next", "Start over"):
        assert again.messages.gettext(message) == fresh.messages.gettext(message) != message
    assert again.content._catalog == fresh.content._catalog  # type: ignore[attr-defined]
