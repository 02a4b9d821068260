"""Short, readable names for the IRIs and paths a validation report mentions."""

from __future__ import annotations

from typing import Any

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import SH

_PREFIXES = {
    "https://w3id.org/armoede-kg/ontologie#": "ak:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/ns/shacl#": "sh:",
    "http://purl.org/dc/terms/": "dcterms:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
}


def short_iri(term: Any) -> str:
    """`ak:lifeDomain` for the full IRI; '' for nothing; '(pad)' for a path we cannot name."""
    if term is None:
        return ""
    s = str(term)
    for ns, pfx in _PREFIXES.items():
        if s.startswith(ns):
            return pfx + s[len(ns):]
    return s if isinstance(term, URIRef) else "(pad)"


def path_name(report: Graph, path: Any) -> str:
    """A SHACL result path as text: `skos:inScheme`, or `^skos:inScheme` for an inverse path."""
    if isinstance(path, BNode):
        inverse = report.value(path, SH.inversePath)
        if isinstance(inverse, URIRef):
            return "^" + short_iri(inverse)
    return short_iri(path)
