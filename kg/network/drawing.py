"""Pictures: an entity's neighbourhood or a set of paths, as Graphviz DOT rendered to SVG/PNG.

The picture is a left-to-right tree: the entity (or the path's ends) on the left, what it
links to in the next column, their links in the one after. Large groups of alike links
("30 statements are about Krachtwerk") are cut to a few, with one "+ 25 meer" node, so a
picture stays readable at a glance. Colours are per kind of thing, with a legend; every
edge carries its relation, read in the direction the graph states it.

Rendering runs Graphviz' `dot` (apt-get install graphviz; another one with the environment
variable ARMOEDE_KG_DOT). Writing `.dot` needs no Graphviz.

>>> import kg
>>> from kg.network.drawing import neighbourhood, to_dot
>>> pic = neighbourhood(kg.load(), "De Geweldige Wijk")
>>> "Theorie van schaarste" in [n.label for n in pic.nodes.values()]
True
>>> to_dot(pic).startswith("digraph")
True
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import textwrap
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import TYPE_CHECKING

from rdflib import URIRef

from ..atomic import write_atomic
from ..errors import KgError, KgValueError, MissingDependencyError, OutputError
from ..model.entities import Entity, kind_label
from ..terms import AK
from .analyses import CLAIM_KINDS, Fact, Network, Path

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph

DOT_ENV = "ARMOEDE_KG_DOT"
FORMATS = {".svg": "svg", ".png": "png", ".dot": "dot", ".gv": "dot"}
FONT = "DejaVu Sans"

# kind → (fill, border); pale fills so black text stays readable, borders tell kinds apart
# for colour-blind readers together with the legend.
COLOURS: dict[str, tuple[str, str]] = {
    "interventie": ("#fde0b2", "#e69f00"),
    "theorie": ("#cfe8f7", "#0072b2"),
    "leefgebied": ("#c9ecd9", "#009e73"),
    "begrip": ("#e3f1e9", "#5a9c7a"),
    "bron": ("#f7f1b5", "#b8a400"),
    "document": ("#f3d3e6", "#cc79a7"),
    "principe": ("#dcd6f0", "#6a51a3"),
    "principeset": ("#dcd6f0", "#6a51a3"),
    "instrument": ("#f6cdb8", "#d55e00"),
    "mechanisme": ("#d7eef7", "#56b4e9"),
    "rol": ("#eeeeee", "#777777"),
    "erkenning": ("#eeeeee", "#777777"),
    "bevinding": ("#eeeeee", "#777777"),
    "uitspraak": ("#fafafa", "#aaaaaa"),
    "gemeente": ("#e8dff5", "#8e6bbf"),
    "organisatie": ("#e8dff5", "#8e6bbf"),
    "persoon": ("#e8dff5", "#8e6bbf"),
    "project": ("#e8e8d0", "#8c8c5a"),
    "activiteit": ("#e8e8d0", "#8c8c5a"),
}
DEFAULT_COLOUR = ("#ffffff", "#555555")
# the order of groups in a column: what explains an intervention first
_KIND_ORDER = ["theorie", "leefgebied", "principe", "instrument", "mechanisme", "bron", "document",
               "interventie", "rol", "erkenning", "bevinding", "begrip", "organisatie", "persoon",
               "gemeente", "project", "activiteit", "principeset", "uitspraak"]


@dataclass
class Node:
    id: str
    label: str
    kind: str
    depth: int
    seed: bool = False
    summary: bool = False
    iri: str | None = None
    junction: bool = False


@dataclass
class Edge:
    """A line in layout order (left → right). arrow: 'forward' when the graph states it left
    to right, 'back' when right to left, 'none' for the part of a grouped link without head."""

    left: str
    right: str
    label: str = ""
    arrow: str = "forward"
    sources: tuple[str, ...] = ()
    show_sources: bool = False
    minlen: int = 1
    dashed: bool = False


@dataclass
class Picture:
    """What to draw: nodes, edges and a title; to_dot() turns it into Graphviz."""

    title: str
    lang: str
    nodesep: float = 0.18
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    _by_iri: dict[str, Node] = field(default_factory=dict)

    def node_for(self, iri: URIRef, network: Network, depth: int, seed: bool = False) -> Node:
        key = str(iri)
        if key in self._by_iri:
            n = self._by_iri[key]
            n.seed = n.seed or seed
            return n
        n = Node(f"n{len(self.nodes)}", network.index.label(iri, network.lang), network.index.kind(iri),
                 depth, seed=seed, iri=key)
        self.nodes[n.id] = self._by_iri[key] = n
        return n

    def summary(self, kind: str, count: int, depth: int) -> Node:
        more = "meer" if self.lang == "nl" else "more"
        n = Node(f"n{len(self.nodes)}", f"+ {count} {more} ({kind_label(kind, self.lang)})", kind, depth,
                 summary=True)
        self.nodes[n.id] = n
        return n

    def junction(self, depth: int, label: str = "") -> Node:
        n = Node(f"n{len(self.nodes)}", label, "", depth, junction=True)
        self.nodes[n.id] = n
        return n

    def link(self, inner: Node, outer: Node, side: int, outward: bool, label: str = "",
             minlen: int = 1, dashed: bool = False, sources: tuple[str, ...] = (),
             show_sources: bool = False, head: bool = True) -> None:
        """A line between inner (nearer the centre) and outer, on side +1 (right) or -1
        (left); outward: the graph states inner → outer. head=False: no arrowhead here."""
        left, right = (inner, outer) if side > 0 else (outer, inner)
        forward = outward if side > 0 else not outward
        arrow = ("forward" if forward else "back") if head else "none"
        self.edges.append(Edge(left.id, right.id, label, arrow, sources, show_sources, minlen,
                               dashed=dashed))


def _best_fact(facts: Sequence[Fact], start: URIRef) -> Fact:
    """The fact to show for a link: read forwards from start, from the ontology, first."""
    return sorted(facts, key=lambda f: (f.subject != start, not str(f.predicate).startswith(str(AK)),
                                        f.label))[0]


# At most this many things around the centre (depth 1): with more kinds of links, fewer of
# each are shown, the rest counted in a "+ n meer" node.
BUDGET = 60
BUDGET_DEPTH_2 = 10  # the same, per thing at depth 1, for what it links to


def neighbourhood(kg: KnowledgeGraph, thing: str | URIRef | Entity, depth: int = 1,
                  per_group: int = 6) -> Picture:
    """The entity and what it links to (depth 1) and what those link to (depth 2). What it
    points to is drawn on the right, what points to it on the left; alike links (same
    relation, same kind) are one labelled line that fans out, with at most per_group shown
    (fewer when there are many groups, half as many at depth 2) and the rest counted."""
    if depth not in (1, 2):
        raise KgValueError("diepte moet 1 of 2 zijn", en="depth must be 1 or 2")
    if per_group < 2:
        raise KgValueError("per groep moeten minstens 2 buren getoond worden",
                           en="at least 2 neighbours per group must be shown")
    net = kg.network
    center = net._node(thing)
    title = (f"Omgeving van {net.index.label(center, net.lang)}" if net.lang == "nl"
             else f"Neighbourhood of {net.index.label(center, net.lang)}")
    pic = Picture(title, net.lang)
    pic.node_for(center, net, 0, seed=True)
    drawn: set[URIRef] = {center}
    frontier = _expand(pic, net, center, 0, per_group, drawn)
    if depth == 2:
        for n, side in frontier:
            if net.index.kind(n) in CLAIM_KINDS:
                continue  # a statement's other subjects would fill the picture with noise
            _expand(pic, net, n, side, max(2, per_group // 2), drawn)
    return pic


def _expand(pic: Picture, net: Network, node: URIRef, side: int, per_group: int,
            drawn: set[URIRef]) -> list[tuple[URIRef, int]]:
    """Add node's links, grouped and cut; side 0 = the centre (both sides), else the side of
    node. Returns the neighbours drawn with their side."""
    g, idx = net.semantic, net.index
    inner = pic.node_for(node, net, 0)
    groups: dict[tuple[str, bool, str], list[URIRef]] = defaultdict(list)
    for n in g.neighbors(node):
        fact = _best_fact(g.edges[node, n]["facts"], node)
        outward = fact.subject == node
        if n in drawn:
            # links between things already drawn would cross the picture: left out, the
            # picture shows one tree (paths show how two things connect)
            continue
        groups[(fact.label, outward, idx.kind(n))].append(n)
    budget = BUDGET if side == 0 else BUDGET_DEPTH_2
    per_group = max(2, min(per_group, budget // max(len(groups), 1)))

    def order(key: tuple[str, bool, str]) -> tuple[int, str]:
        kind = key[2]
        return (_KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER), key[0])

    kept: list[tuple[URIRef, int]] = []
    for key in sorted(groups, key=order):
        label, outward, kind = key
        here = side or (1 if outward else -1)
        members = sorted(groups[key], key=lambda n: (-g.degree(n), idx.label(n, net.lang)))
        show = members if len(members) <= per_group else members[: per_group - 1]
        rest = len(members) - len(show)
        outer_nodes = [pic.node_for(n, net, 0) for n in show]
        for n in show:
            drawn.add(n)
            kept.append((n, here))
        # the relation's name sits where the lines fan out: said once, never far from its
        # lines (Graphviz places edge labels of long curved edges ambiguously)
        hub = pic.junction(0, label)
        pic.link(inner, hub, here, outward, head=not outward)
        for o in outer_nodes:
            pic.link(hub, o, here, outward, head=outward)
        if rest:
            pic.link(hub, pic.summary(kind, rest, 0), here, outward, head=outward, dashed=True)
    return kept


def path_picture(kg: KnowledgeGraph, paths: Iterable[Path], title: str | None = None) -> Picture:
    """The routes of one or more paths, left to right, each link with the documents that
    state it."""
    net = kg.network
    routes = list(paths)
    if not routes:
        raise KgValueError("geen pad om te tekenen", en="no path to draw")
    first = routes[0]
    default = (f"Van {first.nodes[0].label} naar {first.nodes[-1].label}" if net.lang == "nl"
               else f"From {first.nodes[0].label} to {first.nodes[-1].label}")
    pic = Picture(title or default, net.lang, nodesep=0.6)
    seen: set[tuple[str, str]] = set()
    for route in routes:
        for i, step in enumerate(route.steps):
            a = pic.node_for(step.start.iri, net, i, seed=i == 0)
            b = pic.node_for(step.end.iri, net, i + 1, seed=i == len(route.steps) - 1)
            if (a.id, b.id) in seen:
                continue
            seen.add((a.id, b.id))
            pic.link(a, b, 1, step.forward, step.relation, sources=step.documents, show_sources=True)
    return pic


# -- DOT -----------------------------------------------------------------------------------------

def dot_string(text: str) -> str:
    """text as a DOT double-quoted string (backslashes and quotes escaped, no raw newlines)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + " ".join(escaped.splitlines()) + '"'


