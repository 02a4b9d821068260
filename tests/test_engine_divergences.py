"""Where the query engines depart from the W3C SPARQL 1.1 semantics, each case listed in
docs/publish.md (the endpoint's engine and what "reference" means) and pinned here: the answer
the W3C semantics gives, the answer the engine gives today. `armoede-kg serve` and the CLI
evaluate with pyoxigraph by default; `--backend rdflib` gives rdflib's answers. When an engine
is mended, its test here fails: then strike the case from the docs and from this list."""

from __future__ import annotations

import io
import json
import urllib.parse
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import XSD
from rdflib.query import Result

import kg

DOCS = Path(__file__).resolve().parents[1] / "docs" / "publish.md"
ONE, TWO = Literal(1), Literal(2)

# (key in the docs, query, rows by the W3C semantics, rows rdflib gives)
RDFLIB_DIVERGENCES = [
    ("rdflib #554", "SELECT ?x ?y WHERE { VALUES (?x ?y) { (1 UNDEF) (UNDEF UNDEF) (UNDEF 2) } }",
     [(ONE, None), (None, None), (None, TWO)], [(ONE, None), (None, TWO)]),
    ("rdflib #554", "SELECT * {}", [()], []),
    ("rdflib #554", "SELECT ?x WHERE { OPTIONAL { ?s <urn:niets> ?x } }", [(None,)], []),
    ("rdflib #554", "SELECT ?x WHERE { BIND(1/0 AS ?x) }", [(None,)], []),
    # SPARQL 1.1 §17.2: error || true is true
    ("error || true", "SELECT ?a WHERE { VALUES ?a { 1 } FILTER(?onbekend || true) }", [(ONE,)], []),
]


def rows(graph: kg.KnowledgeGraph, query: str) -> list[tuple[object, ...]]:
    return [tuple(c.term for c in row.cells) for row in graph.backend.select(query)]


@pytest.fixture(scope="module")
def fast() -> kg.KnowledgeGraph:
    return kg.load(backend="oxigraph")


@pytest.mark.parametrize("key,query,w3c,rdflib_gives", RDFLIB_DIVERGENCES, ids=lambda v: str(v)[:30])
def test_rdflib_divergence_is_known_and_the_default_engine_follows_the_w3c(graph, fast, key, query, w3c,
                                                                            rdflib_gives):
    assert key in DOCS.read_text(encoding="utf-8"), f"docs/publish.md does not list '{key}'"
    assert rows(fast, query) == w3c  # pyoxigraph: the engine of serve and of the CLI by default
    assert rows(graph, query) == rdflib_gives, "rdflib answers as the W3C says now: strike this case"


@pytest.mark.parametrize("fmt,text", [
    ("json", '{"head":{"vars":["x"]},"results":{"bindings":[{},{"x":{"type":"literal","value":"a"}}]}}'),
    ("xml", '<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head><variable name="x"/></head>'
            '<results><result/><result><binding name="x"><literal>a</literal></binding></result></results></sparql>'),
    ("tsv", '?x\n\n"a"\n'),
    ("csv", "x\r\n\r\na\r\n"),
])
def test_rdflib_result_parsers_drop_a_row_without_bindings(fmt, text):
    """The client side of rdflib #554: rdflib's parsers of the four result formats (which
    SPARQLStore uses) read two rows as one. The endpoint sends both (test_endpoint_clients)."""
    assert "rdflib's result parsers" in DOCS.read_text(encoding="utf-8")
    source = io.BytesIO(text.encode()) if fmt in ("json", "xml") else io.StringIO(text)
    assert len(list(Result.parse(source, format=fmt))) == 1  # the W3C says 2


def test_oxigraph_gives_numbers_in_canonical_form(graph, fast):
    """pyoxigraph's own departure: it keeps numbers by value, so a literal comes back in its
    canonical lexical form ("10.0"^^xsd:decimal as "10"), a different RDF term than the data's."""
    assert "canonical form" in DOCS.read_text(encoding="utf-8")
    query = 'SELECT ?x WHERE { BIND("10.0"^^<http://www.w3.org/2001/XMLSchema#decimal> AS ?x) }'
    assert rows(graph, query) == [(Literal("10.0", datatype=XSD.decimal),)]  # the W3C answer
    assert rows(fast, query) == [(Literal("10", datatype=XSD.decimal),)]


@pytest.mark.slow
def test_serve_with_backend_rdflib_gives_rdflibs_answers(published_site, monkeypatch):
    """`--backend rdflib` reaches the endpoint's workers: the rdflib answer to the #554 query,
    and a dataset by default-graph-uri refused with advice that works (GRAPH in the query)."""
    from publish_support import start_server, stop_server
    from test_server import fetch

    monkeypatch.setenv("ARMOEDE_KG_BACKEND", "rdflib")  # = armoede-kg --backend rdflib serve
    server = start_server(published_site, "--workers", "1", "--spare-workers", "0")
    try:
        _, query, _, rdflib_gives = RDFLIB_DIVERGENCES[0]
        r = fetch(server.url("sparql?" + urllib.parse.urlencode({"query": query})), "application/sparql-results+json")
        assert r.status == 200 and len(json.loads(r.text)["results"]["bindings"]) == len(rdflib_gives)
        dataset = {"query": "ASK { ?s ?p ?o }", "default-graph-uri": "https://w3id.org/armoede-kg/graaf/kern"}
        refused = fetch(server.url("sparql?" + urllib.parse.urlencode(dataset)), "application/sparql-results+json")
        assert refused.status == 400 and "GRAPH" in refused.text
    finally:
        stop_server(server)
