"""The answers of the network analyses: facts with their documents, steps and paths,
features, similarities, centralities and communities; each converts to plain values."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rdflib import URIRef
from rdflib.term import Node

from ..model.entities import (
    Entity,
    Intervention,
    kind_label,
)

if TYPE_CHECKING:
    pass


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
        """The name of the relation of this step (its predicate's label)."""
        return self.fact.label

    def text(self) -> str:
        """The step in one line: 'A → relation → B', or with ← where the graph states it backwards."""
        arrow = f" → {self.relation} → " if self.forward else f" ← {self.relation} ← "
        return f"{self.start.label}{arrow}{self.end.label}"

    def to_dict(self) -> dict[str, Any]:
        """Plain values: both ends (label and IRI), relation, predicate, direction, documents,
        graphs."""
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
        """The objects along the route, from start to end."""
        return (self.steps[0].start, *(s.end for s in self.steps)) if self.steps else ()

    @property
    def length(self) -> int:
        """The number of steps."""
        return len(self.steps)

    @property
    def label(self) -> str:
        """The chain in one line (see text())."""
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
        """Plain values: the chain, length, cost, alternatives, node labels and each step."""
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
        """The feature in words: its kind and label ('theorie Empowerment')."""
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
        """The label of the similar intervention."""
        return self.intervention.label

    def __str__(self) -> str:
        return f"{self.label} ({self.score:.2f}): {', '.join(f.text() for f in self.shared)}"

    def __repr__(self) -> str:
        return f"Similarity({self.label!r}, {self.score:.3f})"

    def to_dict(self) -> dict[str, Any]:
        """Plain values: the intervention, the score and the shared features in words."""
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
        """The label of the central thing."""
        return self.entity.label

    def __str__(self) -> str:
        if self.measure == "degree":
            return f"{self.label}: {self.score:g}"
        return f"{self.label}: {self.score:.3f}"

    def __repr__(self) -> str:
        return f"Centrality({self.label!r}, {self.measure}={self.score:g})"

    def to_dict(self) -> dict[str, Any]:
        """Plain values: the thing, the measure and score, the interventions it connects."""
        return {"iri": str(self.entity.iri), "label": self.label, "kind": self.entity.kind,
                "measure": self.measure, "score": round(self.score, 4),
                "interventions": [i.label for i in self.interventions]}


@dataclass(frozen=True)
class Community:
    """A group of interventions that share underpinnings, and what they share most."""

    number: int
    members: tuple[Entity, ...]  # interventions, or what the chosen view groups
    shared: tuple[tuple[Feature, int], ...]

    @property
    def label(self) -> str:
        """'number: the feature its members share most'."""
        top = self.shared[0][0].text() if self.shared else ""
        return f"{self.number}: {top}"

    def __repr__(self) -> str:
        return f"Community({self.number}, {len(self.members)} members)"

    def to_dict(self) -> dict[str, Any]:
        """Plain values: group number, size, member labels, shared features with counts."""
        return {"group": self.number, "size": len(self.members),
                "members": [m.label for m in self.members],
                "shared": [f"{f.text()} ({n})" for f, n in self.shared]}
