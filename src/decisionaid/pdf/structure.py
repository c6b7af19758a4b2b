# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Tagged PDF, step 2: the structure tree, outline and metadata, added to ReportLab's document.

`tags.Tags` recorded, while ReportLab drew, which marked content (page, MCID) belongs to which
element. Once every page is drawn and before the file is written, that tree becomes
`StructTreeRoot` with its `ParentTree`, each page gets `/StructParents` and `/Tabs /S`, every
link annotation becomes the kid of a `/Link` element and gets a `/Contents` description,
headings become bookmarks that name their element (`/SE`), and the catalog says
`/MarkInfo <</Marked true>>` and carries an XMP packet with the title and language. No PDF/UA
conformance is claimed (no `pdfuaid:part`): only machine-checkable rules have been checked.

Written as ReportLab objects into the document ReportLab is about to save, not by a second
library reading the finished file and saving it again: that pass (pikepdf) cost a 25 ms import
and an 18 ms parse and save of every 16-page summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFStream,
    PDFString,
)

from decisionaid.pdf.escape import escape
from decisionaid.pdf.tags import Element, Tags, hex_text_string

_OUTLINE_ROLES = {"H1": 0, "H2": 1}
_CELLS = ("TH", "TD")
_ABOVE_HEADING = 6.0  # points of the page shown above a bookmarked heading
_PRINT = 4  # annotation flag: print it, and assistive technology reads it too
_TRUE = b"true"  # ReportLab writes a Python bool as "True"; PDF's boolean is lowercase
_NULL = b"null"
_PAGE_KEYS = ["StructParents", "Tabs"]

Links = dict[int, dict[str, list[PDFDictionary]]]
"""Link annotations by page (0-based) and URI, in the order they were drawn."""


@dataclass(frozen=True)
class _Heading:
    """A bookmark to be: the heading's level, words, page, top edge and structure element."""

    level: int
    title: str
    page: int
    top: float | None
    element: PDFObjectReference


def _with_content(root: Element) -> set[int]:
    """The ids of the elements that have marked content on a page, themselves or below."""
    found: set[int] = set()

    def visit(element: Element) -> bool:
        has = False
        for kid in element.kids:
            has = (visit(kid) or has) if isinstance(kid, Element) else True  # visit every kid
        if has:
            found.add(id(element))
        return has

    visit(root)
    return found


class _Raw(PDFObject):  # type: ignore[misc]
    """An object written by us, as bytes and references to other objects.

    The structure tree is most of the objects in a summary (about 760 elements in the
    documented example). Made as ReportLab dictionaries and arrays, they took 12 ms to make and
    write; as these, 6.6 ms (the English example, rendered 24 times in one process).
    """

    def __init__(self) -> None:
        self.parts: list[bytes | PDFObjectReference] = []

    def format(self, document: Any) -> bytes:
        """The object as PDF: its bytes, each reference as "n 0 R"."""
        numbers = document.idToObjectNumberAndVersion
        return b"".join(
            part if isinstance(part, bytes) else b" %d %d R" % numbers[part.name]
            for part in self.parts
        )


