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
    for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
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


def test_no_file_states_a_triple_twice():
    # Regression (issue #14, lint): seven instruments and one intervention of 004 were typed twice
    # in the same file. pyoxigraph's parser yields duplicates where rdflib's set hides them.
    import pyoxigraph as ox

    twice = []
    for path in sorted(ontology_dir().rglob("*.ttl")):
        seen: set[str] = set()
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            key = str(quad)
            if key in seen:
                twice.append(f"{path.name}: {key}")
            seen.add(key)
    assert twice == []


def test_document_addresses_and_creators_are_iris(graph):
    # Regression (issue #14, lint): bibo:uri had 21 IRIs and 3 plain strings, dcterms:creator one
    # string ("armoede-kg developers") among its IRIs; a linter (and a JSON-LD context) wants one kind.
    BIBO_URI = URIRef("http://purl.org/ontology/bibo/uri")
    CREATOR = URIRef("http://purl.org/dc/terms/creator")
    ds = graph.backend.dataset()
    for prop in (BIBO_URI, CREATOR):
        values = {o for _s, _p, o, _g in ds.quads((None, prop, None, None))}
        assert values, prop
        assert all(isinstance(o, URIRef) for o in values), [o for o in values if not isinstance(o, URIRef)]


def test_text_ranges_are_in_the_owl2_datatype_map():
    # Regression (issue #14): Pellet called the graph inconsistent because rdf:langString is not in
    # the OWL 2 datatype map; rdf:PlainLiteral is, and HermiT and Pellet agree on it.
    ranges = set(KERN.objects(None, RDFS.range))
    assert URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString") not in ranges
    assert URIRef("http://www.w3.org/2001/XMLSchema#gYear") not in ranges
