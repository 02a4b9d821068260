"""Advice: the integral interventions that pass a municipality's filters, ranked by the
documented rule (model.RANK_RULE), each with the requested domains it covers, versterkers for
those it does not, its recognitions and the documents to read."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rdflib import URIRef

from ..errors import KgValueError, UnknownLabelError
from ..query.resolve import normalise
from .judge import Judge, run
from .model import MEETS, PARTLY, Advice, Assessment, Booster, Candidate

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph


@dataclass
class Features:
    """What the kandidaten query says about one integral intervention."""

    level: URIRef | None = None
    recognitions: set[URIRef] = field(default_factory=set)       # levels as stated
    recognition_levels: set[URIRef] = field(default_factory=set)  # and every broader level
    applied_nl: set[bool] = field(default_factory=set)
    experience_experts: bool = False
    strength_based: bool = False
    stress_sensitive: bool = False
    either: bool = False  # "krachtgericht en/of stress-sensitief"
    target_groups: set[str] = field(default_factory=set)
    documents: set[URIRef] = field(default_factory=set)


def _features(kg: KnowledgeGraph, judge: Judge) -> dict[URIRef, Features]:
    out: dict[URIRef, Features] = {}
    for row in run(kg, judge.support["kandidaten"], None):
        f = out.setdefault(row["interventie"], Features())
        f.level = row["niveau"]
        if row.get("erkenning") is not None:
            f.recognitions.add(row["erkenning"])
            f.recognition_levels.add(row["erkenning"])
        if row.get("erkenningBreder") is not None:
            f.recognition_levels.add(row["erkenningBreder"])
        if row.get("toegepast") is not None:
            f.applied_nl.add(bool(row["toegepast"].toPython()))
        f.experience_experts |= _true(row.get("ervaringsdeskundigen"))
        f.strength_based |= _true(row.get("krachtgericht"))
        f.stress_sensitive |= _true(row.get("stressSensitief"))
        f.either |= _true(row.get("krachtgerichtOfStressSensitief"))
        if row.get("doelgroep") is not None:
            f.target_groups.add(str(row["doelgroep"]))
        if row.get("document") is not None:
            f.documents.add(row["document"])
    return out


def _true(term: Any) -> bool:
    return term is not None and term.toPython() is True


# Filter names as the CLI spells them; the message for "nothing fits" names one of these.
FILTER_NAMES = {
    "niveau": "--niveau", "erkend": "--erkend", "erkenning": "--erkenning",
    "toegepast_in_nederland": "--toegepast-in-nederland", "ervaringsdeskundigen": "--ervaringsdeskundigen",
    "doelgroep": "--doelgroep", "krachtgericht": "--krachtgericht", "stress_sensitief": "--stress-sensitief",
}

Test = Callable[[URIRef, Features, Assessment], bool]


def advise(kg: KnowledgeGraph, domains: Sequence[str | URIRef] = (), level: str | None = None,
           recognised: bool = False, recognition: str | None = None, applied_in_netherlands: bool = False,
           experience_experts: bool = False, target_group: str | None = None, strength_based: bool = False,
           stress_sensitive: bool = False, judge: Judge | None = None) -> Advice:
    """The integral interventions that pass every filter given, ranked (model.RANK_RULE).

    Life domains do not remove candidates: they count in the rank and say where versterkers
    are needed. Unknown labels raise UnknownLabelError ("bedoelde u …").
    """
    judge = judge or Judge(kg)
    domain_iris = [d if isinstance(d, URIRef) else kg.resolve(str(d), "leefgebied") for d in domains]
    level_iri = _level(kg, level) if level else None
    recognition_iri = kg.resolve(recognition, "erkenning") if recognition else None
    if target_group is not None and not target_group.strip():
        raise KgValueError("--doelgroep is leeg", en="--doelgroep is empty")
    feats = _features(kg, judge)
    assessments = judge.assess_all(sorted(feats, key=str))

    tests: dict[str, Test] = {}
    if level_iri is not None:
        tests["niveau"] = lambda iv, f, a: f.level == level_iri
    if recognised:
        tests["erkend"] = lambda iv, f, a: bool(f.recognitions)
    if recognition_iri is not None:
        tests["erkenning"] = lambda iv, f, a: recognition_iri in f.recognition_levels
    if applied_in_netherlands:
        # a document saying "not applied" wins over none saying anything
        tests["toegepast_in_nederland"] = lambda iv, f, a: f.applied_nl == {True}
    if experience_experts:
        tests["ervaringsdeskundigen"] = lambda iv, f, a: (f.experience_experts
                                                          or a.verdict("ervaringskennis") in (MEETS, PARTLY))
    if target_group:
        want = normalise(target_group)
        tests["doelgroep"] = lambda iv, f, a: any(want in normalise(t) for t in f.target_groups)
    if strength_based:
        tests["krachtgericht"] = lambda iv, f, a: f.strength_based
    if stress_sensitive:
        tests["stress_sensitief"] = lambda iv, f, a: f.stress_sensitive or f.either

    removed = {name: sum(1 for iv, f in feats.items() if not t(iv, f, assessments[iv])) for name, t in tests.items()}
    passing = [iv for iv, f in feats.items() if all(t(iv, f, assessments[iv]) for t in tests.values())]

    covering = {d: {r["interventie"].term for r in kg.query("interventies-op-leefgebied", leefgebied=d)}
                for d in domain_iris}
    boosters_on: dict[URIRef, list[Booster]] = {}

    def boosters(d: URIRef) -> list[Booster]:
        if d not in boosters_on:
            rows = run(kg, judge.support["versterkers-op-leefgebied"], None, leefgebied=d)
            seen: dict[Any, Booster] = {}
            for r in rows:
                seen.setdefault(r["versterker"], Booster(kg.label(r["versterker"]), str(r["versterker"]),
                                                         kg.label(d), kg.label(r["reikwijdte"])))
            boosters_on[d] = sorted(seen.values(), key=lambda b: (b.scope != _national(kg), b.label.casefold()))
        return boosters_on[d]

    built = []
    for iv in passing:
        f, a = feats[iv], assessments[iv]
        covered = [d for d in domain_iris if iv in covering[d]]
        uncovered = [d for d in domain_iris if iv not in covering[d]]
        notes = []
        if experience_experts and not f.experience_experts:
            notes.append(_note_experience(kg.lang, a))
        if stress_sensitive and not f.stress_sensitive:
            notes.append("000 r. 71: 'krachtgericht en/of stress-sensitief'" if kg.lang == "nl"
                         else "000 l. 71: 'strength-based and/or stress-sensitive'")
        built.append((a, f, covered, uncovered, tuple(notes)))
    built.sort(key=lambda t: (-t[0].met, -len(t[2]), -t[0].partly, t[0].label.casefold()))
    candidates = tuple(
        Candidate(rank=i + 1, assessment=a, level=kg.label(f.level) if f.level is not None else "",
                  covered=tuple(kg.label(d) for d in cov), uncovered=tuple(kg.label(d) for d in unc),
                  boosters=tuple(b for d in unc for b in boosters(d)),
                  recognitions=tuple(sorted(kg.label(r) for r in f.recognitions)),
                  documents=tuple(sorted({kg.label(d) for d in f.documents})), notes=notes)
        for i, (a, f, cov, unc, notes) in enumerate(built))
    request = {"leefgebied": [kg.label(d) for d in domain_iris], "niveau": kg.label(level_iri) if level_iri else None,
               "erkend": recognised, "erkenning": kg.label(recognition_iri) if recognition_iri else None,
               "toegepast_in_nederland": applied_in_netherlands, "ervaringsdeskundigen": experience_experts,
               "doelgroep": target_group, "krachtgericht": strength_based, "stress_sensitief": stress_sensitive}
    return Advice(request, candidates, len(feats), {FILTER_NAMES[k]: v for k, v in removed.items()}, kg.lang)


_LEVELS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?n WHERE { ?c skos:inScheme <https://w3id.org/armoede-kg/id/schema/niveau> ; skos:notation ?n } ORDER BY ?n
"""


def _level(kg: KnowledgeGraph, level: str) -> URIRef:
    """The level concept; an unknown one names the levels there are ("bedoelde u: A, B, C?")."""
    try:
        return kg.resolve(level, "niveau")
    except UnknownLabelError:
        # the levels are known by their letter; their long labels make a poor suggestion
        levels = [str(r["n"]) for r in kg.backend.select(_LEVELS)]
        raise UnknownLabelError(level, "niveau", levels) from None


def _national(kg: KnowledgeGraph) -> str:
    return kg.label(URIRef("https://w3id.org/armoede-kg/id/begrip/reikwijdte-nationaal"))


def _note_experience(lang: str, a: Assessment) -> str:
    j = next(j for j in a.judgements if j.rule == "ervaringskennis")
    r = "r." if lang == "nl" else "l."
    where = "; ".join(dict.fromkeys(f"{e.document.rsplit('/', 1)[-1]} {r} {e.lines}" for e in j.evidence))
    if lang == "en":
        return f"experience experts: checklist 'Ervaringskennis' {j.verdict} ({where})"
    return f"ervaringsdeskundigen: checklist 'Ervaringskennis' {j.verdict} ({where})"
