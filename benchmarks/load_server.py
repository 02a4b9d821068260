"""Load test of `armoede-kg serve` on loopback: N concurrent clients for M seconds over the
named queries (GET /sparql?query=…) and the resource pages (HTML, Turtle, JSON-LD).

    python benchmarks/load_server.py [--clients 16] [--query-clients 4] [--seconds 30]
                                     [--max-requests 20000] [--workers 2] [--memory-bound-mb 64]

Starts the real server (uvicorn, worker processes) on 127.0.0.1 with a free port, builds the
site first unless --site is given, warms every URL once, then runs the clients until the
time or the request count is reached, whichever comes first (requests under way then
finish), and stops the server. Of the clients, --query-clients send only named queries
(each picked at random) and the others only pages (1 in 20 the baseline): a page client
never waits behind a query of its own, so the page figures show what queries in progress
cost everyone else.

Prints p50/p90/p99/max latency and throughput per kind of request, the number of 5xx and
other non-2xx answers, and the RSS of the server process and of its query workers after
warm-up and after the load. The baseline, measured in the same run, is a static file
(style.css): the ratios show what a page or a query costs beyond the HTTP round trip.

Exit status 1 when any request got a 5xx, failed outright, or the server's memory (main
process plus workers) grew by more than --memory-bound-mb during the load; 0 otherwise.
Only loopback traffic: the server binds 127.0.0.1 and nothing else is contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import machine_line, markdown_table  # noqa: E402

import kg  # noqa: E402
from kg.publish.site import MARKER, query_examples, write_site  # noqa: E402

PAGE_ACCEPTS = ("text/html", "text/turtle", "application/ld+json")


@dataclass(frozen=True)
class Target:
    kind: str  # 'query', 'page' or 'baseline'
    url: str
    accept: str


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter[int] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def worker_pids(pid: int) -> list[int]:
    """The server's query workers: its children started by multiprocessing's spawn."""
    children: list[int] = []
    for path in Path(f"/proc/{pid}/task").glob("*/children"):
        children += [int(p) for p in path.read_text().split()]
    out = []
    for child in children:
        try:
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                out.append(child)
        except OSError:
            continue
    return sorted(out)


def memory(pid: int) -> tuple[int, int]:
    """(RSS of the server process, summed RSS of its workers), KiB."""
    return rss_kib(pid), sum(rss_kib(w) for w in worker_pids(pid))


def start_server(site: Path, port: int, workers: int, timeout: float) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-c", "from kg.cli.main import main; main()", "serve", "--site", str(site),
           "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers), "--timeout", str(timeout)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"armoede-kg serve stopped at start-up (exit {proc.returncode})")
        try:
            if httpx.get(base, timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    proc.kill()
    raise SystemExit("armoede-kg serve did not answer within 300 s")


def targets(graph: kg.KnowledgeGraph, site: Path, base: str, pages: int, seed: int) -> list[Target]:
    out = []
    for ex in query_examples(graph):
        url = base + "sparql?" + urllib.parse.urlencode({"query": ex.text})
        out.append(Target("query", url, "application/sparql-results+json"))
    html = sorted(p.relative_to(site).as_posix() for p in (site / "id").rglob("*.html"))
    for rel in random.Random(seed).sample(html, min(pages, len(html))):
        for accept in PAGE_ACCEPTS:
            out.append(Target("page", base + rel.removesuffix(".html"), accept))
    out.append(Target("baseline", base + "style.css", "text/css"))
    return out


async def run_load(pool: list[Target], clients: int, query_clients: int, seconds: float, max_requests: int,
                   seed: int) -> tuple[Tally, float, int]:
    tally = Tally()
    queries = [t for t in pool if t.kind == "query"]
    pages = [t for t in pool if t.kind == "page"]
    baseline = [t for t in pool if t.kind == "baseline"]
    sent = 0
    stop_at = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(n: int, http: httpx.AsyncClient) -> None:
        nonlocal sent
        rnd = random.Random(seed * 1000 + n)
        while time.monotonic() < stop_at and sent < max_requests:
            sent += 1
            # query clients send named queries only; page clients pages, and 1 in 20 the baseline
            t = rnd.choice(queries) if n < query_clients else rnd.choice(baseline if rnd.random() < 0.05 else pages)
            t0 = time.perf_counter()
            try:
                resp = await http.get(t.url, headers={"Accept": t.accept})
                await resp.aread()
            except httpx.HTTPError as exc:
                tally.failures[type(exc).__name__] += 1
                continue
            tally.latencies[t.kind].append(time.perf_counter() - t0)
            tally.statuses[resp.status_code] += 1

    t0 = time.perf_counter()
    async with httpx.AsyncClient(limits=limits, timeout=120) as http:
        await asyncio.gather(*(client(n, http) for n in range(clients)))
    return tally, time.perf_counter() - t0, sent


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def ms(x: float) -> str:
    return f"{x * 1000:.1f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=16, help="concurrent clients (default 16)")
    ap.add_argument("--seconds", type=float, default=30.0, help="duration of the load (default 30)")
    ap.add_argument("--max-requests", type=int, default=20_000, help="stop after this many requests (default 20000)")
    ap.add_argument("--query-clients", type=int, default=None,
                    help="how many of the clients send named queries (default a quarter)")
    ap.add_argument("--pages", type=int, default=200, help="resource pages to sample (each in 3 formats)")
    ap.add_argument("--workers", type=int, default=2, help="query worker processes of the server (default 2)")
    ap.add_argument("--timeout", type=float, default=30.0, help="the server's per-query limit in s (default 30)")
    ap.add_argument("--memory-bound-mb", type=float, default=64.0,
                    help="allowed growth of the server's RSS (process + workers) during the load (default 64)")
    ap.add_argument("--site", type=Path, default=None, help="a site written by `armoede-kg site` (else built now)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    print(f"Machine: {machine_line()}")
    graph = kg.load()
    with tempfile.TemporaryDirectory(prefix="armoede-kg-load-") as tmp:
        site = args.site
        if site is None:
            print("site bouwen …", flush=True)
            site = write_site(graph, Path(tmp) / "site").out
        elif not (site / MARKER).exists():
            raise SystemExit(f"{site}: geen armoede-kg-site")
        port = free_port()
        proc = start_server(site, port, args.workers, args.timeout)
        try:
            base = f"http://127.0.0.1:{port}/"
            pool = targets(graph, site, base, args.pages, args.seed)
            # warm-up: every URL once, sequentially; each must answer 200
            for t in pool:
                r = httpx.get(t.url, headers={"Accept": t.accept}, timeout=300)
                if r.status_code != 200:
                    raise SystemExit(f"warm-up: {t.url[:120]} answered {r.status_code}: {r.text[:200]}")
            main_before, workers_before = memory(proc.pid)
            query_clients = args.clients // 4 if args.query_clients is None else args.query_clients
            tally, elapsed, sent = asyncio.run(run_load(pool, args.clients, query_clients, args.seconds,
                                                        args.max_requests, args.seed))
            main_after, workers_after = memory(proc.pid)
            alive = proc.poll() is None
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    n_queries = sum(1 for t in pool if t.kind == "query")
    n_pages = sum(1 for t in pool if t.kind == "page")
    print(f"\nLoad: {args.clients} clients ({query_clients} sending named queries, {args.clients - query_clients} "
          f"pages), {elapsed:.1f} s (limit {args.seconds:g} s or {args.max_requests} requests, then the requests "
          f"under way finish); {args.workers} query workers, query limit {args.timeout:g} s; {n_queries} named "
          f"queries, {n_pages} page URLs ({n_pages // len(PAGE_ACCEPTS)} resources × {len(PAGE_ACCEPTS)} formats)\n")
    base_p50 = statistics.median(tally.latencies["baseline"]) if tally.latencies["baseline"] else float("nan")
    rows = []
    for kind in ("baseline", "page", "query"):
        lat = tally.latencies[kind]
        if not lat:
            continue
        p50 = statistics.median(lat)
        rows.append([kind, str(len(lat)), f"{len(lat) / elapsed:.1f}", ms(p50), ms(pct(lat, 90)), ms(pct(lat, 99)),
                     ms(max(lat)), f"{p50 / base_p50:.1f}×"])
    every = [x for lat in tally.latencies.values() for x in lat]
    rows.append(["all", str(len(every)), f"{len(every) / elapsed:.1f}", ms(statistics.median(every)),
                 ms(pct(every, 90)), ms(pct(every, 99)), ms(max(every)), ""])
    print(markdown_table(["requests", "count", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "p50 / baseline"],
                         rows))
    server_errors = sum(n for s, n in tally.statuses.items() if s >= 500)
    other = {s: n for s, n in tally.statuses.items() if not 200 <= s < 300 and s < 500}
    failed = sum(tally.failures.values())
    growth_mb = ((main_after + workers_after) - (main_before + workers_before)) / 1024
    print(f"\nstatus codes: {dict(sorted(tally.statuses.items()))}; 5xx: {server_errors}; other non-2xx: {other or 0}; "
          f"failed requests: {dict(tally.failures) or 0}; sent: {sent}")
    print(f"server RSS after warm-up: {main_before / 1024:.0f} MB (+ workers {workers_before / 1024:.0f} MB); "
          f"after the load: {main_after / 1024:.0f} MB (+ workers {workers_after / 1024:.0f} MB); "
          f"growth {growth_mb:+.1f} MB, bound {args.memory_bound_mb:g} MB")
    ok = alive and server_errors == 0 and failed == 0 and growth_mb <= args.memory_bound_mb
    print("result: " + ("OK" if ok else "FAILED") + (" (server died)" if not alive else ""))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
