"""Where the time of one warm CLI call goes: each step of `armoede-kg query versterkers …`.

    python benchmarks/startup_steps.py [--runs 15] [--backend oxigraph]

Every run is a fresh Python process (a step's cost in a new process is what a user pays),
which times the steps the CLI takes, in the order it takes them, and prints them as JSON;
this script prints the median per step. The dataset cache is filled first, so the steps
are those of a warm call. kg is byte-compiled first, as in startup.py.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import machine_line, markdown_table  # noqa: E402
from startup import compile_package  # noqa: E402

CHILD = r"""
import json, sys, time
marks = [("", time.perf_counter())]
def mark(step):
    marks.append((step, time.perf_counter()))
import rdflib, click
mark("import rdflib, click (the baseline's own work)")
import kg.cli.main
mark("import kg and the CLI")
from kg.store.cache import open_backend
from kg.graph import KnowledgeGraph
from kg.store.loader import data_files
from kg.paths import ontology_dir
files = data_files(ontology_dir())
mark("find the data files")
backend, label_loader = open_backend(sys.argv[1], files)
mark("open the backend from the cache (import, fingerprint, read, load)")
graph = KnowledgeGraph(backend)
graph.label_loader = label_loader
graph.labels
mark("read the label index from the cache")
text = graph.bound_query("versterkers", interventie="Krachtwerk", leefgebied="financiën")
mark("resolve and bind the parameters")
table = graph.backend.select(text)
mark("run the query")
from kg.cli.formatting import render
render(table, "table")
mark("format the table")
print(json.dumps([[step, t - prev] for (_, prev), (step, t) in zip(marks, marks[1:])]))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--backend", default="oxigraph", choices=["oxigraph", "rdflib"])
    args = ap.parse_args()
    compile_package()
    with tempfile.TemporaryDirectory(prefix="armoede-kg-bench-steps-") as cache:
        env = dict(os.environ, ARMOEDE_KG_CACHE_DIR=cache)
        env.pop("ARMOEDE_KG_CACHE", None)
        times: dict[str, list[float]] = {}
        for i in range(args.runs + 1):
            out = subprocess.run([sys.executable, "-c", CHILD, args.backend], env=env, check=True,
                                 capture_output=True, text=True).stdout
            if i == 0:
                continue  # the first run fills the cache
            for step, seconds in json.loads(out):
                times.setdefault(step, []).append(seconds)
    rows = [[step, f"{statistics.median(ts) * 1000:.1f} ms"] for step, ts in times.items()]
    total = sum(statistics.median(ts) for ts in list(times.values())[1:])
    rows.append(["all of kg's own steps (everything after the first)", f"{total * 1000:.1f} ms"])
    print(f"Machine: {machine_line()}")
    print(f"--backend {args.backend}, warm cache; median of {args.runs} fresh processes per step.\n")
    print(markdown_table(["step", "median"], rows))


if __name__ == "__main__":
    main()
