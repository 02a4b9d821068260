"""A small picture of a resource's neighbourhood: the resource in the middle, the resources
it links to (and that link to it) on an ellipse around it, each a link to its page.

Plain SVG with fixed, rounded coordinates: no layout library, no randomness, same bytes
for the same graph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import URIRef
from rdflib.namespace import RDF

from ..terms import AK

if TYPE_CHECKING:
    from .html import PageContext

MAX_NEIGHBOURS = 10
W = 340
ROW = 27
CX = 62          # centre node, left
NX = 228         # neighbour column, right
NODE_W = 188     # widest neighbour box


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _esc(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


def neighbours(ctx: PageContext, iri: URIRef) -> list[tuple[URIRef, str, bool]]:
    """(neighbour, predicate label, outgoing?) — named resources first, mentions last."""
    m = ctx.m
    seen: dict[URIRef, tuple[URIRef, str, bool]] = {}
    for f in m.facts(iri):
        if f.predicate == RDF.type or not isinstance(f.value, URIRef) or f.value == iri:
            continue
        if ctx.iri_href(f.value) is None or not m.has(f.value):
            continue
        seen.setdefault(f.value, (f.value, m.label(f.predicate), True))
    for lk in m.incoming(iri):
        if lk.subject != iri and ctx.iri_href(lk.subject) is not None:
            seen.setdefault(lk.subject, (lk.subject, m.label(lk.predicate), False))

    # Variety beats volume: take neighbours round-robin over (direction, predicate) groups,
    # outgoing links first, mentions and unlabelled claim nodes last.
    groups: dict[tuple[bool, bool, str], list[tuple[URIRef, str, bool]]] = {}
    for item in seen.values():
        node = item[0]
        weak = AK.Mention in m.types(node) or not m.has_own_label(node)
        groups.setdefault((weak, not item[2], item[1]), []).append(item)
    out: list[tuple[URIRef, str, bool]] = []
    for weak in (False, True):
        ordered = [sorted(v, key=lambda it: m.label(it[0]).casefold())
                   for k, v in sorted(groups.items()) if k[0] == weak]
        depth = 0
        while any(len(g) > depth for g in ordered):
            out.extend(g[depth] for g in ordered if len(g) > depth)
            depth += 1
    return out


def neighbourhood_svg(ctx: PageContext, iri: URIRef) -> str:
    items = neighbours(ctx, iri)
    if not items:
        return ""
    extra = len(items) - MAX_NEIGHBOURS
    items = items[:MAX_NEIGHBOURS]
    n = len(items)
    height = max(90, n * ROW + 24 + (14 if extra > 0 else 0))
    cy = round((n * ROW) / 2 + 12, 1)
    parts = [f'<svg class="nb" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {height}" role="img" '
             f'aria-label="{_esc(ctx.m.label(iri))}">',
             '<defs><marker id="arr" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" '
             'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#9fb3bd"/></marker></defs>']
    nodes = []
    for i, (node, plabel, outgoing) in enumerate(items):
        y = round(12 + ROW / 2 + i * ROW, 1)
        left = NX - NODE_W / 2
        x0, y0, x1, y1 = CX + 52, cy, left - 2, y
        mid = round((x0 + x1) / 2, 1)
        path = f"M{x0},{y0} C{mid},{y0} {mid},{y1} {x1},{y1}" if outgoing else \
            f"M{x1},{y1} C{mid},{y1} {mid},{y0} {x0},{y0}"
        parts.append(f'<path d="{path}" fill="none" stroke="#9fb3bd" stroke-width="1.2" marker-end="url(#arr)">'
                     f"<title>{_esc(plabel)}</title></path>")
        href = ctx.iri_href(node) or ""
        label = _short(ctx.m.label(node), 30)
        nodes.append(
            f'<a href="{_esc(href)}"><title>{_esc(plabel)}: {_esc(ctx.m.label(node))}</title>'
            f'<rect x="{left}" y="{round(y - 10.5, 1)}" width="{NODE_W}" height="21" rx="10.5" '
            f'fill="#ffffff" stroke="#0b6e69" stroke-width="1"/>'
            f'<text x="{left + 9}" y="{round(y + 3.8, 1)}" font-size="10.5" fill="#0b6e69">{_esc(label)}</text></a>')
    parts.extend(nodes)
    centre = _short(ctx.m.label(iri), 16)
    parts.append(f'<rect x="{CX - 56}" y="{cy - 15}" width="112" height="30" rx="15" fill="#0b6e69"/>'
                 f'<text x="{CX}" y="{cy + 4}" font-size="11.5" font-weight="bold" text-anchor="middle" '
                 f'fill="#ffffff">{_esc(centre)}</text>')
    if extra > 0:
        more = f"+{extra} " + ("meer in de tabel" if ctx.lang == "nl" else "more in the table")
        parts.append(f'<text x="{NX}" y="{height - 6}" font-size="10" text-anchor="middle" fill="#5b6b76">'
                     f"{_esc(more)}</text>")
    parts.append("</svg>")
    return "".join(parts)
