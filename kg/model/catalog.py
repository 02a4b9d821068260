"""Catalog: makes the domain objects from the graph index, once per IRI, and answers the list
methods (interventions, sources about a thing, the crosswalk)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from rdflib import URIRef
from rdflib.namespace import DCTERMS, SKOS
from rdflib.term import Node

from ..terms import AK
from .entities import Entity, Intervention, LifeDomain, Principle, Recognition, Role, Source, Theory
from .index import FOAF_HOMEPAGE, Fact3, GraphIndex
from .kinds import ROLE_KINDS, checked_kind, kind_label, role_key
from .links import Link, Links
from .records import Results

if TYPE_CHECKING:
    from ..query.results import ResultTable

E = TypeVar("E", bound=Entity)


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

    def related(self, iri: URIRef, p: URIRef, cls: type[E], inverse: bool = False,
                both: bool = False) -> Links[E]:
        """The objects of class cls that iri links to by p (inverse: that link to iri; both:
        either way), each with the graphs stating the link."""
        found: dict[Node, list[Fact3]] = defaultdict(list)
        if not inverse or both:
            for o in self.index.objects(iri, p):
                found[o].append((iri, p, o))
        if inverse or both:
            for s in self.index.subjects(p, iri):
                found[s].append((s, p, iri))
        return self.linked(iri, found, cls, p)

    def linked(self, iri: URIRef, found: Mapping[Node, Sequence[Fact3]], cls: type[E],
               p: URIRef) -> Links[E]:
        """Links from iri to the objects of class cls in found, each stated by its facts (one
        triple, or a chain through a role): the relation and direction are those of the fact
        with predicate p (else of the first fact), the graphs those of all of them."""
        made: list[Link[E]] = []
        for target, facts in found.items():
            if not isinstance(target, URIRef) or target == iri:
                continue
            e = self.entity(target)
            if isinstance(e, cls):
                shown = next((f for f in facts if f[1] == p), facts[0]) if facts else (iri, p, target)
                graphs = tuple(sorted({g for f in facts for g in self.index.graphs(*f)}))
                made.append(Link(self.entity(iri), shown[1], self.index.predicate_label(shown[1], self.lang), e,
                                 shown[2] == target, graphs, self))
        made.sort(key=lambda lk: (lk.target.label.casefold(), str(lk.target.iri)))
        return Links(made)

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
        k = checked_kind(kind) if kind else None
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
            shown = self.index.label(iri, self.lang)
            raise WrongKindError(f"'{thing}' ({shown}) is geen {k}",
                                 en=f"'{thing}' ({shown}) is not a {kind_label(k, 'en')}")
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
        found: set[Node] = set(idx.objects(iri, DCTERMS.source))
        for p in (AK.describedIn, AK.underpinnedBy):
            found.update(idx.objects(iri, p))
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
        found: set[Node] = set(idx.subjects(AK.describedIn, iri)) | set(idx.subjects(AK.underpinnedBy, iri))
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
