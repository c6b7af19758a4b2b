#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Refresh requirements/lock.txt from pyproject.toml (+ the build backend) with a pinned uv.
# uv because one `--universal` resolve gives a lock valid on Linux, Windows and macOS with
# every wheel's hash; pip-compile resolves for the machine it runs on only.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
"${PYTHON:-python3}" -m venv "$tools"
"$tools/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/tools.lock
"$tools/bin/uv" pip compile pyproject.toml requirements/build.in --extra test --extra check \
  --universal --python-version 3.11 --generate-hashes --no-header --quiet \
  --output-file requirements/lock.txt
"$tools/bin/uv" pip compile requirements/tools.in \
  --universal --python-version 3.11 --generate-hashes --no-header --quiet \
  --output-file requirements/tools.lock
git --no-pager diff --stat -- requirements/ || true
