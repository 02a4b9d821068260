"""`armoede-kg publish --store URL` against a real Oxigraph server (`oxigraph serve`, from the
`oxigraph` package on PyPI) on a free loopback port: push every named graph, verify, query
the named queries remotely and compare with the local answers and with our own /sparql."""

from __future__ import annotations

import io
import re
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from publish_support import free_port, start_oxigraph, stop_oxigraph
from rdflib import XSD, Literal
from rdflib.query import Result

import kg
from kg.publish.site import query_examples
from kg.publish.store import StoreError, publish

NUMERIC = {XSD.decimal, XSD.double, XSD.float}


@pytest.fixture(scope="session")
def oxigraph_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An empty, persistent Oxigraph server; yields its base address. Started without
    --union-default-graph: Oxigraph 0.5 counts a triple once per graph there (oxigraph#1919),
    so the graph goes in with `publish --merge-default`, a set, as rdflib's union is."""
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield server.base
    stop_oxigraph(server)


def remote_counts(base: str) -> dict[str, int]:
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    req = urllib.request.Request(f"{base}/query", data=urllib.parse.urlencode({"query": q}).encode(),
                                 headers={"Accept": "application/sparql-results+json",
                                          "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        res = Result.parse(io.BytesIO(resp.read()), format="json")
    return {str(row[0]): int(row[1]) for row in res}


def update(base: str, text: str) -> None:
    req = urllib.request.Request(f"{base}/update", data=text.encode(),
                                 headers={"Content-Type": "application/sparql-update"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        resp.read()


@pytest.fixture(scope="session")
def published_store(oxigraph_store: str) -> str:
    """The store after `publish --merge-default`; yields its SPARQL query endpoint."""
    report = publish(kg.load(), f"{oxigraph_store}/store", merge_default=True)
    assert report.ok
    return f"{oxigraph_store}/query"


def test_cli_publish_puts_every_graph_and_verifies_the_counts(run_cli, oxigraph_store, graph):
    res = run_cli("--backend", "rdflib", "publish", "--store", f"{oxigraph_store}/store", "--merge-default")
    assert res.exit_code == 0, res.output
    assert "geplaatst en gecontroleerd" in res.output
    sizes = graph.backend.graphs()
    for g, n in sizes.items():
        short = str(g).removeprefix("https://w3id.org/armoede-kg/graaf/")
        assert re.search(rf"^{re.escape(short)}\s+{n}\s+{n}\s+ja$", res.output, re.M), short
    assert remote_counts(oxigraph_store) == {str(g): n for g, n in sizes.items()}


def test_publish_replaces_a_graph_and_verify_notices_a_difference(run_cli, oxigraph_store, published_store):
    g = "https://w3id.org/armoede-kg/graaf/kennis/002"
    update(oxigraph_store, f"INSERT DATA {{ GRAPH <{g}> {{ <urn:x> <urn:y> \"vreemd\" }} }}")
    res = run_cli("--backend", "rdflib", "publish", "--store", f"{oxigraph_store}/store", "--verify-only",
                  "--merge-default")
    assert res.exit_code == 1
    assert re.search(r"^kennis/002\s+\d+\s+\d+\s+NEE$", res.output, re.M)
    assert "verschil in 1 graaf/grafen: kennis/002" in res.stderr
    # PUT replaces: publishing again removes the stray triple instead of keeping it
    again = run_cli("--backend", "rdflib", "publish", "--store", f"{oxigraph_store}/store", "--merge-default")
    assert again.exit_code == 0, again.output
    assert "urn:x" not in " ".join(remote_counts(oxigraph_store))
    check = run_cli("--backend", "rdflib", "publish", "--store", f"{oxigraph_store}/store", "--verify-only",
                    "--merge-default")
    assert check.exit_code == 0 and "gecontroleerd" in check.output


def test_unreachable_store_is_a_one_line_error(run_cli):
    url = f"http://127.0.0.1:{free_port()}/store"
    res = run_cli("--backend", "rdflib", "publish", "--store", url)
    assert res.exit_code == 2
    assert res.stderr.startswith("fout: ") and "niet bereikbaar" in res.stderr and res.stderr.count("\n") == 1
    with pytest.raises(StoreError, match="geen http"):
        publish(kg.load(), "ftp://example.org/store")


# -- the same answers: locally, via our /sparql, via the Oxigraph server ------------------------

_CONCAT_RE = re.compile(r"GROUP_CONCAT\s*\((.*?)\)\s+AS\s+\?(\w+)", re.IGNORECASE | re.DOTALL)
_SEPARATOR_RE = re.compile(r"""separator\s*=\s*(["'])(.*?)\1""", re.IGNORECASE)


def canonical(columns: tuple[str, ...], rows: list[list[Any]], text: str) -> Counter[tuple[Any, ...]]:
    """Rows as a multiset. Two things SPARQL leaves to the engine are compared loosely: the
    order of GROUP_CONCAT parts (as a multiset), and the spelling of numbers (Oxigraph
    gives "8.0"^^xsd:decimal back as "8")."""
    concat = {col: (m.group(2) if (m := _SEPARATOR_RE.search(args)) else " ")
              for args, col in _CONCAT_RE.findall(text)}
    out: Counter[tuple[Any, ...]] = Counter()
    for row in rows:
        cells: list[Any] = []
        for col, t in zip(columns, row):
            if col in concat and isinstance(t, Literal):
                cells.append(tuple(sorted(str(t).split(concat[col]))))
            elif isinstance(t, Literal) and t.datatype in NUMERIC:
                cells.append(("number", t.toPython()))
            else:
                cells.append(t)
        out[tuple(cells)] += 1
    return out


def table_rows(table: kg.ResultTable) -> list[list[Any]]:
    return [[c.term for c in r.cells] for r in table]


def test_named_queries_give_the_same_answers_locally_via_sparql_and_via_oxigraph(
        graph, published_store, live_server):
    remote = kg.load(endpoint=published_store)
    differ = []
    for ex in query_examples(graph):
        local = graph.backend.select(ex.text)
        ox = remote.backend.select(ex.text)
        req = urllib.request.Request(live_server.url("sparql"),
                                     data=urllib.parse.urlencode({"query": ex.text}).encode(),
                                     headers={"Accept": "application/sparql-results+json",
                                              "Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(req, timeout=120) as resp:
            ours = Result.parse(io.BytesIO(resp.read()), format="json")
        want = canonical(local.columns, table_rows(local), ex.text)
        assert len(local) == len(ox), ex.name
        if canonical(ox.columns, table_rows(ox), ex.text) != want:
            differ.append(f"{ex.name} (Oxigraph)")
        if canonical(tuple(str(v) for v in ours.vars), [list(r) for r in ours], ex.text) != want:
            differ.append(f"{ex.name} (/sparql)")
    assert not differ, differ


def test_cli_endpoint_option_reads_the_published_store(run_cli, published_store):
    res = run_cli("--endpoint", published_store, "query", "versterkers", "--interventie", "Krachtwerk",
                  "--leefgebied", "financiën")
    assert res.exit_code == 0, res.output
    assert "Budgetcursus" in res.output and res.output.strip().endswith("(9 rijen)")
    shown = run_cli("--endpoint", published_store, "show", "Krachtwerk")
    assert shown.exit_code == 0 and "https://w3id.org/armoede-kg/id/interventie/krachtwerk" in shown.output
