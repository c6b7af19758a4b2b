"""Translations: extraction, shipped catalogs, fallbacks, plurals, formatting, pseudo-locale, checks."""

from __future__ import annotations

import datetime as dt
import gettext
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from babel import dates as babel_dates
from babel import lists as babel_lists
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

from decisionaid import paths
from decisionaid.babel_extract import extract_content
from decisionaid.checks import (
    Finding,
    catalog_findings,
    run_checks,
    translation_findings,
)
from decisionaid.content import Content, load_content
from decisionaid.i18n import (
    DOMAINS,
    PSEUDO_ENV,
    PSEUDO_LANGUAGE,
    SOURCE_LANGUAGE,
    _,
    _long_date,
    _long_date_form,
    available_languages,
    brace_fields,
    compile_catalog,
    describe_language,
    format_list,
    load_translator,
    ngettext,
    percent_fields,
    pgettext,
    pseudolocalize,
    use_language,
)
from decisionaid.report import statistic_sentence

REPO = paths.translations_dir().parent
SHIPPED = [lang.code for lang in available_languages(include_pseudo=False) if lang.code != "en"]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
STATISTIC = (
    "{events} out of {total} person in {study}, {time_frame}",
    "{events} out of {total} people in {study}, {time_frame}",
)
AR_PLURAL = "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
ES_PLURAL = "nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);"


def _write_po(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def _po(language: str, plural_forms: str, body: str) -> str:
    header = f"""
        msgid ""
        msgstr ""
        "Language: {language}\\n"
        "Plural-Forms: {plural_forms}\\n"
        "Content-Type: text/plain; charset=utf-8\\n"

        """
    return textwrap.dedent(header) + textwrap.dedent(body)


def _fresh_messages() -> set[tuple[str, str | None]]:
    """Every interface msgid in the source as it is now (not as the .pot last saw it)."""
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(REPO / "src"), [("**.py", "python")], keywords=KEYWORDS
    ):
        found.add((message if isinstance(message, str) else message[0], context))
    return found


# --- extraction ---------------------------------------------------------------------------


def test_the_extractor_yields_every_content_string_with_its_key_path(content: Content) -> None:
    extracted = set()
    for path in sorted(paths.content_dir().glob("*.yaml")):
        for _line, message, comments, context in extract_from_file(
            extract_content, str(path), keywords={"pgettext": ((1, "c"), 2)}
        ):
            extracted.add((context, message))
            assert comments == [f"yaml: {context}"]
    assert extracted == {(t.context, t.text) for t in content.texts}
    assert len(extracted) == len(content.texts)


