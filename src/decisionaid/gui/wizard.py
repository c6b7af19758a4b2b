# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The patient wizard: the page list, the step list, navigation buttons and Start over."""

from __future__ import annotations

import gc
import itertools
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeVar

from PySide6.QtCore import QChildEvent, QEvent, QTimer, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QColor,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QApplication, QWidget, QWizard, QWizardPage

from decisionaid.answers import Answers, AnswersError
from decisionaid.gui import lazy_qt, style
from decisionaid.gui.lazy_qt import Qt
from decisionaid.gui.pages import Page
from decisionaid.gui.pages.welcome import WelcomePage
from decisionaid.gui.widgets.panel import SidePanel
from decisionaid.i18n import N_, _, activate
from decisionaid.session import Session

if TYPE_CHECKING:
    from decisionaid.system.printing import Printer

START_OVER = QWizard.WizardButton.CustomButton1
# TRANSLATORS: suggested file name for saved answers: keep it one word with hyphens and keep
# ".yaml" at the end.
ANSWERS_FILE_NAME = N_("my-decision-aid-answers.yaml")
_P = TypeVar("_P", bound=QWizardPage)

log = logging.getLogger(__name__)

# The title of each page, in order: the side panel lists them all on the first page, before
# the later pages' modules are imported. Each is its page class's TITLE (a test compares them).
STEP_TITLES: tuple[str, ...] = (
    WelcomePage.TITLE,
    N_("About you"),
    N_("Your options"),
    N_("Possible benefits"),
    N_("Possible risks"),
    N_("Not known yet"),
    N_("Check what you know"),
    N_("What matters to you"),
    N_("Practical matters"),
    N_("Where you are now"),
    N_("Your questions"),
    N_("Your summary"),
)


def later_page_classes() -> tuple[type[Page], ...]:
    """The classes of the pages after the first, in order.

    Imported here, when first needed (see `DecisionWizard.pages`), not with this module: the
    first page is on screen sooner without them and their widgets, and the person reads it
    while they are imported.
    """
    from decisionaid.gui.pages.about_you import AboutYouPage
    from decisionaid.gui.pages.benefits import BenefitsPage
    from decisionaid.gui.pages.knowledge import KnowledgePage
    from decisionaid.gui.pages.leaning import LeaningPage
    from decisionaid.gui.pages.options import OptionsPage
    from decisionaid.gui.pages.questions import QuestionsPage
    from decisionaid.gui.pages.readiness import ReadinessPage
    from decisionaid.gui.pages.risks import RisksPage
    from decisionaid.gui.pages.summary import SummaryPage
    from decisionaid.gui.pages.unknowns import UnknownsPage
    from decisionaid.gui.pages.values import ValuesPage

    return (
        AboutYouPage,
        OptionsPage,
        BenefitsPage,
        RisksPage,
        UnknownsPage,
        KnowledgePage,
        ValuesPage,
        ReadinessPage,
        LeaningPage,
        QuestionsPage,
        SummaryPage,
    )


