"""No raw IRI where the resource has a label: every named query, `show` and `search` for many
resources, and `stats`, in Dutch and in English (issue #11, item 10)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from kg.cli.formatting import readable_columns
from kg.cli.show_cmds import render_description
from rdflib import URIRef

import kg
from kg.errors import KgError
from kg.paths import queries_dir
from kg.query.named import load_named_queries
from kg.query.names import external_name
from kg.query.textsearch import TextSearch

QUERIES = load_named_queries(queries_dir())
IRI = re.compile(r"https?://[^\s<>\"',;)]+")
# A value per parameter kind where the query's own help text gives none ("bijv. Krachtwerk").
FALLBACK = {"interventie": "Krachtwerk", "leefgebied": "financiën", "theorie": "Theorie van schaarste",
            "niveau": "B", "bron": "De Vet, Scholten & Wolf (2021)", "gemeente": "Meppel",
            "entiteit": "Mobility Mentoring", "instrument": "Zelfredzaamheidsmatrix", "text": "armoede",
            "integer": "1"}


def labelled(graph: kg.KnowledgeGraph, iri: str) -> bool:
    """Whether the graph (or the table of reused-vocabulary names) has a name for iri."""
    return graph.labels.has_name(URIRef(iri)) or external_name(URIRef(iri)) is not None


def raw_iris(graph: kg.KnowledgeGraph, text: str) -> list[str]:
    """The IRIs written out in text although they have a label."""
    return [m for m in IRI.findall(text) if labelled(graph, m)]


def _params(graph: kg.KnowledgeGraph, name: str) -> dict[str, str]:
    out = {}
    for p in QUERIES[name].params:
        sample = None
        for marker in ("bijv. ", "e.g. "):
            help_text = p.help.get("nl", "")
            if marker in help_text:
                sample = help_text.split(marker, 1)[1].strip().rstrip(".")
        for value in (sample, p.choices[0] if p.choices else None, FALLBACK.get(p.kind)):
            if value is None:
                continue
            try:
                graph._term_for(p.kind, value)
            except KgError:
                continue
            out[p.name] = value
            break
        else:
            assert not p.required, f"{name}: no value for the required parameter --{p.name}"
    return out


@pytest.fixture(params=["nl", "en"])
def any_lang_graph(request, graph, graph_en) -> kg.KnowledgeGraph:
    return graph if request.param == "nl" else graph_en


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_named_query_shows_labels_not_iris(any_lang_graph, name):
    g = any_lang_graph
    table = g.query(name, **_params(g, name))
    shown = readable_columns(table)
    bad = {(col, str(row[col])) for row in table for col in shown
           if (row[col].is_iri and labelled(g, str(row[col]))) or raw_iris(g, str(row[col]))}
    assert not bad, f"{name} ({g.lang}): raw IRIs where labels exist: {sorted(bad)[:5]}"


def _sample(graph: kg.KnowledgeGraph) -> list[URIRef]:
    """Every intervention, theory, principle set and document, and three of every other kind."""
    search = TextSearch(graph.graph_index, graph.labels, graph.lang)
    picked: list[URIRef] = []
    for kind in ("interventie", "theorie", "principeset", "document"):
        picked += [h.iri for h in search.search("", kind)]
    for kind in ("bron", "principe", "project", "activiteit", "leefgebied", "instrument", "gemeente",
                 "persoon", "organisatie", "uitspraak", "bevinding", "rol", "erkenning", "schema", "begrip",
                 "mechanisme", "verklaringsmodel", "fase", "databank"):
        picked += [h.iri for h in search.search("", kind)[:3]]
    return list(dict.fromkeys(picked))


def test_show_names_every_value_by_its_label(any_lang_graph):
    g = any_lang_graph
    sample = _sample(g)
    assert len(sample) > 60
    for iri in sample:
        d = g.description(iri)
        assert not raw_iris(g, f"{d.label} {d.kind}"), iri
        for fmt in ("csv", "table"):
            text = render_description(d, fmt, g.lang)
            if fmt == "table":  # the table shows the resource's own IRI once, under its name
                text = text.replace(f"<{iri}>", "")
                assert not raw_iris(g, text), (iri, raw_iris(g, text))
                continue
            for row in csv.DictReader(io.StringIO(text)):
                values = [v for k, v in row.items() if k != "iri"]
                assert not raw_iris(g, " ".join(values)), (iri, row)
                rel = row["relatie" if g.lang == "nl" else "relation"]
                assert "://" not in rel, (iri, rel)


@pytest.mark.parametrize("text", ["", "armoede", "schuld", "stress"])
def test_search_names_kind_and_label_not_iri(any_lang_graph, text):
    g = any_lang_graph
    hits = g.search_text(text)
    assert hits
    for h in hits:
        assert not raw_iris(g, f"{h.label} {h.kind} {h.field} {' '.join(h.about)}"), h


def test_stats_names_every_class(run_cli):
    for lang in ("nl", "en"):
        res = run_cli("stats", "--lang", lang)
        assert res.exit_code == 0
        assert "http" not in res.output, [line for line in res.output.splitlines() if "http" in line][:3]
    assert "begrippenschema" in run_cli("stats").output
    assert "concept scheme" in run_cli("stats", "--lang", "en").output


def test_show_of_a_concept_scheme_names_skos_terms(run_cli):
    # regression: `show Erkenningsniveaus` printed skos:hasTopConcept and skos:ConceptScheme as IRIs
    res = run_cli("show", "Erkenningsniveaus")
    assert res.exit_code == 0
    out = res.output.replace("<https://w3id.org/armoede-kg/id/schema/erkenning>", "")
    assert "http" not in out
    assert "heeft topbegrip" in out and "begrippenschema" in out
