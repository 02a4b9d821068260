"""`armoede-kg serve`'s /sparql as the SPARQL 1.1 Protocol clients researchers use see it: the
real SPARQLWrapper and rdflib's SPARQLStore against a real server, every return format each
offers; rows without bindings; the protocol's parameters (one query, default-graph-uri,
named-graph-uri); and the Service Description at the endpoint (issue 14, items 2-4)."""

from __future__ import annotations

import io
import json
import urllib.parse
import warnings
from collections import Counter
from xml.etree import ElementTree

import pytest
from publish_support import LiveServer
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result
from SPARQLWrapper import CSV, GET, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper import RDF as RDF_FORMAT
from test_server import KRACHTWERK, THEORIES, fetch, local_rows

import kg

pytestmark = pytest.mark.slow

SD = "http://www.w3.org/ns/sparql-service-description#"
UNBOUND = "SELECT ?x ?y WHERE { VALUES (?x ?y) { (1 UNDEF) (UNDEF UNDEF) (UNDEF 2) } }"
ASK_INTERVENTION = "ASK { ?s a <https://w3id.org/armoede-kg/ontologie#Intervention> }"
CONSTRUCT_KRACHTWERK = f"CONSTRUCT {{ {KRACHTWERK.n3()} ?p ?o }} WHERE {{ {KRACHTWERK.n3()} ?p ?o }}"
DESCRIBE_KRACHTWERK = f"DESCRIBE {KRACHTWERK.n3()}"


@pytest.fixture(scope="module")
def fast() -> kg.KnowledgeGraph:
    return kg.load(backend="oxigraph")


def endpoint(server: LiveServer) -> str:
    return server.url("sparql")


def get(server: LiveServer, accept: str | None = None, **params: str | list[str]):
    return fetch(endpoint(server) + "?" + urllib.parse.urlencode(params, doseq=True), accept)


# -- SPARQLWrapper ------------------------------------------------------------------------------

def wrapper(server: LiveServer, query: str, fmt: str, method: str) -> object:
    sw = SPARQLWrapper(endpoint(server))
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    with warnings.catch_warnings():
        # SPARQLWrapper warns when the endpoint answers in another format than it asked for (it
        # also warns, before asking, that it sends Accept: */* for RDF and JSON graphs: its own affair)
        warnings.filterwarnings("error", "Format requested was", RuntimeWarning)
        warnings.filterwarnings("error", "unknown response content type", RuntimeWarning)
        return sw.queryAndConvert()


