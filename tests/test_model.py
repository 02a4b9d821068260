"""Domain objects and the list methods (kg.get, kg.interventions, kg.theories, kg.sources,
kg.complementing_boosters), checked against the real graph and independent SPARQL."""

from __future__ import annotations

import dataclasses
import doctest
import importlib.util
import json
from pathlib import Path

import pytest

import kg
from kg.errors import KgValueError, QueryError, UnknownLabelError, WrongKindError
from kg.model import entities as model
from kg.model import mixin as graph_model
from kg.model.entities import Intervention, LifeDomain, MissingDependencyError, Results, Source, Theory
from kg.network import mixin as graph_network

AK = "https://w3id.org/armoede-kg/ontologie#"
IV = "https://w3id.org/armoede-kg/id/interventie/"

# Tabel 1 of seed 000 (the register of MODELLERING.md)
INTEGRAL = {"De Geweldige Wijk", "Kansrijk Oost", "Krachtwerk", "Bind-Kracht in Armoede", "Mobility Mentoring®",
            "Pathway of Hope", "Financiën in de Spreekkamer", "Samen Sportief in Beweging"}


def sparql_set(graph: kg.KnowledgeGraph, text: str, var: str = "x") -> set[str]:
    prefix = f"PREFIX ak: <{AK}>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    return {str(r[var].term) for r in graph.sparql(prefix + text)}


def test_docstring_examples_run():
    results = [doctest.testmod(m, optionflags=doctest.ELLIPSIS) for m in (model, graph_model)]
    assert sum(r.attempted for r in results) >= 15
    assert sum(r.failed for r in results) == 0


DOCS = Path(__file__).resolve().parent.parent / "docs" / "api.md"


