"""Our catalogs are what GNU gettext (and so Poedit and Weblate) would write: no churn between tools."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from decisionaid import paths

CATALOGS = sorted(paths.translations_dir().glob("*/LC_MESSAGES/*.po"))
TEMPLATES = sorted(paths.translations_dir().glob("*.pot"))


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: install the Debian package gettext (make test does)")
    return found


@pytest.mark.parametrize("path", CATALOGS + TEMPLATES, ids=lambda p: "/".join(p.parts[-3:]))
def test_msgcat_writes_the_catalog_back_unchanged(path: Path) -> None:
    result = subprocess.run(
        [_tool("msgcat"), "--no-wrap", str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
    )
    # Babel ends the file with an empty line after the last entry; msgcat does not.
    assert result.stdout == path.read_text("utf-8").removesuffix("\n")


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: "/".join(p.parts[-3:]))
def test_msgfmt_check_accepts_the_catalog(path: Path) -> None:
    result = subprocess.run(
        [_tool("msgfmt"), "--check", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
