"""The networkx views of a graph: everything as a MultiDiGraph, the bipartite views
intervention → theory / life domain / source, and their one-mode projections. Nodes are IRIs
(URIRef); kg.network.keys lets a str IRI or a domain object find them too."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import Literal, Node

from ..errors import KgValueError
from ..model.catalog import Catalog
from ..model.entities import (
    GraphIndex,
    Intervention,
)
from ..terms import AK

if TYPE_CHECKING:
    import networkx as nx

from .records import Fact

VIEWS = {
    "full": "full", "volledig": "full",
    "intervention-theory": "intervention-theory", "interventie-theorie": "intervention-theory",
    "intervention-domain": "intervention-domain", "interventie-leefgebied": "intervention-domain",
    "intervention-source": "intervention-source", "interventie-bron": "intervention-source",
}


def view_key(view: str) -> str:
    """The canonical name of a view ('interventie-theorie' → 'intervention-theory'), or a
    KgValueError."""
    try:
        return VIEWS[view.strip().lower()]
    except KeyError:
        known = ", ".join(sorted(VIEWS))
        raise KgValueError(f"onbekende weergave '{view}' (kies uit {known})",
                           en=f"unknown view '{view}' (choose from {known})") from None


def _nx() -> Any:
    try:
        import networkx
    except ImportError:  # a dependency, but say so clearly if it is gone
        from ..errors import MissingDependencyError

        raise MissingDependencyError("netwerkanalyse heeft networkx nodig: pip install networkx") from None
    return networkx


class NetworkViews:
    """The view methods of Network (kept apart: they build graphs, the analyses read them)."""

    if TYPE_CHECKING:
        index: GraphIndex
        catalog: Catalog
        lang: str

        def fact(self, s: Node, p: URIRef, o: Node) -> Fact: ...

        def document_labels(self, facts: Iterable[Fact]) -> tuple[str, ...]: ...

    def _node_attrs(self, n: Node) -> dict[str, Any]:
        idx = self.index
        cls = idx.main_class(n)
        return {"iri": str(n), "label": idx.label(n, self.lang), "label_nl": idx.label(n, "nl"),
                "label_en": idx.label(n, "en"), "class": str(cls) if cls is not None else None,
                "class_label": idx.label(cls, self.lang) if cls is not None else None,
                "kind": idx.kind(n)}

    def _fact_attrs(self, f: Fact) -> dict[str, Any]:
        return {"predicate": str(f.predicate), "label": f.label,
                "label_en": self.index.predicate_label(f.predicate, "en"),
                "graphs": tuple(str(g) for g in f.graphs),
                "sources": tuple(str(d) for d in f.documents),
                "source_labels": self.document_labels([f])}

    def full(self) -> nx.MultiDiGraph:
        """Every link between resources (not to literals) as a MultiDiGraph; rdf:type becomes
        the node attribute 'class'. Nodes are IRIs (URIRef, like Entity.iri) and edge keys
        predicate IRIs; a str IRI or a domain object finds them too (kg.network.keys)."""
        _nx()
        from .keys import IriMultiDiGraph

        g = IriMultiDiGraph(view="full", lang=self.lang)
        idx = self.index
        for s, preds in idx.out.items():
            if isinstance(s, Literal):
                continue
            for p, objs in preds.items():
                if p == RDF.type:
                    continue
                for o in objs:
                    if isinstance(o, Literal):
                        continue
                    for n in (s, o):
                        if n not in g:
                            g.add_node(n, **self._node_attrs(n))
                    g.add_edge(s, o, key=p, **self._fact_attrs(self.fact(s, p, o)))
        return g

    def _links(self, view: str) -> dict[tuple[URIRef, URIRef], list[tuple[str, list[Fact]]]]:
        """(intervention, other) → [(how, facts)] for a focused view."""
        idx = self.index
        links: dict[tuple[URIRef, URIRef], list[tuple[str, list[Fact]]]] = defaultdict(list)
        interventions = [i.iri for i in self.catalog.all_of(Intervention, "interventie")]

        def add(i: URIRef, other: Node, how: str, facts: list[Fact]) -> None:
            if isinstance(other, URIRef):
                links[(i, other)].append((how, facts))

        for i in interventions:
            if view == "intervention-theory":
                for t in idx.objects(i, AK.basedOn):
                    add(i, t, idx.predicate_label(AK.basedOn, self.lang), [self.fact(i, AK.basedOn, t)])
            elif view == "intervention-domain":
                for p in (AK.lifeDomain, AK.targets):
                    for d in idx.objects(i, p):
                        add(i, d, idx.predicate_label(p, self.lang), [self.fact(i, p, d)])
                for r in idx.objects(i, AK.hasRole):
                    for d in idx.objects(r, AK.lifeDomain):
                        how = f"{idx.predicate_label(AK.hasRole, self.lang)} / {idx.label(r, self.lang)}"
                        add(i, d, how, [self.fact(i, AK.hasRole, r), self.fact(r, AK.lifeDomain, d)])
            elif view == "intervention-source":
                for p in (AK.describedIn, AK.underpinnedBy, DCTERMS.source):
                    for src in idx.objects(i, p):
                        add(i, src, idx.predicate_label(p, self.lang), [self.fact(i, p, src)])
                for p in (AK.hasFinding, AK.hasRecognition, AK.hasRole):
                    for claim in idx.objects(i, p):
                        for src in idx.objects(claim, DCTERMS.source):
                            how = (f"{idx.predicate_label(p, self.lang)} → "
                                   f"{idx.predicate_label(DCTERMS.source, self.lang)}")
                            add(i, src, how, [self.fact(i, p, claim), self.fact(claim, DCTERMS.source, src)])
                for m in idx.objects(i, AK.mentionedIn):
                    for d in idx.objects(m, AK.inDocument):
                        add(i, d, idx.predicate_label(AK.mentionedIn, self.lang),
                            [self.fact(i, AK.mentionedIn, m), self.fact(m, AK.inDocument, d)])
        return links

    def view(self, view: str) -> nx.DiGraph | nx.MultiDiGraph:
        """A networkx graph: 'full' (MultiDiGraph) or a bipartite DiGraph intervention → X
        ('intervention-theory', 'intervention-domain', 'intervention-source'; Dutch names work
        too). Bipartite nodes carry bipartite=0 (interventions) or 1. Nodes are URIRefs; a
        str IRI or a domain object finds them too."""
        key = view_key(view)
        if key == "full":
            return self.full()
        _nx()
        from .keys import IriDiGraph

        g = IriDiGraph(view=key, lang=self.lang)
        for (i, other), hows in sorted(self._links(key).items()):
            for n, side in ((i, 0), (other, 1)):
                if n not in g:
                    g.add_node(n, bipartite=side, **self._node_attrs(n))
            facts = [f for _, fs in hows for f in fs]
            g.add_edge(i, other, via=tuple(sorted({h for h, _ in hows})),
                       label=hows[0][0], graphs=tuple(sorted({str(x) for f in facts for x in f.graphs})),
                       sources=tuple(sorted({str(d) for f in facts for d in f.documents})),
                       source_labels=self.document_labels(facts))
        return g

    def projection(self, view: str, side: str = "intervention") -> nx.Graph:
        """The one-mode projection of a bipartite view: interventions linked when they share
        a theory / domain / source (side='intervention'), or theories, domains, sources linked
        when an intervention has both (side='other'). Edge weight = number shared; 'shared'
        lists their labels."""
        from .keys import IriGraph

        b = self.view(view)
        if view_key(view) == "full":
            raise KgValueError("een projectie bestaat alleen voor de bipartiete weergaven",
                               en="a projection exists only for the bipartite views")
        want = 0 if side in ("intervention", "interventie") else 1
        nodes = [n for n, d in b.nodes(data=True) if d["bipartite"] == want]
        g = IriGraph(view=f"{view_key(view)}-projection", side=side)
        for n in nodes:
            g.add_node(n, **b.nodes[n])
        und = b.to_undirected(as_view=True)
        for n in nodes:
            for mid in und.neighbors(n):
                for m in und.neighbors(mid):
                    if m != n and m in g and n < m:
                        if g.has_edge(n, m):
                            continue
                        shared = sorted(set(und.neighbors(n)) & set(und.neighbors(m)))
                        g.add_edge(n, m, weight=len(shared),
                                   shared=tuple(b.nodes[x]["label"] for x in shared))
        return g
