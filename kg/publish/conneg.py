"""Content negotiation: which representation of a resource a client gets, by Accept header,
and the same rules as Apache (.htaccess) and nginx configuration for a static host.

The Python server applies q-values properly (RFC 9110 §12.5.1). Apache's and nginx's
configuration languages can only test whether the Accept header *contains* a media type,
so the generated configs check HTML first, then Turtle, JSON-LD, N-Triples: right for
browsers and for RDF clients that ask for one format, approximate for q-value mixes.
"""

from __future__ import annotations

from dataclasses import dataclass

# Offered representations of a resource, in the server's order of preference for ties.
RESOURCE_TYPES: tuple[tuple[str, str], ...] = (
    ("text/html", ".html"),
    ("text/turtle", ".ttl"),
    ("application/ld+json", ".jsonld"),
    ("application/n-triples", ".nt"),
)
# Other names clients use for the same formats.
ALIASES = {
    "application/xhtml+xml": "text/html",
    "application/x-turtle": "text/turtle",
    "application/json": "application/ld+json",
}
EXT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".ttl": "text/turtle; charset=utf-8",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
    ".trig": "application/trig",
    ".nq": "application/n-quads",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",  # the site's search box and its index
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
}
# Paths of things (slash IRIs): 303 See Other in "see other" mode. The ontology and the
# dataset description are documents themselves, so they are always served directly.
THING_PREFIXES = ("id/", "graaf/")
DOCUMENTS = ("ontologie", "void")


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    order: int

    def matches(self, media_type: str) -> int:
        """Specificity of the match (3 exact, 2 type/*, 1 */*), 0 for none."""
        t, _, s = media_type.partition("/")
        if self.type == t and self.subtype == s:
            return 3
        if self.type == t and self.subtype == "*":
            return 2
        if self.type == "*" and self.subtype == "*":
            return 1
        return 0


def parse_accept(header: str | None) -> list[MediaRange]:
    """Media ranges of an Accept header; a missing or empty header accepts anything."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0, 0)]
    out = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        mt = fields[0].lower()
        if "/" not in mt:
            continue
        q = 1.0
        for f in fields[1:]:
            k, _, val = f.partition("=")
            if k.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(val)))
                except ValueError:
                    q = 0.0
        t, _, s = mt.partition("/")
        out.append(MediaRange(t, s, q, i))
    return out


def negotiate(header: str | None, offers: list[str] | tuple[str, ...]) -> str | None:
    """The offer the client prefers most (ties: the order of offers), None if it accepts none.

    >>> negotiate("text/turtle", ["text/html", "text/turtle"])
    'text/turtle'
    >>> negotiate("text/html,application/xhtml+xml,*/*;q=0.8", ["text/html", "text/turtle"])
    'text/html'
    >>> negotiate("application/ld+json;q=0.5, text/turtle;q=0.9", ["text/html", "application/ld+json", "text/turtle"])
    'text/turtle'
    >>> negotiate("image/png", ["text/html"]) is None
    True
    """
    ranges = parse_accept(header)
    best: tuple[float, int, int] | None = None
    choice = None
    for pos, offer in enumerate(offers):
        q = _quality(ranges, offer)
        for alias, target in ALIASES.items():
            if target == offer:
                q = max(q, _quality(ranges, alias) * (0.9 if alias == "application/json" else 1.0))
        if q <= 0:
            continue
        key = (q, -pos, 0)
        if best is None or key > best:
            best, choice = key, offer
    return choice


def _quality(ranges: list[MediaRange], media_type: str) -> float:
    # The most specific matching range decides (text/turtle;q=0 beats */*;q=1).
    spec, q = 0, 0.0
    for r in ranges:
        s = r.matches(media_type)
        if s > spec:
            spec, q = s, r.q
    return q


def representation(header: str | None) -> tuple[str, str] | None:
    """(media type, file extension) for a resource request, or None (406)."""
    chosen = negotiate(header, [mt for mt, _ in RESOURCE_TYPES])
    if chosen is None:
        return None
    return next((mt, ext) for mt, ext in RESOURCE_TYPES if mt == chosen)


# -- static server configuration ---------------------------------------------------------

def htaccess(sparql_proxy: str | None = None) -> str:
    """Apache 2.4 (mod_rewrite, mod_headers, mod_mime): the W3C 'Cool URIs' recipe with
    303 See Other for /id/… and /graaf/…, direct answers for /ontologie and /void."""
    lines = [
        "# armoede-kg: content negotiation for Apache 2.4 (mod_rewrite, mod_headers, mod_mime).",
        "# Put the site folder at the document root (or set RewriteBase to its sub-path).",
        "# Resource IRIs (/id/…, /graaf/…) answer 303 See Other to the page or data file the",
        "# Accept header asks for; /ontologie and /void answer directly. Vary: Accept is set on both.",
        "Options -MultiViews",
        "DirectoryIndex index.html",
        "AddType text/turtle .ttl",
        "AddType application/ld+json .jsonld",
        "AddType application/n-triples .nt",
        "AddType application/trig .trig",
        "AddType application/n-quads .nq",
        "AddCharset utf-8 .html .ttl .jsonld .nt .trig .nq .css .js",
        "<IfModule mod_headers.c>",
        "  Header always append Vary Accept env=AKG_NEGOTIATED",
        "  Header always append Vary Accept env=REDIRECT_AKG_NEGOTIATED",
        "  Header always set Access-Control-Allow-Origin \"*\"",
        "</IfModule>",
        "RewriteEngine On",
        "# RewriteBase /",
        "",
        "# The dataset description at the well-known place (RFC 8615, VoID §7.2).",
        "RewriteRule ^\\.well-known/void$ void.ttl [R=303,L]",
    ]
    if sparql_proxy:
        lines += ["", "# SPARQL endpoint: pass on to the armoede-kg server (needs mod_proxy_http).",
                  f"RewriteRule ^sparql$ {sparql_proxy.rstrip('/')}/sparql [P,L]"]
    else:
        lines += ["", "# No endpoint on this host: /sparql shows the query page.",
                  "RewriteRule ^sparql$ sparql.html [L]"]
    for flag, pattern, note in (("R=303", "^((?:id|graaf)/.+)$", "Things: 303 See Other."),
                                ("", "^(ontologie|void)$", "Documents: answered directly.")):
        lines += ["", f"# {note}"]
        for media, ext in (("text/html", ".html"), ("text/turtle", ".ttl"), ("application/x-turtle", ".ttl"),
                           ("application/ld\\+json", ".jsonld"), ("application/n-triples", ".nt")):
            lines += [f"RewriteCond %{{HTTP_ACCEPT}} {media}",
                      f"RewriteCond %{{REQUEST_FILENAME}}{ext} -f",
                      f"RewriteRule {pattern} $1{ext} [{flag + ',' if flag else ''}E=AKG_NEGOTIATED:1,L]"]
        lines += ["# Anything else (*/*, no Accept header): the HTML page.",
                  "RewriteCond %{REQUEST_FILENAME}.html -f",
                  f"RewriteRule {pattern} $1.html [{flag + ',' if flag else ''}E=AKG_NEGOTIATED:1,L]"]
    return "\n".join(lines) + "\n"


def nginx_snippet(sparql_upstream: str = "http://127.0.0.1:8000") -> str:
    """Two pieces: a map for the http {} block and locations for the server {} block."""
    return f"""# armoede-kg: content negotiation for nginx.
