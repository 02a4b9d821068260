"""`armoede-kg site OUT/`: the whole static linked-data publication, written atomically.

Layout (paths mirror the IRIs under https://w3id.org/armoede-kg/):

    index.html, documenten.html, style.css, sparql.html    home, documents, query page
    id/<kind>/<slug>.{html,ttl,jsonld,nt}                    one resource
    graaf/<graph>.{html,ttl,jsonld,nt}                       one named graph (all its triples)
    ontologie.{html,ttl,jsonld,nt}, vormen.ttl, context.jsonld
    klasse/<prefix>-<Class>.html                             index per class
    void.{html,ttl,jsonld,nt}                                VoID + DCAT
    dump/armoede-kg.{trig,nq}                                the whole dataset
    ontologie/<version>.{html,ttl,jsonld,nt}                 the ontology at its version IRI
    .htaccess, nginx-armoede-kg-{http,server}.conf, nginx-armoede-kg.js
                                                             content negotiation (webconf.py)

The site is built in a temporary folder beside OUT and then swapped in (an atomic exchange
where the kernel offers renameat2, else two renames): a failure leaves the old site as it
was. The folder and everything in it get the modes the umask gives any new folder or file
(the temporary folder is created 0700), so a web server's user can read them. Output is
deterministic: sorted everywhere, no timestamps but the version date.
"""

from __future__ import annotations

import ctypes
import ipaddress
import os
import re
import shutil
import tempfile
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal
from rdflib.namespace import OWL
from rdflib.term import Node

from ..atomic import current_umask
from ..errors import KgError, KgValueError, OutputError
from ..graph import KnowledgeGraph
from ..query.named import bind
from ..store.loader import SHAPES_FILE, load_shapes
from ..terms import AK, BASE
from . import html as pages
from .context import context_document
from .model import KERN_GRAPH, SiteModel, rel_path
from .rdfio import jsonld, nquads, ntriples, quads_of, trig, turtle
from .searchindex import INDEX_FILE, SCRIPT_FILE, index_script, search_script
from .shapes_doc import class_constraints
from .void import DatasetInfo, Dump, dataset_info, distinct_triples, example_resources, id_entities, void_triples
from .webconf import (
    HTACCESS,
    NGINX_HTTP,
    NGINX_JS,
    NGINX_SERVER,
    SparqlRoute,
    htaccess,
    nginx_http,
    nginx_js,
    nginx_server,
)

MARKER = ".armoede-kg-site"
DEFAULT_ENDPOINT = BASE + "sparql"


@dataclass(frozen=True)
class SiteReport:
    """What was written."""

    out: Path
    files: int
    resources: int
    bytes: int


def query_examples(kg: KnowledgeGraph) -> list[pages.Example]:
    """The named queries as runnable SPARQL, each parameter bound to the example its help
    text gives ('bijv. Krachtwerk') where that resolves, else left as a variable."""
    out = []
    for name, q in sorted(kg.named_queries.items()):
        values: dict[str, Node] = {"taal": Literal(kg.lang)}
        for p in q.params:
            sample = _example_value(p.help.get("nl", ""))
            if sample is None:
                continue
            try:
                values[p.name] = kg._term_for(p.kind, sample)
            except KgError:
                continue
        # the header block (name, titles, parameters) becomes the example's title; the shown
        # query starts at its first line of SPARQL
        lines = q.text.splitlines()
        start = next((i for i, line in enumerate(lines) if not line.startswith("#")), 0)
        body = "\n".join(lines[start:]) + "\n"
        out.append(pages.Example(name, q.label(kg.lang), bind(body, values)))
    return out


def _example_value(help_text: str) -> str | None:
    for marker in ("bijv. ", "e.g. "):
        if marker in help_text:
            return help_text.split(marker, 1)[1].strip().rstrip(".") or None
    return None


class SiteWriteError(OutputError):
    """One file of the site could not be written (disk full, quota, file size limit)."""

    def __init__(self, rel: str, reason: str) -> None:
        super().__init__(f"{rel}: schrijven mislukt ({reason})")
        self.rel = rel
        self.reason = reason


