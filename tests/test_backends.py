"""Every backend gives rdflib's answers: on every named query, through the API and the CLI.

The remote backend is tested against a real Oxigraph server (`oxigraph serve`, from
`pip install oxigraph`) on 127.0.0.1, loaded over the SPARQL 1.1 Graph Store Protocol the way
docs/performance.md tells a user to load it.
"""

from __future__ import annotations

import http.server
import json
import re
import socket
import subprocess
import sys
import threading
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from publish_support import free_port, start_oxigraph, stop_oxigraph
from rdflib import BNode, Literal, URIRef

import kg
from kg.errors import QueryError, QueryTimeoutError
from kg.paths import ontology_dir, queries_dir
from kg.query.named import NamedQuery, load_named_queries
from kg.store.loader import data_files
from kg.store.remote import EndpointError, RemoteBackend

# A value a user would type for each parameter kind; a new kind must be added here (the test
# fails, not skips, if one is missing).
SAMPLES: dict[str, str] = {
    "interventie": "Krachtwerk",
    "leefgebied": "financiën",
    "theorie": "theorie van schaarste",
    "niveau": "A",
    "bron": "https://w3id.org/armoede-kg/id/document/000",
    "gemeente": "Meppel",
    "instrument": "Krachtkompas",
    "erkenning": "https://w3id.org/armoede-kg/id/begrip/erkenning-effectief",
    "entiteit": "Krachtwerk",
    "text": "stress",
    "integer": "2",
}

NAMED = load_named_queries(queries_dir())


def sample(p: Any) -> str | None:
    """A text parameter with choices takes its first choice; others the value of their kind."""
    return p.choices[0] if p.choices else SAMPLES.get(p.kind)


def cases() -> Iterator[Any]:
    """Each named query with its required parameters, and once more with every parameter."""
    for name, q in sorted(NAMED.items()):
        required = {p.name: sample(p) for p in q.params if p.required}
        yield pytest.param(name, required, id=name)
        if any(not p.required for p in q.params):
            every = {p.name: sample(p) for p in q.params}
            yield pytest.param(name, every, id=f"{name}-alle-parameters")


_CONCAT_RE = re.compile(r"GROUP_CONCAT\s*\((.*?)\)\s+AS\s+\?(\w+)", re.IGNORECASE | re.DOTALL)
_SEPARATOR_RE = re.compile(r"""separator\s*=\s*(["'])(.*?)\1""", re.IGNORECASE)


def concat_columns(q: NamedQuery) -> dict[str, str]:
    """Columns made by GROUP_CONCAT, with their separators: SPARQL leaves the order of the
    parts to the engine, so only these cells are compared as a multiset of parts."""
    out = {}
    for args, col in _CONCAT_RE.findall(q.text):
        m = _SEPARATOR_RE.search(args)
        out[col] = m.group(2) if m else " "
    return out


# (not rdflib's XSD namespace object at module level: pytest's collection probes its attributes)
NUMERIC = {URIRef("http://www.w3.org/2001/XMLSchema#" + t) for t in ("decimal", "double", "float")}


def comparable(t: Any) -> Any:
    """A term as compared across backends. Blank nodes: only that it is one (their labels are
    private to each store). xsd:decimal/double/float: by value, because oxigraph stores numbers
    as values and gives them back in canonical form ("508000.0" in a file comes back as
    "508000"; rdflib keeps the form the file wrote)."""
    if isinstance(t, BNode):
        return "_:blank"
    if isinstance(t, Literal) and t.datatype in NUMERIC:
        return ("number", t.datatype, t.toPython())
    return t


def canonical(table: kg.ResultTable, q: NamedQuery, concat_lang: bool = True
              ) -> tuple[tuple[str, ...], Counter[tuple[Any, ...]]]:
    """Columns and the multiset of rows (see comparable); GROUP_CONCAT cells as the multiset of
    their parts (SPARQL leaves their order to the engine), with language and datatype."""
    concat = concat_columns(q)
    rows: Counter[tuple[Any, ...]] = Counter()
    for row in table:
        cells: list[Any] = []
        for col, cell in zip(table.columns, row.cells):
            t = cell.term
            if col in concat and isinstance(t, Literal):
                cells.append((tuple(sorted(str(t).split(concat[col]))),
                              t.language if concat_lang else "", t.datatype if concat_lang else ""))
            else:
                cells.append(comparable(t))
        rows[tuple(cells)] += 1
    return table.columns, rows


