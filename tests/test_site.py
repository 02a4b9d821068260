"""`armoede-kg site OUT/`: the static linked-data publication, checked file by file as a
consumer would: pages, RDF that parses to the graph's own triples, links that resolve,
VoID counts that match, the same bytes twice, and an old site that survives a failure."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

import kg
from kg.errors import DataFileError, OutputError
from kg.paths import ontology_dir
from kg.publish.site import MARKER, write_site

BASE = "https://w3id.org/armoede-kg/"
KRACHTWERK = URIRef(BASE + "id/interventie/krachtwerk")
AK = Namespace(BASE + "ontologie#")
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")


def union_triples(graph: kg.KnowledgeGraph, subject: URIRef) -> set[tuple]:
    return {(s, p, o) for s, p, o, _ in graph.backend.dataset().quads((subject, None, None, None))}


def subjects_under(graph: kg.KnowledgeGraph, prefix: str) -> set[URIRef]:
    return {s for s, _, _, _ in graph.backend.dataset().quads((None, None, None, None))
            if isinstance(s, URIRef) and str(s).startswith(prefix)}


# -- one page per resource, in four formats ------------------------------------------------

def test_every_resource_under_id_has_a_page_and_three_rdf_files(published_site, graph):
    resources = subjects_under(graph, BASE + "id/")
    assert len(resources) > 1000  # the shipped graph: seed 000 alone describes hundreds
    for iri in resources:
        rel = str(iri)[len(BASE):]
        for ext in (".html", ".ttl", ".jsonld", ".nt"):
            assert (published_site / (rel + ext)).is_file(), rel + ext
    pages = {p.relative_to(published_site).as_posix()[:-5] for p in (published_site / "id").rglob("*.html")}
    assert pages == {str(i)[len(BASE):] for i in resources}


@pytest.mark.parametrize("ext,fmt", [(".ttl", "turtle"), (".jsonld", "json-ld"), (".nt", "nt")])
def test_rdf_files_of_krachtwerk_hold_exactly_its_triples(published_site, graph, ext, fmt):
    g = Graph()
    g.parse(published_site / f"id/interventie/krachtwerk{ext}", format=fmt)
    assert set(g) == union_triples(graph, KRACHTWERK)
    assert (KRACHTWERK, RDF.type, AK.Intervention) in g


def test_every_turtle_file_parses(published_site):
    files = sorted(published_site.rglob("*.ttl"))
    assert len(files) > 1000
    for f in files:
        Graph().parse(f, format="turtle")


def test_typed_literals_keep_their_lexical_form_in_turtle(published_site, graph):
    # "8"^^xsd:decimal must stay "8", not become 8.0 (rdflib's own writer rewrites it)
    decimals = {(s, p, o) for s, p, o, _ in graph.backend.dataset().quads((None, AK.statisticValue, None, None))}
    assert decimals
    s, p, o = sorted(decimals)[0]
    g = Graph().parse(published_site / (str(s)[len(BASE):] + ".ttl"), format="turtle")
    assert (s, p, o) in g and o.datatype == XSD.decimal


# -- HTML -------------------------------------------------------------------------------------

SECTIONS = ("Doelgroep", "Doel", "Beoogde impact", "Onderbouwing", "Erkenning", "Onderzoek",
            "Bronnen met vindplaats", "Rollen")


def test_intervention_page_reads_like_a_databank_entry(published_site):
    page = (published_site / "id/interventie/krachtwerk.html").read_text(encoding="utf-8")
    assert "<h1>Krachtwerk</h1>" in page
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", page)
    assert [h for h in headings if h in SECTIONS] == list(SECTIONS)
    assert 'lang="nl"' in page
    # links to what it is based on, the recognition level, and the document with lines
    assert 'href="../theorie/krachtmodel.html"' in page
    assert "Goed onderbouwd" in page
    assert "Bijlage 2: Krachtwerk, r. 175–213" in page
    # its RDF alternates are announced
    assert '<link rel="alternate" type="text/turtle" href="krachtwerk.ttl">' in page
    assert "<svg" in page  # the neighbourhood picture


HREF = re.compile(r'href="([^"#]+)(?:#[^"]*)?"')


def test_every_relative_link_in_every_page_resolves(published_site):
    broken = []
    pages = sorted(published_site.rglob("*.html"))
    for page in pages:
        for href in set(HREF.findall(page.read_text(encoding="utf-8"))):
            if href.startswith(("http://", "https://", "mailto:", "data:")) or href.endswith("sparql") \
                    or href.startswith("sparql?"):
                continue  # outside links, and the endpoint (served, not a file)
            if not (page.parent / href).resolve().is_file():
                broken.append(f"{page.relative_to(published_site)} → {href}")
    assert not broken, broken[:20]
    assert len(pages) > 1000


def test_class_index_lists_every_intervention(published_site, graph):
    page = (published_site / "klasse/ak-Intervention.html").read_text(encoding="utf-8")
    interventions = {s for s, _, _, _ in graph.backend.dataset().quads((None, RDF.type, AK.Intervention, None))}
    linked = set(re.findall(r'<td><a href="\.\./(id/[^"]+)\.html"', page))
    assert linked == {str(i)[len(BASE):] for i in interventions}
    assert len(linked) > 100


def test_each_source_document_has_an_index_and_its_whole_graph(published_site, graph):
    ds = graph.backend.dataset()
    g000 = URIRef(BASE + "graaf/kennis/000")
    page = (published_site / "graaf/kennis/000.html").read_text(encoding="utf-8")
    assert "De Vet, Scholten &amp; Wolf (2021)" in page
    assert 'href="../../id/interventie/krachtwerk.html"' in page
    g = Graph().parse(published_site / "graaf/kennis/000.ttl", format="turtle")
    assert set(g) == set(ds.graph(g000))


def test_ontology_documentation_covers_every_term(published_site, graph):
    page = (published_site / "ontologie.html").read_text(encoding="utf-8")
    kern = graph.backend.dataset().graph(URIRef(BASE + "graaf/kern"))
    terms = {s for s in kern.subjects() if isinstance(s, URIRef) and str(s).startswith(str(AK))}
    assert len(terms) > 80
    for term in terms:
        local = str(term)[len(str(AK)):]
        assert f'id="{local}"' in page, local
    # nl and en labels, domain/range and the SHACL constraint of the intervention shape
    assert "interventie" in page and "intervention" in page
    assert "een interventie heeft minstens één rol (ak:hasRole)" in page
    assert "klasse ak:Role" in page


def test_jsonld_context_gives_short_names_that_expand_to_the_ontology(published_site):
    ctx = json.loads((published_site / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    doc = {"@context": ctx, "@id": "iv:krachtwerk", "@type": "Intervention", "basedOn": "th:krachtmodel",
           "strengthBased": "true"}
    g = Graph().parse(data=json.dumps(doc), format="json-ld")
    assert (KRACHTWERK, AK.basedOn, URIRef(BASE + "id/theorie/krachtmodel")) in g
    assert (KRACHTWERK, RDF.type, AK.Intervention) in g
    assert (KRACHTWERK, AK.strengthBased, Literal("true", datatype=XSD.boolean)) in g


# -- VoID / DCAT ------------------------------------------------------------------------------

def test_void_counts_match_the_graph(published_site, graph):
    v = Graph().parse(published_site / "void.ttl", format="turtle")
    ds = URIRef(BASE + "void#armoede-kg")
    sizes = graph.backend.graphs()
    # the default graph is the union of the named graphs, as a set: a triple two graphs state
    # counts once there (the quads counted each copy: 15,794 against 15,637)
    union = {(s, p, o) for s, p, o, _ in graph.backend.dataset().quads((None, None, None, None))}
    assert int(v.value(ds, VOID.triples)) == len(union) < sum(sizes.values())
    name = URIRef("http://www.w3.org/ns/sparql-service-description#name")
    per_graph = {v.value(sub, name): int(v.value(sub, VOID.triples)) for sub in v.objects(ds, VOID.subset)}
    assert per_graph == sizes
    assert v.value(ds, DCT.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert v.value(ds, VOID.sparqlEndpoint) == URIRef(BASE + "sparql")
    assert KRACHTWERK in set(v.objects(ds, VOID.exampleResource))
    assert (ds, RDF.type, DCAT.Dataset) in v
    version = graph.backend.dataset().value(URIRef(BASE + "ontologie"), URIRef("http://www.w3.org/2002/07/owl#versionInfo"))
    assert str(v.value(ds, DCAT.version)) == str(version)


def test_dumps_hold_every_quad_and_void_gives_their_size(published_site, graph):
    got = Dataset()
    got.parse(published_site / "dump/armoede-kg.nq", format="nquads")
    quads = Counter(str(c.identifier if hasattr(c, "identifier") else c)
                    for *_, c in got.quads((None, None, None, None)))
    assert dict(quads) == {str(g): n for g, n in graph.backend.graphs().items()}
    v = Graph().parse(published_site / "void.ttl", format="turtle")
    for dist in v.objects(URIRef(BASE + "void#armoede-kg"), DCAT.distribution):
        url = v.value(dist, DCAT.downloadURL)
        if url is not None:
            assert int(v.value(dist, DCAT.byteSize)) == (published_site / str(url)[len(BASE):]).stat().st_size


def test_void_entities_count_only_the_id_space_and_every_number_says_what_it_counts(published_site, graph):
    v = Graph().parse(published_site / "void.ttl", format="turtle")
    ds = URIRef(BASE + "void#armoede-kg")
    assert str(v.value(ds, VOID.uriSpace)) == BASE + "id/"
    assert int(v.value(ds, VOID.entities)) == len(subjects_under(graph, BASE + "id/"))
    comments = {c.language: str(c) for c in v.objects(ds, RDFS.comment)}
    for word in ("void:triples", "void:entities", "void:distinctSubjects", "void:classes", "void:properties"):
        assert word in comments["nl"] and word in comments["en"]
    assert str(v.value(ds, VOID.triples)) in comments["en"] and f"{BASE}id/" in comments["en"]
    for sub in v.objects(ds, VOID.subset):
        assert "named graph" in str(v.value(sub, RDFS.comment, any=True) or "") or \
            {str(c) for c in v.objects(sub, RDFS.comment)} >= {"void:triples: the triples of this named graph"}


def test_the_ontology_answers_at_its_version_iri(published_site, graph):
    kern = graph.backend.dataset().graph(URIRef(BASE + "graaf/kern"))
    version = kern.value(URIRef(BASE + "ontologie"), OWL.versionIRI)
    assert version is not None and str(version).startswith(BASE + "ontologie/")
    rel = str(version)[len(BASE):]
    for ext in (".html", ".ttl", ".jsonld", ".nt"):
        assert (published_site / (rel + ext)).read_bytes() == (published_site / ("ontologie" + ext)).read_bytes() \
            or ext == ".html"  # the page links relative to its own folder
    page = (published_site / (rel + ".html")).read_text(encoding="utf-8")
    assert 'href="0.1.0.ttl"' in page or f'href="{rel.rsplit("/", 1)[1]}.ttl"' in page


def test_server_configs_for_apache_and_nginx_are_written(published_site):
    ht = (published_site / ".htaccess").read_text()
    assert "RewriteBase /" in ht and "<IfModule mod_rewrite.c>" in ht
    assert "RewriteRule ^((?:id|graaf)/.+)$ $1%{ENV:AKG_EXT} [R=303,E=AKG_NEGOTIATED:1,L]" in ht
    http_part = (published_site / "nginx-armoede-kg-http.conf").read_text()
    server_part = (published_site / "nginx-armoede-kg-server.conf").read_text()
    assert "js_set $armoede_kg_ext" in http_part and "location" not in http_part
    assert "return 303 $uri$armoede_kg_ext;" in server_part and "map " not in server_part
    assert "127.0.0.1:8000" not in server_part + ht  # no endpoint given: no proxy to a guessed port
    assert (published_site / "nginx-armoede-kg.js").is_file()


# -- deterministic and atomic -----------------------------------------------------------------

def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_graph_gives_the_same_bytes(published_site, tmp_path):
    again = write_site(kg.load(), tmp_path / "again").out
    assert tree_digest(again) == tree_digest(published_site)


def small_data(tmp_path: Path) -> Path:
    """The vocabulary files without the five documents: a quick site to rebuild."""
    data = tmp_path / "data"
    shutil.copytree(ontology_dir(), data, ignore=shutil.ignore_patterns("__pycache__", "*.py", "kennis"))
    return data


def test_a_failed_rebuild_leaves_the_old_site_as_it_was(tmp_path):
    data = small_data(tmp_path)
    out = tmp_path / "site"
    write_site(kg.load(data), out)
    before = tree_digest(out)
    # a broken shapes file is only read half-way through the build (for the ontology page)
    (data / "vormen.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\nthis is not turtle\n")
    with pytest.raises(DataFileError, match="vormen.ttl:2"):
        write_site(kg.load(data), out)
    assert tree_digest(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp dir left


def test_cli_site_writes_and_rebuilds_in_place(tmp_path, run_cli):
    data, out = small_data(tmp_path), tmp_path / "out"
    res = run_cli("--data", str(data), "--backend", "rdflib", "site", str(out))
    assert res.exit_code == 0, res.output
    assert res.output.startswith("site geschreven:") and "resources" in res.output
    assert (out / "index.html").is_file() and (out / MARKER).is_file()
    (out / "id/stale.html").write_text("old")
    again = run_cli("--data", str(data), "--backend", "rdflib", "site", str(out))
    assert again.exit_code == 0, again.output
    assert not (out / "id/stale.html").exists()


def modes(root: Path) -> set[tuple[str, int]]:
    return {("d" if p.is_dir() else "f", p.stat().st_mode & 0o777) for p in [root, *root.rglob("*")]}


@pytest.mark.parametrize("umask,folder,file", [(0o022, 0o755, 0o644), (0o027, 0o750, 0o640)])
def test_site_gets_the_modes_of_the_umask_on_every_rebuild(tmp_path, umask, folder, file):
    """The temporary build folder is 0700; renamed into place it kept that, and the web
    server's user got 403 everywhere (also after a rebuild in place)."""
    data, out = small_data(tmp_path), tmp_path / "site"
    old = os.umask(umask)
    try:
        write_site(kg.load(data), out)
        assert modes(out) == {("d", folder), ("f", file)}
        write_site(kg.load(data), out)  # rebuilt in place
        assert modes(out) == {("d", folder), ("f", file)}
    finally:
        os.umask(old)


