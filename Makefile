# The two commands a newcomer needs: `make run` and `make test` (see README.md).
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
EXTRAS ?= dev,snel,publiceren

.PHONY: run test test-all lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[$(EXTRAS)]"
	touch $@

run: $(BIN)/.installed
	$(BIN)/armoede-kg query versterkers --interventie Krachtwerk --leefgebied financiën

# before every commit: everything but the tests marked slow (real web servers, reasoners, floods)
test: $(BIN)/.installed
	./.ci/system-deps
	$(BIN)/pytest -q -p no:cacheprovider -m "not slow"

# what CI runs (.ci/run): every test, the slow ones too
test-all: $(BIN)/.installed
	./.ci/system-deps
	$(BIN)/pytest -q -p no:cacheprovider

lint: $(BIN)/.installed
	$(BIN)/ruff check kg cli tests benchmarks
	$(BIN)/mypy

bench: $(BIN)/.installed
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info
