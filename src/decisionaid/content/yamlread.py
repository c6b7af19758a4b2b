# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""YAML that remembers line numbers, and typed readers that name file, line and field on error."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from decisionaid.content.model import ContentError, TextEntry, Translate

ID = re.compile(r"^[a-z][a-z0-9_]*$")


class Map(dict[str, Any]):
    """A mapping that remembers the line of itself and of each key."""

    line: int
    key_lines: dict[str, int]


class Seq(list[Any]):
    """A sequence that remembers its line and the line of each item."""

    line: int
    item_lines: list[int]


# libyaml's parser is several times faster; the constructors below stay the safe ones.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """A safe loader whose mappings and sequences carry 1-based line numbers."""


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> Map:
    result = Map()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise yaml.constructor.ConstructorError(
                None, None, f"keys must be text, found {key!r}", key_node.start_mark
            )
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> Seq:
    result = Seq(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def read_yaml(path: Path) -> Map:
    """Parse one content file into a line-tracking mapping, or raise ContentError."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(name, None, "", "file is missing") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(name, None, "", f"cannot be read ({exc})") from None
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ContentError(name, line, "", f"not valid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise ContentError(name, None, "", f"not valid YAML: {exc}") from None
    if not isinstance(data, Map):
        raise ContentError(name, 1, "", "the file must hold a mapping of keys to values")
    return data


def join(path: str, key: str) -> str:
    """The dotted field path of `key` under `path`."""
    return f"{path}.{key}" if path else key


def line_of(node: Map, key: str) -> int | None:
    """The line of `key` in `node`, or of `node` itself when the key is absent."""
    return node.key_lines.get(key, node.line)


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    return {
        Map: "a mapping",
        Seq: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
    }.get(type(value), type(value).__name__)


class Reader:
    """Reads typed values from one YAML file, collecting translatable texts as it goes."""

    def __init__(self, file: str, translate: Translate | None, texts: list[TextEntry]) -> None:
        self.file = file
        self._translate = translate
        self._texts = texts

    def error(self, line: int | None, path: str, message: str) -> ContentError:
        """A ContentError located in this file."""
        return ContentError(self.file, line, path, message)

    def mapping(
        self, node: Any, path: str, line: int, required: Sequence[str], optional: Sequence[str]
    ) -> Map:
        """`node` as a mapping with exactly the allowed keys and every required one."""
        if not isinstance(node, Map):
            raise self.error(line, path, f"expected a mapping, found {_kind(node)}")
        unknown = [k for k in node if k not in required and k not in optional]
        if unknown:
            key = unknown[0]
            allowed = ", ".join([*required, *optional])
            raise self.error(
                node.key_lines[key], join(path, key), f"unknown field (allowed: {allowed})"
            )
        for key in required:
            if key not in node:
                raise self.error(node.line, join(path, key), "required field is missing")
        return node

    def seq(self, node: Map, key: str, path: str) -> Seq:
        """A non-empty list field."""
        value = node.get(key)
        where = join(path, key)
        if not isinstance(value, Seq):
            raise self.error(line_of(node, key), where, f"expected a list, found {_kind(value)}")
        if not value:
            raise self.error(line_of(node, key), where, "the list must not be empty")
        return value

    def string(self, node: Map, key: str, path: str) -> str:
        """Untranslated, non-empty, trimmed text."""
        value = node.get(key)
        where = join(path, key)
        line = line_of(node, key)
        if not isinstance(value, str):
            raise self.error(line, where, f"expected text, found {_kind(value)}")
        if not value.strip():
            raise self.error(line, where, "must not be empty")
        if value != value.strip():
            raise self.error(line, where, "has leading or trailing blanks or newlines")
        if "\x00" in value:
            raise self.error(line, where, "contains a NUL character")
        return value

    def text(self, node: Map, key: str, path: str, context: str) -> str:
        """A translatable string: checked, recorded with its msgctxt, and translated."""
        value = self.string(node, key, path)
        line = line_of(node, key) or 0
        if "  " in value:
            raise self.error(line, join(path, key), "contains a double space")
        if re.search(r"<[A-Za-z/!?]", value):
            raise self.error(line, join(path, key), "contains markup; write plain text")
        self._texts.append(TextEntry(self.file, line, context, value))
        if self._translate is None:
            return value
        return self._translate(context, value)

    def url(self, node: Map, key: str, path: str) -> str:
        """A web address."""
        value = self.string(node, key, path)
        if not value.startswith(("https://", "http://")):
            raise self.error(line_of(node, key), join(path, key), "must be a web address")
        return value

    def code(self, node: Map, key: str, path: str, pattern: str) -> str:
        """An identifier such as a DOI or PMID: text, or digits, matching `pattern` in full."""
        value = node.get(key)
        number = isinstance(value, int) and not isinstance(value, bool)
        text = str(value) if number else self.string(node, key, path)
        if not re.fullmatch(pattern, text):
            raise self.error(
                line_of(node, key), join(path, key), f"{text!r} is not a well-formed {key}"
            )
        return text

    def ident(self, node: Map, key: str, path: str) -> str:
        """A lower_snake_case id."""
        if isinstance(node.get(key), bool):
            raise self.error(
                line_of(node, key),
                join(path, key),
                "YAML reads yes/no/on/off as true/false: use another id or quote it",
            )
        value = self.string(node, key, path)
        if not ID.match(value):
            raise self.error(
                line_of(node, key), join(path, key), f"{value!r} is not a lower_snake_case id"
            )
        return value

    def ids(self, node: Map, key: str, path: str) -> tuple[str, ...]:
        """A list of distinct ids."""
        value = self.seq(node, key, path)
        result: list[str] = []
        for index, (item, line) in enumerate(zip(value, value.item_lines, strict=True)):
            if not isinstance(item, str) or not ID.match(item):
                raise self.error(line, f"{join(path, key)}[{index}]", f"{item!r} is not an id")
            result.append(item)
        if len(set(result)) != len(result):
            raise self.error(line_of(node, key), join(path, key), "lists the same id twice")
        return tuple(result)

    def choice(self, node: Map, key: str, path: str, allowed: Sequence[str]) -> str:
        """One of a closed list of words."""
        value = node.get(key)
        if value not in allowed:
            raise self.error(
                line_of(node, key),
                join(path, key),
                f"{value!r} is not one of: {', '.join(allowed)}",
            )
        return str(value)

    def integer(self, node: Map, key: str, path: str, minimum: int) -> int:
        """A whole number at least `minimum`."""
        value = node.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            raise self.error(
                line_of(node, key), join(path, key), f"expected a whole number ≥ {minimum}"
            )
        return value

    def boolean(self, node: Map, key: str, path: str) -> bool:
        """True or false."""
        value = node.get(key)
        if not isinstance(value, bool):
            raise self.error(line_of(node, key), join(path, key), "expected true or false")
        return value

    def date(self, node: Map, key: str, path: str) -> dt.date:
        """A calendar date written YYYY-MM-DD."""
        value = node.get(key)
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise self.error(line_of(node, key), join(path, key), "expected a date as YYYY-MM-DD")
        return value
