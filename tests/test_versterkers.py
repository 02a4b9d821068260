"""The project's signature question: which versterkers complement Krachtwerk on finances."""

from __future__ import annotations

import json

NATIONAL_FINANCIAL = {
    "8TING", "Budgetcursus", "Energiecoaching", "Liftjeleven",
    "Regie op financiële gegevens & FiKks-app", "SchuldHulpMaatje / schuldhulp door vrijwilligers",
    "Thuisadministratie", "Voor Elkaar Zwolle",
}


def test_nine_financial_versterkers_of_bijlage_3(graph):
    rows = graph.query("versterkers", interventie="Krachtwerk", leefgebied="financiën")
    by_scope = {}
    for r in rows:
        by_scope.setdefault(r["reikwijdteLabel"].value, set()).add(r["versterkerLabel"].value)
    assert by_scope == {"nationaal": NATIONAL_FINANCIAL, "internationaal": {"Building financial wellness"}}


def test_domain_names_of_other_schemes_find_the_same_versterkers(graph):
    # "inkomen & financiën" (Krachtwerk's conditions) and "Financiële situatie" (Bijlage 3)
    # reach the same nine through the SKOS crosswalk.
    expected = {r["versterker"].value for r in graph.query("versterkers", interventie="Krachtwerk",
                                                           leefgebied="financiën")}
    for label in ("Financiële situatie", "inkomen & financiën", "financieel gezond zijn"):
        got = {r["versterker"].value for r in graph.query("versterkers", interventie="Krachtwerk",
                                                          leefgebied=label)}
        assert got == expected, label


def test_health_versterkers_are_eight_national_and_four_international(graph):
    rows = graph.query("versterkers", interventie="Krachtwerk", leefgebied="Ervaren gezondheid")
    scopes = [r["reikwijdteLabel"].value for r in rows]
    assert scopes.count("nationaal") == 8 and scopes.count("internationaal") == 4


def test_every_row_carries_labels_for_its_entity_columns(graph):
    rows = graph.query("versterkers", interventie="Krachtwerk", leefgebied="financiën")
    for col in ("versterker", "leefgebied", "reikwijdte"):
        assert all(r[col + "Label"].value for r in rows), col


def test_cli_prints_the_nine_as_a_table(run_cli):
    res = run_cli("query", "versterkers", "--interventie", "krachtwerk", "--leefgebied", "FINANCIEN")
    assert res.exit_code == 0, res.output
    assert "Budgetcursus" in res.output and "Building financial wellness" in res.output
    assert res.output.strip().endswith("(9 rijen)")


def test_cli_json_is_sparql_results_json(run_cli):
    res = run_cli("query", "versterkers", "--interventie", "Krachtwerk", "--leefgebied", "financiën",
                  "--format", "json")
    doc = json.loads(res.output)
    assert "versterkerLabel" in doc["head"]["vars"]
    assert len(doc["results"]["bindings"]) == 9
    first = doc["results"]["bindings"][0]
    assert first["versterker"]["type"] == "uri"
    assert first["versterkerLabel"]["xml:lang"] == "nl"