def _wrap(text: str, width: int = 28, lines: int = 3) -> list[str]:
    parts = textwrap.wrap(" ".join(text.split()), width=width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1].rstrip() + "…"
    return parts


def _html_label(lines: list[str], small: list[str] | None = None, bold: bool = False) -> str:
    body = "<BR/>".join(html.escape(x) for x in lines)
    if bold:
        body = f"<B>{body}</B>"
    if small:
        body += "<BR/>" + "<BR/>".join(f'<FONT POINT-SIZE="8" COLOR="#555555">{html.escape(x)}</FONT>'
                                       for x in small)
    return f"<{body}>"


def to_dot(pic: Picture) -> str:
    """The picture as a Graphviz digraph: left to right, coloured per kind, with a legend."""
    out = [
        "digraph armoede_kg {",
        f"  graph [rankdir=LR, fontname={dot_string(FONT)}, fontsize=16, labelloc=t, "
        f"label={dot_string(pic.title)}, ranksep=1.1, nodesep={pic.nodesep}, pad=0.3, bgcolor=white];",
        f"  node [shape=box, style=\"rounded,filled\", fontname={dot_string(FONT)}, fontsize=11, "
        "margin=\"0.12,0.06\"];",
        f"  edge [fontname={dot_string(FONT)}, fontsize=9, color=\"#666666\", fontcolor=\"#333333\", "
        "arrowsize=0.7];",
    ]
    for n in pic.nodes.values():
        if n.junction:
            text = "<BR/>".join(html.escape(x) for x in _wrap(n.label, 20, 2))
            out.append(f"  {n.id} [shape=plain, style=\"\", fontsize=10, fontcolor=\"#333333\", "
                       f"label=<<I>{text}</I>>];")
            continue
        fill, border = COLOURS.get(n.kind, DEFAULT_COLOUR)
        attrs = [f"label={_html_label(_wrap(n.label, 24 if n.seed else 28), bold=n.seed)}",
                 f"fillcolor={dot_string(fill)}", f"color={dot_string(border)}"]
        if n.seed:
            attrs += ["penwidth=3", "fontsize=14"]
        if n.summary:
            attrs += ["style=\"rounded,dashed,filled\"", "fontcolor=\"#444444\""]
        if n.iri:
            attrs += [f"tooltip={dot_string(n.iri)}", f"URL={dot_string(n.iri)}"]
        out.append(f"  {n.id} [{', '.join(attrs)}];")
    for e in pic.edges:
        attrs = []
        if e.label:
            small = list(e.sources) if e.show_sources else None
            attrs.append(f"label={_html_label(_wrap(e.label, 22, 2), small)}")
        # Graphviz ranks along the line's direction (left to right); the arrowhead shows the
        # direction the graph states, which may be the other way.
        attrs.append({"forward": "dir=forward", "back": "dir=back", "none": "dir=none"}[e.arrow])
        if e.minlen != 1:
            attrs.append(f"minlen={e.minlen}")
        if e.dashed:
            attrs.append("style=dashed")
        if e.sources:
            attrs.append(f"tooltip={dot_string('; '.join(e.sources))}")
        out.append(f"  {e.left} -> {e.right} [{', '.join(attrs)}];")
    out.append(_legend(pic))
    out.append("}")
    return "\n".join(out) + "\n"


