"""Validation of the whole graph: SHACL shapes (ontologie/vormen.ttl, SHACL Core, with a choice
of engine) plus the battery of SPARQL quality checks in queries/qc/."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rdflib import Graph

from ..store.backend import Backend
from .qc import run_qc
from .report import ValidationReport, Violation
from .shacl import ENGINES, choose_engine, run_shacl

__all__ = ["ENGINES", "ValidationReport", "Violation", "choose_engine", "merged_graph", "run_qc", "run_shacl",
           "union_ntriples", "validate_backend"]


def merged_graph(backend: Backend) -> Graph:
    """The union of all named graphs as one plain Graph (pySHACL validates per graph otherwise)."""
    g = Graph()
    for s, p, o, _ in backend.dataset().quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def union_ntriples(backend: Backend) -> bytes:
    """The union of the named graphs as N-Triples. The oxigraph backend holds that union as its
    default graph and dumps it in Rust; the others go through an rdflib copy."""
    dump = getattr(backend, "union_ntriples", None)
    if callable(dump):
        out = dump()
        assert isinstance(out, bytes)
        return out
    return merged_graph(backend).serialize(format="nt", encoding="utf-8")


def validate_backend(backend: Backend, shapes: Graph, qc_dir: Path, lang: str, label_of: Callable[[Any], str],
                     engine: str = "auto") -> ValidationReport:
    """SHACL over the union graph with the chosen engine, then every quality check."""
    chosen = choose_engine(engine)
    data = union_ntriples(backend)
    report = ValidationReport(checked_triples=sum(1 for line in data.splitlines() if line.strip()), engine=chosen)
    report.violations.extend(run_shacl(data, shapes, chosen, lang, label_of))
    report.violations.extend(run_qc(backend, qc_dir, lang))
    return report
