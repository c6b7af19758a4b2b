# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Bundled fonts for the PDF, per-character font fallback and the one text-to-markup escaper.

ReportLab has no font fallback: a character missing from the chosen font prints as a blank
or a tofu box, and Noto Sans Arabic has no Latin letters. So every string is cut into runs,
each in the first font of a fallback chain whose cmap has the character, and a character no
bundled font has is printed as U+FFFD REPLACEMENT CHARACTER (from Noto Sans), never dropped.
"""

from __future__ import annotations

import contextlib
import fnmatch
import functools
import itertools
import re
import struct
import unicodedata
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from functools import cache
from itertools import repeat
from pathlib import Path

import reportlab
from reportlab import rl_config
from reportlab.lib import rl_accel
from reportlab.pdfbase import pdfdoc, pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace
from reportlab.pdfgen import canvas, pathobject, textobject
from reportlab.platypus import paragraph

from decisionaid import regexcache
from decisionaid.content import cache as content_cache
from decisionaid.paths import fonts_dir
from decisionaid.pdf.escape import escape
from decisionaid.pdf.tounicode import letters

REGULAR = "NotoSans"
BOLD = "NotoSans-Bold"
ARABIC = "NotoSansArabic"
ARABIC_BOLD = "NotoSansArabic-Bold"
MATH = "NotoSansMath"
SYMBOLS = "NotoSansSymbols2"

FONT_FILES: dict[str, str] = {
    REGULAR: "NotoSans-Regular.ttf",
    BOLD: "NotoSans-Bold.ttf",
    ARABIC: "NotoSansArabic-Regular.ttf",
    ARABIC_BOLD: "NotoSansArabic-Bold.ttf",
    MATH: "NotoSansMath-Regular.ttf",
    SYMBOLS: "NotoSansSymbols2-Regular.ttf",
}

# First font whose cmap has a character wins. Math and symbols have no bold face.
CHAINS: dict[bool, tuple[str, ...]] = {
    False: (REGULAR, ARABIC, MATH, SYMBOLS),
    True: (BOLD, ARABIC_BOLD, MATH, SYMBOLS),
}

# Printed for a character no bundled font has (most emoji): visible, and in Noto Sans.
SUBSTITUTE = "\ufffd"

# Removed outright: C0/C1 controls except \t and \n, DEL, surrogates, BOM/ZWNBSP,
# non-characters, bidi embedding/override/isolate controls and marks (we reorder each line
# ourselves and no font has a glyph for them), variation selectors, tag characters and
# emoji skin-tone modifiers (they only colour the emoji before them).
_REMOVE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff\ufdd0-\ufdef"
    "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufe00-\ufe0f"
    "\U000e0000-\U000e007f\U000e0100-\U000e01ef\U0001f3fb-\U0001f3ff]"
)
_NEWLINES = re.compile("\r\n|[\r\u2028\u2029\x85]")
# After a substituted character these belong to the same emoji and are swallowed by it.
_JOINERS = frozenset("\u200d\u20e3")
_FLAG_LETTERS = frozenset(chr(c) for c in range(0x1F1E6, 0x1F200))
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


# A stretch of text drawn in one font: (font, text). A plain tuple: an Arabic document makes
# about 2 000 (a stretch of Arabic words, then of Latin ones or digits), and a named tuple is
# made by a Python function, three times as slow.
Run = tuple[str, str]


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap, with code points above U+FFFF written as UTF-16 pairs.

    WORKAROUND for ReportLab 5.1 ttfonts.makeToUnicodeCMap writing "<%04X>" for every code
    point, so a character such as U+1D434 became "<1D434>" and could not be copied, searched
    or read aloud from the PDF. PDF 1.7 §9.10.3 wants the destination in UTF-16BE.
    Arabic presentation forms map to their letters (`tounicode.letters`).
    """
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(
            f"<{i:02X}> <{letters(chr(v)).encode('utf-16-be', 'surrogatepass').hex().upper()}>"
            for i, v in enumerate(subset)
        ),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


# What ReportLab's PDFDocEncoding codec cannot encode among the ASCII characters.
_NOT_PDFDOC = re.compile("[\x18-\x1f]")
_NOT_PDFDOC_BYTES = tuple(bytes([code]) for code in range(0x18, 0x20))


