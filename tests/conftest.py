"""Shared fixtures: offscreen Qt, the shipped pack, answer factories and a fake `lp`."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Every test validates the content pack from source; test_content_cache.py turns it on.
os.environ.setdefault("DECISIONAID_CONTENT_CACHE", "0")

import stat
from pathlib import Path

import pytest

from decisionaid.answers import Answers
from decisionaid.content import Content
from decisionaid.i18n import translator_for
from decisionaid.session import load_pack
from factories import complete_answers


@pytest.fixture(scope="session")
def content() -> Content:
    """The shipped English content pack."""
    return load_pack(translator_for("en"))


@pytest.fixture
def answers(content: Content) -> Answers:
    """A complete set of answers for the first condition."""
    return complete_answers(content)


FAKE_LP = """#!/bin/sh
# Records its arguments, copies the file it was given, then behaves as $FAKE_LP_MODE says.
printf '%s\\n' "$@" > "$FAKE_LP_DIR/args"
for last; do :; done
cp "$last" "$FAKE_LP_DIR/received.pdf"
stat -c %a "$(dirname "$last")" > "$FAKE_LP_DIR/dir-mode"
stat -c %a "$last" > "$FAKE_LP_DIR/file-mode"
case "$FAKE_LP_MODE" in
  fail) echo "lp: Error - The printer or class does not exist." >&2; exit 1 ;;
  nodefault) echo "lp: Error - No default destination." >&2; exit 1 ;;
  hang) sleep 300 & echo $! > "$FAKE_LP_DIR/grandchild"; exec sleep 300 ;;
esac
echo "request id is TestPDF-1 (1 file(s))"
"""


@pytest.fixture
def fake_lp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake `lp` first on PATH; returns the folder where it records what it got."""
    bin_dir = tmp_path / "bin"
    record = tmp_path / "record"
    bin_dir.mkdir()
    record.mkdir()
    script = bin_dir / "lp"
    script.write_text(FAKE_LP)
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_LP_DIR", str(record))
    monkeypatch.setenv("FAKE_LP_MODE", "ok")
    return record


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Caching on, and a fresh owner-only folder to cache in (the caches' own rules)."""
    monkeypatch.setenv("DECISIONAID_CONTENT_CACHE", "1")
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    return folder
