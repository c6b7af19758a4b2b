# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Right-to-left text: wrap in logical order, reorder each line for display (tech notes §1).

The reordering is python-bidi's, with its common cases done here (`_display_rtl`); the
reshaper and python-bidi are imported only when a document has right-to-left text.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    Flowable,
    Paragraph,
)

from decisionaid import cachefolder, i18n, regexcache
from decisionaid.content import cache as content_cache
from decisionaid.pdf import fonts
from decisionaid.pdf.fonts import BOLD, clean, has_rtl, markup, text_width
from decisionaid.pdf.styles import is_bold
from decisionaid.pdf.tags import marked_part


def reshape(text: str) -> str:
    """arabic_reshaper.reshape(text), by `_Shaper` where it is known to give the same string.

    The reshaper is imported on first use (`_reshaper`).
    """
    shaper = _shaper()
    shaped = None if shaper is None else shaper.reshape(text)
    if shaped is not None:
        return shaped
    try:
        return str(_reshaper().reshape(text))
    except IndexError:
        # WORKAROUND: arabic_reshaper 3.0 drops a zero-width joiner from its letters but
        # looks ligatures up by their place in the text, so a lam-alef after a ZWJ at the
        # end of a text ("هل \u200dلا", typed by a person) raised IndexError and no PDF was
        # made. Such a text is shaped without its joiners.
        return reshape(text.replace(_ZWJ, ""))


_ZWJ = "\u200d"  # zero-width joiner


class _Shaper:
    """arabic_reshaper's default reshape, letter forms and ligatures alike, in fewer steps.

    The reshaper reads seven settings from its ConfigParser and matches a regular expression
    per letter on every call, then looks each letter up through helper functions: the
    example's texts took it 13 ms, and take this 4 ms. This is its algorithm for its default
    settings (harakat deleted, tatweel kept, ligatures on, isolated
    forms), with the letters' joining read once from its own tables and the harakat removed in
    one pass; its own compiled ligature pattern is not used, the same one is built from its
    ligature table and settings. Text with a zero-width joiner, the one case where it moves
    letters around, is left to it (None). Tests compare both on the Arabic catalog and on
    random text.
    """

    NOT_SUPPORTED = -1  # the reshaper's mark for a character it leaves as it is

    def __init__(self, config: Any) -> None:
        from arabic_reshaper import letters as table
        from arabic_reshaper.arabic_reshaper import HARAKAT_RE
        from arabic_reshaper.ligatures import LIGATURES

        self.letters: dict[str, tuple[str, str, str, str]] = table.LETTERS_ARABIC
        self.isolated, self.initial = table.ISOLATED, table.INITIAL
        self.medial, self.final = table.MEDIAL, table.FINAL
        self.zwj = table.ZWJ
        forms = self.letters.items()
        self.joins_before = frozenset(c for c, f in forms if f[self.final] or f[self.medial])
        self.joins_after = frozenset(c for c, f in forms if f[self.initial] or f[self.medial])
        self.joins_both = frozenset(c for c, f in forms if f[self.medial])
        self.harakat: re.Pattern[str] = HARAKAT_RE
        raw = dict(config.parser.items(config.name, raw=True))  # the settings as written
        used = [(match, f) for name, (match, f) in LIGATURES if _setting(config, raw, name)]
        self.ligature_forms = [f for _, f in used]
        self.ligatures = re.compile("|".join(f"({match})" for match, _ in used))

    @staticmethod
    def applies(config: Any) -> bool:
        """Whether a reshaper's `configuration` has the settings this class reproduces."""
        wanted = {
            "delete_harakat": True,
            "delete_tatweel": False,
            "support_zwj": True,
            "use_unshaped_instead_of_isolated": False,
            "support_ligatures": True,
        }
        return config.get("language") == "Arabic" and all(
            config.getboolean(name) is value for name, value in wanted.items()
        )

    def reshape(self, text: str) -> str | None:
        """The reshaper's result for `text`, or None where this does not reproduce it."""
        if self.zwj in text:
            return None
        text = self.harakat.sub("", text)  # the reshaper skips each one, keeping no trace
        letters, unsupported = self.letters, self.NOT_SUPPORTED
        isolated, final = self.isolated, self.final
        initial, medial = self.initial, self.medial
        joins_before, joins_after = self.joins_before, self.joins_after
        joins_both = self.joins_both
        forms: list[int] = []
        previous = ""
        previous_form = unsupported  # the first letter is isolated, as after anything else
        for letter in text:
            if letter not in letters:
                previous_form = unsupported
            elif (
                previous_form == unsupported
                or letter not in joins_before
                or previous not in joins_after
                or (previous_form == final and previous not in joins_both)
            ):
                previous_form = isolated
            else:  # joins the previous letter, which becomes initial or medial
                forms[-1] = initial if previous_form == isolated else medial
                previous_form = final
            forms.append(previous_form)
            previous = letter
        out = list(text)
        for match in self.ligatures.finditer(text):
            group = next((i for i, found in enumerate(match.groups()) if found), -1)
            start, end = match.span()
            first, last = forms[start], forms[end - 1]
            ends = last in (isolated, final)
            if first in (isolated, self.initial):
                form = isolated if ends else self.initial
            else:
                form = final if ends else self.medial
            ligature = self.ligature_forms[group][form]
            if not ligature:
                continue
            out[start], forms[start] = ligature, unsupported
            out[start + 1 : end] = [""] * (end - 1 - start)
            forms[start + 1 : end] = [unsupported] * (end - 1 - start)
        return "".join(
            letter if form == unsupported else letters[letter][form]
            for letter, form in zip(out, forms, strict=True)
            if letter
        )


