"""Language status (shipped / in progress), CLDR plural rules, the numbers rule, and catalogs that
are broken but never break the app (issue 19: plural rules, placeholders, braces)."""

from __future__ import annotations

import datetime as dt
import gettext
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from babel import Locale
from babel.localedata import locale_identifiers
from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from decisionaid import paths
from decisionaid.checks import (
    Finding,
    catalog_findings,
    cldr_categories,
    cldr_plural_forms,
    number_problems,
    numbers_of,
    run_checks,
    spelled_out_numbers,
    translation_findings,
)
from decisionaid.content import Content
from decisionaid.i18n import (
    IN_PROGRESS,
    PLURAL_PROBE,
    SHIPPED,
    _,
    available_languages,
    brace_fields,
    language_statuses,
    load_translator,
    ngettext,
    use_language,
)
from decisionaid.report import statistic_sentence
from projectcopy import VENV_BIN, decisionaid, line_of, project_copy, replace_in, run_in

STATISTIC = (
    "{events} out of {total} person in {study}, {time_frame}",
    "{events} out of {total} people in {study}, {time_frame}",
)
PYBABEL = VENV_BIN / "pybabel"


# --- which languages are offered ------------------------------------------------------------


def test_only_listed_shipped_languages_are_offered(tmp_path: Path) -> None:
    root = tmp_path / "translations"
    shutil.copytree(paths.translations_dir(), root)
    (root / "fr" / "LC_MESSAGES").mkdir(parents=True)
    assert language_statuses(root) == {"ar": SHIPPED, "es": SHIPPED, "fr": IN_PROGRESS}
    offered = {lang.code for lang in available_languages(root, include_pseudo=False)}
    assert offered == {"en", "es", "ar"}
    previews = available_languages(root, include_pseudo=False, include_in_progress=True)
    assert "fr" in {lang.code for lang in previews}
    replace_in(root / "languages.toml", 'es = "shipped"', 'es = "in-progress"\nfr = "shipped"')
    offered = {lang.code for lang in available_languages(root, include_pseudo=False)}
    assert offered == {"en", "ar", "fr"}


@pytest.mark.parametrize(
    "text", ["[languages]\nes = shipped\n", "es = 'shipped'\n", "[languages]\nes = 'done'\n"]
)
def test_a_broken_language_list_ships_nothing_and_is_an_error(tmp_path: Path, text: str) -> None:
    root = tmp_path / "translations"
    shutil.copytree(paths.translations_dir(), root)
    (root / "languages.toml").write_text(text, "utf-8")
    assert {lang.code for lang in available_languages(root, include_pseudo=False)} <= {"en", "ar"}
    errors = [f for f in translation_findings(root) if f.level == Finding.ERROR]
    assert any(f.where == "languages.toml" for f in errors)


def test_an_in_progress_language_is_reported_but_never_fails(tmp_path: Path) -> None:
    root = tmp_path / "translations"
    shutil.copytree(paths.translations_dir(), root)
    replace_in(root / "languages.toml", 'es = "shipped"', 'es = "in-progress"')
    messages = root / "es" / "LC_MESSAGES" / "messages.po"
    replace_in(messages, 'msgstr "Siguiente"', 'msgstr ""')
    replace_in(messages, "{total} personas en {study}", "{total} personas en {estudio}")
    findings = [f for f in translation_findings(root) if f.where.startswith("es/")]
    assert not [f for f in findings if f.level == Finding.ERROR]
    todo = [f for f in findings if f.level == Finding.TODO]
    assert [f.message for f in todo] == ["untranslated: 'Next'"]
    assert todo[0].where.startswith("es/messages.po:")
    line = int(todo[0].where.rsplit(":", 1)[1])
    assert messages.read_text("utf-8").splitlines()[line - 1] == 'msgid "Next"'
    assert any("{estudio}" in f.message and f.level == Finding.WARNING for f in findings)
    assert any("(99%) [in-progress]" in f.message for f in findings)
    replace_in(root / "languages.toml", 'es = "in-progress"', 'es = "shipped"')
    errors = [str(f) for f in translation_findings(root) if f.level == Finding.ERROR]
    assert any("untranslated: 'Next'" in e for e in errors)
    assert any("{estudio}" in e for e in errors)


