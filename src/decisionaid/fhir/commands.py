# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The FHIR subcommands of `decisionaid`: questionnaire, export and import-qr.

Each returns an exit code and reports problems in one plain line on stderr, like the rest
of the command line.
"""

from __future__ import annotations

import sys
from pathlib import Path

from decisionaid.content import ContentError
from decisionaid.fhir import FhirError
from decisionaid.fhir import questionnaire as fq

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"decisionaid: {message}", file=sys.stderr)
    return code


def write_questionnaire(out_dir: Path | None) -> int:
    """`decisionaid questionnaire`: (re)write this pack version's Questionnaire and CodeSystem."""
    try:
        editions = fq.load_editions()
        written = fq.write_published(out_dir or fq.fhir_dir(), editions)
    except (ContentError, FhirError) as exc:
        return _fail(f"cannot build the Questionnaire: {exc}")
    except OSError as exc:
        return _fail(f"cannot write: {getattr(exc, 'strerror', None) or exc}")
    for path in written:
        print(f"Wrote {path}")
    return EXIT_OK
