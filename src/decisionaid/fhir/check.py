# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""For `decisionaid check`: is the published Questionnaire current, valid and fully bound."""

from __future__ import annotations

from pathlib import Path

from decisionaid.content import ContentError
from decisionaid.fhir import FhirError
from decisionaid.fhir import questionnaire as fq
from decisionaid.fhir.bindings import questionnaire_problems
from decisionaid.i18n import SOURCE_LANGUAGE

REGENERATE = "run: decisionaid questionnaire"
Result = tuple[str, str, str]  # (level, where, message), as checks.Finding takes them


def fhir_findings(content_dir: Path, translations_dir: Path) -> list[Result]:
    """Staleness, structure (fhir.resources) and binding findings for the published resources.

    The resources are looked for in `fhir/` beside the content folder (resources/fhir/).
    """
    directory = content_dir.parent / "fhir"
    try:
        editions = fq.load_editions(content_dir, translations_dir)
        questionnaire = fq.build_questionnaire(editions)
        codesystem = fq.build_codesystem(editions)
    except ContentError:
        return []  # the content checks report it
    except FhirError as exc:
        return [("error", "fhir", str(exc))]
    if not directory.is_dir():
        return [("warning", "fhir", f"no published FHIR resources in {directory} ({REGENERATE})")]
    findings: list[Result] = [
        ("error", f"fhir/{name}", f"{reason} ({REGENERATE})")
        for name, reason in fq.stale_files(directory, editions)
    ]
    from decisionaid.fhir.validate import library_version, structure_problems

    for resource in (questionnaire, codesystem):
        where = f"fhir/{fq.identity(editions[0].content).file_name(resource['resourceType'])}"
        findings += [("error", where, p) for p in structure_problems(resource)]
    languages = [e.language for e in editions if e.language != SOURCE_LANGUAGE]
    findings += [
        ("error", "fhir", p) for p in questionnaire_problems(questionnaire, codesystem, languages)
    ]
    if not findings:
        findings.append(
            (
                "info",
                "fhir",
                f"Questionnaire {fq.identity(editions[0].content).canonical} is current and "
                f"valid (fhir.resources {library_version()} R4B, bindings, "
                f"translations: {', '.join(languages)})",
            )
        )
    return findings