def test_pybabel_extract_with_the_pyproject_config_writes_msgctxt(
    tmp_path: Path, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    out = tmp_path / "content.pot"
    yamls = sorted(str(p.relative_to(REPO)) for p in paths.content_dir().glob("*.yaml"))
    CommandLineInterface().run(
        ["pybabel", "-q", "extract", "-F", "pyproject.toml", "-o", str(out), *yamls]
    )
    with out.open("rb") as handle:
        catalog = read_po(handle)
    entry = content.texts[0]
    message = catalog.get(entry.text, context=entry.context)
    assert message is not None
    assert message.locations[0] == (f"resources/content/{entry.file}", entry.line)
    assert len(catalog) == len(content.texts)


def test_the_committed_templates_are_up_to_date(content: Content) -> None:
    with (paths.translations_dir() / "content.pot").open("rb") as handle:
        content_pot = {(m.id, m.context) for m in list(read_po(handle))[1:]}
    assert content_pot == {(t.text, t.context) for t in content.texts}, "run: make extract"
    with (paths.translations_dir() / "messages.pot").open("rb") as handle:
        messages_pot = {
            (m.id if isinstance(m.id, str) else m.id[0], m.context)
            for m in list(read_po(handle))[1:]
        }
    missing = _fresh_messages() - messages_pot
    assert not missing, f"messages.pot is stale (run: make extract): {sorted(missing)[:5]}"


# --- shipped catalogs -----------------------------------------------------------------------


def test_spanish_and_arabic_are_shipped() -> None:
    assert {"es", "ar"} <= set(SHIPPED)


@pytest.mark.parametrize("language", SHIPPED)
def test_every_shipped_language_is_complete_in_both_domains(
    language: str, content: Content
) -> None:
    wanted = {
        "content": {(t.text, t.context) for t in content.texts},
        "messages": _fresh_messages(),
    }
    for domain in DOMAINS:
        path = paths.translations_dir() / language / "LC_MESSAGES" / f"{domain}.po"
        with path.open("rb") as handle:
            catalog = read_po(handle)
        done = set()
        for message in list(catalog)[1:]:
            forms = [message.string] if isinstance(message.string, str) else list(message.string)
            if all(forms) and not message.fuzzy:
                done.add(
                    (message.id if isinstance(message.id, str) else message.id[0], message.context)
                )
        missing = wanted[domain] - done
        assert not missing, (
            f"{language}/{domain}: {len(missing)} untranslated, e.g. {sorted(missing)[:3]}"
        )


@pytest.mark.parametrize("language", SHIPPED)
def test_every_shipped_catalog_passes_the_translation_checks(language: str) -> None:
    findings = [
        f for f in translation_findings(paths.translations_dir()) if f.where.startswith(language)
    ]
    # The one warning allowed: nobody has recorded the medical review of es and ar yet.
    problems = [
        str(f)
        for f in findings
        if f.level != Finding.INFO and not f.message.startswith("no medical review recorded")
    ]
    assert problems == []
    assert len([f for f in findings if "(100%)" in f.message]) == len(DOMAINS)


@pytest.mark.parametrize("language", SHIPPED)
def test_the_translated_pack_loads_and_differs_from_english(
    language: str, content: Content
) -> None:
    translator = load_translator(language)
    assert translator.problems == ()
    translated = load_content(paths.content_dir(), translator.content_text)
    assert translated.pack.title != content.pack.title
    assert [f.id for f in translated.facts] == [f.id for f in content.facts]
    assert all(t.text for t in translated.texts)


def test_check_reports_no_translation_errors_for_the_shipped_languages() -> None:
    findings = run_checks(paths.content_dir(), paths.translations_dir(), dt.date(2026, 11, 25))
    assert [str(f) for f in findings if f.level == Finding.ERROR] == []


# --- runtime --------------------------------------------------------------------------------


def test_language_names_are_written_in_the_language_itself() -> None:
    names = {lang.code: lang.native_name for lang in available_languages(include_pseudo=False)}
    assert names["ar"] == "العربية"
    assert names["es"] == "Español"
    assert names["en"] == "English"
    assert describe_language("ar").english_name == "Arabic"


def test_other_languages_are_named_in_the_interface_language() -> None:
    # For "Show the guide in {language}": the name the reader understands, not the English one.
    assert load_translator("es").language_name("ar") == "árabe"
    assert load_translator("ar").language_name("es") == "الإسبانية"
    assert load_translator("en").language_name("es") == "Spanish"
    assert load_translator("es").language_name("es") == "Español"


def test_arabic_is_right_to_left_and_spanish_left_to_right() -> None:
    assert describe_language("ar").direction == "rtl"
    assert load_translator("ar").direction == "rtl"
    assert describe_language("es").direction == "ltr"
    assert load_translator("es").direction == "ltr"


def test_dates_follow_the_language() -> None:
    # Our part is asking CLDR (through Babel) in the person's language and the long form; the
    # exact punctuation is CLDR's data, which may change between releases, so only the words
    # that mark the language are written out here.
    day = dt.date(2026, 3, 7)
    expected_month = {"es": "marzo", "ar": "مارس", "en": "March"}
    for code, month in expected_month.items():
        written = load_translator(code).format_date(day)
        assert written == babel_dates.format_date(day, "long", locale=code)
        assert month in written
        assert "2026" in written


# The shipped languages, the pseudo-locale, and languages a translator may add next, with
# long-date patterns of every shape CLDR has (day first, month first, year first, words
# around them, none that our form can write: ja, zh, th).
FORMAT_LANGUAGES = ("en", "es", "ar", PSEUDO_LANGUAGE, "fr", "de", "ru", "he", "fa", "ko")
FORMAT_LANGUAGES += ("pt_BR", "hi", "ja", "zh", "th", "ur")


@pytest.mark.parametrize("code", FORMAT_LANGUAGES)
def test_a_long_date_is_what_babel_writes_on_every_day(code: str) -> None:
    """The date form kept as a locale fact writes what Babel writes, every day of 8 years."""
    locale = "en" if code == PSEUDO_LANGUAGE else code
    first = dt.date(2024, 1, 1)
    for offset in range(366 * 8):
        day = first + dt.timedelta(days=offset)
        assert _long_date(day, code) == babel_dates.format_date(day, "long", locale=locale)
    assert (_long_date_form(code) is None) == (code in ("ja", "zh", "th"))


@pytest.mark.parametrize("code", FORMAT_LANGUAGES)
def test_a_list_is_what_babel_writes(code: str) -> None:
    locale = "en" if code == PSEUDO_LANGUAGE else code
    with use_language(load_translator(code)):
        for count in range(7):
            words = [f"w{n}" for n in range(count)]
            assert format_list(words) == babel_lists.format_list(words, locale=locale)
        assert format_list(iter(["a", "b"])) == babel_lists.format_list(["a", "b"], locale=locale)


def test_a_pdf_on_any_day_needs_no_babel(tmp_path: Path) -> None:
    """With the start-up cache warm, `decisionaid render` formats its dates and lists itself."""
    from decisionaid.content import cache
    from documented import write_documented_answers

    program = """
import sys
from decisionaid.cli import main
for date in ("2026-11-25", "2031-02-28"):
    args = ["render", "--answers", sys.argv[1], "--out", sys.argv[2], "--lang", sys.argv[3]]
    assert main([*args, "--date", date]) == 0
print(sorted(m for m in sys.modules if m == "babel" or m.startswith("babel.")))
"""
    source = write_documented_answers(tmp_path)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), cache.ENV: "1"}
    for code in ("en", "ar"):
        argv = [sys.executable, "-c", program, str(source), str(tmp_path / "x.pdf"), code]
        first = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
        assert "babel" in first.stdout  # the cache was written: Babel worked the forms out
        again = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
        assert again.stdout.strip().splitlines()[-1] == "[]"


