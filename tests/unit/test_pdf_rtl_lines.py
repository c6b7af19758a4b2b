"""Right-to-left paragraphs drawn directly look as a ReportLab Paragraph draws them (issue 13).

BidiParagraph breaks and reorders its lines itself, then draws them without a Paragraph
(`_SetLines`), which made the Arabic PDF twice as fast. The oracle is the Paragraph path it
replaced: the same flowables are built into a PDF once as they are drawn now and once with the
direct path switched off, and the two files must draw the same glyphs (each font's own
character, not the letters it copies as) in the same fonts, sizes and colours at the same
places, and every other operator in the same transformation and fill colour. The direct
path may write them differently (a position's last decimal, fewer saved states, strings in
hex, no repeated leading). The shortcuts it relies on (font runs by regular expression,
reshaping word by word) are compared with the character-by-character and whole-text
versions they replace.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import arabic_reshaper
import pikepdf
import pytest
from babel.messages.pofile import read_po
from bidi.algorithm import get_display
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, SimpleDocTemplate

from decisionaid.content import cache as content_cache
from decisionaid.pdf import fonts, rtl
from decisionaid.pdf.rtl import BidiParagraph
from decisionaid.pdf.styles import is_bold, variant
from documented import write_documented_answers

ROOT = Path(__file__).parents[2]

ARABIC = (
    "يأخذ العلاج بخلايا CAR-T خلايا مناعية من دمك، ويغيّرها في المختبر ثم يعيدها إليك عبر "
    "التنقيط الوريدي، لكي تجد الخلايا البائية التي تسبب المرض وتزيلها. "
)
TEXTS = (
    ARABIC * 4,  # many lines, Latin inside
    "نعم",  # one word: one run on one line, which the Paragraph draws its simpler way
    "سطر عربي واحد",  # Arabic words and their spaces: one run as well
    "ما مقدار المعروف عن CAR-T لأمراض المناعة الذاتية؟ (غير متأكد) 23 من 100",
    "سطر أول\nسطر ثانٍ\n\nبعد سطر فارغ",  # hard line breaks and an empty line
    "رمز 😀 غير موجود ≥18 ، ∑ والسهم → ⊏٣",  # substituted, math and symbol fonts
    "كلمة" + "طويلة" * 40,  # wider than the column: cut into pieces
    "CAR-T only Latin in an Arabic paragraph, 12 34.",
)


def _arabic_catalog() -> list[str]:
    with (ROOT / "translations" / "ar" / "LC_MESSAGES" / "content.po").open("rb") as f:
        catalog = read_po(f)
    return [m.string for m in catalog if isinstance(m.string, str) and m.string]


Glyph = tuple[str, str | None, float, float, float, tuple[float, ...]]
_NUMERIC = frozenset({"cm", "rg", "Tm", "Td", "TL"})  # the operators whose operands are read


def _glyphs(data: bytes) -> tuple[list[Glyph], list[tuple[object, ...]]]:
    """Every glyph drawn, and every other operator with the state it is drawn in, page by page.

    A glyph is (its character, its face without the subset tag, or None for a space, x, y
    on the page, size, fill colour), from the text operators our pages use (Tm, Td, T*, TL,
    Tf, Tj; no character or word spacing, no scaling inside a text object); its character is
    what the font's ToUnicode map gives, which `_build` makes the code point drawn. Every
    other operator but q, Q and cm (whose effect is in the transformation and fill colour
    recorded with each) is (name, operands, transformation, fill colour).
    """
    glyphs: list[Glyph] = []
    others: list[tuple[object, ...]] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            faces: dict[str, tuple[str, dict[int, str], list[float], int]] = {}
            for name, font in page.Resources.Font.items():
                cmap = font.ToUnicode.read_bytes().decode("ascii").split("beginbfchar", 1)[1]
                codes = {
                    int(code, 16): bytes.fromhex(text).decode("utf-16-be")
                    for code, text in re.findall(r"<([0-9A-F]{2})> <([0-9A-F]+)>", cmap)
                }
                face = str(font.BaseFont).split("+", 1)[-1]
                faces[name] = (face, codes, [float(w) for w in font.Widths], int(font.FirstChar))
            ctm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
            fill: tuple[float, ...] = (0.0,)
            saved: list[tuple[tuple[float, ...], tuple[float, ...]]] = []
            x = line_x = y = leading = size = 0.0
            face_now: tuple[str, dict[int, str], list[float], int] | None = None
            for operands, op in pikepdf.parse_content_stream(page):
                name = str(op)
                args = [float(v) for v in operands] if name in _NUMERIC else []
                if name == "q":
                    saved.append((ctm, fill))
                elif name == "Q":
                    ctm, fill = saved.pop()
                elif name == "cm":
                    a, b, c, d, e, f = args
                    a0, b0, c0, d0, e0, f0 = ctm
                    ctm = (
                        a * a0 + b * c0,
                        a * b0 + b * d0,
                        c * a0 + d * c0,
                        c * b0 + d * d0,
                        e * a0 + f * c0 + e0,
                        e * b0 + f * d0 + f0,
                    )
                elif name == "Tm":
                    assert args[:4] == [1, 0, 0, 1], args
                    x = line_x = args[4]
                    y = args[5]
                elif name == "Td":
                    line_x += args[0]
                    y += args[1]
                    x = line_x
                elif name == "T*":
                    y -= leading
                    x = line_x
                elif name == "TL":
                    leading = args[0]
                elif name == "Tf":
                    face_now = faces[str(operands[0])]
                    size = float(operands[1])
                elif name == "Tj":
                    assert face_now is not None
                    face, codes, widths, first = face_now
                    for code in bytes(operands[0]):
                        char = codes[code]
                        a, b, c, d, e, f = ctm
                        place = (a * x + c * y + e, b * x + d * y + f)
                        glyphs.append((char, None if char == " " else face, *place, size, fill))
                        x += widths[code - first] * size / 1000
                else:
                    assert name not in ("TJ", "'", '"', "Tc", "Tw", "Tz", "Ts"), name
                    if name == "rg":
                        fill = tuple(args)
                    others.append((name, str(operands), ctm, fill))
    return glyphs, others


def _build(
    monkeypatch: pytest.MonkeyPatch, direct: bool, story: list[Flowable], memo: bool = True
) -> bytes:
    """The story as a PDF; each glyph's ToUnicode entry is the character drawn (see _glyphs)."""
    monkeypatch.setattr(fonts, "letters", lambda text: text)
    if not direct:
        monkeypatch.setattr(rtl._SetLines, "of", classmethod(lambda cls, *args: None))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, invariant=True, initialFontName=fonts.REGULAR)
    with fonts.render_memo() if memo else contextlib.nullcontext():
        doc.build(story)
    monkeypatch.undo()
    return buffer.getvalue()


