"""SPARQL 1.1 query results in the four standard formats (JSON, XML, CSV, TSV), the graph of a
CONSTRUCT/DESCRIBE in Turtle, N-Triples, JSON-LD or RDF/XML, and which of them a request asks
for (Accept header, or the ?format= names real clients send)."""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape

from rdflib import Literal, URIRef
from rdflib.term import BNode, Node

from ..query.results import ResultTable
from .conneg import negotiate
from .evaluate import QueryOutcome, Triple
from .rdfio import jsonld, ntriples, rdfxml, turtle

SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {"text/turtle": "ttl", "application/n-triples": "nt", "application/ld+json": "jsonld",
               "application/rdf+xml": "rdfxml"}
HTML = "text/html"
# What a query form can be answered in: (media type a client may ask for, media type served), the
# server's preference first (JSON for */*). The generic names clients send (Accept:
# application/json or application/xml for a SELECT, text/n3 for a CONSTRUCT) get the format they
# stand for, as Fuseki and Virtuoso do. CSV/TSV for ASK as Jena writes them (one column _askResult).
_RESULT_ALIASES = (("application/json", "application/sparql-results+json"),
                   ("application/xml", "application/sparql-results+xml"),
                   ("text/xml", "application/sparql-results+xml"))
_GRAPH_ALIASES = (("application/json", "application/ld+json"), ("application/x-json+ld", "application/ld+json"),
                  ("application/x-turtle", "text/turtle"), ("application/turtle", "text/turtle"),
                  ("text/n3", "text/turtle"), ("text/rdf+n3", "text/turtle"), ("application/n3", "text/turtle"),
                  ("application/xml", "application/rdf+xml"), ("text/xml", "application/rdf+xml"))
OFFERS: dict[str, tuple[tuple[str, str], ...]] = {
    "select": (*((t, t) for t in SELECT_TYPES), *_RESULT_ALIASES, (HTML, HTML)),
    "ask": (*((t, t) for t in SELECT_TYPES), *_RESULT_ALIASES, (HTML, HTML)),
    "graph": (*((t, t) for t in GRAPH_TYPES), *_GRAPH_ALIASES, (HTML, HTML)),
}
# Names for ?format= (also ?output=, ?results=: SPARQLWrapper sends all three, Fuseki reads
# output, Virtuoso format): (for SELECT/ASK, for CONSTRUCT/DESCRIBE). A value with a '/' in it is
# read as a list of media types, the way SPARQLWrapper sends "application/ld+json,application/x-json+ld".
FORMAT_NAMES: dict[str, tuple[str | None, str | None]] = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "srj": ("application/sparql-results+json", None),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "srx": ("application/sparql-results+xml", None),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    **dict.fromkeys(("turtle", "ttl", "n3"), (None, "text/turtle")),
    **dict.fromkeys(("nt", "ntriples", "n-triples"), (None, "application/n-triples")),
    **dict.fromkeys(("jsonld", "json-ld"), (None, "application/ld+json")),
    **dict.fromkeys(("rdf", "rdfxml", "rdf+xml", "rdf/xml", "xml-rdf"), (None, "application/rdf+xml")),
    "html": (HTML, HTML),
}
FORMAT_PARAMS = ("format", "output", "results")
# the same formats by their W3C names (http://www.w3.org/ns/formats/), for VoID and the Service Description
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD", "RDF_XML")
CHARSET = {"text/csv", "text/tab-separated-values", "text/turtle", "text/html"}


def _kind(form: str) -> str:
    return "graph" if form in ("construct", "describe") else form


def offers(form: str) -> list[str]:
    """Media types a query form is served in, the server's preference first."""
    return list(dict.fromkeys(served for _, served in OFFERS[_kind(form)]))


def negotiate_result(form: str, accept: str | None) -> str | None:
    """The media type to serve a query form in for an Accept header, None for 406."""
    table = OFFERS[_kind(form)]
    chosen = negotiate(accept, [asked for asked, _ in table])
    return None if chosen is None else dict(table)[chosen]


def by_format_values(form: str, values: list[str]) -> str | None:
    """The media type that the first usable ?format= value names, None if none fits the form."""
    table = OFFERS[_kind(form)]
    for value in values:
        name = value.strip().lower()
        if "/" in name:
            chosen = negotiate(name, [asked for asked, _ in table])
            if chosen is not None:
                return dict(table)[chosen]
        elif name in FORMAT_NAMES:
            served = FORMAT_NAMES[name][1 if _kind(form) == "graph" else 0]
            if served is not None:
                return served
    return None


