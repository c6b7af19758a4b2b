# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The block vocabulary: one function per `report` block type, each returning flowables."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from decisionaid import report as rp
from decisionaid.pdf.escape import quoteattr
from decisionaid.pdf.flowables import Bar, IconGrid, QrCode, Rules
from decisionaid.pdf.fonts import REGULAR, clean, has_rtl, markup
from decisionaid.pdf.rtl import BidiParagraph
from decisionaid.pdf.styles import (
    BULLET_GUTTER,
    CLINICIAN_LIST_LIMIT,
    CLINICIAN_TEXT_LIMIT,
    CONTENT_WIDTH,
    HEADING_LIMIT,
    ICON_W,
    MUTED,
    NUMBER_GUTTER,
    QR_SIZE,
    RULE,
    SOURCE_GUTTER,
    cut_to,
    variant,
)
from decisionaid.pdf.tags import artifact, mark, table_furniture_as_artifact
from decisionaid.pdf.text import Ctx, flow, list_item, text_element


def _table(
    rows: list[list[Any]],
    widths: Sequence[float | str],
    commands: Iterable[tuple[Any, ...]],
    split_in_row: int = 1,
    rtl: bool = False,
) -> Any:
    """A table with no padding unless asked; string widths like "32%" follow the frame width.

    `rtl`: the rows were mirrored (`_mirror`), so cells are painted from the right.
    """
    base: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # for empty string cells: no Helvetica
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]
    return table_furniture_as_artifact(
        Table(
            rows,
            colWidths=list(widths),
            style=TableStyle([*base, *commands]),
            hAlign="LEFT",
            splitInRow=split_in_row,
        ),
        rtl,
    )


def _mirror(ctx: Ctx, cells: list[Any]) -> list[Any]:
    return cells[::-1] if ctx.rtl else cells


def _heading(ctx: Ctx, block: rp.Heading) -> list[Any]:
    return flow(ctx, cut_to(block.text, HEADING_LIMIT), f"h{block.level}")


def _paragraph(ctx: Ctx, block: rp.Paragraph) -> list[Any]:
    return flow(ctx, block.text, block.style)


def _bullets(ctx: Ctx, block: rp.Bullets) -> list[Any]:
    out: list[Any] = []
    with ctx.tags.group("L"):
        for item in block.items:
            with list_item(ctx, "•") as label:
                out += flow(ctx, item, "bullet", bullet="•", label=label, indent=BULLET_GUTTER)
    if out:
        out.append(Spacer(1, 4))
    return out


def _fields(ctx: Ctx, block: rp.Fields) -> list[Any]:
    label_w, value_w = "32%", "68%"
    rows: list[list[Any]] = []
    blanks: list[tuple[Any, ...]] = []
    value_col = 0 if ctx.rtl else 1
    table = ctx.tags.add("Table")
    for i, (label, value) in enumerate(block.rows):
        with ctx.tags.under(table), ctx.tags.group("TR"):
            with ctx.tags.group("TH", scope="Row"):
                label_cell = flow(ctx, label, "label")
            with ctx.tags.group("TD"):
                if clean(value).strip():
                    value_cell: list[Any] = flow(ctx, value, "value")
                else:  # a darker rule under the value column is the line to write on
                    value_cell = [Spacer(1, 16)]
                    blanks.append(("LINEBELOW", (value_col, i), (value_col, i), 0.8, MUTED))
        rows.append(_mirror(ctx, [label_cell, value_cell]))
    if not rows:
        return []
    pad = 12.0
    commands = [
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("RIGHTPADDING" if not ctx.rtl else "LEFTPADDING", (0, 0), (0, -1), pad),
        ("LEFTPADDING" if ctx.rtl else "RIGHTPADDING", (1, 0), (1, -1), pad),
        *blanks,
    ]
    return [_table(rows, _mirror(ctx, [label_w, value_w]), commands, rtl=ctx.rtl), Spacer(1, 8)]


