"""Judging: run each criterion's declared rule, keep one piece of evidence per claim, and
combine the evidence into a verdict. The rules say what counts as evidence; this module only
applies the one combination rule, the same for every criterion:

- a claim matched by several rows counts once, with its strongest kind (tegen, voldoet, deels);
- tegen next to voldoet or deels → tegenstrijdig; else voldoet; else deels; tegen alone →
  voldoet niet; no evidence → niet vermeld (never "no").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef

from ..query.named import NamedQuery, bind
from .model import CONTRADICTORY, DOES_NOT_MEET, KINDS, MEETS, NOT_MENTIONED, PARTLY, Assessment, Evidence, Judgement
from .rules import Rule, load_rules, support_queries

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph

_ORDINALS = """
PREFIX ak: <https://w3id.org/armoede-kg/ontologie#>
SELECT ?c ?o WHERE { VALUES ?c { $criteria } ?c ak:ordinal ?o }
"""


def combine(kinds: Iterable[str]) -> str:
    """The verdict for a criterion from the kinds of its evidence."""
    found = set(kinds)
    if "tegen" in found and found & {"voldoet", "deels"}:
        return CONTRADICTORY
    if "voldoet" in found:
        return MEETS
    if "deels" in found:
        return PARTLY
    if "tegen" in found:
        return DOES_NOT_MEET
    return NOT_MENTIONED


def run(kg: KnowledgeGraph, q: NamedQuery, intervention: URIRef | None, **extra: Any) -> list[dict[str, Any]]:
    """The rows of a declared query, with ?interventie filled in where it was bound."""
    values: dict[str, Any] = {"taal": Literal(kg.lang), **extra}
    if intervention is not None:
        values["interventie"] = intervention
    rows = []
    for r in kg.backend.select(bind(q.text, values)):
        row = {c: r[c].term for c in r.columns}
        if intervention is not None:
            row["interventie"] = intervention
        rows.append(row)
    return rows


def _evidence(kg: KnowledgeGraph, rows: list[dict[str, Any]], kind: str | None = None) -> dict[URIRef, list[Evidence]]:
    """Rows → evidence per intervention: one per claim and document, with every line range
    the rows give for it, its strongest kind, and all the parts the rows of that kind name."""
    part_col = "deelEn" if kg.lang == "en" else "deel"
    best: dict[tuple[Any, ...], tuple[str, list[str], dict[str, Any], set[tuple[int, int]]]] = {}
    for row in rows:
        key = (row["interventie"], row["bewering"], row["document"], str(row["tekst"]))
        span = (_int(row["begin"]), _int(row["eind"]))
        k = kind or str(row["soort"])
        part = str(row[part_col]) if row.get(part_col) is not None else ""
        have = best.get(key)
        if have is None or KINDS.index(k) < KINDS.index(have[0]):
            best[key] = (k, [part] if part else [], row, {span} | (have[3] if have else set()))
            continue
        have[3].add(span)
        if k == have[0] and part and part not in have[1]:
            have[1].append(part)
    out: dict[URIRef, list[Evidence]] = {}
    for (iv, claim, doc, _text), (k, parts, row, spans) in best.items():
        first, *rest = sorted(spans)
        out.setdefault(iv, []).append(Evidence(
            claim=str(claim), kind=k, parts=tuple(parts), text=str(row["tekst"]), document=str(doc),
            document_label=kg.label(doc), section=str(row["sectie"]), start=first[0], end=first[1],
            also=tuple(rest)))
    for ev in out.values():
        ev.sort(key=lambda e: (e.document, e.start, e.end, e.claim))
    return out


def _int(term: Any) -> int:
    return int(term.toPython()) if isinstance(term, Literal) else int(term)


class Judge:
    """The rules of one graph, loaded once; judges one intervention or many at a time."""

    def __init__(self, kg: KnowledgeGraph) -> None:
        self.kg = kg
        rules = load_rules(kg.queries_dir)
        self.support = support_queries(kg.queries_dir)
        ordinals = self._ordinals([r.criterion for r in rules])
        self.rules: tuple[Rule, ...] = tuple(sorted(rules, key=lambda r: (ordinals.get(r.criterion, 99), r.name)))
        self.ordinals = ordinals

    def _ordinals(self, criteria: list[str]) -> dict[str, int]:
        text = _ORDINALS.replace("$criteria", " ".join(URIRef(c).n3() for c in criteria))
        return {str(r["c"].term): _int(r["o"].term) for r in self.kg.backend.select(text)}

    def criteria(self) -> list[tuple[str, str, str]]:
        """(criterion IRI, label, rule name) in checklist order."""
        return [(r.criterion, self.kg.label(URIRef(r.criterion)), r.name) for r in self.rules]

    def assess_all(self, interventions: Iterable[URIRef]) -> dict[URIRef, Assessment]:
        """Assessments of the given interventions: for one or two, each rule runs with the
        intervention bound; for more, each rule runs once for all interventions."""
        wanted = list(dict.fromkeys(interventions))
        if len(wanted) > 2:
            rows = {r.name: _evidence(self.kg, run(self.kg, r.query, None)) for r in self.rules}
            zeef = _evidence(self.kg, run(self.kg, self.support["zeef"], None), kind="zeef")
        else:
            rows = {r.name: {} for r in self.rules}
            zeef = {}
            for iv in wanted:
                for r in self.rules:
                    rows[r.name].update(_evidence(self.kg, run(self.kg, r.query, iv)))
                zeef.update(_evidence(self.kg, run(self.kg, self.support["zeef"], iv), kind="zeef"))
        out = {}
        for iv in wanted:
            judgements = tuple(
                Judgement(r.criterion, self.kg.label(URIRef(r.criterion)), self.ordinals.get(r.criterion, 0), r.name,
                          combine(e.kind for e in rows[r.name].get(iv, ())), tuple(rows[r.name].get(iv, ())),
                          self.kg.lang)
                for r in self.rules)
            out[iv] = Assessment(str(iv), self.kg.label(iv), judgements, tuple(zeef.get(iv, ())), self.kg.lang)
        return out

    def assess(self, intervention: URIRef) -> Assessment:
        return self.assess_all([intervention])[intervention]
