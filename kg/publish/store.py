"""`armoede-kg publish --store URL`: put every named graph into a triple store over the
SPARQL 1.1 Graph Store HTTP Protocol, then read each graph back and check it.

One PUT per graph (replacing what the store had under that name), N-Triples as the body
(every store reads it, and it keeps each literal's exact lexical form). Verification GETs
each graph again (same protocol, no SPARQL needed) and compares the triple count and the
triples themselves, literals by value: stores such as Oxigraph write typed literals in
canonical form ("8"^^xsd:decimal comes back as "8.0"), which is the same value.

Credentials: --user NAME and the password in ARMOEDE_KG_STORE_PASSWORD (never on the
command line, where `ps` shows it); Basic and Digest authentication are both answered.

A push that fails midway. The Graph Store Protocol has no transactions across graphs, and a
swap through staging names would need SPARQL Update (MOVE), which a plain Graph Store
endpoint does not offer. So before the first PUT every target graph is read (GET, the same
request verification uses) and kept; when a PUT fails, the graphs already replaced — and the
failing one, if the store's answer was lost — are put back as they were and read again.
The error then says either that the store is as it was, or exactly which graphs hold the
new content, which may, and which are untouched.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.term import Node

from ..errors import KgError
from ..graph import KnowledgeGraph
from .rdfio import Triple, ntriples, quads_of

PASSWORD_ENV = "ARMOEDE_KG_STORE_PASSWORD"


class StoreError(KgError):
    """The store refused a request, could not be reached, or holds something else.
    status: the HTTP status the store answered with; None when no answer came."""

    def __init__(self, message: str, status: int | None = None, en: str | None = None) -> None:
        super().__init__(message, en=en)
        self.status = status


class PublishError(StoreError):
    """A PUT failed midway: which graphs are new, maybe new, put back, or untouched."""

    def __init__(self, message: str, cause: StoreError, changed: list[URIRef], uncertain: list[URIRef],
                 restored: list[URIRef], untouched: list[URIRef]) -> None:
        super().__init__(message, cause.status)
        self.changed = changed  # hold our content now (their old content could not be put back)
        self.uncertain = uncertain  # the store's answer was lost: old or new, unknown
        self.restored = restored  # were replaced, and are back as they were
        self.untouched = untouched  # never sent

    @property
    def store_unchanged(self) -> bool:
        return not self.changed and not self.uncertain


@dataclass(frozen=True)
class GraphResult:
    """One named graph: triples sent, triples the store holds afterwards, and whether the
    store's triples equal ours."""

    graph: URIRef
    sent: int
    stored: int | None = None
    same: bool | None = None

    @property
    def ok(self) -> bool:
        return self.stored == self.sent and self.same is not False


@dataclass
class PublishReport:
    store: str
    graphs: list[GraphResult] = field(default_factory=list)
    verified: bool = False

    @property
    def ok(self) -> bool:
        return all(g.ok for g in self.graphs) if self.verified else True


DEFAULT_GRAPH = URIRef("urn:x-armoede-kg:standaardgraaf")  # stands for the store's default graph


def graph_url(store: str, graph: URIRef) -> str:
    """The Graph Store Protocol address of one graph ('indirect identification')."""
    sep = "&" if "?" in store else "?"
    if graph == DEFAULT_GRAPH:
        return f"{store}{sep}default"
    return f"{store}{sep}{urllib.parse.urlencode({'graph': str(graph)})}"


