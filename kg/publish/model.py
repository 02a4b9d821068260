"""An index over the whole dataset for publishing: statements per resource with the named
graphs that state them, incoming links, types, nl/en labels, documents and their graphs.

Built once from the backend's Dataset; every list it hands out is sorted, so that pages built
from it are byte-for-byte the same for the same graph.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import BNode, Node

from ..terms import AK, BASE, GRAAF, ONTOLOGY_IRI
from .vocab import DATATYPE_LABELS, EXTERNAL_LABELS

if TYPE_CHECKING:
    from ..query.describe import Describer

PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
DCT_TITLE = URIRef("http://purl.org/dc/terms/title")
ID_BASE = BASE + "id/"
KERN_GRAPH = GRAAF["kern"]


@dataclass(frozen=True)
class Fact:
    """One predicate–object pair of a resource and the named graphs that state it."""

    predicate: URIRef
    value: Node
    graphs: tuple[URIRef, ...]


@dataclass(frozen=True)
class Link:
    """An incoming link: subject --predicate--> this resource."""

    subject: URIRef
    predicate: URIRef


def term_key(t: Node) -> tuple[int, str, str]:
    """A total, stable sort key for RDF terms (IRIs, then blank nodes, then literals)."""
    if isinstance(t, URIRef):
        return (0, str(t), "")
    if isinstance(t, BNode):
        return (1, str(t), "")
    if isinstance(t, Literal):
        return (2, str(t), f"{t.language or ''}|{t.datatype or ''}")
    return (3, str(t), "")


def is_published(iri: Node) -> bool:
    """True for IRIs this publication gives a page: under the project base, no fragment
    (ontology terms live on the ontology page as #fragments)."""
    return isinstance(iri, URIRef) and str(iri).startswith(BASE) and "#" not in str(iri)


def rel_path(iri: URIRef) -> str:
    """'id/interventie/krachtwerk' for https://w3id.org/armoede-kg/id/interventie/krachtwerk;
    an ontology term maps to its ontology document ('ontologie')."""
    s = str(iri).split("#", 1)[0]
    if not s.startswith(BASE):
        raise ValueError(f"{iri} ligt niet onder {BASE}")
    return s[len(BASE):]


_SAFE_PATH = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~\-]*(/[A-Za-z0-9][A-Za-z0-9._~\-]*)*")


def safe_rel_path(rel: str) -> bool:
    """Paths that can become file names everywhere (no '..', no empty segment, no odd bytes)."""
    return bool(_SAFE_PATH.fullmatch(rel)) and ".." not in rel


