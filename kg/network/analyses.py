"""The graph as a network (networkx): views, paths, similarity, centrality, communities.

RDF answers "what is stated"; these functions answer "how do things hang together". Every
answer names the documents behind it: each link carries the named graph(s) that state it.

networkx is imported inside the functions, so that `import kg` stays fast.

>>> import kg
>>> graph = kg.load()
>>> route = graph.paths("De Geweldige Wijk", "Mullainathan & Shafir (2013)", max_length=2)
>>> print(route[0])
De Geweldige Wijk → beschreven in → Mullainathan & Shafir (2013)
>>> print(route[1])
De Geweldige Wijk → gebaseerd op → Theorie van schaarste → beschreven in → Mullainathan & Shafir (2013)
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS
from rdflib.term import Literal, Node

from ..errors import KgError, KgValueError, QueryError
from ..model.entities import (
    FOAF_HOMEPAGE,
    Catalog,
    Entity,
    GraphIndex,
    Intervention,
    LifeDomain,
    Results,
    kind_key,
    kind_label,
    role_key,
)
from ..query.resolve import normalise
from ..terms import AK

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
    "bron": frozenset({AK.describedIn, DCTERMS.source}),
    "document": frozenset({AK.describedIn, DCTERMS.source}),
}

VIEWS = {
    "full": "full", "volledig": "full",
    "intervention-theory": "intervention-theory", "interventie-theorie": "intervention-theory",
    "intervention-domain": "intervention-domain", "interventie-leefgebied": "intervention-domain",
    "intervention-source": "intervention-source", "interventie-bron": "intervention-source",
}


def view_key(view: str) -> str:
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
        from ..model.entities import MissingDependencyError

        raise MissingDependencyError("netwerkanalyse heeft networkx nodig: pip install networkx",
                                     en="network analysis needs networkx: pip install networkx") from None
    return networkx


# -- records -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Fact:
    """One link of the graph with the named graphs (documents) that state it."""

    subject: Node
    predicate: URIRef
    object: Node
    label: str
    graphs: tuple[URIRef, ...]
    documents: tuple[URIRef, ...]


@dataclass(frozen=True)
class Step:
    """One step of a path: from one node to the next over a fact, forwards or backwards."""

    start: Entity
    end: Entity
    fact: Fact
    forward: bool
    documents: tuple[str, ...]

    @property
    def relation(self) -> str:
        return self.fact.label

    def text(self) -> str:
        arrow = f" → {self.relation} → " if self.forward else f" ← {self.relation} ← "
        return f"{self.start.label}{arrow}{self.end.label}"

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.start.label, "from_iri": str(self.start.iri), "relation": self.relation,
                "predicate": str(self.fact.predicate), "direction": "→" if self.forward else "←",
                "to": self.end.label, "to_iri": str(self.end.iri), "documents": list(self.documents),
                "graphs": [str(g) for g in self.fact.graphs]}


@dataclass(frozen=True)
class Path:
    """How two things are connected: a chain of steps, each with the documents stating it."""

    steps: tuple[Step, ...]
    cost: float
    # other routes of the same shape through a different document claim ("… and 4 other
    # statements about both"): counted, not listed, so that the list stays readable
    alternatives: int = 0

    @property
    def nodes(self) -> tuple[Entity, ...]:
        return (self.steps[0].start, *(s.end for s in self.steps)) if self.steps else ()

    @property
    def length(self) -> int:
        return len(self.steps)

    @property
    def label(self) -> str:
        return self.text()

    def text(self) -> str:
        """The chain in one line: 'A → gebaseerd op → B ← … ← C'."""
        if not self.steps:
            return ""
        out = self.steps[0].start.label
        for s in self.steps:
            out += (f" → {s.relation} → " if s.forward else f" ← {s.relation} ← ") + s.end.label
        return out

    def explain(self, lang: str = "nl") -> str:
        """The chain, then each step with the documents that state it."""
        says = "volgens" if lang == "nl" else "according to"
        lines = [self.text()]
        if self.alternatives:
            lines.append(f"  (en {self.alternatives} andere route(s) van dezelfde vorm via een andere uitspraak)"
                         if lang == "nl" else
                         f"  (and {self.alternatives} other route(s) of the same shape through another statement)")
        for i, s in enumerate(self.steps, 1):
            lines.append(f"  {i}. {s.text()} — {says} {'; '.join(s.documents) or '?'}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return f"Path({self.text()!r})"

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.text(), "length": self.length, "cost": self.cost,
                "alternatives": self.alternatives,
                "nodes": [n.label for n in self.nodes], "steps": [s.to_dict() for s in self.steps]}


@dataclass(frozen=True)
class Feature:
    """Something an intervention has that another may share: a theory, a life domain (after
    the crosswalk), a principle, or a word of its target group."""

    kind: str  # theorie, leefgebied, principe, doelgroep
    key: str
    label: str
    weight: float
    lang: str = field(default="nl", compare=False)

    def text(self) -> str:
        return f"{kind_label(self.kind, self.lang)} {self.label}"


FEATURE_WEIGHTS = {"theorie": 3.0, "principe": 2.0, "leefgebied": 2.0, "doelgroep": 1.0}


@dataclass(frozen=True)
class Similarity:
    """An intervention like another one, the score and what they share."""

    intervention: Intervention
    score: float
    shared: tuple[Feature, ...]

    @property
    def label(self) -> str:
        return self.intervention.label

    def __str__(self) -> str:
        return f"{self.label} ({self.score:.2f}): {', '.join(f.text() for f in self.shared)}"

    def __repr__(self) -> str:
        return f"Similarity({self.label!r}, {self.score:.3f})"

    def to_dict(self) -> dict[str, Any]:
        return {"iri": str(self.intervention.iri), "label": self.label, "score": round(self.score, 4),
                "shared": [f.text() for f in self.shared]}


@dataclass(frozen=True)
class Centrality:
    """How connecting one theory, domain, source … is, and the interventions it connects."""

    entity: Entity
    measure: str
    score: float
    interventions: tuple[Intervention, ...]

    @property
    def label(self) -> str:
        return self.entity.label

    def __str__(self) -> str:
        if self.measure == "degree":
            return f"{self.label}: {self.score:g}"
        return f"{self.label}: {self.score:.3f}"

    def __repr__(self) -> str:
        return f"Centrality({self.label!r}, {self.measure}={self.score:g})"

    def to_dict(self) -> dict[str, Any]:
        return {"iri": str(self.entity.iri), "label": self.label, "kind": self.entity.kind,
                "measure": self.measure, "score": round(self.score, 4),
                "interventions": [i.label for i in self.interventions]}


@dataclass(frozen=True)
class Community:
    """A group of interventions that share underpinnings, and what they share most."""

    number: int
    members: tuple[Intervention, ...]
    shared: tuple[tuple[Feature, int], ...]

    @property
    def label(self) -> str:
        top = self.shared[0][0].text() if self.shared else ""
        return f"{self.number}: {top}"

    def __repr__(self) -> str:
        return f"Community({self.number}, {len(self.members)} members)"

    def to_dict(self) -> dict[str, Any]:
        return {"group": self.number, "size": len(self.members),
                "members": [m.label for m in self.members],
                "shared": [f"{f.text()} ({n})" for f, n in self.shared]}


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


class Network:
    """Network views and analyses over one graph's index; built lazily, kept per graph."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.index: GraphIndex = catalog.index
        self.lang = catalog.lang

    # -- facts ----------------------------------------------------------------------------
    def fact(self, s: Node, p: URIRef, o: Node) -> Fact:
        graphs = tuple(sorted(self.index.graphs(s, p, o)))
        return Fact(s, p, o, self.index.predicate_label(p, self.lang), graphs, self.index.documents(graphs))

    def document_labels(self, facts: Iterable[Fact]) -> tuple[str, ...]:
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
        for s, preds in idx.out.items():
            if not self._in_network(s):
                continue
            for p, objs in preds.items():
                if p in SKIPPED_PREDICATES:
                    continue
                for o in objs:
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
            raise KgError(f"'{label}' heeft geen verbindingen in het netwerk "
                          f"(vermeldingen, schema's en ontologietermen tellen niet mee)",
                          en=f"'{label}' has no connections in the network "
                             "(mentions, schemes and ontology terms do not count)")
        return iri

    # -- networkx views -------------------------------------------------------------------
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
        the node attribute 'class'. Node ids are IRIs as str; edge keys are predicate IRIs."""
        nx = _nx()
        g = nx.MultiDiGraph(view="full", lang=self.lang)
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
                        if str(n) not in g:
                            g.add_node(str(n), **self._node_attrs(n))
                    g.add_edge(str(s), str(o), key=str(p), **self._fact_attrs(self.fact(s, p, o)))
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
                for p in (AK.describedIn, DCTERMS.source):
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
        too). Bipartite nodes carry bipartite=0 (interventions) or 1."""
        key = view_key(view)
        if key == "full":
            return self.full()
        nx = _nx()
        g = nx.DiGraph(view=key, lang=self.lang)
        for (i, other), hows in sorted(self._links(key).items()):
            for n, side in ((i, 0), (other, 1)):
                if str(n) not in g:
                    g.add_node(str(n), bipartite=side, **self._node_attrs(n))
            facts = [f for _, fs in hows for f in fs]
            g.add_edge(str(i), str(other), via=tuple(sorted({h for h, _ in hows})),
                       label=hows[0][0], graphs=tuple(sorted({str(x) for f in facts for x in f.graphs})),
                       sources=tuple(sorted({str(d) for f in facts for d in f.documents})),
                       source_labels=self.document_labels(facts))
        return g

    def projection(self, view: str, side: str = "intervention") -> nx.Graph:
        """The one-mode projection of a bipartite view: interventions linked when they share
        a theory / domain / source (side='intervention'), or theories, domains, sources linked
        when an intervention has both (side='other'). Edge weight = number shared; 'shared'
        lists their labels."""
        nx = _nx()
        b = self.view(view)
        if view_key(view) == "full":
            raise KgValueError("een projectie bestaat alleen voor de bipartiete weergaven",
                             en="a projection exists only for the bipartite views")
        want = 0 if side in ("intervention", "interventie") else 1
        nodes = [n for n, d in b.nodes(data=True) if d["bipartite"] == want]
        g = nx.Graph(view=f"{view_key(view)}-projection", side=side)
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

    # -- paths ----------------------------------------------------------------------------
    def paths(self, a: str | URIRef | Entity, b: str | URIRef | Entity, max_length: int = 3,
              limit: int = 10) -> Results[Path]:
        """Up to `limit` routes from a to b of at most max_length steps, cheapest first."""
        nx = _nx()
        if max_length < 1:
            raise KgValueError("de maximale padlengte moet minstens 1 zijn",
                             en="the maximum path length must be at least 1")
        s, t = self._node(a), self._node(b)
        title = "paden" if self.lang == "nl" else "paths"
        if s == t:
            return Results([], title)
        g = self.semantic
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

    def central(self, kind: str, measure: str = "degree", k: int = 10,
                role: str | None = None) -> Results[Centrality]:
        nx = _nx()
        want = kind_key(kind)
        measure = {"graad": "degree", "tussenligging": "betweenness"}.get(measure, measure)
        if measure not in ("degree", "betweenness"):
            raise KgValueError(f"onbekende maat '{measure}' (kies degree/graad of betweenness/tussenligging)",
                             en=f"unknown measure '{measure}' (choose degree/graad or betweenness/tussenligging)")
        idx = self.index
        kinds = {want, "document"} if want == "bron" else {want}
        nodes = [n for n in self.semantic if idx.kind(n) in kinds]
        if not nodes:
            raise QueryError(f"geen knooppunten van soort '{kind}' in het netwerk",
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
        nx = _nx()
        g = nx.Graph()
        items = sorted(self._all_features.items(), key=lambda kv: str(kv[0].iri))
        for i, _ in items:
            g.add_node(i.iri)
        for n, (a, fa) in enumerate(items):
            for b, fb in items[n + 1:]:
                sc = self.score(fa, fb)
                if sc > 0:
                    g.add_edge(a.iri, b.iri, weight=sc)
        return g

    def communities(self, resolution: float = 1.0, min_size: int = 2) -> Results[Community]:
        nx = _nx()
        g = self.similarity_graph()
        g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
        groups = nx.algorithms.community.greedy_modularity_communities(g, weight="weight",
                                                                      resolution=resolution)
        feats = self._all_features
        out = []
        ordered = sorted((sorted(c, key=str) for c in groups if len(c) >= min_size),
                         key=lambda c: (-len(c), str(c[0])))
        for number, members in enumerate(ordered, 1):
            ents = self.catalog.entities(members, Intervention)
            counts = Counter(f for m in ents for f in feats[m])
            shared = tuple(sorted(((f, c) for f, c in counts.items() if c >= 2),
                                  key=lambda fc: (-fc[1] * fc[0].weight, fc[0].kind, fc[0].label))[:5])
            out.append(Community(number, ents, shared))
        return Results(out, "gemeenschappen" if self.lang == "nl" else "communities")


__all__ = ["Centrality", "Community", "Fact", "Feature", "Network", "Path",
           "Similarity", "Step", "LifeDomain", "target_words", "view_key"]
