"""What changed between two versions of the data: per named graph and per resource, the
statements added and removed, with labels.

A claim node without a label of its own (a mention, role, recognition) is folded into the
resource that points at it: its content is one value of that resource. So a renamed label, a
moved mention or a changed recognition is the change of one resource, not a removal plus an
addition of loose nodes."""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import KgError
from ..paths import ontology_dir
from ..query.names import display_predicate
from ..query.resolve import LabelIndex
from ..store.backend import RdflibBackend
from ..store.cache import open_backend
from ..store.loader import DataFile, data_files, load_dataset
from ..terms import GRAAF

LABELS = {"http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2000/01/rdf-schema#label"}
RELEASE_GRAPHS = "graaf"  # a release folder keeps one Turtle file per named graph under graaf/
SHIPPED = "meegeleverd"  # the name diff knows for the data shipped with the package


@dataclass(frozen=True)
class Fact:
    predicate: str  # display name
    value: str  # display value (a claim node: its content)


@dataclass
class ResourceChange:
    graph: str
    iri: str
    label: str
    kind: str  # toegevoegd, verwijderd, gewijzigd
    added: list[Fact] = field(default_factory=list)
    removed: list[Fact] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"graaf": self.graph, "iri": self.iri, "label": self.label, "wijziging": self.kind,
                "toegevoegd": [[f.predicate, f.value] for f in self.added],
                "verwijderd": [[f.predicate, f.value] for f in self.removed]}


@dataclass
class DataDiff:
    changes: list[ResourceChange]
    triples: dict[str, tuple[int, int]]  # graph → (statements added, statements removed)

    @property
    def empty(self) -> bool:
        return not self.changes

    def as_dict(self) -> dict[str, Any]:
        return {"grafen": {g: {"toegevoegd": a, "verwijderd": r} for g, (a, r) in self.triples.items()},
                "resources": [c.as_dict() for c in self.changes]}

    def rows(self) -> list[list[str]]:
        out = []
        for c in self.changes:
            for sign, facts in (("+", c.added), ("-", c.removed)):
                out += [[c.graph, c.label, c.kind, sign, f.predicate, f.value] for f in facts]
        return out

    def markdown(self) -> str:
        if self.empty:
            return "Geen wijzigingen.\n"
        out = []
        by_graph: dict[str, list[ResourceChange]] = defaultdict(list)
        for c in self.changes:
            by_graph[c.graph].append(c)
        for g, changes in by_graph.items():
            added, removed = self.triples.get(g, (0, 0))
            out.append(f"### {g} (+{added} / -{removed} uitspraken)\n")
            for c in changes:
                out.append(f"- **{c.label}** ({c.kind}) `{c.iri}`")
                out += [f"  - + {f.predicate}: {f.value}" for f in c.added]
                out += [f"  - − {f.predicate}: {f.value}" for f in c.removed]
            out.append("")
        return "\n".join(out)


HEADER = ["graaf", "resource", "wijziging", "±", "eigenschap", "waarde"]


def graph_code(g: str) -> str:
    return g[len(str(GRAAF)):] if g.startswith(str(GRAAF)) else g


class _Side:
    """One version: its quads and its labels."""

    def __init__(self, ds: Dataset, labels: LabelIndex | None = None) -> None:
        self.ds = ds
        self.labels = labels or LabelIndex(RdflibBackend(ds))

    def graphs(self) -> dict[str, Graph]:
        return {str(g.identifier): g for g in self.ds.graphs() if len(g) and isinstance(g.identifier, URIRef)
                and str(g.identifier) != "urn:x-rdflib:default"}


def _is_claim(g: Graph, node: Node) -> bool:
    return isinstance(node, URIRef) and not any((node, URIRef(p), None) in g for p in LABELS) \
        and (None, None, node) in g and (node, None, None) in g


def _facts(side: _Side, g: Graph) -> dict[str, set[Fact]]:
    """Owner resource → its facts in graph g, claim nodes folded in as one value each."""
    claims = {s for s in set(g.subjects()) if _is_claim(g, s)}
    out: dict[str, set[Fact]] = defaultdict(set)
    for s, p, o in g:
        if s in claims:
            continue
        out[str(s)].add(Fact(display_predicate(p, "nl", side.labels.label), _show(side, g, o, claims)))
    # a claim node nobody in this graph points at any more is reported on its own
    for c in claims:
        if not any(s not in claims for s in g.subjects(None, c)):
            for _s, p, o in g.triples((c, None, None)):
                out[str(c)].add(Fact(display_predicate(p, "nl", side.labels.label), _show(side, g, o, claims)))
    return out


