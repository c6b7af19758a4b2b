# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Command line: start the wizard, render a summary from an answers file, or check the data.

Runs without a display and without importing PySide6 except to start the wizard. Bad
arguments and unreadable files give one plain line and exit code 2, never a traceback.
"""

from __future__ import annotations

from decisionaid import codecache, regexcache

# Before anything else is imported: the regular expressions those imports compile, and
# PySide6's embedded modules, come from kept codes.
regexcache.install()
codecache.install()

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import gc  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

from decisionaid import __version__, paths  # noqa: E402
from decisionaid.i18n import language_codes  # noqa: E402

# Each command imports what it needs when it runs: the wizard's start-up pays for none of
# the answers-file reader, the YAML parser, the report or the PDF stack.

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
log = logging.getLogger("decisionaid")


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors on one line with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Print a one-line usage error and exit 2."""
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="decisionaid",
        description="A decision aid about CAR-T cell therapy for autoimmune disease.",
    )
    parser.add_argument("--version", action="version", version=f"decisionaid {__version__}")
    parser.add_argument(
        "--lang", default=None, help="language code, e.g. en, es, ar (default: English)"
    )
    parser.add_argument("--kiosk", action="store_true", help="full-screen clinic kiosk mode")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    render = sub.add_parser("render", help="make the PDF summary from an answers file")
    render.add_argument("--answers", required=True, type=Path, help="answers file (YAML or JSON)")
    render.add_argument("--out", "-o", required=True, type=Path, help="PDF file to write")
    render.add_argument(
        "--lang",
        dest="render_lang",
        default=None,
        help="language of the PDF (default: the answers' language)",
    )
    render.add_argument("--date", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    sub.add_parser("check", help="validate the content pack and the translations")
    questionnaire = sub.add_parser(
        "questionnaire", help="regenerate the FHIR Questionnaire and CodeSystem (resources/fhir/)"
    )
    questionnaire.add_argument("--out", type=Path, default=None, help="folder to write to")
    export = sub.add_parser(
        "export", help="an answers file as a FHIR QuestionnaireResponse (JSON, no identity)"
    )
    export.add_argument("--answers", required=True, type=Path, help="answers file (YAML or JSON)")
    export.add_argument("--out", "-o", required=True, type=Path, help="JSON file to write")
    export.add_argument(
        "--authored", default=None, help="FHIR dateTime of the answers (default: now, UTC)"
    )
    import_qr = sub.add_parser(
        "import-qr", help="a scanned cover-sheet QR payload as a FHIR QuestionnaireResponse"
    )
    import_qr.add_argument("payload", help="the scanned text, or - to read it from stdin")
    import_qr.add_argument(
        "--out", "-o", type=Path, default=None, help="JSON file to write (default: stdout)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for the `decisionaid` command."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:  # the desktop launcher: the wizard in English, as parsing [] would give
        return _gui("en", kiosk=False)  # (building the parser costs start-up about 3 ms)
    args = _parser().parse_args(argv)
    named = [lang for lang in (args.lang, getattr(args, "render_lang", None)) if lang is not None]
    codes: set[str] = set()
    # Read languages.toml only when there is a language to check: the wizard started with
    # no --lang (the desktop launcher, the kiosk) gets its languages with the cached pack.
    if named or args.command == "render":
        shipped = set(language_codes())
        # A language in progress can be previewed by name (translators), never in the kiosk.
        previews = set(language_codes(include_in_progress=True))
        codes = shipped if args.kiosk else previews
        for lang in named:
            if lang not in codes:
                return _fail(f"unknown language {lang!r} (available: {', '.join(sorted(codes))})")
            if lang not in shipped:
                log.warning("%s is in progress: a preview, not offered to patients", lang)
    if args.command == "render":
        return _render(args.answers, args.out, args.render_lang or args.lang, args.date, codes)
    if args.command == "check":
        return _check()
    if args.command == "questionnaire":
        from decisionaid.cli.fhir import write_questionnaire

        return write_questionnaire(args.out)
    if args.command == "export":
        from decisionaid.cli.fhir import export

        return export(args.answers, args.out, args.authored)
    if args.command == "import-qr":
        from decisionaid.cli.fhir import import_qr

        return import_qr(args.payload, args.out)
    if args.kiosk and sys.platform != "win32":
        return _supervised_kiosk(args.lang or "en")
    return _gui(args.lang or "en", kiosk=args.kiosk)


def _fail(message: str) -> int:
    print(f"decisionaid: {message}", file=sys.stderr)
    return EXIT_USAGE


def _render(
    answers_path: Path,
    out: Path,
    language: str | None,
    today: dt.date | None,
    codes: set[str],
) -> int:
    from decisionaid.answers import AnswersError, load_document
    from decisionaid.content import ContentError
    from decisionaid.i18n import translator_for
    from decisionaid.pdf import write_pdf
    from decisionaid.session import shipped_pack
    from decisionaid.system.untrusted import InputError, check_output_path, read_regular_file
    from decisionaid.untrusted import decode_utf8

    try:
        check_output_path(out, not_same_as=answers_path)
    except InputError as exc:
        return _fail(f"cannot write {out}: {exc}")
    try:
        text = decode_utf8(read_regular_file(answers_path))
    except InputError as exc:
        return _fail(f"cannot read {answers_path}: {exc}")
    try:
        answers, lines = load_document(text)
    except AnswersError as exc:
        return _fail(f"{answers_path}: {exc}")
    language = language or answers.language
    if language not in codes:
        return _fail(
            f"{answers_path}: language: not available (available: {', '.join(sorted(codes))})"
        )
    translator = translator_for(language)
    try:
        content = shipped_pack(translator).content  # the validated-content cache when fresh
        answers.validate(content, lines)
    except ContentError as exc:
        return _fail(f"the content pack is broken: {exc}")
    except AnswersError as exc:
        return _fail(f"{answers_path}: {exc}")
    from decisionaid.report import build_report

    report = build_report(content, answers, translator, today or dt.date.today())
    try:
        write_pdf(report, out)
    except OSError as exc:
        return _fail(f"cannot write {out}: {getattr(exc, 'strerror', None) or exc}")
    print(f"Wrote {out}")
    return EXIT_OK


def _check() -> int:
    from decisionaid.checks import Finding, run_checks  # only for this command

    findings = run_checks(paths.content_dir(), paths.translations_dir(), dt.date.today())
    for finding in findings:
        print(finding)
    errors = [f for f in findings if f.level == Finding.ERROR]
    warnings = [f for f in findings if f.level == Finding.WARNING]
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return EXIT_FINDINGS if errors else EXIT_OK


def _has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _supervised_kiosk(language: str) -> int:
    """The kiosk as one process per person, so a reset leaves nothing in memory."""
    if not _has_display():
        return _fail(
            "no display found: the kiosk needs a graphical session (DISPLAY or WAYLAND_DISPLAY)"
        )
    from decisionaid.system.supervisor import run_supervisor

    return run_supervisor(language)


def _gui(language: str, *, kiosk: bool) -> int:
    if not _has_display():
        return _fail(
            "no display found: the wizard needs a graphical session (DISPLAY or WAYLAND_DISPLAY). "
            "To make a PDF without one, use: decisionaid render --answers FILE --out OUT.pdf"
        )
    # Start-up makes some 30 000 objects (modules, classes, Qt's enum classes) that live as
    # long as the program, and no garbage: the cycle collector would only walk them again
    # and again. It is off until the first page is on screen, and what exists before any
    # session is frozen out of every later collection (nothing about a person is in it).
    gc.disable()
    try:
        from decisionaid.gui.app import run
    except ImportError as exc:
        gc.enable()
        return _fail(
            f"the graphical interface cannot start: {exc}. See README.md for the system packages it needs."
        )
    gc.freeze()
    code: int = run(sys.argv[:1], language=language, kiosk=kiosk, when_shown=gc.enable)
    return code
