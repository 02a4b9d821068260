"""Fixtures for the publication tests (test_site, test_server, test_browser,
test_publish_store): the static site built once, and a real `armoede-kg serve` on a free
loopback port serving it. Also the one way the tests start, wait for and stop a real server:
`armoede-kg serve` (start_server/stop_server) and `oxigraph serve` (start_oxigraph/
stop_oxigraph, for test_backends, test_publish_store, test_nothing_lost). Loaded by
conftest.py through pytest_plugins."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import kg
from kg.publish.site import write_site

# The server under test: a row limit small enough to reach with a small query, and a time
# limit generous for the slowest named query on a 2-core machine (test_server starts one
# more server with a 1 s limit for the timeout test).
TIMEOUT_S = 60
MAX_ROWS = 2000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`armoede-kg site` of the shipped graph, written once for the session."""
    out = tmp_path_factory.mktemp("publicatie") / "site"
    write_site(kg.load(), out)
    return out


@dataclass(frozen=True)
class LiveServer:
    base: str  # 'http://127.0.0.1:PORT/'
    process: subprocess.Popen[bytes]

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")


def wait_until_answering(proc: subprocess.Popen[bytes], what: str, base: str, path: str, within_s: int) -> None:
    """Wait until GET base+path answers 200. The test fails if `proc` exits first (with its
    stderr) or nothing answers within `within_s` seconds (then `proc` is killed)."""
    deadline = time.monotonic() + within_s
    while True:
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            pytest.fail(f"{what} stopped at start-up: {err.strip()}")
        try:
            with urllib.request.urlopen(base + path, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"{what} did not answer on {base} within {within_s} s")
        time.sleep(0.1)


def stop_process(proc: subprocess.Popen[bytes], grace_s: int) -> None:
    """Terminate a server started here; kill it if it has not stopped within `grace_s` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if proc.stderr:
        proc.stderr.close()


def start_server(site: Path, *extra: str, ready_path: str = "", port: int | None = None) -> LiveServer:
    """Start `armoede-kg serve` in its own process (on port, or a free one) and wait until it answers."""
    port = port or free_port()
    cmd = [sys.executable, "-c", "from kg.cli.main import main; main()", "serve", "--site", str(site),
           "--port", str(port), "--workers", "2", "--timeout", str(TIMEOUT_S), "--max-rows", str(MAX_ROWS), *extra]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/"
    wait_until_answering(proc, "armoede-kg serve", base, ready_path, within_s=120)
    return LiveServer(base, proc)


def stop_server(server: LiveServer) -> None:
    stop_process(server.process, grace_s=15)


@pytest.fixture(scope="session")
def live_server(published_site: Path) -> Iterator[LiveServer]:
    """A real `armoede-kg serve --site …` (uvicorn) on a free port on 127.0.0.1."""
    server = start_server(published_site)
    yield server
    stop_server(server)


# -- a real Oxigraph server (the `oxigraph` package on PyPI) -----------------------------------

def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if not found:
        pytest.fail("the Oxigraph server binary 'oxigraph' is not installed: pip install oxigraph "
                    "(the test extra and .ci/run install it)")
    return found


@dataclass(frozen=True)
class Oxigraph:
    base: str  # 'http://127.0.0.1:PORT' (no trailing slash): /store, /query, /update
    process: subprocess.Popen[bytes]


def start_oxigraph(location: Path | None = None) -> Oxigraph:
    """`oxigraph serve` on a free loopback port, without --union-default-graph; its store in
    `location`, or in memory without one."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    store = ["--location", str(location)] if location is not None else []
    proc = subprocess.Popen([oxigraph_binary(), "serve", *store, "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_until_answering(proc, "oxigraph serve", base, "/query?query=ASK%7B%7D", within_s=30)
    return Oxigraph(base, proc)


def stop_oxigraph(server: Oxigraph) -> None:
    stop_process(server.process, grace_s=10)
