"""Named SPARQL queries: .rq files with a metadata header, and safe parameter binding.

Header lines (comments at the top of the file):

    # name: versterkers
    # title@nl: Versterkers die een interventie aanvullen
    # title@en: Boosters that complement an intervention
    # description@nl: …
    # description@en: …
    # param: interventie | kind=interventie | required | help@nl=… | help@en=…
    # param: rol | kind=text | optional | choices=integraal,versterker | help@nl=… | help@en=…
    # group@nl: Interventies en hun rollen
    # group@en: Interventions and their roles
    # unstated: krachtgericht, stressSensitief

``choices`` limits a text parameter to the listed values (anything else is a clear error);
``group`` is the heading under which ``query --help`` lists the query.
``unstated`` names yes/no columns whose empty cell means that no document states anything
(shown as "niet vermeld"/"not stated", never as "no").

A parameter's slot in the query body is the variable ``$name``. Binding replaces each
``$name`` token (outside strings, IRIs and comments) with the ``n3()`` serialisation of the
rdflib term the value resolved to; an unbound optional slot stays a variable, so the
pattern matches anything. Raw user text never enters the query.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib.term import Literal, Node

from ..errors import QueryError, QueryParameterError

# Kinds a parameter may declare; each maps to how a user value is resolved.
KINDS = ("interventie", "leefgebied", "theorie", "niveau", "bron", "gemeente", "instrument",
         "erkenning", "entiteit", "text", "integer")

BUILTIN_SLOTS = {"taal"}  # bound by the library to the output language


@dataclass(frozen=True)
class Param:
    """A declared parameter of a named query."""

    name: str
    kind: str
    required: bool
    help: dict[str, str] = field(default_factory=dict)
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class NamedQuery:
    """One .rq file: its metadata and SPARQL text."""

    name: str
    path: Path
    title: dict[str, str]
    description: dict[str, str]
    params: tuple[Param, ...]
    text: str
    group: dict[str, str] = field(default_factory=dict)
    unstated: tuple[str, ...] = ()

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params)
        raise QueryParameterError(f"query '{self.name}' kent geen parameter '{name}' (wel: {known or 'geen'})",
                                  en=f"query '{self.name}' has no parameter '{name}' (it has: {known or 'none'})")

    def label(self, lang: str = "nl") -> str:
        return self.title.get(lang) or self.title.get("nl") or self.name

    def group_label(self, lang: str = "nl") -> str:
        """The heading `query --help` lists this query under ("" when the header names none)."""
        return self.group.get(lang) or self.group.get("nl") or ""


_HEADER_RE = re.compile(r"^#\s*([a-zA-Z]+)(?:@([a-z]{2}))?\s*:\s*(.*)$")


def parse_named_query(path: Path) -> NamedQuery:
    """Read one .rq file; a malformed header is a QueryError naming file and line."""
    text = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    title: dict[str, str] = {}
    description: dict[str, str] = {}
    group: dict[str, str] = {}
    params: list[Param] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        m = _HEADER_RE.match(line)
        if not m:
            continue
        key, lang, value = m.group(1), m.group(2), m.group(3).strip()
        if key == "title" and lang:
            title[lang] = value
        elif key == "description" and lang:
            description[lang] = value
        elif key == "group" and lang:
            group[lang] = value
        elif key == "param":
            params.append(_parse_param(path, lineno, value))
        elif key == "unstated":
            meta[key] = value
        else:
            meta[key] = value
    name = meta.get("name")
    if not name:
        raise QueryError(f"{path}:1: header mist '# name: …'",
                         en=f"{path}:1: header lacks '# name: …'")
    if name != path.stem:
        raise QueryError(f"{path}:1: naam '{name}' wijkt af van de bestandsnaam",
                         en=f"{path}:1: name '{name}' differs from the file name")
    if "nl" not in title:
        raise QueryError(f"{path}:1: header mist '# title@nl: …'",
                         en=f"{path}:1: header lacks '# title@nl: …'")
    body_vars = set(_slot_names(text))
    for p in params:
        if p.name not in body_vars:
            raise QueryError(f"{path}: parameter '{p.name}' heeft geen slot ${p.name} in de query",
                             en=f"{path}: parameter '{p.name}' has no slot ${p.name} in the query")
    unstated = tuple(c.strip().lstrip("?") for c in meta.get("unstated", "").split(",") if c.strip())
    return NamedQuery(name, path, title, description, tuple(params), text, group, unstated)


def _parse_param(path: Path, lineno: int, value: str) -> Param:
    parts = [p.strip() for p in value.split("|")]
    name = parts[0]
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise QueryError(f"{path}:{lineno}: ongeldige parameternaam '{name}'",
                         en=f"{path}:{lineno}: invalid parameter name '{name}'")
    kind = "text"
    required = False
    helps: dict[str, str] = {}
    choices: tuple[str, ...] = ()
    for part in parts[1:]:
        if part.startswith("kind="):
            kind = part[5:]
        elif part.startswith("choices="):
            choices = tuple(c.strip() for c in part[8:].split(",") if c.strip())
        elif part == "required":
            required = True
        elif part == "optional":
            required = False
        elif part.startswith("help@"):
            lang, _, txt = part[5:].partition("=")
            helps[lang] = txt
    if kind not in KINDS:
        raise QueryError(f"{path}:{lineno}: onbekende soort '{kind}' (kies uit {', '.join(KINDS)})",
                         en=f"{path}:{lineno}: unknown kind '{kind}' (choose from {', '.join(KINDS)})")
    if choices and kind != "text":
        raise QueryError(f"{path}:{lineno}: choices= alleen bij kind=text",
                         en=f"{path}:{lineno}: choices= only with kind=text")
    return Param(name, kind, required, helps, choices)


def load_named_queries(folder: Path) -> dict[str, NamedQuery]:
    """All named queries in folder (not its qc/ sub-folder), by name. Parsed once per process
    while no file changes (the CLI needs them to build its commands and again to run one)."""
    paths = sorted(folder.glob("*.rq"))
    stamp: list[tuple[Path, int, int]] = []
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            stamp.clear()  # let parse_named_query report it
            break
        stamp.append((path, st.st_mtime_ns, st.st_size))
    key = (folder, tuple(stamp))
    if stamp and key in _PARSED:
        return dict(_PARSED[key])
    found = {}
    for path in paths:
        q = parse_named_query(path)
        found[q.name] = q
    if stamp:
        _PARSED.clear()  # one folder at a time is what a process uses
        _PARSED[key] = found
    return dict(found)


_PARSED: dict[tuple[Path, tuple[tuple[Path, int, int], ...]], dict[str, NamedQuery]] = {}


# A small scanner: SPARQL strings, IRIs and comments are copied as they are; only
# `$name` tokens elsewhere are slots. This keeps a `$x` inside a string literal untouched.
_TOKEN_RE = re.compile(
    r'''("""(?:[^"\\]|\\.|"(?!""))*"""|'\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|\#[^\n]*|\$[A-Za-z_][A-Za-z0-9_]*)'''
)


def without_literals(text: str) -> str:
    """The SPARQL text with its strings, IRIs and comments left out: what is left are the
    keywords, variables and punctuation (to ask, say, whether a query uses GRAPH)."""
    return _TOKEN_RE.sub(lambda m: m.group(0) if m.group(0).startswith("$") else " ", text)


def _slot_names(text: str) -> list[str]:
    return [tok[1:] for tok in _TOKEN_RE.findall(text) if tok.startswith("$")]


def sparql_term(term: Node) -> str:
    """The term's own n3() form, with a raw tab escaped: rdflib's SPARQL parser drops a literal
    tab inside a string (found by the property tests), so "a<TAB>b" would not match itself."""
    text = term.n3()
    return text.replace("\t", "\\t") if isinstance(term, Literal) else text


def bind(text: str, values: Mapping[str, Node]) -> str:
    """Replace each `$name` slot whose name is in values by that term's n3() form."""

    def sub(m: re.Match[str]) -> str:
        tok = m.group(0)
        if tok.startswith("$") and tok[1:] in values:
            return sparql_term(values[tok[1:]])
        return tok

    return _TOKEN_RE.sub(sub, text)
