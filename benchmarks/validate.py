"""How long `validate` takes and how much memory it needs, per SHACL engine (issue #12, speed).

    python benchmarks/validate.py [--sizes real,10000,100000] [--engines pyshacl,turbo] [--runs 3]

Each case runs in a fresh process: load the graph on the oxigraph backend (not timed), then the
whole of KnowledgeGraph.validate() (the union as N-Triples, SHACL with the engine, every
quality check). Printed per case: the median time, the process's peak RSS and the RSS after
loading (so the validation's own share shows), and each engine's time as a ratio against
pyshacl (the reference) measured in the same run. Synthetic graphs come from benchmarks/synth.py
and are kept in benchmarks/.work/ between runs. Targets: shipped graph ≤ 0.5 s; 100 000
interventions < 30 s and < 2 GB peak.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from machine import machine_line, markdown_table  # noqa: E402

CHILD = r"""
import json, resource, sys, time
import kg
root, engine, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
graph = kg.load(None if root == "real" else root, backend="oxigraph", cache=False)
graph.label  # the label index, built on first use, is not validation's cost
after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
times = []
for _ in range(runs):
    t = time.perf_counter()
    report = graph.validate(engine)
    times.append(time.perf_counter() - t)
print(json.dumps({"times": times, "conforms": report.conforms, "triples": report.checked_triples,
                  "rss_load_kb": after_load, "rss_peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def synthetic(size: int) -> Path:
    out = HERE / ".work" / f"validate-{size}"
    if not (out / "kern.ttl").exists():
        subprocess.run([sys.executable, str(HERE / "synth.py"), str(out), "--interventions", str(size)], check=True)
    return out


def measure(root: str, engine: str, runs: int, timeout: float) -> dict[str, object]:
    try:
        res = subprocess.run([sys.executable, "-c", CHILD, root, engine, str(runs)], capture_output=True,
                             text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"> {timeout:.0f} s"}
    if res.returncode != 0:
        return {"error": (res.stderr.strip().splitlines() or ["?"])[-1]}
    out: dict[str, object] = json.loads(res.stdout.strip().splitlines()[-1])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="real,10000,100000")
    ap.add_argument("--engines", default="pyshacl,turbo")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per case")
    args = ap.parse_args()
    engines = args.engines.split(",")
    print(machine_line())
    rows = []
    for size in args.sizes.split(","):
        root = "real" if size == "real" else str(synthetic(int(size)))
        runs = args.runs if size == "real" else 1
        results = {e: measure(root, e, runs, args.timeout) for e in engines}
        ref = results.get("pyshacl", {})
        ref_t = statistics.median(ref["times"]) if "times" in ref else None  # type: ignore[arg-type]
        for engine, r in results.items():
            if "error" in r:
                rows.append([size, engine, str(r["error"]), "", "", "", ""])
                continue
            t = statistics.median(r["times"])  # type: ignore[arg-type]
            ratio = f"{ref_t / t:.1f}× faster" if ref_t and engine != "pyshacl" else ""
            rows.append([size, engine, f"{t:.2f} s", ratio, f"{int(r['rss_peak_kb']) / 1024:.0f} MB",  # type: ignore[call-overload]
                         f"{int(r['rss_load_kb']) / 1024:.0f} MB", str(r["conforms"])])  # type: ignore[call-overload]
        print(markdown_table(["graph", "engine", "validate()", "vs pyshacl", "peak RSS", "RSS after load",
                              "conforms"], rows[-len(engines):]), flush=True)
    print()
    print(markdown_table(["graph", "engine", "validate()", "vs pyshacl", "peak RSS", "RSS after load", "conforms"],
                         rows))


if __name__ == "__main__":
    main()