class _Writer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = 0
        self.bytes = 0

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        data = text.encode("utf-8")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except OSError as exc:
            raise SiteWriteError(rel, exc.strerror or str(exc)) from None
        self.files += 1
        self.bytes += len(data)


_URL_PATH = re.compile(r"[A-Za-z0-9._~%/+-]*")


def web_url(value: str, option: str) -> urllib.parse.SplitResult:
    """An http(s) address that can stand in a server configuration as it is."""
    parts = urllib.parse.urlsplit(value)
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        parts = parts._replace(scheme="")
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment \
            or parts.username or not _URL_PATH.fullmatch(parts.path) or any(c in value for c in " \"'\\;{}$"):
        raise KgValueError(f"{option} '{value}' is geen bruikbaar http(s)-adres",
                           en=f"{option} '{value}' is not a usable http(s) address")
    return parts


def is_internal_host(host: str) -> bool:
    """localhost, loopback, private and link-local addresses: not reachable by the public."""
    if host.lower() == "localhost" or host.lower().endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_unspecified


def sparql_route(endpoint: str, proxy: str | None) -> SparqlRoute:
    """Check the public endpoint IRI (published in VoID) and the proxy target (where the web
    server forwards /sparql); internal addresses belong in the second, never in the first."""
    public = web_url(endpoint, "--sparql-endpoint")
    if is_internal_host(public.hostname or ""):
        raise KgValueError(
            f"--sparql-endpoint '{endpoint}' is een intern adres en zou zo in de VoID komen; geef het "
            "publieke adres (of laat de optie weg) en het interne adres met --sparql-proxy",
            en=f"--sparql-endpoint '{endpoint}' is an internal address and would be published in the VoID; "
               "give the public address (or leave the option out) and the internal one with --sparql-proxy")
    if proxy is not None:
        target = web_url(proxy, "--sparql-proxy")
        if target.path in ("", "/"):
            target = target._replace(path="/sparql")
        return SparqlRoute(proxy=target.geturl())
    return SparqlRoute(elsewhere=None if endpoint == DEFAULT_ENDPOINT else endpoint)


