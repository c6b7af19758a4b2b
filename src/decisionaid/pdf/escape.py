# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""XML escaping for Paragraph markup and XMP, without `xml.sax.saxutils`.

saxutils imports urllib.request (and with it http.client, ssl and email): about 11 ms of
every PDF for three replacements.
"""

from __future__ import annotations

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)


def escape(text: str) -> str:
    """`text` safe inside an XML element: &, < and > as entities."""
    return text.translate(_TEXT)


def quoteattr(text: str) -> str:
    """`text` as a double-quoted XML attribute value, its quotes and line breaks as entities."""
    return '"' + text.translate(_ATTRIBUTE) + '"'
