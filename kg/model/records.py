"""Results: the immutable list every list method of the API returns, with the table interface
of kg.table (to_df, to_csv, str, notebook table)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Generic, Protocol, TypeVar, overload

from ..table import TableMixin

# -- records and result lists ----------------------------------------------------------------

class Record(Protocol):
    """Anything a Results list can hold: it converts itself to a plain dict."""

    def to_dict(self) -> dict[str, Any]: ...


R = TypeVar("R", bound=Record)


class Results(TableMixin, Sequence[R], Generic[R]):
    """An immutable list of records (entities, paths, scores) that converts to plain Python,
    to a pandas DataFrame or CSV, prints as a text table and shows itself as a table in a
    notebook (kg.table.TableMixin, shared with query results).

    >>> import kg
    >>> integral = kg.load().interventions(role="integraal")
    >>> len(integral), integral[0].label
    (8, 'Bind-Kracht in Armoede')
    >>> integral.to_dicts()[0]["level"]
    'B'
    """

    def __init__(self, items: Iterable[R], title: str = "") -> None:
        self._items: tuple[R, ...] = tuple(items)
        self.title = title

    @overload
    def __getitem__(self, i: int) -> R: ...

    @overload
    def __getitem__(self, i: slice) -> Results[R]: ...

    def __getitem__(self, i: int | slice) -> R | Results[R]:
        if isinstance(i, slice):
            return Results(self._items[i], self.title)
        return self._items[i]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[R]:
        return iter(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Results):
            return self._items == other._items
        if isinstance(other, (list, tuple)):
            return list(self._items) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to lists, so not hashable like them

    def to_list(self) -> list[R]:
        """The records as a list."""
        return list(self._items)

    def to_dicts(self) -> list[dict[str, Any]]:
        """Each record as a dict of plain values (str, int, float, bool, lists of str)."""
        return [r.to_dict() for r in self._items]

    def labels(self) -> list[str]:
        """The label of each record (its str() where it has no label)."""
        return [str(getattr(r, "label", r)) for r in self._items]

    def table_columns(self) -> list[str]:
        """The keys of the records' dicts (none for an empty list)."""
        return list(self._items[0].to_dict()) if self._items else []

    def __repr__(self) -> str:
        shown = ", ".join(repr(r) for r in self._items[:10])
        more = f", … (+{len(self._items) - 10})" if len(self._items) > 10 else ""
        return f"Results([{shown}{more}])"
