"""networkx views and the analyses (paths, similarity, centrality, communities) and their
CLI commands, on the real graph; expected answers come from independent SPARQL where the
numbers may grow as the data is completed."""

from __future__ import annotations

import csv
import doctest
import io
import json
from collections import Counter

import networkx as nx
import pytest

import kg
from kg.errors import KgError, UnknownLabelError
from kg.network import analyses as network
from kg.network import mixin as graph_network
from kg.network.analyses import SKIPPED_KINDS

AK = "https://w3id.org/armoede-kg/ontologie#"
ID = "https://w3id.org/armoede-kg/id/"
KRACHTWERK = ID + "interventie/krachtwerk"
WIJK = ID + "interventie/de-geweldige-wijk"
SCHAARSTE = ID + "theorie/schaarste"
MS = ID + "bron/mullainathan-shafir-schaarste"
SEED_000 = "De Vet, Scholten & Wolf (2021)"


def rows(graph: kg.KnowledgeGraph, text: str) -> list[dict[str, object]]:
    prefix = (f"PREFIX ak: <{AK}>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
              "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n")
    return graph.sparql(prefix + text).to_dicts()


def test_docstring_examples_run():
    results = [doctest.testmod(m) for m in (network, graph_network)]
    assert sum(r.attempted for r in results) >= 8
    assert sum(r.failed for r in results) == 0


# -- views -------------------------------------------------------------------------------------

def test_full_view_has_every_link_with_its_documents(graph):
    g = graph.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    expected = rows(graph, """SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE {
        GRAPH ?g { ?s ?p ?o } FILTER(!isLiteral(?o) && ?p != rdf:type) } }""")[0]["n"]
    assert g.number_of_edges() == expected
    node = g.nodes[KRACHTWERK]
    assert node["label"] == "Krachtwerk" and node["class"] == AK + "Intervention" and node["kind"] == "interventie"
    edge = g.edges[KRACHTWERK, ID + "theorie/krachtmodel", AK + "basedOn"]
    assert edge["label"] == "gebaseerd op" and edge["label_en"] == "based on"
    # seed 000 and seed 001 both state it
    assert set(edge["sources"]) == {ID + "document/000", ID + "document/001"}
    assert graph.to_networkx() is not g  # the caller owns the graph


def test_intervention_theory_view_is_every_based_on(graph):
    g = graph.to_networkx("interventie-theorie")
    expected = {(r["i"], r["t"]) for r in rows(graph, "SELECT ?i ?t WHERE { ?i ak:basedOn ?t ; a ak:Intervention }")}
    assert {(str(i), str(t)) for i, t in g.edges} == expected
    assert g.nodes[WIJK]["bipartite"] == 0 and g.nodes[SCHAARSTE]["bipartite"] == 1
    assert g.edges[WIJK, SCHAARSTE]["source_labels"] == (SEED_000,)


def test_intervention_domain_view_reaches_domains_on_roles(graph):
    g = graph.to_networkx("intervention-domain")
    fin = ID + "begrip/bijlage3-financiele-situatie"
    booster = ID + "interventie/8ting"
    assert g.has_edge(booster, fin)  # Bijlage 3 puts the domain on the versterker role
    assert "rol als versterker" in g.edges[booster, fin]["via"][0]
    assert g.has_edge(KRACHTWERK, ID + "begrip/krachtwerk-condities-inkomen-en-financien")
    p = graph.projection("intervention-domain")
    assert p.has_edge(booster, ID + "interventie/budgetcursus")
    assert "Financiële situatie" in p.edges[booster, ID + "interventie/budgetcursus"]["shared"]


def test_intervention_source_view(graph):
    g = graph.to_networkx("interventie-bron")
    assert g.has_edge(WIJK, MS)
    assert g.has_edge(WIJK, ID + "document/000")  # seed 000 mentions it
    with pytest.raises(KgError, match="weergave"):
        graph.to_networkx("iets")


# -- paths -------------------------------------------------------------------------------------

def test_path_from_de_geweldige_wijk_to_mullainathan_and_shafir(graph):
    shortest = graph.path("De Geweldige Wijk", "Mullainathan & Shafir (2013)")
    assert shortest.text() == "De Geweldige Wijk → onderbouwd met → Mullainathan & Shafir (2013)"
    routes = graph.paths("De Geweldige Wijk", "Mullainathan & Shafir (2013)", max_length=2)
    texts = [p.text() for p in routes]
    via_theory = ("De Geweldige Wijk → gebaseerd op → Theorie van schaarste → beschreven in → "
                  "Mullainathan & Shafir (2013)")
    assert via_theory in texts
    step1, step2 = routes[texts.index(via_theory)].steps
    assert step1.documents == (SEED_000,)
    assert SEED_000 in step2.documents and step2.forward
    assert all(p.length <= 2 for p in routes)
    assert [p.cost for p in routes] == sorted(p.cost for p in routes)


