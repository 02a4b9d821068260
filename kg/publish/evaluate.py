"""One read-only query evaluated inside a query worker, with a result-size limit: by pyoxigraph
(the default, W3C semantics) or by rdflib (`--backend rdflib`, the known divergences listed in
docs/publish.md).

Both stop pulling results at max_rows + 1, so an overly broad query is refused before it fills
the memory, and both give rdflib terms, so the renderers cannot tell the engines apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib.term import Node

from ..errors import QueryError
from ..query.guard import check_query

Triple = tuple[Node, Node, Node]


class ResultTooLargeError(QueryError):
    """A query answered more rows than the endpoint hands out."""


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset a request names by the protocol's default-graph-uri / named-graph-uri
    (SPARQL 1.1 Protocol §2.1.4); a request without either uses the endpoint's own."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class QueryOutcome:
    """What a query produced: rows for SELECT, a boolean for ASK, triples otherwise."""

    form: str
    columns: tuple[str, ...] = ()
    rows: list[list[Node | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Triple] = field(default_factory=list)


def too_many(limit: int, what: str) -> str:
    return f"resultaat te groot: meer dan {limit} {what}; beperk de query met LIMIT of een filter"


def evaluate_rdflib(ds: Any, text: str, max_rows: int) -> QueryOutcome:
    """Run one read-only query on an rdflib Dataset (default graph: the union of the named graphs)."""
    form = check_query(text)
    res = ds.query(text)
    if form == "ask":
        return QueryOutcome(form, boolean=bool(res.askAnswer))
    if form in ("construct", "describe"):
        return QueryOutcome(form, triples=_at_most(res, max_rows, "triples"))
    columns = tuple(str(v) for v in (res.vars or []))
    return QueryOutcome(form, columns=columns, rows=[list(r) for r in _at_most(res, max_rows, "rijen")])


def evaluate_oxigraph(store: Any, convert: Any, text: str, max_rows: int, prefixes: dict[str, str],
                      dataset: Dataset | None = None) -> QueryOutcome:
    """Run one read-only query on a pyoxigraph Store whose default graph is the union of its
    named graphs; `dataset` replaces that by the graphs a request names."""
    import pyoxigraph as ox

    form = check_query(text)  # UPDATE, SERVICE, FROM refused before the engine sees the text
    options: dict[str, Any] = {"prefixes": prefixes}
    if dataset is not None:
        # named graphs only: the default graph is empty (SPARQL 1.1 Query §13.2)
        options["default_graph"] = [ox.NamedNode(g) for g in dataset.default_graphs]
        options["named_graphs"] = [ox.NamedNode(g) for g in dataset.named_graphs]
    try:
        res = store.query(text, **options)
    except SyntaxError as exc:
        raise QueryError(f"ongeldige SPARQL: {' '.join(str(exc.msg).split())[:200]}") from None
    if isinstance(res, ox.QueryBoolean):
        return QueryOutcome(form, boolean=bool(res))
    if isinstance(res, ox.QueryTriples):
        triples = [(convert(t.subject), convert(t.predicate), convert(t.object))
                   for t in _at_most(res, max_rows, "triples")]
        return QueryOutcome(form, triples=triples)
    columns = tuple(v.value for v in res.variables)
    rows = [[None if t is None else convert(t) for t in sol] for sol in _at_most(res, max_rows, "rijen")]
    return QueryOutcome(form, columns=columns, rows=rows)


def _at_most(results: Any, limit: int, what: str) -> list[Any]:
    out = []
    for item in results:
        out.append(item)
        if len(out) > limit:
            raise ResultTooLargeError(too_many(limit, what))
    return out