# --- plural rules from CLDR -----------------------------------------------------------------


def test_the_probe_reaches_every_category_whole_numbers_have() -> None:
    assert cldr_categories("fr") == ["one", "many", "other"]  # many: 1 000 000, 2 000 000…
    assert cldr_categories("es") == ["one", "many", "other"]
    assert cldr_categories("ru") == ["one", "few", "many"]  # "other" is for fractions only
    assert cldr_categories("ar") == ["zero", "one", "two", "few", "many", "other"]
    assert cldr_categories("ja") == ["other"]
    assert {10**6, 10**6 + 1} <= set(PLURAL_PROBE)


def test_a_rule_to_paste_exists_for_every_cldr_language() -> None:
    # Built from CLDR for any locale, and verified against it over the probe.
    languages = sorted({code.split("_")[0] for code in locale_identifiers()})
    assert len(languages) > 300
    missing = []
    for language in languages:
        forms = cldr_plural_forms(language)
        if forms is None:
            missing.append(language)
            continue
        nplurals = int(forms.split(";")[0].split("=")[1])
        rule = gettext.c2py(forms.split("plural=")[1].rstrip(";"))
        order = cldr_categories(language)
        assert order is not None
        cldr = Locale.parse(language).plural_form
        assert nplurals == len(order)
        assert all(rule(n) == order.index(cldr(n)) for n in PLURAL_PROBE), language
    assert missing == []


@pytest.mark.parametrize("language", ["fr", "de", "pl", "ru", "ar", "zh", "ja"])
def test_pybabel_init_output_passes_check_unedited(tmp_path: Path, language: str) -> None:
    root = tmp_path / "translations"
    shutil.copytree(paths.translations_dir(), root)
    shutil.rmtree(root / language, ignore_errors=True)  # Arabic starts again from nothing
    if language == "ar":
        replace_in(root / "languages.toml", 'ar = "shipped"\n', "")
    for domain in ("messages", "content"):
        init = ["init", "-D", domain, "-i", root / f"{domain}.pot", "-d", root, "-l", language]
        result = subprocess.run(
            [PYBABEL, *init, "--width", "100"], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
    findings = run_checks(paths.content_dir(), root, dt.date(2026, 11, 25))
    # Un-shipping Arabic rightly makes the published FHIR Questionnaire (which carries the
    # shipped languages) out of date; that is the Questionnaire's finding, not the catalog's.
    errors = [f for f in findings if f.level == Finding.ERROR]
    if language == "ar":
        errors = [f for f in errors if not f.where.startswith("fhir")]
    assert [str(f) for f in errors] == []
    mine = [f for f in findings if f.where.startswith(f"{language}/")]
    assert not [f for f in mine if "Plural-Forms" in f.message], [str(f) for f in mine]
    assert any("0 of" in f.message and "[in-progress]" in f.message for f in mine)


def test_a_wrong_rule_prints_the_line_to_paste_and_that_line_passes(tmp_path: Path) -> None:
    po = tmp_path / "fr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n'
        '"Content-Type: text/plain; charset=utf-8\\n"\n',
        "utf-8",
    )
    [finding] = [f for f in catalog_findings(po, None, "fr") if "Plural-Forms" in f.message]
    assert finding.where == "fr/messages.po:4"
    assert "CLDR has 3 (one, many, other)" in finding.message
    line = finding.message.split("paste this header line: ")[1]
    assert line == (
        '"Plural-Forms: nplurals=3; plural=(n >= 0 && n <= 1 ? 0 : '
        'n != 0 && n % 1000000 == 0 ? 1 : 2);\\n"'
    )
    replace_in(po, '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"', line)
    assert not [f for f in catalog_findings(po, None, "fr") if "Plural-Forms" in f.message]


# --- numbers --------------------------------------------------------------------------------


def test_numbers_in_any_script_outside_placeholders() -> None:
    assert numbers_of("{count} of 15, 1 to 3 years") == {15: 1, 1: 1, 3: 1}
    assert numbers_of("١٥ من {total}") == {15: 1}  # Arabic-Indic digits count as the same figure


