"""SPARQL 1.1 query results in the four standard formats (JSON, XML, CSV, TSV), and the
graph of a CONSTRUCT/DESCRIBE in Turtle, N-Triples or JSON-LD."""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape

from rdflib import Literal, URIRef
from rdflib.term import BNode, Node

from ..query.results import ResultTable
from .querypool import QueryOutcome
from .rdfio import jsonld, ntriples, turtle

SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
ASK_TYPES = {k: v for k, v in SELECT_TYPES.items() if v in ("json", "xml")}
GRAPH_TYPES = {"text/turtle": "ttl", "application/n-triples": "nt", "application/ld+json": "jsonld"}
FORMAT_PARAM = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values", "ttl": "text/turtle",
                "turtle": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json",
                "html": "text/html"}
CHARSET = {"text/csv", "text/tab-separated-values", "text/turtle", "text/html"}


def offers(form: str) -> list[str]:
    """Media types for a query form, the server's preference first (JSON for */*)."""
    if form == "select":
        return [*SELECT_TYPES, "text/html"]
    if form == "ask":
        return [*ASK_TYPES, "text/html"]
    return [*GRAPH_TYPES, "text/html"]


def render(outcome: QueryOutcome, media_type: str) -> str:
    if outcome.form in ("construct", "describe"):
        fmt = GRAPH_TYPES[media_type]
        if fmt == "ttl":
            return turtle(outcome.triples)
        if fmt == "nt":
            return ntriples(outcome.triples)
        return jsonld(outcome.triples)
    fmt = SELECT_TYPES[media_type]
    if outcome.form == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(outcome.boolean)}) + "\n"
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
