"""Graph → werkblad: what one document's graph says about its interventions, in the fields of
the mapping table (velden.yaml). The inverse of build.py for everything a werkblad has a field for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from ..errors import KgError
from ..query.resolve import LabelIndex
from .build import NO_RECOGNITION, Resolver, document_iri, graph_iri
from .mapping import PREFIXES, Field, compact, expand, mapping
from .reader import Where

AK = PREFIXES["ak"]


def _nl_first(values: list[Node]) -> list[Node]:
    return sorted(values, key=lambda v: (getattr(v, "language", None) not in (None, "nl"), str(v)))


class Exporter:
    """Reads werkbladen out of a dataset; labels name the things a field refers to."""

    def __init__(self, ds: Dataset, labels: LabelIndex) -> None:
        self.ds = ds
        self.labels = labels
        self.resolver = Resolver(labels)

    def documents_of(self, iv: URIRef) -> list[str]:
        """Ids of the documents whose graph states something about iv."""
        out = []
        prefix = str(graph_iri(""))
        for g in self.ds.graphs():
            name = str(g.identifier)
            if name.startswith(prefix) and (iv, None, None) in g:
                out.append(name[len(prefix):])
        return sorted(out)

    def interventions_in(self, doc_id: str) -> list[URIRef]:
        g = self.ds.graph(graph_iri(doc_id))
        # an intervention the graph types elsewhere still counts when this document says something about it
        typed = set(self.ds.subjects(RDF.type, URIRef(AK + "Intervention")))
        found = [s for s in set(g.subjects()) if s in typed and isinstance(s, URIRef)]
        return sorted(found, key=lambda s: (self._first_location_key(g, s), str(s)))

    def werkblad(self, doc_id: str, interventions: list[URIRef] | None = None) -> dict[str, Any]:
        """The werkblad of a document: its description and (some of) its interventions."""
        g = self.ds.graph(graph_iri(doc_id))
        chosen = self.interventions_in(doc_id) if interventions is None else interventions
        return {"document": self._document(doc_id), "interventies": [self._intervention(g, iv) for iv in chosen]}

    # -- document --------------------------------------------------------------------------------
    def _document(self, doc_id: str) -> dict[str, Any]:
        d = document_iri(doc_id)
        union = self.ds  # a seed's description lives in bronnen.ttl, a werkblad's in its own graph
        out: dict[str, Any] = {"id": doc_id}
        m = mapping()
        for f in m.section("document"):
            if f.kind == "documentsoort":
                kinds = {str(v) for v in union.objects(d, RDF.type)}
                out["soort"] = next((k for k, c in m.document_kinds.items() if str(c) in kinds), "document")
            elif f.kind == "locatie":
                loc = self._locations(union, d, doc_id)
                if loc:
                    out["locatie"] = loc[0]
            elif f.properties:
                values = _nl_first(list(union.objects(d, f.prop)))
                if values:
                    out[f.name] = self._render(f, values[0])
        if out.get("korte_naam") == out.get("titel"):
            out.pop("korte_naam")
        return out

    # -- intervention ----------------------------------------------------------------------------
    def _intervention(self, g: Graph, iv: URIRef) -> dict[str, Any]:
        out: dict[str, Any] = {"id": compact(str(iv)) or str(iv)}
        names = _nl_first(list(g.objects(iv, expand("skos:prefLabel"))))
        out["naam"] = str(names[0]) if names else self.labels.label(iv, "nl")
        doc_id = str(g.identifier)[len(str(graph_iri(""))):]
        for f in mapping().section("interventie"):
            if f.name in ("id", "naam"):
                continue
            if f.kind == "locatie":
                out["locatie"] = self._locations(g, iv, doc_id) or self._role_location(g, iv)
            elif f.kind == "erkenning":
                recs = [self._recognition(g, r) for r in sorted(g.objects(iv, expand("ak:hasRecognition")), key=str)]
                if recs:
                    out["erkenning"] = recs if len(recs) > 1 else recs[0]
            elif f.properties:
                values = [self._render(f, v) for v in _nl_first(list(g.objects(iv, f.prop)))]
                values = [v for v in values if v is not None]
                if values:
                    out[f.name] = (sorted(values, key=str) if len(values) > 1 else values[0]) if f.many else values[0]
        return out

    def _recognition(self, g: Graph, node: Node) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if (node, expand("ak:noFormalRecognition"), Literal(True)) in g:
            out["niveau"] = NO_RECOGNITION[0]
        for f in mapping().section("erkenning"):
            values = _nl_first(list(g.objects(node, f.prop)))
            if values:
                out[f.name] = self._render(f, values[0])
        return out

    def _locations(self, g: Graph, about: URIRef, doc_id: str) -> list[dict[str, Any]]:
        d = document_iri(doc_id)
        found = [m for m in g.objects(about, expand("ak:mentionedIn")) if (m, expand("ak:inDocument"), d) in g]
        found.sort(key=lambda m: (self._span_key(g, m), str(m)))
        return [loc for m in found if (loc := self._location(g, m))]

    def _role_location(self, g: Graph, iv: URIRef) -> list[dict[str, Any]]:
        roles = sorted(g.objects(iv, expand("ak:hasRole")), key=str)
        return [loc for r in roles[:1] if (loc := self._location(g, r))]

    def _location(self, g: Graph, node: Node) -> dict[str, Any] | None:
        section = g.value(node, expand("ak:section"))
        out: dict[str, Any] = {"sectie": str(section) if section is not None else ""}
        for key, first, last in (("paginas", "ak:startPage", "ak:endPage"), ("regels", "ak:startLine", "ak:endLine")):
            a, b = g.value(node, expand(first)), g.value(node, expand(last))
            if a is not None:
                start = int(str(a))
                end = int(str(b)) if b is not None else start
                out[key] = str(start) if start == end else f"{start}-{end}"
        return out if len(out) > 1 and out["sectie"] else None

    def _span_key(self, g: Graph, node: Node) -> tuple[int, int]:
        line = g.value(node, expand("ak:startLine"))
        page = g.value(node, expand("ak:startPage"))
        return (int(str(line)) if line is not None else 10**9, int(str(page)) if page is not None else 10**9)

    def _first_location_key(self, g: Graph, iv: URIRef) -> tuple[int, int]:
        keys = [self._span_key(g, m) for m in g.objects(iv, expand("ak:mentionedIn"))]
        return min(keys) if keys else (10**9, 10**9)

    # -- values ----------------------------------------------------------------------------------
    def _render(self, f: Field, value: Node) -> Any:
        if f.kind == "janee":
            py = value.toPython() if isinstance(value, Literal) else None
            return "ja" if py is True else "nee" if py is False else str(value)
        if f.kind in ("bestaand", "bestaand-of-nieuw") and isinstance(value, URIRef):
            return self.reference(value, f.lookup)
        if isinstance(value, Literal) and value.datatype == XSD.integer:
            return str(int(value))
        return str(value)

    def reference(self, node: URIRef, kind: str | None) -> str:
        """A label that resolves back to node, else its prefixed name."""
        label = str(self.labels.label(node, "nl"))
        try:
            if self.resolver.known(label, kind or "interventie", _GRAPH) == node:
                return label
        except KgError:  # the label names something else too: the IRI says which
            pass
        return compact(str(node)) or str(node)


_GRAPH = Where(Path("graaf"), 0, "")


def to_yaml(werkblad: dict[str, Any]) -> str:
    text: str = yaml.safe_dump(werkblad, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return text