def _rating_bars(ctx: Ctx, block: rp.RatingBars) -> list[Any]:
    label_w, bar_w, num_w = "46%", "40%", "14%"
    rows: list[list[Any]] = []
    table = ctx.tags.add("Table")
    for item in block.items:  # most important first, so at the top
        number = f"{min(max(item.value, 0), item.maximum)}/{item.maximum}"
        with ctx.tags.under(table), ctx.tags.group("TR"):
            with ctx.tags.group("TH", scope="Row"):
                label = flow(ctx, item.label, "value")
            with ctx.tags.group("TD"):
                bar = mark(
                    Bar(item.value, item.maximum, ctx.rtl),
                    ctx.tags.add("Figure", alt=f"{' '.join(clean(item.label).split())}: {number}"),
                )
            with ctx.tags.group("TD"):
                value = flow(ctx, number, "scale", ltr=True)
        rows.append(_mirror(ctx, [label, bar, value]))
    # The scale's two ends follow the table: a row of one cell would not close the grid.
    low, high = flow(ctx, block.scale_low, "scale"), flow(ctx, block.scale_high, "scale")
    ends = [low, high] if not ctx.rtl else [high, low]
    # The words sit under the ends of the bar: low at the start, high at the far end.
    inner = _table(
        [[[_align(f, TA_LEFT) for f in ends[0]], [_align(f, TA_RIGHT) for f in ends[1]]]],
        ["50%", "50%"],
        [],
    )
    rows.append(_mirror(ctx, ["", inner, ""]))
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING" if ctx.rtl else "RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
    ]
    widths = _mirror(ctx, [label_w, bar_w, num_w])
    return [_table(rows, widths, commands, rtl=ctx.rtl), Spacer(1, 8)]


def _align(flowable: Any, alignment: int) -> Any:
    """Override the direction's alignment (for the two ends of a scale, or a page label)."""
    if isinstance(flowable, Paragraph | BidiParagraph):
        flowable.style = ParagraphStyle(
            f"{flowable.style.name}-a{alignment}", parent=flowable.style, alignment=alignment
        )
    return flowable


def _question_list(ctx: Ctx, block: rp.QuestionList) -> list[Any]:
    out: list[Any] = []
    listing = ctx.tags.add("L")
    for item in block.items:
        reason = f"✎ {item.reason}" if item.own else item.reason
        number = f"{item.number}."
        with ctx.tags.under(listing), list_item(ctx, number) as label:
            parts = [
                *flow(ctx, item.text, "question", bullet=number, label=label, indent=NUMBER_GUTTER),
                *flow(ctx, reason, "reason", indent=NUMBER_GUTTER),
                artifact(Rules(block.answer_lines, ctx.rtl, indent=NUMBER_GUTTER)),
                Spacer(1, 10),
            ]
        out.append(KeepTogether(parts))
    return out


def _icon_array(ctx: Ctx, block: rp.IconArray, title_shown: bool) -> list[Any]:
    total = max(block.total, 0)
    events = min(max(block.events, 0), total)
    text: list[Any] = [] if title_shown else flow(ctx, block.title, "h3")
    text += flow(ctx, block.sentence, "sentence")
    text += flow(ctx, block.detail, "detail")
    if total == 0:
        return [*text, Spacer(1, 6)]
    filled, shown = rp.icons_for(events, total)
    if block.scale_note:
        text += flow(ctx, block.scale_note, "detail")
    text += flow(ctx, block.legend, "detail")
    alt = " ".join(clean(block.sentence).split())
    grid = mark(IconGrid(filled, shown, ctx.rtl), ctx.tags.add("Figure", alt=alt))
    grid_w = rp.ICONS_PER_ROW * ICON_W + 16
    widths = _mirror(ctx, [grid_w, "*"])
    pad = "LEFTPADDING" if ctx.rtl else "RIGHTPADDING"
    commands: list[tuple[Any, ...]] = [
        (pad, (1, 0), (1, 0), 16) if ctx.rtl else (pad, (0, 0), (0, 0), 16)
    ]
    if ctx.rtl:
        grid.hAlign = "RIGHT"
    # Not in a KeepTogether: a heading's keepWithNext cannot reach into one (ReportLab's _ktAllow).
    return [
        _table([_mirror(ctx, [grid, text])], widths, commands, split_in_row=0, rtl=ctx.rtl),
        Spacer(1, 10),
    ]


