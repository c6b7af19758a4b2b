# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Translations: gettext catalogs read straight from .po files, and locale-aware formatting.

Two domains: `messages` for the interface, `content` for the content pack (msgctxt = key
path). Code marks strings with `_`, `N_`, `ngettext` and `pgettext` from this module; they
look up the language made active with `use_language()` (a context variable, so a PDF can be
rendered in one language while the interface shows another).

Which languages patients are offered is written in translations/languages.toml: a language is
`shipped` (offered; must be complete and clean) or `in-progress` (a catalog folder not listed,
never offered, previewed with --lang). A catalog is checked as it loads: an entry whose
placeholders or braces are wrong shows English, and a broken Plural-Forms rule makes every
plural message English, instead of crashing the app.

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
import string
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal, NamedTuple, TypeGuard, TypeVar, cast

from decisionaid import paths

# Babel is imported where it is used: the first page takes its few locale facts from the
# start-up cache (see _fact), and importing Babel's modules alone cost start-up ~10 ms.
if TYPE_CHECKING:
    from babel import Locale
    from babel.messages.catalog import Catalog, Message

log = logging.getLogger(__name__)

SOURCE_LANGUAGE: Final = "en"
DOMAINS: Final = ("messages", "content")
PSEUDO_LANGUAGE: Final = "en_XA"
PSEUDO_ENV: Final = "DECISIONAID_PSEUDO"
Direction = Literal["ltr", "rtl"]
_T = TypeVar("_T")
LANGUAGES_FILE: Final = "languages.toml"
SHIPPED: Final = "shipped"
IN_PROGRESS: Final = "in-progress"
# gettext only ever sees whole numbers: every n below 1001, and round numbers up to 10^9 and
# just past them, so CLDR's categories for big numbers (French "many": 10^6, 2×10^6…) show.
PLURAL_PROBE: Final = tuple(
    sorted(
        {*range(1001)}
        | {
            m * 10**k + d
            for k in range(3, 10)
            for m in (1, 2, 5, 11, 21)
            for d in (0, 1, 2, 3, 11, 21, 100)
        }
    )
)
ENGLISH_PLURAL_FORMS: Final = "nplurals=2; plural=(n != 1);"
# Patterns are compiled (and kept by `re`) when first used: the first page uses neither.
_PERCENT: Final = (
    r"%(?:\((?P<name>[^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?P<type>[a-zA-Z%])"
)


class CatalogError(Exception):
    """A .po catalog that cannot be read."""


class PluralFormsError(Exception):
    """A Plural-Forms header whose rule cannot be evaluated or gives a form that does not exist."""


class Language(NamedTuple):
    """A language the aid can be shown in (see `content.cover.Cover` on why a NamedTuple)."""

    code: str
    native_name: str
    english_name: str
    direction: Direction


class Translator:
    """Catalogs and formatting for one language; falls back to English for missing strings.

    A plain class, not a dataclass: it is made before the first page, where Python 3.11 takes
    0.3 ms to create a dataclass.
    """

    def __init__(
        self,
        language: str,
        messages: gettext.NullTranslations | None = None,
        content: gettext.NullTranslations | None = None,
        problems: tuple[str, ...] = (),
    ) -> None:
        self.language = language
        self.messages = messages if messages is not None else gettext.NullTranslations()
        self.content = content if content is not None else gettext.NullTranslations()
        self.problems = problems

    def __repr__(self) -> str:
        return f"Translator({self.language!r})"

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

    def texts(self) -> Iterator[str]:
        """Every translated string of both catalogs (none for English, the source language)."""
        for catalog in (self.messages, self.content):
            yield from getattr(catalog, "_catalog", {}).values()  # gettext's own table

    def content_text(self, context: str, text: str) -> str:
        """Translate a content-pack string by its key path; English if missing."""
        return self.content.pgettext(context, text)

    def format_date(self, value: dt.date) -> str:
        """A date written the way the language writes it (long form, as Babel writes it)."""
        return _fact(
            ("date", self.language, value.isoformat()),
            lambda: _long_date(value, self.language),
        )