class _Writer:
    def __init__(self, doc: Any, pages: Sequence[Any], root: Element, links: Links) -> None:
        self.doc = doc
        self.page_refs = [doc.Reference(page) for page in pages]
        self.parents: dict[int, list[PDFObjectReference | None]] = {}  # page -> MCID -> element
        self.objr: list[PDFObjectReference] = []  # ParentTree entries for annotations
        self.headings: list[_Heading] = []
        self.with_content = _with_content(root)
        self.links = links

    def _string(self, text: str) -> bytes:
        """`text` as a PDF text string: ASCII as ReportLab writes it, else UTF-16BE in hex.

        ReportLab writes other text as UTF-16 with every byte above 127 escaped in octal (four
        bytes each, by a Python translate): hex is half the size and a quarter of the time for
        the Arabic example's 540 /ActualText and /Lang strings.
        """
        if text.isascii():
            return bytes(PDFString(text).format(self.doc))
        return hex_text_string(text).encode("ascii")

    def element(self, element: Element, parent: PDFObjectReference) -> PDFObjectReference:
        """`element` as a StructElem below `parent`, its kids (with content) below it.

        A lone MCID is written bare, with no MCR dictionary, as most tagging tools write it.
        Roles and scopes are our own names (letters only), written as they are.
        """
        obj = _Raw()
        ref = self.doc.Reference(obj)
        parts: list[bytes | PDFObjectReference] = [
            b"<</Type/StructElem/S/" + element.role.encode("ascii") + b"/P",
            parent,
        ]
        if element.lang:
            parts.append(b"/Lang" + self._string(element.lang))
        if element.alt:
            parts.append(b"/Alt" + self._string(element.alt))
        if element.actual_text:
            parts.append(b"/ActualText" + self._string(element.actual_text))
        if element.scope:
            parts.append(b"/A<</O/Table/Scope/" + element.scope.encode("ascii") + b">>")
        kids: list[bytes | PDFObjectReference] = []  # the /K array's bytes and references
        mcids: list[tuple[int, int]] = []
        elements = 0
        for kid in element.kids:
            if isinstance(kid, Element):
                # Empty cells stay, so that every row of a table has all its columns.
                if id(kid) in self.with_content or kid.role in _CELLS:
                    kids.append(self.element(kid, ref))
                    elements += 1
                continue
            page, mcid = kid
            slots = self.parents.setdefault(page, [])
            slots.extend([None] * (mcid + 1 - len(slots)))
            slots[mcid] = ref
            kids += [b"<</Type/MCR/Pg", self.page_refs[page], b"/MCID %d>>" % mcid]
            mcids.append(kid)
        links = self._links(element, ref) if element.uri else []
        if mcids:
            parts += [b"/Pg", self.page_refs[mcids[0][0]]]
            if element.role in _OUTLINE_ROLES:
                title = " ".join(element.text.split())
                level = _OUTLINE_ROLES[element.role]
                self.headings.append(_Heading(level, title, mcids[0][0], element.top, ref))
        if len(mcids) == 1 and not elements and not links:  # one piece of content, alone
            parts.append(b"/K %d>>" % mcids[0][1])
        else:
            parts += [b"/K[", *kids, *links, b"]>>"]
        obj.parts = parts
        return ref

    def _links(self, element: Element, ref: PDFObjectReference) -> list[bytes | PDFObjectReference]:
        """OBJRs for the link annotations of `element.uri` on its pages, each claimed once."""
        pages = sorted({k[0] for k in element.kids if not isinstance(k, Element)})
        out: list[bytes | PDFObjectReference] = []
        for page in pages:
            for annot in self.links.get(page, {}).pop(element.uri, ()):
                annot["Contents"] = PDFString(element.contents or element.uri)
                annot["F"] = int(annot.dict.get("F", 0)) | _PRINT
                annot["StructParent"] = len(self.page_refs) + len(self.objr)
                self.objr.append(ref)
                obj = self.doc.Reference(annot)
                out += [b"<</Type/OBJR/Pg", self.page_refs[page], b"/Obj", obj, b">>"]
        return out

    def parent_array(self, page: int) -> PDFObjectReference:
        """The ParentTree entry of `page`: the element of each MCID, in MCID order."""
        obj = _Raw()
        obj.parts = [b"["]
        for slot in self.parents.get(page, []):
            obj.parts.append(b" null" if slot is None else slot)
        obj.parts.append(b"]")
        return self.doc.Reference(obj)


