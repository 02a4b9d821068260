"""The domain-object methods of KnowledgeGraph (get, interventions, theories, …).

Kept apart from kg.model.entities, which they import when first called: a command-line query that
never builds a domain object does not pay for importing the model classes.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from rdflib import URIRef

if TYPE_CHECKING:
    from ..query.resolve import LabelIndex
    from ..query.results import ResultTable
    from ..store.backend import Backend
    from .entities import Catalog, Complement, Entity, GraphIndex, Intervention, LifeDomain, Results, Source, Theory


class ModelMixin:
    """kg.get, kg.interventions, kg.theories, kg.sources, kg.life_domains,
    kg.complementing_boosters: domain objects instead of result rows."""

    if TYPE_CHECKING:
        backend: Backend
        lang: str

        @property
        def labels(self) -> LabelIndex: ...

        def resolve(self, label: str, kind: str | None = None) -> URIRef: ...

        def query(self, name: str, **params: Any) -> ResultTable: ...

    @cached_property
    def graph_index(self) -> GraphIndex:
        """Every quad of the graph in memory dictionaries (built on first use, then kept)."""
        from .index import GraphIndex

        return GraphIndex(self.backend.dataset())

    @cached_property
    def catalog(self) -> Catalog:
        """The factory of the domain objects over graph_index (built on first use, then kept)."""
        from .catalog import Catalog

        return Catalog(self.graph_index, self.lang, self.resolve, self.query)

    def get(self, thing: str | URIRef, kind: str | None = None) -> Entity:
        """The domain object for a label or IRI: an Intervention, Theory, LifeDomain, Source,
        Principle, or a plain Entity for anything else.

        >>> import kg
        >>> graph = kg.load()
        >>> graph.get("krachtwerk")
        Intervention('Krachtwerk')
        >>> graph.get("Krachtmodel", kind="theory").originator
        'Rapp & Goscha'
        """
        return self.catalog.get(thing, kind)

    def interventions(self, role: str | None = None, domain: str | URIRef | Entity | None = None,
                      theory: str | URIRef | Entity | None = None, level: str | None = None,
                      recognised: bool | None = None) -> Results[Intervention]:
        """Interventions, optionally only those with a role (integraal, versterker, samenhang,
        overzichtstabel, praktijkvoorbeeld, erkend, besproken — or in English: integral,
        booster, coherence, …), on a life domain (through the crosswalk), based on a theory,
        of level A/B/C, or (not) recognised. Filters combine with AND.

        >>> import kg
        >>> graph = kg.load()
        >>> graph.interventions(role="integral", level="A").labels()
        ['De Geweldige Wijk', 'Kansrijk Oost']
        >>> graph.interventions(theory="Krachtmodel").labels()
        ['Krachtwerk']
        >>> len(graph.interventions(role="versterker", domain="financiën"))
        9
        """
        return self.catalog.interventions(role, domain, theory, level, recognised)

    def theories(self) -> Results[Theory]:
        """All theories, models and frameworks, by label.

        >>> import kg
        >>> "Theorie van schaarste" in kg.load().theories().labels()
        True
        """
        from .entities import Results, Theory

        return Results(self.catalog.all_of(Theory, "theorie"),
                       "theorieën" if self.lang == "nl" else "theories")

    def life_domains(self, scheme: str | None = None) -> Results[LifeDomain]:
        """All life-domain concepts, or those of one scheme (by scheme label or IRI)."""
        from .entities import LifeDomain, Results

        items = self.catalog.all_of(LifeDomain, "leefgebied")
        if scheme is not None:
            want = URIRef(scheme) if scheme.startswith("http") else None
            items = tuple(d for d in items if d.scheme == want or (
                d.scheme_label is not None and d.scheme_label.casefold() == scheme.casefold()))
        return Results(items, "leefgebieden" if self.lang == "nl" else "life domains")

    def sources(self, about: str | URIRef | Entity | None = None) -> Results[Source]:
        """All sources, or the sources about one thing: what describes it, the sources cited
        for its research findings, recognitions, roles and theories, and the seed documents
        that mention it.

        >>> import kg
        >>> graph = kg.load()
        >>> "Mullainathan & Shafir (2013)" in graph.sources(about="De Geweldige Wijk").labels()
        True
        """
        from .entities import Results, Source

        title = "bronnen" if self.lang == "nl" else "sources"
        if about is None:
            src = self.catalog.all_of(Source, "bron") + self.catalog.all_of(Source, "document")
            return Results(sorted(src, key=lambda s: s.label.casefold()), title)
        return Results(self.catalog.sources_about(self.catalog.iri_of(about)), title)

    def complementing_boosters(self, intervention: str | URIRef | Entity,
                               domain: str | URIRef | Entity | None = None) -> Results[Complement]:
        """Versterkers whose life domain matches, through the crosswalk, a domain the
        intervention works on (the named query `versterkers`); with domain only that one.

        >>> import kg
        >>> boosters = kg.load().complementing_boosters("Krachtwerk", "financiën")
        >>> len(boosters), boosters[0]
        (9, Complement('8TING', 'Financiële situatie', 'nationaal'))
        """
        from .entities import Complement, Intervention, LifeDomain, Results

        cat = self.catalog
        params: dict[str, Any] = {"interventie": cat.iri_of(intervention, "interventie")}
        if domain is not None:
            params["leefgebied"] = cat.iri_of(domain, "leefgebied")
        out = []
        for row in self.query("versterkers", **params):
            b, d = row["versterker"].term, row["leefgebied"].term
            booster, dom = cat.entity(b), cat.entity(d)  # type: ignore[arg-type]
            if isinstance(booster, Intervention) and isinstance(dom, LifeDomain):
                out.append(Complement(booster, dom, str(row["reikwijdteLabel"])))
        return Results(out, "versterkers" if self.lang == "nl" else "boosters")
