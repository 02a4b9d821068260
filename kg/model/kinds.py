"""The kinds of resources (intervention, theory, life domain, …) and of roles, by their
Dutch key, with English names and aliases."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import SKOS

from ..errors import KgValueError
from ..terms import AK

# Kind keys, in the order that decides a resource's main kind when it has several classes
# (the Zelfredzaamheidsmatrix is both an instrument and an intervention: it is shown as an
# intervention). The keys are the Dutch names the CLI and the label resolver use.
KIND_CLASSES: tuple[tuple[str, tuple[URIRef, ...]], ...] = (
    ("interventie", (AK.Intervention,)),
    ("theorie", (AK.Theory,)),
    ("document", (AK.SourceDocument,)),
    ("bron", (AK.Source,)),
    ("principe", (AK.Principle, AK.SelectionCriterion)),
    ("principeset", (AK.PrincipleSet,)),
    ("instrument", (AK.Instrument,)),
    ("mechanisme", (AK.Mechanism,)),
    ("gevolg", (AK.BehaviouralEffect,)),  # an effect on thinking and acting, not a mechanism
    ("fase", (AK.Phase,)),
    ("verklaringsmodel", (AK.ExplanatoryModel,)),
    ("gemeente", (AK.Municipality,)),
    ("databank", (AK.Databank,)),
    ("organisatie", (AK.Organisation, URIRef("http://xmlns.com/foaf/0.1/Organization"))),
    ("persoon", (AK.Person, URIRef("http://xmlns.com/foaf/0.1/Person"))),
    ("project", (AK.Project,)),
    ("activiteit", (AK.Activity,)),
    ("rol", (AK.Role, AK.IntegralInterventionRole, AK.BoosterRole, AK.CoherenceRole,
             AK.OverviewTableEntry, AK.PracticeExampleRole, AK.RecognisedInterventionRole,
             AK.DiscussedInterventionRole)),
    ("erkenning", (AK.Recognition,)),
    ("bevinding", (AK.ResearchFinding,)),
    ("uitspraak", (AK.Statement, AK.KnowledgeGap, AK.Statistic)),
    ("vermelding", (AK.Mention,)),
    ("begrip", (SKOS.Concept,)),  # refined to "leefgebied" for concepts of a life-domain scheme
    ("schema", (SKOS.ConceptScheme, AK.LifeDomainScheme, AK.ExplanatoryModelSet)),
    ("ontologie", (URIRef("http://www.w3.org/2002/07/owl#Class"),
                   URIRef("http://www.w3.org/2002/07/owl#ObjectProperty"),
                   URIRef("http://www.w3.org/2002/07/owl#DatatypeProperty"),
                   URIRef("http://www.w3.org/2002/07/owl#Ontology"),
                   URIRef("http://www.w3.org/2002/07/owl#SymmetricProperty"))),
)
_KIND_OF_CLASS = {cls: kind for kind, classes in KIND_CLASSES for cls in classes}
_KIND_RANK = {kind: i for i, (kind, _) in enumerate(KIND_CLASSES)}

# English spellings a Python user may prefer; the Dutch key is canonical.
KIND_ALIASES = {
    "intervention": "interventie", "theory": "theorie", "source": "bron", "document": "document",
    "principle": "principe", "instrument": "instrument", "domain": "leefgebied",
    "life-domain": "leefgebied", "lifedomain": "leefgebied", "municipality": "gemeente",
    "organisation": "organisatie", "person": "persoon", "mechanism": "mechanisme", "effect": "gevolg",
    "statement": "uitspraak", "finding": "bevinding", "role": "rol", "recognition": "erkenning",
    "phase": "fase", "activity": "activiteit", "concept": "begrip", "scheme": "schema",
    "principle-set": "principeset", "organization": "organisatie", "explanatory-model": "verklaringsmodel",
    "mention": "vermelding",
}


_KIND_LABELS_EN = {
    "interventie": "intervention", "theorie": "theory", "document": "document", "bron": "source",
    "principe": "principle", "principeset": "principle set", "instrument": "instrument",
    "mechanisme": "mechanism", "gevolg": "effect", "fase": "phase", "verklaringsmodel": "explanatory model",
    "gemeente": "municipality", "databank": "databank", "organisatie": "organisation",
    "persoon": "person", "project": "project", "activiteit": "activity", "rol": "role",
    "erkenning": "recognition", "bevinding": "finding", "uitspraak": "statement",
    "vermelding": "mention", "begrip": "concept", "leefgebied": "life domain", "schema": "scheme",
    "ontologie": "ontology term", "entiteit": "entity", "doelgroep": "target group",
}


def kind_label(kind: str, lang: str = "nl") -> str:
    """The name of a kind in lang ('theorie' → 'theory' in English)."""
    return kind if lang == "nl" else _KIND_LABELS_EN.get(kind, kind)


def kind_key(kind: str) -> str:
    """The canonical (Dutch) kind for a Dutch or English name: 'theory' → 'theorie'."""
    k = kind.strip().lower().replace(" ", "-")
    return KIND_ALIASES.get(k, k)


# Every kind a resource can have (KIND_CLASSES, life domains, untyped resources) and the
# kinds the label resolver knows besides (recognition levels).
KNOWN_KINDS = frozenset({k for k, _ in KIND_CLASSES} | {"leefgebied", "entiteit", "niveau"})


def checked_kind(kind: str) -> str:
    """kind_key(kind), or a KgValueError naming the known kinds."""
    k = kind_key(kind)
    if k not in KNOWN_KINDS:
        known = ", ".join(sorted(KNOWN_KINDS))
        known_en = ", ".join(sorted(set(KIND_ALIASES) | {_KIND_LABELS_EN.get(x, x) for x in KNOWN_KINDS}))
        raise KgValueError(f"onbekende soort '{kind}' (kies uit {known})",
                           en=f"unknown kind '{kind}' (choose from {known_en})")
    return k



ROLE_KINDS: dict[URIRef, str] = {
    AK.IntegralInterventionRole: "integraal",
    AK.BoosterRole: "versterker",
    AK.CoherenceRole: "samenhang",
    AK.OverviewTableEntry: "overzichtstabel",
    AK.PracticeExampleRole: "praktijkvoorbeeld",
    AK.RecognisedInterventionRole: "erkend",
    AK.DiscussedInterventionRole: "besproken",
}
ROLE_ALIASES = {
    "integral": "integraal", "booster": "versterker", "coherence": "samenhang",
    "overview-table": "overzichtstabel", "practice-example": "praktijkvoorbeeld",
    "recognised": "erkend", "recognized": "erkend", "discussed": "besproken",
}


def role_key(role: str) -> str:
    """The canonical (Dutch) role name for a Dutch or English one, or a KgValueError."""
    k = role.strip().lower().replace(" ", "-")
    k = ROLE_ALIASES.get(k, k)
    if k not in ROLE_KINDS.values():
        known = ", ".join(sorted(ROLE_KINDS.values()))
        known_en = ", ".join(sorted(ROLE_ALIASES))
        raise KgValueError(f"onbekende rol '{role}' (kies uit {known})",
                           en=f"unknown role '{role}' (choose from {known_en}, or the Dutch {known})")
    return k