def _setting(config: Any, raw: dict[str, str], name: str) -> bool:
    """config.getboolean(name), read from `raw` (the section's items as written) if plain.

    The ligature pattern reads about 300 settings, and getboolean interpolates and converts
    each one (1 ms). A plain value is converted here with ConfigParser's own table of
    boolean words; anything else (a setting not there, a "%") is left to getboolean.
    """
    value = raw.get(config.parser.optionxform(name))
    if isinstance(value, str) and "%" not in value:
        state = config.parser.BOOLEAN_STATES.get(value.lower())
        if state is not None:
            return bool(state)
    return bool(config.getboolean(name))


def _shaper() -> _Shaper | None:
    """The quicker reshape, if the reshaper runs with its default settings."""
    return _tables().shaper


class _Tables(NamedTuple):
    """What laying out right-to-left text needs from the reshaper, python-bidi and unicodedata."""

    shaper: _Shaper | None  # None: the reshaper's own settings, which _Shaper does not do
    mirror: dict[int, str]  # code point -> its mirror image (python-bidi's table)
    rtl_or_neutral: str  # the class of characters R, AL or neutral (`_all_rtl_or_neutral`)


_RESHAPER_SETTINGS_ENV = "PYTHON_ARABIC_RESHAPER_CONFIGURATION_FILE"


@functools.cache
def _tables() -> _Tables:
    """The tables, from the user's cache when the files they are made from are unchanged.

    Making them imports arabic_reshaper (its settings through ConfigParser) and python-bidi
    and asks unicodedata about 3 000 characters: about 5 ms of every Arabic PDF, which
    unpickling them takes well under one. The key hashes those packages' modules, this one
    and fonts.py (content_cache.tables_read, with the Python version, hence unicodedata's).
    Not cached while the reshaper's environment names a settings file, which the key does
    not cover; the reshaper itself is still imported for text it shapes (a joiner).
    """
    code = _tables_code()
    found = None if code is None else content_cache.tables_read("rtl", code)
    if isinstance(found, _Tables):
        return found
    made = _made_tables()
    if code is not None:
        content_cache.tables_write("rtl", code, made)
    return made


@functools.cache
def _tables_code() -> tuple[Path, ...] | None:
    """The files the tables are made from, or None where that is not all (not cached).

    Found once a process, for the tables and the shipped words' shapes alike (both are kept
    for the process too, so the environment is read when the first of them is made).
    """
    if os.environ.get(_RESHAPER_SETTINGS_ENV):
        return None
    files: list[Path] = []
    for package in ("arabic_reshaper", "bidi"):  # found, not imported
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            return None
        for folder in spec.submodule_search_locations:
            files += sorted(Path(folder).glob("*.py"))
    return (*files, Path(__file__), Path(fonts.__file__))


def _made_tables() -> _Tables:
    from bidi.mirror import MIRRORED

    config = _reshaper().default_reshaper.configuration
    return _Tables(
        shaper=_Shaper(config) if _Shaper.applies(config) else None,
        mirror={ord(char): mirrored for char, mirrored in MIRRORED.items()},
        rtl_or_neutral=_rtl_or_neutral_class(),
    )


@functools.cache
def _reshaper() -> Any:
    """The arabic_reshaper module, imported without fontTools unless something else has it.

    WORKAROUND: arabic_reshaper 3.0 imports fontTools.ttLib at import time only for
    `config_for_true_type_font`, which we never call (we shape for our own bundled fonts with
    the default configuration); that import is about 10 ms of every Arabic PDF. Hiding
    fontTools while the reshaper is imported makes it take its own "fontTools is not
    installed" branch; the shaping is the same (tests compare it with a normal import).
    """
    if "fontTools" in sys.modules or "arabic_reshaper" in sys.modules:
        import arabic_reshaper

        return arabic_reshaper
    sys.modules["fontTools"] = None  # type: ignore[assignment]  # import fontTools fails
    try:
        import arabic_reshaper
    finally:
        del sys.modules["fontTools"]
    return arabic_reshaper


def get_display(text: str, base_dir: str) -> str:
    """python-bidi's display order of `text`; right-to-left by our shortcuts where they apply."""
    return _display_rtl(text) if base_dir == "R" else _bidi_display(text, base_dir)


