"""How far from its focus node each shape reads: the basis for validating only what changed.

Read from the shapes graph itself, so that a new shape is taken into account without
anyone updating a list. A shape applied to a node at *level* L (the focus is level 0) reads
that node's triples of its path's predicates, forward or (sh:inversePath) backward; the
values it reaches are at level L+1, where sh:class reads their rdf:type and sh:node,
sh:qualifiedValueShape and the logical constraints apply further shapes. A changed triple
(s p o) can then change the verdict of a focus node only within L steps of s (p read
forward at level L) or of o (p read backward), L the highest level at which p is read.

Shapes whose reach cannot be bounded (a path with sh:zeroOrMorePath and the like, sh:closed,
nesting past MAX_LEVEL) make `bounded` false: then only a full validation is safe.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

MAX_LEVEL = 6
FORWARD, BACKWARD = "forward", "backward"
_LOGICAL = (SH["and"], SH["or"], SH.xone)  # lists of shapes applied to the same node
_NESTED = (SH.node, SH["not"])  # one shape applied to the same node
_VALUE_SHAPES = (SH.qualifiedValueShape,)  # a shape applied to the values of a path
_SAME_NODE_PATHS = (SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals)
_UNBOUNDED_PATHS = (SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath)


@dataclass
class Reach:
    """Per predicate and direction, the highest level from the focus at which a shape reads it."""

    levels: dict[tuple[URIRef, str], int] = field(default_factory=dict)
    target_nodes: set[Node] = field(default_factory=set)
    bounded: bool = True

    @property
    def depth(self) -> int:
        return max(self.levels.values(), default=0)

    def level(self, predicate: URIRef, direction: str) -> int | None:
        """The highest level at which predicate is read in that direction, None if never."""
        return self.levels.get((predicate, direction))

    def backward_predicates(self, level: int) -> set[URIRef]:
        """Predicates read backward (from object to subject) at this level or a deeper one."""
        return {p for (p, d), lv in self.levels.items() if d == BACKWARD and lv >= level}

    def _read(self, predicate: URIRef, direction: str, level: int) -> None:
        key = (predicate, direction)
        self.levels[key] = max(level, self.levels.get(key, -1))


def reach_of(shapes: Graph) -> Reach:
    """The reach of every shape that has a target (and of what they apply in turn)."""
    reach = Reach()
    seen: set[tuple[Node, int]] = set()
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    for prop in targets:
        for shape, value in shapes.subject_objects(prop):
            if prop == SH.targetClass or prop == SH.targetSubjectsOf:
                reach._read(RDF.type if prop == SH.targetClass else URIRef(str(value)), FORWARD, 0)
            elif prop == SH.targetObjectsOf:
                reach._read(URIRef(str(value)), BACKWARD, 0)
            else:
                reach.target_nodes.add(value)
            _walk(shapes, shape, 0, reach, seen)
    return reach


def _walk(shapes: Graph, shape: Node, level: int, reach: Reach, seen: set[tuple[Node, int]]) -> None:
    if (shape, level) in seen:
        return
    seen.add((shape, level))
    if level > MAX_LEVEL or (shape, SH.closed, None) in shapes:
        reach.bounded = False
        return
    path = shapes.value(shape, SH.path)
    if path is None:  # a node shape: its constraints are about this node itself
        if (shape, SH["class"], None) in shapes:
            reach._read(RDF.type, FORWARD, level)
        for prop in shapes.objects(shape, SH.property):
            _walk(shapes, prop, level, reach, seen)
        _apply(shapes, shape, level, reach, seen)
        return
    steps = _path_steps(shapes, path)
    if steps is None:
        reach.bounded = False
        return
    for i, step in enumerate(steps):
        for pred, direction in step:
            reach._read(pred, direction, level + i)
    values = level + len(steps)
    for other in _SAME_NODE_PATHS:  # compare with another property of the same node
        for other_pred in shapes.objects(shape, other):
            reach._read(URIRef(str(other_pred)), FORWARD, level)
    if (shape, SH["class"], None) in shapes:
        reach._read(RDF.type, FORWARD, values)
    for prop in _VALUE_SHAPES:
        for nested in shapes.objects(shape, prop):
            _walk(shapes, nested, values, reach, seen)
    _apply(shapes, shape, values, reach, seen)


def _apply(shapes: Graph, shape: Node, level: int, reach: Reach, seen: set[tuple[Node, int]]) -> None:
    """sh:node, sh:not, sh:and, sh:or, sh:xone: further shapes applied to the node at level."""
    for prop in _NESTED:
        for nested in shapes.objects(shape, prop):
            _walk(shapes, nested, level, reach, seen)
    for prop in _LOGICAL:
        for head in shapes.objects(shape, prop):
            for member in Collection(shapes, head):
                _walk(shapes, member, level, reach, seen)


Step = list[tuple[URIRef, str]]  # the (predicate, direction) pairs one step of a path may take


def _path_steps(shapes: Graph, path: Node) -> list[Step] | None:
    """A path as its steps; None where its length is not fixed. The members of an
    alternative path (each one step long) are read at the same level."""
    if isinstance(path, URIRef):
        return [[(path, FORWARD)]]
    inverse = shapes.value(path, SH.inversePath)
    if isinstance(inverse, URIRef):
        return [[(inverse, BACKWARD)]]
    if any((path, p, None) in shapes for p in _UNBOUNDED_PATHS):
        return None
    alternative = shapes.value(path, SH.alternativePath)
    if alternative is not None:
        members = [_path_steps(shapes, m) for m in Collection(shapes, alternative)]
        if any(m is None or len(m) != 1 for m in members):
            return None
        return [[pair for m in members if m for pair in m[0]]]
    if (path, RDF.first, None) in shapes:  # a sequence path
        out: list[Step] = []
        for member in Collection(shapes, path):
            steps = _path_steps(shapes, member)
            if steps is None:
                return None
            out.extend(steps)
        return out
    return None

