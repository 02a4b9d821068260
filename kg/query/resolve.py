"""Labels → IRIs: case-, space- and accent-insensitive, by kind, with suggestions."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rdflib import URIRef

from ..errors import AmbiguousLabelError, UnknownLabelError, WrongKindError
from ..store.backend import Backend
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

_LABEL_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?p ?label WHERE {
  VALUES ?p { skos:prefLabel skos:altLabel skos:hiddenLabel rdfs:label skos:notation }
  ?s ?p ?label .
}
"""
_TYPE_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX ak: <https://w3id.org/armoede-kg/ontologie#>
SELECT ?s ?type ?scheme ?ld WHERE {
  { ?s a ?type } UNION { ?s skos:inScheme ?scheme OPTIONAL { ?scheme a ?ld FILTER(?ld = ak:LifeDomainScheme) } }
}
"""

_EXACT_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?a ?b WHERE { ?a skos:exactMatch|skos:closeMatch ?b }
"""


def normalise(text: str) -> str:
    """Fold case, accents, ®/™ and runs of white space or punctuation, so that
    'FINANCIEN', 'financiën' and ' Financiën ' are equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("®", "").replace("™", "")
    stripped = re.sub(r"[\s\-_/,.;:'\"()]+", " ", stripped.casefold())
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
        for row in backend.select(_LABEL_QUERY):
            s, label = row["s"].term, row["label"].term
            if not isinstance(s, URIRef) or label is None:
                continue
            e = self._new_entry(str(s))
            prop = str(row["p"].term)
            kind = "pref" if prop.endswith("prefLabel") else "rdfs" if prop.endswith("#label") else ""
            if kind:
                lang_tag = getattr(label, "language", None) or ""
                e.names.setdefault((kind, lang_tag), str(label))
            by_norm[normalise(str(label))].add(str(s))
        for row in backend.select(_TYPE_QUERY):
            s = row["s"].term
            if not isinstance(s, URIRef):
                continue
            e = self._new_entry(str(s))
            if row["type"].term is not None:
                e.types.add(str(row["type"].term))
            if row["scheme"].term is not None:
                e.schemes.add(str(row["scheme"].term))
            if row["ld"].term is not None:
                e.life_domain = True
        self._by_norm: dict[str, tuple[str, ...]] = {k: tuple(sorted(v)) for k, v in by_norm.items()}
        # Concepts joined by skos:exactMatch/closeMatch are one meaning: a label shared by them is not ambiguous.
        self._same: dict[str, str] = {}
        for row in backend.select(_EXACT_QUERY):
            a, b = row["a"].term, row["b"].term
            if isinstance(a, URIRef) and isinstance(b, URIRef):
                self._same[self._root(str(a))] = self._root(str(b))

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

    def resolve(self, text: str, kind: str | None = None) -> URIRef:
        """The one IRI whose label (or IRI) is text, of the given kind."""
        text = text.strip()
        if text.startswith("http://") or text.startswith("https://"):
            iri = URIRef(text)
            if self._entry(text) is not None:
                if not self.matches_kind(iri, kind):
                    raise WrongKindError(f"'{text}' is geen {kind}")
                return iri
        hits = [trusted_iri(h) for h in self._by_norm.get(normalise(text), ())]
        of_kind = [h for h in hits if self.matches_kind(h, kind)]
        if len(of_kind) == 1:
            return of_kind[0]
        if len(of_kind) > 1 and len({self._root(str(h)) for h in of_kind}) == 1:
            exact = [h for h in of_kind if self.label(h, "nl") == text]
            return (exact or of_kind)[0]
        if len(of_kind) > 1:
            raise AmbiguousLabelError(text, [(str(h), self.label(h)) for h in of_kind])
        if hits:
            found = ", ".join(self.label(h) for h in hits)
            raise WrongKindError(f"'{text}' ({found}) is geen {kind}")
        raise UnknownLabelError(text, kind, self.suggest(text, kind))

    def _root(self, iri: str) -> str:
        while iri in self._same and self._same[iri] != iri:
            iri = self._same[iri]
        return iri

    def suggest(self, text: str, kind: str | None, n: int = 3) -> list[str]:
        """Labels of the right kind that look most like text."""
        candidates: dict[str, URIRef] = {}
        for norm, iris in self._by_norm.items():
            for value in iris:
                iri = trusted_iri(value)
                if self.matches_kind(iri, kind):
                    candidates.setdefault(norm, iri)
        import difflib

        close = difflib.get_close_matches(normalise(text), list(candidates), n=n * 2, cutoff=0.6)
        needle = normalise(text)
        if not close and len(needle) >= 3:
            close = [c for c in candidates if needle in c][: n * 2]
        out: list[str] = []
        for c in close:
            lab = self.label(candidates[c])
            if lab not in out:
                out.append(lab)
        return out[:n]

    def search(self, text: str, kind: str | None = None) -> list[tuple[URIRef, str]]:
        """Resources whose labels contain text (normalised), best matches first."""
        needle = normalise(text)
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
