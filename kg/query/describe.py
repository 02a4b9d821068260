"""Everything the graph says about one resource: its own statements and those that point to it,
each with the named graphs (documents) that state it, in the order a document prints things.

Built on the in-memory index of the domain model (kg.model.entities.GraphIndex), the same one
behind Entity.neighbours() and the network views: one traversal of the graph, not three.

>>> import kg
>>> d = kg.load().description("Vier elementen van zelfregie")
>>> [link.value_label for link in d.incoming if link.relation == "hoort bij"]
['1. Eigenaarschap', '2. Eigen kracht', '3. Motivatie', '4. Contacten']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS, XSD
from rdflib.term import Node

from ..model.entities import PLUMBING
from ..terms import AK
from .names import external_name

if TYPE_CHECKING:
    from ..model.entities import GraphIndex

OUT, IN = "out", "in"
PROJECT = "https://w3id.org/armoede-kg/"
_GRAPHS = PROJECT + "graaf/"

# Properties that put a resource in a printed order (a numbered list, a table row).
_ORDER = (AK.ordinal, AK.rowNumber)
# What a nameless claim node (role, recognition, finding, statistic) says, in this order.
_CLAIM_VALUES = (AK.level, AK.recognitionLevel, AK.noFormalRecognition, AK.databank, AK.lifeDomain,
                 AK.scope, AK.coherenceField, AK.overviewTable, AK.effectivenessRating, AK.marked,
                 AK.inProjectApplication, SKOS.note)
_CLAIM_TEXTS = (AK.findingText, AK.statementText)
# Nameless or not, these are shown by what they claim and the source behind it.
_CLAIMS = frozenset({AK.Role, AK.IntegralInterventionRole, AK.BoosterRole, AK.CoherenceRole,
                     AK.OverviewTableEntry, AK.PracticeExampleRole, AK.RecognisedInterventionRole,
                     AK.DiscussedInterventionRole, AK.Recognition, AK.ResearchFinding, AK.Statement,
                     AK.KnowledgeGap, AK.Statistic})
# Who owns a claim node: "rol als versterker van 8TING".
_OWNERS = (AK.hasRole, AK.hasRecognition, AK.hasFinding)
_NAMES = (SKOS.prefLabel, RDFS.label, DCTERMS.title)
_YES_NO = {"nl": ("ja", "nee"), "en": ("yes", "no")}


@dataclass(frozen=True)
class Link:
    """One link of the described resource X. direction "out": X → relation → value;
    "in": value → relation → X. graphs: the named graphs (documents) that state it."""

    direction: str
    predicate: URIRef
    relation: str
    value: Node
    value_label: str
    graphs: tuple[URIRef, ...]
    ordinal: int | None = None

    @property
    def graph(self) -> URIRef | None:
        """The first named graph that states the link (None for a link no document states)."""
        return self.graphs[0] if self.graphs else None

    def to_dict(self) -> dict[str, Any]:
        return {"direction": self.direction, "predicate": str(self.predicate), "relation": self.relation,
                "value": str(self.value), "value_label": self.value_label,
                "graphs": [str(g) for g in self.graphs], "ordinal": self.ordinal}


@dataclass(frozen=True)
class Description:
    """A resource with all its links, outgoing first, each direction grouped by relation,
    then by document, then in printed order (ak:ordinal / ak:rowNumber) or by label."""

    iri: URIRef
    label: str
    kind: str
    links: tuple[Link, ...]
    documents: dict[URIRef, str]  # named graph → label of the document it comes from

    @property
    def outgoing(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.direction == OUT)

    @property
    def incoming(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.direction == IN)

    def groups(self) -> list[tuple[str, str, URIRef | None, list[Link]]]:
        """(direction, relation, graph, links) in display order."""
        out: dict[tuple[str, str, URIRef | None], list[Link]] = {}
        for link in self.links:
            out.setdefault((link.direction, link.relation, link.graph), []).append(link)
        return [(d, r, g, links) for (d, r, g), links in out.items()]

    def to_dict(self) -> dict[str, Any]:
        return {"iri": str(self.iri), "label": self.label, "kind": self.kind,
                "links": [link.to_dict() for link in self.links],
                "documents": {str(g): lab for g, lab in self.documents.items()}}


def short_graph(graph: Node | None) -> str:
    """kennis/000 for https://w3id.org/armoede-kg/graaf/kennis/000."""
    s = "" if graph is None else str(graph)
    return s[len(_GRAPHS):] if s.startswith(_GRAPHS) else s


