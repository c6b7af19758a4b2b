# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The Page base class: a scrolling wizard page that reads and writes the session's Answers."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from decisionaid.answers import Answers, Step
from decisionaid.content import Content, Source
from decisionaid.gui.widgets.layout import ScrollColumn, scroll_area_for
from decisionaid.gui.widgets.text import heading, label
from decisionaid.i18n import N_, _
from decisionaid.session import Session


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
    STEP: ClassVar[Step | None] = None
    BLOCKED_HINT: ClassVar[str] = ""

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
        self._refresh_hint()

    def focus_order(self) -> list[QWidget]:
        """The page's keyboard-focusable controls in reading order (the order of the layouts)."""
        return [self.scroll_area, *_focusable_in(self.body)]

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


def _focusable_in(layout: QLayout) -> list[QWidget]:
    """Focusable widgets of a layout tree, in layout order (which is the reading order)."""
    found: list[QWidget] = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            if widget.isHidden():
                continue
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not isinstance(widget, QLabel):
                found.append(widget)
            elif (own := widget.layout()) is not None:
                found += _focusable_in(own)
        elif inner is not None:
            found += _focusable_in(inner)
    return found