def assert_same_answers(got: kg.ResultTable, expected: kg.ResultTable, q: NamedQuery) -> None:
    if canonical(got, q) == canonical(expected, q):
        return
    hint = ""
    if canonical(got, q, concat_lang=False) == canonical(expected, q, concat_lang=False):
        hint = ("only the language tag of a GROUP_CONCAT result differs (engines disagree whether "
                "it keeps a shared tag): aggregate STR(?x) instead of ?x in " + str(q.path))
    assert canonical(got, q) == canonical(expected, q), hint


# -- fixtures: the three backends over the same files -----------------------------------------

@pytest.fixture(scope="session")
def reference() -> kg.KnowledgeGraph:
    return kg.load(backend="rdflib", cache=False)


@pytest.fixture(scope="session")
def oxigraph_graph() -> kg.KnowledgeGraph:
    return kg.load(backend="oxigraph", cache=False)


def send(method: str, url: str, data: bytes, content_type: str) -> None:
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": content_type})
    with urllib.request.urlopen(req, timeout=30) as resp:
        resp.read()


def load_into_oxigraph_server(base: str, root: Path) -> None:
    """The recipe of docs/performance.md: POST each file into its named graph (Graph Store
    Protocol; POST adds, so kennis/004/*.ttl all land in one graph), then copy the merge of the
    named graphs into the default graph (oxigraph 0.5's union default graph counts a triple
    once per graph, oxigraph#1919)."""
    for f in data_files(root):
        send("POST", f"{base}/store?graph={f.graph}", f.path.read_bytes(), "text/turtle")
    send("POST", f"{base}/update", b"INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
         "application/sparql-update")


@pytest.fixture(scope="session")
def oxigraph_server() -> Iterator[str]:
    """A real `oxigraph serve` (in memory) on a free port on 127.0.0.1, holding the shipped
    graph; yields its SPARQL query endpoint."""
    server = start_oxigraph()
    try:
        load_into_oxigraph_server(server.base, ontology_dir())
        yield f"{server.base}/query"
    finally:
        stop_oxigraph(server)


@pytest.fixture(scope="session")
def remote_graph(oxigraph_server: str) -> kg.KnowledgeGraph:
    return kg.load(endpoint=oxigraph_server)


# -- equal answers ----------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "params"), list(cases()))
def test_oxigraph_answers_every_named_query_as_rdflib(reference, oxigraph_graph, name, params):
    missing = [k for k, v in params.items() if v is None]
    assert not missing, f"no sample value for the kind of {missing}: add it to SAMPLES"
    assert_same_answers(oxigraph_graph.query(name, **params), reference.query(name, **params), NAMED[name])


@pytest.mark.parametrize(("name", "params"), list(cases()))
def test_rdflib_answers_a_repeated_query_alike(reference, name, params):
    # RdflibBackend keeps the parsed algebra of a query text: the second run reuses it
    first = reference.query(name, **params)
    assert canonical(reference.query(name, **params), NAMED[name]) == canonical(first, NAMED[name])


@pytest.mark.slow
@pytest.mark.parametrize(("name", "params"), list(cases()))
def test_remote_answers_every_named_query_as_rdflib(reference, remote_graph, name, params):
    missing = [k for k, v in params.items() if v is None]
    assert not missing, f"no sample value for the kind of {missing}: add it to SAMPLES"
    assert_same_answers(remote_graph.query(name, **params), reference.query(name, **params), NAMED[name])


def test_hand_written_sparql_with_predefined_prefixes_answers_alike_on_every_backend(reference, oxigraph_graph,
                                                                                     remote_graph):
    # no PREFIX line: every backend knows ak:, iv:, skos: (kg.query.prefixes; issue #11, item 15)
    q = 'SELECT ?l WHERE { iv:krachtwerk ak:basedOn/skos:prefLabel ?l FILTER(lang(?l) = "nl") } ORDER BY ?l'
    answers = [[str(r["l"]) for r in g.sparql(q)] for g in (reference, oxigraph_graph, remote_graph)]
    assert answers[0] and answers[0] == answers[1] == answers[2]


def test_the_nine_financial_versterkers_on_every_backend(reference, oxigraph_graph, remote_graph):
    for graph in (reference, oxigraph_graph, remote_graph):
        rows = graph.query("versterkers", interventie="Krachtwerk", leefgebied="financiën")
        assert len(rows) == 9, graph.backend.name
        assert "Building financial wellness" in rows.column("versterkerLabel")
        assert {str(r["leefgebiedLabel"]) for r in rows} == {"Financiële situatie"}


