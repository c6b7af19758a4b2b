"""The loader accepts the shipped pack and names file, line and field for every broken one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from decisionaid import paths
from decisionaid.content import FILES, ContentError, load_content


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A private copy of the shipped pack to break."""
    target = tmp_path / "content"
    shutil.copytree(paths.content_dir(), target)
    return target


def _edit(pack: Path, name: str, old: str, new: str, count: int = 1) -> int:
    """Replace the first `count` matches of regex `old`; return the 1-based line of the first."""
    path = pack / name
    text = path.read_text(encoding="utf-8")
    match = re.search(old, text, flags=re.MULTILINE)
    assert match, f"{old!r} not found in {name}"
    path.write_text(re.sub(old, new, text, count=count, flags=re.MULTILINE), encoding="utf-8")
    return text.count("\n", 0, match.start()) + 1


def _error(pack: Path) -> ContentError:
    with pytest.raises(ContentError) as info:
        load_content(pack)
    return info.value


def test_the_shipped_pack_loads(pack: Path) -> None:
    content = load_content(pack)
    assert len(content.options) >= 2
    assert content.texts, "translatable texts are recorded for the extractor"


def test_a_missing_file_is_named(pack: Path) -> None:
    (pack / "facts.yaml").unlink()
    error = _error(pack)
    assert error.file == "facts.yaml"
    assert "missing" in str(error)


def test_malformed_yaml_names_file_and_line(pack: Path) -> None:
    line = _edit(pack, "considerations.yaml", r"^(  - id: .*)$", r"\1\n    label: [unclosed")
    error = _error(pack)
    assert error.file == "considerations.yaml"
    assert error.line is not None
    assert error.line >= line
    assert "not valid YAML" in str(error)


def test_an_unknown_option_reference_names_the_field(pack: Path) -> None:
    line = _edit(pack, "considerations.yaml", r"favours: \w+", "favours: trial")
    error = _error(pack)
    assert (error.file, error.line) == ("considerations.yaml", line)
    assert error.field.endswith(".favours")
    assert "'trial'" in error.message


def test_a_missing_required_field_is_named(pack: Path) -> None:
    _edit(pack, "options.yaml", r"^    experience:.*$", "    experiences: x")
    error = _error(pack)
    assert error.file == "options.yaml"
    assert error.field.endswith("experiences")
    assert "unknown field" in error.message


def test_more_events_than_people_is_refused(pack: Path) -> None:
    line = _edit(pack, "facts.yaml", r"events: \d+", "events: 100000")
    error = _error(pack)
    assert (error.file, error.line) == ("facts.yaml", line)
    assert error.field.endswith("statistic.events")


def test_an_unknown_source_is_refused(pack: Path) -> None:
    line = _edit(pack, "facts.yaml", r"source: \w+", "source: nowhere2099")
    error = _error(pack)
    assert error.file == "facts.yaml"
    assert "nowhere2099" in error.message
    assert error.line == line  # the bad value's own line, not its parent entry's


def test_an_unknown_source_in_a_block_list_points_at_its_item(pack: Path) -> None:
    _edit(
        pack, "facts.yaml", r"^(\s+)sources: \[(\w+)\]$", r"\1sources:\n\1  - \2\n\1  - nowhere2099"
    )
    error = _error(pack)
    text = (pack / "facts.yaml").read_text(encoding="utf-8").splitlines()
    assert error.line is not None
    assert text[error.line - 1].strip() == "- nowhere2099"


def test_markup_in_text_is_refused(pack: Path) -> None:
    line = _edit(pack, "concerns.yaml", r"label: (.*)$", r"label: <b>\1</b>")
    error = _error(pack)
    assert (error.file, error.line) == ("concerns.yaml", line)
    assert "markup" in error.message


def test_a_duplicate_id_is_refused(pack: Path) -> None:
    text = (pack / "concerns.yaml").read_text(encoding="utf-8")
    first = re.search(r"- id: (\w+)", text)
    assert first
    _edit(
        pack,
        "concerns.yaml",
        r"(- id: )(?!" + first.group(1) + r"\b)\w+",
        r"\g<1>" + first.group(1),
    )
    error = _error(pack)
    assert error.file == "concerns.yaml"
    assert "duplicate" in error.message


def test_a_wrong_type_is_refused(pack: Path) -> None:
    _edit(pack, "pack.yaml", r"^review_by: .*$", "review_by: soon")
    error = _error(pack)
    assert (error.file, error.field) == ("pack.yaml", "review_by")


