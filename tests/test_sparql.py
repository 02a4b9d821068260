"""Free SPARQL: read-only, no federation, clear errors with a position."""

from __future__ import annotations

import json

import pytest

from kg.errors import QueryError
from kg.query.guard import check_query


def test_select_from_stdin(run_cli):
    q = ("PREFIX ak: <https://w3id.org/armoede-kg/ontologie#> "
         "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a ak:BoosterRole }")
    res = run_cli("sparql", "-", "--format", "json", input=q)
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["results"]["bindings"][0]["n"]["value"] == "27"


def test_ask(graph):
    t = graph.sparql("ASK { <https://w3id.org/armoede-kg/id/interventie/krachtwerk> ?p ?o }")
    assert t.rows[0]["ask"].value is True


@pytest.mark.parametrize("update", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR GRAPH <https://w3id.org/armoede-kg/graaf/kern>",
])
def test_updates_are_refused(run_cli, update):
    res = run_cli("sparql", "-", input=update)
    assert res.exit_code == 2
    assert "alleen-lezen" in res.output and "Traceback" not in res.output


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { optional { service silent <http://example.org/sparql> { ?s ?p ?o } } }",
])
def test_service_is_refused_before_any_engine_sees_it(query):
    with pytest.raises(QueryError, match="SERVICE"):
        check_query(query)


def test_the_word_service_inside_a_string_is_fine():
    assert check_query('SELECT * WHERE { ?s ?p "SERVICE <http://x>" }') == "select"


def test_invalid_sparql_names_line_and_column(run_cli):
    res = run_cli("sparql", "-", input="SELECT * WHERE {\n  ?s ?p \n}")
    assert res.exit_code == 2
    assert res.output.startswith("fout: ongeldige SPARQL op regel")


def test_missing_query_file(run_cli, tmp_path):
    res = CliCheck = run_cli("sparql", str(tmp_path / "weg.rq"))
    assert CliCheck.exit_code == 2 and "weg.rq" in res.output


@pytest.mark.parametrize("query", [
    "SELECT * FROM <file:///etc/hostname> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://example.org/x.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "ASK FROM <file:///etc/passwd> { ?s ?p ?o }",
])
def test_from_clauses_cannot_load_files_or_urls(run_cli, query, tmp_path):
    # regression: rdflib evaluates FROM <file://…> by reading the file
    res = run_cli("sparql", "-", input=query)
    assert res.exit_code == 2
    assert "FROM" in res.output and "Traceback" not in res.output