class SiteModel:
    """Everything the pages need, indexed once."""

    def __init__(self, ds: Dataset, lang: str = "nl") -> None:
        self.lang = lang
        self.ds = ds
        facts: dict[URIRef | BNode, dict[tuple[URIRef, Node], set[URIRef]]] = defaultdict(lambda: defaultdict(set))
        incoming: dict[URIRef, set[tuple[URIRef, URIRef]]] = defaultdict(set)
        self.graph_sizes: dict[URIRef, int] = defaultdict(int)
        self.by_graph: dict[URIRef, set[URIRef]] = defaultdict(set)
        for s, p, o, g in ds.quads((None, None, None, None)):
            gid = g.identifier if g is not None and hasattr(g, "identifier") else g
            if not isinstance(gid, URIRef) or str(gid) == "urn:x-rdflib:default":
                continue
            if not isinstance(s, (URIRef, BNode)) or not isinstance(p, URIRef):
                continue
            facts[s][(p, o)].add(gid)
            self.graph_sizes[gid] += 1
            if isinstance(s, URIRef):
                self.by_graph[gid].add(s)
            if isinstance(o, URIRef) and isinstance(s, URIRef) and p != RDF.type:
                incoming[o].add((s, p))
        self._facts = {
            s: sorted((Fact(p, o, tuple(sorted(gs))) for (p, o), gs in pv.items()),
                      key=lambda f: (str(f.predicate), term_key(f.value)))
            for s, pv in facts.items()
        }
        self._incoming = {o: sorted((Link(s, p) for s, p in links), key=lambda lk: (str(lk.predicate), str(lk.subject)))
                          for o, links in incoming.items()}
        self.graph_sizes = dict(sorted(self.graph_sizes.items()))
        self._labels: dict[URIRef, dict[str, str]] = {}
        for pred in (RDFS.label, DCT_TITLE, SKOS.prefLabel):  # later wins: prefLabel is the name
            for s, o in ((s, f.value) for s, fs in self._facts.items() for f in fs if f.predicate == pred):
                if isinstance(s, URIRef) and isinstance(o, Literal):
                    lang_of = o.language or "nl"
                    self._labels.setdefault(s, {})[lang_of] = str(o)

    # -- basic access -------------------------------------------------------
    def facts(self, s: Node) -> list[Fact]:
        return self._facts.get(s, []) if isinstance(s, (URIRef, BNode)) else []

    def values(self, s: Node, p: URIRef) -> list[Node]:
        return [f.value for f in self.facts(s) if f.predicate == p]

    def value(self, s: Node, p: URIRef) -> Node | None:
        vals = self.values(s, p)
        return vals[0] if vals else None

    def incoming(self, o: URIRef) -> list[Link]:
        return self._incoming.get(o, [])

    def types(self, s: Node) -> list[URIRef]:
        return [t for t in self.values(s, RDF.type) if isinstance(t, URIRef)]

    def has(self, s: Node) -> bool:
        return s in self._facts

    @cached_property
    def subjects(self) -> list[URIRef]:
        return sorted(s for s in self._facts if isinstance(s, URIRef))

    @cached_property
    def published(self) -> list[URIRef]:
        """Resources with a page of their own: subjects under the base, without '#'."""
        return [s for s in self.subjects if is_published(s) and safe_rel_path(rel_path(s))]

    @cached_property
    def describer(self) -> Describer:
        """Both directions of a resource, with documents and printed order (kg.query.describe),
        over the same dataset: resource pages list what links to them with it."""
        from ..model.entities import GraphIndex
        from ..query.describe import Describer

        return Describer(GraphIndex(self.ds), self.lang)

    # -- labels -------------------------------------------------------------
    def label(self, iri: Node, lang: str | None = None) -> str:
        """The name a reader sees, in lang (falling back to Dutch, then to a derived name)."""
        lang = lang or self.lang
        if isinstance(iri, Literal):
            return str(iri)
        if isinstance(iri, URIRef):
            own = self._labels.get(iri)
            if own:
                return own.get(lang) or own.get("nl") or next(iter(sorted(own.items())))[1]
            ext = EXTERNAL_LABELS.get(iri)
            if ext:
                return ext[0] if lang == "nl" else ext[1]
            dt = DATATYPE_LABELS.get(str(iri))
            if dt:
                return dt[0] if lang == "nl" else dt[1]
            derived = self._derived_label(iri, lang)
            if derived:
                return derived
        return local_name(iri)

    def has_own_label(self, iri: Node) -> bool:
        return isinstance(iri, URIRef) and iri in self._labels

    def _derived_label(self, iri: URIRef, lang: str) -> str | None:
        # Claim nodes (roles, findings, recognitions, mentions) carry no label of their own:
        # name them by what they are, whose they are and where a document says so.
        if not self.has(iri):
            return None
        types = [t for t in self.types(iri) if t in self._labels]
        if not types:
            return None
        kind = self.label(sorted(types, key=lambda t: (t == AK.Role, str(t)))[0], lang)
        where = self.location(iri, lang)
        if AK.Mention in types:
            return f"{kind}: {where}" if where else kind
        owner = next((lk.subject for lk in self.incoming(iri) if self.has_own_label(lk.subject)), None)
        of = (" van " if lang == "nl" else " of ") + self.label(owner, lang) if owner is not None else ""
        doc = self.document_code(iri)
        start = self.value(iri, AK.startLine)
        line = (", r. " if lang == "nl" else ", l. ") + str(start) if start is not None and doc else ""
        return f"{kind}{of}" + (f" ({doc}{line})" if doc else "")

    def location(self, node: Node, lang: str | None = None) -> str:
        """'000, Bijlage 2: Krachtwerk, r. 175–213' for a node with ak:inDocument/section/lines (or pages)."""
        lang = lang or self.lang
        parts = []
        doc = self.document_code(node)
        if doc:
            parts.append(doc)
        section = self.value(node, AK.section)
        if section is not None:
            parts.append(str(section))
        start, end = self.value(node, AK.startLine), self.value(node, AK.endLine)
        if start is not None:
            r = "r." if lang == "nl" else "l."
            lines = f"{start}" if end is None or str(end) == str(start) else f"{start}–{end}"
            parts.append(f"{r} {lines}")
        first, last = self.value(node, AK.startPage), self.value(node, AK.endPage)
        if first is not None:  # a document added from a werkblad cites pages
            pages = f"{first}" if last is None or str(last) == str(first) else f"{first}–{last}"
            parts.append(f"p. {pages}")
        return ", ".join(parts)

    # -- documents and graphs ----------------------------------------------
    @cached_property
    def graph_documents(self) -> dict[URIRef, URIRef]:
        """Named graph → the source document it was derived from (prov:wasDerivedFrom)."""
        out = {}
        for g in self.graph_sizes:
            d = self.value(g, PROV_DERIVED)
            if isinstance(d, URIRef):
                out[g] = d
        return out

    @cached_property
    def document_graphs(self) -> dict[URIRef, URIRef]:
        return {d: g for g, d in self.graph_documents.items()}

    def document_code(self, node: Node) -> str:
        """'000' for a node whose ak:inDocument is doc:000."""
        d = self.value(node, AK.inDocument)
        return local_name(d) if isinstance(d, URIRef) else ""

    def graph_code(self, g: URIRef) -> str:
        """'000' for graaf/kennis/000, 'schemas/zrm' for graaf/schemas/zrm."""
        s = str(g)
        rel = s[len(str(GRAAF)):] if s.startswith(str(GRAAF)) else s
        return rel[len("kennis/"):] if rel.startswith("kennis/") else rel

    # -- classes ------------------------------------------------------------
    @cached_property
    def instances(self) -> dict[URIRef, list[URIRef]]:
        """Class → its published instances (direct rdf:type only), sorted by label."""
        out: dict[URIRef, list[URIRef]] = defaultdict(list)
        for s in self.published:
            for t in self.types(s):
                out[t].append(s)
        return {c: sorted(v, key=lambda i: (self.label(i).casefold(), str(i)))
                for c, v in sorted(out.items())}

    @cached_property
    def ontology_classes(self) -> list[URIRef]:
        return sorted(s for s in self.subjects if str(s).startswith(str(AK)) and OWL.Class in self.types(s))

    @cached_property
    def ontology_properties(self) -> list[URIRef]:
        kinds = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
        return sorted(s for s in self.subjects if str(s).startswith(str(AK)) and kinds & set(self.types(s)))

    @property
    def ontology_iri(self) -> URIRef:
        return ONTOLOGY_IRI


def local_name(iri: Node) -> str:
    s = str(iri)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or s
