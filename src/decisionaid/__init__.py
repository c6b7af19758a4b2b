# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""decisionaid: a shared decision-making aid about CAR-T cell therapy for autoimmune disease."""

__version__ = "0.1.0"
