#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Run the suite against the newest versions pyproject.toml allows, in a throwaway venv, and
# report what moved since the lock. Exits 0 whatever it finds (STRICT=1 to fail on a
# failing suite): it is an early warning for `make lock`, not a gate on CI.
set -uo pipefail
cd "$(dirname "$0")/.."
venv=$(mktemp -d)
trap 'rm -rf "$venv"' EXIT
"${PYTHON:-python3}" -m venv "$venv"
pip=("$venv/bin/python" -m pip --disable-pip-version-check --quiet)
"${pip[@]}" install --upgrade pip
"${pip[@]}" install --upgrade --upgrade-strategy eager -e '.[test,check]' -r requirements/build.in || { echo "install failed"; exit 0; }

echo "== Versions that differ from requirements/lock.txt"
"$venv/bin/python" tools/lock_drift.py requirements/lock.txt

echo "== Known upstream bugs we work around (still present?)"
QT_QPA_PLATFORM=offscreen "$venv/bin/python" tools/upstream_bugs.py

echo "== The suite with the newest allowed versions"
status=0
"$venv/bin/ruff" check src tests benchmarks tools || status=1
"$venv/bin/mypy" || status=1
"$venv/bin/decisionaid" check || status=1
QT_QPA_PLATFORM=offscreen "$venv/bin/python" -m pytest -q -p no:cacheprovider || status=1
if [ "$status" = 0 ]; then
  echo "test-latest: the suite passes with the newest allowed versions; \`make lock\` is safe."
else
  echo "test-latest: FAILED with the newest allowed versions; read the drift above before \`make lock\`."
fi
[ "${STRICT:-0}" = 1 ] && exit "$status"
exit 0
