"""`armoede-kg serve`: a real uvicorn server on 127.0.0.1, spoken to over HTTP as curl or a
SPARQL client would: content negotiation, every result format, the refusals, the limits."""

from __future__ import annotations

import csv
import http.server
import io
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from publish_support import MAX_ROWS, LiveServer, start_server, stop_server
from rdflib import Graph, URIRef
from rdflib.query import Result

from kg.publish.site import query_examples

BASE = "https://w3id.org/armoede-kg/"
KRACHTWERK = URIRef(BASE + "id/interventie/krachtwerk")
THEORIES = """PREFIX ak: <https://w3id.org/armoede-kg/ontologie#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?theorie ?label WHERE { ?theorie a ak:Theory ; skos:prefLabel ?label } ORDER BY ?label"""


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def media(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url: str, accept: str | None = None, data: bytes | None = None,
          content_type: str | None = None, method: str | None = None) -> Reply:
    headers = {}
    if accept is not None:
        headers["Accept"] = accept
    if content_type is not None:
        headers["Content-Type"] = content_type
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with OPENER.open(req, timeout=60) as resp:
            return Reply(resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read())
    except urllib.error.HTTPError as exc:
        return Reply(exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read())


def sparql(server: LiveServer, query: str, accept: str = "application/sparql-results+json",
           method: str = "GET") -> Reply:
    if method == "GET":
        return fetch(server.url("sparql?" + urllib.parse.urlencode({"query": query})), accept)
    if method == "FORM":
        return fetch(server.url("sparql"), accept, urllib.parse.urlencode({"query": query}).encode(),
                     "application/x-www-form-urlencoded")
    return fetch(server.url("sparql"), accept, query.encode(), "application/sparql-query")


# -- content negotiation ------------------------------------------------------------------------

