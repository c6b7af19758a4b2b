"""Installed like a desktop application: .desktop file, AppStream metainfo, icon, kiosk unit."""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
DESKTOP_DIR = ROOT / "resources" / "desktop"
APP_ID = "org.decisionaid.DecisionAid"
DESKTOP = DESKTOP_DIR / f"{APP_ID}.desktop"
METAINFO = DESKTOP_DIR / f"{APP_ID}.metainfo.xml"
UNIT = ROOT / "resources" / "deploy" / "decisionaid-kiosk.service"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _tool(name: str) -> str:
    path = shutil.which(name) or shutil.which(f"/usr/sbin/{name}")
    if path is None:
        pytest.skip(f"{name} is not installed (tools/sysdeps.sh test installs it)")
    return path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=60, check=False)


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_file_is_valid() -> None:
    result = _run(_tool("desktop-file-validate"), str(DESKTOP))
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (result.stdout + result.stderr).strip(), "no warnings or hints either"


def test_the_appstream_metainfo_is_valid() -> None:
    result = _run(_tool("appstreamcli"), "validate", "--no-net", str(METAINFO))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_desktop_file_starts_the_installed_gui_script_with_our_icon() -> None:
    entry = _desktop_entry()
    assert entry["Exec"] in PYPROJECT["project"]["gui-scripts"]
    assert entry["Icon"] == APP_ID
    assert f"<id>{APP_ID}</id>" in METAINFO.read_text(encoding="utf-8")
    assert f'<launchable type="desktop-id">{DESKTOP.name}</launchable>' in METAINFO.read_text(
        encoding="utf-8"
    )


def test_the_wheel_ships_the_desktop_files_and_icons_where_desktops_look() -> None:
    shared = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    for source, target in shared.items():
        assert (ROOT / source).is_file(), source
        assert target.startswith(("share/applications/", "share/metainfo/", "share/icons/"))
    targets = set(shared.values())
    assert f"share/applications/{DESKTOP.name}" in targets
    assert f"share/metainfo/{METAINFO.name}" in targets
    assert f"share/icons/hicolor/scalable/apps/{APP_ID}.svg" in targets


def test_every_png_icon_has_the_size_its_name_and_place_say() -> None:
    shared = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    pngs = {s: t for s, t in shared.items() if s.endswith(".png")}
    assert len(pngs) >= 5
    for source, target in pngs.items():
        data = (ROOT / source).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", source
        width, height = struct.unpack(">II", data[16:24])
        size = int(Path(source).stem.rsplit("-", 1)[1])
        assert (width, height) == (size, size), source
        assert f"/{size}x{size}/" in target


def test_the_kiosk_unit_parses(tmp_path: Path) -> None:
    """systemd-analyze verify, for real; a compositor missing here is stood in for by a stub.

    Unknown keys or sections are only warnings to systemd, so any output fails the test.
    """
    analyze = _tool("systemd-analyze")
    text = UNIT.read_text(encoding="utf-8")
    start = next(line for line in text.splitlines() if line.startswith("ExecStart="))
    program = start.removeprefix("ExecStart=").split()[0]
    assert program == "/usr/bin/cage"
    assert "--kiosk" in start
    if not Path(program).exists():
        stub = tmp_path / "cage"
        stub.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
        stub.chmod(0o755)
        text = text.replace(f"ExecStart={program} ", f"ExecStart={stub} ")
    unit = tmp_path / UNIT.name
    unit.write_text(text, encoding="utf-8")
    result = _run(analyze, "verify", "--man=no", str(unit))
    assert result.returncode == 0, result.stderr
    assert not result.stderr.strip(), result.stderr


def test_the_window_icon_is_set(qapp: object) -> None:
    from decisionaid.gui.app import APP_ID as app_id
    from decisionaid.gui.app import create_application

    app = create_application([])
    assert app_id == APP_ID
    assert app.desktopFileName() == APP_ID
    sizes = {size.width() for size in app.windowIcon().availableSizes()}
    assert {16, 32, 48, 256} <= sizes
