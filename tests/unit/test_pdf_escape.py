# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Our XML escaping gives what xml.sax.saxutils gives, without importing urllib."""

from __future__ import annotations

from xml.sax.saxutils import escape as sax_escape
from xml.sax.saxutils import quoteattr as sax_quoteattr

from decisionaid.pdf.escape import escape, quoteattr


def test_escaping_matches_the_standard_library() -> None:
    for text in ("AT&T <b>", "a > b & c", "plain", "https://x.org/?a=1&b=<2>", ""):
        assert escape(text) == sax_escape(text)
        assert quoteattr(text) == sax_quoteattr(text)
    assert quoteattr('say "hi"\n') == '"say &quot;hi&quot;&#10;"'
