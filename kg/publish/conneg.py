"""Content negotiation: which representation of a resource a client gets, by Accept header.

One rule set for all three servers: `armoede-kg serve` applies it here, and the generated
Apache (.htaccess) and nginx configuration (kg/publish/webconf.py) apply the same rules,
so that the same request gets the same answer from each (tests/test_webservers.py):

- q-values (RFC 9110 §12.4.2) count in thousandths: '0.5', '.5' and '0.500' are 500;
  digits past the third are dropped; anything that is not a qvalue counts as 0;
- an offer's quality comes from the most specific range that names it: an exact media
  type (or an alias: application/xhtml+xml for HTML, application/json for JSON-LD), then
  its type/*, then */*; among several exact names the highest q counts;
- the highest quality wins; on a tie an exact match beats type/*, which beats */*; then
  the offers' order (HTML, Turtle, JSON-LD, N-Triples);
- quality 0 for every offer: nothing acceptable (406). A missing or empty Accept header
  accepts anything.
"""

from __future__ import annotations

import re
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
# Paths of things (slash IRIs): 303 See Other in "see other" mode. The ontology (and its
# version IRIs, ontologie/<version>) and the dataset description are documents themselves,
# so they are always served directly.
THING_PREFIXES = ("id/", "graaf/")
DOCUMENTS = ("ontologie", "void")

Q_ONE = 1000  # q=1, in thousandths
_Q_ONE = re.compile(r"1(?:\.0*)?")
_Q_FRACTION = re.compile(r"0?\.(\d+)")


def qvalue(text: str) -> int:
    """A q parameter in thousandths (truncated past the third digit); 0 if it is no qvalue.

    >>> [qvalue(t) for t in ("1", "1.000", "0.5", ".25", "0.0005", "0", "1.5", "x")]
    [1000, 1000, 500, 250, 0, 0, 0, 0]
    """
    t = text.strip()
    if _Q_ONE.fullmatch(t):
        return Q_ONE
    m = _Q_FRACTION.fullmatch(t)
    return int((m.group(1) + "00")[:3]) if m else 0


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: int  # thousandths
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
        return [MediaRange("*", "*", Q_ONE, 0)]
    out = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        mt = fields[0].lower()
        if "/" not in mt:
            continue
        q = Q_ONE
        for f in fields[1:]:
            k, _, val = f.partition("=")
            if k.strip().lower() == "q":
                q = qvalue(val)
                break
        t, _, s = mt.partition("/")
        out.append(MediaRange(t, s, q, i))
    return out


def quality(ranges: list[MediaRange], offer: str, aliases: dict[str, str] | None = None) -> tuple[int, int]:
    """(q in thousandths, specificity 3/2/1) of an offer; (0, 0) when no range names it."""
    names = {offer} | {a for a, target in (ALIASES if aliases is None else aliases).items() if target == offer}
    exact = [r.q for r in ranges if any(r.matches(n) == 3 for n in names)]
    if exact:
        return max(exact), 3
    for spec in (2, 1):  # the offer's own type/*, then */*: the first such range counts
        found = next((r.q for r in ranges if r.matches(offer) == spec), None)
        if found is not None:
            return found, spec
    return 0, 0


def negotiate(header: str | None, offers: list[str] | tuple[str, ...],
              aliases: dict[str, str] | None = None) -> str | None:
    """The offer the client prefers most (see the module's rules), None if it accepts none.

    >>> negotiate("text/turtle", ["text/html", "text/turtle"])
    'text/turtle'
    >>> negotiate("text/html,application/xhtml+xml,*/*;q=0.8", ["text/html", "text/turtle"])
    'text/html'
    >>> negotiate("application/ld+json;q=0.5, text/turtle;q=0.9", ["text/html", "application/ld+json", "text/turtle"])
    'text/turtle'
    >>> negotiate("text/turtle, */*", ["text/html", "text/turtle"])
    'text/turtle'
    >>> negotiate("image/png", ["text/html"]) is None
    True
    """
    ranges = parse_accept(header)
    best: tuple[int, int, int] | None = None
    choice = None
    for pos, offer in enumerate(offers):
        q, spec = quality(ranges, offer, aliases)
        if q <= 0:
            continue
        key = (q, spec, -pos)
        if best is None or key > best:
            best, choice = key, offer
    return choice


def representation(header: str | None) -> tuple[str, str] | None:
    """(media type, file extension) for a resource request, or None (406)."""
    chosen = negotiate(header, [mt for mt, _ in RESOURCE_TYPES])
    if chosen is None:
        return None
    return next((mt, ext) for mt, ext in RESOURCE_TYPES if mt == chosen)
