# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Tagged PDF, step 2: the structure tree, outline and metadata written with pikepdf.

`tags.Tags` recorded, while ReportLab drew, which marked content (page, MCID) belongs to which
element. Here that tree becomes `StructTreeRoot` with its `ParentTree`, each page gets
`/StructParents` and `/Tabs /S`, every link annotation becomes the kid of a `/Link` element and
gets a `/Contents` description, headings become bookmarks, and the catalog says
`/MarkInfo <</Marked true>>` and carries an XMP packet with the title and language. No PDF/UA
conformance is claimed (no `pdfuaid:part`): only machine-checkable rules have been checked.
Saved with deterministic IDs, so identical input still gives identical bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from decisionaid.pdf.escape import escape
from decisionaid.pdf.tags import Element, Tags

_OUTLINE_ROLES = {"H1": 0, "H2": 1}
_CELLS = ("TH", "TD")
_ABOVE_HEADING = 6.0  # points of the page shown above a bookmarked heading
_PRINT = 4  # annotation flag: print it, and assistive technology reads it too


@dataclass(frozen=True)
class _Heading:
    """A bookmark to be: the heading's level, words, page, top edge and structure element."""

    level: int
    title: str
    page: int
    top: float | None
    element: pikepdf.Object


_STRUCT_ELEM = Name.StructElem
_MCR = Name.MCR


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


class _Writer:
    def __init__(self, pdf: pikepdf.Pdf, root: Element) -> None:
        self.pdf = pdf
        self.page_refs = [page.obj for page in pdf.pages]
        self.parents: dict[int, list[pikepdf.Object | None]] = {}  # page -> MCID -> element
        self.objr: list[pikepdf.Object] = []  # ParentTree entries for annotations
        self.headings: list[_Heading] = []
        self.with_content = _with_content(root)
        self.names: dict[str, Name] = {}
        self.annotations: dict[int, dict[str, list[pikepdf.Object]]] = {}  # see _annotations

    def _name(self, role: str) -> Name:
        found = self.names.get(role)
        if found is None:
            found = self.names[role] = Name("/" + role)
        return found

    def element(self, element: Element, parent: pikepdf.Object) -> pikepdf.Object:
        """`element` as a StructElem below `parent`, its kids (with content) below it.

        Built with as few calls into pikepdf as give the same file: attributes in the new
        dictionary, kids collected in a list and the array made once, no MCR dictionary for
        a lone MCID.
        """
        attributes: dict[str, object] = {"/Type": _STRUCT_ELEM, "/S": self._name(element.role)}
        attributes["/P"] = parent
        if element.lang:
            attributes["/Lang"] = String(element.lang)
        if element.alt:
            attributes["/Alt"] = String(element.alt)
        if element.actual_text:
            attributes["/ActualText"] = String(element.actual_text)
        if element.scope:
            attributes["/A"] = Dictionary(O=Name.Table, Scope=self._name(element.scope))
        obj = self.pdf.make_indirect(Dictionary(attributes))
        kids: list[object] = []
        mcids: list[tuple[int, int]] = []
        first_page: int | None = None
        for kid in element.kids:
            if isinstance(kid, Element):
                # Empty cells stay, so that every row of a table has all its columns.
                if id(kid) in self.with_content or kid.role in _CELLS:
                    kids.append(self.element(kid, obj))
                continue
            page, mcid = kid
            first_page = page if first_page is None else first_page
            slots = self.parents.setdefault(page, [])
            slots.extend([None] * (mcid + 1 - len(slots)))
            slots[mcid] = obj
            kids.append(kid)  # an MCR, made below unless it is the only kid
            mcids.append(kid)
        if element.uri:
            kids.extend(self._links(element, obj))
        if first_page is not None:
            obj.Pg = self.page_refs[first_page]
        if element.role in _OUTLINE_ROLES and first_page is not None:
            title = " ".join(element.text.split())
            level = _OUTLINE_ROLES[element.role]
            self.headings.append(_Heading(level, title, first_page, element.top, obj))
        if len(kids) == 1 and mcids:
            # One piece of content on one page: the bare MCID, as most tagging tools write it.
            obj.K = mcids[0][1]
        else:
            obj.K = Array(
                [
                    Dictionary({"/Type": _MCR, "/Pg": self.page_refs[k[0]], "/MCID": k[1]})
                    if isinstance(k, tuple)
                    else k
                    for k in kids
                ]
            )
        return obj

    def _annotations(self, page: int) -> dict[str, list[pikepdf.Object]]:
        """The link annotations of `page` by URI, in the page's order; read once a page.

        Every link element used to read every annotation of its pages again: about 2 ms
        for the 40 sources of the example.
        """
        found = self.annotations.get(page)
        if found is None:
            found = self.annotations[page] = {}
            for annot in self.page_refs[page].get("/Annots", Array()):
                action = annot.get("/A")
                if action is not None:
                    found.setdefault(str(action.get("/URI", "")), []).append(annot)
        return found

    def _links(self, element: Element, obj: pikepdf.Object) -> list[Dictionary]:
        """The link annotations for `element.uri` on the pages it is drawn on."""
        pages = sorted({k[0] for k in element.kids if not isinstance(k, Element)})
        out: list[Dictionary] = []
        for page in pages:
            for annot in self._annotations(page).get(element.uri, ()):
                if "/StructParent" in annot:
                    continue
                annot.Contents = String(element.contents or element.uri)
                annot.F = int(annot.get("/F", 0)) | _PRINT
                annot.StructParent = len(self.page_refs) + len(self.objr)
                self.objr.append(obj)
                out.append(Dictionary(Type=Name.OBJR, Pg=self.page_refs[page], Obj=annot))
        return out


