"""Property tests: any valid Answers, in any shipped language, gives a PDF that holds the own questions.

Oracle. Own questions are compared after dropping, on both sides, whatever the PDF is allowed
to change: whitespace and hyphens (line wrapping), control and format characters (pdffonts.clean()
removes them; ZWJ/ZWSP/bidi marks are invisible), and characters no bundled font can show
(printed as U+FFFD, with an emoji sequence collapsed into one).

Right-to-left reports. Every line of an Arabic report is reshaped (Arabic letters become
presentation forms) and reordered into visual order per line with python-bidi, with a
right-to-left base direction. So even a Latin-only question is not kept whole: neutral
characters at a line's ends move to the other side ("why?" prints as "?why") and number
runs separated by spaces swap places ("12 34" prints as "34 12"), exactly as the bidi
algorithm says they must. What does survive is every Latin/digit word, in its own order;
so for an RTL report the test asserts each word of each ASCII-only own question appears,
and that the report has at least two pages (clinician page plus patient pages).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import unicodedata
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from decisionaid.answers import READINESS_VALUES, UNSURE, Answers
from decisionaid.content import RATING_MAX, Content
from decisionaid.i18n import available_languages, translator_for
from decisionaid.pdf import render_pdf
from decisionaid.pdf.fonts import SUBSTITUTE, font_for, has_rtl
from decisionaid.report import Report, build_report
from decisionaid.session import load_pack
from factories import complete_answers

TODAY = dt.date(2026, 11, 25)
LANGUAGES = tuple(lang.code for lang in available_languages(include_pseudo=False))
RTL_LANGUAGES = frozenset(
    lang.code for lang in available_languages(include_pseudo=False) if lang.direction == "rtl"
)


@cache
def pack(language: str) -> Content:
    return load_pack(translator_for(language))


PACK = pack("en")  # ids are the same in every language; only the text is translated

HOSTILE = (
    "<b>bold?",
    "</para>",
    '<img src="/etc/passwd"/>',
    "<img src=/etc/passwd>",
    "<font size=300>BIG</font>",
    "& &amp; &bogus; &#0; &#xD800;",
    "AT&T",
    "]]><!--",
    "%s %(name)s {0} {name} {{",
    "هل يمكنني العمل؟",
    "שאלה בעברית?",
    "CAR-T علاج (123) ok",
    "\u202ereversed\u202c \u2066isolated\u2069 \u200f\u200e",
    "😀 👩‍⚕️ 🇬🇧 1️⃣ 👍🏽",
    "e\u0301 a\u0308\u0304 Z\u0335\u0321\u0337",
    "\x00\x01\x07\x1b[31m\x7f\x85\x9f",
    "zero\u200bwidth\u200cjoin\u200dx\ufeff",
    "soft\u00adhyphen non\u00a0breaking\u2028line\u2029para\r\nCRLF\ttab",
    "\U0010ffff\ufffe\ue000",
    "x" * 5000,
    ("word " * 1000).strip(),
    "ﷺ ﷽ ǅ ß ﬁ Ⅻ ½ ㎏",
)

# Broad: every plane and category except lone surrogates (not valid in a str from a file).
ANY_CHAR = st.characters(exclude_categories=("Cs",))
ANY_TEXT = st.one_of(
    st.text(ANY_CHAR, max_size=80),
    st.sampled_from(HOSTILE),
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(ANY_CHAR, max_size=40)), max_size=4).map(
        " ".join
    ),
    st.text(ANY_CHAR, min_size=1000, max_size=5000),
)
ASCII_WORDS = st.lists(
    st.text(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=12
    ),
    min_size=1,
    max_size=8,
).map(" ".join)
OWN_QUESTION = st.one_of(ANY_TEXT, ASCII_WORDS)


def _subset(ids: list[str]) -> st.SearchStrategy[tuple[str, ...]]:
    return (
        st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)).map(tuple)
        if ids
        else st.just(())
    )


def _partial_map(keys: list[str], values: st.SearchStrategy) -> st.SearchStrategy[dict]:
    return (
        st.dictionaries(st.sampled_from(keys), values, max_size=len(keys)) if keys else st.just({})
    )


@st.composite
def answers_for(draw: st.DrawFn, language: str) -> Answers:
    content = PACK
    condition = draw(st.one_of(st.none(), st.sampled_from([c.id for c in content.conditions])))
    treatments = list(content.condition(condition).treatments) if condition else []
    knowledge_items = {k.id: [c.id for c in k.choices] for k in content.knowledge}
    knowledge = draw(
        st.dictionaries(
            st.sampled_from(sorted(knowledge_items)), st.just(None), max_size=len(knowledge_items)
        )
    )
    return Answers(
        language=language,
        condition=condition,
        treatments_tried=draw(_subset(treatments)),
        ratings=draw(
            _partial_map([c.id for c in content.considerations], st.integers(0, RATING_MAX))
        ),
        concerns=draw(_subset([c.id for c in content.concerns])),
        own_concerns=tuple(draw(st.lists(ANY_TEXT, max_size=2))),
        knowledge={k: draw(st.sampled_from(knowledge_items[k])) for k in knowledge},
        readiness=draw(
            _partial_map([r.id for r in content.readiness], st.sampled_from(READINESS_VALUES))
        ),
        leaning=draw(
            st.one_of(st.none(), st.sampled_from([o.id for o in content.options] + [UNSURE]))
        ),
        sure=draw(_partial_map([s.id for s in content.deliberation.sure_items], st.booleans())),
        chosen_questions=draw(_subset([q.id for q in content.questions])),
        own_questions=tuple(draw(st.lists(OWN_QUESTION, max_size=4))),
        notes=draw(ANY_TEXT),
    )


ANSWERS = st.sampled_from(LANGUAGES).flatmap(answers_for)

_DROPPED = frozenset({"Cc", "Cf", "Co", "Cn", "Cs", "Zs", "Zl", "Zp"})
# ReportLab prints a soft hyphen (U+00AD) as "-" where it breaks the line there, and not at all
# elsewhere, so hyphen-minus is compared as if it were absent.
_SUBSTITUTES = frozenset({SUBSTITUTE, "-"})


def printable(text: str) -> str:
    """The characters the PDF must reproduce: no whitespace, controls, format or unknown glyphs."""
    return "".join(
        ch
        for ch in text
        if not ch.isspace()
        and unicodedata.category(ch) not in _DROPPED
        and ch not in _SUBSTITUTES
        and font_for(ch, bold=True) is not None
    )


def body_text(data: bytes, report: Report) -> tuple[int, str]:
    """Page count and printable() text of all pages, without the running head, footer and so on.

    The page furniture is drawn after the body of each page, so a question that runs over a
    page break would otherwise have it in the middle.
    """
    reader = PdfReader(io.BytesIO(data))
    total = len(reader.pages)
    out = []
    for number, page in enumerate(reader.pages, start=1):
        text = printable(page.extract_text() or "")
        label = report.page_label.format(page=number, pages=total)
        for furniture in (report.running_head, report.footer, report.disclaimer, label):
            text = text.replace(printable(furniture), "")
        out.append(text)
    return total, "".join(out)


def check_pdf(answers: Answers) -> None:
    language = answers.language
    content = pack(language)
    answers.validate(content)
    report = build_report(content, answers, translator_for(language), TODAY)
    data = render_pdf(report)
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    if language in RTL_LANGUAGES:
        text = " ".join(page.extract_text() or "" for page in reader.pages)
        words = set(re.findall(r"\S+", text))
        for question in answers.own_questions:
            if re.fullmatch(r"[A-Za-z0-9 ]+", question):
                for word in question.split():
                    if len(word) <= 20:  # a longer word may be cut over two lines
                        assert any(word in w for w in words), (word, question)
    else:
        _, body = body_text(data, report)
        for question in answers.own_questions:
            if not has_rtl(question):
                assert printable(question) in body, question


@settings(
    max_examples=22,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(ANSWERS)
def test_any_answers_in_any_language_give_a_pdf_holding_the_own_questions(answers: Answers) -> None:
    check_pdf(answers)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_hostile_snippet_at_once_in_each_language(language: str) -> None:
    base = complete_answers(PACK)
    own = (*HOSTILE, "Can I drive 40 miles after infusion 2", "CAR-T 2026 cost")
    check_pdf(
        base.replace(
            language=language,
            own_questions=own,
            notes="\n".join(h for h in HOSTILE if len(h) < 100),
        )
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANSWERS)
def test_answers_survive_to_dict_and_from_dict(answers: Answers) -> None:
    assert Answers.from_dict(answers.to_dict()) == answers
    assert Answers.loads(json.dumps(answers.to_dict())) == answers


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANSWERS)
def test_answers_survive_the_yaml_file(answers: Answers) -> None:
    assert Answers.loads(answers.dumps()) == answers


# PyYAML folds U+0085 NEXT LINE written raw in a single-quoted scalar ("a\x85b" came back
# as "a b"); Answers.dumps() now double-quotes such strings.
@pytest.mark.parametrize("text", ["\x85", "a\x85b", "\x85\x85", "\n\x85", "\u2028", "\u2029x"])
def test_line_break_characters_survive_the_yaml_file(text: str) -> None:
    answers = Answers(notes=text, own_questions=(text,))
    assert Answers.loads(answers.dumps()) == answers