def _legend(pic: Picture) -> str:
    kinds = sorted({n.kind for n in pic.nodes.values() if not n.junction},
                   key=lambda k: _KIND_ORDER.index(k) if k in _KIND_ORDER else len(_KIND_ORDER))
    by_colour: dict[tuple[str, str], list[str]] = {}
    for k in kinds:
        by_colour.setdefault(COLOURS.get(k, DEFAULT_COLOUR), []).append(k)
    head = "legenda" if pic.lang == "nl" else "legend"
    rows = [f'<TR><TD COLSPAN="2"><B>{head}</B></TD></TR>']
    for (fill, border), names in by_colour.items():
        rows.append(f'<TR><TD BGCOLOR="{fill}" COLOR="{border}" WIDTH="18"> </TD>'
                    f'<TD ALIGN="LEFT">{html.escape(", ".join(kind_label(k, pic.lang) for k in names))}</TD></TR>')
    table = (f'<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="3" CELLPADDING="3" COLOR="#bbbbbb">'
             f'{"".join(rows)}</TABLE>>')
    # in the seed's column: out of the way of the links
    seeds = [n.id for n in pic.nodes.values() if n.seed]
    same = f"  {{rank=same; legend; {seeds[0]}}}" if seeds else ""
    return f"  legend [shape=plain, style=\"\", label={table}];\n{same}"


