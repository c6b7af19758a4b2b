# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The summary as plain data: what the PDF shows, already translated, with no ReportLab in sight.

`build_report()` turns the pack and the answers into a `Report`; `decisionaid.pdf` lays it out.
All strings here are plain text (never markup): the PDF layer escapes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from decisionaid import __version__
from decisionaid.answers import UNSURE, Answers
from decisionaid.content import RATING_MAX, Content, Fact, FactKind, Statistic
from decisionaid.i18n import Direction, Translator, _, format_list, ngettext, use_language
from decisionaid.questions import Suggestion, chosen_suggestions, reason_text, suggest_questions
from decisionaid.values import (
    align_options,
    knowledge_gaps,
    knowledge_score,
    knowledge_unanswered,
    priorities,
    readiness_gaps,
    sure_result,
    top_priorities,
)

ParagraphStyle = Literal["body", "lead", "small", "note", "warning"]
CLINICIAN_QUESTIONS = 3
ICONS_MAX = 100  # an icon array draws at most this many figures; above, it shows the rate per 100
ICONS_PER_ROW = 10
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
    record_code: RecordCode | None = None


@dataclass(frozen=True)
class RecordCode:
    """The answers as a compact payload (docs/fhir.md) for a QR code on page 1, labelled for staff."""

    payload: str
    heading: str
    text: str


def statistic_sentence(stat: Statistic) -> str:
    """'k out of N people …' in words, in the active language (QL4, QL5)."""
    return ngettext(
        "{events} out of {total} person in {study}, {time_frame}",
        "{events} out of {total} people in {study}, {time_frame}",
        stat.total,
    ).format(events=stat.events, total=stat.total, study=stat.study, time_frame=stat.time_frame)


def statistic_detail(stat: Statistic, source_number: int | None = None) -> str:
    """Who, over what time, how certain, and which source: whole sentences for the translator."""
    certainty = {
        # TRANSLATORS: how sure the evidence is (GRADE certainty), after "How sure:".
        "very_low": _("very uncertain"),
        "low": _("uncertain"),
        "moderate": _("moderately certain"),
        "high": _("fairly certain"),
    }[stat.certainty]
    low, high = stat.range_per_100()
    values = {
        "population": stat.population,
        "certainty": certainty,
        "total": stat.total,
        "low": low,
        "high": high,
        "number": source_number,
    }
    if source_number is None:
        text = ngettext(
            "Who: {population}. How sure: {certainty}. With {total} person studied, the true figure could be anywhere from about {low} to {high} in 100.",
            "Who: {population}. How sure: {certainty}. With {total} people studied, the true figure could be anywhere from about {low} to {high} in 100.",
            stat.total,
        ).format(**values)
    else:
        # TRANSLATORS: {number} is the number of the source in the list at the end of the summary.
        text = ngettext(
            "Who: {population}. How sure: {certainty}. With {total} person studied, the true figure could be anywhere from about {low} to {high} in 100. Source [{number}].",
            "Who: {population}. How sure: {certainty}. With {total} people studied, the true figure could be anywhere from about {low} to {high} in 100. Source [{number}].",
            stat.total,
        ).format(**values)
    if stat.setting == "cancer":
        # TRANSLATORS: {details} is the sentence "Who: … How sure: … With … people studied, …".
        text = _(
            "These people were treated for blood cancer, not autoimmune disease. {details}"
        ).format(details=text)
    return text


def icons_for(events: int, total: int) -> tuple[int, int]:
    """(filled, shown) figures for `events` out of `total`: one per person up to ICONS_MAX, else per 100."""
    if total <= ICONS_MAX:
        return events, total
    return round(ICONS_MAX * events / total), ICONS_MAX


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
                _("Sources: {numbers}").format(numbers=format_list(f"[{n}]" for n in refs)),
                "small",
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


