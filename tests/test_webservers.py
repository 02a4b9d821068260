"""The static site behind real web servers: Debian's nginx and Apache, each started here on a
loopback port with its own configuration that includes the generated rules exactly as
docs/publish.md says, next to `armoede-kg serve --see-other`. Every resource IRI of the site
is fetched under the same Accept headers from all three; status, Content-Type and Location
must be what kg.publish.conneg decides, on each server.

Needs the Debian packages nginx, libnginx-mod-http-js and apache2 (.ci/system-deps)."""

from __future__ import annotations

import http.client
import os
import shutil
import subprocess
import tempfile
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from publish_support import free_port, start_server, stop_process, stop_server, wait_until_answering
from rdflib import Graph, URIRef

import kg
from kg.paths import ontology_dir
from kg.publish.conneg import EXT_TYPES, THING_PREFIXES, representation
from kg.publish.site import MARKER, write_site
from kg.publish.webconf import CONFIG_FILES, NGINX_HTTP, NGINX_SERVER

pytestmark = pytest.mark.slow

BASE = "https://w3id.org/armoede-kg/"
NGINX_JS_MODULE = Path("/usr/lib/nginx/modules/ngx_http_js_module.so")
APACHE_MODULES = Path("/usr/lib/apache2/modules")
ELSEWHERE = "https://sparql.example.org/armoede-kg/sparql"  # a public endpoint on another host

# The Accept headers every resource IRI is fetched with (None: no Accept header at all).
ACCEPTS: tuple[str | None, ...] = (
    "text/html",
    "text/turtle",
    "application/ld+json",
    "application/json",
    "application/rdf+xml",
    "image/png",
    "*/*",
    None,
    "text/turtle;q=0.5, application/ld+json;q=0.9",
    "text/html;q=0.1, text/turtle",
    "TEXT/TURTLE",
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
)
# More mixes, for a few IRIs of each kind.
MORE_ACCEPTS: tuple[str | None, ...] = (
    "Application/LD+JSON; Q=0.8, text/HTML; q=0.7",
    "text/turtle, */*",
    "application/n-triples;q=1.0, text/turtle;q=0.999",
    "text/turtle;q=0, */*;q=0.1",
    "text/html;q=0, application/xhtml+xml",
    "text/*",
    "application/*;q=0.5, text/html;q=0.4",
    "text/turtle;q=0.0005, image/png",
    "text/turtle;q=abc, text/html;q=0.2",
    "",
    "application/x-turtle; charset=utf-8",
    "text/turtle;profile=x;q=0.3, application/ld+json;q=0.25",
)


# -- servers --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Server:
    name: str
    host: str
    port: int

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"


@dataclass(frozen=True)
class Answer:
    status: int
    media: str | None  # Content-Type of a 200, lower case, without spaces
    location: str | None  # path of a redirect's Location
    vary: str
    cors: str | None
    content_location: str | None


def world_readable_dir(prefix: str) -> Path:
    """A temp folder the servers' unprivileged workers (nobody) may enter: the site's own
    modes then decide, as they would under /srv."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    path.chmod(0o755)
    return path


def running_as_root() -> bool:
    return os.geteuid() == 0


def nginx_conf(prefix: Path, sites: list[tuple[int, Path]]) -> str:
    """nginx.conf as docs/publish.md says: the http part (after js_path) in http {}, the
    server part in each site's server {}."""
    servers = "\n".join(f"""    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {root};
        include {root}/{NGINX_SERVER};
    }}""" for port, root in sites)
    return f"""load_module {NGINX_JS_MODULE};
{"user nobody nogroup;" if running_as_root() else ""}
worker_processes 2;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include /etc/nginx/mime.types;
    js_path {sites[0][1]}/;
    include {sites[0][1]}/{NGINX_HTTP};
{servers}
}}
"""


def apache_conf(prefix: Path, sites: list[tuple[int, Path]]) -> str:
    """An httpd.conf of its own: the modules docs/publish.md names, loaded from Debian's
    module folder, and per site a virtual host whose folder allows .htaccess (AllowOverride All)."""
    modules = ("mpm_event", "authz_core", "mime", "dir", "rewrite", "headers", "proxy", "proxy_http")
    loads = "\n".join(f"LoadModule {m}_module {APACHE_MODULES}/mod_{m}.so" for m in modules)
    hosts = "\n".join(f"""Listen 127.0.0.1:{port}
<VirtualHost 127.0.0.1:{port}>
    ServerName 127.0.0.1
    DocumentRoot {root}
    <Directory {root}>
        AllowOverride All
        Require all granted
    </Directory>
</VirtualHost>""" for port, root in sites)
    user = "User nobody\nGroup nogroup\n" if running_as_root() else ""
    return f"""ServerRoot {prefix}
PidFile {prefix}/httpd.pid
DefaultRuntimeDir {prefix}
ErrorLog {prefix}/error.log
LogLevel warn
ServerName 127.0.0.1
{user}{loads}
TypesConfig /etc/mime.types
<Directory />
    AllowOverride None
    Require all denied
</Directory>
{hosts}
"""


