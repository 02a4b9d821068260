"""Publishing commands: site, serve, publish, export.

Registered on the main group in cli/main.py. Like network_cmds, this module imports
cli.main only inside the commands (main imports this one), for the shared graph loader.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kg.atomic import write_atomic
from kg.errors import EXIT_NOT_CONFORM, KgError
from kg.graph import KnowledgeGraph
from kg.publish.rdfio import FORMATS as EXPORT_FORMATS
from kg.publish.rdfio import serialize_dataset
from kg.publish.site import DEFAULT_ENDPOINT, MARKER, sparql_route, write_site
from kg.publish.store import DEFAULT_GRAPH, PASSWORD_ENV
from kg.publish.store import publish as push_graphs
from kg.publish.store import verify as verify_store

from .formatting import render_records
from .language import headers, lang_option, t


def _graph(ctx: click.Context, lang: str) -> KnowledgeGraph:
    """The graph whose terms are written out, exactly as the Turtle files state them.

    These commands write the data itself (files, pages, a store), so they read the files
    with rdflib, the reference, whatever --backend says: pyoxigraph keeps numbers in
    canonical form ("10.0"^^xsd:decimal comes back as "10"), a different RDF term, and an
    export through it would not read back isomorphic to the files. With --endpoint the
    remote store is the source, and its terms are written as it gives them."""
    from kg.graph import load

    from .main import graph  # the shared loader (--data, --backend, --endpoint)

    root = ctx.find_root().params
    if root.get("endpoint"):
        return graph(ctx, lang)
    return load(root.get("data"), lang=lang, backend="rdflib")


_lang_option = lang_option


# -- site -----------------------------------------------------------------------------------

@click.command("site")
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--sparql-endpoint", "endpoint", default=DEFAULT_ENDPOINT, show_default=True, metavar="URL",
              help="Publiek adres van het SPARQL-endpoint in de VoID/DCAT-beschrijving (geen intern adres).")
@click.option("--sparql-proxy", "proxy", default=None, metavar="URL",
              help="Waar de webserver /sparql naartoe stuurt (armoede-kg serve, bijv. "
                   "http://127.0.0.1:8000/sparql); komt alleen in de Apache- en nginx-configuratie.")
@click.option("--force", is_flag=True, help="Vervang ook een niet-lege map die geen armoede-kg-site is.")
@_lang_option
@click.pass_context
def site(ctx: click.Context, out: Path, endpoint: str, proxy: str | None, force: bool, lang: str) -> None:
    """Schrijf de statische linked-data-publicatie naar map OUT (atomair, deterministisch).

    Per resource een HTML-pagina, Turtle, JSON-LD en N-Triples; indexen per klasse en per
    brondocument; ontologiedocumentatie; VoID/DCAT; JSON-LD-context; .htaccess en
    nginx-configuratie voor content negotiation."""
    sparql_route(endpoint, proxy)  # a bad address is refused before the graph is loaded
    kg = _graph(ctx, lang)
    report = write_site(kg, out, endpoint=endpoint, force=force, sparql_proxy=proxy)
    click.echo(t(f"site geschreven: {report.out} ({report.resources} resources, {report.files} bestanden, "
                 f"{report.bytes / 1e6:.1f} MB)",
                 f"site written: {report.out} ({report.resources} resources, {report.files} files, "
                 f"{report.bytes / 1e6:.1f} MB)"))


# -- serve ----------------------------------------------------------------------------------

SERVE_ENV_PREFIX = "ARMOEDE_KG_SERVE_"


def _limit(name: str, default: float, kind: click.ParamType[Any], help: str) -> Callable[[Any], Any]:
    """A limit of `serve`, also settable from the environment: --max-rows is
    ARMOEDE_KG_SERVE_MAX_ROWS (for a service manager or a container)."""
    env = SERVE_ENV_PREFIX + name.lstrip("-").replace("-", "_").upper()
    option: Callable[[Any], Any] = click.option(name, default=default, show_default=True, type=kind, envvar=env,
                                                show_envvar=True, help=help)
    return option


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Adres om op te luisteren.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--base-iri", default=None, metavar="URL",
              help="Waar de server bereikbaar is (standaard http://HOST:PORT/); <base-iri>id/… "
                   "staat voor https://w3id.org/armoede-kg/id/….")
@click.option("--site", "site_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help="Serveer een met `armoede-kg site` geschreven map (standaard: bij de start bouwen).")
@click.option("--see-other", is_flag=True,
              help="Beantwoord resource-IRI's met 303 See Other (W3C Cool URIs) in plaats van 200 "
                   "met Content-Location.")
# 30 s: the slowest named query (onenigheden) takes ~10 s alone in rdflib on 2 cores, more under load
@_limit("--timeout", 30.0, click.FloatRange(min=0.1), "Maximale duur van één SPARQL-query in seconden.")
@_limit("--max-rows", 10_000, click.IntRange(min=1), "Maximaal aantal resultaatrijen (of triples) per query.")
@_limit("--workers", 2, click.IntRange(1, 32), "Aantal query-processen (elk met een eigen kopie van de graaf).")
@_limit("--spare-workers", 1, click.IntRange(0, 32),
        "Geladen reserveprocessen die meteen de plaats innemen van een proces dat gestopt wordt "
        "(tijdslimiet, of de client is weg).")
@_limit("--memory-mb", 3072, click.IntRange(min=0), "Geheugenlimiet per query-proces (0 = geen).")
@_limit("--max-queued", 32, click.IntRange(min=1),
        "Maximaal aantal queries dat tegelijk loopt of op een proces wacht; daarboven 503.")
@_limit("--max-query-bytes", 64 * 1024, click.IntRange(min=1),
        "Maximale grootte van een POST-body (de query) in bytes; daarboven 413, ongelezen.")
@_limit("--client-timeout", 10.0, click.FloatRange(min=0.1),
        "Seconden die een client krijgt om één verzoek (headers en body) te versturen; daarna "
        "wordt de verbinding gesloten (trage clients, slowloris).")
@_limit("--keep-alive", 5, click.IntRange(min=1), "Seconden dat een inactieve keep-alive-verbinding open blijft.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]),
              default="warning", show_default=True)
@_lang_option
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, base_iri: str | None, site_dir: Path | None,
          see_other: bool, timeout: float, max_rows: int, workers: int, spare_workers: int, memory_mb: int,
          max_queued: int,
          max_query_bytes: int, client_timeout: float, keep_alive: int, log_level: str, lang: str) -> None:
    """Serveer de site met content negotiation en een alleen-lezen SPARQL-endpoint op /sparql."""
    try:
        from kg.server import ServerConfig
        from kg.server import serve as run_server
    except ImportError as exc:
        raise KgError(f"serve heeft starlette en uvicorn nodig ({exc.name} ontbreekt): "
                      "pip install 'armoede-kg[publiceren]'",
                      en=f"serve needs starlette and uvicorn ({exc.name} is missing): "
                         "pip install 'armoede-kg[publiceren]'") from None
    from kg.publish.querypool import QueryPool

    from .main import resolve_backend

    root = ctx.find_root().params
    if root.get("endpoint"):
        raise KgError("serve werkt op de lokale bestanden; --endpoint hoort bij query, sparql en show",
                      en="serve works on the local files; --endpoint belongs to query, sparql and show")
    kg = _graph(ctx, lang)
    if site_dir is None:
        tmp = Path(tempfile.mkdtemp(prefix="armoede-kg-site-"))
        atexit.register(shutil.rmtree, tmp, True)
        click.echo(t("site bouwen …", "building the site …"), err=True)
        site_dir = write_site(kg, tmp / "site").out
    elif not (site_dir / MARKER).exists():
        raise KgError(f"{site_dir}: geen armoede-kg-site (maak er een met `armoede-kg site {site_dir}`)",
                      en=f"{site_dir}: not an armoede-kg site (make one with `armoede-kg site {site_dir}`)")
    shown_host = f"[{host}]" if ":" in host else host
    base = base_iri or f"http://{shown_host}:{port}/"
    if not base.startswith(("http://", "https://")):
        raise KgError(f"--base-iri '{base}' is geen http(s)-adres",
                      en=f"--base-iri '{base}' is not an http(s) address")
    config = ServerConfig(site=site_dir, base_iri=base if base.endswith("/") else base + "/", see_other=see_other,
                          max_query_bytes=max_query_bytes, client_timeout=client_timeout, max_queued=max_queued)
    # queries are evaluated by the fast engine unless --backend rdflib says otherwise (docs/publish.md
    # lists where rdflib departs from the W3C semantics); undeclared prefixes resolve as rdflib does
    engine = resolve_backend(root.get("backend"))
    prefixes = {p: str(ns) for p, ns in kg.backend.dataset().namespaces()}
    pool = QueryPool(root.get("data"), workers=workers, timeout=timeout, max_rows=max_rows, memory_mb=memory_mb,
                     backend=engine, prefixes=prefixes, spares=spare_workers)
    click.echo(t(f"query-processen starten ({workers} + {spare_workers} reserve, {engine}) …",
                 f"starting query processes ({workers} + {spare_workers} spare, {engine}) …"), err=True)
    pool.start()
    try:
        click.echo(t(f"armoede-kg serveert {config.base_iri} (SPARQL: {config.base_iri}sparql) — stoppen met Ctrl-C",
                     f"armoede-kg serves {config.base_iri} (SPARQL: {config.base_iri}sparql) — stop with Ctrl-C"),
                   err=True)
        run_server(config, pool, kg, host, port, log_level, keep_alive)
    finally:
        pool.close()


# -- publish --------------------------------------------------------------------------------

@click.command("publish")
@click.option("--store", required=True, metavar="URL",
              help="Graph Store Protocol-endpoint, bijv. http://127.0.0.1:7878/store (Oxigraph), "
                   "http://localhost:3030/ds/data (Fuseki).")
@click.option("--user", default=None, help=f"Gebruikersnaam; het wachtwoord komt uit ${PASSWORD_ENV}.")
@click.option("--no-verify", is_flag=True, help="Niet teruglezen en vergelijken na het plaatsen.")
@click.option("--verify-only", is_flag=True, help="Niets plaatsen, alleen vergelijken.")
@click.option("--merge-default", is_flag=True,
              help="Zet ook de vereniging van alle grafen in de standaardgraaf van de store (voor stores "
                   "waarvan de standaardgraaf een eigen graaf is, zoals Oxigraph zonder --union-default-graph).")
@click.option("--timeout", default=120.0, show_default=True, type=click.FloatRange(min=1),
              help="Wachttijd per HTTP-verzoek in seconden.")
@click.pass_context
def publish(ctx: click.Context, store: str, user: str | None, no_verify: bool, verify_only: bool,
            merge_default: bool, timeout: float) -> None:
    """Plaats elke benoemde graaf in een triple store (PUT per graaf, vervangend) en controleer
    daarna de aantallen triples (exit 0 gelijk, 1 verschil, 2 fout)."""
    import os

    if no_verify and verify_only:
        raise click.UsageError(t("--no-verify en --verify-only sluiten elkaar uit",
                                 "--no-verify and --verify-only exclude each other"))
    password = os.environ.get(PASSWORD_ENV)
    kg = _graph(ctx, "nl")
    if verify_only:
        report = verify_store(kg, store, user, password, timeout, merge_default=merge_default)
    else:
        report = push_graphs(kg, store, user, password, timeout, verify=not no_verify,
                             merge_default=merge_default)
    rows = []
    for g in report.graphs:
        stored = "" if g.stored is None else str(g.stored)
        same = "" if g.same is None else (t("ja", "yes") if g.ok else t("NEE", "NO"))
        rows.append([_short(str(g.graph)), str(g.sent), stored, same])
    click.echo(render_records(headers(["graaf", "triples", "in store", "gelijk"],
                                      ["graph", "triples", "in store", "equal"]), rows, "table"))
    named = [g for g in report.graphs if g.graph != DEFAULT_GRAPH]
    what = t(f"{len(named)} grafen", f"{len(named)} graphs") + f" ({sum(g.sent for g in named)} triples)" + (
        t(" en de standaardgraaf", " and the default graph") if len(named) < len(report.graphs) else "")
    if not report.verified:
        click.echo(t(f"{what} geplaatst in {store}; niet gecontroleerd", f"{what} put in {store}; not verified"))
    elif report.ok:
        verb = t("gecontroleerd", "verified") if verify_only else t("geplaatst en gecontroleerd", "put and verified")
        click.echo(f"{what} {verb}: {store}")
    else:
        bad = [_short(str(g.graph)) for g in report.graphs if not g.ok]
        click.echo(t(f"verschil in {len(bad)} graaf/grafen: {', '.join(bad)}",
                     f"difference in {len(bad)} graph(s): {', '.join(bad)}"), err=True)
        ctx.exit(EXIT_NOT_CONFORM)


def _short(iri: str) -> str:
    if iri == str(DEFAULT_GRAPH):
        return "(standaardgraaf)"
    base = "https://w3id.org/armoede-kg/graaf/"
    return iri[len(base):] if iri.startswith(base) else iri


# -- export ---------------------------------------------------------------------------------

@click.command("export")
@click.option("--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)), default="ttl", show_default=True,
              help="ttl, nt en xml: de vereniging van alle grafen; nq, trig en jsonld: met benoemde grafen.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Schrijf naar dit bestand (atomair) in plaats van naar stdout.")
@click.option("--force", is_flag=True, help="Overschrijf een bestaand bestand.")
@click.pass_context
def export(ctx: click.Context, fmt: str, out: Path | None, force: bool) -> None:
    """Exporteer de hele graaf als RDF (deterministisch: zelfde graaf, zelfde bytes)."""
    kg = _graph(ctx, "nl")
    text = serialize_dataset(kg.backend.dataset(), fmt)
    if out is None:
        click.echo(text, nl=False)
    else:
        write_atomic(out, text, force=force)
        click.echo(f"{t('geschreven', 'written')}: {out}", err=True)


COMMANDS = (site, serve, publish, export)