def tag_document(
    doc: Any, pages: Sequence[Any], tags: Tags, links: Links, *, title: str, lang: str
) -> None:
    """Add the structure tree of `tags` and the tagged-PDF keys to ReportLab's `doc`.

    `pages` are its page objects, all drawn; `links` the link annotations drawn on them.
    Call it after the last page is shown and before the document is saved.
    """
    writer = _Writer(doc, pages, tags.root, links)
    root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    root_ref = doc.Reference(root)
    document = writer.element(tags.root, root_ref)
    nums: list[Any] = []
    for number, page in enumerate(pages):
        page.__NoDefault__ = [*page.__NoDefault__, *_PAGE_KEYS]
        page.StructParents = number
        page.Tabs = PDFName("S")
        nums += [number, writer.parent_array(number)]
    for i, ref in enumerate(writer.objr):
        nums += [len(pages) + i, ref]
    root["K"] = document
    root["ParentTree"] = doc.Reference(PDFDictionary({"Nums": PDFArray(nums)}))
    root["ParentTreeNextKey"] = len(pages) + len(writer.objr)
    root["RoleMap"] = PDFDictionary({})
    catalog = doc.Catalog
    catalog.StructTreeRoot = root_ref
    catalog.MarkInfo = PDFDictionary({"Marked": _TRUE})
    catalog.Lang = PDFString(lang)
    catalog.ViewerPreferences = PDFDictionary({"DisplayDocTitle": _TRUE})
    metadata = PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")})
    catalog.Metadata = PDFStream(metadata, _xmp(title, lang).encode("utf-8"))
    _outline(doc, writer.page_refs, pages, writer.headings)


class _Outline(PDFDictionary):  # type: ignore[misc]
    """The document outline, in place of ReportLab's own (which cannot name a heading's element).

    ReportLab asks its outline to `prepare` itself before saving and drops it if not ready.
    """

    ready = 1

    def prepare(self, _document: Any, _canvas: Any) -> None:
        """Nothing to prepare: the items were made with the outline."""


def _outline(
    doc: Any, page_refs: list[PDFObjectReference], pages: Sequence[Any], headings: list[_Heading]
) -> None:
    """A bookmark for every level-1 heading, its level-2 headings below it, all open.

    Each one opens its page at the heading (an /XYZ destination a little above its top edge,
    zoom unchanged), not at the top of the page, and names the heading's structure element.
    """
    if not headings:
        return
    outline = _Outline({"Type": PDFName("Outlines")})
    outline_ref = doc.Reference(outline)
    tops: list[tuple[PDFDictionary, list[PDFDictionary]]] = []
    for heading in headings:
        height = float(pages[heading.page].pageheight)
        top = height if heading.top is None else min(height, heading.top + _ABOVE_HEADING)
        item = PDFDictionary(
            {
                "Title": PDFString(heading.title),
                "Dest": PDFArray(
                    [page_refs[heading.page], PDFName("XYZ"), 0, round(top, 2), _NULL]
                ),
                "SE": heading.element,
            }
        )
        if heading.level == 0 or not tops:
            tops.append((item, []))
        else:
            tops[-1][1].append(item)
    _link_items(doc, outline, outline_ref, [item for item, _ in tops])
    for item, children in tops:
        if children:
            _link_items(doc, item, doc.Reference(item), children)
            item["Count"] = len(children)  # open: as many items as it shows below it
    outline["Count"] = len(tops) + sum(len(children) for _, children in tops)
    doc.Outlines = doc.Catalog.Outlines = outline
    doc.Catalog.PageMode = PDFName("UseOutlines")


def _link_items(
    doc: Any, parent: PDFDictionary, parent_ref: PDFObjectReference, items: list[PDFDictionary]
) -> None:
    """Chain `items` as the children of `parent`: Parent, Prev, Next, First and Last."""
    refs = [doc.Reference(item) for item in items]
    for i, item in enumerate(items):
        item["Parent"] = parent_ref
        if i:
            item["Prev"] = refs[i - 1]
        if i + 1 < len(items):
            item["Next"] = refs[i + 1]
    parent["First"], parent["Last"] = refs[0], refs[-1]


def _xmp(title: str, lang: str) -> str:
    """A minimal XMP packet: the title (as the document's title) and language.

    Written by hand, in the form lxml-based XMP writers give it (no XML library imported);
    a test reads it back with pikepdf's XMP reader.
    """
    t, lg = escape(title), escape(lang)
    li = f'<rdf:li xml:lang="x-default">{t}</rdf:li>' if t else '<rdf:li xml:lang="x-default"/>'
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" rdf:about="">\n'
        f"<dc:title><rdf:Alt>{li}</rdf:Alt></dc:title>\n"
        f"<dc:language><rdf:Bag><rdf:li>{lg}</rdf:li></rdf:Bag></dc:language>\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n\n"
        '<?xpacket end="w"?>\n'
    )
