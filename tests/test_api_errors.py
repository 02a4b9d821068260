"""Errors of the public API, called as a notebook user would: an unknown label, name or
query is a LookupError, a bad argument value a ValueError, both KgError with an English
message beside the Dutch one; none of them is a QueryError unless a query is at fault."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import kg
from kg.errors import QueryError
from kg.network.drawing import draw
from kg.publish.rdfio import serialize_dataset

BAD_VALUES: dict[str, Callable[[kg.KnowledgeGraph], Any]] = {
    "backend": lambda g: kg.load(backend="sqlite"),
    "backend-and-endpoint": lambda g: kg.load(backend="oxigraph", endpoint="http://127.0.0.1:9/sparql"),
    "language": lambda g: kg.load(lang="fr"),
    "role": lambda g: g.interventions(role="hoofdrol"),
    "kind-in-get": lambda g: g.get("Krachtwerk", kind="kleur"),
    "kind-in-central": lambda g: g.central("kleur"),
    "measure": lambda g: g.central("theorie", measure="pagerank"),
    "view": lambda g: g.to_networkx("alles"),
    "projection-of-full": lambda g: g.projection("full"),
    "path-length": lambda g: g.paths("Krachtwerk", "8TING", max_length=0),
    "query-parameter": lambda g: g.query("versterkers", interventie="Krachtwerk", kleur="rood"),
    "missing-parameter": lambda g: g.query("versterkers"),
    "image-format": lambda g: draw(g, "Krachtwerk", Path(tempfile.mkdtemp()) / "k.jpg"),
    "picture-depth": lambda g: draw(g, "Krachtwerk", Path(tempfile.mkdtemp()) / "k.dot", depth=3),
    "export-format": lambda g: serialize_dataset(g.backend.dataset(), "docx"),
}

LOOKUPS: dict[str, Callable[[kg.KnowledgeGraph], Any]] = {
    "label": lambda g: g.get("Nergenshuizen"),
    "label-of-wrong-kind": lambda g: g.get("Krachtwerk", kind="principle"),
    "named-query": lambda g: g.query("versterker"),
    "network-node": lambda g: g.path("Krachtwerk", "https://w3id.org/armoede-kg/ontologie#Intervention"),
    "theory-filter": lambda g: g.interventions(theory="Nergenshuizen"),
}


def _english(exc: kg.KgError) -> str:
    text = exc.message("en")
    assert text and text != exc.message("nl"), f"no English message for: {exc.message('nl')}"
    return text


CASES = [(case, ValueError, LookupError) for case in sorted(BAD_VALUES)] + [
    (case, LookupError, ValueError) for case in sorted(LOOKUPS)]


@pytest.mark.parametrize(("case", "is_a", "is_not_a"), CASES, ids=[c[0] for c in CASES])
def test_bad_value_is_a_value_error_and_unknown_name_a_lookup_error(graph, case, is_a, is_not_a):
    with pytest.raises(is_a) as caught:
        {**BAD_VALUES, **LOOKUPS}[case](graph)
    exc = caught.value
    assert isinstance(exc, kg.KgValueError if is_a is ValueError else kg.KgLookupError)
    assert isinstance(exc, kg.KgError) and not isinstance(exc, is_not_a)
    assert "\n" not in str(exc)
    _english(exc)


@pytest.mark.parametrize("case", ["backend", "language", "role", "kind-in-central", "view", "measure"])
def test_bad_argument_outside_a_query_is_not_a_query_error(graph, case):
    # regression: an unknown backend, language or role used to raise QueryError
    with pytest.raises(kg.KgError) as caught:
        BAD_VALUES[case](graph)
    assert not isinstance(caught.value, QueryError)


def test_query_faults_stay_query_errors_for_callers_that_catch_them(graph):
    for call in (LOOKUPS["named-query"], BAD_VALUES["query-parameter"], BAD_VALUES["missing-parameter"]):
        with pytest.raises(QueryError):
            call(graph)


def test_unknown_role_is_explained_in_english(graph_en):
    with pytest.raises(ValueError) as caught:
        graph_en.interventions(role="hoofdrol")
    assert "unknown role 'hoofdrol'" in _english(caught.value) and "integral" in caught.value.message("en")
