"""Result tables → text: table, csv, tsv, json (SPARQL 1.1 Query Results JSON), md."""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

import click
from rdflib import Literal
from rdflib.namespace import XSD

from kg.errors import OutputError
from kg.paths import queries_dir
from kg.query.results import Cell, ResultTable

from .language import t

FORMATS = ("table", "csv", "tsv", "json", "md")
MAX_CELL = 70
MAX_TABLE_ROWS = 5000  # beyond this a table is unreadable; csv/tsv/json have no limit
_WRAP = "armoede_kg.wrap"


def wrap_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """--wrap: show long values whole (table: over several lines of one column; md: uncut)."""

    def remember(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
        if value:
            ctx.meta[_WRAP] = True
        return value

    return click.option("--wrap", "wrap", is_flag=True, callback=remember, expose_value=False,
                        help=f"Toon lange waarden helemaal (tabel: over meerdere regels; md: niet afgekapt) "
                             f"in plaats van ze na {MAX_CELL} tekens af te kappen.")(f)


def _wrapping() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.meta.get(_WRAP))


@functools.cache
def _english_columns() -> dict[str, str]:
    """queries/kolommen.csv: the English heading of each result column (a Dutch variable name)."""
    with (queries_dir() / "kolommen.csv").open(encoding="utf-8", newline="") as fh:
        return {row["kolom"]: row["en"] for row in csv.DictReader(fh)}


def column_title(name: str, lang: str | None = None) -> str:
    """A column's heading: the variable's name in Dutch, its English name (kolommen.csv) in
    English; "xLabel" is headed as x, "x2" as "x 2"."""
    if t("nl", "en", lang) == "nl":
        return name
    m = re.fullmatch(r"(.*?)(\d*)", name.removesuffix("Label") or name)
    base, number = (m.group(1), m.group(2)) if m else (name, "")  # document1 → document 1
    return _english_columns().get(base, base) + (f" {number}" if number else "")


def readable_columns(table: ResultTable) -> list[str]:
    """For people: drop an IRI column x when its label column xLabel is there."""
    cols = list(table.columns)
    return [c for c in cols if f"{c}Label" not in cols]


def render(table: ResultTable, fmt: str, unstated: Sequence[str] = ()) -> str:
    """The table as text. In table and md, yes/no columns (xsd:boolean values, or a named query's
    `unstated` columns) say ja/nee and, where no document states anything, "niet vermeld"."""
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
                          f"{MAX_TABLE_ROWS}): gebruik --format csv, tsv of json, of een LIMIT",
                          en=f"result too large for --format {fmt} ({len(table)} rows, at most "
                             f"{MAX_TABLE_ROWS}): use --format csv, tsv or json, or a LIMIT")
    cols = readable_columns(table)
    claims = {c for c in cols if c in unstated or any(_is_boolean(r[c]) for r in table)}
    rows = [[_shown(row[c], c in claims) for c in cols] for row in table]
    titles = [column_title(c) for c in cols]
    if fmt == "md":
        return _markdown(titles, [[_cell(v, cut=not _wrapping()) for v in r] for r in rows])
    return _text_table(titles, rows, len(table))


def _is_boolean(cell: Cell) -> bool:
    return isinstance(cell.term, Literal) and cell.term.datatype == XSD.boolean


def _shown(cell: Cell, claim: bool) -> str:
    """What a person reads in a cell: a yes/no claim in words, an unstated one as such."""
    if not claim:
        return str(cell)
    if cell.term is None:
        return t("niet vermeld", "not stated")
    if _is_boolean(cell):
        return t("ja", "yes") if cell.value is True else t("nee", "no")
    return str(cell)


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
    if fmt == "md":
        return _markdown(list(header), [[_cell(c, cut=not _wrapping()) for c in r] for r in rows])
    return _text_table(list(header), [list(r) for r in rows], len(rows))


def _plain(text: str) -> str:
    return " ".join(text.split())


def _cell(text: str, cut: bool = True) -> str:
    text = _plain(text)
    return text if not cut or len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _text_table(cols: list[str], rows: list[list[str]], count: int) -> str:
    """Columns padded to their widest value; a value longer than MAX_CELL is cut with "…", or
    with --wrap continued on the next lines of its own column."""
    if _wrapping():
        cells = [[textwrap.wrap(_plain(v), MAX_CELL, break_on_hyphens=False) or [""] for v in r] for r in rows]
    else:
        cells = [[[_cell(v)] for v in r] for r in rows]
    widths = [max([len(c)] + [len(line) for r in cells for line in r[i]]) for i, c in enumerate(cols)]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip(), line]
    for r in cells:
        for k in range(max(len(v) for v in r) if r else 1):
            out.append("  ".join((v[k] if k < len(v) else "").ljust(w) for v, w in zip(r, widths)).rstrip())
    out.append(t(f"({count} {'rij' if count == 1 else 'rijen'})", f"({count} {'row' if count == 1 else 'rows'})"))
    return "\n".join(out)


def _markdown(cols: list[str], rows: list[list[str]]) -> str:
    def esc(v: str) -> str:
        return v.replace("|", "\\|")

    out = ["| " + " | ".join(esc(c) for c in cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    out += ["| " + " | ".join(esc(v) for v in r) + " |" for r in rows]
    return "\n".join(out)
