"""Nothing lost: every file armoede-kg writes survives a write that fails midway, every export
format reads back to the same dataset, and a push to a real Oxigraph server that breaks
midway leaves the store as it was — or says exactly which graphs changed.

The midway failures are real: the command runs in a process whose file size limit
(RLIMIT_FSIZE, like a disk quota) is half the size of what it writes, so the write() that
crosses it fails with EFBIG; the store's failures come from a loopback proxy in front of
the real Oxigraph server that breaks the connection at a chosen request."""

from __future__ import annotations

import errno
import hashlib
import http.client
import http.server
import os
import shutil
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from publish_support import Oxigraph, start_oxigraph, stop_oxigraph
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

import kg
from kg.atomic import write_atomic
from kg.paths import ontology_dir
from kg.publish.rdfio import quads_of
from kg.publish.site import write_site
from kg.publish.store import PublishError, graph_url, publish

OLD = "de vorige versie: deze bytes moeten blijven staan\n"

# Run the CLI with a file size limit. SIGXFSZ is ignored so that the write past the limit
# fails with EFBIG (as on a full disk) instead of killing the process.
LIMITED = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = int(sys.argv.pop(1))
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.argv[0] = "armoede-kg"
from kg.cli.main import main
main()
"""


def run_limited(limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ARMOEDE_KG_CACHE": "0", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, "-c", LIMITED, str(limit), *args], capture_output=True, text=True,
                          env=env, timeout=600, check=False)


def leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


# -- a write that fails midway -----------------------------------------------------------------

ALL_TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 3000\n"

WRITERS = {
    # id: the command, with {out} for the output file and {q} for a query file
    "export-nt": ["export", "--format", "nt", "--out", "{out}"],
    "export-jsonld": ["export", "--format", "jsonld", "--out", "{out}"],
    "query": ["query", "integrale-interventies", "--format", "json", "--out", "{out}"],
    "sparql": ["sparql", "{q}", "--format", "csv", "--out", "{out}"],
    "centraal": ["centraal", "--format", "md", "--out", "{out}"],
    "picture": ["graaf", "Krachtwerk", "--out", "{out}"],
}


@pytest.mark.parametrize("name", list(WRITERS))
def test_a_write_that_fails_midway_keeps_the_old_file(tmp_path, run_cli, name):
    (tmp_path / "q.rq").write_text(ALL_TRIPLES, encoding="utf-8")
    suffix = ".svg" if name == "picture" else ".out"

    def args(out: Path) -> list[str]:
        return [a.format(out=out, q=tmp_path / "q.rq") for a in WRITERS[name]]

    # the command works, and shows how much it writes
    full = tmp_path / f"volledig{suffix}"
    res = run_cli(*args(full))
    assert res.exit_code == 0, res.output
    size = full.stat().st_size
    assert size > 200
    # the old file, then the same command with --force in a process that can write only half
    target = tmp_path / f"uitvoer{suffix}"
    target.write_text(OLD, encoding="utf-8")
    done = run_limited(size // 2, *args(target), "--force")
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"fout: {target}: schrijven mislukt (File too large)"), done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path, {"q.rq", full.name, target.name}) == []  # no temp file left


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_site_rebuild_that_fails_midway_keeps_the_old_site(tmp_path):
    data = tmp_path / "data"  # the vocabularies without the five documents: a quick site
    shutil.copytree(ontology_dir(), data, ignore=shutil.ignore_patterns("__pycache__", "*.py", "kennis"))
    out = tmp_path / "site"
    write_site(kg.load(data), out)
    before = tree_digest(out)
    biggest = max((out / rel).stat().st_size for rel in before)
    done = run_limited(biggest // 2, "--data", str(data), "site", str(out))
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"fout: {out}/") and "schrijven mislukt (File too large)" in done.stderr
    assert f"de bestaande site in {out} is ongewijzigd" in done.stderr and done.stderr.count("\n") == 1
    assert tree_digest(out) == before
    assert leftovers(tmp_path, {"data", "site"}) == []  # the half-built folder is gone


def test_a_failed_rename_keeps_the_old_file(tmp_path, run_cli, monkeypatch):
    target = tmp_path / "graaf.ttl"
    target.write_text(OLD, encoding="utf-8")

    def no_rename(src: str, dst: str) -> None:
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

    monkeypatch.setattr(os, "replace", no_rename)  # the last step of kg.atomic.write_atomic
    res = run_cli("export", "--format", "ttl", "--out", str(target), "--force")
    assert res.exit_code == 2
    assert res.stderr == f"fout: {target}: schrijven mislukt ({os.strerror(errno.EXDEV)})\n"
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path, {target.name}) == []


def test_ctrl_c_while_writing_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "rapport.txt"
    target.write_text(OLD, encoding="utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt  # after all bytes went to the temp file, before the rename

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "nieuw\n" * 100_000, force=True)
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path, {target.name}) == []


# -- round trips ---------------------------------------------------------------------------------

DEFAULT = URIRef("urn:x-rdflib:default")


def named_graphs(ds: Dataset) -> dict[URIRef, Graph]:
    out = {}
    for ctx in ds.graphs():
        if ctx.identifier == DEFAULT and len(ctx) == 0:
            continue
        g = Graph()
        for t in ctx:
            g.add(t)
        out[URIRef(ctx.identifier)] = g
    return out


@pytest.fixture(scope="module")
def source_graphs() -> dict[URIRef, Graph]:
    return named_graphs(kg.load().backend.dataset())


@pytest.mark.parametrize("fmt,parser", [("nq", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")])
def test_quad_formats_round_trip_graph_by_graph(tmp_path, run_cli, source_graphs, fmt, parser):
    out = tmp_path / f"graaf.{fmt}"
    res = run_cli("export", "--format", fmt, "--out", str(out))
    assert res.exit_code == 0, res.output
    back = Dataset()
    back.parse(out, format=parser)
    got = named_graphs(back)
    assert sorted(got) == sorted(source_graphs)  # the same named graphs, no stray default graph
    assert len(source_graphs) >= 10
    for name, g in source_graphs.items():
        assert isomorphic(got[name], g), name


@pytest.mark.parametrize("fmt,parser", [("ttl", "turtle"), ("nt", "nt"), ("xml", "xml")])
def test_triple_formats_round_trip_the_union(tmp_path, run_cli, source_graphs, fmt, parser):
    out = tmp_path / f"graaf.{fmt}"
    res = run_cli("export", "--format", fmt, "--out", str(out))
    assert res.exit_code == 0, res.output
    union = Graph()
    for g in source_graphs.values():
        for t in g:
            union.add(t)
    back = Graph().parse(out, format=parser)
    assert len(back) == len(union) > 10_000
    assert isomorphic(back, union)


# -- publish into a real Oxigraph server, and a push that breaks midway ---------------------------

@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Oxigraph]:
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph-nothing-lost"))
    yield server
    stop_oxigraph(server)


@dataclass
class Faults:
    """What the proxy does to the PUT numbered `at` (1-based): 'refuse' answers 500 without
    passing it on; 'lose' passes it to the store and then drops the connection unanswered.
    dead: afterwards every request fails (the store is gone)."""

    at: int = 0
    kind: str = "refuse"
    dead: bool = False
    puts: int = 0
    broken: bool = False


class FaultyProxy:
    def __init__(self, upstream: str) -> None:
        self.faults = Faults()
        up = urllib.parse.urlsplit(upstream)
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def handle_one(self) -> None:
                f = proxy.faults
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if f.broken and f.dead:
                    self.close_connection = True
                    return
                if self.command == "PUT":
                    f.puts += 1
                    if f.puts == f.at:
                        f.broken = True
                        if f.kind == "refuse":
                            self.send_error(500, "store failure (injected)")
                            return
                        forward(self.command, self.path, body, dict(self.headers))
                        self.close_connection = True  # the store did it; the client never hears
                        return
                status, headers, payload = forward(self.command, self.path, body, dict(self.headers))
                self.send_response(status)
                for k, v in headers:
                    if k.lower() in ("content-type",):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_PUT = do_DELETE = do_POST = handle_one

            def log_message(self, *args: object) -> None:
                pass

        def forward(method: str, path: str, body: bytes, headers: dict[str, str]
                    ) -> tuple[int, list[tuple[str, str]], bytes]:
            conn = http.client.HTTPConnection(up.hostname or "127.0.0.1", up.port, timeout=60)
            try:
                keep = {k: v for k, v in headers.items() if k.lower() in ("content-type", "accept")}
                conn.request(method, path, body=body or None, headers=keep)
                resp = conn.getresponse()
                return resp.status, resp.getheaders(), resp.read()
            finally:
                conn.close()

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def proxy(oxigraph: Oxigraph) -> Iterator[FaultyProxy]:
    p = FaultyProxy(oxigraph.base)
    yield p
    p.close()


def canonical(triples: Graph) -> frozenset[tuple[object, object, object]]:
    # literals by value: Oxigraph writes "8"^^xsd:decimal back as "8.0"
    return frozenset((s, p, ("lit", str(o.datatype), o.value) if isinstance(o, Literal) and o.datatype else o)
                     for s, p, o in triples)


Triples = frozenset[tuple[object, object, object]]


def store_state(oxigraph: Oxigraph, names: list[URIRef]) -> dict[URIRef, Triples | None]:
    """Each graph as the store holds it, read directly (not through the proxy); None: absent."""
    state: dict[URIRef, Triples | None] = {}
    for g in names:
        req = urllib.request.Request(graph_url(f"{oxigraph.base}/store", g),
                                     headers={"Accept": "application/n-triples"})
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                state[g] = canonical(Graph().parse(data=resp.read().decode("utf-8"), format="nt"))
        except urllib.error.HTTPError as exc:
            assert exc.code == 404
            state[g] = None
    return state


def update(oxigraph: Oxigraph, text: str) -> None:
    req = urllib.request.Request(f"{oxigraph.base}/update", data=text.encode(),
                                 headers={"Content-Type": "application/sparql-update"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        resp.read()


@pytest.fixture
def older_store(oxigraph: Oxigraph, graph) -> list[URIRef]:
    """The store holding an older state than ours: the first graph absent, the second with a
    triple we do not have, the third without one of ours. Returns the push order."""
    assert publish(graph, f"{oxigraph.base}/store").ok
    order = list(quads_of(graph.backend.dataset()))
    first, second, third = order[:3]
    update(oxigraph, f"DROP GRAPH <{first}> ; "
                     f"INSERT DATA {{ GRAPH <{second}> {{ <urn:oud:a> <urn:oud:b> \"alleen in de oude versie\" }} }} ; "
                     f"DELETE {{ GRAPH <{third}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{third}> {{ ?s ?p ?o }} }}")
    return order


def test_publish_into_oxigraph_is_verified_graph_by_graph(oxigraph, graph):
    report = publish(graph, f"{oxigraph.base}/store")
    assert report.ok and report.verified
    sizes = graph.backend.graphs()
    assert {r.graph: (r.sent, r.stored) for r in report.graphs} == {g: (n, n) for g, n in sizes.items()}


@pytest.mark.parametrize("kind", ["refuse", "lose"])
def test_a_push_that_breaks_midway_leaves_the_store_as_it_was(oxigraph, proxy, graph, older_store, kind):
    order = older_store
    before = store_state(oxigraph, order)
    assert before[order[0]] is None and before[order[2]] == frozenset()
    proxy.faults = Faults(at=3, kind=kind)
    with pytest.raises(PublishError) as caught:
        publish(graph, f"{proxy.base}/store")
    err = caught.value
    assert err.store_unchanged
    # the two graphs replaced before the failure, and (answer lost) the third one too, went back
    assert err.restored == (order[:2] if kind == "refuse" else order[:3])
    assert str(err).startswith("publiceren afgebroken bij kennis/001: ")
    assert str(err).endswith(f"de store is weer zoals hij was ({len(err.restored)} al vervangen grafen teruggezet)")
    assert store_state(oxigraph, order) == before


def test_a_store_that_goes_away_midway_is_reported_graph_by_graph(oxigraph, proxy, graph, older_store, run_cli):
    """The PUT of the third graph reaches the store, its answer never comes, and the store
    is gone from then on: nothing can be put back. The message names each graph's state,
    and the store (read directly) agrees with it."""
    order = older_store
    before = store_state(oxigraph, order)
    proxy.faults = Faults(at=3, kind="lose", dead=True)
    res = run_cli("--backend", "rdflib", "publish", "--store", f"{proxy.base}/store")
    assert res.exit_code == 2 and res.stderr.count("\n") == 1
    assert res.stderr.startswith("fout: publiceren afgebroken bij kennis/001: ")
    names = [str(g).removeprefix("https://w3id.org/armoede-kg/graaf/") for g in order]
    assert (f"gewijzigd (nieuwe inhoud, niet teruggezet): {names[0]}, {names[1]}; mogelijk gewijzigd: {names[2]}; "
            f"teruggezet: geen; ongewijzigd: {', '.join(names[3:])}\n") in res.stderr
    after = store_state(oxigraph, order)
    ours = {g: canonical(t) for g, t in named_graphs(graph.backend.dataset()).items()}
    assert after[order[0]] == ours[order[0]] != before[order[0]]  # changed, as reported
    assert after[order[1]] == ours[order[1]] != before[order[1]]
    assert after[order[2]] in (before[order[2]], ours[order[2]])  # maybe changed, as reported
    assert all(after[g] == before[g] for g in order[3:])  # untouched, as reported
