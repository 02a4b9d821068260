"""Named queries: well-formed headers, safe binding, and every query runs on the real graph."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from kg.errors import KgError, QueryError
from kg.paths import queries_dir
from kg.query.named import bind, load_named_queries, parse_named_query

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

# Where the kind's example finds nothing for one query: a value from that query's own domain.
EXAMPLE_FOR = {
    ("principes", "lijst"): "Checklist voor passende ondersteuning",
    ("cijfers", "over"): "Kansrijk Oost",
}


def example(q, p) -> str:
    """The value a test passes for parameter p of query q (a text parameter with choices: the first)."""
    return EXAMPLE_FOR.get((q.name, p.name)) or (p.choices[0] if p.choices else EXAMPLES[p.kind])


REQUIRED_BY_ISSUES = {
    "versterkers", "theorieen", "interventies-bij-theorie", "interventies-op-leefgebied",
    "integrale-interventies", "erkend", "niet-toegepast-in-nederland", "zonder-getrouwheidsmodel",
    "bronnen", "ervaringsdeskundigen", "krachtgericht", "verklaringsmodellen", "instrumenten",
    "mechanismen", "interventies-per-bron", "in-meerdere-bronnen", "praktijkvoorbeelden",
    "leefgebied-schemas",
    # issue 11: the tables and lists the documents print
    "overzichtstabel", "versterkers-per-leefgebied", "samenhang", "principes", "fasen", "cijfers",
}


def test_all_required_named_queries_exist():
    assert set(QUERIES) >= REQUIRED_BY_ISSUES


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_header_has_titles_in_both_languages(name):
    q = QUERIES[name]
    assert q.title.get("nl") and q.title.get("en"), name
    assert q.description.get("nl"), name


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_header_names_the_group_query_help_lists_it_under(name):
    # issue 11: `query --help` groups the named queries by what they answer
    q = QUERIES[name]
    assert q.group.get("nl") and q.group.get("en"), name


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_named_query_runs_and_labels_its_entity_columns(graph, name):
    q = QUERIES[name]
    params = {p.name: example(q, p) for p in q.params}
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
    # the library names the parameter, not the command line's flag (issue #11, item 19)
    with pytest.raises(QueryError, match=r"verplichte parameter\(s\): interventie$") as info:
        graph.query("versterkers")
    assert "--" not in str(info.value) and info.value.message("en").endswith("required parameter(s): interventie")


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


# -- regressions: a label lookup on a variable an OPTIONAL left unbound -------------------------
# SPARQL pairs such a row with every resource that has a label in that language. The queries
# look labels up inside the OPTIONAL that binds the labelled thing; these tests name the cases.

OWN_FILE = """\
@prefix ak:   <https://w3id.org/armoede-kg/ontologie#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix bg:   <https://w3id.org/armoede-kg/id/begrip/> .
@prefix eigen: <https://example.org/eigen/> .

eigen:proef a ak:Intervention ;
    skos:prefLabel "Eigen proefinterventie"@nl ;
    ak:basedOn <https://w3id.org/armoede-kg/id/theorie/schaarste> ;
    ak:hasRecognition eigen:erkenning .
eigen:erkenning a ak:Recognition ; ak:recognitionLevel bg:erkenning-goed-onderbouwd .
eigen:model a ak:ExplanatoryModel ; skos:prefLabel "Eigen verklaringsmodel"@nl .
<https://w3id.org/armoede-kg/id/theorie/schaarste> a ak:Theory ; skos:prefLabel "Theorie van schaarste"@nl .
eigen:begrip skos:prefLabel "Eigen begrip zonder schema"@nl ;
    skos:exactMatch bg:bijlage1-financiele-situatie .
"""


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def own_file_graph(request, tmp_path_factory):
    """The vocabulary plus a file of one's own: no prov:wasDerivedFrom for its graph, a
    recognition without databank or document, a model without source, a concept without scheme."""
    import kg

    path = tmp_path_factory.mktemp("eigen") / "eigen.ttl"
    path.write_text(OWN_FILE, encoding="utf-8")
    return kg.load(files=[path], backend=request.param, cache=False)


def _rows_about(table, column, iri):
    return [r for r in table if str(r[column].term) == iri]


def test_theorieen_of_a_graph_without_source_document_gives_one_row_not_one_per_label(own_file_graph):
    rows = own_file_graph.query("theorieen", interventie="Eigen proefinterventie")
    assert [(str(r["theorie"]), r["document"].term) for r in rows] == [
        ("https://w3id.org/armoede-kg/id/theorie/schaarste", None)]


def test_interventies_bij_theorie_of_a_graph_without_source_document_gives_one_row(own_file_graph):
    rows = own_file_graph.query("interventies-bij-theorie", theorie="Theorie van schaarste")
    assert [(str(r["interventieLabel"]), r["document"].term) for r in rows] == [("Eigen proefinterventie", None)]


def test_erkend_recognition_without_databank_or_document_gives_one_row(own_file_graph):
    rows = _rows_about(own_file_graph.query("erkend"), "interventie", "https://example.org/eigen/proef")
    assert len(rows) == 1
    assert rows[0]["databank"].term is None and rows[0]["document"].term is None
    assert rows[0]["databankLabel"].term is None


def test_verklaringsmodellen_model_without_source_gives_one_row(own_file_graph):
    rows = _rows_about(own_file_graph.query("verklaringsmodellen"), "model", "https://example.org/eigen/model")
    assert len(rows) == 1 and rows[0]["bron"].term is None and rows[0]["bronLabel"].term is None


def test_leefgebied_schemas_concept_without_scheme_gives_one_row(own_file_graph):
    rows = _rows_about(own_file_graph.query("leefgebied-schemas"), "van", "https://example.org/eigen/begrip")
    assert len(rows) == 1 and rows[0]["schemaVan"].term is None and rows[0]["schemaVanLabel"].term is None


@pytest.mark.parametrize("backend", ["rdflib", "oxigraph"])
def test_interventies_per_bron_lists_a_mention_without_role_once_not_with_every_class_label(backend):
    # found on the shipped graph: "Gezond kopen, gezond koken", only mentioned in document 002,
    # came back 117 times, once for each class and property with an rdfs:label
    import kg

    rows = kg.load(backend=backend).query("interventies-per-bron", bron="Webpagina armoede en gezondheid verbinden")
    mentioned = [r for r in rows if r["rolsoort"].term is None]
    assert mentioned, "document 002 mentions interventions without giving them a role"
    assert all(r["rolsoortLabel"].term is None for r in mentioned)
    keys = [(r["interventie"].term, r["van"].term) for r in mentioned]
    assert len(keys) == len(set(keys))
    assert len(rows) < 20
