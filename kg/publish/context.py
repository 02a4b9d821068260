"""The JSON-LD context of the publication: prefixes plus one short term for every class and
property of the ontology (and the reused SKOS/DCTERMS/FOAF/PROV terms the data uses), so
that consumers can write {"@type": "Intervention", "basedOn": "th:krachtmodel"}.

Object properties get "@type": "@id"; datatype properties with one XSD range get that
datatype; language-tagged text stays a value object (it often has several languages).
"""

from __future__ import annotations

import json
from typing import Any

from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from .model import SiteModel, local_name
from .vocab import EXTERNAL_LABELS, PREFIXES, qname

# Reused terms that get a short name too (only if no ontology term has that name).
_REUSED_OBJECT = {"inScheme", "broader", "narrower", "exactMatch", "closeMatch", "broadMatch",
                  "narrowMatch", "relatedMatch", "hasTopConcept", "topConceptOf", "creator",
                  "source", "homepage", "wasDerivedFrom", "license", "seeAlso"}
_REUSED_VALUE = {"prefLabel", "altLabel", "hiddenLabel", "definition", "note", "editorialNote",
                 "scopeNote", "notation", "title", "publisher", "date", "familyName", "label",
                 "description", "volume", "issue", "pages"}


def build_context(model: SiteModel) -> dict[str, Any]:
    """The context object (without the outer {"@context": …})."""
    ctx: dict[str, Any] = {"id": "@id", "type": "@type"}
    ctx.update({p: ns for p, ns in PREFIXES.items()})
    terms: dict[str, Any] = {}
    for cls in model.ontology_classes:
        terms[local_name(cls)] = _short(cls)
    for prop in model.ontology_properties:
        types = set(model.types(prop))
        entry: dict[str, Any] = {"@id": _short(prop)}
        if OWL.ObjectProperty in types:
            entry["@type"] = "@id"
        else:
            ranges = [r for r in model.values(prop, RDFS.range) if isinstance(r, URIRef)]
            if len(ranges) == 1 and str(ranges[0]).startswith(str(XSD)) and ranges[0] != XSD.string:
                entry["@type"] = _short(ranges[0])
        terms[local_name(prop)] = entry
    for iri in sorted(EXTERNAL_LABELS):
        name = local_name(iri)
        if name in terms or iri == RDF.type:
            continue
        if name in _REUSED_OBJECT:
            terms[name] = {"@id": _short(iri), "@type": "@id"}
        elif name in _REUSED_VALUE:
            terms[name] = _short(iri)
    for name in sorted(terms):
        if name in ctx:
            continue  # a prefix of the same name wins; the term stays reachable as prefix:name
        ctx[name] = terms[name]
    return ctx


def _short(iri: URIRef) -> str:
    return qname(str(iri)) or str(iri)


def context_document(model: SiteModel) -> str:
    return json.dumps({"@context": build_context(model)}, ensure_ascii=False, indent=2) + "\n"