#
# 1. In the http {{ }} block: choose a file extension from the Accept header. nginx tests
#    the regexes in order; HTML first, so browsers get pages.
map $http_accept $armoede_kg_ext {{
    default                       .html;
    "~*text/html"                 .html;
    "~*application/xhtml\\+xml"    .html;
    "~*text/turtle"               .ttl;
    "~*application/x-turtle"      .ttl;
    "~*application/ld\\+json"      .jsonld;
    "~*application/json"          .jsonld;
    "~*application/n-triples"     .nt;
}}

# 2. In the server {{ }} block that serves the site folder (root /srv/armoede-kg/site;).
types {{
    text/html                 html;
    text/css                  css;
    text/turtle               ttl;
    application/ld+json       jsonld;
    application/n-triples     nt;
    application/trig          trig;
    application/n-quads       nq;
}}
charset utf-8;
charset_types text/turtle text/css application/ld+json application/n-triples application/trig application/n-quads;
index index.html;
add_header Access-Control-Allow-Origin "*" always;

# Things (/id/…, /graaf/…): 303 See Other to the representation asked for.
location ~ ^/(id|graaf)/ {{
    add_header Vary Accept always;
    add_header Access-Control-Allow-Origin "*" always;
    if (-f $request_filename$armoede_kg_ext) {{
        return 303 $uri$armoede_kg_ext;
    }}
    try_files $uri =404;
}}

# Documents: the ontology and the dataset description, answered directly.
location = /ontologie {{
    add_header Vary Accept always;
    try_files /ontologie$armoede_kg_ext =404;
}}
location = /void {{
    add_header Vary Accept always;
    try_files /void$armoede_kg_ext =404;
}}
location = /.well-known/void {{
    return 303 /void.ttl;
}}

# The read-only SPARQL endpoint of `armoede-kg serve`.
location = /sparql {{
    proxy_pass {sparql_upstream.rstrip('/')}/sparql;
    proxy_set_header Host $host;
    proxy_read_timeout 60s;
}}
"""
