"""Result tables → text: table, csv, tsv, json (SPARQL 1.1 Query Results JSON), md."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from kg.errors import OutputError
from kg.query.results import ResultTable

FORMATS = ("table", "csv", "tsv", "json", "md")
MAX_CELL = 70
MAX_TABLE_ROWS = 5000  # beyond this a table is unreadable; csv/tsv/json have no limit


def readable_columns(table: ResultTable) -> list[str]:
    """For people: drop an IRI column x when its label column xLabel is there."""
    cols = list(table.columns)
    return [c for c in cols if f"{c}Label" not in cols]


def render(table: ResultTable, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(table.to_sparql_json(), ensure_ascii=False, indent=2)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(table.columns)
        for row in table:
            writer.writerow([_plain(str(c)) if fmt == "tsv" else str(c) for c in row.cells])
        return buf.getvalue().rstrip("\n")
    if len(table) > MAX_TABLE_ROWS:
        raise OutputError(f"resultaat te groot voor --format {fmt} ({len(table)} rijen, maximum "
                          f"{MAX_TABLE_ROWS}): gebruik --format csv, tsv of json, of een LIMIT")
    cols = readable_columns(table)
    rows = [[_cell(str(row[c])) for c in cols] for row in table]
    if fmt == "md":
        return _markdown(cols, rows)
    return _text_table(cols, rows, len(table))


def render_records(header: Sequence[str], rows: Sequence[Sequence[str]], fmt: str) -> str:
    """Plain records (not SPARQL results) in the same formats; json is a list of objects."""
    if fmt == "json":
        return json.dumps([dict(zip(header, r)) for r in rows], ensure_ascii=False, indent=2)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows([[_plain(c) for c in r] for r in rows])
        return buf.getvalue().rstrip("\n")
    cells = [[_cell(c) for c in r] for r in rows]
    return _markdown(list(header), cells) if fmt == "md" else _text_table(list(header), cells, len(rows))


def _plain(text: str) -> str:
    return " ".join(text.split())


def _cell(text: str) -> str:
    text = _plain(text)
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _text_table(cols: list[str], rows: list[list[str]], count: int) -> str:
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(cols)]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip(), line]
    out += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in rows]
    out.append(f"({count} {'rij' if count == 1 else 'rijen'})")
    return "\n".join(out)


def _markdown(cols: list[str], rows: list[list[str]]) -> str:
    def esc(v: str) -> str:
        return v.replace("|", "\\|")

    out = ["| " + " | ".join(esc(c) for c in cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    out += ["| " + " | ".join(esc(v) for v in r) + " |" for r in rows]
    return "\n".join(out)
