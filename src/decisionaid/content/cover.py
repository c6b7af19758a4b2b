# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The pack's cover (what the first page shows of it) and a pack made only when first needed.

The start-up cache keeps the cover apart from the pickled pack, so the first page is shown
without creating the content model's classes or unpickling the pack; both happen when a
later page first asks for the pack (see `content.cache`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from decisionaid.content.model import Content, PackInfo


class Cover(NamedTuple):
    """The decision, the pack's version and review dates: the first page's part of the pack.

    Like the other values the first page makes (`i18n.Language`, `palette.Theme`), a
    NamedTuple: Python 3.11 takes about 0.5 ms to create a frozen dataclass, 0.1 a NamedTuple.
    """

    version: str
    decision_question: str
    decision_summary: str
    last_reviewed: dt.date
    review_by: dt.date

    @classmethod
    def of(cls, pack: PackInfo) -> Cover:
        """The cover of a loaded pack."""
        return cls(
            pack.version,
            pack.decision_question,
            pack.decision_summary,
            pack.last_reviewed,
            pack.review_by,
        )

    def plain(self) -> tuple[str, str, str, int, int]:
        """The cover as plain data, dates as ordinals: what the start-up cache stores."""
        return (
            self.version,
            self.decision_question,
            self.decision_summary,
            self.last_reviewed.toordinal(),
            self.review_by.toordinal(),
        )

    @classmethod
    def from_plain(cls, data: object) -> Cover:
        """The cover `plain` gave; ValueError if `data` is not one."""
        if not (isinstance(data, tuple) and len(data) == 5):
            raise ValueError("not a cover")
        version, question, summary, last_reviewed, review_by = data
        if not all(isinstance(text, str) for text in (version, question, summary)):
            raise ValueError("not a cover")
        if not (isinstance(last_reviewed, int) and isinstance(review_by, int)):
            raise ValueError("not a cover")
        return cls(
            version,
            question,
            summary,
            dt.date.fromordinal(last_reviewed),
            dt.date.fromordinal(review_by),
        )

    def review_overdue(self, today: dt.date) -> bool:
        """Whether the pack is past its review-by date (as `Content.review_overdue`)."""
        return today > self.review_by


class LazyContent:
    """A translated pack's cover now, and the pack itself when first asked for.

    `make` is called once, on the first `content`, and forgotten after it.
    """

    def __init__(self, cover: Cover, make: Callable[[], Content]) -> None:
        self.cover = cover
        self._make: Callable[[], Content] | None = make
        self._content: Content | None = None

    @classmethod
    def of(cls, content: Content) -> LazyContent:
        """A pack that is already made."""
        made = cls(Cover.of(content.pack), lambda: content)
        made._content, made._make = content, None  # nothing is left to make
        return made

    @property
    def made(self) -> bool:
        """Whether the pack has been made (unpickled or read) yet."""
        return self._content is not None

    @property
    def content(self) -> Content:
        """The pack, made now if it was not yet."""
        if self._content is None:
            assert self._make is not None
            self._content, self._make = self._make(), None
        return self._content