# -- rendering ------------------------------------------------------------------------------------

def dot_program() -> str:
    """The path of Graphviz' dot, or a MissingDependencyError that says how to get it."""
    wanted = os.environ.get(DOT_ENV, "dot")
    found = shutil.which(wanted)
    if not found:
        raise MissingDependencyError(
            f"Graphviz-programma '{wanted}' niet gevonden: installeer Graphviz "
            f"(bijv. apt-get install graphviz) of schrijf DOT (een .dot-bestand)",
                                     en=f"Graphviz program '{wanted}' not found: install Graphviz "
                                        "(e.g. apt-get install graphviz) or write DOT (a .dot file)")
    return found


def render(dot_text: str, fmt: str) -> bytes:
    """DOT text rendered by Graphviz to svg or png (or the DOT text itself for 'dot')."""
    if fmt == "dot":
        return dot_text.encode("utf-8")
    if fmt not in ("svg", "png"):
        raise KgValueError(f"onbekend beeldformaat '{fmt}' (kies svg, png of dot)",
                           en=f"unknown image format '{fmt}' (choose svg, png or dot)")
    program = dot_program()
    args = [program, f"-T{fmt}"] + (["-Gdpi=110"] if fmt == "png" else [])
    try:
        done = subprocess.run(args, input=dot_text.encode("utf-8"), capture_output=True, timeout=120,
                              check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise KgError(f"Graphviz ({program}) kon niet tekenen: {exc}",
                      en=f"Graphviz ({program}) could not draw: {exc}") from None
    if done.returncode != 0 or not done.stdout:
        msg = " ".join(done.stderr.decode("utf-8", "replace").split())[:300]
        raise KgError(f"Graphviz ({program}) kon niet tekenen: {msg or 'geen uitvoer'}",
                      en=f"Graphviz ({program}) could not draw: {msg or 'no output'}")
    return done.stdout


def image_format(out: FilePath | str) -> str:
    """The image format for a file name by its suffix (svg, png or dot), or a KgValueError."""
    suffix = FilePath(out).suffix.lower()
    if suffix not in FORMATS:
        raise KgValueError(f"{out}: onbekend beeldformaat '{suffix}' (gebruik .svg, .png of .dot)",
                           en=f"{out}: unknown image format '{suffix}' (use .svg, .png or .dot)")
    return FORMATS[suffix]


def save(pic: Picture, out: FilePath | str, force: bool = False) -> FilePath:
    """Render the picture in the format its file name asks for and write it atomically."""
    fmt = image_format(out)
    target = FilePath(out)
    if target.exists() and not force and not target.is_dir():
        raise OutputError(f"{target}: bestaat al (gebruik --force of force=True om te overschrijven)",
                          en=f"{target}: exists already (use --force or force=True to overwrite)")
    return write_atomic(target, render(to_dot(pic), fmt), force=force)


def draw(kg: KnowledgeGraph, thing: str | URIRef | Entity, out: FilePath | str, depth: int = 1,
         per_group: int = 6, force: bool = False) -> FilePath:
    """Draw an entity's neighbourhood to out (.svg, .png or .dot)."""
    return save(neighbourhood(kg, thing, depth, per_group), out, force)


def draw_paths(kg: KnowledgeGraph, paths: Iterable[Path], out: FilePath | str,
               force: bool = False) -> FilePath:
    """Draw one or more paths (from kg.paths) to out (.svg, .png or .dot)."""
    return save(path_picture(kg, paths), out, force)
