"""Our paragraphs skip ReportLab work whose result they already have, and write the same bytes.

`text.labelled_paragraph` gives markup with no tag and no entity its one fragment itself; the
oracle is ReportLab's own `Paragraph(markup, style)`: the same attributes, the same fragments,
and the same PDF bytes when built. `LabelledParagraph.wrap` does not break its lines again for
the width they were broken for; the oracle is the same reports rendered breaking them again.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate
from test_pdf import typical_report

from decisionaid import report as rp
from decisionaid.i18n import translator_for
from decisionaid.pdf import fonts, render_pdf
from decisionaid.pdf.rtl import LabelledParagraph
from decisionaid.pdf.styles import styles, variant
from decisionaid.pdf.text import labelled_paragraph
from decisionaid.report import build_report
from decisionaid.session import load_pack
from factories import TODAY, complete_answers

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


def _counting_breaks(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    widths: list[float] = []
    break_lines = Paragraph.breakLines

    def counted(self: Any, width: Any) -> Any:
        widths.append(width[-1] if isinstance(width, list) else width)
        return break_lines(self, width)

    monkeypatch.setattr(Paragraph, "breakLines", counted)
    return widths


def test_lines_are_broken_once_for_each_width(monkeypatch: pytest.MonkeyPatch) -> None:
    widths = _counting_breaks(monkeypatch)
    para = labelled_paragraph(" ".join(["words to break over lines"] * 20), styles()["body"], None)
    first = para.wrap(300, 1000)
    assert para.wrap(300, 50) == first  # the height available does not change the lines
    assert len(widths) == 1
    assert para.wrap(200, 1000)[1] > first[1]  # another width: broken again
    assert para.wrap(300, 1000) == first
    assert len(widths) == 3
    para.style = variant("body", False, indent=40)  # another style: broken again
    assert para.wrap(300, 1000)[1] > first[1]
    assert len(widths) == 4


def test_lines_dropped_by_a_refused_split_are_broken_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paragraph.split forgets the lines when it will not split (an orphan): wrap makes them."""
    widths = _counting_breaks(monkeypatch)
    para = labelled_paragraph(" ".join(["words to break over lines"] * 20), styles()["body"], None)
    para.wrap(300, 1000)
    assert para.split(300, 16) == []  # room for one line only
    assert "blPara" not in vars(para)
    para.wrap(300, 1000)
    assert len(widths) == 2
    assert para.blPara.lines


def _reports() -> list[rp.Report]:
    long = rp.Paragraph(" ".join(["A long paragraph that runs over pages, over and over."] * 400))
    reports = [typical_report(), typical_report(patient_pages=(long,))]
    for language in ("en", "ar", "es"):
        translator = translator_for(language)
        content = load_pack(translator)
        reports.append(build_report(content, complete_answers(content), translator, TODAY))
    return reports


def test_reports_are_the_bytes_of_breaking_the_lines_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for report in _reports():
        kept = render_pdf(report)
        monkeypatch.setattr(LabelledParagraph, "wrap", Paragraph.wrap)
        again = render_pdf(report)
        monkeypatch.undo()
        assert kept == again
