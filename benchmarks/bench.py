"""Load, query, validate and export at scale, per backend, against bare-engine anchors.

    python benchmarks/bench.py [--sizes real,1000,10000] [--runs 5] [--markdown FILE]

For each size (the shipped graph "real", or a synthetic graph of N interventions made by
benchmarks/synth.py) and each backend (kg.load(backend=...)), a fresh Python process measures:

- load: kg.load with the cache off (parse all Turtle), and again from a warm cache;
- peak memory (max RSS) after loading and at the end of the run;
- every named query's median latency after one warm-up run (parameters bound to entities the
  graph holds), up to --runs runs or --budget seconds per query;
- validation (pySHACL with vormen.ttl, plus the SPARQL quality checks) and whether it conforms;
- export per format (kg.publish.rdfio, the exporter `armoede-kg export` uses).

Anchors, each in its own process, on the same files and the same SPARQL text:
- bare pyoxigraph: Store.bulk_load of every file into its named graph; queries with
  use_default_graph_as_union=True (the practical limit of the engine);
- bare rdflib: Dataset(default_union=True).parse of every file; Dataset.query of the text.
Ratios are kg backend / bare anchor, measured in the same run.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from machine import machine_line, markdown_table  # noqa: E402

WORK = HERE / ".work"
BACKENDS = ("rdflib", "oxigraph")

# Parameter values for the shipped graph (seed-000 entities, as in tests/test_backends.py).
REAL_PARAMS = {
    "interventie": "Krachtwerk", "leefgebied": "financiën", "theorie": "theorie van schaarste",
    "niveau": "A", "bron": "https://w3id.org/armoede-kg/id/document/000", "gemeente": "Meppel",
    "instrument": "Krachtkompas", "erkenning": "https://w3id.org/armoede-kg/id/begrip/erkenning-effectief",
    "entiteit": "Krachtwerk", "text": "stress", "integer": "2",
}


def peak_rss_mib() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / 1024 if sys.platform == "darwin" else rss / 1024


def timed(fn: Any) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def median_latency(fn: Any, runs: int, budget: float) -> tuple[float, int]:
    """Median of up to `runs` timed calls after one warm-up call, within `budget` seconds."""
    fn()
    times: list[float] = []
    start = time.perf_counter()
    while len(times) < runs and (not times or time.perf_counter() - start < budget):
        times.append(timed(fn)[0])
    return statistics.median(times), len(times)


def load_median(fn: Any, runs: int, budget: float = 60.0) -> tuple[float, Any]:
    """Median of up to `runs` loads (one if a load takes longer than `budget`); the last result."""
    times: list[float] = []
    result = None
    while len(times) < max(runs, 1) and (not times or sum(times) < budget):
        result = None  # let the previous load go before the next is made
        gc.collect()  # (kg.store.cache builds with the collector paused: free its cycles first)
        t, result = timed(fn)
        times.append(t)
    return statistics.median(times), result


def with_timeout(fn: Any, timeout: float) -> Any:
    """fn() in a forked copy of this process, killed after `timeout` seconds: rdflib's engine
    cannot be interrupted, and one query may take hours on a large graph. Returns fn's
    JSON-able result, or {"timeout": timeout}. Without fork (Windows), fn() runs inline."""
    if not hasattr(os, "fork"):
        return fn()
    import select
    import signal

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: measure, report, leave without running the parent's cleanup
        os.close(read_end)
        try:
            payload = json.dumps({"ok": fn()})
        except Exception as exc:  # noqa: BLE001 - reported to the parent
            payload = json.dumps({"error": f"{type(exc).__name__}: {exc}"[:200]})
        with os.fdopen(write_end, "w") as fh:
            fh.write(payload)
        os._exit(0)
    os.close(write_end)
    ready, _, _ = select.select([read_end], [], [], timeout)
    if not ready:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(read_end)
        return {"timeout": timeout}
    with os.fdopen(read_end) as fh:
        data = fh.read()
    os.waitpid(pid, 0)
    answer = json.loads(data) if data else {"error": "worker died"}
    if "error" in answer:
        return {"error": answer["error"]}
    return answer["ok"]


# -- workers (one process each, so that memory figures are their own) --------------------------

def worker_kg(args: argparse.Namespace) -> dict[str, Any]:
    import kg
    from kg.paths import queries_dir
    from kg.query.named import load_named_queries

    params_by_kind = json.loads(args.params)
    out: dict[str, Any] = {"backend": args.backend}
    out["load_s"], graph = load_median(lambda: kg.load(args.data, backend=args.backend, cache=False),
                                       args.load_runs)
    out["labels_s"], _ = timed(lambda: graph.labels)
    out["rss_after_load_mib"] = peak_rss_mib()
    with tempfile.TemporaryDirectory() as cache_dir:
        os.environ["ARMOEDE_KG_CACHE_DIR"] = cache_dir
        kg.load(args.data, backend=args.backend, cache=True).labels  # noqa: B018 - fills the cache
        def warm() -> Any:
            g = kg.load(args.data, backend=args.backend, cache=True)
            return g.labels
        out["cache_load_s"], _ = timed(warm)
    out["triples"] = sum(graph.backend.graphs().values())

    queries: dict[str, Any] = {}
    for name, q in sorted(load_named_queries(queries_dir()).items()):
        params = {p.name: params_by_kind[p.kind] for p in q.params if p.kind in params_by_kind}
        try:
            text = graph.bound_query(name, **params)
        except Exception as exc:  # noqa: BLE001 - one failing query is reported, not fatal
            queries[name] = {"error": f"{type(exc).__name__}: {exc}"[:200]}
            continue

        def measure(text: str = text) -> dict[str, Any]:
            rows = len(graph.backend.select(text))
            med, n = median_latency(lambda: graph.backend.select(text), args.runs, args.budget)
            return {"median_s": med, "runs": n, "rows": rows}

        queries[name] = {**with_timeout(measure, args.timeout), "text": text}
    out["queries"] = queries

    if not args.skip_export:
        # before validating: validation makes the same copy, and would hide its cost here
        out["dataset_s"], ds = timed(graph.backend.dataset)
    if not args.skip_validate:
        def validate() -> dict[str, Any]:
            from kg.store.loader import load_shapes
            from kg.validate import run_shacl, union_ntriples

            # SHACL alone (the default engine over the union, as KnowledgeGraph.validate runs it) ...
            data = union_ntriples(graph.backend)
            shapes = load_shapes(graph.ontology_dir)
            t_shacl, _ = timed(lambda: run_shacl(data, shapes, "auto", "nl", graph.label))
            del data
            # ... and the whole of validate(): the union copy, SHACL and the SPARQL checks
            t, report = timed(graph.validate)
            return {"validate_s": t, "shacl_s": t_shacl, "conforms": report.conforms,
                    "violations": len(report.violations)}

        v = with_timeout(validate, args.timeout * 10)
        out.update(v if "validate_s" in v else {"validate_error": v})
    if not args.skip_export:
        exports: dict[str, Any] = {}
        try:
            from kg.publish.rdfio import FORMATS, serialize_dataset
        except ImportError:  # the exporter is another module's; without it, nothing to time
            FORMATS = {}
        for fmt in FORMATS:
            if args.formats and fmt not in args.formats.split(","):
                continue
            exports[fmt] = with_timeout(lambda fmt=fmt: timed(lambda: len(serialize_dataset(ds, fmt)))[0],
                                        args.timeout * 5)
        out["export_s"] = exports
    out["rss_end_mib"] = peak_rss_mib()
    return out


def worker_bare(args: argparse.Namespace) -> dict[str, Any]:
    from kg.store.loader import data_files

    texts: dict[str, str] = json.loads(Path(args.texts).read_text())
    files = data_files(Path(args.data).resolve())
    out: dict[str, Any] = {"engine": args.engine}
    if args.engine == "pyoxigraph":
        import pyoxigraph as ox

        def load() -> Any:
            store = ox.Store()
            for f in files:
                store.bulk_load(path=str(f.path), format=ox.RdfFormat.TURTLE, base_iri=f.path.as_uri(),
                                to_graph=ox.NamedNode(str(f.graph)))
            return store

        out["load_s"], store = load_median(load, args.load_runs)
        def run(text: str) -> Any:
            # every value read, as any user of the engine must; no conversion to rdflib terms
            return [tuple(solution) for solution in store.query(text, use_default_graph_as_union=True)]
    else:
        from rdflib import Dataset

        def load_rdflib() -> Any:
            ds = Dataset(default_union=True)
            for f in files:
                ds.graph(f.graph).parse(f.path, format="turtle", publicID=f.path.as_uri())
            return ds

        import warnings

        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib 7.6 warns per triple lookup
        out["load_s"], ds = load_median(load_rdflib, args.load_runs)
        def run(text: str) -> Any:
            return list(ds.query(text))
    out["rss_after_load_mib"] = peak_rss_mib()
    out["queries"] = {}
    for name, text in texts.items():
        def measure(text: str = text) -> dict[str, Any]:
            med, n = median_latency(lambda: run(text), args.runs, args.budget)
            return {"median_s": med, "runs": n}

        out["queries"][name] = with_timeout(measure, args.timeout)
    return out


# -- the parent: prepare data, run workers, print tables ------------------------------------------

def run_worker(argv: list[str]) -> tuple[dict[str, Any], float]:
    """Run one worker; returns its JSON result and the child's peak RSS in MiB."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        result_path = fh.name
    proc = subprocess.Popen([sys.executable, __file__, *argv, "--result", result_path], stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"worker {' '.join(argv)} failed:\n{err}")
    result = json.loads(Path(result_path).read_text())
    os.unlink(result_path)
    rss = usage.ru_maxrss / 1024 / 1024 if sys.platform == "darwin" else usage.ru_maxrss / 1024
    return result, rss