@dataclass(frozen=True)
class _Inputs:
    """What every section builder reads: the pack, the answers and what is worked out once."""

    content: Content
    answers: Answers
    tr: Translator
    today: dt.date
    chosen: tuple[Suggestion, ...]
    shown_facts: tuple[Fact, ...]
    numbers: dict[str, int]  # source id -> its number in the reference list, in order of use


def _inputs(content: Content, answers: Answers, tr: Translator, today: dt.date) -> _Inputs:
    chosen = tuple(chosen_suggestions(content, answers))
    if not chosen and not answers.own_questions:
        chosen = tuple(suggest_questions(content, answers)[:CLINICIAN_QUESTIONS])
    kinds: tuple[FactKind, ...] = ("benefit", "risk", "unknown")
    shown_facts = tuple(f for kind in kinds for f in content.facts_for(answers.condition, kind))
    # Number the sources in order of first use, so the list at the end matches.
    numbers: dict[str, int] = {}
    for fact in shown_facts:
        for sid in ((fact.statistic.source,) if fact.statistic else ()) + fact.sources:
            numbers.setdefault(sid, len(numbers) + 1)
    for row in content.comparison:
        for sid in row.sources:
            numbers.setdefault(sid, len(numbers) + 1)
    numbers.setdefault(content.deliberation.sure_source, len(numbers) + 1)
    return _Inputs(content, answers, tr, today, chosen, shown_facts, numbers)


def _build(content: Content, answers: Answers, tr: Translator, today: dt.date) -> Report:
    pack = content.pack
    inputs = _inputs(content, answers, tr, today)
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
        # TRANSLATORS: printed at the foot of every page of the PDF.
        page_label=_("Page {page} of {pages}"),
        # TRANSLATORS: ends a list that was cut short; {count} is how many items were left out.
        more_label=_("…and {count} more"),
        clinician_page=tuple(b for section in CLINICIAN_SECTIONS for b in section(inputs)),
        patient_pages=tuple(b for section in PATIENT_SECTIONS for b in section(inputs)),
        record_code=_cover_record_code(inputs),
    )


def _sure_text(content: Content, answers: Answers) -> str:
    sure = sure_result(content, answers)
    if sure.conflict is None:
        return _("Not completed ({answered} of {items} answered).").format(
            answered=sure.answered, items=sure.items
        )
    if sure.conflict:
        return _(
            "{score} of {items}: may be feeling unsure or unsupported (decisional conflict). Worth talking through."
        ).format(score=sure.score, items=sure.items)
    return _("{score} of {items}: no sign of decisional conflict.").format(
        score=sure.score, items=sure.items
    )


def _cover_fields(content: Content, answers: Answers) -> Fields:
    """Who, which condition, what they tried, where they lean, and the two checks."""
    condition = content.condition(answers.condition).name if answers.condition else _("Not given")
    tried = [t.name for t in content.treatments if t.id in answers.treatments_tried]
    score = knowledge_score(content, answers)
    return Fields(
        (
            # TRANSLATORS: a field the care team fills in by hand: the person's name.
            (_("Name"), ""),
            (_("Date of birth"), ""),
            (_("Condition"), condition),
            (_("Treatments already tried"), format_list(tried) if tried else _("None given")),
            # TRANSLATORS: which option the person leans towards at the moment.
            (_("Leaning now"), _leaning_text(content, answers)),
            # TRANSLATORS: SURE is the name of a 4-question test of decisional conflict (Sure,
            # Understand, Risk-benefit, Encouragement); keep "SURE" as it is.
            (_("SURE check"), _sure_text(content, answers)),
            (
                _("Knowledge check"),
                # TRANSLATORS: the clinician's view of the knowledge check, e.g. "1 right,
                # 0 wrong, 5 not answered"; a skipped question is neither right nor wrong.
                _("{right} right, {wrong} wrong, {unanswered} not answered").format(
                    right=score.right, wrong=score.wrong, unanswered=score.unanswered
                ),
            ),
        )
    )


