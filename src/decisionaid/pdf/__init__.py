# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Lay out a `Report` as a printable A4 PDF with ReportLab (the only package that does).

Page 1 is the clinician summary, shrunk to fit one page; the patient pages follow. Every
string goes through `fonts.markup()` (escape, line breaks, font fallback); right-to-left
text is wrapped in logical order and reordered per line by the bidi algorithm (`rtl`: its
simple cases ours, property-tested against python-bidi, the rest python-bidi), because
ReportLab's own RTL needs rlbidi, which is not on PyPI. `blocks` maps each report block to
flowables, `flowables` draws icon grids and bars, `pages` puts them on pages with the
running head and footer. The PDF is tagged: `tags` wraps what each flowable draws in marked
content and records the structure tree, `structure` adds it to ReportLab's document before
it is saved (headings, paragraphs, lists, tables, figures with /Alt, links, /Lang,
/ActualText for Arabic, bookmarks); the running head and footer are artifacts. No PDF/UA conformance is
claimed in the file. Output is byte-identical for identical input.
"""

from decisionaid.pdf.pages import PdfWriteError, render_pdf, write_pdf

__all__ = ["PdfWriteError", "render_pdf", "write_pdf"]