def test_a_missing_string_falls_back_to_english_never_a_key() -> None:
    with use_language(load_translator("es")):
        assert _("Next") == "Siguiente"
        assert _("A string nobody translated") == "A string nobody translated"
        assert ngettext("one apple", "{n} apples", 3) == "{n} apples"
        assert pgettext("nowhere", "Plain") == "Plain"
    translator = load_translator("ar")
    assert translator.content_text("no/such/path", "English text") == "English text"


@pytest.mark.parametrize(
    ("n", "form"),
    [(0, 0), (1, 1), (2, 2), (3, 3), (10, 3), (11, 4), (99, 4), (100, 5), (101, 5), (102, 5)],
)
def test_arabic_has_six_plural_forms_in_cldr_order(n: int, form: int) -> None:
    path = paths.translations_dir() / "ar" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    forms = catalog.get(STATISTIC[0]).string
    assert catalog.num_plurals == 6
    assert len(set(forms)) == 6, "each Arabic plural form should read differently"
    with use_language(load_translator("ar")):
        assert ngettext(*STATISTIC, n) == forms[form]


def test_the_statistic_sentence_agrees_with_the_count_in_each_language(content: Content) -> None:
    stat = next(f.statistic for f in content.facts if f.statistic is not None)
    with use_language(load_translator("es")):
        assert statistic_sentence(stat).startswith(f"{stat.events} de {stat.total} persona")
    with use_language(load_translator("ar")):
        sentence = statistic_sentence(stat)
    assert str(stat.events) in sentence
    assert "{" not in sentence


@pytest.mark.parametrize("language", ["es", "ar"])
def test_spanish_uses_three_plural_forms_and_arabic_six(language: str) -> None:
    # Spanish: one, many (a million, 2 million… as CLDR has it), other.
    path = paths.translations_dir() / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        assert read_po(handle).num_plurals == {"es": 3, "ar": 6}[language]


