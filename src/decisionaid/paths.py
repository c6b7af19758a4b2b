# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Where the bundled data lives, in a source checkout and in an installed wheel alike."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _data_root() -> Path:
    # A wheel maps resources/ and translations/ into the package (pyproject force-include);
    # a source checkout or editable install keeps them at the repository root.
    if (_PACKAGE / "resources").is_dir():
        return _PACKAGE
    return _PACKAGE.parent.parent


def resources_dir() -> Path:
    """The resources/ folder: content, fonts, images."""
    return _data_root() / "resources"


def content_dir() -> Path:
    """The English content pack."""
    return resources_dir() / "content"


def fonts_dir() -> Path:
    """Bundled fonts, shared by the interface and the PDF."""
    return resources_dir() / "fonts"


def icons_dir() -> Path:
    """The application icon (the SVG and the PNG sizes made from it) and the tick of a ticked box."""
    return resources_dir() / "icons"


def translations_dir() -> Path:
    """Gettext catalogs: translations/<lang>/LC_MESSAGES/<domain>.po."""
    return _data_root() / "translations"
