"""Warm CLI time of `armoede-kg toets` and `armoede-kg advies` against `python -c "import rdflib, click"`.

    python benchmarks/advies.py [--runs 15]

Warm = the caches hold the parsed graph and the answer (kg.store.cache; kg.advies.memo): each
command runs once before the measured runs. Each command then runs --runs times, round-robin;
the script prints median and fastest wall time and the ratio of the medians to the baseline
measured in the same run. Target: each warm call ≤ 1.5× the baseline. A named query is shown
for comparison; the cold column (empty cache, rules run) shows what the first call costs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import machine_line, markdown_table  # noqa: E402
from startup import QUERY, cli, compile_package, run_once  # noqa: E402

TOETS = ["toets", "Krachtwerk"]
ADVIES = ["advies", "--leefgebied", "financiën", "--leefgebied", "ervaren gezondheid", "--ervaringsdeskundigen"]
VERGELIJK = ["advies", "--vergelijk"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=15, help="runs per command (median reported)")
    args = ap.parse_args()

    compile_package()
    warm_dir = tempfile.mkdtemp(prefix="armoede-kg-bench-advies-")
    env = dict(os.environ, ARMOEDE_KG_CACHE_DIR=warm_dir)
    for var in ("ARMOEDE_KG_CACHE", "ARMOEDE_KG_BACKEND"):
        env.pop(var, None)
    kg = cli()
    cases: list[tuple[str, list[str], str]] = [
        ('python -c "import rdflib, click"  (baseline)', [sys.executable, "-c", "import rdflib, click"], "warm"),
        ("armoede-kg query versterkers …, warm  (for comparison)", kg + QUERY, "warm"),
        ("armoede-kg toets Krachtwerk, warm", kg + TOETS, "warm"),
        ("armoede-kg advies (financiën + ervaren gezondheid, ervaringsdeskundigen), warm", kg + ADVIES, "warm"),
        ("armoede-kg advies --vergelijk (the eight), warm", kg + VERGELIJK, "warm"),
        ("armoede-kg toets Krachtwerk, cold (empty cache)", kg + TOETS, "cold"),
        ("armoede-kg advies …, cold (empty cache)", kg + ADVIES, "cold"),
    ]
    for _, argv, mode in cases[1:]:
        if mode == "warm":
            run_once(argv, env)
    walls: dict[int, list[float]] = {i: [] for i in range(len(cases))}
    for _ in range(args.runs):
        for i, (_, argv, mode) in enumerate(cases):
            run_env = dict(env)
            if mode == "cold":
                run_env["ARMOEDE_KG_CACHE_DIR"] = tempfile.mkdtemp(prefix="cold-", dir=warm_dir)
            walls[i].append(run_once(argv, run_env)[0])
    shutil.rmtree(warm_dir, ignore_errors=True)
    base = statistics.median(walls[0])
    rows = [[label, f"{statistics.median(walls[i]) * 1000:.0f} ms", f"{min(walls[i]) * 1000:.0f} ms",
             f"{statistics.median(walls[i]) / base:.2f}×"] for i, (label, _, _) in enumerate(cases)]
    print(f"Machine: {machine_line()}")
    print(f"Median of {args.runs} runs each, round-robin; ratio = median / baseline median.\n")
    print(markdown_table(["command", "median", "fastest", "ratio"], rows))
    for i in (2, 3):
        ratio = statistics.median(walls[i]) / base
        verdict = "met" if ratio <= 1.5 else "NOT met"
        print(f"Target: {cases[i][0]} ≤ 1.5× baseline — measured {ratio:.2f}× ({verdict}).")


if __name__ == "__main__":
    main()