def _bidi_display(text: str, base_dir: str) -> str:
    """The display order of `text` by python-bidi, imported on first use like the reshaper."""
    from bidi.algorithm import get_display as bidi_display

    return str(bidi_display(text, base_dir=base_dir))


def _break_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    """Cut a word wider than the column into pieces that fit."""
    pieces: list[str] = []
    cur = ""
    for ch in word:
        if cur and text_width(cur + ch, size, bold) > width:
            pieces.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        pieces.append(cur)
    return pieces


# A line laid out: its text, and its width as its words and spaces were added up in wrapping.
Line = tuple[str, float]


def _logical_lines(text: str, width: float, size: float, bold: bool) -> list[Line]:
    """Greedy word wrap of reshaped `text` in logical (typing) order, with each line's width."""
    width_of = fonts.widths(size, bold)  # a lookup per word, the render's memo found once
    space = width_of(" ")
    lines: list[Line] = []
    for hard in text.split("\n"):
        cur: list[str] = []
        cur_w = 0.0
        for word in hard.split():
            w = width_of(word)
            if w > width:
                pieces = _break_word(word, width, size, bold)
                if cur:
                    lines.append((" ".join(cur), cur_w))
                lines.extend((piece, width_of(piece)) for piece in pieces[:-1])
                cur, cur_w = [pieces[-1]], width_of(pieces[-1])
            elif cur and cur_w + space + w > width:
                lines.append((" ".join(cur), cur_w))
                cur, cur_w = [word], w
            else:
                cur_w += (space if cur else 0.0) + w
                cur.append(word)
        lines.append((" ".join(cur), cur_w))
    return lines


def _visual_lines(text: str, width: float, style: ParagraphStyle, rtl: bool) -> list[Line]:
    """Wrap cleaned `text` to `width` and reorder each line for display (tech notes §1).

    Each line keeps the width its wrapping added up: reordering moves and mirrors its
    characters, and a mirrored pair is as wide in the Latin and Arabic faces (a test checks;
    text with characters of other faces is measured again, `_visual_lines_of`).

    Within a render (fonts.render_memo) the result is kept per text, width, size, weight
    and direction, and the shaping per text: page 1 is laid out at several scales and
    tables ask for the same cell again.
    """
    bold = is_bold(style)
    memo = fonts.memo()
    if memo is None:
        return _visual_lines_of(_shaped(text, bold), width, style.fontSize, bold, rtl)
    key = ("lines", text, width, style.fontSize, bold, rtl)
    found = memo.get(key)
    if found is None:
        shape_key = ("shaped", text, bold)
        shaped = memo.get(shape_key)
        if shaped is None:
            shaped = memo[shape_key] = _shaped(text, bold)
        assert isinstance(shaped, str)
        found = memo[key] = _visual_lines_of(shaped, width, style.fontSize, bold, rtl)
    assert isinstance(found, list)
    return list(found)


def _shaped(text: str, bold: bool) -> str:
    # Substitute first: python-bidi asserts on code points it has no bidi class for.
    return fonts.substitute(_reshape(text), bold)


def _reshape(text: str) -> str:
    """arabic_reshaper.reshape(text), word by word with the words memoised within a render.

    Letters join only within a word, so reshaping each space-separated word gives the same
    string; not where a word starts with a combining mark or the text has a zero-width
    (non-)joiner, which the reshaper treats across the space: those are reshaped whole.
    """
    memo = fonts.memo()
    if memo is None or "\u200c" in text or "\u200d" in text:
        return reshape(text)
    known = memo.get(("reshaped",))  # word -> its shape: no word in it starts with a mark
    if not isinstance(known, dict):
        known = memo[("reshaped",)] = {}
    words = text.split(" ")
    new = [word for word in dict.fromkeys(words) if word not in known]
    if any(word and unicodedata.category(word[0]) in _MARKS for word in new):
        return reshape(text)
    if new:  # one call for the words not seen yet: each call re-reads the reshaper's settings
        shaped = reshape(" ".join(new)).split(" ")
        if len(shaped) != len(new):
            return reshape(text)
        known.update(zip(new, shaped, strict=True))
    return " ".join(map(known.__getitem__, words))


_MARKS = frozenset({"Mn", "Mc", "Me", "Cf"})


def seed_shapes(language: str) -> None:
    """Start the current render's memo of words (`_reshape`) with `language`'s shipped words."""
    memo = fonts.memo()
    if memo is not None:
        memo[("reshaped",)] = dict(shipped_shapes(language))


@functools.cache
def shipped_shapes(language: str) -> dict[str, str]:
    """The right-to-left words of `language`'s shipped catalogs, each with its shape.

    A word's shape depends on the word and the reshaper alone, so a render can start from
    these instead of shaping again, each time, the 3 000 words of the Arabic catalogs
    (about 5 ms of every Arabic PDF). Made from the catalogs, never from a document: the
    cache holds nothing a person typed or chose. Kept in the cache, keyed by the catalogs
    and the code that shapes; when nothing can be cached the table is not made (that costs
    more than one render saves), and words are shaped as they are met.
    """
    code = _tables_code()
    if code is None or cachefolder.folder() is None:
        return {}
    catalogs = tuple(i18n.catalog_path(language, domain) for domain in i18n.DOMAINS)
    name = f"shapes-{language}"
    found = content_cache.tables_read(name, (*code, *catalogs))
    if isinstance(found, dict):
        return found
    made = _catalog_shapes(i18n.translator_for(language))
    content_cache.tables_write(name, (*code, *catalogs), made)
    return made


