"""How long `validate` takes and how much memory it needs, per SHACL engine (issue #12, speed).

    python benchmarks/validate.py [--sizes real,10000,100000] [--engines pyshacl,turbo] [--runs 3]
    python benchmarks/validate.py --after-edit 100000 [--new-interventions 50]

Each case runs in a fresh process: load the graph on the oxigraph backend (not timed), then the
whole of KnowledgeGraph.validate() (the union as N-Triples, SHACL with the engine, every
quality check). Printed per case: the median time, the process's peak RSS and the RSS after
loading (so the validation's own share shows), and each engine's time as a ratio against
pyshacl (the reference) measured in the same run. Synthetic graphs come from benchmarks/synth.py
and are kept in benchmarks/.work/ between runs. Targets: shipped graph ≤ 0.5 s; 100 000
interventions < 30 s and < 2 GB peak.

--after-edit N: what a person waits for after adding a document to a graph of N interventions.
In a copy of the synthetic graph with its own cache folder, `armoede-kg validate` runs as a
user runs it (a fresh process each time, end to end, peak RSS from wait4): once in full (which
leaves the record of what was validated), then after a new document with --new-interventions
interventions was added (SHACL for what changed, the quality checks over everything), again
with nothing changed, `toevoegen` of a one-intervention werkblad (which validates the graph as
it would be before writing) and `validate` after it, and with --volledig on the changed graph:
the baseline, in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
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


# one document with one intervention, in the words of the synthetic graph (its theories,
# databanks and municipalities), as an institute would fill in the template
WERKBLAD = """\
document:
  id: benchmark-rapport
  titel: Een rapport dat aan de synthetische graaf wordt toegevoegd
  auteurs: B. Bench
  jaar: 2026
  uitgever: Benchmarkinstituut
  soort: rapport
interventies:
  - naam: Benchmarkinterventie Geldzorgen
    locatie:
      sectie: Hoofdstuk 1
      paginas: 3-4
    doel: Geldzorgen verminderen.
    doelgroep: Huishoudens met schulden
    leefgebieden: [financiële situatie]
    theorieen: [Theorie 3, Nieuwe benchmarktheorie]
    erkenning:
      niveau: goed beschreven
      databank: Databank 1
      jaar: 2025
    krachtgericht: ja
    gemeenten: [Gemeente 1]
"""


def run_cli(args: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """One `armoede-kg` call: seconds, peak RSS (MB) of that process alone, exit code, stderr."""
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli.main", *args], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t
    err = proc.stderr.read() if proc.stderr else ""
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), err.strip()


def after_an_edit(size: int, new: int) -> None:
    from synth import new_document

    work = HERE / ".work" / f"edit-{size}"
    for leftover in (work, work.with_name(work.name + "-cache")):
        if leftover.exists():
            shutil.rmtree(leftover)
    shutil.copytree(synthetic(size), work)
    env = {**os.environ, "ARMOEDE_KG_CACHE_DIR": str(work.with_name(work.name + "-cache")),
           "ARMOEDE_KG_CACHE": "1"}
    base = ["--data", str(work), "--backend", "oxigraph", "validate"]
    rows = []

    def measure_case(name: str, args: list[str]) -> float:
        seconds, peak, code, err = run_cli(args, env)
        note = err.splitlines()[-1] if err else ""
        verdict = {0: "conform", 1: "not conform"}.get(code, f"exit {code}")
        rows.append([name, f"{seconds:.1f} s", "", f"{peak:.0f} MB", verdict, note])
        print(f"  {name}: {seconds:.1f} s, {peak:.0f} MB, exit {code} {note}", flush=True)
        return seconds

    measure_case("first validation (full; leaves the record)", base)
    new_document(work, size, "syn900", new)
    measure_case(f"after adding a document of {new} interventions", base)
    measure_case("again, nothing changed", base)
    werkblad = work.with_name(work.name + "-werkblad.yaml")
    werkblad.write_text(WERKBLAD, encoding="utf-8")
    measure_case("toevoegen of a werkblad (its own check before writing)",
                 ["--data", str(work), "--backend", "oxigraph", "toevoegen", str(werkblad)])
    measure_case("validate after toevoegen", base)
    full = measure_case("the same graph, --volledig (baseline)", [*base, "--volledig"])
    for row in rows:
        seconds = float(row[1].split()[0])
        # two full validations differ by noise alone: a ratio only where the work differs
        row[2] = f"{full / seconds:.1f}× faster" if seconds < 0.9 * full else ""
    print()
    print(markdown_table(["armoede-kg …", "time", "vs --volledig", "peak RSS", "verdict", "stderr"], rows))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="real,10000,100000")
    ap.add_argument("--engines", default="pyshacl,turbo")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per case")
    ap.add_argument("--after-edit", type=int, metavar="N", help="the edit case on N synthetic interventions")
    ap.add_argument("--new-interventions", type=int, default=50)
    args = ap.parse_args()
    if args.after_edit:
        print(machine_line())
        after_an_edit(args.after_edit, args.new_interventions)
        return
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
