# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""How long render_pdf() takes, against bare ReportLab paragraphs of the same page count.

Run: PYTHONPATH=src .venv/bin/python benchmarks/bench_pdf.py [--runs 20]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from decisionaid import pdf
from decisionaid import report as rp
from decisionaid.pdf import fonts as pdffonts

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests" / "unit"), str(ROOT / "tests")]

from test_pdf import typical_report  # noqa: E402  (the hand-built report the tests use)

LOREM = (
    "CAR-T cell therapy takes immune cells from your blood, changes them in a laboratory and gives "
    "them back through a drip, so that they find and remove the B cells that drive the disease. "
)


def worst_case() -> rp.Report:
    """50 000 characters of own text: mixed Latin, Arabic, emoji and one unbreakable word."""
    words = ["treatment", "😀", "العلاج", "CAR-T", "👩‍⚕️", "température", "≥18", "x" * 5000]
    text = " ".join(words[i % len(words)] for i in range(8000))[:50_000]
    return typical_report(patient_pages=(*typical_report().patient_pages, rp.Paragraph(text)))


def shipped_report() -> rp.Report | None:
    """The summary build_report() makes from the shipped content pack, if it loads."""
    try:
        from decisionaid.i18n import translator_for
        from decisionaid.report import build_report
        from decisionaid.session import load_pack
        from factories import TODAY, complete_answers
    except ImportError:
        return None
    translator = translator_for("en")
    content = load_pack(translator)
    return build_report(content, complete_answers(content), translator, TODAY)


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def bare(paragraphs: int) -> bytes:
    """Plain Noto Sans paragraphs in a SimpleDocTemplate: ReportLab's floor for this work."""
    style = ParagraphStyle("bare", fontName=pdffonts.REGULAR, fontSize=10.5, leading=15)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, invariant=True, initialFontName=pdffonts.REGULAR)
    doc.build([Paragraph(LOREM * 3, style) for _ in range(paragraphs)])
    return buffer.getvalue()


def bare_for_pages(pages: int) -> Callable[[], bytes]:
    """A bare document with the same number of pages."""
    per_page = 1
    while page_count(bare(per_page)) == 1:
        per_page += 1
    count = max(1, (per_page - 1) * pages)
    return lambda: bare(count)


def median_ms(func: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    pdffonts.register_fonts()
    cases: list[tuple[str, rp.Report]] = [("typical (hand-built)", typical_report())]
    shipped = shipped_report()
    if shipped is not None:
        cases.append(("shipped content, lupus", shipped))
    cases.append(("worst case, 50 000 chars", worst_case()))

    print(
        f"median of {args.runs} runs; bare = SimpleDocTemplate of plain Noto Sans paragraphs, same pages"
    )
    print(f"{'case':<28} {'pages':>5} {'render ms':>10} {'bare ms':>8} {'ratio':>6}")
    for name, report in cases:
        data = pdf.render_pdf(report)  # warm-up, and the page count
        pages = page_count(data)
        ours = median_ms(lambda r=report: pdf.render_pdf(r), args.runs)  # type: ignore[misc]
        baseline = bare_for_pages(pages)
        base = median_ms(baseline, args.runs)
        print(f"{name:<28} {pages:>5} {ours:>10.1f} {base:>8.1f} {ours / base:>6.1f}")


if __name__ == "__main__":
    main()
