# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Plain strings to paragraphs: cut into chunks, styled for the direction, bidi where needed."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaFrag

from decisionaid.pdf.fonts import clean, has_rtl, markup
from decisionaid.pdf.rtl import BidiParagraph, LabelledParagraph, get_display
from decisionaid.pdf.styles import CHUNK, is_bold, variant
from decisionaid.pdf.tags import Element, Tags
from decisionaid.pdf.tags import mark as tag

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
    lang: str = "en"
    # The document's direction; `rtl` is False for a left-to-right block inside it.
    rtl_document: bool = False
    # The structure tree the flowables are tagged into (tags.py); shared, so not compared.
    tags: Tags = field(default_factory=Tags, compare=False)


# Structure roles of the paragraph styles; every other style is a paragraph.
_ROLES = {"h1": "H1", "h2": "H2", "h3": "H3"}
_LATIN = re.compile(r"[A-Za-z]")


def text_element(ctx: Ctx, text: str, role: str) -> Element:
    """A new element for `text` under the current one, with its language when it differs.

    Arabic text gets `/Lang ar` and its logical string as `/ActualText`, since the page holds
    shaped presentation forms in visual order; Latin-only text in a right-to-left document
    (citations, URLs) is marked English.
    """
    if has_rtl(text):
        lang = ctx.lang if ctx.rtl_document else "ar"
        return ctx.tags.add(role, text=text, lang=lang, actual_text=text)
    if ctx.rtl_document and _LATIN.search(text):
        return ctx.tags.add(role, text=text, lang="en")
    return ctx.tags.add(role, text=text)


@contextlib.contextmanager
def list_item(ctx: Ctx, bullet: str) -> Iterator[Element]:
    """An `LI` holding its `Lbl` (the bullet or number) and an `LBody` for what the block adds.

    Yields the `Lbl`, for `flow(..., label=...)`, which draws the bullet into it.
    """
    with ctx.tags.group("LI"):
        label = ctx.tags.add("Lbl", text=bullet)
        with ctx.tags.group("LBody"):
            yield label


def flow(
    ctx: Ctx,
    text: str,
    style: str,
    *,
    bullet: str | None = None,
    label: Element | None = None,
    indent: float = 0.0,
    ltr: bool = False,
) -> list[Any]:
    """Flowables for one plain string in a named style; `ltr` forces left-to-right (URLs).

    The `bullet` is drawn as the marked content of `label` (a list item's `Lbl`) if given.
    """
    chunks = _chunks(clean(text))
    rtl_layout = ctx.rtl and not ltr
    out: list[Any] = []
    element = text_element(ctx, "\n".join(chunks), _ROLES.get(style, "P"))
    if label is not None and bullet and rtl_layout and get_display(bullet, base_dir="R") != bullet:
        label.actual_text = bullet  # drawn reordered: "1." is set as ".1"
    for i, chunk in enumerate(chunks):
        st = variant(style, ctx.rtl, indent, first=i == 0, last=i == len(chunks) - 1)
        bullet_mark = bullet if i == 0 else None
        label_mark = label if i == 0 and bullet else None
        if rtl_layout or (not ltr and has_rtl(chunk)):
            para = BidiParagraph(chunk, st, rtl_layout, bullet_mark, indent)
            out.append(tag(para, element, chunk if has_rtl(chunk) else None, label_mark))
        else:
            body = markup(chunk, is_bold(st))
            out.append(tag(labelled_paragraph(body, st, bullet_mark), element, None, label_mark))
    return out


def labelled_paragraph(body: str, style: Any, bullet: str | None) -> LabelledParagraph:
    """`LabelledParagraph(body, style, bulletText=bullet)`, plain text not parsed as markup.

    ReportLab reads every paragraph's markup with an HTML parser: about 28 µs each, 11 ms of
    the English example's 394 paragraphs. Markup with no tag and no entity (no `<`, no `&`:
    nine in ten) parses to a single fragment in the style's font and colour holding the text
    with its white space collapsed (none for no text); `_fragment` makes that fragment as
    ParaParser does, and the paragraph is given it (a test compares both ways for every
    style and many texts, and the example's PDFs are the same bytes).
    """
    if "<" in body or "&" in body:
        return LabelledParagraph(body, style, bulletText=bullet)
    text = cleanBlockQuotedText(body)
    frags = [_fragment(style, text)] if text else []
    textTransformFrags(frags, style)
    return LabelledParagraph(text, style, bulletText=bullet, frags=frags)


def _fragment(style: Any, text: str) -> ParaFrag:
    """The fragment ParaParser makes of plain `text` in a `<para>` of `style`.

    Its attributes, in the order ReportLab 5.1's `_initial_frag`, `start_para` and
    `handle_data` set them (the font as family, bold and italic, then back to a face name).
    """
    frag = ParaFrag()
    frag.rise = 0
    frag.greek = 0
    frag.link = []
    frag.fontName, frag.bold, frag.italic = ps2tt(style.fontName)
    frag.fontSize = style.fontSize
    frag.textColor = style.textColor
    frag.us_lines = []
    frag.__tag__ = "para"
    frag.fontName = tt2ps(frag.fontName, frag.bold, frag.italic)
    frag.text = text
    return frag
