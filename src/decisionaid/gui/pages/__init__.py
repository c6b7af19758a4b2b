# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The Page base class: a scrolling wizard page that reads and writes the session's Answers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, NamedTuple, TypeGuard

from PySide6.QtCore import QEvent, QPoint, QSize, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from decisionaid.answers import Answers, Step
from decisionaid.gui import style
from decisionaid.gui.lazy_qt import Qt
from decisionaid.gui.widgets.layout import Card, ScrollColumn, scroll_area_for
from decisionaid.gui.widgets.navigation import IN_TAB_ORDER, JumpList
from decisionaid.gui.widgets.text import focus_label, heading, label
from decisionaid.i18n import N_, _
from decisionaid.session import Session

if TYPE_CHECKING:
    from decisionaid.content import Content, Source


class Part(NamedTuple):
    """A part of a page the jump list leads to: its heading, and the card or heading itself."""

    title: QLabel
    widget: QWidget
    indented: bool


class Page(QWizardPage):
    """A wizard page: content in a touch-scrollable column, a hint when Next is blocked.

    A page is built the first time it is needed (`ensure_built()`, which the wizard calls
    before showing it), so start-up and kiosk resets build only the first page; while the
    person is on one page, the wizard prepares the next (`prepare()`). Subclasses create
    their widgets in `build()` (adding them to `self.body`), build what depends on earlier
    answers in `fill()` (redone only when those answers changed), show the current answers
    in `initializePage()` and call `set_answers()` with a new `Answers` whenever the person
    changes something. Whether the page is complete is asked of the model through `STEP`
    (`Answers.missing`), never decided here, so it needs no widgets.
    """

    # TRANSLATORS: the title of a page that has no title of its own.
    TITLE: ClassVar[str] = N_("Step")
    save_requested = Signal()
    # A heading or the hint just became focusable: the wizard links it into the Tab order.
    tab_stops_changed = Signal()
    STEP: ClassVar[Step | None] = None
    BLOCKED_HINT: ClassVar[str] = ""
    # Long pages start with a list of their parts (cards and section headings), see JumpList.
    JUMP_LIST: ClassVar[bool] = False

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, kiosk: bool = False
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.kiosk = kiosk
        self.built = False
        # The title is the page's own heading (below), not QWizard's header: that one keeps
        # its 100% font at any text size and is not a heading to a screen reader.
        self.setAccessibleName(_(self.TITLE))

    def ensure_built(self) -> None:
        """Create the page's widgets, once."""
        if self.built:
            return
        self.built = True
        self.inner = ScrollColumn()
        self.inner.setObjectName("pageBody")
        self.body = QVBoxLayout(self.inner)
        self.body.setContentsMargins(4, 4, 16, 16)
        self.body.setSpacing(16)
        # Focusable so the arrow and Page keys scroll pages that have nothing else to press.
        self.scroll_area = scroll_area_for(self.inner, _(self.TITLE))
        self.hint_label: QLabel = label("", "hint")
        self.hint_label.setVisible(False)
        # Above the scrolling body, so where the person is never scrolls out of view; saving
        # sits here too, which keeps the bottom row short enough for 200% text in any language.
        self.step_label = label("", "progress")
        self.save_button = QPushButton(_("Save for later…"))
        self.save_button.setProperty("role", "link")
        self.save_button.setAutoDefault(False)
        self.save_button.setAccessibleName(self.save_button.text())
        self.save_button.setAccessibleDescription(
            _("Save your answers in a file to finish another time")
        )
        if self.kiosk:  # a kiosk keeps nothing (hide only: showing a parentless button opens it)
            self.save_button.hide()
            self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_requested)
        self.title_label = heading(_(self.TITLE), 1)
        self.build()
        self.jump_list: JumpList | None = None
        if self.JUMP_LIST:
            self.jump_list = JumpList()
            self.jump_list.jump_requested.connect(self.jump_to)
            self.jump_list.skip_requested.connect(self.skip_to_next)
            self.body.insertWidget(0, self.jump_list)
            self._list_parts()

        # Layout
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(8)
        header = QHBoxLayout()
        header.addWidget(self.step_label, 1)
        header.addWidget(self.save_button)
        outer.addLayout(header)
        outer.addWidget(self.title_label)
        outer.addWidget(self.scroll_area, 1)
        outer.addWidget(self.hint_label)

    def build(self) -> None:
        """Create the page's own widgets and add them to `self.body` (subclasses)."""

    def prepare(self, size: QSize) -> None:
        """Get this hidden page ready to be shown at `size`, while the person reads another.

        Builds it, fills what depends on the answers as they stand (`fill`, which changes no
        answer), reads the stylesheet for every widget and lays the text out at that size, so
        that turning to it later only has to paint. Qt keeps those results; if the answers
        or the size change before the page is shown, the turn just redoes that part.
        """
        self.ensure_built()
        self.fill()
        self._list_parts()
        self._refresh_hint()
        self.ensurePolished()
        self.resize(size)
        layout = self.layout()
        if layout is not None:
            layout.activate()
        # A hidden scroll area does not size its column: do it as it will, so that every label
        # is measured at the width it will be shown at (with a scroll bar if it will need one).
        area, column = self.scroll_area, self.inner
        width = area.width()
        if column.heightForWidth(width) > area.height():
            width -= area.verticalScrollBar().sizeHint().width()
        column.resize(width, max(column.heightForWidth(width), area.height()))
        column_layout = column.layout()
        if column_layout is not None:
            column_layout.activate()
        # Qt lays out what is inside a hidden widget (a card, a row of a choice) only when it is
        # shown, and measures its labels then: during the turn. Do it now, outside in.
        for widget in column.findChildren(QWidget):
            inner = widget.layout()
            if inner is not None and widget.isVisibleTo(self):
                inner.activate()

    def fill(self) -> None:
        """Show what depends on earlier answers, redoing it only when they changed (subclasses).

        Called from `initializePage` and, ahead of time, from `prepare`; it never changes the
        answers.
        """

    # -- the model ---------------------------------------------------------------------------

    @property
    def content(self) -> Content:
        """The translated content pack."""
        return self.session.content

    @property
    def answers(self) -> Answers:
        """The answers as they stand."""
        return self.session.answers

    def set_answers(self, answers: Answers) -> None:
        """Store a new Answers and re-check whether the person may go on."""
        self.session.answers = answers
        self._refresh_hint()
        self.completeChanged.emit()

    def missing(self) -> tuple[str, ...]:
        """What this step still needs, according to the model."""
        return self.answers.missing(self.content, self.STEP) if self.STEP else ()

    def sources(self, ids: tuple[str, ...]) -> list[Source]:
        """The sources with these ids, skipping unknown ones."""
        return [self.content.sources[i] for i in ids if i in self.content.sources]

    # -- QWizardPage --------------------------------------------------------------------------

    def initializePage(self) -> None:
        """Show the current answers (subclasses call this last)."""
        self.scroll_area.verticalScrollBar().setValue(0)
        self._list_parts()
        self._refresh_hint()

    def focus_order(self) -> list[QWidget]:
        """The page's keyboard-focusable controls in reading order (the order of the layouts)."""
        return [self.scroll_area, *_focusable_in(self.body)]

    # -- the jump list -------------------------------------------------------------------------

    def parts(self) -> list[Part]:
        """The cards and section headings of the body, top to bottom (what the jump list lists)."""
        found: list[Part] = []
        under_section = False
        for widget in _shown_in(self.body, self):
            title: QLabel | None
            if isinstance(widget, Card) and widget is not self.jump_list:
                title = next((w for w in _shown_in(widget.layout_, self) if _is_heading(w)), None)
            elif _is_heading(widget) and widget.property("role") == "h2":
                title = widget
            else:
                continue
            if title is None:
                continue
            level_two = title.property("role") == "h2"
            found.append(Part(title, widget, under_section and not level_two))
            under_section = under_section or level_two
        return found

    def _list_parts(self) -> None:
        """Show the parts as they are now in the jump list (rebuilt only when they changed)."""
        if self.jump_list is None:
            return
        parts = self.parts()
        for part in parts:
            _mark_jump_target(part.title)
        self.jump_list.show_parts([(p.title.text(), p.indented) for p in parts])
        self.jump_list.setVisible(len(parts) > 1)

    def jump_to(self, index: int) -> None:
        """Scroll part `index` to the top of the view and put the keyboard focus on its heading."""
        parts = self.parts()
        if not 0 <= index < len(parts):
            return
        part = parts[index]
        _mark_jump_target(part.title)
        self._give_focus(part.title)
        top = part.widget.mapTo(self.inner, QPoint(0, 0)).y()
        self.scroll_area.verticalScrollBar().setValue(top - self.body.spacing())

    def skip_to_next(self) -> None:
        """Put the keyboard focus on Next, or on the reason it is blocked."""
        wizard = self.wizard()
        if wizard is not None:
            next_button = wizard.button(QWizard.WizardButton.NextButton)
            if next_button.isEnabled() and next_button.isVisible():
                next_button.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        self._give_focus(self.hint_label)

    def _give_focus(self, target: QLabel) -> None:
        """Focus a heading or the hint, in its place in the Tab order from now on."""
        focus_label(target)
        self.tab_stops_changed.emit()

    def isComplete(self) -> bool:
        """Next is enabled when the model says nothing required is missing."""
        return not self.missing()

    def _refresh_hint(self) -> None:
        missing = self.missing()
        self.hint_label.setVisible(bool(missing))
        if missing:
            self.hint_label.setText(self.hint_text(missing))

    def hint_text(self, missing: tuple[str, ...]) -> str:
        """The plain message shown while Next is blocked."""
        del missing
        return _(self.BLOCKED_HINT)


