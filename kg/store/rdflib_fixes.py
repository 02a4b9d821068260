"""A workaround for one rdflib SPARQL bug, applied once before rdflib evaluates a query.

rdflib 7 evaluates ``GROUP_CONCAT(DISTINCT ?x)`` (and SUM/AVG/MIN/MAX/SAMPLE with DISTINCT)
over a variable that an OPTIONAL left unbound by raising NotBoundError out of the query,
where SPARQL 1.1 (§18.5) says an unbound value is simply left out of the aggregate. rdflib
already fixed this for COUNT (``Counter.use_row``, rdflib issue #2229) but not for the base
class the other aggregates share. The patch gives the base class the same guard; it is
applied only while rdflib still has the unguarded method, so a fixed rdflib is left alone.
"""

from __future__ import annotations

from typing import Any

_PATCHED = False


def patch_distinct_aggregates() -> None:
    """Make DISTINCT aggregates skip unbound values instead of failing (see module doc)."""
    global _PATCHED
    if _PATCHED:
        return
    from rdflib.plugins.sparql import aggregates
    from rdflib.plugins.sparql.sparql import NotBoundError

    original = aggregates.Accumulator.use_row
    if "NotBoundError" in original.__code__.co_names:  # rdflib guards it itself
        _PATCHED = True
        return

    def use_row(self: Any, row: Any) -> bool:
        try:
            return bool(original(self, row))
        except NotBoundError:
            return False  # an unbound value takes no part in the aggregate

    aggregates.Accumulator.use_row = use_row  # type: ignore[method-assign]
    _PATCHED = True