def _pdfdoc_encoded(text: object) -> object:
    """reportlab.pdfbase.pdfdoc.pdfdocEnc, with ASCII strings encoded as ASCII.

    ReportLab encodes every object it writes, page content streams included (about 30 kB a
    page, twice that in Arabic), with its PDFDocEncoding codec, a Python dict looked up per
    character: 9 ms of an English PDF and 16 ms of an Arabic one. That codec maps the ASCII
    characters to themselves except U+0018-U+001F, which it refuses; such strings, and any
    beyond ASCII, still go through it.
    """
    if not isinstance(text, str) or not text.isascii():
        return _reportlab_pdfdoc_enc(text)
    if len(text) < 1024:  # most: names, numbers, short strings
        return _reportlab_pdfdoc_enc(text) if _NOT_PDFDOC.search(text) else text.encode("ascii")
    # A page's content (each written twice, about 1.9 MB in all for the Arabic example):
    # looked for one refused byte at a time (memchr) rather than by the expression (3.5 ms).
    data = text.encode("ascii")
    if any(refused in data for refused in _NOT_PDFDOC_BYTES):
        return _reportlab_pdfdoc_enc(text)
    return data


_reportlab_pdfdoc_enc = pdfdoc.pdfdocEnc
_reportlab_fp_str = rl_accel.fp_str


def _fp_str(*numbers: object) -> str:
    """reportlab.lib.rl_accel.fp_str (numbers as PDF writes them), remembered per value.

    Without ReportLab's C accelerators (a separate wheel, not installed) every number of
    every operator is formatted by a pure-Python loop: about 10 000 calls and 12 ms for the
    Arabic example, 4 000 and 6 ms for the English, mostly the same font sizes, leadings
    and colours again. Its result depends only on the numbers' values, so it is kept per
    value in the render's memo, forgotten with it: a process-wide cache (16 384 entries,
    until 2026-12-05) kept the coordinates of every document's boxes, which grew a kiosk by
    about 2 KiB per person for hundreds of people. A list argument, which cannot be a key,
    goes straight through.

    ReportLab writes each number on its own and joins them with spaces, so a group not seen
    before (the QR code's ~1 000 rectangles, each line's position) is made of numbers
    remembered one by one: a rectangle's x, y, width and height each repeat on other rows.
    """
    memo = _memo.get()
    if memo is None:
        return str(_reportlab_fp_str(*numbers))
    key = ("fp", numbers)
    try:
        found = memo.get(key)
    except TypeError:  # unhashable: a list
        return str(_reportlab_fp_str(*numbers))
    if found is None:
        one = numbers[0] if len(numbers) == 1 else None
        values = one if isinstance(one, tuple) else numbers  # fp_str((x, y)) as fp_str(x, y)
        found = memo[key] = " ".join([_fp_one(memo, value) for value in values])
    return str(found)


def pdf_number(value: float) -> str:
    """`value` as ReportLab writes a number in page content (fp_str), remembered in a render."""
    return _fp_str(value)


def _fp_one(memo: dict[tuple[object, ...], object], number: object) -> str:
    """fp_str(number), remembered in the render's memo."""
    key = ("fp1", number)
    found = memo.get(key)
    if found is None:
        found = memo[key] = str(_reportlab_fp_str(number))
    return str(found)


_reportlab_escape = rl_accel.escapePDF
# What ReportLab's escapePDF writes for each byte: itself, a backslash before it, or \ooo.
_ESCAPES = {code: _reportlab_escape(bytes([code])) for code in range(256)}


def _escape_pdf(text: bytes | str) -> str:
    """reportlab.lib.rl_accel.escapePDF (a PDF string's body), one table lookup per character.

    Without ReportLab's C accelerators it looks each byte up in Python, joining the pieces:
    every run of text drawn (790 in the English example, 2 400 in the Arabic) goes through
    it, about 2 ms a PDF. `str.translate` with a table made from that same function gives
    the same string for bytes and for text up to U+00FF; anything else goes to it as before.
    """
    if isinstance(text, bytes):
        return text.decode("latin-1").translate(_ESCAPES)
    if isinstance(text, str) and all(ord(char) < 256 for char in text):
        return text.translate(_ESCAPES)
    return str(_reportlab_escape(text))


_reportlab_string_width = pdfmetrics.stringWidth


