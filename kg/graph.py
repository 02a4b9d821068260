"""The KnowledgeGraph facade: load, resolve labels, run named queries, validate."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from .backend import Backend, RdflibBackend
from .errors import QueryError
from .loader import data_files, load_dataset, load_shapes
from .named_queries import BUILTIN_SLOTS, NamedQuery, bind, load_named_queries
from .paths import ontology_dir, queries_dir
from .resolve import LabelIndex
from .results import ResultTable
from .sparql_guard import check_query
from .validate import ValidationReport, merged_graph, run_qc, run_shacl

LANGS = ("nl", "en")


@dataclass(frozen=True)
class Statement:
    """One fact about a resource, with the named graph (document) that states it."""

    predicate: URIRef
    predicate_label: str
    value: Node
    value_label: str
    graph: URIRef | None


class KnowledgeGraph:
    """The armoede-kg graph behind one backend, with its named queries and shapes."""

    def __init__(self, backend: Backend, ontology: Path | None = None,
                 queries: Path | None = None, lang: str = "nl") -> None:
        self.backend = backend
        self.ontology_dir = ontology or ontology_dir()
        self.queries_dir = queries or queries_dir()
        if lang not in LANGS:
            raise QueryError(f"onbekende taal '{lang}' (kies nl of en)")
        self.lang = lang

    # -- labels -------------------------------------------------------------
    @cached_property
    def labels(self) -> LabelIndex:
        return LabelIndex(self.backend)

    def resolve(self, label: str, kind: str | None = None) -> URIRef:
        """The IRI whose label is `label` (case-, space- and accent-insensitive).

        >>> kg = load()
        >>> str(kg.resolve("krachtwerk", kind="interventie"))
        'https://w3id.org/armoede-kg/id/interventie/krachtwerk'
        """
        return self.labels.resolve(label, kind)

    def label(self, iri: URIRef) -> str:
        return self.labels.label(iri)

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
            raise QueryError(f"onbekende query '{name}'{hint}") from None

    def bound_query(self, name: str, **params: Any) -> str:
        """The SPARQL text of a named query with its parameters bound as RDF terms."""
        q = self.named_query(name)
        values: dict[str, Node] = {"taal": Literal(self.lang)}
        for key, raw in params.items():
            if raw is None:
                continue
            p = q.param(key)
            values[p.name] = self._term_for(p.kind, raw)
        missing = [p.name for p in q.params if p.required and p.name not in values]
        if missing:
            raise QueryError(f"query '{name}' mist verplichte parameter(s): {', '.join('--' + m for m in missing)}")
        unknown_builtin = BUILTIN_SLOTS - set(values)
        assert not unknown_builtin
        return bind(q.text, values)

    def _term_for(self, kind: str, raw: Any) -> Node:
        if isinstance(raw, URIRef):
            return self.resolve(str(raw), None if kind in ("text", "integer") else kind)
        text = str(raw)
        if kind == "text":
            return Literal(text)
        if kind == "integer":
            try:
                return Literal(int(text), datatype=XSD.integer)
            except ValueError:
                raise QueryError(f"'{text}' is geen geheel getal") from None
        return self.resolve(text, kind)

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
        form = check_query(text, allow_service=allow_service)
        if form == "ask":
            return ResultTable.from_rows(["ask"], [[Literal(self.backend.ask(text))]])
        if form in ("construct", "describe"):
            g = self.backend.construct(text)
            return ResultTable.from_rows(["subject", "predicate", "object"], [list(t) for t in g])
        return self.backend.select(text)

    # -- one resource -------------------------------------------------------
    def describe(self, iri: URIRef) -> list[Statement]:
        """Every triple with iri as subject, per named graph, with labels."""
        ds = self.backend.dataset()
        out = []
        for s, p, o, g in ds.quads((iri, None, None, None)):
            gid = g.identifier if g is not None and hasattr(g, "identifier") else g
            out.append(Statement(p, self.label(p), o,
                                 self.label(o) if isinstance(o, URIRef) else str(o),
                                 gid if isinstance(gid, URIRef) else None))
        return sorted(out, key=lambda st: (st.predicate_label, str(st.value), str(st.graph)))

    def search(self, text: str, kind: str | None = None) -> list[tuple[URIRef, str]]:
        return self.labels.search(text, kind)

    # -- validation ---------------------------------------------------------
    def validate(self) -> ValidationReport:
        """SHACL shapes (ontologie/vormen.ttl) plus the SPARQL checks in queries/qc/."""
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


def load(ontology: Path | str | None = None, lang: str = "nl") -> KnowledgeGraph:
    """Load the shipped graph (or the Turtle files under `ontology`) into memory.

    >>> kg = load()
    >>> kg.backend.name
    'rdflib'
    """
    root = Path(ontology) if ontology else ontology_dir()
    ds = load_dataset(data_files(root))
    return KnowledgeGraph(RdflibBackend(ds), ontology=root, lang=lang)
