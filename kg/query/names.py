"""Readable names for terms of reused vocabularies (SKOS, RDF, DCTERMS, PROV, FOAF, BIBO …).

kern.ttl labels the project's own classes and properties; the terms it reuses have no label
in the graph. Without a name here they would be shown as raw IRIs. One table for every place
that shows them (show, search, stats, paths and pictures).
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import URIRef
from rdflib.term import Node

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"
_PROV = "http://www.w3.org/ns/prov#"
_FOAF = "http://xmlns.com/foaf/0.1/"
_BIBO = "http://purl.org/ontology/bibo/"
_OWL = "http://www.w3.org/2002/07/owl#"

# IRI → (Dutch, English)
EXTERNAL_NAMES: dict[str, tuple[str, str]] = {
    _RDF + "type": ("is een", "is a"),
    _RDFS + "label": ("label", "label"),
    _RDFS + "comment": ("opmerking", "comment"),
    _RDFS + "seeAlso": ("zie ook", "see also"),
    _RDFS + "subClassOf": ("subklasse van", "subclass of"),
    _RDFS + "domain": ("domein", "domain"),
    _RDFS + "range": ("bereik", "range"),
    _RDFS + "Class": ("klasse", "class"),
    _OWL + "Class": ("klasse", "class"),
    _OWL + "ObjectProperty": ("relatie-eigenschap", "object property"),
    _OWL + "DatatypeProperty": ("waarde-eigenschap", "datatype property"),
    _OWL + "SymmetricProperty": ("symmetrische eigenschap", "symmetric property"),
    _OWL + "Ontology": ("ontologie", "ontology"),
    _OWL + "inverseOf": ("omgekeerde van", "inverse of"),
    _SKOS + "Concept": ("begrip", "concept"),
    _SKOS + "ConceptScheme": ("begrippenschema", "concept scheme"),
    _SKOS + "Collection": ("verzameling begrippen", "collection"),
    _SKOS + "prefLabel": ("voorkeurslabel", "preferred label"),
    _SKOS + "altLabel": ("alternatief label", "alternative label"),
    _SKOS + "hiddenLabel": ("verborgen label", "hidden label"),
    _SKOS + "notation": ("notatie", "notation"),
    _SKOS + "definition": ("definitie", "definition"),
    _SKOS + "note": ("noot", "note"),
    _SKOS + "scopeNote": ("toelichting", "scope note"),
    _SKOS + "editorialNote": ("redactionele noot", "editorial note"),
    _SKOS + "example": ("voorbeeld", "example"),
    _SKOS + "inScheme": ("in schema", "in scheme"),
    _SKOS + "hasTopConcept": ("heeft topbegrip", "has top concept"),
    _SKOS + "topConceptOf": ("topbegrip van", "top concept of"),
    _SKOS + "member": ("lid", "member"),
    _SKOS + "broader": ("valt onder", "has broader"),
    _SKOS + "narrower": ("omvat", "has narrower"),
    _SKOS + "related": ("verwant aan", "related to"),
    _SKOS + "exactMatch": ("komt overeen met", "exact match"),
    _SKOS + "closeMatch": ("komt nagenoeg overeen met", "close match"),
    _SKOS + "broadMatch": ("valt onder (crosswalk)", "broad match"),
    _SKOS + "narrowMatch": ("omvat (crosswalk)", "narrow match"),
    _SKOS + "relatedMatch": ("verwant met (crosswalk)", "related match"),
    _DCT + "title": ("titel", "title"),
    _DCT + "source": ("bron", "source"),
    _DCT + "creator": ("auteur", "creator"),
    _DCT + "contributor": ("bijdrager", "contributor"),
    _DCT + "publisher": ("uitgever", "publisher"),
    _DCT + "date": ("datum", "date"),
    _DCT + "issued": ("uitgegeven", "issued"),
    _DCT + "modified": ("gewijzigd", "modified"),
    _DCT + "relation": ("relatie", "relation"),
    _DCT + "description": ("beschrijving", "description"),
    _DCT + "license": ("licentie", "license"),
    _DCT + "language": ("taal", "language"),
    _DCT + "identifier": ("kenmerk", "identifier"),
    _DCT + "subject": ("onderwerp", "subject"),
    _PROV + "wasDerivedFrom": ("afgeleid van", "derived from"),
    _PROV + "wasAttributedTo": ("toegeschreven aan", "attributed to"),
    _PROV + "Entity": ("entiteit (PROV)", "entity (PROV)"),
    _PROV + "Agent": ("actor (PROV)", "agent (PROV)"),
    _FOAF + "homepage": ("website", "homepage"),
    _FOAF + "name": ("naam", "name"),
    _FOAF + "Person": ("persoon", "person"),
    _FOAF + "Organization": ("organisatie", "organisation"),
    _BIBO + "volume": ("jaargang", "volume"),
    _BIBO + "issue": ("nummer", "issue"),
    _BIBO + "pages": ("pagina's", "pages"),
    _BIBO + "uri": ("adres", "URI"),
    _BIBO + "Book": ("boek", "book"),
    _BIBO + "Report": ("rapport", "report"),
    _BIBO + "Article": ("artikel", "article"),
    _BIBO + "AcademicArticle": ("wetenschappelijk artikel", "academic article"),
    _BIBO + "Chapter": ("hoofdstuk", "chapter"),
    _BIBO + "Document": ("document", "document"),
    _BIBO + "Webpage": ("webpagina", "web page"),
    _BIBO + "Thesis": ("proefschrift", "thesis"),
}


def external_name(term: Node, lang: str = "nl") -> str | None:
    """The name of a reused-vocabulary term in lang, or None when the table does not know it."""
    names = EXTERNAL_NAMES.get(str(term))
    if names is None:
        return None
    return names[0] if lang == "nl" else names[1]


def display_predicate(p: Node, lang: str, label_of: Callable[[URIRef], str]) -> str:
    """The name to show for a predicate: a known name for a reused term, else its label."""
    return external_name(p, lang) or (label_of(p) if isinstance(p, URIRef) else str(p))
