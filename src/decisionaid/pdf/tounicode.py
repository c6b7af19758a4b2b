# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Arabic glyphs that copy and search as letters: each font's ToUnicode map, mended.

We shape Arabic before ReportLab draws it (arabic_reshaper), so every glyph is drawn from a
presentation-form code point (U+FB50-U+FDFF, U+FE70-U+FEFF) and ReportLab's ToUnicode map gives
those code points back: text copied or searched in the PDF was ﻣﻠﺨﺺ, not ملخص. Mapping each
such glyph to its compatibility decomposition (NFKC) gives the letters a reader types. A
ligature decomposes to several letters; the page stores glyphs in visual (left-to-right)
order, so its letters are written in that order too, as the glyphs around it are.
"""

from __future__ import annotations

import re
import unicodedata

import pikepdf
from pikepdf import Name

_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.DOTALL)
_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def _presentation_form(char: str) -> bool:
    return 0xFB50 <= ord(char) <= 0xFDFF or 0xFE70 <= ord(char) <= 0xFEFF


def _decode(hex_utf16: bytes) -> str:
    return bytes.fromhex(hex_utf16.decode("ascii")).decode("utf-16-be")


def _encode(text: str) -> bytes:
    return text.encode("utf-16-be").hex().upper().encode("ascii")


def letters(glyph_text: str) -> str:
    """What a glyph mapped to `glyph_text` should copy as: letters, in the page's visual order."""
    if not any(_presentation_form(c) for c in glyph_text):
        return glyph_text
    return unicodedata.normalize("NFKC", glyph_text)[::-1]


def mend_cmap(cmap: bytes) -> bytes:
    """`cmap` with every presentation-form destination in its bfchar blocks replaced by letters."""

    def pair(match: re.Match[bytes]) -> bytes:
        text = _decode(match.group(2))
        mended = letters(text)
        if mended == text:
            return match.group(0)
        return b"<" + match.group(1) + b"> <" + _encode(mended) + b">"

    return _BFCHAR.sub(lambda block: _PAIR.sub(pair, block.group(0)), cmap)


def mend_fonts(pdf: pikepdf.Pdf) -> None:
    """Mend the ToUnicode map of every font in `pdf` (each shared map once)."""
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != Name.Font:
            continue
        cmap = obj.get("/ToUnicode")
        if isinstance(cmap, pikepdf.Stream):
            data = cmap.read_bytes()
            mended = mend_cmap(data)
            if mended != data:
                cmap.write(mended)
