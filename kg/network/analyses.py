"""The graph as a network (networkx): views, paths, similarity, centrality, communities.

RDF answers "what is stated"; these functions answer "how do things hang together". Every
answer names the documents behind it: each link carries the named graph(s) that state it.

networkx is imported inside the functions, so that `import kg` stays fast.
The records it answers with are in kg.network.records, the networkx views in
kg.network.views.

>>> import kg
>>> graph = kg.load()
>>> route = graph.paths("De Geweldige Wijk", "Mullainathan & Shafir (2013)", max_length=2)
>>> print(route[0])
De Geweldige Wijk → onderbouwd met → Mullainathan & Shafir (2013)
>>> print(route[1])
De Geweldige Wijk → gebaseerd op → Theorie van schaarste → beschreven in → Mullainathan & Shafir (2013)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS
from rdflib.term import Literal, Node

from ..errors import KgLookupError, KgValueError
from ..model.catalog import Catalog
from ..model.entities import (
    FOAF_HOMEPAGE,
    Entity,
    GraphIndex,
    Intervention,
    LifeDomain,
    Results,
    checked_kind,
    role_key,
)
from ..query.resolve import normalise
from ..terms import AK
from .records import (
    FEATURE_WEIGHTS,
    Centrality,
    Community,
    Fact,
    Feature,
    Path,
    Similarity,
    Step,
)
from .views import NetworkViews, _nx, view_key

if TYPE_CHECKING:
    import networkx as nx


# -- which links and nodes make up the "meaning" network ------------------------------------

# Provenance plumbing and schema bookkeeping: true, but a path through them says nothing
# about interventions, theories or domains ("both are mentioned in document 000").
SKIPPED_PREDICATES = frozenset({
    RDF.type, AK.mentionedIn, AK.inDocument, PROV.wasDerivedFrom,
    SKOS.inScheme, SKOS.topConceptOf, SKOS.hasTopConcept,
    RDFS.domain, RDFS.range, RDFS.subClassOf, RDFS.subPropertyOf, RDFS.seeAlso,
    OWL.versionIRI, OWL.inverseOf, DCTERMS.license, FOAF_HOMEPAGE,
    URIRef("http://purl.org/ontology/bibo/uri"), URIRef("http://xmlns.com/foaf/0.1/mbox"),
})
# Mentions, concept schemes, ontology terms and untyped IRIs (named graphs, web pages).
SKIPPED_KINDS = frozenset({"vermelding", "schema", "ontologie", "entiteit"})
# Document claims (statements, figures, knowledge gaps) are real links but weaker ones: a
# step into or out of a claim costs 1.5 instead of 1, so a route through a theory or a
# source is preferred over one through a sentence that mentions both ends.
CLAIM_KINDS = frozenset({"uitspraak"})
CLAIM_STEP_COST = 1.5
# Claim nodes that belong to one intervention: links through them still count as that
# intervention's own links (a booster's life domain sits on its role).
OWN_CLAIM_KINDS = frozenset({"rol", "erkenning", "bevinding"})

# Yen's algorithm yields routes one by one; routes of a shape already found are counted,
# not listed. Stop looking after this many candidates per route asked for.
_CANDIDATES_PER_PATH = 50

# What "linked" means for centrality, per kind: the relation that underpins.
_LINKS_OF_KIND: dict[str, frozenset[URIRef]] = {
    "theorie": frozenset({AK.basedOn}),
    "leefgebied": frozenset({AK.lifeDomain, AK.targets}),
    "principe": frozenset({AK.hasPrinciple}),
    "instrument": frozenset({AK.usesInstrument}),
    "bron": frozenset({AK.describedIn, AK.underpinnedBy, DCTERMS.source}),
    "document": frozenset({AK.describedIn, AK.underpinnedBy, DCTERMS.source}),
}

# -- the network --------------------------------------------------------------------------------

# Words of a target-group description that say nothing about who is meant.
_STOPWORD_TEXT = """
aan alle andere als bij dat de den der des die dit door een en er geen hebben heeft het hun
in is jaar met na naar niet nog of om onder ook op over per te ten tot uit van veel voor waar
wat wel worden zich zijn zoals die daardoor dreigen raken mensen personen algemeen grote
tussen jonger ouder meerdere meer hebben zitten geheel gedeeltelijk langere tijd veelal
the of and for with who are
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def target_words(text: str) -> set[str]:
    """The content words of a target-group description (folded, without stop words)."""
    return {w for w in re.split(r"[^a-z0-9]+", normalise(text)) if len(w) >= 4 and w not in _STOPWORDS}


