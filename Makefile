# The two commands a newcomer needs: `make demo` (run the service with demo data) and
# `make test` (run every test). Both set up what they need and are quick the second time.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: demo test setup lint typecheck bench clean

$(BIN)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(BIN)/.installed node_modules/.installed

# Serves the pages and, beside them, the background worker that runs uploaded imports.
demo: setup
	$(BIN)/msht demo
	$(BIN)/msht db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/msht runserver $(HOST)

# Runs the whole suite on SQLite, or on PostgreSQL when DATABASE_URL points at it.
test: setup
	@test -x /usr/bin/chromium || { echo "Chromium is needed for the browser tests: apt-get install -y chromium"; exit 1; }
	DJANGO_SETTINGS_MODULE=msht.settings.test $(BIN)/python -m pytest -n 2 --dist loadfile

lint: setup
	$(BIN)/ruff check msht tests bench
	$(BIN)/ruff format --check msht tests bench

typecheck: setup
	$(BIN)/mypy msht

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) node_modules var staticfiles
