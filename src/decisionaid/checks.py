# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The `decisionaid check` command: is the content pack sound and is every translation usable."""

from __future__ import annotations

import datetime as dt
import gettext
import re
import string
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message

from decisionaid.content import Content, ContentError, Fact, load_content
from decisionaid.i18n import (
    DOMAINS,
    PSEUDO_LANGUAGE,
    SOURCE_LANGUAGE,
    CatalogError,
    available_languages,
    load_translator,
    read_catalog,
)
from decisionaid.readability import measure

_PERCENT = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?P<type>[a-zA-Z%])"
)
_MARKUP = re.compile(r"<[A-Za-z/!?][^<>]*>")
_CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")
_PLURAL_PROBE = range(1000)


@dataclass(frozen=True)
class Finding:
    """One result of a check: an error fails `decisionaid check`, a warning does not."""

    ERROR: ClassVar[str] = "error"
    WARNING: ClassVar[str] = "warning"
    INFO: ClassVar[str] = "info"

    level: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.where}: {self.message}"


def review_findings(content: Content, today: dt.date) -> list[Finding]:
    """Whether the evidence search is stale, by the pack's own declared review interval.

    The interval is review_by - last_reviewed (6 months for the shipped pack). Older than the
    interval (past review_by): a warning, as the app and the PDF also say. Older than twice
    the interval: an error, so a stale pack is not shipped. Sources read after the search
    date (last_reviewed) are an error too: the date would not mean what it says.
    """
    pack = content.pack
    interval = pack.review_interval
    age = today - pack.last_reviewed
    findings: list[Finding] = []
    if age > 2 * interval:
        findings.append(
            Finding(
                Finding.ERROR,
                "pack.yaml",
                f"last_reviewed {pack.last_reviewed} is {age.days} days old, more than twice the "
                f"review interval of {interval.days} days (until {pack.last_reviewed + 2 * interval})"
                "; search the evidence again before shipping",
            )
        )
    elif age > interval:
        findings.append(
            Finding(
                Finding.WARNING,
                "pack.yaml",
                f"review_by {pack.review_by} has passed; the content may be out of date",
            )
        )
    findings += [
        Finding(
            Finding.ERROR,
            "sources.yaml",
            f"{source.id}: accessed {source.accessed} is after the evidence search date "
            f"(pack last_reviewed {pack.last_reviewed})",
        )
        for source in content.sources.values()
        if source.accessed > pack.last_reviewed
    ]
    return findings


WORDS_RATIO_LIMIT = (
    2.0  # one option's benefits and harms at most this many times the other's, in words
)
_WORDS = re.compile(r"\w+")


def _benefit_items(facts: list[Fact]) -> int:
    """Benefit items as a reader sees them: the arms of one comparison (same source) count once."""
    numbered = {f.statistic.source for f in facts if f.statistic is not None}
    return len([f for f in facts if f.statistic is None]) + len(numbered)


def balance_findings(content: Content) -> list[Finding]:
    """Balance a test can hold, per condition and option (issue 15).

    Errors: fewer harm items than benefit items for an option; a benefit number shown to every
    condition (a benefit number is shown only for the conditions it was measured in, so none is
    borrowed from another disease). The length rule is `length_findings`.
    """
    findings = [
        Finding(
            Finding.ERROR,
            "facts.yaml",
            f"{fact.id}: a benefit number applies to all conditions; name the conditions it was "
            "measured in",
        )
        for fact in content.facts
        if fact.kind == "benefit" and fact.statistic is not None and "all" in fact.conditions
    ]
    for condition in content.conditions:
        for option in content.options:
            benefits = [
                f for f in content.facts_for(condition.id, "benefit") if f.option == option.id
            ]
            harms = [f for f in content.facts_for(condition.id, "risk") if f.option == option.id]
            items = _benefit_items(benefits)
            if len(harms) < items:
                findings.append(
                    Finding(
                        Finding.ERROR,
                        "facts.yaml",
                        f"{condition.id}/{option.id}: {len(harms)} harm item(s) for {items} "
                        "benefit item(s); harms must get at least as much room as benefits",
                    )
                )
    return findings


def length_findings(content: Content) -> list[Finding]:
    """The two options' benefits and harms in words, per condition: a warning past the limit."""
    findings: list[Finding] = []
    for condition in content.conditions:
        words: dict[str, int] = {}
        for option in content.options:
            facts = [
                f
                for kind in ("benefit", "risk")
                for f in content.facts_for(condition.id, kind)
                if f.option == option.id
            ]
            words[option.id] = sum(len(_WORDS.findall(f"{f.title} {f.body}")) for f in facts)
        most, least = max(words.values()), min(words.values())
        ratio = most / least if least else float("inf")
        level = Finding.WARNING if ratio > WORDS_RATIO_LIMIT else Finding.INFO
        findings.append(
            Finding(
                level,
                "facts.yaml",
                f"{condition.id}: benefits and harms in words per option "
                + ", ".join(f"{k} {v}" for k, v in words.items())
                + f" (ratio {ratio:.1f}, limit {WORDS_RATIO_LIMIT:.0f})",
            )
        )
    return findings


