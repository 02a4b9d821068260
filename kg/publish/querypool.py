"""SPARQL evaluation with a wall-clock limit and a result-size limit, in worker processes.

rdflib cannot cancel a running query, and a Python thread cannot be stopped from outside,
so each query runs in a worker *process* that holds its own copy of the graph:

* soft limit: the worker arms SIGALRM for the query's time limit; rdflib's evaluator is
  pure Python, so the signal interrupts it between two bytecodes, the query is abandoned
  and the worker is free again at once, graph still loaded;
* hard limit: if a worker has not answered `grace` seconds after that (stuck in C code,
  swapping, …) the parent kills it and starts a fresh one in the background, so a
  timed-out query never keeps its worker;
* size: SELECT rows are pulled one by one from rdflib's lazy result and evaluation stops
  at max_rows + 1, so an overly broad query is refused before it fills the memory;
* memory: each worker runs under an address-space limit (RLIMIT_AS) as a last guard.

Workers are started with the 'spawn' method (no fork of a threaded server).
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import queue
import signal
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from rdflib.term import Node

from ..errors import KgError, KgValueError, QueryError, QueryTimeoutError, UpdateNotAllowedError
from ..query.guard import check_query

Triple = tuple[Node, Node, Node]


class ResultTooLargeError(QueryError):
    """A query answered more rows than the endpoint hands out."""


class EndpointBusyError(KgError):
    """No worker became free in time."""


@dataclass(frozen=True)
class QueryOutcome:
    """What a query produced: rows for SELECT, a boolean for ASK, triples otherwise."""

    form: str
    columns: tuple[str, ...] = ()
    rows: list[list[Node | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Triple] = field(default_factory=list)


class _Alarm(BaseException):
    """Raised by SIGALRM inside the worker (BaseException: rdflib must not swallow it)."""


def evaluate(ds: Any, text: str, max_rows: int) -> QueryOutcome:
    """Run one read-only query on an rdflib Dataset, stopping at max_rows + 1 results."""
    form = check_query(text)
    res = ds.query(text)
    if form == "ask":
        return QueryOutcome(form, boolean=bool(res.askAnswer))
    if form in ("construct", "describe"):
        triples: list[Triple] = []
        for t in res:
            triples.append(t)
            if len(triples) > max_rows:
                raise _too_many(max_rows, "triples", "triples")
        return QueryOutcome(form, triples=triples)
    columns = tuple(str(v) for v in (res.vars or []))
    rows: list[list[Node | None]] = []
    for r in res:
        rows.append(list(r))
        if len(rows) > max_rows:
            raise _too_many(max_rows, "rijen", "rows")
    return QueryOutcome(form, columns=columns, rows=rows)


def _too_many(limit: int, what: str, what_en: str) -> ResultTooLargeError:
    return ResultTooLargeError(
        f"resultaat te groot: meer dan {limit} {what}; beperk de query met LIMIT of een filter",
        en=f"result too large: more than {limit} {what_en}; narrow the query with LIMIT or a filter")


def _worker_main(conn: Connection, data: str | None, timeout: float, max_rows: int, memory_mb: int) -> None:
    if memory_mb > 0:
        try:
            import resource

            limit = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ImportError, ValueError, OSError):
            pass
    from ..graph import load

    try:
        kg = load(data)
    except KgError as exc:
        conn.send(("failed", str(exc)))
        return
    ds = kg.backend.dataset()

    def on_alarm(signum: int, frame: Any) -> None:
        raise _Alarm()

    signal.signal(signal.SIGALRM, on_alarm)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    conn.send(("ready",))
    while True:
        try:
            text = conn.recv()
        except (EOFError, OSError):
            return
        if text is None:
            return
        try:
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                outcome = evaluate(ds, text, max_rows)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            reply: tuple[Any, ...] = ("ok", outcome)
        except _Alarm:
            reply = ("timeout",)
        # each message in both languages: (kind, Dutch, English)
        except ResultTooLargeError as exc:
            reply = ("too-large", exc.message("nl"), exc.message("en"))
        except UpdateNotAllowedError as exc:
            reply = ("update", exc.message("nl"), exc.message("en"))
        except QueryError as exc:
            reply = ("error", exc.message("nl"), exc.message("en"))
        except MemoryError:
            reply = ("error", "de query vraagt meer geheugen dan het endpoint toestaat",
                     "the query needs more memory than the endpoint allows")
        except Exception as exc:  # noqa: BLE001 - rdflib raises assorted errors on odd queries
            why = f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
            reply = ("error", f"query mislukt: {why}", f"query failed: {why}")
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


class _Worker:
    def __init__(self, ctx: Any, data: str | None, timeout: float, max_rows: int, memory_mb: int) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, data, timeout, max_rows, memory_mb),
                                   daemon=True, name="armoede-kg-query")
        self.process.start()
        child.close()

    def wait_ready(self, limit: float) -> None:
        if not self.conn.poll(limit):
            self.kill()
            raise KgError(f"query-werker niet klaar binnen {limit:.0f} s",
                          en=f"query worker not ready within {limit:.0f} s")
        msg = self.conn.recv()
        if msg[0] != "ready":
            self.kill()
            raise KgError(f"query-werker kon de graaf niet laden: {msg[1] if len(msg) > 1 else msg}",
                          en=f"query worker could not load the graph: {msg[1] if len(msg) > 1 else msg}")

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """A few worker processes answering read-only SPARQL with time and size limits."""

    def __init__(self, data: Path | str | None = None, workers: int = 2, timeout: float = 30.0,
                 max_rows: int = 10_000, memory_mb: int = 3072, grace: float = 5.0,
                 load_limit: float = 300.0) -> None:
        if workers < 1:
            raise KgValueError("aantal query-werkers moet minstens 1 zijn",
                               en="the number of query workers must be at least 1")
        if timeout <= 0:
            raise KgValueError("de tijdslimiet per query moet groter dan 0 zijn",
                               en="the time limit per query must be greater than 0")
        self.data = str(data) if data is not None else None
        self.size = workers
        self.timeout = timeout
        self.max_rows = max_rows
        self.memory_mb = memory_mb
        self.grace = grace
        self.load_limit = load_limit
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.restarts = 0

    def start(self) -> QueryPool:
        started = [self._new_worker() for _ in range(self.size)]
        for w in started:
            w.wait_ready(self.load_limit)
            self._idle.put(w)
        return self

    def _new_worker(self) -> _Worker:
        w = _Worker(self._ctx, self.data, self.timeout, self.max_rows, self.memory_mb)
        with self._lock:
            self._all.add(w)
        return w

    def _replace(self, dead: _Worker) -> None:
        dead.kill()
        with self._lock:
            self._all.discard(dead)
            self.restarts += 1
        if self._closed:
            return

        def boot() -> None:
            try:
                w = self._new_worker()
                w.wait_ready(self.load_limit)
            except KgError:
                return
            if self._closed:
                w.kill()
            else:
                self._idle.put(w)

        threading.Thread(target=boot, name="armoede-kg-query-restart", daemon=True).start()

    def run(self, text: str) -> QueryOutcome:
        """Evaluate one query (blocking); raises QueryError, UpdateNotAllowedError,
        QueryTimeoutError, ResultTooLargeError or EndpointBusyError.

        The text is not parsed here: parsing is unbounded work too (64 KiB of `1+1+…` keeps
        pyparsing busy for minutes), so it happens in the worker, under the time limit, where
        evaluate() refuses UPDATE, SERVICE and FROM before rdflib's engine sees the query."""
        if not text.strip():
            raise QueryError("lege query: geef een SELECT-, ASK-, CONSTRUCT- of DESCRIBE-query",
                             en="empty query: give a SELECT, ASK, CONSTRUCT or DESCRIBE query")
        try:
            w = self._idle.get(timeout=self.timeout + self.grace + self.load_limit)
        except queue.Empty:
            raise EndpointBusyError("het endpoint is bezet; probeer het later opnieuw",
                                    en="the endpoint is busy; try again later") from None
        try:
            w.conn.send(text)
            if not w.conn.poll(self.timeout + self.grace):
                raise TimeoutError
            msg = w.conn.recv()
        except TimeoutError:
            self._replace(w)
            raise QueryTimeoutError(self._timeout_message(), en=self._timeout_message_en()) from None
        except (EOFError, OSError):
            self._replace(w)
            raise QueryError("de query-werker is onverwacht gestopt (te veel geheugen?)",
                             en="the query worker stopped unexpectedly (too much memory?)") from None
        self._idle.put(w)
        kind = msg[0]
        if kind == "ok":
            outcome: QueryOutcome = msg[1]
            return outcome
        if kind == "timeout":
            raise QueryTimeoutError(self._timeout_message(), en=self._timeout_message_en())
        if kind == "too-large":
            raise ResultTooLargeError(msg[1], en=msg[2])
        if kind == "update":
            raise UpdateNotAllowedError(msg[1], en=msg[2])
        raise QueryError(msg[1], en=msg[2])

    def _timeout_message(self) -> str:
        return f"query duurde langer dan {self.timeout:g} s en is afgebroken"

    def _timeout_message_en(self) -> str:
        return f"the query took longer than {self.timeout:g} s and was stopped"

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            with contextlib.suppress(OSError, ValueError):
                w.conn.send(None)
        for w in workers:
            w.process.join(2)
            w.kill()

    def __enter__(self) -> QueryPool:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
