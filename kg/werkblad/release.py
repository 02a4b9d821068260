"""`release`: stamp the version on the ontology header of a working copy (owl:versionIRI,
owl:versionInfo, dcterms:modified: the site and `publish` read them from there), then write
the release folder: one Turtle file per named graph, N-Quads, JSON-LD, a dataset description,
SHA-256 sums and a changelog section made from the diff against the previous release."""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, XSD

from ..atomic import write_atomic
from ..errors import KgError
from ..graph import KnowledgeGraph
from ..publish.rdfio import jsonld_dataset, nquads, quads_of, turtle
from ..store.backend import RdflibBackend
from ..store.loader import data_files, load_dataset
from ..terms import BASE
from .diff import RELEASE_GRAPHS, diff_datasets, graph_code, load_folder
from .werkmap import staged_folder, writable_copy

ONTOLOGY = BASE + "ontologie"
VERSION_RE = re.compile(r"^\d+(?:\.\d+){0,3}(?:[-+][0-9A-Za-z.]+)?$")
CHANGELOG = "CHANGELOG.md"
SUMS = "SHA256SUMS"
DESCRIPTION = "beschrijving.ttl"
DCAT = "http://www.w3.org/ns/dcat#"
SPDX = "http://spdx.org/rdf/terms#"


@dataclass(frozen=True)
class Release:
    version: str
    date: str
    folder: Path
    files: dict[str, str]  # relative path → sha256


def stamp(kern: str, version: str, date: str) -> str:
    """kern.ttl's text with the version and date of this release in the ontology header."""
    out, n = re.subn(r"owl:versionIRI <[^>]*>", f"owl:versionIRI <{ONTOLOGY}/{version}>", kern, count=1)
    out, m = re.subn(r'owl:versionInfo "[^"]*"', f'owl:versionInfo "{version}"', out, count=1)
    out, k = re.subn(r'dcterms:modified "[^"]*"\^\^xsd:date', f'dcterms:modified "{date}"^^xsd:date', out, count=1)
    if (n, m, k) != (1, 1, 1):
        raise KgError("kern.ttl: de ontologiekop mist owl:versionIRI, owl:versionInfo of dcterms:modified",
                      en="kern.ttl: the ontology header lacks owl:versionIRI, owl:versionInfo or dcterms:modified")
    return out


def make_release(data: Path | None, version: str, out: Path, previous: Path | None = None,
                 date: str | None = None) -> Release:
    root = writable_copy(data)
    if not VERSION_RE.match(version):
        raise KgError(f"ongeldige versie '{version}' (bijv. 1.2.0)", en=f"invalid version '{version}' (e.g. 1.2.0)")
    day = date or datetime.date.today().isoformat()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise KgError(f"{out}: bestaat al en is niet leeg; kies een nieuwe map",
                      en=f"{out}: exists and is not empty; choose a new folder")
    if previous is not None and not (previous / RELEASE_GRAPHS).is_dir():
        raise KgError(f"{previous}: geen releasemap (graaf/ ontbreekt)", en=f"{previous}: not a release folder")
    report = KnowledgeGraph(RdflibBackend(load_dataset(data_files(root))), ontology=root).validate()
    if not report.conforms:
        first = report.violations[0]
        raise KgError(f"de data is niet conform ({len(report.violations)} overtredingen, bijv. "
                      f"{first.focus_label or first.focus}: {first.message}); zie `armoede-kg validate`",
                      en=f"the data does not conform ({len(report.violations)} violations); see `armoede-kg validate`")
    kern = root / "kern.ttl"
    write_atomic(kern, stamp(kern.read_text(encoding="utf-8"), version, day), force=True)
    ds = load_dataset(data_files(root))
    graphs = quads_of(ds)
    with staged_folder(out) as tmp:
        texts: dict[str, str] = {}
        for g, triples in graphs.items():
            texts[f"{RELEASE_GRAPHS}/{graph_code(str(g))}.ttl"] = turtle(triples)
        texts["armoede-kg.nq"] = nquads(graphs)
        texts["armoede-kg.jsonld"] = jsonld_dataset(graphs)
        texts["vormen.ttl"] = (root / "vormen.ttl").read_text(encoding="utf-8")
        sums = {rel: hashlib.sha256(text.encode("utf-8")).hexdigest() for rel, text in texts.items()}
        texts[DESCRIPTION] = _description(version, day, sums)
        texts[CHANGELOG] = _changelog(version, day, previous, ds, graphs)
        sums.update((rel, hashlib.sha256(texts[rel].encode("utf-8")).hexdigest()) for rel in (DESCRIPTION, CHANGELOG))
        texts[SUMS] = "".join(f"{h}  {rel}\n" for rel, h in sorted(sums.items()))
        for rel, text in texts.items():
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return Release(version, day, out, sums)


def _description(version: str, day: str, sums: dict[str, str]) -> str:
    """The dataset description of this release (DCAT, with SPDX checksums per file)."""
    ds = URIRef(BASE + "void#armoede-kg")
    rel_iri = f"{BASE}release/{version}/"
    t: list[tuple[URIRef, URIRef, URIRef | Literal]] = [
        (ds, RDF.type, URIRef(DCAT + "Dataset")),
        (ds, OWL.versionInfo, Literal(version)),
        (ds, OWL.versionIRI, URIRef(rel_iri)),
        (ds, URIRef(DCAT + "version"), Literal(version)),
        (ds, DCTERMS.modified, Literal(day, datatype=XSD.date)),
        (ds, DCTERMS.conformsTo, URIRef(f"{ONTOLOGY}/{version}")),
    ]
    for rel, digest in sorted(sums.items()):
        dist = URIRef(rel_iri + rel)
        check = URIRef(rel_iri + rel + "#sha256")
        t += [(ds, URIRef(DCAT + "distribution"), dist), (dist, RDF.type, URIRef(DCAT + "Distribution")),
              (dist, URIRef(DCAT + "downloadURL"), dist), (dist, DCTERMS.title, Literal(rel)),
              (dist, URIRef(SPDX + "checksum"), check), (check, RDF.type, URIRef(SPDX + "Checksum")),
              (check, URIRef(SPDX + "algorithm"), URIRef(SPDX + "checksumAlgorithm_sha256")),
              (check, URIRef(SPDX + "checksumValue"), Literal(digest))]
    return turtle(t)


def _changelog(version: str, day: str, previous: Path | None, ds: Dataset, graphs: dict[URIRef, list[Any]]) -> str:
    head = f"## {version} ({day})\n\n"
    if previous is None:
        n = sum(len(t) for t in graphs.values())
        body = f"Eerste release: {len(graphs)} benoemde grafen, {n} uitspraken.\n"
        return "# Wijzigingen\n\n" + head + body
    change = diff_datasets(load_folder(previous), ds)
    body = change.markdown()
    old = previous / CHANGELOG
    rest = old.read_text(encoding="utf-8").split("\n", 2)[-1].lstrip("\n") if old.exists() else ""
    return "# Wijzigingen\n\n" + head + body + ("\n" + rest if rest else "")
