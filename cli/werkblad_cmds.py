"""Werkblad commands: kopie, sjabloon, werkblad, toevoegen, diff, release.

Registered on the main group in cli/main.py (LAZY_COMMANDS). Writing commands write into a
working copy of the data (--data DIR), never into the installed package."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.errors import KgError

from .formatting import render_records
from .language import lang_option


def _data(ctx: click.Context) -> Path | None:
    data = ctx.find_root().params.get("data")
    return Path(data) if data is not None else None


@click.command()
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--leeg", is_flag=True, help="Alleen de ontologie, de vormen en de begrippenschema's, geen documenten.")
def kopie(target: Path, leeg: bool) -> None:
    """Maak in TARGET een werkkopie van de meegeleverde data, om in toe te voegen (--data TARGET)."""
    from kg.werkblad.werkmap import copy_data, warm_caches

    copy_data(target, empty=leeg)
    warm_caches(target)
    click.echo(f"werkkopie gemaakt: {target}\nvoeg toe met: armoede-kg --data {target} toevoegen WERKBLAD.yaml")


@click.command()
def sjabloon() -> None:
    """Print een ingevuld voorbeeldwerkblad met uitleg (YAML), om te kopiëren en aan te passen."""
    from kg.werkblad.mapping import TABLE

    click.echo(TABLE.with_name("sjabloon.yaml").read_text(encoding="utf-8"), nl=False)


@click.command()
@click.argument("label")
@click.option("--document", "doc_id", default=None,
              help="Welk document (id, bijv. 000); standaard het eerste dat de interventie noemt.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Schrijf naar dit bestand.")
@click.option("--force", is_flag=True, help="Overschrijf een bestaand uitvoerbestand.")
@click.pass_context
def werkblad(ctx: click.Context, label: str, doc_id: str | None, out: Path | None, force: bool) -> None:
    """Exporteer een interventie uit de graaf als werkblad (YAML); aangepast weer toevoegen = een wijziging."""
    from kg.graph import load
    from kg.werkblad.export import Exporter, to_yaml
    from kg.werkblad.toevoegen import is_werkblad_file, target_file

    kg = load(_data(ctx))
    iv = kg.resolve(label, "interventie")
    exporter = Exporter(kg.backend.dataset(), kg.labels)
    docs = exporter.documents_of(iv)
    if doc_id is None:
        if not docs:
            raise KgError(f"'{label}' staat in geen enkel document", en=f"'{label}' is in no document")
        # a document made from a werkblad first: that is the one an edited werkblad can change
        docs.sort(key=lambda d: not (target_file(kg.ontology_dir, d).exists()
                                     and is_werkblad_file(target_file(kg.ontology_dir, d))))
        doc_id = docs[0]
        if len(docs) > 1:
            click.echo(f"ook in: {', '.join(docs[1:])} (kies met --document)", err=True)
    elif doc_id not in docs:
        raise KgError(f"document '{doc_id}' noemt '{label}' niet (wel: {', '.join(docs) or 'geen'})",
                      en=f"document '{doc_id}' does not name '{label}' (it is in: {', '.join(docs) or 'none'})")
    text = to_yaml(exporter.werkblad(doc_id, [iv]))
    from .main import emit

    emit(text.rstrip("\n"), out, force)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@lang_option
@click.pass_context
def toevoegen(ctx: click.Context, files: tuple[Path, ...], fmt: str, lang: str) -> None:
    """Voeg werkbladen (YAML of CSV) toe aan de werkkopie (--data MAP): één Turtle-bestand per document.

    Alles wordt eerst gecontroleerd (velden, labels, SHACL en kwaliteitscontroles); bij een
    fout wordt niets geschreven."""
    from kg.werkblad.toevoegen import add, summary

    try:
        written = add(_data(ctx), list(files), lang=lang)
    except KgError as exc:
        click.echo(f"fout: {exc.message(lang)}", err=True)
        ctx.exit(exc.exit_code)
    rows = summary(written)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    header = ["document", "bestand", "interventies", "nieuw"]
    click.echo(render_records(header, [[str(r[k]) if k != "nieuw" else ("ja" if r[k] else "nee (gewijzigd)")
                                        for k in header] for r in rows], "table"))


@click.command()
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["table", "md", "json"]), default="table", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Schrijf naar dit bestand.")
@click.option("--force", is_flag=True, help="Overschrijf een bestaand uitvoerbestand.")
def diff(old: str, new: str, fmt: str, out: Path | None, force: bool) -> None:
    """Wat is er veranderd van OLD naar NEW, per benoemde graaf en per resource (exit 0 gelijk, 1 verschil).

    OLD en NEW zijn datamappen, releasemappen, git-revisies van één map (REV:MAP, bijv.
    `armoede-kg diff HEAD~1:ontologie ontologie`) of `meegeleverd` (de data van het pakket)."""
    from kg.werkblad.diff import HEADER
    from kg.werkblad.diff import diff as compute

    from .main import emit

    change = compute(old, new)
    if fmt == "json":
        text = json.dumps(change.as_dict(), ensure_ascii=False, indent=2)
    elif fmt == "md":
        text = change.markdown().rstrip("\n")
    else:
        text = render_records(HEADER, change.rows(), "table") if not change.empty else "geen wijzigingen"
    emit(text, out, force)
    if not change.empty:
        raise SystemExit(1)


@click.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--versie", "version", required=True, help="Versienummer, bijv. 1.2.0.")
@click.option("--vorige", "previous", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help="Map van de vorige release: het changelog wordt het verschil daarmee.")
@click.option("--datum", "date", default=None, help="Datum van de release (JJJJ-MM-DD; standaard vandaag).")
@click.pass_context
def release(ctx: click.Context, out: Path, version: str, previous: Path | None, date: str | None) -> None:
    """Stempel versie en datum op de werkkopie (--data MAP) en schrijf een release naar OUT.

    OUT krijgt Turtle per benoemde graaf (graaf/), N-Quads, JSON-LD, een datasetbeschrijving,
    SHA256SUMS en CHANGELOG.md (het verschil met --vorige)."""
    from kg.werkblad.release import make_release

    done = make_release(_data(ctx), version, out, previous=previous, date=date)
    click.echo(f"release {done.version} ({done.date}) geschreven naar {done.folder}: {len(done.files)} bestanden")


COMMANDS = [kopie, sjabloon, werkblad, toevoegen, diff, release]
