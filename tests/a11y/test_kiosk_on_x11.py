"""On a real X screen the kiosk covers the whole screen, even when A+ is pressed at start-up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from atspi_harness import Desktop

DRIVER = Path(__file__).resolve().parent / "kiosk_driver.py"


def test_pressing_a_plus_at_start_up_never_shrinks_the_kiosk(desktop: Desktop, tmp_path) -> None:
    env = {**desktop.env, "DECISIONAID_CONFIG": str(tmp_path / "none.toml")}
    for _ in range(4):  # it was a race: 2 runs in 6 went wrong
        run = subprocess.run(
            [sys.executable, str(DRIVER)], env=env, capture_output=True, text=True, timeout=60
        )
        assert run.returncode == 0, run.stderr[-1000:]
        words = run.stdout.split()
        window, screen = words[1:5], words[6:10]
        assert window == screen, run.stdout
