"""The benchmark scripts still run (quick mode, one run each). No timing is checked here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
BENCH = ROOT / "benchmarks"


def _run(tmp_path: Path, script: str, *args: str, allowed: tuple[int, ...] = (0,)) -> dict:
    out = tmp_path / f"{script}.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *args, "--json", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode in allowed, done.stdout + done.stderr
    data: dict = json.loads(out.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize(
    ("script", "args", "key"),
    [
        ("bench_startup.py", ("--runs", "1"), "ratio_shown_app"),
        ("bench_pdf.py", ("--process", "--runs", "1"), "ratio_ar_en_in0"),
        ("bench_gui.py", ("--turns", "--runs", "1", "--read-ms", "200"), "turns"),
    ],
)
def test_benchmark_runs(tmp_path: Path, script: str, args: tuple[str, ...], key: str) -> None:
    assert key in _run(tmp_path, script, *args)


def test_soak_runs(tmp_path: Path) -> None:
    # Exit status 3 means "not flat", a figure, not a failure of the script.
    data = _run(tmp_path, "soak_kiosk.py", "--sessions", "2", "--every", "1", allowed=(0, 3))
    assert data["sessions"] == 2
