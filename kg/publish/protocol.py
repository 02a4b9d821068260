"""The parameters of a SPARQL 1.1 Protocol query request (§2.1): one query, the RDF dataset
(default-graph-uri, named-graph-uri), and the output format names clients add (?format=,
?output=, ?results=), from the URL and, for a form POST, the body. Refusals are ProtocolError
with the HTTP status to answer."""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

from ..errors import KgError
from .evaluate import Dataset
from .sparql_results import FORMAT_PARAMS

# an absolute IRI as the protocol's graph parameters need: scheme, no spaces or delimiters
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")


class ProtocolError(KgError):
    """A request the protocol does not allow: answered with `status` and a one-line message."""

    def __init__(self, status: int, nl: str, en: str) -> None:
        super().__init__(nl, en=en)
        self.status = status


@dataclass(frozen=True)
class QueryRequest:
    query: str | None
    formats: list[str]  # the values of format/output/results, in that order
    dataset: Dataset | None
    example: str  # ?voorbeeld=: the named query the HTML page shows


def parse_request(url_params: list[tuple[str, str]], form: list[tuple[str, str]] | None = None,
                  body_query: str | None = None) -> QueryRequest:
    """The request from the URL's parameters and either a form body (already split into pairs)
    or a query sent as the body (application/sparql-query).

    >>> parse_request([("query", "ASK {}"), ("format", "json")]).formats
    ['json']
    >>> parse_request([("query", "ASK {}"), ("query", "ASK { ?s ?p ?o }")])
    Traceback (most recent call last):
    ...
    kg.publish.protocol.ProtocolError: twee of meer 'query'-parameters: stuur één query per verzoek
    """
    pairs = url_params + (form or [])
    values: dict[str, list[str]] = {}
    for k, val in pairs:
        values.setdefault(k, []).append(val)
    if "update" in values:
        raise ProtocolError(403, "SPARQL UPDATE is niet toegestaan: dit endpoint is alleen-lezen",
                            "SPARQL UPDATE is not allowed: this endpoint is read-only")
    queries = values.get("query", []) + ([body_query] if body_query is not None else [])
    if len(queries) > 1:
        raise ProtocolError(400, "twee of meer 'query'-parameters: stuur één query per verzoek",
                            "two or more 'query' parameters: send one query per request")
    defaults = values.get("default-graph-uri", [])
    named = values.get("named-graph-uri", [])
    for iri in defaults + named:
        if not _IRI.match(iri):
            shown = iri if len(iri) <= 60 else iri[:60] + "…"
            raise ProtocolError(400, f"default-graph-uri/named-graph-uri '{shown}' is geen absolute IRI",
                                f"default-graph-uri/named-graph-uri '{shown}' is not an absolute IRI")
    dataset = Dataset(tuple(defaults), tuple(named)) if defaults or named else None
    formats = [f for p in FORMAT_PARAMS for f in values.get(p, []) if f.strip()]
    return QueryRequest(queries[0] if queries else None, formats, dataset, (values.get("voorbeeld") or [""])[0])


def form_pairs(body: bytes) -> list[tuple[str, str]]:
    """The pairs of an application/x-www-form-urlencoded body, repeated names kept."""
    return urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
