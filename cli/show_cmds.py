"""show, search, stats: one resource in both directions, full-text search, counts.

Registered on the main group in cli/main.py (LAZY_COMMANDS): imported only when one of them runs,
when cli.main is loaded, so the shared options and graph loader come from there.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

import click

from kg.graph import KnowledgeGraph
from kg.query.describe import IN, OUT, Description, short_graph
from kg.query.names import external_name

from .formatting import render_records
from .main import format_options, graph


def _h(lang: str, nl: list[str], en: list[str]) -> list[str]:
    return nl if lang == "nl" else en


# -- show -----------------------------------------------------------------------------------------

@click.command()
@click.argument("label")
@click.option("--soort", "kind", default=None, help="Beperk tot een soort (interventie, theorie, leefgebied, …).")
@format_options
@click.pass_context
def show(ctx: click.Context, label: str, kind: str | None, fmt: str, lang: str) -> None:
    """Alles over één entiteit: wat zij zegt en wat ernaar verwijst, per relatie en per document.

    Uitgaand: LABEL → relatie → waarde; inkomend: waarde → relatie → LABEL. Genummerde reeksen
    (de elementen van een checklist, de rijen van een tabel) staan in de volgorde van het document."""
    kg = graph(ctx, lang)
    d = kg.description(label, kind)
    click.echo(render_description(d, fmt, lang))


def render_description(d: Description, fmt: str, lang: str) -> str:
    """A description as a table per direction (table, md) or as one list of records."""
    if fmt in ("table", "md"):
        header = _h(lang, ["relatie", "waarde", "document"], ["relation", "value", "document"])
        blocks = [f"{d.label} ({d.kind})\n<{d.iri}>" if fmt == "table" else f"## {d.label} ({d.kind})\n\n<{d.iri}>"]
        for direction in (OUT, IN):
            links = [link for link in d.links if link.direction == direction]
            if not links:
                continue
            rows = [[link.relation, link.value_label, ", ".join(short_graph(g) for g in link.graphs)]
                    for link in links]
            title = _direction_title(direction, d.label, lang)
            blocks.append((f"### {title}\n\n" if fmt == "md" else f"{title}\n") + render_records(header, rows, fmt))
        if d.documents:
            legend = "\n".join(f"  {short_graph(g)} = {lab}" for g, lab in d.documents.items())
            blocks.append(("Documenten:\n" if lang == "nl" else "Documents:\n") + legend)
        return "\n\n".join(blocks)
    header = _h(lang, ["richting", "relatie", "waarde", "graaf", "volgnummer", "iri"],
                ["direction", "relation", "value", "graph", "ordinal", "iri"])
    names = {OUT: _h(lang, ["uit"], ["out"])[0], IN: "in"}
    rows = [[names[link.direction], link.relation, link.value_label, ", ".join(short_graph(g) for g in link.graphs),
             "" if link.ordinal is None else str(link.ordinal), "" if _is_literal(link.value) else str(link.value)]
            for link in d.links]
    return render_records(header, rows, fmt)


def _direction_title(direction: str, label: str, lang: str) -> str:
    if direction == OUT:
        return (f"Uitgaand: {label} → relatie → waarde" if lang == "nl"
                else f"Outgoing: {label} → relation → value")
    return (f"Inkomend: waarde → relatie → {label}" if lang == "nl"
            else f"Incoming: value → relation → {label}")


def _is_literal(node: object) -> bool:
    from rdflib import Literal

    return isinstance(node, Literal)


# -- search ---------------------------------------------------------------------------------------

@click.command()
@click.argument("text")
@click.option("--soort", "kind", default=None,
              help="Beperk tot een soort of klasse (interventie, theorie, project, cijfer, …); "
                   "met TEXT \"\" alles van die soort.")
@format_options
@click.pass_context
def search(ctx: click.Context, text: str, kind: str | None, fmt: str, lang: str) -> None:
    """Zoek TEXT in labels, definities, noten en de teksten van uitspraken en bevindingen.

    Hoofdletters en accenten tellen niet; per resultaat staat waar het gevonden is (welke
    eigenschap) met een fragment. Exit 1 als niets gevonden is."""
    kg = graph(ctx, lang)
    hits = kg.search_text(text, kind)
    header = _h(lang, ["label", "soort", "gevonden in", "fragment", "bij", "iri"],
                ["label", "kind", "matched in", "snippet", "about", "iri"])
    rows = [[h.label, h.kind, h.field, h.snippet, "; ".join(h.about), str(h.iri)] for h in hits]
    click.echo(render_records(header, rows, fmt))
    if not hits:
        sys.exit(1)


# -- stats ----------------------------------------------------------------------------------------

@click.command()
@format_options
@click.pass_context
def stats(ctx: click.Context, fmt: str, lang: str) -> None:
    """Aantallen per klasse en per brondocument (benoemde graaf)."""
    kg = graph(ctx, lang)
    if fmt == "json":
        click.echo(json.dumps(kg.stats(), ensure_ascii=False, indent=2))
        return
    rows = class_counts(kg)
    click.echo(render_records(_h(lang, ["klasse", "graaf", "aantal"], ["class", "graph", "count"]), rows, fmt))
    click.echo("")
    click.echo(render_records(_h(lang, ["graaf", "triples"], ["graph", "triples"]),
                              [[short_graph(g), str(n)] for g, n in kg.backend.graphs().items()], fmt))


def class_counts(kg: KnowledgeGraph) -> Sequence[list[str]]:
    """[class name, graph, count]: the class by its kern.ttl label, a reused class (skos:Concept)
    by its name, never its IRI."""
    rows = []
    for r in kg.query("statistiek-klassen"):
        name = str(r["klasseLabel"])
        if name == str(r["klasse"]):
            name = external_name(r["klasse"].term, kg.lang) or kg.label(r["klasse"].term)  # type: ignore[arg-type]
        rows.append([name, short_graph(r["graaf"].term), str(r["aantal"])])
    return sorted(rows, key=lambda row: (row[0].casefold(), row[1]))


COMMANDS = (show, search, stats)
