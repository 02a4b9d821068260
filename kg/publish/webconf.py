"""Configuration for serving the static site from Apache 2.4 and nginx, with the content
negotiation of kg/publish/conneg.py (the rules `armoede-kg serve` applies), so that the
three servers give the same status, Content-Type and Location for the same request.

- Apache: one `.htaccess` in the site folder. mod_rewrite computes each offer's quality
  from the Accept header (q-values in thousandths, exact > type/* > */*), picks the best
  and answers 303 (things), the file itself (documents) or 406. Needs mod_rewrite and
  mod_headers (mod_proxy_http for a proxied endpoint); without mod_rewrite only the files
  are served (no 500).
- nginx: `nginx-armoede-kg-http.conf` for the http {} block (loads the negotiation, a short
  njs script `nginx-armoede-kg.js`) and `nginx-armoede-kg-server.conf` for the server {}
  block. nginx's configuration language cannot compare q-values; njs (Debian:
  libnginx-mod-http-js) runs the same rules as conneg.py.

`/sparql` on the static host: forwarded to `armoede-kg serve` when a proxy target is given;
else, when the endpoint lives elsewhere, 307 to it (a SPARQL client keeps method and
query); else the static query page for a browser and 501 for a real SPARQL request.
Internal files (names starting with '.', the server configuration) answer 404.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .conneg import ALIASES, RESOURCE_TYPES

HTACCESS = ".htaccess"
NGINX_HTTP = "nginx-armoede-kg-http.conf"
NGINX_SERVER = "nginx-armoede-kg-server.conf"
NGINX_JS = "nginx-armoede-kg.js"
CONFIG_FILES = (HTACCESS, NGINX_HTTP, NGINX_SERVER, NGINX_JS)

# Paths (relative to the site root) of resources answered by negotiation.
THINGS_RE = "(?:id|graaf)/.+"
DOCUMENTS_RE = "ontologie(?:/[^/]+)?|void"
# Media types with the charset parameter, as `serve` sends them (conneg.EXT_TYPES).
CHARSET_EXTS = (".html", ".ttl", ".css", ".txt", ".js")  # .js: the search box and its index
FILE_TYPES = (("text/turtle", "ttl"), ("application/ld+json", "jsonld"), ("application/n-triples", "nt"),
              ("application/trig", "trig"), ("application/n-quads", "nq"))


@dataclass(frozen=True)
class SparqlRoute:
    """What the web server does with /sparql."""

    proxy: str | None = None  # where to forward it: 'http://127.0.0.1:8000/sparql' (`armoede-kg serve`)
    elsewhere: str | None = None  # the public endpoint when it lives on another host (307 there)

    NO_ENDPOINT = ("geen SPARQL-endpoint op deze host (start armoede-kg serve en bouw de site met "
                   "--sparql-proxy); no SPARQL endpoint on this host")


def _offers() -> list[tuple[str, str, str, list[str]]]:
    """(id, extension, media type, names) per offered representation, in the order of ties."""
    out = []
    for media, ext in RESOURCE_TYPES:
        names = [media] + [a for a, target in ALIASES.items() if target == media]
        out.append((ext[1:].upper(), ext, media, names))
    return out


# -- Apache -------------------------------------------------------------------------------------

def _pcre(media: str) -> str:
    return re.sub(r"([.*+?])", r"\\\1", media)


def _range_rules(var: str, media: str, spec: int) -> list[str]:
    """Set AKG_<var> to the quality of one media range: '1' + q as four digits + the
    specificity digit (same width, so numbers compare as the rules need), '0' for q=0 or
    an invalid q; unset when the range is not in the header."""
    head = rf"(?:^|,)\s*{_pcre(media)}\s*"
    plain = rf"{head}(?:;(?!\s*q\s*=)[^,;]*)*(?:,|$)"
    with_q = rf"{head}(?:;[^,]*?)?;\s*q\s*=\s*([^,;\s]*)"
    e = f"AKG_{var}"
    lines = [f"RewriteCond %{{HTTP_ACCEPT}} {plain} [NC]", f"RewriteRule ^ - [E={e}:11000{spec}]"]
    for value, pattern in ((f"11000{spec}", r"^1(?:\.0*)?$"), (f"10%100{spec}", r"^0?\.(\d)$"),
                           (f"10%1%20{spec}", r"^0?\.(\d)(\d)$"), (f"10%1%2%3{spec}", r"^0?\.(\d)(\d)(\d)\d*$"),
                           ("0", r"!^(?:1(?:\.0*)?|0?\.(?:[1-9]|0[1-9]|00[1-9])\d*)$")):
        lines += [f"RewriteCond %{{HTTP_ACCEPT}} {with_q} [NC]", f"RewriteCond %1 {pattern}",
                  f"RewriteRule ^ - [E={e}:{value}]"]
    return lines


def _negotiation_rules() -> list[str]:
    """AKG_EXT := the extension of the representation conneg.negotiate would choose ('' = 406)."""
    offers = _offers()
    ranges: list[tuple[str, str, int]] = [("ALL", "*/*", 1)]
    for t in sorted({media.split("/")[0] for _, _, media, _ in offers}):
        ranges.append((t.upper() + "_ANY", t + "/*", 2))
    exact: dict[str, str] = {}
    for oid, _, _, names in offers:
        for i, name in enumerate(names):
            exact[name] = f"{oid}{i}"
            ranges.append((exact[name], name, 3))
    lines = ["# The Accept header's quality for each media range (exact names, type/*, */*).",
             "RewriteCond %{HTTP_ACCEPT} ^\\s*$", "RewriteRule ^ - [E=AKG_ALL:110001]"]
    for var, media, spec in ranges:
        lines += _range_rules(var, media, spec)
    lines.append("# Each offer's quality: its most specific range (the best of its exact names).")
    for oid, _, media, names in offers:
        q = f"AKG_Q{oid}"
        any_type = media.split("/")[0].upper() + "_ANY"
        lines += [f"RewriteRule ^ - [E={q}:0]",
                  "RewriteCond %{ENV:AKG_ALL} .", f"RewriteRule ^ - [E={q}:%{{ENV:AKG_ALL}}]",
                  f"RewriteCond %{{ENV:AKG_{any_type}}} .", f"RewriteRule ^ - [E={q}:%{{ENV:AKG_{any_type}}}]",
                  "RewriteCond " + "".join(f"%{{ENV:AKG_{exact[n]}}}" for n in names) + " .",
                  f"RewriteRule ^ - [E={q}:0]"]
        for n in names:
            v = f"AKG_{exact[n]}"
            lines += [f"RewriteCond %{{ENV:{v}}} .", f"RewriteCond expr \"reqenv('{v}') -gt reqenv('{q}')\"",
                      f"RewriteRule ^ - [E={q}:%{{ENV:{v}}}]"]
    lines.append("# The best offer; ties go to the earlier one (HTML, Turtle, JSON-LD, N-Triples).")
    lines.append("RewriteRule ^ - [E=AKG_EXT:]")
    for i, (oid, ext, _, _) in enumerate(offers):
        me = f"reqenv('AKG_Q{oid}')"
        tests = [f"{me} -gt 0"] + [f"{me} {'-ge' if j > i else '-gt'} reqenv('AKG_Q{other}')"
                                   for j, (other, _, _, _) in enumerate(offers) if j != i]
        lines += ["RewriteCond %{ENV:AKG_EXT} ^$", f"RewriteCond expr \"{' && '.join(tests)}\"",
                  f"RewriteRule ^ - [E=AKG_EXT:{ext}]"]
    return lines


def htaccess(route: SparqlRoute) -> str:
    """Apache 2.4: the W3C 'Cool URIs' recipe with the negotiation of conneg.py."""
    negotiation = _negotiation_rules()
    answer = [
        "# Nothing acceptable: 406 Not Acceptable.",
        "RewriteCond %{ENV:AKG_EXT} ^$",
        "RewriteRule ^ - [R=406,E=AKG_NEGOTIATED:1,L]",
        "# Things: 303 See Other to the representation.",
        f"RewriteRule ^({THINGS_RE})$ $1%{{ENV:AKG_EXT}} [R=303,E=AKG_NEGOTIATED:1,L]",
        "# Documents (the ontology, its version IRIs, the dataset description): answered directly.",
        "RewriteRule ^(.+)$ $1%{ENV:AKG_EXT} [E=AKG_NEGOTIATED:1,E=AKG_LOCATION:/$1%{ENV:AKG_EXT},L]",
    ]
    skip = sum(1 for line in negotiation + answer if line.startswith("RewriteRule"))
    lines = [
        "# armoede-kg: content negotiation for Apache 2.4, the same rules as `armoede-kg serve`",
        "# (generated by `armoede-kg site`; see docs/publish.md). The folder is the document root",
        "# (RewriteBase /), with AllowOverride All. Modules: rewrite and headers (a2enmod rewrite",
        "# headers); for a proxied /sparql also proxy and proxy_http.",
        "# Resource IRIs (/id/…, /graaf/…) answer 303 See Other to the page or data file the Accept",
        "# header asks for; /ontologie, /ontologie/<version> and /void answer directly; 406 when no",
        "# offered format is acceptable; Vary: Accept on all of them.",
        "Options -MultiViews -Indexes",
        "DirectoryIndex index.html",
        "# /ontologie is a document and ontologie/ a folder (of version IRIs): no 301 to a slash.",
        "<IfModule mod_dir.c>",
        "  DirectorySlash Off",
        "</IfModule>",
        *(f"AddType {media} .{ext}" for media, ext in FILE_TYPES),
        "AddCharset utf-8 " + " ".join(CHARSET_EXTS),
        "<IfModule mod_headers.c>",
        "  Header always merge Vary Accept env=AKG_NEGOTIATED",
        "  Header always merge Vary Accept env=REDIRECT_AKG_NEGOTIATED",
        "  Header always set Content-Location %{REDIRECT_AKG_LOCATION}e env=REDIRECT_AKG_LOCATION",
        "  Header always set Access-Control-Allow-Origin \"*\"",
        "</IfModule>",
        "<IfModule mod_rewrite.c>",
        "RewriteEngine On",
        "RewriteBase /",
        "",
        "# The dataset description at the well-known place (RFC 8615, VoID §7.2).",
        "RewriteRule ^\\.well-known/void$ void.ttl [R=303,L]",
        "# Internal files are not served: names starting with '.', the server configuration.",
        "RewriteRule (?:^|/)\\. - [R=404,L]",
        "RewriteRule ^nginx-armoede-kg - [R=404,L]",
        "",
        *_sparql_apache(route),
        "",
        "# A folder, or a path with a trailing slash, is no resource: 404 (as `armoede-kg serve`).",
        "RewriteCond %{REQUEST_FILENAME}.html !-f",
        "RewriteCond %{REQUEST_FILENAME} -d",
        "RewriteRule ^.+$ - [R=404,L]",
        "RewriteRule ^.+/$ - [R=404,L]",
        "",
        f"# Only resources are negotiated: skip the next {skip} rules for anything else.",
        f"RewriteCond $0 !^(?:{THINGS_RE}|{DOCUMENTS_RE})$ [OR]",
        "RewriteCond %{REQUEST_FILENAME} -f [OR]",
        "RewriteCond %{REQUEST_FILENAME}.html !-f",
        f"RewriteRule ^.*$ - [S={skip}]",
        *negotiation,
        *answer,
        "</IfModule>",
    ]
    return "\n".join(lines) + "\n"


def _sparql_apache(route: SparqlRoute) -> list[str]:
    if route.proxy:
        return ["# The SPARQL endpoint: forwarded to `armoede-kg serve` (mod_proxy_http).",
                f"RewriteRule ^sparql$ {route.proxy} [P,L]"]
    if route.elsewhere:
        return ["# The SPARQL endpoint lives elsewhere: 307 keeps the method and the query.",
                f"RewriteRule ^sparql$ {route.elsewhere} [R=307,L]"]
    return ["# No SPARQL endpoint on this host: the query page for a browser, 501 for a query.",
            "RewriteCond %{REQUEST_METHOD} =GET",
            "RewriteCond %{QUERY_STRING} !(?:^|&)query=",
            "RewriteCond %{HTTP_ACCEPT} text/html [NC]",
            "RewriteRule ^sparql$ sparql.html [L]",
            "RewriteRule ^sparql$ - [R=501,L]"]


# -- nginx ---------------------------------------------------------------------------------------

def nginx_http() -> str:
    """The part for nginx's http {} block: the negotiation, as $armoede_kg_ext."""
    return f"""# armoede-kg for nginx, part 1 of 2: include in the http {{ }} block, after
#     js_path /srv/armoede-kg/site/;     (the folder that holds {NGINX_JS})
# Needs the njs module (Debian: apt-get install libnginx-mod-http-js, which loads it; else
# load_module modules/ngx_http_js_module.so; in the main context). See docs/publish.md.
js_import armoede_kg from {NGINX_JS};
# The extension of the representation the Accept header asks for ('' when none is acceptable).
js_set $armoede_kg_ext armoede_kg.ext;
"""


