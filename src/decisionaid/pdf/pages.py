# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Pages: the running head, footer and page count on every page, page 1 fitted, and the file."""

from __future__ import annotations

import contextlib
import functools
import gc
import io
import os
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFStream
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageBreak,
    PageTemplate,
)

from decisionaid import report as rp
from decisionaid.pdf import fonts
from decisionaid.pdf.blocks import capped, flowables_for, record_block
from decisionaid.pdf.flowables import FitOnePage
from decisionaid.pdf.fonts import REGULAR, clean, has_rtl, text_width
from decisionaid.pdf.rtl import draw_runs, get_display, reshape, seed_shapes
from decisionaid.pdf.structure import Links, tag_document
from decisionaid.pdf.styles import (
    BOTTOM_EDGE,
    CONTENT_WIDTH,
    DISCLAIMER_LIMIT,
    FOOTER_GAP,
    FOOTER_LIMIT,
    HEADING_LIMIT,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
    cut_to,
    styles,
)
from decisionaid.pdf.tags import Tags
from decisionaid.pdf.text import Ctx, flow
from decisionaid.system.files import write_atomically


def _page_label(template: str, page: int, pages: int) -> str:
    """The translated "Page {page} of {pages}", or "page / pages" if the template is broken."""
    try:
        return template.format(page=page, pages=pages)
    except (KeyError, IndexError, ValueError, AttributeError):
        return f"{page}/{pages}"


def _wrapped(flowables: Sequence[Any], width: float) -> tuple[list[tuple[Any, float]], float]:
    """Wrap once; return each flowable with its height, and the total height."""
    placed = [(f, float(f.wrap(width, PAGE_HEIGHT)[1])) for f in flowables]
    return placed, sum(h for _, h in placed)


def _place(canv: Any, placed: Sequence[tuple[Any, float]], x: float, top: float) -> float:
    """Draw wrapped flowables downwards from `top`; return the y below the last one."""
    for f, h in placed:
        top -= h
        f.drawOn(canv, x, top)
    return top


class _Furniture:
    """Running head, footer, page label and disclaimer, drawn on every page once the count is known.

    The text is wrapped once and drawn on every page; only the page label changes.
    """

    LABEL_WIDTH = 38 * mm

    def __init__(self, ctx: Ctx, report: rp.Report) -> None:
        self.ctx = ctx
        self.template = report.page_label
        self.head, self.head_h = _wrapped(
            flow(ctx, cut_to(report.running_head, FOOTER_LIMIT), "head"), CONTENT_WIDTH
        )
        foot_w = CONTENT_WIDTH - self.LABEL_WIDTH
        self.foot, self.foot_h = _wrapped(
            flow(ctx, cut_to(report.footer, FOOTER_LIMIT), "foot"), foot_w
        )
        self.disclaimer, self.disclaimer_h = _wrapped(
            flow(ctx, cut_to(report.disclaimer, DISCLAIMER_LIMIT), "foot"), CONTENT_WIDTH
        )
        self.label_style = styles()["page"]
        self.rule_y = (
            BOTTOM_EDGE + self.disclaimer_h + 4 + max(self.foot_h, self.label_style.leading) + 5
        )

    def draw(self, canv: Any, page: int, pages: int) -> None:
        """Decorate one page: all of it page furniture (an artifact), never tagged content."""
        tags, canv.tags = canv.tags, None
        canv.addLiteral("/Artifact <</Type /Pagination>> BDC")
        self._draw(canv, page, pages)
        canv.addLiteral("EMC")
        canv.tags = tags

    def _draw(self, canv: Any, page: int, pages: int) -> None:
        canv.saveState()
        bottom = _place(canv, self.head, MARGIN_X, PAGE_HEIGHT - 12 * mm)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN_X, bottom - 4, PAGE_WIDTH - MARGIN_X, bottom - 4)
        canv.line(MARGIN_X, self.rule_y, PAGE_WIDTH - MARGIN_X, self.rule_y)
        top = self.rule_y - 5
        foot_x = MARGIN_X + (self.LABEL_WIDTH if self.ctx.rtl else 0.0)
        y = _place(canv, self.foot, foot_x, top)
        label = _page_label(self.template, page, pages)
        if self.ctx.rtl or has_rtl(label):
            label = get_display(reshape(clean(label)), base_dir="R" if self.ctx.rtl else "L")
        style = self.label_style
        width = text_width(label, style.fontSize, bold=True)
        x = MARGIN_X if self.ctx.rtl else PAGE_WIDTH - MARGIN_X - width
        draw_runs(canv, label, x, top - style.fontSize, style.fontSize, True, style.textColor)
        y = min(y, top - style.leading)
        _place(canv, self.disclaimer, MARGIN_X, y - 4)
        canv.restoreState()


class _QuickDeflate:
    """Deflate at zlib's fastest level, for the pages' content streams (a ReportLab filter).

    ReportLab deflates at zlib's default level 6. The pages' operators are most of what a
    summary deflates (the Arabic example: 774 of 883 kB; the English: 455 of 504 kB). At
    level 1 the Arabic example's streams take 4 ms where they took 9, for a file 24 kB (6 %)
    larger; the English one's 2 ms where they took 3.6, for a file the size it was.
    """

    pdfname = "FlateDecode"

    def encode(self, text: str | bytes) -> bytes:
        """`text` deflated; a str as UTF-8, as ReportLab's own filter takes it."""
        return zlib.compress(text.encode("utf-8") if isinstance(text, str) else text, 1)