class DecisionWizard(QWizard):
    """Walks one person through the aid; holds their Session and nothing global.

    The wizard never clears itself: Start over and a language change ask the owner (see
    `decisionaid.gui.host`) to throw this wizard and its Session away and build new ones.

    Signals:
        start_over_requested(): the person confirmed they want to start again.
        language_requested(str): the person chose another language.
        page_failed(): a page could not be built or shown; the owner replaces the wizard with
            an error screen (the wizard has already disabled itself).
    """

    # How long after a page turn, or after the last answer, the next page is prepared: after
    # the new page is painted (a zero timer would run before that paint), and well before
    # anyone has read a page or moved from an answer to Next.
    PREPARE_AFTER_MS: ClassVar[int] = 150

    start_over_requested = Signal()
    language_requested = Signal(str)
    page_failed = Signal()

    def __init__(
        self,
        session: Session,
        printer: Printer | None = None,
        *,
        kiosk: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.kiosk = kiosk
        self.failed = False  # a page could not be shown: the owner replaces this wizard
        # TRANSLATORS: the window title.
        self.setWindowTitle(_("CAR-T decision aid"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        lazy_qt.set_enum(self, "titleFormat", lazy_qt.PLAIN_TEXT)
        lazy_qt.set_enum(self, "subTitleFormat", lazy_qt.PLAIN_TEXT)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self._set_up_buttons(kiosk)

        self._printer = printer
        # The first page now, the others when first needed (see `pages`).
        self._pages: list[Page] = []
        self._add_page(WelcomePage(self.session, kiosk=self.kiosk))
        self.side_panel = SidePanel([_(title) for title in STEP_TITLES])
        self.step_list = self.side_panel.step_list
        self.display_settings = self.side_panel.display_settings
        self.setSideWidget(self.side_panel)
        self.side_panel.set_current(0)

        # The next page is built and laid out while the person reads this one (see _prepare_next).
        self._prepare_timer = QTimer(self)
        self._prepare_timer.setSingleShot(True)
        self._prepare_timer.setInterval(self.PREPARE_AFTER_MS)
        self._prepare_timer.timeout.connect(self._prepare_next)
        self._unprepared: set[int] = set()  # pages whose preparation failed: shown only to fail
        self._collect_when_prepared = False  # a page turn since the last _prepare_next
        # After a change of text size or theme, the hidden pages follow while the person reads.
        self._restyle_timer = QTimer(self)
        self._restyle_timer.setSingleShot(True)
        self._restyle_timer.timeout.connect(self._restyle_hidden)
        self._relayout: set[int] = set()  # hidden pages restyled, to be laid out again
        # The first page's Tab order is set after its first paint (see _order_tabs_soon).
        self._tabs_pending = False

        self.currentIdChanged.connect(self._on_wizard_current_id_changed)
        self.customButtonClicked.connect(self._on_wizard_custom_button_clicked)
        welcome = self.page_of(WelcomePage)
        welcome.language_chosen.connect(self._on_welcome_language_chosen)
        welcome.about_requested.connect(self._on_welcome_about_requested)
        welcome.resume_requested.connect(self._on_welcome_resume_requested)

    def _set_up_buttons(self, kiosk: bool) -> None:
        """Translated button texts, the button row, accessible descriptions and primary roles."""
        # TRANSLATORS: wizard button: go back one step.
        self.setButtonText(QWizard.WizardButton.BackButton, _("Back"))
        # TRANSLATORS: wizard button: go on to the next step.
        self.setButtonText(QWizard.WizardButton.NextButton, _("Next"))
        # TRANSLATORS: wizard button on the last step: end and clear the answers.
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))
        # TRANSLATORS: button: clear every answer and go back to the first step.
        self.setButtonText(START_OVER, _("Start over"))
        self.setButtonLayout(
            [
                START_OVER,
                QWizard.WizardButton.Stretch,
                QWizard.WizardButton.BackButton,
                QWizard.WizardButton.NextButton,
                QWizard.WizardButton.FinishButton,
            ]
        )
        for which, description in (
            (QWizard.WizardButton.BackButton, _("Go to the previous step; your answers are kept")),
            (QWizard.WizardButton.NextButton, _("Go to the next step")),
            (QWizard.WizardButton.FinishButton, _("Finish and clear your answers")),
            (START_OVER, _("Clear all answers and start again")),
        ):
            button = self.button(which)
            button.setAccessibleName(self.buttonText(which).replace("&", ""))
            button.setAccessibleDescription(description)
            button.setMinimumWidth(120)
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton):
            button = self.button(which)
            button.setProperty("role", "primary")
            style.repolish(button)  # QWizard made and polished it

    @property
    def pages(self) -> list[Page]:
        """Every page, in order (the pages after the first are created now if they were not)."""
        self._create_later_pages()
        return self._pages

    def _create_later_pages(self) -> None:
        """Create the pages after the first, once: their modules are imported only now.

        The wizard does it 150 ms after the first page is shown (`_prepare_next`), while the
        person reads it, or when they press Next before that (`validateCurrentPage`).
        """
        if len(self._pages) == len(STEP_TITLES):
            return
        from decisionaid.gui.pages.summary import SummaryPage

        for page_class in later_page_classes()[len(self._pages) - 1 :]:
            if issubclass(page_class, SummaryPage):
                self._add_page(page_class(self.session, printer=self._printer, kiosk=self.kiosk))
            else:
                self._add_page(page_class(self.session, kiosk=self.kiosk))

    def _add_page(self, page: Page) -> None:
        style.scope(page)
        self.setPage(len(self._pages), page)
        self._pages.append(page)
        page.completeChanged.connect(self._on_page_complete_changed)
        page.save_requested.connect(self.save_for_later)
        page.tab_stops_changed.connect(self.order_tabs)

    def page(self, page_id: int) -> QWizardPage:
        """The page with this id (for Python callers, the later pages are created first)."""
        if page_id >= len(self._pages):
            self._create_later_pages()
        return super().page(page_id)

    def pageIds(self) -> list[int]:
        """Every page's id (for Python callers, the later pages are created first)."""
        return list(range(len(self.pages)))

    def nextId(self) -> int:
        """Qt: the page after the current one, whether it has been created yet or not.

        So the first page shows Next, not Finish, before the later pages exist.
        """
        current = self.currentId()
        return current + 1 if 0 <= current < len(STEP_TITLES) - 1 else -1

    def validateCurrentPage(self) -> bool:
        """Qt: Next was pressed; the page it turns to must exist first."""
        self._create_later_pages()
        return super().validateCurrentPage()

    def page_of(self, page_class: type[_P]) -> _P:
        """The page of a given class, built (pages are otherwise built when first shown)."""
        # The pages created so far first: asking for the first page creates no others.
        found = next((p for p in self._pages if isinstance(p, page_class)), None)
        if found is None:
            found = next((p for p in self.pages if isinstance(p, page_class)), None)
        if found is None:
            raise LookupError(page_class.__name__)
        found.ensure_built()
        return found

    def initializePage(self, page_id: int) -> None:
        """Build a page the first time the person reaches it, then show their answers on it.

        If that fails (a broken translation, a bug), the half-built page is never used: the
        wizard disables itself and asks its owner, through page_failed, for the error screen.
        """
        page = self.page(page_id)
        style.scope(page)  # if the text size changed since, and it was not restyled yet
        try:
            if page_id in self._unprepared:
                raise RuntimeError("the page could not be prepared")
            if isinstance(page, Page):
                page.ensure_built()
            super().initializePage(page_id)
        except Exception as exc:  # whatever failed, the person gets a calm screen
            # The type only: an exception's text could quote the person's answers.
            log.error(
                "The page %s could not be shown (%s)", type(page).__name__, type(exc).__name__
            )
            self.failed = True
            self.setEnabled(False)  # no click may reach a half-built page
            QTimer.singleShot(0, self, self.page_failed.emit)

    def cleanupPage(self, page_id: int) -> None:
        """Qt: on Back, before the previous page is shown: restyle it if it still needs it."""
        super().cleanupPage(page_id)
        if page_id > 0:
            style.scope(self.page(page_id - 1))

    def restyle(self) -> None:
        """Show the current text size and theme: on screen now, on the hidden pages soon after.

        The wizard carries no stylesheet itself, as a change to it would re-polish every page,
        hidden or not (0.24 s late in a walk). Its parts are scopes instead (`style.scope`):
        each page, and each part of the frame around them (the buttons, the side panel).
        """
        self._scope_chrome()
        current = self.currentPage()
        if current is not None:
            style.scope(current)
        self.update()  # the paper behind the pages (paintEvent)
        self._restyle_timer.start(self.PREPARE_AFTER_MS)

    def _scope_chrome(self) -> None:
        """Restyle the frame around the pages: everything in QWizard's box but the pages."""
        pages = self._pages[0].parentWidget()  # QWizard's page frame: every page is in it
        box = pages.parentWidget() if pages is not None else None
        if box is None:
            raise RuntimeError("QWizard no longer holds its pages in a frame in a box")
        for child in box.children():
            if isinstance(child, QWidget) and child is not pages:
                style.scope(child)

    def _restyle_hidden(self) -> None:
        """Restyle one hidden page, or lay out one restyled page again; repeat soon.

        Nearest the current page first. A page already built is laid out again at the new
        size (`_prepare`), so that turning to it later only paints it. One step at a time
        (up to about 45 ms for the longest page, in Arabic at 200 %), so a click waits at
        most that long.
        """
        here = self.currentId()

        def nearest(page_ids: Iterable[int]) -> int:
            """The id closest to the current page's; of two as close, the one after it."""
            return min(page_ids, key=lambda i: (abs(i - here), i < here))

        if self._relayout:
            index = nearest(self._relayout)
            self._relayout.discard(index)
            if index != here:  # the person may have turned to it since
                self._prepare(index)
        else:
            waiting = [i for i, page in enumerate(self._pages) if not style.is_styled(page)]
            if not waiting:
                return
            index = nearest(waiting)
            style.scope(self._pages[index])
            if self._pages[index].built:
                self._relayout.add(index)
        self._restyle_timer.start(0)

    def showEvent(self, event: QShowEvent) -> None:
        """Qt: a new guide for a person who changed the text size or theme shows them at once.

        Not when built: QWizard makes some of its frame (the side widget's holder) only now.
        """
        if style.diverged():
            self._scope_chrome()
        super().showEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Qt: the paper of the current theme behind the pages and the buttons.

        The application's stylesheet paints it until the person changes the theme; from then
        on the wizard does, as it carries no stylesheet of its own (see `restyle`).
        """
        if style.theme_diverged():  # a text size alone keeps the application's paper
            QPainter(self).fillRect(event.rect(), QColor(style.current_appearance().theme.paper))

    def childEvent(self, event: QChildEvent) -> None:
        """Qt: a dialog opened over the wizard shows the current text size and theme."""
        super().childEvent(event)
        if event.polished() and style.diverged():  # else it has the application's
            child = event.child()
            if isinstance(child, QWidget) and child.isWindow():
                style.scope(child)

    def has_answers(self) -> bool:
        """Whether the person has entered anything yet."""
        return self.session.answers != Answers(language=self.session.answers.language)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape never closes the guide (QDialog would reject it and lose the answers)."""
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def _on_wizard_current_id_changed(self, page_id: int) -> None:
        # A page that failed to build is never described: asking it why Next is blocked could
        # fail the same way (a broken translation), outside initializePage's safety net.
        if page_id >= 0 and not self.failed:
            self.side_panel.set_current(page_id)
            step = self.step_list.progress_label.text()
            page = self.page(page_id)
            if isinstance(page, Page):
                page.step_label.setText(step)
            # The window title names the step, so a screen reader says where the person is.
            # TRANSLATORS: the window title on each step; {page} is the page's title, {step}
            # where the person is ("Step 3 of 12"), {application} the name of the guide.
            title = _("{page} — {step} — {application}").format(
                page=_(STEP_TITLES[page_id]), step=step, application=_("CAR-T decision aid")
            )
            self.setWindowTitle(title)
            self._order_tabs_soon()
            self._focus_page()
            self._describe_next()
            self._collect_when_prepared = True
            self._prepare_timer.start()
            if self._restyle_timer.isActive():  # still restyling hidden pages: after the paint
                self._restyle_timer.start(self.PREPARE_AFTER_MS)

    def _order_tabs_soon(self) -> None:
        """Put the page's controls in Tab order now, or for the first page, just after it shows.

        Reading focus policies builds the enums of Qt's namespace (gui/lazy_qt.py), which the
        first page is shown without: its order is set with the work done after the first paint
        (_prepare_next), or on the first Tab if that comes sooner (focusNextPrevChild).
        """
        self._tabs_pending = True
        if len(self._pages) == len(STEP_TITLES):  # not the first page before the others exist
            self._order_pending_tabs()

    def _order_pending_tabs(self) -> None:
        """Set the Tab order _order_tabs_soon left for later, if it did."""
        if self._tabs_pending:
            self._tabs_pending = False
            self.order_tabs()

    def focusNextPrevChild(self, next: bool) -> bool:
        """Qt: Tab and Shift+Tab, in reading order even before the first page's order is set."""
        self._order_pending_tabs()
        return super().focusNextPrevChild(next)

    def _prepare_next(self) -> None:
        """Build and lay out the next page ahead of the person, so that Next only paints it."""
        self._order_pending_tabs()
        if self._prepare(self.currentId() + 1):
            self._collect_while_reading()

    def _prepare(self, page_id: int) -> bool:
        """Restyle, build and lay out a hidden page at the current page's size; False if none.

        If that fails, the page is marked and fails again when the person reaches it, which
        shows the error screen then, exactly as a page built on Next would.
        """
        current, page = self.currentPage(), self.page(page_id)
        if self.failed or current is None or not isinstance(page, Page):
            return False
        try:
            style.scope(page)
            page.prepare(current.size())
        except Exception as exc:  # the person is still reading: fail when they get there
            log.error(
                "The page %s could not be prepared (%s)", type(page).__name__, type(exc).__name__
            )
            self._unprepared.add(page_id)
        return True

    def _collect_while_reading(self) -> None:
        """After a page turn, run Python's full cycle collection now if it is nearly due.

        Python runs one when its middle generation has been collected `threshold[2]` (10)
        times since the last, and it walks every object alive (11 ms here): left to that,
        it can land inside a page turn and add those 11 ms to it. A turn makes at most two
        middle-generation collections (measured over Arabic walks at 200 %), so from two
        short of the threshold it runs here, while the person reads. Never while the
        collector is off (start-up, a PDF render).
        """
        if not (self._collect_when_prepared and gc.isenabled()):
            return
        self._collect_when_prepared = False
        if gc.get_count()[2] >= gc.get_threshold()[2] - 2:
            gc.collect()

    def _focus_page(self) -> None:
        """Start the keyboard on the page's first control, as QWizard does for ready-built pages.

        QWizard looks for it only among the next 100 widgets of the window's focus chain, and
        the controls of a page built late sit at the end of that chain.
        """
        page = self.currentPage()
        focused = QApplication.focusWidget()
        if not isinstance(page, Page) or (
            focused is not None
            and page.isAncestorOf(focused)
            and focused is not page.save_button  # made first, but not where reading starts
        ):
            return
        page.scroll_area.setFocus()  # where focus_order() starts
        if focused is self.button(QWizard.WizardButton.FinishButton):
            # QWizard focused Finish as it showed it, so it may have been measured with its
            # ring, taller than without (a filled button's double ring is wider than its
            # border and padding): measured again, the button row keeps its height.
            QApplication.sendEvent(focused, QEvent(QEvent.Type.StyleChange))

    def _on_page_complete_changed(self) -> None:
        if self.failed:
            return
        # Pages add controls when answers change (treatments, own questions): order them too,
        # once the page has finished rebuilding.
        QTimer.singleShot(0, self, self.order_tabs)
        self._describe_next()
        # What the next page shows may depend on the answer just given: prepare it again
        # once the person pauses.
        self._prepare_timer.start()

    def _describe_next(self) -> None:
        """Tell assistive technology why Next is blocked, and announce it when that changes."""
        page = self.currentPage()
        button = self.button(QWizard.WizardButton.NextButton)
        missing = page.missing() if isinstance(page, Page) else ()
        reason = page.hint_text(missing) if isinstance(page, Page) and missing else ""
        described = reason or _("Go to the next step")
        if button.accessibleDescription() == described:
            return
        button.setAccessibleDescription(described)
        if reason and QAccessible.isActive():
            announcement = QAccessibleAnnouncementEvent(button, reason)
            QAccessible.updateAccessibility(announcement)

    def order_tabs(self) -> None:
        """The page's controls in reading order, then Back, Next, Finish, Start over, display."""
        page = self.currentPage()
        if not isinstance(page, Page):
            return
        settings = self.display_settings
        order = [
            *page.focus_order(),
            page.hint_label,  # not a Tab stop; "Skip to the Next button" may land there
            self.button(QWizard.WizardButton.BackButton),
            self.button(QWizard.WizardButton.NextButton),
            self.button(QWizard.WizardButton.FinishButton),
            self.button(START_OVER),
            *([] if self.kiosk else [page.save_button]),
            settings.smaller_button,
            settings.larger_button,
            settings.contrast_row.button,
        ]
        # Qt ignores a pair with a widget that cannot take the focus (a heading not jumped
        # to yet, see focus_label), which would leave the next pair unlinked.
        order = [widget for widget in order if widget.focusPolicy() != Qt.FocusPolicy.NoFocus]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _on_wizard_custom_button_clicked(self, which: int) -> None:
        if which != START_OVER.value:
            return
        from decisionaid.gui.dialogs import confirm

        if confirm(
            self,
            _("Start over"),
            _("Start over? All your answers will be cleared."),
            _("Yes, start over"),
        ):
            self.start_over_requested.emit()

    def _on_welcome_language_chosen(self, code: str) -> None:
        from decisionaid.gui.dialogs import confirm

        if self.has_answers() and not confirm(
            self,
            _("Change language"),
            _("Changing the language starts the guide again and clears your answers."),
            _("Yes, change language"),
        ):
            return
        self.language_requested.emit(code)

    def save_for_later(self) -> None:
        """Save the answers to a file the person chooses (never on a kiosk)."""
        if self.kiosk:
            return
        from decisionaid.gui.dialogs import ask_save_path, inform

        path = ask_save_path(
            self,
            _("Save your answers"),
            _(ANSWERS_FILE_NAME),
            _("Decision aid answers (*.yaml)"),
            (".yaml", ".yml"),
        )
        if path is None:
            return
        try:
            from decisionaid.system.files import save_answers  # YAML: only when saving

            save_answers(self.session.answers, path)
        except OSError as exc:
            inform(
                self,
                _("Save for later"),
                _(
                    "Could not save to {path}: {reason}. Please choose another folder. "
                    "Your answers are still here."
                ).format(path=path, reason=exc.strerror or exc),
                problem=True,
            )
            return
        inform(
            self,
            _("Save for later"),
            _(
                "Your answers are saved in {path}. Anyone who can open this file can read "
                "them. To continue, choose “Continue from saved answers” on the first page."
            ).format(path=path),
        )

    def _on_welcome_resume_requested(self) -> None:
        if self.kiosk:
            return
        from PySide6.QtWidgets import QFileDialog

        from decisionaid.gui.dialogs import documents_folder, inform

        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            _("Open your saved answers"),
            str(documents_folder()),
            _("Decision aid answers (*.yaml *.yml)"),
        )
        if not chosen:
            return
        try:
            from decisionaid.system.files import load_answers  # YAML: only when resuming

            answers = load_answers(Path(chosen), self.session.content)
        except AnswersError as exc:
            inform(
                self,
                _("Continue from saved answers"),
                # TRANSLATORS: {reason} is a technical message, which may be in English.
                _("This file could not be used: {reason}.").format(reason=exc),
                problem=True,
            )
            return
        self.session.answers = answers.replace(language=self.session.translator.language)
        inform(
            self,
            _("Continue from saved answers"),
            _("Your saved answers are back. Go through the steps to check them."),
        )

    def _on_welcome_about_requested(self) -> None:
        from decisionaid.gui.dialogs import show_sections

        pack = self.session.content.pack
        show_sections(
            self,
            _("About this guide"),
            [
                (
                    _("Written by"),
                    "\n".join(
                        # TRANSLATORS: an author of the content and their role.
                        _("{name} ({role})").format(name=a.name, role=a.role)
                        for a in pack.authors
                    ),
                ),
                (_("Funding"), pack.funding),
                (_("Conflicts of interest"), pack.conflicts),
                (_("How it is kept up to date"), pack.update_policy),
                (_("How we chose the evidence"), pack.evidence_method),
                (_("How strong the evidence is"), pack.evidence_quality),
                (_("Who has reviewed it"), pack.review_status),
                (_("Please note"), pack.disclaimer),
            ],
        )


def build_wizard(
    session: Session, printer: Printer | None, *, kiosk: bool = False
) -> DecisionWizard:
    """A new wizard for `session`; the session's language becomes the interface language.

    Install the Qt translator for that language before calling this: Qt reads its own
    strings when widgets are created.
    """
    activate(session.translator)
    return DecisionWizard(session, printer, kiosk=kiosk)
