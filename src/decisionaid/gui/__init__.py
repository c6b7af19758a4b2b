# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The graphical interface: the only package that imports PySide6."""

from decisionaid.gui.workarounds import read_sources_faster

# Before any other module of the interface is imported: see read_sources_faster.
read_sources_faster()
