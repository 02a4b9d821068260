"""A cache of the parsed dataset, so that a command-line call does not parse all Turtle again.

One file per (engine, data) in the user's cache directory, named by a fingerprint of
everything that determines its content: the bytes, location and graph name of every data
file, the rdflib (or pyoxigraph) version, the Python version and kg's own loading code. Any
change to any of these gives a new name, so a stale entry is never read; the newest few
entries are kept. Entries are written atomically (kg.atomic), so a concurrent run sees the
whole old file, the whole new one or none. An entry that cannot be read back (truncated,
corrupt, from another version) is deleted and rebuilt, never an error. The cache is an
optimisation only: if the folder cannot be written, kg works as without it.

``ARMOEDE_KG_CACHE=0`` turns it off; ``ARMOEDE_KG_CACHE_DIR`` moves it (default: the
platform's user cache folder, ``$XDG_CACHE_HOME/armoede-kg`` or ``~/.cache/armoede-kg`` on
Linux).

Entries are Python pickles (rdflib) or N-Triples + N-Quads (oxigraph) in the user's own cache
folder: a pickle runs code when loaded, so the folder must be as private as the user's home (it
is, by default). Pass ``cache=False`` to kg.load or set ARMOEDE_KG_CACHE=0 where that is not so.
"""

from __future__ import annotations

import gc
import hashlib
import io
import os
import pickle
import platform
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from rdflib import BNode, Dataset, Literal, URIRef

from ..atomic import write_atomic
from ..errors import KgError, KgValueError
from ..terms import trusted_iri

if TYPE_CHECKING:
    from ..query.resolve import LabelIndex
    from .backend import Backend
    from .loader import DataFile

CACHE_ENV = "ARMOEDE_KG_CACHE"
CACHE_DIR_ENV = "ARMOEDE_KG_CACHE_DIR"
FORMAT = 2  # bump when the layout of an entry changes
KEEP = 3  # entries kept per engine (several data folders may be in use)
# oxigraph parses Turtle about as fast as it reads its own N-Quads back (the gain is ~20 ms on
# the shipped graph, none at 10^5 triples), so its store is only cached while it is small; the
# label index is cached at any size.
OXIGRAPH_STORE_MAX_INPUT = 16_000_000  # bytes of Turtle
_MAGIC = b"armoede-kg-cache/1\n"
# kg modules (paths under kg/) whose code shapes an entry; a missing one would silently keep stale entries
_CODE = ("store/loader.py", "store/cache.py", "store/backend.py", "store/oxigraph.py", "query/resolve.py")

T = TypeVar("T")


def enabled() -> bool:
    return os.environ.get(CACHE_ENV, "1").strip().lower() not in ("0", "false", "no", "off", "")


def cache_dir() -> Path:
    """The user's cache folder for armoede-kg (created when first written)."""
    explicit = os.environ.get(CACHE_DIR_ENV)
    if explicit:
        return Path(explicit).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
        return base / "armoede-kg" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "armoede-kg"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    # the XDG spec: a relative value is invalid and must be ignored
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".cache"
    return base / "armoede-kg"


def fingerprint(files: Sequence[DataFile], engine: str, versions: Sequence[str] = ()) -> str:
    """A name for the dataset these files give under this engine: any change, another name."""
    import rdflib

    here = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for part in (f"format {FORMAT}", engine, f"rdflib {rdflib.__version__}", platform.python_version(),
                 *versions):
        h.update(part.encode() + b"\0")
    for name in _CODE:
        h.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
    for f in files:
        # the file's URI is the base for its relative IRIs, so where it lies is part of its content
        h.update(f"{f.path.resolve().as_uri()}\0{f.graph}\0".encode())
        try:
            h.update(hashlib.sha256(f.path.read_bytes()).digest())
        except OSError:
            h.update(b"unreadable")  # the loader will report it; nothing to cache
    return h.hexdigest()[:40]


class Entry:
    """One cache file: header (magic, checksum, length) + payload."""

    def __init__(self, engine: str, key: str, folder: Path | None = None) -> None:
        self.engine = engine
        self.folder = folder or cache_dir()
        self.path = self.folder / f"{engine}-{key}.bin"

    def read(self) -> bytes | None:
        """The payload, or None when absent or damaged (a damaged file is removed)."""
        try:
            with self.path.open("rb") as fh:
                # header lines first, then the payload in one read: no copies of megabytes
                magic, head, rest = fh.readline(len(_MAGIC)), fh.readline(64), fh.read()
        except OSError:
            return None
        try:
            crc, length = (int(x) for x in head.split(b" "))
        except ValueError:
            crc, length = -1, -1
        if magic != _MAGIC or length != len(rest) or zlib.crc32(rest) != crc:
            self.discard()
            return None
        os.utime(self.path)  # recently used: keep it when pruning
        return rest

    def write(self, payload: bytes) -> None:
        """Store payload atomically; silently skipped when the folder cannot be written."""
        header = _MAGIC + f"{zlib.crc32(payload)} {len(payload)}\n".encode()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, header + payload, force=True)
        except (OSError, KgError):
            return
        self.prune()

    def discard(self) -> None:
        with suppress(OSError):
            self.path.unlink()

    def prune(self) -> None:
        """Keep the KEEP most recently used entries of this engine."""
        try:
            entries = sorted(self.folder.glob(f"{self.engine}-*.bin"), key=lambda p: p.stat().st_mtime,
                             reverse=True)
        except OSError:
            return
        for old in entries[KEEP:]:
            if old != self.path:
                # another run may have removed it, or it is in use on a platform that locks
                with suppress(OSError):
                    old.unlink()


