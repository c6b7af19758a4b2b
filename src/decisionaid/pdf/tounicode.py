# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Arabic glyphs that copy and search as letters: what each glyph maps to in ToUnicode.

We shape Arabic before ReportLab draws it (arabic_reshaper), so every glyph is drawn from a
presentation-form code point (U+FB50-U+FDFF, U+FE70-U+FEFF) and ReportLab's ToUnicode map gives
those code points back: text copied or searched in the PDF was ﻣﻠﺨﺺ, not ملخص. Mapping each
such glyph to its compatibility decomposition (NFKC) gives the letters a reader types
(fonts._to_unicode_cmap writes the map). A ligature decomposes to several letters; the page
stores glyphs in visual (left-to-right) order, so its letters are written in that order too,
as the glyphs around it are.
"""

from __future__ import annotations

import unicodedata


def _presentation_form(char: str) -> bool:
    return 0xFB50 <= ord(char) <= 0xFDFF or 0xFE70 <= ord(char) <= 0xFEFF


def letters(glyph_text: str) -> str:
    """What a glyph mapped to `glyph_text` should copy as: letters, in the page's visual order."""
    if not any(_presentation_form(c) for c in glyph_text):
        return glyph_text
    return unicodedata.normalize("NFKC", glyph_text)[::-1]