class Describer:
    """Names and summaries of nodes in one language, over a GraphIndex."""

    def __init__(self, index: GraphIndex, lang: str) -> None:
        self.idx = index
        self.lang = lang

    # -- names ------------------------------------------------------------------------------
    def has_name(self, node: Node) -> bool:
        return any(self.idx.objects(node, p) for p in _NAMES)

    def name(self, node: Node) -> str:
        """How to show node: a literal as readable text, a term of a reused vocabulary by its
        name, a labelled resource by its label, a nameless claim by what it claims, a web
        address in full."""
        if isinstance(node, Literal):
            return literal_text(node, self.lang)
        if isinstance(node, URIRef):
            known = external_name(node, self.lang)
            if known and not self.has_name(node):
                return known
            if self.idx.types.get(node, frozenset()) & _CLAIMS:
                return self.summary(node)
            if self.has_name(node):
                return self.idx.label(node, self.lang)
            if self.idx.has(node):
                return self.summary(node)
            if not str(node).startswith(PROJECT):
                return str(node)
        return self.idx.label(node, self.lang)

    def relation(self, p: URIRef) -> str:
        return self.idx.predicate_label(p, self.lang)

    def summary(self, node: Node, owner: Node | None = None) -> str:
        """One line for a claim node: its class, whose it is (unless owner, the resource being
        described), the source it cites, then what it claims (its texts and values; its label when it has neither)."""
        idx = self.idx
        if AK.Mention in idx.types.get(node, ()):
            return self.location(node) or self.idx.label(node, self.lang)
        cls = idx.main_class(node)
        head = self.name(cls) if cls is not None else ""
        owners = [o for p in _OWNERS for o in idx.subjects(p, node) if o != owner]
        if owners:
            of = "van" if self.lang == "nl" else "of"
            head = f"{head} {of} {', '.join(sorted(self.name(o) for o in owners))}"
        cited = self.citations(node)
        if cited:
            head += (", bron " if self.lang == "nl" else ", source ") + "; ".join(cited)
        # what it claims says more than its label ("5 deelnemers (000 r. 167)"), which is
        # only the fallback for a claim with neither text nor values
        parts = [str(v) for p in _CLAIM_TEXTS for v in self.values(node, p)]
        for p in _CLAIM_VALUES:
            for v in self.values(node, p):
                if isinstance(v, Literal) and v.datatype == XSD.boolean:
                    parts.append(self.relation(p) if v.toPython() else f"{self.relation(p)}: {self.name(v)}")
                else:
                    parts.append(self.name(v))
        if not parts and self.has_name(node):
            parts = [self.idx.label(node, self.lang)]
        return f"{head}: {'; '.join(parts)}" if parts else head

    def location(self, mention: Node) -> str:
        """'De Vet, Scholten & Wolf (2021), Bijlage 2: …, r. 215–249' for a mention."""
        idx = self.idx
        doc = idx.value(mention, AK.inDocument)
        where = [self.name(doc)] if doc is not None else []
        section = idx.text(mention, AK.section, self.lang)
        if section:
            where.append(section)
        start, end = idx.value(mention, AK.startLine), idx.value(mention, AK.endLine)
        if start is not None:
            r = "r." if self.lang == "nl" else "l."
            where.append(f"{r} {start}" + (f"–{end}" if end is not None and end != start else ""))
        return ", ".join(where)

    def citations(self, claim: Node) -> list[str]:
        """The sources behind a claim, with the number the document cites them by: a finding
        that ends in "(14)" names source 14 of its document's reference list."""
        idx = self.idx
        docs = set(idx.objects(claim, AK.inDocument))
        out = []
        for src in idx.objects(claim, DCTERMS.source):
            numbers = sorted({int(n.toPython()) for m in idx.objects(src, AK.mentionedIn)
                              if docs & set(idx.objects(m, AK.inDocument))
                              for n in idx.objects(m, AK.referenceNumber) if isinstance(n, Literal)})
            prefix = "".join(f"({n}) " for n in numbers)
            out.append(prefix + self.name(src))
        return sorted(out)

    def values(self, node: Node, p: URIRef) -> list[Node]:
        """The values of node p, literals only in one language: lang, else Dutch, else any."""
        return pick_language(self.idx.objects(node, p), self.lang)

    def ordinal(self, node: Node) -> int | None:
        for p in _ORDER:
            v = self.idx.value(node, p)
            if isinstance(v, Literal):
                try:
                    return int(v.toPython())
                except (TypeError, ValueError):
                    continue
        return None

    # -- the description ----------------------------------------------------------------------
    def describe(self, iri: URIRef) -> Description:
        idx = self.idx
        links: list[Link] = []
        for p, objects in idx.out.get(iri, {}).items():
            for o in pick_language(objects, self.lang):
                links.append(self._link(OUT, iri, p, o, o))
        for p, subjects in idx.inc.get(iri, {}).items():
            if p in PLUMBING:  # a document would list its hundreds of mentions, a class its members
                continue
            for s in subjects:
                if AK.Mention not in idx.types.get(s, ()):
                    links.append(self._link(IN, s, p, iri, s))
        links.sort(key=self._order)
        graphs = {g for link in links for g in link.graphs}
        documents = {g: self.name(idx.graph_document[g]) for g in sorted(graphs) if g in idx.graph_document}
        cls = idx.main_class(iri)
        return Description(iri, self.name(iri), self.name(cls) if cls is not None else "",
                           tuple(links), documents)

    def _link(self, direction: str, s: Node, p: URIRef, o: Node, other: Node) -> Link:
        described = o if direction == IN else s
        claim = isinstance(other, URIRef) and bool(self.idx.types.get(other, frozenset()) & _CLAIMS)
        label = self.summary(other, owner=described) if claim else self.name(other)
        n = self.ordinal(other) if isinstance(other, URIRef) else None
        if n is not None:
            label = f"{n}. {label}"
        return Link(direction, p, self.relation(p), other, label, tuple(sorted(self.idx.graphs(s, p, o))), n)

    @staticmethod
    def _order(link: Link) -> tuple[Any, ...]:
        return (link.direction != OUT, link.relation.casefold(), str(link.graph or ""),
                link.ordinal is None, link.ordinal or 0, link.value_label.casefold(), str(link.value))