def format_names(form: str) -> list[str]:
    """The ?format= names that fit a query form (for the message of a 400)."""
    pos = 1 if _kind(form) == "graph" else 0
    return [k for k, v in FORMAT_NAMES.items() if v[pos] is not None]


def render(outcome: QueryOutcome, media_type: str) -> str:
    """The result in media_type (one of offers(outcome.form), not HTML)."""
    if outcome.form in ("construct", "describe"):
        fmt = GRAPH_TYPES[media_type]
        if fmt == "ttl":
            return turtle(outcome.triples)
        if fmt == "nt":
            return ntriples(outcome.triples)
        if fmt == "rdfxml":
            return rdfxml(_xml_safe_bnodes(outcome.triples))
        return jsonld(outcome.triples)
    fmt = SELECT_TYPES[media_type]
    if outcome.form == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(outcome.boolean)}) + "\n"
        if fmt in ("csv", "tsv"):
            sep, nl = ("\r\n", "\r\n") if fmt == "csv" else ("\n", "\n")
            return f"_askResult{sep}{'true' if outcome.boolean else 'false'}{nl}"
        return ('<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
                f"  <head/>\n  <boolean>{'true' if outcome.boolean else 'false'}</boolean>\n</sparql>\n")
    if fmt == "json":
        table = ResultTable.from_rows(list(outcome.columns), outcome.rows)
        return json.dumps(table.to_sparql_json(), ensure_ascii=False) + "\n"
    if fmt == "xml":
        return _xml(outcome)
    if fmt == "csv":
        return _csv(outcome)
    return _tsv(outcome)


def _xml_safe_bnodes(triples: list[Triple]) -> list[Triple]:
    # rdf:nodeID must be an XML name; oxigraph's blank node ids may start with a digit
    def safe(t: Node) -> Node:
        return BNode("b" + str(t)) if isinstance(t, BNode) else t

    return [(safe(s), p, safe(o)) for s, p, o in triples]


def _xml(outcome: QueryOutcome) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n',
           "  <head>\n"]
    out += [f'    <variable name="{escape(c)}"/>\n' for c in outcome.columns]
    out.append("  </head>\n  <results>\n")
    for row in outcome.rows:
        out.append("    <result>\n")
        for col, v in zip(outcome.columns, row):
            if v is None:
                continue
            out.append(f'      <binding name="{escape(col)}">{_xml_term(v)}</binding>\n')
        out.append("    </result>\n")
    out.append("  </results>\n</sparql>\n")
    return "".join(out)


def _xml_term(v: Node) -> str:
    if isinstance(v, URIRef):
        return f"<uri>{escape(str(v))}</uri>"
    if isinstance(v, BNode):
        return f"<bnode>{escape(str(v))}</bnode>"
    assert isinstance(v, Literal)
    if v.language:
        return f'<literal xml:lang="{escape(v.language)}">{escape(str(v))}</literal>'
    if v.datatype is not None:
        return f'<literal datatype="{escape(str(v.datatype))}">{escape(str(v))}</literal>'
    return f"<literal>{escape(str(v))}</literal>"


def _csv(outcome: QueryOutcome) -> str:
    # SPARQL 1.1 CSV: plain values, no types or languages; CRLF line ends (RFC 4180).
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(outcome.columns)
    for row in outcome.rows:
        w.writerow(["" if v is None else (f"_:{v}" if isinstance(v, BNode) else str(v)) for v in row])
    return buf.getvalue()


_TSV_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _tsv_term(v: Node | None) -> str:
    if v is None:
        return ""
    if isinstance(v, URIRef):
        return f"<{v}>"
    if isinstance(v, BNode):
        return f"_:{v}"
    assert isinstance(v, Literal)
    lex = "".join(_TSV_ESCAPES.get(c, c) for c in str(v))
    if v.language:
        return f'"{lex}"@{v.language}'
    if v.datatype is not None:
        return f'"{lex}"^^<{v.datatype}>'
    return f'"{lex}"'


def _tsv(outcome: QueryOutcome) -> str:
    # SPARQL 1.1 TSV: terms in Turtle/N-Triples syntax, variables with '?', LF line ends.
    lines = ["\t".join(f"?{c}" for c in outcome.columns)]
    lines += ["\t".join(_tsv_term(v) for v in row) for row in outcome.rows]
    return "\n".join(lines) + "\n"
