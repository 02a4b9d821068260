"""Advice commands: toets (one intervention against the checklist for fitting support) and
advies (which integral interventions fit a request; --vergelijk for the checklist matrix).

Registered lazily in cli/main.py (LAZY_COMMANDS), which is loaded before this module is (its
shared loader and output options are used here); kg.advies is imported when a command runs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kg.errors import KgError

from .formatting import FORMATS, render_records
from .language import lang_option
from .main import emit, graph, output_options

if TYPE_CHECKING:
    from kg.advies.model import Advice, Assessment, Evidence

FORMAT_CHOICES = tuple(f for f in FORMATS if f != "tsv")


def _options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--format (no tsv), --lang, --uitleg, and the shared --out/--force."""
    f = output_options(f)
    f = click.option("--uitleg", is_flag=True, help="Druk de teksten van het bewijs volledig af.")(f)
    f = lang_option(f)
    f = click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="table", show_default=True,
                     help="Uitvoerformaat.")(f)
    return f


def _fail(ctx: click.Context, exc: KgError, lang: str) -> None:
    click.echo(f"{'error' if lang == 'en' else 'fout'}: {exc.message(lang)}", err=True)
    ctx.exit(exc.exit_code)


def _t(lang: str, nl: str, en: str) -> str:
    return en if lang == "en" else nl


def _doc(e: Evidence) -> str:
    return e.document.rsplit("/", 1)[-1]


# -- toets ----------------------------------------------------------------------------------------

def _evidence_rows(a: Assessment, lang: str) -> tuple[list[str], list[list[str]]]:
    from kg.advies.model import kind_text, verdict_text

    header = (["criterion", "verdict", "kind", "part", "claim", "document", "section", "lines"] if lang == "en"
              else ["criterium", "oordeel", "soort", "deel", "bewering", "document", "sectie", "regels"])
    rows = []
    for j in a.judgements:
        first = [j.criterion_label, verdict_text(j.verdict, lang)]
        if not j.evidence:
            rows.append(first + ["", "", "", "", "", ""])
        for k, e in enumerate(j.evidence):
            lead = first if k == 0 else ["", ""]
            rows.append(lead + [kind_text(e.kind, lang), "; ".join(e.parts), e.text, _doc(e), e.section, e.lines])
    return header, rows


def _blanket_lines(a: Assessment, lang: str) -> list[str]:
    from kg.advies.model import blanket_note

    out = []
    for e in a.blanket:
        out.append(f"{blanket_note(lang)}\n  {_doc(e)} {e.section}, {_t(lang, 'r.', 'l.')} {e.lines}: {e.text}")
    if not a.blanket:
        out.append(_t(lang, "Geen algemene uitspraak: de interventie hoort niet bij de acht van de zeef (001 r. 44).",
                      "No blanket claim: the intervention is not one of the eight on the sieve (001 l. 44)."))
    return out


def _explain(a: Assessment, lang: str) -> list[str]:
    from kg.advies.model import kind_text, verdict_text

    out = []
    for j in a.judgements:
        out.append(f"{j.criterion_label} — {verdict_text(j.verdict, lang)}")
        for e in j.evidence:
            where = f"{_doc(e)} {_t(lang, 'r.', 'l.')} {e.lines} ({e.section})"
            out.append(f"  [{kind_text(e.kind, lang)}] {where}: {e.text}")
        if not j.evidence:
            out.append("  " + _t(lang, "geen document zegt hier iets over", "no document says anything about this"))
    return out


