"""Checked werkbladen → one rdflib Graph per document, by the mapping table (velden.yaml):
IRIs of everything that resolves are reused, new things get IRIs by the slug rule of
ontologie/MODELLERING.md, and every fact gets its mention (document, section, pages or lines)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from ..errors import AmbiguousLabelError, KgLookupError, UnknownLabelError
from ..query.resolve import LabelIndex, normalise
from ..terms import BASE, GRAAF
from .mapping import PREFIXES, Field, compact, expand, mapping
from .reader import Location, Record, Werkblad, WerkbladError, Where

AK = PREFIXES["ak"]
NEW_MARK = "nieuw:"
# kinds the label index does not know by name: the classes that qualify
EXTRA_KINDS = {
    "organisatie": {AK + "Organisation", AK + "Person", AK + "Municipality", "http://xmlns.com/foaf/0.1/Organization",
                    "http://xmlns.com/foaf/0.1/Person", "http://xmlns.com/foaf/0.1/Agent"},
    "databank": {AK + "Databank"},
}
# kind → (Dutch noun with its adjective form, English noun): "onbekend leefgebied", "onbekende theorie"
KIND_NAMES = {"leefgebied": ("onbekend leefgebied", "leefgebied", "life domain"),
              "theorie": ("onbekende theorie", "theorie", "theory"),
              "organisatie": ("onbekende organisatie", "organisatie", "organisation"),
              "databank": ("onbekende databank", "databank", "databank"),
              "gemeente": ("onbekende gemeente", "gemeente", "municipality"),
              "instrument": ("onbekend instrument", "instrument", "instrument"),
              "erkenning": ("onbekend erkenningsniveau", "erkenningsniveau", "recognition level"),
              "interventie": ("onbekende interventie", "interventie", "intervention")}
# what this run introduced that a value of a kind may name: an agent may be a new municipality
MINTED_FOR = {"organisatie": ("og", "gem", "per")}
# how alike an unknown name and a known label must be to be taken for a typo of it
TYPO_SIMILARITY = 0.85
NO_RECOGNITION = ("geen", "geen formele erkenning", "none")


def slug(text: str) -> str:
    """The modelling guide's rule: lower-case ASCII with hyphens; ®, accents and punctuation dropped."""
    decomposed = unicodedata.normalize("NFKD", text.replace("®", "").replace("™", ""))
    ascii_ = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-") or "x"


def iri(prefix: str, local: str) -> URIRef:
    return URIRef(PREFIXES[prefix] + local)


def document_iri(doc_id: str) -> URIRef:
    return iri("doc", doc_id)


def graph_iri(doc_id: str) -> URIRef:
    return GRAAF["kennis/" + doc_id]


@dataclass
class DocumentGraph:
    """What `toevoegen` writes for one document, and where each node came from."""

    doc_id: str
    graph: Graph
    source: Werkblad
    origins: dict[URIRef, tuple[Record | None, Where]] = field(default_factory=dict)


class Resolver:
    """Labels → IRIs against the existing graph (kg.query.resolve) plus what this run mints."""

    def __init__(self, labels: LabelIndex) -> None:
        self.labels = labels
        self.minted: dict[tuple[str, str], URIRef] = {}  # (prefix, normalised label) → new IRI
        self.interventions: dict[str, URIRef] = {}  # normalised name or IRI → IRI, this run

    def known(self, text: str, kind: str, w: Where) -> URIRef | None:
        """The existing resource of this kind that text names, or None; a clash is an error."""
        text = expand_prefixed(text)
        try:
            # whole labels only: a name that is part of a longer label is a new thing
            if kind in EXTRA_KINDS:
                hit = self.labels.resolve(text, None, partial=False, suggestions=False)
                if not self.labels.types(hit) & EXTRA_KINDS[kind]:
                    raise _wrong_kind(w, text, kind)
                return hit
            return self.labels.resolve(text, kind, partial=False, suggestions=False)
        except UnknownLabelError:  # a new thing: no suggestions needed
            return None
        except AmbiguousLabelError as exc:
            fitting = [c for c in exc.candidates if kind not in EXTRA_KINDS
                       or self.labels.types(URIRef(c[0])) & EXTRA_KINDS[kind]]
            if len(fitting) == 1:
                return URIRef(fitting[0][0])
            raise w.fail(exc.message("nl"), exc.message("en")) from None
        except KgLookupError as exc:
            raise _wrong_kind(w, text, kind) from exc

    def suggest(self, text: str, kind: str) -> list[str]:
        if kind in EXTRA_KINDS:
            return [s for s in self.labels.suggest(text, None, n=10)
                    if self._kind_of_label(s, kind)][:3]
        return self.labels.suggest(text, kind)

    def _kind_of_label(self, label: str, kind: str) -> bool:
        try:
            return bool(self.labels.types(self.labels.resolve(label, None, partial=False)) & EXTRA_KINDS[kind])
        except KgLookupError:
            return False


