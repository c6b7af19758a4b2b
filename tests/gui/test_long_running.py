"""What a kiosk that runs for weeks needs: touch scrolling and rebuilds that leave nothing behind."""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt, QTranslator
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea

from decisionaid.gui.host import WizardHost
from decisionaid.gui.widgets.layout import scroll_area_for


def _touch(
    widget, kind: QEvent.Type, y: float, source=Qt.MouseEventSource.MouseEventSynthesizedBySystem
):
    point = QPointF(10, y)
    buttons = (
        Qt.MouseButton.NoButton
        if kind == QEvent.Type.MouseButtonRelease
        else Qt.MouseButton.LeftButton
    )
    event = QMouseEvent(
        kind, point, point, widget.mapToGlobal(point), Qt.MouseButton.LeftButton, buttons,
        Qt.KeyboardModifier.NoModifier, source,
    )  # fmt: skip
    return QApplication.sendEvent(widget, event)


def _tall_area(qtbot) -> tuple[QScrollArea, QLabel]:
    text = QLabel("\n".join(f"line {i}" for i in range(300)))
    area = scroll_area_for(text, "Lines")
    area.setWidgetResizable(False)  # the label keeps its full height: there is something to drag
    area.resize(300, 200)
    qtbot.addWidget(area)
    area.show()
    return area, text


def test_a_finger_drag_scrolls_the_page(qtbot):
    area, text = _tall_area(qtbot)
    _touch(text, QEvent.Type.MouseButtonPress, 150)
    _touch(text, QEvent.Type.MouseMove, 40)
    _touch(text, QEvent.Type.MouseButtonRelease, 40)
    assert area.verticalScrollBar().value() == 110


def test_a_tap_and_a_mouse_drag_do_not_scroll(qtbot):
    area, text = _tall_area(qtbot)
    _touch(text, QEvent.Type.MouseButtonPress, 150)
    _touch(text, QEvent.Type.MouseMove, 145)  # a wobbling finger is still a tap
    _touch(text, QEvent.Type.MouseButtonRelease, 145)
    real = Qt.MouseEventSource.MouseEventNotSynthesized
    _touch(text, QEvent.Type.MouseButtonPress, 150, real)
    _touch(text, QEvent.Type.MouseMove, 20, real)
    assert area.verticalScrollBar().value() == 0


def test_rebuilding_the_wizard_leaves_no_qt_translators_behind(qtbot):
    host = WizardHost(None)
    for language in ("es", "ar", "en", "es", "ar", "en"):
        host.start(language)
        qtbot.addWidget(host.wizard)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    translators = [t for t in host.findChildren(QTranslator) if shiboken6.isValid(t)]
    assert len(translators) <= 1, "each rebuild left a Qt translator alive"
    host.wizard.close()


def test_a_full_collection_nearly_due_runs_after_a_turn_not_in_the_next_one(
    qtbot, make_wizard, monkeypatch
):
    """Python's full cycle collection, when two middle-generation runs short of due, runs
    while the person reads the page just turned to; not when it is far from due, nor after
    an answer that turns no page."""
    from guihelpers import click, go_next

    from decisionaid.gui.pages.about_you import AboutYouPage

    collections: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: collections.append(generation) or 0)
    since_last_full = [0]
    monkeypatch.setattr(gc, "get_count", lambda: (0, 0, since_last_full[0]))
    monkeypatch.setattr(gc, "get_threshold", lambda: (700, 10, 10))
    wizard = make_wizard()

    def prepared() -> bool:
        return not wizard._collect_when_prepared

    go_next(qtbot, wizard)  # to "About you": far from due
    qtbot.waitUntil(prepared)
    assert collections == []
    page = wizard.currentPage()
    assert isinstance(page, AboutYouPage)
    since_last_full[0] = 8
    click(qtbot, next(iter(page.condition_rows.values())).button)  # an answer, no turn
    qtbot.wait(2 * wizard.PREPARE_AFTER_MS)
    assert collections == []
    go_next(qtbot, wizard)
    qtbot.waitUntil(prepared)
    assert collections == [2]
