"""`armoede-kg serve`: the static site with content negotiation and a read-only SPARQL 1.1
Protocol endpoint, as an ASGI app (Starlette) run by uvicorn.

Routes, relative to the path of --base-iri (default http://127.0.0.1:8000/):

    /sparql              GET/POST (form or application/sparql-query); results as SPARQL
                         JSON, XML, CSV, TSV (or Turtle/N-Triples/JSON-LD for CONSTRUCT)
                         by Accept header or ?format=; a browser gets the query page
    /id/…, /graaf/…      a resource: 200 with the representation the Accept header asks
                         for and Content-Location (default), or 303 See Other to it
                         (--see-other, the W3C "Cool URIs" slash recipe)
    /ontologie, /void    documents: always answered directly, negotiated
    /<file>.<ext>        the site's files as they are
    /.well-known/void    303 to /void.ttl

Each request path maps to an IRI under https://w3id.org/armoede-kg/ by swapping the
base: with --base-iri http://127.0.0.1:8000/ the path /id/interventie/krachtwerk is
https://w3id.org/armoede-kg/id/interventie/krachtwerk.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from pyparsing import ParseException
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from .errors import KgError, QueryError, QueryTimeoutError
from .graph import KnowledgeGraph
from .publish import html as pages
from .publish.conneg import DOCUMENTS, EXT_TYPES, RESOURCE_TYPES, THING_PREFIXES, negotiate, representation
from .publish.model import SiteModel
from .publish.querypool import EndpointBusyError, QueryOutcome, QueryPool, ResultTooLargeError
from .publish.site import query_examples
from .publish.sparql_results import CHARSET, FORMAT_PARAM, offers, render
from .publish.void import dataset_info

MAX_QUERY_BYTES = 64 * 1024


@dataclass(frozen=True)
class ServerConfig:
    """Where the site is and how the endpoint behaves."""

    site: Path
    base_iri: str = "http://127.0.0.1:8000/"
    see_other: bool = False

    @property
    def base_path(self) -> str:
        """'/' or '/armoede-kg/': the path of base_iri, with a trailing slash."""
        path = urllib.parse.urlsplit(self.base_iri).path or "/"
        return path if path.endswith("/") else path + "/"


def _plain(status: int, message: str, headers: dict[str, str] | None = None) -> PlainTextResponse:
    return PlainTextResponse(message.rstrip("\n") + "\n", status_code=status, headers=headers)


def _is_update(text: str) -> bool:
    try:
        parseQuery(text)
        return False
    except ParseException:
        pass
    except Exception:  # noqa: BLE001 - a broken query is not an update
        return False
    try:
        parseUpdate(text)
    except Exception:  # noqa: BLE001
        return False
    return True


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

    def ctx(rel: str) -> pages.PageContext:
        return pages.PageContext(model, rel, frame_info)

    def query_page(query: str = "", result_html: str = "", error: str = "", status: int = 200) -> HTMLResponse:
        page = pages.query_page(ctx("sparql"), examples, query, result_html, error, endpoint="sparql")
        return HTMLResponse(page, status_code=status, headers={"Vary": "Accept"})

    async def sparql(request: Request) -> Response:
        accept = request.headers.get("accept")
        params = dict(request.query_params)
        if request.method == "POST":
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            body = await request.body()
            if len(body) > MAX_QUERY_BYTES:
                return _plain(413, f"query te lang (meer dan {MAX_QUERY_BYTES} bytes)")
            if ctype == "application/x-www-form-urlencoded":
                form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
                params.update({k: v[0] for k, v in form.items() if v})
            elif ctype == "application/sparql-query":
                params["query"] = body.decode("utf-8", "replace")
            elif ctype == "application/sparql-update":
                return _plain(403, "SPARQL UPDATE is niet toegestaan: dit endpoint is alleen-lezen")
            else:
                return _plain(415, "stuur de query als application/x-www-form-urlencoded (query=…) "
                                   "of als application/sparql-query")
        if "update" in params:
            return _plain(403, "SPARQL UPDATE is niet toegestaan: dit endpoint is alleen-lezen")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return _plain(400, "default-graph-uri en named-graph-uri worden niet ondersteund; "
                               "gebruik FROM / GRAPH in de query (de standaardgraaf is de vereniging van alle grafen)")
        text = params.get("query")
        wants_html = negotiate(accept, ["application/sparql-results+json", "text/html"]) == "text/html" \
            and params.get("format") in (None, "html")
        if text is None or not text.strip():
            if wants_html or request.method == "GET" and accept is not None and "text/html" in accept:
                ex = by_name.get(params.get("voorbeeld", ""))
                return query_page(ex.text if ex else (examples[0].text if examples else ""))
            return _plain(400, "geen query: geef de parameter 'query'")
        if _is_update(text):
            msg = "SPARQL UPDATE is niet toegestaan: dit endpoint is alleen-lezen"
            return query_page(text, error=msg, status=403) if wants_html else _plain(403, msg)
        try:
            outcome: QueryOutcome = await run_in_threadpool(pool.run, text)
        except QueryTimeoutError as exc:
            return query_page(text, error=str(exc), status=503) if wants_html else _plain(503, str(exc))
        except ResultTooLargeError as exc:
            return query_page(text, error=str(exc), status=400) if wants_html else _plain(400, str(exc))
        except EndpointBusyError as exc:
            return _plain(503, str(exc), {"Retry-After": "5"})
        except QueryError as exc:
            return query_page(text, error=str(exc), status=400) if wants_html else _plain(400, str(exc))
        choices = offers(outcome.form)
        fmt = params.get("format")
        if fmt:
            chosen = FORMAT_PARAM.get(fmt)
            if chosen not in choices:
                return _plain(400, f"formaat '{fmt}' past niet bij een {outcome.form.upper()}-query "
                                   f"(kies uit {', '.join(k for k, v in FORMAT_PARAM.items() if v in choices)})")
        else:
            chosen = negotiate(accept, choices)
        if chosen is None:
            return _plain(406, "geen van de gevraagde formaten is beschikbaar; mogelijk: " + ", ".join(choices))
        if chosen == "text/html":
            return query_page(text, result_html=_result_html(ctx("sparql"), outcome))
        media = chosen + ("; charset=utf-8" if chosen in CHARSET else "")
        return Response(render(outcome, chosen), media_type=media, headers={"Vary": "Accept"})

    def _file(rel: str) -> Path | None:
        if not rel or any(part in ("", ".", "..") or part.startswith(".") for part in rel.split("/")):
            return None
        path = (site / rel).resolve()
        if site not in path.parents or not path.is_file():
            return None
        return path

    def not_found(rel: str) -> HTMLResponse:
        return HTMLResponse(pages.not_found_page(ctx("404"), "/" + rel), status_code=404)

    async def resource(request: Request) -> Response:
        full = request.url.path
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

    routes = [Route(base + "sparql", sparql, methods=["GET", "POST"]),
              Route("/{path:path}", resource, methods=["GET", "HEAD"])]
    middleware = [Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "HEAD"],
                             allow_headers=["*"], expose_headers=["Content-Location", "Vary"])]
    return Starlette(routes=routes, middleware=middleware)


def _result_html(ctx: pages.PageContext, outcome: QueryOutcome) -> str:
    if outcome.form == "ask":
        answer = ("ja" if outcome.boolean else "nee") if ctx.lang == "nl" else str(bool(outcome.boolean)).lower()
        return f'<p id="rowcount">ASK: <strong>{answer}</strong></p>'
    if outcome.form in ("construct", "describe"):
        return pages.results_table(ctx, ["subject", "predicate", "object"], [list(t) for t in outcome.triples])
    return pages.results_table(ctx, list(outcome.columns), outcome.rows)


def serve(config: ServerConfig, pool: QueryPool, kg: KnowledgeGraph, host: str, port: int,
          log_level: str = "warning") -> None:
    """Run the app under uvicorn until interrupted."""
    import uvicorn

    app = create_app(config, pool, kg)
    try:
        uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=log_level in ("info", "debug"))
    except SystemExit as exc:  # uvicorn exits when it cannot bind the port
        raise KgError(f"server kon niet starten op {host}:{port} (poort bezet?)") from exc
