"""The quality checks run side by side on oxigraph (its queries run outside the GIL): the same
violations as one by one, and a query never sees the store half-way through reading in its
named graphs."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import kg
from kg.store import cache, oxigraph
from kg.validate.qc import run_qc

INVALID = sorted((Path(__file__).parent / "data" / "invalid").glob("*.ttl"))


def _rows(violations: list) -> list[tuple[str, str, str, str]]:
    return sorted((v.check, v.focus, v.path, v.message) for v in violations)


def test_quality_checks_side_by_side_find_what_one_by_one_finds(monkeypatch):
    graph = kg.load(backend="oxigraph", files=INVALID)
    qc_dir = graph.queries_dir / "qc"
    assert graph.backend.concurrent_queries
    side_by_side = run_qc(graph.backend, qc_dir, "nl")
    monkeypatch.setattr(graph.backend, "concurrent_queries", False, raising=False)
    one_by_one = run_qc(graph.backend, qc_dir, "nl")
    assert _rows(side_by_side) == _rows(one_by_one)
    # the fixtures break several different checks, so the comparison says something
    assert len({v.check for v in one_by_one}) >= 5


def test_a_query_waits_while_the_named_graphs_are_read_in(tmp_path, monkeypatch):
    # with blank nodes the default graph is remade from the named graphs when they are read in;
    # a query started meanwhile saw an empty default graph (regression, found when the quality
    # checks began to run side by side)
    monkeypatch.setenv(cache.CACHE_ENV, "0")
    root = tmp_path / "ontologie"
    (root / "kennis").mkdir(parents=True)
    (root / "kennis" / "a.ttl").write_text(
        "@prefix ak: <https://w3id.org/armoede-kg/ontologie#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "ak:x skos:prefLabel \"x\"@nl ; ak:hasRole [ skos:note \"rol\"@nl ] .\n", encoding="utf-8")
    graph = kg.load(root, backend="oxigraph")
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    whole = int(graph.sparql(count).rows[0]["n"].value)

    remake = oxigraph.merge_into_default_graph

    def slow_remake(store):  # widen the moment between clearing the default graph and refilling it
        time.sleep(0.5)
        remake(store)

    monkeypatch.setattr(oxigraph, "merge_into_default_graph", slow_remake)
    reader = threading.Thread(target=graph.sparql, args=("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",))
    reader.start()
    time.sleep(0.2)  # the named graphs are being read in now
    seen = int(graph.sparql(count).rows[0]["n"].value)
    reader.join()
    assert seen == whole