def test_paths_skip_mentions_schemes_and_ontology_terms(graph):
    for a, b in [("Krachtwerk", "Mobility Mentoring"), ("Kansrijk Oost", "Vrijbaan"), ("Krachtwerk", "8TING")]:
        for p in graph.paths(a, b, max_length=4, limit=5):
            assert not {n.kind for n in p.nodes} & SKIPPED_KINDS, p.text()
            assert "vermeld in" not in [s.relation for s in p.steps]


def test_a_path_through_the_crosswalk_names_the_crosswalk(graph):
    p = graph.path("Krachtwerk", "8TING")
    assert p.nodes[-1].label == "8TING"
    assert any("Crosswalk" in d for s in p.steps for d in s.documents), p.explain()
    assert "Financiële situatie" in [n.label for n in p.nodes]


def test_a_shared_theory_is_a_two_step_path(graph):
    shared = rows(graph, """SELECT ?t WHERE { <https://w3id.org/armoede-kg/id/interventie/kansrijk-oost>
        ak:basedOn ?t . ?v ak:basedOn ?t ; skos:prefLabel "Vrijbaan"@nl }""")
    p = graph.path("Kansrijk Oost", "Vrijbaan")
    assert p.length == 2 and str(p.nodes[1].iri) in {r["t"] for r in shared}
    assert [s.forward for s in p.steps] == [True, False]
    assert "←" in p.text()


def test_no_path_within_the_length_and_bad_ends(graph):
    assert graph.path("Kansrijk Oost", "Vrijbaan", max_length=1) is None
    with pytest.raises(UnknownLabelError):
        graph.path("Krachtwerk", "Kragtwerk")
    with pytest.raises(KgError, match="geen verbindingen"):
        graph.path("Krachtwerk", "https://w3id.org/armoede-kg/id/schema/niveau")


def test_paths_read_in_english(graph_en):
    p = graph_en.path("De Geweldige Wijk", "Mullainathan & Shafir (2013)")
    assert p.text() == "De Geweldige Wijk → underpinned by → Mullainathan & Shafir (2013)"


# -- similarity --------------------------------------------------------------------------------------

def test_interventions_sharing_a_theory_are_similar_through_it(graph):
    sharing = {r["v"] for r in rows(graph, """SELECT DISTINCT ?v WHERE {
        <https://w3id.org/armoede-kg/id/interventie/kansrijk-oost> ak:basedOn ?t . ?v ak:basedOn ?t
        FILTER(?v != <https://w3id.org/armoede-kg/id/interventie/kansrijk-oost>) }""")}
    assert sharing  # Empowerment (seed 000 for Kansrijk Oost)
    found = {str(s.intervention.iri): s for s in graph.similar("Kansrijk Oost", k=200)}
    for v in sharing:
        assert "theorie Empowerment" in [f.text() for f in found[v].shared]
    scores = [s.score for s in graph.similar("Kansrijk Oost", k=200)]
    assert scores == sorted(scores, reverse=True) and all(0 < x <= 1 for x in scores)


def test_financial_versterkers_are_alike_through_their_domain(graph):
    others = {r["versterker"].value for r in graph.query("versterkers", interventie="Krachtwerk",
                                                          leefgebied="financiën")}
    others.discard(ID + "interventie/budgetcursus")
    found = {str(s.intervention.iri): s for s in graph.similar("Budgetcursus", k=200)}
    for v in others:
        assert "leefgebied Financiële situatie" in [f.text() for f in found[v].shared]
    assert ID + "interventie/budgetcursus" not in found
    # the measure is symmetric
    a = next(s for s in graph.similar("Krachtwerk", k=200) if s.label == "8TING").score
    b = next(s for s in graph.similar("8TING", k=200) if s.label == "Krachtwerk").score
    assert a == pytest.approx(b)


# -- centrality ---------------------------------------------------------------------------------------

def _theory_counts(graph: kg.KnowledgeGraph, role_class: str | None = None) -> Counter[str]:
    role = f"?i ak:hasRole/a <{AK}{role_class}> ." if role_class else ""
    found = rows(graph, f"SELECT DISTINCT ?i ?t WHERE {{ ?i ak:basedOn ?t ; a ak:Intervention . {role} }}")
    return Counter(r["t"] for r in found)


def test_the_theory_under_most_interventions(graph):
    counts = _theory_counts(graph)
    top = graph.central("theorie")
    best = max(counts.values())
    assert {str(c.entity.iri) for c in top if c.score == best} == {t for t, n in counts.items() if n == best}
    assert {str(c.entity.iri): c.score for c in top} == {t: n for t, n in counts.items()
                                                      if t in {str(c.entity.iri) for c in top}}
    assert top[0].interventions and all(c.entity.kind == "theorie" for c in top)


def test_the_theory_under_most_integral_interventions(graph):
    counts = _theory_counts(graph, "IntegralInterventionRole")
    top = graph.central("theory", role="integral", k=50)
    assert {str(c.entity.iri): c.score for c in top} == dict(counts)
    scarcity = next(c for c in top if c.label == "Theorie van schaarste")
    assert [i.label for i in scarcity.interventions] == ["De Geweldige Wijk"]


