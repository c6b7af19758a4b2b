"""The answers example documented in docs/answers-format.md, which several tests render."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def documented_answers() -> str:
    """The YAML of the first example in docs/answers-format.md."""
    doc = (ROOT / "docs" / "answers-format.md").read_text(encoding="utf-8")
    return doc.split("```yaml\n", 1)[1].split("```", 1)[0]


def write_documented_answers(folder: Path, name: str = "example.yaml") -> Path:
    """The documented example saved as `folder/name`."""
    path = folder / name
    path.write_text(documented_answers(), encoding="utf-8")
    return path