def _source_list(ctx: Ctx, block: rp.SourceList) -> list[Any]:
    out: list[Any] = []
    listing = ctx.tags.add("L")
    for item in block.items:
        # A citation without right-to-left text (an English reference in the Arabic PDF) is
        # laid out left to right with its URL, number on the left, as in its own language.
        own = ctx if has_rtl(clean(item.citation)) else dataclasses.replace(ctx, rtl=False)
        number = f"[{item.number}]"
        with ctx.tags.under(listing), list_item(ctx, number) as label:
            out += flow(
                own, item.citation, "source", bullet=number, label=label, indent=SOURCE_GUTTER
            )
            url = clean(item.url).strip()
            if url:
                style = variant("url", own.rtl, SOURCE_GUTTER)
                body = markup(url)
                linked = re.fullmatch(r"https?://\S+", url) is not None
                if linked:
                    body = f"<a href={quoteattr(url)}>{body}</a>"
                element = text_element(own, url, "Link" if linked else "P")
                if linked:
                    citation = " ".join(clean(item.citation).split())
                    element.uri = url
                    element.contents = f"[{item.number}] {citation}"
                out.append(mark(Paragraph(body, style), element))
            else:
                out.append(Spacer(1, 5))
    return out


def record_block(ctx: Ctx, code: rp.RecordCode) -> Any:
    """The cover sheet's QR code beside its plain-words label for staff, a rule above."""
    alt = " ".join(clean(f"{code.heading}. {code.text}").split())
    qr = mark(QrCode(code.payload, QR_SIZE), ctx.tags.add("Figure", alt=alt))
    label = flow(ctx, code.heading, "label") + flow(ctx, code.text, "small")
    cells = _mirror(ctx, [qr, label])
    widths = _mirror(ctx, [QR_SIZE + 4 * mm, CONTENT_WIDTH - QR_SIZE - 4 * mm])
    commands = [
        ("LINEABOVE", (0, 0), (-1, 0), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    return _table([cells], widths, commands)


def flowables_for(ctx: Ctx, blocks: Sequence[rp.Block], *, page_breaks: bool = True) -> list[Any]:
    """Every block as flowables, in order; `page_breaks` False drops PageBreak blocks."""
    out: list[Any] = []
    last_heading = ""
    for index, block in enumerate(blocks):
        match block:
            case rp.Heading():
                out += _heading(ctx, block)
            case rp.Paragraph():
                flowables = _paragraph(ctx, block)
                if index + 1 < len(blocks) and isinstance(blocks[index + 1], rp.IconArray):
                    flowables[-1].keepWithNext = 1  # a fact's text stays with its icon array
                out += flowables
            case rp.Bullets():
                out += _bullets(ctx, block)
            case rp.Fields():
                out += _fields(ctx, block)
            case rp.RatingBars():
                out += _rating_bars(ctx, block)
            case rp.QuestionList():
                out += _question_list(ctx, block)
            case rp.IconArray():
                out += _icon_array(ctx, block, title_shown=last_heading == block.title)
            case rp.PageBreak():
                if page_breaks:
                    out.append(PageBreak())
            case rp.SourceList():
                out += _source_list(ctx, block)
        if isinstance(block, rp.Heading):
            last_heading = block.text
    return out


def capped(block: rp.Block, more_label: str) -> rp.Block:
    """A page-1 block with long text and long lists cut down, so shrinking stays readable."""
    cut = functools.partial(cut_to, limit=CLINICIAN_TEXT_LIMIT)

    def cap_list(items: tuple[str, ...]) -> tuple[str, ...]:
        kept = tuple(cut(i) for i in items[:CLINICIAN_LIST_LIMIT])
        more = len(items) - len(kept)
        return (*kept, more_label.format(count=more)) if more > 0 else kept

    match block:
        case rp.Paragraph():
            return rp.Paragraph(cut_to(block.text, CLINICIAN_TEXT_LIMIT * 3), block.style)
        case rp.Bullets():
            return rp.Bullets(cap_list(block.items))
        case rp.Fields():
            return rp.Fields(tuple((cut(label), cut(value)) for label, value in block.rows))
        case rp.RatingBars():
            items = tuple(rp.RatingBar(cut(i.label), i.value, i.maximum) for i in block.items)
            return rp.RatingBars(items, cut(block.scale_low), cut(block.scale_high))
        case rp.QuestionList():
            qs = tuple(
                rp.QuestionItem(q.number, cut(q.text), cut(q.reason), q.own) for q in block.items
            )
            return rp.QuestionList(qs[:CLINICIAN_LIST_LIMIT], block.answer_lines)
    return block