def _paragraph_string_width(
    text: str, font_name: str, font_size: float, encoding: str = "utf8"
) -> float:
    """pdfmetrics.stringWidth for ReportLab's Paragraph, remembered within a render.

    Paragraph.breakLines measures every word each time a paragraph is wrapped, and a render
    wraps the same paragraphs again and again (page 1 at up to three scales, table cells for
    each column width asked): 14 400 calls for 2 450 different words, fonts and sizes in the
    English example, about 14 ms. A width depends only on those arguments (a registered
    font's metrics never change), so it is kept in the render's memo (forgotten with it);
    outside a render it is measured as before.
    """
    cache_ = _memo.get()
    if cache_ is None:
        return float(_reportlab_string_width(text, font_name, font_size, encoding))
    key = ("string width", text, font_name, font_size, encoding)
    try:
        return cache_[key]  # type: ignore[return-value]
    except KeyError:
        value = cache_[key] = _reportlab_string_width(text, font_name, font_size, encoding)
        return value  # type: ignore[no-any-return]


@cache
def _set_up_reportlab() -> None:
    """Our ToUnicode writer, no ASCII85, quicker PDFDocEncoding, numbers, escapes and widths.

    Once per process, before any font is registered.
    """
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    pdfdoc.pdfdocEnc = _pdfdoc_encoded
    for module in (textobject, canvas, pathobject, pdfdoc):  # what writes page content
        module.fp_str = _fp_str
    for module in (canvas, pdfdoc):  # what escapes the strings of page content
        module.escapePDF = _escape_pdf
    paragraph.stringWidth = _paragraph_string_width
    # No ASCII85 on top of Flate: structure.tag_pdf rewrites every stream as Flate alone, so
    # encoding 90 kB of Arabic font subsets to ASCII85 in pure Python was work thrown away.
    rl_config.useA85 = 0


@cache
def register_fonts() -> tuple[str, ...]:
    """Set ReportLab up once per process and register the Latin faces; return every font name.

    The other faces (Arabic, math, symbols) are parsed and registered when a text is first
    set in one (`_registered`); which characters a face has is read from its cmap table
    alone (`_cmap`), so an English text with one symbol no longer parses the Arabic and
    math faces to learn that they lack it.
    """
    _registered(REGULAR)
    _registered(BOLD)
    # So that <b> inside markup picks the bold face instead of a synthesised one.
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    pdfmetrics.registerFontFamily(
        ARABIC, normal=ARABIC, bold=ARABIC_BOLD, italic=ARABIC, boldItalic=ARABIC_BOLD
    )
    return tuple(FONT_FILES)


@cache
def _registered(name: str) -> str:
    """Bundled font `name`, parsed (or from the font cache) and registered on first use."""
    _set_up_reportlab()
    pdfmetrics.registerFont(_font(name))
    return name


# What a face's tables are made by: ReportLab's parser, its version, and _restored below.
_FONT_CODE = (Path(ttfonts.__file__), Path(reportlab.__file__), Path(__file__))
# A face's attributes the cache does not keep: the file's bytes (read anyway, to find the
# key) and the function of unitsPerEm that scales to PDF units (a lambda: not picklable).
_NOT_KEPT = frozenset({"_ttf_data", "_pdfScale"})


def _font(name: str) -> TTFont:
    """Bundled font `name` as ReportLab's TTFont, its face from the font cache when fresh.

    Parsing a face reads every glyph's width and cmap entry in Python: about 4 ms for each
    Latin face (an English PDF parses three). Reading the file, hashing it for the key and
    unpickling the same attributes takes about 1.5 ms.
    """
    path = fonts_dir() / FONT_FILES[name]
    if not content_cache.enabled():
        return TTFont(name, str(path))
    data = path.read_bytes()
    tables = content_cache.font_read(name, data, _FONT_CODE)
    if isinstance(tables, dict):
        return _restored(name, str(path), data, tables)
    font = TTFont(name, str(path))
    kept = {key: value for key, value in vars(font.face).items() if key not in _NOT_KEPT}
    content_cache.font_write(name, data, _FONT_CODE, kept)
    return font


