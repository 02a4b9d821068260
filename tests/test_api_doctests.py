"""The examples in the docstrings of the model, network, query-result and table modules run
(after the modules were split by what their parts do, no example is left unchecked)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import kg.model
import kg.network

MODULES = sorted({f"{pkg.__name__}.{m.name}" for pkg in (kg.model, kg.network)
                  for m in pkgutil.iter_modules(pkg.__path__)} | {"kg.table", "kg.query.results"})


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_the_split_modules_carry_their_examples():
    finder = doctest.DocTestFinder()
    counted = {name: sum(len(t.examples) for t in finder.find(importlib.import_module(name)))
               for name in MODULES}
    assert counted["kg.model.records"] >= 2 and counted["kg.model.entities"] >= 10
