"""What the benchmarks ran on, printed above every table so that figures can be compared."""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        return f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.1f} GiB"
    except (ValueError, OSError, AttributeError):
        return "?"


def _version(module: str) -> str:
    try:
        from importlib.metadata import version

        return version(module)
    except Exception:  # noqa: BLE001 - not installed is an answer too
        return "—"


def machine_info() -> dict[str, str]:
    return {
        "cpu": _cpu_model(),
        "nproc": str(os.cpu_count()),
        "ram": _ram_gib(),
        "os": f"{platform.system()} {platform.release()}",
        "python": sys.version.split()[0],
        "rdflib": _version("rdflib"),
        "pyoxigraph": _version("pyoxigraph"),
        "pyshacl": _version("pyshacl"),
    }


def machine_line() -> str:
    m = machine_info()
    return (f"{m['cpu']}, {m['nproc']} CPU, {m['ram']} RAM, {m['os']}; Python {m['python']}, "
            f"rdflib {m['rdflib']}, pyoxigraph {m['pyoxigraph']}, pyshacl {m['pyshacl']}")


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"
    out = [line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out.extend(line(r) for r in rows)
    return "\n".join(out)
