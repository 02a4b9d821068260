"""Judgements and advice remembered in the user cache (kg.store.cache), so that a repeated
command-line call does not run the rules again: they are a function of the data files, the
rule files, this package's code, the language and the request alone."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph

T = TypeVar("T")
_HERE = Path(__file__).resolve().parent


def remembered(kg: KnowledgeGraph, kind: str, request: Any, build: Callable[[], T]) -> T:
    """build(), or its result from an earlier call with the same data, rules and request.
    Only for a graph load() built from data files with the cache on; else just build()."""
    files = getattr(kg, "data_files", None)
    from ..store.cache import Entry, cached, enabled, fingerprint

    if not files or not enabled():
        return build()
    h = hashlib.sha256()
    h.update(fingerprint(files, "advies").encode())
    # the rules, the advice's own queries and the named queries it reuses (interventies-op-leefgebied)
    for folder in (kg.queries_dir, kg.queries_dir / "toets", kg.queries_dir / "advies", _HERE):
        for path in sorted(folder.glob("*.rq")) + sorted(folder.glob("*.py")):
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    h.update(f"{kg.backend.name}\0{kg.lang}\0{request!r}".encode())
    restore = cast(Callable[[bytes], T], pickle.loads)
    value: T = cached(Entry(f"advies_{kind}", h.hexdigest()[:40]), build, pickle.dumps, restore)
    return value
