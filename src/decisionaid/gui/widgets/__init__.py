# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Reusable widgets, one module per thing they show; import from the module itself.

`text` (labels, headings), `layout` (cards, scrolling column, flow layout), `choices`
(choice rows, segmented scales), `evidence` (icon arrays, statistics, sources), `entry`
(the person's own words), `panel` (step list, display settings) and `navigation` (a button
whose text wraps, the jump list of a long page). Nothing is re-exported
here, so importing one module does not drag in the others (and `dialogs` stays acyclic).
"""
