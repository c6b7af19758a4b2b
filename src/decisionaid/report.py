# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The summary as plain data: what the PDF shows, already translated, with no ReportLab in sight.

`build_report()` turns the pack and the answers into a `Report`; `decisionaid.pdf` lays it out.
All strings here are plain text (never markup): the PDF layer escapes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from decisionaid import __version__
from decisionaid.answers import UNSURE, Answers
from decisionaid.content import RATING_MAX, Content, Fact, FactKind, Statistic
from decisionaid.i18n import Direction, Translator, _, ngettext, use_language
from decisionaid.questions import chosen_suggestions, reason_text, suggest_questions
from decisionaid.values import (
    align_options,
    knowledge_gaps,
    knowledge_score,
    priorities,
    readiness_gaps,
    sure_result,
    top_priorities,
)

ParagraphStyle = Literal["body", "lead", "small", "note", "warning"]
CLINICIAN_QUESTIONS = 3
ICONS_MAX = 100  # an icon array draws at most this many figures
ANSWER_LINES = 3


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 is the largest."""

    text: str
    level: Literal[1, 2, 3] = 2


@dataclass(frozen=True)
class Paragraph:
    """Running text; newlines in it are kept as line breaks."""

    text: str
    style: ParagraphStyle = "body"


@dataclass(frozen=True)
class Bullets:
    """A bulleted list."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Fields:
    """Label/value rows; an empty value is a ruled blank to fill in by hand."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class RatingBar:
    """How much one consideration matters, on 0..maximum."""

    label: str
    value: int
    maximum: int


@dataclass(frozen=True)
class RatingBars:
    """A small horizontal bar chart of ratings, most important first."""

    items: tuple[RatingBar, ...]
    scale_low: str
    scale_high: str


@dataclass(frozen=True)
class QuestionItem:
    """One question to ask, why it is there, and whether the person wrote it."""

    number: int
    text: str
    reason: str
    own: bool


@dataclass(frozen=True)
class QuestionList:
    """Numbered questions, each followed by `answer_lines` ruled lines for the answer."""

    items: tuple[QuestionItem, ...]
    answer_lines: int


@dataclass(frozen=True)
class IconArray:
    """`events` highlighted icons out of `total`, with the sentence that says it in words."""

    events: int
    total: int
    kind: Literal["benefit", "risk"]
    title: str
    sentence: str
    detail: str
    legend: str
    scale_note: str = ""


@dataclass(frozen=True)
class PageBreak:
    """Start a new page."""


@dataclass(frozen=True)
class SourceItem:
    """One entry of the reference list."""

    number: int
    citation: str
    url: str


@dataclass(frozen=True)
class SourceList:
    """The numbered reference list at the end."""

    items: tuple[SourceItem, ...]


Block = (
    Heading
    | Paragraph
    | Bullets
    | Fields
    | RatingBars
    | QuestionList
    | IconArray
    | PageBreak
    | SourceList
)


@dataclass(frozen=True)
class Report:
    """Everything the PDF needs, in reading order.

    Attributes:
        title: document title, also the PDF metadata title.
        subject: PDF metadata subject.
        language: language code, for the PDF /Lang entry.
        direction: "ltr" or "rtl".
        running_head: short text printed at the top of every page.
        footer: pack version, review date and generation date, printed on every page.
        disclaimer: printed on every page.
        page_label: a template with {page} and {pages}, e.g. "Page {page} of {pages}".
        more_label: a template with {count} for lists cut short, e.g. "…and {count} more".
        clinician_page: blocks for page 1, which must fit on one page.
        patient_pages: blocks for the pages after it.
    """

    title: str
    subject: str
    language: str
    direction: Direction
    running_head: str
    footer: str
    disclaimer: str
    page_label: str
    more_label: str
    clinician_page: tuple[Block, ...]
    patient_pages: tuple[Block, ...]
    creator: str = f"decisionaid {__version__}"


def statistic_sentence(stat: Statistic) -> str:
    """'k out of N people …' in words, in the active language (QL4, QL5)."""
    return ngettext(
        "{events} out of {total} person in {study}, {time_frame}",
        "{events} out of {total} people in {study}, {time_frame}",
        stat.total,
    ).format(events=stat.events, total=stat.total, study=stat.study, time_frame=stat.time_frame)


def statistic_detail(stat: Statistic, source_number: int | None = None) -> str:
    """Who, over what time, how certain, and which source."""
    certainty = {
        "very_low": _("very uncertain"),
        "low": _("uncertain"),
        "moderate": _("moderately certain"),
        "high": _("fairly certain"),
    }[stat.certainty]
    setting = {
        "autoimmune": "",
        "cancer": _("These people were treated for blood cancer, not autoimmune disease.") + " ",
        "standard_care": "",
    }[stat.setting]
    text = _("Who: {population}. How sure: {certainty}.").format(
        population=stat.population, certainty=certainty
    )
    low, high = stat.range_per_100()
    text += " " + ngettext(
        "With {total} person studied, the true figure could be anywhere from about {low} to {high} in 100.",
        "With {total} people studied, the true figure could be anywhere from about {low} to {high} in 100.",
        stat.total,
    ).format(total=stat.total, low=low, high=high)
    if source_number is not None:
        text += " " + _("Source [{number}].").format(number=source_number)
    return setting + text


def _scale_note(stat: Statistic) -> str:
    """For more than 100 people, how the 100 figures stand for them."""
    if stat.total <= ICONS_MAX:
        return ""
    return _(
        "The figures show this as about {per_100} out of 100 ({events} out of {total})."
    ).format(per_100=stat.per_100, events=stat.events, total=stat.total)


def _fact_block(fact: Fact, numbers: dict[str, int]) -> list[Block]:
    blocks: list[Block] = [Heading(fact.title, 3), Paragraph(fact.body)]
    stat = fact.statistic
    if stat is not None:
        kind: Literal["benefit", "risk"] = "benefit" if fact.kind == "benefit" else "risk"
        blocks.append(
            IconArray(
                events=stat.events,
                total=stat.total,
                kind=kind,
                title=fact.title,
                sentence=statistic_sentence(stat),
                detail=statistic_detail(stat, numbers.get(stat.source)),
                legend=_(
                    "Filled figures: people this happened to. Outlined figures: people it did not happen to."
                ),
                scale_note=_scale_note(stat),
            )
        )
    refs = [numbers[s] for s in fact.sources if s in numbers]
    if refs and stat is None:
        blocks.append(
            Paragraph(
                _("Sources: {numbers}").format(numbers=", ".join(f"[{n}]" for n in refs)), "small"
            )
        )
    return blocks


def _leaning_text(content: Content, answers: Answers) -> str:
    if answers.leaning is None:
        return _("Not answered")
    if answers.leaning == UNSURE:
        return content.deliberation.unsure_label
    return content.option(answers.leaning).name


def build_report(
    content: Content, answers: Answers, translator: Translator, today: dt.date
) -> Report:
    """Lay out the summary for `answers` in the translator's language.

    `content` must already be translated into the same language (load_content with the
    translator's content catalog).
    """
    with use_language(translator):
        return _build(content, answers, translator, today)


def _build(content: Content, answers: Answers, tr: Translator, today: dt.date) -> Report:
    pack = content.pack
    condition = content.condition(answers.condition).name if answers.condition else _("Not given")
    sure = sure_result(content, answers)
    right, asked = knowledge_score(content, answers)
    chosen = chosen_suggestions(content, answers)
    if not chosen and not answers.own_questions:
        chosen = suggest_questions(content, answers)[:CLINICIAN_QUESTIONS]

    # Number the sources in order of first use, so the list at the end matches.
    numbers: dict[str, int] = {}

    def cite(source_ids: tuple[str, ...]) -> None:
        for sid in source_ids:
            numbers.setdefault(sid, len(numbers) + 1)

    kinds: tuple[FactKind, ...] = ("benefit", "risk", "unknown")
    shown_facts = [f for kind in kinds for f in content.facts_for(answers.condition, kind)]
    for fact in shown_facts:
        cite(((fact.statistic.source,) if fact.statistic else ()) + fact.sources)
    cite((content.deliberation.sure_source,))

    # ---- page 1: for the specialist ------------------------------------------------------
    if sure.conflict is None:
        sure_text = _("Not completed ({answered} of {items} answered).").format(
            answered=sure.answered, items=sure.items
        )
    elif sure.conflict:
        sure_text = _(
            "{score} of {items}: may be feeling unsure or unsupported (decisional conflict). Worth talking through."
        ).format(score=sure.score, items=sure.items)
    else:
        sure_text = _("{score} of {items}: no sign of decisional conflict.").format(
            score=sure.score, items=sure.items
        )

    tried = [t.name for t in content.treatments if t.id in answers.treatments_tried]
    kgaps = knowledge_gaps(content, answers)
    rgaps = readiness_gaps(content, answers)
    readiness_words = {"no": _("no"), "unsure": _("not sure"), None: _("not answered")}

    clinician: list[Block] = [
        Heading(_("Summary for the care team"), 1),
        Paragraph(
            _(
                "The person who brings this used a decision aid about CAR-T cell therapy for autoimmune disease. It records what they read and what matters to them. It is not a referral and does not recommend a treatment."
            ),
            "small",
        ),
        Fields(
            (
                (_("Name"), ""),
                (_("Date of birth"), ""),
                (_("Condition"), condition),
                (_("Treatments already tried"), ", ".join(tried) if tried else _("None given")),
                (_("Leaning now"), _leaning_text(content, answers)),
                (_("SURE check"), sure_text),
                (
                    _("Knowledge check"),
                    _("{right} of {asked} right").format(right=right, asked=asked),
                ),
            )
        ),
        Heading(_("What matters most to them"), 2),
    ]
    rated = priorities(content, answers)
    if rated:
        clinician.append(
            RatingBars(
                tuple(RatingBar(p.consideration.label, p.rating, RATING_MAX) for p in rated),
                _("Not important"),
                _("Very important"),
            )
        )
    else:
        clinician.append(Paragraph(_("No ratings given."), "note"))
    if kgaps:
        clinician.append(Heading(_("Knowledge gaps to go over"), 3))
        clinician.append(Bullets(tuple(g.item.prompt for g in kgaps)))
    if rgaps:
        clinician.append(Heading(_("Practical matters not yet sorted"), 3))
        clinician.append(
            Bullets(tuple(f"{g.item.prompt} ({readiness_words[g.value]})" for g in rgaps))
        )
    top = [*(s.question.text for s in chosen), *answers.own_questions][:CLINICIAN_QUESTIONS]
    if top:
        clinician.append(Heading(_("Their top questions"), 3))
        clinician.append(Bullets(tuple(top)))

    # ---- the pages for the patient ------------------------------------------------------
    patient: list[Block] = [
        Heading(_("Your questions to ask"), 1),
        Paragraph(pack.decision_question, "lead"),
        Paragraph(
            _(
                "Bring this to your appointment. There is space under each question to write the answer."
            ),
            "small",
        ),
    ]
    items = [
        QuestionItem(
            i + 1,
            s.question.text,
            reason_text(s.reasons[0], content) if s.reasons else _("You chose this question."),
            own=False,
        )
        for i, s in enumerate(chosen)
    ]
    items += [
        QuestionItem(len(items) + i + 1, q, _("Your own question."), own=True)
        for i, q in enumerate(answers.own_questions)
    ]
    if items:
        patient.append(QuestionList(tuple(items), ANSWER_LINES))
    else:
        patient.append(Paragraph(_("You did not choose any questions."), "note"))
    if answers.own_concerns or answers.notes:
        patient.append(Heading(_("In your own words"), 2))
        patient += [Paragraph(c) for c in answers.own_concerns]
        if answers.notes:
            patient.append(Paragraph(answers.notes))

    top3 = top_priorities(content, answers)
    if top3:
        patient.append(Heading(_("What you said matters most"), 2))
        patient.append(Bullets(tuple(p.consideration.label for p in top3)))
        for alignment in align_options(content, answers):
            if alignment.important:
                patient.append(
                    Paragraph(
                        _(
                            "Things you rated as important that tend to go with “{option}”: {things}."
                        ).format(
                            option=alignment.option.name,
                            things="; ".join(p.consideration.label for p in alignment.important),
                        )
                    )
                )
        patient.append(
            Paragraph(
                _(
                    "This reflects what you said. It is not advice. Only you, with your care team, can decide."
                ),
                "note",
            )
        )

    benefit_and_risk = [f for f in shown_facts if f.kind != "unknown" and f.statistic is not None]
    if benefit_and_risk:
        patient.append(Heading(_("Key numbers you saw"), 2))
        patient.append(
            Paragraph(
                _(
                    "These come from small, early studies. Each number says who was studied and for how long."
                ),
                "small",
            )
        )
        for fact in benefit_and_risk:
            patient += _fact_block(fact, numbers)
    unknowns = [f for f in shown_facts if f.kind == "unknown"]
    if unknowns:
        patient.append(Heading(_("What is not known yet"), 2))
        patient.append(Bullets(tuple(f"{f.title}: {f.body}" for f in unknowns)))
    patient.append(Heading(_("Next steps"), 2))
    patient.append(Bullets(pack.next_steps))
    patient.append(Heading(_("About this decision aid"), 2))
    patient.append(
        Fields(
            (
                (_("Content version"), pack.version),
                (_("Last reviewed"), tr.format_date(pack.last_reviewed)),
                (_("Review due"), tr.format_date(pack.review_by)),
                (_("Written by"), "; ".join(f"{a.name} ({a.role})" for a in pack.authors)),
                (_("Funding"), pack.funding),
                (_("Conflicts of interest"), pack.conflicts),
                (_("Updates"), pack.update_policy),
                (_("Review"), pack.review_status),
            )
        )
    )
    if content.review_overdue(today):
        patient.append(
            Paragraph(
                _("This content is past its review date. Newer evidence may exist."), "warning"
            )
        )
    patient.append(Heading(_("Sources"), 2))
    patient.append(
        SourceList(
            tuple(
                SourceItem(n, content.sources[s].citation, content.sources[s].url)
                for s, n in numbers.items()
                if s in content.sources
            )
        )
    )

    return Report(
        title=_("CAR-T decision aid: my summary and questions"),
        subject=pack.decision_question,
        language=tr.language,
        direction=tr.direction,
        running_head=pack.title,
        footer=_("Content {version}, reviewed {reviewed}. Printed {today}.").format(
            version=pack.version,
            reviewed=tr.format_date(pack.last_reviewed),
            today=tr.format_date(today),
        ),
        disclaimer=pack.disclaimer,
        page_label=_("Page {page} of {pages}"),
        more_label=_("…and {count} more"),
        clinician_page=tuple(clinician),
        patient_pages=tuple(patient),
    )
