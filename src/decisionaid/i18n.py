# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Translations: gettext catalogs read straight from .po files, and locale-aware formatting.

Two domains: `messages` for the interface, `content` for the content pack (msgctxt = key
path). Code marks strings with `_`, `N_`, `ngettext` and `pgettext` from this module; they
look up the language made active with `use_language()` (a context variable, so a PDF can be
rendered in one language while the interface shows another).

The pseudo-locale `en_XA` is built in memory from the .pot templates ("[Ŧĥé ŵöŕðš~~~]") so that
untranslated or truncated text stands out; it is offered only when DECISIONAID_PSEUDO=1.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gettext
import io
import logging
import math
import os
import re
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Final, Literal, TypeVar

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from decisionaid import paths

log = logging.getLogger(__name__)

SOURCE_LANGUAGE: Final = "en"
DOMAINS: Final = ("messages", "content")
PSEUDO_LANGUAGE: Final = "en_XA"
PSEUDO_ENV: Final = "DECISIONAID_PSEUDO"
Direction = Literal["ltr", "rtl"]
_T = TypeVar("_T")


class CatalogError(Exception):
    """A .po catalog that cannot be read."""


@dataclass(frozen=True)
class Language:
    """A language the aid can be shown in."""

    code: str
    native_name: str
    english_name: str
    direction: Direction


@dataclass
class Translator:
    """Catalogs and formatting for one language; falls back to English for missing strings."""

    language: str
    messages: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)
    content: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)
    problems: tuple[str, ...] = ()

    @property
    def locale(self) -> Locale:
        """The Babel locale used for dates and numbers."""
        return _babel_locale(self.language)

    @property
    def direction(self) -> Direction:
        """Text direction of the language."""
        return describe_language(self.language).direction

    def language_name(self, code: str) -> str:
        """The name of language `code` written in this language ("árabe" in Spanish)."""
        return _fact(("name", self.language, code), lambda: self._language_name(code))

    def _language_name(self, code: str) -> str:
        if code == PSEUDO_LANGUAGE:
            return describe_language(code).native_name
        name = _babel_locale(code).get_display_name(self.locale) or code
        return name[:1].upper() + name[1:] if self.language == code else name

    def content_text(self, context: str, text: str) -> str:
        """Translate a content-pack string by its key path; English if missing."""
        return self.content.pgettext(context, text)

    def format_date(self, value: dt.date) -> str:
        """A date written the way the language writes it (long form)."""
        return _fact(
            ("date", self.language, value.isoformat()),
            lambda: format_date(value, "long", locale=self.locale),
        )



_active: ContextVar[Translator] = ContextVar("decisionaid_translator")


@cache
def _babel_locale(code: str) -> Locale:
    if code == PSEUDO_LANGUAGE:  # not a CLDR locale: formats like English
        return Locale.parse(SOURCE_LANGUAGE)
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(SOURCE_LANGUAGE)


def read_catalog(path: Path) -> Catalog:
    """Parse a .po or .pot file strictly; any problem becomes a CatalogError naming the file."""
    try:
        with path.open("rb") as handle:
            return read_po(handle, abort_invalid=True)
    except Exception as exc:  # Babel raises several types for a broken file
        raise CatalogError(f"{path}: {exc}") from None


def drop_incomplete_plurals(catalog: Catalog) -> list[str]:
    """Remove plural entries with any empty form, so English shows instead (babel#697).

    Babel's write_mo fills empty plural forms with the English ids indexed by the target
    language's form number, which gives "1 people" in Arabic; a missing entry gives English.
    """
    dropped = []
    for message in list(catalog)[1:]:
        forms = message.string
        if message.pluralizable and not (isinstance(forms, tuple | list) and all(forms)):
            catalog.delete(message.id, message.context)
            dropped.append(str(message.id[0]))
    return dropped


def compile_catalog(catalog: Catalog) -> gettext.GNUTranslations:
    """Turn a parsed catalog into gettext translations in memory (fuzzy entries are skipped)."""
    drop_incomplete_plurals(catalog)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _load_catalog(path: Path) -> gettext.GNUTranslations:
    """Compile a .po file in memory: no build step to forget, no .mo in git."""
    return compile_catalog(read_catalog(path))


# Placeholders, markup and entities survive pseudo-localisation untouched.
_PROTECTED = re.compile(
    r"\{\{|\}\}|\{[^{}]*\}|%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0 +]*\d*(?:\.\d+)?[a-zA-Z%]"
    r"|<[^<>]*>|&[a-zA-Z]+;|&#\d+;"
)
_ACCENTS = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçðéƒĝĥíĵķĺɱñöþǫŕšŧúṽŵẋýžÁƁÇÐÉƑĜĤÍĴĶĹṀÑÖÞǪŔŠŦÚṼŴẊÝŽ",
)


def pseudolocalize(text: str) -> str:
    """Accent, lengthen by 40 % and bracket a string: "Hi {name}" -> "[Ĥí {name}~~]"."""
    if not text:
        return text
    parts: list[str] = []
    visible = 0
    last = 0
    for match in _PROTECTED.finditer(text):
        chunk = text[last : match.start()]
        parts += [chunk.translate(_ACCENTS), match.group()]
        visible += len(chunk)
        last = match.end()
    chunk = text[last:]
    parts.append(chunk.translate(_ACCENTS))
    visible += len(chunk)
    return "[" + "".join(parts) + "~" * math.ceil(visible * 0.4) + "]"


