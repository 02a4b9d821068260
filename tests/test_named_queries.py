"""Named queries: well-formed headers, safe binding, and every query runs on the real graph."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from kg.errors import KgError, QueryError
from kg.named_queries import bind, load_named_queries, parse_named_query
from kg.paths import queries_dir

QUERIES = load_named_queries(queries_dir())

# One sensible value per parameter kind, so that every named query can be run.
EXAMPLES = {
    "interventie": "Krachtwerk",
    "leefgebied": "financiën",
    "theorie": "theorie van schaarste",
    "niveau": "B",
    "bron": "De Vet, Scholten & Wolf (2021)",
    "gemeente": "Meppel",
    "entiteit": "Mobility Mentoring",
}

REQUIRED_BY_ISSUES = {
    "versterkers", "theorieen", "interventies-bij-theorie", "interventies-op-leefgebied",
    "integrale-interventies", "erkend", "niet-toegepast-in-nederland", "zonder-getrouwheidsmodel",
    "bronnen", "ervaringsdeskundigen", "krachtgericht", "verklaringsmodellen", "instrumenten",
    "mechanismen", "interventies-per-bron", "in-meerdere-bronnen", "praktijkvoorbeelden",
    "leefgebied-schemas",
}


def test_all_required_named_queries_exist():
    assert set(QUERIES) >= REQUIRED_BY_ISSUES


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_header_has_titles_in_both_languages(name):
    q = QUERIES[name]
    assert q.title.get("nl") and q.title.get("en"), name
    assert q.description.get("nl"), name


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_named_query_runs_and_labels_its_entity_columns(graph, name):
    q = QUERIES[name]
    params = {p.name: EXAMPLES[p.kind] for p in q.params}
    table = graph.query(name, **params)
    assert len(table) > 0, f"{name} returned nothing for {params}"
    for row in table:
        for col in table.columns:
            if f"{col}Label" in table.columns and row[col].is_iri:
                assert row[f"{col}Label"].value, f"{name}: {col} {row[col].value} has no label"


def test_binding_puts_only_the_terms_serialisation_at_the_slot():
    text = 'SELECT * WHERE { ?s ?p $x . FILTER(?s != "$x") } # $x'
    hostile = Literal('"} ; DROP ALL ; SELECT * WHERE { ?a ?b "')
    bound = bind(text, {"x": hostile})
    assert bound.count(hostile.n3()) == 1
    assert '"$x"' in bound and bound.endswith("# $x")  # strings and comments untouched


def test_label_text_never_reaches_the_query(graph):
    with pytest.raises(KgError):  # an unknown label is refused before any query runs
        graph.query("versterkers", interventie='Krachtwerk" } ; DROP ALL #')
    text = graph.bound_query("versterkers", interventie="krachtwerk", leefgebied="FINANCIEN")
    assert "<https://w3id.org/armoede-kg/id/interventie/krachtwerk>" in text
    assert "krachtwerk" not in text.replace("/krachtwerk>", "")


def test_missing_required_parameter(graph):
    with pytest.raises(QueryError, match="--interventie"):
        graph.query("versterkers")


def test_unknown_parameter(graph):
    with pytest.raises(QueryError, match="geen parameter 'kleur'"):
        graph.query("versterkers", interventie="Krachtwerk", kleur="rood")


def test_unknown_query_suggests_a_name(graph):
    with pytest.raises(QueryError, match="bedoelde u: versterkers"):
        graph.query("versterker", interventie="Krachtwerk")


def test_header_errors_name_the_file(tmp_path):
    p = tmp_path / "kapot.rq"
    p.write_text("# title@nl: zonder naam\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(QueryError, match="kapot.rq:1: header mist '# name"):
        parse_named_query(p)
    p.write_text("# name: kapot\n# title@nl: x\n# param: x | kind=kleur\nSELECT * WHERE { ?s ?p $x }\n",
                 encoding="utf-8")
    with pytest.raises(QueryError, match="kapot.rq:3: onbekende soort 'kleur'"):
        parse_named_query(p)
    p.write_text("# name: kapot\n# title@nl: x\n# param: y | kind=text\nSELECT * WHERE { ?s ?p ?o }\n",
                 encoding="utf-8")
    with pytest.raises(QueryError, match=r"geen slot \$y"):
        parse_named_query(p)


def test_optional_parameter_left_out_matches_everything(graph):
    all_levels = graph.query("integrale-interventies")
    level_b = graph.query("integrale-interventies", niveau="B")
    assert len(all_levels) == 8
    assert {r["interventieLabel"].value for r in level_b} == {
        "Krachtwerk", "Bind-Kracht in Armoede", "Mobility Mentoring®", "Pathway of Hope"}


def test_iri_accepted_where_a_label_is(graph):
    iri = URIRef("https://w3id.org/armoede-kg/id/interventie/krachtwerk")
    assert len(graph.query("theorieen", interventie=iri)) == len(graph.query("theorieen", interventie="Krachtwerk"))