_active: ContextVar[Translator] = ContextVar("decisionaid_translator")
_DATE_FIELD = re.compile(r"%\((\w+)\)s")
_DATE_FIELDS = frozenset({"MMMM", "d", "y"})  # month name, day and year, each unpadded


def _long_date(value: dt.date, code: str) -> str:
    """`value` as Babel writes a long date in language `code`, from the language's date form.

    The form (Babel's long pattern and month names) is a locale fact that the start-up cache
    keeps, so a PDF printed on any day needs no Babel import and no CLDR data (about 18 ms).
    A pattern with other fields than month name, day and year is left to Babel.
    """
    form = _date_form(code)
    if form is None:
        from babel.dates import format_date

        return format_date(value, "long", locale=_babel_locale(code))
    pattern, months = form
    return pattern % {"MMMM": months[value.month - 1], "d": str(value.day), "y": str(value.year)}


# The kinds of the locale facts `remember_formats` works out: each fact's key is (kind, code).
_DATE_FORM: Final = "long date"
_LIST_FORM: Final = "list"


def _date_form(code: str) -> tuple[str, tuple[str, ...]] | None:
    """The locale fact of `code`'s long-date form (see `_long_date_form`)."""
    return _fact((_DATE_FORM, code), lambda: _long_date_form(code))


def _long_date_form(code: str) -> tuple[str, tuple[str, ...]] | None:
    """Babel's long date pattern for `code` (as %-format) and its month names, if that simple."""
    from babel.dates import get_date_format, get_month_names

    locale = _babel_locale(code)
    pattern = str(get_date_format("long", locale=locale).format)  # typed loosely by Babel
    if not set(_DATE_FIELD.findall(pattern)) <= _DATE_FIELDS:
        return None
    names = get_month_names("wide", "format", locale)
    return pattern, tuple(names[month] for month in range(1, 13))


