"""What a screen reader finds on every page, read through a real AT-SPI client (Orca's view)."""

from __future__ import annotations

import re

import pytest
from atspi_harness import Desktop, walk_pages

NEXT = {"en": "Next", "ar": "التالي", "es": "Siguiente"}
JUMP_LIST = {"en": "On this page", "ar": "في هذه الصفحة"}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_page_is_named_structured_and_in_the_persons_language(
    desktop: Desktop, language: str
) -> None:
    pages = walk_pages(desktop, language, NEXT[language], JUMP_LIST[language])
    done = pages.pop()
    assert done["done"] is True
    assert len(pages) == 12, [p["title"] for p in pages]
    assert sum(len(p["radios"]) for p in pages) > 20, "the rating and choice groups were not seen"
    for page in pages:
        where = page["title"]
        assert page["unnamed"] == [], f"{where}: unnamed focusable {page['unnamed']}"
        assert page["headings"], f"{where}: no heading"
        assert str(page["locale"]).startswith(language), f"{where}: locale {page['locale']}"
        for radio in page["radios"]:  # "2 of 5": its place in its group, in the description
            assert re.match(r"\d+ \S+ \d+", radio["description"]), f"{where}: {radio}"
    # The long pages' jump lists: named links, and a press moves the focus to that heading.
    jumps = [p for p in pages if p["jump"]]
    assert len(jumps) >= 8, [p["title"] for p in jumps]
    for page in jumps:
        jump = page["jump"]
        where = page["title"]
        assert len(jump["links"]) > 2, f"{where}: {jump}"
        assert all(name.strip() for name in jump["links"]), f"{where}: unnamed link"
        assert jump["focused"] == [{"role": "heading", "name": jump["links"][-1]}], where
