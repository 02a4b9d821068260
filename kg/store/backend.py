"""Backends: where the triples live and who evaluates SPARQL.

Every backend answers SELECT/ASK/CONSTRUCT text over the union of the named graphs and
reports what it holds. rdflib (in memory) is the reference; others must give equal answers.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from typing import Any, Protocol

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from ..query.results import ResultTable
from .cache import gc_paused


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


def value_rows(backend: Backend, query: str) -> Iterator[tuple[str | None, ...]]:
    """A SELECT's rows as the plain text of each value (an IRI's IRI, a literal's lexical form;
    None where unbound), for code that reads 10^5-10^6 rows and needs nothing else: the oxigraph
    backend hands them out without making an rdflib term and a result cell for each."""
    plain = getattr(backend, "select_values", None)
    if callable(plain):
        yield from plain(query)
        return
    for row in backend.select(query):
        yield tuple(None if c.term is None else str(c.term) for c in row.cells)


class RdflibBackend:
    """rdflib Dataset in memory, default graph = union of the named graphs."""

    name = "rdflib"

    def __init__(self, ds: Dataset) -> None:
        self._ds = ds
        self._prepared: OrderedDict[str, Any] = OrderedDict()

    def _query(self, query: str) -> Any:
        """rdflib parses and translates the text on every call, 30-60 ms for a named query, often
        more than evaluating it; the algebra of a text never changes, so the last 128 are kept."""
        prepared = self._prepared.get(query)
        if prepared is None:
            from pyparsing import ParseException
            from rdflib.plugins.sparql.algebra import translateQuery
            from rdflib.plugins.sparql.parser import parseQuery

            from ..query.prefixes import PREFIXES
            from ..query.syntax import from_rdflib
            from .rdflib_fixes import patch_distinct_aggregates

            patch_distinct_aggregates()
            try:
                # the same predefined prefixes as every backend (not whatever the files bound)
                prepared = translateQuery(parseQuery(query), None, PREFIXES)
            except ParseException as exc:
                raise from_rdflib(query, exc) from None
            except Exception as exc:
                if "Unknown namespace prefix" not in str(exc):
                    raise
                raise from_rdflib(query, exc) from None
            self._prepared[query] = prepared
            if len(self._prepared) > 128:
                self._prepared.popitem(last=False)
        else:
            self._prepared.move_to_end(query)
        return self._ds.query(prepared)

    def select(self, query: str) -> ResultTable:
        res = self._query(query)
        cols = [str(v) for v in (res.vars or [])]
        rows: list[list[Node | None]] = [list(r) for r in res]
        with gc_paused():  # evaluated above (rdflib's own objects may hold cycles); the table has none
            return ResultTable.from_rows(cols, rows)

    def construct(self, query: str) -> Graph:
        res = self._query(query)
        g = Graph()
        for t in res:
            g.add(t)
        return g

    def ask(self, query: str) -> bool:
        return bool(self._query(query).askAnswer)

    def graphs(self) -> dict[URIRef, int]:
        out = {}
        for g in self._ds.graphs():
            if isinstance(g.identifier, URIRef) and len(g) and str(g.identifier) != "urn:x-rdflib:default":
                out[g.identifier] = len(g)
        return dict(sorted(out.items()))

    def dataset(self) -> Dataset:
        return self._ds
