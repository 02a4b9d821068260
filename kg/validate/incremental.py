"""SHACL for what changed since the last validation of the same data folder (issue #12: after
an edit, at 100 000 interventions, the check must not make a person wait).

1. The record of the last validation (kg.validate.record) says which files, by content, were
   validated and what SHACL found.
2. The triples that changed: per changed file the old content (kept with the record) against
   the new; a triple that left a file but is still stated by another is no change.
3. The focus nodes a changed triple can concern, from the shapes' reach (kg.validate.reach):
   within L steps of its subject (predicate read forward at level L) or of its object (read
   backward).
4. Those focus nodes are validated, by the same engine, on the triples their shapes read (the
   same walk out to the shapes' depth); what SHACL found before about every other focus node
   still holds.

Whenever this cannot be sure — no record, a file's old content gone, blank nodes (each parse
names them afresh), a change to the class hierarchy, shapes whose reach has no bound, or a
change that concerns a large share of the graph — it says so (None) and the caller validates
everything. tests/test_validate_incremental.py holds the result to a full validation's on the
valid and invalid fixtures, for added, edited and removed files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.namespace import RDFS

from ..store.loader import DataFile
from ..store.oxigraph import import_pyoxigraph
from .reach import BACKWARD, FORWARD, Reach, reach_of
from .record import FileState, Record, read_blob
from .shacl import ShaclResult, shacl_results

MAX_SHARE = 0.2  # beyond this share of the graph's subjects concerned, validating all is as quick


@dataclass(frozen=True)
class Scope:
    """What an incremental validation looked at."""

    changed_files: list[str]
    focus_nodes: int
    triples: int  # handed to the engine


def incremental_shacl(store: Any, files: list[DataFile], states: list[FileState], record: Record,
                      shapes: Graph, engine: str, read: Callable[[Path], bytes] = Path.read_bytes
                      ) -> tuple[list[ShaclResult], Scope] | None:
    """The SHACL results for the data now in store (its default graph is the union of files),
    from record and a validation of what changed; None where only a full validation is safe."""
    ox = import_pyoxigraph()
    reach = reach_of(shapes)
    if not reach.bounded:
        return None
    before, now = record.by_path(), {s.path: s.sha256 for s in states}
    where = {str(f.path.resolve()): f.path for f in files}
    changed = sorted(p for p in set(before) | set(now) if before.get(p) != now.get(p))
    delta: set[Any] = set()
    for path in changed:
        old = _triples(ox, read_blob(before[path]), path) if path in before else set()
        new = _triples(ox, read(where[path]), path) if path in now else set()
        if old is None or new is None:
            return None
        # a triple the file no longer states is no change where another file states it too
        delta |= (new - old) | {t for t in old - new if ox.Quad(*t, ox.DefaultGraph()) not in store}
    if not delta:
        return record.results, Scope(changed, 0, 0)
    limit = max(1000, int(MAX_SHARE * _subjects(store)))
    focus = _concerned(ox, store, delta, reach, limit)
    if focus is None:
        return None
    revisited = {str(f.value) for f in focus}
    kept = [r for r in record.results if r.focus not in revisited]
    if not focus:
        return kept, Scope(changed, 0, 0)
    triples = _read_by_shapes(ox, store, focus, reach)
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    names = {str(f.value) for f in focus if isinstance(f, ox.NamedNode)}
    # all of the excerpt is validated and only the chosen focus nodes' results kept: the other
    # nodes in it lack triples their shapes would read. (pyshacl's own focus_nodes option also
    # filters the value nodes of sh:node and qualified shapes, and then finds what is not there.)
    fresh = [r for r in shacl_results(data, shapes, engine) if r.focus in names]
    return sorted(kept + fresh, key=ShaclResult.key), Scope(changed, len(names), len(triples))


def _triples(ox: Any, content: bytes | None, path: str) -> set[Any] | None:
    """The file's triples as (s, p, o) of pyoxigraph terms; None when unknown or when they
    hold blank nodes (another parse names them differently)."""
    if content is None:
        return None
    out = set()
    try:
        for q in ox.parse(content, format=ox.RdfFormat.TURTLE, base_iri=Path(path).resolve().as_uri()):
            if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
                return None
            out.add((q.subject, q.predicate, q.object))
    except (SyntaxError, ValueError):
        return None
    return out


def _subjects(store: Any) -> int:
    rows = store.query("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }")
    return int(next(iter(rows))[0].value)


def _concerned(ox: Any, store: Any, delta: Iterable[Any], reach: Reach, limit: int) -> set[Any] | None:
    """The focus nodes whose verdict a changed triple can alter; None past limit, or when the
    class hierarchy changed (it decides every target)."""
    subclass = ox.NamedNode(str(RDFS.subClassOf))
    out: set[Any] = {ox.NamedNode(str(n)) for n in reach.target_nodes}
    for s, p, o in delta:
        if p == subclass:
            return None
        pred = _rdflib_iri(p)
        for direction, node in ((FORWARD, s), (BACKWARD, o)):
            level = reach.level(pred, direction)
            if level is None or isinstance(node, ox.Literal):
                continue
            if not _ball(ox, store, node, level, out, limit):
                return None
    return out


def _ball(ox: Any, store: Any, start: Any, radius: int, into: set[Any], limit: int) -> bool:
    """Add the nodes within radius steps of start (either direction) to into; False past limit."""
    frontier = {start}
    into.add(start)
    for _ in range(radius):
        nxt = set()
        for node in frontier:
            for q in store.quads_for_pattern(node, None, None, ox.DefaultGraph()):
                if not isinstance(q.object, ox.Literal):
                    nxt.add(q.object)
            for q in store.quads_for_pattern(None, None, node, ox.DefaultGraph()):
                nxt.add(q.subject)
            if len(into) + len(nxt) > limit:
                return False
        frontier = nxt - into
        into |= nxt
    return len(into) <= limit


def _read_by_shapes(ox: Any, store: Any, focus: set[Any], reach: Reach) -> list[Any]:
    """Every triple the shapes can read from these focus nodes: each node's own triples, the
    triples pointing at it by a predicate read backward, out to the shapes' depth; and the
    class hierarchy (sh:class and targets read rdfs:subClassOf)."""
    out: dict[Any, None] = {}
    graph = ox.DefaultGraph()
    frontier, seen = set(focus), set(focus)
    for level in range(reach.depth + 1):
        backward = [ox.NamedNode(str(p)) for p in reach.backward_predicates(level)]
        nxt = set()
        for node in frontier:
            for q in store.quads_for_pattern(node, None, None, graph):
                out[q.triple] = None
                if not isinstance(q.object, ox.Literal):
                    nxt.add(q.object)
            for pred in backward:
                for q in store.quads_for_pattern(None, pred, node, graph):
                    out[q.triple] = None
                    nxt.add(q.subject)
        frontier = nxt - seen
        seen |= nxt
    for q in store.quads_for_pattern(None, ox.NamedNode(str(RDFS.subClassOf)), None, graph):
        out[q.triple] = None
    return list(out)


def _rdflib_iri(term: Any) -> Any:
    from rdflib import URIRef

    return URIRef(term.value)
