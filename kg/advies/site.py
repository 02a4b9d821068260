"""The checklist on the static site: a card on every intervention page, and a page with the
matrix of the eight integral interventions (the comparison the municipalities made, 001 l. 44).
Inline styles only, so that the site's stylesheet needs no change."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rdflib import URIRef

from .model import Assessment, blanket_note, verdict_text
from .picture import COLOURS, INK, to_svg

if TYPE_CHECKING:
    from ..publish.html import PageContext

MATRIX_REL = "checklist"


def _e(text: object) -> str:
    from ..publish.html import e

    return e(text)


def _badge(verdict: str, lang: str) -> str:
    return (f'<span style="background:{COLOURS[verdict]};color:{INK.get(verdict, "#1d2a33")};'
            f'border-radius:999px;padding:0 .5rem;white-space:nowrap">{_e(verdict_text(verdict, lang))}</span>')


def _where(ctx: PageContext, doc: str, lines: str) -> str:
    code = doc.rsplit("/", 1)[-1]
    r = "r." if ctx.lang == "nl" else "l."
    return f"{ctx.link(URIRef(doc), code)} {r} {_e(lines)}"


def checklist_card(ctx: PageContext, a: Assessment) -> str:
    """The card for an intervention page: per criterion the verdict and where it is stated."""
    nl = ctx.lang == "nl"
    rows = []
    for j in a.judgements:
        where = ", ".join(dict.fromkeys(_where(ctx, e.document, e.lines) for e in j.evidence))
        rows.append(f"<tr><td>{_e(j.criterion_label)}</td><td>{_badge(j.verdict, ctx.lang)}</td>"
                    f"<td>{where or '—'}</td></tr>")
    blanket = ""
    for e in a.blanket:
        blanket += f'<p class="where">{_e(blanket_note(ctx.lang))} ({_where(ctx, e.document, e.lines)})</p>'
    title = "Checklist voor passende ondersteuning" if nl else "Checklist for fitting support"
    more = "de acht naast elkaar en hoe er geoordeeld wordt" if nl else "the eight side by side and how it is judged"
    return (f'<div class="box" id="checklist"><h2>{_e(title)}</h2>'
            f'<table><tbody>{"".join(rows)}</tbody></table>{blanket}'
            f'<p><a href="{_e(ctx.href(MATRIX_REL))}">{_e(more)}</a></p></div>')


def matrix_page(ctx: PageContext, rows: Sequence[Assessment], rules: Sequence[tuple[str, str]]) -> str:
    """The page with the matrix of the given assessments and each rule in words."""
    from ..publish.html import frame, t

    nl = ctx.lang == "nl"
    title = "Checklist voor passende ondersteuning: de acht integrale interventies" if nl else \
        "Checklist for fitting support: the eight integral interventions"
    crit = [j.criterion_label for j in rows[0].judgements] if rows else []
    head = "".join(f"<th>{_e(c)}</th>" for c in crit)
    body = []
    for a in rows:
        cells = "".join(f"<td>{_badge(j.verdict, ctx.lang)}</td>" for j in a.judgements)
        body.append(f'<tr><td>{ctx.link(URIRef(a.intervention), a.label)}</td>{cells}</tr>')
    intro = ("Mensen in langdurige armoede schreven de checklist (001, r. 25–42); acht interventies bleven op de "
             "zeef liggen (001, r. 44). Per criterium staat hier wat de documenten over elke interventie zeggen: "
             "voldoet, deels, niet vermeld of tegenstrijdig. ‘Niet vermeld’ betekent: geen document zegt het "
             "— niet ‘nee’."
             if nl else
             "People in long-term poverty wrote the checklist (001, l. 25–42); eight interventions stayed on the sieve "
             "(001, l. 44). Per criterion this shows what the documents say about each intervention: meets, partly, "
             "not mentioned or contradictory. ‘Not mentioned’ means no document says it — not ‘no’.")
    rules_html = "".join(f"<dt>{_e(label)}</dt><dd>{_e(text)}</dd>" for label, text in rules)
    body_html = (f"<h1>{_e(title)}</h1><p class=\"lead\">{_e(intro)}</p>"
                 f'<div class="box" style="overflow-x:auto">{to_svg(rows, ctx.lang)}</div>'
                 f'<div style="overflow-x:auto"><table><thead><tr><th></th>{head}</tr></thead>'
                 f"<tbody>{''.join(body)}</tbody></table></div>"
                 f"<p>{_e(blanket_note(ctx.lang))}</p>"
                 f"<h2>{'Hoe er geoordeeld wordt' if nl else 'How it is judged'}</h2><dl>{rules_html}</dl>")
    crumbs = [(t("home", ctx.lang), ctx.href("index")), (title, None)]
    return frame(ctx, title, body_html, crumbs)
