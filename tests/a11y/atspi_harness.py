"""A private X server, session bus and accessibility bus, and the AT-SPI page walk."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
APP_NAME = "decisionaid-a11y-probe"  # what app_driver.py calls the application
PACKAGES = "xvfb at-spi2-core dbus python3-gi gir1.2-atspi-2.0"


@dataclass(frozen=True)
class Desktop:
    """Environment for programs on the private display and buses."""

    env: dict[str, str]


def _missing() -> str | None:
    for tool in ("Xvfb", "dbus-daemon"):
        if shutil.which(tool) is None:
            return tool
    if not os.path.exists(BUS_LAUNCHER):
        return BUS_LAUNCHER
    probe = "import gi; gi.require_version('Atspi', '2.0'); from gi.repository import Atspi"
    if (
        not os.path.exists(SYSTEM_PYTHON)
        or subprocess.run([SYSTEM_PYTHON, "-c", probe], capture_output=True, check=False).returncode
    ):
        return "python3-gi with gir1.2-atspi-2.0"
    return None


@pytest.fixture(scope="session")
def desktop() -> Iterator[Desktop]:
    """Xvfb + a D-Bus session bus + the AT-SPI bus, torn down after the session."""
    missing = _missing()
    if missing:
        pytest.skip(f"{missing} is missing (apt-get install {PACKAGES})")
    procs: list[subprocess.Popen[str]] = []
    try:
        read, write = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        procs.append(xvfb)
        os.close(write)
        with os.fdopen(read) as pipe:
            display = ":" + pipe.readline().strip()
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        procs.append(bus)
        assert bus.stdout is not None
        address = bus.stdout.readline().strip()
        env = {
            **os.environ,
            "DISPLAY": display,
            "DBUS_SESSION_BUS_ADDRESS": address,
            "QT_QPA_PLATFORM": "xcb",
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            "NO_AT_BRIDGE": "0",
        }
        env.pop("PYTHONPATH", None)
        procs.append(
            subprocess.Popen(
                [BUS_LAUNCHER, "--launch-immediately"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                text=True,
            )
        )
        yield Desktop(env)
    finally:
        for proc in reversed(procs):
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()


def walk_pages(
    desktop: Desktop, language: str, next_names: str, jump_list_name: str
) -> list[dict[str, object]]:
    """Start the answered wizard in `language` and let the AT-SPI client walk every page."""
    with subprocess.Popen(
        [sys.executable, str(HERE / "app_driver.py"), language, "120"],
        env=desktop.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as app:
        try:
            assert app.stdout is not None
            assert app.stdout.readline().strip() == "ready"
            client = subprocess.run(
                [
                    SYSTEM_PYTHON,
                    str(HERE / "atspi_client.py"),
                    APP_NAME,
                    next_names,
                    jump_list_name,
                ],
                env=desktop.env,
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
        finally:
            app.terminate()
    assert client.returncode == 0, client.stderr[-2000:]
    return [json.loads(line) for line in client.stdout.splitlines() if line.startswith("{")]