def nginx_server(route: SparqlRoute) -> str:
    """The part for the server {} block whose root is the site folder."""
    types = "\n".join(f"    {media:<26}{ext};" for media, ext in
                      (("text/html", "html"), ("text/css", "css"), ("text/plain", "txt"),
                       ("text/javascript", "js"), ("application/json", "json"), *FILE_TYPES))
    cors = 'add_header Access-Control-Allow-Origin "*" always;'
    # a resource (it has a page) in a format the client accepts, else 404 / 406
    negotiated = f"""    add_header Vary Accept always;
    {cors}
    if (!-f $request_filename.html) {{
        return 404;
    }}
    if ($armoede_kg_ext = "") {{
        return 406;
    }}
"""
    return f"""# armoede-kg for nginx, part 2 of 2: include in the server {{ }} block whose root is the
# site folder (root /srv/armoede-kg/site;). Part 1 ({NGINX_HTTP}) goes in http {{ }}.
types {{
{types}
}}
charset utf-8;
charset_types text/turtle text/css text/plain text/javascript;
index index.html;
{cors}

# Internal files are not served: names starting with '.', the server configuration.
location ~ /\\. {{
    return 404;
}}
location ^~ /nginx-armoede-kg {{
    return 404;
}}
# Files as they are; a folder is no resource (404, as `armoede-kg serve`), only / has an index.
location = / {{
}}
location / {{
    try_files $uri =404;
}}
location = /.well-known/void {{
    {cors}
    return 303 /void.ttl;
}}

# Things (/id/…, /graaf/…): their files as they are; the IRI itself answers 303 See Other
# to the representation asked for, or 406. A folder or a trailing slash is no resource: 404.
location ~ ^/(?:id|graaf)/ {{
    {cors}
    try_files $uri @armoede_kg_thing;
}}
location @armoede_kg_thing {{
{negotiated}    return 303 $uri$armoede_kg_ext;
}}

# Documents: the ontology, its version IRIs and the dataset description, answered directly.
location ~ ^/(?<armoede_kg_doc>{DOCUMENTS_RE})$ {{
{negotiated}    # $uri is the file's after try_files: the path captured above names the document
    add_header Content-Location /$armoede_kg_doc$armoede_kg_ext always;
    try_files $uri$armoede_kg_ext =404;
}}

{_sparql_nginx(route)}"""


