"""Which documents state a link: the link attributes of the domain objects
(`Intervention.theories`, `.domains`, `Theory.interventions`, …) are `Links`, a tuple of the
linked objects as before, that also knows, for each of them, the documents stating the link.

>>> import kg
>>> krachtwerk = kg.load().get("Krachtwerk")
>>> [t.label for t in krachtwerk.theories]                  # a tuple of Theory, as before
['Krachtmodel', 'Sociale kwaliteit']
>>> [d.label for d in krachtwerk.theories.documents("Krachtmodel")]
['De Vet, Scholten & Wolf (2021)', 'Scholten, Jonker, De Vet & Wolf (Sociaal Bestek)']
>>> wijk = kg.load().get("De Geweldige Wijk")
>>> print(wijk.theories.links[0])
De Geweldige Wijk → gebaseerd op → Theorie van schaarste — volgens De Vet, Scholten & Wolf (2021)
>>> print(wijk.theories[0].interventions.link(wijk).text())     # read as the document states it
De Geweldige Wijk → gebaseerd op → Theorie van schaarste
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from rdflib import URIRef

from ..errors import KgLookupError

if TYPE_CHECKING:
    from .entities import Catalog, Entity, Results, Source

T = TypeVar("T", bound="Entity")


@dataclass(frozen=True, eq=False)
class Link(Generic[T]):
    """One link of an object to another as the graph states it: the relation, the direction
    it is stated in, the named graphs that state it and the documents behind those graphs."""

    subject: Entity
    predicate: URIRef
    relation: str
    target: T
    forward: bool  # True: "subject relation target"; False: "target relation subject"
    graphs: tuple[URIRef, ...]
    _catalog: Catalog = field(repr=False)

    @property
    def label(self) -> str:
        """The label of the linked object."""
        return self.target.label

    @property
    def documents(self) -> tuple[Source, ...]:
        """The source documents that state the link (the crosswalk and the schemes, which
        no document states, give none: see `graphs`)."""
        from .entities import Source

        return self._catalog.entities(self._catalog.index.documents(self.graphs), Source)

    def text(self) -> str:
        """The link in the direction it is stated: 'A → gebaseerd op → B'."""
        if self.forward:
            return f"{self.subject.label} → {self.relation} → {self.target.label}"
        return f"{self.target.label} → {self.relation} → {self.subject.label}"

    def __str__(self) -> str:
        says = "volgens" if self._catalog.lang == "nl" else "according to"
        docs = "; ".join(d.label for d in self.documents)
        return f"{self.text()} — {says} {docs}" if docs else self.text()

    def __repr__(self) -> str:
        return f"Link({self.text()!r}, documents={[d.label for d in self.documents]!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Link) and (self.subject, self.predicate, self.target, self.forward) == (
            other.subject, other.predicate, other.target, other.forward)

    def __hash__(self) -> int:
        return hash((self.subject, self.predicate, self.target, self.forward))

    def to_dict(self) -> dict[str, Any]:
        """Plain values: the linked object's label and IRI, the relation, the documents."""
        return {"from": self.subject.label, "relation": self.relation, "label": self.target.label,
                "iri": str(self.target.iri), "direction": "→" if self.forward else "←",
                "documents": [d.label for d in self.documents], "graphs": [str(g) for g in self.graphs]}


class Links(tuple[T, ...]):
    """The objects a link attribute leads to, by label (a tuple, as before), with the
    documents that state each link: `.documents(obj)` and `.links` (Results of Link)."""

    _links: tuple[Link[T], ...]

    def __new__(cls, links: Iterable[Link[T]]) -> Links[T]:
        ordered = tuple(links)
        made = super().__new__(cls, (lk.target for lk in ordered))
        made._links = ordered
        return made

    @property
    def links(self) -> Results[Link[T]]:
        """One Link per object, with its relation and documents (a Results: to_df(), to_csv())."""
        from .records import Results

        return Results(self._links, "verbanden" if not self._links or self._links[0]._catalog.lang == "nl"
                       else "links")

    def link(self, target: Entity | URIRef | str) -> Link[T]:
        """The Link to one of the objects: given as the object, its IRI or its label."""
        for lk in self._links:
            if _same(lk.target, target):
                return lk
        shown = getattr(target, "label", target)
        raise KgLookupError(f"'{shown}' zit niet bij deze verbanden", en=f"'{shown}' is not among these links")

    def documents(self, target: Entity | URIRef | str) -> tuple[Source, ...]:
        """The documents that state the link to target (the object, its IRI or its label)."""
        return self.link(target).documents


def _same(e: Entity, target: Entity | URIRef | str) -> bool:
    if isinstance(target, URIRef) or getattr(target, "iri", None) is not None:
        return e.iri == getattr(target, "iri", target)
    text = str(target).casefold()
    return text == str(e.iri).casefold() or text == e.label.casefold() or any(
        text == v.casefold() for v in e.labels.values())