def test_an_internal_sparql_endpoint_is_not_published_but_can_be_the_proxy_target(tmp_path, run_cli):
    data, out = small_data(tmp_path), tmp_path / "site"
    res = run_cli("--data", str(data), "--backend", "rdflib", "site", str(out),
                  "--sparql-endpoint", "http://127.0.0.1:8000/sparql")
    assert res.exit_code == 2 and "intern adres" in res.stderr and "--sparql-proxy" in res.stderr
    assert not out.exists()
    res = run_cli("--data", str(data), "--backend", "rdflib", "site", str(out), "--sparql-proxy", "http://127.0.0.1:8123")
    assert res.exit_code == 0, res.output
    v = Graph().parse(out / "void.ttl", format="turtle")
    assert v.value(URIRef(BASE + "void#armoede-kg"), VOID.sparqlEndpoint) == URIRef(BASE + "sparql")
    assert "127.0.0.1" not in (out / "void.ttl").read_text()
    assert "proxy_pass http://127.0.0.1:8123/sparql;" in (out / "nginx-armoede-kg-server.conf").read_text()
    assert "RewriteRule ^sparql$ http://127.0.0.1:8123/sparql [P,L]" in (out / ".htaccess").read_text()
    bad = run_cli("--data", str(data), "site", str(out), "--sparql-proxy", "http://x/sparql; evil")
    assert bad.exit_code == 2 and "geen bruikbaar http(s)-adres" in bad.stderr