def _pseudo_catalog(template: Path) -> gettext.GNUTranslations:
    """Every message of a .pot template, pseudo-localised, compiled in memory."""
    catalog = read_catalog(template)
    catalog.locale = Locale.parse(SOURCE_LANGUAGE)
    for message in list(catalog)[1:]:
        if message.pluralizable:
            message.string = tuple(pseudolocalize(form) for form in message.id)
        else:
            message.string = pseudolocalize(str(message.id))
    return compile_catalog(catalog)


def load_translator(language: str, root: Path | None = None) -> Translator:
    """Catalogs for `language`; a broken or missing catalog falls back to English, noted in problems."""
    root = root or paths.translations_dir()
    translator = Translator(language)
    if language == SOURCE_LANGUAGE:
        return translator
    problems: list[str] = []
    for domain in DOMAINS:
        if language == PSEUDO_LANGUAGE:
            path = root / f"{domain}.pot"
        else:
            path = root / language / "LC_MESSAGES" / f"{domain}.po"
        if not path.exists():
            problems.append(f"{path}: missing")
            continue
        try:
            if language == PSEUDO_LANGUAGE:
                setattr(translator, domain, _pseudo_catalog(path))
            else:
                setattr(translator, domain, _load_catalog(path))
        except CatalogError as exc:
            log.warning("Using English instead of a broken catalog: %s", exc)
            problems.append(str(exc))
    translator.problems = tuple(problems)
    return translator


@cache
def translator_for(language: str) -> Translator:
    """A cached translator for a shipped language."""
    return load_translator(language)


def pseudo_enabled() -> bool:
    """Whether the pseudo-locale is offered (DECISIONAID_PSEUDO=1, for translators and tests)."""
    return os.environ.get(PSEUDO_ENV, "") == "1"


def available_languages(
    root: Path | None = None, *, include_pseudo: bool | None = None
) -> tuple[Language, ...]:
    """English plus every language with a catalog folder under translations/.

    The pseudo-locale is added when `include_pseudo` is true, or, when it is None, when
    DECISIONAID_PSEUDO=1 is set.
    """
    root = root or paths.translations_dir()
    codes = {SOURCE_LANGUAGE}
    if root.is_dir():
        codes |= {p.name for p in root.iterdir() if (p / "LC_MESSAGES").is_dir()}
    codes.discard(PSEUDO_LANGUAGE)
    if pseudo_enabled() if include_pseudo is None else include_pseudo:
        codes.add(PSEUDO_LANGUAGE)
    return tuple(describe_language(code) for code in sorted(codes))


# Locale facts from Babel's CLDR data (names, direction, long dates): loading that data
# costs ~15 ms at start-up, so the answers are memoised here and the validated-content
# cache (content/cache.py) keeps the ones the first page needs between runs.
_facts: dict[tuple[str, ...], object] = {}


def _fact(key: tuple[str, ...], compute: Callable[[], _T]) -> _T:
    try:
        return _facts[key]  # type: ignore[return-value]
    except KeyError:
        value = _facts[key] = compute()
        return value


def locale_facts() -> dict[tuple[str, ...], object]:
    """The locale facts worked out so far (for the start-up cache)."""
    return dict(_facts)


def remember_locale_facts(facts: dict[tuple[str, ...], object]) -> None:
    """Take facts from the start-up cache (keyed by the Babel version, so never stale)."""
    for key, value in facts.items():
        _facts.setdefault(key, value)


def describe_language(code: str) -> Language:
    """Names and direction of a language code; the name is written in the language itself."""
    return _fact(("language", code), lambda: _describe_language(code))


def _describe_language(code: str) -> Language:
    if code == PSEUDO_LANGUAGE:
        name = f"Pseudo ({PSEUDO_LANGUAGE})"
        return Language(code, name, name, "ltr")
    locale = _babel_locale(code)
    native = locale.get_display_name(locale) or code
    english = locale.get_display_name(SOURCE_LANGUAGE) or code
    direction: Direction = "rtl" if locale.character_order == "right-to-left" else "ltr"
    return Language(code, native[:1].upper() + native[1:], english, direction)


def active() -> Translator:
    """The translator in force (English when none was chosen)."""
    try:
        return _active.get()
    except LookupError:
        return translator_for(SOURCE_LANGUAGE)


@contextlib.contextmanager
def use_language(translator: Translator) -> Iterator[Translator]:
    """Make `translator` the one `_` and friends use inside the block."""
    token = _active.set(translator)
    try:
        yield translator
    finally:
        _active.reset(token)


def activate(translator: Translator) -> None:
    """Make `translator` the one in force from now on (the interface's language)."""
    _active.set(translator)


def _(message: str) -> str:
    """Translate an interface string."""
    return active().messages.gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a string whose form depends on a count."""
    return active().messages.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate an interface string that needs context to be translated right."""
    return active().messages.pgettext(context, message)
