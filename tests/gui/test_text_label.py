"""TextLabel keeps its measures per font: it must answer exactly as Qt's own QLabel would."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from decisionaid.gui.lazy_qt import Qt
from decisionaid.gui.widgets import text

TEXTS = [
    "Cytokine release syndrome is common and usually mild; it is treated in hospital.",
    "متلازمة إطلاق السيتوكينات شائعة وعادةً ما تكون خفيفة، وتُعالج في المستشفى.",
]
WIDTHS = (90, 240, 610)


def plain_qlabel(words: str) -> QLabel:
    """Qt's own label, set up as `text.label` sets up ours."""
    widget = QLabel(words)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(True)
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return widget


def measures(widget: QLabel) -> list[object]:
    return [
        *(widget.heightForWidth(width) for width in WIDTHS),
        widget.sizeHint(),
        widget.minimumSizeHint(),
    ]


@pytest.mark.parametrize("words", TEXTS, ids=["en", "ar"])
def test_a_label_measures_as_qt_does_through_every_change_and_back(qtbot, words):
    parent = QWidget()
    qtbot.addWidget(parent)
    ours, qts = text.label(words), plain_qlabel(words)
    ours.setParent(parent)
    qts.setParent(parent)
    base = QFont(ours.font())
    large = QFont(base)
    large.setPointSizeF(base.pointSizeF() * 2)
    bold = QFont(base)
    bold.setBold(True)

    changes: list[tuple[str, Callable[[QLabel], None]]] = [
        ("larger", lambda w: w.setFont(large)),
        ("bold", lambda w: w.setFont(bold)),
        ("back", lambda w: w.setFont(base)),
        ("stylesheet", lambda w: w.setStyleSheet("QLabel { font-size: 30pt; padding: 6px 20px; }")),
        ("no stylesheet", lambda w: w.setStyleSheet("")),
        ("margins", lambda w: w.setContentsMargins(12, 4, 30, 4)),
        ("right to left", lambda w: w.setLayoutDirection(Qt.LayoutDirection.RightToLeft)),
        ("larger again", lambda w: w.setFont(large)),
        ("back again", lambda w: w.setFont(base)),
        ("new text", lambda w: w.setText(w.text() + " " + w.text())),
    ]
    assert measures(ours) == measures(qts)
    for name, change in changes:
        change(ours)
        change(qts)
        assert measures(ours) == measures(qts), name


def test_going_back_to_a_font_measures_nothing_again(qtbot, monkeypatch):
    shaped: list[int] = []
    get = text.HeightsByWidth.get

    def counting(
        self: text.HeightsByWidth, width: int, words: str, measure: Callable[[int], int]
    ) -> int:
        def counted(at: int) -> int:
            shaped.append(at)
            return measure(at)

        return get(self, width, words, counted)

    monkeypatch.setattr(text.HeightsByWidth, "get", counting)
    ours = text.label(TEXTS[0])
    qtbot.addWidget(ours)
    base = QFont(ours.font())
    large = QFont(base)
    large.setPointSizeF(base.pointSizeF() * 2)
    first = [ours.heightForWidth(width) for width in WIDTHS]
    ours.setFont(large)
    assert [ours.heightForWidth(width) for width in WIDTHS] != first
    assert len(shaped) == 2 * len(WIDTHS)
    ours.setFont(base)
    assert [ours.heightForWidth(width) for width in WIDTHS] == first
    assert len(shaped) == 2 * len(WIDTHS), "the first font's heights were measured again"
    ours.setContentsMargins(1, 0, 0, 0)
    ours.heightForWidth(WIDTHS[0])
    assert len(shaped) == 2 * len(WIDTHS) + 1, "a change of margins kept the old heights"


@pytest.mark.parametrize("words", TEXTS, ids=["en", "ar"])
@pytest.mark.parametrize("padding", ["", "QLabel { padding: 6px 20px; }"])
def test_a_label_with_bold_room_is_as_tall_as_qt_lays_its_text_out_in_bold(qtbot, words, padding):
    """At every width, the taller of Qt's own labels in the plain and the bold font."""
    parent = QWidget()
    qtbot.addWidget(parent)
    ours, plain, bold = text.label(words, bold_room=True), plain_qlabel(words), plain_qlabel(words)
    for widget in (ours, plain, bold):
        widget.setParent(parent)
        widget.setStyleSheet(padding)
    heavy = QFont(bold.font())
    heavy.setBold(True)
    bold.setFont(heavy)
    widths = range(60, 700, 7)
    taller = [max(plain.heightForWidth(w), bold.heightForWidth(w)) for w in widths]
    assert [ours.heightForWidth(w) for w in widths] == taller
    assert taller != [plain.heightForWidth(w) for w in widths]  # bold takes more lines somewhere
    ours.setFont(heavy)  # chosen: the stylesheet makes it bold
    assert [ours.heightForWidth(w) for w in widths] == taller