def test_the_life_domain_with_most_interventions(graph):
    found = rows(graph, """SELECT DISTINCT ?i ?d WHERE { ?i a ak:Intervention .
        { ?i ak:lifeDomain ?d } UNION { ?i ak:targets ?d } UNION { ?i ak:hasRole/ak:lifeDomain ?d } }""")
    counts = Counter(r["d"] for r in found)
    top = graph.central("leefgebied", k=3)
    assert str(top[0].entity.iri) in {d for d, n in counts.items() if n == max(counts.values())}
    assert top[0].score == max(counts.values())


def test_betweenness_ranks_connecting_domains(graph):
    top = graph.central("leefgebied", measure="tussenligging", k=5)
    assert all(c.entity.kind == "leefgebied" for c in top)
    assert [c.score for c in top] == sorted((c.score for c in top), reverse=True)
    assert 0 < top[0].score <= 1
    # Financiële situatie joins Krachtwerk (through the crosswalk) to the financial versterkers
    assert "Financiële situatie" in top.labels()


# -- communities ----------------------------------------------------------------------------------------

def test_communities_group_the_financial_versterkers(graph):
    groups = graph.communities()
    members = [{str(m.iri) for m in c.members} for c in groups]
    assert all(len(m) >= 2 for m in members)
    assert sum(len(m) for m in members) == len(set().union(*members))  # disjoint
    financial = {r["versterker"].value for r in graph.query("versterkers", interventie="Krachtwerk",
                                                             leefgebied="financiën")}
    home = [c for c, m in zip(groups, members) if financial <= m]
    assert len(home) == 1, "the nine financial versterkers of Bijlage 3 share one group"
    assert "leefgebied Financiële situatie" in [f.text() for f, _ in home[0].shared]


# -- the commands -----------------------------------------------------------------------------------------

def test_cli_pad_prints_the_route_and_its_documents(run_cli):
    res = run_cli("pad", "De Geweldige Wijk", "Mullainathan & Shafir (2013)", "--alle", "--max-lengte", "2")
    assert res.exit_code == 0, res.output
    assert ("De Geweldige Wijk → gebaseerd op → Theorie van schaarste → beschreven in → "
            "Mullainathan & Shafir (2013)") in res.output
    assert SEED_000 in res.output


def test_cli_pad_json_and_csv(run_cli):
    res = run_cli("pad", "De Geweldige Wijk", "Mullainathan & Shafir (2013)", "--format", "json")
    [route] = json.loads(res.output)
    assert route["steps"][0]["relation"] == "onderbouwd met" and route["steps"][0]["documents"] == [SEED_000]
    res = run_cli("pad", "Kansrijk Oost", "Vrijbaan", "--format", "csv", "--lang", "en")
    table = list(csv.DictReader(io.StringIO(res.output)))
    assert [r["relation"] for r in table] == ["→ based on", "← based on"]


def test_cli_pad_without_answer_or_with_a_bad_label(run_cli):
    res = run_cli("pad", "Kansrijk Oost", "Vrijbaan", "--max-lengte", "1")
    assert res.exit_code == 1 and "geen verbinding" in res.output
    res = run_cli("pad", "Krachtwerk", "Kragtwerk")
    assert res.exit_code == 2 and res.output.startswith("fout: onbekend label 'Kragtwerk'")
    assert "Traceback" not in res.output


def test_cli_vergelijkbaar(run_cli):
    res = run_cli("vergelijkbaar", "Kansrijk Oost", "--format", "json")
    found = json.loads(res.output)
    assert any("theorie Empowerment" in s["shared"] for s in found)
    res = run_cli("vergelijkbaar", "Budgetcursus", "-k", "3")
    assert res.exit_code == 0 and "leefgebied Financiële situatie" in res.output and "(3 rijen)" in res.output


def test_cli_centraal(graph, run_cli):
    res = run_cli("centraal", "--soort", "theorie", "--rol", "integraal", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(res.output)))
    scarcity = next(r for r in table if r["naam"] == "Theorie van schaarste")
    assert scarcity["interventies"] == "De Geweldige Wijk" and scarcity["soort"] == "theorie"
    res = run_cli("centraal", "--soort", "leefgebied", "--maat", "tussenligging", "-k", "3")
    assert res.exit_code == 0 and "(3 rijen)" in res.output
    res = run_cli("centraal", "--soort", "planeet")
    assert res.exit_code == 2 and res.output.startswith("fout:")


def test_cli_gemeenschappen(run_cli):
    res = run_cli("gemeenschappen", "--format", "json")
    groups = json.loads(res.output)
    assert groups and all(g["size"] == len(g["members"]) >= 2 for g in groups)
    assert any("Budgetcursus" in g["members"] and "8TING" in g["members"] for g in groups)
