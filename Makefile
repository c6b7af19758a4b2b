# decisionaid — every command bootstraps .venv from pyproject.toml first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export PYTHON

.PHONY: run kiosk test lint check bench screenshots clean

$(STAMP): pyproject.toml
	@bash tools/sysdeps.sh test
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

run: $(STAMP)
	@bash tools/sysdeps.sh run
	$(BIN)/decisionaid $(ARGS)

kiosk: $(STAMP)
	@bash tools/sysdeps.sh run
	$(BIN)/decisionaid --kiosk $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/mypy

check: $(STAMP)
	$(BIN)/decisionaid check

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/mypy
	$(BIN)/decisionaid check
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# --- translations (see translations/README.md) ---
BABEL_EXTRACT = $(BIN)/pybabel extract -F pyproject.toml --sort-by-file --project decisionaid \
	--version "$$($(BIN)/python -c 'import decisionaid; print(decisionaid.__version__)')" \
	--copyright-holder "the decisionaid authors"

.PHONY: extract update-po pseudo

extract: $(STAMP)
	$(BABEL_EXTRACT) -o translations/messages.pot $$(find src -name '*.py' | sort)
	$(BABEL_EXTRACT) -o translations/content.pot resources/content/*.yaml

update-po: extract
	$(BIN)/pybabel update -D messages -i translations/messages.pot -d translations --width 100 --ignore-obsolete
	$(BIN)/pybabel update -D content -i translations/content.pot -d translations --width 100 --ignore-obsolete
	$(BIN)/decisionaid check

pseudo: $(STAMP)
	DECISIONAID_PSEUDO=1 $(BIN)/decisionaid --lang en_XA $(ARGS)
