"""Prefixes and Dutch/English names for the vocabularies the publication shows.

The graph labels its own terms (kern.ttl); the reused vocabularies (SKOS, DCTERMS, BIBO,
FOAF, PROV, OWL, RDFS) are not loaded at run time (no owl:imports, no network), so the
few of their terms the data uses get their nl/en names here.
"""

from __future__ import annotations

import re

from rdflib import URIRef

from ..terms import BASE

# Order matters twice: the longest namespace wins when abbreviating, and the order is the
# order of @prefix lines and of the JSON-LD context (deterministic output).
PREFIXES: dict[str, str] = {
    "ak": BASE + "ontologie#",
    "iv": BASE + "id/interventie/",
    "th": BASE + "id/theorie/",
    "pr": BASE + "id/principe/",
    "ps": BASE + "id/principeset/",
    "mech": BASE + "id/mechanisme/",
    "ins": BASE + "id/instrument/",
    "vm": BASE + "id/verklaringsmodel/",
    "bron": BASE + "id/bron/",
    "doc": BASE + "id/document/",
    "og": BASE + "id/organisatie/",
    "per": BASE + "id/persoon/",
    "gem": BASE + "id/gemeente/",
    "db": BASE + "id/databank/",
    "rol": BASE + "id/rol/",
    "bev": BASE + "id/bevinding/",
    "erk": BASE + "id/erkenning/",
    "vml": BASE + "id/vermelding/",
    "stat": BASE + "id/statistiek/",
    "uit": BASE + "id/uitspraak/",
    "fase": BASE + "id/fase/",
    "proj": BASE + "id/project/",
    "act": BASE + "id/activiteit/",
    "sch": BASE + "id/schema/",
    "bg": BASE + "id/begrip/",
    "graaf": BASE + "graaf/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "bibo": "http://purl.org/ontology/bibo/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "vann": "http://purl.org/vocab/vann/",
    "sh": "http://www.w3.org/ns/shacl#",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "adms": "http://www.w3.org/ns/adms#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}

# A local name every consumer accepts: Turtle PN_LOCAL, JSON-LD compact IRI, XML-safe.
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?")
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def qname(iri: str) -> str | None:
    """'ak:Intervention' for a term in a known namespace (None otherwise)."""
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns):
            local = iri[len(ns):]
            if _LOCAL.fullmatch(local):
                return f"{prefix}:{local}"
    return None


def _t(prefix: str, local: str) -> URIRef:
    return URIRef(PREFIXES[prefix] + local)


