# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Reading level of English text (Flesch-Kincaid grade), reported by `decisionaid check` (IPDAS QL21)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
# Only . ! ? end a sentence: ':' and ';' join clauses (Flesch 1948, Kincaid et al. 1975), so
# counting them as ends would make long sentences look short and the text look easier.
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")


def syllables(word: str) -> int:
    """A heuristic syllable count: vowel groups, less a silent final e; at least one."""
    word = word.lower()
    count = len(re.findall(r"[aeiouy]+", word))
    count += len(
        re.findall(r"[^ts]i[ao]|eo|ua", word)
    )  # "tri-al", "vide-o": two sounds in one group
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


@dataclass(frozen=True)
class Readability:
    """Counts and the Flesch-Kincaid grade for a body of text."""

    words: int
    sentences: int
    syllables: int
    polysyllables: int = 0  # words of three or more syllables, for SMOG

    @property
    def grade(self) -> float:
        """US school grade needed to read the text (Flesch-Kincaid)."""
        if not self.words:
            return 0.0
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59

    @property
    def smog(self) -> float:
        """SMOG grade (McLaughlin 1969, the 1.043 formula), from polysyllables per 30 sentences."""
        if not self.words:
            return 0.0
        return 1.043 * math.sqrt(self.polysyllables * 30 / self.sentences) + 3.1291


def measure(texts: Iterable[str]) -> Readability:
    """Measure texts together; each text counts as at least one sentence."""
    words = sentences = sylls = poly = 0
    for text in texts:
        found = _WORD.findall(text)
        if not found:
            continue
        words += len(found)
        counts = [syllables(w) for w in found]
        sylls += sum(counts)
        poly += sum(1 for n in counts if n >= 3)
        sentences += max(1, len(_SENTENCE_END.findall(text)))
    return Readability(words, max(sentences, 1), sylls, poly)
