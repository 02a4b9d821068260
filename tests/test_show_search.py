"""`show` in both directions, per relation and document, in printed order; `search` over labels
and texts, saying where it matched; every kind listable (issue #11, items 1, 2, 3, 10, 14).

Expected members, orders and counts are read from the graph with SPARQL, independently of
the code under test."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kg
from kg.errors import KgValueError
from kg.query.resolve import normalise
from kg.query.textsearch import fold, snippet

PREFIXES = """PREFIX ak: <https://w3id.org/armoede-kg/ontologie#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


def members_in_order(graph: kg.KnowledgeGraph, set_label: str) -> list[str]:
    rows = graph.sparql(PREFIXES + f"""SELECT ?label ?n WHERE {{
        ?set skos:prefLabel "{set_label}"@nl . ?m ak:memberOf ?set ; skos:prefLabel ?label ; ak:ordinal ?n .
        FILTER(lang(?label) = "nl") }} ORDER BY ?n""")
    return [f"{r['n'].value}. {r['label'].value}" for r in rows]


def csv_rows(output: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(output)))


# -- show: both directions, printed order ---------------------------------------------------------

@pytest.mark.parametrize("set_label,count", [("Checklist voor passende ondersteuning", 5),
                                              ("Vier elementen van zelfregie", 4)])
def test_show_lists_the_members_of_a_principle_set_in_printed_order(run_cli, graph, set_label, count):
    expected = members_in_order(graph, set_label)
    assert len(expected) == count  # the documents print five items (001) and four elements (004)
    res = run_cli("show", set_label, "--format", "csv")
    assert res.exit_code == 0
    members = [r["waarde"] for r in csv_rows(res.output) if r["richting"] == "in" and r["relatie"] == "hoort bij"]
    assert members == expected
    table = run_cli("show", set_label).output
    assert "Inkomend: waarde → relatie → " + set_label in table
    positions = [table.index(m) for m in expected]
    assert positions == sorted(positions)


def test_show_lists_statistics_about_an_intervention_with_their_source(run_cli, graph):
    rows = graph.sparql(PREFIXES + """SELECT ?stat ?text WHERE {
        ?stat a ak:Statistic ; ak:about <https://w3id.org/armoede-kg/id/interventie/kansrijk-oost> ;
              ak:statementText ?text }""")
    assert len(rows) >= 3
    res = run_cli("show", "Kansrijk Oost", "--format", "json")
    shown = {r["iri"]: r for r in json.loads(res.output) if r["richting"] == "in"}
    for r in rows:
        link = shown[r["stat"].value]
        assert link["relatie"] == "gaat over" and link["graaf"] == "kennis/000"
        assert r["text"].value in link["waarde"]
        assert "Kloosterman & Kolstein (2020)" in link["waarde"]


def test_show_gives_the_source_behind_a_numbered_citation(run_cli, graph):
    # the finding ends in "(14)"; reference 14 of document 000 is the source it names
    rows = graph.sparql(PREFIXES + """SELECT ?label WHERE {
        ?f ak:findingText ?t ; dcterms:source ?src . ?src skos:prefLabel ?label ; ak:mentionedIn ?m .
        ?m ak:referenceNumber 14 ; ak:inDocument <https://w3id.org/armoede-kg/id/document/000> .
        FILTER(CONTAINS(?t, "(14)")) }""")
    assert len(rows) == 1
    source = rows.rows[0]["label"].value
    res = run_cli("show", "Mobility Mentoring", "--format", "csv")
    findings = [r["waarde"] for r in csv_rows(res.output) if r["relatie"] == "heeft onderzoeksbevinding"]
    assert any(f"(14) {source}" in f and f.endswith("(14).") for f in findings), findings


def test_show_prints_booleans_readably(run_cli):
    # regression: `show "Pathway of Hope"` printed "erkenning: true; Geen formele erkenning…"
    out = run_cli("show", "Pathway of Hope", "--format", "csv").output
    assert "true" not in out and "false" not in out
    rows = {r["relatie"]: r["waarde"] for r in csv_rows(out)}
    assert rows["heeft getrouwheidsmodel"] == "nee" and rows["krachtgericht"] == "ja"
    assert rows["heeft erkenning"].startswith("erkenning: geen formele erkenning")
    en = {r["relation"]: r["value"] for r in csv_rows(run_cli("show", "Pathway of Hope", "--format", "csv",
                                                              "--lang", "en").output)}
    assert en["has fidelity model"] == "no" and en["strength-based"] == "yes"


def test_show_names_the_document_of_every_link(run_cli):
    out = run_cli("show", "Mobility Mentoring").output
    assert "kennis/000 = De Vet, Scholten & Wolf (2021)" in out
    assert "kennis/002 = Webpagina armoede en gezondheid verbinden" in out
    rows = csv_rows(run_cli("show", "Mobility Mentoring", "--format", "csv").output)
    both = [r for r in rows if r["relatie"] == "voorkeurslabel"]
    assert both and both[0]["graaf"] == "kennis/000, kennis/002"


def test_show_in_english_shows_english_values_only(run_cli):
    rows = csv_rows(run_cli("show", "Erkenningsniveaus", "--format", "csv", "--lang", "en").output)
    labels = [r["value"] for r in rows if r["relation"] == "preferred label"]
    assert labels == ["Recognition levels"]