def _catalog_shapes(translator: i18n.Translator) -> dict[str, str]:
    """Each right-to-left word of the translator's catalogs, shaped as `_reshape` shapes it."""
    words: set[str] = set()
    for text in translator.texts():
        words.update(clean(text).split(" "))
    return {
        word: reshape(word)
        for word in sorted(words)
        if has_rtl(word)
        and "\u200c" not in word
        and "\u200d" not in word
        and unicodedata.category(word[0]) not in _MARKS
    }


def _visual_lines_of(shaped: str, width: float, size: float, bold: bool, rtl: bool) -> list[Line]:
    lines = _logical_lines(shaped, width, size, bold)
    if rtl:
        shown = [(_display_rtl(line), w) for line, w in lines]
    else:
        shown = [
            (_bidi_display(line, base_dir="L"), w) if has_rtl(line) else (line, w)
            for line, w in lines
        ]
    if fonts.beyond_first_two(shaped, bold):
        # Reordering mirrors brackets, and outside the Latin and Arabic faces a mirror image
        # can be wider (⟦ and ⟧ in Noto Sans Math): such lines are measured again.
        return [(line, fonts.text_width(line, size, bold)) for line, _ in shown]
    return shown


def _display_rtl(line: str) -> str:
    """get_display(line, base_dir="R"), without python-bidi where a shorter way gives its answer.

    python-bidi was the slowest step left in laying out Arabic lines. A line of only
    right-to-left letters and neutrals (half the lines of an Arabic report) is all at level 1:
    its display order is the reverse, mirrored. Lines that also hold Latin letters and digits
    (no marks, controls or explicit embeddings) go through `_reorder_simple`; the rest through
    python-bidi. Property tests compare both shortcuts with get_display.
    """
    if _all_rtl_or_neutral().fullmatch(line):
        return line[::-1].translate(_mirror_table())
    simple = _reorder_simple(line)
    return simple if simple is not None else _bidi_display(line, base_dir="R")


class _BidiClasses(dict[int, str]):
    """Code point -> its bidi class as one letter (str.translate table), filled as met.

    L, R, A (AL), E (EN), N (AN), s (ES), t (ET), c (CS), w (WS), o (ON); "?" for any other
    class, which `_reorder_simple` leaves to python-bidi.
    """

    LETTERS: ClassVar[dict[str, str]] = {
        "L": "L", "R": "R", "AL": "A", "EN": "E", "AN": "N",
        "ES": "s", "ET": "t", "CS": "c", "WS": "w", "ON": "o",
    }  # fmt: skip

    def __missing__(self, code: int) -> str:
        letter = self[code] = self.LETTERS.get(unicodedata.bidirectional(chr(code)), "?")
        return letter


_CLASSES = _BidiClasses()
# From an Arabic (Latin) letter to the next strong one, where a European number is between:
# only those spans change, so a line of Arabic words calls no function per word.
_AFTER_ARABIC = re.compile("A[^LRAE]*E[^LRA]*")
_AFTER_LATIN = re.compile("L[^LRE]*E[^LR]*")
_SEPARATED_EN = re.compile("(?<=E)[sc](?=E)")
_SEPARATED_AN = re.compile("(?<=N)c(?=N)")
_TERMINATORS_BY_EN = re.compile("(?<=E)t+|t+(?=E)")
_NEUTRALS_IN_LATIN = re.compile("(?<=L)[ow]+(?=L)")
_LEVEL_RUNS = re.compile("1+|2+")
_W6 = str.maketrans("stc", "ooo")
_N2 = str.maketrans("ow", "RR")
_LEVELS = str.maketrans("LENR", "2221")


