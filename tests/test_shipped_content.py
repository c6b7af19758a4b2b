"""House rules for the real content pack: balanced, sourced, plain and complete."""

from __future__ import annotations

import re
from pathlib import Path

from decisionaid import paths
from decisionaid.content import Content

# The evidence review every number traces to, published with the aid (IPDAS QL18).
EVIDENCE = Path(__file__).resolve().parent.parent / "docs" / "evidence.md"


def test_every_condition_sees_benefits_risks_and_unknowns(content: Content) -> None:
    for condition in content.conditions:
        for kind in ("benefit", "risk", "unknown"):
            assert content.facts_for(condition.id, kind), f"{condition.id} has no {kind}"  # type: ignore[arg-type]


def test_benefits_and_risks_are_given_in_the_same_detail(content: Content) -> None:
    benefits = [f for f in content.facts if f.kind == "benefit"]
    risks = [f for f in content.facts if f.kind == "risk"]
    assert 0.5 <= len(benefits) / len(risks) <= 2
    assert any(f.statistic for f in benefits)
    assert any(f.statistic for f in risks)


def test_considerations_lean_both_ways(content: Content) -> None:
    favoured = [c.favours for c in content.considerations]
    for option in content.options:
        assert favoured.count(option.id) >= 2, f"too few considerations favour {option.id}"


def test_every_statistic_has_a_checked_source(content: Content) -> None:
    for fact in content.facts:
        if fact.statistic:
            source = content.sources[fact.statistic.source]
            assert source.kind != "news"
            assert fact.statistic.total >= fact.statistic.events


def test_every_count_appears_in_the_evidence_file(content: Content) -> None:
    evidence = EVIDENCE.read_text(encoding="utf-8")
    for fact in content.facts:
        stat = fact.statistic
        if stat:
            pattern = rf"≈?\b{stat.events}\s*/\s*≈?{stat.total}\b"
            assert re.search(pattern, evidence), (
                f"{fact.id}: {stat.events}/{stat.total} is not in the evidence file"
            )


def test_text_is_tidy(content: Content) -> None:
    for entry in content.texts:
        assert "  " not in entry.text, entry.context
        assert entry.text == entry.text.strip(), entry.context


def test_the_pack_names_its_makers_and_dates(content: Content) -> None:
    pack = content.pack
    assert pack.authors
    assert all((pack.funding, pack.conflicts, pack.update_policy, pack.review_status))
    assert pack.review_by > pack.last_reviewed


def test_fonts_are_bundled_with_their_licence() -> None:
    fonts = paths.fonts_dir()
    assert list(fonts.glob("*.ttf")), "no bundled fonts"
    assert (fonts / "OFL.txt").exists()