def test_description_api_gives_both_directions_with_documents(graph):
    d = graph.description("Vier elementen van zelfregie")
    members = [link for link in d.incoming if link.relation == "hoort bij"]
    assert [m.value_label for m in members] == members_in_order(graph, "Vier elementen van zelfregie")
    assert all(str(m.graph).endswith("kennis/004") for m in members)
    assert d.documents and all(v == "Franken e.a. (2016)" for v in d.documents.values())
    # the old call keeps its shape: outgoing statements, one per named graph
    old = graph.describe(d.iri)
    assert old and {s.direction for s in old} == {"out"}
    both = graph.describe(d.iri, incoming=True)
    assert {s.direction for s in both} == {"out", "in"} and len(both) == len(old) + len(members)


# -- search: labels and texts ---------------------------------------------------------------------

def test_search_finds_text_in_a_scope_note_and_says_where(run_cli, graph):
    rows = graph.sparql(PREFIXES + """SELECT DISTINCT ?s WHERE { ?s skos:scopeNote ?t
        FILTER(CONTAINS(LCASE(STR(?t)), "duureffect")) }""")
    assert rows
    res = run_cli("search", "duureffect", "--format", "csv")
    assert res.exit_code == 0
    hits = {r["iri"]: r for r in csv_rows(res.output)}
    for r in rows:
        hit = hits[r["s"].value]
        assert hit["gevonden in"] == "toelichting" and "duureffect" in hit["fragment"]


def test_search_finds_a_number_in_a_statistic(run_cli, graph):
    rows = graph.sparql(PREFIXES + """SELECT ?s WHERE { ?s a ak:Statistic ; ak:statementText ?t
        FILTER(CONTAINS(STR(?t), "508.000")) }""")
    assert len(rows) == 1
    res = run_cli("search", "508", "--format", "csv")
    assert res.exit_code == 0
    hit = next(r for r in csv_rows(res.output) if r["iri"] == rows.rows[0]["s"].value)
    # the statistic's Dutch label is shown, not its English one ("508,000")
    assert hit["gevonden in"] == "label" and "508.000" in hit["fragment"]
    # words found only in the statement's text are found there
    res = run_cli("search", "508.000 mensen in langdurige", "--format", "csv")
    hit = next(r for r in csv_rows(res.output) if r["iri"] == rows.rows[0]["s"].value)
    assert hit["gevonden in"] == "tekst van de uitspraak" and "In Nederland leven" in hit["fragment"]


def test_search_ranks_a_label_match_before_a_text_match(graph):
    hits = graph.search_text("krachtwerk")
    assert hits[0].label == "Krachtwerk" and hits[0].field == "voorkeurslabel"
    assert [h.field for h in hits].index("voorkeurslabel") < len(hits) - 1


def test_search_ignores_case_and_accents(graph):
    assert [h.iri for h in graph.search_text("FINANCIEN")] == [h.iri for h in graph.search_text("financiën")]
    assert graph.search_text("financien")


def test_search_keeps_its_old_shape(graph):
    pairs = graph.search("mindfulness")
    assert pairs and all(isinstance(label, str) for _, label in pairs)


@given(st.text(alphabet=st.sampled_from(list("aAéëÉ -_/.,;:()'\"\n®x1ﬁ")), max_size=30))
def test_snippet_folding_matches_the_label_normalisation(text):
    folded, where = fold(text)
    assert folded.strip() == normalise(text)
    assert len(where) == len(folded)


def test_snippet_cuts_around_the_match():
    text = "woord " * 30 + "Financiën en schulden " + "woord " * 30
    cut = snippet(text, normalise("FINANCIEN"))
    assert "Financiën" in cut and cut.startswith("…") and cut.endswith("…") and len(cut) < 120


# -- every kind can be listed ---------------------------------------------------------------------

@pytest.mark.parametrize("kind,cls", [("project", "Project"), ("Statistic", "Statistic"), ("cijfer", "Statistic"),
                                      ("persoon", "Person"), ("Activity", "Activity")])
def test_empty_search_lists_every_resource_of_a_kind(run_cli, graph, kind, cls):
    expected = {r["s"].value for r in graph.sparql(PREFIXES + f"SELECT DISTINCT ?s WHERE {{ ?s a ak:{cls} }}")}
    assert expected
    res = run_cli("search", "", "--soort", kind, "--format", "csv")
    assert res.exit_code == 0
    assert {r["iri"] for r in csv_rows(res.output)} == expected


def test_unknown_kind_suggests_one(run_cli, graph):
    res = run_cli("search", "", "--soort", "projekt")
    assert res.exit_code == 2 and "bedoelde u: project?" in res.output
    with pytest.raises(KgValueError) as exc:
        graph.search_text("", "projekt")
    assert exc.value.message("en") == "unknown kind 'projekt'; did you mean: project?"


def test_show_lists_the_projects_and_activities_about_an_intervention(run_cli, graph):
    expected = {r["s"].value for r in graph.sparql(PREFIXES + """SELECT DISTINCT ?s WHERE {
        ?s ak:relatedTo|ak:about <https://w3id.org/armoede-kg/id/interventie/krachtwerk> .
        { ?s a ak:Project } UNION { ?s a ak:Activity } }""")}
    assert expected
    rows = json.loads(run_cli("show", "Krachtwerk", "--format", "json").output)
    assert expected <= {r["iri"] for r in rows if r["richting"] == "in"}
