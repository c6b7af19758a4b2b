# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Step 11: questions for the care team: ranked suggestions with reasons, own questions, notes."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout

from decisionaid.answers import MAX_TEXT
from decisionaid.gui import style
from decisionaid.gui.pages import Page
from decisionaid.gui.widgets.choices import ChoiceRow
from decisionaid.gui.widgets.entry import TextListEditor
from decisionaid.gui.widgets.layout import Card
from decisionaid.gui.widgets.text import heading, label
from decisionaid.i18n import N_, _
from decisionaid.questions import default_choice, reason_text, suggest_questions


class QuestionsPage(Page):
    """A question prompt list (QL11) tailored to the answers; the person keeps what they want.

    Until the person ticks or unticks a suggestion themselves, the top suggestions are kept
    for them (and re-ranked if their earlier answers change).
    """

    TITLE = N_("Your questions")
    JUMP_LIST = True

    def build(self) -> None:
        """The suggested-question list, own questions and notes."""
        self.chosen_by_person = False
        self.showing_answers = False
        self.question_rows: dict[str, ChoiceRow] = {}
        self.shown_for: tuple[tuple[str, str, str], ...] | None = None  # the rows shown
        self.suggestions_box = QVBoxLayout()
        self.suggestions_box.setSpacing(0)
        self.own_questions = TextListEditor(
            _("A question of your own"), _("Add question"), _("Type your question here")
        )
        self.own_questions.items_changed.connect(self._on_own_questions_changed)
        self.notes_label = label(_("Notes for yourself or your care team (optional)"))
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName(self.notes_label.text())
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(style.TOUCH * 2)
        self.notes.setMaximumHeight(style.TOUCH * 4)
        self.notes_label.setBuddy(self.notes)
        self.notes.textChanged.connect(self._on_notes_text_changed)

        # Layout
        suggested = Card()
        suggested.add(heading(_("Questions you may want to ask"), 2))
        suggested.add(
            label(
                _(
                    "We picked these from your answers. The reason is under each one. "
                    "Keep the ones you want on your list."
                ),
                "small",
            )
        )
        suggested.layout_.addLayout(self.suggestions_box)
        self.body.addWidget(suggested)
        own = Card()
        own.add(heading(_("Your own questions and notes"), 2))
        own.add(self.own_questions)
        own.add(self.notes_label)
        own.add(self.notes)
        self.body.addWidget(own)
        self.body.addStretch(1)

    def initializePage(self) -> None:
        """Rank the suggestions for the answers as they are now and tick the kept ones."""
        if not self.chosen_by_person:
            self.session.answers = self.answers.replace(
                chosen_questions=default_choice(self.content, self.answers)
            )
        self.fill()
        self.own_questions.set_items(self.answers.own_questions)
        if self.notes.toPlainText() != self.answers.notes:
            self.notes.blockSignals(True)
            self.notes.setPlainText(self.answers.notes)
            self.notes.blockSignals(False)
        super().initializePage()

    def fill(self) -> None:
        """One row per suggestion, in ranked order with its reason; rebuilt only when they change."""
        suggested = tuple(
            (s.question.id, s.question.text, reason_text(s.reasons[0], self.content))
            if s.reasons
            else (s.question.id, s.question.text, "")
            for s in suggest_questions(self.content, self.answers)
        )
        if suggested != self.shown_for:
            self._show_rows(suggested)
        # Tick what is kept (what initializePage will keep, when the page is prepared ahead).
        kept = set(
            self.answers.chosen_questions
            if self.chosen_by_person
            else default_choice(self.content, self.answers)
        )
        self.showing_answers = True  # ticking what is kept is not the person's choice
        for question_id, row in self.question_rows.items():
            row.button.setChecked(question_id in kept)
        self.showing_answers = False

    def _show_rows(self, suggested: tuple[tuple[str, str, str], ...]) -> None:
        """A row per (question id, text, reason), keeping the rows that are still suggested.

        Only a kept row's place may change; rows no longer suggested are deleted.
        """
        old = {
            (qid, row.text_label.text(), row.description_label.text())
            if row.description_label
            else (qid, row.text_label.text(), ""): row
            for qid, row in self.question_rows.items()
        }
        self.shown_for = suggested
        while self.suggestions_box.count():
            self.suggestions_box.takeAt(0)
        self.question_rows = {}
        for question_id, text, reason in suggested:
            row = old.pop((question_id, text, reason), None)
            if row is None:
                row = ChoiceRow(text, exclusive=False, description=reason)
                row.button.toggled.connect(
                    lambda checked, q=question_id: self._on_question_toggled(q, checked)
                )
            self.question_rows[question_id] = row
            self.suggestions_box.addWidget(row)
            row.raise_()  # the children in ranked order too: that is what a screen reader reads
        for row in old.values():
            row.hide()
            row.deleteLater()

    def _on_question_toggled(self, question_id: str, checked: bool) -> None:
        if self.showing_answers:
            return
        self.chosen_by_person = True
        self.set_answers(self.answers.with_question(question_id, checked))

    def _on_own_questions_changed(self, items: tuple[str, ...]) -> None:
        self.set_answers(self.answers.replace(own_questions=tuple(items)))

    def _on_notes_text_changed(self) -> None:
        text = self.notes.toPlainText()
        if len(text) > MAX_TEXT:
            text = text[:MAX_TEXT]
            self.notes.blockSignals(True)
            self.notes.setPlainText(text)
            self.notes.blockSignals(False)
        self.set_answers(self.answers.replace(notes=text))
