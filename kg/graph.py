"""The KnowledgeGraph facade: load, resolve labels, run named queries, validate."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from .errors import KgValueError, QueryError
from .model.mixin import ModelMixin
from .network.mixin import NetworkMixin
from .paths import ontology_dir, queries_dir
from .query.named import BUILTIN_SLOTS, NamedQuery, bind, load_named_queries
from .query.resolve import Context, LabelIndex
from .query.results import ResultTable
from .store.backend import Backend, RdflibBackend
from .store.loader import data_files, load_shapes, user_files

if TYPE_CHECKING:
    from .validate import ValidationReport

LANGS = ("nl", "en")


@dataclass(frozen=True)
class Statement:
    """One fact about a resource, with the named graph (document) that states it."""

    predicate: URIRef
    predicate_label: str
    value: Node
    value_label: str
    graph: URIRef | None


class KnowledgeGraph(ModelMixin, NetworkMixin):
    """The armoede-kg graph behind one backend, with its named queries and shapes."""

    def __init__(self, backend: Backend, ontology: Path | None = None,
                 queries: Path | None = None, lang: str = "nl") -> None:
        self.backend = backend
        self.ontology_dir = ontology or ontology_dir()
        self.queries_dir = queries or queries_dir()
        if lang not in LANGS:
            raise KgValueError(f"onbekende taal '{lang}' (kies nl of en)",
                             en=f"unknown language '{lang}' (choose nl or en)")
        self.lang = lang
        # load() sets this to read the index from the cache (kg.store.cache) instead of building it
        self.label_loader: Callable[[Backend], LabelIndex] | None = None

    # -- labels -------------------------------------------------------------
    @cached_property
    def labels(self) -> LabelIndex:
        if self.label_loader is not None:
            return self.label_loader(self.backend)
        return LabelIndex(self.backend)

    def resolve(self, label: str, kind: str | None = None, context: Iterable[URIRef] = ()) -> URIRef:
        """The IRI that `label` names (case-, space- and accent-insensitive; a whole label in
        either language, another name, or a unique part: README "Labels and names"). Where
        several fit, those linked from a `context` resource (say, the intervention of the same
        query) decide; otherwise AmbiguousLabelError lists them.

        >>> kg = load()
        >>> str(kg.resolve("krachtwerk", kind="interventie"))
        'https://w3id.org/armoede-kg/id/interventie/krachtwerk'
        """
        ctx = self._context(context) if context else None
        return self.labels.resolve(label, kind, lang=self.lang, context=ctx)

    def _context(self, iris: Iterable[URIRef]) -> Context:
        values = " ".join(URIRef(i).n3() for i in iris)
        rows = self.backend.select(_CONTEXT_QUERY.replace("$context", values))
        linked = {str(r["x"].term) for r in rows if r["x"].term is not None}
        schemes = {str(r["scheme"].term) for r in rows if r["scheme"].term is not None}
        return Context(frozenset(linked), frozenset(schemes))

    def label(self, iri: URIRef) -> str:
        """The display label of iri in this graph's language (falling back to Dutch)."""
        return self.labels.label(iri, self.lang)

    # -- named queries ------------------------------------------------------
    @cached_property
    def named_queries(self) -> dict[str, NamedQuery]:
        return load_named_queries(self.queries_dir)

    def named_query(self, name: str) -> NamedQuery:
        try:
            return self.named_queries[name]
        except KeyError:
            import difflib

            close = difflib.get_close_matches(name, list(self.named_queries), n=3)
            hint = f"; bedoelde u: {', '.join(close)}?" if close else ""
            hint_en = f"; did you mean: {', '.join(close)}?" if close else ""
            raise QueryError(f"onbekende query '{name}'{hint}", en=f"unknown query '{name}'{hint_en}") from None

    def bound_query(self, name: str, **params: Any) -> str:
        """The SPARQL text of a named query with its parameters bound as RDF terms."""
        q = self.named_query(name)
        values: dict[str, Node] = {"taal": Literal(self.lang)}
        given = [(q.param(key), raw) for key, raw in params.items() if raw is not None]
        # interventions first: they are the context in which a life domain or theory is read
        for p, raw in sorted(given, key=lambda pr: pr[0].kind != "interventie"):
            context = [v for v in values.values() if isinstance(v, URIRef)]
            values[p.name] = self._term_for(p.kind, raw, context)
        missing = [p.name for p in q.params if p.required and p.name not in values]
        if missing:
            raise QueryError(f"query '{name}' mist verplichte parameter(s): {', '.join(missing)}",
                             en=f"query '{name}' lacks required parameter(s): {', '.join(missing)}")
        unknown_builtin = BUILTIN_SLOTS - set(values)
        assert not unknown_builtin
        return bind(q.text, values)

    def _term_for(self, kind: str, raw: Any, context: Iterable[URIRef] = ()) -> Node:
        if isinstance(raw, URIRef):
            return self.resolve(str(raw), None if kind in ("text", "integer") else kind)
        text = str(raw)
        if kind == "text":
            return Literal(text)
        if kind == "integer":
            try:
                return Literal(int(text), datatype=XSD.integer)
            except ValueError:
                raise KgValueError(f"'{text}' is geen geheel getal",
                                 en=f"'{text}' is not a whole number") from None
        return self.resolve(text, kind, context)

    def query(self, name: str, **params: Any) -> ResultTable:
        """Run a named query; parameters are labels (or IRIs) of the declared kind.

        >>> kg = load()
        >>> rows = kg.query("versterkers", interventie="Krachtwerk", leefgebied="financiën")
        >>> len(rows)
        9
        """
        return self.backend.select(self.bound_query(name, **params))

    def sparql(self, text: str, allow_service: bool = False) -> ResultTable:
        """Run a read-only SELECT or ASK; UPDATE and SERVICE are refused."""
        # imported here: rdflib's SPARQL parser costs ~50 ms to import, and a named query on a
        # fast backend does not need it
        from .query.guard import check_query

        form = check_query(text, allow_service=allow_service)
        if form == "ask":
            return ResultTable.from_rows(["ask"], [[Literal(self.backend.ask(text))]])
        if form in ("construct", "describe"):
            g = self.backend.construct(text)
            return ResultTable.from_rows(["subject", "predicate", "object"], [list(t) for t in g])
        return self.backend.select(text)

    # -- one resource -------------------------------------------------------
    def describe(self, iri: URIRef) -> list[Statement]:
        """Every triple with iri as subject, per named graph, with labels; claim nodes without
        a label of their own (roles, recognitions, findings, mentions) are summarised."""
        quads = list(self._quads_about(iri))
        unlabelled = [o for _s, _p, o, _g in quads if isinstance(o, URIRef) and not self.labels.has_name(o)]
        summaries = self._summaries(unlabelled) if unlabelled else {}
        out = []
        for _s, p, o, g in quads:
            gid = g.identifier if g is not None and hasattr(g, "identifier") else g
            shown = summaries.get(o) or (self.label(o) if isinstance(o, URIRef) else str(o))
            out.append(Statement(p, display_predicate(p, self.lang, self.label), o, shown,
                                 gid if isinstance(gid, URIRef) else None))
        return sorted(out, key=lambda st: (st.predicate_label, str(st.value), str(st.graph)))

    def _summaries(self, nodes: list[URIRef]) -> dict[Node, str]:
        """One line per claim node: its kind and the values that say what it claims."""
        values = " ".join(n.n3() for n in dict.fromkeys(nodes))
        rows = self.backend.select(_SUMMARY_QUERY.replace("$nodes", values))
        parts: dict[Node, dict[str, list[str]]] = {}
        for r in rows:
            node, prop, val = r["n"].term, str(r["p"].term).rsplit("#", 1)[-1], r["v"].term
            if node is None:
                continue
            shown = self.label(val) if isinstance(val, URIRef) else str(val)
            parts.setdefault(node, {}).setdefault(prop, []).append(shown)
        out = {}
        for node, props in parts.items():
            kind = ", ".join(props.get("type", []))
            what = "; ".join(v for key in _SUMMARY_ORDER for v in props.get(key, []))
            where = ""
            if "inDocument" in props:
                lines = "–".join(props.get("startLine", []) + props.get("endLine", [])[:1])
                where = f" ({props['inDocument'][0]}{', ' + props['section'][0] if 'section' in props else ''}"
                where += f", r. {lines})" if lines else ")"
            out[node] = f"{kind}: {what}{where}" if what else f"{kind}{where}"
        return out

    def _quads_about(self, iri: URIRef) -> Any:
        if isinstance(self.backend, RdflibBackend):
            return self.backend.dataset().quads((iri, None, None, None))
        # other backends answer SPARQL without copying the whole store into rdflib first
        rows = self.backend.select(f"SELECT ?p ?o ?g WHERE {{ GRAPH ?g {{ {iri.n3()} ?p ?o }} }}")
        return [(iri, r["p"].term, r["o"].term, r["g"].term) for r in rows]

    def search(self, text: str, kind: str | None = None) -> list[tuple[URIRef, str]]:
        return self.labels.search(text, kind)

    # -- validation ---------------------------------------------------------
    def validate(self) -> ValidationReport:
        """SHACL shapes (ontologie/vormen.ttl) plus the SPARQL checks in queries/qc/."""
        from .validate import ValidationReport, merged_graph, run_qc, run_shacl

        shapes = load_shapes(self.ontology_dir)
        data = merged_graph(self.backend)
        report = ValidationReport(checked_triples=len(data))
        report.violations.extend(run_shacl(data, shapes, self.lang, self.label))
        report.violations.extend(run_qc(self.backend, self.queries_dir / "qc", self.lang))
        return report

    def stats(self) -> dict[str, Any]:
        """Triples per named graph and resources per class, overall and per graph."""
        return {"graphs": {str(k): v for k, v in self.backend.graphs().items()},
                "classes": self.query("statistiek-klassen").to_dicts()}