def _cover_sheet(i: _Inputs) -> list[Block]:
    """Page 1, for the specialist: the person's situation, priorities, gaps and top questions."""
    content, answers = i.content, i.answers
    blocks: list[Block] = [
        Heading(_("Summary for the care team"), 1),
        Paragraph(
            _(
                "The person who brings this used a decision aid about CAR-T cell therapy for autoimmune disease. It records what they read and what matters to them. It is not a referral and does not recommend a treatment."
            ),
            "small",
        ),
        _cover_fields(content, answers),
        Heading(_("What matters most to them"), 2),
    ]
    rated = priorities(content, answers)
    if rated:
        bars = tuple(RatingBar(p.consideration.label, p.rating, RATING_MAX) for p in rated)
        # TRANSLATORS: the two ends of the scale of how much something matters.
        blocks.append(RatingBars(bars, _("Not important"), _("Very important")))
    else:
        blocks.append(Paragraph(_("No ratings given."), "note"))
    kgaps = knowledge_gaps(content, answers)
    if kgaps:
        blocks.append(Heading(_("Knowledge gaps to go over"), 3))
        blocks.append(Bullets(tuple(g.item.prompt for g in kgaps)))
    skipped = knowledge_unanswered(content, answers)
    if skipped and len(skipped) < len(content.knowledge):
        blocks.append(Heading(_("Knowledge questions not answered"), 3))
        blocks.append(Bullets(tuple(k.prompt for k in skipped)))
    rgaps = readiness_gaps(content, answers)
    if rgaps:
        # TRANSLATORS: the answer given to a practical question, shown after it in brackets.
        words = {"no": _("no"), "unsure": _("not sure"), None: _("not answered")}
        blocks.append(Heading(_("Practical matters not yet sorted"), 3))
        blocks.append(
            Bullets(
                tuple(
                    # TRANSLATORS: a practical question and the answer given, e.g. "Can you
                    # stay near the centre? (not sure)".
                    _("{question} ({answer})").format(question=g.item.prompt, answer=words[g.value])
                    for g in rgaps
                )
            )
        )
    top = [*(s.question.text for s in i.chosen), *answers.own_questions][:CLINICIAN_QUESTIONS]
    if top:
        blocks.append(Heading(_("Their top questions"), 3))
        blocks.append(Bullets(tuple(top)))
    return blocks


def _cover_record_code(i: _Inputs) -> RecordCode | None:
    """The cover sheet's QR payload and its label for staff; None if the answers cannot be encoded.

    Drawn under the cover sheet's blocks (at its own size, never shrunk), so it is a field of
    the `Report` rather than a block.
    """
    from decisionaid.fhir import FhirError  # not at start-up: only when a summary is made
    from decisionaid.fhir.compact import LEFT_OUT, encode

    try:
        payload = encode(i.content, i.answers, i.today.isoformat())
    except FhirError:
        return None
    if payload.endswith("|" + LEFT_OUT):
        # TRANSLATORS: under the QR code on page 1, for clinic staff; {command} is a command
        # name, keep it as it is.
        text = _(
            "Scan this code to add these answers to the person's record. It holds no name or "
            "date of birth, so file it under the right person. To read it: {command} The "
            "person's own words did not fit in the code; they are in this summary."
        )
    else:
        # TRANSLATORS: under the QR code on page 1, for clinic staff; {command} is a command
        # name, keep it as it is.
        text = _(
            "Scan this code to add these answers to the person's record. It holds no name or "
            "date of birth, so file it under the right person. To read it: {command}"
        )
    text = text.format(command="decisionaid import-qr")
    return RecordCode(payload, _("For clinic staff"), text)