def test_a_file_that_is_not_a_mapping_is_refused(pack: Path) -> None:
    (pack / "readiness.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    error = _error(pack)
    assert (error.file, error.line) == ("readiness.yaml", 1)


def test_a_binary_file_is_refused(pack: Path) -> None:
    (pack / "learn.yaml").write_bytes(b"\xff\xfe\x00garbage")
    assert _error(pack).file == "learn.yaml"


def test_a_question_that_nothing_raises_is_refused(pack: Path) -> None:
    text = (pack / "questions.yaml").read_text(encoding="utf-8")
    # Drop every raised_by block and every core flag: the first question must then fail.
    text = re.sub(r"^    core: true\n", "", text, flags=re.MULTILINE)
    text = re.sub(r"^    raised_by:\n(^      .*\n)+", "", text, flags=re.MULTILINE)
    (pack / "questions.yaml").write_text(text, encoding="utf-8")
    error = _error(pack)
    assert error.file == "questions.yaml"
    assert "raised" in error.message


def test_translation_uses_the_key_path_as_context(pack: Path) -> None:
    seen: list[str] = []

    def translate(context: str, text: str) -> str:
        seen.append(context)
        return f"«{text}»"

    content = load_content(pack, translate)
    assert content.options[0].name.startswith("«")
    assert f"options/{content.options[0].id}/name" in seen
    assert all(name in FILES for name in {t.file for t in content.texts})


def test_check_flags_a_consideration_that_raises_no_question(content) -> None:
    import dataclasses
    import datetime as dt

    from decisionaid.checks import Finding, content_findings
    from decisionaid.content import RaisedBy

    questions = tuple(
        dataclasses.replace(q, raised_by=RaisedBy(), core=True) for q in content.questions
    )
    findings = content_findings(
        dataclasses.replace(content, questions=questions), dt.date(2026, 11, 25)
    )
    errors = [f for f in findings if f.level == Finding.ERROR]
    assert {f.where for f in errors} == {
        "considerations.yaml",
        "concerns.yaml",
        "knowledge.yaml",
        "readiness.yaml",
    }
    assert f"consideration {content.considerations[0].id!r} raises no question" in {
        f.message for f in errors
    }
    assert content_findings(content, dt.date(2026, 11, 25)) == []


def test_check_warns_when_the_review_date_has_passed(content) -> None:
    import datetime as dt

    from decisionaid.checks import Finding, content_findings

    findings = content_findings(content, content.pack.review_by + dt.timedelta(days=1))
    assert [f.level for f in findings] == [Finding.WARNING]


def _schema_records() -> list[Any]:
    from decisionaid.content import schema

    found = []
    pending = [file.record for file in schema.PACK_FILES]
    while pending:
        record = pending.pop()
        found.append(record)
        pending += [f.record for f in record.fields if f.record is not None]
    return found


def _filled(record: Any) -> set[str]:
    """The attributes a record's fields fill, with merged groups flattened."""
    names: set[str] = set()
    for f in record.fields:
        if f.record is not None and f.record.make is None and f.kind.name == "RECORD":
            names |= _filled(f.record)
        else:
            names.add(f.name)
    return names


def test_the_schema_fills_every_attribute_of_every_record() -> None:
    """A field added to a dataclass without its schema line (or the reverse) fails here."""
    import dataclasses

    for record in _schema_records():
        if record.make is None:
            continue
        wanted = {f.name for f in dataclasses.fields(record.make)}
        assert _filled(record) == wanted, record.what


def test_the_pack_files_fill_every_attribute_of_content() -> None:
    import dataclasses

    from decisionaid.content import Content, schema

    filled: set[str] = set()
    for file in schema.PACK_FILES:
        filled |= {file.attr} if file.attr else _filled(file.record)
    assert filled == {f.name for f in dataclasses.fields(Content)} - {"texts"}


def test_every_reference_names_a_kind_of_record_that_exists() -> None:
    kinds = {record.what for record in _schema_records()}
    refs = {f.ref for record in _schema_records() for f in record.fields if f.ref}
    assert refs <= kinds


# ---------------------------------------------------------------- structured sources


def _source_block(pack: Path, ident: str) -> tuple[str, int]:
    """The YAML text of source `ident` and the 1-based line of its `- id:`."""
    text = (pack / "sources.yaml").read_text(encoding="utf-8")
    start = text.index(f"  - id: {ident}\n")
    end = text.find("\n  - id: ", start + 1)
    return text[start : end if end != -1 else len(text)], text.count("\n", 0, start) + 1


def test_a_journal_source_without_doi_or_pmid_is_refused(pack: Path) -> None:
    block, line = _source_block(pack, "ghilardi2024")
    stripped = re.sub(r"    (doi|pmid): .*\n", "", block)
    path = pack / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(block, stripped), encoding="utf-8")
    err = _error(pack)
    assert (err.file, err.line) == ("sources.yaml", line)
    assert err.field == "sources[ghilardi2024].doi"
    assert "needs a doi or a pmid" in err.message