def _restored(name: str, filename: str, data: bytes, tables: dict[str, object]) -> TTFont:
    """What `TTFont(name, filename)` makes of the file holding `data`, its tables not parsed.

    Sets what ReportLab 5.1's TTFont.__init__ and TTFontFile.extractInfo set; a test compares
    every attribute with a fresh parse of every bundled font, and a PDF made with restored
    faces with one made with parsed faces, byte for byte.
    """
    face = TTFontFace.__new__(TTFontFace)
    vars(face).update(tables)
    face.filename = filename  # the cache is keyed by the bytes: the file may have moved
    face._ttf_data = data
    units = face.unitsPerEm
    face._pdfScale = _unscaled if units == 1000 else functools.partial(_scaled, 1000 / units)
    font: TTFont = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = ttfonts.TTEncoding()
    font.state = weakref.WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch.fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)
    return font


def _unscaled(value: float) -> float:
    """A face's _pdfScale when its unitsPerEm is 1000, as ReportLab's."""
    return value


def _scaled(factor: float, value: float) -> float:
    """A face's _pdfScale for other unitsPerEm (factor 1000 / unitsPerEm), as ReportLab's."""
    return value * factor


@cache
def _cmap(name: str) -> frozenset[int]:
    """The code points bundled font `name` has: the keys of ReportLab's charToGlyph.

    Read from the font's cmap table alone, choosing the subtable as ReportLab's
    TTFontFile.extractInfo does (a test compares both for every bundled font): parsing a
    whole face costs 2-5 ms, its cmap a fraction of one. Only the table directory and the
    cmap table are read from the file (a few kB of its 0.2-0.7 MB). Formats other than 4
    and 12 are left to ReportLab.
    """
    with (fonts_dir() / FONT_FILES[name]).open("rb") as file:  # the cmap table, not the file
        header = file.read(12)
        directory = file.read(16 * struct.unpack_from(">H", header, 4)[0])
        offset, length = next(
            struct.unpack_from(">II", directory, at + 8)
            for at in range(0, len(directory), 16)
            if directory[at : at + 4] == b"cmap"
        )
        file.seek(offset)
        data = file.read(length)
    cmap = 0  # where the table starts in `data`
    version, count = struct.unpack_from(">HH", data, cmap)
    if count == 0 and version != 0:
        count = version
    chosen, kind = None, 0
    for at in range(cmap + 4, cmap + 4 + 8 * count, 8):  # the last suitable one wins
        platform, encoding, offset = struct.unpack_from(">HHI", data, at)
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            chosen, kind = offset, 1
        elif platform == 1 and encoding == 0 and kind != 1:
            chosen, kind = offset, 2
    if chosen is None:
        return _parsed_cmap(name)
    table = cmap + chosen
    form = struct.unpack_from(">H", data, table)[0]
    ranges: Iterable[tuple[int, int]]
    if form == 4:
        segments = struct.unpack_from(">H", data, table + 6)[0] // 2
        ends = struct.unpack_from(f">{segments}H", data, table + 14)
        starts = struct.unpack_from(f">{segments}H", data, table + 16 + 2 * segments)
        ranges = zip(starts, ends, strict=True)
    elif form == 12:
        groups = struct.unpack_from(">I", data, table + 12)[0]
        triples = struct.iter_unpack(">III", data[table + 16 : table + 16 + 12 * groups])
        ranges = ((start, end) for start, end, _glyph in triples)
    else:
        return _parsed_cmap(name)
    codes = set(itertools.chain.from_iterable(range(a, b + 1) for a, b in ranges))
    if 0x20 in codes or 0xA0 in codes:  # ReportLab gives either space the other's glyph
        codes |= {0x20, 0xA0}
    return frozenset(codes)


def _parsed_cmap(name: str) -> frozenset[int]:
    """The code points of bundled font `name` as ReportLab's full parse of it finds them."""
    _registered(name)
    font = pdfmetrics.getFont(name)
    return frozenset(font.face.charToGlyph)


def _first_two(bold: bool) -> tuple[frozenset[int], frozenset[int]]:
    """The cmaps of the chain's first two fonts (Latin and Arabic)."""
    first, second = CHAINS[bold][:2]
    return _cmap(first), _cmap(second)


_font_cache: dict[tuple[str, bool], str | None] = {}


@cache
def _outside_base(bold: bool) -> re.Pattern[str]:
    """Matches any character the chain's first font lacks (a line break counts as present)."""
    return _outside(_cmap(CHAINS[bold][0]))


# The regular and bold faces have the same characters: the patterns below are built once
# per set of characters, not once per weight (each costs 1-2 ms to build).


@cache
def _outside(codes: frozenset[int]) -> re.Pattern[str]:
    """Matches any character not in `codes` (a line break counts as in)."""
    return regexcache.shipped(f"[^{char_class(sorted(codes | {10}))}]")  # kept between runs


