# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""How long render_pdf() takes, against bare ReportLab paragraphs of the same page count.

In-process (default): render_pdf() of hand-built and shipped reports against bare ReportLab
paragraphs of the same page count, in this process.

--process: the issue's rows, whole processes in alternating runs (proc.py): `decisionaid
render` of the documented answers example (docs/answers-format.md) in English and in Arabic,
and a bare ReportLab program (import ReportLab alone, register the same Noto Sans, build plain
paragraphs to the English page count, write the file; it imports nothing of decisionaid), the
same program with its regular expressions' codes kept as decisionaid keeps them (`BARE_KEPT`),
and the fixed stack's floor (`STACK`: the bare program plus PyYAML reading the answers and Babel
formatting a date).
Prints median (min–max) of the in-process time (first statement to the file written), wall,
CPU and peak RSS, and the per-run ratios en / bare (per page) and ar / en.

Run: PYTHONPATH=src .venv/bin/python benchmarks/bench_pdf.py [--runs 20] [--process]
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from decisionaid import pdf
from decisionaid import report as rp
from decisionaid.paths import fonts_dir
from decisionaid.pdf import fonts as pdffonts

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests" / "unit"), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from test_pdf import typical_report  # noqa: E402  (the hand-built report the tests use)

import proc  # noqa: E402

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


RENDER = """
import time; t0 = time.perf_counter()
import sys
from decisionaid.cli import main
args = ["render", "--answers", sys.argv[1], "--out", sys.argv[2], "--lang", sys.argv[3]]
assert main([*args, "--date", "2026-11-25"]) == 0
print(time.perf_counter() - t0)
"""

BARE = """
import time; t0 = time.perf_counter()
import sys
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate
# Only ReportLab: the font files come as arguments (importing any of decisionaid.pdf would
# import the whole PDF stack and the report model with it into the floor).
arabic = len(sys.argv) > 5
font = "ar" if arabic else "en"
for name, path in {"en": sys.argv[4], font: sys.argv[-1]}.items():  # only what it draws with
    pdfmetrics.registerFont(TTFont(name, path))
style = ParagraphStyle("bare", fontName=font, fontSize=10.5, leading=15, alignment=2)
text = sys.argv[3] * 3
if arabic:  # Arabic: shaped and reordered once per paragraph, one font
    import arabic_reshaper
    from bidi.algorithm import get_display
    text = get_display(arabic_reshaper.reshape(text), base_dir="R")
with open(sys.argv[2], "wb") as out:
    doc = SimpleDocTemplate(out, pagesize=A4, invariant=True, initialFontName="en")
    doc.build([Paragraph(text, style) for _ in range(int(sys.argv[1]))])
print(time.perf_counter() - t0)
"""


# The bare program given the codes its regular expressions compile to, as decisionaid keeps
# them (regexcache): ReportLab's URL pattern alone costs every import of it about 25 ms. It
# imports two small modules of decisionaid (regexcache, cachefolder) and nothing else.
BARE_KEPT = BARE.replace(
    "import sys\n", "import sys\nfrom decisionaid import regexcache\nregexcache.install()\n", 1
)


# The floor of the fixed stack for this work: the bare program plus the other libraries the
# render needs, each doing its least: PyYAML reads the answers file, Babel formats a date.
# (Until 2026-12-05 it also had pikepdf open the PDF and save it again, as the tagging did.)
STACK = """
import time; t0 = time.perf_counter()
import datetime, sys
import babel.dates
import yaml
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate
with open(sys.argv[5], encoding="utf-8") as answers:
    yaml.safe_load(answers)
babel.dates.format_date(datetime.date(2026, 11, 25), format="long", locale="en")
pdfmetrics.registerFont(TTFont("en", sys.argv[4]))
style = ParagraphStyle("bare", fontName="en", fontSize=10.5, leading=15, alignment=2)
with open(sys.argv[2], "wb") as out:
    doc = SimpleDocTemplate(out, pagesize=A4, invariant=True, initialFontName="en")
    doc.build([Paragraph(sys.argv[3] * 3, style) for _ in range(int(sys.argv[1]))])
print(time.perf_counter() - t0)
"""

LOREM_AR = (
    "يأخذ العلاج بخلايا CAR-T خلايا مناعية من دمك، ويغيّرها في المختبر ثم يعيدها إليك عبر "
    "التنقيط الوريدي، لكي تجد الخلايا البائية التي تسبب المرض وتزيلها. "
)


def bare_argv(count: int, out: Path, arabic: bool = False) -> list[str]:
    """The bare program's arguments: paragraphs, output, text and the font files it draws with."""
    files = [str(fonts_dir() / pdffonts.FONT_FILES[pdffonts.REGULAR])]
    if arabic:
        files.append(str(fonts_dir() / pdffonts.FONT_FILES[pdffonts.ARABIC]))
    return ["-c", BARE, str(count), str(out), LOREM_AR if arabic else LOREM, *files]


def example_answers(folder: Path) -> Path:
    """The documented answers example (docs/answers-format.md), as the golden test reads it."""
    doc = (ROOT / "docs" / "answers-format.md").read_text(encoding="utf-8")
    source = folder / "example.yaml"
    source.write_text(doc.split("```yaml\n", 1)[1].split("```", 1)[0], encoding="utf-8")
    return source


def paragraphs_for(pages: int) -> int:
    """How many bare paragraphs make `pages` pages."""
    per_page = 1
    while page_count(bare(per_page)) == 1:
        per_page += 1
    count = max(1, (per_page - 1) * pages)
    while page_count(bare(count)) < pages:
        count += 1
    return count


def process_rows(runs: int) -> dict[str, object]:
    """The issue's PDF rows as whole processes, alternating en, ar and bare."""
    pdffonts.register_fonts()
    with tempfile.TemporaryDirectory(prefix="decisionaid-bench-") as tmp:
        folder = Path(tmp)
        answers = example_answers(folder)
        names = ("en", "ar", "bare", "bare_ar", "stack", "bare_kept")
        out = {lang: folder / f"{lang}.pdf" for lang in names}
        proc.run_child(["-c", RENDER, str(answers), str(out["en"]), "en"])
        pages_en = page_count(out["en"].read_bytes())
        count = paragraphs_for(pages_en)
        proc.run_child(["-c", RENDER, str(answers), str(out["ar"]), "ar"])
        count_ar = _bare_ar_count(page_count(out["ar"].read_bytes()), folder)
        programs = {
            "en": ["-c", RENDER, str(answers), str(out["en"]), "en"],
            "ar": ["-c", RENDER, str(answers), str(out["ar"]), "ar"],
            "bare": bare_argv(count, out["bare"]),
            "bare_ar": bare_argv(count_ar, out["bare_ar"], arabic=True),
            "stack": ["-c", STACK, *bare_argv(count, out["stack"])[2:], str(answers)],
            "bare_kept": ["-c", BARE_KEPT, *bare_argv(count, out["bare_kept"])[2:]],
        }
        children = proc.alternate(programs, runs)
        pages = {name: page_count(path.read_bytes()) for name, path in out.items()}
    figs = {name: proc.figures(kids) for name, kids in children.items()}
    result: dict[str, object] = {"runs": runs, "pages": pages}
    for name, fig in figs.items():
        result[name] = {key: spread.as_json() for key, spread in fig.items()}
    for a, b in (
        ("en", "bare"),
        ("ar", "en"),
        ("bare_ar", "bare"),
        ("en", "stack"),
        ("stack", "bare"),
        ("en", "bare_kept"),
        ("bare_kept", "bare"),
    ):
        per_page = pages[b] / pages[a] if b != "en" else 1.0  # ar / en: whole renders
        for key in ("in0", "wall_s", "cpu_s"):
            spread = proc.ratio([x * per_page for x in figs[a][key].values], figs[b][key].values)
            result[f"ratio_{a}_{b}_{key}"] = spread.as_json()
    print(
        f"render the documented answers example, {runs} alternating processes each, "
        "median (min–max); ratios per run"
    )
    for name in ("bare", "bare_kept", "bare_ar", "stack", "en", "ar"):
        fig = figs[name]
        print(
            f"{name:<7} {pages[name]:>2} pages · in-process {fig['in0'].show()} s · "
            f"wall {fig['wall_s'].show()} s · cpu {fig['cpu_s'].show()} s · "
            f"peak RSS {fig['maxrss_mib'].show(digits=0)} MiB"
        )
    goals = {
        ("en", "bare"): "target ≤ 1.5×",
        ("ar", "en"): "target ≤ 1.2×",
        ("bare_ar", "bare"): "the stack's own Arabic cost: the floor",
        ("en", "stack"): "above the floor of ReportLab, PyYAML and Babel",
        ("bare_kept", "bare"): "the bare program with its patterns' codes kept",
        ("en", "bare_kept"): "against that program",
    }
    for (a, b), goal in goals.items():
        shown = " · ".join(
            f"{label} {proc.Spread(tuple(_values(result[f'ratio_{a}_{b}_{key}']))).show(digits=2)}×"
            for key, label in (("in0", "in-process"), ("wall_s", "wall"), ("cpu_s", "cpu"))
        )
        how = "per page" if b != "en" else "whole render"
        print(f"{a} / {b}, {how}: {shown} ({goal})")
    return result


def _bare_ar_count(pages: int, folder: Path) -> int:
    """How many bare Arabic paragraphs make `pages` pages (as many as the Arabic render)."""
    path = folder / "probe.pdf"
    count = 1
    while True:
        proc.run_child(bare_argv(count, path, arabic=True))
        if page_count(path.read_bytes()) >= pages:
            return count
        count = count * 2 if page_count(path.read_bytes()) < pages // 2 else count + 4


def _values(spread: object) -> tuple[float, ...]:
    assert isinstance(spread, dict)
    return (spread["median"], spread["min"], spread["max"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--process", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.process:
        result = process_rows(args.runs)
        if args.json:
            args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
        return
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
