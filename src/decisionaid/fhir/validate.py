# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Structural validation with the `fhir.resources` R4B models (wire-compatible with R4).

Imported only when exporting or checking: `fhir.resources` pulls in pydantic, which the
wizard's start-up budget has no room for.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any, Final

_MODULES: Final = {
    "Questionnaire": "fhir.resources.R4B.questionnaire",
    "QuestionnaireResponse": "fhir.resources.R4B.questionnaireresponse",
    "CodeSystem": "fhir.resources.R4B.codesystem",
}


def library_version() -> str:
    """The installed fhir.resources version, for reports."""
    module = importlib.import_module("fhir.resources")
    return str(getattr(module, "__version__", "unknown"))


def structure_problems(resource: Mapping[str, Any]) -> list[str]:
    """What fhir.resources finds wrong with a resource's structure and datatypes (empty: valid)."""
    kind = resource.get("resourceType")
    if kind not in _MODULES:
        return [f"resourceType {kind!r} is not one this project validates"]
    from pydantic import ValidationError  # fhir.resources depends on pydantic v2

    model = getattr(importlib.import_module(_MODULES[str(kind)]), str(kind))
    try:
        model.model_validate(dict(resource))
    except ValidationError as exc:
        return [
            f"{'.'.join(str(part) for part in error['loc']) or kind}: {error['msg']}"
            for error in exc.errors()
        ]
    return []