def rows_of_text(text: str, fmt: str) -> Counter:
    return Counter(tuple(r) for r in Result.parse(io.StringIO(text), format=fmt))


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select_in_every_format(live_server, fast, fmt, method):
    got = wrapper(live_server, THEORIES, fmt, method)
    expected = local_rows(fast, THEORIES)
    if fmt == JSON:
        assert Counter(tuple(row) for row in Result.parse(io.StringIO(json.dumps(got)), format="json")) == expected
    elif fmt == XML:  # a DOM document of SPARQL Results XML
        assert rows_of_text(got.toxml(), "xml") == expected  # type: ignore[attr-defined]
    elif fmt == TSV:
        assert rows_of_text(got.decode(), "tsv") == expected  # type: ignore[attr-defined]
    else:  # CSV has plain strings only
        lines = got.decode().splitlines()  # type: ignore[attr-defined]
        assert lines[0] == "theorie,label" and len(lines) - 1 == sum(expected.values())


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_ask_in_every_format(live_server, fmt):
    got = wrapper(live_server, ASK_INTERVENTION, fmt, GET)
    if fmt == JSON:
        assert got["boolean"] is True  # type: ignore[index]
    elif fmt == XML:
        assert got.getElementsByTagName("boolean")[0].firstChild.data == "true"  # type: ignore[attr-defined]
    else:  # as Jena writes it: one column _askResult
        assert got.decode().split() == ["_askResult", "true"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("query", [CONSTRUCT_KRACHTWERK, DESCRIBE_KRACHTWERK], ids=["construct", "describe"])
@pytest.mark.parametrize("fmt", [XML, RDFXML, RDF_FORMAT, TURTLE, N3, JSONLD, JSON])
def test_sparqlwrapper_graphs_in_every_format(live_server, fast, fmt, query, method):
    expected = set(fast.backend.construct(CONSTRUCT_KRACHTWERK))
    assert len(expected) > 5
    got = wrapper(live_server, query, fmt, method)
    if fmt in (TURTLE, N3):  # the text, which SPARQLWrapper hands over as it came
        got = Graph().parse(data=got.decode(), format="turtle")  # type: ignore[attr-defined]
    assert isinstance(got, Graph)
    assert set(got) == expected


# -- rdflib's SPARQLStore -------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
@pytest.mark.parametrize("fmt", ["xml", "json", "csv", "tsv"])
def test_sparqlstore_select_in_every_format(live_server, fast, fmt, method):
    g = Graph(SPARQLStore(endpoint(live_server), returnFormat=fmt, method=method))
    got = Counter(tuple(row) for row in g.query(THEORIES))
    expected = local_rows(fast, THEORIES)
    if fmt == "csv":  # CSV carries no types: rdflib reads the IRIs back, the labels as plain strings
        expected = Counter(tuple(t if isinstance(t, URIRef) else Literal(str(t)) for t in k)
                           for k in expected.elements())
    assert got == expected


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_sparqlstore_ask_construct_and_triples(live_server, fast, fmt):
    store = SPARQLStore(endpoint(live_server), returnFormat=fmt)
    g = Graph(store)
    assert g.query(ASK_INTERVENTION).askAnswer is True
    expected = set(fast.backend.construct(CONSTRUCT_KRACHTWERK))
    assert set(g.triples((KRACHTWERK, None, None))) == expected
    if fmt == "xml":  # a graph result comes back as RDF/XML
        assert set(g.query(CONSTRUCT_KRACHTWERK)) == expected


def test_sparqlstore_reads_one_named_graph_by_default_graph_uri(live_server, fast):
    """A Graph over a SPARQLStore with a graph name as identifier asks with
    default-graph-uri=name: the endpoint must answer over that graph alone (SPARQL 1.1 Protocol
    §2.1.4)."""
    name = next(iter(fast.backend.graphs()))
    got = set(Graph(SPARQLStore(endpoint(live_server)), identifier=name).triples((None, None, None)))
    expected = set(fast.backend.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {name.n3()} {{ ?s ?p ?o }} }}"))
    assert got == expected and 0 < len(got) < len(set(fast.backend.construct("CONSTRUCT WHERE { ?s ?p ?o }")))


# -- rows in which no selected variable is bound -----------------------------------------------------

# read here without rdflib's result parsers: they drop a row without bindings too (docs/publish.md)

def test_rows_without_bindings_are_kept_in_json(live_server):
    r = get(live_server, "application/sparql-results+json", query=UNBOUND)
    assert r.status == 200, r.text
    one, two = ({"type": "literal", "value": v, "datatype": str(XSD.integer)} for v in ("1", "2"))
    assert json.loads(r.text)["results"]["bindings"] == [{"x": one}, {}, {"y": two}]
    empty = json.loads(get(live_server, "application/json", query="SELECT * {}").text)
    assert empty == {"head": {"vars": []}, "results": {"bindings": [{}]}}


def test_rows_without_bindings_are_kept_in_xml(live_server):
    ns = "{http://www.w3.org/2005/sparql-results#}"
    doc = ElementTree.fromstring(get(live_server, "application/sparql-results+xml", query=UNBOUND).body)
    results = doc.findall(f"{ns}results/{ns}result")
    assert [[b.get("name") for b in r.findall(f"{ns}binding")] for r in results] == [["x"], [], ["y"]]
    empty = ElementTree.fromstring(get(live_server, "application/sparql-results+xml", query="SELECT * {}").body)
    assert len(empty.findall(f"{ns}results/{ns}result")) == 1