def build_site(kg: KnowledgeGraph, root: Path, endpoint: str = DEFAULT_ENDPOINT,
               sparql_proxy: str | None = None) -> SiteReport:
    """Write every file of the site into root (an empty folder). endpoint: the public SPARQL
    endpoint named in VoID; sparql_proxy: where the web server forwards /sparql."""
    route = sparql_route(endpoint, sparql_proxy)
    model = SiteModel(kg.backend.dataset(), kg.lang)
    info = dataset_info(model)
    site = pages.SiteInfo(title=info.title.get(kg.lang) or info.title.get("nl", "armoede-kg"),
                          version=info.version, version_date=info.version_date, licence=info.licence, lang=kg.lang)
    w = _Writer(root)
    graphs = quads_of(model.ds)

    def ctx(rel: str) -> pages.PageContext:
        return pages.PageContext(model, rel, site)

    w.write("style.css", pages.CSS)
    w.write(SCRIPT_FILE, search_script(kg.lang))
    w.write(INDEX_FILE, index_script(model))
    w.write(MARKER, "armoede-kg static site; `armoede-kg site` replaces this folder as a whole.\n")

    from ..advies.site import MATRIX_REL, checklist_card, matrix_page

    checklists = kg.judge.assess_all([i for i in model.published if AK.Intervention in model.types(i)])
    for iri in model.published:
        rel = rel_path(iri)
        if iri == model.ontology_iri:
            continue
        if iri in graphs:
            triples = graphs[iri]
            w.write(rel + ".html", pages.graph_page(ctx(rel), iri))
            w.write(rel + ".jsonld", jsonld(triples))
        else:
            triples = [(iri, f.predicate, f.value) for f in model.facts(iri)]
            card = [checklist_card(ctx(rel), checklists[iri])] if iri in checklists else []
            w.write(rel + ".html", pages.resource_page(ctx(rel), iri, card))
            w.write(rel + ".jsonld", jsonld(triples, subject=iri))
        w.write(rel + ".ttl", turtle(triples))
        w.write(rel + ".nt", ntriples(triples))
    # Graphs that hold no description of themselves still get their page and files.
    for g, triples in graphs.items():
        if g not in set(model.published) and str(g).startswith(BASE) and "#" not in str(g):
            rel = rel_path(g)
            w.write(rel + ".html", pages.graph_page(ctx(rel), g))
            w.write(rel + ".ttl", turtle(triples))
            w.write(rel + ".jsonld", jsonld(triples))
            w.write(rel + ".nt", ntriples(triples))

    for cls, members in model.instances.items():
        rel = pages.class_index_rel(cls)
        w.write(rel + ".html", pages.class_index_page(ctx(rel), cls, members))
    for cls in model.ontology_classes:  # classes without instances still get an (empty) index
        if cls not in model.instances:
            rel = pages.class_index_rel(cls)
            w.write(rel + ".html", pages.class_index_page(ctx(rel), cls, []))
    w.write("documenten.html", pages.documents_page(ctx("documenten")))
    integral = sorted(kg.advise().candidates, key=lambda c: (c.level, c.label.casefold()))  # as in Tabel 1
    rules = [(r.query.label(kg.lang), r.description(kg.lang)) for r in kg.judge.rules]
    w.write(MATRIX_REL + ".html", matrix_page(ctx(MATRIX_REL), [c.assessment for c in integral], rules))

    shapes = load_shapes(kg.ontology_dir)
    kern = graphs.get(KERN_GRAPH, [])
    constraints = class_constraints(model, shapes, kg.lang)
    # the ontology at its IRI, and the same document at its version IRI (ontologie/0.1.0)
    for rel in ("ontologie", *version_paths(model)):
        w.write(rel + ".html", pages.ontology_page(ctx(rel), constraints))
        w.write(rel + ".ttl", turtle(kern))
        w.write(rel + ".jsonld", jsonld(kern))
        w.write(rel + ".nt", ntriples(kern))
    w.write("vormen.ttl", (kg.ontology_dir / SHAPES_FILE).read_text(encoding="utf-8"))
    w.write("context.jsonld", context_document(model))

    dumps = []
    for ext, media, eu, text in (("trig", "application/trig", "RDF_TRIG", trig(graphs)),
                                 ("nq", "application/n-quads", "RDF_N_QUADS", nquads(graphs))):
        rel = f"dump/armoede-kg.{ext}"
        w.write(rel, text)
        dumps.append(Dump(rel, media, eu, len(text.encode("utf-8"))))
    described = void_triples(model, info, endpoint, dumps)
    w.write("void.ttl", turtle(described))
    w.write("void.jsonld", jsonld(described))
    w.write("void.nt", ntriples(described))
    w.write("void.html", pages.void_page(ctx("void"), _void_rows(ctx("void"), model, info, endpoint),
                                         list(model.graph_sizes.items())))

    examples = query_examples(kg)
    w.write("sparql.html", pages.query_page(ctx("sparql"), examples, examples[0].text if examples else "",
                                            endpoint="sparql"))
    w.write("index.html", pages.home_page(ctx("index"), info.description.get(kg.lang, ""),
                                          example_resources(model)))
    w.write(HTACCESS, htaccess(route))
    w.write(NGINX_HTTP, nginx_http())
    w.write(NGINX_SERVER, nginx_server(route))
    w.write(NGINX_JS, nginx_js())
    return SiteReport(root, w.files, len(model.published), w.bytes)


def version_paths(model: SiteModel) -> list[str]:
    """Site paths of the ontology's version IRIs under …/ontologie/ ('ontologie/0.1.0')."""
    prefix = BASE + "ontologie/"
    return sorted(str(v)[len(BASE):] for v in model.values(model.ontology_iri, OWL.versionIRI)
                  if str(v).startswith(prefix) and re.fullmatch(r"[A-Za-z0-9._-]+", str(v)[len(prefix):]))


