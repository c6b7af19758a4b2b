"""A paragraph of plain text, made without ReportLab's markup parser, is the parsed paragraph.

`text.labelled_paragraph` gives markup with no tag and no entity its one fragment itself; the
oracle is ReportLab's own `Paragraph(markup, style)`: the same attributes, the same fragments,
and the same PDF bytes when built.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate

from decisionaid.pdf import fonts
from decisionaid.pdf.rtl import LabelledParagraph
from decisionaid.pdf.styles import styles, variant
from decisionaid.pdf.text import labelled_paragraph

fonts.register_fonts()

STYLES = [
    *styles().values(),
    variant("bullet", False, indent=12, first=False),
    variant("question", False, indent=14, last=False),
    ParagraphStyle("shouting", parent=styles()["body"], textTransform="uppercase"),
]
TEXT = st.lists(
    st.sampled_from(
        [*"ab Z.,;:!?'\"()-/>=1 ", "\xa0", "\t", "\n", "  ", "é", "ß", "✎", "≥", "CAR-T", "&", "<"]
    ),
    max_size=40,
).map("".join)


def _fragments(paragraph: Any) -> list[dict[str, Any]]:
    return [vars(frag) for frag in paragraph.frags]


def _pdf(paragraph: Any) -> bytes:
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, invariant=True, initialFontName=fonts.REGULAR).build(
        [paragraph]
    )
    return out.getvalue()


@pytest.mark.parametrize("style", STYLES, ids=lambda s: str(s.name))
@given(text=TEXT, bullet=st.sampled_from([None, "•", "3."]))
@settings(max_examples=60, deadline=None)
def test_plain_text_gives_the_paragraph_reportlab_parses(
    style: ParagraphStyle, text: str, bullet: str | None
) -> None:
    body = fonts.markup(text, bold=style.fontName == fonts.BOLD)
    parsed = LabelledParagraph(body, style, bulletText=bullet)
    made = labelled_paragraph(body, style, bullet)
    assert type(made) is type(parsed)
    assert {k: v for k, v in vars(made).items() if k != "frags"} == {
        k: v for k, v in vars(parsed).items() if k != "frags"
    }
    assert _fragments(made) == _fragments(parsed)
    assert [list(f) for f in map(dict.keys, _fragments(made))] == [
        list(f) for f in map(dict.keys, _fragments(parsed))
    ]
    assert _pdf(made) == _pdf(parsed)


def test_plain_paragraphs_share_no_fragment_lists() -> None:
    """Each paragraph's fragment has its own link and underline lists, as a parse gives it."""
    style = styles()["body"]
    one, two = (labelled_paragraph("Same words", style, None) for _ in range(2))
    assert one.frags[0] is not two.frags[0]
    assert one.frags[0].link is not two.frags[0].link
    assert one.frags[0].us_lines is not two.frags[0].us_lines


def test_markup_with_a_tag_or_an_entity_is_parsed() -> None:
    style = styles()["body"]
    for body in ("a &amp; b", 'x <font name="NotoSansSymbols2">✎</font>', "one<br/>two"):
        made = labelled_paragraph(body, style, None)
        assert _fragments(made) == _fragments(LabelledParagraph(body, style))
        assert len(made.frags) > 1
