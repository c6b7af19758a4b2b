# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Adapters to the machine: atomic files and answers files, CUPS printing, the kiosk config.

The domain modules never import these; the GUI and the command line do.
"""