def _questions(i: _Inputs) -> list[Block]:
    """The questions to ask, with room to write the answers, and the person's own words."""
    answers = i.answers
    blocks: list[Block] = [
        Heading(_("Your questions to ask"), 1),
        Paragraph(i.content.pack.decision_question, "lead"),
        Paragraph(
            _(
                "Bring this to your appointment. There is space under each question to write the answer."
            ),
            "small",
        ),
    ]
    items = [
        QuestionItem(
            n,
            s.question.text,
            reason_text(s.reasons[0], i.content) if s.reasons else _("You chose this question."),
            own=False,
        )
        for n, s in enumerate(i.chosen, 1)
    ]
    items += [
        QuestionItem(len(items) + n, q, _("Your own question."), own=True)
        for n, q in enumerate(answers.own_questions, 1)
    ]
    if items:
        blocks.append(QuestionList(tuple(items), ANSWER_LINES))
    else:
        blocks.append(Paragraph(_("You did not choose any questions."), "note"))
    if answers.own_concerns or answers.notes:
        blocks.append(Heading(_("In your own words"), 2))
        blocks += [Paragraph(c) for c in answers.own_concerns]
        if answers.notes:
            blocks.append(Paragraph(answers.notes))
    return blocks


def _what_matters(i: _Inputs) -> list[Block]:
    """The person's top priorities and the options they tend to go with; never advice."""
    top3 = top_priorities(i.content, i.answers)
    if not top3:
        return []
    blocks: list[Block] = [
        Heading(_("What you said matters most"), 2),
        Bullets(tuple(p.consideration.label for p in top3)),
    ]
    for alignment in align_options(i.content, i.answers):
        if alignment.important:
            things = format_list(p.consideration.label for p in alignment.important)
            blocks.append(
                Paragraph(
                    _(
                        "Things you rated as important that tend to go with “{option}”: {things}."
                    ).format(option=alignment.option.name, things=things)
                )
            )
    blocks.append(
        Paragraph(
            _(
                "This reflects what you said. It is not advice. Only you, with your care team, can decide."
            ),
            "note",
        )
    )
    return blocks


def _refs(fact: Fact, numbers: dict[str, int]) -> str:
    refs = [numbers[s] for s in fact.sources if s in numbers]
    return " ".join(f"[{n}]" for n in refs)


def _fact_in_words(fact: Fact, numbers: dict[str, int]) -> str:
    """One fact as a sentence: its title, its text and, if any, its source numbers."""
    refs = _refs(fact, numbers)
    if refs:
        # TRANSLATORS: one statement of the summary: its title, its explanation, then the
        # numbers of its sources in the list at the end, e.g. "[3] [5]".
        return _("{title}: {text} {sources}").format(title=fact.title, text=fact.body, sources=refs)
    # TRANSLATORS: one statement of the summary: its title, then its explanation.
    return _("{title}: {text}").format(title=fact.title, text=fact.body)


def _facts_in_words(facts: list[Fact], numbers: dict[str, int]) -> list[Block]:
    """Facts without a number, one bullet each: title, body and source numbers."""
    if not facts:
        return []
    return [Bullets(tuple(_fact_in_words(f, numbers) for f in facts))]


def _option_facts(i: _Inputs, option_id: str, kind: FactKind) -> list[Block]:
    """One option's facts of one kind: numbers as icon arrays first, then the rest in words."""
    facts = [f for f in i.shown_facts if f.option == option_id and f.kind == kind]
    blocks: list[Block] = []
    for fact in facts:
        if fact.statistic is not None:
            blocks += _fact_block(fact, i.numbers)
    blocks += _facts_in_words([f for f in facts if f.statistic is None], i.numbers)
    if not blocks:
        blocks.append(Paragraph(_("None shown for your condition."), "note"))
    return blocks


