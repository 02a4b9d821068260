# The two commands a newcomer needs: `make run` and `make test` (see README.md).
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
EXTRAS ?= dev,snel,publiceren

.PHONY: run test lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[$(EXTRAS)]"
	touch $@

run: $(BIN)/.installed
	$(BIN)/armoede-kg query versterkers --interventie Krachtwerk --leefgebied financiën

test: $(BIN)/.installed
	./.ci/system-deps
	$(BIN)/pytest -q -p no:cacheprovider

lint: $(BIN)/.installed
	$(BIN)/ruff check kg cli tests benchmarks
	$(BIN)/mypy

bench: $(BIN)/.installed
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info
