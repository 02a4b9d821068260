"""The battery of SPARQL quality checks in queries/qc/ (ODK-style "violation" queries): each
returns ?focus ?message rows, and every row is a violation."""

from __future__ import annotations

from pathlib import Path

from ..errors import KgError
from ..query.named import parse_named_query
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
            focus = row.get("focus")
            # each check words its message in Dutch (?message) and in English (?message_en)
            msg = (row.get("message_en") if lang == "en" else None) or row.get("message")
            out.append(Violation(
                focus=str(focus) if focus else "",
                focus_label=str(row["focusLabel"]) if row.get("focusLabel") and row["focusLabel"].term else "",
                path=short_iri(row["path"].term) if row.get("path") and row["path"].term else "",
                message=str(msg) if msg else q.label(lang),
                severity="Violation",
                check=q.name,
            ))
    return out
