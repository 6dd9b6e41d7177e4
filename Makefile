# Konbit: `make run` serves a working site, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
WORKERS ?= 2
FLASK := $(BIN)/flask --app app

.PHONY: run test install install-test translations init serve bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e '.[postgres]'
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed setup.cfg
	$(BIN)/pip install --quiet -e '.[test,postgres]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

translations: install
	$(FLASK) translate compile

init: translations
	$(FLASK) init
	@if [ "$${SEED_DEMO:-1}" != "0" ]; then $(FLASK) seed-demo; fi

run: init
	$(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - 'app:create_app()'

test: install-test translations
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install-test translations
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info
