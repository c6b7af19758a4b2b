# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""HL7 FHIR export: the pack as a Questionnaire, answers as a QuestionnaireResponse.

Pure Python (no Qt, no ReportLab). `fhir.resources` is imported only by `validate`, so that
start-up never pays for it. See docs/fhir.md for the mapping and the QR-code encoding.
"""

from __future__ import annotations

from typing import Final

CANONICAL_BASE: Final = "https://decisionaid.invalid/fhir"
TRANSLATION_URL: Final = "http://hl7.org/fhir/StructureDefinition/translation"
MIN_VALUE_URL: Final = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE_URL: Final = "http://hl7.org/fhir/StructureDefinition/maxValue"


class FhirError(ValueError):
    """A resource or payload that cannot be built or read, with a plain message."""
