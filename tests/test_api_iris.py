"""One IRI type across the API and the networkx views, used as a notebook user would: an
object's `.iri` (an rdflib URIRef), the object itself, or the IRI as a str all find the same
node and edge; the nodes are the URIRefs that `.iri` gives."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from rdflib import URIRef

from kg.network import keys

AK = "https://w3id.org/armoede-kg/ontologie#"


@pytest.fixture(scope="module")
def krachtwerk(graph):
    return graph.get("Krachtwerk")


@pytest.fixture(scope="module")
def strengths_model(graph):
    return graph.get("Krachtmodel", kind="theory")


def test_keys_doctest_runs():
    import doctest

    result = doctest.testmod(keys)
    assert result.attempted >= 3 and result.failed == 0


@pytest.mark.parametrize("view", ["intervention-theory", "intervention-domain", "intervention-source", "full"])
def test_edge_lookup_by_entity_iri_used_to_be_a_key_error(graph, krachtwerk, view):
    # regression: nodes were str, .iri is a URIRef, and URIRef("x") != "x" in a dict
    net = graph.to_networkx(view)
    first = next(iter(net.successors(krachtwerk.iri)))
    assert isinstance(krachtwerk.iri, URIRef)
    by_iri = net.get_edge_data(krachtwerk.iri, graph.get(first).iri)
    assert by_iri
    assert by_iri == net.get_edge_data(krachtwerk, graph.get(first))
    assert by_iri == net.get_edge_data(str(krachtwerk.iri), str(first))
    if view != "full":
        assert net.edges[krachtwerk.iri, graph.get(first).iri] == by_iri
    assert net.nodes[krachtwerk.iri]["label"] == net.nodes[krachtwerk]["label"] == "Krachtwerk"


def test_nodes_are_the_iris_the_objects_carry(graph):
    net = graph.to_networkx("intervention-theory")
    assert {type(n) for n in net} == {URIRef}
    theories = {t.iri for t in graph.theories() if t.interventions}
    assert theories <= set(net)
    for iv in graph.interventions():
        for t in iv.theories:
            assert net.has_edge(iv.iri, t.iri) and (iv.iri, t.iri) in net.edges


def test_entity_objects_work_as_nodes(graph, krachtwerk, strengths_model):
    net = graph.to_networkx("intervention-theory")
    assert krachtwerk in net and strengths_model in net
    assert strengths_model.iri in set(net.successors(krachtwerk))
    assert {graph.get(n) for n in net[krachtwerk]} == set(krachtwerk.theories)
    sub = net.subgraph([krachtwerk, str(strengths_model.iri)])
    assert sub.number_of_nodes() == 2 and sub.has_edge(krachtwerk.iri, strengths_model.iri)


def test_full_view_edge_keys_are_predicate_iris(graph, krachtwerk, strengths_model):
    full = graph.to_networkx()
    based_on = URIRef(AK + "basedOn")
    assert based_on in full[krachtwerk][strengths_model]
    assert full.edges[krachtwerk.iri, strengths_model.iri, based_on] == \
        full.edges[krachtwerk.iri, strengths_model.iri, AK + "basedOn"]
    assert full.edges[krachtwerk, strengths_model, based_on]["label"] == "gebaseerd op"


def test_converted_views_keep_the_iri_keys(graph, krachtwerk, strengths_model):
    net = graph.to_networkx("intervention-theory")
    undirected = net.to_undirected()
    assert undirected.has_edge(strengths_model.iri, krachtwerk) and undirected.has_edge(
        str(strengths_model.iri), str(krachtwerk.iri))
    proj = graph.projection("intervention-theory", side="other")
    social_quality = graph.get("Sociale kwaliteit", kind="theory")
    assert proj.edges[strengths_model, social_quality.iri]["shared"] == ("Krachtwerk",)


def test_path_nodes_look_up_in_the_full_view(graph):
    route = graph.path("De Geweldige Wijk", "Mullainathan & Shafir (2013)")
    full = graph.to_networkx()
    for step in route.steps:
        assert full.has_edge(step.fact.subject, step.fact.object)
        assert step.fact.predicate in full[step.fact.subject][step.fact.object]


def test_views_export_to_json(graph):
    data = nx.node_link_data(graph.to_networkx("intervention-theory"), edges="links")
    text = json.dumps(data)
    assert '"https://w3id.org/armoede-kg/id/interventie/krachtwerk"' in text


def test_plain_networkx_keys_are_left_alone():
    g = keys.IriGraph()
    g.add_edge("a", 1)
    assert set(g) == {"a", 1} and g.has_edge(1, "a")
