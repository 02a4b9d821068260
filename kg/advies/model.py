"""The typed results of judging and advising: Evidence, Judgement, Assessment, Candidate,
Advice. Each converts to plain Python (to_dict), to pandas (to_df) and shows itself in a
notebook (_repr_html_)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

# Verdicts, strongest claim first; the Dutch key is the value, the English is for --lang en.
MEETS, PARTLY, NOT_MENTIONED, CONTRADICTORY, DOES_NOT_MEET = (
    "voldoet", "deels", "niet vermeld", "tegenstrijdig", "voldoet niet")
VERDICTS = (MEETS, PARTLY, CONTRADICTORY, DOES_NOT_MEET, NOT_MENTIONED)
VERDICT_EN = {MEETS: "meets", PARTLY: "partly", NOT_MENTIONED: "not mentioned",
              CONTRADICTORY: "contradictory", DOES_NOT_MEET: "does not meet"}
# Kinds of evidence a rule row gives, strongest first.
KINDS = ("tegen", "voldoet", "deels")
KIND_EN = {"tegen": "against", "voldoet": "meets", "deels": "partly"}


def verdict_text(verdict: str, lang: str) -> str:
    return VERDICT_EN.get(verdict, verdict) if lang == "en" else verdict


def kind_text(kind: str, lang: str) -> str:
    return KIND_EN.get(kind, kind) if lang == "en" else kind


def lines_text(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}–{end}"


@dataclass(frozen=True)
class Evidence:
    """One claim that a rule counted: what it states, where (document, section, lines)."""

    claim: str
    kind: str            # voldoet, deels, tegen; "zeef" for the blanket claim
    parts: tuple[str, ...]
    text: str
    document: str
    document_label: str
    section: str
    start: int
    end: int
    # other line ranges of the same claim in the same document: a claim node whose text a
    # document gives in two places (an activity mentioned twice) is one piece of evidence
    also: tuple[tuple[int, int], ...] = ()

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        return ((self.start, self.end),) + self.also

    @property
    def lines(self) -> str:
        return ", ".join(lines_text(s, e) for s, e in self.spans)

    def where(self, lang: str = "nl") -> str:
        r = "r." if lang == "nl" else "l."
        return f"{self.document_label}, {self.section}, {r} {self.lines}"

    def to_dict(self) -> dict[str, Any]:
        return {"claim": self.claim, "kind": self.kind, "parts": list(self.parts), "text": self.text,
                "document": self.document, "document_label": self.document_label,
                "section": self.section, "start_line": self.start, "end_line": self.end,
                "lines": [list(s) for s in self.spans]}


@dataclass(frozen=True)
class Judgement:
    """The verdict on one criterion of the checklist, with the evidence behind it."""

    criterion: str
    criterion_label: str
    ordinal: int
    rule: str
    verdict: str
    evidence: tuple[Evidence, ...]
    lang: str = "nl"

    @property
    def label(self) -> str:
        return self.criterion_label

    def to_dict(self) -> dict[str, Any]:
        return {"criterion": self.criterion, "label": self.criterion_label, "rule": self.rule,
                "verdict": self.verdict, "verdict_text": verdict_text(self.verdict, self.lang),
                "evidence": [e.to_dict() for e in self.evidence]}


def _df(rows: list[dict[str, Any]]) -> Any:
    from ..model.entities import MissingDependencyError

    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError("to_df() heeft pandas nodig: pip install 'armoede-kg[pandas]'",
                                     en="to_df() needs pandas: pip install 'armoede-kg[pandas]'") from None
    return pd.DataFrame(rows, columns=list(rows[0]) if rows else None)


def _table(caption: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return (f"<table><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


@dataclass(frozen=True)
class Assessment:
    """One intervention judged against the checklist: a judgement per criterion, and apart
    from them the blanket claim (001 l. 44) where it applies."""

    intervention: str
    label: str
    judgements: tuple[Judgement, ...]
    blanket: tuple[Evidence, ...] = ()
    lang: str = "nl"

    def count(self, verdict: str) -> int:
        return sum(1 for j in self.judgements if j.verdict == verdict)

    @property
    def met(self) -> int:
        """Criteria a document states specifically for this intervention."""
        return self.count(MEETS)

    @property
    def partly(self) -> int:
        return self.count(PARTLY)

    def verdict(self, criterion: str) -> str:
        """The verdict on a criterion, by IRI, rule name or label."""
        for j in self.judgements:
            if criterion in (j.criterion, j.rule) or criterion.casefold() == j.criterion_label.casefold():
                return j.verdict
        raise KeyError(criterion)

    def rows(self) -> list[dict[str, Any]]:
        """One row per piece of evidence (a criterion without any has one empty row)."""
        out: list[dict[str, Any]] = []
        for j in self.judgements:
            base: dict[str, Any] = {"intervention": self.label, "criterion": j.criterion_label, "verdict": j.verdict}
            if not j.evidence:
                out.append(base | {"kind": "", "part": "", "claim": "", "text": "", "document": "",
                                   "section": "", "start_line": None, "end_line": None, "lines": ""})
            for e in j.evidence:
                out.append(base | {"kind": e.kind, "part": "; ".join(e.parts), "claim": e.claim,
                                   "text": e.text, "document": e.document_label, "section": e.section,
                                   "start_line": e.start, "end_line": e.end, "lines": e.lines})
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"intervention": self.intervention, "label": self.label,
                "met": self.met, "partly": self.partly,
                "criteria": [j.to_dict() for j in self.judgements],
                "blanket": [e.to_dict() for e in self.blanket]}

    def to_df(self) -> Any:
        return _df(self.rows())

    def __repr__(self) -> str:
        return f"Assessment({self.label!r}, met={self.met}, partly={self.partly})"

    def _repr_html_(self) -> str:
        en = self.lang == "en"
        header = (["criterion", "verdict", "evidence"] if en else ["criterium", "oordeel", "bewijs"])
        rows = [[j.criterion_label, verdict_text(j.verdict, self.lang),
                 " | ".join(f"{e.where(self.lang)}: {e.text}" for e in j.evidence)] for j in self.judgements]
        out = _table(self.label, header, rows)
        for e in self.blanket:
            out += f"<p><i>{html.escape(blanket_note(self.lang))}</i> {html.escape(e.where(self.lang))}</p>"
        return out


def blanket_note(lang: str) -> str:
    if lang == "en":
        return ("Blanket claim (applies to the eight as a group, not per criterion): "
                "the interventions that met the checklist were noted; eight stayed on the sieve.")
    return ("Algemene uitspraak (geldt voor de acht als groep, niet per criterium): "
            "de interventies die aan de checklist voldeden werden genoteerd; acht bleven op de zeef liggen.")


@dataclass(frozen=True)
class Booster:
    """A versterker that complements a candidate on a requested domain it does not cover."""

    label: str
    iri: str
    domain: str
    scope: str

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "iri": self.iri, "domain": self.domain, "scope": self.scope}


@dataclass(frozen=True)
class Candidate:
    """An intervention that passed the filters, with the figures its rank is made of."""

    rank: int
    assessment: Assessment
    level: str
    covered: tuple[str, ...]
    uncovered: tuple[str, ...]
    boosters: tuple[Booster, ...]
    recognitions: tuple[str, ...]
    documents: tuple[str, ...]
    notes: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.assessment.label

    @property
    def iri(self) -> str:
        return self.assessment.intervention

    def to_dict(self) -> dict[str, Any]:
        return {"rank": self.rank, "label": self.label, "iri": self.iri, "level": self.level,
                "criteria_met": self.assessment.met, "domains_covered": len(self.covered),
                "criteria_partly": self.assessment.partly,
                "covered": list(self.covered), "uncovered": list(self.uncovered),
                "boosters": [b.to_dict() for b in self.boosters],
                "recognitions": list(self.recognitions), "documents": list(self.documents),
                "notes": list(self.notes),
                "checklist": {j.rule: j.verdict for j in self.assessment.judgements}}

    def __repr__(self) -> str:
        return f"Candidate({self.rank}, {self.label!r})"


RANK_RULE = {
    "nl": ("rangorde: 1) aantal criteria waaraan een document specifiek 'voldoet' toekent (meer is hoger), "
           "2) aantal gevraagde leefgebieden dat de interventie dekt, 3) aantal criteria 'deels', 4) naam; "
           "geen verborgen gewichten"),
    "en": ("ranking: 1) number of criteria a document specifically says are met (more is higher), "
           "2) number of requested life domains the intervention covers, 3) number of criteria met partly, "
           "4) name; no hidden weights"),
}


@dataclass(frozen=True)
class Advice:
    """The interventions that fit a request, ranked; or, if none, which filter removed most."""

    request: dict[str, Any]
    candidates: tuple[Candidate, ...]
    considered: int
    removed_by: dict[str, int] = field(default_factory=dict)
    lang: str = "nl"

    @property
    def rule(self) -> str:
        return RANK_RULE[self.lang]

    def __len__(self) -> int:
        return len(self.candidates)

    def __iter__(self) -> Any:
        return iter(self.candidates)

    def __getitem__(self, i: int) -> Candidate:
        return self.candidates[i]

    def labels(self) -> list[str]:
        return [c.label for c in self.candidates]

    @property
    def strictest_filter(self) -> str | None:
        """The filter that on its own removes the most candidates (None without filters)."""
        if not self.removed_by:
            return None
        return max(self.removed_by.items(), key=lambda kv: (kv[1], kv[0]))[0]

    def to_dicts(self) -> list[dict[str, Any]]:
        return [c.to_dict() for c in self.candidates]

    def to_dict(self) -> dict[str, Any]:
        return {"request": self.request, "rule": self.rule, "considered": self.considered,
                "removed_by": self.removed_by, "candidates": self.to_dicts()}

    def to_df(self) -> Any:
        return _df([{k: v for k, v in d.items() if k not in ("boosters", "checklist")}
                    | {"boosters": "; ".join(f"{b['label']} ({b['domain']})" for b in d["boosters"])}
                    | d["checklist"] for d in self.to_dicts()])

    def __repr__(self) -> str:
        return f"Advice({self.labels()!r})"

    def _repr_html_(self) -> str:
        en = self.lang == "en"
        header = (["#", "intervention", "level", "criteria met", "domains covered", "uncovered → boosters"] if en else
                  ["#", "interventie", "niveau", "criteria voldoet", "leefgebieden gedekt",
                   "niet gedekt → versterkers"])
        rows = [[str(c.rank), c.label, c.level, str(c.assessment.met), str(len(c.covered)),
                 "; ".join(f"{d}: {', '.join(b.label for b in c.boosters if b.domain == d)}" for d in c.uncovered)]
                for c in self.candidates]
        return _table(self.rule, header, rows)
