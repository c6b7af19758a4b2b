# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Documents a stranger may have made, parsed within fixed bounds (no file access here).

Everything here fails with InputError: one plain line that names the line of the file at
fault but never repeats what the file says (it may hold a person's health worries).
`decisionaid.system.untrusted` reads the files themselves.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, Final

import yaml

MAX_DEPTH: Final = 8  # answers files nest two levels deep
MAX_NODES: Final = 5000  # values in one document, lists and mappings included
MAX_ITEMS: Final = 500  # entries in any one list or mapping
MAX_INT_DIGITS: Final = 18

Lines = dict[tuple[str, ...], int]


class InputError(ValueError):
    """A file that cannot be used; the message is one line and never quotes the file."""


def decode_utf8(data: bytes) -> str:
    """`data` as UTF-8 text; InputError naming the line of the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"line {line}: not UTF-8 text") from None


# -- YAML and JSON documents ---------------------------------------------------------------


def parse_document(text: str) -> tuple[Any, Lines]:
    """Parse a YAML or JSON document within the bounds above; returns (data, field -> line).

    Anchors and aliases are refused (an answers file never needs them), as are duplicate
    keys, deep nesting, long lists and integers of more than MAX_INT_DIGITS digits.
    """
    if text.lstrip().startswith("{"):
        return _parse_json(text)
    try:
        loader = _Loader(text)
    except yaml.YAMLError:
        raise InputError("not valid YAML or JSON (it holds a control character)") from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines = _lines(node)
        return loader.construct_document(node), lines
    except yaml.MarkedYAMLError as exc:
        raise InputError(_yaml_problem(exc)) from None
    except yaml.YAMLError:
        raise InputError("not valid YAML or JSON") from None
    except InputError:
        raise
    except (ValueError, TypeError, OverflowError):
        raise InputError("a value that cannot be read") from None
    finally:
        loader.dispose()


def _parse_json(text: str) -> tuple[Any, Lines]:
    # The JSON module reads values (it gets escapes right); the YAML composer, under the
    # same bounds, only finds the line of each field, when it can read the document.
    lines: Lines = {}
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                lines = _lines(node)
        finally:
            loader.dispose()
    except yaml.YAMLError:
        lines = {}
    try:
        data = json.loads(
            text,
            object_pairs_hook=_json_object,
            parse_int=_json_int,
            parse_constant=_json_constant,
        )
    except json.JSONDecodeError as exc:
        raise InputError(f"line {exc.lineno}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise InputError(f"nested more than {MAX_DEPTH} levels deep") from None
    _check_shape(data)
    return data, lines


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InputError("the same field appears twice")
        result[key] = value
    if len(result) > MAX_ITEMS:
        raise InputError(f"more than {MAX_ITEMS} entries in one list or mapping")
    return result


def _json_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise InputError(f"a number longer than {MAX_INT_DIGITS} digits")
    return int(digits)


def _json_constant(_name: str) -> Any:
    raise InputError("NaN and Infinity are not allowed")


def _check_shape(data: Any) -> None:
    """Depth and list lengths of parsed JSON, without recursion."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise InputError(f"nested more than {MAX_DEPTH} levels deep")
            if len(value) > MAX_ITEMS:
                raise InputError(f"more than {MAX_ITEMS} entries in one list or mapping")
            items = value.values() if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items)


class _Loader(yaml.SafeLoader):
    """The safe loader with fixed bounds: no aliases, limited depth, nodes and digits."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        """Compose one node, refusing aliases and anchors and counting depth and size."""
        event = self.peek_event()  # type: ignore[no-untyped-call]
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise InputError(f"line {line}: anchors and aliases (& and *) are not allowed")
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise InputError(f"line {line}: more than {MAX_NODES} values")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise InputError(f"line {line}: nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        """An integer, refusing more digits than any answer needs (and Python's 4300 limit)."""
        digits = re.sub(r"[^0-9a-fA-F]", "", str(node.value))
        if len(digits) > MAX_INT_DIGITS:
            line = node.start_mark.line + 1
            raise InputError(f"line {line}: a number longer than {MAX_INT_DIGITS} digits")
        value: int = super().construct_yaml_int(node)
        return value


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)


def _lines(root: yaml.Node) -> Lines:
    """Field path -> line for every value, refusing duplicate keys and long collections."""
    lines: Lines = {(): root.start_mark.line + 1}
    for path, node in _walk(root, ()):
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and len(node.value) > MAX_ITEMS:
            line = node.start_mark.line + 1
            raise InputError(f"line {line}: more than {MAX_ITEMS} entries in one list or mapping")
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
                line = key_node.start_mark.line + 1
                if key in seen:
                    raise InputError(f"line {line}: the same field appears twice")
                seen.add(key)
                lines[(*path, key)] = value_node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines[(*path, str(index))] = item.start_mark.line + 1
    return lines


def _walk(root: yaml.Node, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], yaml.Node]]:
    """Every node with its field path, depth first, without recursion."""
    stack = [(path, root)]
    while stack:
        where, node = stack.pop()
        yield where, node
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
                stack.append(((*where, key), value_node))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(((*where, str(i)), item) for i, item in enumerate(node.value))


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    """The parser's complaint without any text quoted from the file."""
    mark = exc.problem_mark or exc.context_mark
    where = f"line {mark.line + 1}: " if mark is not None else ""
    problem = re.sub(r"'[^']*'|\"[^\"]*\"|#x[0-9a-fA-F]+", "…", exc.problem or "")
    reason = " ".join(problem.split()) or "syntax error"
    return f"{where}not valid YAML or JSON ({reason})"