def font_for(char: str, bold: bool = False) -> str | None:
    """The first font in the chain that has `char`, or None if no bundled font has it."""
    key = (char, bold)
    try:
        return _font_cache[key]
    except KeyError:
        pass
    code = ord(char)
    found = next((name for name in CHAINS[bold] if code in _cmap(name)), None)
    if found is not None:
        _registered(found)  # before anyone measures or draws a run in it
    _font_cache[key] = found
    return found


def clean(text: str) -> str:
    """Normalise line breaks to newlines, tabs to spaces; drop control and invisible format characters."""
    return _REMOVE.sub("", _NEWLINES.sub("\n", text)).replace("\t", " ")


def has_rtl(text: str) -> bool:
    """True if `text` holds any right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko…)."""
    return _RTL.search(text) is not None


def substitute(text: str, bold: bool = False) -> str:
    """`text` with every character no bundled font has replaced by SUBSTITUTE.

    An emoji sequence (ZWJ-joined pictographs, keycaps, flags) whose first character is
    unknown becomes a single SUBSTITUTE rather than a row of them.
    """
    if not _uncovered(bold).search(text):
        return text  # every character in one of the first two fonts: nothing to replace
    out: list[str] = []
    swallow = False  # just wrote a SUBSTITUTE: absorb the rest of its emoji sequence
    after_zwj = False
    flag_open = False  # the SUBSTITUTE stands for the first of a flag's two letters
    for ch in text:
        if swallow:
            if ch in _JOINERS:
                after_zwj = ch == "\u200d"
                continue
            if after_zwj and font_for(ch, bold) is None:
                after_zwj = False
                continue
            if ch in _FLAG_LETTERS and flag_open:
                flag_open = False
                continue
        swallow = after_zwj = False
        if ch != "\n" and (font_for(ch, bold) is None or unicodedata.category(ch) in ("Co", "Cn")):
            out.append(SUBSTITUTE)
            swallow = True
            flag_open = ch in _FLAG_LETTERS
        else:
            out.append(ch)
    return "".join(out)


def runs(text: str, bold: bool = False) -> list[Run]:
    """Cut already-cleaned `text` into runs by font, after `substitute()`."""
    base = CHAINS[bold][0]
    if not _outside_base(bold).search(text):
        return [(base, text)] if text else []  # the common case: all in the first font
    # Something neither of the first two fonts has (a symbol, an emoji): character by
    # character. Asked first, so that an English text with one symbol never builds the
    # pattern below (about 2 ms); text it matches never matches that pattern all through.
    if _uncovered(bold).search(text):
        return _runs_by_char(text, bold)
    # Next most common (Arabic and its spaces, digits, punctuation): every character in the
    # first two fonts, so one regular expression finds the runs.
    first, second = CHAINS[bold][:2]
    pattern = _runs_pattern(bold)
    if "\n" not in text and pattern.fullmatch(text):  # one run, so in the second font: a word
        _registered(second)
        return [(second, text)]
    _registered(second)  # some character is outside the first font, so a run is in this one
    return [(first, a) if a else (second, b) for a, b in pattern.findall(text)]


def _runs_by_char(text: str, bold: bool) -> list[Run]:
    """runs() one character at a time, substituting what no font has (emoji and the like)."""
    base = CHAINS[bold][0]
    out: list[Run] = []
    font = base
    buf: list[str] = []
    for ch in substitute(text, bold):
        wanted = font if ch == "\n" else (font_for(ch, bold) or base)  # a line break joins any run
        if wanted != font and buf:
            out.append((font, "".join(buf)))
            buf = []
        font = wanted
        buf.append(ch)
    if buf:
        out.append((font, "".join(buf)))
    return _spaces_joined(out, bold)


def _spaces_joined(found: list[Run], bold: bool) -> list[Run]:
    """`found` with every run of spaces alone between two runs of the second face set in it.

    As `_runs_pattern` cuts runs, where a space is as wide in both faces (`_spaces_alike`).
    """
    if len(found) < 3 or not _spaces_alike(bold):
        return found
    second = CHAINS[bold][1]
    out = [found[0]]
    i = 1
    while i < len(found):
        font, text = found[i]
        if (
            out[-1][0] == second
            and i + 1 < len(found)
            and found[i + 1][0] == second
            and not text.strip(" ")
        ):
            out[-1] = (second, out[-1][1] + text + found[i + 1][1])
            i += 2
        else:
            out.append((font, text))
            i += 1
    return out


