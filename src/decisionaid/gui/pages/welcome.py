# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Step 1: what the aid is for, how long it takes, privacy, language, and how current it is."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QPushButton

from decisionaid.gui import lazy_qt
from decisionaid.gui.pages import Page
from decisionaid.gui.widgets.choices import CHECK_MARK, show_check_mark
from decisionaid.gui.widgets.layout import Card, FlowLayout, add_leading
from decisionaid.gui.widgets.navigation import WrappingButton
from decisionaid.gui.widgets.text import heading, label
from decisionaid.i18n import N_, Language, _, available_languages


class LanguageButton(QPushButton):
    """A language choice as wide as its name in bold with the check mark, chosen or not.

    The stylesheet makes the chosen button bold, which Qt's size hint does not know about, so
    "Français" was clipped; the width is also the same chosen or not, so the row never jumps.
    """

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name

    def sizeHint(self) -> QSize:
        """Qt: the plain size, widened to fit the bold, checked text."""
        hint = super().sizeHint()
        bold = QFont(self.font())
        bold.setBold(True)
        widest = QFontMetrics(bold).horizontalAdvance(f"{CHECK_MARK} {self.name}")
        extra = widest - self.fontMetrics().horizontalAdvance(self.text())
        return QSize(hint.width() + max(0, extra), hint.height())

    def minimumSizeHint(self) -> QSize:
        """Qt: never narrower than the bold, checked text."""
        return self.sizeHint()


class WelcomePage(Page):
    """The decision, what this guide does, language choice and the pack's review status (Q2, C3).

    Signals:
        language_chosen(str): the person picked another language.
        about_requested(): the person wants to know who made the guide.
        resume_requested(): the person wants to continue from a saved answers file.
    """

    TITLE = N_("Welcome")
    language_chosen = Signal(str)
    about_requested = Signal()
    resume_requested = Signal()

    def build(self) -> None:
        """Language choice, the decision, how the guide works and the review dates."""
        cover = self.session.cover  # not the pack: it is unpickled after this page is shown
        tr = self.session.translator
        self.language_buttons: dict[str, LanguageButton] = {
            language.code: self._language_button(language) for language in available_languages()
        }
        self.about_button = QPushButton(_("About this guide"))
        self.about_button.setProperty("role", "link")
        self.about_button.setAccessibleName(_("About this guide: authors, funding, updates"))
        self.about_button.clicked.connect(self.about_requested)
        # Wraps rather than widen the page: long in some languages at 200 % text.
        self.resume_button = WrappingButton(_("Continue from saved answers…"))
        # The visible words start the spoken name (WCAG 2.5.3); the longer wording describes it.
        self.resume_button.setAccessibleName(self.resume_button.text())
        self.resume_button.setAccessibleDescription(_("Continue from answers you saved earlier"))
        self.resume_button.clicked.connect(self.resume_requested)
        # A kiosk keeps nothing, so there is nothing to continue from.
        if self.kiosk:  # hide only: showing a button with no parent yet opens it as a window
            self.resume_button.hide()
            self.resume_button.setEnabled(False)
        self.version_label = label(
            _("Content version {version}. Last reviewed {reviewed}. Next review due {due}.").format(
                version=cover.version,
                reviewed=tr.format_date(cover.last_reviewed),
                due=tr.format_date(cover.review_by),
            ),
            "small",
        )
        self.overdue_card = self._overdue_card()

        # Layout
        self.body.addWidget(self._languages_card())
        intro = Card()
        intro.add(label(_("The decision"), "small"))
        intro.add(heading(cover.decision_question, 1))
        intro.add(label(cover.decision_summary))
        self.body.addWidget(intro)
        if self.overdue_card is not None:
            self.body.addWidget(self.overdue_card)
        self.body.addWidget(self._how_card())
        self.body.addWidget(self.version_label)
        add_leading(self.body, self.about_button)
        self.body.addStretch(1)

    def _language_button(self, language: Language) -> LanguageButton:
        """A checkable button naming the language in itself, laid out in its direction."""
        tr = self.session.translator
        button = LanguageButton(language.native_name)
        button.setCheckable(True)
        button.setChecked(language.code == tr.language)
        show_check_mark(button)
        button.setAccessibleName(language.native_name)
        button.setAccessibleDescription(
            # TRANSLATORS: read out by screen readers for a language button; {language} is the name
            # of the language.
            _("Show the guide in {language}").format(language=tr.language_name(language.code))
        )
        lazy_qt.set_direction(button, language.direction == "rtl")
        button.clicked.connect(
            lambda _checked=False, code=language.code: self._on_language_clicked(code)
        )
        return button

    def _overdue_card(self) -> Card | None:
        """A warning card when the pack is past its review date (C4), else None."""
        cover = self.session.cover
        if not cover.review_overdue(self.session.today):
            return None
        due = self.session.translator.format_date(cover.review_by)
        card = Card(warning=True)
        card.add(heading(_("This information may be out of date"), 3))
        card.add(
            label(
                _(
                    "This guide was due for review on {due}. Newer evidence may exist. "
                    "Please check everything with your care team."
                ).format(due=due)
            )
        )
        return card

    def _languages_card(self) -> Card:
        languages = Card()
        self.language_heading = heading(_("Language"), 3)
        row = FlowLayout()
        for button in self.language_buttons.values():
            row.addWidget(button)
        languages.add(self.language_heading)
        languages.layout_.addLayout(row)
        return languages

    def _how_card(self) -> Card:
        how = Card()
        how.add(heading(_("How this guide works"), 2))
        how.add(
            label(
                _(
                    "You will read about the choices, see what is known and not known yet, "
                    "think about what matters most to you, and make a list of questions for "
                    "your care team. At the end you can print or save a summary."
                )
            )
        )
        how.add(label(_("It takes about 10 to 15 minutes. You can go back at any time.")))
        how.add(
            label(
                _(
                    "Your answers stay on this device. Nothing is sent anywhere. They are "
                    "cleared when you finish or start over."
                )
            )
        )
        how.add(label(_("This guide does not tell you what to choose."), "small"))
        add_leading(how.layout_, self.resume_button)
        return how

    def _on_language_clicked(self, code: str) -> None:
        for other, button in self.language_buttons.items():
            button.setChecked(other == self.session.translator.language)
        if code != self.session.translator.language:
            self.language_chosen.emit(code)