def test_rows_without_bindings_are_kept_in_tsv(live_server):
    r = get(live_server, "text/tab-separated-values", query=UNBOUND)
    assert r.text.split("\n") == ["?x\t?y", f'"1"^^<{XSD.integer}>\t', "\t", f'\t"2"^^<{XSD.integer}>', ""]
    assert get(live_server, "text/tab-separated-values", query="SELECT * {}").text == "\n\n"


def test_rows_without_bindings_are_kept_in_csv(live_server):
    r = get(live_server, "text/csv", query=UNBOUND)
    assert r.text.split("\r\n") == ["x,y", "1,", ",", ",2", ""]
    assert get(live_server, "text/csv", query="SELECT * {}").text == "\r\n\r\n"  # header, one empty row


# -- the protocol's parameters -------------------------------------------------------------------

def test_two_query_parameters_are_refused(live_server):
    r = get(live_server, "application/sparql-results+json", query=["ASK { ?s ?p ?o }", "ASK { <urn:x> ?p ?o }"])
    assert r.status == 400 and "query" in r.text
    form = fetch(endpoint(live_server), "application/sparql-results+json",
                 urllib.parse.urlencode([("query", "ASK {}"), ("query", "ASK {}")]).encode(),
                 "application/x-www-form-urlencoded")
    assert form.status == 400
    both = fetch(endpoint(live_server) + "?query=ASK%7B%7D", "application/sparql-results+json", b"ASK {}",
                 "application/sparql-query")
    assert both.status == 400


def test_default_and_named_graph_uri_choose_the_dataset(live_server, fast):
    graphs = list(fast.backend.graphs())
    first, second = graphs[0], graphs[1]
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

    def number(**params: str | list[str]) -> int:
        r = get(live_server, "application/sparql-results+json", **params)
        assert r.status == 200, r.text
        return int(json.loads(r.text)["results"]["bindings"][0]["n"]["value"])

    sizes = fast.backend.graphs()
    assert number(query=count, **{"default-graph-uri": str(first)}) == sizes[first]
    both = number(query=count, **{"default-graph-uri": [str(first), str(second)]})
    assert max(sizes[first], sizes[second]) <= both <= sizes[first] + sizes[second]
    # named graphs only: the default graph is empty, GRAPH sees just the ones named
    assert number(query=count, **{"named-graph-uri": str(first)}) == 0
    in_graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert number(query=in_graphs, **{"named-graph-uri": [str(first), str(second)]}) == 2
    assert number(query=in_graphs) == len(graphs)
    bad = get(live_server, "application/sparql-results+json", query=count, **{"default-graph-uri": "geen iri"})
    assert bad.status == 400 and "IRI" in bad.text


def test_from_is_refused_with_advice_that_works(live_server):
    r = get(live_server, "application/sparql-results+json",
            query="SELECT * FROM <https://w3id.org/armoede-kg/graaf/kern> WHERE { ?s ?p ?o } LIMIT 1")
    assert r.status == 400 and "GRAPH" in r.text


@pytest.mark.parametrize("fmt,media", [("xml", "application/sparql-results+xml"),
                                       ("json", "application/sparql-results+json"),
                                       ("text/tab-separated-values", "text/tab-separated-values"),
                                       ("csv", "text/csv")])
def test_format_and_output_names_clients_send(live_server, fmt, media):
    for param in ("format", "output", "results"):
        r = get(live_server, "*/*", query=THEORIES, **{param: fmt})
        assert r.status == 200 and r.media == media, (param, r.text)


@pytest.mark.parametrize("fmt,media", [("xml", "application/rdf+xml"), ("json", "application/ld+json"),
                                       ("n3", "text/turtle"), ("turtle", "text/turtle"),
                                       ("application/ld+json,application/x-json+ld", "application/ld+json"),
                                       ("rdf+xml", "application/rdf+xml"), ("nt", "application/n-triples")])