def test_result_terms_keep_their_type_language_and_datatype(reference, oxigraph_graph, remote_graph):
    text = """PREFIX ak: <https://w3id.org/armoede-kg/ontologie#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT ?i ?label ?n ?b WHERE {
      ?i skos:prefLabel ?label ; ak:hasRole ?r .
      FILTER(?i = <https://w3id.org/armoede-kg/id/interventie/krachtwerk> && lang(?label) = "nl")
      { SELECT (COUNT(*) AS ?n) WHERE { ?x a ak:IntegralInterventionRole } }
      BIND(true AS ?b)
    } LIMIT 1"""
    for graph in (reference, oxigraph_graph, remote_graph):
        row = graph.sparql(text).rows[0]
        assert isinstance(row["i"].term, URIRef)
        assert row["label"].term == Literal("Krachtwerk", lang="nl")
        assert isinstance(row["n"].value, int) and row["n"].value >= 8
        assert row["b"].value is True


def test_graph_sizes_and_all_quads_are_equal(reference, oxigraph_graph, remote_graph):
    expected = reference.backend.graphs()
    assert URIRef("https://w3id.org/armoede-kg/graaf/kennis/000") in expected
    assert oxigraph_graph.backend.graphs() == expected
    assert remote_graph.backend.graphs() == expected
    def quads(graph: kg.KnowledgeGraph) -> Counter[tuple[Any, ...]]:
        return Counter(tuple(comparable(t) for t in q) for q in graph.backend.dataset().quads())

    expected_quads = quads(reference)
    for graph in (oxigraph_graph, remote_graph):
        assert quads(graph) == expected_quads, graph.backend.name


def test_ask_and_construct_agree(reference, oxigraph_graph, remote_graph):
    construct = """PREFIX ak: <https://w3id.org/armoede-kg/ontologie#>
    CONSTRUCT { ?i ak:basedOn ?t } WHERE { ?i ak:basedOn ?t }"""
    expected = set(reference.backend.construct(construct))
    assert expected
    for graph in (oxigraph_graph, remote_graph):
        assert set(graph.backend.construct(construct)) == expected
        assert graph.backend.ask("ASK { ?s a <https://w3id.org/armoede-kg/ontologie#Theory> }") is True
        assert graph.backend.ask("ASK { ?s a <urn:nothing> }") is False


def test_describe_lists_the_same_statements(reference, oxigraph_graph, remote_graph):
    iri = reference.resolve("Krachtwerk", kind="interventie")
    def facts(graph: kg.KnowledgeGraph) -> set[tuple[str, str, str]]:
        return {(str(s.predicate), s.value_label, str(s.graph)) for s in graph.describe(iri)
                if not isinstance(s.value, BNode)}
    expected = facts(reference)
    assert expected
    assert facts(oxigraph_graph) == expected
    assert facts(remote_graph) == expected


def test_a_fact_stated_by_two_documents_counts_once(reference, oxigraph_graph, remote_graph):
    # kg.load puts each document in its own graph; the default graph is their merge (a set)
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    expected = reference.sparql(text).rows[0]["n"].value
    assert oxigraph_graph.sparql(text).rows[0]["n"].value == expected
    assert remote_graph.sparql(text).rows[0]["n"].value == expected


# -- the CLI ----------------------------------------------------------------------------------

def test_cli_backends_print_the_same_table(run_cli, oxigraph_server):
    args = ["query", "versterkers", "--interventie", "Krachtwerk", "--leefgebied", "financiën"]
    outputs = {}
    for opts in (["--backend", "rdflib"], ["--backend", "oxigraph"], ["--endpoint", oxigraph_server]):
        res = run_cli(*opts, *args)
        assert res.exit_code == 0, res.output
        outputs[opts[0] + opts[1]] = res.output
    assert len(set(outputs.values())) == 1, outputs
    assert next(iter(outputs.values())).strip().endswith("(9 rijen)")


@pytest.mark.parametrize(("command", "ordered"), [
    (["show", "Krachtwerk"], True), (["search", "kracht"], True),
    # stats orders by a label that is sometimes language-tagged and sometimes not: SPARQL leaves
    # the order between those kinds of literal to the engine, so only the lines are compared
    (["stats"], False),
    (["query", "theorieen", "--interventie", "Krachtwerk"], True),
])
def test_cli_commands_agree_across_backends(run_cli, oxigraph_server, command, ordered):
    ref = run_cli("--backend", "rdflib", *command)
    assert ref.exit_code == 0, ref.output
    for opts in (["--backend", "oxigraph"], ["--endpoint", oxigraph_server]):
        res = run_cli(*opts, *command)
        assert res.exit_code == 0, res.output
        if ordered:
            assert res.output == ref.output, opts
        else:
            assert sorted(res.output.splitlines()) == sorted(ref.output.splitlines()), opts


