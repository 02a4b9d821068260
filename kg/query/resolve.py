"""Labels → IRIs: case-, space- and accent-insensitive, by kind, with suggestions."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rdflib import URIRef

from ..errors import AmbiguousLabelError, UnknownLabelError, WrongKindError, kind_en, kind_nl
from ..store.backend import Backend, value_rows
from ..terms import trusted_iri

# kind → (types or schemes that qualify, Dutch name of the kind for messages)
KIND_TYPES: dict[str, tuple[str, ...]] = {
    "interventie": ("https://w3id.org/armoede-kg/ontologie#Intervention",),
    "theorie": ("https://w3id.org/armoede-kg/ontologie#Theory",),
    "bron": ("https://w3id.org/armoede-kg/ontologie#Source",
             "https://w3id.org/armoede-kg/ontologie#SourceDocument"),
    "gemeente": ("https://w3id.org/armoede-kg/ontologie#Municipality",),
    "instrument": ("https://w3id.org/armoede-kg/ontologie#Instrument",),
}
KIND_SCHEMES: dict[str, str] = {
    "niveau": "https://w3id.org/armoede-kg/id/schema/niveau",
    "erkenning": "https://w3id.org/armoede-kg/id/schema/erkenning",
}
LIFE_DOMAIN = "leefgebied"
_MAX_CANDIDATES = 8
_DOCUMENT_NS = "https://w3id.org/armoede-kg/id/document/"
# after normalise(): 'seed 000', 'document 000', 'doc 000', '000', '000 c73029b7fbcaca56 txt'
_DOCUMENT_RE = re.compile(r"(?:(?:seed|document|doc|bron|source|file|bestand)\s*)?(\d{3})"
                          r"(?:\s+[0-9a-f]{16})?(?:\s+txt)?")


@dataclass(frozen=True, slots=True)
class Context:
    """What other parameters of the same call point at: the resources directly linked from
    them, and the concept schemes of those resources. It ranks candidates and suggestions."""

    linked: frozenset[str] = frozenset()
    schemes: frozenset[str] = frozenset()


def _expand(text: str) -> str:
    """A prefixed name (iv:krachtwerk) as its full IRI; other text as it is."""
    from .prefixes import PREFIXES

    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and local and not local.startswith("//") and " " not in text:
        return PREFIXES[prefix] + local
    return text

# Names a resource is found by: its labels, and a theory's originators ("Mullainathan & Shafir").
_LABEL_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ak: <https://w3id.org/armoede-kg/ontologie#>
SELECT ?s ?p ?label (LANG(?label) AS ?lang) WHERE {
  VALUES ?p { skos:prefLabel skos:altLabel skos:hiddenLabel rdfs:label skos:notation ak:originator }
  ?s ?p ?label .
  FILTER(isIRI(?s))
}
"""
_TYPE_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX ak: <https://w3id.org/armoede-kg/ontologie#>
SELECT ?s ?type ?scheme ?ld WHERE {
  { ?s a ?type } UNION { ?s skos:inScheme ?scheme OPTIONAL { ?scheme a ?ld FILTER(?ld = ak:LifeDomainScheme) } }
  FILTER(isIRI(?s))
}
"""

_EXACT_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?a ?b WHERE { ?a skos:exactMatch ?b FILTER(isIRI(?a) && isIRI(?b)) }
"""


