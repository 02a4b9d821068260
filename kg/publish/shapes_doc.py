"""The SHACL constraints that apply to each class, in words, for the ontology documentation.

A shape with sh:targetClass C applies to C and (SHACL's "SHACL instance") to every subclass
of C, so a subclass lists its superclasses' constraints too, marked as inherited.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDFS, SH
from rdflib.term import BNode, Node

from .model import SiteModel
from .vocab import qname

Constraint = tuple[str, str, str, URIRef]  # path, requirement, message, class the shape targets


def _q(n: Node) -> str:
    if isinstance(n, URIRef):
        return qname(str(n)) or f"<{n}>"
    return str(n)


def _path(shapes: Graph, p: Node) -> str:
    if isinstance(p, BNode):
        inv = shapes.value(p, SH.inversePath)
        if inv is not None:
            return "^" + _q(inv)
        if shapes.value(p, URIRef(str(SH) + "first")) is not None or (p, None, None) in shapes:
            try:
                return " / ".join(_q(x) for x in Collection(shapes, p))
            except Exception:  # noqa: BLE001 - an odd path is shown as itself
                return str(p)
    return _q(p)


def _message(shapes: Graph, node: Node, lang: str) -> str:
    msgs = {(m.language or ""): str(m) for m in shapes.objects(node, SH.message) if isinstance(m, Literal)}
    return msgs.get(lang) or msgs.get("nl") or msgs.get("") or ""


def _requirement(shapes: Graph, ps: Node, lang: str) -> str:
    nl = lang == "nl"
    parts = []
    lo, hi = shapes.value(ps, SH.minCount), shapes.value(ps, SH.maxCount)
    if lo is not None and hi is not None and str(lo) == str(hi):
        parts.append(f"{'precies' if nl else 'exactly'} {lo}")
    else:
        if lo is not None:
            parts.append(f"{'min.' if nl else 'min'} {lo}")
        if hi is not None:
            parts.append(f"{'max.' if nl else 'max'} {hi}")
    qlo, qhi = shapes.value(ps, SH.qualifiedMinCount), shapes.value(ps, SH.qualifiedMaxCount)
    if qlo is not None or qhi is not None:
        inner = shapes.value(ps, SH.qualifiedValueShape)
        langs = []
        if inner is not None:
            for li in shapes.objects(inner, SH.languageIn):
                langs += [str(x) for x in Collection(shapes, li)]
        what = f"@{'/'.join(langs)}" if langs else ("waarde" if nl else "value")
        rng = f"{qlo if qlo is not None else 0}–{qhi if qhi is not None else '∞'}"
        parts.append(f"{rng}× {what}")
    for key, label in ((SH.datatype, "datatype"), (SH["class"], "klasse" if nl else "class"),
                       (SH.hasValue, "waarde" if nl else "value"), (SH.node, "vorm" if nl else "shape"),
                       (SH.minInclusive, "≥"), (SH.maxInclusive, "≤"), (SH.pattern, "patroon" if nl else "pattern"),
                       (SH.lessThanOrEquals, "≤ " + ("waarde van" if nl else "value of"))):
        for val in sorted(shapes.objects(ps, key), key=str):
            parts.append(f"{label} {_q(val)}")
    for li in shapes.objects(ps, SH.languageIn):
        parts.append(("taal " if nl else "language ") + "/".join(str(x) for x in Collection(shapes, li)))
    if (ps, SH.uniqueLang, Literal(True)) in shapes:
        parts.append("één per taal" if nl else "one per language")
    for alt in shapes.objects(ps, SH["or"]):
        opts = []
        for member in Collection(shapes, alt):
            path = shapes.value(member, SH.path)
            req = _requirement(shapes, member, lang)
            opts.append(f"{_path(shapes, path) if path is not None else ''} {req}".strip())
        parts.append((" of " if nl else " or ").join(opts))
    return ", ".join(parts)


def class_constraints(model: SiteModel, shapes: Graph, lang: str) -> dict[URIRef, list[Constraint]]:
    direct: dict[URIRef, list[Constraint]] = {}
    for shape in set(shapes.subjects(SH.targetClass, None)):
        for cls in shapes.objects(shape, SH.targetClass):
            if not isinstance(cls, URIRef):
                continue
            rows = direct.setdefault(cls, [])
            for ps in shapes.objects(shape, SH.property):
                path = shapes.value(ps, SH.path)
                rows.append((_path(shapes, path) if path is not None else "",
                             _requirement(shapes, ps, lang), _message(shapes, ps, lang), cls))
            if shapes.value(shape, SH["or"]) is not None:
                rows.append(("", _requirement(shapes, shape, lang), _message(shapes, shape, lang), cls))
    out: dict[URIRef, list[Constraint]] = {}
    for cls in model.ontology_classes:
        rows = []
        for sup in _superclasses(model, cls):
            rows.extend(direct.get(sup, []))
        out[cls] = sorted(set(rows), key=lambda r: (r[3] != cls, str(r[3]), r[0], r[1], r[2]))
    return out


def _superclasses(model: SiteModel, cls: URIRef) -> list[URIRef]:
    seen = [cls]
    i = 0
    while i < len(seen):
        for sup in model.values(seen[i], RDFS.subClassOf):
            if isinstance(sup, URIRef) and sup not in seen:
                seen.append(sup)
        i += 1
    return seen