def tag_pdf(data: bytes, tags: Tags, *, title: str, lang: str) -> bytes:
    """`data` (ReportLab's output) with the structure tree of `tags` and the tagged-PDF keys."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        writer = _Writer(pdf, tags.root)
        root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        document = writer.element(tags.root, root)
        nums = Array()
        for page, ref in enumerate(writer.page_refs):
            ref.StructParents = page
            ref.Tabs = Name.S
            nums.append(page)
            nums.append(pdf.make_indirect(Array(writer.parents.get(page, []))))
        for i, obj in enumerate(writer.objr):
            nums.append(len(writer.page_refs) + i)
            nums.append(obj)
        root.K = document
        root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
        root.ParentTreeNextKey = len(writer.page_refs) + len(writer.objr)
        root.RoleMap = Dictionary()
        pdf.Root.StructTreeRoot = root
        pdf.Root.MarkInfo = Dictionary(Marked=True)
        pdf.Root.Lang = String(lang)
        pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        pdf.Root.Metadata = pdf.make_stream(_xmp(title, lang).encode("utf-8"))
        pdf.Root.Metadata.Type = Name.Metadata
        pdf.Root.Metadata.Subtype = Name.XML
        _outline(pdf, writer.headings)
        out = io.BytesIO()
        # The XMP has no pdf:PDFVersion to fix; checking would import lxml and parse it.
        pdf.save(out, deterministic_id=True, compress_streams=True, fix_metadata_version=False)
        return out.getvalue()


def _outline(pdf: pikepdf.Pdf, headings: list[_Heading]) -> None:
    """A bookmark for every level-1 heading, its level-2 headings below it.

    Each one opens its page at the heading (an /XYZ destination a little above its top edge,
    zoom unchanged), not at the top of the page, and names the heading's structure element.
    """
    if not headings:
        return
    with pdf.open_outline() as outline:
        parent: pikepdf.OutlineItem | None = None
        for heading in headings:
            height = float(pdf.pages[heading.page].mediabox[3])
            top = height if heading.top is None else min(height, heading.top + _ABOVE_HEADING)
            item = pikepdf.OutlineItem(
                heading.title,
                heading.page,
                pikepdf.PageLocation.XYZ,
                left=0,
                top=round(top, 2),
                structure_element=heading.element,
            )
            if heading.level == 0 or parent is None:
                outline.root.append(item)
                parent = item
            else:
                parent.children.append(item)
    pdf.Root.PageMode = Name.UseOutlines


def _xmp(title: str, lang: str) -> str:
    """A minimal XMP packet: the title (as the document's title) and language.

    Written as pikepdf's XMP writer (lxml) writes it back, so that saving need not parse and
    rewrite it (`fix_metadata_version=False`: no lxml import, no parse); a test checks that
    pikepdf's round trip leaves it unchanged.
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