def dataset_for(size: str, seed: int) -> tuple[Path, dict[str, str]]:
    if size == "real":
        from kg.paths import ontology_dir

        return ontology_dir(), REAL_PARAMS
    import synth

    n = int(size)
    WORK.mkdir(exist_ok=True)
    (WORK / ".gitignore").write_text("*\n")  # generated data stays out of git
    folder = WORK / f"synth-{n}-seed{seed}"
    marker = folder / ".complete"
    stamp = f"{n} {seed} {(HERE / 'synth.py').stat().st_mtime_ns}"
    if not (marker.exists() and marker.read_text() == stamp):
        t, _ = timed(lambda: synth.generate(folder, n, seed))
        marker.write_text(stamp)
        print(f"  generated {folder} in {t:.1f} s", file=sys.stderr)
    return folder, synth.sample_parameters()


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds >= 10:
        return f"{seconds:.0f} s"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 0.01:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds * 1000:.2f} ms"


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}×" if a is not None and b else "—"


def cell(entry: Any) -> str:
    """A measurement as shown: a time, '> N s' when abandoned, 'error' when it failed."""
    if entry is None:
        return "—"
    if isinstance(entry, (int, float)):
        return ms(entry)
    if "timeout" in entry:
        return f"> {entry['timeout']:g} s"
    if "error" in entry:
        return "error"
    return ms(entry.get("median_s"))