def _sparql_nginx(route: SparqlRoute) -> str:
    if route.proxy:
        return f"""# The SPARQL endpoint: forwarded to `armoede-kg serve`.
location = /sparql {{
    proxy_pass {route.proxy};
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_hide_header Access-Control-Allow-Origin;
    proxy_read_timeout 120s;
    client_max_body_size 1m;
}}
"""
    if route.elsewhere:
        return f"""# The SPARQL endpoint lives elsewhere: 307 keeps the method and the query.
location = /sparql {{
    return 307 {route.elsewhere}$is_args$args;
}}
"""
    return f"""# No SPARQL endpoint on this host: the query page for a browser, 501 for a query.
location = /sparql {{
    default_type "text/plain; charset=utf-8";
    set $armoede_kg_page "";
    if ($request_method = GET) {{
        set $armoede_kg_page "get";
    }}
    if ($args ~ "(^|&)query=") {{
        set $armoede_kg_page "";
    }}
    if ($http_accept ~* "text/html") {{
        set $armoede_kg_page "${{armoede_kg_page}}+html";
    }}
    if ($armoede_kg_page = "get+html") {{
        rewrite ^ /sparql.html last;
    }}
    return 501 "{SparqlRoute.NO_ENDPOINT}\\n";
}}
"""


def nginx_js() -> str:
    """njs: the rules of kg/publish/conneg.py, line for line."""
    offers = ",\n".join(f"    ['{ext}', '{media}', {names!r}]" for _, ext, media, names in _offers())
    return f"""// armoede-kg: content negotiation for nginx (njs), the rules of kg/publish/conneg.py:
// q-values in thousandths; an offer's quality from its most specific range (exact name or
// alias, then type/*, then */*); best quality wins, ties: exact > type/* > */*, then order.
var OFFERS = [
{offers}
];

function qvalue(text) {{
    var t = text.trim();
    if (/^1(\\.0*)?$/.test(t)) {{
        return 1000;
    }}
    var m = /^0?\\.(\\d+)$/.exec(t);
    return m ? parseInt((m[1] + '00').slice(0, 3), 10) : 0;
}}

function ranges(header) {{
    if (!header || !header.trim()) {{
        return [['*', '*', 1000]];
    }}
    var out = [];
    header.split(',').forEach(function (part) {{
        var fields = part.split(';').map(function (f) {{ return f.trim(); }});
        var mt = fields[0].toLowerCase();
        var slash = mt.indexOf('/');
        if (slash < 0) {{
            return;
        }}
        var q = 1000;
        for (var i = 1; i < fields.length; i++) {{
            var eq = fields[i].indexOf('=');
            var key = (eq < 0 ? fields[i] : fields[i].slice(0, eq)).trim().toLowerCase();
            if (key === 'q') {{
                q = qvalue(eq < 0 ? '' : fields[i].slice(eq + 1));
                break;
            }}
        }}
        out.push([mt.slice(0, slash), mt.slice(slash + 1), q]);
    }});
    return out;
}}

function quality(rs, media, names) {{
    var best = -1;
    rs.forEach(function (r) {{
        if (names.indexOf(r[0] + '/' + r[1]) >= 0 && r[2] > best) {{
            best = r[2];
        }}
    }});
    if (best >= 0) {{
        return [best, 3];
    }}
    var type = media.split('/')[0];
    for (var spec = 2; spec >= 1; spec--) {{
        for (var i = 0; i < rs.length; i++) {{
            var r = rs[i];
            if ((spec === 2 && r[0] === type && r[1] === '*') || (spec === 1 && r[0] === '*' && r[1] === '*')) {{
                return [r[2], spec];
            }}
        }}
    }}
    return [0, 0];
}}

function ext(r) {{
    var rs = ranges(r.headersIn['Accept']);
    var best = null;
    var choice = '';
    OFFERS.forEach(function (offer) {{
        var qs = quality(rs, offer[1], offer[2]);
        if (qs[0] <= 0) {{
            return;
        }}
        if (best === null || qs[0] > best[0] || (qs[0] === best[0] && qs[1] > best[1])) {{
            best = qs;
            choice = offer[0];
        }}
    }});
    return choice;
}}

export default {{ext}};
"""