@pytest.mark.parametrize("accept,media,fmt", [
    ("text/turtle", "text/turtle", "turtle"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/ld+json;q=0.5, text/turtle;q=0.9", "text/turtle", "turtle"),
    ("application/json", "application/ld+json", "json-ld"),
])
def test_resource_iri_answers_rdf_by_accept_header(live_server, graph, accept, media, fmt):
    r = fetch(live_server.url("id/interventie/krachtwerk"), accept)
    assert r.status == 200 and r.media == media
    assert "Accept" in r.headers["vary"]
    assert r.headers["content-location"] == "/id/interventie/krachtwerk" + {
        "turtle": ".ttl", "json-ld": ".jsonld", "nt": ".nt"}[fmt]
    g = Graph().parse(data=r.text, format=fmt)
    expected = {(s, p, o) for s, p, o, _ in graph.backend.dataset().quads((KRACHTWERK, None, None, None))}
    assert set(g) == expected


@pytest.mark.parametrize("accept", [None, "*/*", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"])
def test_browsers_and_plain_clients_get_the_page(live_server, accept):
    r = fetch(live_server.url("id/interventie/krachtwerk"), accept)
    assert r.status == 200 and r.media == "text/html"
    assert "<h1>Krachtwerk</h1>" in r.text


def test_unavailable_format_is_406_and_unknown_resource_404(live_server):
    r = fetch(live_server.url("id/interventie/krachtwerk"), "image/png")
    assert r.status == 406 and "text/turtle" in r.text
    assert fetch(live_server.url("id/interventie/bestaat-niet"), "text/turtle").status == 404
    assert fetch(live_server.url("id/../../etc/passwd")).status == 404
    assert fetch(live_server.url(".htaccess")).status == 404  # hidden files are not served


def test_documents_and_files_are_served_directly(live_server):
    onto = fetch(live_server.url("ontologie"), "text/turtle")
    assert onto.status == 200 and onto.media == "text/turtle"
    assert (URIRef(BASE + "ontologie#Intervention"), None, None) in Graph().parse(data=onto.text, format="turtle")
    void = fetch(live_server.url("void"), "text/turtle")
    assert void.status == 200 and "void:triples" in void.text
    wk = fetch(live_server.url(".well-known/void"))
    assert wk.status == 303 and wk.headers["location"] == "/void.ttl"
    css = fetch(live_server.url("style.css"))
    assert css.status == 200 and css.media == "text/css"
    assert fetch(live_server.url("id/interventie/krachtwerk.jsonld")).media == "application/ld+json"


@pytest.fixture(scope="module")
def see_other_server(published_site) -> Iterator[LiveServer]:
    server = start_server(published_site, "--see-other", "--workers", "1")
    yield server
    stop_server(server)


def test_see_other_mode_redirects_things_but_not_documents(see_other_server):
    r = fetch(see_other_server.url("id/interventie/krachtwerk"), "text/turtle")
    assert r.status == 303 and r.headers["location"] == "/id/interventie/krachtwerk.ttl"
    assert "Accept" in r.headers["vary"]
    html = fetch(see_other_server.url("id/interventie/krachtwerk"), "text/html")
    assert html.status == 303 and html.headers["location"].endswith("krachtwerk.html")
    assert fetch(see_other_server.url("ontologie"), "text/turtle").status == 200


def test_base_iri_maps_a_sub_path_to_the_project_iris(published_site):
    server = start_server(published_site, "--workers", "1", "--base-iri", "http://127.0.0.1:1/armoede/",
                          ready_path="armoede/")
    try:
        root = server.base  # the server still listens on its port; only the path prefix changes
        r = fetch(root + "armoede/id/interventie/krachtwerk", "text/turtle")
        assert r.status == 200 and r.headers["content-location"] == "/armoede/id/interventie/krachtwerk.ttl"
        assert fetch(root + "id/interventie/krachtwerk", "text/turtle").status == 404
        assert sparql_at(root + "armoede/sparql", "ASK { ?s ?p ?o }")["boolean"] is True
    finally:
        stop_server(server)


def sparql_at(url: str, query: str) -> dict:
    r = fetch(url + "?" + urllib.parse.urlencode({"query": query}), "application/sparql-results+json")
    assert r.status == 200, r.text
    return json.loads(r.text)


# -- the SPARQL endpoint: formats -----------------------------------------------------------------

@pytest.fixture(scope="module")
def fast():
    """The graph in pyoxigraph, the engine the endpoint evaluates with: the reference for its
    answers (GROUP_CONCAT's order, which SPARQL leaves open, is pyoxigraph's too)."""
    import kg

    return kg.load(backend="oxigraph")


def local_rows(graph, query: str) -> Counter:
    return Counter(tuple(c.term for c in row.cells) for row in graph.backend.select(query))


@pytest.mark.parametrize("method", ["GET", "FORM", "DIRECT"])
@pytest.mark.parametrize("accept,fmt", [
    ("application/sparql-results+json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
])
def test_select_in_every_format_and_method(live_server, fast, method, accept, fmt):
    r = sparql(live_server, THEORIES, accept, method)
    assert r.status == 200, r.text
    assert r.media == accept
    expected = local_rows(fast, THEORIES)
    assert len(expected) > 5
    if fmt == "csv":  # CSV carries plain strings only (SPARQL 1.1 CSV/TSV §2)
        rows = list(csv.reader(io.StringIO(r.text)))
        assert rows[0] == ["theorie", "label"]
        assert Counter(tuple(row) for row in rows[1:]) == Counter(tuple(str(t) for t in k) for k in expected.elements())
        assert r.body.count(b"\r\n") == len(rows)
        return
    res = Result.parse(io.BytesIO(r.body), format=fmt)
    assert [str(v) for v in res.vars] == ["theorie", "label"]
    assert Counter(tuple(row) for row in res) == expected


def test_ask_and_construct(live_server, graph):
    for accept in ("application/sparql-results+json", "application/sparql-results+xml"):
        r = sparql(live_server, "ASK { ?s a <https://w3id.org/armoede-kg/ontologie#Intervention> }", accept)
        assert r.status == 200 and Result.parse(io.BytesIO(r.body), format=accept.rsplit("+", 1)[-1]).askAnswer is True
    q = f"CONSTRUCT {{ {KRACHTWERK.n3()} ?p ?o }} WHERE {{ {KRACHTWERK.n3()} ?p ?o }}"
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld")):
        r = sparql(live_server, q, accept)
        assert r.status == 200 and r.media == accept
        assert set(Graph().parse(data=r.text, format=fmt)) == set(graph.backend.construct(q))


def test_format_parameter_overrides_accept(live_server):
    r = fetch(live_server.url("sparql?" + urllib.parse.urlencode({"query": THEORIES, "format": "tsv"})), "text/html")
    assert r.status == 200 and r.media == "text/tab-separated-values"
    assert r.text.startswith("?theorie\t?label\n")


def test_browser_gets_the_query_page_with_the_named_queries(live_server, graph):
    r = fetch(live_server.url("sparql"), "text/html")
    assert r.status == 200 and r.media == "text/html"
    assert '<textarea name="query"' in r.text
    for name in graph.named_queries:
        assert f'data-name="{name}"' in r.text
    shown = fetch(live_server.url("sparql?" + urllib.parse.urlencode({"query": THEORIES})), "text/html")
    assert 'id="resulttable"' in shown.text and "Krachtmodel" in shown.text


def test_named_queries_answer_the_same_via_the_endpoint(live_server, graph, fast):
    for ex in query_examples(graph):
        r = sparql(live_server, ex.text, method="FORM")
        assert r.status == 200, (ex.name, r.text)
        got = Counter(tuple(row) for row in Result.parse(io.BytesIO(r.body), format="json"))
        assert got == local_rows(fast, ex.text), ex.name


# -- refusals and limits ----------------------------------------------------------------------------

UPDATE = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"


def test_updates_are_refused_in_every_shape(live_server, graph):
    form = fetch(live_server.url("sparql"), None, urllib.parse.urlencode({"update": UPDATE}).encode(),
                 "application/x-www-form-urlencoded")
    direct = fetch(live_server.url("sparql"), None, UPDATE.encode(), "application/sparql-update")
    as_query = sparql(live_server, UPDATE)
    for r in (form, direct, as_query):
        assert r.status == 403 and "alleen-lezen" in r.text
    assert sparql(live_server, "ASK { <urn:a> <urn:b> <urn:c> }").text.find("false") > 0


@pytest.fixture
def recording_endpoint() -> Iterator[tuple[str, list[str]]]:
    """A little HTTP server on loopback that records every request (a SERVICE target)."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args: object) -> None:
            pass

    srv = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/sparql", hits
    srv.shutdown()
    srv.server_close()


@pytest.mark.parametrize("template", ["SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
                                      "select * where {{ ?x ?y ?z . service silent <{url}> {{ ?s ?p ?o }} }}"])
def test_service_is_refused_before_any_engine_calls_out(live_server, recording_endpoint, template):
    url, hits = recording_endpoint
    r = sparql(live_server, template.format(url=url))
    assert r.status == 400 and "SERVICE" in r.text
    assert hits == []


def test_the_word_service_inside_a_string_is_harmless(live_server):
    r = sparql(live_server, 'SELECT ?x WHERE { BIND("SERVICE <http://example.org/>" AS ?x) }')
    assert r.status == 200 and "SERVICE" in r.text


def test_bad_query_gets_400_with_one_readable_line(live_server):
    r = sparql(live_server, "SELECT ?s WHERE { ?s ?p }")
    assert r.status == 400
    assert r.text.startswith("ongeldige SPARQL op regel 1") and r.text.count("\n") == 1
    assert fetch(live_server.url("sparql"), "application/sparql-results+json").status == 400  # no query at all
    bad_type = fetch(live_server.url("sparql"), None, b"query=ASK{}", "text/plain")
    assert bad_type.status == 415


def test_result_size_limit(live_server):
    r = sparql(live_server, "SELECT * WHERE { ?s ?p ?o }")
    assert r.status == 400 and f"meer dan {MAX_ROWS} rijen" in r.text
    ok = sparql(live_server, f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}")
    assert ok.status == 200 and len(json.loads(ok.text)["results"]["bindings"]) == MAX_ROWS


@pytest.fixture(scope="module")
def impatient_server(published_site) -> Iterator[LiveServer]:
    server = start_server(published_site, "--timeout", "1", "--workers", "1")
    yield server
    stop_server(server)


def test_timeout_stops_the_query_and_frees_the_worker(impatient_server):
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    # one worker: each answer below needs it back, so a timed-out query must have let go of it
    for _ in range(3):
        r = sparql(impatient_server, heavy)
        assert r.status == 503 and "langer dan 1 s" in r.text
    assert sparql(impatient_server, "ASK { ?s ?p ?o }").text.find("true") > 0
