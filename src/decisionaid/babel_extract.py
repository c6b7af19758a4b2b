# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Babel extraction method for the content pack: every translatable YAML string, keyed by path.

It reuses the content loader, so the extracted strings are exactly the ones the app looks up:
the same text (no trailing newline from block scalars) and the same msgctxt (the key path,
e.g. `considerations/chance_remission/label`). Configured in pyproject.toml under
`[tool.babel.extractors]`; see translations/README.md.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from decisionaid.content import TextEntry, load_content

# What Babel expects from an extraction method: (line, function name, messages, comments).
# With the function name "pgettext" Babel's keyword spec ((1, "c"), 2) turns the first
# message into the msgctxt and the second into the msgid.
Extracted = tuple[int, str, tuple[str, str], list[str]]


def content_entries(directory: Path) -> tuple[TextEntry, ...]:
    """Every translatable string of the pack in `directory`, in loading order."""
    return load_content(directory).texts


def extract_content(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """Yield the strings of one content YAML file; the whole pack is loaded to validate it."""
    del keywords, comment_tags, options  # the key path is the context; there are no comments
    path = Path(getattr(fileobj, "name", ""))
    if not path.name:
        raise ValueError("the content extractor needs a named file")
    for entry in content_entries(path.resolve().parent):
        if entry.file == path.name:
            yield entry.line, "pgettext", (entry.context, entry.text), [f"yaml: {entry.context}"]