def _reorder_simple(line: str) -> str | None:
    """The Unicode bidi algorithm (UAX #9) for one right-to-left line of simple text.

    Only for lines whose characters are strong letters, digits, separators, terminators,
    spaces and other neutrals (no marks, controls, isolates or embeddings); None otherwise.
    Rules W2-W7, N1-N2, I2, L1, L2 and L4, with sos and eos right-to-left, applied with
    regular expressions to the line's classes written one letter a character.
    """
    classes = line.translate(_CLASSES)
    if "?" in classes:
        return None
    # Each rule runs only if the letters it looks for are there (most lines have no digits).
    types = classes
    if "E" in types and "A" in types:  # W2: a European number after Arabic letters is Arabic
        types = _AFTER_ARABIC.sub(lambda m: m.group().replace("E", "N"), types)
    types = types.replace("A", "R")  # W3
    if "s" in types or "c" in types:  # W4: one separator between two numbers of a kind
        types = _SEPARATED_AN.sub("N", _SEPARATED_EN.sub("E", types))
    if "t" in types and "E" in types:  # W5: terminators next to a European number
        types = _TERMINATORS_BY_EN.sub(lambda m: "E" * len(m.group()), types)
    types = types.translate(_W6)  # W6: other separators and terminators are neutral
    if "E" in types and "L" in types:  # W7: a European number after Latin letters is Latin
        types = _AFTER_LATIN.sub(lambda m: m.group().replace("E", "L"), types)
    if "L" in types:  # N1: neutrals between two Latin letters are Latin
        types = _NEUTRALS_IN_LATIN.sub(lambda m: "L" * len(m.group()), types)
    types = types.translate(_N2)  # N2: all other neutrals right-to-left
    levels = types.translate(_LEVELS)  # I2: L, EN and AN at level 2, R at level 1
    trailing = len(classes) - len(classes.rstrip("w"))  # L1: trailing spaces at level 1
    if trailing:
        levels = levels[: len(levels) - trailing] + "1" * trailing
    mirror = _mirror_table()
    runs = [  # L2 (and L4): level-1 runs reversed and mirrored, level-2 runs kept in order
        line[m.start() : m.end()] if m.group()[0] == "2" else
        line[m.start() : m.end()][::-1].translate(mirror)
        for m in _LEVEL_RUNS.finditer(levels)
    ]  # fmt: skip
    return "".join(reversed(runs))


@functools.cache
def _all_rtl_or_neutral() -> re.Pattern[str]:
    """Matches text whose characters are all R, AL or neutral (in the blocks Arabic uses)."""
    return regexcache.shipped(f"[{_tables().rtl_or_neutral}]*")


def _rtl_or_neutral_class() -> str:
    blocks = [(0x20, 0x7E), (0xA0, 0xBF), (0x600, 0x6FF), (0x750, 0x77F), (0x8A0, 0x8FF)]
    blocks += [(0x2000, 0x206F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)]
    codes = [
        c
        for a, b in blocks
        for c in range(a, b + 1)
        if unicodedata.bidirectional(chr(c)) in ("R", "AL", "WS", "ON", "ES", "ET", "CS")
    ]
    return fonts.char_class(codes)


def _mirror_table() -> dict[int, str]:
    """python-bidi's mirror table, code point -> its mirror image (a str.translate table)."""
    return _tables().mirror


