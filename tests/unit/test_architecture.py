"""The layers, checked from the source with `ast`: the domain stays plain, and no import cycles."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).parents[2] / "src"
ROOT = "decisionaid"
# The outer ring: the interface, the PDF, the adapters to the machine and the command line.
OUTER = ("gui", "pdf", "system", "cli", "__main__")
# What each outer package may not import (the domain may import none of OUTER).
FORBIDDEN = {
    "system": ("gui", "pdf", "cli"),
    "pdf": ("gui", "cli"),
    "gui": ("cli",),
}


def _modules() -> dict[str, Path]:
    """Every module under src/decisionaid by dotted name; a package is its __init__.py."""
    found = {}
    for path in sorted((SRC / ROOT).rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imported(name: str, path: Path) -> Iterator[str]:
    """Every decisionaid module `name` imports, at any depth of its code."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from pkg import mod` needs only mod; `from pkg import name` needs pkg's __init__.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]  # `from pkg import name` names pkg
            if target and target != name:
                yield target


GRAPH = {name: sorted(set(_imported(name, path))) for name, path in MODULES.items()}


def _area(module: str) -> str:
    """The first name under decisionaid: `gui`, `pdf`, `content`, …"""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


@pytest.mark.parametrize("module", sorted(MODULES))
def test_each_layer_imports_only_what_it_may(module: str) -> None:
    area = _area(module)
    forbidden = FORBIDDEN.get(area, () if area in OUTER else OUTER)
    wrong = [target for target in GRAPH[module] if _area(target) in forbidden]
    assert not wrong, f"{module} ({area or 'top'}) must not import {wrong}"


def test_there_is_no_import_cycle() -> None:
    """Depth-first search over the module graph; report the first cycle found."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for target in GRAPH[module]:
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[module] = 2
        return None

    for module in GRAPH:
        if module not in state and (cycle := visit(module)):
            pytest.fail("import cycle: " + " -> ".join(cycle))


def test_the_graph_sees_the_known_edges() -> None:
    """Guard the parser itself: edges that exist must be found."""
    assert "decisionaid.content.load" in GRAPH["decisionaid.content"]
    assert "decisionaid.report" in GRAPH["decisionaid.pdf.blocks"]
    assert "decisionaid.gui.dialogs" in GRAPH["decisionaid.gui.widgets.evidence"]
