# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The `decisionaid check` command: is the content pack sound and is every translation usable."""

from __future__ import annotations

import datetime as dt
import gettext
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message

from decisionaid.content import Content, ContentError, Fact, TextEntry, load_content
from decisionaid.i18n import (
    DOMAINS,
    IN_PROGRESS,
    LANGUAGES_FILE,
    PLURAL_PROBE,
    SHIPPED,
    CatalogError,
    PluralFormsError,
    catalog_path,
    english_plural,
    form_count_problem,
    forms_of,
    language_list,
    language_statuses,
    load_translator,
    placeholder_problems,
    plural_function,
    read_catalog,
)
from decisionaid.readability import ReadabilityUnavailable, measure, reading_ease

_MARKUP = re.compile(r"<[A-Za-z/!?][^<>]*>")
_CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")
_Node = tuple[str, Any]  # a node of Babel's parsed CLDR plural rule


@dataclass(frozen=True)
class Finding:
    """One result of a check: an error fails `decisionaid check`, a warning does not."""

    ERROR: ClassVar[str] = "error"
    WARNING: ClassVar[str] = "warning"
    INFO: ClassVar[str] = "info"
    TODO: ClassVar[str] = "todo"

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
    2.0  # one option's benefits, harms and unknowns at most this many times the other's
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
    """Each option's benefits, harms and unknowns in words, per condition: an error past the limit.

    An error, so a content edit that gives one option much more room than the other fails
    `decisionaid check` (issue 15); the words are the titles and bodies a person with that
    condition is shown.
    """
    findings: list[Finding] = []
    for condition in content.conditions:
        words: dict[str, int] = {}
        for option in content.options:
            facts = [
                f
                for kind in ("benefit", "risk", "unknown")
                for f in content.facts_for(condition.id, kind)
                if f.option == option.id
            ]
            words[option.id] = sum(len(_WORDS.findall(f"{f.title} {f.body}")) for f in facts)
        most, least = max(words.values()), min(words.values())
        ratio = most / least if least else float("inf")
        level = Finding.ERROR if ratio > WORDS_RATIO_LIMIT else Finding.INFO
        findings.append(
            Finding(
                level,
                "facts.yaml",
                f"{condition.id}: benefits, harms and unknowns in words per option "
                + ", ".join(f"{k} {v}" for k, v in words.items())
                + f" (ratio {ratio:.2f}, limit {WORDS_RATIO_LIMIT:.0f})",
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


GRADE_LIMIT = 8.0  # IPDAS plain language: grade 8 or lower, over the whole pack


def _plain_entries(content: Content) -> list[TextEntry]:
    """What a patient reads: every content string but the citations."""
    return [t for t in content.texts if t.file != "sources.yaml"]


def reading_findings(content: Content) -> list[Finding]:
    """The English pack's reading level (textstat) and its three hardest long strings."""
    try:
        level = measure(t.text for t in _plain_entries(content))
    except ReadabilityUnavailable as exc:
        return [Finding(Finding.ERROR, "content", str(exc))]
    summary = (
        f"reading level: Flesch-Kincaid grade {level.grade:.1f}, SMOG {level.smog:.1f}, "
        f"over {level.words} words (textstat)"
    )
    findings = [Finding(Finding.INFO, "content", summary)]
    if level.grade > GRADE_LIMIT:
        findings.append(
            Finding(
                Finding.ERROR,
                "content",
                f"Flesch-Kincaid grade {level.grade:.1f} is above {GRADE_LIMIT:g}: use shorter "
                "sentences and everyday words",
            )
        )
    hardest = sorted(
        (
            (measure([t.text]).grade, t.context)
            for t in _plain_entries(content)
            if len(t.text.split()) >= 15
        ),
        reverse=True,
    )[:3]
    findings += [
        Finding(
            Finding.INFO, f"content: {context}", f"hardest string: Flesch-Kincaid grade {grade:.1f}"
        )
        for grade, context in hardest
    ]
    return findings


def translated_reading_findings(code: str, content: Content) -> list[Finding]:
    """A translated pack's reading ease by its language's formula, where textstat has one."""
    try:
        ease = reading_ease(code, [t.text for t in _plain_entries(content)])
    except ReadabilityUnavailable as exc:
        return [Finding(Finding.ERROR, code, str(exc))]
    if ease is None:
        return []
    text = f"reading ease: {ease.formula} {ease.score:.0f}, higher is easier (textstat)"
    return [Finding(Finding.INFO, code, text)]


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
    findings += reading_findings(content)
    findings += translation_findings(translations_dir)
    for code, status in sorted(language_statuses(translations_dir).items()):
        translator = load_translator(code, translations_dir)
        try:
            translated = load_content(content_dir, translator.content_text)
        except ContentError as exc:
            severity = Finding.ERROR if status == SHIPPED else Finding.WARNING
            findings.append(Finding(severity, code, f"translated content is invalid: {exc}"))
            continue
        findings += translated_reading_findings(code, translated)
    from decisionaid.fhir.check import fhir_findings

    findings += [Finding(*result) for result in fhir_findings(content_dir, translations_dir)]
    return findings


# --------------------------------------------------------------------------------------------
# Translation catalogs
# --------------------------------------------------------------------------------------------


def _integer_operand(node: _Node) -> int | str:
    """A CLDR operand or `mod` for a whole number n: i is n; v, w, f, t, c and e are 0."""
    op, args = node
    if op in ("n", "i"):
        return "n"
    if op == "value":
        return int(args[0])
    if op == "mod":
        left, right = _integer_operand(args[0]), _integer_operand(args[1])
        if isinstance(left, int) and isinstance(right, int):
            return left % right
        return f"{left} % {right}"
    return 0


def _integer_condition(node: _Node) -> str | bool:
    """A CLDR condition as a gettext (C) expression for whole numbers, constants folded."""
    op, args = node
    if op == "relation":
        _method, expr, (_kind, ranges) = args
        value = _integer_operand(expr)
        bounds = [(_integer_operand(lo), _integer_operand(hi)) for lo, hi in ranges]
        if isinstance(value, int):
            return any(lo <= value <= hi for lo, hi in bounds)  # type: ignore[operator]
        tests = [
            f"{value} == {lo}" if lo == hi else f"{value} >= {lo} && {value} <= {hi}"
            for lo, hi in bounds
        ]
        return tests[0] if len(tests) == 1 else "(" + " || ".join(tests) + ")"
    if op == "not":
        inner = _integer_condition(args[0])
        if isinstance(inner, bool):
            return not inner
        match = re.fullmatch(r"(n(?: % \d+)?) == (\d+)", inner)
        return f"{match[1]} != {match[2]}" if match else f"!({inner.strip('()')})"
    if op in ("and", "or"):
        left, right = _integer_condition(args[0]), _integer_condition(args[1])
        absorbing = op == "or"  # True decides an `or`, False decides an `and`
        if isinstance(left, bool):
            return absorbing if left is absorbing else right
        if isinstance(right, bool):
            return absorbing if right is absorbing else left
        if op == "and":
            return f"{_paren_or(left)} && {_paren_or(right)}"
        return f"({left} || {right})"
    raise ValueError(f"unknown CLDR plural rule operator {op!r}")


def _paren_or(expr: str) -> str:
    return f"({expr})" if " || " in expr and not expr.startswith("(") else expr


def cldr_categories(language: str) -> list[str] | None:
    """CLDR's plural categories that whole numbers reach, in gettext order; None if unknown."""
    try:
        rule = Locale.parse(language).plural_form
    except (UnknownLocaleError, ValueError):
        return None
    reached = {rule(n) for n in PLURAL_PROBE}
    return [c for c in _CLDR_ORDER if c in reached]


def cldr_plural_forms(language: str) -> str | None:
    """The `nplurals=…; plural=…;` value that agrees with CLDR for `language`, or None.

    Built from Babel's CLDR rules for whole numbers (gettext never sees fractions), and
    verified over PLURAL_PROBE before it is offered.
    """
    order = cldr_categories(language)
    if order is None:
        return None
    rule = Locale.parse(language).plural_form
    conditions = dict(rule.abstract)
    expr = str(len(order) - 1)
    for index in reversed(range(len(order) - 1)):
        condition = _integer_condition(conditions[order[index]])
        if condition is True:
            expr = str(index)
        elif condition is not False:
            expr = f"{condition} ? {index} : {expr}"
    check = gettext.c2py(expr)
    if any(check(n) != order.index(rule(n)) for n in PLURAL_PROBE):  # pragma: no cover
        return None
    return f"nplurals={len(order)}; plural=({expr});" if len(order) > 1 else "nplurals=1; plural=0;"


def plural_rule_problem(catalog: Catalog, language: str) -> str | None:
    """Whether the Plural-Forms header puts every n in the CLDR category it belongs to.

    The probe reaches every category (10^6 is "many" in French and Spanish); on a mismatch
    the message ends with the exact header line to paste.
    """
    expected = cldr_plural_forms(language)
    paste = f'; paste this header line: "Plural-Forms: {expected}\\n"' if expected else ""
    try:
        header = plural_function(catalog)
    except PluralFormsError as exc:
        return f"Plural-Forms {exc}; English is shown for plural messages{paste}"
    order = cldr_categories(language)
    if order is None:
        return None
    rule = Locale.parse(language).plural_form
    if catalog.num_plurals != len(order):
        return (
            f"Plural-Forms has nplurals={catalog.num_plurals}; CLDR has {len(order)} "
            f"({', '.join(order)}){paste}"
        )
    for n in PLURAL_PROBE:
        want = order.index(rule(n))
        if header(n) != want:
            return f"Plural-Forms puts n={n} in form {header(n)}, CLDR says form {want} ({rule(n)}){paste}"
    return None


_DIGITS = re.compile(r"\d+")
_FIELD = re.compile(r"\{[^{}]*\}")


def numbers_of(text: str) -> Counter[int]:
    """The numbers written in figures outside placeholders, any script's digits ("١٥" is 15)."""
    found: Counter[int] = Counter()
    for match in _DIGITS.finditer(_FIELD.sub(" ", text)):
        found[int("".join(str(unicodedata.decimal(c)) for c in match.group()))] += 1
    return found


@cache
def spelled_out_numbers(language: str) -> frozenset[int]:
    """Numbers a translation may write as words (README rule 2): alone in their plural category.

    Arabic says "أسبوعين" ("two weeks", the dual) rather than "2 أسبوع"; the numbers that have a
    plural category to themselves in CLDR (Arabic 0, 1 and 2; Spanish 1) are the ones whose
    grammar can carry the number without the figure (the same rule as rule 5 for plurals).
    """
    try:
        rule = Locale.parse(language).plural_form
    except (UnknownLocaleError, ValueError):
        return frozenset()
    members: dict[str, list[int]] = {}
    for n in PLURAL_PROBE:
        members.setdefault(rule(n), []).append(n)
    return frozenset(only[0] for only in members.values() if len(only) == 1)


def number_problems(message: Message, language: str) -> list[str]:
    """Numbers in figures that a translation lost or added, in every form (README rule 2)."""
    wanted = numbers_of(forms_of(message.id)[-1])
    words = spelled_out_numbers(language)
    problems = []
    for index, text in enumerate(forms_of(message.string)):
        if not text:
            continue
        label = f"msgstr[{index}]" if message.pluralizable else "msgstr"
        got = numbers_of(text)
        lost = {n for n in wanted - got if n not in words}
        added = set(got - wanted)
        if lost:
            problems.append(f"{label} lost the number(s) {_numbers(lost)} (rule 2)")
        if added:
            problems.append(f"{label} has number(s) the English has not: {_numbers(added)}")
    return problems


def _numbers(values: set[int]) -> str:
    return ", ".join(str(v) for v in sorted(values))


def _header_line(path: Path) -> int:
    """The line of the Plural-Forms header in a .po file, for a clickable file:line."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if line.startswith('"Plural-Forms:'):
                return number
    return 1


def _review_recorded(catalog: Catalog) -> bool:
    return any(
        line.lstrip("# ").lower().startswith("medical review:")
        for line in (catalog.header_comment or "").splitlines()
    )


def catalog_findings(
    path: Path, template: Path | None, language: str, *, shipped: bool = True
) -> list[Finding]:
    """Everything wrong with one .po file: parse errors, gaps, placeholders, numbers, markup.

    For a shipped language every problem and every untranslated message is an error; for a
    language in progress they are warnings and to-dos, so CI stays green while it grows.
    """
    where = f"{language}/{path.name}"
    level = Finding.ERROR if shipped else Finding.WARNING
    if not path.exists():
        return [Finding(level, where, "catalog is missing (run: make update-po)")]
    try:
        catalog = read_catalog(path)
    except CatalogError as exc:
        return [Finding(level, where, f"catalog cannot be read, English is shown: {exc}")]
    findings: list[Finding] = []
    problem = plural_rule_problem(catalog, language)
    if problem:
        findings.append(Finding(level, f"{where}:{_header_line(path)}", problem))
    try:
        plural = plural_function(catalog)
    except PluralFormsError:
        plural = english_plural
    todo: list[Finding] = []
    translated = 0
    for message in list(catalog)[1:]:
        line = f"{where}:{message.lineno}"
        forms = forms_of(message.string)
        msgid = forms_of(message.id)[0]
        if message.fuzzy and any(forms):
            todo.append(Finding(level if shipped else Finding.TODO, line, f"fuzzy: {msgid!r}"))
        elif all(forms):
            translated += 1
        else:
            todo.append(
                Finding(level if shipped else Finding.TODO, line, f"untranslated: {msgid!r}")
            )
        if message.fuzzy:
            continue  # not used, and reported above; its placeholders are checked once reviewed
        problems = placeholder_problems(message, plural, percent_format=path.stem != "content")
        problems += number_problems(message, language)
        count_problem = form_count_problem(message, catalog.num_plurals)
        if count_problem and any(forms):
            problems.append(count_problem)
        findings += [Finding(level, line, p) for p in problems]
        for text in forms:
            if text and _MARKUP.search(text):
                findings.append(
                    Finding(level, line, f"translation contains markup; write plain text: {text!r}")
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
                    level,
                    where,
                    f"{len(missing)} message(s) of {template.name} are not in the catalog (run: make update-po)",
                )
            )
        total = len(expected)
        translated = min(translated, total - len(missing))
    if shipped and path.stem == "content" and not _review_recorded(catalog):
        findings.append(
            Finding(
                Finding.WARNING,
                where,
                "no medical review recorded: add '# Medical review: NAME, ROLE, DATE' to the "
                "header comment (see translations/README.md)",
            )
        )
    percent = 100 * translated // total if total else 100  # 99.6 % is not yet 100 %
    status = "" if shipped else f" [{IN_PROGRESS}]"
    progress = Finding.INFO if translated >= total or not shipped else Finding.ERROR
    findings.append(
        Finding(
            progress,
            where,
            f"{translated} of {total} messages translated ({percent}%){status}",
        )
    )
    return findings + todo


def _key(message: Message) -> tuple[str, str | None]:
    return forms_of(message.id)[0], message.context


def translation_findings(translations_dir: Path) -> list[Finding]:
    """Check the catalogs of every shipped and in-progress language in every domain."""
    problems = language_list(translations_dir)[1]
    findings = [Finding(Finding.ERROR, LANGUAGES_FILE, p) for p in problems]
    for code, status in sorted(language_statuses(translations_dir).items()):
        shipped = status == SHIPPED
        if shipped and not (translations_dir / code / "LC_MESSAGES").is_dir():
            findings.append(
                Finding(Finding.ERROR, LANGUAGES_FILE, f"{code} is shipped but has no catalogs")
            )
            continue
        for domain in DOMAINS:
            findings += catalog_findings(
                catalog_path(code, domain, translations_dir),
                translations_dir / f"{domain}.pot",
                code,
                shipped=shipped,
            )
    return findings
