"""HTML pages of the publication, written with plain functions and html.escape.

Every link between pages is relative ('../theorie/krachtmodel.html'), so the site works
from any host, any sub-folder and from disk; each page shows the resource's canonical IRI.
Labels are Dutch by default (the model's language), with English where the data has it.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import BNode, Node

from ..query.describe import Link as DescribedLink
from ..terms import AK, BASE
from .model import DCT_TITLE, Fact, SiteModel, is_published, local_name, rel_path
from .searchindex import search_form
from .svg import neighbourhood_svg
from .vocab import PREFIXES, qname

DCT = "http://purl.org/dc/terms/"
BIBO = "http://purl.org/ontology/bibo/"
FOAF_HOMEPAGE = URIRef("http://xmlns.com/foaf/0.1/homepage")
LOCATION_PROPS = {AK.inDocument, AK.section, AK.startLine, AK.endLine, AK.startPage, AK.endPage}

T = {  # interface texts, nl / en
    "tagline": ("Kennisgraaf over langdurige armoede, chronische stress en ondersteuning",
                "Knowledge graph on long-term poverty, chronic stress and support"),
    "home": ("Home", "Home"), "interventions": ("Interventies", "Interventions"),
    "theories": ("Theorieën", "Theories"), "sources": ("Bronnen", "Sources"),
    "documents": ("Brondocumenten", "Source documents"), "ontology": ("Ontologie", "Ontology"),
    "dataset": ("Over de dataset", "About the dataset"), "sparql": ("SPARQL", "SPARQL"),
    "also": ("Ook bekend als", "Also known as"), "iri": ("IRI", "IRI"),
    "download": ("Download", "Download"), "all": ("Alle gegevens", "All statements"),
    "incoming": ("Verwijzingen hierheen", "Links to this resource"),
    "neighbourhood": ("Omgeving in de graaf", "Neighbourhood in the graph"),
    "property": ("eigenschap", "property"), "value": ("waarde", "value"),
    "stated_by": ("bron in de graaf", "stated in"), "more": ("en {n} meer", "and {n} more"),
    "facts": ("Kerngegevens", "Key facts"), "yes": ("ja", "yes"), "no": ("nee", "no"),
    "doelgroep": ("Doelgroep", "Target group"), "doel": ("Doel", "Goal"),
    "impact": ("Beoogde impact", "Intended impact"), "domains": ("Leefgebieden", "Life domains"),
    "onderbouwing": ("Onderbouwing", "Underpinning"), "erkenning": ("Erkenning", "Recognition"),
    "onderzoek": ("Onderzoek", "Research"), "bronnen": ("Bronnen met vindplaats", "Sources and locations"),
    "rollen": ("Rollen", "Roles"), "based_on": ("Gebaseerd op", "Based on"),
    "principles": ("Principes", "Principles"), "described_in": ("Beschreven in", "Described in"),
    "mentioned_in": ("Vermeld in", "Mentioned in"), "none_stated": ("Geen gegevens in de bronnen.",
                                                                    "Nothing stated in the sources."),
    "no_formal": ("Geen formele erkenning", "No formal recognition"),
    "class_index": ("Alle resources van deze klasse", "All resources of this class"),
    "count": ("aantal", "count"), "label": ("naam", "label"), "definition": ("omschrijving", "definition"),
    "in_graphs": ("documenten", "documents"), "triples": ("triples", "triples"),
    "graph": ("benoemde graaf", "named graph"), "derived_from": ("afgeleid van", "derived from"),
    "what_it_says": ("Wat dit document beschrijft", "What this document describes"),
    "classes": ("Klassen", "Classes"), "properties": ("Eigenschappen", "Properties"),
    "domain": ("domein", "domain"), "range": ("bereik", "range"), "constraints": ("SHACL-eisen", "SHACL constraints"),
    "path": ("pad", "path"), "requirement": ("eis", "requirement"), "message": ("melding", "message"),
    "subclass_of": ("subklasse van", "subclass of"), "inherited": ("geërfd van", "inherited from"),
    "licence": ("Licentie", "Licence"), "version": ("versie", "version"),
    "phases": ("Fasen", "Phases"), "instruments": ("Instrumenten", "Instruments"),
    "developed_by": ("Ontwikkeld door", "Developed by"), "website": ("Website", "Website"),
}


def t(key: str, lang: str) -> str:
    nl, en = T[key]
    return nl if lang == "nl" else en


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class SiteInfo:
    """What every page shows in its frame."""

    title: str
    version: str
    version_date: str
    licence: str
    lang: str


class PageContext:
    """Writes links relative to one page."""

    def __init__(self, model: SiteModel, page_rel: str, info: SiteInfo) -> None:
        self.m = model
        self.rel = page_rel  # e.g. 'id/interventie/krachtwerk' (no extension)
        self.dir = posixpath.dirname(page_rel)
        self.info = info
        self.lang = info.lang
        self._published = set(model.published)

    def href(self, target_rel: str, ext: str = ".html") -> str:
        return posixpath.relpath(target_rel + ext, self.dir or ".")

    @property
    def root(self) -> str:
        return self.href("index").removesuffix("index.html")

    def iri_href(self, iri: URIRef) -> str | None:
        s = str(iri)
        if iri in self._published:
            return self.href(rel_path(iri))
        if s.startswith(str(AK)):
            return self.href("ontologie") + "#" + local_name(iri)
        if s.startswith("http://") or s.startswith("https://"):
            return None if s.startswith(BASE) else s
        return None

    def link(self, iri: Node, text: str | None = None) -> str:
        if not isinstance(iri, URIRef):
            return e(text or self.m.label(iri))
        label = text if text is not None else self.m.label(iri)
        href = self.iri_href(iri)
        if href is None:
            return f'<span class="term">{e(label)}</span>'
        cls = ' class="ext" rel="noopener"' if href.startswith("http") else ""
        title = "" if href.startswith("http") else f' title="{e(qname(str(iri)) or str(iri))}"'
        return f'<a href="{e(href)}"{cls}{title}>{e(label)}</a>'

    def value(self, v: Node) -> str:
        if isinstance(v, URIRef):
            if v == FOAF_HOMEPAGE or not self.m.has_own_label(v) and not self.m.has(v) and \
                    not str(v).startswith(BASE):
                return self.link(v, str(v))
            return self.link(v)
        if isinstance(v, BNode):
            return f'<span class="term">_:{e(v)}</span>'
        assert isinstance(v, Literal)
        if v.datatype == XSD.boolean:
            return t("yes" if str(v) == "true" else "no", self.lang)
        text = e(v)
        if v.language and v.language != self.lang:
            text += f' <span class="lang">{e(v.language)}</span>'
        return text

    def doc_badges(self, graphs: Iterable[URIRef]) -> str:
        out = []
        for g in graphs:
            doc = self.m.graph_documents.get(g)
            code = self.m.graph_code(g).rsplit("/", 1)[-1]
            title = self.m.label(doc) if doc is not None else self.m.graph_code(g)
            href = self.href(rel_path(g)) if g in self._published else None
            if href:
                out.append(f'<a class="doc" href="{e(href)}" title="{e(title)}">{e(code)}</a>')
            else:
                out.append(f'<span class="doc" title="{e(title)}">{e(code)}</span>')
        return '<span class="docs">' + "".join(out) + "</span>" if out else ""


# -- the frame ---------------------------------------------------------------------------

CSS = """\
:root { --ink:#1d2a33; --muted:#5b6b76; --line:#d9e1e6; --bg:#f6f8f9; --accent:#0b6e69;
  --accent-soft:#e3f1ef; --warm:#b5562b; --card:#fff; }
* { box-sizing: border-box; }
body { margin:0; font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color:var(--ink);
  background:var(--bg); font-size:15px; line-height:1.5; }
a { color:var(--accent); text-decoration:none; } a:hover { text-decoration:underline; }
a.ext::after { content:" \\2197"; font-size:.8em; }
header.top { background:var(--accent); color:#fff; padding:.6rem 1.5rem; display:flex; flex-wrap:wrap;
  align-items:baseline; gap:.4rem 1.5rem; }
header.top a { color:#fff; } .brand { font-weight:700; font-size:1.15rem; letter-spacing:.02em; }
.tagline { color:#cfe8e5; font-size:.85rem; flex:1; }
header.top nav a { margin-left:1rem; font-size:.92rem; }
.wrap { max-width:1180px; margin:0 auto; padding:1rem 1.5rem 3rem; }
.crumbs { font-size:.85rem; color:var(--muted); margin:.2rem 0 .8rem; }
.crumbs a { color:var(--muted); }
h1 { font-size:1.9rem; margin:.2rem 0 .3rem; line-height:1.2; }
h2 { font-size:1.15rem; margin:1.6rem 0 .6rem; padding-bottom:.25rem; border-bottom:2px solid var(--accent-soft); }
h3 { font-size:1rem; margin:1rem 0 .3rem; }
.types { margin:.2rem 0 .6rem; }
.badge { display:inline-block; background:var(--accent-soft); color:var(--accent); border-radius:999px;
  padding:.05rem .65rem; font-size:.8rem; margin:0 .3rem .3rem 0; }
.badge.warm { background:#f8e7de; color:var(--warm); }
.iri { font-family: "DejaVu Sans Mono", monospace; font-size:.8rem; color:var(--muted); word-break:break-all; }
.downloads { font-size:.82rem; color:var(--muted); margin:.2rem 0 1rem; }
.downloads a { margin-right:.7rem; }
.lead { font-size:1.05rem; margin:.4rem 0; }
.alt { color:var(--muted); font-size:.9rem; }
.layout { display:grid; grid-template-columns: minmax(0,1fr) 340px; gap:1.8rem; align-items:start; }
.layout > * { min-width:0; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
aside .box, .card { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:.8rem 1rem;
  margin-bottom:1rem; }
aside h2, .card h2 { margin-top:0; font-size:1rem; }
dl.facts { display:grid; grid-template-columns: minmax(0,max-content) minmax(0,1fr); gap:.3rem .8rem; margin:0;
  font-size:.9rem; }
aside dl.facts { grid-template-columns: minmax(0,8.5rem) minmax(0,1fr); }
dl.facts dt { color:var(--muted); } dl.facts dd { margin:0; min-width:0; overflow-wrap:anywhere; }
.docs { margin-left:.35rem; white-space:nowrap; }
.doc { display:inline-block; font-size:.7rem; font-family:"DejaVu Sans Mono", monospace; background:#eef1f3;
  color:var(--muted);
  border:1px solid var(--line); border-radius:4px; padding:0 .3rem; margin-left:.15rem; vertical-align:middle; }
a.doc:hover { background:var(--accent-soft); color:var(--accent); text-decoration:none; }
.lang { font-size:.7rem; color:var(--muted); border:1px solid var(--line); border-radius:3px; padding:0 .2rem; }
ul.values { margin:.2rem 0; padding-left:1.2rem; } ul.values li { margin:.2rem 0; }
ul.chips { list-style:none; padding:0; margin:.3rem 0; } ul.chips li { display:inline-block;
  margin:0 .35rem .35rem 0; }
ul.chips li { border:1px solid var(--line); background:#fff; border-radius:999px;
  padding:.05rem .3rem .05rem .65rem; font-size:.85rem; }
ul.chips li .docs { margin-left:.2rem; }
ul.chips li .doc { font-size:.62rem; padding:0 .2rem; border:0; }
ul.incoming { list-style:none; margin:0; padding:0; }
ul.incoming li { margin:.1rem 0; }
form.search { position:relative; margin-left:auto; }
form.search input { width:16rem; max-width:60vw; padding:.25rem .5rem; border:1px solid var(--line);
  border-radius:4px; }
#kg-search-results { position:absolute; right:0; z-index:10; width:32rem; max-width:90vw; max-height:70vh;
  overflow:auto; margin:.25rem 0 0; padding:.25rem .5rem; list-style:none; background:var(--card);
  color:var(--ink); border:1px solid var(--line); border-radius:4px; box-shadow:0 4px 12px rgba(0,0,0,.15); }
header.top #kg-search-results a { color:var(--accent); font-weight:600; }
#kg-search-results li { padding:.3rem 0; border-bottom:1px solid var(--line); }
#kg-search-results .hit-meta { font-size:.8rem; color:var(--muted); overflow-wrap:anywhere; }
.card h3 { margin-top:0; } .card > p:first-child { margin-top:0; } .card .where { font-size:.8rem;
  color:var(--muted); margin-top:.3rem; }
.card dl.facts { margin-top:.4rem; }
table { border-collapse:collapse; width:100%; background:#fff; font-size:.88rem; }
th, td { text-align:left; vertical-align:top; padding:.35rem .55rem; border-bottom:1px solid var(--line); }
th { background:#eef3f4; font-weight:600; }
td.p { width:28%; color:var(--muted); }
.muted { color:var(--muted); }
.empty { color:var(--muted); font-style:italic; }
svg.nb { width:100%; height:auto; background:#fff; border:1px solid var(--line); border-radius:8px; }
svg.nb text { font-family:"DejaVu Sans", sans-serif; }
footer { border-top:1px solid var(--line); color:var(--muted); font-size:.8rem; padding:1rem 1.5rem;
  text-align:center; }
.grid { display:grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap:.8rem; }
.grid .card { margin:0; } .big { font-size:1.6rem; font-weight:700; color:var(--accent); }
textarea { width:100%; min-height:16rem; font-family:"DejaVu Sans Mono", monospace; font-size:.85rem; padding:.6rem;
  border:1px solid var(--line); border-radius:6px; }
button { background:var(--accent); color:#fff; border:0; border-radius:6px; padding:.5rem 1.2rem; font-size:.95rem;
  cursor:pointer; }
.error { background:#fdecea; border:1px solid #f5c2bd; color:#8a1c12; border-radius:6px; padding:.6rem .8rem; }
.scroll { overflow-x:auto; } .examples.chips li { font-size:.82rem; }
#results { margin-top:1rem; } code { font-family:"DejaVu Sans Mono", monospace; font-size:.85em; }
"""


def frame(ctx: PageContext, title: str, body: str, crumbs: Sequence[tuple[str, str | None]] = (),
          alternates: Sequence[tuple[str, str]] = (), canonical: str | None = None) -> str:
    lang = ctx.lang
    nav = [("klasse/ak-Intervention", t("interventions", lang)), ("klasse/ak-Theory", t("theories", lang)),
           ("klasse/ak-Source", t("sources", lang)), ("documenten", t("documents", lang)),
           ("ontologie", t("ontology", lang)), ("void", t("dataset", lang))]
    nav_html = "".join(f'<a href="{e(ctx.href(r))}">{e(lab)}</a>' for r, lab in nav)
    nav_html += f'<a href="{e(ctx.root)}sparql">{t("sparql", lang)}</a>'
    alt = "".join(f'\n<link rel="alternate" type="{e(mt)}" href="{e(h)}">' for mt, h in alternates)
    canon = f'\n<link rel="canonical" href="{e(canonical)}">' if canonical else ""
    crumb_html = ""
    if crumbs:
        parts = [f'<a href="{e(h)}">{e(lab)}</a>' if h else e(lab) for lab, h in crumbs]
        crumb_html = '<div class="crumbs">' + " › ".join(parts) + "</div>"
    info = ctx.info
    return f"""<!DOCTYPE html>
<html lang="{e(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)} · {e(info.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{e(ctx.href('style', '.css'))}">{alt}{canon}
</head>
<body>
<header class="top"><a class="brand" href="{e(ctx.href('index'))}">{e(info.title)}</a>
<span class="tagline">{e(t('tagline', lang))}</span>
<nav>{nav_html}</nav>{search_form(ctx.root, ctx.href("search", ".js"), lang)}</header>
<div class="wrap">
{crumb_html}
{body}
</div>
<footer>{e(info.title)} · {t('version', lang)} {e(info.version)} ({e(info.version_date)}) ·
{t('licence', lang)}: <a href="{e(info.licence)}" class="ext">{e(_licence_name(info.licence))}</a> ·
<a href="{e(ctx.href('void'))}">{e(t('dataset', lang))}</a></footer>
</body>
</html>
"""


def _licence_name(url: str) -> str:
    return "CC BY 4.0" if "creativecommons.org/licenses/by/4.0" in url else url


# -- building blocks -------------------------------------------------------------------

def _group(facts: Iterable[Fact]) -> dict[URIRef, list[Fact]]:
    out: dict[URIRef, list[Fact]] = {}
    for f in facts:
        out.setdefault(f.predicate, []).append(f)
    return out


def values_list(ctx: PageContext, facts: Sequence[Fact], chips: bool = False) -> str:
    if not facts:
        return f'<p class="empty">{t("none_stated", ctx.lang)}</p>'
    items = [ctx.value(f.value) + ctx.doc_badges(f.graphs) for f in facts]
    if chips:
        return '<ul class="chips">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
    if len(items) == 1:
        return f"<p>{items[0]}</p>"
    return '<ul class="values">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def facts_table(ctx: PageContext, facts: Sequence[Fact], skip: set[URIRef] = frozenset()) -> str:  # type: ignore[assignment]
    rows = []
    grouped = _group(f for f in facts if f.predicate not in skip)
    order = sorted(grouped, key=lambda p: (p != RDF.type, ctx.m.label(p).casefold(), str(p)))
    for p in order:
        ordered = sorted(grouped[p], key=lambda f: (ctx.m.label(f.value).casefold(), str(f.value)))
        vals = "<br>".join(ctx.value(f.value) + ctx.doc_badges(f.graphs) for f in ordered)
        rows.append(f'<tr><td class="p">{ctx.link(p)}</td><td>{vals}</td></tr>')
    if not rows:
        return ""
    lang = ctx.lang
    return (f'<table class="statements"><thead><tr><th>{t("property", lang)}</th><th>{t("value", lang)}'
            f"</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def small_dl(ctx: PageContext, node: Node, skip: set[URIRef]) -> str:
    grouped = _group(f for f in ctx.m.facts(node) if f.predicate not in skip and f.predicate != RDF.type)
    if not grouped:
        return ""
    rows = []
    for p in sorted(grouped, key=lambda p: ctx.m.label(p).casefold()):
        vals = "; ".join(ctx.value(f.value) for f in grouped[p])
        rows.append(f"<dt>{e(_cap(ctx.m.label(p)))}</dt><dd>{vals}</dd>")
    return '<dl class="facts">' + "".join(rows) + "</dl>"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def location_line(ctx: PageContext, node: Node) -> str:
    doc = ctx.m.value(node, AK.inDocument)
    where = ctx.m.location(node)
    if not where:
        return ""
    if isinstance(doc, URIRef):
        code = local_name(doc)
        rest = where[len(code):].lstrip(", ") if where.startswith(code) else where
        return (f'<div class="where">{ctx.link(doc)}' + (f", {e(rest)}" if rest else "") + "</div>")
    return f'<div class="where">{e(where)}</div>'


def incoming_html(ctx: PageContext, iri: URIRef, limit: int = 40) -> str:
    """What links to iri, per relation: in printed order where the document numbers things
    (the items of a checklist), each with the documents that state the link; a nameless
    claim (a statistic, a finding) by its text and source."""
    links = ctx.m.describer.describe(iri).incoming
    if not links:
        return ""
    grouped: dict[str, list[DescribedLink]] = {}
    for lk in links:
        grouped.setdefault(lk.relation, []).append(lk)
    rows = []
    for relation, items in grouped.items():
        shown = "".join(f"<li>{ctx.link(lk.value, lk.value_label)}{ctx.doc_badges(lk.graphs)}</li>"
                        for lk in items[:limit])
        if len(items) > limit:
            shown += f'<li class="muted">{e(t("more", ctx.lang).format(n=len(items) - limit))}</li>'
        rows.append(f'<tr><td class="p">{ctx.link(items[0].predicate, relation)}</td>'
                    f'<td><ul class="incoming">{shown}</ul></td></tr>')
    return (f'<h2 id="inkomend">{t("incoming", ctx.lang)}</h2><table class="statements"><tbody>'
            + "".join(rows) + "</tbody></table>")


def downloads(ctx: PageContext, rel: str) -> str:
    name = posixpath.basename(rel)
    return (f'<div class="downloads">{t("download", ctx.lang)}: '
            f'<a href="{e(name)}.ttl" type="text/turtle">Turtle</a>'
            f'<a href="{e(name)}.jsonld" type="application/ld+json">JSON-LD</a>'
            f'<a href="{e(name)}.nt" type="application/n-triples">N-Triples</a></div>')


def rdf_alternates(rel: str) -> list[tuple[str, str]]:
    name = posixpath.basename(rel)
    return [("text/turtle", f"{name}.ttl"), ("application/ld+json", f"{name}.jsonld"),
            ("application/n-triples", f"{name}.nt")]


def class_index_rel(cls: URIRef) -> str:
    q = qname(str(cls))
    return "klasse/" + (q.replace(":", "-") if q else local_name(cls))


def type_badges(ctx: PageContext, iri: URIRef) -> str:
    out = []
    for ty in sorted(ctx.m.types(iri), key=lambda x: ctx.m.label(x)):
        out.append(f'<a class="badge" href="{e(ctx.href(class_index_rel(ty)))}">{e(ctx.m.label(ty))}</a>')
    return '<div class="types">' + "".join(out) + "</div>" if out else ""


# -- resource pages ----------------------------------------------------------------------

def resource_page(ctx: PageContext, iri: URIRef, extra_aside: Sequence[str] = ()) -> str:
    m, lang = ctx.m, ctx.lang
    rel = rel_path(iri)
    label = m.label(iri)
    facts = m.facts(iri)
    types = m.types(iri)
    is_intervention = AK.Intervention in types
    head = [f"<h1>{e(label)}</h1>", type_badges(ctx, iri)]
    alts = sorted({str(f.value) for f in facts if f.predicate == SKOS.altLabel})
    if alts:
        head.append(f'<div class="alt">{t("also", lang)}: {e("; ".join(alts))}</div>')
    head.append(f'<div class="iri">{e(str(iri))}</div>')
    head.append(downloads(ctx, rel))
    for f in facts:
        if f.predicate == SKOS.definition and (not isinstance(f.value, Literal) or f.value.language in (None, lang)):
            head.append(f'<p class="lead">{e(f.value)}{ctx.doc_badges(f.graphs)}</p>')
    main: list[str] = []
    aside: list[str] = []
    if is_intervention:
        main.append(intervention_sections(ctx, iri))
        aside.append(intervention_facts(ctx, iri))
    aside.extend(extra_aside)
    main.append(f'<h2 id="gegevens">{t("all", lang)}</h2>' + facts_table(ctx, facts))
    main.append(incoming_html(ctx, iri))
    svg = neighbourhood_svg(ctx, iri)
    if svg:
        aside.append(f'<div class="box"><h2>{t("neighbourhood", lang)}</h2>{svg}</div>')
    crumbs: list[tuple[str, str | None]] = [(t("home", lang), ctx.href("index"))]
    if types:
        main_type = sorted(types, key=lambda x: (x != AK.Intervention, m.label(x)))[0]
        crumbs.append((_cap(m.label(main_type)), ctx.href(class_index_rel(main_type))))
    crumbs.append((label, None))
    body = "\n".join(head) + '\n<div class="layout"><div class="main">' + "\n".join(main) + \
        '</div><aside>' + "\n".join(aside) + "</aside></div>"
    return frame(ctx, label, body, crumbs, rdf_alternates(rel), str(iri))


def _facts_of(ctx: PageContext, iri: URIRef, pred: URIRef) -> list[Fact]:
    return [f for f in ctx.m.facts(iri) if f.predicate == pred]


def _sorted_nodes(ctx: PageContext, nodes: Iterable[Node]) -> list[Node]:
    def key(n: Node) -> tuple[str, int, str]:
        start = ctx.m.value(n, AK.startLine)
        line = int(start) if isinstance(start, Literal) and str(start).isdigit() else 0
        return (ctx.m.document_code(n), line, str(n))
    return sorted(set(nodes), key=key)


def intervention_sections(ctx: PageContext, iv: URIRef) -> str:
    m, lang = ctx.m, ctx.lang
    out = []

    def section(key: str, inner: str, anchor: str) -> None:
        out.append(f'<section id="{anchor}"><h2>{t(key, lang)}</h2>{inner}</section>')

    section("doelgroep", values_list(ctx, _facts_of(ctx, iv, AK.targetGroup)), "doelgroep")
    section("doel", values_list(ctx, _facts_of(ctx, iv, AK.goal)), "doel")
    impact = values_list(ctx, _facts_of(ctx, iv, AK.intendedImpact))
    domains = _facts_of(ctx, iv, AK.lifeDomain) + _facts_of(ctx, iv, AK.targets)
    if domains:
        impact += f"<h3>{t('domains', lang)}</h3>" + values_list(ctx, domains, chips=True)
    section("impact", impact, "impact")

    parts = []
    theories = _facts_of(ctx, iv, AK.basedOn)
    if theories:
        parts.append(f"<h3>{t('based_on', lang)}</h3>" + values_list(ctx, theories, chips=True))
    for f in _facts_of(ctx, iv, AK.underpinning):
        parts.append(f"<p>{ctx.value(f.value)}{ctx.doc_badges(f.graphs)}</p>")
    principles = _facts_of(ctx, iv, AK.hasPrinciple)
    if principles:
        by_set: dict[str, list[Fact]] = {}
        for f in principles:
            sets = m.values(f.value, AK.memberOf)
            key = m.label(sets[0]) if sets else t("principles", lang)
            by_set.setdefault(key, []).append(f)
        for name in sorted(by_set):
            items = sorted(by_set[name], key=lambda f: _ordinal(m, f.value))
            parts.append(f"<h3>{e(_cap(name))}</h3>" + values_list(ctx, items))
    for key, pred in (("phases", AK.hasPhase), ("instruments", AK.usesInstrument)):
        fs = _facts_of(ctx, iv, pred)
        if fs:
            fs = sorted(fs, key=lambda f: _ordinal(m, f.value))
            parts.append(f"<h3>{t(key, lang)}</h3>" + values_list(ctx, fs, chips=True))
    section("onderbouwing", "".join(parts) or values_list(ctx, []), "onderbouwing")

    cards = []
    for rec in _sorted_nodes(ctx, m.values(iv, AK.hasRecognition)):
        level = m.values(rec, AK.recognitionLevel)
        title = ", ".join(ctx.link(x) for x in level) if level else (
            t("no_formal", lang) if m.value(rec, AK.noFormalRecognition) is not None else ctx.link(rec))
        db = m.values(rec, AK.databank)
        sub = (" · " + ", ".join(ctx.link(d) for d in db)) if db else ""
        note = "".join(f"<p>{ctx.value(v)}</p>" for v in m.values(rec, SKOS.note))
        date = m.value(rec, URIRef(DCT + "date"))
        dated = f"<p class=\"muted\">{e(date)}</p>" if date is not None else ""
        cards.append(f'<div class="card"><h3>{title}{sub}</h3>{note}{dated}{location_line(ctx, rec)}'
                     f'<div class="where"><a href="{e(ctx.iri_href(rec) or "")}">{e(m.label(rec))}</a></div></div>'
                     if isinstance(rec, URIRef) and ctx.iri_href(rec) else
                     f'<div class="card"><h3>{title}{sub}</h3>{note}{dated}{location_line(ctx, rec)}</div>')
    section("erkenning", "".join(cards) or values_list(ctx, []), "erkenning")

    cards = []
    for fnd in _sorted_nodes(ctx, m.values(iv, AK.hasFinding)):
        text = "".join(f"<p>{ctx.value(v)}</p>" for v in m.values(fnd, AK.findingText))
        dl = small_dl(ctx, fnd, LOCATION_PROPS | {AK.findingText, SKOS.note, SKOS.editorialNote})
        note = "".join(f'<p class="muted">{ctx.value(v)}</p>' for v in m.values(fnd, SKOS.note))
        link = f'<div class="where"><a href="{e(ctx.iri_href(fnd) or "")}">{e(m.label(fnd))}</a></div>' \
            if isinstance(fnd, URIRef) and ctx.iri_href(fnd) else ""
        cards.append(f'<div class="card">{text}{dl}{note}{location_line(ctx, fnd)}{link}</div>')
    section("onderzoek", "".join(cards) or values_list(ctx, []), "onderzoek")

    parts = []
    described = _facts_of(ctx, iv, AK.describedIn)
    if described:
        cited = [f"<li>{citation(ctx, f.value)}{ctx.doc_badges(f.graphs)}</li>" for f in
                 sorted(described, key=lambda f: m.label(f.value).casefold())]
        parts.append(f"<h3>{t('described_in', lang)}</h3><ul class=\"values\">" + "".join(cited) + "</ul>")
    mentions = _sorted_nodes(ctx, m.values(iv, AK.mentionedIn))
    if mentions:
        listed: list[str] = []
        for men in mentions:
            doc = m.value(men, AK.inDocument)
            rest = m.location(men)
            code = m.document_code(men)
            rest = rest[len(code):].lstrip(", ") if code and rest.startswith(code) else rest
            listed.append(f"<li>{ctx.link(doc) if doc is not None else ''}"
                         f"{' — ' + e(rest) if rest else ''} <span class=\"doc\">{e(code)}</span></li>")
        parts.append(f"<h3>{t('mentioned_in', lang)}</h3><ul class=\"values\">" + "".join(listed) + "</ul>")
    homepage = _facts_of(ctx, iv, FOAF_HOMEPAGE)
    if homepage:
        parts.append(f"<h3>{t('website', lang)}</h3>" + values_list(ctx, homepage))
    section("bronnen", "".join(parts) or values_list(ctx, []), "bronnen")

    cards = []
    for role in _sorted_nodes(ctx, m.values(iv, AK.hasRole)):
        kinds = [ty for ty in m.types(role) if ty != AK.Role]
        title = ", ".join(_cap(m.label(k)) for k in kinds) or ctx.link(role)
        dl = small_dl(ctx, role, LOCATION_PROPS | {SKOS.note})
        note = "".join(f'<p class="muted">{ctx.value(v)}</p>' for v in m.values(role, SKOS.note))
        link = f' <a class="muted" href="{e(ctx.iri_href(role) or "")}">›</a>' if isinstance(role, URIRef) \
            and ctx.iri_href(role) else ""
        cards.append(f'<div class="card"><h3>{e(title)}{link}</h3>{dl}{note}{location_line(ctx, role)}</div>')
    section("rollen", "".join(cards) or values_list(ctx, []), "rollen")
    return "\n".join(out)


def _ordinal(m: SiteModel, node: Node) -> tuple[int, str]:
    o = m.value(node, AK.ordinal)
    try:
        return (int(str(o)), m.label(node)) if o is not None else (10**6, m.label(node))
    except ValueError:
        return (10**6, m.label(node))


def citation(ctx: PageContext, src: Node) -> str:
    """'Wolf, J. (2016). Krachtwerk. Coutinho.' with a link to the source page."""
    m = ctx.m
    if not isinstance(src, URIRef):
        return e(src)
    authors = m.value(src, AK.authors)
    year = m.value(src, AK.year)
    titles = [v for v in m.values(src, DCT_TITLE) if isinstance(v, Literal)]
    title = next((v for v in titles if v.language == ctx.lang), titles[0] if titles else None)
    where = m.value(src, AK.journal) or m.value(src, URIRef(DCT + "publisher"))
    parts = []
    if authors is not None:
        parts.append(e(authors) + (f" ({e(year)})" if year is not None else "") + ".")
    elif year is not None:
        parts.append(f"({e(year)}).")
    main = ctx.link(src, str(title) if title is not None else None)
    parts.append(f"<em>{main}</em>.")
    if where is not None:
        parts.append(e(where) + ".")
    uri = m.value(src, URIRef(BIBO + "uri"))
    if isinstance(uri, (URIRef, Literal)) and str(uri).startswith("http"):
        parts.append(f'<a class="ext" href="{e(uri)}" rel="noopener">{e(uri)}</a>')
    return " ".join(parts)


def intervention_facts(ctx: PageContext, iv: URIRef) -> str:
    m, lang = ctx.m, ctx.lang
    rows: list[tuple[str, str]] = []
    levels = [lv for r in m.values(iv, AK.hasRole) for lv in m.values(r, AK.level)]
    if levels:
        shown = ", ".join(ctx.link(x) for x in sorted(set(levels), key=str))
        rows.append(("Niveau" if lang == "nl" else "Level", shown))
    recs = m.values(iv, AK.hasRecognition)
    rec_levels = sorted({lv for r in recs for lv in m.values(r, AK.recognitionLevel)}, key=str)
    if rec_levels:
        rows.append((t("erkenning", lang), ", ".join(ctx.link(x) for x in rec_levels)))
    elif any(m.value(r, AK.noFormalRecognition) is not None for r in recs):
        rows.append((t("erkenning", lang), e(t("no_formal", lang))))
    for pred in (AK.strengthBased, AK.stressSensitive, AK.strengthBasedOrStressSensitive,
                 AK.involvesExperienceExperts, AK.hasFidelityModel, AK.appliedInNetherlands,
                 AK.originCountry, AK.developedBy, AK.ownedBy, AK.municipality, FOAF_HOMEPAGE):
        fs = _facts_of(ctx, iv, pred)
        if fs and pred == FOAF_HOMEPAGE:
            vals = sorted({ctx.link(f.value, _host(str(f.value))) for f in fs if isinstance(f.value, URIRef)})
            rows.append((t("website", lang), ", ".join(vals)))
        elif fs:
            vals = sorted({ctx.value(f.value) for f in fs})
            rows.append((_cap(m.label(pred)), ", ".join(vals)))
    docs = sorted({g for f in m.facts(iv) for g in f.graphs})
    rows.append((t("documents", lang), ctx.doc_badges(docs)))
    dl = "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<div class="box"><h2>{t("facts", lang)}</h2><dl class="facts">{dl}</dl></div>'


def _host(url: str) -> str:
    host = url.split("://", 1)[-1].split("/", 1)[0]
    return host.removeprefix("www.")


# -- index pages ---------------------------------------------------------------------------

def short_definition(m: SiteModel, iri: URIRef, lang: str, n: int = 160) -> str:
    for v in m.values(iri, SKOS.definition) + m.values(iri, AK.statementText) + m.values(iri, AK.findingText):
        if isinstance(v, Literal) and v.language in (None, lang):
            s = " ".join(str(v).split())
            return s if len(s) <= n else s[: n - 1] + "…"
    return ""


def class_index_page(ctx: PageContext, cls: URIRef, members: Sequence[URIRef]) -> str:
    m, lang = ctx.m, ctx.lang
    name = _cap(m.label(cls))
    rows = []
    for r in members:
        graphs = sorted({g for f in m.facts(r) for g in f.graphs})
        rows.append(f"<tr><td>{ctx.link(r)}</td><td class=\"muted\">{e(short_definition(m, r, lang))}</td>"
                    f"<td>{ctx.doc_badges(graphs)}</td></tr>")
    defn = short_definition(m, cls, lang, 400)
    body = (f"<h1>{e(name)}</h1><div class=\"iri\">{e(str(cls))}</div>"
            + (f'<p class="lead">{e(defn)}</p>' if defn else "")
            + f"<p>{len(members)} × · <a href=\"{e(ctx.iri_href(cls) or '')}\">{t('ontology', lang)}</a></p>"
            f"<table><thead><tr><th>{t('label', lang)}</th><th>{t('definition', lang)}</th>"
            f"<th>{t('in_graphs', lang)}</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")
    return frame(ctx, name, body, [(t("home", lang), ctx.href("index")), (name, None)])


def graph_page(ctx: PageContext, g: URIRef) -> str:
    """The page of a named graph: what it is, where it comes from, everything it describes."""
    m, lang = ctx.m, ctx.lang
    rel = rel_path(g)
    doc = m.graph_documents.get(g)
    title = m.label(doc) if doc is not None else m.graph_code(g)
    parts = [f"<h1>{e(title)}</h1>", f'<div class="types"><span class="badge">{t("graph", lang)}</span></div>',
             f'<div class="iri">{e(str(g))}</div>', downloads(ctx, rel)]
    if doc is not None:
        parts.append(f"<p>{t('derived_from', lang)}: {citation(ctx, doc)}</p>")
    parts.append(f"<p>{m.graph_sizes.get(g, 0)} {t('triples', lang)}</p>")
    by_class: dict[URIRef, list[URIRef]] = {}
    published = set(m.published)
    for s in sorted(m.by_graph.get(g, set())):
        if s not in published or s == g:
            continue
        tys = [ty for ty in m.types(s)] or [RDFS.Resource]
        main = sorted(tys, key=lambda x: m.label(x))[0]
        by_class.setdefault(main, []).append(s)
    parts.append(f"<h2>{t('what_it_says', lang)}</h2>")
    for cls in sorted(by_class, key=lambda c: m.label(c).casefold()):
        members = sorted(by_class[cls], key=lambda s: (m.label(s).casefold(), str(s)))
        links = "".join(f"<li>{ctx.link(s)}</li>" for s in members)
        parts.append(f"<h3>{e(_cap(m.label(cls)))} <span class=\"muted\">({len(members)})</span></h3>"
                     f'<ul class="chips">{links}</ul>')
    own = m.facts(g)
    if own:
        parts.append(f"<h2>{t('all', lang)}</h2>" + facts_table(ctx, own))
    crumbs = [(t("home", lang), ctx.href("index")), (t("documents", lang), ctx.href("documenten")), (title, None)]
    return frame(ctx, title, "\n".join(parts), crumbs, rdf_alternates(rel), str(g))


def documents_page(ctx: PageContext) -> str:
    m, lang = ctx.m, ctx.lang
    rows = []
    for g, n in m.graph_sizes.items():
        doc = m.graph_documents.get(g)
        name = ctx.link(g, m.label(doc) if doc is not None else m.graph_code(g))
        rows.append(f"<tr><td>{name}</td><td><code>{e(qname(str(g)) or str(g))}</code></td><td>{n}</td>"
                    f"<td>{citation(ctx, doc) if doc is not None else ''}</td></tr>")
    body = (f"<h1>{t('documents', lang)}</h1><p>"
            + ("Elk brondocument is een eigen benoemde graaf; de schema's, de ontologie en de bibliografie ook."
               if lang == "nl" else "Each source document is a named graph of its own; so are the schemes, "
               "the ontology and the bibliography.")
            + f"</p><table><thead><tr><th>{t('graph', lang)}</th><th>IRI</th><th>{t('triples', lang)}</th>"
            f"<th>{t('derived_from', lang)}</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")
    return frame(ctx, t("documents", lang), body, [(t("home", lang), ctx.href("index")), (t("documents", lang), None)])


def home_page(ctx: PageContext, description: str, example: Sequence[URIRef]) -> str:
    m, lang = ctx.m, ctx.lang
    cards = []
    for cls, members in sorted(m.instances.items(), key=lambda kv: (-len(kv[1]), m.label(kv[0]))):
        if str(cls).startswith(str(OWL)):
            continue
        cards.append(f'<div class="card"><div class="big">{len(members)}</div>'
                     f'<a href="{e(ctx.href(class_index_rel(cls)))}">{e(_cap(m.label(cls)))}</a></div>')
    total = sum(m.graph_sizes.values())
    ex = ", ".join(ctx.link(x) for x in example)
    body = (f"<h1>{e(ctx.info.title)}</h1><p class=\"lead\">{e(description)}</p>"
            f"<p>{total} {t('triples', lang)} · {len(m.graph_sizes)} {t('graph', lang)}en · "
            f"{len(m.published)} resources"
            + (f" · {'bijvoorbeeld' if lang == 'nl' else 'for example'} {ex}" if ex else "")
            + "</p>"
            f'<p><a href="{e(ctx.href("documenten"))}">{t("documents", lang)}</a> · '
            f'<a href="{e(ctx.href("ontologie"))}">{t("ontology", lang)}</a> · '
            f'<a href="{e(ctx.href("void"))}">{t("dataset", lang)} (VoID / DCAT)</a> · '
            f'<a href="{e(ctx.root)}sparql">SPARQL</a> · '
            f'<a href="{e(ctx.href("context", ".jsonld"))}">JSON-LD context</a> · '
            f'<a href="{e(ctx.href("dump/armoede-kg", ".trig"))}">TriG</a> · '
            f'<a href="{e(ctx.href("dump/armoede-kg", ".nq"))}">N-Quads</a></p>'
            f"<h2>{t('classes', lang)}</h2><div class=\"grid\">" + "".join(cards) + "</div>")
    return frame(ctx, ctx.info.title, body)


# -- ontology documentation --------------------------------------------------------------

def ontology_page(ctx: PageContext, constraints: dict[URIRef, list[tuple[str, str, str, URIRef]]]) -> str:
    """Every class and property with nl/en labels, definitions, domain/range, and the SHACL
    constraints (path, requirement, message, shape's target class) that apply to a class."""
    m, lang = ctx.m, ctx.lang
    onto = m.ontology_iri
    title = next((str(v) for v in m.values(onto, DCT_TITLE) if isinstance(v, Literal) and v.language == lang),
                 "ontologie")
    desc = next((str(v) for v in m.values(onto, URIRef(DCT + "description"))
                 if isinstance(v, Literal) and v.language == lang), "")
    parts = [f"<h1>{e(title)}</h1>", f'<div class="iri">{e(str(onto))}</div>', downloads(ctx, ctx.rel),
             f'<p class="lead">{e(desc)}</p>', small_dl(ctx, onto, {DCT_TITLE, URIRef(DCT + "description")}),
             f'<p><a href="{e(ctx.href("vormen", ".ttl"))}">SHACL (vormen.ttl)</a> · '
             f'<a href="{e(ctx.href("context", ".jsonld"))}">JSON-LD context</a></p>']
    toc_c = " · ".join(f'<a href="#{e(local_name(c))}">{e(local_name(c))}</a>' for c in m.ontology_classes)
    toc_p = " · ".join(f'<a href="#{e(local_name(p))}">{e(local_name(p))}</a>' for p in m.ontology_properties)
    parts.append(f"<h2>{t('classes', lang)}</h2><p>{toc_c}</p>")
    for c in m.ontology_classes:
        parts.append(_term_card(ctx, c, constraints.get(c, [])))
    parts.append(f"<h2>{t('properties', lang)}</h2><p>{toc_p}</p>")
    for p in m.ontology_properties:
        parts.append(_term_card(ctx, p, []))
    return frame(ctx, title, "\n".join(parts), [(t("home", lang), ctx.href("index")), (t("ontology", lang), None)],
                 rdf_alternates(ctx.rel), str(onto))  # ctx.rel: also at a version IRI


def _labels_of(m: SiteModel, iri: URIRef, pred: URIRef) -> dict[str, str]:
    out: dict[str, str] = {}
    for v in m.values(iri, pred):
        if isinstance(v, Literal):
            out.setdefault(v.language or "", str(v))
    return out


def _term_card(ctx: PageContext, term: URIRef, constraints: list[tuple[str, str, str, URIRef]]) -> str:
    m, lang = ctx.m, ctx.lang
    labels = _labels_of(m, term, RDFS.label)
    defs = _labels_of(m, term, SKOS.definition)
    rows = [("nl", e(labels.get("nl", ""))), ("en", e(labels.get("en", "")))]
    for code in ("nl", "en"):
        if code in defs:
            rows.append((f"{t('definition', lang)} ({code})", e(defs[code])))
    kinds = [ty for ty in m.types(term) if ty != OWL.Class]
    if kinds:
        rows.append(("type", ", ".join(e(m.label(k)) for k in kinds)))
    for key, pred in (("subclass_of", RDFS.subClassOf), ("subclass_of", RDFS.subPropertyOf),
                      ("domain", RDFS.domain), ("range", RDFS.range)):
        vals = m.values(term, pred)
        if vals:
            label = t(key, lang) if pred != RDFS.subPropertyOf else m.label(pred)
            rows.append((label, ", ".join(_term_ref(ctx, v) for v in vals)))
    inv = m.values(term, OWL.inverseOf)
    if inv:
        rows.append((m.label(OWL.inverseOf), ", ".join(_term_ref(ctx, v) for v in inv)))
    for note in m.values(term, RDFS.comment) + m.values(term, SKOS.scopeNote):
        if isinstance(note, Literal) and note.language in (None, lang):
            rows.append(("", e(note)))
    members = m.instances.get(term)
    if members:
        rows.append((t("count", lang), f'<a href="{e(ctx.href(class_index_rel(term)))}">{len(members)}</a>'))
    dl = "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in rows)
    shacl = ""
    if constraints:
        trs = []
        for path, req, msg, origin in constraints:
            inh = "" if origin == term else \
                f' <span class="muted">({t("inherited", lang)} {e(local_name(origin))})</span>'
            trs.append(f"<tr><td><code>{e(path)}</code></td><td>{e(req)}</td><td>{e(msg)}{inh}</td></tr>")
        shacl = (f"<h3>{t('constraints', lang)}</h3><table><thead><tr><th>{t('path', lang)}</th>"
                 f"<th>{t('requirement', lang)}</th><th>{t('message', lang)}</th></tr></thead><tbody>"
                 + "".join(trs) + "</tbody></table>")
    q = qname(str(term)) or str(term)
    return (f'<div class="card" id="{e(local_name(term))}"><h3>{e(q)} — {e(m.label(term))}</h3>'
            f'<div class="iri">{e(str(term))}</div><dl class="facts">{dl}</dl>{shacl}</div>')


def _term_ref(ctx: PageContext, v: Node) -> str:
    if isinstance(v, URIRef) and str(v).startswith(str(AK)):
        return f'<a href="#{e(local_name(v))}">{e(qname(str(v)))}</a>'
    if isinstance(v, URIRef):
        return f"<code>{e(qname(str(v)) or str(v))}</code> <span class=\"muted\">{e(ctx.m.label(v))}</span>"
    return e(v)


# -- dataset description and query page ----------------------------------------------------

def void_page(ctx: PageContext, rows: Sequence[tuple[str, str]], subsets: Sequence[tuple[URIRef, int]]) -> str:
    lang = ctx.lang
    dl = "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in rows)
    trs = "".join(f"<tr><td>{ctx.link(g, ctx.m.graph_code(g))}</td><td>{n}</td></tr>" for g, n in subsets)
    body = (f"<h1>{t('dataset', lang)}</h1>{downloads(ctx, 'void')}"
            f"<div class=\"box card\"><dl class=\"facts\">{dl}</dl></div>"
            f"<h2>{t('graph', lang)}en</h2><table><thead><tr><th>{t('graph', lang)}</th><th>{t('triples', lang)}</th>"
            "</tr></thead><tbody>" + trs + "</tbody></table>")
    return frame(ctx, t("dataset", lang), body, [(t("home", lang), ctx.href("index")), (t("dataset", lang), None)],
                 rdf_alternates("void"))


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    text: str


def query_page(ctx: PageContext, examples: Sequence[Example], query: str = "", result_html: str = "",
               error: str = "", endpoint: str = "sparql") -> str:
    """The SPARQL query form. Works without JavaScript: the form GETs the endpoint, which
    answers a browser (Accept: text/html) with this page and the result table; the example
    links load an example server-side, and a little script fills the box in place."""
    lang = ctx.lang
    ex_items = "".join(
        f'<li><a class="example" href="{e(endpoint)}?voorbeeld={e(x.name)}" data-name="{e(x.name)}" '
        f'title="{e(x.name)}">{e(x.title)}</a></li>' for x in examples)
    # textarea content is RCDATA: entities are decoded, '</script>' in a query cannot end anything
    scripts = "".join(f'<textarea hidden id="q-{e(x.name)}">{e(x.text)}</textarea>' for x in examples)
    err = f'<div class="error" role="alert">{e(error)}</div>' if error else ""
    intro = ("Alleen-lezen SPARQL 1.1-endpoint over alle benoemde grafen (de standaardgraaf is hun vereniging). "
             "Antwoorden als SPARQL JSON, XML, CSV of TSV naar de Accept-header; SERVICE en UPDATE worden geweigerd."
             if lang == "nl" else
             "Read-only SPARQL 1.1 endpoint over all named graphs (the default graph is their union). Results as "
             "SPARQL JSON, XML, CSV or TSV by Accept header; SERVICE and UPDATE are refused.")
    run = "Uitvoeren" if lang == "nl" else "Run"
    body = f"""<h1>SPARQL</h1><p>{e(intro)}</p>
<div class="box card"><h2>{'Voorbeelden' if lang == 'nl' else 'Examples'}</h2>
<ul class="examples chips">{ex_items}</ul></div>
<form method="get" action="{e(endpoint)}" id="queryform">
<textarea name="query" id="query" spellcheck="false">{e(query)}</textarea>
<p><button type="submit" id="run">{run}</button></p>
</form>
{err}
<div id="results">{result_html}</div>
{scripts}
<script>
document.querySelectorAll('a.example').forEach(function (a) {{
  a.addEventListener('click', function (ev) {{
    var src = document.getElementById('q-' + a.dataset.name);
    if (!src) return;
    ev.preventDefault();
    document.getElementById('query').value = src.value;
  }});
}});
</script>"""
    return frame(ctx, "SPARQL", body, [(t("home", lang), ctx.href("index")), ("SPARQL", None)])


def results_table(ctx: PageContext, columns: Sequence[str], rows: Sequence[Sequence[Node | None]],
                  note: str = "") -> str:
    head = "".join(f"<th>{e(c)}</th>" for c in columns)
    body = []
    for r in rows:
        cells = []
        for v in r:
            if v is None:
                cells.append("<td></td>")
            elif isinstance(v, URIRef) and is_published(v):
                cells.append(f'<td>{ctx.link(v, qname(str(v)) or str(v))}</td>')
            else:
                cells.append(f"<td>{ctx.value(v)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    n = len(rows)
    count = f'<p class="muted" id="rowcount">{n} {"rij" if n == 1 else "rijen"}{e(note)}</p>' if ctx.lang == "nl" else \
        f'<p class="muted" id="rowcount">{n} row{"" if n == 1 else "s"}{e(note)}</p>'
    return (count + f'<div class="scroll"><table id="resulttable"><thead><tr>{head}</tr></thead><tbody>'
            + "".join(body) + "</tbody></table></div>")


def not_found_page(ctx: PageContext, path: str) -> str:
    lang = ctx.lang
    msg = "Deze pagina bestaat niet" if lang == "nl" else "This page does not exist"
    return frame(ctx, msg, f"<h1>{msg}</h1><p><code>{e(path)}</code></p>"
                 f'<p><a href="{e(ctx.href("index"))}">{t("home", lang)}</a></p>')


__all__ = ["CSS", "PREFIXES", "PageContext", "SiteInfo", "class_index_page", "class_index_rel",
           "documents_page", "graph_page", "home_page", "ontology_page", "query_page", "resource_page",
           "results_table", "void_page"]
