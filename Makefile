# Pathways: `make run` installs and runs everything; `make test` installs and runs every check.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: install run test lint typecheck pytest catalogs extract-messages update-catalogs system-deps bench clean

install: $(VENV)/.installed catalogs

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade --quiet pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Compile the gettext catalogs (locales/<lang>/LC_MESSAGES/messages.po -> .mo).
catalogs: $(VENV)/.installed
	$(BIN)/pybabel compile -d locales -D messages --statistics

# Re-extract every translatable string from the code, then merge into each language's catalog.
extract-messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 --no-location --sort-output -o locales/messages.pot --project Pathways --copyright-holder "Pathways contributors" .
	$(BIN)/pybabel update -i locales/messages.pot -d locales -D messages --no-fuzzy-matching

run: install
	$(BIN)/pathways serve

# Chromium and Noto fonts for the browser tests (Debian packages; needs root).
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi 'Noto Sans Devanagari'; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -q >/dev/null && apt-get install -y -q chromium fonts-noto-core >/dev/null; \
		else echo "install Debian's chromium and fonts-noto-core for the browser tests"; fi; fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

pytest: install system-deps
	$(BIN)/pytest -q

test: lint typecheck pytest

bench: install
	$(BIN)/python bench/nlu_bench.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache pathways.db*
