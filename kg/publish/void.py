"""The dataset described in VoID and DCAT (DCAT-AP / DCAT-AP-NL where it fits).

What the graph itself says (title, description, licence, version, date) comes from the
ontology header in kern.ttl; counts are computed. DCAT-AP-NL also asks for a publisher
and a contact point: this graph has no publishing organisation of its own, so those are
left for the institute that publishes it (see docs/publish.md) rather than invented.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS, XSD

from .. import __version__
from ..terms import BASE
from .model import DCT_TITLE, SiteModel
from .rdfio import Triple
from .sparql_results import RESULT_FORMATS
from .vocab import PREFIXES

VOID = PREFIXES["void"]
DCAT = PREFIXES["dcat"]
SD = PREFIXES["sd"]
EU = "http://publications.europa.eu/resource/authority/"
FORMATS_NS = "http://www.w3.org/ns/formats/"
IANA = "http://www.iana.org/assignments/media-types/"
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")

VOID_DOC = URIRef(BASE + "void")
DATASET = URIRef(BASE + "void#armoede-kg")
SERVICE = URIRef(BASE + "void#sparql")
EXAMPLES = ("id/interventie/krachtwerk", "id/theorie/schaarste", "id/document/000")
KEYWORDS = (("armoede", "poverty"), ("chronische stress", "chronic stress"), ("interventies", "interventions"),
            ("schulden", "debt"), ("bestaanszekerheid", "livelihood security"), ("kennisgraaf", "knowledge graph"))


def v(local: str) -> URIRef:
    return URIRef(VOID + local)


def dc(local: str) -> URIRef:
    return URIRef(DCAT + local)


def sd(local: str) -> URIRef:
    return URIRef(SD + local)


@dataclass(frozen=True)
class DatasetInfo:
    """Title, description, licence, version and version date, from the ontology header."""

    title: dict[str, str]
    description: dict[str, str]
    licence: str
    version: str
    version_date: str  # the only date the publication carries
    version_iri: str = ""  # owl:versionIRI of the ontology header (set by `armoede-kg release`)


@dataclass(frozen=True)
class Dump:
    """A file of the whole dataset the site offers."""

    rel: str  # 'dump/armoede-kg.trig'
    media_type: str
    eu_file_type: str
    size: int


def dataset_info(model: SiteModel) -> DatasetInfo:
    onto = model.ontology_iri

    def by_lang(pred: URIRef) -> dict[str, str]:
        return {(x.language or "nl"): str(x) for x in model.values(onto, pred) if isinstance(x, Literal)}

    titles = by_lang(DCT_TITLE) or {"nl": "armoede-kg"}
    lic = model.value(onto, DCTERMS.license)
    version = model.value(onto, OWL.versionInfo)
    date = model.value(onto, DCTERMS.modified) or model.value(onto, DCTERMS.created)
    return DatasetInfo(
        title={k: val.replace(" ontologie", "").replace(" ontology", "") for k, val in titles.items()},
        description=by_lang(DCTERMS.description),
        licence=str(lic) if lic is not None else str(CC_BY),
        version=str(version) if version is not None else __version__,
        version_date=str(date) if date is not None else "",
        version_iri=str(model.value(onto, OWL.versionIRI) or ""),
    )


def example_resources(model: SiteModel) -> list[URIRef]:
    return [URIRef(BASE + r) for r in EXAMPLES if model.has(URIRef(BASE + r))]


def distinct_triples(model: SiteModel) -> int:
    """Triples of the default graph (the union of the named graphs, as a set): a triple that
    two graphs state counts once (the named graphs' sizes add up to more)."""
    return len({(s, p, o) for s, p, o, g in model.ds.quads((None, None, None, None))
                if isinstance(getattr(g, "identifier", g), URIRef)
                and str(getattr(g, "identifier", g)) != "urn:x-rdflib:default"})


def id_entities(model: SiteModel) -> list[URIRef]:
    """The IRIs in the declared URI space (void:uriSpace, …/id/) that the data describes."""
    return [s for s in model.published if str(s).startswith(BASE + "id/")]


def _counts_comment(model: SiteModel, total: int) -> list[Literal]:
    quads = sum(model.graph_sizes.values())
    return [
        Literal(f"void:triples telt de verschillende triples van de standaardgraaf (de vereniging van de "
                f"benoemde grafen, als verzameling): {total}; een void:subset telt de triples van één benoemde "
                f"graaf, samen {quads}, want een triple die in meer grafen staat telt daar per graaf. "
                f"void:entities telt de IRI's in de URI-ruimte {BASE}id/ waarover de data iets zegt; "
                "void:distinctSubjects de verschillende IRI's als onderwerp (ook grafen en de ontologie); "
                "void:classes de verschillende klassen in rdf:type van die onderwerpen; void:properties "
                "de verschillende predicaten van die onderwerpen.", lang="nl"),
        Literal(f"void:triples counts the distinct triples of the default graph (the union of the named graphs, "
                f"as a set): {total}; a void:subset counts the triples of one named graph, {quads} together, "
                f"since a triple stated in several graphs counts once per graph there. void:entities counts "
                f"the IRIs in the URI space {BASE}id/ that the data describes; void:distinctSubjects the "
                "distinct IRIs in subject position (graphs and the ontology too); void:classes the distinct "
                "classes in rdf:type of those subjects; void:properties the distinct predicates of those "
                "subjects.", lang="en"),
    ]


def void_triples(model: SiteModel, info: DatasetInfo, endpoint: str, dumps: Sequence[Dump]) -> list[Triple]:
    """The VoID + DCAT description of the dataset, its named graphs, dumps and endpoint."""
    out: list[Triple] = []

    def add(s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        out.append((s, p, o))

    add(VOID_DOC, RDF.type, v("DatasetDescription"))
    add(VOID_DOC, FOAF.primaryTopic, DATASET)
    for lang, text in info.title.items():
        add(VOID_DOC, DCTERMS.title, Literal(f"Beschrijving van {text}" if lang == "nl" else f"Description of {text}",
                                             lang=lang))

    ds = DATASET
    add(ds, RDF.type, v("Dataset"))
    add(ds, RDF.type, dc("Dataset"))
    for lang, text in info.title.items():
        add(ds, DCTERMS.title, Literal(text, lang=lang))
    for lang, text in info.description.items():
        add(ds, DCTERMS.description, Literal(text, lang=lang))
    add(ds, DCTERMS.identifier, Literal(str(ds)))
    add(ds, DCTERMS.license, URIRef(info.licence))
    add(ds, DCTERMS.accessRights, URIRef(EU + "access-right/PUBLIC"))
    add(ds, OWL.versionInfo, Literal(info.version))
    add(ds, dc("version"), Literal(info.version))
    if info.version_iri:
        add(ds, OWL.versionIRI, URIRef(info.version_iri))
    if info.version_date:
        add(ds, DCTERMS.modified, Literal(info.version_date, datatype=XSD.date))
    for code in ("NLD", "ENG"):
        add(ds, DCTERMS.language, URIRef(EU + f"language/{code}"))
    add(ds, dc("theme"), URIRef(EU + "data-theme/SOCI"))
    add(ds, dc("theme"), URIRef(EU + "data-theme/HEAL"))
    for nl, en in KEYWORDS:
        add(ds, dc("keyword"), Literal(nl, lang="nl"))
        add(ds, dc("keyword"), Literal(en, lang="en"))
    add(ds, dc("landingPage"), URIRef(BASE))
    add(ds, DCTERMS.conformsTo, model.ontology_iri)
    add(ds, v("uriSpace"), Literal(BASE + "id/"))
    for ns in ("ak", "skos", "dcterms", "bibo", "foaf", "prov"):
        add(ds, v("vocabulary"), URIRef(PREFIXES[ns]))
    add(ds, v("sparqlEndpoint"), URIRef(endpoint))
    for ex in example_resources(model):
        add(ds, v("exampleResource"), ex)
    total = distinct_triples(model)
    add(ds, v("triples"), Literal(total))
    add(ds, v("entities"), Literal(len(id_entities(model))))
    for comment in _counts_comment(model, total):
        add(ds, RDFS.comment, comment)
    add(ds, v("classes"), Literal(len({t for s in model.subjects for t in model.types(s)})))
    add(ds, v("properties"), Literal(len({f.predicate for s in model.subjects for f in model.facts(s)})))
    add(ds, v("distinctSubjects"), Literal(len(model.subjects)))

    for g, n in model.graph_sizes.items():
        sub = URIRef(BASE + "void#graaf-" + model.graph_code(g).replace("/", "-"))
        add(ds, v("subset"), sub)
        add(sub, RDF.type, v("Dataset"))
        add(sub, sd("name"), g)
        add(sub, v("triples"), Literal(n))
        add(sub, RDFS.comment, Literal("void:triples: de triples van deze benoemde graaf", lang="nl"))
        add(sub, RDFS.comment, Literal("void:triples: the triples of this named graph", lang="en"))
        add(sub, v("dataDump"), URIRef(str(g) + ".ttl"))
        add(sub, FOAF.page, g)
        doc = model.graph_documents.get(g)
        title = model.label(doc, "nl") if doc is not None else model.graph_code(g)
        add(sub, DCTERMS.title, Literal(title, lang="nl"))
        if doc is not None:
            add(sub, DCTERMS.source, doc)

    for d in dumps:
        url = URIRef(BASE + d.rel)
        dist = URIRef(BASE + "void#dump-" + d.rel.rsplit(".", 1)[-1])
        add(ds, v("dataDump"), url)
        add(ds, dc("distribution"), dist)
        add(dist, RDF.type, dc("Distribution"))
        add(dist, dc("downloadURL"), url)
        add(dist, dc("accessURL"), url)
        add(dist, dc("mediaType"), URIRef(IANA + d.media_type))
        add(dist, DCTERMS.format, URIRef(EU + "file-type/" + d.eu_file_type))
        add(dist, dc("byteSize"), Literal(d.size, datatype=XSD.nonNegativeInteger))
        add(dist, DCTERMS.license, URIRef(info.licence))
        add(dist, DCTERMS.title, Literal(f"{d.rel.rsplit('/', 1)[-1]}", lang="nl"))

    api = URIRef(BASE + "void#dist-sparql")
    add(ds, dc("distribution"), api)
    add(api, RDF.type, dc("Distribution"))
    add(api, dc("accessURL"), URIRef(endpoint))
    add(api, dc("accessService"), SERVICE)
    add(api, DCTERMS.license, URIRef(info.licence))
    add(api, DCTERMS.title, Literal("SPARQL-endpoint", lang="nl"))
    add(SERVICE, RDF.type, dc("DataService"))
    add(SERVICE, RDF.type, sd("Service"))
    add(SERVICE, dc("endpointURL"), URIRef(endpoint))
    add(SERVICE, sd("endpoint"), URIRef(endpoint))
    add(SERVICE, dc("servesDataset"), ds)
    add(SERVICE, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/"))
    add(SERVICE, sd("supportedLanguage"), sd("SPARQL11Query"))
    add(SERVICE, sd("feature"), sd("UnionDefaultGraph"))
    for fmt in RESULT_FORMATS:
        add(SERVICE, sd("resultFormat"), URIRef(FORMATS_NS + fmt))
    # the endpoint describes itself in full (SPARQL 1.1 Service Description) at its own URL
    add(SERVICE, RDFS.seeAlso, URIRef(endpoint))
    add(SERVICE, DCTERMS.title, Literal("armoede-kg SPARQL-endpoint (alleen lezen)", lang="nl"))
    return out
