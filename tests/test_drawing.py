"""Pictures: rendered by the real Graphviz and checked as files (size, labels, format)."""

from __future__ import annotations

import doctest
import shutil
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kg.errors import OutputError
from kg.model.entities import MissingDependencyError
from kg.network import drawing
from kg.network.drawing import (
    BUDGET,
    DOT_ENV,
    Node,
    Picture,
    dot_string,
    draw,
    draw_paths,
    neighbourhood,
    render,
    to_dot,
)

SVG = "{http://www.w3.org/2000/svg}"


def svg_texts(path: Path) -> str:
    root = ET.parse(path).getroot()  # also: the file is well-formed XML
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_docstring_examples_run():
    result = doctest.testmod(drawing)
    assert result.attempted >= 3 and result.failed == 0


def test_graphviz_is_there():
    # the pictures are made by Graphviz' dot (apt-get install graphviz): without it the
    # tests below would say so one by one
    assert shutil.which("dot"), "install Graphviz (apt-get install graphviz)"


def test_neighbourhood_svg_has_the_entity_its_links_and_a_legend(graph, tmp_path):
    out = draw(graph, "De Geweldige Wijk", tmp_path / "wijk.svg")
    assert out.stat().st_size > 5_000
    text = svg_texts(out)
    for label in ("De Geweldige Wijk", "Theorie van schaarste", "gebaseerd op", "Mullainathan & Shafir (2013)",
                  "Financiële situatie", "legenda", "theorie", "leefgebied"):
        assert label in text, label


def test_neighbourhood_png_is_a_readable_size(graph, tmp_path):
    out = draw(graph, "De Geweldige Wijk", tmp_path / "wijk.png")
    width, height = png_size(out)
    assert 600 < width < 4000 and 400 < height < 4000


def test_a_busy_entity_is_cut_to_a_readable_picture(graph):
    pic = neighbourhood(graph, "Krachtwerk")
    things = [n for n in pic.nodes.values() if not n.junction]
    assert len(graph.network.semantic[graph.resolve("Krachtwerk")]) > len(things)
    assert len(things) <= BUDGET + 1
    assert any(n.summary and n.label.startswith("+ ") for n in things)  # the rest is counted
    # every kind of link is there at least once: nothing disappears without a count
    seeds = [n for n in things if n.seed]
    assert [n.label for n in seeds] == ["Krachtwerk"]


def test_depth_two_adds_the_links_of_the_neighbours(graph):
    one = neighbourhood(graph, "De Geweldige Wijk", depth=1)
    two = neighbourhood(graph, "De Geweldige Wijk", depth=2)
    labels = {n.label for n in two.nodes.values()}
    assert len(two.nodes) > len(one.nodes)
    # the scarcity theory's mechanisms come in at depth 2 (seed 004 names them)
    assert "Theorie van schaarste" in labels
    with pytest.raises(Exception, match="diepte"):
        neighbourhood(graph, "De Geweldige Wijk", depth=3)


def test_path_picture_names_the_documents(graph, tmp_path):
    routes = graph.paths("De Geweldige Wijk", "Mullainathan & Shafir (2013)", max_length=2)
    out = draw_paths(graph, routes, tmp_path / "pad.svg")
    text = svg_texts(out)
    for label in ("De Geweldige Wijk", "Theorie van schaarste", "Mullainathan & Shafir (2013)",
                  "gebaseerd op", "beschreven in", "De Vet, Scholten & Wolf (2021)"):
        assert label in text, label


def test_labels_are_escaped(tmp_path):
    assert dot_string('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c d"'
    pic = Picture('titel met "aanhalingstekens" \\ en <tags> & meer', "nl")
    pic.nodes["n0"] = Node("n0", 'knoop "x" <y> & \\z', "theorie", 0, seed=True)
    out = tmp_path / "vreemd.svg"
    out.write_bytes(render(to_dot(pic), "svg"))
    text = svg_texts(out)
    assert 'knoop "x" <y> & \\z' in text and 'titel met "aanhalingstekens" \\ en <tags> & meer' in text


def test_without_graphviz_a_clear_error_and_no_file(graph, tmp_path, monkeypatch):
    monkeypatch.setenv(DOT_ENV, str(tmp_path / "geen-dot"))
    with pytest.raises(MissingDependencyError, match="Graphviz"):
        draw(graph, "Krachtwerk", tmp_path / "k.svg")
    assert list(tmp_path.iterdir()) == []
    # DOT itself needs no Graphviz
    dot = draw(graph, "Krachtwerk", tmp_path / "k.dot").read_text(encoding="utf-8")
    assert dot.startswith("digraph") and "Krachtmodel" in dot


def test_an_existing_file_is_kept_without_force(graph, tmp_path):
    out = tmp_path / "k.svg"
    out.write_text("oud", encoding="utf-8")
    with pytest.raises(OutputError, match="--force"):
        draw(graph, "Krachtwerk", out)
    assert out.read_text(encoding="utf-8") == "oud"
    draw(graph, "Krachtwerk", out, force=True)
    assert "Krachtwerk" in svg_texts(out)


def test_cli_graaf_and_pad_pictures(run_cli, tmp_path):
    out = tmp_path / "wijk.png"
    res = run_cli("graaf", "De Geweldige Wijk", "--out", str(out))
    assert res.exit_code == 0, res.output
    assert png_size(out)[0] > 600
    res = run_cli("graaf", "De Geweldige Wijk", "--out", str(tmp_path / "wijk.jpg"))
    assert res.exit_code == 2 and res.output.startswith("fout:") and ".jpg" in res.output
    pad = tmp_path / "pad.svg"
    res = run_cli("pad", "De Geweldige Wijk", "Mullainathan & Shafir (2013)", "--alle", "--max-lengte", "2",
                  "--out", str(pad))
    assert res.exit_code == 0, res.output
    assert "Theorie van schaarste" in svg_texts(pad)
