"""Typed domain objects over the graph: Intervention, Theory, LifeDomain, Source, … and the
KnowledgeGraph methods that return them (kg.get, kg.interventions, kg.theories, kg.sources,
kg.complementing_boosters).

The objects are immutable snapshots with their labels, IRIs and plain attributes; related
objects (an intervention's theories, a theory's interventions) are properties that look them
up in one in-memory index of the graph, built on first use from the backend's quads and kept
for the life of the KnowledgeGraph: no call re-reads or re-queries the whole graph.

The parts live by what they do: kg.model.kinds (kinds and roles), kg.model.index (the
index), kg.model.records (Results), kg.model.links (links with their documents),
kg.model.catalog (making the objects); this module keeps the objects and still exports the
names of the others.

>>> import kg
>>> graph = kg.load()
>>> krachtwerk = graph.get("Krachtwerk")
>>> krachtwerk
Intervention('Krachtwerk')
>>> [t.label for t in krachtwerk.theories]
['Krachtmodel', 'Sociale kwaliteit']
>>> krachtwerk.level, krachtwerk.is_integral
('B', True)
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rdflib import URIRef
from rdflib.namespace import RDF, SKOS
from rdflib.term import Node

from ..errors import MissingDependencyError as MissingDependencyError  # its old home: still importable here
from ..terms import AK
from .index import BIBO, FOAF_HOMEPAGE, Fact3, GraphIndex, local_name
from .kinds import (
    KIND_ALIASES,
    KIND_CLASSES,
    KNOWN_KINDS,
    ROLE_ALIASES,
    ROLE_KINDS,
    checked_kind,
    kind_key,
    kind_label,
    role_key,
)
from .links import Link, Links
from .records import Record, Results

if TYPE_CHECKING:
    from .catalog import Catalog


# -- domain objects --------------------------------------------------------------------------

@dataclass(frozen=True, eq=False, kw_only=True)
class Entity:
    """A described resource: its IRI, label (in the graph's language), labels per language,
    classes and definition. Two entities are equal when their IRIs are."""

    iri: URIRef
    label: str
    labels: Mapping[str, str]
    kind: str
    types: tuple[URIRef, ...]
    definition: str | None
    _catalog: Catalog = field(repr=False)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entity) and other.iri == self.iri

    def __hash__(self) -> int:
        return hash(self.iri)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.label!r})"

    def __str__(self) -> str:
        return self.label

    @property
    def documents(self) -> tuple[Source, ...]:
        """The source documents (seeds) that mention this resource."""
        idx = self._catalog.index
        docs = {d for m in idx.objects(self.iri, AK.mentionedIn) for d in idx.iris(m, AK.inDocument)}
        docs.update(idx.iris(self.iri, AK.inDocument))
        return self._catalog.entities(docs, Source)

    def neighbours(self) -> tuple[Entity, ...]:
        """Every resource this one links to or is linked from (without provenance plumbing)."""
        idx = self._catalog.index
        found: set[URIRef] = set()
        for p, os in idx.out.get(self.iri, {}).items():
            if p not in PLUMBING:
                found.update(o for o in os if isinstance(o, URIRef) and idx.has(o))
        for p, ss in idx.inc.get(self.iri, {}).items():
            if p not in PLUMBING:
                found.update(s for s in ss if isinstance(s, URIRef))
        return self._catalog.entities(found, Entity)

    def links(self, relation: str | URIRef | None = None) -> Results[Link[Entity]]:
        """Every link of this resource to another, both ways (without provenance plumbing),
        each with its relation, the direction it is stated in and the documents stating it;
        relation: only links of one predicate, by IRI or by its Dutch or English name.

        >>> import kg
        >>> wijk = kg.load().get("De Geweldige Wijk")
        >>> [str(lk) for lk in wijk.links("based on")]
        ['De Geweldige Wijk → gebaseerd op → Theorie van schaarste — volgens De Vet, Scholten & Wolf (2021)']
        """
        cat, idx = self._catalog, self._catalog.index
        made: list[Link[Entity]] = []
        for p, os in idx.out.get(self.iri, {}).items():
            if p not in PLUMBING and _is_relation(idx, p, relation):
                found: dict[Node, list[Fact3]] = {
                    o: [(self.iri, p, o)] for o in os if isinstance(o, URIRef) and idx.has(o)}
                made += cat.linked(self.iri, found, Entity, p).links
        for p, ss in idx.inc.get(self.iri, {}).items():
            if p not in PLUMBING and _is_relation(idx, p, relation):
                back: dict[Node, list[Fact3]] = {s_: [(s_, p, self.iri)] for s_ in ss}
                made += cat.linked(self.iri, back, Entity, p).links
        made.sort(key=lambda lk: (lk.relation.casefold(), not lk.forward, lk.label.casefold()))
        return Results(made, "verbanden" if cat.lang == "nl" else "links")

    def to_dict(self) -> dict[str, Any]:
        """Plain values: IRI and labels as str, related objects as lists of labels."""
        return {"iri": str(self.iri), "label": self.label, "label_nl": self.labels.get("nl"),
                "label_en": self.labels.get("en"), "kind": self.kind,
                "definition": self.definition, **self._extra_dict()}

    def _extra_dict(self) -> dict[str, Any]:
        return {}

    def _html_rows(self) -> list[tuple[str, str]]:
        return []

    def _repr_html_(self) -> str:
        rows = [("soort" if self._catalog.lang == "nl" else "kind", self.kind),
                ("IRI", f'<a href="{html.escape(self.iri)}">{html.escape(self.iri)}</a>')]
        if self.definition:
            rows.append(("definitie" if self._catalog.lang == "nl" else "definition",
                         html.escape(self.definition)))
        rows += [(k, v) for k, v in self._html_rows() if v]
        body = "".join(f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{v}</td></tr>"
                       for k, v in rows)
        return f"<div><b>{html.escape(self.label)}</b><table>{body}</table></div>"


def _is_relation(idx: GraphIndex, p: URIRef, relation: str | URIRef | None) -> bool:
    """Whether predicate p is the relation asked for (None: any), by IRI or name."""
    if relation is None or p == relation:
        return True
    want = str(relation).casefold()
    return want == str(p).casefold() or any(want == idx.predicate_label(p, lang).casefold() for lang in ("nl", "en"))


def _html_list(entities: Iterable[Entity]) -> str:
    return ", ".join(html.escape(e.label) for e in entities)


@dataclass(frozen=True, kw_only=True)
class Role:
    """A role an intervention holds according to one document (Tabel 1, Bijlage 3, …)."""

    iri: URIRef
    kind: str  # integraal, versterker, samenhang, overzichtstabel, praktijkvoorbeeld, erkend, besproken
    label: str
    document: URIRef | None
    document_label: str | None
    level: str | None = None
    domains: tuple[URIRef, ...] = ()
    scope: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain values: kind, label, document, level and scope."""
        return {"iri": str(self.iri), "kind": self.kind, "label": self.label,
                "document": self.document_label, "level": self.level, "scope": self.scope}


@dataclass(frozen=True, kw_only=True)
class Recognition:
    """An assessment by a recognition committee or databank (or the statement there is none)."""

    iri: URIRef
    level: str | None
    databank: str | None
    no_formal_recognition: bool
    document: str | None

    def to_dict(self) -> dict[str, Any]:
        """Plain values: level, databank, 'no formal recognition', document."""
        return {"iri": str(self.iri), "level": self.level, "databank": self.databank,
                "no_formal_recognition": self.no_formal_recognition, "document": self.document}


@dataclass(frozen=True, eq=False, kw_only=True, repr=False)
class Intervention(Entity):
    """An intervention, method, approach, programme or practice example.

    >>> import kg
    >>> wijk = kg.load().get("De Geweldige Wijk")
    >>> [t.label for t in wijk.theories], wijk.level, wijk.recognised
    (['Theorie van schaarste'], 'A', False)
    """

    target_groups: tuple[str, ...]
    goals: tuple[str, ...]
    roles: tuple[Role, ...]
    recognitions: tuple[Recognition, ...]
    strength_based: bool | None
    stress_sensitive: bool | None
    applied_in_netherlands: bool | None
    homepage: str | None

    @property
    def level(self) -> str | None:
        """A, B or C for an integral intervention of Tabel 1 (None otherwise)."""
        levels = sorted({r.level for r in self.roles if r.level})
        return levels[0] if levels else None

    @property
    def is_integral(self) -> bool:
        """True when a document lists it as one of the integral interventions (Tabel 1 of seed
        000)."""
        return any(r.kind == "integraal" for r in self.roles)

    @property
    def recognised(self) -> bool:
        """True when some document reports a recognition level for it (not 'no recognition')."""
        return any(r.level for r in self.recognitions)

    @property
    def role_kinds(self) -> tuple[str, ...]:
        """The kinds of its roles (integraal, versterker, …), sorted, each once."""
        return tuple(sorted({r.kind for r in self.roles}))

    @property
    def theories(self) -> Links[Theory]:
        """The theories it is based on (ak:basedOn), by label; `.documents(theory)` and
        `.links` say which documents state each link."""
        return self._catalog.related(self.iri, AK.basedOn, Theory)

    @property
    def domains(self) -> Links[LifeDomain]:
        """The life domains it works on: stated on the intervention or on one of its roles
        (the documents of a link through a role are those stating the role)."""
        idx = self._catalog.index
        found: dict[Node, list[Fact3]] = defaultdict(list)
        for d in idx.objects(self.iri, AK.lifeDomain):
            found[d].append((self.iri, AK.lifeDomain, d))
        for r in idx.iris(self.iri, AK.hasRole):
            for d in idx.objects(r, AK.lifeDomain):
                found[d] += [(self.iri, AK.hasRole, r), (r, AK.lifeDomain, d)]
        return self._catalog.linked(self.iri, found, LifeDomain, AK.lifeDomain)

    @property
    def principles(self) -> Links[Principle]:
        """The principles and criteria it follows (ak:hasPrinciple), with their documents."""
        return self._catalog.related(self.iri, AK.hasPrinciple, Principle)

    @property
    def instruments(self) -> Links[Entity]:
        """The instruments it uses (ak:usesInstrument), with their documents."""
        return self._catalog.related(self.iri, AK.usesInstrument, Entity)

    @property
    def combined_with(self) -> Links[Intervention]:
        """Interventions it is combined with (ak:combinedWith, stated either way round)."""
        return self._catalog.related(self.iri, AK.combinedWith, Intervention, both=True)

    @property
    def municipalities(self) -> Links[Entity]:
        """The municipalities where it runs (ak:municipality), with their documents."""
        return self._catalog.related(self.iri, AK.municipality, Entity)

    @property
    def sources(self) -> tuple[Source, ...]:
        """The cited sources behind it (see KnowledgeGraph.sources)."""
        return tuple(self._catalog.sources_about(self.iri))

    def _extra_dict(self) -> dict[str, Any]:
        return {"roles": list(self.role_kinds), "level": self.level, "recognised": self.recognised,
                "theories": [t.label for t in self.theories],
                "domains": [d.label for d in self.domains],
                "target_groups": list(self.target_groups),
                "strength_based": self.strength_based, "stress_sensitive": self.stress_sensitive,
                "applied_in_netherlands": self.applied_in_netherlands, "homepage": self.homepage}

    def _html_rows(self) -> list[tuple[str, str]]:
        nl = self._catalog.lang == "nl"
        return [("rollen" if nl else "roles", html.escape(", ".join(self.role_kinds))),
                ("niveau" if nl else "level", html.escape(self.level or "")),
                ("theorieën" if nl else "theories", _html_list(self.theories)),
                ("leefgebieden" if nl else "life domains", _html_list(self.domains)),
                ("doelgroep" if nl else "target group", html.escape("; ".join(self.target_groups)))]


@dataclass(frozen=True, eq=False, kw_only=True, repr=False)
class Theory(Entity):
    """A theory, model or framework (scarcity, social quality, the strengths model …).

    >>> import kg
    >>> scarcity = kg.load().get("theorie van schaarste")
    >>> scarcity.originator, [s.label for s in scarcity.sources]
    ('Mullainathan & Shafir', ['Mullainathan & Shafir (2013)'])
    >>> "De Geweldige Wijk" in [i.label for i in scarcity.interventions]
    True
    """

    originator: str | None

    @property
    def sources(self) -> Links[Source]:
        """The sources that describe it (ak:describedIn), with the documents citing them."""
        return self._catalog.related(self.iri, AK.describedIn, Source)

    @property
    def interventions(self) -> Links[Intervention]:
        """The interventions based on it, with the documents stating each."""
        return self._catalog.related(self.iri, AK.basedOn, Intervention, inverse=True)

    @property
    def mechanisms(self) -> Links[Entity]:
        """The working mechanisms it names (ak:hasMechanism, or ak:ofTheory from the mechanism)."""
        idx = self._catalog.index
        found: dict[Node, list[Fact3]] = defaultdict(list)
        for m in idx.objects(self.iri, AK.hasMechanism):
            found[m].append((self.iri, AK.hasMechanism, m))
        for m in idx.subjects(AK.ofTheory, self.iri):
            found[m].append((m, AK.ofTheory, self.iri))
        return self._catalog.linked(self.iri, found, Entity, AK.hasMechanism)

    def _extra_dict(self) -> dict[str, Any]:
        return {"originator": self.originator, "sources": [s.label for s in self.sources],
                "interventions": [i.label for i in self.interventions]}

    def _html_rows(self) -> list[tuple[str, str]]:
        nl = self._catalog.lang == "nl"
        return [("grondlegger" if nl else "originator", html.escape(self.originator or "")),
                ("bronnen" if nl else "sources", _html_list(self.sources)),
                ("interventies" if nl else "interventions", _html_list(self.interventions))]


@dataclass(frozen=True, eq=False, kw_only=True, repr=False)
class LifeDomain(Entity):
    """A life domain: a SKOS concept in one of the life-domain schemes, with its crosswalk.

    >>> import kg
    >>> fin = kg.load().get("Financiële situatie", kind="leefgebied")
    >>> fin.scheme_label
    'Leefgebieden van de versterkers (Bijlage 3)'
    >>> "inkomen & financiën" in [m.label for m in fin.matches]
    True
    """

    scheme: URIRef | None
    scheme_label: str | None

    @property
    def broader(self) -> Links[LifeDomain]:
        """The wider concepts of its own scheme (skos:broader)."""
        return self._catalog.related(self.iri, SKOS.broader, LifeDomain)

    @property
    def narrower(self) -> Links[LifeDomain]:
        """The parts of this concept in its own scheme (skos:broader, read backwards)."""
        return self._catalog.related(self.iri, SKOS.broader, LifeDomain, inverse=True)

    @property
    def matches(self) -> Links[LifeDomain]:
        """Concepts of other schemes the crosswalk calls the same or nearly the same
        (skos:exactMatch / skos:closeMatch, either direction, transitively; a link that only
        follows from others has no graphs of its own)."""
        idx = self._catalog.index
        found: dict[Node, list[Fact3]] = {o: [] for o in self._catalog.equivalents(self.iri) - {self.iri}}
        for p in (SKOS.exactMatch, SKOS.closeMatch):
            for o in idx.objects(self.iri, p):
                found.setdefault(o, []).append((self.iri, p, o))
            for s in idx.subjects(p, self.iri):
                found.setdefault(s, []).append((s, p, self.iri))
        return self._catalog.linked(self.iri, found, LifeDomain, SKOS.closeMatch)

    @property
    def interventions(self) -> Links[Intervention]:
        """Interventions stated to work on exactly this concept (directly or by a role)."""
        idx = self._catalog.index
        found: dict[Node, list[Fact3]] = defaultdict(list)
        for s in idx.subjects(AK.lifeDomain, self.iri):
            found[s].append((s, AK.lifeDomain, self.iri))
            for o in idx.subjects(AK.hasRole, s):
                found[o] += [(o, AK.hasRole, s), (s, AK.lifeDomain, self.iri)]
        return self._catalog.linked(self.iri, found, Intervention, AK.lifeDomain)

    def _extra_dict(self) -> dict[str, Any]:
        return {"scheme": self.scheme_label, "matches": [m.label for m in self.matches]}

    def _html_rows(self) -> list[tuple[str, str]]:
        nl = self._catalog.lang == "nl"
        return [("schema" if nl else "scheme", html.escape(self.scheme_label or "")),
                ("crosswalk", _html_list(self.matches))]


@dataclass(frozen=True, eq=False, kw_only=True, repr=False)
class Source(Entity):
    """A cited work or one of the five seed documents.

    >>> import kg
    >>> ms = kg.load().get("Mullainathan & Shafir (2013)")
    >>> ms.year, ms.is_document, ms.title
    (2013, False, 'Schaarste: Hoe gebrek aan tijd en geld ons gedrag bepalen')
    """

    title: str | None
    authors: str | None
    year: int | None
    publisher: str | None
    is_document: bool

    @property
    def describes(self) -> tuple[Entity, ...]:
        """What is described in it or cites it as source (theories, interventions, findings' owners)."""
        return self._catalog.about_source(self.iri)

    def _extra_dict(self) -> dict[str, Any]:
        return {"title": self.title, "authors": self.authors, "year": self.year,
                "publisher": self.publisher, "is_document": self.is_document}

    def _html_rows(self) -> list[tuple[str, str]]:
        nl = self._catalog.lang == "nl"
        return [("titel" if nl else "title", html.escape(self.title or "")),
                ("auteurs" if nl else "authors", html.escape(self.authors or "")),
                ("jaar" if nl else "year", str(self.year or ""))]


@dataclass(frozen=True, eq=False, kw_only=True, repr=False)
class Principle(Entity):
    """A principle, criterion, guideline step or pillar, in its principle set."""

    sets: tuple[str, ...]

    @property
    def interventions(self) -> Links[Intervention]:
        """The interventions that follow it (ak:hasPrinciple), with their documents."""
        return self._catalog.related(self.iri, AK.hasPrinciple, Intervention, inverse=True)

    def _extra_dict(self) -> dict[str, Any]:
        return {"sets": list(self.sets)}



# Links that say where something is written, not what it is: left out of "neighbours",
# paths and pictures.
PLUMBING = frozenset({AK.mentionedIn, AK.inDocument, RDF.type})


# -- complementing boosters --------------------------------------------------------------------

@dataclass(frozen=True)
class Complement:
    """A versterker (booster) that complements an intervention on a life domain."""

    booster: Intervention
    domain: LifeDomain
    scope: str

    @property
    def label(self) -> str:
        """The booster's label."""
        return self.booster.label

    def to_dict(self) -> dict[str, Any]:
        """Plain values: the booster's IRI and label, the life domain, the scope."""
        return {"iri": str(self.booster.iri), "label": self.booster.label,
                "domain": self.domain.label, "scope": self.scope}

    def __repr__(self) -> str:
        return f"Complement({self.booster.label!r}, {self.domain.label!r}, {self.scope!r})"


def __getattr__(name: str) -> Any:
    # Catalog lives in kg.model.catalog, which imports this module: looked up on demand
    if name == "Catalog":
        from .catalog import Catalog

        return Catalog
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BIBO", "FOAF_HOMEPAGE", "KIND_ALIASES", "KIND_CLASSES", "KNOWN_KINDS", "ROLE_ALIASES", "ROLE_KINDS",
    "Catalog", "Complement", "Entity", "Fact3", "GraphIndex", "Intervention", "LifeDomain", "Link", "Links",
    "MissingDependencyError", "Principle", "Recognition", "Record", "Results", "Role", "Source", "Theory",
    "checked_kind", "kind_key", "kind_label", "local_name", "role_key",
]
