"""Turtle files → an rdflib Dataset with one named graph per document.

Each file is its own named graph, except the files of a sub-folder of kennis/
(e.g. kennis/004/*.ttl), which together form the graph of that one document.
The shapes file (vormen.ttl) is data about data and is loaded apart.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef

from ..errors import DataFileError
from ..terms import GRAAF

SHAPES_FILE = "vormen.ttl"
_SKIP_DIRS = {"__pycache__"}


@dataclass(frozen=True)
class DataFile:
    """One Turtle file and the named graph it belongs to."""

    path: Path
    graph: URIRef


def graph_name(root: Path, path: Path) -> URIRef:
    """The named-graph IRI of a file: graaf/<path relative to root, without .ttl>;
    files inside kennis/<doc>/ share the graph graaf/kennis/<doc>."""
    rel = path.relative_to(root).with_suffix("")
    parts = rel.parts
    if len(parts) >= 3 and parts[0] == "kennis":
        parts = parts[:2]
    return GRAAF["/".join(parts)]


def data_files(root: Path, knowledge: bool = True) -> list[DataFile]:
    """All Turtle files under root that hold data (not the shapes), in a stable order.
    With knowledge=False only the vocabulary: kern, bronnen and the concept schemes."""
    if not root.is_dir():
        raise DataFileError(f"{root}: map met ontologiebestanden niet gevonden",
                            en=f"{root}: folder with ontology files not found")
    found = [
        p
        for p in sorted(root.rglob("*.ttl"))
        if p.name != SHAPES_FILE and not _SKIP_DIRS.intersection(p.parts)
        and (knowledge or p.relative_to(root).parts[0] != "kennis")
    ]
    return [DataFile(p, graph_name(root, p)) for p in found]


def user_files(paths: Iterable[Path]) -> list[DataFile]:
    """Files a user passes in: each its own named graph graaf/extern/<file name>."""
    out = []
    for p in paths:
        out.append(DataFile(Path(p), GRAAF["extern/" + Path(p).stem]))
    return out


_LINE_RE = re.compile(r"line (\d+)", re.IGNORECASE)


# File suffix → rdflib parser. Turtle is what the project ships; the others are for files a
# user brings (validate FILE …). Formats with named graphs are read into the one target graph.
RDF_FORMATS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld",
               ".json": "json-ld", ".rdf": "xml", ".owl": "xml", ".xml": "xml", ".trix": "trix"}
_XML_DANGER = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def parse_turtle_into(graph: Graph, path: Path) -> None:
    """Parse one RDF file (Turtle unless the suffix says otherwise) into graph, turning any
    failure into a one-line DataFileError that names the file and, where known, the line.
    Nothing is fetched: XML with a DOCTYPE or entities and JSON-LD with a remote @context are
    refused before parsing; owl:imports is never followed."""
    if not path.exists():
        raise DataFileError(f"{path}: bestand bestaat niet",
                            en=f"{path}: file does not exist")
    if path.is_dir():
        raise DataFileError(f"{path}: is een map, geen bestand",
                            en=f"{path}: is a directory, not a file")
    fmt = RDF_FORMATS.get(path.suffix.lower(), "turtle")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataFileError(f"{path}: kan niet gelezen worden ({exc.strerror})",
                            en=f"{path}: cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataFileError(f"{path}:{line}: geen geldige UTF-8 ({exc.reason})",
                            en=f"{path}:{line}: not valid UTF-8 ({exc.reason})") from None
    if fmt in ("xml", "trix") and (m := _XML_DANGER.search(raw)):
        line = raw[: m.start()].count(b"\n") + 1
        raise DataFileError(f"{path}:{line}: XML met {m.group(1).decode().upper()} geweigerd "
                            "(entiteiten en externe verwijzingen worden niet verwerkt)",
                            en=f"{path}:{line}: XML with {m.group(1).decode().upper()} refused "
                               "(entities and external references are not processed)")
    if fmt == "json-ld":
        _check_jsonld(path, text)
    # the parser module: imported here, as parsing Turtle with rdflib is the exception
    from rdflib.plugins.parsers.notation3 import BadSyntax

    target: Graph = graph
    if fmt in ("nquads", "trig", "trix"):
        target = QuietDataset()
    try:
        with _quiet_literals():
            target.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except BadSyntax as exc:
        raise DataFileError(f"{path}:{exc.lines + 1}: Turtle-syntaxfout: {_short(exc._why)}",
                            en=f"{path}:{exc.lines + 1}: Turtle syntax error: {_short(exc._why)}") from None
    except Exception as exc:  # noqa: BLE001 - rdflib raises many types for bad literals, prefixes, IRIs
        msg = _short(str(exc))
        m2 = _LINE_RE.search(msg)
        where = f":{m2.group(1)}" if m2 else ""
        raise DataFileError(f"{path}{where}: ongeldige RDF: {msg}",
                            en=f"{path}{where}: invalid RDF: {msg}") from None
    if target is not graph:
        for s_, p_, o_, _g in target.quads((None, None, None, None)):  # type: ignore[attr-defined]
            graph.add((s_, p_, o_))
    _check_literals(path, text, target)


@contextlib.contextmanager
def _quiet_literals() -> Iterator[None]:
    # rdflib logs a full traceback (at WARNING) for every ill-typed literal it parses; we report
    # such literals ourselves, in one line, so its logger is held back while parsing.
    log = logging.getLogger("rdflib.term")
    old = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(old)


def _check_literals(path: Path, text: str, graph: Graph) -> None:
    """A literal whose text does not fit its datatype ("abc"^^xsd:integer) is an input error."""
    for o in graph.objects():
        if isinstance(o, Literal) and getattr(o, "ill_typed", False):
            lexical = str(o)
            idx = text.find(f'"{lexical}"')
            line = f":{text[:idx].count(chr(10)) + 1}" if idx >= 0 else ""
            dtype = str(o.datatype).rsplit("#", 1)[-1]
            raise DataFileError(f"{path}{line}: ongeldige waarde '{lexical}' voor datatype xsd:{dtype}",
                                en=f"{path}{line}: invalid value '{lexical}' for datatype xsd:{dtype}")


def _check_jsonld(path: Path, text: str) -> None:
    """Refuse JSON-LD whose @context (or @import) points outside the document: rdflib would
    fetch it over the network or from the file system."""
    import json

    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{path}:{exc.lineno}: ongeldige JSON ({exc.msg})",
                            en=f"{path}:{exc.lineno}: invalid JSON ({exc.msg})") from None
    stack: list[Any] = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("@context", "@import"):
                    for ref in value if isinstance(value, list) else [value]:
                        if isinstance(ref, str):
                            raise DataFileError(f"{path}: JSON-LD met externe {key} '{ref}' geweigerd "
                                                "(wordt niet opgehaald; neem de context op in het document)",
                                                en=f"{path}: JSON-LD with external {key} '{ref}' refused "
                                                   "(it is not fetched; include the context in the document)")
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)


def _short(message: str) -> str:
    return " ".join(message.split())[:300]


class QuietDataset(Dataset):
    """rdflib 7.6's SPARQL engine reads Dataset.default_context on every triple lookup, and each
    read warns that it is deprecated: 10^5 warnings a query, measurably slow. Same attribute,
    no warning."""

    @property
    def default_context(self) -> Graph:
        return self._default_context

    @default_context.setter
    def default_context(self, value: Graph) -> None:
        self._default_context = value

    def contexts(self, triple: Any = None) -> Any:  # GRAPH ?g in SPARQL calls this
        return self.graphs(triple)


def load_dataset(files: Iterable[DataFile]) -> Dataset:
    """Load the files into a Dataset whose default graph is the union of its named graphs."""
    ds = QuietDataset(default_union=True)
    for f in files:
        g = ds.graph(f.graph)
        parse_turtle_into(g, f.path)
        if len(g) == 0 and str(f.graph).startswith(str(GRAAF["extern/"])):
            raise DataFileError(f"{f.path}: bevat geen RDF-triples (leeg bestand?)",
                                en=f"{f.path}: contains no RDF triples (empty file?)")
    return ds


def load_shapes(root: Path) -> Graph:
    """The SHACL shapes graph."""
    g = Graph()
    parse_turtle_into(g, root / SHAPES_FILE)
    return g
