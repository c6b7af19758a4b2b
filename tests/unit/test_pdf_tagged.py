"""The tagged PDF (issue 20 item 8): structure tree, artifacts, languages, links, and the checkers.

The documented answers example is rendered in English and Arabic and read back with pikepdf;
`outloud` and `pdfua` (test-only) check the machine-checkable PDF/UA-1 rules. Two findings are
skipped on purpose, and only those: the missing `pdfuaid:part` (we do not claim PDF/UA
conformance until a full validator has passed the file) and, for Arabic, outloud's TAG-032,
which compares /ActualText with the page text on the letters a-z and 0-9 only: in Arabic it
sees just the Latin words and numbers, which the page holds in visual order and the
/ActualText in logical order.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from decisionaid.cli import main
from decisionaid.pdf.structure import _xmp
from documented import write_documented_answers

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module", params=["en", "ar"])
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp(f"tagged-{request.param}")
    source = write_documented_answers(tmp)
    out = tmp / f"example.{request.param}.pdf"
    args = ["render", "--answers", str(source), "--out", str(out), "--lang", request.param]
    assert main([*args, "--date", "2026-11-25"]) == 0
    return out


def _lang(pdf: Path) -> str:
    return pdf.stem.rsplit(".", 1)[1]


def _walk(element: Any) -> Iterator[Any]:
    yield element
    kids = element.get("/K")
    if isinstance(kids, pikepdf.Dictionary):
        kids = [kids]
    if isinstance(kids, pikepdf.Array):
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                yield from _walk(kid)


def _elements(pdf: pikepdf.Pdf) -> list[Any]:
    return list(_walk(pdf.Root.StructTreeRoot.K))


def _roles(elements: list[Any]) -> set[str]:
    return {str(e.S) for e in elements}


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs poppler-utils")
def test_pdfinfo_says_tagged(rendered: Path) -> None:
    info = subprocess.run(["pdfinfo", str(rendered)], capture_output=True, text=True, check=True)
    assert "Tagged:          yes" in info.stdout


def test_catalog_has_the_tagged_pdf_keys_and_no_conformance_claim(rendered: Path) -> None:
    with pikepdf.open(rendered) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == _lang(rendered)
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert "<dc:title>" in xmp
        assert "pdfuaid" not in xmp
        for number, page in enumerate(pdf.pages):
            assert page.obj.Tabs == "/S"
            assert page.obj.StructParents == number
        assert pdf.Root.StructTreeRoot.K.S == "/Document"
        with pdf.open_outline() as outline:
            assert len(outline.root) >= 2  # one bookmark per top-level section


def test_the_tree_has_headings_paragraphs_lists_tables_figures_and_links(rendered: Path) -> None:
    with pikepdf.open(rendered) as pdf:
        elements = _elements(pdf)
        roles = _roles(elements)
        assert {
            "/H1",
            "/H2",
            "/H3",
            "/P",
            "/L",
            "/LI",
            "/LBody",
            "/Table",
            "/TR",
            "/TH",
            "/TD",
        } <= roles
        assert {"/Figure", "/Link"} <= roles
        figures = [e for e in elements if e.S == "/Figure"]
        assert all(str(e.get("/Alt", "")).strip() for e in figures)
        # Icon arrays say it in words: "23 out of 100 people in …".
        assert sum(re.match(r"\d+\D+\d+", str(e.Alt)) is not None for e in figures) >= 5
        headers = [e for e in elements if e.S == "/TH"]
        assert all(e.A.Scope == "/Row" for e in headers)
        links = [e for e in elements if e.S == "/Link"]
        objrs = [k for e in links for k in e.K if k.get("/Type") == "/OBJR"]
        assert len(objrs) >= len(links) > 10
        assert all(str(k.Obj.Contents).startswith("[") for k in objrs)
        annots = [a for page in pdf.pages for a in page.obj.get("/Annots", [])]
        assert all("/StructParent" in a and "/Contents" in a for a in annots)


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _marked_content(pdf: pikepdf.Pdf) -> dict[tuple[int, int], tuple[str, str]]:
    """(page, MCID) → (the BDC tag, the text shown inside it, as PDF string bytes)."""
    found: dict[tuple[int, int], tuple[str, str]] = {}
    for number, page in enumerate(pdf.pages):
        current: tuple[int, int] | None = None
        tag = ""
        shown: list[str] = []
        for operands, op in pikepdf.parse_content_stream(page):
            if str(op) == "BDC" and "/MCID" in operands[1]:
                current, tag, shown = (number, int(operands[1].MCID)), str(operands[0]), []
            elif str(op) == "EMC" and current is not None:
                found[current] = (tag, "".join(shown))
                current = None
            elif str(op) == "Tj" and current is not None:
                shown.append(bytes(operands[0]).decode("latin-1"))
        assert current is None
    return found


def test_list_items_have_a_label_and_a_body_marked_apart(rendered: Path) -> None:
    """Every LI is Lbl (the bullet, number or [n]) then LBody, each with its own content."""
    with pikepdf.open(rendered) as pdf:
        page_numbers = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
        marked = _marked_content(pdf)
        items = [e for e in _elements(pdf) if e.S == "/LI"]
        assert len(items) > 20
        numbered = 0
        for item in items:
            label, body = _kids(item)
            assert (label.S, body.S) == ("/Lbl", "/LBody")
            assert isinstance(label.K, int)  # one marked-content sequence, the bullet only
            tag, shown = marked[(page_numbers[label.Pg.objgen], int(label.K))]
            assert tag == "/Lbl"
            assert 0 < len(shown) <= 5  # "•", "12." or "[38]" in the font's codes, no words
            assert all(kid.S in ("/P", "/Link") for kid in _kids(body))
            if "/ActualText" in label:
                assert re.fullmatch(r"\d+\.", str(label.ActualText))
                numbered += 1
        # A question's number is drawn reordered in Arabic ("1." as ".1"); its logical text is kept.
        assert (numbered > 0) == (_lang(rendered) == "ar")


def _text_lines(page: Any) -> list[tuple[float, float, str]]:
    """(baseline y, font size before any scaling, text) of every piece of text on the page."""
    lines: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        if text.strip():
            y = cm[3] * tm[5] + cm[5]  # no rotation or shear in our pages
            lines.append((y, size * tm[3], text.strip()))

    page.extract_text(visitor_text=visit)
    return lines


def test_bookmarks_land_on_their_heading(rendered: Path) -> None:
    """Each bookmark opens its page just above its heading, not at the top of the page."""
    from pypdf import PdfReader

    reader = PdfReader(rendered)
    with pikepdf.open(rendered) as pdf:
        page_numbers = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
        with pdf.open_outline() as outline:
            items = [(0, i) for i in outline.root]
            items += [(1, c) for _, i in list(items) for c in i.children]
            assert len(items) >= 4
            below_top = 0
            for level, item in items:
                page, kind, _left, top, _zoom = list(item.destination)
                assert str(kind) == "/XYZ"
                assert str(item.obj.SE.S) == ("/H1", "/H2")[level]
                number = page_numbers[page.objgen]
                height = float(pdf.pages[number].mediabox[3])
                below_top += float(top) < height - 100
                # The heading's own first line: its size (H1 18 pt, H2 13.5 pt; the cover sheet
                # is scaled as a whole), its baseline just under `top`.
                near = [
                    (y, text)
                    for y, size, text in _text_lines(reader.pages[number])
                    if abs(size - (18.0, 13.5)[level]) < 0.01 and 0 < float(top) - y < 30
                ]
                assert near, (item.title, float(top))
                if _lang(rendered) == "en":
                    assert any(item.title.startswith(text) for _, text in near), item.title
            assert below_top >= 2


def test_a_paragraph_split_across_pages_is_one_element(rendered: Path) -> None:
    with pikepdf.open(rendered) as pdf:
        pages_of = []
        for e in _elements(pdf):
            kids = e.get("/K")
            if isinstance(kids, pikepdf.Array):
                pages = {k.Pg.objgen for k in kids if k.get("/Type") == "/MCR"}
                pages_of.append(len(pages))
        assert max(pages_of) >= 2


def test_arabic_text_has_its_language_and_logical_text(rendered: Path) -> None:
    with pikepdf.open(rendered) as pdf:
        elements = _elements(pdf)
        # A list's number is a label, not Arabic text: its logical order is in /ActualText.
        arabic = [e for e in elements if "/ActualText" in e and e.S != "/Lbl"]
        if _lang(rendered) == "en":
            assert all(str(e.Lang) == "ar" for e in arabic)
            return
        assert len(arabic) > 50
        for e in arabic:
            assert str(e.Lang) == "ar"
            text = str(e.ActualText)
            assert not any("\ufb50" <= ch <= "\ufeff" for ch in text)  # letters, not glyphs
            assert any("\u0600" <= ch <= "\u06ff" for ch in text)
        # English citations and URLs inside the Arabic PDF are marked English.
        assert any(str(e.get("/Lang", "")) == "en" for e in elements if e.S == "/Link")


def test_page_furniture_is_an_artifact(rendered: Path) -> None:
    with pikepdf.open(rendered) as pdf:
        for page in pdf.pages:
            ops = pikepdf.parse_content_stream(page)
            tags = [str(operands[0]) for operands, op in ops if str(op) in ("BDC", "BMC")]
            assert "/Artifact" in tags
            assert any(t != "/Artifact" for t in tags)


def _checker(name: str) -> Path:
    path = BIN / name
    if not path.exists():
        pytest.skip(f"{name} is not installed")
    return path


def test_outloud_finds_no_errors_or_warnings(rendered: Path) -> None:
    skip = "DOC-012" if _lang(rendered) == "en" else "DOC-012,TAG-032"
    result = subprocess.run(
        [str(_checker("outloud")), "--fail-on", "warning", "--skip", skip, "-q", str(rendered)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pdfua_finds_nothing_but_the_missing_conformance_claim(rendered: Path) -> None:
    result = subprocess.run(
        [str(_checker("pdfua")), "check", "-f", "json", str(rendered)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    if isinstance(report, list):
        report = report[0]
    assert report["summary"]["rules_skipped"] == 0
    assert [f["rule_id"] for f in report["findings"]] == ["UA-28-004"]


def test_arabic_marked_content_carries_the_logical_text(rendered: Path) -> None:
    """For tools that read the page, not the tree: copy and search get words, not glyphs."""
    with pikepdf.open(rendered) as pdf:
        actual = [
            operands[1].ActualText
            for page in pdf.pages
            for operands, op in pikepdf.parse_content_stream(page)
            if str(op) == "BDC" and "/ActualText" in operands[1]
        ]
    if _lang(rendered) == "en":
        assert actual == []
        return
    assert len(actual) > 50
    assert any("سؤال" in str(text) for text in actual)


@pytest.mark.parametrize(
    "title",
    ["A summary", "A & B <c> \"q\" 'r' > d", "ملخصي وأسئلتي CAR-T", "two\nlines", "  spaced  ", ""],
)
def test_an_xmp_reader_finds_the_title_and_language(title: str) -> None:
    """The packet we write by hand is XMP that a reader (pikepdf's, lxml) parses back."""
    packet = _xmp(title, "ar").encode("utf-8")
    with pikepdf.new() as pdf:
        pdf.Root.Metadata = pdf.make_stream(packet)
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            assert (meta["dc:title"] or "") == title
            assert meta["dc:language"] == {"ar"}


def test_the_rendered_xmp_names_the_documents_title(rendered: Path) -> None:
    with (
        pikepdf.open(rendered) as pdf,
        pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta,
    ):
        assert meta["dc:title"] == str(pdf.docinfo.Title)
        assert meta["dc:language"] == {_lang(rendered)}


def test_every_stream_but_the_xmp_packet_is_deflated(rendered: Path) -> None:
    """Pages and fonts are compressed (pages at zlib's fastest level); the XMP stays readable."""
    with pikepdf.open(rendered) as pdf:
        plain = [
            str(obj.get("/Type"))
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Stream) and obj.get("/Filter") is None
        ]
        filters = {
            str(page.obj.Contents.Filter[0]) for page in pdf.pages if "/Filter" in page.obj.Contents
        }
        assert len(pdf.pages) > 10
        assert all("/Filter" in page.obj.Contents for page in pdf.pages)
    assert plain == ["/Metadata"]
    assert filters == {"/FlateDecode"}