def test_untranslated_plurals_are_dropped_so_english_shows_not_garbage() -> None:
    # babel#697: write_mo would map Arabic form 1 to the English *plural* id ("1 people").
    catalog = Catalog(locale="ar")
    catalog.add(("{n} person", "{n} people"), ("",) * 6)
    catalog.add(("{n} cat", "{n} cats"), ("قطط", "", "", "", "", ""))  # partly done: dropped too
    catalog.add("Hello", "مرحبًا")
    translations = compile_catalog(catalog)
    for n in (0, 1, 2, 3, 11, 100):
        expected = "{n} person" if n == 1 else "{n} people"
        assert translations.ngettext("{n} person", "{n} people", n) == expected
        assert translations.ngettext("{n} cat", "{n} cats", n) == (
            "{n} cat" if n == 1 else "{n} cats"
        )
    assert translations.gettext("Hello") == "مرحبًا"


def test_a_broken_catalog_falls_back_to_english_and_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "translations"
    shutil.copytree(paths.translations_dir(), root)
    broken = root / "es" / "LC_MESSAGES" / "messages.po"
    broken.write_text(broken.read_text(encoding="utf-8") + '\nmsgid "unterminated\n', "utf-8")
    translator = load_translator("es", root)
    assert len(translator.problems) == 1
    assert "messages.po" in translator.problems[0]
    with use_language(translator):
        assert _("Next") == "Next"
    assert translator.content_text("leaning/prompt", "Which way are you leaning now?") != (
        "Which way are you leaning now?"
    )  # the content catalog is fine and still used
    findings = [f for f in translation_findings(root) if f.level == Finding.ERROR]
    assert any("cannot be read" in f.message and f.where == "es/messages.po" for f in findings)


def test_a_missing_catalog_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "translations"
    shutil.copytree(paths.translations_dir(), root)
    (root / "ar" / "LC_MESSAGES" / "content.po").unlink()
    assert any("missing" in p for p in load_translator("ar", root).problems)
    findings = translation_findings(root)
    assert any(f.where == "ar/content.po" and f.level == Finding.ERROR for f in findings)


# --- checks ---------------------------------------------------------------------------------


def test_placeholder_helpers() -> None:
    assert brace_fields("{events} out of {total} in {study}") == {"events", "total", "study"}
    assert brace_fields("{{literal}} {x}") == {"x"}
    assert brace_fields("{unbalanced") is None
    assert percent_fields("%s and %(name)s, 100%% sure, %d") == {"%s": 1, "%(name)s": 1, "%d": 1}


def test_placeholder_mismatches_are_errors(tmp_path: Path) -> None:
    po = _write_po(
        tmp_path / "es" / "LC_MESSAGES" / "messages.po",
        _po(
            "es",
            "nplurals=2; plural=(n != 1);",
            """
            msgid "Hello, {name}!"
            msgstr "¡Hola, {nombre}!"

            msgid "Step {number} of {total}"
            msgstr "Paso {number}"

            #, python-format
            msgid "%(count)d of 100 people"
            msgstr "%(cuenta)d de 100 personas"

            #, python-format
            msgid "Saved %s"
            msgstr "Guardado"

            msgid "{events} out of {total} person"
            msgid_plural "{events} out of {total} people"
            msgstr[0] "{events} de {total} persona"
            msgstr[1] "{events} de personas"

            msgid "Broken {braces}"
            msgstr "Rotas {llaves"

            msgid "All good, {name}."
            msgstr "Todo bien, {name}."
            """,
        ),
    )
    findings = [f for f in catalog_findings(po, None, "es") if f.level == Finding.ERROR]
    text = "\n".join(str(f) for f in findings)
    assert "unknown placeholder(s) {nombre}" in text
    assert "missing placeholder(s) {name}" in text
    assert "missing placeholder(s) {total}" in text
    assert "%(cuenta)d" in text
    assert "has %-placeholders none, expected %s" in text
    assert "msgstr[1] is missing placeholder(s) {total}" in text
    assert "unbalanced braces" in text
    assert "All good" not in text
    assert len([f for f in findings if "placeholder" in f.message or "braces" in f.message]) == 7