def _similar(a: str, b: str) -> bool:
    import difflib

    return difflib.SequenceMatcher(None, normalise(a), normalise(b)).ratio() >= TYPO_SIMILARITY


def expand_prefixed(text: str) -> str:
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and local and not local.startswith("//") and " " not in text:
        return str(expand(text))
    return text


def _wrong_kind(w: Where, text: str, kind: str) -> WerkbladError:
    _unknown, nl, en = KIND_NAMES.get(kind, (kind, kind, kind))
    return w.fail(f"'{text}' is geen {nl}", f"'{text}' is not a {en}")


def unknown(w: Where, text: str, kind: str, suggestions: list[str], may_be_new: bool) -> WerkbladError:
    unknown_nl, nl, en = KIND_NAMES.get(kind, (f"onbekend: {kind}", kind, kind))
    hint_nl = f"; bedoelde u {' of '.join(repr(s) for s in suggestions)}?" if suggestions else ""
    hint_en = f"; did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
    if may_be_new:
        hint_nl += f" (of schrijf '{NEW_MARK} {text}' voor iets nieuws)"
        hint_en += f" (or write '{NEW_MARK} {text}' for a new {en})"
    return w.fail(f"{unknown_nl} '{text}'{hint_nl}", f"unknown {en} '{text}'{hint_en}")


def literal(f: Field, value: Any) -> Literal | URIRef:
    if f.kind == "tekst":
        return Literal(value, lang="nl")
    if f.kind == "janee":
        return Literal(bool(value))
    if f.kind == "jaar":
        dtype = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(value), XSD.date)
        return Literal(value, datatype=dtype)
    if f.kind == "url":
        return URIRef(value)
    return Literal(value)  # letterlijk, adres: plain text


