"""The declared mapping from werkblad fields to RDF (velden.yaml), loaded into small records."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from rdflib import URIRef

from ..terms import BASE

TABLE = Path(__file__).with_name("velden.yaml")
SECTIONS = ("document", "interventie", "locatie", "erkenning")

PREFIXES: dict[str, str] = {
    "ak": "https://w3id.org/armoede-kg/ontologie#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "bibo": "http://purl.org/ontology/bibo/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
# the resource prefixes of MODELLERING.md (id/<folder>/)
ID_FOLDERS = {
    "iv": "interventie", "th": "theorie", "pr": "principe", "ps": "principeset", "mech": "mechanisme",
    "ins": "instrument", "vm": "verklaringsmodel", "bron": "bron", "doc": "document", "og": "organisatie",
    "per": "persoon", "gem": "gemeente", "db": "databank", "rol": "rol", "bev": "bevinding",
    "erk": "erkenning", "vml": "vermelding", "stat": "statistiek", "uit": "uitspraak", "fase": "fase",
    "proj": "project", "act": "activiteit", "sch": "schema", "bg": "begrip",
}
PREFIXES.update({p: f"{BASE}id/{folder}/" for p, folder in ID_FOLDERS.items()})
PREFIXES["graaf"] = BASE + "graaf/"


def expand(name: str) -> URIRef:
    """'ak:goal' → the full IRI."""
    prefix, _, local = name.partition(":")
    return URIRef(PREFIXES[prefix] + local)


def compact(iri: str) -> str | None:
    """The prefixed name of iri ('bg:bijlage3-financiele-situatie'), or None."""
    best = None
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and (best is None or len(ns) > len(PREFIXES[best])):
            best = prefix
    if best is None:
        return None
    local = iri[len(PREFIXES[best]):]
    return f"{best}:{local}" if local and "/" not in local and "#" not in local else None


@dataclass(frozen=True)
class Field:
    """One row of the mapping table."""

    section: str
    name: str
    kind: str  # tekst, letterlijk, janee, jaar, url, adres, bestaand, bestaand-of-nieuw, bereik, id, …
    properties: tuple[URIRef, ...]
    many: bool
    required: bool
    help: str
    lookup: str | None = None  # kind of thing a `bestaand` value names
    new_prefix: str | None = None
    new_class: URIRef | None = None

    @property
    def prop(self) -> URIRef:
        return self.properties[0]


@dataclass(frozen=True)
class Mapping:
    fields: dict[str, tuple[Field, ...]]
    document_kinds: dict[str, URIRef]

    def section(self, name: str) -> tuple[Field, ...]:
        return self.fields[name]

    def field(self, section: str, name: str) -> Field | None:
        return next((f for f in self.fields[section] if f.name == name), None)


def _yes(value: object) -> bool:
    return value is True or value == "ja"


@cache
def mapping() -> Mapping:
    """The table in velden.yaml (read once)."""
    raw = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    fields: dict[str, tuple[Field, ...]] = {}
    for section in SECTIONS:
        rows = []
        for row in raw[section]:
            new = row.get("nieuw") or {}
            rows.append(Field(
                section=section, name=row["veld"], kind=row["soort"],
                properties=tuple(expand(p) for p in str(row.get("eigenschap", "")).split()),
                many=_yes(row.get("lijst")), required=_yes(row.get("verplicht")),
                help=str(row.get("uitleg", "")), lookup=row.get("zoek"),
                new_prefix=new.get("prefix"), new_class=expand(new["klasse"]) if "klasse" in new else None))
        fields[section] = tuple(rows)
    kinds = {k: expand(v) for k, v in raw["documentsoorten"].items()}
    return Mapping(fields, kinds)
