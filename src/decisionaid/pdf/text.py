# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Plain strings to paragraphs: cut into chunks, styled for the direction, bidi where needed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import (
    Paragraph,
)

from decisionaid.pdf.fonts import clean, has_rtl, markup
from decisionaid.pdf.rtl import BidiParagraph
from decisionaid.pdf.styles import CHUNK, is_bold, variant

_SENTENCE_END = re.compile(r"(?<=[.!?;。؟])\s+")


def _chunks(text: str) -> list[str]:
    """Cut long cleaned text into pieces of about CHUNK characters at newlines, then sentences."""
    if len(text) <= CHUNK:
        return [text]
    pieces: list[str] = []
    for line in text.split("\n"):
        if len(line) <= CHUNK:
            pieces.append(line)
            continue
        for sentence in _SENTENCE_END.split(line):
            pieces.extend(sentence[i : i + CHUNK] for i in range(0, max(len(sentence), 1), CHUNK))
    chunks: list[str] = []
    cur: list[str] = []
    size = 0
    for piece in pieces:
        if cur and size + len(piece) > CHUNK:
            chunks.append("\n".join(cur))
            cur, size = [], 0
        cur.append(piece)
        size += len(piece) + 1
    chunks.append("\n".join(cur))
    return chunks


@dataclass(frozen=True)
class Ctx:
    """What every block renderer needs to know."""

    rtl: bool


def flow(
    ctx: Ctx,
    text: str,
    style: str,
    *,
    bullet: str | None = None,
    indent: float = 0.0,
    ltr: bool = False,
) -> list[Any]:
    """Flowables for one plain string in a named style; `ltr` forces left-to-right (URLs)."""
    chunks = _chunks(clean(text))
    rtl_layout = ctx.rtl and not ltr
    out: list[Any] = []
    for i, chunk in enumerate(chunks):
        st = variant(style, ctx.rtl, indent, first=i == 0, last=i == len(chunks) - 1)
        mark = bullet if i == 0 else None
        if rtl_layout or (not ltr and has_rtl(chunk)):
            out.append(BidiParagraph(chunk, st, rtl_layout, mark, indent))
        else:
            out.append(Paragraph(markup(chunk, is_bold(st)), st, bulletText=mark))
    return out