class _FillProbe(Flowable):  # type: ignore[misc]
    """A square filled in whatever fill colour the page is left in: what the paragraph left."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 10.0, 10.0

    def draw(self) -> None:
        self.canv.rect(0, 0, 10, 10, stroke=0, fill=1)


def _story() -> list[Flowable]:
    paragraphs = []
    for style in ("body", "h2", "question", "small"):
        for rtl_layout in (True, False):
            for indent in (0.0, 22.0):
                st_ = variant(style, rtl_layout, indent)
                paragraphs += [
                    BidiParagraph(text, st_, rtl_layout, "1." if indent else None, indent)
                    for text in TEXTS
                ]
    left = ParagraphStyle("left", parent=variant("body", True), alignment=TA_LEFT)
    paragraphs += [BidiParagraph(text, left, True) for text in TEXTS]
    paragraphs += [BidiParagraph(text, variant("note", True), True) for text in TEXTS]  # boxed
    return [flowable for para in paragraphs for flowable in (para, _FillProbe())]


@pytest.mark.parametrize("memo", [True, False], ids=["in a render", "outside a render"])
def test_direct_lines_draw_the_glyphs_a_paragraph_draws(
    monkeypatch: pytest.MonkeyPatch, memo: bool
) -> None:
    fonts.register_fonts()
    direct_pdf = _build(monkeypatch, True, _story(), memo)
    direct = _glyphs(direct_pdf)
    paragraph_pdf = _build(monkeypatch, False, _story(), memo)
    through_paragraph = _glyphs(paragraph_pdf)
    assert _extracted(direct_pdf) == _extracted(paragraph_pdf)  # as the golden tests read it
    assert len(direct[0]) > 10_000  # the story's glyphs were all found
    hex_strings, strings = _hex_strings(direct_pdf)
    assert hex_strings > 0.75 * strings > 300  # the direct path wrote most Arabic runs in hex
    assert direct[1] == through_paragraph[1]
    assert _same_places(direct[0], through_paragraph[0])


def _extracted(data: bytes) -> list[str]:
    """Each page's text as pypdf extracts it (the golden text tests' reader)."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _hex_strings(data: bytes) -> tuple[int, int]:
    """How many strings drawn in the Arabic faces are in hex, and how many there are in all."""
    hex_strings = strings = 0
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            faces = {name: str(font.BaseFont) for name, font in page.Resources.Font.items()}
            face = ""
            for found in _TEXT_OPERATOR.finditer(page.Contents.read_bytes()):
                if found["font"]:
                    face = faces[found["font"].decode()]
                elif "Arabic" in face:
                    strings += 1
                    hex_strings += found["string"].startswith(b"<")
    return hex_strings, strings