def test_format_names_for_graphs(live_server, fast, fmt, media):
    r = get(live_server, "*/*", query=CONSTRUCT_KRACHTWERK, format=fmt)
    assert r.status == 200 and r.media == media, r.text
    parse_as = {"application/rdf+xml": "xml", "application/ld+json": "json-ld", "text/turtle": "turtle",
                "application/n-triples": "nt"}[media]
    assert set(Graph().parse(data=r.text, format=parse_as)) == set(fast.backend.construct(CONSTRUCT_KRACHTWERK))


@pytest.mark.parametrize("accept,media", [("application/json", "application/sparql-results+json"),
                                          ("application/xml", "application/sparql-results+xml"),
                                          ("text/xml", "application/sparql-results+xml")])
def test_select_and_ask_for_generic_json_and_xml(live_server, accept, media):
    for query in (THEORIES, ASK_INTERVENTION):
        r = get(live_server, accept, query=query)
        assert r.status == 200 and r.media == media


def test_rdf_xml_for_construct_by_accept(live_server, fast):
    r = get(live_server, "application/rdf+xml", query=CONSTRUCT_KRACHTWERK)
    assert r.status == 200 and r.media == "application/rdf+xml"
    assert set(Graph().parse(data=r.text, format="xml")) == set(fast.backend.construct(CONSTRUCT_KRACHTWERK))


# -- /sparql: protocol clients get results and descriptions, browsers the page -----------------------

@pytest.mark.parametrize("accept,fmt", [(None, "turtle"), ("*/*", "turtle"), ("text/turtle", "turtle"),
                                        ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml"),
                                        ("application/n-triples", "nt")])
def test_service_description_at_the_endpoint(live_server, fast, accept, fmt):
    r = fetch(endpoint(live_server), accept)
    assert r.status == 200, r.text
    g = Graph().parse(data=r.text, format=fmt)
    service = URIRef(endpoint(live_server))
    sd = lambda local: URIRef(SD + local)  # noqa: E731
    assert (service, RDF.type, sd("Service")) in g
    assert (service, sd("endpoint"), service) in g
    assert (service, sd("supportedLanguage"), sd("SPARQL11Query")) in g
    formats = {str(o).rsplit("/", 1)[-1] for o in g.objects(service, sd("resultFormat"))}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
            "Turtle", "RDF_XML", "JSON-LD", "N-Triples"} <= formats
    dataset = g.value(service, sd("defaultDataset"))
    names = {g.value(n, sd("name")) for n in g.objects(dataset, sd("namedGraph"))}
    assert names == set(fast.backend.graphs())
    default_size = g.value(g.value(dataset, sd("defaultGraph")), URIRef("http://rdfs.org/ns/void#triples"))
    distinct = fast.backend.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0].cells[0].term
    assert int(default_size) == int(distinct)


def test_browsers_get_the_page_and_protocol_clients_the_results(live_server):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    page = fetch(endpoint(live_server), browser)
    assert page.status == 200 and page.media == "text/html"
    for accept in ("application/sparql-results+json", "application/sparql-results+xml", "*/*", "application/json"):
        r = get(live_server, accept, query=ASK_INTERVENTION)
        assert r.status == 200 and r.media != "text/html", accept


def test_void_points_at_the_service_description_and_agrees_on_formats(live_server):
    void = Graph().parse(data=fetch(live_server.url("void.ttl")).text, format="turtle")
    sd_doc = Graph().parse(data=fetch(endpoint(live_server), "text/turtle").text, format="turtle")
    service = next(void.subjects(RDF.type, URIRef(SD + "Service")))
    published_endpoint = void.value(service, URIRef(SD + "endpoint"))
    assert (service, URIRef("http://www.w3.org/2000/01/rdf-schema#seeAlso"), published_endpoint) in void
    formats = URIRef(SD + "resultFormat")
    assert set(void.objects(service, formats)) == set(sd_doc.objects(URIRef(endpoint(live_server)), formats))