def cached(entry: Entry | None, build: Callable[[], T], dump: Callable[[T], bytes],
           restore: Callable[[bytes], T], write: bool = True) -> T:
    """restore(the entry) if it is there and sound, else build() and store dump(result)
    (write=False: build without storing)."""
    if entry is None:
        with gc_paused():
            return build()
    raw = entry.read()
    if raw is not None:
        try:
            return restore(raw)
        except Exception:  # noqa: BLE001 - any failure to read back means: rebuild it
            entry.discard()
    with gc_paused():
        value = build()
    if not write:
        return value
    try:
        payload = dump(value)
    except Exception:  # noqa: BLE001 - a value that cannot be stored is still a good value
        return value
    entry.write(payload)
    return value


# -- rdflib: a pickle of the Dataset in which every distinct term is one object ------------------

def _same(obj: Any) -> Any:
    return obj


class _InterningPickler(pickle.Pickler):
    """rdflib's parsers make a new term object per occurrence; pickled as is, unpickling builds
    every one again (34k IRIs for 6k distinct). Pickling equal terms as one object makes
    loading the cache ~5× faster."""

    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._canon: dict[Any, Any] = {}

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        if kind is URIRef or kind is Literal or kind is BNode:
            canon = self._canon.setdefault(obj, obj)
            if canon is not obj:
                return _same, (canon,)
            if kind is URIRef:
                return trusted_iri, (str(obj),)
        return NotImplemented


def dump_dataset(ds: Dataset) -> bytes:
    buf = io.BytesIO()
    _InterningPickler(buf).dump(ds)
    return buf.getvalue()


def _unpickle(raw: bytes) -> Any:
    with gc_paused():
        return pickle.loads(raw)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Parsing, unpickling or a large query result makes 10^5-10^7 long-lived objects;
    meanwhile the cyclic garbage collector would walk all of them again and again (a third of
    the time at 30k triples, two thirds of a 400 000-row result table). They are garbage-free
    by construction, so collection waits until they are built."""
    enabled_before = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled_before:
            gc.enable()


def restore_dataset(raw: bytes) -> Dataset:
    ds = _unpickle(raw)
    if not isinstance(ds, Dataset):
        raise TypeError("cache entry is not an rdflib Dataset")
    return ds


def dump_labels(index: LabelIndex) -> bytes:
    buf = io.BytesIO()
    _InterningPickler(buf).dump(index)
    return buf.getvalue()


def restore_labels(raw: bytes) -> LabelIndex:
    from ..query.resolve import LabelIndex

    index = _unpickle(raw)
    if not isinstance(index, LabelIndex):
        raise TypeError("cache entry is not a LabelIndex")
    return index


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _oxigraph_backend(files: Sequence[DataFile], key: str | None) -> Backend:
    """The oxigraph store of these files; with a key, from (or into) two cache entries: the
    default graph (the merge the named queries read) and the named graphs, read only when the
    backend first needs them. A named-graph entry that has gone missing is parsed again."""
    from .oxigraph import OxigraphBackend

    default_entry = Entry("oxigraph", key) if key is not None else None
    named_entry = Entry("oxigraph_named", key or "")

    def named_graphs() -> bytes:
        raw = named_entry.read()
        if raw is None:
            raw = OxigraphBackend.from_files(files).named_graph_bytes()
            named_entry.write(raw)
        return raw

    def dump(backend: OxigraphBackend) -> bytes:
        # the named graphs first: a reader that finds the default graph finds them too
        named_entry.write(backend.named_graph_bytes())
        return backend.default_graph_bytes()

    # no entry to write (large input, or the cache off): the named graphs are parsed when needed
    return cached(default_entry, lambda: OxigraphBackend.from_files(files, lazy_named=key is None), dump,
                  lambda raw: OxigraphBackend.from_cache(raw, named_graphs))


def open_backend(engine: str, files: Sequence[DataFile], use: bool | None = None
                 ) -> tuple[Backend, LabelLoader]:
    """The backend holding these files, and a function giving its label index; both read from
    the cache when it holds them (use: True/False, or None to follow ARMOEDE_KG_CACHE)."""
    from .backend import RdflibBackend

    on = enabled() if use is None else use
    backend: Backend
    if engine == "oxigraph":
        from .oxigraph import import_pyoxigraph

        ox = import_pyoxigraph()
        key = fingerprint(files, engine, (f"pyoxigraph {ox.__version__}",)) if on else ""
        small = sum(_size(f.path) for f in files) <= OXIGRAPH_STORE_MAX_INPUT
        backend = _oxigraph_backend(files, key if on and small else None)
    elif engine == "rdflib":
        from .loader import load_dataset

        key = fingerprint(files, engine) if on else ""
        backend = RdflibBackend(cached(Entry(engine, key) if on else None, lambda: load_dataset(files),
                                       dump_dataset, restore_dataset))
    else:
        raise KgValueError(f"geen cache voor backend '{engine}'", en=f"no cache for backend '{engine}'")

    return backend, LabelLoader(Entry(engine + "_labels", key) if on else None)


class LabelLoader:
    """The label index of a backend's data: read from the cache entry if it is there, else
    built and stored (the index is a function of the data alone: the data's key, its own entry)."""

    def __init__(self, entry: Entry | None) -> None:
        self._entry = entry

    def __call__(self, backend: Backend) -> LabelIndex:
        return self.load(backend)

    def load(self, backend: Backend, store: bool = True) -> LabelIndex:
        """store=False: build without writing the entry (store() writes it if wanted)."""
        from ..query.resolve import LabelIndex

        return cached(self._entry, lambda: LabelIndex(backend), dump_labels, restore_labels, write=store)

    def store(self, index: LabelIndex) -> None:
        """Write the entry for an index that load(store=False) built (a sound entry is kept:
        reading removes a damaged one)."""
        if self._entry is not None and not self._entry.path.exists():
            self._entry.write(dump_labels(index))
