# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Render every wizard page at the target screen sizes into screenshots/ (offscreen).

Usage: .venv/bin/python tools/screenshots.py [--lang en] [--out screenshots]
       [--text-size 200] [--scale 2] [--high-contrast] [--sizes 1024x600]
Answers are filled in as a person would, so the tailored pages have something to show.
--scale sets QT_SCALE_FACTOR (a high-DPI screen); --text-size is the in-app text size.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _scale_from_argv(argv: list[str]) -> str | None:
    """--scale must reach Qt before it starts, so it is read before any Qt import."""
    for index, arg in enumerate(argv):
        if arg == "--scale" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--scale="):
            return arg.split("=", 1)[1]
    return None


if (_SCALE := _scale_from_argv(sys.argv)) is not None:
    os.environ["QT_SCALE_FACTOR"] = _SCALE

from decisionaid.answers import Answers  # noqa: E402
from decisionaid.gui import style  # noqa: E402
from decisionaid.gui.app import create_application  # noqa: E402
from decisionaid.gui.host import WizardHost  # noqa: E402
from decisionaid.gui.wizard import STEP_TITLES, DecisionWizard  # noqa: E402
from decisionaid.session import Session, new_session  # noqa: E402

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
    for index, consideration in enumerate(content.considerations):
        answers = answers.with_rating(consideration.id, index % 5)
    for sure in content.deliberation.sure_items:
        answers = answers.with_sure(sure.id, True)
    return answers


def main(argv: list[str] | None = None) -> int:
    """Write one PNG per page and size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--pages", default="", help="comma-separated page numbers (1-based)")
    parser.add_argument("--full", action="store_true", help="also the whole scrolled page")
    parser.add_argument("--scale", default="", help="QT_SCALE_FACTOR, e.g. 2 (a high-DPI screen)")
    parser.add_argument("--text-size", type=int, default=100, choices=style.TEXT_SIZES)
    parser.add_argument("--high-contrast", action="store_true")
    parser.add_argument("--sizes", default="", help="e.g. 1024x600,1366x768 (default: all)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv[:1])
    style.set_appearance(style.Appearance(args.text_size, args.high_contrast))
    sizes = (
        [tuple(int(n) for n in size.split("x")) for size in args.sizes.split(",")]
        if args.sizes
        else SIZES
    )
    tag = f"-t{args.text_size}" if args.text_size != 100 else ""
    tag += f"-s{args.scale}" if args.scale else ""
    tag += "-hc" if args.high_contrast else ""

    def factory(language: str) -> Session:
        session = new_session(language)
        session.answers = sample_answers(session)
        return session

    host = WizardHost(None, session_factory=factory)
    wanted = {int(n) for n in args.pages.split(",") if n}
    for width, height in sizes:
        wizard = host.start(args.lang)
        if not isinstance(wizard, DecisionWizard):  # the calm error screen instead
            raise SystemExit(f"the guide could not be built in {args.lang!r}")
        wizard.resize(width, height)
        wizard.show()  # laid out and scrolled as a person sees it, not only painted
        for index in range(len(STEP_TITLES)):
            if index:
                wizard.next()
            for _ in range(3):  # what a page turn starts (layouts, scrolling), finished
                app.processEvents()
            if wanted and index + 1 not in wanted:
                continue
            name = f"{args.lang}-{width}x{height}{tag}-{index + 1:02d}.png"
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
