# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Run every benchmark, each in its own fresh process, and print one table (`make bench`).

Benchmarks are scripts, not tests: nothing here fails because a figure is slow. The exit
status is non-zero only if a benchmark script itself failed.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/run_all.py [--quick]
     (--quick: fewer runs and a 30-session soak; the full soak is soak_kiosk.py, 500 sessions)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    code = (
        "import PySide6, PySide6.QtCore as c, reportlab;"
        "print(PySide6.__version__, c.qVersion(), reportlab.Version)"
    )
    pyside, qt, reportlab = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="minutes"),
        "cpus": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "pyside6": pyside,
        "qt": qt,
        "reportlab": reportlab,
        "load_at_start": f"{load:.1f}",
    }


def run(script: str, *args: str, allowed: tuple[int, ...] = (0,)) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(HERE / script), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode not in allowed:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"{script} failed with exit status {done.returncode}")
    return done.stdout


def pdf_rows(output: str) -> dict[str, tuple[int, float, float]]:
    """bench_pdf.py's table: case -> (pages, render ms, ratio to bare ReportLab)."""
    rows = {}
    for line in output.splitlines():
        match = re.match(r"(.+?)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$", line)
        if match:
            rows[match[1].strip()] = (int(match[2]), float(match[3]), float(match[5]))
    return rows


