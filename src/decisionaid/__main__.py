# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""`python -m decisionaid` runs the command-line entry point."""

import sys

from decisionaid.cli import main

sys.exit(main())
