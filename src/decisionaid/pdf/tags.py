# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Tagged PDF, step 1: the logical structure, and marked content at draw time (tech notes §7.1).

ReportLab writes no structure tree. While the story is built, `Tags` grows a tree of
`Element`s in reading order (whatever order the page lays them out in, e.g. mirrored table
cells in Arabic); `mark()` ties a flowable to its element, and when the flowable is drawn its
operators are wrapped in `/Role <</MCID n>> BDC … EMC` and the (page, MCID) is recorded on
the element. A flowable split across pages keeps its element, so it gets one MCID per page.
Everything else drawn (rules, table grid lines, the running head and footer) is wrapped in
`/Artifact BMC … EMC`. `structure.tag_pdf` turns the recorded tree into the PDF's
`StructTreeRoot` after `build()`. Elements never drawn (the trial layouts of the
shrink-to-fit page) are dropped there.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(eq=False)
class Element:
    """One structure element: a role, its attributes, and its kids in reading order."""

    role: str
    text: str = ""  # the plain text, for bookmarks
    lang: str = ""
    alt: str = ""
    actual_text: str = ""
    scope: str = ""  # "Row" or "Column" for TH
    uri: str = ""  # a Link: the URI of the annotation it owns
    contents: str = ""  # a Link: the annotation's description
    top: float | None = None  # a heading: the y of its top on the page it starts on
    kids: list[Element | tuple[int, int]] = field(default_factory=list)  # elements or (page, mcid)


class Tags:
    """The structure tree under construction, and the MCID counter of every page."""

    def __init__(self) -> None:
        self.root = Element("Document")
        self._stack: list[Element] = [self.root]
        self._next_mcid: dict[int, int] = {}

    @property
    def current(self) -> Element:
        """The element new elements are added to."""
        return self._stack[-1]

    def add(self, role: str, **attrs: str) -> Element:
        """A new element, the last kid of the current one."""
        element = Element(role, **attrs)  # type: ignore[arg-type]
        self.current.kids.append(element)
        return element

    @contextlib.contextmanager
    def under(self, element: Element) -> Iterator[Element]:
        """Add elements below `element` for the duration of the block."""
        self._stack.append(element)
        try:
            yield element
        finally:
            self._stack.pop()

    @contextlib.contextmanager
    def group(self, role: str, **attrs: str) -> Iterator[Element]:
        """A new element, and add elements below it for the duration of the block."""
        with self.under(self.add(role, **attrs)) as element:
            yield element

    def mcid(self, page: int, element: Element) -> int:
        """The next MCID on `page`, recorded as content of `element`."""
        mcid = self._next_mcid.get(page, 0)
        self._next_mcid[page] = mcid + 1
        element.kids.append((page, mcid))
        return mcid


def _page_of(canv: Any) -> int:
    """The 0-based index of the page being drawn (the numbered canvas holds pages back)."""
    return len(getattr(canv, "_pages", ()))


