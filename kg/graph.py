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

from .advies.mixin import AdviesMixin
from .errors import KgValueError, QueryParameterError, UnknownQueryError
from .model.mixin import ModelMixin
from .network.mixin import NetworkMixin
from .paths import ontology_dir, queries_dir
from .query.named import BUILTIN_SLOTS, NamedQuery, bind, load_named_queries
from .query.resolve import Context, LabelIndex
from .query.results import ResultTable
from .store.backend import Backend
from .store.loader import DataFile, data_files, load_shapes, user_files

if TYPE_CHECKING:
    from .query.describe import Description
    from .query.textsearch import SearchHit
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
    direction: str = "out"  # "in": value → predicate → the described resource


class KnowledgeGraph(ModelMixin, NetworkMixin, AdviesMixin):
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
        # load() sets this to the data files read, so that derived results can be cached by them
        self.data_files: list[DataFile] | None = None

    # -- labels -------------------------------------------------------------
    @cached_property
    def labels(self) -> LabelIndex:
        """The label index (every label and alternative label per resource): built on first use,
        from the cache where load() gave one."""
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
        """The named queries of queries/*.rq by name (read on first use)."""
        return load_named_queries(self.queries_dir)

    def named_query(self, name: str) -> NamedQuery:
        """The named query called name, or an UnknownQueryError (a LookupError) suggesting close
        names."""
        try:
            return self.named_queries[name]
        except KeyError:
            import difflib

            close = difflib.get_close_matches(name, list(self.named_queries), n=3)
            hint = f"; bedoelde u: {', '.join(close)}?" if close else ""
            hint_en = f"; did you mean: {', '.join(close)}?" if close else ""
            raise UnknownQueryError(f"onbekende query '{name}'{hint}",
                                    en=f"unknown query '{name}'{hint_en}") from None

    def bound_query(self, name: str, **params: Any) -> str:
        """The SPARQL text of a named query with its parameters bound as RDF terms."""
        q = self.named_query(name)
        values: dict[str, Node] = {"taal": Literal(self.lang)}
        given = [(q.param(key), raw) for key, raw in params.items() if raw is not None]
        # interventions first: they are the context in which a life domain or theory is read
        for p, raw in sorted(given, key=lambda pr: pr[0].kind != "interventie"):
            if p.choices and str(raw) not in p.choices:
                listed = ", ".join(p.choices)
                raise KgValueError(f"'{raw}' is geen geldige waarde voor {p.name} (kies uit: {listed})",
                                   en=f"'{raw}' is not a valid value for {p.name} (choose from: {listed})")
            context = [v for v in values.values() if isinstance(v, URIRef)]
            values[p.name] = self._term_for(p.kind, raw, context)
        missing = [p.name for p in q.params if p.required and p.name not in values]
        if missing:
            raise QueryParameterError(f"query '{name}' mist verplichte parameter(s): {', '.join(missing)}",
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
                raise QueryParameterError(f"'{text}' is geen geheel getal",
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
    def description(self, thing: str | URIRef, kind: str | None = None) -> Description:
        """Everything about one resource (a label or IRI): its own links and the links that
        point to it, each with the named graphs (documents) that state it, grouped by relation
        and document, in printed order where the document numbers things (kg.query.describe).

        >>> d = load().description("Checklist voor passende ondersteuning")
        >>> d.kind, len([link for link in d.incoming if link.relation == "hoort bij"])
        ('verzameling principes', 5)
        """
        from .query.describe import Describer

        iri = thing if isinstance(thing, URIRef) else self.resolve(thing, kind)
        return Describer(self.graph_index, self.lang).describe(iri)

    def describe(self, iri: URIRef, incoming: bool = False) -> list[Statement]:
        """The statements with iri as subject (with incoming=True also those with iri as
        object), one per named graph that states it, with labels; claim nodes without a label
        of their own (roles, recognitions, findings, mentions) are summarised."""
        links = self.description(iri).links
        return [Statement(link.predicate, link.relation, link.value, link.value_label, g, link.direction)
                for link in links if incoming or link.direction == "out"
                for g in (link.graphs or (None,))]

    def search(self, text: str, kind: str | None = None) -> list[tuple[URIRef, str]]:
        """Resources whose label or text contains text: (IRI, label) pairs, best first.
        search_text() says where each matched."""
        return [(hit.iri, hit.label) for hit in self.search_text(text, kind)]

    def search_text(self, text: str, kind: str | None = None) -> list[SearchHit]:
        """Resources whose labels, definitions, notes or statement and finding texts contain
        text (case- and accent-insensitive), each with the property and a snippet where it
        matched; kind: any kind or class name (interventie, project, Statistic …); "" lists all
        of that kind (kg.query.textsearch).

        >>> hits = load().search_text("duureffect")
        >>> [(hit.label, hit.field) for hit in hits if hit.label == "Budgetbeheer"]
        [('Budgetbeheer', 'toelichting')]
        """
        from .query.textsearch import TextSearch

        return TextSearch(self.graph_index, self.labels, self.lang).search(text, kind)

    # -- validation ---------------------------------------------------------
    def validate(self, engine: str = "auto", full: bool = False) -> ValidationReport:
        """SHACL shapes (ontologie/vormen.ttl) plus the SPARQL checks in queries/qc/.

        engine: the SHACL engine, "pyshacl" (the reference), "turbo" (pyshacl-turbo, Rust) or
        "rudof" (pyrudof); "auto" = turbo when installed, else pyshacl. All give the same verdicts
        on the shipped graph and the test fixtures (tests/test_shacl_engines.py).
        On the oxigraph backend with the cache on, SHACL checks only what changed since the last
        validation of the same folder with the same shapes and engine (kg.validate.incremental;
        the same results as a full run); full=True checks everything."""
        from .validate import validate_backend

        return validate_backend(self.backend, load_shapes(self.ontology_dir), self.queries_dir / "qc",
                                self.lang, self.label, engine, files=self.data_files, root=self.ontology_dir,
                                full=full)

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
    graph.data_files = chosen
    return graph
