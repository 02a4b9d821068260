"""Typed domain objects over the graph: Intervention, Theory, LifeDomain, Source, … and the
KnowledgeGraph methods that return them (kg.get, kg.interventions, kg.theories, kg.sources,
kg.complementing_boosters).

The objects are immutable snapshots with their labels, IRIs and plain attributes; related
objects (an intervention's theories, a theory's interventions) are properties that look them
up in one in-memory index of the graph, built on first use from the backend's quads and kept
for the life of the KnowledgeGraph: no call re-reads or re-queries the whole graph.

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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, overload

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS
from rdflib.term import BNode, Node

from ..errors import KgError, KgValueError, kind_en
from ..terms import AK

if TYPE_CHECKING:
    from ..query.results import ResultTable

BIBO = "http://purl.org/ontology/bibo/"
FOAF_HOMEPAGE = URIRef("http://xmlns.com/foaf/0.1/homepage")
_DEFAULT_GRAPH = "urn:x-rdflib:default"


class MissingDependencyError(KgError):
    """An optional package or program (pandas, Graphviz' dot) is needed but not installed."""


# -- the index: every quad once, as dictionaries -------------------------------------------

# Kind keys, in the order that decides a resource's main kind when it has several classes
# (the Zelfredzaamheidsmatrix is both an instrument and an intervention: it is shown as an
# intervention). The keys are the Dutch names the CLI and the label resolver use.
KIND_CLASSES: tuple[tuple[str, tuple[URIRef, ...]], ...] = (
    ("interventie", (AK.Intervention,)),
    ("theorie", (AK.Theory,)),
    ("document", (AK.SourceDocument,)),
    ("bron", (AK.Source,)),
    ("principe", (AK.Principle, AK.SelectionCriterion)),
    ("principeset", (AK.PrincipleSet,)),
    ("instrument", (AK.Instrument,)),
    ("mechanisme", (AK.Mechanism,)),
    ("fase", (AK.Phase,)),
    ("verklaringsmodel", (AK.ExplanatoryModel,)),
    ("gemeente", (AK.Municipality,)),
    ("databank", (AK.Databank,)),
    ("organisatie", (AK.Organisation, URIRef("http://xmlns.com/foaf/0.1/Organization"))),
    ("persoon", (AK.Person, URIRef("http://xmlns.com/foaf/0.1/Person"))),
    ("project", (AK.Project,)),
    ("activiteit", (AK.Activity,)),
    ("rol", (AK.Role, AK.IntegralInterventionRole, AK.BoosterRole, AK.CoherenceRole,
             AK.OverviewTableEntry, AK.PracticeExampleRole, AK.RecognisedInterventionRole,
             AK.DiscussedInterventionRole)),
    ("erkenning", (AK.Recognition,)),
    ("bevinding", (AK.ResearchFinding,)),
    ("uitspraak", (AK.Statement, AK.KnowledgeGap, AK.Statistic)),
    ("vermelding", (AK.Mention,)),
    ("begrip", (SKOS.Concept,)),  # refined to "leefgebied" for concepts of a life-domain scheme
    ("schema", (SKOS.ConceptScheme, AK.LifeDomainScheme, AK.ExplanatoryModelSet)),
    ("ontologie", (URIRef("http://www.w3.org/2002/07/owl#Class"),
                   URIRef("http://www.w3.org/2002/07/owl#ObjectProperty"),
                   URIRef("http://www.w3.org/2002/07/owl#DatatypeProperty"),
                   URIRef("http://www.w3.org/2002/07/owl#Ontology"),
                   URIRef("http://www.w3.org/2002/07/owl#SymmetricProperty"))),
)
_KIND_OF_CLASS = {cls: kind for kind, classes in KIND_CLASSES for cls in classes}
_KIND_RANK = {kind: i for i, (kind, _) in enumerate(KIND_CLASSES)}

# English spellings a Python user may prefer; the Dutch key is canonical.
KIND_ALIASES = {
    "intervention": "interventie", "theory": "theorie", "source": "bron", "document": "document",
    "principle": "principe", "instrument": "instrument", "domain": "leefgebied",
    "life-domain": "leefgebied", "lifedomain": "leefgebied", "municipality": "gemeente",
    "organisation": "organisatie", "person": "persoon", "mechanism": "mechanisme",
}


_KIND_LABELS_EN = {
    "interventie": "intervention", "theorie": "theory", "document": "document", "bron": "source",
    "principe": "principle", "principeset": "principle set", "instrument": "instrument",
    "mechanisme": "mechanism", "fase": "phase", "verklaringsmodel": "explanatory model",
    "gemeente": "municipality", "databank": "databank", "organisatie": "organisation",
    "persoon": "person", "project": "project", "activiteit": "activity", "rol": "role",
    "erkenning": "recognition", "bevinding": "finding", "uitspraak": "statement",
    "vermelding": "mention", "begrip": "concept", "leefgebied": "life domain", "schema": "scheme",
    "ontologie": "ontology term", "entiteit": "entity", "doelgroep": "target group",
}


def kind_label(kind: str, lang: str = "nl") -> str:
    """The name of a kind in lang ('theorie' → 'theory' in English)."""
    return kind if lang == "nl" else _KIND_LABELS_EN.get(kind, kind)


def kind_key(kind: str) -> str:
    """The canonical (Dutch) kind for a Dutch or English name: 'theory' → 'theorie'."""
    k = kind.strip().lower().replace(" ", "-")
    return KIND_ALIASES.get(k, k)


# Labels of predicates from outside the ontology (kern.ttl labels its own). Only for reading
# paths and pictures; an rdfs:label in the data wins.
_EXTERNAL_PREDICATE_LABELS: dict[URIRef, tuple[str, str]] = {
    SKOS.broader: ("valt onder", "has broader"),
    SKOS.narrower: ("omvat", "has narrower"),
    SKOS.related: ("verwant aan", "related to"),
    SKOS.exactMatch: ("komt overeen met", "exact match"),
    SKOS.closeMatch: ("komt nagenoeg overeen met", "close match"),
    SKOS.broadMatch: ("valt onder (crosswalk)", "broad match"),
    SKOS.narrowMatch: ("omvat (crosswalk)", "narrow match"),
    SKOS.relatedMatch: ("verwant met (crosswalk)", "related match"),
    SKOS.inScheme: ("in schema", "in scheme"),
    DCTERMS.source: ("bron", "source"),
    DCTERMS.creator: ("auteur", "creator"),
    DCTERMS.contributor: ("bijdrager", "contributor"),
    DCTERMS.relation: ("relatie", "relation"),
    DCTERMS.publisher: ("uitgever", "publisher"),
    PROV.wasAttributedTo: ("toegeschreven aan", "attributed to"),
    PROV.wasDerivedFrom: ("afgeleid van", "derived from"),
    RDFS.seeAlso: ("zie ook", "see also"),
    RDF.type: ("is een", "is a"),
    FOAF_HOMEPAGE: ("website", "homepage"),
}


def local_name(iri: Node) -> str:
    s = str(iri)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class GraphIndex:
    """All quads of a dataset in dictionaries: out- and in-links, types, and the named graphs
    that state each link. Built once; every look-up after that is a dictionary access."""

    def __init__(self, ds: Dataset) -> None:
        out: dict[Node, dict[URIRef, list[Node]]] = defaultdict(lambda: defaultdict(list))
        inc: dict[Node, dict[URIRef, list[Node]]] = defaultdict(lambda: defaultdict(list))
        where: dict[tuple[Node, URIRef, Node], set[URIRef]] = defaultdict(set)
        for s, p, o, ctx in ds.quads((None, None, None, None)):
            gid = getattr(ctx, "identifier", ctx)
            graph = gid if isinstance(gid, URIRef) and str(gid) != _DEFAULT_GRAPH else None
            assert isinstance(p, URIRef)
            key = (s, p, o)
            if key not in where:  # a fact stated by two documents is one fact with two graphs
                out[s][p].append(o)
                if not isinstance(o, Literal):
                    inc[o][p].append(s)
            if graph is not None:
                where[key].add(graph)
            else:
                where.setdefault(key, set())
        self.out = {s: dict(ps) for s, ps in out.items()}
        self.inc = {o: dict(ps) for o, ps in inc.items()}
        self.where = dict(where)
        self.types: dict[Node, frozenset[URIRef]] = {
            s: frozenset(o for o in ps.get(RDF.type, ()) if isinstance(o, URIRef))
            for s, ps in self.out.items()}
        # named graph → the document it was derived from (kennis/000 → doc:000)
        self.graph_document: dict[URIRef, URIRef] = {}
        for g in {g for gs in self.where.values() for g in gs}:
            for d in self.objects(g, PROV.wasDerivedFrom):
                if isinstance(d, URIRef):
                    self.graph_document[g] = d
        self._life_domain_schemes = frozenset(
            s for s, ts in self.types.items() if AK.LifeDomainScheme in ts)
        self._labels: dict[tuple[Node, str], str] = {}

    # -- raw access ---------------------------------------------------------------------
    def objects(self, s: Node, p: URIRef) -> list[Node]:
        return self.out.get(s, {}).get(p, [])

    def subjects(self, p: URIRef, o: Node) -> list[Node]:
        return self.inc.get(o, {}).get(p, [])

    def iris(self, s: Node, p: URIRef) -> list[URIRef]:
        return [o for o in self.objects(s, p) if isinstance(o, URIRef)]

    def value(self, s: Node, p: URIRef) -> Node | None:
        found = self.objects(s, p)
        return found[0] if found else None

    def text(self, s: Node, p: URIRef, lang: str) -> str | None:
        """One literal of s p in lang, else in Dutch, else without language, else any."""
        lits = [o for o in self.objects(s, p) if isinstance(o, Literal)]
        for want in (lang, "nl", None):
            found = sorted(str(lit) for lit in lits if lit.language == want)
            if found:  # two documents may word it differently: the same pick every time
                return found[0]
        return min(str(lit) for lit in lits) if lits else None

    def texts(self, s: Node, p: URIRef, lang: str) -> tuple[str, ...]:
        """All literals of s p in lang (or Dutch where lang has none), sorted: RDF keeps no
        order of values."""
        lits = [o for o in self.objects(s, p) if isinstance(o, Literal)]
        chosen = [lit for lit in lits if lit.language == lang] or [
            lit for lit in lits if lit.language in ("nl", None)] or lits
        return tuple(sorted(str(lit) for lit in chosen))

    def boolean(self, s: Node, p: URIRef) -> bool | None:
        v = self.value(s, p)
        return bool(v.toPython()) if isinstance(v, Literal) else None

    def graphs(self, s: Node, p: URIRef, o: Node) -> frozenset[URIRef]:
        return frozenset(self.where.get((s, p, o), ()))

    def documents(self, graphs: Iterable[URIRef]) -> tuple[URIRef, ...]:
        """The source documents behind named graphs; a graph without one (the crosswalk, the
        schemes, the ontology) stands for itself."""
        return tuple(sorted({self.graph_document.get(g, g) for g in graphs}))

    def has(self, s: Node) -> bool:
        return s in self.out

    # -- classes and kinds --------------------------------------------------------------
    def kind(self, node: Node) -> str:
        """The main kind of a resource ('interventie', 'theorie', 'leefgebied', …)."""
        kinds = [_KIND_OF_CLASS[t] for t in self.types.get(node, ()) if t in _KIND_OF_CLASS]
        if not kinds:
            if node in self.inc and RDFS.label in self.out.get(node, {}):
                return "ontologie"
            return "entiteit"
        best = min(kinds, key=_KIND_RANK.__getitem__)
        if best == "begrip" and self.is_life_domain(node):
            return "leefgebied"
        return best

    def is_life_domain(self, node: Node) -> bool:
        return any(s in self._life_domain_schemes for s in self.objects(node, SKOS.inScheme))

    def main_class(self, node: Node) -> URIRef | None:
        """The most specific class of node (SourceDocument rather than Source)."""
        types = self.types.get(node, frozenset())
        if not types:
            return None
        supers: set[URIRef] = set()
        for t in types:
            supers.update(self._superclasses(t))
        specific = sorted(types - supers, key=lambda t: (t not in _KIND_OF_CLASS,
                                                         _KIND_RANK.get(_KIND_OF_CLASS.get(t, ""), 99),
                                                         str(t)))
        return specific[0] if specific else sorted(types)[0]

    def _superclasses(self, cls: URIRef) -> set[URIRef]:
        seen: set[URIRef] = set()
        todo = self.iris(cls, RDFS.subClassOf)
        while todo:
            c = todo.pop()
            if c not in seen:
                seen.add(c)
                todo.extend(self.iris(c, RDFS.subClassOf))
        return seen

    # -- labels ---------------------------------------------------------------------------
    def label(self, node: Node, lang: str = "nl") -> str:
        """A readable name in lang: skos:prefLabel, rdfs:label, a title, the text of a claim,
        the class and document of a nameless claim node, or the IRI's last segment."""
        key = (node, lang)
        if key not in self._labels:
            self._labels[key] = self._make_label(node, lang)
        return self._labels[key]

    def _make_label(self, node: Node, lang: str) -> str:
        for p in (SKOS.prefLabel, RDFS.label, DCTERMS.title):
            t = self.text(node, p, lang)
            if t:
                return t
        if isinstance(node, Literal):
            return str(node)
        if isinstance(node, URIRef) and node in _EXTERNAL_PREDICATE_LABELS:
            return _EXTERNAL_PREDICATE_LABELS[node][0 if lang == "nl" else 1]
        said = self.text(node, AK.statementText, lang) or self.text(node, AK.findingText, lang)
        cls = self.main_class(node)
        cls_label = self.label(cls, lang) if cls is not None else ""
        if said:
            return f"{cls_label}: “{_shorten(said, 70)}”" if cls_label else f"“{_shorten(said, 70)}”"
        if cls_label:
            doc = self.value(node, AK.inDocument)
            of = ""
            owners = self.subjects(AK.hasRole, node) or self.subjects(AK.hasRecognition, node)
            if owners:
                of = f" van {self.label(owners[0], lang)}" if lang == "nl" else f" of {self.label(owners[0], lang)}"
            where = f" ({self.label(doc, lang)})" if doc is not None else ""
            return f"{cls_label}{of}{where}"
        return local_name(node) if not isinstance(node, BNode) else "[leeg knooppunt]"

    def predicate_label(self, p: URIRef, lang: str = "nl") -> str:
        t = self.text(p, RDFS.label, lang)
        if t:
            return t
        if p in _EXTERNAL_PREDICATE_LABELS:
            return _EXTERNAL_PREDICATE_LABELS[p][0 if lang == "nl" else 1]
        return local_name(p)

    def labels(self, node: Node) -> dict[str, str]:
        return {lang: self.label(node, lang) for lang in ("nl", "en")}


def _shorten(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


# -- records and result lists ----------------------------------------------------------------

class Record(Protocol):
    """Anything a Results list can hold: it converts itself to a plain dict."""

    def to_dict(self) -> dict[str, Any]: ...


R = TypeVar("R", bound=Record)


class Results(Sequence[R], Generic[R]):
    """An immutable list of records (entities, paths, scores) that converts to plain Python,
    to a pandas DataFrame, and shows itself as a table in a notebook.

    >>> import kg
    >>> integral = kg.load().interventions(role="integraal")
    >>> len(integral), integral[0].label
    (8, 'Bind-Kracht in Armoede')
    >>> integral.to_dicts()[0]["level"]
    'B'
    """

    def __init__(self, items: Iterable[R], title: str = "") -> None:
        self._items: tuple[R, ...] = tuple(items)
        self.title = title

    @overload
    def __getitem__(self, i: int) -> R: ...

    @overload
    def __getitem__(self, i: slice) -> Results[R]: ...

    def __getitem__(self, i: int | slice) -> R | Results[R]:
        if isinstance(i, slice):
            return Results(self._items[i], self.title)
        return self._items[i]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[R]:
        return iter(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Results):
            return self._items == other._items
        if isinstance(other, (list, tuple)):
            return list(self._items) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to lists, so not hashable like them

    def to_list(self) -> list[R]:
        return list(self._items)

    def to_dicts(self) -> list[dict[str, Any]]:
        """Each record as a dict of plain values (str, int, float, bool, lists of str)."""
        return [r.to_dict() for r in self._items]

    def labels(self) -> list[str]:
        """The label of each record (its str() where it has no label)."""
        return [str(getattr(r, "label", r)) for r in self._items]

    def to_df(self) -> Any:
        """A pandas DataFrame with one row per record (needs the optional extra `pandas`)."""
        try:
            import pandas as pd
        except ImportError:
            raise MissingDependencyError(
                "to_df() heeft pandas nodig: pip install 'armoede-kg[pandas]'",
                                         en="to_df() needs pandas: pip install 'armoede-kg[pandas]'") from None
        rows = self.to_dicts()
        return pd.DataFrame(rows, columns=list(rows[0]) if rows else None)

    def __repr__(self) -> str:
        shown = ", ".join(repr(r) for r in self._items[:10])
        more = f", … (+{len(self._items) - 10})" if len(self._items) > 10 else ""
        return f"Results([{shown}{more}])"

    def _repr_html_(self) -> str:
        rows = self.to_dicts()
        title = f"<caption>{html.escape(self.title)} ({len(rows)})</caption>" if self.title else ""
        if not rows:
            return f"<table>{title}<tr><td><i>geen resultaten</i></td></tr></table>"
        cols = [c for c in rows[0] if c != "iri"]
        head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
        body = []
        for r in rows[:200]:
            cells = []
            for c in cols:
                v = r.get(c)
                text = _html_value(v)
                if c == "label" and r.get("iri"):
                    text = f'<a href="{html.escape(str(r["iri"]))}">{text}</a>'
                cells.append(f"<td>{text}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        more = f"<tr><td colspan={len(cols)}>… {len(rows) - 200} meer</td></tr>" if len(rows) > 200 else ""
        return f"<table>{title}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}{more}</tbody></table>"


def _html_value(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return html.escape(_shorten("; ".join(str(x) for x in v), 160))
    if isinstance(v, float):
        return f"{v:.3f}"
    return html.escape(_shorten(str(v), 160))


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
            if p not in _PLUMBING:
                found.update(o for o in os if isinstance(o, URIRef) and idx.has(o))
        for p, ss in idx.inc.get(self.iri, {}).items():
            if p not in _PLUMBING:
                found.update(s for s in ss if isinstance(s, URIRef))
        return self._catalog.entities(found, Entity)

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
        return {"iri": str(self.iri), "level": self.level, "databank": self.databank,
                "no_formal_recognition": self.no_formal_recognition, "document": self.document}


ROLE_KINDS: dict[URIRef, str] = {
    AK.IntegralInterventionRole: "integraal",
    AK.BoosterRole: "versterker",
    AK.CoherenceRole: "samenhang",
    AK.OverviewTableEntry: "overzichtstabel",
    AK.PracticeExampleRole: "praktijkvoorbeeld",
    AK.RecognisedInterventionRole: "erkend",
    AK.DiscussedInterventionRole: "besproken",
}
ROLE_ALIASES = {
    "integral": "integraal", "booster": "versterker", "coherence": "samenhang",
    "overview-table": "overzichtstabel", "practice-example": "praktijkvoorbeeld",
    "recognised": "erkend", "recognized": "erkend", "discussed": "besproken",
}


def role_key(role: str) -> str:
    """The canonical (Dutch) role name for a Dutch or English one, or a KgValueError."""
    k = role.strip().lower().replace(" ", "-")
    k = ROLE_ALIASES.get(k, k)
    if k not in ROLE_KINDS.values():
        known = ", ".join(sorted(ROLE_KINDS.values()))
        raise KgValueError(f"onbekende rol '{role}' (kies uit {known})",
                         en=f"unknown role '{role}' (choose from {known})")
    return k


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
        return any(r.kind == "integraal" for r in self.roles)

    @property
    def recognised(self) -> bool:
        """True when some document reports a recognition level for it (not 'no recognition')."""
        return any(r.level for r in self.recognitions)

    @property
    def role_kinds(self) -> tuple[str, ...]:
        return tuple(sorted({r.kind for r in self.roles}))

    @property
    def theories(self) -> tuple[Theory, ...]:
        """The theories it is based on (ak:basedOn), by label."""
        return self._catalog.related(self.iri, AK.basedOn, Theory)

    @property
    def domains(self) -> tuple[LifeDomain, ...]:
        """The life domains it works on: stated on the intervention or on one of its roles."""
        idx = self._catalog.index
        found = set(idx.iris(self.iri, AK.lifeDomain))
        for r in self.roles:
            found.update(r.domains)
        return self._catalog.entities(found, LifeDomain)

    @property
    def principles(self) -> tuple[Principle, ...]:
        return self._catalog.related(self.iri, AK.hasPrinciple, Principle)

    @property
    def instruments(self) -> tuple[Entity, ...]:
        return self._catalog.related(self.iri, AK.usesInstrument, Entity)

    @property
    def combined_with(self) -> tuple[Intervention, ...]:
        idx = self._catalog.index
        found = set(idx.iris(self.iri, AK.combinedWith)) | {
            s for s in idx.subjects(AK.combinedWith, self.iri) if isinstance(s, URIRef)}
        return self._catalog.entities(found, Intervention)

    @property
    def municipalities(self) -> tuple[Entity, ...]:
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
    def sources(self) -> tuple[Source, ...]:
        """The sources that describe it (ak:describedIn)."""
        return self._catalog.related(self.iri, AK.describedIn, Source)

    @property
    def interventions(self) -> tuple[Intervention, ...]:
        """The interventions based on it."""
        return self._catalog.related(self.iri, AK.basedOn, Intervention, inverse=True)

    @property
    def mechanisms(self) -> tuple[Entity, ...]:
        idx = self._catalog.index
        found = set(idx.iris(self.iri, AK.hasMechanism)) | {
            s for s in idx.subjects(AK.ofTheory, self.iri) if isinstance(s, URIRef)}
        return self._catalog.entities(found, Entity)

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
    def broader(self) -> tuple[LifeDomain, ...]:
        return self._catalog.related(self.iri, SKOS.broader, LifeDomain)

    @property
    def narrower(self) -> tuple[LifeDomain, ...]:
        return self._catalog.related(self.iri, SKOS.broader, LifeDomain, inverse=True)

    @property
    def matches(self) -> tuple[LifeDomain, ...]:
        """Concepts of other schemes the crosswalk calls the same or nearly the same
        (skos:exactMatch / skos:closeMatch, either direction, transitively)."""
        return self._catalog.entities(self._catalog.equivalents(self.iri) - {self.iri}, LifeDomain)

    @property
    def interventions(self) -> tuple[Intervention, ...]:
        """Interventions stated to work on exactly this concept (directly or by a role)."""
        idx = self._catalog.index
        found = {s for s in idx.subjects(AK.lifeDomain, self.iri) if isinstance(s, URIRef)}
        owners = {o for r in found for o in idx.subjects(AK.hasRole, r) if isinstance(o, URIRef)}
        return self._catalog.entities(found | owners, Intervention)

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
    def interventions(self) -> tuple[Intervention, ...]:
        return self._catalog.related(self.iri, AK.hasPrinciple, Intervention, inverse=True)

    def _extra_dict(self) -> dict[str, Any]:
        return {"sets": list(self.sets)}


E = TypeVar("E", bound=Entity)

# Links that say where something is written, not what it is: left out of "neighbours",
# paths and pictures.
_PLUMBING = frozenset({AK.mentionedIn, AK.inDocument, RDF.type})


# -- the catalogue: entity objects, made once per IRI ---------------------------------------

class Catalog:
    """Builds domain objects from the index and answers the list methods. One per graph."""

    def __init__(self, index: GraphIndex, lang: str, resolve: Callable[[str, str | None], URIRef],
                 query: Callable[..., ResultTable]) -> None:
        self.index = index
        self.lang = lang
        self._resolve = resolve
        self._query = query
        self._made: dict[URIRef, Entity] = {}

    # -- making objects -------------------------------------------------------------------
    def entity(self, iri: URIRef) -> Entity:
        if iri not in self._made:
            self._made[iri] = self._make(iri)
        return self._made[iri]

    def entities(self, iris: Iterable[Node], cls: type[E]) -> tuple[E, ...]:
        """The objects for iris that are of class cls (Entity: all), sorted by label."""
        made: list[E] = []
        for i in set(iris):
            if isinstance(i, URIRef):
                e = self.entity(i)
                if isinstance(e, cls):
                    made.append(e)
        return tuple(sorted(made, key=lambda e: (e.label.casefold(), str(e.iri))))

    def related(self, iri: URIRef, p: URIRef, cls: type[E], inverse: bool = False) -> tuple[E, ...]:
        found = self.index.subjects(p, iri) if inverse else self.index.objects(iri, p)
        return self.entities(found, cls)

    def _make(self, iri: URIRef) -> Entity:
        idx, lang = self.index, self.lang
        base: dict[str, Any] = {
            "iri": iri, "label": idx.label(iri, lang), "labels": MappingProxyType(idx.labels(iri)),
            "kind": idx.kind(iri), "types": tuple(sorted(idx.types.get(iri, ()))),
            "definition": idx.text(iri, SKOS.definition, lang), "_catalog": self,
        }
        kind = base["kind"]
        if kind == "interventie":
            return Intervention(
                **base,
                target_groups=idx.texts(iri, AK.targetGroup, lang),
                goals=idx.texts(iri, AK.goal, lang),
                roles=tuple(self._role(r) for r in sorted(idx.iris(iri, AK.hasRole))),
                recognitions=tuple(self._recognition(r) for r in sorted(idx.iris(iri, AK.hasRecognition))),
                strength_based=idx.boolean(iri, AK.strengthBased),
                stress_sensitive=idx.boolean(iri, AK.stressSensitive),
                applied_in_netherlands=idx.boolean(iri, AK.appliedInNetherlands),
                homepage=str(h) if (h := idx.value(iri, FOAF_HOMEPAGE)) is not None else None,
            )
        if kind == "theorie":
            return Theory(**base, originator=idx.text(iri, AK.originator, lang))
        if kind == "leefgebied":
            scheme = next(iter(idx.iris(iri, SKOS.inScheme)), None)
            return LifeDomain(**base, scheme=scheme,
                              scheme_label=idx.label(scheme, lang) if scheme is not None else None)
        if kind in ("bron", "document"):
            year = idx.value(iri, AK.year)
            return Source(**base, title=idx.text(iri, DCTERMS.title, lang),
                          authors=idx.text(iri, AK.authors, lang),
                          year=_year(year), publisher=idx.text(iri, DCTERMS.publisher, lang),
                          is_document=kind == "document")
        if kind == "principe":
            return Principle(**base, sets=tuple(idx.label(s, lang) for s in idx.iris(iri, AK.memberOf)))
        return Entity(**base)

    def _role(self, r: URIRef) -> Role:
        idx, lang = self.index, self.lang
        kinds = [ROLE_KINDS[t] for t in idx.types.get(r, ()) if t in ROLE_KINDS]
        level = idx.value(r, AK.level)
        scope = idx.value(r, AK.scope)
        doc = idx.value(r, AK.inDocument)
        cls = idx.main_class(r)
        return Role(iri=r, kind=kinds[0] if kinds else "rol",
                    label=idx.label(cls, lang) if cls is not None else "rol",
                    document=doc if isinstance(doc, URIRef) else None,
                    document_label=idx.label(doc, lang) if doc is not None else None,
                    level=self._notation(level) if level is not None else None,
                    domains=tuple(idx.iris(r, AK.lifeDomain)),
                    scope=idx.label(scope, lang) if scope is not None else None)

    def _notation(self, concept: Node) -> str:
        n = self.index.value(concept, SKOS.notation)
        return str(n) if n is not None else self.index.label(concept, self.lang)

    def _recognition(self, r: URIRef) -> Recognition:
        idx, lang = self.index, self.lang
        level = idx.value(r, AK.recognitionLevel)
        bank = idx.value(r, AK.databank)
        doc = idx.value(r, AK.inDocument)
        return Recognition(iri=r, level=idx.label(level, lang) if level is not None else None,
                           databank=idx.label(bank, lang) if bank is not None else None,
                           no_formal_recognition=bool(idx.boolean(r, AK.noFormalRecognition)),
                           document=idx.label(doc, lang) if doc is not None else None)

    # -- resolving user input -------------------------------------------------------------
    def iri_of(self, thing: str | URIRef | Entity, kind: str | None = None) -> URIRef:
        if isinstance(thing, Entity):
            return thing.iri
        if isinstance(thing, URIRef):
            return thing
        k = kind_key(kind) if kind else None
        resolver_kinds = ("interventie", "theorie", "bron", "gemeente", "instrument", "leefgebied",
                          "niveau", "erkenning")
        if k is None or k in resolver_kinds:
            return self._resolve(thing, k)
        # kinds the label resolver does not know: resolve freely, then check the kind here
        from ..errors import AmbiguousLabelError, WrongKindError

        try:
            iri = self._resolve(thing, None)
        except AmbiguousLabelError as exc:
            of_kind = [URIRef(i) for i, _ in exc.candidates if self.index.kind(URIRef(i)) == k]
            if len(of_kind) == 1:
                return of_kind[0]
            raise
        if self.index.kind(iri) != k:
            raise WrongKindError(f"'{thing}' ({self.index.label(iri, self.lang)}) is geen {k}",
                                 en=f"'{thing}' ({self.index.label(iri, self.lang)}) is not of kind {kind_en(k)}")
        return iri

    def get(self, thing: str | URIRef | Entity, kind: str | None = None) -> Entity:
        iri = self.iri_of(thing, kind)
        if not self.index.has(iri):
            from ..errors import UnknownLabelError

            raise UnknownLabelError(str(thing), kind, [])
        return self.entity(iri)

    def all_of(self, cls: type[E], kind: str) -> tuple[E, ...]:
        return self.entities((s for s in self.index.types if self.index.kind(s) == kind), cls)

    # -- crosswalk ------------------------------------------------------------------------
    @cached_property
    def _equivalence(self) -> dict[URIRef, frozenset[URIRef]]:
        """Concepts joined by exactMatch/closeMatch (either way, transitively)."""
        parent: dict[URIRef, URIRef] = {}

        def find(x: URIRef) -> URIRef:
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for p in (SKOS.exactMatch, SKOS.closeMatch):
            for o, ps in self.index.inc.items():
                for s in ps.get(p, ()):
                    if isinstance(s, URIRef) and isinstance(o, URIRef):
                        parent[find(s)] = find(o)
        groups: dict[URIRef, set[URIRef]] = defaultdict(set)
        for x in list(parent):
            groups[find(x)].add(x)
        return {x: frozenset(g) for g in groups.values() for x in g}

    def equivalents(self, iri: URIRef) -> frozenset[URIRef]:
        return self._equivalence.get(iri, frozenset({iri}))

    # -- sources --------------------------------------------------------------------------
    def sources_about(self, iri: URIRef) -> tuple[Source, ...]:
        """Sources describing iri, cited for its findings, recognitions, roles or theories,
        and the documents that mention it."""
        idx = self.index
        found: set[Node] = set(idx.objects(iri, AK.describedIn)) | set(idx.objects(iri, DCTERMS.source))
        for p in (AK.hasFinding, AK.hasRecognition, AK.hasRole):
            for claim in idx.objects(iri, p):
                found.update(idx.objects(claim, DCTERMS.source))
        for theory in idx.objects(iri, AK.basedOn):
            found.update(idx.objects(theory, AK.describedIn))
        for m in idx.objects(iri, AK.mentionedIn):
            found.update(idx.objects(m, AK.inDocument))
        return self.entities(found, Source)

    def about_source(self, iri: URIRef) -> tuple[Entity, ...]:
        idx = self.index
        found: set[Node] = set(idx.subjects(AK.describedIn, iri))
        for claim in idx.subjects(DCTERMS.source, iri):
            owners = [o for p in (AK.hasFinding, AK.hasRecognition, AK.hasRole)
                      for o in idx.subjects(p, claim)]
            found.update(owners or [])
        return self.entities(found, Entity)

    # -- lists ----------------------------------------------------------------------------
    def interventions(self, role: str | None = None, domain: str | URIRef | Entity | None = None,
                      theory: str | URIRef | Entity | None = None, level: str | None = None,
                      recognised: bool | None = None) -> Results[Intervention]:
        items: Iterable[Intervention] = self.all_of(Intervention, "interventie")
        if role is not None:
            want = role_key(role)
            items = [i for i in items if want in i.role_kinds]
        if theory is not None:
            t = self.iri_of(theory, "theorie")
            items = [i for i in items if t in {x.iri for x in i.theories}]
        if level is not None:
            lv = self.index.value(self.iri_of(level, "niveau"), SKOS.notation)
            want_level = str(lv) if lv is not None else str(level)
            items = [i for i in items if i.level == want_level]
        if recognised is not None:
            items = [i for i in items if i.recognised == recognised]
        if domain is not None:
            # The named query follows the crosswalk and the parts of a domain, like the CLI.
            d = self.iri_of(domain, "leefgebied")
            on = {row["interventie"].term for row in self._query("interventies-op-leefgebied", leefgebied=d)}
            items = [i for i in items if i.iri in on]
        title = "interventies" if self.lang == "nl" else "interventions"
        return Results(items, title)


def _year(node: Node | None) -> int | None:
    if node is None:
        return None
    try:
        return int(str(node)[:4])
    except ValueError:
        return None


# -- complementing boosters --------------------------------------------------------------------

@dataclass(frozen=True)
class Complement:
    """A versterker (booster) that complements an intervention on a life domain."""

    booster: Intervention
    domain: LifeDomain
    scope: str

    @property
    def label(self) -> str:
        return self.booster.label

    def to_dict(self) -> dict[str, Any]:
        return {"iri": str(self.booster.iri), "label": self.booster.label,
                "domain": self.domain.label, "scope": self.scope}

    def __repr__(self) -> str:
        return f"Complement({self.booster.label!r}, {self.domain.label!r}, {self.scope!r})"
