"""End-to-end time of `toevoegen` and `validate` after an edit (issue #12, speed), against
`python -c "import rdflib, click"` measured in the same run.

    python benchmarks/werkblad.py [--runs 9]

Set-up (not timed): `armoede-kg kopie` makes a working copy of the shipped data in a temporary
folder, with its own cache folder; `kopie` parses the copy into the cache once.

Measured, each --runs times, round-robin (so that a noisy neighbour hurts all alike):
- `toevoegen` of the template werkblad (`armoede-kg sjabloon`) as a new document; its file is
  removed again after each run, so every run adds it to the shipped graph afresh;
- `toevoegen` of the same werkblad edited (a different goal text in every run) on top of the
  last run's version: a rebuild of a document, with a data set the cache has never seen;
- `validate` of the shipped graph (warm cache), and of the working copy with the new document.

Targets: `toevoegen` of one werkblad on the shipped graph ≤ 1 s end to end; `validate` ≤ 0.5 s.
The printed verdicts say whether this machine met them in this run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import machine_line, markdown_table  # noqa: E402
from startup import cli, compile_package, run_once  # noqa: E402

GOAL = "Schulden voorkomen en stress verminderen bij huishoudens met geldzorgen."


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=9, help="runs per command (median reported)")
    args = ap.parse_args()

    compile_package()
    work = Path(tempfile.mkdtemp(prefix="armoede-kg-bench-werkblad-"))
    env = dict(os.environ, ARMOEDE_KG_CACHE_DIR=str(work / "cache"))
    for var in ("ARMOEDE_KG_CACHE", "ARMOEDE_KG_BACKEND", "ARMOEDE_KG_LANG"):
        env.pop(var, None)
    kg = cli()
    data = work / "data"
    subprocess.run(kg + ["kopie", str(data)], env=env, check=True, stdout=subprocess.DEVNULL)
    template = subprocess.run(kg + ["sjabloon"], env=env, check=True, capture_output=True, text=True).stdout
    if GOAL not in template:
        raise SystemExit("the template's goal text changed: update GOAL in benchmarks/werkblad.py")
    new_doc = work / "nieuw.yaml"
    new_doc.write_text(template, encoding="utf-8")
    doc_id = next(line.split(":", 1)[1].split("#")[0].strip() for line in template.splitlines()
                  if line.strip().startswith("id:"))
    added = data / "kennis" / f"{doc_id}.ttl"
    edited = work / "bewerkt.yaml"

    add = kg + ["--data", str(data), "toevoegen", str(new_doc)]
    edit = kg + ["--data", str(data), "toevoegen", str(edited)]
    cases: list[tuple[str, list[str]]] = [
        ('python -c "import rdflib, click"  (baseline)', [sys.executable, "-c", "import rdflib, click"]),
        ("armoede-kg validate  (shipped graph, warm)", kg + ["validate"]),
        ("armoede-kg --data COPY toevoegen TEMPLATE  (new document)", add),
        ("armoede-kg --data COPY toevoegen EDITED  (the document changed)", edit),
        ("armoede-kg --data COPY validate  (with the new document)", kg + ["--data", str(data), "validate"]),
    ]
    run_once(kg + ["validate"], env)  # warm the shipped graph's cache
    walls: dict[int, list[float]] = {i: [] for i in range(len(cases))}
    for n in range(args.runs):
        edited.write_text(template.replace(GOAL, f"{GOAL} (bewerking {n})"), encoding="utf-8")
        for i, (_, argv) in enumerate(cases):
            if argv is add:
                added.unlink(missing_ok=True)  # the shipped graph again: a new document every run
            walls[i].append(run_once(argv, env)[0])
    shutil.rmtree(work, ignore_errors=True)

    base = statistics.median(walls[0])
    rows = [[label, f"{statistics.median(walls[i]) * 1000:.0f} ms", f"{min(walls[i]) * 1000:.0f} ms",
             f"{statistics.median(walls[i]) / base:.2f}×"] for i, (label, _) in enumerate(cases)]
    print(f"Machine: {machine_line()}")
    print(f"Median of {args.runs} runs each, round-robin; ratio = median / baseline median.\n")
    print(markdown_table(["command", "median", "fastest", "ratio"], rows))
    for i, limit in ((1, 0.5), (2, 1.0), (3, 1.0)):
        median = statistics.median(walls[i])
        verdict = "met" if median <= limit else "NOT met"
        print(f"Target: {cases[i][0]} ≤ {limit:g} s — measured {median:.2f} s ({verdict}).")


if __name__ == "__main__":
    main()
