"""Backends: where the triples live and who evaluates SPARQL.

Every backend answers SELECT/ASK/CONSTRUCT text over the union of the named graphs and
reports what it holds. rdflib (in memory) is the reference; others must give equal answers.
"""

from __future__ import annotations

from typing import Protocol

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from .results import ResultTable


class Backend(Protocol):
    """The small interface the rest of kg talks to."""

    name: str

    def select(self, query: str) -> ResultTable: ...

    def construct(self, query: str) -> Graph: ...

    def ask(self, query: str) -> bool: ...

    def graphs(self) -> dict[URIRef, int]:
        """Named graph IRI → number of triples."""
        ...

    def dataset(self) -> Dataset:
        """All quads as an rdflib Dataset (for validation, export, networkx)."""
        ...


class RdflibBackend:
    """rdflib Dataset in memory, default graph = union of the named graphs."""

    name = "rdflib"

    def __init__(self, ds: Dataset) -> None:
        self._ds = ds

    def select(self, query: str) -> ResultTable:
        res = self._ds.query(query)
        cols = [str(v) for v in (res.vars or [])]
        rows: list[list[Node | None]] = [list(r) for r in res]  # type: ignore[arg-type]
        return ResultTable.from_rows(cols, rows)

    def construct(self, query: str) -> Graph:
        res = self._ds.query(query)
        g = Graph()
        for t in res:
            g.add(t)  # type: ignore[arg-type]
        return g

    def ask(self, query: str) -> bool:
        return bool(self._ds.query(query).askAnswer)

    def graphs(self) -> dict[URIRef, int]:
        out = {}
        for g in self._ds.graphs():
            if isinstance(g.identifier, URIRef) and len(g) and str(g.identifier) != "urn:x-rdflib:default":
                out[g.identifier] = len(g)
        return dict(sorted(out.items()))

    def dataset(self) -> Dataset:
        return self._ds