def short(st: dict[str, float]) -> str:
    """p50, p95 and max of a row, in ms."""
    return f"p50 {st['p50']:.0f}, p95 {st['p95']:.0f}, max {st['max']:.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    args = parser.parse_args()
    runs = "3" if args.quick else "9"
    sessions = "30" if args.quick else "100"
    every = str(int(sessions) // 3)

    info = machine()
    results: dict[str, object] = {"machine": info}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)

        def step(
            name: str, script: str, *extra: str, allowed: tuple[int, ...] = (0,)
        ) -> dict[str, Any]:
            print(f"… {name}", file=sys.stderr, flush=True)
            run(script, *extra, "--json", str(out / f"{name}.json"), allowed=allowed)
            data: dict[str, Any] = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
            results[name] = data
            return data

        start = step("startup", "bench_startup.py", "--runs", runs)
        pdf_proc = step("pdf_process", "bench_pdf.py", "--process", "--runs", runs)
        turns = step(
            "turns",
            "bench_gui.py",
            "--turns",
            "--runs",
            "2" if args.quick else "5",
            "--language",
            "en,ar",
        )
        peak_en = step("peak_en", "bench_gui.py", "--peak")
        peak_ar = step("peak_ar", "bench_gui.py", "--peak", "--language", "ar")
        print("… bench_pdf", file=sys.stderr, flush=True)
        pdf_out = run("bench_pdf.py", "--runs", "5" if args.quick else "10")
        pdf = pdf_rows(pdf_out)
        results["pdf"] = pdf
        soak = step(
            "soak", "soak_kiosk.py", "--sessions", sessions, "--every", every, allowed=(0, 3)
        )

    def spread(data: object, digits: int = 2, scale: float = 1.0) -> str:
        assert isinstance(data, dict)
        return (
            f"{data['median'] * scale:.{digits}f} "
            f"({data['min'] * scale:.{digits}f}–{data['max'] * scale:.{digits}f})"
        )

    app, bare, floor = start["app"], start["bare"], start["floor"]
    rows: list[tuple[str, str]] = [
        (
            "cold start to first page shown: app vs bare QWizard",
            f"{spread(app['in0'], 3)} s vs {spread(bare['in0'], 3)} s = "
            f"**{spread(start['ratio_shown_app'])}×** (target ≤ 1.5×); whole process: wall "
            f"{spread(start['ratio_wall_app'])}×, cpu {spread(start['ratio_cpu_app'])}×, "
            f"peak RSS {app['maxrss_mib']['median']:.0f} vs {bare['maxrss_mib']['median']:.0f} MiB",
        ),
        (
            "cold start floor (bare + our style and fonts, a page of labels)",
            f"{spread(floor['in0'], 3)} s = {spread(start['ratio_shown_floor'])}× bare",
        ),
        (
            "cold start page floor (the first page's shape from Qt's own widgets)",
            f"{spread(start['page']['in0'], 3)} s = {spread(start['ratio_shown_page'])}× bare; "
            f"cpu {spread(start['ratio_cpu_page'])}×",
        ),
        ("restart (Start over, kiosk reset)", f"{spread(start['restart_s'], 0, 1000)} ms"),
    ]
    if "bare_kept" in start:
        rows.insert(
            1,
            (
                "cold start, reference given the same kept library code (regexcache, codecache)",
                f"bare {spread(start['bare_kept']['in0'], 3)} s = "
                f"{spread(start['ratio_shown_bare_kept'])}× bare; app is "
                f"{spread(start['ratio_shown_app_kept'])}× it (wall "
                f"{spread(start['ratio_wall_app_kept'])}×, cpu {spread(start['ratio_cpu_app_kept'])}×)",
            ),
        )
    if "uncached" in start:
        rows.insert(
            1,
            (
                "cold start, first launch (no content cache yet)",
                f"{spread(start['uncached']['in0'], 3)} s = "
                f"{spread(start['ratio_shown_uncached'])}× bare",
            ),
        )
    pages = pdf_proc["pages"]
    for name, other, target, how in (
        ("en", "bare", "1.5", "per page"),
        ("ar", "en", "1.2", "whole render"),
    ):
        ours, ref = pdf_proc[name], pdf_proc[other]
        rows.append(
            (
                f"PDF, answers example, {name} ({pages[name]} p) vs {other} ({pages[other]} p)",
                f"{spread(ours['in0'], 3)} s vs {spread(ref['in0'], 3)} s = "
                f"**{spread(pdf_proc[f'ratio_{name}_{other}_in0'])}×** {how} (target ≤ {target}×); "
                f"whole process wall {spread(pdf_proc[f'ratio_{name}_{other}_wall_s'])}×, "
                f"cpu {spread(pdf_proc[f'ratio_{name}_{other}_cpu_s'])}×",
            )
        )
    rows.append(
        (
            "PDF floors: bare+YAML, Babel / bare; bare Arabic / bare English",
            f"{spread(pdf_proc['stack']['in0'], 3)} s = "
            f"{spread(pdf_proc['ratio_stack_bare_in0'])}× bare per page; "
            f"{spread(pdf_proc['ratio_bare_ar_bare_in0'])}× per page; "
            f"en is {spread(pdf_proc['ratio_en_stack_in0'])}× the stack floor per page",
        )
    )
    if "bare_kept" in pdf_proc:
        rows.append(
            (
                "PDF reference given the same kept regular-expression codes",
                f"bare {spread(pdf_proc['bare_kept']['in0'], 3)} s = "
                f"{spread(pdf_proc['ratio_bare_kept_bare_in0'])}× bare per page; en is "
                f"{spread(pdf_proc['ratio_en_bare_kept_in0'])}× it per page (wall "
                f"{spread(pdf_proc['ratio_en_bare_kept_wall_s'])}×, cpu "
                f"{spread(pdf_proc['ratio_en_bare_kept_cpu_s'])}×)",
            )
        )
    for data in turns["turns"]:
        every_turn = data["all"]
        worst = max(data["pages"].items(), key=lambda item: item[1]["max"])
        rows.append(
            (
                f"page turns, {data['language']}, text {data['text_size']}% (Next + Back)",
                f"p50 {every_turn['p50']:.0f} ms, p95 {every_turn['p95']:.0f} ms, max "
                f"{every_turn['max']:.0f} ms ({worst[0]}) vs a 16.7 ms frame "
                "(target p95 ≤ 33, max ≤ 50)"
                + (f"; CPU {short(data['all_cpu'])}" if "all_cpu" in data else "")
                + (
                    f"; floor, Next in a bare QWizard with the same texts: "
                    f"{short(data['floor_next'])}"
                    if "floor_next" in data
                    else ""
                ),
            )
        )
    for data in turns["turns"]:
        restyle = data["restyle"]
        rows.append(
            (
                f"restyle late in a walk (A+/A-, all pages built), {data['language']}, "
                f"from {data['text_size']}%",
                f"p50 {restyle['p50']:.0f} ms, max {restyle['max']:.0f} ms "
                "(target as page turns: p95 ≤ 33, max ≤ 50)",
            )
        )
        every = data["restyle_every_page"]
        worst = max(data["restyle_pages"].items(), key=lambda item: item[1]["max"])
        after = data["next_after_restyle"]
        rows.append(
            (
                f"restyle on every page, and the Next after it, {data['language']}, "
                f"from {data['text_size']}%",
                f"restyle p50 {every['p50']:.0f}, p95 {every['p95']:.0f}, max "
                f"{every['max']:.0f} ms ({worst[0]}); the Next after it {short(after)}; floor, "
                f"the bare QWizard's setFont {short(data['floor_next']['restyle'])}",
            )
        )
        contrast = data["contrast_every_page"]
        rows.append(
            (
                f"high contrast on and off on every page, {data['language']}, "
                f"at {data['text_size']}%",
                f"{short(contrast)}; floors, the bare QWizard's setPalette "
                f"{short(data['floor_next']['contrast_palette'])} and one rule on the page "
                f"{short(data['floor_next']['contrast_sheet'])}",
            )
        )
    for case, (n_pages, render, ratio) in pdf.items():
        rows.append(
            (
                f"PDF in-process: {case}",
                f"{render:.0f} ms, {n_pages} pages, {ratio:.1f}× bare ReportLab",
            )
        )
    rows += [
        ("peak RSS, one walk + PDF, en", f"{peak_en['peak_rss_mb']:.0f} MB"),
        ("peak RSS, one walk + PDF, ar", f"{peak_ar['peak_rss_mb']:.0f} MB"),
        (
            f"kiosk soak in one process, {soak['sessions']} sessions",
            f"{'flat' if soak['flat'] else 'NOT flat'} (limit ±{soak['limit_mib']} MiB): "
            f"{soak['per_session_ms'] / 1000:.1f} s/session; after {soak['warmup_sessions']} warm-up: "
            f"RSS {soak['rss_growth_after_warmup_mb']:+.1f} MB, "
            f"malloc heap {soak['heap_growth_after_warmup_mb']:+.1f} MB, widgets "
            f"{soak['widgets_range_after_warmup'][0]}–{soak['widgets_range_after_warmup'][1]}, "
            f"wrappers {soak['wrappers_range_after_warmup'][0]}–{soak['wrappers_range_after_warmup'][1]}, "
            f"Python objects {soak['pyobjects_growth_after_warmup']:+d}",
        ),
    ]
    print(
        f"{info['date']} · {info['cpus']} × {info['cpu']} · load {info['load_at_start']} · "
        f"Python {info['python']} · PySide6 {info['pyside6']} (Qt {info['qt']}) · "
        f"ReportLab {info['reportlab']}"
    )
    width = max(len(name) for name, _ in rows)
    print(f"| {'benchmark':<{width}} | result |")
    print(f"|{'-' * (width + 2)}|--------|")
    for name, value in rows:
        print(f"| {name:<{width}} | {value} |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
