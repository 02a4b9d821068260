"""`armoede-kg serve`: the static site with content negotiation and a read-only SPARQL 1.1
Protocol endpoint, as an ASGI app (Starlette) run by uvicorn.

Routes, relative to the path of --base-iri (default http://127.0.0.1:8000/):

    /sparql              GET/POST (form or application/sparql-query), the SPARQL 1.1 Protocol:
                         results as SPARQL JSON, XML, CSV, TSV (Turtle, N-Triples, JSON-LD,
                         RDF/XML for CONSTRUCT/DESCRIBE) by Accept header or ?format=/?output=;
                         default-graph-uri/named-graph-uri choose the dataset; without a
                         query a browser gets the query page, any other client the Service
                         Description (Turtle, JSON-LD, N-Triples, RDF/XML)
    /id/…, /graaf/…      a resource: 200 with the representation the Accept header asks
                         for and Content-Location (default), or 303 See Other to it
                         (--see-other, the W3C "Cool URIs" slash recipe)
    /ontologie, /void    documents: always answered directly, negotiated
    /<file>.<ext>        the site's files as they are
    /.well-known/void    303 to /void.ttl
    /advies              GET: the advice of `armoede-kg advies` for query-string filters
                         (kg.advies.web), JSON or HTML; read-only, under the query limits

Each request path maps to an IRI under https://w3id.org/armoede-kg/ by swapping the
base: with --base-iri http://127.0.0.1:8000/ the path /id/interventie/krachtwerk is
https://w3id.org/armoede-kg/id/interventie/krachtwerk.

Limits (docs/security.md): a query body over max_query_bytes is refused unread (413); a
client gets client_timeout seconds to send a request (slowloris: the connection is closed;
a stalled body: 408); at most max_queued queries run or wait for a worker (then 503), and
the pool shares the workers fairly between clients (kg.publish.querypool); a query whose
client disconnects is cancelled at once; the query text is parsed only in the workers, under
their time limit, never on the event loop; a file is served only if its real path lies inside
the site folder.
"""

from __future__ import annotations

import asyncio
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from .errors import KgError, QueryError, QueryTimeoutError, UpdateNotAllowedError
from .graph import KnowledgeGraph
from .publish import html as pages
from .publish.conneg import DOCUMENTS, EXT_TYPES, RESOURCE_TYPES, THING_PREFIXES, negotiate, representation
from .publish.model import SiteModel
from .publish.protocol import ProtocolError, form_pairs, parse_request
from .publish.querypool import (
    Dataset,
    EndpointBusyError,
    QueryCancelledError,
    QueryOutcome,
    QueryPool,
    ResultTooLargeError,
)
from .publish.service_description import service_description
from .publish.site import query_examples
from .publish.sparql_results import (
    CHARSET,
    GRAPH_TYPES,
    HTML,
    by_format_values,
    format_names,
    negotiate_result,
    offers,
    render,
)
from .publish.void import dataset_info
from .publish.webconf import CONFIG_FILES

MAX_QUERY_BYTES = 64 * 1024
# h11's limit on a request line plus headers (its default, stated here so that the documentation
# and the server agree): a head still incomplete past it is refused with 400, so memory per
# connection stays bounded (a head that arrives whole in one read may be a little longer).
# Long queries go by POST.
MAX_HEAD_BYTES = 16 * 1024
READ_ONLY = "SPARQL UPDATE is niet toegestaan: dit endpoint is alleen-lezen"


@dataclass(frozen=True)
class ServerConfig:
    """Where the site is and how the endpoint behaves."""

    site: Path
    base_iri: str = "http://127.0.0.1:8000/"
    see_other: bool = False
    max_query_bytes: int = MAX_QUERY_BYTES  # a POST body beyond this is refused (413) unread
    client_timeout: float = 10.0  # seconds a client may take to send one request, head and body
    max_queued: int = 32  # queries running or waiting for a worker; one more is refused (503)

    @property
    def base_path(self) -> str:
        """'/' or '/armoede-kg/': the path of base_iri, with a trailing slash."""
        path = urllib.parse.urlsplit(self.base_iri).path or "/"
        return path if path.endswith("/") else path + "/"


