"""A wall-clock limit for work that cannot be cancelled (rdflib has no query cancellation)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from .errors import QueryTimeoutError

T = TypeVar("T")


def run_with_timeout(fn: Callable[[], T], seconds: float | None, what: str = "query") -> T:
    """Run fn in a daemon thread and wait at most `seconds`. On time-out raise
    QueryTimeoutError; the thread cannot be stopped and finishes in the background, so a
    long-running process (the server) must use a process pool instead — the CLI simply exits."""
    if not seconds:
        return fn()
    box: dict[str, object] = {}

    def work() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller below
            box["error"] = exc

    t = threading.Thread(target=work, name="armoede-kg-query", daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive():
        raise QueryTimeoutError(f"{what} duurde langer dan {seconds:g} s en is afgebroken (zie --timeout)",
                                en=f"{what} took longer than {seconds:g} s and was stopped (see --timeout)")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]
