"""pyoxigraph (Rust, in memory) as backend: the same answers as rdflib, orders of magnitude sooner.

Each data file is loaded into its own named graph (the names kg.store.loader gives them) and every
query sees the union of the named graphs as default graph, as the rdflib backend does.
Answers come back as rdflib terms, so that callers cannot tell the backends apart.
pyoxigraph is imported here only, so commands that never use this backend do not pay for it.

Why the union is copied into the store's default graph instead of querying with
``use_default_graph_as_union=True``: in pyoxigraph 0.5 that option yields a triple once *per
graph* that states it (oxigraph/oxigraph#1919, fixed after 0.5 by #1920), so a fact that two
documents state would be counted twice and non-DISTINCT queries would repeat rows. The RDF
merge of the named graphs, held as a real (set) default graph, is what rdflib answers over.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import DataFileError, KgError, QueryError
from ..query.named import without_literals
from ..query.prefixes import PREFIXES
from ..query.results import ResultTable
from ..query.syntax import from_oxigraph
from ..terms import trusted_iri
from .cache import gc_paused

if TYPE_CHECKING:
    import pyoxigraph

    from .loader import DataFile

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# A query that can see named graphs says GRAPH (or FROM NAMED) outside its strings, IRIs and
# comments; any other reads the default graph only.
_NAMED_GRAPH_KEYWORD = re.compile(r"(?<![?$:\w])(?:GRAPH|NAMED)\b(?!:)", re.IGNORECASE)


def reads_named_graphs(query: str) -> bool:
    return _NAMED_GRAPH_KEYWORD.search(without_literals(query)) is not None


def import_pyoxigraph() -> Any:
    """pyoxigraph, or a one-line error saying how to get it."""
    try:
        import pyoxigraph
    except ImportError:
        raise KgError("de oxigraph-backend heeft pyoxigraph nodig: pip install 'armoede-kg[snel]'",
                      en="the oxigraph backend needs pyoxigraph: pip install 'armoede-kg[snel]'") from None
    return pyoxigraph


class TermConverter:
    """pyoxigraph terms → rdflib terms. Terms are immutable and repeat a lot (across rows and
    across queries), so each distinct term is converted once and remembered (up to MEMO)."""

    MEMO = 200_000

    def __init__(self, memo: dict[Any, Node] | None = None) -> None:
        self._seen: dict[Any, Node] = {} if memo is None else memo
        ox = import_pyoxigraph()
        self._named, self._blank, self._literal = ox.NamedNode, ox.BlankNode, ox.Literal

    def __call__(self, term: Any) -> Node:
        got = self._seen.get(term)
        if got is not None:
            return got
        kind = type(term)
        out: Node
        if kind is self._named:
            out = trusted_iri(term.value)
        elif kind is self._literal:
            if term.language:
                out = Literal(term.value, lang=term.language)
            else:
                dt = term.datatype.value
                # rdflib leaves a plain literal's datatype empty; xsd:string would not equal it
                out = Literal(term.value, datatype=None if dt == XSD_STRING else trusted_iri(dt))
        elif kind is self._blank:
            out = BNode(term.value)
        else:
            raise QueryError(f"term van onbekende soort in antwoord van oxigraph: {term!r}",
                             en=f"term of unknown kind in oxigraph's answer: {term!r}")
        if len(self._seen) >= self.MEMO:  # bounded: a huge result must not pin all its terms
            self._seen.clear()
        self._seen[term] = out
        return out


class OxigraphBackend:
    """A pyoxigraph Store in memory; default graph = union of the named graphs.

    From the cache, the store starts with its default graph only and reads the named graphs
    in when something first needs them (a query with GRAPH, quads(), graphs(), `.store`):
    most named queries read the default graph alone, and a command-line call then parses
    half the quads."""

    name = "oxigraph"
    # pyoxigraph evaluates a query, and hands out its rows, with the GIL released
    concurrent_queries = True

    def __init__(self, store: pyoxigraph.Store, named_graphs: Callable[[pyoxigraph.Store], None] | None = None
                 ) -> None:
        self._store = store
        self._pending = named_graphs  # loads the named graphs into the store, not yet there
        self._pending_lock = threading.Lock()  # queries may run side by side (run_qc)
        self._ds: Dataset | None = None
        self._convert = TermConverter()

    @property
    def store(self) -> pyoxigraph.Store:
        """The whole pyoxigraph Store: the named graphs and their merge as default graph."""
        self._load_named_graphs()
        return self._store

    def _load_named_graphs(self) -> None:
        with self._pending_lock:
            if self._pending is not None:
                self._pending(self._store)
                self._pending = None

    @classmethod
    def from_files(cls, files: Iterable[DataFile], lazy_named: bool = False) -> OxigraphBackend:
        """Parse the Turtle files into one store, each into its own named graph.

        lazy_named: parse every file into the default graph only (the merge: a set) and into
        its named graph when something first needs the named graphs. Half the memory and time
        for what most queries and validation read; for data that is not cached (large, or the
        cache off). Each parse names blank nodes afresh: where the data has any, the default
        graph is made again from the named graphs, so that both speak of the same nodes."""
        ox = import_pyoxigraph()
        store = ox.Store()
        chosen = list(files)
        if lazy_named:
            for f in chosen:
                load_turtle(store, f.path, None)

            def named_graphs(target: pyoxigraph.Store) -> None:
                for f in chosen:
                    load_turtle(target, f.path, str(f.graph))
                if target.query("ASK { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) }"):
                    target.clear_graph(ox.DefaultGraph())
                    merge_into_default_graph(target)

            return cls(store, named_graphs)
        for f in chosen:
            load_turtle(store, f.path, str(f.graph))
        merge_into_default_graph(store)
        return cls(store)

    @classmethod
    def from_cache(cls, default_graph: bytes, named_graphs: Callable[[], bytes]) -> OxigraphBackend:
        """A store from what default_graph_bytes and named_graph_bytes wrote (the cache): the
        default graph (the merge) is loaded now, the named graphs when first needed. Both were
        checked when first parsed, so they are read leniently."""
        ox = import_pyoxigraph()
        store = ox.Store()
        # load, not bulk_load: for a few 10^4 triples its single transaction is the faster
        store.load(default_graph, format=ox.RdfFormat.N_TRIPLES, lenient=True)

        def load_named(target: pyoxigraph.Store) -> None:
            target.bulk_load(named_graphs(), format=ox.RdfFormat.N_QUADS, lenient=True)

        return cls(store, load_named)

    def union_store(self) -> pyoxigraph.Store:
        """The store for what reads the union alone (validation): its default graph is the
        merge; the named graphs may not have been read in."""
        return self._store

    def default_graph_bytes(self) -> bytes:
        ox = import_pyoxigraph()
        out = self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        assert isinstance(out, bytes)
        return out

    def union_ntriples(self) -> bytes:
        """The merge of the named graphs (the default graph) as N-Triples, without reading the
        named graphs in (validation needs the merge only)."""
        ox = import_pyoxigraph()
        out = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        assert isinstance(out, bytes)
        return out

    def named_graph_bytes(self) -> bytes:
        ox = import_pyoxigraph()
        out = ox.serialize((q for q in self.store if not isinstance(q.graph_name, ox.DefaultGraph)),
                           format=ox.RdfFormat.N_QUADS)
        assert isinstance(out, bytes)
        return out

    # -- Backend --------------------------------------------------------------------------
    def _run(self, query: str) -> Any:
        if self._pending is None:
            return self._query(query)
        # while the named graphs may still be read in (which can remake the default graph),
        # a query takes its snapshot of the store under the lock: never in the middle of that
        with self._pending_lock:
            if self._pending is not None and reads_named_graphs(query):
                self._pending(self._store)
                self._pending = None
            return self._query(query)

    def _query(self, query: str) -> Any:
        try:
            return self._store.query(query, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise from_oxigraph(query, str(exc.msg)) from None
        except OSError as exc:
            raise KgError(f"oxigraph kon de query niet uitvoeren: {exc}",
                          en=f"oxigraph could not run the query: {exc}") from None

    def select(self, query: str) -> ResultTable:
        res = self._run(query)
        ox = import_pyoxigraph()
        if not isinstance(res, ox.QuerySolutions):
            raise QueryError("verwachtte een SELECT-query",
                             en="expected a SELECT query")
        cols = [v.value for v in res.variables]
        conv = self._convert
        with gc_paused():  # rows are made as oxigraph hands them out: no Python garbage meanwhile
            rows = [[None if t is None else conv(t) for t in sol] for sol in res]
            return ResultTable.from_rows(cols, rows)

    def select_values(self, query: str) -> Iterator[tuple[str | None, ...]]:
        """The rows of a SELECT as plain text (kg.store.backend.value_rows)."""
        res = self._run(query)
        ox = import_pyoxigraph()
        if not isinstance(res, ox.QuerySolutions):
            raise QueryError("verwachtte een SELECT-query",
                             en="expected a SELECT query")
        for sol in res:
            yield tuple(None if t is None else t.value for t in sol)

    def construct(self, query: str) -> Graph:
        res = self._run(query)
        ox = import_pyoxigraph()
        if not isinstance(res, ox.QueryTriples):
            raise QueryError("verwachtte een CONSTRUCT- of DESCRIBE-query",
                             en="expected a CONSTRUCT or DESCRIBE query")
        conv = self._convert
        g = Graph()
        for t in res:
            g.add((conv(t.subject), conv(t.predicate), conv(t.object)))
        return g

    def ask(self, query: str) -> bool:
        res = self._run(query)
        ox = import_pyoxigraph()
        if not isinstance(res, ox.QueryBoolean):
            raise QueryError("verwachtte een ASK-query",
                             en="expected an ASK query")
        return bool(res)

    def graphs(self) -> dict[URIRef, int]:
        table = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        out = {}
        for row in table:
            g, n = row["g"].term, row["n"].term
            if isinstance(g, URIRef) and isinstance(n, Literal):
                out[g] = int(n)
        return dict(sorted(out.items()))

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node]]:
        """Every quad of the named graphs as rdflib terms (not the default graph: it is their merge)."""
        ox = import_pyoxigraph()
        conv = TermConverter()
        for q in self.store.quads_for_pattern(None, None, None, None):
            if not isinstance(q.graph_name, ox.DefaultGraph):
                yield conv(q.subject), conv(q.predicate), conv(q.object), conv(q.graph_name)

    def dataset(self) -> Dataset:
        """All quads copied into an rdflib Dataset once (validation, export, networkx need rdflib)."""
        if self._ds is None:
            from .loader import QuietDataset

            ds = QuietDataset(default_union=True)
            graphs: dict[Node, Graph] = {}
            for s, p, o, g in self.quads():
                target = graphs.get(g)
                if target is None:
                    target = graphs[g] = ds.graph(g)  # type: ignore[arg-type]
                target.add((s, p, o))
            self._ds = ds
        return self._ds


def merge_into_default_graph(store: pyoxigraph.Store) -> None:
    """Make the store's default graph the RDF merge (a set) of its named graphs."""
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