def normalise(text: str) -> str:
    """Fold case, accents, ®/™ and runs of white space or punctuation (& too), so that
    'FINANCIEN', 'financiën' and ' Financiën ' are equal, and 'Rapp & Goscha' is 'rapp goscha'."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("®", "").replace("™", "")
    stripped = re.sub(r"[\s\-_/,.;:'\"()&+]+", " ", stripped.casefold())
    return stripped.strip()


@dataclass(slots=True)
class _Entry:
    names: dict[tuple[str, str], str]  # (property, language) → display label
    types: set[str]
    schemes: set[str]
    life_domain: bool

    def display(self, iri: str, lang: str) -> str:
        for key in (("pref", lang), ("rdfs", lang), ("pref", "nl"), ("rdfs", "nl"), ("pref", ""), ("rdfs", "")):
            if key in self.names:
                return self.names[key]
        return _local_name(iri)


class LabelIndex:
    """Every labelled resource, findable by any of its labels.

    IRIs are kept as plain strings (rdflib's URIRef hashes differently from str, so lookups
    use str(iri)) and handed out as URIRef. The cache (kg.store.cache) pickles the index; a command
    resolves two or three labels, so entries read back from it are unpacked when first
    asked for."""

    def __init__(self, backend: Backend, lang: str = "nl") -> None:
        self.lang = lang
        by_norm: dict[str, set[str]] = defaultdict(set)
        self._entries: dict[str, _Entry] = {}
        self._packed: dict[str, tuple[Any, ...]] = {}
        # plain text rows: a large graph has 10^5-10^6 of them (kg.store.backend.value_rows)
        for s, prop, label, lang_tag in value_rows(backend, _LABEL_QUERY):
            if s is None or label is None:
                continue
            e = self._new_entry(s)
            kind = "pref" if prop and prop.endswith("prefLabel") else "rdfs" if prop and prop.endswith("#label") else ""
            if kind:
                e.names.setdefault((kind, lang_tag or ""), label)
            by_norm[normalise(label)].add(s)
        for s, type_, scheme, ld in value_rows(backend, _TYPE_QUERY):
            if s is None:
                continue
            e = self._new_entry(s)
            if type_ is not None:
                e.types.add(type_)
            if scheme is not None:
                e.schemes.add(scheme)
            if ld is not None:
                e.life_domain = True
        self._by_norm: dict[str, tuple[str, ...]] = {k: tuple(sorted(v)) for k, v in by_norm.items()}
        # Concepts joined by skos:exactMatch are one meaning: a label shared by them is not ambiguous
        # (closeMatch is not: "inkomen" in Krachtwerk's scheme and in the ZRM are two concepts).
        self._same: dict[str, str] = {}
        for a, b in value_rows(backend, _EXACT_QUERY):
            if a is not None and b is not None:
                self._same[self._root(a)] = self._root(b)

    def __getstate__(self) -> dict[str, object]:
        packed = dict(self._packed)
        packed.update((iri, (e.names, tuple(e.types), tuple(e.schemes), e.life_domain))
                      for iri, e in self._entries.items())
        return {"lang": self.lang, "entries": packed, "by_norm": self._by_norm, "same": self._same}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.lang = state["lang"]
        self._entries = {}
        self._packed = state["entries"]
        self._by_norm = state["by_norm"]
        self._same = state["same"]

    def _new_entry(self, iri: str) -> _Entry:
        e = self._entries.get(iri)
        if e is None:
            e = self._entries[iri] = _Entry({}, set(), set(), False)
        return e

    def _entry(self, iri: str) -> _Entry | None:
        e = self._entries.get(iri)
        if e is None and iri in self._packed:
            names, types, schemes, life_domain = self._packed.pop(iri)
            e = self._entries[iri] = _Entry(names, set(types), set(schemes), life_domain)
        return e

    def has_name(self, iri: URIRef) -> bool:
        """Whether iri has a label of its own (not just its IRI's last segment)."""
        e = self._entry(str(iri))
        return bool(e and e.names)

    def label(self, iri: URIRef, lang: str | None = None) -> str:
        """The display label: prefLabel, else rdfs:label, in lang, else Dutch, else the IRI's name."""
        e = self._entry(str(iri))
        if e:
            return e.display(str(iri), lang or self.lang)
        # an IRI outside the project (a website, a reused vocabulary) is shown in full
        return _local_name(iri) if str(iri).startswith("https://w3id.org/armoede-kg/") else str(iri)

    def matches_kind(self, iri: URIRef, kind: str | None) -> bool:
        if kind is None or kind == "entiteit":
            return True
        e = self._entry(str(iri))
        if e is None:
            return False
        if kind == LIFE_DOMAIN:
            return e.life_domain
        if kind in KIND_SCHEMES:
            return KIND_SCHEMES[kind] in e.schemes
        return bool(e.types.intersection(KIND_TYPES.get(kind, ())))

    def resolve(self, text: str, kind: str | None = None, lang: str | None = None,
                context: Context | None = None, partial: bool = True, suggestions: bool = True) -> URIRef:
        """The one IRI that text names, of the given kind (README: "Labels and names").

        In this order: an IRI (or a prefixed name such as iv:krachtwerk); a whole label in any
        language (case, accents and punctuation aside) or another name (a theory's originators,
        a document's seed number or file name); then labels that contain every word of text.
        Several candidates: the ones in `context` (linked from another parameter's resource,
        or in the concept schemes it uses) decide if they are one; else AmbiguousLabelError.
        partial=False: whole labels only (a werkblad's name either is a known label or is new).
        suggestions=False: an unknown label raises without the labels that look like it (a
        fuzzy match over every label: seconds in a large graph, for a name that may be new)."""
        text = text.strip()
        lang = lang or self.lang
        kind = kind_nl(kind)
        iri_text = _expand(text)
        if iri_text.startswith("http://") or iri_text.startswith("https://"):
            iri = URIRef(iri_text)
            if self._entry(iri_text) is not None:
                if not self.matches_kind(iri, kind):
                    raise WrongKindError(f"'{text}' is geen {kind}", en=f"'{text}' is not of kind {kind_en(kind)}")
                return iri
        norm = normalise(text)
        hits = [trusted_iri(h) for h in self._by_norm.get(norm, ())] if norm else []
        of_kind = [h for h in hits if self.matches_kind(h, kind)]
        if of_kind:
            return self._choose(text, of_kind, lang, context)
        document = self._document(norm)
        if document is not None and self.matches_kind(document, kind):
            return document
        # a part of a label of the right kind ('Mullainathan & Shafir' in a source's label
        # 'Mullainathan & Shafir (2013)', though it is also the whole name of their theory)
        contained = self._partial(norm, kind) if partial else []
        if contained:
            return self._choose(text, contained, lang, context)
        if hits:
            found, found_en = ", ".join(self.label(h) for h in hits), ", ".join(self.label(h, "en") for h in hits)
            raise WrongKindError(f"'{text}' ({found}) is geen {kind}",
                                 en=f"'{text}' ({found_en}) is not of kind {kind_en(kind)}")
        raise UnknownLabelError(text, kind, self.suggest(text, kind, lang=lang, context=context) if suggestions else [])

    def _choose(self, text: str, candidates: list[URIRef], lang: str, context: Context | None) -> URIRef:
        """One of candidates: the only one (up to skos:exactMatch), or the only one in context."""
        roots = {self._root(str(h)) for h in candidates}
        if len(roots) == 1:
            exact = [h for h in candidates if self.label(h, "nl") == text]
            return (exact or candidates)[0]
        near = [h for h in candidates if context is not None and self.in_context(h, context)]
        if near and len({self._root(str(h)) for h in near}) == 1:
            return near[0]
        import difflib

        def likeness(h: URIRef) -> float:  # the closest labels first: 'fysieke gezondheid' before a long title
            return max(difflib.SequenceMatcher(None, normalise(text), normalise(lab)).ratio()
                       for lab in (self.label(h, lang), self.label(h, "nl")))

        ranked = sorted(candidates, key=lambda h: (h not in near, -likeness(h), self.label(h, lang).casefold()))
        shown = [(str(h), self._described(h, lang)) for h in ranked[:_MAX_CANDIDATES]]
        raise AmbiguousLabelError(text, shown, more=len(ranked) - len(shown))

    def _described(self, iri: URIRef, lang: str) -> str:
        """A candidate's label with the concept scheme it belongs to, which tells equal labels apart."""
        e = self._entry(str(iri))
        schemes = sorted(self.label(trusted_iri(s), lang) for s in e.schemes) if e else []
        return f"{self.label(iri, lang)} ({', '.join(schemes)})" if schemes else self.label(iri, lang)

    def _document(self, norm: str) -> URIRef | None:
        """A source document by its seed number: '000', 'seed 000', 'document 000', 'doc:000',
        or its file name '000_c73029b7fbcaca56.txt'."""
        m = _DOCUMENT_RE.fullmatch(norm)
        if not m:
            return None
        iri = f"{_DOCUMENT_NS}{m.group(1)}"
        return trusted_iri(iri) if self._entry(iri) is not None else None

    def _partial(self, norm: str, kind: str | None) -> list[URIRef]:
        """Resources of kind with a label that contains every word of norm: whole words if any
        label has them so, else as parts of words ('schaarste' in 'schaarstetheorie')."""
        words = norm.split()
        if not words or len(norm) < 3:
            return []
        whole: dict[str, URIRef] = {}
        part: dict[str, URIRef] = {}
        for label, iris in self._by_norm.items():
            if not all(w in label for w in words):
                continue
            tokens = set(label.split())
            if any((w.isdigit() or len(w) < 3) and w not in tokens for w in words):
                continue  # a number is a whole number ('009' is not part of '2009'); so is an 'l' or a 'd'
            target = whole if all(w in tokens for w in words) else part
            for value in iris:
                iri = trusted_iri(value)
                if self.matches_kind(iri, kind):
                    target.setdefault(value, iri)
        return list((whole or part).values())

    def in_context(self, iri: URIRef, context: Context) -> bool:
        """Whether iri is linked from a context resource, or in a concept scheme such links reach."""
        if str(iri) in context.linked:
            return True
        e = self._entry(str(iri))
        return bool(e and e.schemes & context.schemes)

    def _root(self, iri: str) -> str:
        while iri in self._same and self._same[iri] != iri:
            iri = self._same[iri]
        return iri

    def suggest(self, text: str, kind: str | None, n: int = 3, lang: str | None = None,
                context: Context | None = None) -> list[str]:
        """Labels of the right kind that look most like text; those in context first."""
        import difflib

        needle = normalise(text)
        candidates: dict[str, URIRef] = {}
        for norm, iris in self._by_norm.items():
            for value in iris:
                iri = trusted_iri(value)
                if self.matches_kind(iri, kind):
                    candidates.setdefault(norm, iri)
        scored: dict[URIRef, float] = {}
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(needle)
        for norm, iri in candidates.items():
            bonus = 0.3 if context is not None and self.in_context(iri, context) else 0.0
            matcher.set_seq1(norm)
            # the cheap upper bounds first, as difflib.get_close_matches does
            if needle in norm:
                score = max(matcher.ratio(), 0.7)
            elif matcher.real_quick_ratio() + bonus >= 0.6 and matcher.quick_ratio() + bonus >= 0.6:
                score = matcher.ratio()
            else:
                continue
            # a number asks for a number: '000' is not like the year in 'Sackett e.a. (2000)'
            if needle.isdigit() and needle not in norm.split():
                score = min(score, 0.5)
            if score + bonus >= 0.6:
                scored[iri] = max(scored.get(iri, 0.0), score + bonus)
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1], self.label(kv[0], lang)))
        out: list[str] = []
        for iri, _score in ranked:
            lab = self.label(iri, lang)
            if lab not in out:
                out.append(lab)
        return out[:n]

    def search(self, text: str, kind: str | None = None) -> list[tuple[URIRef, str]]:
        """Resources whose labels contain text (normalised), best matches first."""
        needle = normalise(text)
        kind = kind_nl(kind)
        scored: dict[URIRef, float] = {}
        for norm, iris in self._by_norm.items():
            if needle in norm:
                score = 2.0 if norm == needle else 1.0 + len(needle) / max(len(norm), 1)
                for value in iris:
                    iri = trusted_iri(value)
                    if self.matches_kind(iri, kind):
                        scored[iri] = max(scored.get(iri, 0.0), score)
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1], self.label(kv[0])))
        return [(iri, self.label(iri)) for iri, _ in ranked]

    def types(self, iri: URIRef) -> set[str]:
        e = self._entry(str(iri))
        return set(e.types) if e else set()


def _local_name(iri: str) -> str:
    s = str(iri)
    return s.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
