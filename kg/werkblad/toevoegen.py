"""`toevoegen`: werkbladen → one Turtle file per document in a working copy of the data.

Everything is checked before anything is written: the werkbladen (reader), every label
(build), then the whole resulting graph (SHACL and the quality checks, kg.validate). Only a
conform result is written, each file atomically."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import URIRef

from ..atomic import write_atomic
from ..errors import KgError
from ..graph import KnowledgeGraph
from ..query.resolve import normalise
from ..store.backend import Backend
from ..store.cache import open_backend
from ..store.loader import DataFile, data_files
from ..validate import Violation
from .build import DocumentGraph, build_all, document_iri, expand_prefixed
from .export import Exporter
from .mapping import expand, mapping
from .reader import Record, Werkblad, WerkbladError, Where, from_raw, read
from .turtle import MARK, serialize
from .werkmap import writable_copy


@dataclass(frozen=True)
class Written:
    doc_id: str
    path: Path
    interventions: int
    new: bool


def target_file(root: Path, doc_id: str) -> Path:
    return root / "kennis" / f"{doc_id}.ttl"


def is_werkblad_file(path: Path) -> bool:
    with path.open(encoding="utf-8") as fh:
        return fh.readline().startswith(MARK)


def add(data: Path | None, files: list[Path], lang: str = "nl") -> list[Written]:
    """Add the werkbladen in files to the working copy data; returns what was written."""
    root = writable_copy(data)
    werkbladen = [read(Path(f)) for f in files]
    by_doc: dict[str, Werkblad] = {}
    for wb in werkbladen:
        doc_id = wb.document.values["id"]
        if doc_id in by_doc:
            w = wb.document.where["id"]
            raise w.fail(f"document '{doc_id}' staat ook in {by_doc[doc_id].path.name}; één werkblad per document",
                         f"document '{doc_id}' is also in {by_doc[doc_id].path.name}; one werkblad per document")
        by_doc[doc_id] = wb
    rebuilt = {doc_id: target_file(root, doc_id) for doc_id in by_doc if target_file(root, doc_id).exists()}
    for doc_id, path in rebuilt.items():
        if not is_werkblad_file(path):
            raise by_doc[doc_id].document.where["id"].fail(
                f"document '{doc_id}' bestaat al als handgeschreven {path.relative_to(root)}; kies een nieuw id",
                f"document '{doc_id}' already exists as hand-written {path.relative_to(root)}; choose a new id")
    everything = data_files(root)
    base_files = [f for f in everything if f.path not in rebuilt.values()]
    # the rest of the data (without what rebuilt documents said before), on the oxigraph
    # backend: from the cache, it is there at once, and validation runs on it
    base, base_label_loader = open_backend("oxigraph", base_files)
    # the cache entry of this index is of use only if the werkbladen are refused (and tried again
    # on the same data): written then, not every time (2.8 s at 100 000 interventions)
    base_labels = base_label_loader.load(base, store=False)
    try:
        merged = [by_doc[d] for d in by_doc]
        if rebuilt:  # what the documents being rebuilt said before: kept unless the werkblad says it anew
            before, label_loader = open_backend("rdflib", everything)
            exporter = Exporter(before.dataset(), label_loader(before))
            merged = [_merge(by_doc[d], exporter, d, rebuilt[d]) if d in rebuilt else by_doc[d] for d in by_doc]
        existing = _Subjects(base.union_store())  # type: ignore[attr-defined]
        for doc_id, wb in zip(by_doc, merged):
            if str(document_iri(doc_id)) in existing:
                raise wb.document.where["id"].fail(
                    f"document '{doc_id}' staat al in de graaf (niet uit een werkblad); kies een nieuw id",
                    f"document '{doc_id}' is already in the graph (not from a werkblad); choose a new id")
        graphs = build_all(merged, base_labels, existing)
        texts = {g.doc_id: serialize(g.graph, f"document {g.doc_id} uit {g.source.path.name}") for g in graphs}
        _validate(root, base, base_files, graphs, texts, lang)
    except KgError:
        base_label_loader.store(base_labels)
        raise
    _write_all(root, texts)
    return [Written(g.doc_id, target_file(root, g.doc_id), len(g.source.interventions), g.doc_id not in rebuilt)
            for g in graphs]


class _Subjects:
    """`iri in subjects`: whether the data says anything about iri. Asked of the store per IRI
    (a lookup in its index), not collected: a large graph has a million subjects."""

    def __init__(self, store: Any) -> None:
        from ..store.oxigraph import import_pyoxigraph

        self._store, self._ox = store, import_pyoxigraph()

    def __contains__(self, iri: object) -> bool:
        ox = self._ox
        quads = self._store.quads_for_pattern(ox.NamedNode(str(iri)), None, None, ox.DefaultGraph())
        return next(iter(quads), None) is not None


def _merge(new: Werkblad, exporter: Exporter, doc_id: str, old_file: Path) -> Werkblad:
    """The werkblad of an existing werkblad-made document with new's document fields and
    interventions; an intervention of new replaces the old one of the same IRI or name."""
    raw = exporter.werkblad(doc_id)
    old = from_raw(old_file, raw, {})
    claimed: dict[str, Record] = {}
    for rec in new.interventions:
        for key in (_id_key(rec), normalise(rec.values["naam"]), *map(normalise, rec.get("andere_namen", []))):
            if key:
                claimed[key] = rec
    kept = []
    for rec in old.interventions:
        match = claimed.get(_id_key(rec) or "") or claimed.get(normalise(rec.values["naam"]))
        if match is None:
            kept.append(rec)
        elif not match.get("id"):
            match.values["id"] = rec.get("id")  # same resource: a changed name keeps its IRI
            match.where["id"] = match.at
    return Werkblad(new.path, new.document, kept + new.interventions)


def _id_key(rec: Record) -> str | None:
    """The IRI an intervention's `id` names, however it is written (iv:x or the full IRI)."""
    given = rec.get("id")
    return str(URIRef(expand_prefixed(given))) if given else None


