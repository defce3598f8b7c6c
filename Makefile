# Quick start: `make demo` (install and run on a bundled sample), `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DEMO_STAMP := $(VENV)/.demo-installed
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: demo test lint typecheck pytest fuzz bench schemas docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(DEMO_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@ $(DEMO_STAMP)

demo: $(DEMO_STAMP)
	mkdir -p out
	$(BIN)/perfform parse samples/wuchang-2020/form.docx -o out/wuchang-2020.json
	@echo "wrote out/wuchang-2020.json"
	-$(BIN)/perfform validate samples/

test: $(DEV_STAMP) lint typecheck pytest

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests $(wildcard bench)
	$(BIN)/ruff format --check src tests $(wildcard bench)

typecheck: $(DEV_STAMP)
	$(BIN)/mypy

pytest: $(DEV_STAMP)
	$(BIN)/pytest

fuzz: $(DEV_STAMP)
	$(BIN)/pytest -m slow --hypothesis-profile=long

bench: $(DEV_STAMP)
	$(BIN)/python bench/run.py

schemas: $(DEV_STAMP)
	$(BIN)/python -m perfform.schema --write

clean:
	rm -rf $(VENV) out build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