def test_only_a_number_alone_in_its_plural_category_may_be_spelled_out() -> None:
    assert spelled_out_numbers("ar") == {0, 1, 2}
    assert spelled_out_numbers("es") == {1}
    assert spelled_out_numbers("fr") == set()  # "one" is 0 and 1
    assert spelled_out_numbers("ja") == set()


@pytest.mark.parametrize(
    ("language", "msgid", "msgstr", "problem"),
    [
        ("ar", "for at least 2 weeks", "لمدة أسبوعين على الأقل", None),  # the dual: rule 2
        ("ar", "about 1 to 2 weeks", "من أسبوع إلى أسبوعين", None),
        ("ar", "10 to 15 minutes", "من ١٠ إلى ١٥ دقيقة", None),
        ("ar", "10 to 15 minutes", "نحو 10 دقائق", "lost the number(s) 15 (rule 2)"),
        ("es", "at least 2 weeks", "al menos dos semanas", "lost the number(s) 2 (rule 2)"),
        ("es", "in 2024", "en 2024 y 2025", "has number(s) the English has not: 2025"),
        ("fr", "1 of {total}", "une sur {total}", "lost the number(s) 1 (rule 2)"),
    ],
)
def test_the_numbers_rule(language: str, msgid: str, msgstr: str, problem: str | None) -> None:
    problems = number_problems(Message(msgid, msgstr), language)
    assert problems == ([] if problem is None else [f"msgstr {problem}"])


# --- a broken translation never breaks the app (issue 19, item 3) ----------------------------

BROKEN_PLURALS = [
    "nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;",  # unbalanced
    "nplurals=3; plural=(n % 0);",  # divides by zero when evaluated
    "nplurals=3; plural=(n == 1 ? 0 : 7);",  # a form that does not exist
]
ES_RULE = "nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);"


@pytest.fixture
def translations(tmp_path: Path) -> Path:
    """A copy of the shipped translations to break."""
    root = tmp_path / "translations"
    shutil.copytree(paths.translations_dir(), root)
    return root


@pytest.mark.parametrize("rule", BROKEN_PLURALS)
def test_a_broken_plural_rule_makes_plurals_english(
    translations: Path, rule: str, caplog: pytest.LogCaptureFixture
) -> None:
    po = translations / "es" / "LC_MESSAGES" / "messages.po"
    replace_in(po, ES_RULE, rule)
    translator = load_translator("es", translations)
    with use_language(translator):
        assert _("Next") == "Siguiente"  # the rest of the catalog is still used
        for n in (0, 1, 2, 10**6):
            assert ngettext(*STATISTIC, n) == STATISTIC[n != 1]
    assert any(str(po) in p and "Plural-Forms" in p for p in translator.problems)
    assert any(str(po) in r.getMessage() for r in caplog.records)
    errors = [f for f in translation_findings(translations) if f.level == Finding.ERROR]
    line = line_of(po, '"Plural-Forms:')
    assert [f.where for f in errors if "Plural-Forms" in f.message] == [f"es/messages.po:{line}"]


def test_a_wrong_placeholder_shows_english_for_that_message_only(
    translations: Path, content: Content, caplog: pytest.LogCaptureFixture
) -> None:
    po = translations / "es" / "LC_MESSAGES" / "messages.po"
    replace_in(
        po, 'msgstr[1] "{events} de {total} personas', 'msgstr[1] "{eventos} de {total} personas'
    )
    translator = load_translator("es", translations)
    stat = next(f.statistic for f in content.facts if f.statistic is not None)
    with use_language(translator):
        assert statistic_sentence(stat).startswith(f"{stat.events} out of {stat.total} people")
        assert _("Next") == "Siguiente"
    [warning] = [r.getMessage() for r in caplog.records if "eventos" in r.getMessage()]
    line = line_of(po, f'msgid "{STATISTIC[0]}"')
    assert f"{po}:{line}: English is used for msgid '{STATISTIC[0]}'" in warning
    errors = [str(f) for f in translation_findings(translations) if f.level == Finding.ERROR]
    assert (
        f"error: es/messages.po:{line}: msgstr[1] has unknown placeholder(s) {{eventos}}" in errors
    )