def _show(side: _Side, g: Graph, o: Node, claims: set[Node]) -> str:
    if o in claims:
        parts = sorted(f"{display_predicate(p, 'nl', side.labels.label)}={_show(side, g, v, set())}"
                       for _s, p, v in g.triples((o, None, None)))
        return "{" + "; ".join(parts) + "}"
    if isinstance(o, URIRef):
        return side.labels.label(o, "nl")
    if isinstance(o, Literal) and o.language:
        return f"{o}@{o.language}"
    return str(o)


def diff_datasets(a: Dataset, b: Dataset) -> DataDiff:
    return _diff(_Side(a), _Side(b))


def _diff(old: _Side, new: _Side) -> DataDiff:
    ga, gb = old.graphs(), new.graphs()
    changes: list[ResourceChange] = []
    triples: dict[str, tuple[int, int]] = {}
    for name in sorted(set(ga) | set(gb)):
        g_old, g_new = ga.get(name, Graph()), gb.get(name, Graph())
        t_old, t_new = set(g_old), set(g_new)
        if t_old == t_new:
            continue
        code = graph_code(name)
        triples[code] = (len(t_new - t_old), len(t_old - t_new))
        f_old, f_new = _facts(old, g_old), _facts(new, g_new)
        for iri in sorted(set(f_old) | set(f_new)):
            before, after = f_old.get(iri, set()), f_new.get(iri, set())
            if before == after:
                continue
            kind = "toegevoegd" if not before else "verwijderd" if not after else "gewijzigd"
            side = new if after else old
            changes.append(ResourceChange(code, iri, side.labels.label(URIRef(iri), "nl"), kind,
                                          sorted(after - before, key=_key), sorted(before - after, key=_key)))
    return DataDiff(changes, triples)


def _key(f: Fact) -> tuple[str, str]:
    return (f.predicate, f.value)


def diff(a: str | Path, b: str | Path) -> DataDiff:
    """Compare two versions: data folders, release folders, git revisions 'REV:folder', or
    'meegeleverd' for the data shipped with the package."""
    with _side(str(a)) as old, _side(str(b)) as new:
        return _diff(old, new)


@contextmanager
def _side(spec: str) -> Iterator[_Side]:
    path = ontology_dir() if spec == SHIPPED else Path(spec)
    if path.is_dir():
        yield _load(path)
        return
    rev, sep, folder = spec.partition(":")
    if not sep or not rev:
        raise KgError(f"{spec}: geen map en geen git-revisie (schrijf REV:MAP, bijv. HEAD~1:ontologie)",
                      en=f"{spec}: neither a folder nor a git revision (write REV:DIR, e.g. HEAD~1:ontologie)")
    with tempfile.TemporaryDirectory(prefix="armoede-kg-diff-") as tmp:
        yield _load(_checkout(rev, folder or ".", Path(tmp)))


def _load(path: Path) -> _Side:
    # through the parse cache: comparing with the shipped data or a folder seen before is fast
    backend, labels = open_backend("rdflib", folder_files(path))
    return _Side(backend.dataset(), labels(backend))


def folder_files(path: Path) -> list[DataFile]:
    """A data folder's files (kern.ttl, kennis/ …), or a release folder's (graaf/<name>.ttl per named graph)."""
    release = path / RELEASE_GRAPHS
    if release.is_dir() and not (path / "kern.ttl").exists():
        return [DataFile(p, GRAAF[p.relative_to(release).with_suffix("").as_posix()])
                for p in sorted(release.rglob("*.ttl"))]
    return data_files(path)


def load_folder(path: Path) -> Dataset:
    """A data folder or a release folder as one dataset."""
    return load_dataset(folder_files(path))


def _checkout(rev: str, folder: str, into: Path) -> Path:
    """The folder as it was at git revision rev (of the repository the current folder is in)."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True,
                             cwd=Path(folder).resolve().parent if Path(folder).exists() else None).stdout.strip()
        rel = Path(folder).resolve().relative_to(top).as_posix() if Path(folder).exists() else folder
        tar = subprocess.run(["git", "archive", "--format=tar", rev, rel], capture_output=True, check=True,
                             cwd=top).stdout
    except (subprocess.CalledProcessError, FileNotFoundError, ValueError) as exc:
        why = exc.stderr.strip() if isinstance(exc, subprocess.CalledProcessError) and exc.stderr else str(exc)
        why = why.decode() if isinstance(why, bytes) else why
        raise KgError(f"{rev}:{folder}: niet te lezen uit git ({why.splitlines()[0] if why else 'onbekend'})",
                      en=f"{rev}:{folder}: cannot be read from git") from None
    with tarfile.open(fileobj=BytesIO(tar)) as archive:
        archive.extractall(into, filter="data")
    return into / rel