def content_findings(content: Content, today: dt.date) -> list[Finding]:
    """House rules beyond the loader's structural checks."""
    findings = review_findings(content, today) + balance_findings(content)
    raised = {
        kind: {ref for q in content.questions for ref in getattr(q.raised_by, kind)}
        for kind in ("considerations", "concerns", "knowledge", "readiness")
    }
    askers = (
        ("considerations.yaml", "consideration", "considerations", content.considerations),
        ("concerns.yaml", "concern", "concerns", content.concerns),
        ("knowledge.yaml", "knowledge item", "knowledge", content.knowledge),
        ("readiness.yaml", "readiness item", "readiness", content.readiness),
    )
    for file, what, kind, items in askers:
        findings += [
            Finding(Finding.ERROR, file, f"{what} {item.id!r} raises no question")
            for item in items
            if item.id not in raised[kind]
        ]
    return findings


def run_checks(content_dir: Path, translations_dir: Path, today: dt.date) -> list[Finding]:
    """Load the pack in every language and report what is wrong."""
    findings: list[Finding] = []
    try:
        content = load_content(content_dir)
    except ContentError as exc:
        return [
            Finding(
                Finding.ERROR,
                exc.file + (f":{exc.line}" if exc.line else ""),
                f"{exc.field}: {exc.message}" if exc.field else exc.message,
            )
        ]
    findings += content_findings(content, today)
    findings += length_findings(content)
    level = measure(t.text for t in content.texts if t.file != "sources.yaml")
    findings.append(
        Finding(
            Finding.INFO,
            "content",
            f"reading level: Flesch-Kincaid grade {level.grade:.1f}, SMOG {level.smog:.1f}, "
            f"over {level.words} words",
        )
    )
    findings += [
        Finding(
            Finding.INFO, f"content: {context}", f"hardest string: Flesch-Kincaid grade {grade:.1f}"
        )
        for grade, context in sorted(
            (
                (measure([t.text]).grade, t.context)
                for t in content.texts
                if t.file != "sources.yaml" and len(t.text.split()) >= 15
            ),
            reverse=True,
        )[:3]
    ]
    findings += translation_findings(translations_dir)
    for language in available_languages(translations_dir, include_pseudo=False):
        if language.code == SOURCE_LANGUAGE:
            continue
        translator = load_translator(language.code, translations_dir)
        try:
            load_content(content_dir, translator.content_text)
        except ContentError as exc:
            findings.append(
                Finding(Finding.ERROR, language.code, f"translated content is invalid: {exc}")
            )
    from decisionaid.fhir.check import fhir_findings

    findings += [Finding(*result) for result in fhir_findings(content_dir, translations_dir)]
    return findings


# --------------------------------------------------------------------------------------------
# Translation catalogs
# --------------------------------------------------------------------------------------------


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
    for match in _PERCENT.finditer(text):
        if match["type"] != "%":
            found[
                f"%({match['name']}){match['type']}" if match["name"] else f"%{match['type']}"
            ] += 1
    return found


def _single_value_forms(plural: Callable[[int], int]) -> set[int]:
    """Plural forms used for exactly one n: they may leave the number out (GNU gettext's rule)."""
    counts = Counter(plural(n) for n in _PLURAL_PROBE)
    return {form for form, count in counts.items() if count == 1}


def placeholder_problems(
    message: Message, plural: Callable[[int], int], *, percent_format: bool = True
) -> list[str]:
    """Placeholders that a translation lost, added or changed, in every plural form.

    `%` directives are compared only in messages Babel flagged python-format, and only when
    `percent_format` is true (content text is never %-formatted, so "40% of" is just text).
    """
    ids = _forms(message.id)
    strings = _forms(message.string)
    wanted: set[str] = set()
    for text in ids:
        wanted |= brace_fields(text) or set()
    percent = percent_format and "python-format" in message.flags
    wanted_percent = percent_fields(ids[-1]) if percent else Counter()
    single = _single_value_forms(plural) if message.pluralizable else set()
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
            problems.append(f"{label} has unknown placeholder(s) {_names(fields - wanted)}")
        if wanted - fields and index not in single:
            problems.append(f"{label} is missing placeholder(s) {_names(wanted - fields)}")
        if percent:
            got = percent_fields(text)
            if got - wanted_percent or (wanted_percent - got and index not in single):
                problems.append(
                    f"{label} has %-placeholders {_names(set(got))}, expected {_names(set(wanted_percent))}"
                )
    return problems


