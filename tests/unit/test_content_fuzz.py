"""Any mutation of a valid pack is either loaded or refused with a ContentError naming file and field."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decisionaid import paths
from decisionaid.content import FILES, ContentError, load_content

ORIGINALS = {name: (paths.content_dir() / name).read_text(encoding="utf-8") for name in FILES}
REPLACEMENTS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.just("<b>bold</b>"),
    st.just("  padded  "),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path in a YAML document."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _mutate(doc: Any, path: tuple[Any, ...], action: str, value: Any) -> None:
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "duplicate" and isinstance(parent, list):
        parent.insert(last, parent[last])
    elif action == "rename" and isinstance(parent, dict):
        parent[f"{last}_x"] = parent.pop(last)
    else:
        parent[last] = value


def _check(pack: Path, name: str, text: str) -> None:
    """Write one mutated file, load the pack, then put the original back."""
    (pack / name).write_text(text, encoding="utf-8")
    error: ContentError | None = None
    try:
        load_content(pack)
    except ContentError as caught:
        error = caught
    finally:
        (pack / name).write_text(ORIGINALS[name], encoding="utf-8")
    if error is not None:
        assert error.file in FILES
        assert error.message
        assert str(error).startswith(error.file)


@pytest.fixture(scope="module")
def pack_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("fuzz") / "content"
    shutil.copytree(paths.content_dir(), target)
    return target


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_structural_mutations_never_crash(pack_dir: Path, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(FILES))
    doc = yaml.load(ORIGINALS[name], Loader=yaml.CSafeLoader)
    path = data.draw(st.sampled_from(_paths(doc)))
    action = data.draw(st.sampled_from(["delete", "replace", "duplicate", "rename"]))
    _mutate(doc, path, action, data.draw(REPLACEMENTS))
    _check(pack_dir, name, yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True))


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_text_mutations_never_crash(pack_dir: Path, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(FILES))
    lines = ORIGINALS[name].splitlines(keepends=True)
    index = data.draw(st.integers(0, len(lines) - 1))
    junk = data.draw(st.text(alphabet=st.characters(codec="utf-8"), max_size=12))
    lines[index] = data.draw(
        st.sampled_from(
            ["", junk + "\n", junk + lines[index], lines[index][: len(lines[index]) // 2]]
        )
    )
    _check(pack_dir, name, "".join(lines))