_QUICK_DEFLATE = _QuickDeflate()


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds pages back until the end so each can say "Page x of y"; then tags the document."""

    def __init__(
        self, *args: Any, furniture: _Furniture, tags: Tags, title: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self.tags: Tags | None = tags  # read by tags.mark() as flowables are drawn
        self._tags = tags  # self.tags is None while the page furniture (untagged) is drawn
        self._title = title
        self._lang = kwargs.get("lang") or ""  # the template passes its own (BaseDocTemplate)
        self._pages: list[dict[str, Any]] = []
        self._links: Links = {}

    def showPage(self) -> None:  # ReportLab's name
        """Remember the page instead of writing it."""
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def _addAnnotation(self, annotation: Any, name: Any = None, addtopage: int = 1) -> None:
        """Keep each link annotation by page and URI, for its /Link element (structure)."""
        super()._addAnnotation(annotation, name, addtopage)
        action = annotation.dict.get("A")
        uri = action.dict.get("URI") if action is not None else None
        if uri is not None:
            self._links.setdefault(len(self._pages), {}).setdefault(uri.s, []).append(annotation)

    def save(self) -> None:
        """Decorate every page with the final count, add the structure tree, write the file."""
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._furniture.draw(self, number, len(self._pages))
            super().showPage()
        pages = self._doc.Pages.pages
        for page in pages:
            page.Contents = PDFStream(content=page.stream, filters=[_QUICK_DEFLATE])
        tag_document(self._doc, pages, self._tags, self._links, title=self._title, lang=self._lang)
        super().save()


def _story(ctx: Ctx, report: rp.Report) -> list[Any]:
    first = [capped(b, report.more_label) for b in report.clinician_page]
    # Page 1 is laid out (and its elements made) only when it is wrapped, once per trial
    # scale: its elements go into their own section, made now so that it comes first.
    cover = ctx.tags.add("Sect")
    with ctx.tags.under(cover):
        content = ctx.tags.add("Div")

    def page_one() -> list[Any]:
        with ctx.tags.under(content):
            kicker = flow(ctx, cut_to(report.title, HEADING_LIMIT), "kicker")
            return kicker + flowables_for(ctx, first, page_breaks=False)

    with ctx.tags.under(cover):
        below = record_block(ctx, report.record_code) if report.record_code else None
    story: list[Any] = [FitOnePage(page_one, below)]
    with ctx.tags.group("Sect"):
        patient = flowables_for(ctx, report.patient_pages)
    if patient:
        story += [PageBreak(), *patient]
    return story


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector for the block; it runs again (if it ran) afterwards.

    A render allocates hundreds of thousands of short-lived objects (font tables, words,
    operators), and every few thousand the collector walked everything alive in the
    process, the content pack and every module included: about 15 ms of a 16-page PDF for
    no garbage (reference counting frees what a render drops). Cycles made meanwhile are
    collected at the collector's next run after the render.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def render_pdf(report: rp.Report) -> bytes:
    """The report as PDF bytes: clinician summary on page 1, then the patient pages."""
    with _no_cycle_collection():
        return _render_pdf(report)


def _render_pdf(report: rp.Report) -> bytes:
    fonts.register_fonts()
    lang = clean(report.language) or "en"
    rtl = report.direction == "rtl"
    ctx = Ctx(rtl=rtl, lang=lang, rtl_document=rtl)
    furniture = _Furniture(Ctx(rtl=rtl, lang=lang, rtl_document=rtl), report)  # untagged
    bottom = furniture.rule_y + FOOTER_GAP
    frame = Frame(
        MARGIN_X,
        bottom,
        CONTENT_WIDTH,
        PAGE_HEIGHT - MARGIN_TOP - bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        pageTemplates=[PageTemplate("page", [frame])],
        title=clean(report.title),
        subject=clean(report.subject),
        author="decisionaid",
        creator=clean(report.creator),
        lang=lang,
        displayDocTitle=True,
        invariant=True,
        initialFontName=REGULAR,
        initialFontSize=10,
        pageCompression=1,
    )
    maker: Callable[..., Any] = functools.partial(
        _NumberedCanvas, furniture=furniture, tags=ctx.tags, title=clean(report.title)
    )
    with fonts.render_memo():  # widths, markup and bidi lines memoised for this render only
        if rtl:
            seed_shapes(lang)
        story = _story(ctx, report)
        doc.build(story, canvasmaker=maker)
    return buffer.getvalue()


class PdfWriteError(OSError):
    """The PDF could not be saved; the message names the file and the reason."""


def write_pdf(report: rp.Report, path: str | os.PathLike[str]) -> Path:
    """Render and save atomically: a temp file in the same folder, then os.replace.

    On failure no partial file is left behind and PdfWriteError (an OSError) is raised.
    """
    target = Path(path)
    data = render_pdf(report)
    try:
        return write_atomically(target, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise PdfWriteError(
            exc.errno, f"Could not save the PDF to {target}: {reason}", str(target)
        ) from exc
