"""The same hand-written SPARQL gives the same answer on every backend (issue #11, items 5
and 15): the same predefined prefixes, rdflib's DISTINCT aggregates over OPTIONAL variables,
and one readable QueryError (line, column, what is wrong) for every parse error."""

from __future__ import annotations

import pytest

import kg
from kg.errors import QueryError
from kg.query.prefixes import PREFIXES

BACKENDS = ("rdflib", "oxigraph")


@pytest.fixture(scope="module", params=BACKENDS)
def graph(request: pytest.FixtureRequest) -> kg.KnowledgeGraph:
    return kg.load(backend=request.param)


@pytest.fixture(scope="module")
def both() -> dict[str, kg.KnowledgeGraph]:
    return {b: kg.load(backend=b) for b in BACKENDS}


def test_group_concat_distinct_over_an_optional_variable_gives_the_same_answer_on_both_backends(
        both: dict[str, kg.KnowledgeGraph]) -> None:
    # this query crashed rdflib with "interne fout: NotBoundError" (issue #11, item 5)
    q = """SELECT ?i (GROUP_CONCAT(DISTINCT ?t; separator="|") AS ?ts) (COUNT(DISTINCT ?t) AS ?n) WHERE {
             ?i a ak:Intervention .
             OPTIONAL { ?i ak:basedOn ?theory . ?theory skos:prefLabel ?t FILTER(lang(?t) = "nl") } } GROUP BY ?i"""
    answers = {}
    for name, g in both.items():
        rows = g.sparql(q)
        answers[name] = {str(r["i"]): (frozenset(filter(None, str(r["ts"]).split("|"))), int(r["n"].value))
                         for r in rows}
    assert answers["rdflib"] == answers["oxigraph"]
    # interventions without a theory are in the answer with an empty list, not dropped
    counts = [n for _ts, n in answers["rdflib"].values()]
    assert 0 in counts and any(n > 0 for n in counts)
    assert all(len(ts) == n for ts, n in answers["rdflib"].values())


@pytest.mark.parametrize("prefix", ["ak", "skos", "dcterms", "rdfs", "rdf", "xsd", "owl", "prov", "iv", "doc"])
def test_every_documented_prefix_works_without_a_prefix_line(graph: kg.KnowledgeGraph, prefix: str) -> None:
    q = f"ASK {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), STR({prefix}:)) || STRSTARTS(STR(?p), STR({prefix}:))" \
        f" || STRSTARTS(STR(?o), STR({prefix}:))) }}"
    # STR(prefix:) is the namespace IRI itself: the prefix resolved to what PREFIXES says
    q2 = f"SELECT (STR({prefix}:) AS ?ns) WHERE {{}}"
    assert [str(r["ns"]) for r in graph.sparql(q2)] == [PREFIXES[prefix]]
    assert graph.sparql(q).rows[0]["ask"].value is True


def test_a_hand_written_query_with_predefined_prefixes_answers_alike(both: dict[str, kg.KnowledgeGraph]) -> None:
    q = """SELECT ?label WHERE { iv:krachtwerk ak:basedOn ?t . ?t skos:prefLabel ?label
             FILTER(lang(?label) = "nl") }"""
    answers = [sorted(str(r["label"]) for r in g.sparql(q)) for g in both.values()]
    assert answers[0] == answers[1] and answers[0]


def test_a_query_may_redeclare_a_predefined_prefix(graph: kg.KnowledgeGraph) -> None:
    q = 'PREFIX ak: <urn:ander#> SELECT (STR(ak:x) AS ?x) WHERE {}'
    assert [str(r["x"]) for r in graph.sparql(q)] == ["urn:ander#x"]


@pytest.mark.parametrize(("text", "where", "what"), [
    ("SELECT * WHERE { ?s foo:bar ?o }", "regel 1, kolom 21", "onbekend voorvoegsel 'foo:'"),
    ('SELECT * WHERE {\n  ?s ak:x "foo:bar" . ?s foo:b ?o }', "regel 2, kolom 26", "onbekend voorvoegsel 'foo:'"),
    ("SELECT *\nWHERE { ?s ?p }", "regel 2", "onverwacht"),
    ("SELECT * WHERE { ?s ?p ?o FILTER(?o > ) }", "regel 1", "onverwacht"),
])
def test_a_parse_error_is_one_readable_line_on_every_backend(graph: kg.KnowledgeGraph, text: str, where: str,
                                                              what: str) -> None:
    with pytest.raises(QueryError) as info:
        graph.sparql(text)
    msg = info.value.message("nl")
    assert msg.startswith("ongeldige SPARQL op " + where), msg
    assert what in msg
    assert "\n" not in msg and len(msg) < 200 and "u{" not in msg  # no grammar dump
    assert info.value.message("en").startswith("invalid SPARQL at line")


def test_oxigraph_only_errors_are_readable_too() -> None:
    # rdflib accepts a projected variable outside GROUP BY; oxigraph refuses it, in one line
    g = kg.load(backend="oxigraph")
    with pytest.raises(QueryError) as info:
        g.sparql("SELECT ?x WHERE { ?s ?p ?o } GROUP BY ?s")
    assert "de SELECT noemt een variabele die niet gebonden is" in str(info.value)
    assert "The SELECT contains a variable that is unbound" in info.value.message("en")
    assert "u{" not in str(info.value)