def need(path: str, package: str) -> str:
    found = shutil.which(path) or (path if Path(path).exists() else None)
    if not found:
        pytest.fail(f"{path} is not installed: apt-get install {package} (.ci/system-deps installs it)")
    return found


@dataclass(frozen=True)
class Setup:
    site: Path
    bare_site: Path  # built without an endpoint (no --sparql-proxy)
    serve: Server
    nginx: Server
    apache: Server
    nginx_bare: Server
    apache_bare: Server
    nginx_elsewhere: Server
    apache_elsewhere: Server

    @property
    def servers(self) -> tuple[Server, Server, Server]:
        return (self.nginx, self.apache, self.serve)


def small_data(root: Path) -> Path:
    """The vocabulary files without the five documents: a quick second site."""
    data = root / "data"
    shutil.copytree(ontology_dir(), data, ignore=shutil.ignore_patterns("__pycache__", "*.py", "kennis"))
    return data


@pytest.fixture(scope="module")
def setup(graph: kg.KnowledgeGraph) -> Iterator[Setup]:
    nginx_bin = need("nginx", "nginx")
    need(str(NGINX_JS_MODULE), "libnginx-mod-http-js")
    apache_bin = need("/usr/sbin/apache2", "apache2")
    work = world_readable_dir("armoede-kg-webservers-")
    serve_port = free_port()
    site = write_site(graph, work / "site", sparql_proxy=f"http://127.0.0.1:{serve_port}/sparql").out
    small = kg.load(small_data(Path(tempfile.mkdtemp(dir=work))))
    bare = write_site(small, work / "bare").out
    elsewhere = write_site(small, work / "elsewhere", endpoint=ELSEWHERE).out
    names = ("nginx", "apache", "nginx_bare", "apache_bare", "nginx_elsewhere", "apache_elsewhere")
    ports = {name: free_port() for name in names}
    processes: list[subprocess.Popen[bytes]] = []
    live = None
    try:
        live = start_server(site, "--see-other", "--workers", "1", port=serve_port)
        ng = work / "nginx"  # inside work: removed with it
        ng.mkdir()
        (ng / "nginx.conf").write_text(nginx_conf(ng, [(ports["nginx"], site), (ports["nginx_bare"], bare),
                                                    (ports["nginx_elsewhere"], elsewhere)]))
        proc = subprocess.Popen([nginx_bin, "-p", str(ng), "-c", str(ng / "nginx.conf"), "-e", str(ng / "error.log"),
                                 "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        processes.append(proc)
        wait_until_answering(proc, "nginx", f"http://127.0.0.1:{ports['nginx']}", "/", within_s=30)
        ap = work / "apache"
        ap.mkdir()
        (ap / "httpd.conf").write_text(apache_conf(ap, [(ports["apache"], site), (ports["apache_bare"], bare),
                                                     (ports["apache_elsewhere"], elsewhere)]))
        proc = subprocess.Popen([apache_bin, "-f", str(ap / "httpd.conf"), "-DFOREGROUND"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        processes.append(proc)
        wait_until_answering(proc, "apache2", f"http://127.0.0.1:{ports['apache']}", "/", within_s=30)
        yield Setup(site, bare, Server("serve", "127.0.0.1", serve_port),
                    *(Server(name, "127.0.0.1", ports[name]) for name in names))
    finally:
        for proc in processes:
            stop_process(proc, grace_s=10)
        if live is not None:
            stop_server(live)
        shutil.rmtree(work, ignore_errors=True)


# -- fetching ---------------------------------------------------------------------------------------

Request = tuple[str, str | None]  # (path, Accept header or None)


def fetch_all(server: Server, requests: list[Request], method: str = "GET", threads: int = 6) -> dict[Request, Answer]:
    """Each request once, over a few keep-alive connections at a time."""

    def run(chunk: list[Request]) -> dict[Request, Answer]:
        out = {}
        conn = http.client.HTTPConnection(server.host, server.port, timeout=60)
        for path, accept in chunk:
            headers = {"Origin": "http://example.org"}
            if accept is not None:
                headers["Accept"] = accept
            conn.request(method, path, headers=headers)
            resp = conn.getresponse()
            resp.read()
            out[(path, accept)] = answer(resp)
            if resp.will_close:
                conn.close()
                conn = http.client.HTTPConnection(server.host, server.port, timeout=60)
        conn.close()
        return out

    result: dict[Request, Answer] = {}
    with ThreadPoolExecutor(threads) as pool:
        for part in pool.map(run, [requests[i::threads] for i in range(threads)]):
            result.update(part)
    return result


def answer(resp: http.client.HTTPResponse) -> Answer:
    media = (resp.getheader("Content-Type") or "").lower().replace(" ", "") if resp.status == 200 else None
    location = resp.getheader("Location")
    return Answer(resp.status, media, urllib.parse.urlsplit(location).path if location else None,
                  resp.getheader("Vary") or "", resp.getheader("Access-Control-Allow-Origin"),
                  resp.getheader("Content-Location"))


def fetch(server: Server, path: str, accept: str | None = None, method: str = "GET", body: bytes | None = None,
          content_type: str | None = None) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection(server.host, server.port, timeout=60)
    headers = {} if accept is None else {"Accept": accept}
    if content_type:
        headers["Content-Type"] = content_type
    conn.request(method, path, body=body, headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data


def resource_paths(site: Path) -> list[str]:
    """Every resource IRI of the site as a path: each page under id/ and graaf/, the ontology,
    its version IRIs and the dataset description."""
    pages = [p.relative_to(site).as_posix()[:-5] for top in ("id", "graaf", "ontologie")
             for p in (site / top).rglob("*.html")]
    return sorted("/" + p for p in [*pages, "ontologie", "void"])


def expected(path: str, accept: str | None) -> tuple[int, str | None, str | None]:
    """What kg.publish.conneg decides: (status, Content-Type, Location)."""
    chosen = representation(accept)
    if chosen is None:
        return 406, None, None
    _, ext = chosen
    if path.lstrip("/").startswith(THING_PREFIXES):
        return 303, None, path + ext
    return 200, EXT_TYPES[ext].replace(" ", ""), None


def disagreements(answers: dict[Request, Answer]) -> list[str]:
    bad = []
    for (path, accept), got in sorted(answers.items(), key=str):
        want = expected(path, accept)
        if (got.status, got.media, got.location) != want:
            bad.append(f"{path} [{accept}]: {(got.status, got.media, got.location)} != {want}")
        elif "accept" not in got.vary.lower():
            bad.append(f"{path} [{accept}]: no Vary: Accept ({got.vary!r})")
        elif want[0] == 200 and got.content_location != path + representation(accept)[1]:
            bad.append(f"{path} [{accept}]: Content-Location {got.content_location!r}")
    return bad


# -- the tests --------------------------------------------------------------------------------------

def test_every_resource_iri_under_every_accept_header_agrees_on_all_three_servers(setup):
    paths = resource_paths(setup.site)
    assert len(paths) > 2000 and "/ontologie/0.1.0" in paths
    requests = [(p, a) for p in paths for a in ACCEPTS]
    some = [p for p in paths if p.startswith(("/id/interventie/", "/graaf/kennis/"))][:6] + \
        ["/ontologie", "/ontologie/0.1.0", "/void"]
    requests += [(p, a) for p in some for a in MORE_ACCEPTS]
    report = {}
    for server in setup.servers:
        answers = fetch_all(server, requests)
        assert len(answers) == len(requests)
        report[server.name] = disagreements(answers)
    assert report == {"nginx": [], "apache": [], "serve": []}, {k: v[:10] for k, v in report.items()}


def test_the_q_value_mix_from_the_issue_gets_json_ld_and_unknown_types_406(setup):
    for server in setup.servers:
        status, headers, _ = fetch(server, "/id/interventie/krachtwerk", "text/turtle;q=0.5, application/ld+json;q=0.9")
        assert (status, urllib.parse.urlsplit(headers["location"]).path) == \
            (303, "/id/interventie/krachtwerk.jsonld"), server.name
        for accept in ("application/rdf+xml", "image/png"):
            assert fetch(server, "/id/interventie/krachtwerk", accept)[0] == 406, (server.name, accept)


def test_the_data_files_have_the_same_content_type_everywhere(setup):
    files = ["/id/interventie/krachtwerk" + ext for ext in (".html", ".ttl", ".jsonld", ".nt")] + \
        ["/dump/armoede-kg.trig", "/dump/armoede-kg.nq", "/style.css", "/void.ttl", "/vormen.ttl", "/"]
    got = {s.name: {f: (a.status, a.media) for (f, _), a in fetch_all(s, [(f, None) for f in files], threads=2).items()}
           for s in setup.servers}
    assert got["nginx"] == got["apache"] == got["serve"]
    assert got["serve"]["/id/interventie/krachtwerk.ttl"] == (200, "text/turtle;charset=utf-8")


def test_turtle_fetched_through_the_303_parses_to_the_resources_triples(setup, graph):
    krachtwerk = URIRef(BASE + "id/interventie/krachtwerk")
    want = {(s, p, o) for s, p, o, _ in graph.backend.dataset().quads((krachtwerk, None, None, None))}
    for server in setup.servers:
        status, headers, _ = fetch(server, "/id/interventie/krachtwerk", "text/turtle")
        assert status == 303
        status, headers, body = fetch(server, urllib.parse.urlsplit(headers["location"]).path, "text/turtle")
        assert status == 200 and set(Graph().parse(data=body.decode(), format="turtle")) == want, server.name


def test_internal_files_folders_and_trailing_slashes_are_404(setup):
    paths = ["/" + name for name in (*CONFIG_FILES, MARKER)] + \
        ["/id/.htaccess", "/id/interventie/", "/id/interventie", "/id/interventie/krachtwerk/", "/graaf/",
         "/ontologie/", "/id/interventie/bestaat-niet"]
    for server in setup.servers:
        got = {p: a.status for (p, _), a in fetch_all(server, [(p, "text/turtle") for p in paths], threads=2).items()}
        assert got == dict.fromkeys(paths, 404), server.name


def test_well_known_void_and_cors_on_the_documents(setup):
    for server in setup.servers:
        answers = fetch_all(server, [("/.well-known/void", None), ("/ontologie", "text/turtle"),
                                     ("/void", "application/ld+json"), ("/id/interventie/krachtwerk", None)], threads=1)
        assert (answers[("/.well-known/void", None)].status, answers[("/.well-known/void", None)].location) == \
            (303, "/void.ttl"), server.name
        assert {a.cors for a in answers.values()} == {"*"}, server.name


def test_sparql_goes_through_nginx_and_apache_to_the_endpoint(setup):
    query = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    for server in setup.servers:
        status, headers, body = fetch(server, "/sparql?" + query, "application/sparql-results+json")
        assert status == 200 and b'"boolean": true' in body.replace(b'":true', b'": true'), (server.name, body[:200])
        status, headers, body = fetch(server, "/sparql", "application/sparql-results+json", "POST",
                                      query.encode(), "application/x-www-form-urlencoded")
        assert status == 200 and headers["content-type"].startswith("application/sparql-results+json"), server.name
        status, headers, body = fetch(server, "/sparql", "text/html")
        assert status == 200 and b"<form" in body, server.name


def test_without_an_endpoint_sparql_is_the_page_for_browsers_and_501_for_queries(setup):
    query = "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    for server in (setup.nginx_bare, setup.apache_bare):
        assert fetch(server, "/sparql", "text/html")[0] == 200, server.name
        assert fetch(server, query, "application/sparql-results+json")[0] == 501, server.name
        assert fetch(server, query, "text/html")[0] == 501, server.name
        assert fetch(server, "/sparql", None, "POST", b"query=ASK%7B%7D", "application/x-www-form-urlencoded")[0] == 501


def test_with_the_endpoint_elsewhere_sparql_requests_are_sent_there_with_307(setup):
    query = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    for server in (setup.nginx_elsewhere, setup.apache_elsewhere):
        status, headers, _ = fetch(server, "/sparql?" + query, "application/sparql-results+json")
        assert (status, headers["location"]) == (307, f"{ELSEWHERE}?{query}"), server.name
        status, headers, _ = fetch(server, "/sparql", None, "POST", query.encode(), "application/x-www-form-urlencoded")
        assert (status, headers["location"]) == (307, ELSEWHERE), server.name
    void = Graph().parse(setup.site.parent / "elsewhere" / "void.ttl", format="turtle")
    assert URIRef(ELSEWHERE) in set(void.objects(None, URIRef("http://rdfs.org/ns/void#sparqlEndpoint")))


def test_apache_without_mod_rewrite_serves_files_instead_of_500(setup):
    """Debian's Apache starts without mod_rewrite: the guarded rules must not turn every URL into 500."""
    ap = world_readable_dir("armoede-kg-apache-plain-")
    try:
        port = free_port()
        conf = apache_conf(ap, [(port, setup.bare_site)]).replace(
            f"LoadModule rewrite_module {APACHE_MODULES}/mod_rewrite.so\n", "")
        (ap / "httpd.conf").write_text(conf)
        proc = subprocess.Popen(["/usr/sbin/apache2", "-f", str(ap / "httpd.conf"), "-DFOREGROUND"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_until_answering(proc, "apache2", f"http://127.0.0.1:{port}", "/", within_s=30)
            plain = Server("apache-plain", "127.0.0.1", port)
            assert fetch(plain, "/ontologie.ttl")[0] == 200
            assert fetch(plain, "/void", "text/turtle")[0] == 404  # no negotiation, but no 500
        finally:
            stop_process(proc, grace_s=10)
    finally:
        shutil.rmtree(ap, ignore_errors=True)
