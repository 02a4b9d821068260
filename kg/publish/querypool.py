"""SPARQL evaluation in worker processes, with a wall-clock limit, a result-size limit,
cancellation when the client has gone, and fairness between clients.

Neither engine can cancel a running query from outside (pyoxigraph evaluates in Rust and does
not even see Python signals), and a thread cannot be stopped, so each query runs in a worker
*process* that holds its own copy of the graph:

* soft limit: the worker arms SIGALRM for the query's time limit; it interrupts Python code
  (the parser, rdflib's evaluator, the loop pulling results) and the worker is free at once;
* hard limit and cancellation: a worker that has not answered `grace` seconds after the limit,
  or whose client disconnected, is killed; a spare worker, loaded and waiting, takes its
  place at once, and a fresh spare is started in the background;
* fairness: a client (an IP address) runs at most `per_client` queries at once and holds at
  most `client_queue` places in the queue; a free worker goes to the waiting client that runs
  the fewest queries, oldest request first, so one client cannot hold every worker;
* size: results are pulled one by one and evaluation stops at max_rows + 1;
* memory: each worker runs under an address-space limit (RLIMIT_AS) as a last guard.

Workers are started with the 'spawn' method (no fork of a threaded server).
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing as mp
import os
import signal
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ..errors import KgError, KgValueError, QueryError, QueryTimeoutError, UpdateNotAllowedError
from .evaluate import Dataset, QueryOutcome, ResultTooLargeError, evaluate_oxigraph, evaluate_rdflib

__all__ = ["Dataset", "EndpointBusyError", "QueryCancelledError", "QueryOutcome", "QueryPool", "ResultTooLargeError",
           "Ticket"]


class EndpointBusyError(KgError):
    """No worker became free in time, or the client has too many queries in the queue."""


class QueryCancelledError(KgError):
    """The client went away; its query was stopped."""


def _gone() -> QueryCancelledError:
    return QueryCancelledError("de client is weg; de query is gestopt", en="the client left; the query was stopped")


class _Alarm(BaseException):
    """Raised by SIGALRM inside the worker (BaseException: rdflib must not swallow it)."""


def _exit_with_parent(interval: float = 0.5) -> None:
    """End this worker when the server that started it has gone (killed, so it never closed
    the pool): a worker in the middle of a long query would otherwise run on as an orphan.
    A thread, since the engines release the GIL while they evaluate."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="armoede-kg-parent-watch", daemon=True).start()


def _worker_main(conn: Connection, data: str | None, backend: str, prefixes: dict[str, str], timeout: float,
                 max_rows: int, memory_mb: int) -> None:
    _exit_with_parent()
    if memory_mb > 0:
        try:
            import resource

            limit = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ImportError, ValueError, OSError):
            pass
    from ..graph import load

    try:
        kg = load(data, backend=backend)
        if backend == "oxigraph":
            from ..store.oxigraph import TermConverter

            store, convert = kg.backend.store, TermConverter()  # type: ignore[attr-defined]
        else:
            ds = kg.backend.dataset()
    except KgError as exc:
        with contextlib.suppress(OSError):
            conn.send(("failed", str(exc)))
        return

    def run(text: str, dataset: Dataset | None) -> QueryOutcome:
        if backend == "oxigraph":
            return evaluate_oxigraph(store, convert, text, max_rows, prefixes, dataset)
        return evaluate_rdflib(ds, text, max_rows)  # the server refuses a dataset for rdflib

    def on_alarm(signum: int, frame: Any) -> None:
        raise _Alarm()

    signal.signal(signal.SIGALRM, on_alarm)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        conn.send(("ready",))
    except OSError:  # the pool closed while this worker was loading
        return
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                outcome = run(*job)
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
        except Exception as exc:  # noqa: BLE001 - the engines raise assorted errors on odd queries
            why = f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
            reply = ("error", f"query mislukt: {why}", f"query failed: {why}")
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