class BidiParagraph(Flowable):  # type: ignore[misc]
    """A paragraph that wraps and reorders itself per line; the bullet sits on the reading side."""

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        rtl: bool,
        bullet: str | None = None,
        gutter: float = 0.0,
        lines: tuple[float, list[Line]] | None = None,
    ) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.rtl = rtl
        self.bullet = bullet
        self.gutter = gutter
        self._lines = lines
        self._drawn: Any = None  # a _SetLines or, where it does not apply, a Paragraph
        self._wrapped_width = 0.0

    def _layout(self, avail_width: float) -> list[Line]:
        if self._lines is not None and abs(self._lines[0] - avail_width) < 0.01:
            return self._lines[1]
        inner = avail_width - self.style.leftIndent - self.style.rightIndent - 1.0
        lines = _visual_lines(self.text, max(inner, 20.0), self.style, self.rtl)
        self._lines = (avail_width, lines)
        return lines

    def _paragraph(self, avail_width: float) -> Any:
        bold = is_bold(self.style)
        body = "<br/>".join(markup(line, bold) for line, _ in self._layout(avail_width))
        return Paragraph(body, self.style)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Lay out for `avail_width`; the height is lines × leading.

        The lines are already broken and reordered, so they are drawn directly (`_SetLines`)
        rather than parsed and broken again by a ReportLab Paragraph, which cost an Arabic
        render half its time; the Paragraph stays for what that path does not cover.
        Tables and KeepTogether ask again and again for the same width; the line breaks only
        depend on the width, so the layout is kept until the width changes.
        """
        if self._drawn is None or abs(self._wrapped_width - avail_width) >= 0.01:
            self._wrapped_width = avail_width
            lines = self._layout(avail_width)
            fast = _SetLines.of(lines, avail_width, self.style)
            if fast is None:
                self._drawn = para = self._paragraph(avail_width)
                self.width, self.height = para.wrap(avail_width, avail_height)
            else:
                self._drawn = fast
                self.width, self.height = avail_width, fast.height
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        """Split between lines; the second part has no bullet and no space before it."""
        lines = self._layout(avail_width)
        fit = int((avail_height + 0.01) // self.style.leading)
        if fit < 1 or fit >= len(lines):
            return []
        return [
            BidiParagraph(
                self.text,
                _without(self.style, "spaceAfter"),
                self.rtl,
                self.bullet,
                self.gutter,
                (avail_width, lines[:fit]),
            ),
            BidiParagraph(
                self.text,
                _without(self.style, "spaceBefore"),
                self.rtl,
                None,
                self.gutter,
                (avail_width, lines[fit:]),
            ),
        ]

    def draw(self) -> None:
        """Draw the bullet level with the first baseline, then the lines.

        The bullet comes first in the page content as in the structure tree (Lbl, then LBody).
        """
        if self.bullet:
            with marked_part(self, "label"):
                self._draw_bullet(self.bullet)
        with marked_part(self, "body"):
            self._drawn.drawOn(self.canv, 0, 0)

    def _draw_bullet(self, bullet: str) -> None:
        size = self.style.bulletFontSize
        baseline = self.height - self.style.fontSize
        bold = self.style.bulletFontName == BOLD
        text = get_display(bullet, base_dir="R") if self.rtl else bullet
        if self.rtl:
            edge = self.width - (self.style.rightIndent - self.gutter)
            x = edge - 2.0 - text_width(text, size, bold)
        else:
            x = self.style.leftIndent - self.gutter + 2.0
        color = self.style.textColor
        canv = self.canv
        memo = fonts.memo()
        if memo is None:
            draw_runs(canv, text, x, baseline, size, bold, color)
            return
        # A list's bullets repeat (78 in the Arabic example, 8 different ones); once a bullet
        # is drawn in a document, drawing it again writes the same text object. The document
        # itself is in the key (kept alive with the memo, so no other one takes its id).
        key = ("bullet", canv._doc, text, x, baseline, size, bold, tuple(color.rgba()))
        found = memo.get(key)
        if isinstance(found, list):
            canv._code.extend(found)
            return
        start = len(canv._code)
        draw_runs(canv, text, x, baseline, size, bold, color)
        memo[key] = canv._code[start:]


class LabelledParagraph(Paragraph):  # type: ignore[misc]
    """A Paragraph whose bullet and text are two marked-content sequences (a list's Lbl, LBody).

    ReportLab draws the bullet first, as a text object of its own, then the lines as another:
    the first `drawText` is the label, the rest the body.
    """

    _broken: tuple[float, Any, Any] | None = None  # (width, style, fragments) last broken for

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # RL's names
        """Paragraph.wrap, without breaking the lines again for the width they were broken for.

        A table wraps each cell again to draw it, and a frame wraps a flowable again when it
        tries it on the next page: 224 of the English example's 618 line breakings repeated
        the one before (about 5 ms). The lines depend on the width, the style and the
        fragments (availHeight only stops nothing fitting at all); while all three are
        the ones they were broken for and the lines are still there, the height is the one
        found then.
        """
        broken = self._broken
        if (
            broken is not None
            and broken[0] == availWidth
            and broken[1] is self.style
            and broken[2] is self.frags
            and "blPara" in vars(self)  # split() drops the lines when it will not split
        ):
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._broken = (availWidth, self.style, self.frags) if size[0] == availWidth else None
        return size

    def draw(self) -> None:
        """Draw as Paragraph does, each text object inside its marked content."""
        canv = self.canv
        if getattr(self, "open_mark", None) is None or not self.bulletText:
            super().draw()
            return
        parts = ["label"]

        def draw_text(text_object: Any) -> None:
            with marked_part(self, parts.pop() if parts else "body"):
                type(canv).drawText(canv, text_object)

        canv.drawText = draw_text
        try:
            super().draw()
        finally:
            del canv.drawText


class _SetLines:
    """Already broken, already reordered lines, drawn as a Paragraph draws them.

    A ReportLab Paragraph of the same lines joined by <br/> parses its markup, cuts each line
    into words and font runs and breaks it again before drawing. Here each line's runs are
    worked out once (its width came from the wrapping), and drawing writes the operators
    Paragraph.drawPara writes (kind 1, or kind 0 for one run on one line; no autoLeading,
    left or right aligned), in the same order, with the same text operators between the
    same fonts (so text extraction sees the same pieces): the same glyphs in the same
    places, written more briefly (`drawOn`, `_RunWriter`; a test compares the two
    drawings glyph by glyph). `of()` returns None where that is not known to hold.
    """

    def __init__(self, lines: list[tuple[float, list[fonts.Run]]], style: ParagraphStyle) -> None:
        self.lines = lines  # (space left over, runs in visual order) per line
        self.style = style
        self.height = len(lines) * style.leading

    @classmethod
    def of(cls, lines: list[Line], avail_width: float, style: ParagraphStyle) -> _SetLines | None:
        """The lines ready to draw, or None for what only a Paragraph does the same way."""
        if (
            style.alignment not in (TA_LEFT, TA_RIGHT)
            or style.backColor
            or (style.borderColor and style.borderWidth)
            or getattr(style, "autoLeading", "") not in ("", "off", None)
            or style.firstLineIndent
            or style.wordWrap
            or style.endDots
            or avail_width < 1.0
            or style.fontName not in fonts.FONT_FILES  # drawn as a TrueType face (drawOn)
        ):
            return None
        bold = is_bold(style)
        max_width = avail_width - style.leftIndent - style.rightIndent
        laid: list[tuple[float, list[fonts.Run]]] = []
        for line, width in lines:
            if not line or line[0] == " " or line[-1] == " " or "  " in line:
                return None  # empty lines and runs of spaces: Paragraph drops those spaces
            if _OTHER_SPACE.search(line):
                return None  # spaces Paragraph would break at
            extra = max_width - width
            if extra < 0:
                return None  # Paragraph would break this line again (our lines leave 1 pt)
            laid.append((extra, fonts.runs(line, bold)))
        return cls(laid, style)

    def drawOn(self, canv: Any, x: float, y: float) -> None:
        """Draw the text object Paragraph.drawPara draws, at (x, y), in one saved state.

        Flowable.drawOn and drawPara wrap it in two saved states and a translation, each
        canvas call also saving ReportLab's own record of the state (about 7 µs a
        paragraph). Only the saved state is needed, for the text's fill colour, which
        outlives its text object: written as `q` and `Q` here, (x, y) added to the text's
        origin. The text object sets nothing on the canvas, so there is nothing of
        ReportLab's to restore.
        """
        style = self.style
        code = canv._code
        code.append("q")
        tx = canv.beginText(style.leftIndent + x, self.height - style.fontSize + y)
        tx._fontname = tx._fontsize = None
        tx._leading = None
        # One run on one line, which Paragraph draws its simpler way (kind 0): the colour is
        # set before the text object, not in it.
        coloured = len(self.lines) == 1 and len(self.lines[0][1]) == 1
        if coloured:
            tx.setFillColor(style.textColor)
            code.append(tx._code.pop())
        cache = fonts.memo()
        # Outside a render the operators are remembered for this paragraph alone.
        self._draw_lines(tx, {} if cache is None else cache, coloured)
        canv.drawText(tx)
        code.append("Q")

    def _draw_lines(self, tx: Any, cache: dict[Any, Any], coloured: bool) -> None:
        """The lines as Paragraph.drawPara draws them, each run's operators remembered in `cache`.

        What a run writes (`_RunWriter`) depends only on the font, size, leading and current
        subset, and on the codes the subset gave the characters when first drawn (they never
        change within a document): the same string in the same state writes the same bytes
        and leaves the same subset selected. An Arabic line changes font wherever the script
        does (about 1 900 runs in the example), so the state is kept here, in locals, and
        given to the text object only when it formats a run not seen before (the text object
        is only drawn afterwards): `_setFont` of a TrueType face, which every run is in (the
        bundled faces, `of`), only sets the name, size and subset (-1).
        """
        style = self.style
        right = style.alignment == TA_RIGHT
        base, size, leading = style.fontName, style.fontSize, style.leading
        last = len(self.lines) - 1
        code = tx._code
        append = code.append
        known: dict[tuple[str, int, str], tuple[str, int]] | None = cache.get(
            ("ops", size, leading)
        )
        if known is None:
            known = cache[("ops", size, leading)] = {}
        font_now: str | None = None  # drawOn set the text object's font to none
        subset: int = tx._curSubset
        write: _RunWriter | None = None
        back: float | None = None  # the move back that ended the last line, still last in code

        def formatted(font: str, subset: int, text: str) -> tuple[str, int]:
            """A run not seen before in this state: the text object formats it, remembered."""
            nonlocal write
            tx._fontname, tx._fontsize, tx._curSubset = font, size, subset
            if write is None:
                write = _RunWriter(tx)
            found = known[(font, subset, text)] = write(text, subset)
            return found

        for i, (extra, runs) in enumerate(self.lines):
            shifted = right and abs(extra) > 1e-6
            if shifted:  # tx.setXPos(extra), joined to a move back just before it
                move = extra
                if back is not None:
                    del code[-1]
                    move += back
                append(f"{fonts.pdf_number(move)} 0 Td")
            if i == 0:
                tx.setLeading(leading)
                if not coloured:  # one colour per paragraph, before its text
                    tx.setFillColor(style.textColor)
            for font, text in runs:
                if font != font_now:  # tx._setFont(font, size), a bundled TrueType face
                    font_now, subset = font, -1
                found = known.get((font, subset, text))
                if found is None:
                    found = formatted(font, subset, text)
                ops, subset = found
                append(ops)
            if i == last:
                code[-1] += " T*"
            else:  # the <br/>'s empty run, in the paragraph's font: it writes nothing
                if font_now != base:
                    font_now, subset = base, -1
                if (base, subset, "") not in known:
                    formatted(base, subset, "")
                append(" T*")
            back = None
            if shifted:  # tx.setXPos(-extra)
                written = fonts.pdf_number(-extra)
                back = float(written)
                append(f"{written} 0 Td")


class _RunWriter:
    """The operators for a run in a TrueType face, as tx._formatText draws it, and its subset.

    ReportLab's splitString looks each character up in a Python loop, and each run not drawn
    before in the state at hand (about 1 000 of the Arabic example's) goes
    through it. Where every character of the run has its code in this document and all are
    in one subset, the codes are read at once and the run written: the subset's name and
    the size if the subset changes, then the string. Two things differ from what
    _formatText writes, neither in what is drawn: no leading after the size (the text object
    set it before the first line, and it does not change within a paragraph; ReportLab
    writes it again with every font), and the string in hex where that is shorter than
    ReportLab's escaped literal (an Arabic subset's codes are mostly below 32 or above 126,
    four bytes each as octal escapes, two in hex). Characters new to the document are first
    given their codes as _formatText gives them (splitString), and a face's first run in a
    document goes through _formatText once to name the face's subsets. Anything else (a
    no-break space, which ReportLab draws as a space and so never has a code of its own, a
    run across subsets, an empty run) is written by _formatText. One writer per paragraph
    drawn (one size and leading); a test compares what it draws with what _formatText draws
    on random text.
    """

    def __init__(self, tx: Any) -> None:
        self.tx = tx
        self.doc = tx._canvas._doc
        self.escape = tx._canvas._escape
        self.tail = f"{fonts.pdf_number(tx._fontsize)} Tf"
        self.faces: dict[str, tuple[Any, Any] | None] = {}  # font -> (face, its state here)
        self.switch: dict[tuple[str, int], str] = {}  # (font, subset) -> "name size Tf"

    def __call__(self, text: str, subset_now: int) -> tuple[str, int]:
        """The operators for `text` in the text object's font, its subset now `subset_now`."""
        tx = self.tx
        font_name = tx._fontname
        if not text:
            return tx._formatText(text), tx._curSubset
        face = self.faces.get(font_name)
        if face is None:
            face = self.faces[font_name] = self._face(font_name)
            if face is None:  # the face's first run in the document: ReportLab names its subsets
                formatted = tx._formatText(text)
                face = self.faces[font_name] = self._face(font_name)
                if face is None:
                    return formatted, tx._curSubset
                tx._curSubset = subset_now  # as it was, for _formatText below if it comes to that
        font, state = face
        try:
            found = _subset_bytes(state.assignments, text)
        except KeyError:  # new to this document, not in the face, or a no-break space
            font.splitString(text, self.doc)  # codes for the new characters, as _formatText gives
            try:
                found = _subset_bytes(state.assignments, text)
            except KeyError:
                found = None
        if found is None:
            return tx._formatText(text), tx._curSubset
        subset, data = found
        # Hex where it is shorter than the escaped literal: surely when more than a third of
        # the bytes take a four-byte escape, else as the escaped literal's length says.
        if 3 * len(data.translate(None, _PRINTABLE)) > len(data):
            string = f"<{data.hex()}> Tj"
        else:
            literal = self.escape(data)
            string = f"<{data.hex()}> Tj" if len(literal) > 2 * len(data) else f"({literal}) Tj"
        if subset == subset_now:
            return string, subset
        switch = self.switch.get((font_name, subset))
        if switch is None:
            name = font.getSubsetInternalName(subset, self.doc)
            switch = self.switch[(font_name, subset)] = f"{name} {self.tail}"
        return f"{switch} {string}", subset

    def _face(self, font_name: str) -> tuple[Any, Any] | None:
        """The face and its state in this document, once the document has named its subsets."""
        font = pdfmetrics.getFont(font_name)
        state = font.state.get(self.doc) if font._dynamicFont else None
        if state is None or state.internalName is None:
            return None  # asked again at the next run, until it has one
        return font, state