def load_turtle(store: pyoxigraph.Store, path: Any, graph: str | None) -> None:
    """Parse one Turtle file into a named graph of store (None: the default graph); failures
    name the file and line."""
    from pathlib import Path

    ox = import_pyoxigraph()
    p = Path(path)
    if not p.exists():
        raise DataFileError(f"{p}: bestand bestaat niet",
                            en=f"{p}: file does not exist")
    if p.is_dir():
        raise DataFileError(f"{p}: is een map, geen bestand",
                            en=f"{p}: is a directory, not a file")
    try:
        # base IRI = the file's URI, as the rdflib loader does, so relative IRIs resolve alike
        store.bulk_load(path=str(p), format=ox.RdfFormat.TURTLE, base_iri=p.resolve().as_uri(),
                        to_graph=ox.DefaultGraph() if graph is None else ox.NamedNode(graph))
    except SyntaxError as exc:
        where = f":{exc.lineno}" if exc.lineno else ""
        msg = " ".join(str(exc.msg).split())[:300]
        raise DataFileError(f"{p}{where}: Turtle-syntaxfout: {msg}",
                            en=f"{p}{where}: Turtle syntax error: {msg}") from None
    except UnicodeDecodeError:
        raise DataFileError(f"{p}: geen geldige UTF-8",
                            en=f"{p}: not valid UTF-8") from None
    except OSError as exc:
        raise DataFileError(f"{p}: kan niet gelezen worden ({exc.strerror or exc})",
                            en=f"{p}: cannot be read ({exc.strerror or exc})") from None
