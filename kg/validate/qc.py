"""The battery of SPARQL quality checks in queries/qc/ (ODK-style "violation" queries): each
returns ?focus ?message rows, and every row is a violation."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..errors import KgError
from ..query.named import NamedQuery, parse_named_query
from ..query.results import ResultTable, Row
from ..store.backend import Backend
from .names import short_iri
from .report import Violation


def run_qc(backend: Backend, qc_dir: Path, lang: str) -> list[Violation]:
    """Each qc/*.rq returns ?focus ?message (?message_en) rows: every row is a violation."""
    checks = [parse_named_query(path) for path in sorted(qc_dir.glob("*.rq"))]
    # a backend whose queries run outside the GIL (oxigraph) answers the checks side by side:
    # at 100 000 interventions they are half of what `validate` takes after an edit
    workers = min(len(checks), os.cpu_count() or 1) if getattr(backend, "concurrent_queries", False) else 1
    if workers > 1:
        with ThreadPoolExecutor(workers) as pool:
            tables = list(pool.map(lambda q: _answer(backend, q), checks))
    else:
        tables = [_answer(backend, q) for q in checks]
    out = []
    for q, table in zip(checks, tables, strict=True):
        for row in table:
            # each check words its message in Dutch (?message) and in English (?message_en)
            msg = (lang == "en" and _text(row, "message_en")) or _text(row, "message")
            path_cell = row.get("path")
            out.append(Violation(
                focus=_text(row, "focus"),
                focus_label=_text(row, "focusLabel"),
                path=short_iri(path_cell.term) if path_cell is not None and path_cell.term is not None else "",
                message=msg or q.label(lang),
                severity="Violation",
                check=q.name,
            ))
    return out


def _answer(backend: Backend, q: NamedQuery) -> ResultTable:
    try:
        return backend.select(q.text)
    except Exception as exc:  # noqa: BLE001 - a broken check is reported, not fatal
        raise KgError(f"{q.path}: kwaliteitscontrole kon niet draaien: {exc}",
                      en=f"{q.path}: quality check could not run: {exc}") from None


def _text(row: Row, column: str) -> str:
    """The column's value as text; "" where the query has no such column or left it unbound
    (an unbound Cell is still there, and true)."""
    cell = row.get(column)
    return str(cell) if cell is not None else ""