def test_docs_api_session_runs():
    # the notebook session in docs/api.md is real output of the real graph
    result = doctest.testfile(str(DOCS), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 25
    assert result.failed == 0


def test_docs_api_names_every_public_method():
    text = DOCS.read_text(encoding="utf-8")
    for mixin in (graph_model.ModelMixin, graph_network.NetworkMixin):
        for name in vars(mixin):
            if not name.startswith("_") and callable(getattr(mixin, name)):
                assert f"`{name}(" in text, f"docs/api.md does not describe {mixin.__name__}.{name}"


# -- kg.get ------------------------------------------------------------------------------------

def test_get_gives_a_typed_intervention_with_its_relations(graph):
    krachtwerk = graph.get("krachtwerk")
    assert isinstance(krachtwerk, Intervention)
    assert str(krachtwerk.iri) == IV + "krachtwerk"
    assert krachtwerk.label == "Krachtwerk"
    # seed 000 (Bijlage 2) and seed 001 both say: social quality and the strengths model
    assert {t.label for t in krachtwerk.theories} == {"Krachtmodel", "Sociale kwaliteit"}
    assert all(isinstance(t, Theory) for t in krachtwerk.theories)
    assert krachtwerk.level == "B" and krachtwerk.is_integral
    assert krachtwerk.recognised  # "Goed onderbouwd" in the Movisie databank (seed 000)
    assert "inkomen & financiën" in {d.label for d in krachtwerk.domains}
    assert all(isinstance(d, LifeDomain) for d in krachtwerk.domains)
    assert "Judith Wolf" not in {t.label for t in krachtwerk.theories}


def test_related_objects_go_both_ways(graph):
    wijk = graph.get("De Geweldige Wijk")
    [scarcity] = wijk.theories
    assert scarcity.label == "Theorie van schaarste"
    assert scarcity.originator == "Mullainathan & Shafir"
    assert [s.label for s in scarcity.sources] == ["Mullainathan & Shafir (2013)"]
    assert wijk in scarcity.interventions
    ms = scarcity.sources[0]
    assert isinstance(ms, Source) and ms.year == 2013 and not ms.is_document
    assert scarcity in ms.describes and wijk in ms.describes


def test_objects_are_immutable_and_made_once(graph):
    krachtwerk = graph.get("Krachtwerk")
    with pytest.raises(dataclasses.FrozenInstanceError):
        krachtwerk.label = "iets anders"  # type: ignore[misc]
    assert graph.get("KRACHTWERK") is krachtwerk
    assert graph.graph_index is graph.graph_index  # the graph is read once, not per call


def test_get_checks_the_kind_and_suggests(graph):
    with pytest.raises(WrongKindError):
        graph.get("Krachtwerk", kind="theory")
    with pytest.raises(UnknownLabelError, match="Krachtwerk"):
        graph.get("Kragtwerk")


def test_a_life_domain_knows_its_scheme_and_crosswalk(graph):
    fin = graph.get("Financiële situatie", kind="leefgebied")
    assert fin.scheme_label == "Leefgebieden van de versterkers (Bijlage 3)"
    matches = {str(m.iri) for m in fin.matches}
    expected = sparql_set(graph, """SELECT ?x WHERE {
        ?x (skos:exactMatch|^skos:exactMatch|skos:closeMatch|^skos:closeMatch)+
           <https://w3id.org/armoede-kg/id/begrip/bijlage3-financiele-situatie> }""")
    expected.discard(str(fin.iri))
    assert matches == expected and matches


# -- kg.interventions ------------------------------------------------------------------------------

def test_integral_interventions_are_the_eight_of_tabel_1(graph):
    got = graph.interventions(role="integraal")
    assert set(got.labels()) == INTEGRAL
    assert graph.interventions(role="integral") == got  # English works too


def test_level_filter_agrees_with_the_named_query(graph):
    for level in ("A", "B", "C"):
        expected = {r["interventie"].value for r in graph.query("integrale-interventies", niveau=level)}
        got = {str(i.iri) for i in graph.interventions(level=level)}
        assert got == expected, level
    assert graph.interventions(role="integraal", level="A").labels() == ["De Geweldige Wijk", "Kansrijk Oost"]


def test_theory_filter_agrees_with_sparql(graph):
    for theory in graph.theories():
        expected = sparql_set(graph, f"SELECT ?x WHERE {{ ?x ak:basedOn <{theory.iri}> ; a ak:Intervention }}")
        got = {str(i.iri) for i in graph.interventions(theory=theory)}
        assert got == expected, theory.label
    assert graph.interventions(theory="theorie van schaarste").labels()[:1] == ["De Geweldige Wijk"]


def test_domain_filter_finds_the_nine_financial_versterkers(graph):
    got = graph.interventions(role="versterker", domain="financiën")
    assert len(got) == 9
    assert {"8TING", "Budgetcursus", "Building financial wellness"} <= set(got.labels())


def test_recognised_filter_agrees_with_sparql(graph):
    expected = sparql_set(graph, "SELECT ?x WHERE { ?x a ak:Intervention ; ak:hasRecognition/ak:recognitionLevel ?l }")
    got = graph.interventions(recognised=True)
    assert {str(i.iri) for i in got} == expected
    assert "Krachtwerk" in got.labels()
    not_recognised = graph.interventions(recognised=False)
    assert "De Geweldige Wijk" in not_recognised.labels()  # "Geen formele erkenning" (seed 000)
    assert len(got) + len(not_recognised) == len(graph.interventions())


def test_filters_combine(graph):
    got = graph.interventions(role="integraal", recognised=True)
    assert set(got.labels()) <= INTEGRAL
    assert "Krachtwerk" in got.labels() and "De Geweldige Wijk" not in got.labels()


def test_unknown_role_names_the_choices(graph):
    # a bad argument value is a ValueError (KgValueError), not a QueryError (issue #11, item 19)
    with pytest.raises(ValueError, match="integraal") as info:
        graph.interventions(role="hoofdrol")
    assert isinstance(info.value, KgValueError) and not isinstance(info.value, QueryError)
    # in English the English role names come first; the Dutch ones are accepted too
    assert info.value.message("en") == (
        "unknown role 'hoofdrol' (choose from booster, coherence, discussed, integral, overview-table, "
        "practice-example, recognised, recognized, or the Dutch besproken, erkend, integraal, "
        "overzichtstabel, praktijkvoorbeeld, samenhang, versterker)")


# -- kg.theories, kg.sources, kg.complementing_boosters -------------------------------------------

def test_theories_are_all_theories(graph):
    expected = sparql_set(graph, "SELECT ?x WHERE { ?x a ak:Theory }")
    assert {str(t.iri) for t in graph.theories()} == expected
    assert {"Theorie van schaarste", "Sociale kwaliteit", "Krachtmodel"} <= set(graph.theories().labels())


def test_sources_about_an_intervention_agree_with_the_named_query(graph):
    got = graph.sources(about="De Geweldige Wijk")
    expected = {r["bron"].value for r in graph.query("bronnen", interventie="De Geweldige Wijk")}
    assert {str(s.iri) for s in got} == expected
    assert {"Mullainathan & Shafir (2013)", "De Vet, Scholten & Wolf (2021)"} <= set(got.labels())


def test_all_sources_include_the_five_documents(graph):
    docs = [s for s in graph.sources() if s.is_document]
    assert len(docs) == 5


def test_complementing_boosters_are_the_versterkers_of_bijlage_3(graph):
    got = graph.complementing_boosters("Krachtwerk", "financiën")
    by_scope: dict[str, set[str]] = {}
    for c in got:
        by_scope.setdefault(c.scope, set()).add(c.booster.label)
        assert c.domain.label == "Financiële situatie"
    assert by_scope["internationaal"] == {"Building financial wellness"}
    assert len(by_scope["nationaal"]) == 8


def test_english_labels_where_the_graph_has_them(graph_en):
    got = graph_en.complementing_boosters("Krachtwerk", "financiën")
    assert {c.scope for c in got} == {"national", "international"}
    assert {c.domain.label for c in got} == {"Financial situation"}


# -- results: plain Python, pandas, notebooks ------------------------------------------------------

def test_results_convert_to_plain_python(graph):
    integral = graph.interventions(role="integraal")
    rows = integral.to_dicts()
    json.dumps(rows)  # plain values only
    krachtwerk = next(r for r in rows if r["label"] == "Krachtwerk")
    assert krachtwerk["level"] == "B" and krachtwerk["theories"] == ["Krachtmodel", "Sociale kwaliteit"]
    assert integral.to_list()[0] is integral[0]
    assert isinstance(integral[:2], Results) and len(integral[:2]) == 2
    assert repr(integral).startswith("Results([Intervention('Bind-Kracht in Armoede')")


def test_results_and_entities_show_as_html(graph):
    table = graph.interventions(role="integraal")._repr_html_()
    assert table.count("<tr>") == 9  # header and eight rows
    assert f'<a href="{IV}krachtwerk">Krachtwerk</a>' in table
    card = graph.get("Krachtwerk")._repr_html_()
    assert "Krachtmodel" in card and "<b>Krachtwerk</b>" in card


def test_to_df_gives_a_dataframe_or_says_how_to_get_pandas(graph):
    integral = graph.interventions(role="integraal")
    if importlib.util.find_spec("pandas") is not None:
        df = integral.to_df()
        assert list(df["label"]) == integral.labels()
        assert set(df.loc[df["label"] == "Krachtwerk", "level"]) == {"B"}
    else:
        with pytest.raises(MissingDependencyError, match=r"armoede-kg\[pandas\]"):
            integral.to_df()