def _shown(value: str, limit: int = 40) -> str:
    """A user's value inside a one-line message: control characters escaped, cut short."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in value)
    return text if len(text) <= limit else text[:limit] + "…"


def _plain(status: int, message: str, headers: dict[str, str] | None = None) -> PlainTextResponse:
    return PlainTextResponse(message.rstrip("\n") + "\n", status_code=status, headers=headers)


class _Refused(Exception):
    """A request turned away before its query runs: status and one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


async def _read_body(request: Request, limit: int, seconds: float) -> bytes:
    """The request body, at most `limit` bytes, within `seconds`. Never reads more than
    limit + one chunk: a large body is refused by its Content-Length before any of it is read,
    or as soon as the stream passes the limit (chunked uploads)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.strip().isdigit() and int(declared) > limit:
        raise _Refused(413, f"query te lang (meer dan {limit} bytes)")
    data = bytearray()

    async def pull() -> None:
        async for chunk in request.stream():
            data.extend(chunk)
            if len(data) > limit:
                raise _Refused(413, f"query te lang (meer dan {limit} bytes)")

    try:
        await asyncio.wait_for(pull(), seconds)
    except asyncio.TimeoutError:
        raise _Refused(408, f"de query kwam niet binnen {seconds:g} s binnen") from None
    except ClientDisconnect:
        raise _Refused(400, "de verbinding werd verbroken tijdens het versturen") from None
    return bytes(data)


def create_app(config: ServerConfig, pool: QueryPool, kg: KnowledgeGraph) -> Starlette:
    """The ASGI application; pool answers the queries, kg gives labels and examples."""
    site = config.site.resolve()
    model = SiteModel(kg.backend.dataset(), kg.lang)
    info = dataset_info(model)
    frame_info = pages.SiteInfo(info.title.get(kg.lang) or "armoede-kg", info.version, info.version_date,
                                info.licence, kg.lang)
    examples = query_examples(kg)
    by_name = {x.name: x for x in examples}
    base = config.base_path
    # Queries wait for a worker in threads of their own: the shared thread pool also serves
    # the site's files, and must not be taken by queries queueing for the workers.
    queries = anyio.CapacityLimiter(config.max_queued)

    def ctx(rel: str) -> pages.PageContext:
        return pages.PageContext(model, rel, frame_info)

    def query_page(query: str = "", result_html: str = "", error: str = "", status: int = 200) -> HTMLResponse:
        page = pages.query_page(ctx("sparql"), examples, query, result_html, error, endpoint="sparql")
        return HTMLResponse(page, status_code=status, headers={"Vary": "Accept"})

    def say(nl: str, en: str) -> str:
        return en if kg.lang == "en" else nl

    sd_triples = service_description(config.base_iri + "sparql", _default_graph_size(kg), model.graph_sizes,
                                     info.title)

    def described(accept: str | None, formats: list[str]) -> Response | None:
        """The service description in the format asked for; None if no RDF format is acceptable."""
        media = by_format_values("describe", formats) if formats else negotiate_result("describe", accept)
        if media is None or media == HTML:
            return None
        body = render(QueryOutcome("describe", triples=sd_triples), media)
        return Response(body, media_type=media + ("; charset=utf-8" if media in CHARSET else ""),
                        headers={"Vary": "Accept"})

    async def answer(request: Request, text: str, dataset: Dataset | None) -> QueryOutcome:
        """Run the query in a worker; if the client disconnects first, the query is cancelled
        (dropped from the queue, or its worker killed and a spare put in its place)."""
        ticket = pool.ticket(request.client.host if request.client else "")
        job = asyncio.ensure_future(anyio.to_thread.run_sync(pool.run, text, ticket, dataset, limiter=queries))
        gone = asyncio.ensure_future(_disconnected(request))
        try:
            await asyncio.wait({job, gone}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            if not job.done():
                pool.cancel(ticket)
            gone.cancel()
        return await job

    async def sparql(request: Request) -> Response:
        accept = request.headers.get("accept")
        url_params = request.query_params.multi_items()
        try:
            if request.method == "POST":
                ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
                try:
                    body = await _read_body(request, config.max_query_bytes, config.client_timeout)
                except _Refused as exc:
                    # the rest of the body is not read: close the connection instead of draining it
                    return _plain(exc.status, str(exc), {"Connection": "close"})
                if ctype == "application/x-www-form-urlencoded":
                    req = parse_request(url_params, form=form_pairs(body))
                elif ctype == "application/sparql-query":
                    req = parse_request(url_params, body_query=body.decode("utf-8", "replace"))
                elif ctype == "application/sparql-update":
                    return _plain(403, READ_ONLY)
                else:
                    return _plain(415, "stuur de query als application/x-www-form-urlencoded (query=…) "
                                       "of als application/sparql-query")
            else:
                req = parse_request(url_params)
        except ProtocolError as exc:
            return _plain(exc.status, exc.message(kg.lang))
        text = req.query
        if text is None or not text.strip():
            page_wanted = "html" in req.formats or not req.formats and \
                negotiate(accept, [*GRAPH_TYPES, HTML]) == HTML
            if request.method == "GET" and page_wanted:
                ex = by_name.get(req.example)
                return query_page(ex.text if ex else (examples[0].text if examples else ""))
            sd_doc = described(accept, req.formats) if request.method == "GET" else None
            if sd_doc is not None:
                return sd_doc
            return _plain(400, say("geen query: geef de parameter 'query' (zonder query geeft GET een "
                                   "servicebeschrijving in RDF, bijv. Accept: text/turtle)",
                                   "no query: give the parameter 'query' (without a query, GET answers a "
                                   "service description in RDF, e.g. Accept: text/turtle)"))
        wants_html = "html" in req.formats[:1] or not req.formats and \
            negotiate(accept, ["application/sparql-results+json", "text/turtle", HTML]) == HTML
        if req.dataset is not None and pool.backend != "oxigraph":
            return _plain(400, say("default-graph-uri en named-graph-uri werken alleen met de oxigraph-backend; "
                                   "gebruik GRAPH in de query",
                                   "default-graph-uri and named-graph-uri need the oxigraph backend; "
                                   "use GRAPH in the query"))
        if queries.borrowed_tokens >= queries.total_tokens:
            return _plain(503, "het endpoint is bezet (te veel queries tegelijk); probeer het later opnieuw",
                          {"Retry-After": "5"})
        try:
            # parsing happens in the worker too, under the time limit: never on the event loop
            outcome = await answer(request, text, req.dataset)
        except QueryCancelledError:
            return _plain(503, say("de client is weg; de query is gestopt", "the client left; the query was stopped"))
        except UpdateNotAllowedError:
            return query_page(text, error=READ_ONLY, status=403) if wants_html else _plain(403, READ_ONLY)
        except QueryTimeoutError as exc:
            return query_page(text, error=str(exc), status=503) if wants_html else _plain(503, str(exc))
        except ResultTooLargeError as exc:
            return query_page(text, error=str(exc), status=400) if wants_html else _plain(400, str(exc))
        except EndpointBusyError as exc:
            return _plain(503, exc.message(kg.lang), {"Retry-After": "5"})
        except QueryError as exc:
            return query_page(text, error=str(exc), status=400) if wants_html else _plain(400, str(exc))
        if req.formats:
            chosen = by_format_values(outcome.form, req.formats)
            if chosen is None:
                shown = _shown(", ".join(req.formats))
                names = ", ".join(format_names(outcome.form))
                return _plain(400, say(f"formaat '{shown}' past niet bij een {outcome.form.upper()}-query "
                                       f"(kies uit {names})",
                                       f"format '{shown}' does not fit a {outcome.form.upper()} query "
                                       f"(choose from {names})"))
        else:
            chosen = negotiate_result(outcome.form, accept)
        if chosen is None:
            return _plain(406, "geen van de gevraagde formaten is beschikbaar; mogelijk: "
                          + ", ".join(offers(outcome.form)), {"Vary": "Accept"})
        # a 10 000-row result takes a while to write out: not on the event loop
        if chosen == HTML:
            table = await run_in_threadpool(_result_html, ctx("sparql"), outcome)
            return query_page(text, result_html=table)
        try:
            content = await run_in_threadpool(render, outcome, chosen)
        except KgError as exc:  # a graph RDF/XML cannot write (a property that is no XML name)
            return _plain(406, exc.message(kg.lang), {"Vary": "Accept"})
        media = chosen + ("; charset=utf-8" if chosen in CHARSET else "")
        return Response(content, media_type=media, headers={"Vary": "Accept"})

    def _file(rel: str) -> Path | None:
        # rel is the percent-decoded path: %2e%2e, %2f and %00 arrive here as '..', '/', NUL
        if not rel or "\x00" in rel or "\\" in rel:
            return None
        if any(part in ("", ".", "..") or part.startswith(".") for part in rel.split("/")):
            return None
        if rel in CONFIG_FILES:  # the web servers' configuration is not part of the site
            return None
        try:
            path = (site / rel).resolve()  # symlinks too: the real file must lie inside the site
            if site not in path.parents or not path.is_file():
                return None
        except (OSError, ValueError):  # a name too long for the file system, and the like
            return None
        return path

    def not_found(rel: str) -> HTMLResponse:
        return HTMLResponse(pages.not_found_page(ctx("404"), "/" + rel), status_code=404)

    async def resource(request: Request) -> Response:
        full: str = request.scope["path"]  # decoded; request.url.path would stop at a decoded '?'
        if not full.startswith(base) and full + "/" != base:
            return not_found(full.lstrip("/"))
        rel = full[len(base):] if full.startswith(base) else ""
        if rel in ("", "index.html"):
            path = _file("index.html")
            return FileResponse(path) if path else not_found(rel)
        if rel == ".well-known/void":
            return RedirectResponse(base + "void.ttl", status_code=303)
        if rel == "sparql.html":
            return RedirectResponse(base + "sparql", status_code=303)
        ext = "." + rel.rsplit(".", 1)[-1] if "." in rel.rsplit("/", 1)[-1] else ""
        if ext in EXT_TYPES:
            path = _file(rel)
            if path is None:
                return not_found(rel)
            return FileResponse(path, media_type=EXT_TYPES[ext])
        if _file(rel + ".html") is None:
            return not_found(rel)
        chosen = representation(request.headers.get("accept"))
        if chosen is None:
            offered = ", ".join(mt for mt, _ in RESOURCE_TYPES)
            return _plain(406, f"niet beschikbaar in het gevraagde formaat; wel: {offered}", {"Vary": "Accept"})
        media, file_ext = chosen
        target = rel + file_ext
        path = _file(target)
        if path is None:
            return not_found(target)
        vary = {"Vary": "Accept"}
        if config.see_other and rel.startswith(THING_PREFIXES) and rel not in DOCUMENTS:
            return RedirectResponse(base + target, status_code=303, headers=vary)
        return FileResponse(path, media_type=EXT_TYPES[file_ext],
                            headers={**vary, "Content-Location": base + target})

    async def advies(request: Request) -> Response:
        from .advies.web import advice_for, advice_json, advice_page

        params = list(request.query_params.multi_items())
        wants_json = request.query_params.get("format") == "json" or negotiate(
            request.headers.get("accept"), ["text/html", "application/json"]) == "application/json"
        if queries.borrowed_tokens >= queries.total_tokens:
            return _plain(503, "het endpoint is bezet; probeer het later opnieuw", {"Retry-After": "5"})
        try:
            advice = await anyio.to_thread.run_sync(advice_for, kg, params, limiter=queries)
        except KgError as exc:
            return _plain(400, exc.message(request.query_params.get("lang", "nl")))
        if wants_json:
            return Response(advice_json(advice), media_type="application/json", headers={"Vary": "Accept"})
        return HTMLResponse(advice_page(ctx("advies"), advice), headers={"Vary": "Accept"})

    routes = [Route(base + "sparql", sparql, methods=["GET", "POST"]),
              Route(base + "advies", advies, methods=["GET", "HEAD"]),
              Route("/{path:path}", resource, methods=["GET", "HEAD"])]
    middleware = [Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "HEAD"],
                             allow_headers=["*"], expose_headers=["Content-Location", "Vary"])]
    return Starlette(routes=routes, middleware=middleware)


async def _disconnected(request: Request) -> None:
    """Returns when the client has closed the connection (the body is read by then: what
    uvicorn passes on now is the disconnect)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


