# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The content pack: YAML under resources/content/ parsed once into frozen, validated objects.

`model` holds the dataclasses, `yamlread` the line-tracking YAML reader, `schema` the shape
of every file as data, and `load` reads a pack by that schema and checks its references.
"""

from decisionaid.content.load import load_content
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
from decisionaid.content.schema import FILES

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