def test_an_unbalanced_brace_shows_english_for_that_message_only(translations: Path) -> None:
    po = translations / "es" / "LC_MESSAGES" / "messages.po"
    replace_in(
        po, 'msgstr "Versión del contenido {version}.', 'msgstr "Versión del contenido {version.'
    )
    translator = load_translator("es", translations)
    english = "Content version {version}. Last reviewed {reviewed}. Next review due {due}."
    line = line_of(po, f'msgid "{english}"')
    with use_language(translator):
        assert _(english) == english
    assert any(f":{line}: English is used for msgid" in p for p in translator.problems)
    errors = [str(f) for f in translation_findings(translations) if f.level == Finding.ERROR]
    assert any(
        e.startswith(f"error: es/messages.po:{line}: msgstr has unbalanced braces") for e in errors
    )


# The same three cases, as a person meets them: the commands that used to crash.
CASES = {
    "plural-forms": (ES_RULE, BROKEN_PLURALS[0]),
    "placeholder": (
        'msgstr[1] "{events} de {total} personas',
        'msgstr[1] "{eventos} de {total} personas',
    ),
    "brace": (
        'msgstr "Versión del contenido {version}.',
        'msgstr "Versión del contenido {version.',
    ),
}

# Starts the wizard offscreen, builds every page (the Benefits page used to crash half-built),
# and reports what is on screen instead of waiting for a person.
GUI_PROBE = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication, QWizard

    def exec_(self):
        self.processEvents()
        [wizard] = [w for w in self.topLevelWidgets() if isinstance(w, QWizard) and w.isVisible()]
        for page_id in wizard.pageIds():
            wizard.page(page_id).ensure_built()
        self.processEvents()
        print("pages built:", len(wizard.pageIds()), "title:", wizard.currentPage().title())
        return 0

    QApplication.exec = exec_
    from decisionaid.cli import main
    sys.exit(main(["--lang", "es"]))
    """
)


@pytest.fixture(scope="module")
def answers_file(tmp_path_factory: pytest.TempPathFactory, content: Content) -> Path:
    from factories import complete_answers

    path = tmp_path_factory.mktemp("answers") / "answers.yaml"
    path.write_text(complete_answers(content).replace(language="es").dumps(), "utf-8")
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_render_and_the_gui_survive_a_broken_catalog(
    tmp_path: Path, case: str, answers_file: Path
) -> None:
    root = project_copy(tmp_path)
    po = root / "translations" / "es" / "LC_MESSAGES" / "messages.po"
    replace_in(po, *CASES[case])

    check = decisionaid(root, "check")
    assert check.returncode == 1, check.stderr
    assert "Traceback" not in check.stderr + check.stdout
    assert any(line.startswith("error: es/messages.po:") for line in check.stdout.splitlines()), (
        check.stdout
    )

    out = tmp_path / "summary.pdf"
    render = decisionaid(root, "render", "--answers", answers_file, "--out", out, "--lang", "es")
    assert render.returncode == 0, render.stderr
    assert out.stat().st_size > 1000
    assert "Traceback" not in render.stderr
    warnings = [line for line in render.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings
    assert all(str(po) in line for line in warnings)

    gui = run_in(root, sys.executable, "-c", GUI_PROBE)
    assert gui.returncode == 0, gui.stderr
    assert "Traceback" not in gui.stderr
    assert "pages built:" in gui.stdout


def test_every_english_singular_keeps_the_plural_s_placeholders() -> None:
    # A language whose "one" form covers more than one number (French: 0 and 1) must keep
    # the number, so the English singular must give it the placeholder to keep.
    with (paths.translations_dir() / "messages.pot").open("rb") as handle:
        plurals = [m for m in list(read_po(handle))[1:] if m.pluralizable]
    assert plurals
    for message in plurals:
        singular, plural = message.id
        assert brace_fields(singular) == brace_fields(plural), singular
