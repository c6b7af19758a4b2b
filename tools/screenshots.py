# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Render every wizard page at the target screen sizes into screenshots/ (offscreen).

Usage: .venv/bin/python tools/screenshots.py [--lang en] [--out screenshots]
Answers are filled in as a person would, so the tailored pages have something to show.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from decisionaid.answers import Answers
from decisionaid.gui.app import create_application
from decisionaid.gui.host import WizardHost
from decisionaid.session import Session, new_session

SIZES = ((1024, 600), (1366, 768), (1080, 1920))


def sample_answers(session: Session) -> Answers:
    """Plausible answers for the first condition, so every page has content."""
    content = session.content
    condition = content.conditions[0]
    answers = session.answers.replace(
        condition=condition.id,
        treatments_tried=condition.treatments[:2],
        leaning=content.options[0].id,
        own_questions=("Can I keep my job while I am in the trial?",),
    )
    for index, item in enumerate(content.considerations):
        answers = answers.with_rating(item.id, index % 5)
    for item in content.deliberation.sure_items:
        answers = answers.with_sure(item.id, True)
    return answers


def main(argv: list[str] | None = None) -> int:
    """Write one PNG per page and size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--pages", default="", help="comma-separated page numbers (1-based)")
    parser.add_argument("--full", action="store_true", help="also the whole scrolled page")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv[:1])

    def factory(language: str) -> Session:
        session = new_session(language)
        session.answers = sample_answers(session)
        return session

    host = WizardHost(None, session_factory=factory)
    wanted = {int(n) for n in args.pages.split(",") if n}
    for width, height in SIZES:
        wizard = host.start(args.lang)
        wizard.resize(width, height)
        for index in range(len(wizard.PAGES)):
            if index:
                wizard.next()
            app.processEvents()
            if wanted and index + 1 not in wanted:
                continue
            name = f"{args.lang}-{width}x{height}-{index + 1:02d}.png"
            wizard.grab().save(str(args.out / name))
            if args.full:
                page = wizard.currentPage()
                inner = getattr(page, "inner", None)
                if inner is not None:
                    inner.grab().save(str(args.out / name.replace(".png", "-full.png")))
        wizard.close()
    print(f"wrote screenshots to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
