"""A remote SPARQL 1.1 endpoint as backend: the triple store holds the data, kg is the client.

Large deployments load the graph into a real store (Oxigraph server, Fuseki, GraphDB,
Virtuoso) and point kg at its query endpoint. Only the SPARQL 1.1 Protocol is used (POST,
form-encoded), with the standard library's urllib, so nothing extra is installed.

The named queries are written against the union of the named graphs as default graph (that
is how the rdflib and oxigraph backends serve them). The store must do the same: start
Oxigraph with ``oxigraph serve --union-default-graph``, set Fuseki's
``tdb2:unionDefaultGraph true``, GraphDB and Virtuoso query the union by default.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import KgError, QueryError, QueryTimeoutError
from ..query.prefixes import prologue
from ..query.results import ResultTable

RESULTS_JSON = "application/sparql-results+json"
# Content types a CONSTRUCT answer may come in, and the rdflib parser for each.
RDF_TYPES = {
    "application/n-triples": "nt",
    "text/plain": "nt",  # N-Triples' old media type, still sent by some stores
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}
CONSTRUCT_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
_GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


class EndpointError(KgError):
    """The endpoint cannot be reached, refuses the request or does not answer in SPARQL."""


class RemoteBackend:
    """Any SPARQL 1.1 query endpoint, e.g. ``http://127.0.0.1:7878/query`` (Oxigraph server)."""

    name = "remote"

    def __init__(self, url: str, timeout: float = 60.0) -> None:
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise EndpointError(f"'{url}' is geen http(s)-adres van een SPARQL-endpoint",
                                en=f"'{url}' is not an http(s) address of a SPARQL endpoint")
        self.url = url
        self.timeout = timeout
        self._ds: Dataset | None = None

    def __repr__(self) -> str:
        return f"RemoteBackend({self.url!r})"

    # -- the protocol ---------------------------------------------------------------------
    def _post(self, query: str, accept: str) -> tuple[str, bytes]:
        """POST the query (SPARQL 1.1 Protocol §2.1.2); returns (media type, body)."""
        # the predefined prefixes, on the query's first line (its line numbers stay as they are)
        body = urllib.parse.urlencode({"query": prologue() + query}).encode("utf-8")
        req = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
            "Accept": accept,
            "User-Agent": "armoede-kg (SPARQL 1.1 client)",
        })
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                media = resp.headers.get_content_type()
                return media, resp.read()
        except urllib.error.HTTPError as exc:
            detail = _first_line(exc.read())
            msg = f"{self.url}: HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")
            # 400 is the protocol's answer to a malformed query: a query error, not an outage.
            raise (QueryError if exc.code == 400 else EndpointError)(msg) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):  # socket.timeout is TimeoutError since 3.10
                raise QueryTimeoutError(f"{self.url}: geen antwoord binnen {self.timeout:g} s",
                                        en=f"{self.url}: no answer within {self.timeout:g} s") from None
            raise EndpointError(f"{self.url}: SPARQL-endpoint niet bereikbaar ({_reason(exc.reason)})",
                                en=f"{self.url}: SPARQL endpoint not reachable ({_reason(exc.reason)})") from None
        except TimeoutError:
            raise QueryTimeoutError(f"{self.url}: geen antwoord binnen {self.timeout:g} s",
                                    en=f"{self.url}: no answer within {self.timeout:g} s") from None
        except (http.client.HTTPException, OSError) as exc:
            raise EndpointError(f"{self.url}: verbinding mislukt ({_reason(exc)})",
                                en=f"{self.url}: connection failed ({_reason(exc)})") from None

    def _results(self, query: str) -> dict[str, Any]:
        media, raw = self._post(query, RESULTS_JSON)
        try:
            doc = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise EndpointError(f"{self.url}: antwoord is geen SPARQL-resultaat (Content-Type {media}: "
                                f"{_first_line(raw)[:80]!r})",
                                en=f"{self.url}: answer is not a SPARQL result "
                                   f"(Content-Type {media}: {_first_line(raw)[:80]!r})") from None
        if not isinstance(doc, dict) or ("results" not in doc and "boolean" not in doc):
            raise EndpointError(f"{self.url}: antwoord is geen SPARQL-resultaat (JSON zonder 'results' of "
                                "'boolean')",
                                en=f"{self.url}: answer is not a SPARQL result (JSON without 'results' or 'boolean')")
        return doc

    # -- Backend --------------------------------------------------------------------------
    def select(self, query: str) -> ResultTable:
        doc = self._results(query)
        if "results" not in doc:
            raise EndpointError(f"{self.url}: verwachtte rijen, kreeg een ja/nee-antwoord",
                                en=f"{self.url}: expected rows, got a yes/no answer")
        cols = [str(v) for v in doc.get("head", {}).get("vars", [])]
        rows: list[list[Node | None]] = []
        for b in doc["results"].get("bindings", []):
            rows.append([self._term(b[c]) if c in b else None for c in cols])
        return ResultTable.from_rows(cols, rows)

    def ask(self, query: str) -> bool:
        doc = self._results(query)
        if not isinstance(doc.get("boolean"), bool):
            raise EndpointError(f"{self.url}: verwachtte een ja/nee-antwoord, kreeg rijen",
                                en=f"{self.url}: expected a yes/no answer, got rows")
        return bool(doc["boolean"])

    def construct(self, query: str) -> Graph:
        media, raw = self._post(query, CONSTRUCT_ACCEPT)
        fmt = RDF_TYPES.get(media)
        if fmt is None:
            raise EndpointError(f"{self.url}: antwoord is geen RDF (Content-Type {media})",
                                en=f"{self.url}: answer is not RDF (Content-Type {media})")
        g = Graph()
        try:
            g.parse(data=raw.decode("utf-8"), format=fmt)
        except Exception as exc:  # noqa: BLE001 - rdflib's parsers raise many types
            raise EndpointError(f"{self.url}: onleesbaar {media}-antwoord ({_reason(exc)})",
                                en=f"{self.url}: unreadable {media} answer ({_reason(exc)})") from None
        return g

    def graphs(self) -> dict[URIRef, int]:
        out: dict[URIRef, int] = {}
        for row in self.select(_GRAPH_SIZES):
            g, n = row["g"].term, row["n"].term
            if isinstance(g, URIRef) and isinstance(n, Literal) and int(n) > 0:
                out[g] = int(n)
        return dict(sorted(out.items()))

    def dataset(self) -> Dataset:
        """Every quad of the store, fetched once (validation, export and networkx need them all)."""
        if self._ds is None:
            from .loader import QuietDataset

            ds = QuietDataset(default_union=True)
            graphs: dict[Node, Graph] = {}
            for row in self.select(_ALL_QUADS):
                s, p, o, g = (c.term for c in row.cells)
                if g is None or s is None or p is None or o is None:
                    continue
                target = graphs.get(g)
                if target is None:
                    target = graphs[g] = ds.graph(g)  # type: ignore[arg-type]
                target.add((s, p, o))
            self._ds = ds
        return self._ds

    def _term(self, cell: Any) -> Node:
        """A SPARQL 1.1 Query Results JSON term as an rdflib term."""
        try:
            kind, value = cell["type"], cell["value"]
        except (KeyError, TypeError):
            raise EndpointError(f"{self.url}: ongeldige term in SPARQL-resultaat: {cell!r}"[:300]) from None
        if kind == "uri":
            return URIRef(value)
        if kind == "bnode":
            return BNode(value)
        if kind in ("literal", "typed-literal"):  # typed-literal: Virtuoso's pre-1.1 form
            lang = cell.get("xml:lang")
            if lang:
                return Literal(value, lang=lang)
            dt = cell.get("datatype")
            # rdflib keeps a plain literal's datatype empty; xsd:string spelled out would not equal it
            return Literal(value, datatype=URIRef(dt) if dt and dt != XSD_STRING else None)
        raise EndpointError(f"{self.url}: onbekend termtype '{kind}' in SPARQL-resultaat",
                            en=f"{self.url}: unknown term type '{kind}' in SPARQL result")


def _first_line(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace").strip()
    return " ".join(text.splitlines()[0].split())[:300] if text else ""


def _reason(exc: object) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