# term → (nl, en)
EXTERNAL_LABELS: dict[URIRef, tuple[str, str]] = {
    _t("rdf", "type"): ("type", "type"),
    _t("rdfs", "label"): ("label", "label"),
    _t("rdfs", "comment"): ("toelichting", "comment"),
    _t("rdfs", "seeAlso"): ("zie ook", "see also"),
    _t("rdfs", "domain"): ("domein", "domain"),
    _t("rdfs", "range"): ("bereik", "range"),
    _t("rdfs", "subClassOf"): ("subklasse van", "subclass of"),
    _t("rdfs", "subPropertyOf"): ("subeigenschap van", "subproperty of"),
    _t("skos", "prefLabel"): ("voorkeurslabel", "preferred label"),
    _t("skos", "altLabel"): ("andere naam", "alternative label"),
    _t("skos", "hiddenLabel"): ("verborgen label", "hidden label"),
    _t("skos", "definition"): ("omschrijving", "definition"),
    _t("skos", "note"): ("notitie", "note"),
    _t("skos", "editorialNote"): ("redactionele notitie", "editorial note"),
    _t("skos", "scopeNote"): ("toelichting bij gebruik", "scope note"),
    _t("skos", "example"): ("voorbeeld", "example"),
    _t("skos", "notation"): ("code", "notation"),
    _t("skos", "inScheme"): ("in begrippenschema", "in scheme"),
    _t("skos", "hasTopConcept"): ("topbegrip", "has top concept"),
    _t("skos", "topConceptOf"): ("topbegrip van", "top concept of"),
    _t("skos", "broader"): ("breder begrip", "broader"),
    _t("skos", "narrower"): ("smaller begrip", "narrower"),
    _t("skos", "related"): ("verwant begrip", "related"),
    _t("skos", "exactMatch"): ("zelfde begrip als", "exact match"),
    _t("skos", "closeMatch"): ("vrijwel gelijk aan", "close match"),
    _t("skos", "broadMatch"): ("breder begrip (ander schema)", "broad match"),
    _t("skos", "narrowMatch"): ("smaller begrip (ander schema)", "narrow match"),
    _t("skos", "relatedMatch"): ("verwant begrip (ander schema)", "related match"),
    _t("skos", "Concept"): ("begrip", "concept"),
    _t("skos", "ConceptScheme"): ("begrippenschema", "concept scheme"),
    _t("dcterms", "title"): ("titel", "title"),
    _t("dcterms", "description"): ("beschrijving", "description"),
    _t("dcterms", "creator"): ("auteur", "creator"),
    _t("dcterms", "contributor"): ("bijdrager", "contributor"),
    _t("dcterms", "publisher"): ("uitgever", "publisher"),
    _t("dcterms", "date"): ("datum", "date"),
    _t("dcterms", "created"): ("gemaakt", "created"),
    _t("dcterms", "modified"): ("gewijzigd", "modified"),
    _t("dcterms", "source"): ("bron", "source"),
    _t("dcterms", "license"): ("licentie", "licence"),
    _t("dcterms", "rights"): ("rechten", "rights"),
    _t("dcterms", "language"): ("taal", "language"),
    _t("dcterms", "relation"): ("relatie", "relation"),
    _t("bibo", "volume"): ("jaargang", "volume"),
    _t("bibo", "issue"): ("nummer", "issue"),
    _t("bibo", "pages"): ("pagina's", "pages"),
    _t("bibo", "uri"): ("vindplaats (URL)", "URI"),
    _t("bibo", "shortDescription"): ("korte beschrijving", "short description"),
    _t("bibo", "Book"): ("boek", "book"),
    _t("bibo", "Report"): ("rapport", "report"),
    _t("bibo", "Article"): ("artikel", "article"),
    _t("bibo", "AcademicArticle"): ("wetenschappelijk artikel", "academic article"),
    _t("bibo", "Webpage"): ("webpagina", "web page"),
    _t("bibo", "Thesis"): ("proefschrift", "thesis"),
    _t("bibo", "Document"): ("document", "document"),
    _t("foaf", "homepage"): ("website", "homepage"),
    _t("foaf", "name"): ("naam", "name"),
    _t("foaf", "familyName"): ("achternaam", "family name"),
    _t("foaf", "mbox"): ("e-mail", "mailbox"),
    _t("foaf", "Agent"): ("actor", "agent"),
    _t("foaf", "Organization"): ("organisatie", "organisation"),
    _t("foaf", "Person"): ("persoon", "person"),
    _t("prov", "wasDerivedFrom"): ("afgeleid van", "derived from"),
    _t("prov", "wasAttributedTo"): ("toegeschreven aan", "attributed to"),
    _t("prov", "Entity"): ("entiteit", "entity"),
    _t("prov", "Activity"): ("activiteit", "activity"),
    _t("owl", "Class"): ("klasse", "class"),
    _t("owl", "ObjectProperty"): ("objecteigenschap", "object property"),
    _t("owl", "DatatypeProperty"): ("gegevenseigenschap", "datatype property"),
    _t("owl", "SymmetricProperty"): ("symmetrische eigenschap", "symmetric property"),
    _t("owl", "Ontology"): ("ontologie", "ontology"),
    _t("owl", "inverseOf"): ("omgekeerde van", "inverse of"),
    _t("owl", "versionIRI"): ("versie-IRI", "version IRI"),
    _t("owl", "versionInfo"): ("versie", "version"),
    _t("vann", "preferredNamespacePrefix"): ("voorkeursprefix", "preferred namespace prefix"),
    _t("vann", "preferredNamespaceUri"): ("voorkeursnaamruimte", "preferred namespace URI"),
}

DATATYPE_LABELS: dict[str, tuple[str, str]] = {
    PREFIXES["xsd"] + "string": ("tekst", "text"),
    PREFIXES["rdf"] + "langString": ("tekst met taalcode", "text with language tag"),
    PREFIXES["xsd"] + "boolean": ("ja/nee", "true/false"),
    PREFIXES["xsd"] + "integer": ("geheel getal", "integer"),
    PREFIXES["xsd"] + "decimal": ("decimaal getal", "decimal"),
    PREFIXES["xsd"] + "gYear": ("jaar", "year"),
    PREFIXES["xsd"] + "gYearMonth": ("jaar en maand", "year and month"),
    PREFIXES["xsd"] + "date": ("datum", "date"),
    PREFIXES["xsd"] + "anyURI": ("URL", "URL"),
}