def test_refuses_to_replace_a_folder_that_is_not_a_site(tmp_path, run_cli):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    with pytest.raises(OutputError, match="geen armoede-kg-site"):
        write_site(kg.load(), folder)
    res = run_cli("site", str(folder))
    assert res.exit_code == 2
    assert "fout:" in res.stderr and "geen armoede-kg-site" in res.stderr
    assert (folder / "notes.txt").read_text() == "keep me"


# -- export -----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt,parser,named", [("ttl", "turtle", False), ("nt", "nt", False), ("xml", "xml", False),
                                              ("nq", "nquads", True), ("trig", "trig", True),
                                              ("jsonld", "json-ld", True)])
def test_export_round_trips_and_refuses_to_overwrite(tmp_path, run_cli, graph, fmt, parser, named):
    out = tmp_path / f"graaf.{fmt}"
    res = run_cli("--backend", "rdflib", "export", "--format", fmt, "--out", str(out))
    assert res.exit_code == 0, res.output
    ds = graph.backend.dataset()
    if named:
        got = Dataset()
        got.parse(out, format=parser)
        quads = {(s, p, o, c.identifier if hasattr(c, "identifier") else c) for s, p, o, c in got.quads()}
        want = {(s, p, o, c.identifier if hasattr(c, "identifier") else c) for s, p, o, c in ds.quads()
                if str(c.identifier if hasattr(c, "identifier") else c) != "urn:x-rdflib:default"}
        assert quads == want
    else:
        got_g = Graph().parse(out, format=parser)
        assert set(got_g) == {(s, p, o) for s, p, o, _ in ds.quads()}
    before = out.read_bytes()
    again = run_cli("--backend", "rdflib", "export", "--format", fmt, "--out", str(out))
    assert again.exit_code == 2 and "--force" in again.stderr
    assert out.read_bytes() == before
    forced = run_cli("--backend", "rdflib", "export", "--format", fmt, "--out", str(out), "--force")
    assert forced.exit_code == 0 and out.read_bytes() == before  # deterministic



_INDEX_DIGEST = """
import hashlib, kg
from kg.publish.model import SiteModel
from kg.publish.searchindex import index_script
print(hashlib.sha256(index_script(SiteModel(kg.load().backend.dataset())).encode()).hexdigest())
"""


def test_the_search_index_is_the_same_in_every_process():
    # regression: the texts of an entry came in the order the store handed out the triples,
    # which follows Python's per-process string hashing (CI saw two builds of the same graph
    # differ in search-index.js, one of them from a cache another process had written)
    digests = {subprocess.run([sys.executable, "-c", _INDEX_DIGEST], check=True, capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed, "ARMOEDE_KG_CACHE": "0"}).stdout
               for seed in ("1", "2")}
    assert len(digests) == 1, digests
