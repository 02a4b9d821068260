"""The battery of SPARQL quality checks in queries/qc/ (ODK-style "violation" queries): each
returns ?focus ?message rows, and every row is a violation."""

from __future__ import annotations

from pathlib import Path

from ..errors import KgError
from ..query.named import parse_named_query
from ..query.results import Row
from ..store.backend import Backend
from .names import short_iri
from .report import Violation


def run_qc(backend: Backend, qc_dir: Path, lang: str) -> list[Violation]:
    """Each qc/*.rq returns ?focus ?message (?message_en) rows: every row is a violation."""
    out = []
    for path in sorted(qc_dir.glob("*.rq")):
        q = parse_named_query(path)
        try:
            table = backend.select(q.text)
        except Exception as exc:  # noqa: BLE001 - a broken check is reported, not fatal
            raise KgError(f"{path}: kwaliteitscontrole kon niet draaien: {exc}",
                          en=f"{path}: quality check could not run: {exc}") from None
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


def _text(row: Row, column: str) -> str:
    """The column's value as text; "" where the query has no such column or left it unbound
    (an unbound Cell is still there, and true)."""
    cell = row.get(column)
    return str(cell) if cell is not None else ""
