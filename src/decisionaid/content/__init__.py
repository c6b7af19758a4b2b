# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The content pack: YAML under resources/content/ parsed once into frozen, validated objects.

`model` holds the dataclasses, `yamlread` the line-tracking YAML reader, `schema` the shape
of every file as data, and `load` reads a pack by that schema and checks its references.
"""

from typing import TYPE_CHECKING, Any

from decisionaid.content.model import (
    ALL_CONDITIONS,
    RATING_MAX,
    Author,
    Category,
    Certainty,
    Choice,
    ComparisonRow,
    Concern,
    Condition,
    Consideration,
    Content,
    ContentError,
    Deliberation,
    Fact,
    FactKind,
    KnowledgeItem,
    Option,
    PackInfo,
    Question,
    RaisedBy,
    ReadinessItem,
    Setting,
    Source,
    Statistic,
    Step,
    SureItem,
    TextEntry,
    Translate,
    Treatment,
)

if TYPE_CHECKING:
    from decisionaid.content.load import load_content
    from decisionaid.content.schema import FILES


def __getattr__(name: str) -> Any:
    """`load_content` and `FILES` on first use: reading YAML is not needed to use a pack."""
    if name == "load_content":
        from decisionaid.content.load import load_content

        return load_content
    if name == "FILES":
        from decisionaid.content.schema import FILES

        return FILES
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ALL_CONDITIONS",
    "FILES",
    "RATING_MAX",
    "Author",
    "Category",
    "Certainty",
    "Choice",
    "ComparisonRow",
    "Concern",
    "Condition",
    "Consideration",
    "Content",
    "ContentError",
    "Deliberation",
    "Fact",
    "FactKind",
    "KnowledgeItem",
    "Option",
    "PackInfo",
    "Question",
    "RaisedBy",
    "ReadinessItem",
    "Setting",
    "Source",
    "Statistic",
    "Step",
    "SureItem",
    "TextEntry",
    "Translate",
    "Treatment",
    "load_content",
]
