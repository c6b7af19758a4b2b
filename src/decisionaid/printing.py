# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Printing behind a small protocol, so the wizard never talks to CUPS directly and tests use fakes."""

from __future__ import annotations

from typing import Protocol


class PrintError(Exception):
    """Printing failed; the message is fit to show to the person."""


class Printer(Protocol):
    """Something that can print a finished PDF."""

    def print_pdf(self, pdf: bytes, title: str) -> None:
        """Send the document to the printer; raise PrintError with a plain message on failure."""
        ...