def test_cli_sparql_through_the_endpoint(run_cli, oxigraph_server):
    res = run_cli("--endpoint", oxigraph_server, "sparql", "--format", "json", "-",
                  input="SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/armoede-kg/ontologie#Theory> }")
    assert res.exit_code == 0, res.output
    n = json.loads(res.output)["results"]["bindings"][0]["n"]
    assert n["datatype"] == "http://www.w3.org/2001/XMLSchema#integer" and int(n["value"]) >= 5


def test_cli_unreachable_endpoint_is_one_line_with_the_url(run_cli):
    url = f"http://127.0.0.1:{free_port()}/query"
    res = run_cli("--endpoint", url, "query", "versterkers", "--interventie", "Krachtwerk")
    assert res.exit_code == 2
    assert res.stderr.strip().splitlines() == [f"fout: {url}: SPARQL-endpoint niet bereikbaar (Connection refused)"]
    assert "Traceback" not in res.output


def test_cli_rejects_backend_and_endpoint_together(run_cli):
    res = run_cli("--backend", "oxigraph", "--endpoint", "http://127.0.0.1:1/query", "stats")
    assert res.exit_code == 2
    assert "niet allebei" in res.stderr


# -- the remote backend's errors ----------------------------------------------------------------

def test_remote_rejects_an_address_that_is_not_http():
    with pytest.raises(EndpointError, match="geen http"):
        RemoteBackend("ftp://example.org/sparql")


def test_remote_http_error_names_url_and_status(oxigraph_server):
    wrong = oxigraph_server.replace("/query", "/nergens")
    with pytest.raises(EndpointError) as exc:
        RemoteBackend(wrong).select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert str(exc.value).startswith(f"{wrong}: HTTP 404")


def test_remote_bad_query_is_a_query_error_with_the_servers_reason(oxigraph_server):
    with pytest.raises(QueryError) as exc:
        RemoteBackend(oxigraph_server).select("SELECT ?s WHERE { ?s ?p }")
    assert str(exc.value).startswith(f"{oxigraph_server}: HTTP 400")
    assert "\n" not in str(exc.value)


class _Html(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        body = b"<html><body>Welcome</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def html_server() -> Iterator[str]:
    """A real web server on 127.0.0.1 that answers every POST with an HTML page."""
    server = http.server.HTTPServer(("127.0.0.1", 0), _Html)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def test_remote_non_sparql_answer_is_reported(html_server):
    with pytest.raises(EndpointError, match="antwoord is geen SPARQL-resultaat") as exc:
        RemoteBackend(html_server).select("SELECT * WHERE { ?s ?p ?o }")
    assert html_server in str(exc.value) and "text/html" in str(exc.value)
    with pytest.raises(EndpointError, match="antwoord is geen RDF"):
        RemoteBackend(html_server).construct("CONSTRUCT WHERE { ?s ?p ?o }")


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A real socket on 127.0.0.1 that accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/query"
    sock.close()


def test_remote_timeout_is_reported(silent_server):
    with pytest.raises(QueryTimeoutError, match=r"geen antwoord binnen 0\.3 s") as exc:
        RemoteBackend(silent_server, timeout=0.3).select("SELECT * WHERE { ?s ?p ?o }")
    assert silent_server in str(exc.value)


# -- start-up stays lean ----------------------------------------------------------------------

def test_cli_import_does_not_load_heavy_optional_modules():
    code = ("import sys, kg.cli.main; heavy = ['pyshacl', 'networkx', 'pyoxigraph', "
            "'rdflib.plugins.sparql.parser']; print([m for m in heavy if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_named_query_on_oxigraph_loads_neither_shacl_nor_networkx(tmp_path):
    code = ("import sys; from kg.cli.main import main\n"
            "try:\n    main(['--backend', 'oxigraph', 'query', 'versterkers', '--interventie', 'Krachtwerk'])\n"
            "except SystemExit:\n    pass\n"
            "print([m for m in ('pyshacl', 'networkx', 'rdflib.plugins.sparql.parser') if m in sys.modules],"
            " file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**__import__("os").environ, "ARMOEDE_KG_CACHE_DIR": str(tmp_path)})
    assert out.stderr.strip().splitlines()[-1] == "[]", out.stderr