@cache
def _runs_pattern(bold: bool) -> re.Pattern[str]:
    """Runs in the chain's first font and in its second (Arabic), line breaks included.

    Only for text whose every character one of the two fonts has and substitute() keeps
    (runs() asks `_uncovered` first). Among those, a character is the second font's exactly
    when it is one of the characters only the second has (about 1 100 Arabic letters and
    forms, in 26 ranges), so the first group is every other character: a class of 26 ranges
    is built in half the time of the first font's 118 (about 0.5 ms of every Arabic PDF).
    A line break continues whichever run it is in, as in _runs_by_char.

    Spaces between two runs of the second face are set in it too, where a space is as wide
    there as in the first (`_spaces_alike`): what is drawn is the same, but an Arabic line
    is one run instead of a run for every word and every space between them: the Arabic
    example's lines have 1 900 runs instead of 10 100, and it renders about 7 % quicker.
    """
    return _runs_pattern_of(*_first_two(bold), _spaces_alike(bold))


@cache
def _runs_pattern_of(
    first: frozenset[int], second: frozenset[int], join_spaces: bool
) -> re.Pattern[str]:
    own = char_class(list(_second_only_of(first, second)))
    spaces = f"(?: +[{own}][{own}\n]*)*" if join_spaces else ""
    return regexcache.shipped(f"([^{own}]+)|([{own}\n]+{spaces})")


@cache
def _spaces_alike(bold: bool) -> bool:
    """Whether a space is as wide in the chain's second face as in its first.

    So either can set it: the bundled Noto Sans and Noto Sans Arabic, 260 units in both weights.
    """
    first, second = (_registered(name) for name in CHAINS[bold][:2])
    return bool(
        pdfmetrics.stringWidth(" ", first, 1000) == pdfmetrics.stringWidth(" ", second, 1000)
    )


@cache
def _second_only_of(first: frozenset[int], second: frozenset[int]) -> tuple[int, ...]:
    """The code points, in order, that only the second font has, of those substitute() keeps."""
    return tuple(sorted((second - first) & _common_of(first, second)))


def _common_codes(bold: bool) -> frozenset[int]:
    """Code points of the chain's first two fonts that substitute() keeps (assigned, not private)."""
    return _common_of(*_first_two(bold))


@cache
def _common_of(first: frozenset[int], second: frozenset[int]) -> frozenset[int]:
    return frozenset(
        c
        for c in first | second
        if c != 10 and unicodedata.category(chr(c)) not in ("Co", "Cn", "Cs")
    )


def beyond_first_two(text: str, bold: bool = False) -> bool:
    """Whether `text` has a character outside the chain's first two fonts (Latin and Arabic)."""
    return _uncovered(bold).search(text) is not None


@cache
def _uncovered(bold: bool) -> re.Pattern[str]:
    """Matches any character outside the chain's first two fonts (so maybe one to replace)."""
    return _outside(_common_codes(bold))


def char_class(codes: list[int]) -> str:
    """The body of a regular-expression character class matching exactly `codes` (sorted)."""
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)


# Within one render the same strings are measured, shaped and marked up again and again
# (tables ask every cell for its size several times, page 1 is laid out at up to four
# scales, every word is measured once per layout). These memos live for one render only
# (`render_memo()`, entered by render_pdf): nothing a person typed outlives its document.
_memo: ContextVar[dict[tuple[object, ...], object] | None] = ContextVar(
    "decisionaid_pdf_memo", default=None
)


@contextlib.contextmanager
def render_memo() -> Iterator[None]:
    """Memoise widths, markup, shaping and line breaks until the block ends, then forget."""
    if _memo.get() is not None:  # nested: the outer render owns the memo
        yield
        return
    memo: dict[tuple[object, ...], object] = {}
    token = _memo.set(memo)
    try:
        yield
    finally:
        _memo.reset(token)
        memo.clear()


def memo() -> dict[tuple[object, ...], object] | None:
    """The current render's memo, or None outside render_memo()."""
    return _memo.get()


