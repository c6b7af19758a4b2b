# decisionaid — every command bootstraps .venv from the hashed lock file first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
LOCK := requirements/lock.txt
# Same flags for every pip call: no version nag, and the lock alone decides what is installed.
PIP := $(BIN)/python -m pip --disable-pip-version-check
export PYTHON

.PHONY: run kiosk test lint check bench screenshots clean lock test-latest

# Exactly what the lock names, hash-checked; then decisionaid itself, built with the locked
# hatchling (no build isolation, so pip fetches nothing the lock does not name).
$(STAMP): $(LOCK) pyproject.toml
	@bash tools/sysdeps.sh test
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes -r $(LOCK)
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	$(PIP) check
	@touch $@

run: $(STAMP)
	@bash tools/sysdeps.sh run
	$(BIN)/decisionaid $(ARGS)

kiosk: $(STAMP)
	@bash tools/sysdeps.sh run
	$(BIN)/decisionaid --kiosk $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/mypy

check: $(STAMP)
	$(BIN)/decisionaid check

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/mypy
	$(BIN)/decisionaid check
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# Re-resolve the lock from pyproject.toml's ranges (newest allowed versions, every platform),
# with a pinned, hashed uv in a throwaway environment. Review the diff, then `make test`.
lock:
	bash tools/lock.sh

# The suite against the newest versions pyproject.toml allows, in a throwaway venv; prints
# what moved since the lock and whether the suite still passes. Never part of `make test`.
test-latest:
	bash tools/test_latest.sh

# --- translations (see translations/README.md) ---
BABEL_EXTRACT = $(BIN)/pybabel extract -F pyproject.toml --sort-by-file --add-location=file --no-wrap --project decisionaid \
	--version "$$($(BIN)/python -c 'import decisionaid; print(decisionaid.__version__)')" \
	--copyright-holder "the decisionaid authors"

.PHONY: extract update-po pseudo

extract: $(STAMP)
	$(BABEL_EXTRACT) -o translations/messages.pot $$(find src -name '*.py' | sort)
	$(BABEL_EXTRACT) -o translations/content.pot resources/content/*.yaml

update-po: extract
	$(BIN)/pybabel update -D messages -i translations/messages.pot -d translations --no-wrap --ignore-obsolete
	$(BIN)/pybabel update -D content -i translations/content.pot -d translations --no-wrap --ignore-obsolete
	$(BIN)/decisionaid check

pseudo: $(STAMP)
	DECISIONAID_PSEUDO=1 $(BIN)/decisionaid --lang en_XA $(ARGS)