def test_arabic_single_value_forms_may_leave_the_number_out(tmp_path: Path) -> None:
    forms = [
        "{seconds} من الثواني",
        "ثانية واحدة",
        "ثانيتين",
        "{seconds} ثوانٍ",
        "{seconds} ثانيةً",
        "ثانية",  # form 5 covers 100, 101, 102…: the number must stay
    ]
    body = 'msgid "{seconds} second"\nmsgid_plural "{seconds} seconds"\n' + "".join(
        f'msgstr[{i}] "{form}"\n' for i, form in enumerate(forms)
    )
    po = _write_po(tmp_path / "ar" / "LC_MESSAGES" / "messages.po", _po("ar", AR_PLURAL, body))
    errors = [str(f) for f in catalog_findings(po, None, "ar") if f.level == Finding.ERROR]
    assert len(errors) == 1  # forms 1 and 2 are for n=1 and n=2 only; form 5 is not
    assert "msgstr[5] is missing placeholder(s) {seconds}" in errors[0]


# The rule `pybabel init -l ar` wrote up to Babel 2.18 (python-babel/babel#816): "many" (11..99)
# and "other" (100..102) swapped. Written out here so the test holds whichever Babel is installed.
AR_SWAPPED_PLURAL = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=0 && n%100<=2 ? 4 : 5);"
)


def test_check_flags_an_arabic_plural_rule_that_disagrees_with_cldr(tmp_path: Path) -> None:
    po = _write_po(
        tmp_path / "ar" / "LC_MESSAGES" / "messages.po", _po("ar", AR_SWAPPED_PLURAL, "")
    )
    errors = [f.message for f in catalog_findings(po, None, "ar") if f.level == Finding.ERROR]
    assert any("n=11 in form 5, CLDR says form 4 (many)" in e for e in errors)
    paste = re.search(r'paste this header line: (".*")$', errors[0])
    assert paste, "no rule to paste"
    assert paste[1] == (
        '"Plural-Forms: nplurals=6; plural=(n == 0 ? 0 : n == 1 ? 1 : n == 2 ? 2 : '
        'n % 100 >= 3 && n % 100 <= 10 ? 3 : n % 100 >= 11 && n % 100 <= 99 ? 4 : 5);\\n"'
    )
    text = po.read_text("utf-8")
    po.write_text(text.replace(f'"Plural-Forms: {AR_SWAPPED_PLURAL}\\n"', paste[1]), "utf-8")
    assert [f for f in catalog_findings(po, None, "ar") if f.level == Finding.ERROR] == []


# CLDR's Arabic categories, in gettext order: zero one two few many other.
@pytest.mark.parametrize(
    ("n", "form"), [(0, 0), (1, 1), (2, 2), (3, 3), (11, 4), (100, 5), (101, 5)]
)
@pytest.mark.parametrize("domain", ["messages", "content"])
def test_our_arabic_catalogs_use_the_cldr_plural_rule(domain: str, n: int, form: int) -> None:
    path = paths.translations_dir() / "ar" / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    assert catalog.num_plurals == 6
    assert gettext.c2py(catalog.plural_expr)(n) == form


def test_markup_fuzzy_and_gaps_are_errors(tmp_path: Path) -> None:
    po = _write_po(
        tmp_path / "es" / "LC_MESSAGES" / "content.po",
        _po(
            "es",
            "nplurals=2; plural=(n != 1);",
            """
            msgctxt "a/label"
            msgid "Plain"
            msgstr "Texto <b>plano</b>"

            #, fuzzy
            msgctxt "b/label"
            msgid "Guess"
            msgstr "Adivina"

            msgctxt "c/label"
            msgid "Not done"
            msgstr ""
            """,
        ),
    )
    template = tmp_path / "content.pot"
    with template.open("wb") as handle:
        pot = Catalog()
        for context, text in [("a/label", "Plain"), ("b/label", "Guess"), ("c/label", "Not done")]:
            pot.add(text, context=context)
        pot.add("New in the pack", context="d/label")
        write_po(handle, pot)
    messages = [f.message for f in catalog_findings(po, template, "es") if f.level == Finding.ERROR]
    assert any("markup" in m for m in messages)
    assert any("fuzzy" in m for m in messages)
    assert any("1 message(s) of content.pot are not in the catalog" in m for m in messages)
    assert any("1 of 4 messages translated (25%)" in m for m in messages)


