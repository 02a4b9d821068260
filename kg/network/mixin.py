"""The network methods of KnowledgeGraph (to_networkx, path, similar, central, communities).

Kept apart from kg.network.analyses, which they import when first called, so that `import kg` and a
command-line query do not pay for the network code (networkx itself is imported later still).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import URIRef

    from ..model.catalog import Catalog as _Catalog
    from ..model.entities import Entity, Results
    from .analyses import Centrality, Community, Network, Path, Similarity


class NetworkMixin:
    """kg.to_networkx, kg.projection, kg.path, kg.paths, kg.similar, kg.central, kg.communities."""

    if TYPE_CHECKING:
        lang: str

        @property
        def catalog(self) -> _Catalog: ...

    @cached_property
    def network(self) -> Network:
        """The network views and analyses of this graph (built on first use, then kept)."""
        from .analyses import Network

        return Network(self.catalog)

    def to_networkx(self, view: str = "full") -> nx.DiGraph | nx.MultiDiGraph:
        """The graph for networkx: view='full' gives every link between resources as a
        MultiDiGraph (node attributes iri, label, label_nl, label_en, class, kind; edge
        attributes predicate, label, graphs, sources = the documents stating it).
        'intervention-theory', 'intervention-domain' and 'intervention-source' (or
        'interventie-theorie', 'interventie-leefgebied', 'interventie-bron') give a bipartite
        DiGraph intervention → theory / life domain / source. A new graph on every call.
        Nodes are IRIs as rdflib URIRef, the type of every `.iri`; the IRI as str or the
        domain object finds them too (kg.network.keys).

        >>> import kg
        >>> graph = kg.load()
        >>> g = graph.to_networkx("intervention-theory")
        >>> krachtwerk = graph.get("Krachtwerk")
        >>> sorted(g.nodes[t]["label"] for t in g.successors(krachtwerk.iri))
        ['Krachtmodel', 'Sociale kwaliteit']
        >>> g.edges[krachtwerk, "https://w3id.org/armoede-kg/id/theorie/krachtmodel"]["source_labels"]
        ('De Vet, Scholten & Wolf (2021)', 'Scholten, Jonker, De Vet & Wolf (Sociaal Bestek)')
        """
        return self.network.view(view)

    def projection(self, view: str, side: str = "intervention") -> nx.Graph:
        """One side of a bipartite view, linked by what they share (see Network.projection)."""
        return self.network.projection(view, side)

    def path(self, a: str | URIRef | Entity, b: str | URIRef | Entity, max_length: int = 6,
             exclude: str | Iterable[str] = ()) -> Path | None:
        """The cheapest route from a to b (None when they are not connected within
        max_length steps). Provenance plumbing (mentions), concept schemes and ontology terms
        are left out; a step through a document claim (statement) costs 1.5, others 1.
        exclude: kinds no route may pass through, Dutch or English (e.g. "statement" leaves
        out the sentences of the documents, such as knowledge gaps).

        >>> import kg
        >>> print(kg.load().path("De Geweldige Wijk", "Mullainathan & Shafir (2013)").explain())
        De Geweldige Wijk → onderbouwd met → Mullainathan & Shafir (2013)
          1. De Geweldige Wijk → onderbouwd met → Mullainathan & Shafir (2013) — volgens De Vet, Scholten & Wolf (2021)
        """
        found = self.network.paths(a, b, max_length=max_length, limit=1, exclude=exclude)
        return found[0] if found else None

    def paths(self, a: str | URIRef | Entity, b: str | URIRef | Entity, max_length: int = 3,
              limit: int = 10, exclude: str | Iterable[str] = ()) -> Results[Path]:
        """Up to `limit` routes from a to b of at most max_length steps, cheapest first;
        exclude: kinds no route may pass through (see path())."""
        return self.network.paths(a, b, max_length=max_length, limit=limit, exclude=exclude)

    def similar(self, intervention: str | URIRef | Entity, k: int = 5) -> Results[Similarity]:
        """The k interventions most like this one, by weighted Jaccard similarity over what
        they have: theories (weight 3), principles (2), life domains (2; concepts the
        crosswalk matches count as one, and a part counts as its whole too) and the words
        of their target groups (1). score = weight shared / weight of everything either has.

        >>> import kg
        >>> top = kg.load().similar("Budgetcursus", k=3)
        >>> [f.text() for f in top[0].shared][:1]
        ['leefgebied Financiële situatie']
        """
        return self.network.similar(intervention, k)

    def central(self, kind: str | None = None, measure: str = "degree", k: int = 10,
                role: str | None = None, view: str | nx.Graph | None = None) -> Results[Centrality]:
        """The most connecting theories, life domains, sources, principles … (kind, Dutch or
        English). measure='degree': how many interventions are linked to it, directly or
        through their role (theories by ak:basedOn, domains by ak:lifeDomain/ak:targets,
        sources by ak:describedIn/dcterms:source, principles by ak:hasPrinciple, instruments
        by ak:usesInstrument, other kinds by any link); 'betweenness': the share of cheapest
        routes between two interventions that pass through it. role limits the interventions counted
        (e.g. 'integraal'). kind None: theories.

        view: run on a chosen graph instead: a view name ('intervention-theory', …) or a
        networkx graph of IRIs (a projection, a subgraph). Degree is then the number of
        neighbours there, betweenness networkx's (unweighted, normalised); kind None means
        every node; the interventions listed are its neighbours.

        >>> import kg
        >>> top = kg.load().central("theory", role="integral")
        >>> [i.label for i in top.to_list()[0].interventions][:1] != []
        True
        """
        return self.network.central(kind, measure, k, role, view)

    def communities(self, resolution: float = 1.0, min_size: int = 2,
                    view: str | nx.Graph | None = None) -> Results[Community]:
        """Groups of interventions that share underpinnings: greedy modularity communities
        (networkx) of the similarity graph (see similar()); interventions that share nothing
        with any other are left out. view: group a chosen graph instead, a view name or a
        networkx graph of IRIs, e.g. projection("intervention-theory") or a subgraph.

        >>> import kg
        >>> graph = kg.load()
        >>> by_theory = graph.communities(view=graph.projection("intervention-theory"))
        >>> sorted(m.label for m in by_theory[0].members)
        ['Kansrijk Oost', 'Vrijbaan']
        """
        return self.network.communities(resolution, min_size, view)
