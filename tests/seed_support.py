"""Helpers for the seed-fact tests (tests/test_seed_00N.py).

Each of those tests checks one fact read in a seed document against the graph, *in the named
graph of that document* (``graaf/kennis/00N``), and checks its provenance: the line range of the
mention (``ak:mentionedIn``) or of the claim node (``ak:startLine``/``ak:endLine``) must contain
the seed line where the fact is printed. Expected values in the tests are copied from the seeds
in ``shared/seeds/``, never from the Turtle.
"""

from __future__ import annotations

from typing import Any

from rdflib.term import Literal

BASE = "https://w3id.org/armoede-kg/"

PREFIXES = f"""
PREFIX ak:    <{BASE}ontologie#>
PREFIX iv:    <{BASE}id/interventie/>
PREFIX th:    <{BASE}id/theorie/>
PREFIX pr:    <{BASE}id/principe/>
PREFIX ps:    <{BASE}id/principeset/>
PREFIX mech:  <{BASE}id/mechanisme/>
PREFIX ins:   <{BASE}id/instrument/>
PREFIX vm:    <{BASE}id/verklaringsmodel/>
PREFIX bron:  <{BASE}id/bron/>
PREFIX doc:   <{BASE}id/document/>
PREFIX og:    <{BASE}id/organisatie/>
PREFIX per:   <{BASE}id/persoon/>
PREFIX gem:   <{BASE}id/gemeente/>
PREFIX db:    <{BASE}id/databank/>
PREFIX rol:   <{BASE}id/rol/>
PREFIX bev:   <{BASE}id/bevinding/>
PREFIX erk:   <{BASE}id/erkenning/>
PREFIX vml:   <{BASE}id/vermelding/>
PREFIX stat:  <{BASE}id/statistiek/>
PREFIX uit:   <{BASE}id/uitspraak/>
PREFIX fase:  <{BASE}id/fase/>
PREFIX proj:  <{BASE}id/project/>
PREFIX act:   <{BASE}id/activiteit/>
PREFIX sch:   <{BASE}id/schema/>
PREFIX bg:    <{BASE}id/begrip/>
PREFIX skos:  <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX bibo:  <http://purl.org/ontology/bibo/>
PREFIX foaf:  <http://xmlns.com/foaf/0.1/>
PREFIX prov:  <http://www.w3.org/ns/prov#>
PREFIX rdfs:  <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd:   <http://www.w3.org/2001/XMLSchema#>
"""

# A mention or claim whose range is wider than this does not locate a fact any more.
MAX_SPAN = 120


def kennis(doc: str) -> str:
    """The named graph of one seed document, as a SPARQL IRI term."""
    return f"<{BASE}graaf/kennis/{doc}>"


def schema_graph(name: str) -> str:
    return f"<{BASE}graaf/schemas/{name}>"


def expand(curie: str) -> str:
    """'iv:krachtwerk' -> full IRI string (for comparing with IRI cells)."""
    prefix, local = curie.split(":", 1)
    for line in PREFIXES.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] == prefix + ":":
            return parts[2].strip("<>") + local
    raise KeyError(prefix)


def _py(value: Any) -> Any:
    # gYear, gYearMonth … stay rdflib Literals after toPython(); compare them as text
    return str(value) if isinstance(value, Literal) else value


def select(graph: Any, query: str) -> list[dict[str, Any]]:
    """Run a SELECT (prefixes added); rows as dicts of Python values."""
    return [{k: _py(v) for k, v in row.as_dict().items()} for row in graph.sparql(PREFIXES + query)]


def ask(graph: Any, pattern: str) -> bool:
    table = graph.sparql(PREFIXES + "ASK {" + pattern + "}")
    return bool(table.rows[0]["ask"].value)


def objects(graph: Any, doc: str, subject: str, predicate: str, *, in_graph: str | None = None) -> set[Any]:
    """The objects of ``subject predicate ?o`` as stated in the named graph of ``doc``."""
    g = in_graph or kennis(doc)
    rows = select(graph, f"SELECT ?o WHERE {{ GRAPH {g} {{ {subject} {predicate} ?o }} }}")
    return {r["o"] for r in rows}


