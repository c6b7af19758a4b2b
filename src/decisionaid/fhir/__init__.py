# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""HL7 FHIR export: the pack as a Questionnaire, answers as a QuestionnaireResponse.

Pure Python (no Qt, no ReportLab). `fhir.resources` is imported only by `validate`, so that
start-up never pays for it. See docs/fhir.md for the mapping and the QR-code encoding.
"""

from __future__ import annotations

import re
from typing import Final

CANONICAL_BASE: Final = "https://decisionaid.invalid/fhir"
TRANSLATION_URL: Final = "http://hl7.org/fhir/StructureDefinition/translation"
MIN_VALUE_URL: Final = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE_URL: Final = "http://hl7.org/fhir/StructureDefinition/maxValue"
# FHIR dateTime: a year, a date, or a date and time with seconds and a time zone. Here, not
# in `response`, so that the QR payload (`compact`) does not import the Questionnaire builder.
DATETIME: Final = re.compile(
    r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?)?)?"
)


class FhirError(ValueError):
    """A resource or payload that cannot be built or read, with a plain message."""