def _forms(value: str | tuple[str, ...] | list[str] | None) -> list[str]:
    """A msgid or msgstr as a list of forms (one for a message without plural)."""
    if value is None:
        return [""]
    return [value] if isinstance(value, str) else list(value)


def _key(message: Message) -> tuple[str, str | None]:
    return _forms(message.id)[0], message.context


def _names(fields: set[str]) -> str:
    return ", ".join(f"{{{f}}}" if not f.startswith("%") else f for f in sorted(fields)) or "none"


def plural_rule_problem(catalog: Catalog, language: str) -> str | None:
    """Whether the Plural-Forms header puts every n in the CLDR category it belongs to.

    Babel's own table has Arabic's "many" and "other" swapped (python-babel/babel#816), so
    `pybabel init -l ar` writes a rule that disagrees with CLDR and with other tools.
    """
    try:
        rule = Locale.parse(language).plural_form
    except (UnknownLocaleError, ValueError):
        return None
    categories = {rule(n) for n in _PLURAL_PROBE}
    order = [c for c in _CLDR_ORDER if c in categories]
    try:
        header = gettext.c2py(catalog.plural_expr)
    except (ValueError, SyntaxError) as exc:
        return f"Plural-Forms cannot be read: {exc}"
    if catalog.num_plurals != len(order):
        return (
            f"Plural-Forms has nplurals={catalog.num_plurals}; CLDR has {len(order)} "
            f"({', '.join(order)})"
        )
    for n in _PLURAL_PROBE:
        expected = order.index(rule(n))
        if header(n) != expected:
            return (
                f"Plural-Forms puts n={n} in form {header(n)}, CLDR says form {expected} "
                f"({rule(n)}); use: plural=({_gettext_rule(language)})"
            )
    return None


def _gettext_rule(language: str) -> str:
    known = {
        "ar": "n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5",
    }
    return known.get(language.split("_")[0], "see CLDR plural rules")


def catalog_findings(path: Path, template: Path | None, language: str) -> list[Finding]:
    """Everything wrong with one .po file: parse errors, gaps, placeholders, markup, fuzzy."""
    where = f"{language}/{path.name}"
    if not path.exists():
        return [Finding(Finding.ERROR, where, "catalog is missing (run: make update-po)")]
    try:
        catalog = read_catalog(path)
    except CatalogError as exc:
        return [Finding(Finding.ERROR, where, f"catalog cannot be read, English is shown: {exc}")]
    findings: list[Finding] = []
    problem = plural_rule_problem(catalog, language)
    if problem:
        findings.append(Finding(Finding.ERROR, where, problem))
    plural = gettext.c2py(catalog.plural_expr) if not problem else (lambda n: int(n != 1))
    translated = 0
    for message in list(catalog)[1:]:
        line = f"{where}:{message.lineno}"
        forms = _forms(message.string)
        done = all(forms)
        if message.fuzzy and any(forms):
            findings.append(
                Finding(
                    Finding.ERROR,
                    line,
                    "fuzzy translation is not used; review it and remove the fuzzy flag",
                )
            )
            done = False
        if done:
            translated += 1
        problems = placeholder_problems(message, plural, percent_format=path.stem != "content")
        findings += [Finding(Finding.ERROR, line, p) for p in problems]
        for text in forms:
            if text and _MARKUP.search(text):
                findings.append(
                    Finding(
                        Finding.ERROR,
                        line,
                        f"translation contains markup; write plain text: {text!r}",
                    )
                )
    total = len(catalog) - 1
    if template is not None and template.exists():
        try:
            expected = {_key(m) for m in list(read_catalog(template))[1:]}
        except CatalogError as exc:
            return [*findings, Finding(Finding.ERROR, template.name, str(exc))]
        present = {_key(m) for m in list(catalog)[1:]}
        missing = expected - present
        if missing:
            findings.append(
                Finding(
                    Finding.ERROR,
                    where,
                    f"{len(missing)} message(s) of {template.name} are not in the catalog (run: make update-po)",
                )
            )
        total = len(expected)
        translated = min(translated, total - len(missing))
    percent = 100 * translated / total if total else 100.0
    level = Finding.INFO if translated >= total else Finding.ERROR
    findings.append(
        Finding(level, where, f"{translated} of {total} messages translated ({percent:.0f}%)")
    )
    return findings


def translation_findings(translations_dir: Path) -> list[Finding]:
    """Check the catalogs of every shipped language in every domain."""
    findings: list[Finding] = []
    for language in available_languages(translations_dir, include_pseudo=False):
        if language.code in (SOURCE_LANGUAGE, PSEUDO_LANGUAGE):
            continue
        for domain in DOMAINS:
            findings += catalog_findings(
                translations_dir / language.code / "LC_MESSAGES" / f"{domain}.po",
                translations_dir / f"{domain}.pot",
                language.code,
            )
    return findings
