# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Whole-process measurements shared by the benchmarks: run A and B alike, alternately.

Every program runs as a fresh child of this same interpreter (`sys.executable`, the same
flags, PYTHONDONTWRITEBYTECODE dropped so that `.pyc` files exist for both sides after the
untimed warm-up run of each). The child's own figures (what it prints, one number a line)
are its in-process times; the whole-process figures come from `os.wait4` in the small process
that spawns it (`_SPAWNER`): wall time from spawn to exit, CPU time (user + system) and peak
RSS of that child alone.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Child:
    """One finished child process."""

    printed: list[float]  # the numbers the child printed on stdout, one per line
    wall_s: float  # spawn to exit
    cpu_s: float  # user + system time of the child (os.wait4)
    maxrss_mib: float  # peak resident set size of the child (os.wait4, KiB on Linux)


def child_env() -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # A deployed app imports from .pyc files; PYTHONDONTWRITEBYTECODE (set in some CI images)
    # would make every run compile every module from source instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


# Children are started by this small process, not by the benchmark itself. Linux counts in
# a child's peak RSS the memory of the process it was spawned from, up to its exec (the
# vfork'd child runs in the parent's memory until then): spawned from bench_pdf, which has
# ReportLab, pypdf and decisionaid loaded, every child's peak read 61 MiB, the parent's.
# The spawner imports nothing but `os`, `sys` and `json` (about 9 MiB).
_SPAWNER = r"""
import json, os, sys, time
for line in sys.stdin:
    job = json.loads(line)
    out = os.open(job["out"], os.O_WRONLY)
    err = os.open(job["err"], os.O_WRONLY)
    start = time.perf_counter()
    pid = os.posix_spawn(job["argv"][0], job["argv"], job["env"],
                         file_actions=[(os.POSIX_SPAWN_DUP2, out, 1), (os.POSIX_SPAWN_DUP2, err, 2)])
    _pid, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    os.close(out)
    os.close(err)
    code = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    print(json.dumps([code, wall, cpu, usage.ru_maxrss]), flush=True)
"""
_spawner: subprocess.Popen[str] | None = None


def _spawn(argv: list[str], env: Mapping[str, str], out: str, err: str) -> list[float]:
    """Run `argv` from the spawner: [exit code, wall s, CPU s, peak RSS KiB]."""
    global _spawner
    if _spawner is None or _spawner.poll() is not None:
        _spawner = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", _SPAWNER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={},
        )
    assert _spawner.stdin is not None
    assert _spawner.stdout is not None
    _spawner.stdin.write(json.dumps({"argv": argv, "env": dict(env), "out": out, "err": err}))
    _spawner.stdin.write("\n")
    _spawner.stdin.flush()
    answer: list[float] = json.loads(_spawner.stdout.readline())
    return answer


def run_child(argv: Sequence[str], env: Mapping[str, str] | None = None) -> Child:
    """Run `sys.executable *argv` to the end; raise if it fails."""
    with tempfile.TemporaryDirectory(prefix="decisionaid-bench-") as folder:
        out, err = Path(folder) / "out", Path(folder) / "err"
        out.touch()
        err.touch()
        code, wall, cpu, maxrss = _spawn(
            [sys.executable, *argv], env or child_env(), str(out), str(err)
        )
        stdout = out.read_text("utf-8", "replace")
        if code != 0:
            raise RuntimeError(f"{argv[:3]} exited {code}: {err.read_text('utf-8', 'replace')}")
    printed = []
    for line in stdout.split():
        with contextlib.suppress(ValueError):
            printed.append(float(line))
    return Child(printed, wall, cpu, maxrss / 1024)


@dataclass(frozen=True)
class Spread:
    """Median and spread of one figure over the runs."""

    values: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)

    def show(self, scale: float = 1.0, digits: int = 3, unit: str = "") -> str:
        return (
            f"{self.median * scale:.{digits}f}{unit} "
            f"({self.low * scale:.{digits}f}–{self.high * scale:.{digits}f})"
        )

    def as_json(self) -> dict[str, float]:
        return {"median": self.median, "min": self.low, "max": self.high, "n": len(self.values)}


def ratio(a: Sequence[float], b: Sequence[float]) -> Spread:
    """Per-run ratios a[i] / b[i] of runs taken back to back (the pairs of an A/B run)."""
    return Spread(tuple(x / y for x, y in zip(a, b, strict=True)))


def alternate(
    programs: Mapping[str, Sequence[str]], runs: int, env: Mapping[str, str] | None = None
) -> dict[str, list[Child]]:
    """Each program once untimed (writes .pyc, warms the file cache), then A B A B … `runs` times."""
    for argv in programs.values():
        run_child(argv, env)
    results: dict[str, list[Child]] = {name: [] for name in programs}
    for _ in range(runs):
        for name, argv in programs.items():
            results[name].append(run_child(argv, env))
    return results


def figures(children: Sequence[Child]) -> dict[str, Spread]:
    """wall, cpu, rss and every in-process figure (in0, in1, …) as spreads."""
    out = {
        "wall_s": Spread(tuple(c.wall_s for c in children)),
        "cpu_s": Spread(tuple(c.cpu_s for c in children)),
        "maxrss_mib": Spread(tuple(c.maxrss_mib for c in children)),
    }
    for index in range(min(len(c.printed) for c in children)):
        out[f"in{index}"] = Spread(tuple(c.printed[index] for c in children))
    return out
