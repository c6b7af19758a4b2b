# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""One person's sitting with the aid: the translated pack, the language and their answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from decisionaid import paths
from decisionaid.answers import Answers
from decisionaid.content.cover import Cover, LazyContent
from decisionaid.i18n import (
    SOURCE_LANGUAGE,
    Translator,
    available_languages,
    languages_fact,
    locale_facts,
    remember_formats,
    remember_locale_facts,
    translator_for,
)

if TYPE_CHECKING:
    from decisionaid.content import Content
    from decisionaid.report import Report


class Session:
    """The state a wizard works on. A kiosk reset throws the whole session away.

    Attributes:
        pack: the pack, translated into `translator`'s language (see `content`, `cover`).
        translator: catalogs and formatting for the chosen language.
        answers: the person's answers so far (replaced, never mutated).
        today: the date printed on the summary.

    A plain class, as `i18n.Translator`: both are made before the first page.
    """

    def __init__(
        self,
        pack: LazyContent,
        translator: Translator,
        answers: Answers,
        today: dt.date | None = None,
    ) -> None:
        self.pack = pack
        self.translator = translator
        self.answers = answers
        self.today = today if today is not None else dt.date.today()

    def __repr__(self) -> str:
        return f"Session({self.translator.language!r})"  # never the answers: reprs reach logs

    @property
    def content(self) -> Content:
        """The translated pack (unpickled from the start-up cache when first asked for)."""
        return self.pack.content

    @property
    def cover(self) -> Cover:
        """What the first page shows of the pack, without the pack."""
        return self.pack.cover

    def report(self) -> Report:
        """The summary for the answers as they stand."""
        from decisionaid.report import build_report  # not needed before the summary page

        return build_report(self.content, self.answers, self.translator, self.today)


def load_pack(translator: Translator, directory: Path | None = None) -> Content:
    """The content pack translated for `translator`."""
    from decisionaid.content.load import load_content

    translate = None if translator.language == SOURCE_LANGUAGE else translator.content_text
    return load_content(directory or paths.content_dir(), translate)


def new_session(language: str = "en", content_dir: Path | None = None) -> Session:
    """A fresh session in `language`, with empty answers."""
    translator = translator_for(language)
    if content_dir is None:
        pack = shipped_pack(translator)
    else:
        pack = LazyContent.of(load_pack(translator, content_dir))
    return Session(pack, translator, Answers(language=language))


def shipped_pack(translator: Translator) -> LazyContent:
    """The shipped pack for a shipped translator, from the validated-content cache when fresh."""
    from decisionaid.content import cache

    return cache.load_cached(
        translator.language,
        lambda: load_pack(translator),
        lambda pack: _first_page_facts(translator, pack),
        remember_locale_facts,
    )


def _first_page_facts(translator: Translator, content: Content) -> dict[tuple[str, ...], object]:
    """What the welcome page needs, and the summary's date and list forms, from Babel.

    The welcome page: language names and direction, the pack's dates, the shipped languages.
    """
    codes = [language.code for language in available_languages()]
    for code in codes:
        translator.language_name(code)
    dates = (content.pack.last_reviewed, content.pack.review_by)
    for date in dates:
        translator.format_date(date)
    wanted = remember_formats(translator.language)  # for the summary's PDF, printed any day
    wanted |= {("language", c) for c in (*codes, translator.language)}
    wanted |= {("name", translator.language, code) for code in codes}
    wanted |= {("date", translator.language, date.isoformat()) for date in dates}
    return {
        **{key: value for key, value in locale_facts().items() if key in wanted},
        **languages_fact(),
    }
