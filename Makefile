# Konbit: `make run` serves a working site, `make test` runs the whole suite.
#
#   make run                  HOST=0.0.0.0 PORT=8000 INSTANCE_PATH=/srv/site SEED_DEMO=0 WORKERS=4
#   make test                 PYTEST_ARGS="-k wiki -x"; TEST_DATABASE_URL=postgresql+psycopg://...
#   make bench                BENCH_ARGS="--duration 5s"
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
WORKERS ?= 2
FLASK := $(BIN)/flask --app app
NPM ?= npm
JS := tests/js

# Settings the app reads from the environment: pass `make run VAR=value` through.
export INSTANCE_PATH SEED_DEMO DATABASE_URL SECRET_KEY

.PHONY: run test install install-test translations init serve js bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e '.[postgres,redis]'
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed setup.cfg
	$(BIN)/pip install --quiet -e '.[test,postgres,redis]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# The .mo files are built, never committed.
translations: install
	$(FLASK) translate compile

# Database and search index (idempotent), then demo content on an empty site.
init: translations
	$(FLASK) init
	@case "$${SEED_DEMO:-1}" in \
	  0|false|False|no|off) echo "SEED_DEMO=$$SEED_DEMO: no demo content." ;; \
	  *) $(FLASK) seed-demo ;; \
	esac

serve:
	$(BIN)/gunicorn -c python:app.gunicorn_conf --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - 'app:create_app()'

run: init serve

# axe-core for the browser tests (tests/js/package-lock.json pins it).
$(JS)/node_modules/.package-lock.json: $(JS)/package.json $(JS)/package-lock.json
	@if command -v $(NPM) >/dev/null 2>&1; then \
	  cd $(JS) && $(NPM) ci --no-audit --no-fund --loglevel=error; \
	else \
	  echo "npm not found: browser tests will be skipped (and fail in CI)."; \
	fi

js: $(JS)/node_modules/.package-lock.json

# One pytest worker per core (pytest-xdist); TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= auto

test: install-test translations js
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

bench: install-test translations
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info $(JS)/node_modules
