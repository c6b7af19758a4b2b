# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The `decisionaid check` command: is the content pack sound and is every translation usable."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from decisionaid.content import Content, ContentError, load_content
from decisionaid.i18n import SOURCE_LANGUAGE, available_languages, load_translator
from decisionaid.readability import measure


@dataclass(frozen=True)
class Finding:
    """One result of a check: an error fails `decisionaid check`, a warning does not."""

    ERROR: ClassVar[str] = "error"
    WARNING: ClassVar[str] = "warning"
    INFO: ClassVar[str] = "info"

    level: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.where}: {self.message}"


def content_findings(content: Content, today: dt.date) -> list[Finding]:
    """House rules beyond the loader's structural checks."""
    findings: list[Finding] = []
    if content.review_overdue(today):
        findings.append(
            Finding(
                Finding.WARNING,
                "pack.yaml",
                f"review_by {content.pack.review_by} has passed; the content may be out of date",
            )
        )
    raised = {
        kind: {ref for q in content.questions for ref in getattr(q.raised_by, kind)}
        for kind in ("considerations", "concerns", "knowledge", "readiness")
    }
    unused = [
        (
            "considerations.yaml",
            "consideration",
            [c.id for c in content.considerations if c.id not in raised["considerations"]],
        ),
        (
            "concerns.yaml",
            "concern",
            [c.id for c in content.concerns if c.id not in raised["concerns"]],
        ),
        (
            "knowledge.yaml",
            "knowledge item",
            [k.id for k in content.knowledge if k.id not in raised["knowledge"]],
        ),
        (
            "readiness.yaml",
            "readiness item",
            [r.id for r in content.readiness if r.id not in raised["readiness"]],
        ),
    ]
    for file, what, ids in unused:
        findings += [Finding(Finding.ERROR, file, f"{what} {i!r} raises no question") for i in ids]
    for fact in content.facts:
        if fact.statistic and content.sources[fact.statistic.source].tag not in ("R", "S", "P"):
            findings.append(
                Finding(Finding.ERROR, "facts.yaml", f"{fact.id}: statistic source is not verified")
            )
    return findings


def run_checks(content_dir: Path, translations_dir: Path, today: dt.date) -> list[Finding]:
    """Load the pack in every language and report what is wrong."""
    findings: list[Finding] = []
    try:
        content = load_content(content_dir)
    except ContentError as exc:
        return [
            Finding(
                Finding.ERROR,
                exc.file + (f":{exc.line}" if exc.line else ""),
                f"{exc.field}: {exc.message}" if exc.field else exc.message,
            )
        ]
    findings += content_findings(content, today)
    level = measure(t.text for t in content.texts if t.file != "sources.yaml")
    findings.append(
        Finding(
            Finding.INFO,
            "content",
            f"reading level: Flesch-Kincaid grade {level.grade:.1f} over {level.words} words",
        )
    )
    for language in available_languages(translations_dir):
        if language.code == SOURCE_LANGUAGE:
            continue
        translator = load_translator(language.code, translations_dir)
        findings += [
            Finding(Finding.ERROR, language.code, problem) for problem in translator.problems
        ]
        try:
            load_content(content_dir, translator.content_text)
        except ContentError as exc:
            findings.append(
                Finding(Finding.ERROR, language.code, f"translated content is invalid: {exc}")
            )
    return findings
