"""The prefixes every backend knows without a PREFIX line, so the same hand-written SPARQL
runs on rdflib, oxigraph and a remote endpoint alike (README: "Prefixes", under `armoede-kg sparql`).

A PREFIX the query declares itself wins over these."""

from __future__ import annotations

_ID = "https://w3id.org/armoede-kg/id/"

PREFIXES: dict[str, str] = {
    # the project's ontology, named graphs and resources (as in ontologie/*.ttl)
    "ak": "https://w3id.org/armoede-kg/ontologie#",
    "graaf": "https://w3id.org/armoede-kg/graaf/",
    **{p: f"{_ID}{path}/" for p, path in (
        ("act", "activiteit"), ("bev", "bevinding"), ("bg", "begrip"), ("bron", "bron"),
        ("db", "databank"), ("doc", "document"), ("erk", "erkenning"), ("fase", "fase"),
        ("gem", "gemeente"), ("ins", "instrument"), ("iv", "interventie"), ("mech", "mechanisme"),
        ("og", "organisatie"), ("per", "persoon"), ("pr", "principe"), ("proj", "project"),
        ("ps", "principeset"), ("rol", "rol"), ("sch", "schema"), ("stat", "statistiek"),
        ("th", "theorie"), ("uit", "uitspraak"), ("vm", "verklaringsmodel"), ("vml", "vermelding"))},
    # reused vocabularies
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "bibo": "http://purl.org/ontology/bibo/",
    "schema": "https://schema.org/",
    "sh": "http://www.w3.org/ns/shacl#",
    "void": "http://rdfs.org/ns/void#",
    "vann": "http://purl.org/vocab/vann/",
}


def prologue() -> str:
    """The prefixes as PREFIX declarations on one line, for an engine that cannot be given them
    any other way (a remote endpoint): put before the query's first line, it leaves the line
    numbers of the query's own text unchanged."""
    return " ".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()) + " "
