"""Typed query results: a table of cells that know their term, kind and label.

A ResultTable has the table interface of every list of the API (kg.table.TableMixin):
to_df(), to_csv(), flat_dicts(), a readable str() and a notebook table.

>>> import kg
>>> t = kg.load().query("versterkers", interventie="Krachtwerk", leefgebied="financiën")
>>> t.to_df()[["versterkerLabel", "reikwijdteLabel"]].head(2)
  versterkerLabel reikwijdteLabel
0           8TING       nationaal
1    Budgetcursus       nationaal
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rdflib.term import BNode, Literal, Node, URIRef

from ..table import TableMixin


@dataclass(frozen=True)
class Cell:
    """One value of a result row."""

    term: Node | None

    @property
    def is_iri(self) -> bool:
        """True when the value is an IRI (a URIRef)."""
        return isinstance(self.term, URIRef)

    @property
    def value(self) -> Any:
        """The Python value: str for IRIs and text, int/float/bool/date for typed literals."""
        if self.term is None:
            return None
        if isinstance(self.term, Literal):
            return self.term.toPython()
        return str(self.term)

    def __str__(self) -> str:
        return "" if self.term is None else str(self.term)

    def to_json(self) -> dict[str, str] | None:
        """The SPARQL 1.1 Query Results JSON form of this cell."""
        t = self.term
        if t is None:
            return None
        if isinstance(t, URIRef):
            return {"type": "uri", "value": str(t)}
        if isinstance(t, BNode):
            return {"type": "bnode", "value": str(t)}
        if isinstance(t, Literal):
            out = {"type": "literal", "value": str(t)}
            if t.language:
                out["xml:lang"] = t.language
            elif t.datatype:
                out["datatype"] = str(t.datatype)
            return out
        return {"type": "literal", "value": str(t)}


@dataclass(frozen=True)
class Row:
    """One result row: cells by column name."""

    columns: tuple[str, ...]
    cells: tuple[Cell, ...]

    def __getitem__(self, key: str) -> Cell:
        return self.cells[self.columns.index(key)]

    def get(self, key: str) -> Cell | None:
        """The cell of column key, or None where the query has no such column."""
        return self[key] if key in self.columns else None

    def as_dict(self) -> dict[str, Any]:
        """The row as {column: plain Python value} (see Cell.value)."""
        return {c: cell.value for c, cell in zip(self.columns, self.cells)}


@dataclass(frozen=True, repr=False)
class ResultTable(TableMixin):
    """The rows a query returned, with their column order. Cells keep their RDF term
    (`row["x"].term`, IRIs as URIRef); to_dicts(), to_df() and to_csv() give plain values
    (IRIs as str)."""

    columns: tuple[str, ...]
    rows: tuple[Row, ...]

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[Any]:
        """The plain values of one column, row by row."""
        return [r[name].value for r in self.rows]

    def to_dicts(self) -> list[dict[str, Any]]:
        """Each row as {column: plain value} (None where a variable is unbound)."""
        return [r.as_dict() for r in self.rows]

    def table_columns(self) -> list[str]:
        """The query's columns, in order, also when no row came back."""
        return list(self.columns)

    def to_sparql_json(self) -> dict[str, Any]:
        """The table in the SPARQL 1.1 Query Results JSON format (a dict)."""
        bindings = []
        for r in self.rows:
            b = {c: j for c, cell in zip(r.columns, r.cells) if (j := cell.to_json()) is not None}
            bindings.append(b)
        return {"head": {"vars": list(self.columns)}, "results": {"bindings": bindings}}

    @classmethod
    def from_rows(cls, columns: list[str], rows: list[list[Node | None]]) -> ResultTable:
        """A table from column names and rows of RDF terms (None where unbound)."""
        cols = tuple(columns)
        return cls(cols, tuple(Row(cols, tuple(Cell(v) for v in r)) for r in rows))

    def __repr__(self) -> str:
        return f"ResultTable({len(self.rows)} rows × {list(self.columns)})"
