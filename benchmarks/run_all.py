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


def run(script: str, *args: str) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(HERE / script), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    args = parser.parse_args()
    runs = "3" if args.quick else "5"
    sessions = "30" if args.quick else "100"

    info = machine()
    results: dict[str, object] = {"machine": info}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)

        def step(name: str, script: str, *extra: str) -> dict:
            print(f"… {name}", file=sys.stderr, flush=True)
            run(script, *extra, "--json", str(out / f"{name}.json"))
            data = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
            results[name] = data
            return data

        start = step("startup", "bench_startup.py", "--runs", runs)
        next_en = step("next_en", "bench_gui.py", "--transitions", "--runs", runs)
        next_ar = step(
            "next_ar", "bench_gui.py", "--transitions", "--runs", runs, "--language", "ar"
        )
        peak_en = step("peak_en", "bench_gui.py", "--peak")
        peak_ar = step("peak_ar", "bench_gui.py", "--peak", "--language", "ar")
        print("… bench_pdf", file=sys.stderr, flush=True)
        pdf_out = run("bench_pdf.py", "--runs", "5" if args.quick else "10")
        pdf = pdf_rows(pdf_out)
        results["pdf"] = pdf
        soak = step(
            "soak", "soak_kiosk.py", "--sessions", sessions, "--every", str(int(sessions) // 4)
        )

    def ms(values: dict[str, float]) -> str:
        ordered = sorted(values.values())
        slow = max(values, key=values.__getitem__)
        return f"median {ordered[len(ordered) // 2]:.0f} ms, slowest {values[slow]:.0f} ms (leaving {slow})"

    rows: list[tuple[str, str]] = [
        (
            "cold start to first page (app / bare QWizard)",
            f"{start['app_shown_s']:.2f} s / {start['bare_shown_s']:.2f} s = "
            f"{start['ratio_shown']:.1f}× (target ≤ 1.5×); spawn→exit {start['ratio_wall']:.1f}×",
        ),
        (
            "cold start floor (YAML, Babel, style, page)",
            f"{start['floor_shown_s']:.2f} s = {start['ratio_shown_floor']:.1f}× bare",
        ),
        ("restart (Start over, kiosk reset)", f"{start['restart_s'] * 1000:.0f} ms"),
        ("Next, per page, en", ms(next_en["next_ms"])),
        ("Next, per page, ar", ms(next_ar["next_ms"])),
    ]
    for case, (pages, render, ratio) in pdf.items():
        rows.append(
            (f"PDF: {case}", f"{render:.0f} ms, {pages} pages, {ratio:.1f}× bare ReportLab")
        )
    rows += [
        ("peak RSS, one walk + PDF, en", f"{peak_en['peak_rss_mb']:.0f} MB"),
        ("peak RSS, one walk + PDF, ar", f"{peak_ar['peak_rss_mb']:.0f} MB"),
        (
            f"kiosk soak, {soak['sessions']} sessions",
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