def _default_graph_size(kg: KnowledgeGraph) -> int:
    """Distinct triples in the default graph (the merge of the named graphs: a triple that two
    graphs state counts once)."""
    return len({t for g in kg.backend.dataset().graphs() for t in g})


def _result_html(ctx: pages.PageContext, outcome: QueryOutcome) -> str:
    if outcome.form == "ask":
        answer = ("ja" if outcome.boolean else "nee") if ctx.lang == "nl" else str(bool(outcome.boolean)).lower()
        return f'<p id="rowcount">ASK: <strong>{answer}</strong></p>'
    if outcome.form in ("construct", "describe"):
        return pages.results_table(ctx, ["subject", "predicate", "object"], [list(t) for t in outcome.triples])
    return pages.results_table(ctx, list(outcome.columns), outcome.rows)


def guarded_h11(client_timeout: float) -> type[asyncio.Protocol]:
    """uvicorn's h11 protocol with a deadline for receiving each request.

    uvicorn times out idle keep-alive connections only: a client that opens a connection
    and sends its headers one byte at a time (slowloris) keeps it forever, and so does one
    that keeps sending a body nobody reads. Here every request — head, and body unless the
    app is reading it (the app has its own deadline for that) — must have arrived within
    `client_timeout` seconds of the connection opening or of the previous response, or
    the connection is closed."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class SlowClientGuard(H11Protocol):
        _deadline: asyncio.TimerHandle | None = None

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._arm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None
            super().connection_lost(exc)

        def _arm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
            self._deadline = None if self.transport.is_closing() else \
                self.loop.call_later(client_timeout, self._expire)

        def _expire(self) -> None:
            self._deadline = None
            state = self.conn.their_state
            unanswered_body = state is h11.SEND_BODY and (self.cycle is None or self.cycle.response_complete)
            if (state is h11.IDLE or unanswered_body) and not self.transport.is_closing():
                self.transport.close()

    return SlowClientGuard


def serve(config: ServerConfig, pool: QueryPool, kg: KnowledgeGraph, host: str, port: int,
          log_level: str = "warning", keep_alive: int = 5) -> None:
    """Run the app under uvicorn until interrupted."""
    import uvicorn

    app = create_app(config, pool, kg)
    try:
        uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=log_level in ("info", "debug"),
                    http=guarded_h11(config.client_timeout), timeout_keep_alive=keep_alive,
                    h11_max_incomplete_event_size=MAX_HEAD_BYTES)
    except SystemExit as exc:  # uvicorn exits when it cannot bind the port
        raise KgError(f"server kon niet starten op {host}:{port} (poort bezet?)",
                      en=f"server could not start on {host}:{port} (port in use?)") from exc