def render_assessment(a: Assessment, fmt: str, lang: str, explain: bool = False) -> str:
    if fmt == "json":
        return json.dumps(a.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "csv":
        records = a.rows()
        cols = list(records[0]) if records else []
        return render_records(cols, [["" if v is None else str(v) for v in r.values()] for r in records], "csv")
    header, rows = _evidence_rows(a, lang)
    title = _t(lang, f"{a.label} — checklist voor passende ondersteuning (001 r. 25–42)",
               f"{a.label} — checklist for fitting support (001 l. 25–42)")
    parts = [f"## {title}" if fmt == "md" else title, "", render_records(header, rows, fmt), ""]
    parts += _blanket_lines(a, lang)
    if explain:
        parts += ["", _t(lang, "Bewijs, volledig:", "Evidence in full:")] + _explain(a, lang)
    return "\n".join(parts)


@click.command("toets")
@click.argument("interventie")
@_options
@click.pass_context
def toets(ctx: click.Context, interventie: str, fmt: str, lang: str, uitleg: bool, out: Path | None,
          force: bool) -> None:
    """Toets één interventie aan de checklist voor passende ondersteuning (001 r. 25–42): per
    criterium het oordeel (voldoet / deels / niet vermeld / tegenstrijdig) met bewijs."""
    try:
        kg = graph(ctx, lang)
        emit(render_assessment(kg.assess(interventie), fmt, lang, uitleg), out, force)
    except KgError as exc:
        _fail(ctx, exc, lang)


# -- advies ---------------------------------------------------------------------------------------

def _level(label: str) -> str:
    return label.split(" ", 1)[0] if label[:1] in "ABC" and label[1:2] == " " else label


def _request_line(advice: Advice, lang: str) -> str:
    r = advice.request
    bits = []
    if r["leefgebied"]:
        bits.append(_t(lang, "leefgebieden: ", "life domains: ") + ", ".join(r["leefgebied"]))
    if r["niveau"]:
        bits.append(_t(lang, "niveau ", "level ") + _level(r["niveau"]))
    flags = [("erkend", "erkend", "recognised"),
             ("toegepast_in_nederland", "toegepast in Nederland", "applied in the Netherlands"),
             ("ervaringsdeskundigen", "met ervaringsdeskundigen", "with experience experts"),
             ("krachtgericht", "krachtgericht", "strength-based"),
             ("stress_sensitief", "stress-sensitief", "stress-sensitive")]
    bits += [_t(lang, nl, en) for key, nl, en in flags if r[key]]
    if r["erkenning"]:
        bits.append(_t(lang, "erkenning ", "recognition ") + r["erkenning"])
    if r["doelgroep"]:
        bits.append(_t(lang, "doelgroep bevat ", "target group contains ") + repr(r["doelgroep"]))
    return _t(lang, "Verzoek: ", "Request: ") + ("; ".join(bits) if bits else _t(lang, "geen filters", "no filters"))


def _nothing(advice: Advice, lang: str) -> str:
    worst = advice.strictest_filter
    if worst is None:
        return _t(lang, "Geen interventie gevonden.", "No intervention found.")
    n = advice.removed_by[worst]
    return _t(lang, f"Geen interventie past bij dit verzoek. Het filter dat de meeste kandidaten wegnam: {worst} "
                    f"({n} van {advice.considered}).",
              f"No intervention fits this request. The filter that removed the most candidates: {worst} "
              f"({n} of {advice.considered}).")


def render_advice(advice: Advice, fmt: str, lang: str, explain: bool = False) -> str:
    from kg.advies.model import verdict_text

    if fmt == "json":
        return json.dumps(advice.to_dict(), ensure_ascii=False, indent=2)
    first = advice.candidates[0].assessment.judgements if advice.candidates else ()
    crit = [(j.rule, j.criterion_label) for j in first]
    header = (["rank", "intervention", "level", "criteria met", "requested domains covered", "criteria partly"]
              if lang == "en" else
              ["rang", "interventie", "niveau", "criteria voldoet", "gevraagde leefgebieden gedekt", "criteria deels"])
    header += [c[0] for c in crit]  # the rule names (queries/toets/<name>.rq): short column heads
    n_dom = len(advice.request["leefgebied"])
    rows = [[str(c.rank), c.label, _level(c.level), str(c.assessment.met), f"{len(c.covered)}/{n_dom}",
             str(c.assessment.partly)] + [verdict_text(c.assessment.verdict(rule), lang) for rule, _ in crit]
            for c in advice.candidates]
    if fmt == "csv":
        return render_records(header, rows, "csv")
    lines = [_request_line(advice, lang), advice.rule[:1].upper() + advice.rule[1:] + ".", ""]
    if not advice.candidates:
        return "\n".join(lines + [_nothing(advice, lang)])
    lines += [render_records(header, rows, fmt), ""]
    pad = "- " if fmt == "md" else "  "
    for c in advice.candidates:
        head = f"{c.rank}. {c.label} ({_level(c.level)})"
        lines.append(f"### {head}" if fmt == "md" else head)
        lines.append(pad + _t(lang, "erkenning: ", "recognition: ") + (", ".join(c.recognitions) or
                     _t(lang, "geen (volgens de documenten)", "none (according to the documents)")))
        if n_dom:
            lines.append(pad + _t(lang, "dekt: ", "covers: ") + (", ".join(c.covered) or "—"))
        for d in c.uncovered:
            names = ", ".join(f"{b.label} ({b.scope})" for b in c.boosters if b.domain == d)
            lines.append(pad + _t(lang, f"niet gedekt: {d} → versterkers: ", f"not covered: {d} → boosters: ")
                         + (names or "—"))
        for note in c.notes:
            lines.append(pad + _t(lang, "let op: ", "note: ") + note)
        lines.append(pad + _t(lang, "lees: ", "read: ") + "; ".join(c.documents))
        if explain:
            lines += ["    " + x for x in _explain(c.assessment, lang)]
    return "\n".join(lines)


def render_matrix(rows: Sequence[Assessment], fmt: str, lang: str, explain: bool = False) -> str:
    from kg.advies.model import verdict_text

    if fmt == "json":
        return json.dumps([a.to_dict() for a in rows], ensure_ascii=False, indent=2)
    crit = [j.criterion_label for j in rows[0].judgements] if rows else []
    header = [_t(lang, "interventie", "intervention")] + crit + [_t(lang, "zeef (001 r. 44)", "sieve (001 l. 44)")]
    body = [[a.label] + [verdict_text(j.verdict, lang) for j in a.judgements]
            + [_t(lang, "ja (groep)", "yes (group)") if a.blanket else "—"] for a in rows]
    text = render_records(header, body, fmt)
    if fmt == "csv" or not explain:
        return text
    return "\n".join([text, ""] + [line for a in rows for line in [a.label] + ["  " + x for x in _explain(a, lang)]])


@click.command("advies")
@click.option("--leefgebied", "domains", multiple=True, help="Leefgebied waaraan u werkt (herhaalbaar, elk schema).")
@click.option("--niveau", default=None, help="Niveau A, B of C (Tabel 1 van 000).")
@click.option("--erkend", is_flag=True, help="Alleen interventies met een erkenning (niveau en databank).")
@click.option("--erkenning", default=None, help="Alleen met dit erkenningsniveau (of een smaller niveau).")
@click.option("--toegepast-in-nederland", "applied", is_flag=True, help="Alleen wat in Nederland toegepast wordt.")
@click.option("--ervaringsdeskundigen", is_flag=True, help="Alleen met ervaringsdeskundigen of ervaringskennis.")
@click.option("--doelgroep", default=None, help="Doelgroep bevat deze tekst (bijv. gezinnen).")
@click.option("--krachtgericht", is_flag=True, help="Alleen wat een document krachtgericht noemt.")
@click.option("--stress-sensitief", "stress", is_flag=True,
              help="Alleen wat een document stress-sensitief (of 'krachtgericht en/of stress-sensitief') noemt.")
@click.option("--vergelijk", is_flag=True, help="Zet de genoemde interventies (standaard: de acht) naast elkaar.")
@click.option("--afbeelding", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Met --vergelijk: teken de matrix als .svg of .png.")
@click.argument("interventies", nargs=-1)
@_options
@click.pass_context
def advies(ctx: click.Context, domains: tuple[str, ...], niveau: str | None, erkend: bool, erkenning: str | None,
           applied: bool, ervaringsdeskundigen: bool, doelgroep: str | None, krachtgericht: bool, stress: bool,
           vergelijk: bool, afbeelding: Path | None, interventies: tuple[str, ...], fmt: str, lang: str,
           uitleg: bool, out: Path | None, force: bool) -> None:
    """Welke integrale interventies passen bij uw verzoek, gerangschikt volgens een vaste regel,
    met de checklist, de gedekte leefgebieden en de versterkers voor de rest.

    Met --vergelijk A B C: de checklist van de genoemde interventies naast elkaar."""
    try:
        if (interventies or afbeelding) and not vergelijk:
            raise KgError("interventies noemen of --afbeelding kan alleen met --vergelijk",
                          en="naming interventions or --afbeelding needs --vergelijk")
        kg = graph(ctx, lang)
        if vergelijk:
            names = list(interventies) or [c.iri for c in kg.advise()]
            rows = kg.compare(names)
            if afbeelding is not None:
                from kg.advies.picture import save

                save(rows, afbeelding, lang, force)
                click.echo(f"{_t(lang, 'geschreven', 'written')}: {afbeelding}", err=True)
            emit(render_matrix(rows, fmt, lang, uitleg), out, force)
            return
        advice = kg.advise(domains=domains, level=niveau, recognised=erkend, recognition=erkenning,
                           applied_in_netherlands=applied, experience_experts=ervaringsdeskundigen,
                           target_group=doelgroep, strength_based=krachtgericht, stress_sensitive=stress)
        emit(render_advice(advice, fmt, lang, uitleg), out, force)
    except KgError as exc:
        _fail(ctx, exc, lang)


COMMANDS = [toets, advies]
