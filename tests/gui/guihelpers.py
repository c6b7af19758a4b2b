"""Helpers for GUI tests: clicking as a person would, fake printers, answering dialogs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QMessageBox,
    QWidget,
    QWizard,
)

from decisionaid.gui.pages import Page
from decisionaid.system.printing import PrintError


@dataclass
class FakePrinter:
    """Records what it was asked to print."""

    calls: list[tuple[bytes, str]] = field(default_factory=list)

    def print_pdf(self, pdf: bytes, title: str) -> None:
        self.calls.append((pdf, title))


@dataclass
class FailingPrinter:
    """Always fails the way a real printer can."""

    message: str = "The printer is out of paper."
    calls: int = 0

    def print_pdf(self, pdf: bytes, title: str) -> None:
        self.calls += 1
        raise PrintError(self.message)


def click(qtbot, widget: QWidget) -> None:
    """Scroll a widget into view (as a person would) and click it."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, Page):
        parent = parent.parentWidget()
    if isinstance(parent, Page):
        parent.scroll_area.ensureWidgetVisible(widget)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def next_button(wizard: QWizard) -> QAbstractButton:
    return wizard.button(QWizard.WizardButton.NextButton)


def go_next(qtbot, wizard: QWizard) -> None:
    """Press Next and check the wizard moved on."""
    before = wizard.currentId()
    button = next_button(wizard)
    assert button.isEnabled(), f"Next is disabled on page {before}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == before + 1


def go_back(qtbot, wizard: QWizard) -> None:
    before = wizard.currentId()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == before - 1


@dataclass
class DialogAnswerer:
    """Answers the next modal message box by clicking one of its buttons; records its text."""

    accept: bool = True
    texts: list[str] = field(default_factory=list)
    timer: QTimer = field(default_factory=QTimer)

    def _poll(self) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QDialog) and not isinstance(box, QMessageBox):
            box.reject()  # not ours: never let a stray dialog hang the test run
            return
        if not isinstance(box, QMessageBox):
            return
        self.texts.append(box.text())
        wanted = (
            QMessageBox.ButtonRole.AcceptRole if self.accept else QMessageBox.ButtonRole.RejectRole
        )
        for button in box.buttons():
            if box.buttonRole(button) == wanted:
                button.click()
                return
        box.reject()


def look_at_dialogs(open_dialog: Callable[[], object], look: Callable[[QDialog], None]) -> int:
    """Call `open_dialog()`; each modal dialog it opens is passed once to `look`, which closes it.

    Returns how many dialogs were seen.
    """
    seen: list[QDialog] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog not in seen:
            seen.append(dialog)
            look(dialog)

    timer = QTimer(QApplication.instance())  # owned by Qt: a local could be collected too soon
    timer.setInterval(10)
    timer.timeout.connect(poll)
    timer.start()
    try:
        open_dialog()
    finally:
        timer.stop()
        timer.deleteLater()
    return len(seen)


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type text as key presses; characters QTest cannot map arrive as text-only key events."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def rect_in(ancestor: QWidget, widget: QWidget) -> QRect:
    """Where `widget` is, in `ancestor`'s coordinates."""
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def settle(window: QWidget, passes: int = 10) -> None:
    """Run the event loop until no widget of `window` moves or resizes any more.

    A change deep inside a scroll area takes one pass per level to reach the area and back
    (the step list after a page turn), so a single processEvents() can measure a layout
    halfway. A layout that never comes to rest fails.
    """
    before: list[object] | None = None
    for _ in range(passes):
        QApplication.processEvents()
        now = [w.geometry() for w in window.findChildren(QWidget) if w.isVisible()]
        if now == before:
            return
        before = now
    raise AssertionError(f"the layout of {type(window).__name__} never came to rest")


def clipped_in(window: QWidget) -> list[str]:
    """Visible text that does not fit its widget, and pages wider than their scroll area.

    A word-wrapped label needs heightForWidth(width) of height; any other label or button
    needs its sizeHint.
    """
    from PySide6.QtWidgets import QLabel, QScrollArea

    problems: list[str] = []
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        where = f"{type(widget).__name__} {_text_of(widget)[:50]!r}"
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                need = widget.heightForWidth(widget.width())
                if need > widget.height() + 1:
                    problems.append(f"{where}: needs {need} px high, has {widget.height()}")
            elif widget.sizeHint().width() > widget.width() + 1:
                problems.append(
                    f"{where}: needs {widget.sizeHint().width()} px wide, has {widget.width()}"
                )
        elif isinstance(widget, QAbstractButton) and widget.text() and widget.hasHeightForWidth():
            problems += _wrapped_text_clipped(widget, where)
        elif isinstance(widget, QAbstractButton) and widget.text():
            hint = widget.sizeHint()
            line = widget.fontMetrics().height()
            if hint.width() > widget.width() + 1 or line > widget.height() - 2:
                problems.append(
                    f"{where}: needs {hint.width()}x{hint.height()}, "
                    f"has {widget.width()}x{widget.height()}"
                )
        elif isinstance(widget, QScrollArea) and widget.widget() is not None:
            inner = widget.widget()
            layout = inner.layout()
            need = layout.minimumSize().width() if layout is not None else 0
            if need > widget.viewport().width() + 1 or widget.horizontalScrollBar().isVisible():
                problems.append(f"{where}: content needs {need} px wide, has {inner.width()}")
    return problems


def _wrapped_text_clipped(button: QAbstractButton, where: str) -> list[str]:
    """A button whose text wraps needs its text, wrapped, inside the stylesheet's padding."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    option = QStyleOptionButton()
    button.initStyleOption(option)
    inside = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
    flags = Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextShowMnemonic
    text = button.fontMetrics().boundingRect(
        QRect(0, 0, inside.width(), 1 << 20), flags, button.text()
    )
    if text.width() > inside.width() or text.height() > inside.height():
        return [
            f"{where}: its text needs {text.width()}x{text.height()}, "
            f"has {inside.width()}x{inside.height()}"
        ]
    return []


def _text_of(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    return text() if callable(text) else widget.accessibleName()


def tab_chain(wizard: QWizard) -> list[QWidget]:
    """The widgets Tab visits on the wizard's current page, in order."""
    start = wizard.currentPage()
    chain: list[QWidget] = []
    widget = start.nextInFocusChain()
    while widget is not None and widget is not start and len(chain) < 2000:
        if widget in chain:
            break
        if (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain
