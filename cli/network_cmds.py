"""Network commands: pad, vergelijkbaar, centraal, gemeenschappen, graaf.

Registered on the main group in cli/main.py. This module does not import cli.main at import
time (main imports this one), only inside the commands, for the shared graph loader.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kg.atomic import write_atomic
from kg.graph import KnowledgeGraph
from kg.model.entities import kind_label
from kg.network.analyses import Path as KgPath

from .formatting import FORMATS, render_records, wrap_option
from .language import lang_option, t

IMAGE_SUFFIXES = (".svg", ".png", ".dot", ".gv")


def _options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--format, --lang, --out, --force: the same as the other commands."""
    f = click.option("--force", is_flag=True, help="Overschrijf een bestaand uitvoerbestand.")(f)
    f = click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Schrijf naar dit bestand (atomair) in plaats van naar stdout.")(f)
    f = lang_option(f)
    f = wrap_option(f)
    f = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                     help="Uitvoerformaat.")(f)
    return f


def _graph(ctx: click.Context, lang: str) -> KnowledgeGraph:
    from .main import graph  # the shared loader (--data, --backend, --endpoint)

    return graph(ctx, lang)


def _emit(text: str, out: Path | None, force: bool) -> None:
    if out is None:
        click.echo(text)
    else:
        write_atomic(out, text + "\n", force=force)
        click.echo(f"{t('geschreven', 'written')}: {out}", err=True)


def _h(lang: str, nl: list[str], en: list[str]) -> list[str]:
    return nl if lang == "nl" else en


# -- pad ------------------------------------------------------------------------------------------

def _render_paths(paths: list[KgPath], fmt: str, lang: str) -> str:
    if fmt == "json":
        return json.dumps([p.to_dict() for p in paths], ensure_ascii=False, indent=2)
    header = _h(lang, ["pad", "stap", "van", "relatie", "naar", "volgens"],
                ["path", "step", "from", "relation", "to", "according to"])
    if fmt == "table":
        blocks = []
        for n, p in enumerate(paths, 1):
            rows = [[str(i), s.start.label, ("→ " if s.forward else "← ") + s.relation, s.end.label,
                     "; ".join(s.documents)] for i, s in enumerate(p.steps, 1)]
            more = ""
            if p.alternatives:
                more = (f"\n(en {p.alternatives} andere route(s) van dezelfde vorm via een andere uitspraak)"
                        if lang == "nl" else
                        f"\n(and {p.alternatives} other route(s) of the same shape through another statement)")
            blocks.append(f"{n}. {p.text()}{more}\n" + render_records(header[1:], rows, fmt))
        return "\n\n".join(blocks)
    rows = [[str(n), str(i), s.start.label, ("→ " if s.forward else "← ") + s.relation, s.end.label,
             "; ".join(s.documents)]
            for n, p in enumerate(paths, 1) for i, s in enumerate(p.steps, 1)]
    return render_records(header, rows, fmt)


@click.command("pad")
@click.argument("a")
@click.argument("b")
@click.option("--alle", "all_paths", is_flag=True,
              help="Alle korte paden (tot --max-lengte), niet alleen het kortste.")
@click.option("--max-lengte", "max_length", type=click.IntRange(1, 8), default=None,
              help="Hoogstens zoveel stappen (standaard 6 voor het kortste pad, 3 met --alle).")
@click.option("--aantal", "limit", type=click.IntRange(1, 100), default=10, show_default=True,
              help="Met --alle: hoogstens zoveel paden.")
@click.option("--zonder", "exclude", multiple=True, metavar="SOORT",
              help="Geen route door dingen van deze soort (bv. uitspraak); herhaalbaar.")
@_options
@click.pass_context
def pad(ctx: click.Context, a: str, b: str, all_paths: bool, max_length: int | None, limit: int,
        exclude: tuple[str, ...], fmt: str, lang: str, out: Path | None, force: bool) -> None:
    """Hoe A en B verbonden zijn: het kortste pad (of met --alle de korte paden), met per stap
    het document dat het zegt. Met --out x.svg/.png/.dot een plaatje van de paden.

    Vermeldingen, schema's en ontologietermen tellen niet mee; een stap via een uitspraak
    van een document telt als 1,5. --zonder uitspraak laat de zinnen van de documenten
    (ook kennislacunes) weg.
    """
    kg = _graph(ctx, lang)
    if all_paths:
        paths = kg.paths(a, b, max_length=max_length or 3, limit=limit, exclude=exclude).to_list()
    else:
        one = kg.path(a, b, max_length=max_length or 6, exclude=exclude)
        paths = [one] if one is not None else []
    if not paths:
        click.echo("geen verbinding gevonden" if lang == "nl" else "no connection found", err=True)
        ctx.exit(1)  # like search: a well-formed question without an answer
    if out is not None and out.suffix.lower() in IMAGE_SUFFIXES:
        from kg.network.drawing import draw_paths

        draw_paths(kg, paths, out, force=force)
        click.echo(f"{t('geschreven', 'written')}: {out}", err=True)
        return
    _emit(_render_paths(paths, fmt, lang), out, force)


# -- vergelijkbaar --------------------------------------------------------------------------------

@click.command("vergelijkbaar")
@click.argument("interventie")
@click.option("--aantal", "-k", "k", type=click.IntRange(1, 200), default=5, show_default=True,
              help="Hoeveel interventies.")