def test_a_regulator_source_off_an_official_domain_is_refused(pack: Path) -> None:
    line = _edit(
        pack,
        "sources.yaml",
        r"^    url: https://www\.fda\.gov/vaccines-blood-biologics/.*$",
        "    url: https://fda.einnews.com/pr_news/826043976/fda-boxed-warning",
    )
    err = _error(pack)
    assert (err.file, err.line, err.field) == ("sources.yaml", line, "sources[fda_boxed2024].url")
    assert "official domain" in err.message
    assert "fda.gov" in err.message


def test_a_registry_entry_without_a_trial_id_is_refused(pack: Path) -> None:
    block, line = _source_block(pack, "breakfree_sle")
    path = pack / "sources.yaml"
    stripped = block.replace(
        "    nct: NCT07015983\n", "    url: https://www.cartautoimmune.com/hcp/sle-phase-2\n"
    )
    path.write_text(path.read_text(encoding="utf-8").replace(block, stripped), encoding="utf-8")
    err = _error(pack)
    assert (err.file, err.line, err.field) == ("sources.yaml", line, "sources[breakfree_sle].nct")
    assert "nct or eudract" in err.message


def test_a_malformed_identifier_is_refused(pack: Path) -> None:
    line = _edit(pack, "sources.yaml", r"^    pmid: 38266761$", "    pmid: 3826x761")
    err = _error(pack)
    assert (err.file, err.line, err.field) == ("sources.yaml", line, "sources[ghilardi2024].pmid")


def test_an_unknown_source_kind_is_refused(pack: Path) -> None:
    line = _edit(pack, "sources.yaml", r"^    kind: news$", "    kind: press")
    err = _error(pack)
    assert (err.file, err.line) == ("sources.yaml", line)
    assert err.field.endswith(".kind")


def test_a_number_resting_only_on_news_is_refused(pack: Path) -> None:
    line = _edit(pack, "facts.yaml", r"^      source: feng2025$", "      source: cabaletta2025")
    err = _error(pack)
    assert (err.file, err.line) == ("facts.yaml", line)
    assert err.field == "facts[sle_remission_feng].statistic.source"
    assert "not news" in err.message


def test_the_link_is_built_from_the_strongest_identifier(pack: Path) -> None:
    sources = load_content(pack).sources
    assert sources["muller2024"].url == "https://doi.org/10.1056/NEJMoa2308917"
    assert sources["legare2010"].url == "https://pubmed.ncbi.nlm.nih.gov/20705870/"
    assert sources["novartis_autograph"].url == "https://clinicaltrials.gov/study/NCT06581198"
    assert sources["fda_boxed2024"].url.startswith("https://www.fda.gov/")
    assert "doi:10.1056/NEJMoa2308917" in sources["muller2024"].citation
    assert "PMID 38381673" in sources["muller2024"].citation
    assert all(not s.url.startswith("http://") for s in sources.values())


def test_a_source_gives_a_journal_or_a_publisher_not_both(pack: Path) -> None:
    block, _ = _source_block(pack, "muller2024")
    journal = re.search(r"^    journal: .*$", block, flags=re.MULTILINE)
    assert journal
    line = _edit(pack, "sources.yaml", re.escape(journal[0]), journal[0] + "\n    publisher: NEJM")
    err = _error(pack)
    assert (err.file, err.line, err.field) == (
        "sources.yaml",
        line + 1,
        "sources[muller2024].journal",
    )


def test_a_source_url_must_be_https(pack: Path) -> None:
    line = _edit(
        pack,
        "sources.yaml",
        r"^    url: https://www\.fda\.gov/vaccines-blood-biologics/",
        "    url: http://www.fda.gov/vaccines-blood-biologics/",
    )
    err = _error(pack)
    assert (err.file, err.line, err.field) == ("sources.yaml", line, "sources[fda_boxed2024].url")
    assert "https://" in err.message