# --- pseudo-locale --------------------------------------------------------------------------


def test_pseudolocalize_protects_placeholders_and_stands_out() -> None:
    text = pseudolocalize("Hello, {name}! %(count)d of %s people, 100%% sure")
    assert text.startswith("[")
    assert text.endswith("]")
    for placeholder in ("{name}", "%(count)d", "%s", "%%"):
        assert placeholder in text
    assert "Ĥéĺĺö" in text
    assert text.count("~") >= round(0.4 * len("Hello, ! of  people, 100 sure")) - 1
    assert pseudolocalize("") == ""


def test_the_pseudo_locale_is_hidden_unless_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PSEUDO_ENV, raising=False)
    assert PSEUDO_LANGUAGE not in {lang.code for lang in available_languages()}
    assert PSEUDO_LANGUAGE in {lang.code for lang in available_languages(include_pseudo=True)}
    monkeypatch.setenv(PSEUDO_ENV, "1")
    assert PSEUDO_LANGUAGE in {lang.code for lang in available_languages()}
    described = describe_language(PSEUDO_LANGUAGE)
    assert (described.native_name, described.direction) == ("Pseudo (en_XA)", "ltr")


def test_the_pseudo_locale_is_built_from_the_templates(content: Content) -> None:
    translator = load_translator(PSEUDO_LANGUAGE)
    assert translator.problems == ()
    assert translator.format_date(dt.date(2026, 3, 7)) == "March 7, 2026"
    with use_language(translator):
        assert _("Next").startswith("[Ñéẋŧ")
        sentence = ngettext(*STATISTIC, 2).format(events=1, total=2, study="X", time_frame="Y")
        assert sentence.startswith("[1 öúŧ öƒ 2 ")
        assert "X" in sentence
    translated = load_content(paths.content_dir(), translator.content_text)
    assert translated.pack.title.startswith("[")
    assert all(f.title.startswith("[") and f.title.endswith("]") for f in translated.facts)
    assert load_translator(SOURCE_LANGUAGE).content_text("pack/title", "X") == "X"


def test_a_percent_sign_in_content_is_text_not_a_placeholder(tmp_path: Path) -> None:
    body = '#, python-format\nmsgctxt "a/body"\nmsgid "About 40% of people"\nmsgstr "Alrededor del 40 % de las personas"\n'
    po = _write_po(tmp_path / "es" / "LC_MESSAGES" / "content.po", _po("es", ES_PLURAL, body))
    assert [f for f in catalog_findings(po, None, "es") if f.level == Finding.ERROR] == []
    messages = po.rename(po.with_name("messages.po"))
    assert any("%-placeholders" in f.message for f in catalog_findings(messages, None, "es"))


@pytest.mark.parametrize("language", ["es", "ar"])
def test_render_makes_a_translated_pdf(language: str, content: Content, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from decisionaid.cli import main
    from factories import complete_answers

    answers = tmp_path / "answers.yaml"
    answers.write_text(complete_answers(content).dumps(), encoding="utf-8")
    out = tmp_path / f"summary-{language}.pdf"
    assert main(["render", "--answers", str(answers), "--out", str(out), "--lang", language]) == 0
    reader = PdfReader(out)
    with use_language(load_translator(language)):
        title = _("CAR-T decision aid: my summary and questions")
    assert reader.metadata.title == title
    assert title != "CAR-T decision aid: my summary and questions"
    assert len(reader.pages) >= 2


def test_pseudo_text_is_longer_but_can_still_wrap() -> None:
    english = "This guide is for adults with a severe autoimmune disease that is not controlled"
    pseudo = pseudolocalize(english)
    assert len(pseudo) >= 1.4 * len(english)
    assert max(len(word) for word in pseudo.split()) <= max(len(w) for w in english.split()) + 6