class _Client:
    def __init__(self, store: str, user: str | None, password: str | None, timeout: float) -> None:
        if not store.startswith(("http://", "https://")):
            raise StoreError(f"'{store}' is geen http(s)-adres van een Graph Store-endpoint",
                             en=f"'{store}' is not an http(s) address of a Graph Store endpoint")
        self.store = store
        self.timeout = timeout
        handlers: list[urllib.request.BaseHandler] = []
        if user:
            mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            mgr.add_password(None, store, user, password or "")
            handlers += [urllib.request.HTTPBasicAuthHandler(mgr), urllib.request.HTTPDigestAuthHandler(mgr)]
        self.opener = urllib.request.build_opener(*handlers)

    def request(self, method: str, url: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            with self.opener.open(req, timeout=self.timeout) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            detail = " ".join(exc.read(300).decode("utf-8", "replace").split())[:200]
            msg = f"{method} {url}: HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")
            raise StoreError(msg, exc.code) from None
        except urllib.error.URLError as exc:
            reason = exc.reason.strerror if isinstance(exc.reason, OSError) and exc.reason.strerror else exc.reason
            raise StoreError(f"{self.store}: niet bereikbaar ({reason})",
                             en=f"{self.store}: not reachable ({reason})") from None
        except TimeoutError:
            raise StoreError(f"{self.store}: geen antwoord binnen {self.timeout:g} s",
                             en=f"{self.store}: no answer within {self.timeout:g} s") from None
        except OSError as exc:
            raise StoreError(f"{self.store}: verbinding mislukt ({exc})",
                             en=f"{self.store}: connection failed ({exc})") from None


def _canonical(t: Triple) -> tuple[Node, Node, object]:
    s, p, o = t
    if isinstance(o, Literal) and o.datatype is not None and o.value is not None:
        # value, not spelling: Decimal("30.0") == Decimal("30"), with equal hashes
        return (s, p, ("literal", str(o.datatype), o.value))
    return (s, p, o)


def _graphs(kg: KnowledgeGraph, merge_default: bool) -> dict[URIRef, list[Triple]]:
    graphs = quads_of(kg.backend.dataset())
    if merge_default:
        graphs[DEFAULT_GRAPH] = sorted({t for ts in graphs.values() for t in ts}, key=lambda t: t[0].n3())
    return graphs


def short_name(g: URIRef) -> str:
    """'kennis/000' for https://w3id.org/armoede-kg/graaf/kennis/000, '(standaardgraaf)'."""
    if g == DEFAULT_GRAPH:
        return "(standaardgraaf)"
    return str(g).removeprefix("https://w3id.org/armoede-kg/graaf/")


def _names(graphs: list[URIRef]) -> str:
    return ", ".join(short_name(g) for g in graphs) or "geen"


# What a graph held before the push: its N-Triples, or None when the store did not have it.
_Snapshot = dict[URIRef, bytes | None]


def _snapshot(client: _Client, graphs: list[URIRef]) -> _Snapshot:
    saved: _Snapshot = {}
    for g in graphs:
        try:
            _, body = client.request("GET", graph_url(client.store, g), None, {"Accept": "application/n-triples"})
            saved[g] = body
        except StoreError as exc:
            if exc.status != 404:  # 404: the store has no such graph yet
                raise
            saved[g] = None
    return saved


def _put(client: _Client, g: URIRef, body: bytes) -> None:
    status, _ = client.request("PUT", graph_url(client.store, g), body, {"Content-Type": "application/n-triples"})
    if status not in (200, 201, 204):
        raise StoreError(f"PUT {g}: onverwacht antwoord HTTP {status}",
                         status, en=f"PUT {g}: unexpected answer HTTP {status}")


def _restore(client: _Client, g: URIRef, old: bytes | None) -> bool:
    """Put one graph back as it was; True when the store then holds exactly the old triples."""
    try:
        if old is None:
            try:
                client.request("DELETE", graph_url(client.store, g))
            except StoreError as exc:
                if exc.status != 404:
                    raise
            return _snapshot(client, [g])[g] in (None, b"")
        _put(client, g, old)
        now = _snapshot(client, [g])[g]
        # isomorphic, not equal: blank nodes come back under new labels
        return now is not None and isomorphic(Graph().parse(data=now.decode("utf-8"), format="nt"),
                                              Graph().parse(data=old.decode("utf-8"), format="nt"))
    except Exception:  # noqa: BLE001 - a refusal, no answer, or a reply that does not parse: not back
        return False


