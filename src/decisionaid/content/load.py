# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Reading the pack by its schema: typed fields, translation, unique ids, cross-references."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from decisionaid.content.model import Content, TextEntry, Translate
from decisionaid.content.schema import PACK_FILES, Field, Kind, Record
from decisionaid.content.yamlread import Map, Reader, Seq, join, line_of, read_yaml


def load_content(directory: Path, translate: Translate | None = None) -> Content:
    """Read, check and (when `translate` is given) translate the pack in `directory`.

    Raises ContentError naming the file, line and field of the first problem found.
    """
    data = {file.name: read_yaml(directory / file.name) for file in PACK_FILES}
    loader = _Loader()
    parts: dict[str, Any] = {}
    for file in PACK_FILES:
        root = data[file.name]
        reader = Reader(file.name, translate, loader.texts)
        value = loader.record(reader, file.record, root, "", root.line, file.context)
        if file.attr:
            parts[file.attr] = value
        else:
            parts.update(value)
    loader.check_references()
    parts["sources"] = {source.id: source for source in parts["sources"]}
    return Content(**parts, texts=tuple(loader.texts))


@dataclass(frozen=True)
class _Reference:
    """Ids a field names, kept until every record kind has been read.

    `lines` holds the line of each id itself (an item of a block list has its own), so an
    error points at the offending value, not at its parent entry.
    """

    reader: Reader
    lines: tuple[int | None, ...]
    path: str
    field: Field
    ids: tuple[str, ...]


def _context(parent: str, field: Field) -> str:
    segment = field.key if field.context is None else field.context
    if not parent or not segment:
        return parent or segment
    return f"{parent}/{segment}"


class _Loader:
    """Reads records by their schema, remembering texts, ids by kind and pending references."""

    def __init__(self) -> None:
        self.texts: list[TextEntry] = []
        self._ids: defaultdict[str, list[str]] = defaultdict(list)
        self._built: defaultdict[str, dict[str, Any]] = defaultdict(dict)
        self._references: list[_Reference] = []

    def record(self, r: Reader, record: Record, node: Any, path: str, line: int, ctx: str) -> Any:
        """The record's dataclass, or its values when the record merges into its parent."""
        node = _keys_checked(r, record, node, path, line)
        values: dict[str, Any] = {}
        for field in record.fields:
            if node.get(field.key) is None and not field.required:
                values[field.name] = field.default
                continue
            value = self._field(r, field, node, path, line, _context(ctx, field))
            nested = field.record
            if field.kind is Kind.RECORD and nested is not None and nested.make is None:
                values.update(value)
            else:
                values[field.name] = value
        for check in record.checks:
            check(r, node, path, line, values)
        return values if record.make is None else record.make(**values)

    def check_references(self) -> None:
        """Every id a field names must be one of the records of the kind it names.

        A field with a `target` rule also asks whether each record it names may be named
        there (a number may not rest on a news source).
        """
        for ref in self._references:
            known = {*self._ids[ref.field.ref or ""], *ref.field.also}
            for ident, line in zip(ref.ids, ref.lines, strict=True):
                if ident not in known:
                    raise ref.reader.error(line, ref.path, f"unknown {ref.field.ref} {ident!r}")
                named = self._built[ref.field.ref or ""].get(ident)
                reason = ref.field.target(named) if ref.field.target and named else ""
                if reason:
                    raise ref.reader.error(line, ref.path, reason)

    def _field(self, r: Reader, field: Field, node: Map, path: str, line: int, ctx: str) -> Any:
        key = field.key
        match field.kind:
            case Kind.STR:
                return _string(r, field, node, key, path, ctx)
            case Kind.STRS:
                return _strings(r, field, node, path, ctx)
            case Kind.ID | Kind.IDS:
                ids = (
                    r.ids(node, key, path)
                    if field.kind is Kind.IDS
                    else (r.ident(node, key, path),)
                )
                if field.ref:
                    where = join(path, key)
                    lines = _item_lines(node, key, len(ids))
                    self._references.append(_Reference(r, lines, where, field, ids))
                return ids if field.kind is Kind.IDS else ids[0]
            case Kind.RECORD:
                assert field.record is not None
                where = join(path, key)
                return self.record(
                    r, field.record, node[key], where, line_of(node, key) or line, ctx
                )
            case Kind.RECORDS:
                return self._records(r, field, node, path, ctx)
            case Kind.STR_BY:
                return self._by_id(r, field, node, path, line, ctx)
        return _SIMPLE[field.kind](r, field, node, path)

    def _records(self, r: Reader, field: Field, node: Map, path: str, ctx: str) -> tuple[Any, ...]:
        record = field.record
        assert record is not None
        items = r.seq(node, field.key, path)
        where = join(path, field.key)
        keyed = any(f.key == "id" for f in record.fields)
        result = []
        seen: set[str] = set()
        for index, (item, line) in enumerate(zip(items, items.item_lines, strict=True)):
            label = item.get("id") if isinstance(item, Map) else None
            item_path = f"{where}[{label if isinstance(label, str) else index}]"
            name = str(index)
            if keyed:
                name = r.ident(_keys_checked(r, record, item, item_path, line), "id", item_path)
                if name in seen:
                    raise r.error(line, item_path, f"duplicate {record.what} id {name!r}")
                seen.add(name)
                self._ids[record.what].append(name)
            built = self.record(r, record, item, item_path, line, f"{ctx}/{name}")
            if keyed:
                self._built[record.what][name] = built
            result.append(built)
        return tuple(result)

    def _by_id(
        self, r: Reader, field: Field, node: Map, path: str, line: int, ctx: str
    ) -> dict[str, str]:
        keys = self._ids[field.ref or ""]
        where = join(path, field.key)
        cells = r.mapping(node[field.key], where, line_of(node, field.key) or line, keys, ())
        return {key: _string(r, field, cells, key, where, f"{ctx}/{key}") for key in keys}


