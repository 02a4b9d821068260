"""Checks on user SPARQL before any engine sees it: syntax, read-only, no SERVICE.

Detection works on the parsed query, not on text search, so `"SERVICE"` inside a string
is harmless and `service` in lower case is still caught. Oxigraph would federate a
SERVICE call unconditionally, so the check must come first for every backend.
"""

from __future__ import annotations

from typing import Any

from pyparsing import ParseException
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

from ..errors import QueryError, UpdateNotAllowedError
from .syntax import from_rdflib

QUERY_FORMS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct",
               "DescribeQuery": "describe"}


def check_query(text: str, allow_service: bool = False) -> str:
    """Return the query form ('select', 'ask', 'construct', 'describe') of a read-only
    query, or raise a one-line QueryError."""
    if not text.strip():
        raise QueryError("lege query: geef een SELECT-, ASK-, CONSTRUCT- of DESCRIBE-query",
                         en="empty query: give a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    try:
        parsed = parseQuery(text)
    except ParseException as exc:
        if _is_update(text):
            raise UpdateNotAllowedError("SPARQL UPDATE is niet toegestaan: deze graaf is alleen-lezen",
                                        en="SPARQL UPDATE is not allowed: this graph is read-only") from None
        raise from_rdflib(text, exc) from None
    except Exception as exc:  # noqa: BLE001 - rdflib raises assorted errors on odd input
        raise from_rdflib(text, exc) from None
    form = QUERY_FORMS.get(parsed[1].name, "select")
    if not allow_service and _has_node(parsed[1], "ServiceGraphPattern"):
        raise QueryError("SERVICE (federatie) is uitgeschakeld: een query mag geen andere endpoints aanroepen",
                         en="SERVICE (federation) is disabled: a query may not call other endpoints")
    if _has_node(parsed[1], "DatasetClause"):
        # rdflib loads every FROM / FROM NAMED IRI, file:// included: a way to read local files
        raise QueryError("FROM en FROM NAMED zijn niet toegestaan: een query kan geen andere bestanden of "
                         "adressen laden (gebruik GRAPH binnen de query)",
                         en="FROM and FROM NAMED are not allowed: a query cannot load other files or "
                            "addresses (use GRAPH inside the query)")
    return form


def _is_update(text: str) -> bool:
    try:
        parsed = parseUpdate(text)
    except Exception:  # noqa: BLE001
        return False
    # only comments and PREFIXes parse as an empty update: that is no update, just no query
    return "request" in parsed


def _has_node(node: Any, wanted: str) -> bool:
    # Walk the parse tree (CompValue objects, lists, dicts) looking for a node of that name.
    stack = [node]
    seen: set[int] = set()
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        name = getattr(n, "name", None)
        if name == wanted:
            return True
        if isinstance(n, dict):
            stack.extend(n.values())
        elif isinstance(n, (list, tuple)):
            stack.extend(n)
    return False
