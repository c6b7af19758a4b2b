"""A copy of the project as a translator's fresh clone has it, and commands run inside it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from decisionaid import paths

REPO = paths.translations_dir().parent
VENV_BIN = Path(sys.executable).parent


def project_copy(tmp_path: Path) -> Path:
    """The package, its content and a copy of its translations, in `tmp_path/project`.

    The content and the published FHIR resources are copied (`decisionaid questionnaire`
    rewrites the latter when a language ships); fonts, icons and the rest are linked.
    """
    root = tmp_path / "project"
    shutil.copytree(REPO / "src", root / "src", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "resources").mkdir()
    for item in (REPO / "resources").iterdir():
        if item.name in ("content", "fhir"):
            shutil.copytree(item, root / "resources" / item.name)
        else:
            (root / "resources" / item.name).symlink_to(item)
    shutil.copytree(REPO / "translations", root / "translations")
    return root


def run_in(
    root: Path, *command: str | Path, shell: bool = False, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """Run a command in a project copy, with the copy's package first on the path."""
    env = {
        "PATH": f"{VENV_BIN}:/usr/bin:/bin",
        "PYTHONPATH": str(root / "src"),
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(root),
        "LC_ALL": "C.UTF-8",
    }
    args: str | list[str] = (
        " ".join(str(c) for c in command) if shell else [str(c) for c in command]
    )
    return subprocess.run(
        args,
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        shell=shell,
    )


def decisionaid(root: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """`decisionaid ARGS` from a project copy."""
    return run_in(root, sys.executable, "-m", "decisionaid", *args)


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a text file; fail when it is not there."""
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def line_of(path: Path, start: str) -> int:
    """The number of the first line of `path` that starts with `start`."""
    lines = path.read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(start))