def _validate(root: Path, base: Backend, base_files: list[DataFile], graphs: list[DocumentGraph],
              texts: dict[str, str], lang: str) -> None:
    """The whole graph as it would be, validated on the oxigraph backend (base plus the new
    graphs): the quality checks run there in a fraction of the time rdflib needs. Validation
    reads the merge alone, so the new triples go into the default graph only. The files about
    to be written take part as files: SHACL then checks only what they change, where the folder
    was validated before (kg.validate.incremental), and leaves the record for the next `validate`."""
    from ..store.loader import load_shapes
    from ..store.oxigraph import import_pyoxigraph
    from ..validate import validate_backend

    ox = import_pyoxigraph()
    store = base.union_store()  # type: ignore[attr-defined]
    for dg in graphs:
        store.load(dg.graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    new = {target_file(root, d).resolve(): text.encode("utf-8") for d, text in texts.items()}

    def read(path: Path) -> bytes:
        return new.get(path.resolve()) or path.read_bytes()

    files = base_files + [DataFile(target_file(root, dg.doc_id), _graph_of(dg)) for dg in graphs]
    graph = KnowledgeGraph(base, ontology=root, lang=lang)
    report = validate_backend(base, load_shapes(root), graph.queries_dir / "qc", lang, graph.label,
                              files=files, root=root, read=read)
    bad = [v for v in report.violations if v.severity == "Violation"]
    if bad:
        raise _explain(bad[0], graphs, len(bad), lang)


def _graph_of(dg: DocumentGraph) -> URIRef:
    from .build import graph_iri

    return graph_iri(dg.doc_id)


def _explain(v: Violation, graphs: list[DocumentGraph], n: int, lang: str) -> WerkbladError:
    """The shape's message, at the werkblad field that made the offending triple."""
    where: Where | None = None
    for dg in graphs:
        origin = dg.origins.get(URIRef(v.focus))
        if origin is not None:
            rec, at = origin
            where = at
            if rec is not None and v.path:
                name = next((n for n in _fields_of(v.path) if n in rec.where), None)
                if name is not None:
                    where = rec.where[name]
            break
    more = f" (en {n - 1} andere)" if n > 1 else ""
    more_en = f" (and {n - 1} more)" if n > 1 else ""
    focus = v.focus_label or v.focus
    nl = f"de graaf zou ongeldig worden: {focus}: {v.message} [{v.check}]{more}"
    en = f"the graph would become invalid: {focus}: {v.message} [{v.check}]{more_en}"
    if where is None:
        return WerkbladError(nl, en=en)
    return where.fail(nl, en)


def _fields_of(path: str) -> list[str]:
    """The werkblad fields that write the property a shape complains about."""
    if ":" not in path:
        return []
    try:
        prop = expand(path)
    except KeyError:
        return []
    names = [f.name for section in ("interventie", "document", "erkenning", "locatie")
             for f in mapping().section(section) if prop in f.properties]
    if str(prop).endswith(("#startLine", "#endLine", "#startPage", "#endPage", "#section", "#inDocument")):
        names.append("locatie")
    if str(prop).endswith(("#prefLabel", "#altLabel")):
        names += ["naam", "andere_namen"]
    return names


def _write_all(root: Path, texts: dict[str, str]) -> None:
    """Every file is first written in full beside its target; then all are renamed into place.
    Should a rename fail or the run be interrupted, the files already renamed get their old
    content back (or are removed when new): the data is left as it was."""
    folder = root / "kennis"
    folder.mkdir(exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    done: list[tuple[Path, bytes | None]] = []
    try:
        for doc_id, text in sorted(texts.items()):
            fd, name = tempfile.mkstemp(prefix=f".{doc_id}.", suffix=".tmp", dir=folder)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(name, 0o644)
            staged.append((Path(name), target_file(root, doc_id)))
        for staged_path, target in staged:
            before = target.read_bytes() if target.exists() else None
            os.replace(staged_path, target)
            done.append((target, before))
    except BaseException:
        for target, before in reversed(done):
            if before is None:
                target.unlink()
            else:
                write_atomic(target, before, force=True)
        raise
    finally:
        for leftover, _target in staged:
            if leftover.exists():
                leftover.unlink()


def summary(written: list[Written]) -> list[dict[str, Any]]:
    return [{"document": w.doc_id, "bestand": str(w.path), "interventies": w.interventions,
             "nieuw": w.new} for w in written]
