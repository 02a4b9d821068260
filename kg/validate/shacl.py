"""SHACL validation with a choice of engine, each turned into the same Violation rows.

- ``pyshacl``: the reference (pure Python; what the project has always validated with).
- ``turbo``: pyshacl-turbo, a Rust engine with pySHACL's interface; the default when installed,
  because it is several times faster on the shipped graph and far faster at scale
  (benchmarks/validate.py). tests/test_shacl_engines.py holds it to pyshacl's verdicts.
- ``rudof``: pyrudof, an independent Rust implementation; a second opinion in the tests.

The shapes are SHACL Core only (no SHACL-SPARQL), so that any engine gives the same verdict.
The data is the union of the named graphs, handed over as N-Triples (or as a pyoxigraph store,
which pyshacl-turbo reads without a Python copy).
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from ..errors import KgValueError
from .names import path_name, short_iri
from .report import Violation

ENGINES = ("pyshacl", "turbo", "rudof")
_MODULES = {"pyshacl": "pyshacl", "turbo": "pyshacl_turbo", "rudof": "pyrudof"}


def choose_engine(choice: str = "auto") -> str:
    """auto → turbo when pyshacl-turbo is installed, else pyshacl; a named engine must be installed."""
    if choice == "auto":
        return "turbo" if importlib.util.find_spec("pyshacl_turbo") else "pyshacl"
    if choice not in ENGINES:
        raise KgValueError(f"onbekende SHACL-engine '{choice}' (kies uit auto, {', '.join(ENGINES)})",
                           en=f"unknown SHACL engine '{choice}' (choose from auto, {', '.join(ENGINES)})")
    if not importlib.util.find_spec(_MODULES[choice]):
        package = {"turbo": "pyshacl-turbo", "rudof": "pyrudof"}.get(choice, choice)
        raise KgValueError(f"SHACL-engine '{choice}' is niet geïnstalleerd (pip install {package})",
                           en=f"SHACL engine '{choice}' is not installed (pip install {package})")
    return choice


def engine_version(engine: str) -> str:
    """The installed version of an engine's package (part of what a validation record means)."""
    from importlib.metadata import PackageNotFoundError, version

    package = {"turbo": "pyshacl-turbo", "rudof": "pyrudof"}.get(engine, engine)
    try:
        return version(package)
    except PackageNotFoundError:
        return ""


@dataclass(frozen=True)
class ShaclResult:
    """One top-level validation result, engine-neutral."""

    focus: str
    path: str  # short name; "^p" for an inverse path; "" on a node shape
    component: str  # local name of the constraint component, e.g. "MaxCountConstraintComponent"
    severity: str  # "Violation", "Warning" or "Info"
    messages: dict[str, str]  # language ("" for none) → text

    def key(self) -> tuple[str, str, str, str]:
        """What two engines must agree on."""
        return (self.focus, self.path, self.component, self.severity)

    def message(self, lang: str) -> str:
        for want in (lang, "nl", ""):
            if want in self.messages:
                return self.messages[want]
        return next(iter(self.messages.values()), "")


def shacl_results(union_nt: bytes, shapes: Graph, engine: str, store: Any = None) -> list[ShaclResult]:
    """Validate the union graph (N-Triples bytes; or `store`, a pyoxigraph Store whose default
    graph is that union) against the shapes graph, without inference."""
    runner: dict[str, Callable[..., list[ShaclResult]]] = {
        "pyshacl": _pyshacl, "turbo": _turbo, "rudof": _rudof}
    return sorted(runner[choose_engine(engine)](union_nt, shapes, store), key=ShaclResult.key)


def _pyshacl(union_nt: bytes, shapes: Graph, _store: Any) -> list[ShaclResult]:
    from pyshacl import validate  # imported here: only validation needs it

    data = Graph().parse(data=union_nt, format="nt")
    _conforms, report, _text = validate(data, shacl_graph=shapes, inference="none",
                                        advanced=True, allow_warnings=True)
    assert isinstance(report, Graph)
    return _from_report_graph(report)


