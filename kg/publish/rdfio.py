"""Deterministic RDF serialisations: the same triples always give the same bytes.

rdflib's Turtle writer sorts; its TriG, N-Quads, RDF/XML and JSON-LD writers follow set or
hash order (measured: different bytes under different PYTHONHASHSEEDs). So N-Triples and
N-Quads are sorted line by line, TriG is written graph by graph with the Turtle writer,
RDF/XML from triples added in sorted order, and JSON-LD by a small writer of our own.
Blank nodes (none in the shipped data, but a user's --data may have them) get canonical
labels first, so that they too are stable.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF, XSD
from rdflib.term import BNode, Node

from ..errors import KgValueError
from .vocab import PREFIXES, qname

Triple = tuple[Node, Node, Node]

FORMATS = {
    # name: (media type, file extension, holds named graphs)
    "ttl": ("text/turtle", "ttl", False),
    "nt": ("application/n-triples", "nt", False),
    "nq": ("application/n-quads", "nq", True),
    "trig": ("application/trig", "trig", True),
    "jsonld": ("application/ld+json", "jsonld", True),
    "xml": ("application/rdf+xml", "rdf", False),
}


class ExportError(KgValueError):
    """Unknown export format, or a property RDF/XML cannot write."""


def _graph(triples: Iterable[Triple], prefixes: bool = True) -> Graph:
    g = Graph(bind_namespaces="none")
    for t in sorted(triples, key=_triple_key):
        g.add(t)
    if any(isinstance(x, BNode) for t in g for x in (t[0], t[2])):
        g = to_canonical_graph(g)
    if prefixes:
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns, override=True, replace=True)
    return g


def _triple_key(t: Triple) -> tuple[str, str, str]:
    return (t[0].n3(), t[1].n3(), t[2].n3())


_PLAIN_INTEGER = re.compile(r"[+-]?[0-9]+")
_PLAIN_DECIMAL = re.compile(r"[+-]?[0-9]*\.[0-9]+")


def _term(t: Node, used: set[str]) -> str:
    if isinstance(t, URIRef):
        q = qname(str(t))
        if q is None:
            return f"<{t}>"
        used.add(q.split(":", 1)[0])
        return q
    if isinstance(t, BNode):
        return f"_:{t}"
    assert isinstance(t, Literal)
    lex = str(t)
    # Shorthand only where it keeps the lexical form exactly: rdflib's own writer turns
    # "8"^^xsd:decimal into 8.0, and data published elsewhere must compare equal.
    if t.datatype == XSD.integer and _PLAIN_INTEGER.fullmatch(lex):
        return lex
    if t.datatype == XSD.decimal and _PLAIN_DECIMAL.fullmatch(lex):
        return lex
    if t.datatype == XSD.boolean and lex in ("true", "false"):
        return lex
    quoted = t._quote_encode()  # Turtle string escaping, long strings as """…"""
    if t.language:
        return f"{quoted}@{t.language}"
    if t.datatype is not None and t.datatype != XSD.string:
        return f"{quoted}^^{_term(t.datatype, used)}"
    return quoted


def turtle(triples: Iterable[Triple]) -> str:
    """Turtle with prefixes, subjects and objects sorted, rdf:type first (as 'a')."""
    g = _graph(triples, prefixes=False)
    used: set[str] = set()
    by_subject: dict[Node, dict[Node, list[Node]]] = {}
    for s, p, o in sorted(g, key=_triple_key):
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)
    blocks = []
    for s in sorted(by_subject, key=lambda n: n.n3()):
        preds = by_subject[s]
        order = sorted(preds, key=lambda p: (p != RDF.type, _term(p, set())))
        lines = []
        for p in order:
            pname = "a" if p == RDF.type else _term(p, used)
            objs = [_term(o, used) for o in sorted(preds[p], key=lambda n: n.n3())]
            lines.append(f"    {pname} " + ",\n        ".join(objs))
        blocks.append(_term(s, used) + "\n" + " ;\n".join(lines) + " .\n")
    head = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items() if p in used)
    return head + ("\n" if head else "") + "\n".join(blocks)


def ntriples(triples: Iterable[Triple]) -> str:
    text = _graph(triples, prefixes=False).serialize(format="nt")
    return "".join(sorted(ln + "\n" for ln in text.splitlines() if ln.strip()))


_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*$")


def _split_predicate(iri: str) -> tuple[str, str]:
    m = _NCNAME.search(iri)
    if not m or m.start() == 0:
        raise ExportError(f"eigenschap <{iri}> past niet in RDF/XML (geen geldige XML-naam)",
                          en=f"property <{iri}> does not fit in RDF/XML (not a valid XML name)")
    return iri[: m.start()], iri[m.start():]


def rdfxml(triples: Iterable[Triple]) -> str:
    """Flat RDF/XML, one rdf:Description per subject in sorted order (rdflib's writers
    iterate subjects in set order)."""
    g = _graph(triples, prefixes=False)
    by_ns = {ns: p for p, ns in PREFIXES.items()}
    extra: dict[str, str] = {}
    rows = sorted(g, key=_triple_key)
    for _, p, _ in rows:
        ns, _local = _split_predicate(str(p))
        if ns not in by_ns and ns not in extra:
            extra[ns] = f"ns{len(extra) + 1}"
    prefix_of = {**by_ns, **extra}
    used = sorted({prefix_of[_split_predicate(str(p))[0]] for _, p, _ in rows} | {"rdf"})
    decl = "".join(f'\n   xmlns:{pf}="{escape(ns_of, {chr(34): "&quot;"})}"'
                   for pf in used for ns_of in [next(n for n, q in prefix_of.items() if q == pf)])
    out = ['<?xml version="1.0" encoding="utf-8"?>\n', f"<rdf:RDF{decl}>\n"]
    current: Node | None = None
    for s, p, o in rows:
        if s != current:
            if current is not None:
                out.append("  </rdf:Description>\n")
            attr = f'rdf:about="{_attr(str(s))}"' if isinstance(s, URIRef) else f'rdf:nodeID="{s}"'
            out.append(f"  <rdf:Description {attr}>\n")
            current = s
        ns, local = _split_predicate(str(p))
        tag = f"{prefix_of[ns]}:{local}"
        if isinstance(o, URIRef):
            out.append(f'    <{tag} rdf:resource="{_attr(str(o))}"/>\n')
        elif isinstance(o, BNode):
            out.append(f'    <{tag} rdf:nodeID="{o}"/>\n')
        else:
            assert isinstance(o, Literal)
            if o.language:
                attrs = f' xml:lang="{o.language}"'
            elif o.datatype is not None:
                attrs = f' rdf:datatype="{_attr(str(o.datatype))}"'
            else:
                attrs = ""
            out.append(f"    <{tag}{attrs}>{escape(str(o))}</{tag}>\n")
    if current is not None:
        out.append("  </rdf:Description>\n")
    out.append("</rdf:RDF>\n")
    return "".join(out)


def _attr(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def quads_of(ds: Dataset) -> dict[URIRef, list[Triple]]:
    """Named graph → its triples (the default/union graph left out)."""
    out: dict[URIRef, list[Triple]] = {}
    for s, p, o, g in ds.quads((None, None, None, None)):
        gid = g.identifier if g is not None and hasattr(g, "identifier") else g
        if isinstance(gid, URIRef) and str(gid) != "urn:x-rdflib:default":
            out.setdefault(gid, []).append((s, p, o))
    return dict(sorted(out.items()))


def nquads(graphs: dict[URIRef, list[Triple]]) -> str:
    lines = []
    for g, triples in graphs.items():
        for ln in ntriples(triples).splitlines():
            lines.append(ln[: -1].rstrip() + f" {g.n3()} .\n")
    return "".join(sorted(lines))


def trig(graphs: dict[URIRef, list[Triple]]) -> str:
    heads: dict[str, str] = {}
    blocks = []
    for g, triples in graphs.items():
        ttl = turtle(triples)
        body_lines = []
        for ln in ttl.splitlines():
            if ln.startswith("@prefix "):
                heads[ln.split()[1]] = ln
            elif ln.strip():
                body_lines.append("    " + ln)
            else:
                body_lines.append("")
        name = qname(str(g)) or g.n3()
        blocks.append(f"{name} {{\n" + "\n".join(body_lines).rstrip() + "\n}\n")
    heads.setdefault("graaf:", f"@prefix graaf: <{PREFIXES['graaf']}> .")
    ordered = [heads[p + ":"] for p in PREFIXES if p + ":" in heads]
    return "\n".join(ordered) + "\n\n" + "\n".join(blocks)


# -- JSON-LD ---------------------------------------------------------------------------

def _compact(iri: str, used: set[str]) -> str:
    q = qname(iri)
    if q is None:
        return iri
    used.add(q.split(":", 1)[0])
    return q


def _jsonld_value(o: Node, used: set[str]) -> dict[str, Any]:
    if isinstance(o, URIRef):
        return {"@id": _compact(str(o), used)}
    if isinstance(o, BNode):
        return {"@id": f"_:{o}"}
    assert isinstance(o, Literal)
    if o.language:
        return {"@value": str(o), "@language": o.language}
    if o.datatype is None or o.datatype == XSD.string:
        return {"@value": str(o)}
    if o.datatype == XSD.boolean and str(o) in ("true", "false"):
        return {"@value": str(o) == "true"}
    return {"@value": str(o), "@type": _compact(str(o.datatype), used)}


def _jsonld_nodes(triples: Iterable[Triple], used: set[str]) -> list[dict[str, Any]]:
    by_subject: dict[Node, list[Triple]] = {}
    g = _graph(triples, prefixes=False)
    for t in sorted(g, key=_triple_key):
        by_subject.setdefault(t[0], []).append(t)
    nodes = []
    for s, ts in by_subject.items():
        node: dict[str, Any] = {"@id": _compact(str(s), used) if isinstance(s, URIRef) else f"_:{s}"}
        types = [_compact(str(o), used) for _, p, o in ts if p == RDF.type and isinstance(o, URIRef)]
        if types:
            node["@type"] = types
        for _, p, o in ts:
            if p == RDF.type and isinstance(o, URIRef):
                continue
            node.setdefault(_compact(str(p), used), []).append(_jsonld_value(o, used))
        nodes.append(node)
    return nodes


def _context(used: set[str]) -> dict[str, str]:
    return {p: PREFIXES[p] for p in PREFIXES if p in used}


def jsonld(triples: Iterable[Triple], subject: URIRef | None = None) -> str:
    """Compact-IRI JSON-LD of a set of triples; one node object when it is about one subject."""
    used: set[str] = set()
    nodes = _jsonld_nodes(triples, used)
    single = subject is not None and len(nodes) == 1
    doc: dict[str, Any] = {"@context": {}, **nodes[0]} if single else {"@context": {}, "@graph": nodes}
    doc["@context"] = _context(used)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def jsonld_dataset(graphs: dict[URIRef, list[Triple]]) -> str:
    used: set[str] = set()
    entries = []
    for g, triples in graphs.items():
        entries.append({"@id": _compact(str(g), used), "@graph": _jsonld_nodes(triples, used)})
    doc = {"@context": _context(used), "@graph": entries}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# -- whole dataset ---------------------------------------------------------------------

def serialize_dataset(ds: Dataset, fmt: str) -> str:
    """The dataset in one of FORMATS; triple formats hold the union of the named graphs."""
    if fmt not in FORMATS:
        raise ExportError(f"onbekend formaat '{fmt}' (kies uit {', '.join(FORMATS)})",
                          en=f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    graphs = quads_of(ds)
    if fmt == "nq":
        return nquads(graphs)
    if fmt == "trig":
        return trig(graphs)
    if fmt == "jsonld":
        return jsonld_dataset(graphs)
    union = {t for ts in graphs.values() for t in ts}
    if fmt == "ttl":
        return turtle(union)
    if fmt == "nt":
        return ntriples(union)
    return rdfxml(union)
