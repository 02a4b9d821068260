"""Parse errors of any engine → one readable QueryError: line, column and what is wrong.

rdflib reports a pyparsing exception (or a bare Exception for an unknown prefix), oxigraph a
SyntaxError whose text lists every grammar rule it expected; a user needs neither dump."""

from __future__ import annotations

import re

from ..errors import QueryError
from .named import _TOKEN_RE
from .prefixes import PREFIXES

_OX_AT = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)
# oxigraph's sentences about a broken rule, in Dutch (others are shown as oxigraph words them)
_OX_REASONS_NL = {
    "The SELECT contains a variable that is unbound":
        "de SELECT noemt een variabele die niet gebonden is (bij GROUP BY: niet gegroepeerd)",
    "Duplicated variable name in SELECT": "dezelfde variabele staat twee keer in de SELECT",
}
_UNKNOWN_PREFIX = re.compile(r"Unknown namespace prefix\s*:\s*(\S*)")


def syntax_error(text: str, line: int | None, col: int | None, nl: str = "", en: str = "") -> QueryError:
    """'ongeldige SPARQL op regel L, kolom C: <nl>' (with the text found there when no reason is given)."""
    where_nl = where_en = ""
    if line:
        where_nl, where_en = f" op regel {line}, kolom {col or 1}", f" at line {line}, column {col or 1}"
        if not nl:
            near = _near(text, line, col or 1)
            nl, en = (f"onverwacht '{near}'", f"unexpected '{near}'") if near else \
                ("onverwacht einde van de query", "unexpected end of the query")
    return QueryError(f"ongeldige SPARQL{where_nl}: {nl}", en=f"invalid SPARQL{where_en}: {en}")


def from_oxigraph(text: str, message: str) -> QueryError:
    flat = " ".join(message.split())
    m = _OX_AT.match(flat)
    if not m:
        return QueryError(f"ongeldige SPARQL: {flat[:200]}", en=f"invalid SPARQL: {flat[:200]}")
    line, col, rest = int(m.group(1)), int(m.group(2)), m.group(3)
    if "Prefix not found" in rest:
        return unknown_prefix(text, undeclared_prefix(text))
    # besides the grammar rules it expected, oxigraph names a broken rule in a sentence
    items = re.split(r",\s*", rest.removeprefix("expected one of "))
    reasons = [r for r in items if re.match(r"[A-Z][a-z]+ [A-Za-z]", r)]
    if reasons:
        why = reasons[0][:160]
        return syntax_error(text, line, col, _OX_REASONS_NL.get(why, why), why)
    return syntax_error(text, line, col)


def from_rdflib(text: str, exc: Exception) -> QueryError:
    """A pyparsing ParseException (it has lineno/col) or rdflib's unknown-prefix Exception."""
    m = _UNKNOWN_PREFIX.search(str(exc))
    if m:
        return unknown_prefix(text, m.group(1))
    line, col = getattr(exc, "lineno", None), getattr(exc, "col", None)
    return syntax_error(text, line, col)


def unknown_prefix(text: str, prefix: str | None) -> QueryError:
    line, col = _find_prefix(text, prefix) if prefix is not None else (None, None)
    shown = f"'{prefix}:' " if prefix is not None else ""
    return syntax_error(text, line, col, f"onbekend voorvoegsel {shown}(geef een PREFIX-regel)",
                        f"unknown prefix {shown}(add a PREFIX line)")


def undeclared_prefix(text: str) -> str | None:
    """The first prefix the query uses that it does not declare and that is not predefined."""
    bare = _masked(text)
    declared = set(re.findall(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:", bare))
    for m in _PREFIXED.finditer(bare):
        name = m.group(1) or ""
        if name not in declared and name not in PREFIXES:
            return name
    return None


def _near(text: str, line: int, col: int) -> str:
    lines = text.splitlines()
    if line > len(lines):
        return ""
    rest = lines[line - 1][col - 1:].strip()
    return rest.split()[0][:30] if rest else ""


_PREFIXED = re.compile(r"(?<![\w?$:.-])([A-Za-z][\w.-]*)?:(?=[\w%\\]|\s|$)")


def _masked(text: str) -> str:
    """text with its strings, IRIs and comments blanked out, every character kept in place."""
    return _TOKEN_RE.sub(lambda t: t.group(0) if t.group(0).startswith("$") else re.sub(r"[^\n]", " ", t.group(0)),
                         text)


def _find_prefix(text: str, prefix: str) -> tuple[int | None, int | None]:
    """Line and column of the first use of prefix: outside strings, IRIs and comments."""
    bare = _masked(text)
    m = re.search(rf"(?<![\w?$:.-]){re.escape(prefix)}:", bare)
    if not m:
        return None, None
    before = bare[: m.start()]
    return before.count("\n") + 1, m.start() - (before.rfind("\n") + 1) + 1