class Builder:
    """Builds the graphs of one run: all werkbladen at once, so that they may name each other."""

    def __init__(self, labels: LabelIndex, existing: Container[str]) -> None:
        self.resolver = Resolver(labels)
        self.existing = existing  # IRIs in the data (so that a minted IRI never takes one over)
        self.iv_of: dict[int, URIRef] = {}

    # -- pass 1: the IRI of every intervention ---------------------------------------------------
    def assign(self, werkbladen: list[Werkblad]) -> None:
        for wb in werkbladen:
            for rec in wb.interventions:
                self.iv_of[id(rec)] = self._intervention_iri(rec)

    def _intervention_iri(self, rec: Record) -> URIRef:
        r = self.resolver
        name = str(rec.values["naam"])
        given = rec.get("id")
        target: URIRef | None
        if given:
            target = URIRef(expand_prefixed(given))
            # iv: as a rule; an intervention the graph already names under another folder keeps its IRI
            if compact(str(target)) is None or not str(target).startswith(BASE + "id/"):
                raise rec.where["id"].fail(f"'{given}' is geen IRI van armoede-kg (bijv. iv:…)",
                                           f"'{given}' is not an armoede-kg IRI (e.g. iv:…)")
        else:
            target = r.interventions.get(normalise(name)) or r.known(name, "interventie", rec.where["naam"])
        if target is None:
            base = slug(name)
            target = iri("iv", base)
            n = 2
            while str(target) in self.existing:
                target, n = iri("iv", f"{base}-{n}"), n + 1
        for key in (normalise(name), *(normalise(a) for a in rec.get("andere_namen", []))):
            r.interventions.setdefault(key, target)
        return target

    # -- pass 2: triples -------------------------------------------------------------------------
    def build(self, wb: Werkblad) -> DocumentGraph:
        doc = wb.document
        doc_id = doc.values["id"]
        out = DocumentGraph(doc_id, Graph(), wb)
        g = out.graph
        d = document_iri(doc_id)
        m = mapping()
        g.add((graph_iri(doc_id), RDF.type, URIRef(PREFIXES["prov"] + "Entity")))
        g.add((graph_iri(doc_id), URIRef(PREFIXES["prov"] + "wasDerivedFrom"), d))
        title = doc.values["titel"]
        g.add((graph_iri(doc_id), expand("dcterms:title"), Literal(f"Kennis uit '{title}' (werkblad)", lang="nl")))
        g.add((graph_iri(doc_id), expand("dcterms:title"), Literal(f"Knowledge from '{title}' (werkblad)", lang="en")))
        g.add((d, RDF.type, expand("ak:SourceDocument")))
        g.add((d, RDF.type, m.document_kinds[doc.values["soort"]]))
        g.add((d, expand("skos:prefLabel"), Literal(doc.get("korte_naam") or title, lang="nl")))
        out.origins[d] = (doc, doc.at)
        for f in m.section("document"):
            if f.name in doc.values and f.properties and f.kind not in ("documentsoort",) and f.name != "korte_naam":
                g.add((d, f.prop, literal(f, doc.values[f.name])))
        where = doc.get("locatie") or Location("Titelpagina", (1, 1), None, doc.at)
        self._mention(out, iri("vml", f"{doc_id}-document"), doc_id, where, d)
        for rec in wb.interventions:
            self._intervention(out, rec)
        return out

    def _mention(self, out: DocumentGraph, node: URIRef, doc_id: str, loc: Location, about: URIRef,
                 claim: bool = False) -> None:
        g = out.graph
        if not claim:
            g.add((node, RDF.type, expand("ak:Mention")))
            g.add((about, expand("ak:mentionedIn"), node))
        g.add((node, expand("ak:inDocument"), document_iri(doc_id)))
        g.add((node, expand("ak:section"), Literal(loc.section, lang="nl")))
        for span, (first, last) in ((loc.lines, ("ak:startLine", "ak:endLine")),
                                    (loc.pages, ("ak:startPage", "ak:endPage"))):
            if span is not None:
                g.add((node, expand(first), Literal(span[0], datatype=XSD.integer)))
                g.add((node, expand(last), Literal(span[1], datatype=XSD.integer)))
        out.origins.setdefault(node, (None, loc.at))

    def _intervention(self, out: DocumentGraph, rec: Record) -> None:
        g, doc_id, labels = out.graph, out.doc_id, self.resolver.labels
        node = self.iv_of[id(rec)]
        local = str(node).rsplit("/", 1)[-1]  # rol:, vml:, erk: names: <document>-<intervention>
        out.origins[node] = (rec, rec.at)
        name = str(rec.values["naam"])
        g.add((node, RDF.type, expand("ak:Intervention")))
        known_label = labels.label(node, "nl") if labels.has_name(node) and not rec.get("id") else None
        g.add((node, expand("skos:prefLabel"), Literal(known_label or name, lang="nl")))
        if known_label and known_label != name:
            g.add((node, expand("skos:altLabel"), Literal(name, lang="nl")))
        locations: list[Location] = rec.values["locatie"]
        role = iri("rol", f"{doc_id}-{local}")
        g.add((role, RDF.type, expand("ak:DiscussedInterventionRole")))
        g.add((node, expand("ak:hasRole"), role))
        self._mention(out, role, doc_id, locations[0], node, claim=True)
        out.origins[role] = (rec, rec.where["locatie"])
        for i, loc in enumerate(locations):
            self._mention(out, iri("vml", f"{doc_id}-{local}" + (f"-{i + 1}" if i else "")), doc_id, loc, node)
        # specific kinds first: a municipality this run introduces is then also the developer of that name
        for f in sorted(mapping().section("interventie"), key=lambda f: f.lookup == "organisatie"):
            value = rec.get(f.name)
            if value is None or f.name == "naam":  # the name is written above, known or new
                continue
            if f.kind == "erkenning":
                for i, r in enumerate(value):
                    self._recognition(out, node, r, f"{doc_id}-{local}" + (f"-{i + 1}" if i else ""), locations[0])
                continue
            if not f.properties:  # id, locatie: handled above
                continue
            for i, v in enumerate(value if f.many else [value]):
                w = rec.where.get(f"{f.name}[{i}]", rec.where[f.name])
                g.add((node, f.prop, self._object(out, f, v, w, locations[0])))

    def _recognition(self, out: DocumentGraph, about: URIRef, rec: Record, local: str, loc: Location) -> None:
        g = out.graph
        node = iri("erk", local)
        out.origins[node] = (rec, rec.at)
        g.add((node, RDF.type, expand("ak:Recognition")))
        g.add((about, expand("ak:hasRecognition"), node))
        self._mention(out, node, out.doc_id, loc, about, claim=True)
        for f in mapping().section("erkenning"):
            value = rec.get(f.name)
            if value is None:
                continue
            if f.name == "niveau" and normalise(value) in NO_RECOGNITION:
                g.add((node, expand("ak:noFormalRecognition"), Literal(True)))
                continue
            g.add((node, f.prop, self._object(out, f, value, rec.where[f.name], loc)))

    def _object(self, out: DocumentGraph, f: Field, value: Any, w: Where, loc: Location) -> Literal | URIRef:
        if f.kind not in ("bestaand", "bestaand-of-nieuw"):
            return literal(f, value)
        assert f.lookup is not None
        r = self.resolver
        text = str(value)
        forced = text.casefold().startswith(NEW_MARK)
        if forced:
            text = text[len(NEW_MARK):].strip()
        if f.lookup == "interventie":
            hit = r.interventions.get(normalise(text)) or r.known(text, "interventie", w)
        elif minted := next((r.minted[(p, normalise(text))] for p in MINTED_FOR.get(f.lookup, (f.new_prefix or "",))
                             if (p, normalise(text)) in r.minted), None):
            self._state_new(out, minted, f, text, loc)
            return minted
        else:
            hit = None if forced else r.known(text, f.lookup, w)
        if hit is not None:
            return hit
        suggestions = r.suggest(text, f.lookup)
        if f.kind == "bestaand-of-nieuw":  # only a near miss looks like a typo; anything else is new
            suggestions = [s for s in suggestions if _similar(s, text)]
        if f.kind == "bestaand" or (suggestions and not forced):
            raise unknown(w, text, f.lookup, suggestions, f.kind == "bestaand-of-nieuw")
        assert f.new_prefix is not None
        new = iri(f.new_prefix, slug(text))
        n = 2
        while str(new) in self.existing:
            new, n = iri(f.new_prefix, f"{slug(text)}-{n}"), n + 1
        r.minted[(f.new_prefix, normalise(text))] = new
        out.origins[new] = (None, w)
        self._state_new(out, new, f, text, loc)
        return new

    def _state_new(self, out: DocumentGraph, node: URIRef, f: Field, label: str, loc: Location) -> None:
        """A thing this run introduces is described in each document graph that names it."""
        g = out.graph
        if any(True for _ in g.triples((node, RDF.type, None))):
            return
        prefix = (compact(str(node)) or "").split(":", 1)[0]
        new_class = next((c.new_class for c in mapping().section("interventie") + mapping().section("erkenning")
                          if c.new_prefix == prefix and c.new_class is not None), f.new_class)
        assert new_class is not None
        g.add((node, RDF.type, new_class))
        g.add((node, expand("skos:prefLabel"), Literal(label, lang="nl")))
        local = str(node)[len(BASE + "id/"):].replace("/", "-")
        self._mention(out, iri("vml", f"{out.doc_id}-{local}"), out.doc_id, loc, node)


def build_all(werkbladen: list[Werkblad], labels: LabelIndex, existing: Container[str]) -> list[DocumentGraph]:
    b = Builder(labels, existing)
    b.assign(werkbladen)
    return [b.build(wb) for wb in werkbladen]


def short(node: URIRef) -> str:
    return compact(str(node)) or str(node)