def pick_language(values: Iterable[Node], lang: str) -> list[Node]:
    """Values without a language tag, and the tagged literals of one language: lang if there
    are any, else Dutch, else the first language found (one definition, not one per language)."""
    values = list(values)
    tags = [v.language for v in values if isinstance(v, Literal) and v.language]
    if not tags:
        return values
    chosen = lang if lang in tags else "nl" if "nl" in tags else sorted(tags)[0]
    return [v for v in values if not (isinstance(v, Literal) and v.language and v.language != chosen)]


def literal_text(lit: Literal, lang: str) -> str:
    """A literal as a reader expects it: ja/nee (yes/no) for booleans, 508000 not 508000.0."""
    if lit.datatype == XSD.boolean:
        yes, no = _YES_NO.get(lang, _YES_NO["en"])
        return yes if lit.toPython() is True else no
    value = lit.toPython()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if lit.datatype in (XSD.decimal,) and str(lit).endswith(".0"):
        return str(lit)[:-2]
    return str(lit)


def claim_owners(index: GraphIndex, node: Node) -> list[Node]:
    """The resources that own a claim node (hasRole / hasRecognition / hasFinding) or that it
    is about (ak:about)."""
    found = [o for p in _OWNERS for o in index.subjects(p, node)]
    found += index.objects(node, AK.about)
    return list(dict.fromkeys(found))