def _failed_push(client: _Client, cause: StoreError, order: list[URIRef], done: int,
                 saved: _Snapshot) -> PublishError:
    failing = order[done]
    replaced = order[:done]
    # an HTTP error status means the store refused that PUT; no answer at all may mean it
    # was applied after all, so that graph is put back too
    suspect = [failing] if cause.status is None else []
    restored: list[URIRef] = []
    changed: list[URIRef] = []
    uncertain: list[URIRef] = []
    for g in replaced + suspect:
        if _restore(client, g, saved[g]):
            restored.append(g)
        elif g in suspect:
            uncertain.append(g)
        else:
            changed.append(g)
    untouched = [g for g in order[done:] if g not in suspect]
    what = f"publiceren afgebroken bij {short_name(failing)}: {cause}"
    if not changed and not uncertain:
        tail = (f"de store is weer zoals hij was ({len(restored)} al vervangen grafen teruggezet)" if restored
                else "de store is niet gewijzigd")
    else:
        tail = (f"gewijzigd (nieuwe inhoud, niet teruggezet): {_names(changed)}; "
                f"mogelijk gewijzigd: {_names(uncertain)}; teruggezet: {_names(restored)}; "
                f"ongewijzigd: {_names(untouched)}")
    return PublishError(f"{what}; {tail}", cause, changed, uncertain, restored, untouched)


def publish(kg: KnowledgeGraph, store: str, user: str | None = None, password: str | None = None,
            timeout: float = 120.0, verify: bool = True, merge_default: bool = False,
            progress: Callable[[GraphResult], None] | None = None) -> PublishReport:
    """PUT every named graph to the Graph Store at `store`, then (verify=True) read each back.

    If a PUT fails, the graphs already replaced are put back as they were (read before the
    first PUT) and PublishError says whether the store is as it was, or exactly which
    graphs changed.

    merge_default: also PUT the RDF merge of all named graphs as the store's default graph,
    for stores whose default graph is a graph of its own. Oxigraph 0.5's --union-default-graph
    answers with one copy of a triple per graph that holds it (oxigraph#1919): a fact two
    documents state is counted twice; a merged default graph is a set and answers as rdflib."""
    client = _Client(store, user, password, timeout)
    graphs = _graphs(kg, merge_default)
    order = list(graphs)
    saved = _snapshot(client, order)  # nothing is changed yet if this fails
    report = PublishReport(store)
    for i, g in enumerate(order):
        triples = graphs[g]
        try:
            _put(client, g, ntriples(triples).encode("utf-8"))
        except StoreError as exc:
            raise _failed_push(client, exc, order, i, saved) from None
        report.graphs.append(GraphResult(g, len(set(triples))))
    if verify:
        report.graphs = [check_graph(client, r.graph, graphs[r.graph]) for r in report.graphs]
        report.verified = True
    if progress is not None:
        for r in report.graphs:
            progress(r)
    return report


def check_graph(client: _Client, g: URIRef, triples: list[Triple]) -> GraphResult:
    status, body = client.request("GET", graph_url(client.store, g), None, {"Accept": "application/n-triples"})
    remote = Graph()
    try:
        remote.parse(data=body.decode("utf-8"), format="nt")
    except Exception as exc:  # noqa: BLE001 - any parse failure means the store answered something else
        raise StoreError(f"GET {g}: antwoord is geen N-Triples ({' '.join(str(exc).split())[:150]})",
                         en=f"GET {g}: answer is not N-Triples ({' '.join(str(exc).split())[:150]})") from None
    ours = {_canonical(t) for t in triples}
    theirs = {_canonical(t) for t in remote}
    return GraphResult(g, len(set(triples)), len(remote), ours == theirs)


def verify(kg: KnowledgeGraph, store: str, user: str | None = None, password: str | None = None,
           timeout: float = 120.0, merge_default: bool = False) -> PublishReport:
    """Only compare: does the store hold exactly our named graphs' triples?"""
    client = _Client(store, user, password, timeout)
    graphs = _graphs(kg, merge_default)
    report = PublishReport(store, [check_graph(client, g, ts) for g, ts in graphs.items()], verified=True)
    return report
