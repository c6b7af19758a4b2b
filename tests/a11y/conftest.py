"""The private desktop (X server, session bus, accessibility bus) for the AT-SPI tests."""

from __future__ import annotations

from atspi_harness import desktop

__all__ = ["desktop"]