@cache
def _babel_locale(code: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    if code == PSEUDO_LANGUAGE:  # not a CLDR locale: formats like English
        return Locale.parse(SOURCE_LANGUAGE)
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(SOURCE_LANGUAGE)


def read_catalog(path: Path) -> Catalog:
    """Parse a .po or .pot file strictly; any problem becomes a CatalogError naming the file."""
    from babel.messages.pofile import read_po

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


def plural_function(catalog: Catalog) -> Callable[[int], int]:
    """The catalog's Plural-Forms rule as a function, checked over PLURAL_PROBE."""
    try:
        rule = gettext.c2py(catalog.plural_expr)
        for n in PLURAL_PROBE:
            form = rule(n)
            if not 0 <= form < catalog.num_plurals:
                raise PluralFormsError(
                    f"gives form {form} for n={n}, but nplurals={catalog.num_plurals}"
                )
    except PluralFormsError:
        raise
    except Exception as exc:  # c2py and the rule itself raise many types (ZeroDivisionError…)
        raise PluralFormsError(f"cannot be evaluated: {exc}") from None
    return rule


def english_plural(n: int) -> int:
    """English's plural rule, used in place of a broken one."""
    return int(n != 1)


def brace_fields(text: str) -> set[str] | None:
    """The `{name}` fields of a str.format template; None when the braces do not parse."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return None
    return {field for _, field, _, _ in parsed if field is not None}


def percent_fields(text: str) -> Counter[str]:
    """The %-format directives of a template (`%s`, `%(name)s`, `%d`), `%%` left out."""
    found: Counter[str] = Counter()
    for match in re.finditer(_PERCENT, text):
        if match["type"] != "%":
            found[
                f"%({match['name']}){match['type']}" if match["name"] else f"%{match['type']}"
            ] += 1
    return found


def single_value_forms(plural: Callable[[int], int]) -> set[int]:
    """Plural forms used for exactly one n: they may leave the number out (GNU gettext's rule)."""
    counts = Counter(plural(n) for n in PLURAL_PROBE)
    return {form for form, count in counts.items() if count == 1}


def forms_of(value: str | tuple[str, ...] | list[str] | None) -> list[str]:
    """A msgid or msgstr as a list of forms (one for a message without plural)."""
    if value is None:
        return [""]
    return [value] if isinstance(value, str) else list(value)


def placeholder_names(fields: set[str]) -> str:
    """Placeholders for a message: "{count}, %s"."""
    return ", ".join(f"{{{f}}}" if not f.startswith("%") else f for f in sorted(fields)) or "none"


def placeholder_problems(
    message: Message, plural: Callable[[int], int], *, percent_format: bool = True
) -> list[str]:
    """Placeholders that a translation lost, added or changed, in every plural form.

    `%` directives are compared only in messages Babel flagged python-format, and only when
    `percent_format` is true (content text is never %-formatted, so "40% of" is just text).
    """
    ids = forms_of(message.id)
    strings = forms_of(message.string)
    wanted: set[str] = set()
    for text in ids:
        wanted |= brace_fields(text) or set()
    percent = percent_format and "python-format" in message.flags
    wanted_percent = percent_fields(ids[-1]) if percent else Counter()
    single = single_value_forms(plural) if message.pluralizable else set()
    problems = []
    for index, text in enumerate(strings):
        if not text:
            continue
        label = f"msgstr[{index}]" if message.pluralizable else "msgstr"
        fields = brace_fields(text)
        if fields is None:
            problems.append(f"{label} has unbalanced braces: {text!r}")
            continue
        if fields - wanted:
            problems.append(
                f"{label} has unknown placeholder(s) {placeholder_names(fields - wanted)}"
            )
        if wanted - fields and index not in single:
            problems.append(
                f"{label} is missing placeholder(s) {placeholder_names(wanted - fields)}"
            )
        if percent:
            got = percent_fields(text)
            if got - wanted_percent or (wanted_percent - got and index not in single):
                problems.append(
                    f"{label} has %-placeholders {placeholder_names(set(got))}, "
                    f"expected {placeholder_names(set(wanted_percent))}"
                )
    return problems


def form_count_problem(message: Message, num_plurals: int) -> str | None:
    """A plural entry with more or fewer msgstr[N] than the Plural-Forms header has forms."""
    count = len(forms_of(message.string))
    if message.pluralizable and count != num_plurals:
        return f"has {count} plural form(s); Plural-Forms says nplurals={num_plurals}"
    return None


def drop_unsafe_entries(catalog: Catalog, where: str, *, percent_format: bool) -> list[str]:
    """Remove what would break or garble the app, so English shows; returns one warning each.

    A broken Plural-Forms rule drops every plural entry (and puts English's rule in, so gettext
    can still choose between the English forms); an entry whose placeholders or braces are
    wrong, or whose number of plural forms is wrong, is dropped on its own. The warnings name
    the file, the line and the English msgid, never the text a person typed.
    """
    warnings = []
    try:
        plural = plural_function(catalog)
    except PluralFormsError as exc:
        warnings.append(f"{where}: Plural-Forms {exc}; English is used for every plural message")
        for message in [m for m in list(catalog)[1:] if m.pluralizable]:
            catalog.delete(message.id, message.context)
        catalog.mime_headers = [("Plural-Forms", ENGLISH_PLURAL_FORMS)]
        plural = english_plural
    for message in list(catalog)[1:]:
        if message.fuzzy or not any(forms_of(message.string)):
            continue
        problems = placeholder_problems(message, plural, percent_format=percent_format)
        count_problem = form_count_problem(message, catalog.num_plurals)
        if count_problem:
            problems.append(count_problem)
        if problems:
            catalog.delete(message.id, message.context)
            msgid = forms_of(message.id)[0]
            warnings.append(
                f"{where}:{message.lineno}: English is used for msgid {msgid!r}: "
                + "; ".join(problems)
            )
    return warnings


def _mo_bytes(catalog: Catalog) -> bytes:
    """A parsed catalog as .mo bytes (fuzzy and incomplete plural entries left out)."""
    from babel.messages.mofile import write_mo

    drop_incomplete_plurals(catalog)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_catalog(catalog: Catalog) -> gettext.GNUTranslations:
    """Turn a parsed catalog into gettext translations in memory (fuzzy entries are skipped)."""
    return gettext.GNUTranslations(io.BytesIO(_mo_bytes(catalog)))


def _compile_po(path: Path, domain: str) -> tuple[bytes, list[str]]:
    """A .po file compiled to .mo bytes with its unsafe entries out, and what was dropped."""
    catalog = read_catalog(path)
    warnings = drop_unsafe_entries(catalog, str(path), percent_format=domain != "content")
    return _mo_bytes(catalog), warnings


# A compiled catalog as GNUTranslations parses it: its messages (plural forms keyed by
# (msgid, index)), its header fields and its charset. Plain data, kept in the user's cache.
Parsed = tuple[dict[str | tuple[str, int], str], dict[str, str], str | None]


def _parse_po(path: Path, domain: str) -> tuple[Parsed, list[str]]:
    """A .po file compiled and parsed as gettext parses it, with what `_compile_po` dropped."""
    mo, warnings = _compile_po(path, domain)
    parsed = gettext.GNUTranslations(io.BytesIO(mo))
    return (parsed._catalog, parsed._info, parsed._charset), warnings  # type: ignore[attr-defined]


def _is_parsed(value: object) -> TypeGuard[Parsed]:
    """What `_parse_po` makes, as read back from the cache."""
    return (
        isinstance(value, tuple)
        and len(value) == 3
        and isinstance(value[0], dict)
        and isinstance(value[1], dict)
        and (value[2] is None or isinstance(value[2], str))
    )


class _Restored(gettext.GNUTranslations):
    """Translations from a catalog parsed before (`_parse_po`), without its .mo bytes.

    `_parse` is gettext's hook for other formats ("Override this method to support
    alternative .mo formats"). This one is handed a `Parsed` and sets what GNUTranslations'
    own sets: the messages, the header fields, the charset, and the plural rule read from
    the Plural-Forms field as gettext reads it. A test compares both for every shipped catalog.
    """

    def _parse(self, fp: Parsed) -> None:  # type: ignore[override]
        self._catalog, self._info, self._charset = fp
        forms = self._info.get("plural-forms")
        if forms is None:
            self.plural = lambda n: int(n != 1)  # gettext's default, Germanic plurals
        else:
            self.plural = gettext.c2py(forms.split(";")[1].split("plural=")[1])


def _load_catalog(
    path: Path, domain: str, *, cached: bool = False
) -> tuple[gettext.GNUTranslations, list[str]]:
    """Compile a .po file in memory (no build step to forget, no .mo in git), unsafe entries out.

    `cached`: a shipped catalog may come from the user's cache (content/cache.py), keyed by
    the file's hash, already parsed, so an Arabic start or PDF neither reads the .po file nor
    parses .mo bytes again.
    """
    if cached:
        from decisionaid.content.cache import catalog_cached

        parsed, warnings = catalog_cached(path, domain, lambda: _parse_po(path, domain), _is_parsed)
        translations: gettext.GNUTranslations = _Restored(parsed)  # type: ignore[arg-type]
    else:
        mo, warnings = _compile_po(path, domain)
        translations = gettext.GNUTranslations(io.BytesIO(mo))
    for warning in warnings:
        log.warning("%s", warning)
    return translations, warnings


# Placeholders, markup and entities survive pseudo-localisation untouched.
_PROTECTED: Final = (
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
    for match in re.finditer(_PROTECTED, text):
        chunk = text[last : match.start()]
        parts += [chunk.translate(_ACCENTS), match.group()]
        visible += len(chunk)
        last = match.end()
    chunk = text[last:]
    parts.append(chunk.translate(_ACCENTS))
    visible += len(chunk)
    return "[" + "".join(parts) + _padding(math.ceil(visible * 0.4)) + "]"


def _padding(length: int) -> str:
    """`length` tildes in words of four, so a long string can still wrap.

    One unbroken run of 80 tildes is a word no real language has: it made paragraphs
    hundreds of pixels wider than any translation would.
    """
    return " ".join("~" * min(4, length - start) for start in range(0, length, 4))


def _pseudo_catalog(template: Path) -> gettext.GNUTranslations:
    """Every message of a .pot template, pseudo-localised, compiled in memory."""
    catalog = read_catalog(template)
    catalog.locale = _babel_locale(SOURCE_LANGUAGE)
    for message in list(catalog)[1:]:
        if message.pluralizable:
            message.string = tuple(pseudolocalize(form) for form in message.id)
        else:
            message.string = pseudolocalize(str(message.id))
    return compile_catalog(catalog)


def load_translator(language: str, root: Path | None = None, *, cached: bool = False) -> Translator:
    """Catalogs for `language`; a broken or missing catalog falls back to English, noted in problems.

    `cached` lets shipped catalogs come from the compiled-catalog cache (`translator_for`);
    `decisionaid check` and the tests always read the .po files.
    """
    root = root or paths.translations_dir()
    translator = Translator(language)
    if language == SOURCE_LANGUAGE:
        return translator
    problems: list[str] = []
    for domain in DOMAINS:
        if language == PSEUDO_LANGUAGE:
            path = root / f"{domain}.pot"
        else:
            path = catalog_path(language, domain, root)
        if not path.exists():
            problems.append(f"{path}: missing")
            continue
        try:
            if language == PSEUDO_LANGUAGE:
                setattr(translator, domain, _pseudo_catalog(path))
            else:
                translations, warnings = _load_catalog(path, domain, cached=cached)
                setattr(translator, domain, translations)
                problems += warnings
        except CatalogError as exc:
            log.warning("Using English instead of a broken catalog: %s", exc)
            problems.append(str(exc))
    translator.problems = tuple(problems)
    return translator


def catalog_path(language: str, domain: str, root: Path | None = None) -> Path:
    """Where a language's catalog of one domain is: `<root>/<language>/LC_MESSAGES/<domain>.po`."""
    return (root or paths.translations_dir()) / language / "LC_MESSAGES" / f"{domain}.po"


@cache
def translator_for(language: str) -> Translator:
    """A cached translator for a shipped language."""
    return load_translator(language, cached=True)


def pseudo_enabled() -> bool:
    """Whether the pseudo-locale is offered (DECISIONAID_PSEUDO=1, for translators and tests)."""
    return os.environ.get(PSEUDO_ENV, "") == "1"


def language_list(root: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """The statuses written in translations/languages.toml, and what is wrong with the file.

    A file that cannot be read ships nothing (only English is offered) rather than crash.
    """
    path = (root or paths.translations_dir()) / LANGUAGES_FILE
    remembered = _facts.get(("languages", str(path)))
    if remembered is not None:  # the shipped file, as read when the start-up cache was written
        statuses, problems = cast(tuple[dict[str, str], list[str]], remembered)
        return dict(statuses), list(problems)
    return _read_language_list(path)


def languages_fact() -> dict[tuple[str, ...], object]:
    """The shipped languages.toml as read, for the start-up cache (whose key hashes that file).

    Read back from the cache (`remember_locale_facts`), it spares the first page tomllib.
    """
    path = paths.translations_dir() / LANGUAGES_FILE
    return {("languages", str(path)): _read_language_list(path)}


def _read_language_list(path: Path) -> tuple[dict[str, str], list[str]]:
    import tomllib  # not needed when the start-up cache has the list

    if not path.exists():
        return {}, [f"{path}: missing; no language is shipped"]
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, [f"{path}: cannot be read, no language is shipped: {exc}"]
    table = data.get("languages")
    if not isinstance(table, dict):
        return {}, [f"{path}: has no [languages] table; no language is shipped"]
    statuses: dict[str, str] = {}
    problems = []
    for code, status in table.items():
        if status in (SHIPPED, IN_PROGRESS):
            statuses[code] = status
        else:
            problems.append(
                f"{path}: {code}: status must be {SHIPPED!r} or {IN_PROGRESS!r}, "
                f"not {status!r}; treated as {IN_PROGRESS!r}"
            )
            statuses[code] = IN_PROGRESS
    return statuses, problems


def language_statuses(root: Path | None = None) -> dict[str, str]:
    """Every translated language (a catalog folder or a languages.toml entry) and its status.

    A catalog folder that languages.toml does not list is in progress, so `pybabel init`
    alone never offers a language to patients.
    """
    root = root or paths.translations_dir()
    statuses = {
        p.name: IN_PROGRESS
        for p in (root.iterdir() if root.is_dir() else ())
        if (p / "LC_MESSAGES").is_dir()
    }
    statuses.update(language_list(root)[0])
    statuses.pop(SOURCE_LANGUAGE, None)
    statuses.pop(PSEUDO_LANGUAGE, None)
    return statuses


def language_codes(
    root: Path | None = None,
    *,
    include_pseudo: bool | None = None,
    include_in_progress: bool = False,
) -> tuple[str, ...]:
    """The codes of English plus every shipped language, sorted: what patients are offered.

    In-progress languages are added with `include_in_progress` (previews with --lang, checks).
    The pseudo-locale is added when `include_pseudo` is true, or, when it is None, when
    DECISIONAID_PSEUDO=1 is set. Codes alone need no CLDR data, so the command line checks
    --lang with these before the first page without loading Babel.
    """
    codes = {SOURCE_LANGUAGE}
    root = root or paths.translations_dir()
    for code, status in language_statuses(root).items():
        if (status == SHIPPED or include_in_progress) and (root / code / "LC_MESSAGES").is_dir():
            codes.add(code)
    if pseudo_enabled() if include_pseudo is None else include_pseudo:
        codes.add(PSEUDO_LANGUAGE)
    return tuple(sorted(codes))


def available_languages(
    root: Path | None = None,
    *,
    include_pseudo: bool | None = None,
    include_in_progress: bool = False,
) -> tuple[Language, ...]:
    """The languages of `language_codes()` with their names and direction (from CLDR)."""
    codes = language_codes(
        root, include_pseudo=include_pseudo, include_in_progress=include_in_progress
    )
    return tuple(describe_language(code) for code in codes)


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
    # Kept as a plain tuple, which the start-up cache can store without pickle.
    return Language._make(_fact(("language", code), lambda: tuple(_describe_language(code))))


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


def format_list(items: Iterable[str]) -> str:
    """Items joined as the active language writes a list ("a, b and c"; "a, b y c"; "a و b و c").

    Babel's `format_list` step for step, with the language's CLDR list patterns kept as a
    locale fact (see `_long_date`).
    """
    words = list(items)
    if len(words) < 2:
        return words[0] if words else ""
    code = active().language
    patterns = _list_form(code)
    if len(words) == 2 and "2" in patterns:
        return patterns["2"].format(*words)
    result = patterns["start"].format(words[0], words[1])
    for word in words[2:-1]:
        result = patterns["middle"].format(result, word)
    return patterns["end"].format(result, words[-1])


def remember_formats(code: str) -> set[tuple[str, ...]]:
    """Work out `code`'s long-date form and list patterns, and return the keys of those facts.

    They are locale facts for the start-up cache to keep (session._first_page_facts).
    """
    _date_form(code)
    _list_form(code)
    return {(_DATE_FORM, code), (_LIST_FORM, code)}


def _list_form(code: str) -> dict[str, str]:
    """The locale fact of `code`'s list patterns (see `_list_patterns`)."""
    return _fact((_LIST_FORM, code), lambda: _list_patterns(code))


def _list_patterns(code: str) -> dict[str, str]:
    """The CLDR "standard" list patterns of `code` ({0}, {1} and {1} joined), from Babel."""
    return dict(_babel_locale(code).list_patterns["standard"])