def hex_text_string(text: str) -> str:
    """`text` as a PDF text string in hex: UTF-16BE with its byte order mark, `<FEFF…>`."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def mark(
    flowable: Any,
    element: Element,
    actual_text: str | None = None,
    label: Element | None = None,
) -> Any:
    """Make `flowable` draw as marked content of `element`; its split parts too. Returns it.

    `actual_text` (the logical string of shaped right-to-left text) goes into the marked
    content itself, so that copying and searching give the words, not presentation forms.
    When the flowable is split, the first part carries all of it and the others none.
    With a `label` (the `Lbl` of a list item) the flowable draws its bullet and its body as
    two marked-content sequences itself, through `open_mark` (see `LabelledParagraph`);
    only the first part of a split flowable has the bullet.
    """
    draw_on = flowable.drawOn
    split = flowable.split

    def marked_draw_on(canv: Any, x: float, y: float, _sW: float = 0) -> None:
        tags: Tags | None = getattr(canv, "tags", None)
        if tags is None:
            flowable.open_mark = None
            draw_on(canv, x, y, _sW)
            return
        page = _page_of(canv)
        if element.top is None and element.role in _HEADINGS:
            element.top = canv.absolutePosition(x, y + flowable.height)[1]

        def open_mark(part: str) -> str:
            """The BDC operator opening `part` ("label" or "body"), with its new MCID."""
            if part == "label" and label is not None:
                props = f"/MCID {tags.mcid(page, label)}"
                if label.actual_text:
                    props += f" /ActualText {hex_text_string(label.actual_text)}"
                return f"/Lbl <<{props}>> BDC"
            props = f"/MCID {tags.mcid(page, element)}"
            if actual_text is not None:
                props += f" /ActualText {hex_text_string(actual_text)}"
            role = "Figure" if element.role == "Figure" else _CONTENT_ROLE.get(element.role, "Span")
            return f"/{role} <<{props}>> BDC"

        if label is not None:
            flowable.open_mark = open_mark
            draw_on(canv, x, y, _sW)
            return
        canv.addLiteral(open_mark("body"))
        draw_on(canv, x, y, _sW)
        canv.addLiteral("EMC")

    def marked_split(avail_width: float, avail_height: float) -> list[Any]:
        parts = split(avail_width, avail_height)
        rest = "" if actual_text is not None else None
        return [
            mark(p, element, actual_text if i == 0 else rest, label if i == 0 else None)
            for i, p in enumerate(parts)
        ]

    flowable.drawOn = marked_draw_on
    flowable.split = marked_split
    return flowable


@contextlib.contextmanager
def marked_part(flowable: Any, part: str) -> Iterator[None]:
    """Draw the block as the `part` ("label" or "body") of a labelled flowable (see mark())."""
    open_mark = getattr(flowable, "open_mark", None)
    if open_mark is None:
        yield
        return
    flowable.canv.addLiteral(open_mark(part))
    yield
    flowable.canv.addLiteral("EMC")


_HEADINGS = frozenset({"H1", "H2", "H3", "H4"})
# The marked-content tag for an element's own content (the structure type, or a neutral one).
_CONTENT_ROLE = {r: r for r in ("P", "H1", "H2", "H3", "H4", "Lbl", "LBody", "Link", "Caption")}


def artifact(flowable: Any) -> Any:
    """Make `flowable` draw as an artifact (ruled lines to write on, decoration). Returns it."""
    draw_on = flowable.drawOn

    def artifact_draw_on(canv: Any, x: float, y: float, _sW: float = 0) -> None:
        canv.addLiteral("/Artifact BMC")
        draw_on(canv, x, y, _sW)
        canv.addLiteral("EMC")

    flowable.drawOn = artifact_draw_on
    return flowable


def table_furniture_as_artifact(table: Any, rtl: bool = False) -> Any:
    """A table's backgrounds, grid lines and plain-string cells drawn as artifacts.

    Flowable cells draw through `mark()`; this covers what the table draws itself. In a
    right-to-left table (`rtl`: its rows were mirrored) each row's cells are painted from the
    right, so the page's content order is the reading order of the structure tree.
    """
    for name in ("_drawBkgrnd", "_drawLines"):
        original = getattr(table, name)
        setattr(table, name, _as_artifact(table, original))
    draw_cell = table._drawCell

    def draw_one(cellval: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(cellval, str | int | float) or cellval is None:
            table.canv.addLiteral("/Artifact BMC")
            result = draw_cell(cellval, *args, **kwargs)
            table.canv.addLiteral("EMC")
            return result
        return draw_cell(cellval, *args, **kwargs)

    row: list[tuple[Any, tuple[Any, ...], dict[str, Any]]] = []

    def drawn_cell(cellval: Any, *args: Any, **kwargs: Any) -> Any:
        if not rtl or table._spanCmds:  # with spans ReportLab skips cells: keep its order
            return draw_one(cellval, *args, **kwargs)
        row.append((cellval, args, kwargs))
        if len(row) == table._ncols:  # a whole row: paint it right to left
            for cell, cell_args, cell_kwargs in reversed(row):
                draw_one(cell, *cell_args, **cell_kwargs)
            row.clear()
        return None

    table._drawCell = drawn_cell
    split = table.split

    def split_table(*args: Any, **kwargs: Any) -> list[Any]:
        return [table_furniture_as_artifact(part, rtl) for part in split(*args, **kwargs)]

    table.split = split_table
    return table


def _as_artifact(table: Any, original: Any) -> Any:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        table.canv.addLiteral("/Artifact BMC")
        result = original(*args, **kwargs)
        table.canv.addLiteral("EMC")
        return result

    return wrapped
