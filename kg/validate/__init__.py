"""Validation of the whole graph: SHACL shapes (ontologie/vormen.ttl, SHACL Core, with a choice
of engine) plus the battery of SPARQL quality checks in queries/qc/."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from rdflib import Graph

from ..store.backend import Backend
from ..store.cache import enabled
from ..store.loader import SHAPES_FILE, DataFile
from .incremental import Scope
from .qc import run_qc
from .report import ValidationReport, Violation
from .shacl import (
    ENGINES,
    ShaclResult,
    choose_engine,
    engine_version,
    run_shacl,
    shacl_results,
    violations_of,
)

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
                     engine: str = "auto", files: list[DataFile] | None = None, root: Path | None = None,
                     full: bool = False, read: Callable[[Path], bytes] = Path.read_bytes) -> ValidationReport:
    """SHACL over the union graph with the chosen engine, then every quality check.

    With the data's files and folder, SHACL looks only at what changed since the last
    validation of that folder (kg.validate.incremental) where it can be sure to find the same,
    unless full; the quality checks always run on the whole graph. read gives a file's
    content (`toevoegen` validates files before it writes them)."""
    chosen = choose_engine(engine)
    report = ValidationReport(engine=chosen)
    with ThreadPoolExecutor(1) as beside:
        # where the backend's queries run outside the GIL, the quality checks run while SHACL does
        checks = beside.submit(run_qc, backend, qc_dir, lang) if getattr(backend, "concurrent_queries", False) \
            else None
        results, report.shacl_scope, triples = _shacl(backend, shapes, chosen, files, root, full, read)
        report.checked_triples = triples
        report.violations.extend(violations_of(results, lang, label_of))
        report.violations.extend(checks.result() if checks is not None else run_qc(backend, qc_dir, lang))
    return report


def _shacl(backend: Backend, shapes: Graph, engine: str, files: list[DataFile] | None, root: Path | None,
           full: bool, read: Callable[[Path], bytes]) -> tuple[list[ShaclResult], Scope | None, int]:
    union = getattr(backend, "union_store", None)
    if files is None or root is None or not callable(union) or not enabled():
        data = union_ntriples(backend)
        return shacl_results(data, shapes, engine), None, _lines(data)
    from .incremental import incremental_shacl
    from .record import file_states, read_record, record_key, write_record

    # the shapes file's bytes: the parsed shapes' blank nodes are named afresh on every load
    key = record_key(root, (root / SHAPES_FILE).read_bytes(), engine, engine_version(engine))
    states = file_states(files, read)
    record = None if full else read_record(key)
    got = incremental_shacl(union(), files, states, record, shapes, engine, read) if record is not None else None
    if got is not None:
        results, scope = got
        triples = int(next(iter(union().query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))[0].value)
    else:
        data = union_ntriples(backend)
        results, scope, triples = shacl_results(data, shapes, engine), None, _lines(data)
    if scope is None or scope.changed_files:  # unchanged: the record says it already
        write_record(key, states, results, read)
    return results, scope, triples


def _lines(data: bytes) -> int:
    return sum(1 for line in data.splitlines() if line.strip())