@_options
@click.pass_context
def vergelijkbaar(ctx: click.Context, interventie: str, k: int, fmt: str, lang: str,
                  out: Path | None, force: bool) -> None:
    """De interventies die het meest op INTERVENTIE lijken.

    Gewogen Jaccard-overeenkomst over theorieën (gewicht 3), principes (2), leefgebieden (2;
    wat de crosswalk gelijkstelt telt als één, een onderdeel telt ook als het geheel) en de
    woorden van de doelgroep (1): gedeeld gewicht / gewicht van alles wat een van beide heeft.
    """
    kg = _graph(ctx, lang)
    found = kg.similar(interventie, k)
    if fmt == "json":
        _emit(json.dumps(found.to_dicts(), ensure_ascii=False, indent=2), out, force)
        return
    rows = [[s.label, f"{s.score:.3f}", "; ".join(f.text() for f in s.shared)] for s in found]
    _emit(render_records(_h(lang, ["interventie", "score", "gedeeld"], ["intervention", "score", "shared"]),
                         rows, fmt), out, force)


# -- centraal -------------------------------------------------------------------------------------

@click.command("centraal")
@click.option("--soort", "kind", default="theorie", show_default=True,
              help="theorie, leefgebied, bron, principe, instrument, interventie, gemeente, …")
@click.option("--maat", "measure", type=click.Choice(["graad", "tussenligging", "degree", "betweenness"]),
              default="graad", show_default=True,
              help="graad: aan hoeveel interventies het verbonden is; tussenligging: welk deel van de "
                   "kortste verbindingen tussen interventies erdoorheen loopt.")
@click.option("--rol", "role", default=None,
              help="Tel alleen interventies met deze rol (integraal, versterker, samenhang, …).")
@click.option("--aantal", "-k", "k", type=click.IntRange(1, 500), default=10, show_default=True)
@_options
@click.pass_context
def centraal(ctx: click.Context, kind: str, measure: str, role: str | None, k: int, fmt: str, lang: str,
             out: Path | None, force: bool) -> None:
    """De meest verbindende theorieën, leefgebieden, bronnen … (bijv. welke theorie de meeste
    interventies onderbouwt)."""
    kg = _graph(ctx, lang)
    found = kg.central(kind, measure, k, role)
    if fmt == "json":
        _emit(json.dumps(found.to_dicts(), ensure_ascii=False, indent=2), out, force)
        return
    rows = [[c.label, kind_label(c.entity.kind, lang), f"{c.score:g}" if c.measure == "degree" else f"{c.score:.4f}",
             "; ".join(i.label for i in c.interventions)] for c in found]
    _emit(render_records(_h(lang, ["naam", "soort", "score", "interventies"],
                            ["name", "kind", "score", "interventions"]), rows, fmt), out, force)


# -- gemeenschappen -------------------------------------------------------------------------------

@click.command("gemeenschappen")
@click.option("--resolutie", "resolution", type=click.FloatRange(0.01, 20), default=1.0, show_default=True,
              help="Hoger geeft meer, kleinere groepen.")
@click.option("--min-grootte", "min_size", type=click.IntRange(2, 1000), default=2, show_default=True)
@_options
@click.pass_context
def gemeenschappen(ctx: click.Context, resolution: float, min_size: int, fmt: str, lang: str,
                   out: Path | None, force: bool) -> None:
    """Groepen interventies die onderbouwing delen (modulariteit op de overeenkomstgraaf van
    'vergelijkbaar'), met wat ze het meest delen."""
    kg = _graph(ctx, lang)
    found = kg.communities(resolution, min_size)
    if fmt == "json":
        _emit(json.dumps(found.to_dicts(), ensure_ascii=False, indent=2), out, force)
        return
    rows = [[str(c.number), str(len(c.members)), "; ".join(f"{f.text()} ({n})" for f, n in c.shared[:3]),
             "; ".join(m.label for m in c.members)] for c in found]
    _emit(render_records(_h(lang, ["groep", "grootte", "gedeeld", "leden"],
                            ["group", "size", "shared", "members"]), rows, fmt), out, force)


# -- graaf (picture) ------------------------------------------------------------------------------

@click.command("graaf")
@click.argument("entiteit")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Beeldbestand: .svg, .png of .dot (het formaat volgt de extensie).")
@click.option("--diepte", "depth", type=click.IntRange(1, 2), default=1, show_default=True)
@click.option("--per-groep", "per_group", type=click.IntRange(2, 50), default=6, show_default=True,
              help="Hoogstens zoveel gelijke verbindingen per groep; de rest wordt geteld.")
@lang_option
@click.option("--force", is_flag=True, help="Overschrijf een bestaand bestand.")
@click.pass_context
def graaf(ctx: click.Context, entiteit: str, out: Path, depth: int, per_group: int, lang: str,
          force: bool) -> None:
    """Teken de omgeving van ENTITEIT (diepte 1 of 2): kleuren per soort, relaties op de
    lijnen, legenda. Wat ernaar verwijst staat links, waarnaar het verwijst rechts."""
    from kg.network.drawing import draw

    kg = _graph(ctx, lang)
    draw(kg, entiteit, out, depth=depth, per_group=per_group, force=force)
    click.echo(f"{t('geschreven', 'written')}: {out}", err=True)


COMMANDS = (pad, vergelijkbaar, centraal, gemeenschappen, graaf)