def the(graph: Any, doc: str, subject: str, predicate: str, *, in_graph: str | None = None) -> Any:
    """The single object of ``subject predicate`` in the graph of ``doc``."""
    values = objects(graph, doc, subject, predicate, in_graph=in_graph)
    assert len(values) == 1, f"{subject} {predicate} in graph {doc}: expected one value, got {values}"
    return next(iter(values))


def mention_ranges(graph: Any, doc: str, subject: str, *, in_graph: str | None = None) -> list[tuple[int, int]]:
    """Line ranges of the mentions of ``subject`` in document ``doc``, stated in the graph of ``doc``."""
    g = in_graph or kennis(doc)
    rows = select(graph, f"""
        SELECT ?a ?b WHERE {{ GRAPH {g} {{
            {subject} ak:mentionedIn ?m .
            ?m ak:inDocument doc:{doc} ; ak:startLine ?a ; ak:endLine ?b . }} }}""")
    return sorted((int(r["a"]), int(r["b"])) for r in rows)


def assert_mentioned_at(graph: Any, doc: str, subject: str, line: int, *,
                        in_graph: str | None = None, max_span: int = MAX_SPAN) -> None:
    ranges = mention_ranges(graph, doc, subject, in_graph=in_graph)
    assert ranges, f"{subject} has no mention of document {doc} in {in_graph or kennis(doc)}"
    hits = [(a, b) for a, b in ranges if a <= line <= b]
    assert hits, f"no mention of {subject} in {doc} covers seed line {line}: {ranges}"
    assert min(b - a for a, b in hits) <= max_span, f"mention of {subject} too vague: {hits}"


def claim_range(graph: Any, doc: str, claim: str, *, in_graph: str | None = None) -> tuple[int, int]:
    g = in_graph or kennis(doc)
    rows = select(graph, f"""
        SELECT ?a ?b WHERE {{ GRAPH {g} {{
            {claim} ak:inDocument doc:{doc} ; ak:startLine ?a ; ak:endLine ?b . }} }}""")
    assert len(rows) == 1, f"{claim}: expected one location in graph {doc}, got {rows}"
    return int(rows[0]["a"]), int(rows[0]["b"])


def assert_claim_at(graph: Any, doc: str, claim: str, line: int, *,
                    in_graph: str | None = None, max_span: int = MAX_SPAN) -> None:
    a, b = claim_range(graph, doc, claim, in_graph=in_graph)
    assert a <= line <= b, f"{claim} is located at {a}-{b}, but the seed prints it at line {line}"
    assert b - a <= max_span, f"{claim} location {a}-{b} too vague"


def documents_mentioning(graph: Any, subject: str) -> set[str]:
    """Numbers ('000' …) of the documents whose own named graph says they mention ``subject``."""
    rows = select(graph, f"""
        SELECT DISTINCT ?d WHERE {{ GRAPH ?g {{ {subject} ak:mentionedIn ?m . ?m ak:inDocument ?d . }}
            FILTER(STRSTARTS(STR(?g), "{BASE}graaf/kennis/")) }}""")
    return {r["d"].rsplit("/", 1)[1] for r in rows}


def statistics_at(graph: Any, doc: str, value: float, line: int) -> list[dict[str, Any]]:
    """The statistics (``ak:Statistic``) with this value in the graph of ``doc`` whose location
    covers the seed line; rows with ``s``, ``text``, ``a`` and ``b``."""
    rows = select(graph, f"""SELECT ?s ?text ?a ?b WHERE {{ GRAPH {kennis(doc)} {{ ?s a ak:Statistic ;
        ak:statisticValue ?v ; ak:statementText ?text ; ak:startLine ?a ; ak:endLine ?b .
        FILTER(?v = {value}) }} }}""")
    return [r for r in rows if r["a"] <= line <= r["b"]]


def members(graph: Any, doc: str, principle_set: str) -> list[dict[str, Any]]:
    """The members of a principle set in the graph of ``doc``, in their printed order; rows with
    ``p``, ``l`` (label) and ``n`` (ordinal)."""
    return select(graph, f"""SELECT ?p ?l ?n WHERE {{ GRAPH {kennis(doc)} {{ ?p ak:memberOf {principle_set} ;
        skos:prefLabel ?l ; ak:ordinal ?n }} }} ORDER BY ?n""")