class Network(NetworkViews):
    """Network views and analyses over one graph's index; built lazily, kept per graph."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.index: GraphIndex = catalog.index
        self.lang = catalog.lang

    # -- facts ----------------------------------------------------------------------------
    def fact(self, s: Node, p: URIRef, o: Node) -> Fact:
        """The link s p o with the named graphs and documents that state it."""
        graphs = tuple(sorted(self.index.graphs(s, p, o)))
        return Fact(s, p, o, self.index.predicate_label(p, self.lang), graphs, self.index.documents(graphs))

    def document_labels(self, facts: Iterable[Fact]) -> tuple[str, ...]:
        """The labels of the documents behind facts, each once, in IRI order."""
        docs = sorted({d for f in facts for d in f.documents})
        return tuple(self.index.label(d, self.lang) for d in docs)

    def _in_network(self, node: Node) -> bool:
        return isinstance(node, URIRef) and self.index.kind(node) not in SKIPPED_KINDS

    # -- the undirected "meaning" graph used for paths and centrality ---------------------
    @cached_property
    def semantic(self) -> nx.Graph:
        """Undirected graph of described resources; each edge keeps the facts behind it and
        a cost (1, or 1.5 next to a document claim)."""
        nx = _nx()
        g = nx.Graph()
        idx = self.index
        # built in IRI order: the store's order follows string hashes, which change per
        # process, and networkx breaks ties between equally cheap routes by insertion order
        for s, preds in sorted(idx.out.items(), key=lambda sp: str(sp[0])):
            if not self._in_network(s):
                continue
            for p, objs in sorted(preds.items()):
                if p in SKIPPED_PREDICATES:
                    continue
                for o in sorted(objs, key=str):
                    if isinstance(o, Literal) or o == s or not self._in_network(o):
                        continue
                    if g.has_edge(s, o):
                        g.edges[s, o]["facts"].append(self.fact(s, p, o))
                    else:
                        claim = (idx.kind(s) in CLAIM_KINDS) or (idx.kind(o) in CLAIM_KINDS)
                        g.add_edge(s, o, facts=[self.fact(s, p, o)], weight=CLAIM_STEP_COST if claim else 1.0)
        return g

    def _node(self, thing: str | URIRef | Entity) -> URIRef:
        iri = self.catalog.iri_of(thing)
        if iri not in self.semantic:
            label = self.index.label(iri, self.lang)
            raise KgLookupError(f"'{label}' heeft geen verbindingen in het netwerk "
                                f"(vermeldingen, schema's en ontologietermen tellen niet mee)",
                                en=f"'{label}' has no links in the network "
                                   f"(mentions, schemes and ontology terms do not count)")
        return iri

    # -- paths ----------------------------------------------------------------------------
    def paths(self, a: str | URIRef | Entity, b: str | URIRef | Entity, max_length: int = 3,
              limit: int = 10, exclude: str | Iterable[str] = ()) -> Results[Path]:
        """Up to `limit` routes from a to b of at most max_length steps, cheapest first; no
        route passes through a node of a kind in exclude (e.g. 'uitspraak'/'statement')."""
        nx = _nx()
        left_out = {checked_kind(k) for k in ([exclude] if isinstance(exclude, str) else exclude)}
        if max_length < 1:
            raise KgValueError("de maximale padlengte moet minstens 1 zijn",
                               en="the maximum path length must be at least 1")
        s, t = self._node(a), self._node(b)
        title = "paden" if self.lang == "nl" else "paths"
        if s == t:
            return Results([], title)
        g = self.semantic
        if left_out:
            idx = self.index
            g = nx.subgraph_view(g, filter_node=lambda n: n in (s, t) or idx.kind(n) not in left_out)
        found: dict[tuple[Any, ...], tuple[Path, int]] = {}
        try:
            for n, nodes in enumerate(nx.shortest_simple_paths(g, s, t, weight="weight")):
                cost = sum(g.edges[u, v]["weight"] for u, v in zip(nodes, nodes[1:]))
                if cost > max_length * CLAIM_STEP_COST or n > limit * _CANDIDATES_PER_PATH:
                    break  # every later route is longer than max_length steps
                if len(nodes) - 1 > max_length:
                    continue
                path = self._path(nodes, cost)
                shape = self._shape(path)
                if shape in found:
                    first, more = found[shape]
                    found[shape] = (first, more + 1)
                elif len(found) < limit:
                    found[shape] = (path, 0)
        except nx.NetworkXNoPath:
            pass
        out = [Path(p.steps, p.cost, more) for p, more in found.values()]
        return Results(out, title)

    def _shape(self, path: Path) -> tuple[Any, ...]:
        """What a route says apart from which claim it passes: claims count as one."""
        parts: list[Any] = []
        for st in path.steps:
            end = st.end.kind if st.end.kind in CLAIM_KINDS else st.end.iri
            parts.append((st.fact.predicate, st.forward, end))
        return tuple(parts)

    def _path(self, nodes: list[URIRef], cost: float) -> Path:
        steps = []
        for u, v in zip(nodes, nodes[1:]):
            facts = self.semantic.edges[u, v]["facts"]
            # the fact read forwards, from the ontology, first: "A gebaseerd op B" over "B … A"
            best = sorted(facts, key=lambda f: (f.subject != u, not str(f.predicate).startswith(str(AK)),
                                                f.label))[0]
            steps.append(Step(self.catalog.entity(u), self.catalog.entity(v), best,
                              forward=best.subject == u, documents=self.document_labels(facts)))
        return Path(tuple(steps), cost)

    # -- similarity -----------------------------------------------------------------------
    @cached_property
    def _domain_features(self) -> dict[URIRef, set[URIRef]]:
        """Life-domain concept → the crosswalk groups it belongs to, itself and upwards:
        exact/close matches are one group; skos:broader and broadMatch lead to the wider one."""
        idx = self.index
        cat = self.catalog
        out: dict[URIRef, set[URIRef]] = {}

        def up(c: URIRef) -> set[URIRef]:
            seen: set[URIRef] = set()
            todo = [c]
            while todo:
                x = todo.pop()
                if x in seen:
                    continue
                seen.add(x)
                for y in cat.equivalents(x):
                    todo.extend(idx.iris(y, SKOS.broader))
                    todo.extend(idx.iris(y, SKOS.broadMatch))
                    todo.extend(o for o in idx.subjects(SKOS.narrowMatch, y) if isinstance(o, URIRef))
            return seen

        for s in idx.types:
            if isinstance(s, URIRef) and idx.kind(s) == "leefgebied":
                out[s] = {self._group_key(x) for x in up(s)}
        return out

    def _group_key(self, concept: URIRef) -> URIRef:
        """One representative per crosswalk group: the member with most crosswalk links."""
        group = self.catalog.equivalents(concept)

        def links(x: URIRef) -> int:
            idx = self.index
            return sum(len(idx.objects(x, p)) + len(idx.subjects(p, x))
                       for p in (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch))

        return sorted(group, key=lambda x: (-links(x), str(x)))[0]

    def features(self, i: Intervention) -> set[Feature]:
        """What similarity compares: theories, life domains (crosswalk groups), principles
        and target-group words."""
        lang = self.lang
        out: set[Feature] = set()
        for t in i.theories:
            out.add(Feature("theorie", str(t.iri), t.label, FEATURE_WEIGHTS["theorie"], lang))
        for p in i.principles:
            out.add(Feature("principe", str(p.iri), p.label, FEATURE_WEIGHTS["principe"], lang))
        for d in i.domains:
            for grp in self._domain_features.get(d.iri, {d.iri}):
                out.add(Feature("leefgebied", str(grp), self.index.label(grp, lang),
                                FEATURE_WEIGHTS["leefgebied"], lang))
        for text in i.target_groups:
            for w in target_words(text):
                out.add(Feature("doelgroep", w, w, FEATURE_WEIGHTS["doelgroep"], lang))
        return out

    @cached_property
    def _all_features(self) -> dict[Intervention, set[Feature]]:
        return {i: self.features(i) for i in self.catalog.all_of(Intervention, "interventie")}

    @staticmethod
    def score(fa: set[Feature], fb: set[Feature]) -> float:
        """Weighted Jaccard: weight of what both have / weight of what either has."""
        union = sum(f.weight for f in fa | fb)
        return sum(f.weight for f in fa & fb) / union if union else 0.0

    def similar(self, x: str | URIRef | Entity, k: int = 5) -> Results[Similarity]:
        """The k interventions most like x (see KnowledgeGraph.similar)."""
        target = self.catalog.get(x, "interventie")
        assert isinstance(target, Intervention)
        mine = self._all_features[target]
        scored = []
        for other, theirs in self._all_features.items():
            if other == target:
                continue
            sc = self.score(mine, theirs)
            if sc > 0:
                shared = tuple(sorted(mine & theirs, key=lambda f: (-f.weight, f.kind, f.label)))
                scored.append(Similarity(other, sc, shared))
        scored.sort(key=lambda s: (-s.score, s.label.casefold()))
        return Results(scored[:k], "vergelijkbare interventies" if self.lang == "nl" else "similar interventions")

    # -- centrality -----------------------------------------------------------------------
    def linked_interventions(self, node: URIRef, role: str | None = None) -> tuple[Intervention, ...]:
        """Interventions linked to node, directly or through their own role, recognition or
        finding (a booster's domain sits on its role). For a theory that is ak:basedOn, for a
        life domain ak:lifeDomain/ak:targets, for a source ak:describedIn/dcterms:source, for a
        principle ak:hasPrinciple, for an instrument ak:usesInstrument; for other kinds any link."""
        g, idx = self.semantic, self.index
        if node not in g:
            return ()
        preds = _LINKS_OF_KIND.get(idx.kind(node))
        found: set[URIRef] = set()
        for n in g.neighbors(node):
            if preds is not None and not any(f.predicate in preds for f in g.edges[node, n]["facts"]):
                continue
            k = idx.kind(n)
            if k == "interventie":
                found.add(n)
            elif k in OWN_CLAIM_KINDS:
                for p in (AK.hasRole, AK.hasRecognition, AK.hasFinding):
                    found.update(o for o in idx.subjects(p, n)
                                 if isinstance(o, URIRef) and idx.kind(o) == "interventie")
        items = self.catalog.entities(found, Intervention)
        if role is not None:
            want = role_key(role)
            items = tuple(i for i in items if want in i.role_kinds)
        return items

    def central(self, kind: str | None = None, measure: str = "degree", k: int = 10,
                role: str | None = None, view: str | nx.Graph | None = None) -> Results[Centrality]:
        """The k most connecting nodes of a kind (None: theories), see KnowledgeGraph.central;
        with view (a view name or a networkx graph of IRIs: a projection, a subgraph) on that
        graph, where kind None means every node."""
        nx = _nx()
        measure = {"graad": "degree", "tussenligging": "betweenness"}.get(measure, measure)
        if measure not in ("degree", "betweenness"):
            raise KgValueError(f"onbekende maat '{measure}' (kies degree/graad of betweenness/tussenligging)",
                               en=f"unknown measure '{measure}' (choose degree or betweenness)")
        if view is not None:
            return self._central_in(self.chosen(view), kind, measure, k, role)
        if kind is None:
            kind = "theorie"
        want = checked_kind(kind)
        idx = self.index
        kinds = {want, "document"} if want == "bron" else {want}
        nodes = [n for n in self.semantic if idx.kind(n) in kinds]
        if not nodes:
            raise KgLookupError(f"geen knooppunten van soort '{kind}' in het netwerk",
                                en=f"no nodes of kind '{kind}' in the network")
        out = []
        if measure == "degree":
            for n in nodes:
                linked = self.linked_interventions(n, role)
                if want == "interventie":
                    score = float(self.semantic.degree(n))
                    linked = ()
                else:
                    score = float(len(linked))
                if score > 0:
                    out.append(Centrality(self.catalog.entity(n), "degree", score, linked))
        else:
            between = self._betweenness(role)
            for n in nodes:
                if between.get(n, 0.0) > 0:
                    out.append(Centrality(self.catalog.entity(n), "betweenness", between[n],
                                          self.linked_interventions(n, role)))
        del nx
        out.sort(key=lambda c: (-c.score, c.label.casefold()))
        title = ("centrale " if self.lang == "nl" else "central ") + want
        return Results(out[:k], title)

    def chosen(self, view: str | nx.Graph) -> nx.Graph:
        """The undirected graph an analysis runs on: a view by name (see view()), or a networkx
        graph of IRIs as it is (a projection, a subgraph)."""
        g = self.view(view) if isinstance(view, str) else view
        return g.to_undirected(as_view=True) if g.is_directed() else g

    def _central_in(self, g: nx.Graph, kind: str | None, measure: str, k: int,
                    role: str | None) -> Results[Centrality]:
        """Degree (neighbours) or betweenness (unweighted, normalised) in a chosen graph; with
        role, interventions without that role are left out of the graph first."""
        nx = _nx()
        from .keys import iri_key

        idx, cat = self.index, self.catalog
        want = checked_kind(kind) if kind is not None else None
        kinds = {want, "document"} if want == "bron" else {want}
        keep = role_key(role) if role else None

        def counts(n: Any) -> bool:
            e = cat.entity(iri_key(n))
            return keep is None or not isinstance(e, Intervention) or keep in e.role_kinds

        h = nx.subgraph_view(g, filter_node=counts) if keep else g
        nodes = [n for n in h if want is None or idx.kind(iri_key(n)) in kinds]
        if not nodes:
            raise KgLookupError(f"geen knooppunten van soort '{kind}' in deze weergave",
                                en=f"no nodes of kind '{kind}' in this view")
        scores = dict(h.degree(nodes)) if measure == "degree" else nx.betweenness_centrality(h)
        out = [Centrality(cat.entity(iri_key(n)), measure, float(scores[n]),
                          cat.entities((iri_key(m) for m in h.neighbors(n)), Intervention))
               for n in nodes if scores.get(n, 0) > 0]
        out.sort(key=lambda c: (-c.score, c.label.casefold()))
        title = ("centrale " if self.lang == "nl" else "central ") + (want or "")
        return Results(out[:k], title.strip())

    def _betweenness(self, role: str | None) -> dict[URIRef, float]:
        """Share of the cheapest routes between two interventions (with the role) that pass
        through each node."""
        key = role_key(role) if role else ""
        cache: dict[str, dict[URIRef, float]] = self.__dict__.setdefault("_between_cache", {})
        if key not in cache:
            nx = _nx()
            ends = [i.iri for i in self.catalog.all_of(Intervention, "interventie")
                    if i.iri in self.semantic and (not key or key in i.role_kinds)]
            raw = nx.betweenness_centrality_subset(self.semantic, ends, ends, normalized=False, weight="weight")
            pairs = max(len(ends) * (len(ends) - 1) / 2, 1)
            # the subset variant counts each unordered pair from both ends in an undirected graph
            cache[key] = {n: v / pairs / 2 for n, v in raw.items()}
        return cache[key]

    # -- communities ----------------------------------------------------------------------
    def similarity_graph(self) -> nx.Graph:
        """Interventions as nodes, an edge with weight = similarity score where they share
        something (see Network.score)."""
        _nx()
        from .keys import IriGraph

        g = IriGraph()
        items = sorted(self._all_features.items(), key=lambda kv: str(kv[0].iri))
        for i, _ in items:
            g.add_node(i.iri)
        for n, (a, fa) in enumerate(items):
            for b, fb in items[n + 1:]:
                sc = self.score(fa, fb)
                if sc > 0:
                    g.add_edge(a.iri, b.iri, weight=sc)
        return g

    def communities(self, resolution: float = 1.0, min_size: int = 2,
                    view: str | nx.Graph | None = None) -> Results[Community]:
        """Greedy modularity communities (edge attribute 'weight' where there is one) of the
        similarity graph, or of a chosen view: a view by name or a networkx graph of IRIs (a
        projection, a subgraph). Nodes without links are left out."""
        nx = _nx()
        from .keys import iri_key

        g = nx.Graph(self.chosen(view)) if view is not None else self.similarity_graph()
        g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
        groups = nx.algorithms.community.greedy_modularity_communities(g, weight="weight",
                                                                      resolution=resolution)
        feats = self._all_features
        out = []
        ordered = sorted((sorted(c, key=str) for c in groups if len(c) >= min_size),
                         key=lambda c: (-len(c), str(c[0])))
        for number, members in enumerate(ordered, 1):
            ents = self.catalog.entities((iri_key(m) for m in members), Entity)
            counts = Counter(f for m in ents if isinstance(m, Intervention) for f in feats[m])
            shared = tuple(sorted(((f, c) for f, c in counts.items() if c >= 2),
                                  key=lambda fc: (-fc[1] * fc[0].weight, fc[0].kind, fc[0].label))[:5])
            out.append(Community(number, ents, shared))
        return Results(out, "gemeenschappen" if self.lang == "nl" else "communities")


__all__ = ["Centrality", "Community", "Fact", "Feature", "Network", "Path",
           "Similarity", "Step", "LifeDomain", "target_words", "view_key"]