def test_an_official_domain_is_matched_on_the_host() -> None:
    from decisionaid.content.schema import official

    assert official("https://www.fda.gov/vaccines-blood-biologics/x")
    assert official("https://ema.europa.eu/en/medicines")
    assert not official("http://www.fda.gov/")
    assert not official("https://fda.gov.example.com/")
    assert not official("https://fda.gov@example.com/")
    assert not official("https://notfda.gov/")


def test_check_errors_when_the_review_is_twice_the_interval_old(content) -> None:
    import datetime as dt

    from decisionaid.checks import Finding, content_findings

    pack = content.pack
    interval = pack.review_by - pack.last_reviewed
    assert pack.review_interval == interval
    assert interval.days in range(181, 185), "the pack declares a 6-month review interval"
    on_time = content_findings(content, pack.review_by)
    assert [f.level for f in on_time] == []
    late = content_findings(content, pack.last_reviewed + 2 * interval)
    assert [f.level for f in late] == [Finding.WARNING]
    too_late = content_findings(content, pack.last_reviewed + 2 * interval + dt.timedelta(days=1))
    assert [f.level for f in too_late] == [Finding.ERROR]
    assert "twice the review interval" in too_late[0].message


@pytest.mark.parametrize(
    ("today", "levels"),
    [
        ("2026-03-31", []),  # the day before review_by
        ("2026-04-01", []),  # review_by itself: exactly one interval old
        ("2026-04-02", ["warning"]),  # older than the interval
        ("2026-06-30", ["warning"]),  # exactly twice the interval (90 days) old
        ("2026-07-01", ["error"]),  # more than twice the interval old
    ],
)
def test_the_review_rule_uses_the_pack_s_own_interval(content, today, levels) -> None:
    """A pack declaring 3 months (not the shipped 6) is judged by its 3 months, on fake days."""
    import dataclasses
    import datetime as dt

    from decisionaid.checks import review_findings

    pack = dataclasses.replace(
        content.pack, last_reviewed=dt.date(2026, 1, 1), review_by=dt.date(2026, 4, 1)
    )
    sources = {
        k: dataclasses.replace(s, accessed=dt.date(2026, 1, 1)) for k, s in content.sources.items()
    }
    short = dataclasses.replace(content, pack=pack, sources=sources)
    assert short.pack.review_interval.days == 90
    findings = review_findings(short, dt.date.fromisoformat(today))
    assert [f.level for f in findings] == levels
    assert all(f.where == "pack.yaml" for f in findings)


def test_a_source_read_after_the_search_date_is_an_error(content) -> None:
    import dataclasses
    import datetime as dt

    from decisionaid.checks import Finding, review_findings

    first = next(iter(content.sources.values()))
    later = dataclasses.replace(first, accessed=content.pack.last_reviewed + dt.timedelta(days=1))
    changed = dataclasses.replace(content, sources={**content.sources, first.id: later})
    findings = review_findings(changed, content.pack.last_reviewed)
    assert [(f.level, f.where) for f in findings] == [(Finding.ERROR, "sources.yaml")]
    assert first.id in findings[0].message
    assert review_findings(content, content.pack.last_reviewed) == []


def test_decisionaid_check_fails_on_a_stale_pack() -> None:
    """The command's own path: run_checks with a fake today just past twice the interval."""
    import datetime as dt

    from decisionaid.checks import Finding, run_checks

    pack = load_content(paths.content_dir()).pack
    stale = pack.last_reviewed + 2 * pack.review_interval + dt.timedelta(days=1)
    findings = run_checks(paths.content_dir(), paths.translations_dir(), stale)
    errors = [f for f in findings if f.level == Finding.ERROR]
    assert [f.where for f in errors] == ["pack.yaml"]
    fresh = run_checks(paths.content_dir(), paths.translations_dir(), pack.last_reviewed)
    # Warnings the pack does not meet yet: the options' length in words (issue 15, within 2x),
    # and no recorded medical review of the shipped content catalogs (the translators' to-do,
    # translations/README.md). Neither is about the pack's review date.
    pending = ("in words per option", "no medical review recorded")
    assert not [
        f for f in fresh if f.level != Finding.INFO and not any(p in f.message for p in pending)
    ]
