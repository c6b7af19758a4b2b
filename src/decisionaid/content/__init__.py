# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The content pack: YAML under resources/content/ parsed once into frozen, validated objects.

`model` holds the dataclasses, `yamlread` the line-tracking YAML reader, `schema` the shape
of every file as data, and `load` reads a pack by that schema and checks its references.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# Each name is imported from its module when first asked for. Creating the model's frozen
# dataclasses costs start-up about 9 ms, and the first page needs none of them: it shows the
# pack's cover (`content.cover`), which the start-up cache keeps apart from the pack.
_HOME = {"load_content": "load", "FILES": "schema"}


def __getattr__(name: str) -> Any:
    """A name of `__all__` from its module, imported now (PEP 562) and kept here."""
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_HOME.get(name, 'model')}"), name)
    globals()[name] = value
    return value


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
