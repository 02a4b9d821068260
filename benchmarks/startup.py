"""Start-up cost of one CLI call, end to end, against `python -c "import rdflib, click"`.

    python benchmarks/startup.py [--runs 15]

Runs each command --runs times, round-robin (so that a noisy neighbour hurts all alike), and
prints the median and fastest wall time, the ratio of the medians to the baseline measured in
the same run, and each command's peak memory (max RSS of the child, from wait4).

Warm = the dataset cache (kg.store.cache) holds the parsed graph; cold = an empty cache folder
(parse all Turtle, then write the cache); off = ARMOEDE_KG_CACHE=0 (parse, write nothing).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import machine_line, markdown_table  # noqa: E402

QUERY = ["query", "versterkers", "--interventie", "Krachtwerk", "--leefgebied", "financiën"]


def cli() -> list[str]:
    """The armoede-kg console script of this interpreter (what a user runs), else python -m."""
    script = Path(sys.executable).with_name("armoede-kg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kg.cli.main"]


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """(wall seconds, peak RSS in KiB) of one child process; fails loudly on a non-zero exit."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {err.strip()}")
    rss = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss  # bytes on macOS
    return wall, rss


def start_oxigraph_server() -> tuple[subprocess.Popen[bytes], str] | None:
    """`oxigraph serve` on a free local port holding the shipped graph, if the binary is there
    (pip install oxigraph); the graph is loaded as docs/performance.md describes."""
    import socket
    import urllib.request

    binary = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if not binary:
        return None
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([binary, "serve", "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            time.sleep(0.05)
    from kg.paths import ontology_dir
    from kg.store.loader import data_files

    def send(url: str, body: bytes, ctype: str) -> None:
        req = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": ctype})
        urllib.request.urlopen(req, timeout=60).read()

    for f in data_files(ontology_dir()):
        send(f"{base}/store?graph={f.graph}", f.path.read_bytes(), "text/turtle")
    send(f"{base}/update", b"INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", "application/sparql-update")
    return proc, f"{base}/query"


def compile_package() -> None:
    """Byte-compile kg as pip does when it installs a wheel. An editable install never does,
    and under PYTHONDONTWRITEBYTECODE every call would compile kg from source (~25 ms) while
    the baseline's rdflib and click load their compiled form."""
    import compileall

    import kg.cli

    for module in (sys.modules["kg"], kg.cli):
        compileall.compile_dir(str(Path(module.__file__ or "").parent), quiet=1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=15, help="runs per command (median reported)")
    args = ap.parse_args()

    compile_package()
    warm_dir = tempfile.mkdtemp(prefix="armoede-kg-bench-cache-")
    base_env = dict(os.environ, ARMOEDE_KG_CACHE_DIR=warm_dir)
    base_env.pop("ARMOEDE_KG_CACHE", None)
    base_env.pop("ARMOEDE_KG_BACKEND", None)
    kg = cli()
    cases: list[tuple[str, list[str], str]] = [
        ('python -c "import rdflib, click"  (baseline)', [sys.executable, "-c", "import rdflib, click"], ""),
        ("armoede-kg query versterkers …  (default backend), warm", kg + QUERY, "warm"),
        ("  --backend oxigraph, warm", kg + ["--backend", "oxigraph"] + QUERY, "warm"),
        ("  --backend rdflib, warm", kg + ["--backend", "rdflib"] + QUERY, "warm"),
        ("  --backend oxigraph, cold (empty cache)", kg + ["--backend", "oxigraph"] + QUERY, "cold"),
        ("  --backend rdflib, cold (empty cache)", kg + ["--backend", "rdflib"] + QUERY, "cold"),
        ("  --backend oxigraph, cache off", kg + ["--backend", "oxigraph"] + QUERY, "off"),
        ("  --backend rdflib, cache off", kg + ["--backend", "rdflib"] + QUERY, "off"),
    ]
    # fill the warm cache once, for both engines
    for _, argv, _mode in cases[1:4]:
        run_once(argv, base_env)

    server = start_oxigraph_server()
    if server is not None:
        proc, endpoint = server
        cases.append(("  --endpoint (oxigraph serve, already running)", kg + ["--endpoint", endpoint] + QUERY, "warm"))
    walls: dict[int, list[float]] = {i: [] for i in range(len(cases))}
    rss: dict[int, int] = {i: 0 for i in range(len(cases))}
    for _ in range(args.runs):
        for i, (_, argv, mode) in enumerate(cases):
            env = dict(base_env)
            if mode == "cold":
                env["ARMOEDE_KG_CACHE_DIR"] = tempfile.mkdtemp(prefix="armoede-kg-bench-cold-", dir=warm_dir)
            elif mode == "off":
                env["ARMOEDE_KG_CACHE"] = "0"
            wall, peak = run_once(argv, env)
            walls[i].append(wall)
            rss[i] = max(rss[i], peak)

    if server is not None:
        server[0].terminate()
        server[0].wait(timeout=10)
    shutil.rmtree(warm_dir, ignore_errors=True)  # the caches made here, warm and cold
    base = statistics.median(walls[0])
    rows = []
    for i, (label, _, _) in enumerate(cases):
        med = statistics.median(walls[i])
        rows.append([label, f"{med * 1000:.0f} ms", f"{min(walls[i]) * 1000:.0f} ms",
                     f"{med / base:.2f}×", f"{rss[i] / 1024:.0f} MiB"])
    print(f"Machine: {machine_line()}")
    print(f"Median of {args.runs} runs each, round-robin; ratio = median / baseline median; "
          "kg byte-compiled first, as pip does for a wheel.\n")
    print(markdown_table(["command", "median", "fastest", "ratio", "peak RSS"], rows))
    target = statistics.median(walls[1]) / base
    print(f"\nTarget: default warm ≤ 1.5× baseline — measured {target:.2f}× "
          f"({'met' if target <= 1.5 else 'NOT met'}).")


if __name__ == "__main__":
    main()
