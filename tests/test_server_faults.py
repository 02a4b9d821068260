"""`armoede-kg serve` under abusive clients and faults, spoken to over raw sockets on
127.0.0.1: path traversal in every spelling, a very large POST body, slowloris connections,
a stalled body, oversized and malformed requests, and a query worker that stops
responding. Each is refused cleanly, and the server keeps answering everyone else.

Time bounds below (CLIENT_TIMEOUT_S, the waits for closed connections) are liveness limits
many times the configured timeouts, not speed assertions."""

from __future__ import annotations

import contextlib
import glob
import http.client
import os
import select
import shutil
import signal
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from publish_support import LiveServer, start_server, stop_server

SECRET = "geheim: dit bestand ligt naast de site en mag nooit uitgeleverd worden\n"
CLIENT_TIMEOUT_S = 2.0
MAX_QUERY_BYTES = 65536
QUERY_TIMEOUT_S = 1
ASK = "ASK { ?s a <https://w3id.org/armoede-kg/ontologie#Intervention> }"


@pytest.fixture(scope="module")
def guarded_site(published_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the site with a secret file beside it and, inside it, a symlink to the
    folder that holds the secret (a link a careless deploy could leave behind)."""
    root = tmp_path_factory.mktemp("faults")
    site = root / "site"
    shutil.copytree(published_site, site, symlinks=True)
    (root / "secret.txt").write_text(SECRET, encoding="utf-8")
    (root / "secret.html").write_text(SECRET, encoding="utf-8")
    (site / "lek").symlink_to(root, target_is_directory=True)
    (site / "lek.html").symlink_to(root / "secret.html")
    return site


@pytest.fixture(scope="module")
def server(guarded_site: Path) -> Iterator[LiveServer]:
    live = start_server(guarded_site, "--timeout", str(QUERY_TIMEOUT_S), "--workers", "2",
                        "--client-timeout", str(CLIENT_TIMEOUT_S), "--max-query-bytes", str(MAX_QUERY_BYTES),
                        "--log-level", "error")
    yield live
    alive = live.process.poll() is None
    live.process.terminate()
    live.process.wait(timeout=30)
    err = live.process.stderr.read().decode("utf-8", "replace") if live.process.stderr else ""
    stop_server(live)
    assert alive, "the server died"
    # nothing above made the app fail: uvicorn logs every unhandled exception at level error
    assert "Traceback" not in err and "Exception in ASGI application" not in err, err[-3000:]


def port_of(server: LiveServer) -> int:
    return int(urllib.parse.urlsplit(server.base).port or 0)


@dataclass
class Raw:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


def request(server: LiveServer, method: str, target: str, body: bytes | None = None,
            headers: dict[str, str] | None = None) -> Raw:
    """One request with the target sent exactly as given (no normalisation by a client library)."""
    conn = http.client.HTTPConnection("127.0.0.1", port_of(server), timeout=60)
    try:
        conn.putrequest(method, target, skip_host=False, skip_accept_encoding=True)
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        resp = conn.getresponse()
        return Raw(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
    finally:
        conn.close()


def query(server: LiveServer, text: str) -> Raw:
    return request(server, "POST", "/sparql", text.encode(), {"Content-Type": "application/sparql-query",
                                                               "Accept": "application/sparql-results+json"})


def assert_serving(server: LiveServer, with_query: bool = True) -> None:
    """Everyone else is still answered: a page, a data file and a query."""
    page = request(server, "GET", "/id/interventie/krachtwerk", headers={"Accept": "text/html"})
    assert page.status == 200 and b"<h1>Krachtwerk</h1>" in page.body
    ttl = request(server, "GET", "/id/interventie/krachtwerk", headers={"Accept": "text/turtle"})
    assert ttl.status == 200 and b"ak:Intervention" in ttl.body
    if not with_query:
        return
    ask = query(server, ASK)
    assert ask.status == 200 and b'"boolean": true' in ask.body.replace(b'"boolean":true', b'"boolean": true')


# -- path traversal ---------------------------------------------------------------------------

TRAVERSALS = [
    "/../secret.txt", "/id/../../secret.txt", "/id/interventie/../../../secret.txt",
    "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/.%2e/secret.txt", "/%2e./secret.txt",
    "/id/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/id%2f..%2f..%2fsecret.txt", "/%2e%2e%2fsecret.txt",
    "/%252e%252e/secret.txt", "/%252e%252e%252fsecret.txt", "/..%5csecret.txt", "/..\\secret.txt",
    "/%c0%ae%c0%ae/secret.txt", "/%uff0e%uff0e/secret.txt", "/..;/secret.txt", "//../secret.txt",
    "/./../secret.txt", "/id/interventie/krachtwerk/../../../../secret.txt", "/..", "/../secret",
    "/secret.txt%00.html", "/id/interventie/krachtwerk%00.html", "/id/interventie/krachtwerk%00",
    "/lek/secret.txt", "/lek/secret", "/lek", "/lek.html", "/%6cek/secret.txt",
    "/" + "a" * 5000, "/" + "a/" * 3000 + "x", "/.armoede-kg-site", "/.htaccess", "/%2ehtaccess",
    "http://127.0.0.1/../secret.txt",
]


def test_the_secret_is_really_there_to_be_found(guarded_site):
    # the traversal targets exist: a server that followed them would leak the secret
    assert (guarded_site / ".." / "secret.txt").read_text(encoding="utf-8") == SECRET
    assert (guarded_site / "lek" / "secret.txt").read_text(encoding="utf-8") == SECRET
    assert (guarded_site / "lek.html").read_text(encoding="utf-8") == SECRET


@pytest.mark.parametrize("target", TRAVERSALS, ids=lambda t: t[:40])
@pytest.mark.parametrize("accept", ["text/html", "text/turtle", "*/*"])
def test_path_traversal_never_leaves_the_site(server, target, accept):
    r = request(server, "GET", target, headers={"Accept": accept})
    assert r.status in (400, 404), (target, r.status)
    assert b"geheim" not in r.body
    # no redirect may point outside either
    assert ".." not in r.headers.get("location", "")


def test_server_answers_after_the_traversal_attempts(server):
    assert_serving(server)


# -- large and malformed requests --------------------------------------------------------------

def test_a_declared_huge_body_is_refused_before_it_is_sent(server):
    with socket.create_connection(("127.0.0.1", port_of(server)), timeout=30) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                  b"Content-Length: 10000000000\r\n\r\nSELECT")
        reply = recv_all(s)
    assert reply.startswith(b"HTTP/1.1 413 ") and b"query te lang (meer dan 65536 bytes)" in reply
    assert b"connection: close" in reply.lower()
    assert_serving(server)


def test_a_chunked_upload_is_cut_off_at_the_limit(server):
    """64 MB in chunks: the server answers 413 and closes long before the client is done."""
    sent, chunk = 0, b"1000\r\n" + b"#" * 4096 + b"\r\n"
    with socket.create_connection(("127.0.0.1", port_of(server)), timeout=30) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                  b"Transfer-Encoding: chunked\r\n\r\n")
        try:
            while sent < 64 * 1024 * 1024:
                s.sendall(chunk)
                sent += 4096
        except (BrokenPipeError, ConnectionResetError):
            pass
        reply = recv_all(s)
    assert sent < 64 * 1024 * 1024, "the server read the whole 64 MB body"
    assert reply.startswith(b"HTTP/1.1 413 ") or reply == b""  # a reset may swallow the answer
    assert_serving(server)


def test_the_query_size_limit_is_exact(server):
    head = ASK + "\n#"
    exact = head + "x" * (MAX_QUERY_BYTES - len(head))
    assert len(exact.encode()) == MAX_QUERY_BYTES
    assert query(server, exact).status == 200
    over = query(server, exact + "x")
    assert over.status == 413 and over.body == b"query te lang (meer dan 65536 bytes)\n"


@pytest.mark.parametrize("raw", [
    # a request head beyond 16 KiB (h11 refuses a head that grows past it before it is complete)
    b"GET /sparql?query=" + b"A" * 1_000_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 1_000_000 + b"\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-Many: y\r\n" * 100_000 + b"\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + os.urandom(64),  # a TLS hello on the plain port
    b"GARBAGE\r\n\r\n",
    b"GET /id/interventie/krachtwerk HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
    b"GET /id/interventie/krachtwerk HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n",
    b"GET /\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n",
    b"POST /sparql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
], ids=["long-url", "long-header", "many-headers", "tls", "garbage", "negative-length", "two-lengths",
        "non-ascii-target", "bad-chunk"])
def test_malformed_requests_get_400_and_a_closed_connection(server, raw):
    with socket.create_connection(("127.0.0.1", port_of(server)), timeout=30) as s:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            s.sendall(raw)  # may be refused and closed before all of it is sent
        reply = recv_all(s)
    assert reply.startswith(b"HTTP/1.1 400 ") or reply == b"", reply[:200]
    assert_serving(server)


def test_a_post_to_a_page_is_refused_without_reading_the_body(server):
    r = request(server, "POST", "/id/interventie/krachtwerk", b"x" * 100_000, {"Content-Type": "text/plain"})
    assert r.status == 405
    assert_serving(server)


# -- slow clients -------------------------------------------------------------------------------

def recv_all(s: socket.socket) -> bytes:
    out = b""
    try:
        while chunk := s.recv(65536):
            out += chunk
    except (ConnectionResetError, TimeoutError):
        pass
    return out


def closed_by_server(s: socket.socket) -> bool:
    readable, _, _ = select.select([s], [], [], 0)
    if not readable:
        return False
    try:
        return s.recv(4096) == b""
    except (ConnectionResetError, BrokenPipeError):
        return True


def test_slowloris_connections_are_closed_and_others_are_served(server):
    """60 connections dribble a request head one byte at a time, 20 more send nothing at all.
    Meanwhile ordinary clients are answered; every slow connection is closed by the server."""
    port = port_of(server)
    slow = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(60)]
    idle = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(20)]
    for s in slow:
        s.sendall(b"GET /id/interventie/krachtwerk HTTP/1.1\r\nHost: x\r\nX-Langzaam: ")
    open_ = set(range(len(slow)))
    stop = threading.Event()

    def dribble() -> None:
        while open_ and not stop.is_set():
            for i in list(open_):
                try:
                    slow[i].sendall(b"z")
                except OSError:
                    open_.discard(i)
                    continue
                if closed_by_server(slow[i]):
                    open_.discard(i)
            time.sleep(0.3)

    worker = threading.Thread(target=dribble, daemon=True)
    worker.start()
    try:
        for _ in range(3):
            assert_serving(server)
        worker.join(CLIENT_TIMEOUT_S * 15)
        assert not open_, f"{len(open_)} slowloris connections still open"
        deadline = time.monotonic() + CLIENT_TIMEOUT_S * 15
        while not all(closed_by_server(s) for s in idle) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert all(closed_by_server(s) for s in idle), "idle connections that never sent a byte stay open"
    finally:
        stop.set()
        for s in slow + idle:
            s.close()
    assert_serving(server)


def test_a_stalled_body_gets_408(server):
    with socket.create_connection(("127.0.0.1", port_of(server)), timeout=60) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                  b"Content-Length: 1000\r\n\r\nASK {")
        reply = recv_all(s)
    assert reply.startswith(b"HTTP/1.1 408 "), reply[:200]
    assert b"de query kwam niet binnen 2 s binnen" in reply
    assert_serving(server)


# -- the query workers ---------------------------------------------------------------------------

def query_workers(server: LiveServer) -> set[int]:
    """PIDs of the server's query worker processes (its spawned children)."""
    pids: set[int] = set()
    for path in glob.glob(f"/proc/{server.process.pid}/task/*/children"):
        with open(path) as fh:
            pids.update(int(p) for p in fh.read().split())
    workers = set()
    for pid in pids:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                if b"spawn_main" in fh.read():
                    workers.add(pid)
        except FileNotFoundError:
            continue
    return workers


def test_a_hung_worker_is_replaced_and_the_next_query_is_answered(server):
    """A worker that stops answering (SIGSTOP: as stuck as a process can be; SIGALRM cannot
    free it) costs one query a 503 after the time limit plus grace; the server kills it,
    starts a fresh one, and answers every other query and page meanwhile."""
    before = query_workers(server)
    assert len(before) == 3  # --workers 2 and the default one spare
    hung = min(before)
    os.kill(hung, signal.SIGSTOP)
    try:
        answers = []
        for _ in range(3):  # the 3 idle workers are handed out in turn: one of these meets the hung one
            answers.append(query(server, ASK))
            assert_serving(server, with_query=False)
        statuses = sorted(a.status for a in answers)
        assert statuses.count(503) == 1 and statuses.count(200) == 2, statuses
        timed_out = next(a for a in answers if a.status == 503)
        assert timed_out.body.startswith(b"query duurde langer dan 1 s")
        # the hung worker is gone (killed and reaped), and a new one takes its place
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and (hung in query_workers(server) or len(query_workers(server)) < 3):
            time.sleep(0.5)
        after = query_workers(server)
        assert hung not in after and len(after) == 3
    finally:
        if hung in query_workers(server):
            os.kill(hung, signal.SIGCONT)
    for _ in range(4):
        assert query(server, ASK).status == 200


def test_parsing_a_pathological_query_does_not_stop_the_pages(server):
    """64 KiB of `1+1+…` takes rdflib's parser minutes: it must run in a worker under the
    time limit, not on the server's event loop, so pages are served while it runs."""
    heavy = "SELECT * WHERE { FILTER(" + "+".join(["1"] * 16000) + ") }"
    result: list[Raw] = []
    t = threading.Thread(target=lambda: result.append(query(server, heavy)))
    t.start()
    time.sleep(0.3)
    page = request(server, "GET", "/id/interventie/krachtwerk", headers={"Accept": "text/turtle"})
    assert page.status == 200
    t.join(120)
    assert result and result[0].status == 503 and b"langer dan 1 s" in result[0].body


def test_many_timed_out_queries_do_not_starve_the_pages(server):
    """Queries waiting for a worker must not take the threads that serve the site's files."""
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(query(server, heavy).status)) for _ in range(45)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    # 45 queries on 2 workers with a 1 s limit: the last would wait > 20 s for a worker. A
    # page must come at once; the queue bound (32 by default) refuses the excess with 503.
    for _ in range(5):
        page = request(server, "GET", "/id/interventie/krachtwerk", headers={"Accept": "text/turtle"})
        assert page.status == 200
    page_done_while_queued = sum(1 for t in threads if t.is_alive())
    for t in threads:
        t.join(180)
    assert page_done_while_queued > 0, "the pages only came after the queries: they waited for them"
    assert sorted(set(results)) == [503] and len(results) == 45
    assert_serving(server)
