"""Full-text search over labels and texts (definitions, notes, statement and finding texts),
case- and accent-insensitive, saying where each resource matched; and listing by kind.

Built on the in-memory index of the domain model (kg.model.entities.GraphIndex), like
kg.query.describe.

>>> import kg
>>> hit = kg.load().search_text("508")[0]
>>> hit.field, hit.kind
('label', 'cijfer')
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from ..errors import KgValueError
from ..terms import AK
from .describe import Describer, claim_owners
from .names import external_name
from .resolve import KIND_SCHEMES, KIND_TYPES, LIFE_DOMAIN, normalise

if TYPE_CHECKING:
    from ..model.entities import GraphIndex
    from .resolve import LabelIndex

# Where a match counts most: a label, then a definition, then any other text.
_LABELS = (SKOS.prefLabel, RDFS.label, DCTERMS.title, SKOS.altLabel, SKOS.hiddenLabel, SKOS.notation)
_DEFINITIONS = (SKOS.definition, SKOS.scopeNote, RDFS.comment)
# Texts that say where something is written, not what it says.
_NOT_SEARCHED = frozenset({AK.section, AK.seedFile, AK.derivedBy})
_TEXT_TYPES = (None, XSD.string, RDF.langString)
_SPACES = re.compile(r"[\s\-_/,.;:'\"()]")
_SNIPPET = 40  # characters of context either side of a match
_MENTION = AK.Mention


@dataclass(frozen=True)
class SearchHit:
    """A resource that matched: where (field: the property's name, predicate) and a snippet
    of the text around the match. about: for a nameless claim (finding, statistic), the
    resources it belongs to or is about."""

    iri: URIRef
    label: str
    kind: str
    field: str
    predicate: URIRef | None
    snippet: str
    about: tuple[str, ...]
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"iri": str(self.iri), "label": self.label, "kind": self.kind, "field": self.field,
                "predicate": str(self.predicate) if self.predicate else None,
                "snippet": self.snippet, "about": list(self.about)}


class TextSearch:
    """Search one GraphIndex in one language."""

    def __init__(self, index: GraphIndex, labels: LabelIndex, lang: str) -> None:
        self.idx = index
        self.labels = labels
        self.lang = lang
        self.names = Describer(index, lang)

    def search(self, text: str, kind: str | None = None) -> list[SearchHit]:
        """Resources of kind whose labels or texts contain text, best first; text "" lists
        every resource of the kind (with no kind: every labelled resource)."""
        wanted = self.kind_test(kind)
        needle = normalise(text)
        hits: list[SearchHit] = []
        for node, props in self.idx.out.items():
            if not isinstance(node, URIRef) or _MENTION in self.idx.types.get(node, ()) or not wanted(node):
                continue
            if not needle:
                if kind or self.names.has_name(node):
                    hits.append(self._hit(node, None, "", 0.0))
                continue
            best: tuple[float, URIRef, str] | None = None
            for p, text, lang in texts_of(props):
                folded = normalise(text)
                if needle in folded:
                    # a text in another language still matches, but the reader's own one is shown
                    score = (weight(p) + len(needle) / max(len(folded), 1) + (folded == needle)
                             - (0.5 if lang and lang != self.lang else 0.0))
                    if best is None or score > best[0]:
                        best = (score, p, text)
            if best is not None:
                hits.append(self._hit(node, best[1], snippet(best[2], needle), best[0]))
        hits.sort(key=lambda h: (-h.score, h.label.casefold(), str(h.iri)))
        return hits

    def _hit(self, node: URIRef, p: URIRef | None, snip: str, score: float) -> SearchHit:
        cls = self.idx.main_class(node)
        field = self.names.relation(p) if p is not None else ""
        about = () if self.names.has_name(node) else tuple(
            sorted(self.names.name(o) for o in claim_owners(self.idx, node)))
        return SearchHit(node, self.idx.label(node, self.lang), self.names.name(cls) if cls is not None else "",
                         field, p, snip, about, score)

    # -- kinds ------------------------------------------------------------------------------
    def kind_test(self, kind: str | None) -> Callable[[Node], bool]:
        """Whether a resource is of kind: a kind of the CLI (interventie, theorie, leefgebied,
        niveau …, in Dutch or English) or any class of the graph by label or name (project,
        Statistic, statistiek, begrip …). An unknown kind is a KgValueError with suggestions."""
        if kind is None or normalise(kind) in ("", "entiteit", "entity"):
            return lambda _node: True
        from ..model.entities import KIND_CLASSES, kind_key

        key = kind_key(kind)
        if key in KIND_TYPES or key in KIND_SCHEMES or key == LIFE_DOMAIN:
            return lambda node: isinstance(node, URIRef) and self.labels.matches_kind(node, key)
        classes = dict(KIND_CLASSES).get(key) or self._classes().get(normalise(kind))
        if not classes:
            names = sorted({*dict(KIND_CLASSES), LIFE_DOMAIN, *KIND_SCHEMES, *self._class_names()})
            close = difflib.get_close_matches(kind.strip().casefold(), names, n=3, cutoff=0.6)
            hint_nl = f"; bedoelde u: {', '.join(close)}?" if close else ""
            hint_en = f"; did you mean: {', '.join(close)}?" if close else ""
            raise KgValueError(f"onbekende soort '{kind}'{hint_nl}", en=f"unknown kind '{kind}'{hint_en}")
        wanted = self._with_subclasses(classes)
        return lambda node: bool(self.idx.types.get(node, frozenset()) & wanted)

    def _classes(self) -> dict[str, tuple[URIRef, ...]]:
        """Every class the graph uses or defines, by each of its names, normalised."""
        out: dict[str, set[URIRef]] = {}
        for cls in self._all_classes():
            for name in self._names_of(cls):
                out.setdefault(normalise(name), set()).add(cls)
        return {k: tuple(v) for k, v in out.items()}

    def _class_names(self) -> set[str]:
        return {self.names.name(c) for c in self._all_classes()}

    def _all_classes(self) -> set[URIRef]:
        used = {t for ts in self.idx.types.values() for t in ts}
        defined = {s for s, ts in self.idx.types.items() if OWL.Class in ts or RDFS.Class in ts}
        return {c for c in used | defined if isinstance(c, URIRef)}

    def _names_of(self, cls: URIRef) -> set[str]:
        names = {str(cls).rsplit("#", 1)[-1].rsplit("/", 1)[-1]}
        names.update(str(v) for p in (RDFS.label, SKOS.prefLabel) for v in self.idx.objects(cls, p))
        names.update(n for lang in ("nl", "en") if (n := external_name(cls, lang)))
        return names

    def _with_subclasses(self, classes: tuple[URIRef, ...]) -> frozenset[URIRef]:
        found, todo = set(classes), list(classes)
        while todo:
            for sub in self.idx.subjects(RDFS.subClassOf, todo.pop()):
                if isinstance(sub, URIRef) and sub not in found:
                    found.add(sub)
                    todo.append(sub)
        return frozenset(found)


def texts_of(props: dict[URIRef, list[Node]]) -> list[tuple[URIRef, str, str | None]]:
    """The searchable texts of a resource (its out-links in a GraphIndex) with their language
    tags: every plain or language-tagged literal, except those that only say where something
    is written."""
    return [(p, str(v), v.language) for p, values in props.items() if p not in _NOT_SEARCHED
            for v in values if isinstance(v, Literal) and v.datatype in _TEXT_TYPES]


def weight(p: URIRef) -> int:
    """How much a match in p counts: 3 a label, 2 a definition or scope note, 1 other text."""
    return 3 if p in _LABELS else 2 if p in _DEFINITIONS else 1


def fold(text: str) -> tuple[str, list[int]]:
    """normalise(text) without the final strip, and for each of its characters the index of
    the character of text it came from (to cut a snippet out of the original text)."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if _SPACES.fullmatch(ch):
            if out and out[-1] != " ":
                out.append(" ")
                where.append(i)
            continue
        if ch in "®™":
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        for c in base.casefold():
            if _SPACES.fullmatch(c):
                if out and out[-1] != " ":
                    out.append(" ")
                    where.append(i)
                continue
            out.append(c)
            where.append(i)
    return "".join(out), where


def snippet(text: str, needle: str, context: int = _SNIPPET) -> str:
    """The part of text around the first match of the normalised needle, with … where cut."""
    flat = " ".join(text.split())
    folded, where = fold(flat)
    at = folded.find(needle)
    if at < 0 or not needle:
        return flat if len(flat) <= 2 * context else flat[: 2 * context].rstrip() + "…"
    start, end = where[at], where[min(at + len(needle), len(where)) - 1] + 1
    lo, hi = max(0, start - context), min(len(flat), end + context)
    if lo > 0:
        space = flat.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < len(flat):
        space = flat.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    return ("…" if lo > 0 else "") + flat[lo:hi] + ("…" if hi < len(flat) else "")
