# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Step 12: a summary that reflects (never recommends), then Save PDF, Save for the record, Print."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from decisionaid.answers import UNSURE
from decisionaid.content import RATING_MAX
from decisionaid.gui import style
from decisionaid.gui.dialogs import ask_save_path, confirm
from decisionaid.gui.pages import Page
from decisionaid.gui.widgets.layout import Card, FlowLayout
from decisionaid.gui.widgets.text import heading, label
from decisionaid.i18n import N_, _, format_list
from decisionaid.questions import chosen_suggestions
from decisionaid.session import Session
from decisionaid.system.printing import AsyncPrinter, PrintCancelled, Printer, PrintError, PrintJob
from decisionaid.values import align_options, sure_result, top_priorities

log = logging.getLogger(__name__)

# TRANSLATORS: suggested file name for the PDF: keep it one word with hyphens and keep ".pdf" at
# the end.
DEFAULT_FILE_NAME = N_("decision-summary.pdf")
RECORD_FILE_NAME = N_("answers-for-the-record.json")
PRINT_POLL_MS = 100


class SummaryPage(Page):
    """What the person said, how it lines up with the options, and their questions; Save / Print.

    Saving or printing never touches the answers, so a failure loses nothing.
    """

    TITLE = N_("Your summary")

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        printer: Printer | None = None,
        kiosk: bool = False,
    ) -> None:
        super().__init__(session, parent, kiosk=kiosk)
        self.printer = printer
        self.kept_copy = False
        self.print_job: PrintJob | None = None
        self.print_timer = QTimer(self)
        self.print_timer.setInterval(PRINT_POLL_MS)
        self.print_timer.timeout.connect(self._on_print_timer_timeout)

    def build(self) -> None:
        """The summary box and the Save PDF and Print buttons."""
        self.summary_box = QVBoxLayout()
        self.summary_box.setSpacing(16)
        self.summary_cards: list[Card] = []
        self.question_labels: list[QLabel] = []
        self.shown_for: tuple[tuple[tuple[str, str], ...], ...] | None = None  # the cards' words
        self.save_button = QPushButton(_("Save PDF…"))
        self.save_button.setAccessibleName(self.save_button.text())  # label in name
        self.save_button.setAccessibleDescription(_("Save your summary as a PDF file"))
        if self.kiosk:
            # A kiosk keeps no files: the button is gone and nothing answers it.
            self.save_button.setVisible(False)
            self.save_button.setEnabled(False)
        else:
            self.save_button.clicked.connect(self._on_save_clicked)
        self.record_button = QPushButton(_("Save for the record…"))
        self.record_button.setAccessibleName(self.record_button.text())
        self.record_button.setAccessibleDescription(
            _("Save your answers as a file for your care team's record")
        )
        if self.kiosk:
            self.record_button.setVisible(False)
            self.record_button.setEnabled(False)
        else:
            self.record_button.clicked.connect(self._on_record_clicked)
        if self.printer is None:
            self.print_button = QPushButton(_("Printing is not set up"))
            self.print_button.setEnabled(False)
        else:
            self.print_button = QPushButton(_("Print"))
        self.print_button.setProperty("role", "primary")
        self.print_button.setAccessibleName(self.print_button.text())
        self.print_button.setAccessibleDescription(_("Print your summary and questions"))
        self.print_button.clicked.connect(self._on_print_clicked)
        self.status_label = label("", "status")
        self.status_label.setVisible(False)

        # Layout
        self.body.addLayout(self.summary_box)
        output = Card()
        output.add(heading(_("Take your summary with you"), 2))
        output.add(
            label(
                _(
                    "The summary has a page for your care team and your questions with space "
                    "to write the answers."
                )
            )
        )
        buttons = FlowLayout(spacing=12)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.record_button)
        output.layout_.addLayout(buttons)
        output.add(self.status_label)
        self.body.addWidget(output)
        self.body.addStretch(1)
        self.output_card = output

    def initializePage(self) -> None:
        """Show the summary of the answers as they are now."""
        self.status_label.setVisible(False)
        self.fill()
        super().initializePage()

    def fill(self) -> None:
        """The three summary cards, each rebuilt only when the words it shows changed."""
        cards = (self._matters_lines(), self._where_lines(), self._questions_lines())
        if cards == self.shown_for:
            return
        shown = self.shown_for or ((), (), ())
        for index, lines in enumerate(cards):
            if lines == shown[index]:
                continue
            old = self.summary_cards[index] if index < len(self.summary_cards) else None
            card = self._card(lines)
            if old is None:
                self.summary_box.addWidget(card)
                self.summary_cards.append(card)
            else:
                self.summary_box.replaceWidget(old, card)
                old.hide()
                old.deleteLater()
                self.summary_cards[index] = card
            if index == 2:
                self.question_labels = card.findChildren(QLabel, "question")
        self.shown_for = cards
        # The cards are made after the output card, so a screen reader would read it first;
        # raising them all to the end in reading order (the output card last) keeps the
        # parent's children in screen order.
        for card in self.summary_cards:
            card.raise_()
        self.output_card.raise_()

    @staticmethod
    def _card(lines: tuple[tuple[str, str], ...]) -> Card:
        """A card of (kind, text) lines: "h2" and "h3" headings, "body", "small", "question"."""
        card = Card()
        for kind, text in lines:
            if kind in ("h2", "h3"):
                card.add(heading(text, int(kind[1])))
            else:
                widget = label(text, "small" if kind == "small" else None)
                if kind == "question":
                    widget.setObjectName("question")
                card.add(widget)
        return card

    def _matters_lines(self) -> tuple[tuple[str, str], ...]:
        """The top priorities and which options they tend to go with; never advice."""
        content, answers = self.content, self.answers
        lines = [("h2", _("What matters most to you"))]
        top = top_priorities(content, answers)
        for priority in top:
            lines.append(
                (
                    "body",
                    # TRANSLATORS: a thing that matters to the person and how much, e.g. "• Staying
                    # at home (5 of 5)"; keep the bullet.
                    _("•  {what} ({rating} of {top})").format(
                        what=priority.consideration.label, rating=priority.rating, top=RATING_MAX
                    ),
                )
            )
        if not top:
            lines.append(("body", _("You did not rate anything as important.")))
        lines.append(("h3", _("How this lines up with the choices")))
        for alignment in align_options(content, answers):
            if alignment.important:
                text = _(
                    "Things you rated as important that tend to go with “{option}”: {things}."
                ).format(
                    option=alignment.option.name,
                    things=format_list(p.consideration.label for p in alignment.important),
                )
            else:
                text = _(
                    "None of the things you rated as important tend to go with “{option}”."
                ).format(option=alignment.option.name)
            lines.append(("body", text))
        lines.append(
            (
                "small",
                _(
                    "This reflects what you said. It is not advice. Only you, with your care "
                    "team, can decide."
                ),
            )
        )
        return tuple(lines)

    def _where_lines(self) -> tuple[tuple[str, str], ...]:
        """Where the person leans and how sure they feel."""
        content, answers = self.content, self.answers
        if answers.leaning == UNSURE:
            leaning = content.deliberation.unsure_label
        elif answers.leaning:
            leaning = content.option(answers.leaning).name
        else:
            leaning = _("Not answered")
        sure = sure_result(content, answers)
        if sure.conflict:
            sure_text = _(
                "You answered no to at least one of the four questions about how you feel. "
                "Your care team can help you with that."
            )
        elif sure.complete:
            sure_text = _("You feel sure and supported about the decision.")
        else:
            sure_text = _("You did not answer all four questions about how you feel.")
        return (
            ("h2", _("Where you are now")),
            # TRANSLATORS: {leaning} is the option the person leans towards, or "Not sure yet".
            ("body", _("Leaning: {leaning}").format(leaning=leaning)),
            ("body", sure_text),
        )

    def _questions_lines(self) -> tuple[tuple[str, str], ...]:
        """The chosen and own questions, numbered."""
        texts = [s.question.text for s in chosen_suggestions(self.content, self.answers)]
        texts += list(self.answers.own_questions)
        lines = [("h2", _("Your questions for the care team"))]
        lines += [
            # TRANSLATORS: a numbered question in a list, e.g. "2. Who would look after me?".
            ("question", _("{number}. {question}").format(number=n, question=q))
            for n, q in enumerate(texts, start=1)
        ]
        if not texts:
            lines.append(("body", _("You did not choose any questions.")))
        return tuple(lines)

    def validatePage(self) -> bool:
        """Finishing clears the answers: ask first if nothing was saved or printed."""
        if self.kept_copy:
            return True
        return confirm(
            self,
            _("Finish"),
            _("You have not printed or saved your summary. Finish anyway and clear your answers?"),
            _("Yes, finish"),
        )

    def _show_status(self, text: str, *, good: bool) -> None:
        self.status_label.setText(text)
        self.status_label.setProperty("tone", "good" if good else "bad")
        self.status_label.setAccessibleName(text)
        style.repolish(self.status_label)
        self.status_label.setVisible(True)

    def _on_save_clicked(self) -> None:
        if self.kiosk:
            return
        path = ask_save_path(
            self, _("Save your summary"), _(DEFAULT_FILE_NAME), _("PDF files (*.pdf)"), (".pdf",)
        )
        if path is None:
            return
        from decisionaid import pdf  # ReportLab only when a PDF is made

        try:
            from decisionaid.system.files import writable_output  # only when saving

            writable_output(path)  # a regular file only: never a device or a FIFO
            pdf.write_pdf(self.session.report(), path)
        except OSError as exc:
            self._show_not_saved(path, exc.strerror or str(exc))
            return
        self.kept_copy = True
        # TRANSLATORS: {path} is the file that was just saved.
        self._show_status(_("Saved to {path}.").format(path=path), good=True)

    def _on_record_clicked(self) -> None:
        """Save the answers as a validated FHIR QuestionnaireResponse (no identity in it)."""
        if self.kiosk:
            return
        path = ask_save_path(
            self,
            _("Save for the record"),
            _(RECORD_FILE_NAME),
            _("FHIR files (*.json)"),
            (".json",),
        )
        if path is None:
            return
        from decisionaid.fhir import FhirError  # fhir.resources only when a record is saved
        from decisionaid.fhir.record import checked_response
        from decisionaid.fhir.response import authored_now
        from decisionaid.system.files import save_response

        try:
            response = checked_response(
                self.content, self.session.translator, self.answers, authored_now()
            )
            save_response(response, path)
        except (OSError, FhirError) as exc:
            self._show_not_saved(path, getattr(exc, "strerror", None) or str(exc))
            return
        # TRANSLATORS: {path} is the file that was just saved.
        self._show_status(_("Saved to {path}.").format(path=path), good=True)

    def _show_not_saved(self, path: Path, reason: str) -> None:
        """Say a save failed and why, and that nothing the person entered was lost."""
        self._show_status(
            _(
                "Could not save to {path}: {reason}. Please choose another folder. "
                "Your answers are still here."
            ).format(path=path, reason=reason),
            good=False,
        )

    def _on_print_clicked(self) -> None:
        if self.printer is None:
            return
        from decisionaid import pdf  # ReportLab only when a PDF is made

        if self.print_job is not None:
            return
        report = self.session.report()
        try:
            document = pdf.render_pdf(report)
            if isinstance(self.printer, AsyncPrinter):
                # Printing runs beside the event loop: the screen, touch and the kiosk's
                # idle wipe keep working however long the printer takes.
                self.print_job = self.printer.start_print(document, report.title)
                self.destroyed.connect(self.print_job.cancel)  # a reset kills it and its copy
                self.print_button.setEnabled(False)
                self.print_timer.start()
                return
            self.printer.print_pdf(document, report.title)
        except PrintCancelled:
            return
        except PrintError as exc:
            self._print_failed(exc)
            return
        self._printed()

    def _on_print_timer_timeout(self) -> None:
        job = self.print_job
        if job is None or not job.poll():
            return
        self.print_timer.stop()
        self.print_job = None
        self.print_button.setEnabled(True)
        if isinstance(job.error, PrintCancelled):
            return
        if job.error is not None:
            self._print_failed(job.error)
        else:
            self._printed()

    def _printed(self) -> None:
        self.kept_copy = True
        self._show_status(_("Your summary was sent to the printer."), good=True)

    def _print_failed(self, error: PrintError) -> None:
        self._show_status(
            # TRANSLATORS: {reason} is a whole sentence about what went wrong, ending with a
            # full stop.
            _("Printing did not work: {reason} Your answers are still here.").format(reason=error),
            good=False,
        )
