"""The ontology itself (Brick-style): every term labelled in nl and en with a definition,
metadata present, the Python names in sync, and nothing fetched at run time."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.paths import ontology_dir
from kg.terms import AK, ONTOLOGY_IRI

KERN = Graph().parse(ontology_dir() / "kern.ttl")
NS = "https://w3id.org/armoede-kg/ontologie#"


def _terms() -> set[str]:
    out = set()
    for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        out |= {str(s)[len(NS):] for s in KERN.subjects(RDF.type, t) if str(s).startswith(NS)}
    return out


def test_every_term_has_labels_and_definitions_in_dutch_and_english():
    missing = []
    for name in sorted(_terms()):
        iri = URIRef(NS + name)
        for prop in (RDFS.label, SKOS.definition):
            langs = {o.language for o in KERN.objects(iri, prop)}
            if not {"nl", "en"} <= langs:
                missing.append(f"{name} {prop}")
    assert missing == []


def test_python_namespace_matches_kern():
    declared = {k for k in AK.__annotations__}
    assert declared == _terms()


def test_ontology_metadata():
    for p in ("http://purl.org/dc/terms/title", "http://purl.org/dc/terms/license",
              "http://purl.org/dc/terms/creator", "http://purl.org/dc/terms/created"):
        assert KERN.value(ONTOLOGY_IRI, URIRef(p)) is not None, p
    assert str(KERN.value(ONTOLOGY_IRI, OWL.versionIRI)).startswith(str(ONTOLOGY_IRI) + "/")
    assert KERN.value(ONTOLOGY_IRI, OWL.versionInfo) is not None


def test_no_owl_imports_anywhere(graph):
    # nothing may be fetched at run time (anchors §4): reuse by IRI only
    assert len(graph.sparql("ASK { ?o <http://www.w3.org/2002/07/owl#imports> ?x }").rows) == 1
    assert graph.sparql("ASK { ?o <http://www.w3.org/2002/07/owl#imports> ?x }").rows[0]["ask"].value is False


def test_reused_vocabularies():
    sup = {str(o) for o in KERN.objects(None, RDFS.subClassOf)}
    assert "http://purl.org/ontology/bibo/Document" in sup
    assert "http://www.w3.org/ns/prov#Entity" in sup
    assert "http://xmlns.com/foaf/0.1/Organization" in sup


def test_life_domain_schemes_have_english_labels(graph):
    rows = graph.sparql("""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX ak: <https://w3id.org/armoede-kg/ontologie#>
        SELECT ?c WHERE { ?c skos:inScheme ?s . ?s a ak:LifeDomainScheme .
          FILTER NOT EXISTS { ?c skos:prefLabel ?l FILTER(lang(?l) = "en") } }""")
    assert len(rows) == 0


def test_crosswalk_is_kept_apart_from_what_documents_say(graph):
    rows = graph.sparql("""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a skos:exactMatch|skos:closeMatch|skos:broadMatch ?b } }""")
    assert {r["g"].value for r in rows} == {"https://w3id.org/armoede-kg/graaf/schemas/crosswalk"}