def markup(text: str, bold: bool = False) -> str:
    """Paragraph markup for plain `text` (see _markup), memoised within a render."""
    cache_ = _memo.get()
    if cache_ is None:
        return _markup(text, bold)
    key = ("markup", text, bold)
    try:
        return cache_[key]  # type: ignore[return-value]
    except KeyError:
        value = cache_[key] = _markup(text, bold)
        return value


def _markup(text: str, bold: bool = False) -> str:
    """Paragraph markup for plain `text`: cleaned, XML-escaped, newline→<br/>, fonts per run.

    This is the only way report strings reach ReportLab, so `<b>`, `&`, `<img …/>` and
    `<font size=300>` typed by a person are printed literally.
    """
    base = CHAINS[bold][0]
    parts: list[str] = []
    for font, part in runs(clean(text), bold):
        body = escape(part).replace("\n", "<br/>")
        parts.append(body if font == base else f'<font name="{font}">{body}</font>')
    return "".join(parts)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of cleaned `text` set in the fallback chain at `size`."""
    cache_ = _memo.get()
    if cache_ is None:
        return _text_width(text, size, bold)
    return _widths(cache_, size, bold)[text]


def widths(size: float, bold: bool = False) -> Callable[[str], float]:
    """text_width at one size and weight, for many words: the render's table found once."""
    cache_ = _memo.get()
    if cache_ is None:
        return functools.partial(_text_width, size=size, bold=bold)
    return _widths(cache_, size, bold).__getitem__


class _Widths(dict[str, float]):
    """Text -> text_width(text, size, bold) for one size and weight, measured when first asked.

    A render's memo of widths: a dict that measures on a miss, so the thousands of words an
    Arabic render wraps are looked up without a key tuple or a Python call each. Once a text
    in the second (Arabic) face is met, a word of characters only that face has is measured
    from its table of widths (`_second_only_widths`), without cutting it into runs: the
    sum ReportLab's stringWidth makes of the same whole numbers (2 000 words of the Arabic
    example, half the time each).
    """

    def __init__(self, size: float, bold: bool) -> None:
        super().__init__()
        self.size = size
        self.bold = bold
        self.scale = 0.001 * size  # as ReportLab scales the sum: 0.001 * size * sum
        self.second: dict[str, int] | None = None  # set once a text is in the second face

    def __missing__(self, text: str) -> float:
        second = self.second
        if second is not None:
            try:
                value = self[text] = self.scale * sum(map(second.__getitem__, text))
                return value
            except KeyError:  # a character the first face has too, or none has
                pass
        pieces = runs(text, self.bold)
        if second is None and len(pieces) == 1 and pieces[0][0] == CHAINS[self.bold][1]:
            self.second = _second_only_widths(self.bold)
        value = self[text] = runs_width(pieces, self.size)
        return value


@cache
def _second_only_widths(bold: bool) -> dict[str, int]:
    """The glyph widths of the characters only the chain's second face has.

    Such a text is one run in that face (`runs`), and stringWidth sums its glyph widths,
    whole numbers, in Python: this table gives the same sum. Empty if ReportLab measures
    another way (its C accelerator, a separate wheel), so that nothing is measured here.
    """
    python_sum = getattr(rl_accel, "_py_instanceStringWidthTTF", None)
    if ttfonts.instanceStringWidthTTF is not python_sum:
        return {}
    own = _second_only_of(*_first_two(bold))
    face = pdfmetrics.getFont(_registered(CHAINS[bold][1])).face
    widths = map(face.charWidths.get, own, repeat(face.defaultWidth))
    return dict(zip(map(chr, own), widths, strict=True))


def _widths(cache_: dict[tuple[object, ...], object], size: float, bold: bool) -> _Widths:
    """The render's table of widths at `size` and weight `bold`."""
    found = cache_.get(("widths", size, bold))
    if not isinstance(found, _Widths):
        found = cache_[("widths", size, bold)] = _Widths(size, bold)
    return found


def _text_width(text: str, size: float, bold: bool = False) -> float:
    return runs_width(runs(text, bold), size)


def runs_width(pieces: list[Run], size: float) -> float:
    """The width of font runs at `size`, summed in order (as Paragraph sums a word's pieces).

    One run (most words) is its width: sum() adds it to 0, which changes no width (a width is
    never -0.0).
    """
    if len(pieces) == 1:
        font, text = pieces[0]
        return float(pdfmetrics.stringWidth(text, font, size))
    return float(sum(pdfmetrics.stringWidth(text, font, size) for font, text in pieces))