def _void_rows(ctx: pages.PageContext, model: SiteModel, info: DatasetInfo,
               endpoint: str) -> list[tuple[str, str]]:
    e = pages.e
    nl = ctx.lang == "nl"
    rows = [("titel" if nl else "title", e(info.title.get(ctx.lang, ""))),
            ("beschrijving" if nl else "description", e(info.description.get(ctx.lang, ""))),
            ("licentie" if nl else "licence", f'<a class="ext" href="{e(info.licence)}">{e(info.licence)}</a>'),
            ("versie" if nl else "version", e(info.version)),
            ("versiedatum" if nl else "version date", e(info.version_date)),
            ("triples", str(distinct_triples(model))),
            ("entities", str(len(id_entities(model)))),
            ("SPARQL-endpoint", f"<code>{e(endpoint)}</code>"),
            ("IRI-ruimte" if nl else "URI space", f"<code>{e(BASE)}id/</code>"),
            ("voorbeelden" if nl else "examples", ", ".join(ctx.link(x) for x in example_resources(model))),
            ("dumps", f'<a href="{e(ctx.href("dump/armoede-kg", ".trig"))}">TriG</a> · '
                      f'<a href="{e(ctx.href("dump/armoede-kg", ".nq"))}">N-Quads</a>')]
    return rows


def write_site(kg: KnowledgeGraph, out: Path | str, endpoint: str = DEFAULT_ENDPOINT,
               force: bool = False, sparql_proxy: str | None = None) -> SiteReport:
    """Build the site beside out and swap it in; the old site survives any failure."""
    target = Path(out)
    sparql_route(endpoint, sparql_proxy)  # a bad address fails before anything is built
    _check_target(target, force)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"{target}: map {parent} bestaat niet",
                          en=f"{target}: folder {parent} does not exist")
    with _temp_dir(parent, target.name) as tmp:
        try:
            report = build_site(kg, tmp, endpoint, sparql_proxy)
        except SiteWriteError as exc:
            kept = f"de bestaande site in {target} is ongewijzigd" if target.exists() else "er is niets geschreven"
            raise OutputError(f"{target / exc.rel}: schrijven mislukt ({exc.reason}); {kept}",
                              en=f"{target / exc.rel}: writing failed ({exc.reason}); {kept}") from None
        # mkdtemp made the folder 0700: give it the mode of any new folder (files and
        # subfolders already have theirs), or the web server's user cannot enter it
        os.chmod(tmp, 0o777 & ~current_umask())
        _swap_in(tmp, target)
    return SiteReport(target, report.files, report.resources, report.bytes)


def _check_target(target: Path, force: bool) -> None:
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: bestaat en is geen map",
                          en=f"{target}: exists and is not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).exists() and not force:
        raise OutputError(f"{target}: map is niet leeg en geen armoede-kg-site "
                          "(kies een lege map, of gebruik --force om haar te vervangen)",
                          en=f"{target}: folder is not empty and not an armoede-kg site "
                             "(choose an empty folder, or use --force to replace it)")


@contextmanager
def _temp_dir(parent: Path, name: str) -> Iterator[Path]:
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{name}.bouw-", dir=parent))
    except OSError as exc:
        raise OutputError(f"{parent}: kan geen tijdelijke map maken ({exc.strerror})",
                          en=f"{parent}: cannot make a temporary folder ({exc.strerror})") from None
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    rc = fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(rc == 0)


def _swap_in(tmp: Path, target: Path) -> None:
    """Put tmp at target; afterwards tmp holds the old site (or nothing) and is removed by
    the caller."""
    try:
        if not target.exists():
            os.rename(tmp, target)
            return
        if _exchange(tmp, target):
            return
        old = target.with_name(f".{target.name}.oud-{os.getpid()}")
        os.rename(target, old)
        try:
            os.rename(tmp, target)
        except OSError:
            os.rename(old, target)
            raise
        shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        raise OutputError(f"{target}: site kon niet geplaatst worden ({exc.strerror})",
                          en=f"{target}: site could not be put in place ({exc.strerror})") from None
