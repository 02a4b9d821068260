"""Loading Turtle: one named graph per file (a kennis/<doc>/ folder is one graph), and
clear one-line errors naming the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg.errors import DataFileError
from kg.paths import ontology_dir
from kg.store.loader import data_files, graph_name, parse_turtle_into

G = "https://w3id.org/armoede-kg/graaf/"


def test_each_seed_is_one_named_graph(graph):
    graphs = {str(g) for g in graph.backend.graphs()}
    for doc in ("000", "001", "002", "003", "004"):
        assert f"{G}kennis/{doc}" in graphs
    assert f"{G}kern" in graphs and f"{G}schemas/crosswalk" in graphs
    # the three files of kennis/004/ form one graph, not three
    assert not any(g.startswith(f"{G}kennis/004/") for g in graphs)


def test_graph_names_follow_paths():
    root = ontology_dir()
    assert graph_name(root, root / "kennis" / "004" / "02-integraal.ttl") == URIRef(G + "kennis/004")
    assert graph_name(root, root / "schemas" / "zrm.ttl") == URIRef(G + "schemas/zrm")
    assert all(f.path.name != "vormen.ttl" for f in data_files(root))


def test_each_named_graph_says_which_document_it_comes_from(graph):
    rows = graph.sparql(f"""
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?g ?doc WHERE {{ ?g prov:wasDerivedFrom ?doc FILTER(STRSTARTS(STR(?g), "{G}kennis/")) }}""")
    got = {r["g"].value.rsplit("/", 1)[1]: r["doc"].value.rsplit("/", 1)[1] for r in rows}
    assert got == {d: d for d in ("000", "001", "002", "003", "004")}


def _parse(path: Path) -> None:
    parse_turtle_into(Graph(), path)


def test_syntax_error_names_file_and_line(tmp_path):
    p = tmp_path / "fout.ttl"
    p.write_text('@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b "open\n', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"fout\.ttl:3: Turtle-syntaxfout"):
        _parse(p)


def test_undefined_prefix_names_file_and_line(tmp_path):
    p = tmp_path / "prefix.ttl"
    p.write_text("\n\nonbekend:a onbekend:b onbekend:c .\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"prefix\.ttl:3: .*onbekend"):
        _parse(p)


def test_non_utf8_file_names_the_line(tmp_path):
    p = tmp_path / "latin1.ttl"
    p.write_bytes('@prefix ex: <http://e/> .\nex:a ex:b "caf\xe9" .\n'.encode("latin-1"))
    with pytest.raises(DataFileError, match=r"latin1\.ttl:2: geen geldige UTF-8"):
        _parse(p)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(DataFileError, match="bestaat niet"):
        _parse(tmp_path / "weg.ttl")
    with pytest.raises(DataFileError, match="is een map"):
        _parse(tmp_path)


def test_empty_file_is_an_empty_graph(tmp_path):
    p = tmp_path / "leeg.ttl"
    p.write_text("", encoding="utf-8")
    g = Graph()
    parse_turtle_into(g, p)
    assert len(g) == 0


def test_bad_data_folder_is_a_clean_cli_error(run_cli, tmp_path):
    (tmp_path / "kern.ttl").write_text("dit is geen turtle", encoding="utf-8")
    res = run_cli("--data", str(tmp_path), "query", "erkend")
    assert res.exit_code == 2
    assert res.output.startswith("fout: ") and "kern.ttl:1" in res.output
    assert "Traceback" not in res.output


@pytest.mark.parametrize("backend", ["rdflib", "oxigraph"])
def test_a_relative_file_path_loads_on_every_backend(tmp_path, monkeypatch, backend):
    # regression: kg.load(files=[relative path], backend="oxigraph") raised "relative path can't
    # be expressed as a file URI" (the base IRI of the parse), where rdflib loaded it
    import kg

    (tmp_path / "mijn.ttl").write_text(
        '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
        '<https://w3id.org/armoede-kg/id/interventie/mijn> skos:prefLabel "Mijn interventie"@nl .\n',
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    graph = kg.load(backend=backend, files=[Path("mijn.ttl")], cache=False)
    assert str(graph.get("Mijn interventie").iri).endswith("/interventie/mijn")