def _benefits_and_harms(i: _Inputs) -> list[Block]:
    """Everything shown in the aid for this condition, grouped by option: benefits, harms, unknowns.

    Each option gets the same three parts in the same order and the same display, so a reader
    sees both options' benefits and harms side by side; numbers say k of N, who and for how long.
    """
    content, answers = i.content, i.answers
    blocks: list[Block] = [
        Heading(_("What you read about each option"), 2),
        Paragraph(
            _(
                "Both options are shown the same way: possible benefits, possible harms, and what is not known. A number says how many people it happened to, out of how many studied, and for how long. Where there is no number, the words say what is known."
            ),
            "small",
        ),
    ]
    if answers.condition is not None:
        condition = content.condition(answers.condition)
        blocks.append(
            Paragraph(
                _("How much CAR-T evidence there is for {condition}: {summary}").format(
                    condition=condition.name, summary=condition.evidence_summary
                )
            )
        )
    parts: tuple[tuple[FactKind, str], ...] = (
        ("benefit", _("Possible benefits")),
        ("risk", _("Possible harms")),
        ("unknown", _("What is not known yet")),
    )
    for option in content.options:
        blocks.append(Heading(option.name, 2))
        for kind, label in parts:
            blocks.append(Heading(label, 3))
            blocks += _option_facts(i, option.id, kind)
    return blocks


def _option_grid(i: _Inputs) -> list[Block]:
    """The side-by-side grid of the options, row by row (IPDAS Q3-Q6)."""
    content = i.content
    blocks: list[Block] = [Heading(_("The options side by side"), 2)]
    for row in content.comparison:
        refs = " ".join(f"[{i.numbers[s]}]" for s in row.sources if s in i.numbers)
        # TRANSLATORS: a heading, then the numbers of its sources in the list at the end of the
        # summary, e.g. "How long it takes [4] [7]".
        title = _("{title} {sources}").format(title=row.label, sources=refs) if refs else row.label
        blocks.append(Heading(title, 3))
        blocks.append(
            Bullets(
                tuple(
                    # TRANSLATORS: an option's name, then what it means for one consideration (a
                    # cell of the side-by-side table).
                    _("{option}: {text}").format(option=option.name, text=row.cells[option.id])
                    for option in content.options
                    if option.id in row.cells
                )
            )
        )
    return blocks


def _next_steps(i: _Inputs) -> list[Block]:
    """What to do after reading."""
    return [Heading(_("Next steps"), 2), Bullets(i.content.pack.next_steps)]


def _about(i: _Inputs) -> list[Block]:
    """Who made the aid, how it is funded and kept current, and whether it is overdue."""
    pack, tr = i.content.pack, i.tr
    blocks: list[Block] = [
        Heading(_("About this decision aid"), 2),
        Fields(
            (
                (_("Content version"), pack.version),
                (_("Last reviewed"), tr.format_date(pack.last_reviewed)),
                (_("Review due"), tr.format_date(pack.review_by)),
                (
                    _("Written by"),
                    format_list(
                        # TRANSLATORS: an author of the content and their role.
                        _("{name} ({role})").format(name=a.name, role=a.role)
                        for a in pack.authors
                    ),
                ),
                (_("Funding"), pack.funding),
                (_("Conflicts of interest"), pack.conflicts),
                # TRANSLATORS: how the content is kept up to date (a label in the list about
                # this decision aid).
                (_("Updates"), pack.update_policy),
                # TRANSLATORS: who has reviewed the content (a label in the list about this
                # decision aid).
                (_("Review"), pack.review_status),
            )
        ),
    ]
    if i.content.review_overdue(i.today):
        blocks.append(
            Paragraph(
                _("This content is past its review date. Newer evidence may exist."), "warning"
            )
        )
    return blocks


def _sources(i: _Inputs) -> list[Block]:
    """The numbered reference list, in order of first use."""
    sources = i.content.sources
    items = tuple(
        SourceItem(n, sources[s].citation, sources[s].url)
        for s, n in i.numbers.items()
        if s in sources
    )
    return [Heading(_("Sources"), 2), SourceList(items)]


Section = Callable[[_Inputs], list[Block]]

# The summary's sections, in reading order: page 1 for the care team, then the person's pages.
CLINICIAN_SECTIONS: tuple[Section, ...] = (_cover_sheet,)
PATIENT_SECTIONS: tuple[Section, ...] = (
    _questions,
    _what_matters,
    _benefits_and_harms,
    _option_grid,
    _next_steps,
    _about,
    _sources,
)