def _turbo(union_nt: bytes, shapes: Graph, store: Any) -> list[ShaclResult]:
    from pyshacl_turbo import validate
    from pyshacl_turbo.rdf import Input

    # N-Triples is N-Quads without graphs: handed over as the text pyshacl-turbo itself makes
    # of a pyoxigraph store, the Rust side parses it directly (no store to fill and dump again)
    data = store if store is not None else Input(union_nt.decode("utf-8"), "oxigraph-nquads", None, {},
                                                 preserve_ids=True)
    _conforms, report, _text = validate(data, shacl_graph=shapes, inference="none",
                                        advanced=True, allow_warnings=True)
    assert isinstance(report, Graph)
    return _from_report_graph(report)


def _from_report_graph(report: Graph) -> list[ShaclResult]:
    # Only top-level results: nested ones (sh:detail of sh:node/sh:or) repeat the same problem
    # in the words of an inner shape.
    tops = [r for rep in report.subjects(RDF.type, SH.ValidationReport) for r in report.objects(rep, SH.result)]
    out = []
    for res in tops:
        sev = report.value(res, SH.resultSeverity)
        comp = report.value(res, SH.sourceConstraintComponent)
        messages = {(m.language or ""): str(m) for m in report.objects(res, SH.resultMessage)
                    if isinstance(m, Literal)}
        out.append(ShaclResult(
            focus=str(report.value(res, SH.focusNode)),
            path=path_name(report, report.value(res, SH.resultPath)),
            component=str(comp).rsplit("#", 1)[-1] if comp is not None else "",
            severity=str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation",
            messages=messages,
        ))
    return out


_RUDOF_MESSAGE = re.compile(r'"((?:[^"\\]|\\.)*)"(?:@([A-Za-z-]+))?')
_RUDOF_INVERSE = re.compile(r"^\^\((.*)\)$")


def _rudof(union_nt: bytes, shapes: Graph, _store: Any) -> list[ShaclResult]:
    import pyrudof

    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(union_nt.decode("utf-8"), format=pyrudof.RDFFormat.NTriples)
    rudof.read_shacl(shapes.serialize(format="turtle"))
    report = rudof.validate_shacl()
    out = []
    for v in report.violations:
        path = v.path or ""
        inverse = _RUDOF_INVERSE.match(path)
        messages: dict[str, str] = {}
        # rudof's message: its own text, then the shape's sh:message literals, as N-Triples terms
        for text, lang in _RUDOF_MESSAGE.findall(v.message or ""):
            messages.setdefault(lang or "", text)
        out.append(ShaclResult(
            focus=str(v.focus_node),
            path="^" + short_iri(URIRef(inverse.group(1))) if inverse else (short_iri(URIRef(path)) if path else ""),
            component=str(v.constraint_component).rsplit("#", 1)[-1],
            severity=str(v.severity).rsplit("#", 1)[-1],
            messages=messages,
        ))
    return out


def run_shacl(union_nt: bytes, shapes: Graph, engine: str, lang: str, label_of: Callable[[Any], str],
              store: Any = None) -> list[Violation]:
    """The SHACL results as Violation rows, sorted by label, path and message."""
    return violations_of(shacl_results(union_nt, shapes, engine, store), lang, label_of)


def violations_of(results: list[ShaclResult], lang: str, label_of: Callable[[Any], str]) -> list[Violation]:
    """SHACL results as Violation rows, sorted by label, path and message."""
    out = [Violation(focus=r.focus, focus_label=label_of(URIRef(r.focus)) if r.focus.startswith("http") else r.focus,
                     path=r.path or "", message=r.message(lang), severity=r.severity, check="shacl")
           for r in results]
    return sorted(out, key=lambda v: (v.focus_label, v.path, v.message))
