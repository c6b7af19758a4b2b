# SPDX-License-Identifier: GPL-3.0-or-later
"""Print the packages whose installed version differs from the lock (used by `make test-latest`)."""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.utils import canonicalize_name

_PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def locked(path: Path) -> dict[str, str]:
    """Name → version for every pin in the lock whose environment marker applies here."""
    pins: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match and (match[3] is None or Marker(match[3]).evaluate()):
            pins[canonicalize_name(match[1])] = match[2]
    return pins


def installed() -> dict[str, str]:
    """Name → version of every distribution in this interpreter's environment."""
    return {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}


def main() -> int:
    """Print one line per package that moved, was added or is gone; always exit 0."""
    pins, now = locked(Path(sys.argv[1])), installed()
    rows = [
        (name, pins.get(name, "-"), now.get(name, "-"))
        for name in sorted(pins.keys() | now.keys())
        if pins.get(name) != now.get(name) and name not in {"decisionaid", "pip", "setuptools"}
    ]
    for name, old, new in rows:
        print(f"  {name:28} lock {old:>16}  newest {new}")
    print(f"  {len(rows)} package(s) differ" if rows else "  none: the lock is current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