def _item_lines(node: Map, key: str, count: int) -> tuple[int | None, ...]:
    """The line of each of the `count` values under `key`: a list's items, or the one value."""
    value = node.get(key)
    if isinstance(value, Seq) and len(value.item_lines) == count:
        return tuple(value.item_lines)
    return (line_of(node, key),) * count


def _keys_checked(r: Reader, record: Record, node: Any, path: str, line: int) -> Map:
    required = [f.key for f in record.fields if f.required]
    optional = [f.key for f in record.fields if not f.required]
    return r.mapping(node, path, line, required, optional)


def _string(r: Reader, field: Field, node: Map, key: str, path: str, ctx: str) -> str:
    return r.text(node, key, path, ctx) if field.translatable else r.string(node, key, path)


def _strings(r: Reader, field: Field, node: Map, path: str, ctx: str) -> tuple[str, ...]:
    value = r.seq(node, field.key, path)
    result: list[str] = []
    for index, (item, line) in enumerate(zip(value, value.item_lines, strict=True)):
        holder = Map({"v": item})
        holder.line = line
        holder.key_lines = {"v": line}
        where = f"{join(path, field.key)}[{index}]"
        result.append(_string(r, field, holder, "v", where, f"{ctx}/{index}"))
    return tuple(result)


_SIMPLE: dict[Kind, Callable[[Reader, Field, Map, str], Any]] = {
    Kind.URL: lambda r, f, node, path: r.url(node, f.key, path),
    Kind.CHOICE: lambda r, f, node, path: r.choice(node, f.key, path, f.choices),
    Kind.CODE: lambda r, f, node, path: r.code(node, f.key, path, f.pattern),
    Kind.INT: lambda r, f, node, path: r.integer(node, f.key, path, f.minimum),
    Kind.BOOL: lambda r, f, node, path: r.boolean(node, f.key, path),
    Kind.DATE: lambda r, f, node, path: r.date(node, f.key, path),
}