def q(result: dict[str, Any], name: str) -> float | None:
    entry = result.get("queries", {}).get(name, {})
    value = entry.get("median_s")
    return float(value) if value is not None else None


def report(size: str, res: dict[str, dict[str, Any]], rss: dict[str, float]) -> str:
    lines = []
    label = "shipped graph" if size == "real" else f"{int(size):,} synthetic interventions".replace(",", " ")
    triples = res["rdflib"].get("triples") if "rdflib" in res else res["oxigraph"].get("triples")
    lines.append(f"### {label} ({triples:,} triples)\n".replace(",", " "))
    rows = []
    for b in [b for b in ("rdflib", "bare rdflib", "oxigraph", "bare pyoxigraph") if b in res]:
        r = res[b]
        anchor = {"rdflib": "bare rdflib", "oxigraph": "bare pyoxigraph"}.get(b)
        rows.append([b, ms(r.get("load_s")), ms(r.get("cache_load_s")),
                     ratio(r.get("load_s"), res.get(anchor, {}).get("load_s")) if anchor else "",
                     f"{r.get('rss_after_load_mib', 0):.0f} MiB", f"{rss.get(b, 0):.0f} MiB"])
    lines.append(markdown_table(["backend", "load (parse)", "load (warm cache)", "load / bare",
                                 "peak RSS after load", "peak RSS whole run"], rows))
    lines.append("")
    names = sorted({n for b in BACKENDS for n in res.get(b, {}).get("queries", {})})
    qrows = []
    for name in names:
        rows_n = next((res[b]["queries"][name]["rows"] for b in BACKENDS
                       if "rows" in res.get(b, {}).get("queries", {}).get(name, {})), "—")
        row = [name, str(rows_n)]
        for b in ("rdflib", "bare rdflib", "oxigraph", "bare pyoxigraph"):
            row.append(cell(res.get(b, {}).get("queries", {}).get(name)))
        row.append(ratio(q(res.get("rdflib", {}), name), q(res.get("bare rdflib", {}), name)))
        row.append(ratio(q(res.get("oxigraph", {}), name), q(res.get("bare pyoxigraph", {}), name)))
        qrows.append(row)
    lines.append(markdown_table(["named query", "rows", "rdflib", "bare rdflib", "oxigraph", "bare pyoxigraph",
                                 "rdflib / bare", "oxigraph / bare"], qrows))
    lines.append("")
    vrows = []
    for backend in BACKENDS:
        r = res.get(backend, {})
        if "validate_s" in r or "export_s" in r:
            exports = ", ".join(f"{fmt} {cell(t)}" for fmt, t in r.get("export_s", {}).items())
            validate = ms(r.get("validate_s")) if "validate_s" in r else cell(r.get("validate_error"))
            vrows.append([backend, ms(r.get("shacl_s")), validate, str(r.get("conforms", "—")),
                          ms(r.get("dataset_s")), exports or "—"])
    if vrows:
        lines.append(markdown_table(["backend", "SHACL", "validate (SHACL + QC)", "conforms", "copy to rdflib",
                                     "export per format"], vrows))
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="real,1000,10000",
                    help="comma-separated: real and/or numbers of synthetic interventions")
    ap.add_argument("--backends", default=",".join(BACKENDS))
    ap.add_argument("--runs", type=int, default=5, help="timed runs per query (after one warm-up)")
    ap.add_argument("--budget", type=float, default=10.0, help="seconds of timed runs per query at most")
    ap.add_argument("--timeout", type=float, default=60.0,
                    help="seconds before one query's measurement is abandoned (validation: 10×, export: 5×)")
    ap.add_argument("--load-runs", type=int, default=3, help="loads timed per backend (median)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--skip-validate", action="store_true")
    ap.add_argument("--skip-export", action="store_true")
    ap.add_argument("--formats", default="", help="export formats to time (default: all)")
    ap.add_argument("--markdown", type=Path, help="also write the tables to this file")
    # worker mode (internal)
    ap.add_argument("--worker", choices=["kg", "bare"], help=argparse.SUPPRESS)
    ap.add_argument("--backend", help=argparse.SUPPRESS)
    ap.add_argument("--engine", help=argparse.SUPPRESS)
    ap.add_argument("--data", help=argparse.SUPPRESS)
    ap.add_argument("--params", help=argparse.SUPPRESS)
    ap.add_argument("--texts", help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.worker:
        result = worker_kg(args) if args.worker == "kg" else worker_bare(args)
        Path(args.result).write_text(json.dumps(result))
        return

    backends = [b for b in args.backends.split(",") if b]
    common = ["--runs", str(args.runs), "--budget", str(args.budget), "--timeout", str(args.timeout),
              "--load-runs", str(args.load_runs)]
    out = [f"Machine: {machine_line()}", "",
           f"Median of up to {args.runs} runs after one warm-up (at most {args.budget:g} s per query); "
           "each backend and anchor in its own process.", ""]
    print("\n".join(out), flush=True)
    summary: dict[str, dict[str, dict[str, Any]]] = {}
    for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
        print(f"running size {size} …", file=sys.stderr, flush=True)
        data, params = dataset_for(size, args.seed)
        res: dict[str, dict[str, Any]] = {}
        rss: dict[str, float] = {}
        extra = (["--skip-validate"] if args.skip_validate else []) + (["--skip-export"] if args.skip_export else [])
        if args.formats:
            extra += ["--formats", args.formats]
        for b in backends:
            print(f"  {b} …", file=sys.stderr, flush=True)
            res[b], rss[b] = run_worker(["--worker", "kg", "--backend", b, "--data", str(data),
                                         "--params", json.dumps(params), *common, *extra])
        texts = {n: e["text"] for n, e in res[backends[0]]["queries"].items() if "text" in e}
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
            json.dump(texts, fh)
        for engine, label in (("rdflib", "bare rdflib"), ("pyoxigraph", "bare pyoxigraph")):
            if {"rdflib": "rdflib", "pyoxigraph": "oxigraph"}[engine] not in backends:
                continue  # an anchor only next to the backend it anchors
            print(f"  {label} …", file=sys.stderr, flush=True)
            res[label], rss[label] = run_worker(["--worker", "bare", "--engine", engine, "--data", str(data),
                                                 "--texts", fh.name, *common])
        os.unlink(fh.name)
        summary[size] = res
        table = report(size, res, rss)
        print(table, flush=True)
        out.append(table)

    verdicts = targets(summary)
    print("\n".join(verdicts))
    out.extend(verdicts)
    if args.markdown:
        args.markdown.write_text("\n".join(out) + "\n", encoding="utf-8")


def targets(summary: dict[str, dict[str, dict[str, Any]]]) -> list[str]:
    """The issue's targets, each with the measured figure."""
    lines = ["#### Targets", ""]
    def worst(res: dict[str, Any]) -> tuple[str, float]:
        qs = {n: e["median_s"] for n, e in res.get("queries", {}).items() if "median_s" in e}
        name = max(qs, key=lambda n: qs[n]) if qs else "—"
        return name, qs.get(name, float("nan"))
    def median_all(res: dict[str, Any]) -> float:
        qs = [e["median_s"] for e in res.get("queries", {}).values() if "median_s" in e]
        return statistics.median(qs) if qs else float("nan")
    if "real" in summary:
        real = summary["real"]
        for b, limit in (("rdflib", 0.010), ("oxigraph", 0.001)):
            if b in real:
                name, t = worst(real[b])
                ok = sum(1 for e in real[b]["queries"].values() if e.get("median_s", 1e9) <= limit)
                lines.append(f"- real graph, {b}: {ok} of {len(real[b]['queries'])} named queries ≤ "
                             f"{limit * 1000:g} ms (median over queries {ms(median_all(real[b]))}; slowest: "
                             f"{name} {ms(t)})")
        for b in BACKENDS:
            if "validate_s" in real.get(b, {}):
                t, shacl = real[b]["validate_s"], real[b].get("shacl_s", float("nan"))
                lines.append(f"- real graph, SHACL validation on {b}: {ms(shacl)}, whole validate() {ms(t)} "
                             f"(target ≤ 2 s: SHACL {'met' if shacl <= 2 else 'not met'}, "
                             f"validate() {'met' if t <= 2 else 'not met'})")
    sizes = sorted(int(s) for s in summary if s != "real")
    if sizes:
        big = summary[str(sizes[-1])]
        if "oxigraph" in big and "bare pyoxigraph" in big:
            lr = big["oxigraph"]["load_s"] / big["bare pyoxigraph"]["load_s"]
            pairs = [(q(big["oxigraph"], n), q(big["bare pyoxigraph"], n)) for n in big["oxigraph"]["queries"]]
            qs = [a / b for a, b in pairs if a and b]
            lines.append(f"- {sizes[-1]} interventions, oxigraph vs bare pyoxigraph: load {lr:.2f}×, "
                         f"named queries median {statistics.median(qs):.2f}× (max {max(qs):.2f}×) "
                         "(target ≤ 2×)")
    if len(sizes) >= 2:
        small, large = summary[str(sizes[-2])], summary[str(sizes[-1])]
        for backend in BACKENDS:
            for key, what in (("shacl_s", "SHACL"), ("validate_s", "validate()")):
                ta, tb = small.get(backend, {}).get(key), large.get(backend, {}).get(key)
                if ta and tb:
                    growth = tb / ta
                    scale = sizes[-1] / sizes[-2]
                    lines.append(f"- {what} on {backend}, {sizes[-2]} → {sizes[-1]} interventions: "
                                 f"{ms(ta)} → {ms(tb)}, ×{growth:.1f} for ×{scale:g} data "
                                 f"({'linear or better' if growth <= scale * 1.15 else 'worse than linear'})")
    return lines


if __name__ == "__main__":
    main()
