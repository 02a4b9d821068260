"""`serve`'s /advies: the same advice as `armoede-kg advies`, for query-string filters.

GET /advies?leefgebied=financiën&leefgebied=ervaren+gezondheid&niveau=B&ervaringsdeskundigen=1
answers JSON (Accept: application/json or format=json) or an HTML page. Read-only: the filters
choose among the graph's interventions, nothing is written. Unknown parameters or labels are
a 400 with a one-line message ("bedoelde u …").
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rdflib import URIRef

from ..errors import KgError
from .model import Advice

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph
    from ..publish.html import PageContext

FLAGS = {"erkend": "recognised", "toegepast-in-nederland": "applied_in_netherlands",
         "ervaringsdeskundigen": "experience_experts", "krachtgericht": "strength_based",
         "stress-sensitief": "stress_sensitive"}
TEXTS = {"niveau": "level", "erkenning": "recognition", "doelgroep": "target_group"}
OTHER = {"leefgebied", "format", "lang"}
TRUE = {"1", "true", "ja", "yes", "on", ""}
MAX_DOMAINS = 10


def advice_for(kg: KnowledgeGraph, params: Sequence[tuple[str, str]]) -> Advice:
    """The advice for the query-string pairs; a KgError for what cannot be understood."""
    unknown = sorted({k for k, _ in params} - set(FLAGS) - set(TEXTS) - OTHER)
    if unknown:
        known = ", ".join(sorted([*FLAGS, *TEXTS, "leefgebied"]))
        raise KgError(f"onbekende parameter(s): {', '.join(unknown)} (wel: {known})",
                      en=f"unknown parameter(s): {', '.join(unknown)} (known: {known})")
    domains = [v for k, v in params if k == "leefgebied"]
    if len(domains) > MAX_DOMAINS:
        raise KgError(f"te veel leefgebieden (maximaal {MAX_DOMAINS})",
                      en=f"too many life domains (at most {MAX_DOMAINS})")
    args: dict[str, object] = {}
    for k, v in params:
        if k in FLAGS:
            if v.strip().lower() not in TRUE | {"0", "false", "nee", "no", "off"}:
                raise KgError(f"{k}={v[:40]!r}: gebruik 1 of 0", en=f"{k}={v[:40]!r}: use 1 or 0")
            args[FLAGS[k]] = v.strip().lower() in TRUE
        elif k in TEXTS:
            args[TEXTS[k]] = v
    return kg.advise(domains=domains, **args)  # type: ignore[arg-type]


def advice_json(advice: Advice) -> str:
    return json.dumps(advice.to_dict(), ensure_ascii=False, indent=2)


def advice_page(ctx: PageContext, advice: Advice) -> str:
    from ..publish.html import e, frame, t
    from .site import MATRIX_REL, _badge

    nl = ctx.lang == "nl"
    title = "Advies: welke interventies passen" if nl else "Advice: which interventions fit"
    parts = [f"<h1>{e(title)}</h1>", f"<p>{e(advice.rule)}</p>"]
    if not advice.candidates:
        worst = advice.strictest_filter
        msg = ("Geen interventie past bij dit verzoek." if nl else "No intervention fits this request.")
        if worst:
            msg += (f" Het filter dat de meeste kandidaten wegnam: {worst} ({advice.removed_by[worst]} van "
                    f"{advice.considered})." if nl else
                    f" The filter that removed the most candidates: {worst} ({advice.removed_by[worst]} of "
                    f"{advice.considered}).")
        parts.append(f"<p>{e(msg)}</p>")
    for c in advice.candidates:
        rows = "".join(f"<tr><td>{e(j.criterion_label)}</td><td>{_badge(j.verdict, ctx.lang)}</td></tr>"
                       for j in c.assessment.judgements)
        unc = "".join(
            f"<li>{e(d)} → {e(', '.join(f'{b.label} ({b.scope})' for b in c.boosters if b.domain == d))}</li>"
            for d in c.uncovered)
        figures = (f"{c.assessment.met} criteria voldoet, {len(c.covered)} gevraagde leefgebieden gedekt, "
                   f"{c.assessment.partly} deels" if nl else
                   f"{c.assessment.met} criteria met, {len(c.covered)} requested domains covered, "
                   f"{c.assessment.partly} partly")
        parts.append(f'<div class="card"><h2>{c.rank}. {ctx.link(URIRef(c.iri), c.label)}</h2>'
                     f"<p>{e(figures)}</p>"
                     f"<table><tbody>{rows}</tbody></table>"
                     + (f"<h3>{'Niet gedekt → versterkers' if nl else 'Not covered → boosters'}</h3><ul>{unc}</ul>"
                        if unc else "") + "</div>")
    parts.append(f'<p><a href="{e(ctx.href(MATRIX_REL))}">checklist</a></p>')
    return frame(ctx, title, "\n".join(parts), [(t("home", ctx.lang), ctx.href("index")), (title, None)])