def _subset_bytes(assignments: dict[int, int], text: str) -> tuple[int, bytes] | None:
    """The subset `text`'s codes are in and their places in it, or None if in several.

    Raises KeyError if a character has no code yet. Most runs are in a face's first subset
    (codes below 256), which bytes() takes as they are.
    """
    try:
        return 0, bytes(map(assignments.__getitem__, map(ord, text)))
    except ValueError:  # a code of a later subset
        codes = list(map(assignments.__getitem__, map(ord, text)))
    subset = max(codes) >> 8
    if min(codes) >> 8 != subset:
        return None
    return subset, bytes(map(_LOW_BYTE, codes))


_LOW_BYTE = (0xFF).__and__  # a code's place in its subset of 256
_PRINTABLE = bytes(range(32, 127))  # the bytes a literal string holds as they are (or after a \\)


# Characters a Paragraph breaks words at besides the space (tabs, no-break spaces, ZWSP…) or
# treats specially (the soft hyphen).
_OTHER_SPACE = re.compile("[^\\S ]|[\u200b\xad]")


def _without(style: ParagraphStyle, attr: str) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-no-{attr}", parent=style, **{attr: 0})


def draw_runs(
    canv: Any, text: str, x: float, y: float, size: float, bold: bool, color: Any
) -> None:
    """Draw one line of plain text at (x, y) with per-run fonts."""
    obj = canv.beginText(x, y)
    obj.setFillColor(color)
    for font, part in fonts.runs(clean(text), bold):
        obj.setFont(font, size)
        obj.textOut(part)
    canv.drawText(obj)