def _items(layout: QLayout) -> Iterator[tuple[QWidget | None, QLayout | None]]:
    """Each item of `layout` as (its widget, its layout), in layout order."""
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is not None:
            yield item.widget(), item.layout()


def _focusable_in(layout: QLayout) -> list[QWidget]:
    """Focusable widgets of a layout tree, in layout order (which is the reading order)."""
    found: list[QWidget] = []
    for widget, inner in _items(layout):
        if widget is not None:
            if widget.isHidden():
                continue
            if widget.property(IN_TAB_ORDER) == "true" or (
                widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not isinstance(widget, QLabel)
            ):
                found.append(widget)
            elif (own := widget.layout()) is not None:
                found += _focusable_in(own)
        elif inner is not None:
            found += _focusable_in(inner)
    return found


def _shown_in(layout: QLayout, page: QWidget) -> list[QWidget]:
    """The widgets of a layout tree that show with `page`, in layout order (not their insides)."""
    found: list[QWidget] = []
    for widget, inner in _items(layout):
        if widget is not None and widget.isVisibleTo(page):
            found.append(widget)
        elif inner is not None:
            found += _shown_in(inner, page)
    return found


def _is_heading(widget: QWidget) -> TypeGuard[QLabel]:
    return isinstance(widget, QLabel) and widget.property("role") in ("h2", "h3")


def _mark_jump_target(title: QLabel) -> None:
    """Let a heading take the keyboard focus from a jump (not from Tab), with a visible ring.

    It becomes focusable only when a jump gives it the focus (`focus_label`).
    """
    if title.property("jumpTarget") == "true":
        return
    title.setProperty("jumpTarget", "true")
    title.setProperty(IN_TAB_ORDER, "true")
    if title.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        style.repolish(title)
        # A label measures its border and padding on a style change, not on a polish.
        QApplication.sendEvent(title, QEvent(QEvent.Type.StyleChange))