# A font chosen (Tf) or a string drawn (Tj), in the content streams our pages write.
_TEXT_OPERATOR = re.compile(
    rb"(?P<font>/[^\s/]+) [\d.]+ Tf|(?P<string><[0-9a-f]*>|\((?:[^()\\]|\\.)*\)) Tj"
)


def _same_places(ours: list[Glyph], theirs: list[Glyph]) -> bool:
    """The same glyphs in the same order, each within 0.0001 pt of the other's place.

    ReportLab writes each move to six decimals and adds moves up as it wrote them, so a
    position worked out directly can differ in the last of those decimals.
    """
    assert len(ours) == len(theirs)
    for one, other in zip(ours, theirs, strict=True):
        same = one[:2] == other[:2] and one[4:] == other[4:]
        if not same or abs(one[2] - other[2]) > 1e-4 or abs(one[3] - other[3]) > 1e-4:
            raise AssertionError(f"{one} != {other}")
    return True


def test_most_arabic_paragraphs_take_the_direct_path() -> None:
    """The fast path is not silently bypassed (which the byte comparison alone would allow)."""
    fonts.register_fonts()
    with fonts.render_memo():
        taken = 0
        for text in TEXTS:
            para = BidiParagraph(text, variant("body", True), True)
            para.wrap(400, 1000)
            taken += isinstance(para._drawn, rtl._SetLines)
    # All but the text with an empty line (Paragraph drops the spaces there).
    assert taken == len(TEXTS) - 1


def test_the_shipped_arabic_text_takes_the_direct_path() -> None:
    fonts.register_fonts()
    texts = _arabic_catalog()
    with fonts.render_memo():
        paras = [BidiParagraph(fonts.clean(t), variant("body", True), True) for t in texts]
        for para in paras:
            para.wrap(480, 10_000)
    direct = sum(isinstance(p._drawn, rtl._SetLines) for p in paras)
    assert direct > 0.9 * len(paras)


def test_a_mirrored_character_is_as_wide_as_its_mirror_image() -> None:
    """A line keeps the width its wrapping added up, though reordering mirrors brackets.

    True for every pair in python-bidi's mirror table that the Latin and Arabic faces have,
    in both weights; lines with characters of other faces are measured again, since a few
    pairs of Noto Sans Math (⟦ and ⟧) are not as wide as each other.
    """
    fonts.register_fonts()
    pairs = rtl._mirror_table().items()
    assert len(pairs) > 300
    uneven: set[str] = set()
    for bold in (False, True):
        for code, mirrored in pairs:
            char = fonts.substitute(chr(code), bold)
            image = fonts.substitute(mirrored, bold)
            if fonts.text_width(char, 1000, bold) != fonts.text_width(image, 1000, bold):
                assert fonts.beyond_first_two(char + image, bold)
                uneven.add(char)
    assert "⟦" in uneven  # what makes the lines with other faces' characters measured again


ALPHABET_FOR_LINES = st.sampled_from(
    [*"ab .,-،؟()«»[]<>⟦⟧⊏", *map(chr, range(0x620, 0x656)), "ﻻ", "∑", "😀", "\u200d", "≥", "١"]
)


def _widths_afresh(texts: list[str], rtl_layout: bool, bold: bool) -> None:
    """Each laid line's width is its visual text measured afresh, run by run, within 1e-9 pt."""
    style = variant("h2" if bold else "body", rtl_layout)
    assert is_bold(style) == bold
    with fonts.render_memo():
        for text in texts:
            for width in (480, 200, 60):
                for line, line_width in rtl._visual_lines(
                    fonts.clean(text), width, style, rtl_layout
                ):
                    measured = fonts.runs_width(fonts.runs(line, bold), style.fontSize)
                    assert abs(line_width - measured) < 1e-9, line


def test_the_shipped_arabic_lines_keep_the_width_of_their_visual_text() -> None:
    fonts.register_fonts()
    for rtl_layout in (True, False):
        for bold in (False, True):
            _widths_afresh([*_arabic_catalog(), *TEXTS], rtl_layout, bold)


@given(st.lists(ALPHABET_FOR_LINES, min_size=1, max_size=40).map("".join), st.booleans())
@settings(max_examples=300, deadline=None)
def test_a_line_keeps_the_width_of_its_visual_text(text: str, rtl_layout: bool) -> None:
    fonts.register_fonts()
    _widths_afresh([text], rtl_layout, bold=False)


ALPHABET = st.sampled_from(
    [
        *"ab .,-\n،؟",
        *map(chr, range(0x620, 0x656)),
        "ﻻ",
        "∑",
        "⯑",
        "😀",
        "\ue000",
        "\u0378",
        "≥",
        "١",
    ]
)


def test_a_line_of_arabic_words_is_one_run_in_the_arabic_face() -> None:
    """The spaces between Arabic words are set in the Arabic face, as wide as the Latin
    face's, so a line changes font where the script changes, not at every word."""
    fonts.register_fonts()
    line = "كلمة أولى، ثم ثانية"
    assert fonts.runs(line) == [(fonts.ARABIC, line)]
    assert fonts.runs("في CAR-T هنا", bold=True) == [
        (fonts.ARABIC_BOLD, "في"),
        (fonts.BOLD, " CAR-T "),
        (fonts.ARABIC_BOLD, "هنا"),
    ]


def test_spaces_stay_in_the_latin_face_where_the_faces_differ_in_width(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fonts.register_fonts()
    monkeypatch.setattr(fonts, "_spaces_alike", lambda bold: False)
    fonts._runs_pattern.cache_clear()
    try:
        line = "كلمة أولى ثم"
        faces = [face for face, _ in fonts.runs(line)]
        assert faces == [fonts.ARABIC, fonts.REGULAR, fonts.ARABIC, fonts.REGULAR, fonts.ARABIC]
        assert fonts.runs(line) == fonts._runs_by_char(line, False)
    finally:
        fonts._runs_pattern.cache_clear()


@given(st.lists(ALPHABET, max_size=20).map("".join), st.booleans())
@settings(max_examples=400, deadline=None)
def test_runs_by_pattern_equal_runs_by_character(text: str, bold: bool) -> None:
    assert fonts.runs(text, bold) == fonts._runs_by_char(text, bold)


def test_latin_text_with_a_symbol_builds_no_arabic_run_pattern() -> None:
    """English with one symbol (the ✎ of a person's own question) goes character by character
    without building the Latin-and-Arabic run pattern, which only Arabic text needs."""
    code = """
from decisionaid.pdf import fonts
runs = fonts.runs("✎ Can I keep working?")
print(fonts._runs_pattern.cache_info().currsize, [font for font, _ in runs])
"""
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert done.stdout.split(maxsplit=1) == ["0", "['NotoSansSymbols2', 'NotoSans']\n"]


ARABIC_LETTERS = st.sampled_from(
    [*map(chr, range(0x621, 0x656)), " ", " ", "\n", ".", "،", "ـ", "\u0670", "a", "1", "ﻻ", "("]
)


@given(st.lists(ARABIC_LETTERS, min_size=1, max_size=30).map("".join))
@settings(max_examples=400, deadline=None)
def test_reshaping_word_by_word_equals_reshaping_the_whole_text(text: str) -> None:
    with fonts.render_memo():
        assert rtl._reshape(text) == arabic_reshaper.reshape(text)
        assert rtl._reshape(text) == arabic_reshaper.reshape(text)  # from the memo


def test_reshaping_the_shipped_arabic_word_by_word_changes_nothing() -> None:
    with fonts.render_memo():
        for text in _arabic_catalog():
            assert rtl._reshape(text) == arabic_reshaper.reshape(text)


@pytest.fixture
def shapes_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Caching on, in a fresh folder, and the shipped words' shapes not yet read in this process."""
    monkeypatch.setenv(content_cache.ENV, "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    rtl.shipped_shapes.cache_clear()
    yield tmp_path / "home" / "decisionaid"
    rtl.shipped_shapes.cache_clear()


def test_a_render_starts_from_the_shipped_words_shapes(
    shapes_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every shipped text shapes as a whole does, with most of its words already shaped."""
    shapes = rtl.shipped_shapes("ar")
    assert len(shapes) > 2000
    assert len(list(shapes_cache.glob("tables-shapes-ar.*.pickle"))) == 1
    rtl.shipped_shapes.cache_clear()
    assert rtl.shipped_shapes("ar") == shapes  # read back from the cache

    calls: list[str] = []
    reshape = rtl.reshape
    monkeypatch.setattr(rtl, "reshape", lambda text: calls.append(text) or reshape(text))
    texts = _arabic_catalog()
    with fonts.render_memo():
        rtl.seed_shapes("ar")
        for text in texts:
            assert rtl._reshape(text) == arabic_reshaper.reshape(text)
    # Only words with no Arabic are shaped again, and texts with a joiner (shaped whole).
    arabic = [text for text in calls if fonts.has_rtl(text)]
    assert all("\u200c" in text or "\u200d" in text for text in arabic), arabic


def test_no_shapes_are_made_when_nothing_can_be_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(content_cache.ENV, "0")
    rtl.shipped_shapes.cache_clear()
    try:
        assert rtl.shipped_shapes("ar") == {}
    finally:
        rtl.shipped_shapes.cache_clear()


def test_the_cache_keeps_no_word_a_person_wrote(shapes_cache: Path, tmp_path: Path) -> None:
    """The shapes are made from the catalogs alone, never from what a render met."""
    own = "زنجبيرتكم"
    assert own not in " ".join(_arabic_catalog())
    answers = write_documented_answers(tmp_path)
    text = answers.read_text(encoding="utf-8")
    text = text.replace("Can I keep working?", f"{own} بالعسل؟")
    answers.write_text(text.replace("I live two hours", f"{own} two hours"), encoding="utf-8")
    out = tmp_path / "ar.pdf"
    args = ["render", "--answers", str(answers), "--out", str(out), "--lang", "ar"]
    code = f"from decisionaid.cli import main; raise SystemExit(main({args!r}))"
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    assert own in "".join(_extracted(out.read_bytes()))  # the render met the word
    assert len(list(shapes_cache.glob("tables-shapes-ar.*.pickle"))) == 1
    kept = b"".join(path.read_bytes() for path in shapes_cache.rglob("*") if path.is_file())
    for form in (own, rtl.reshape(own), rtl.reshape(own)[::-1]):
        assert form.encode() not in kept


SHAPED = st.sampled_from(
    [
        *map(chr, range(0x621, 0x656)),  # letters and harakat
        *"\u0670\u0640\u067e\u0686\u06a9\u06af\u06cc\u06d2\u0698",  # Persian, Urdu letters
        *["لا", "لأ", "لإ", "لآ", "الله", "ﻻ", "\u200d", "\u200c", " ", " ", "\n", "a", "1", "."],
    ]
)


@given(st.lists(SHAPED, max_size=30).map("".join))
@settings(max_examples=600, deadline=None)
def test_the_quick_shaper_shapes_as_the_reshaper(text: str) -> None:
    """rtl._Shaper reproduces arabic_reshaper.reshape; it declines only text with a ZWJ."""
    shaper = rtl._shaper()
    assert shaper is not None
    shaped = shaper.reshape(text)
    if "\u200d" in text:  # left to the reshaper (which can fail on it: IndexError)
        assert shaped is None
    else:
        assert shaped == rtl.reshape(text) == arabic_reshaper.reshape(text)


def test_a_joiner_before_a_final_lam_alef_is_shaped_not_fatal() -> None:
    """arabic_reshaper raises IndexError on it; rtl.reshape shapes it without the joiner."""
    text = "هل \u200dلا"
    with pytest.raises(IndexError):
        arabic_reshaper.reshape(text)
    assert rtl.reshape(text) == arabic_reshaper.reshape("هل لا")
    with fonts.render_memo():
        assert rtl._reshape(text) == arabic_reshaper.reshape("هل لا")


def test_the_quick_shaper_shapes_the_shipped_arabic_as_the_reshaper() -> None:
    shaper = rtl._shaper()
    assert shaper is not None
    for text in _arabic_catalog():
        assert shaper.reshape(text) == arabic_reshaper.reshape(text)


def test_the_quick_shaper_is_used_only_with_the_reshapers_default_settings() -> None:
    assert rtl._Shaper.applies(arabic_reshaper.default_reshaper.configuration)
    for setting in (
        {"delete_harakat": False},
        {"support_ligatures": False},
        {"language": "Kurdish"},
    ):
        other = arabic_reshaper.ArabicReshaper(configuration=setting)
        assert not rtl._Shaper.applies(other.configuration), setting


def test_the_quick_shaper_reads_the_settings_getboolean_reads() -> None:
    """rtl._setting, used for the ~300 ligature settings, agrees with ConfigParser.getboolean."""
    from arabic_reshaper.ligatures import LIGATURES

    names = [name for name, _ in LIGATURES]
    toggled = {names[0]: "yes", names[5]: "on", names[-1]: "1", "ARABIC LIGATURE ALLAH": "off"}
    for settings_ in ({}, toggled):
        config = arabic_reshaper.ArabicReshaper(configuration=settings_).configuration
        raw = dict(config.parser.items(config.name, raw=True))
        assert [rtl._setting(config, raw, n) for n in names] == [
            config.getboolean(n) for n in names
        ]
    shaper = rtl._shaper()
    assert shaper is not None
    reshaper = arabic_reshaper.default_reshaper
    assert shaper.ligatures.pattern == reshaper._ligatures_re.pattern  # its own, for comparison


def test_the_reshaper_imported_without_fonttools_shapes_the_same() -> None:
    """rtl._reshaper hides fontTools while arabic_reshaper is imported (about 10 ms)."""
    texts = [*_arabic_catalog(), *TEXTS]
    code = """
import json, sys
from decisionaid.pdf import rtl
shaped = [rtl.reshape(t) for t in json.load(sys.stdin)]
print(json.dumps(["fontTools" in sys.modules, shaped]))
"""
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(texts),
        check=True,
        capture_output=True,
        text=True,
    )
    fonttools_loaded, shaped = json.loads(done.stdout)
    assert fonttools_loaded is False
    assert shaped == [arabic_reshaper.reshape(t) for t in texts]


RTL_LINE = st.sampled_from(
    [
        *map(chr, range(0x621, 0x64B)),
        *map(chr, range(0xFE70, 0xFEFD, 3)),
        *" .،؟()[]<>«»-/:!\"'",
        *("a", "1", "١", "\u064b", "CAR-T", "23", "+", "%", "#", "$"),
    ]
)


@given(st.lists(RTL_LINE, max_size=25).map("".join))
@settings(max_examples=500, deadline=None)
def test_right_to_left_display_order_equals_the_bidi_algorithm(line: str) -> None:
    assert rtl._display_rtl(line) == get_display(line, base_dir="R")


MIXED_LINE = st.sampled_from(
    [
        *map(chr, range(0x627, 0x64A, 3)),
        *map(chr, range(0xFE8D, 0xFEF0, 7)),
        *" .,،:;!?()[]<>«»-/+%#$'\"*&@=",
        *"abcXY0123456789",
        *("١", "٢", "\u05d0", "\u064b", "\u200f", "\t"),
        *("CAR-T", "12", "3.5", "1,000", "50%", "$5", "-4", "T-cell", "(PDF)", "  "),
    ]
)


@given(st.lists(MIXED_LINE, max_size=20).map("".join))
@settings(max_examples=1500, deadline=None)
def test_the_simple_bidi_algorithm_equals_python_bidi(line: str) -> None:
    """Digits, Latin words, brackets and separators in an Arabic line: same order as get_display."""
    simple = rtl._reorder_simple(line)
    if simple is not None:
        assert simple == get_display(line, base_dir="R")
    assert rtl._display_rtl(line) == get_display(line, base_dir="R")


RUN_TEXT = st.sampled_from(
    [
        *map(chr, range(0xFE70, 0xFEFD)),  # Arabic presentation forms: past one subset
        *map(chr, range(0xFB50, 0xFBB2)),
        *map(chr, range(0x621, 0x64B)),
        *"ab ()\\\xa0\ufffd\u0378",  # escaped, a no-break space, not in the face
    ]
)


def _twin_text_objects(font: str, size: float, leading: float) -> list[Any]:
    """Two text objects in two new documents, in `font` at `size` and `leading`."""
    from reportlab.pdfgen.canvas import Canvas

    fonts.register_fonts()
    fonts._registered(font)
    objects = []
    for _ in range(2):
        tx = Canvas(io.BytesIO()).beginText(0, 0)
        tx._fontname, tx._fontsize, tx._leading, tx._curSubset = font, size, leading, -1
        objects.append(tx)
    return objects


@given(
    st.lists(st.lists(RUN_TEXT, max_size=8).map("".join), min_size=1, max_size=60),
    st.sampled_from([fonts.ARABIC, fonts.REGULAR]),
    st.sampled_from([(10.5, 15.0), (9, 12.5)]),
    st.lists(st.integers(-1, 2), min_size=60, max_size=60),
)
@settings(max_examples=150, deadline=None)
@example(["ئ"], fonts.REGULAR, (9, 12.5), [1] * 60)  # a first run, not in the face, in subset 1
def test_the_run_writer_writes_what_format_text_writes(
    texts: list[str], font: str, size_leading: tuple[float, float], subsets: list[int]
) -> None:
    """rtl._RunWriter, run by run beside ReportLab's _formatText in a twin document.

    Each run starts in the subset the last one left, or after a change of font (-1), or in
    another subset of the face, as a paragraph's runs do. Both must select the same subsets
    and draw the same codes (`_drawn`).
    """
    ours, theirs = _twin_text_objects(font, *size_leading)
    write = rtl._RunWriter(ours)
    for text, jump in zip(texts, subsets, strict=False):
        if jump != 2:  # 2: stay in the subset the last run left selected
            state = pdfmetrics.getFont(font).state.get(ours._canvas._doc)
            if state is None or jump < len(state.subsets):
                ours._curSubset = theirs._curSubset = jump
        ops, ours._curSubset = write(text, ours._curSubset)
        expected = theirs._formatText(text)
        assert (_drawn(ops), ours._curSubset) == (_drawn(expected), theirs._curSubset), text


def _drawn(ops: str) -> list[tuple[str, tuple[object, ...]]]:
    """Text operators as what they draw: strings as their bytes (literal or hex), no TL.

    The leading only moves the next line, and a paragraph sets it before its first line.
    """
    with pikepdf.new() as pdf:
        parsed = pikepdf.parse_content_stream(pdf.make_stream(ops.encode("latin-1")))
        return [
            (str(op), tuple(bytes(v) if isinstance(v, pikepdf.String) else str(v) for v in args))
            for args, op in parsed
            if str(op) != "TL"
        ]


def test_the_run_writer_writes_a_run_seen_before_itself() -> None:
    """Once its characters have codes, a run is written without ReportLab's loop (the shortcut).

    Only a run with characters new to the document has them looked up one by one.
    """
    ours, theirs = _twin_text_objects(fonts.ARABIC, 10.5, 15.0)
    calls: list[str] = []
    face = pdfmetrics.getFont(fonts.ARABIC)
    split_string = face.splitString
    ours_doc = ours._canvas._doc
    face.splitString = lambda text, doc: (
        (doc is ours_doc and calls.append(text)) or split_string(text, doc)
    )
    try:
        write = rtl._RunWriter(ours)
        # The second and third: the first's letters again; the fourth: two new letters.
        words = ["ﺍﻟﻌﻼﺝ", "ﺝﻼﻌﻟﺍ", "ﻌﻼﺝ", "ﺑﺨﻼ"]
        for word in words:
            ours._curSubset = theirs._curSubset = -1
            ops, subset = write(word, -1)
            assert " TL" not in ops  # written by the writer, the document's first run too
            assert (_drawn(ops), subset) == (_drawn(theirs._formatText(word)), theirs._curSubset)
    finally:
        del face.splitString
    assert calls == [words[0], words[3]]


def test_the_run_writer_leaves_a_run_across_two_subsets_to_format_text() -> None:
    ours, theirs = _twin_text_objects(fonts.ARABIC, 10.5, 15.0)
    write = rtl._RunWriter(ours)
    letters = "".join(map(chr, [*range(0xFE70, 0xFEFD), *range(0xFB50, 0xFBB2)]))
    for text in (letters, letters[:3] + letters[-3:], letters[-3:] + " " + letters[:3]):
        ops, ours._curSubset = write(text, ours._curSubset)
        assert (ops, ours._curSubset) == (theirs._formatText(text), theirs._curSubset)
    state = pdfmetrics.getFont(fonts.ARABIC).state[theirs._canvas._doc]
    assert len(state.subsets) == 2  # the letters took more than one subset


TABLES = """
import json, sys
from decisionaid.pdf import fonts, rtl
texts = json.load(sys.stdin)
shaped = [rtl.reshape(fonts.clean(t)) for t in texts]
shown = [rtl._display_rtl(line) for text in shaped for line in text.split("\\n")]
loaded = sorted(m for m in ("arabic_reshaper", "bidi.mirror") if m in sys.modules)
print(json.dumps([shaped, shown, loaded]))
"""


def _tables_run(texts: list[str], env: dict[str, str]) -> list[Any]:
    done = subprocess.run(
        [sys.executable, "-c", TABLES],
        input=json.dumps(texts),
        env={**os.environ, **env},
        check=True,
        capture_output=True,
        text=True,
    )
    result: list[Any] = json.loads(done.stdout)
    return result


def test_the_rtl_tables_from_the_cache_shape_and_order_as_made(tmp_path: Path) -> None:
    """The shaper, mirror table and character class come from the user's cache when fresh.

    A process with a warm cache imports neither arabic_reshaper nor python-bidi's table and
    gives what a process without the cache gives; a settings file named in the reshaper's
    environment is obeyed, not the cached default settings.
    """
    texts = [*_arabic_catalog(), *TEXTS]
    reference = _tables_run(texts, {content_cache.ENV: "0"})
    cache = {content_cache.ENV: "1", "XDG_CACHE_HOME": str(tmp_path)}
    cold = _tables_run(texts, cache)
    warm = _tables_run(texts, cache)
    assert reference[2] == cold[2] == ["arabic_reshaper", "bidi.mirror"]
    assert warm[2] == []
    assert reference[:2] == cold[:2] == warm[:2]
    assert len(list((tmp_path / "decisionaid").glob("tables-rtl.*.pickle"))) == 1

    settings = tmp_path / "reshaper.ini"
    settings.write_text("[ArabicReshaper]\nsupport_ligatures = no\n", encoding="utf-8")
    own = _tables_run(texts, {**cache, rtl._RESHAPER_SETTINGS_ENV: str(settings)})
    reshaper = arabic_reshaper.ArabicReshaper(configuration_file=str(settings))
    assert own[0] == [reshaper.reshape(fonts.clean(t)) for t in texts] != reference[0]


@given(st.lists(RUN_TEXT, min_size=1, max_size=12).map("".join), st.booleans())
@settings(max_examples=200, deadline=None)
def test_the_width_of_one_run_is_the_sum_of_its_runs(text: str, bold: bool) -> None:
    """fonts.runs_width takes one run's width as it is: the sum ReportLab's way gives it too."""
    fonts.register_fonts()
    pieces = fonts.runs(fonts.substitute(text, bold), bold)
    for run in pieces:
        summed = float(sum(pdfmetrics.stringWidth(t, f, 10.5) for f, t in [run]))
        assert fonts.runs_width([run], 10.5) == summed


def test_the_run_writer_writes_a_run_in_a_later_subset() -> None:
    """A run whose codes are all in a face's second subset selects that subset (not 0)."""
    ours, theirs = _twin_text_objects(fonts.ARABIC, 10.5, 15.0)
    write = rtl._RunWriter(ours)
    letters = "".join(map(chr, [*range(0xFE70, 0xFEFD), *range(0xFB50, 0xFBB2)]))
    for text in (letters, letters[-3:], letters[:3], letters[-4:]):
        ops, ours._curSubset = write(text, ours._curSubset)
        expected = theirs._formatText(text)
        assert (_drawn(ops), ours._curSubset) == (_drawn(expected), theirs._curSubset), text
    assert ours._curSubset == 1  # the last run: the letters that took the second subset


def test_a_bullet_drawn_from_the_memo_writes_what_drawing_it_writes() -> None:
    """BidiParagraph._draw_bullet writes a bullet seen before in the document from the memo.

    Each bullet is drawn twice on one canvas: in the render (the memo) and with the memo out
    of reach (draw_runs itself); the two must write the same, for bullets that differ in
    their text, place, size and direction, and for bullets drawn again; a bullet drawn in
    another document is drawn there, not copied.
    """
    from reportlab.pdfgen.canvas import Canvas

    fonts.register_fonts()

    def style(rtl_layout: bool, **changes: float) -> ParagraphStyle:
        return ParagraphStyle("bullet", parent=variant("body", rtl_layout, 22.0), **changes)

    short = "نص قصير جدا"  # one line at either width: only the bullet's place differs
    cases = [("1.", True, style(True), 400), ("2.", True, style(True), 400)]
    cases += [("1.", True, style(True), 300), ("1.", False, style(False), 400)]
    cases += [("1.", False, style(False, bulletFontSize=14), 400), ("1.", True, style(True), 400)]
    with fonts.render_memo():
        canv = Canvas(io.BytesIO())
        drawn = 0
        for bullet, rtl_layout, st_, width in cases * 2:
            para = BidiParagraph(short, st_, rtl_layout, bullet, 22.0)
            para.wrap(width, 1000)
            para.canv = canv
            start = len(canv._code)
            para._draw_bullet(bullet)
            ours = canv._code[start:]
            token = fonts._memo.set(None)
            try:
                para._draw_bullet(bullet)
            finally:
                fonts._memo.reset(token)
            assert ours == canv._code[start + len(ours) :], bullet
            drawn += 1
        memo = fonts.memo()
        assert memo is not None
        assert 3 <= sum(key[0] == "bullet" for key in memo) < drawn  # some came from the memo
        other = Canvas(io.BytesIO())  # another document: its bullets are its own
        para.canv = other
        para._draw_bullet("1.")
        bullet_face = pdfmetrics.getFont(para.style.bulletFontName)
        assert ord("1") in bullet_face.state[other._doc].assignments


WORDS = st.sampled_from(
    [*map(chr, range(0x620, 0x656)), *map(chr, range(0xFE70, 0xFEFD)), *"ab1٣.،؟()«» ≥∑😀\n"]
)


@given(st.lists(st.lists(WORDS, max_size=10).map("".join), min_size=1, max_size=20), st.booleans())
@settings(max_examples=300, deadline=None)
def test_widths_from_the_arabic_table_are_the_widths_of_the_runs(
    texts: list[str], bold: bool
) -> None:
    """fonts._Widths measures words of Arabic-only characters from its table, as runs_width."""
    fonts.register_fonts()
    with fonts.render_memo():
        width_of = fonts.widths(10.5, bold)
        width_of("ﺍﻟﻌﻼﺝ")  # a word in the Arabic face: the table from now on
        for text in texts:
            text = fonts.substitute(text, bold)
            assert width_of(text) == fonts.runs_width(fonts.runs(text, bold), 10.5), text


def test_arabic_words_are_measured_from_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shortcut is taken: after the first, the shipped Arabic words are not cut into runs."""
    fonts.register_fonts()
    cut: list[str] = []
    runs = fonts.runs
    monkeypatch.setattr(
        fonts, "runs", lambda text, bold=False: cut.append(text) or runs(text, bold)
    )
    words = {word for text in _arabic_catalog() for word in rtl.reshape(fonts.clean(text)).split()}
    with fonts.render_memo():
        width_of = fonts.widths(10.5)
        for word in sorted(words):
            width_of(word)
    assert len(words) > 1000
    assert len(cut) < 0.25 * len(words)
