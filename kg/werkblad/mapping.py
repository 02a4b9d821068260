"""The declared mapping from werkblad fields to RDF (velden.yaml), loaded into small records."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from rdflib import URIRef

from ..publish.vocab import PREFIXES as ALL_PREFIXES
from ..publish.vocab import qname

TABLE = Path(__file__).with_name("velden.yaml")
SECTIONS = ("document", "interventie", "locatie", "erkenning")

# the prefixes of ontologie/MODELLERING.md (the publication's list, which holds them all)
PREFIXES: dict[str, str] = {p: ns for p, ns in ALL_PREFIXES.items()
                            if p not in ("vann", "sh", "void", "dcat", "sd", "adms", "vcard")}


def expand(name: str) -> URIRef:
    """'ak:goal' → the full IRI."""
    prefix, _, local = name.partition(":")
    return URIRef(PREFIXES[prefix] + local)


def compact(iri: str) -> str | None:
    """The prefixed name of iri ('bg:bijlage3-financiele-situatie'), or None."""
    return qname(iri)


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
