"""The record of the last SHACL validation of a data folder, kept in the user's cache folder:
which files (by content) were validated, what SHACL found, and the files' content, so that
the next validation can tell which triples changed since (kg.validate.incremental).

One record per data folder, shapes and engine; the file contents are kept once each, named by
their SHA-256 ("blobs"), and removed when no record needs them any more. Everything is
written atomically (kg.store.cache.Entry); a record or blob that cannot be read means: validate
everything, never an error."""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from ..store.cache import Entry, cache_dir, enabled
from ..store.loader import DataFile
from .shacl import ShaclResult

_CODE = ("reach.py", "incremental.py", "record.py", "shacl.py")  # code that shapes a record's meaning


@dataclass(frozen=True)
class FileState:
    path: str  # resolved
    sha256: str


@dataclass
class Record:
    files: list[FileState]
    results: list[ShaclResult]

    def by_path(self) -> dict[str, str]:
        return {f.path: f.sha256 for f in self.files}


class _Blob(Entry):
    """A file's content; pruned by Record.write (kept while a record refers to it), not by age."""

    def prune(self) -> None:
        return


def record_key(root: Path, shapes_text: bytes, engine: str, engine_version: str) -> str:
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for part in (str(root.resolve()).encode(), shapes_text, engine.encode(), engine_version.encode()):
        h.update(part + b"\0")
    for name in _CODE:
        h.update((here / name).read_bytes() + b"\0")
    return h.hexdigest()[:40]


def file_states(files: list[DataFile], read: Callable[[Path], bytes] = Path.read_bytes) -> list[FileState]:
    return [FileState(str(f.path.resolve()), hashlib.sha256(read(f.path)).hexdigest()) for f in files]


def read_record(key: str) -> Record | None:
    if not enabled():
        return None
    raw = Entry("validated", key).read()
    if raw is None:
        return None
    try:
        data = json.loads(zlib.decompress(raw))
        return Record([FileState(**f) for f in data["files"]],
                      [ShaclResult(**r) for r in data["results"]])
    except (ValueError, KeyError, TypeError, zlib.error):
        Entry("validated", key).discard()
        return None


def read_blob(sha256: str) -> bytes | None:
    raw = _Blob("validated_blob", sha256).read()
    if raw is None:
        return None
    try:
        content = zlib.decompress(raw)
    except zlib.error:
        return None
    return content if hashlib.sha256(content).hexdigest() == sha256 else None


def write_record(key: str, states: list[FileState], results: list[ShaclResult],
                 read: Callable[[Path], bytes] = Path.read_bytes) -> None:
    """The record, after the content of every file it names (a reader that finds the record
    finds the blobs); then blobs no record names any more are removed."""
    if not enabled():
        return
    folder = cache_dir()
    for state in states:
        blob = _Blob("validated_blob", state.sha256)
        if not blob.path.exists():
            try:
                content = read(Path(state.path))
            except OSError:
                return
            if hashlib.sha256(content).hexdigest() != state.sha256:
                return  # changed while we validated: a record would lie
            blob.write(zlib.compress(content, 1))
    payload = {"files": [asdict(s) for s in states], "results": [asdict(r) for r in results]}
    Entry("validated", key).write(zlib.compress(json.dumps(payload).encode(), 1))
    _prune_blobs(folder)


def _prune_blobs(folder: Path) -> None:
    needed: set[str] = set()
    for path in folder.glob("validated-*.bin"):
        record = read_record(path.stem.split("-", 1)[1])
        if record is not None:
            needed.update(f.sha256 for f in record.files)
    for path in folder.glob("validated_blob-*.bin"):
        if path.stem.split("-", 1)[1] not in needed:
            _Blob("validated_blob", path.stem.split("-", 1)[1]).discard()
