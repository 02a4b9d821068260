"""Deterministic Turtle for one document graph: the same triples give the same bytes, in an
order a person reads (graph, document, then each intervention with its claims), so that a git
diff of a data folder shows what changed and nothing else."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from .mapping import PREFIXES, compact

MARK = "# armoede-kg werkblad"
_ORDER = ("graaf", "doc", "vml", "og", "db", "th", "gem", "iv", "rol", "erk")


def _subject_key(node: Node) -> tuple[int, str]:
    if str(node).startswith(PREFIXES["graaf"]):
        return (-1, str(node))
    name = compact(str(node)) or str(node)
    prefix = name.split(":", 1)[0]
    return (_ORDER.index(prefix) if prefix in _ORDER else len(_ORDER), name)


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))


def term(node: Node) -> str:
    if isinstance(node, URIRef):
        name = compact(str(node))
        return name if name and _safe_local(name) else f"<{node}>"
    if isinstance(node, Literal):
        if node.datatype == XSD.boolean:
            return "true" if node.toPython() else "false"
        if node.datatype == XSD.integer:
            return str(int(node))
        body = f'"{_escape(str(node))}"'
        if node.language:
            return f"{body}@{node.language}"
        if node.datatype is not None and node.datatype != XSD.string:
            return f"{body}^^{term(node.datatype)}"
        return body
    raise ValueError(f"geen blanco knopen in een werkbladgraaf: {node!r}")


def _safe_local(name: str) -> bool:
    local = name.split(":", 1)[1]
    return bool(local) and all(c.isalnum() or c in "-_" for c in local) and not local.startswith("-")


def _predicate_key(p: Node) -> tuple[int, str]:
    if p == RDF.type:
        return (0, "")
    name = compact(str(p)) or str(p)
    return (1 if name == "skos:prefLabel" else 2, name)


def serialize(graph: Graph, header: str) -> str:
    """The Turtle text: the prefixes of MODELLERING.md, a comment header, one block per subject."""
    lines = [f"{MARK}: {header}", "# Gemaakt door `armoede-kg toevoegen`; wijzig het werkblad, niet dit bestand.", ""]
    width = max(len(p) for p in PREFIXES) + 2
    lines += [f"@prefix {(p + ':').ljust(width)}<{ns}> ." for p, ns in PREFIXES.items()]
    lines.append("")
    for s in sorted(set(graph.subjects()), key=_subject_key):
        preds = sorted(set(graph.predicates(s)), key=_predicate_key)
        parts = []
        for p in preds:
            objs = sorted(term(o) for o in graph.objects(s, p))
            pname = "a" if p == RDF.type else term(p)
            parts.append(f"    {pname} " + (" ,\n        ".join(objs) if len(objs) > 1 else objs[0]))
        lines.append(term(s) + "\n" + " ;\n".join(parts) + " .\n")
    return "\n".join(lines)
