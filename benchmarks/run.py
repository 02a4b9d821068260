"""`make bench`: the start-up benchmark, then load/query/validate/export at scale.

    python benchmarks/run.py [--sizes real,1000,10000] [--runs 5] [--markdown FILE]

Arguments other than --startup-runs go to benchmarks/bench.py (see its --help). The 100 000
intervention run takes long (see docs/performance.md): ask for it with --sizes 100000.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    args = sys.argv[1:]
    startup_runs = "15"
    if "--startup-runs" in args:
        i = args.index("--startup-runs")
        startup_runs = args[i + 1]
        del args[i:i + 2]
    print("## Start-up\n", flush=True)
    subprocess.run([sys.executable, str(HERE / "startup.py"), "--runs", startup_runs], check=True)
    print("\n## Scale\n", flush=True)
    subprocess.run([sys.executable, str(HERE / "bench.py"), *args], check=True)


if __name__ == "__main__":
    main()
