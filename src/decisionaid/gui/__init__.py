# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The graphical interface: the only package that imports PySide6."""
