"""Atomic writes: the file is all there or not there, and no temp file is left."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from decisionaid.system.files import save_response, write_atomically, write_text_files


def test_writes_the_bytes_with_the_mode_asked(tmp_path: Path) -> None:
    target = write_atomically(tmp_path / "a.pdf", b"%PDF data", mode=0o600)
    assert target.read_bytes() == b"%PDF data"
    assert target.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]


def test_a_failed_rename_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "answers.yaml"
    target.write_bytes(b"old")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["answers.yaml"]


def test_a_missing_folder_is_an_oserror(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomically(tmp_path / "no" / "such" / "x.pdf", b"x")


def test_published_files_are_readable_by_all_and_responses_by_the_owner(tmp_path: Path) -> None:
    """The Questionnaire is public (0644, like write_text); a person's response is private."""
    written = write_text_files(tmp_path / "fhir", {"Q.json": "{}\n", "C.json": "[]\n"})
    assert [p.read_text(encoding="utf-8") for p in written] == ["{}\n", "[]\n"]
    assert all(p.stat().st_mode & 0o777 == 0o644 for p in written)
    response = save_response({"resourceType": "QuestionnaireResponse"}, tmp_path / "r.json")
    assert response.stat().st_mode & 0o777 == 0o600
    assert '"QuestionnaireResponse"' in response.read_text(encoding="utf-8")
