"""The SPARQL 1.1 Service Description of `armoede-kg serve`'s endpoint: what GET /sparql without
a query answers to a client that asks for RDF (SPARQL 1.1 Service Description §2, as Fuseki and
Oxigraph serve it): the endpoint, the language, the result formats, the features, and the default
dataset with its default graph and named graphs and their sizes.

The dataset node is the one the VoID describes (void#armoede-kg), so the two descriptions join.
"""

from __future__ import annotations

from collections.abc import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from .rdfio import Triple
from .sparql_results import RESULT_FORMATS
from .void import DATASET, FORMATS_NS, VOID_DOC, sd, v

SIMPLE_ENTAILMENT = URIRef("http://www.w3.org/ns/entailment/Simple")
PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")


def service_description(endpoint: str, default_graph_triples: int, named_graphs: Mapping[URIRef, int],
                        title: Mapping[str, str]) -> list[Triple]:
    """The triples of the description; `endpoint` is the URL the endpoint answers at."""
    service = URIRef(endpoint)
    out: list[Triple] = [
        (service, RDF.type, sd("Service")),
        (service, sd("endpoint"), service),
        (service, sd("supportedLanguage"), sd("SPARQL11Query")),
        # the default graph is the RDF merge of all named graphs
        (service, sd("feature"), sd("UnionDefaultGraph")),
        (service, sd("defaultEntailmentRegime"), SIMPLE_ENTAILMENT),
        (service, DCTERMS.conformsTo, PROTOCOL),
        (service, sd("defaultDataset"), DATASET),
        (DATASET, RDF.type, sd("Dataset")),
        (DATASET, RDF.type, v("Dataset")),
        (DATASET, RDFS.seeAlso, VOID_DOC),
    ]
    out += [(service, sd("resultFormat"), URIRef(FORMATS_NS + f)) for f in RESULT_FORMATS]
    for lang, text in title.items():
        out.append((service, DCTERMS.title, Literal(f"SPARQL-endpoint van {text}" if lang == "nl"
                                                    else f"SPARQL endpoint of {text}", lang=lang)))
    default = BNode("defaultGraph")
    out += [(DATASET, sd("defaultGraph"), default), (default, RDF.type, sd("Graph")),
            (default, v("triples"), Literal(default_graph_triples))]
    for i, (name, size) in enumerate(sorted(named_graphs.items())):
        node, graph = BNode(f"namedGraph{i}"), BNode(f"graph{i}")
        out += [(DATASET, sd("namedGraph"), node), (node, RDF.type, sd("NamedGraph")), (node, sd("name"), name),
                (node, sd("graph"), graph), (graph, RDF.type, sd("Graph")), (graph, v("triples"), Literal(size))]
    return out
