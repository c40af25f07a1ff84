# Every target installs what it needs into .venv by itself.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: demo test lint typecheck bench fuzz eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(VENV)/.installed-local: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,local]'
	touch $(VENV)/.installed-local

## demo: draft the bundled example incident offline and print the Markdown
demo: $(STAMP)
	@$(BIN)/pir-ai draft examples/checkout-outage

## test: the whole suite: ruff, mypy --strict, pytest (offline eval and notebooks included)
test: $(VENV)/.installed-local
	$(BIN)/ruff check pir_ai tests evals benchmarks
	$(BIN)/ruff format --check pir_ai tests evals benchmarks
	$(BIN)/mypy --strict pir_ai
	$(BIN)/pytest
	$(BIN)/pytest --nbmake notebooks --force-enable-socket

lint: $(STAMP)
	$(BIN)/ruff check pir_ai tests evals benchmarks
	$(BIN)/ruff format --check pir_ai tests evals benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy --strict pir_ai

## bench: speed and memory, as ratios against baselines measured in the same run
bench: $(STAMP)
	$(BIN)/python -m benchmarks

## fuzz: many more property-based examples than CI runs
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest tests -m hypothesis -p no:randomly

eval: $(STAMP)
	$(BIN)/pir-ai eval

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache
