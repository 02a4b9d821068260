"""GraphIndex: every quad of the graph once, in dictionaries (out- and in-links, types, the
named graphs that state each link), with labels and kinds of resources."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS
from rdflib.term import BNode, Node

from ..query.names import external_name
from ..table import shorten
from ..terms import AK
from .kinds import _KIND_OF_CLASS, _KIND_RANK

BIBO = "http://purl.org/ontology/bibo/"
FOAF_HOMEPAGE = URIRef("http://xmlns.com/foaf/0.1/homepage")
_DEFAULT_GRAPH = "urn:x-rdflib:default"
Fact3 = tuple[Node, URIRef, Node]  # one triple that states (part of) a link


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
        if isinstance(node, URIRef) and (name := external_name(node, lang)):
            return name
        said = self.text(node, AK.statementText, lang) or self.text(node, AK.findingText, lang)
        cls = self.main_class(node)
        cls_label = self.label(cls, lang) if cls is not None else ""
        if said:
            return f"{cls_label}: “{shorten(said, 70)}”" if cls_label else f"“{shorten(said, 70)}”"
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
        name = external_name(p, lang)
        if name:
            return name
        return local_name(p)

    def labels(self, node: Node) -> dict[str, str]:
        return {lang: self.label(node, lang) for lang in ("nl", "en")}
