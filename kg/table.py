"""One table interface for every list the API returns: query results (ResultTable) and
lists of domain objects, paths and scores (Results). Both get to_df(), to_csv(),
flat_dicts(), a readable str() and a notebook table (_repr_html_) from TableMixin.

>>> from kg.query.results import ResultTable
>>> from rdflib import Literal
>>> t = ResultTable.from_rows(["name", "n"], [[Literal("Krachtwerk"), Literal(12)]])
>>> print(t)
name        n
----------  --
Krachtwerk  12
>>> t.to_csv()
'name,n\\nKrachtwerk,12\\n'
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import MissingDependencyError

# a cell of str() is cut here; to_text(width=None) shows whole values
TEXT_WIDTH = 60
HTML_WIDTH = 160
HTML_ROWS = 200


def shorten(text: str, n: int) -> str:
    """text on one line, cut to n characters with '…' where it was longer."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def flat_value(value: Any, join: str = "; ") -> Any:
    """A list or tuple as one str (its items joined), anything else as it is."""
    if isinstance(value, (list, tuple)):
        return join.join("" if v is None else str(v) for v in value)
    return value


class TableMixin:
    """to_df, to_csv, flat_dicts, str() and _repr_html_ over `to_dicts()` and
    `table_columns()`; `title` (if any) captions the notebook table."""

    title: str = ""

    def to_dicts(self) -> list[dict[str, Any]]:
        """Each record as a dict of plain values (the class that mixes this in says how)."""
        raise NotImplementedError

    def table_columns(self) -> list[str]:
        """The column names, in order (kept when there are no rows)."""
        raise NotImplementedError

    def flat_dicts(self, join: str = "; ") -> list[dict[str, Any]]:
        """to_dicts() with every list value joined into one str: one value per cell, for CSV
        and spreadsheets."""
        return [{k: flat_value(v, join) for k, v in row.items()} for row in self.to_dicts()]

    def to_df(self, flatten: str | None = None) -> Any:
        """A pandas DataFrame with one row per record and the columns in order, also when
        there are no rows (needs the optional extra `pandas`). flatten="; " joins list values
        into one str per cell."""
        try:
            import pandas as pd
        except ImportError:
            raise MissingDependencyError(
                "to_df() heeft pandas nodig: pip install 'armoede-kg[pandas]'",
                en="to_df() needs pandas: pip install 'armoede-kg[pandas]'") from None
        rows = self.to_dicts() if flatten is None else self.flat_dicts(flatten)
        return pd.DataFrame(rows, columns=self.table_columns())

    def to_csv(self, path: Path | str | None = None, join: str = "; ", delimiter: str = ",",
               force: bool = False) -> str | Path:
        """The table as CSV (list values joined with `join`): the text, or written atomically
        to path (an existing file only with force=True), which is returned. No pandas needed."""
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
        cols = self.table_columns()
        writer.writerow(cols)
        for row in self.flat_dicts(join):
            writer.writerow(["" if row.get(c) is None else row.get(c) for c in cols])
        if path is None:
            return buf.getvalue()
        from .atomic import write_atomic

        return write_atomic(path, buf.getvalue(), force=force)

    def to_text(self, width: int | None = TEXT_WIDTH) -> str:
        """Aligned columns, one line per record; values cut at `width` characters (None:
        whole values)."""
        cols = self._shown_columns()
        rows = [[_text(r.get(c), width) for c in cols] for r in self.to_dicts()]
        widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(cols)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip(),
                 "  ".join("-" * w for w in widths)]
        lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in rows]
        if self.title:
            lines.insert(0, f"{self.title} ({len(rows)})")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def _shown_columns(self) -> list[str]:
        """Columns for people: an IRI column is left out where a label column names it
        ('iri' beside 'label', 'x' beside 'xLabel'), and so are the labels per language beside
        'label'; to_df() and to_csv() keep every column."""
        cols = self.table_columns()
        beside_label = {"iri", "label_nl", "label_en"} if "label" in cols else set()
        return [c for c in cols if c not in beside_label and f"{c}Label" not in cols]

    def _repr_html_(self) -> str:
        rows = self.to_dicts()
        cols = self._shown_columns()
        title = f"<caption>{html.escape(self.title)} ({len(rows)})</caption>" if self.title else ""
        head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
        body = []
        for r in rows[:HTML_ROWS]:
            cells = []
            for c in cols:
                text = _html_value(r.get(c))
                iri = r.get("iri") if c == "label" else r.get(c[:-5]) if c.endswith("Label") else None
                if iri:
                    text = f'<a href="{html.escape(str(iri))}">{text}</a>'
                cells.append(f"<td>{text}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        span = max(len(cols), 1)
        if not rows:
            body.append(f"<tr><td colspan={span}><i>geen resultaten / no results</i></td></tr>")
        elif len(rows) > HTML_ROWS:
            body.append(f"<tr><td colspan={span}>… +{len(rows) - HTML_ROWS}</td></tr>")
        return f"<table>{title}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _text(v: Any, width: int | None) -> str:
    text = " ".join(str(flat_value(v)).split()) if v is not None else ""
    return shorten(text, width) if width else text


def _html_value(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.3f}"
    text = html.escape(shorten(str(flat_value(v)), HTML_WIDTH))
    if isinstance(v, str) and v.startswith(("http://", "https://")):
        return f'<a href="{html.escape(v)}">{text}</a>'
    return text


def columns_of(rows: Sequence[dict[str, Any]]) -> list[str]:
    """The keys of the first row (records of one kind share them), or none."""
    return list(rows[0]) if rows else []