BACKENDS = ("rdflib", "oxigraph", "remote")


# What a context resource points at (directly or through its role nodes) and their concept schemes.
_CONTEXT_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX ak: <https://w3id.org/armoede-kg/ontologie#>
SELECT DISTINCT ?x ?scheme WHERE {
  VALUES ?c { $context }
  { ?c ?p ?x } UNION { ?c ak:hasRole ?r . ?r ?q ?x }
  FILTER(isIRI(?x))
  OPTIONAL { ?x skos:inScheme ?scheme }
}
"""

# Properties that say what a claim node claims, in the order they are shown.
_SUMMARY_ORDER = ("recognitionLevel", "noFormalRecognition", "databank", "level", "lifeDomain", "scope",
                  "coherenceField", "overviewTable", "effectivenessRating", "findingText", "statementText",
                  "note")
_SUMMARY_QUERY = """
PREFIX ak: <https://w3id.org/armoede-kg/ontologie#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?n ?p ?v WHERE {
  VALUES ?n { $nodes }
  VALUES ?p { rdf:type ak:recognitionLevel ak:noFormalRecognition ak:databank ak:level ak:lifeDomain ak:scope
              ak:coherenceField ak:overviewTable ak:effectivenessRating ak:findingText ak:statementText skos:note
              ak:inDocument ak:section ak:startLine ak:endLine }
  ?n ?p ?v .
}
"""
_SUMMARY_QUERY = _SUMMARY_QUERY.replace("rdf:type", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>")

# Display names of predicates from reused vocabularies (kern.ttl labels its own terms).
_PREDICATE_NAMES = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": ("type", "type"),
    "http://www.w3.org/2000/01/rdf-schema#comment": ("opmerking", "comment"),
    "http://www.w3.org/2000/01/rdf-schema#label": ("label", "label"),
    "http://www.w3.org/2000/01/rdf-schema#seeAlso": ("zie ook", "see also"),
    "http://www.w3.org/2004/02/skos/core#prefLabel": ("voorkeurslabel", "preferred label"),
    "http://www.w3.org/2004/02/skos/core#altLabel": ("alternatief label", "alternative label"),
    "http://www.w3.org/2004/02/skos/core#hiddenLabel": ("verborgen label", "hidden label"),
    "http://www.w3.org/2004/02/skos/core#definition": ("definitie", "definition"),
    "http://www.w3.org/2004/02/skos/core#note": ("noot", "note"),
    "http://www.w3.org/2004/02/skos/core#scopeNote": ("toelichting", "scope note"),
    "http://www.w3.org/2004/02/skos/core#editorialNote": ("redactionele noot", "editorial note"),
    "http://www.w3.org/2004/02/skos/core#inScheme": ("in schema", "in scheme"),
    "http://www.w3.org/2004/02/skos/core#broader": ("breder begrip", "broader"),
    "http://www.w3.org/2004/02/skos/core#narrower": ("smaller begrip", "narrower"),
    "http://www.w3.org/2004/02/skos/core#exactMatch": ("komt exact overeen met", "exact match"),
    "http://www.w3.org/2004/02/skos/core#closeMatch": ("komt nagenoeg overeen met", "close match"),
    "http://purl.org/dc/terms/title": ("titel", "title"),
    "http://purl.org/dc/terms/source": ("bron", "source"),
    "http://purl.org/dc/terms/publisher": ("uitgever", "publisher"),
    "http://purl.org/dc/terms/creator": ("maker", "creator"),
    "http://purl.org/dc/terms/date": ("datum", "date"),
    "http://purl.org/dc/terms/relation": ("verwant aan", "relation"),
    "http://xmlns.com/foaf/0.1/homepage": ("website", "homepage"),
    "http://purl.org/ontology/bibo/volume": ("jaargang", "volume"),
    "http://purl.org/ontology/bibo/issue": ("nummer", "issue"),
    "http://purl.org/ontology/bibo/pages": ("pagina's", "pages"),
    "http://purl.org/ontology/bibo/uri": ("adres", "URI"),
    "http://www.w3.org/ns/prov#wasDerivedFrom": ("afgeleid van", "derived from"),
}


def display_predicate(p: Node, lang: str, label_of: Callable[[URIRef], str]) -> str:
    """The name to show for a predicate: its kern.ttl label, or a known name for reused terms."""
    names = _PREDICATE_NAMES.get(str(p))
    if names:
        return names[0] if lang == "nl" else names[1]
    return label_of(p) if isinstance(p, URIRef) else str(p)


def load(ontology: Path | str | None = None, lang: str = "nl", backend: str = "rdflib",
         endpoint: str | None = None, cache: bool | None = None,
         files: list[Path] | None = None) -> KnowledgeGraph:
    """Load the shipped graph (or the Turtle files under `ontology`).

    backend: "rdflib" (in memory, the reference), "oxigraph" (pyoxigraph in memory, fast) or
    "remote" (any SPARQL 1.1 endpoint, given as `endpoint`; giving an endpoint implies it).
    cache: reuse the parsed dataset from the user cache folder (see kg.store.cache); None = unless
    ARMOEDE_KG_CACHE=0.
    files: load only the vocabulary (kern, bronnen, schemas) plus these Turtle files, each as
    its own named graph: the way to check a file of your own against the model.

    >>> kg = load()
    >>> kg.backend.name
    'rdflib'
    """
    root = Path(ontology).resolve() if ontology else ontology_dir()
    if endpoint is not None or backend == "remote":
        from .store.remote import RemoteBackend

        if backend not in ("rdflib", "remote"):
            raise KgValueError(f"kies de backend '{backend}' of een endpoint, niet allebei",
                             en=f"choose the backend '{backend}' or an endpoint, not both")
        if not endpoint:
            raise KgValueError("de remote backend heeft een endpoint nodig (endpoint=URL)",
                             en="the remote backend needs an endpoint (endpoint=URL)")
        return KnowledgeGraph(RemoteBackend(endpoint), ontology=root, lang=lang)
    if backend not in ("rdflib", "oxigraph"):
        raise KgValueError(f"onbekende backend '{backend}' (kies uit {', '.join(BACKENDS)})",
                         en=f"unknown backend '{backend}' (choose from {', '.join(BACKENDS)})")
    from .store.cache import open_backend

    chosen = data_files(root, knowledge=files is None)
    if files is not None:
        chosen += user_files(files)
    store, label_loader = open_backend(backend, chosen, use=cache)
    graph = KnowledgeGraph(store, ontology=root, lang=lang)
    graph.label_loader = label_loader
    return graph
