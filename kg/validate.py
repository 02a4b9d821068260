"""SHACL validation plus the battery of SPARQL quality checks in queries/qc/."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from .errors import KgError
from .query.named import parse_named_query
from .store.backend import Backend


@dataclass(frozen=True)
class Violation:
    """One problem: where, on which path, what is wrong."""

    focus: str
    focus_label: str
    path: str
    message: str
    severity: str
    check: str  # "shacl" or the name of the qc query

    def as_dict(self) -> dict[str, str]:
        return {"focus": self.focus, "label": self.focus_label, "path": self.path,
                "message": self.message, "severity": self.severity, "check": self.check}


@dataclass
class ValidationReport:
    """All violations found; conform when there are none of severity Violation."""

    violations: list[Violation] = field(default_factory=list)
    checked_triples: int = 0

    @property
    def conforms(self) -> bool:
        return not any(v.severity == "Violation" for v in self.violations)

    def as_dict(self) -> dict[str, Any]:
        return {"conforms": self.conforms, "triples": self.checked_triples,
                "violations": [v.as_dict() for v in self.violations]}


def merged_graph(backend: Backend) -> Graph:
    """The union of all named graphs as one plain Graph (pySHACL validates per graph otherwise)."""
    g = Graph()
    for s, p, o, _ in backend.dataset().quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def run_shacl(data: Graph, shapes: Graph, lang: str, label_of: Any) -> list[Violation]:
    """Validate data against shapes, without inference (fast and predictable)."""
    from pyshacl import validate  # imported here: only validation needs it

    _conforms, report, _text = validate(data, shacl_graph=shapes, inference="none",
                                        advanced=True, allow_warnings=True)
    out = []
    assert isinstance(report, Graph)
    # Only top-level results: nested ones (sh:detail of sh:node/sh:or) repeat the same problem
    # in the words of an inner shape.
    tops = [r for rep in report.subjects(RDF.type, SH.ValidationReport) for r in report.objects(rep, SH.result)]
    for res in tops:
        focus = report.value(res, SH.focusNode)
        path = report.value(res, SH.resultPath)
        sev = report.value(res, SH.resultSeverity)
        out.append(Violation(
            focus=str(focus),
            focus_label=label_of(focus) if isinstance(focus, URIRef) else str(focus),
            path=_short_iri(path),
            message=_message(report, res, lang),
            severity=str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation",
            check="shacl",
        ))
    return sorted(out, key=lambda v: (v.focus_label, v.path, v.message))


def _message(report: Graph, res: Any, lang: str) -> str:
    msgs = list(report.objects(res, SH.resultMessage))
    for m in msgs:
        if isinstance(m, Literal) and m.language == lang:
            return str(m)
    for m in msgs:
        if isinstance(m, Literal) and m.language in (None, "nl"):
            return str(m)
    return str(msgs[0]) if msgs else ""


def run_qc(backend: Backend, qc_dir: Path, lang: str) -> list[Violation]:
    """Each qc/*.rq returns ?focus ?message rows: every row is a violation."""
    out = []
    for path in sorted(qc_dir.glob("*.rq")):
        q = parse_named_query(path)
        try:
            table = backend.select(q.text)
        except Exception as exc:  # noqa: BLE001 - a broken check is reported, not fatal
            raise KgError(f"{path}: kwaliteitscontrole kon niet draaien: {exc}",
                          en=f"{path}: quality check could not run: {exc}") from None
        for row in table:
            focus = row.get("focus")
            msg = row.get("message")
            out.append(Violation(
                focus=str(focus) if focus else "",
                focus_label=str(row["focusLabel"]) if row.get("focusLabel") and row["focusLabel"].term else "",
                path=_short_iri(row["path"].term) if row.get("path") and row["path"].term else "",
                message=str(msg) if msg else q.label(lang),
                severity="Violation",
                check=q.name,
            ))
    return out


_PREFIXES = {
    "https://w3id.org/armoede-kg/ontologie#": "ak:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/ns/shacl#": "sh:",
    "http://purl.org/dc/terms/": "dcterms:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
}


def _short_iri(term: Any) -> str:
    if term is None:
        return ""
    s = str(term)
    for ns, pfx in _PREFIXES.items():
        if s.startswith(ns):
            return pfx + s[len(ns):]
    return s if isinstance(term, URIRef) else "(pad)"