class _Worker:
    def __init__(self, ctx: Any, args: tuple[Any, ...]) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, *args), daemon=True, name="armoede-kg-query")
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


@dataclass(eq=False)
class Ticket:
    """One request's place in the pool: which client sent it, and whether it was cancelled."""

    client: str
    seq: int = 0
    state: str = "new"  # new → waiting → running → done
    cancelled: bool = False
    worker: _Worker | None = field(default=None, repr=False)


class QueryPool:
    """Worker processes answering read-only SPARQL with time and size limits, fairly shared."""

    def __init__(self, data: Path | str | None = None, workers: int = 2, timeout: float = 30.0,
                 max_rows: int = 10_000, memory_mb: int = 3072, grace: float = 1.0,
                 load_limit: float = 300.0, backend: str = "oxigraph", prefixes: dict[str, str] | None = None,
                 spares: int = 1, per_client: int | None = None, client_queue: int = 16) -> None:
        if workers < 1:
            raise KgValueError("aantal query-werkers moet minstens 1 zijn",
                               en="the number of query workers must be at least 1")
        if timeout <= 0:
            raise KgValueError("de tijdslimiet per query moet groter dan 0 zijn",
                               en="the time limit per query must be greater than 0")
        if backend not in ("oxigraph", "rdflib"):
            raise KgValueError(f"serve kent de backend '{backend}' niet (kies oxigraph of rdflib)",
                               en=f"serve does not know the backend '{backend}' (choose oxigraph or rdflib)")
        self.data = str(data) if data is not None else None
        self.size = workers
        self.spares = max(0, spares)
        self.per_client = per_client or max(1, workers - 1)
        self.client_queue = max(1, client_queue)
        self.timeout = timeout
        self.grace = grace
        self.load_limit = load_limit
        self.backend = backend
        self._args = (self.data, backend, dict(prefixes or {}), timeout, max_rows, memory_mb)
        self._ctx = mp.get_context("spawn")
        self._cond = threading.Condition()
        self._ready: deque[_Worker] = deque()  # loaded and idle, handed out in turn
        self._all: set[_Worker] = set()
        self._waiting: list[Ticket] = []
        self._running: Counter[str] = Counter()  # client → queries on a worker now
        self._held: Counter[str] = Counter()  # client → queries running or waiting
        self._busy = 0
        self._seq = itertools.count()
        self._closed = False
        self.restarts = 0

    # -- workers -------------------------------------------------------------------------
    def start(self) -> QueryPool:
        started = [self._new_worker() for _ in range(self.size + self.spares)]
        for w in started:
            w.wait_ready(self.load_limit)
            with self._cond:
                self._ready.append(w)
                self._cond.notify_all()
        return self

    def _new_worker(self) -> _Worker:
        w = _Worker(self._ctx, self._args)
        with self._cond:
            self._all.add(w)
        return w

    def _replace(self, dead: _Worker) -> None:
        """Kill a worker and start its successor in the background (a spare serves meanwhile)."""
        dead.kill()
        with self._cond:
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
            with self._cond:
                if not self._closed:
                    self._ready.append(w)
                    self._cond.notify_all()
                    return
            w.kill()

        threading.Thread(target=boot, name="armoede-kg-query-restart", daemon=True).start()

    # -- requests ------------------------------------------------------------------------
    def ticket(self, client: str = "") -> Ticket:
        return Ticket(client)

    def cancel(self, ticket: Ticket) -> None:
        """The client has gone: drop its request from the queue, or kill the worker running it."""
        with self._cond:
            ticket.cancelled = True
            if ticket.state == "running" and ticket.worker is not None and ticket.worker.process.is_alive():
                ticket.worker.process.kill()  # under the lock: the worker cannot be handed on meanwhile
            self._cond.notify_all()

    def run(self, text: str, ticket: Ticket | None = None, dataset: Dataset | None = None) -> QueryOutcome:
        """Evaluate one query (blocking); raises QueryError, UpdateNotAllowedError,
        QueryTimeoutError, ResultTooLargeError, EndpointBusyError or QueryCancelledError.

        The text is not parsed here: parsing is unbounded work too (64 KiB of `1+1+…` keeps
        pyparsing busy for minutes), so it happens in the worker, under the time limit, where
        UPDATE, SERVICE and FROM are refused before the engine sees the query."""
        if not text.strip():
            raise QueryError("lege query: geef een SELECT-, ASK-, CONSTRUCT- of DESCRIBE-query",
                             en="empty query: give a SELECT, ASK, CONSTRUCT or DESCRIBE query")
        t = ticket or Ticket("")
        w = self._acquire(t)
        try:
            w.conn.send((text, dataset))
            if not w.conn.poll(self.timeout + self.grace):
                raise TimeoutError
            msg = w.conn.recv()
        except TimeoutError:
            self._release(t, w, broken=True)
            raise QueryTimeoutError(self._timeout_message(), en=self._timeout_message_en()) from None
        except (EOFError, OSError):
            self._release(t, w, broken=True)
            if t.cancelled:
                raise _gone() from None
            raise QueryError("de query-werker is onverwacht gestopt (te veel geheugen?)",
                             en="the query worker stopped unexpectedly (too much memory?)") from None
        self._release(t, w, broken=False)
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

    def _acquire(self, t: Ticket) -> _Worker:
        deadline = time.monotonic() + self.timeout + self.grace + self.load_limit
        with self._cond:
            if t.cancelled:
                raise _gone()
            if self._held[t.client] >= self.client_queue:
                raise EndpointBusyError(f"te veel queries van dit adres tegelijk (meer dan {self.client_queue}); "
                                        "wacht op de antwoorden en probeer het dan opnieuw",
                                        en=f"too many queries from this address at once (more than "
                                           f"{self.client_queue}); wait for the answers, then try again")
            self._held[t.client] += 1
            t.seq, t.state = next(self._seq), "waiting"
            self._waiting.append(t)
            try:
                while not (self._ready and self._busy < self.size and self._next_up() is t):
                    if t.cancelled:
                        raise _gone()
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise EndpointBusyError("het endpoint is bezet; probeer het later opnieuw",
                                                en="the endpoint is busy; try again later")
                    self._cond.wait(left)
            except BaseException:
                self._waiting.remove(t)
                self._forget(t)
                self._cond.notify_all()
                raise
            self._waiting.remove(t)
            w = self._ready.popleft()
            self._busy += 1
            self._running[t.client] += 1
            t.state, t.worker = "running", w
            self._cond.notify_all()  # another waiter may be next now
            return w

    def _next_up(self) -> Ticket | None:
        """The waiting request a free worker goes to: its client runs fewer than per_client
        queries; of those, the client running the fewest; then the oldest request."""
        eligible = [t for t in self._waiting if self._running[t.client] < self.per_client]
        return min(eligible, key=lambda t: (self._running[t.client], t.seq), default=None)

    def _release(self, t: Ticket, w: _Worker, broken: bool) -> None:
        with self._cond:
            self._busy -= 1
            self._running[t.client] -= 1
            if self._running[t.client] <= 0:
                del self._running[t.client]
            self._forget(t)
            # a worker killed by cancel() may have answered just before: never hand it on
            broken = broken or t.cancelled or not w.process.is_alive()
            t.state, t.worker = "done", None
            if not broken:
                self._ready.append(w)
            self._cond.notify_all()
        if broken:
            self._replace(w)

    def _forget(self, t: Ticket) -> None:
        self._held[t.client] -= 1
        if self._held[t.client] <= 0:
            del self._held[t.client]
        t.state = "done"

    def _timeout_message(self) -> str:
        return f"query duurde langer dan {self.timeout:g} s en is afgebroken"

    def _timeout_message_en(self) -> str:
        return f"the query took longer than {self.timeout:g} s and was stopped"

    def close(self) -> None:
        with self._cond:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
            self._cond.notify_all()
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
