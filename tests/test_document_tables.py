"""The tables and lists the documents print, each answered by one named query (issue 11): the
expected rows, counts and orders are read in the seeds (line numbers as ``cat -n`` shows them),
never taken from the Turtle."""

from __future__ import annotations

from collections import Counter

import pytest

from kg.errors import KgValueError


def _labels(table, col: str) -> list[str]:
    return [r[col].value for r in table]


# -- query --help groups the named queries ------------------------------------------------------

def test_query_help_lists_the_queries_under_group_headings(run_cli):
    out = run_cli("query", "--help").output
    for heading in ("Tabellen en lijsten uit de documenten:", "Herkomst en bronnen:",
                    "Interventies en hun rollen:", "Theorieën en onderbouwing:"):
        assert heading in out
    tables = out.index("Tabellen en lijsten uit de documenten:")
    nxt = out.index("Theorieën en onderbouwing:")
    for name in ("overzichtstabel", "versterkers-per-leefgebied", "samenhang", "principes", "cijfers"):
        assert tables < out.index(f"  {name} ") < nxt, name


# -- the three Movisie overview tables (004) ------------------------------------------------------

@pytest.mark.parametrize(("tabel", "rows", "first"), [
    # l. 822-823 "Interventie/methodiek Doelgroep Effectiviteit / Sturen op zelfsturing Klanten algemeen ?"
    ("methodisch-werken", 13, "Sturen op zelfsturing"),
    ("integraal-werken", 18, None),
    # l. 2947 "Bind-Kracht in Armoede Gezinnen in armoede Geen informatie Ja Driessens, 2008; …"
    ("armoede-en-schulden", 30, "Bind-Kracht in Armoede"),
])
def test_overview_table_rows_in_printed_order(graph, tabel, rows, first):
    table = graph.query("overzichtstabel", tabel=tabel)
    assert len(table) == rows
    assert [r["rij"].value for r in table] == list(range(1, rows + 1))
    if first:
        assert table.rows[0]["interventieLabel"].value == first


def test_overview_table_cells_as_printed(graph):
    rows = {r["interventieLabel"].value: r for r in graph.query("overzichtstabel", tabel="armoede-en-schulden")}
    bind = rows["Bind-Kracht in Armoede"]
    # l. 2947-2950 "Gezinnen in armoede | Geen informatie | Ja | Driessens, 2008; Vansevenant,
    # Driessens & Van Regenmortel, 2014 Movisie, 2016."
    assert bind["doelgroep"].value == "Gezinnen in armoede"
    assert bind["effectiviteit"].value == "Geen informatie"
    assert bind["theoretischeOnderbouwing"].value == "Ja"
    assert bind["beschrijving"].value.startswith("Driessens, 2008")
    # l. 2943 "Ze zijn herkenbaar aan het symbool * achter de naam": some rows carry it, as a column
    assert {r["ster"].value for r in rows.values()} == {"*", ""}


def test_overview_tables_all_three_without_a_choice_and_a_bad_choice_is_named(graph, run_cli):
    assert len(graph.query("overzichtstabel")) == 13 + 18 + 30
    with pytest.raises(KgValueError, match="methodisch-werken"):
        graph.query("overzichtstabel", tabel="methodisch")
    res = run_cli("query", "overzichtstabel", "--tabel", "methodisch")
    assert res.exit_code == 2 and "methodisch-werken" in res.output


# -- Bijlage 3 and Bijlage 4 of 000 -------------------------------------------------------------

def test_bijlage_3_versterkers_per_life_domain_and_scope_without_an_intervention(graph):
    # l. 375-387: columns Financiële situatie | Participatie en sociale inclusie | Ervaren gezondheid;
    # national rows 376-383, international 384-387: 8+1, 5+1, 8+4 = 27
    table = graph.query("versterkers-per-leefgebied")
    counts = Counter((r["leefgebiedLabel"].value, r["bereikLabel"].value) for r in table)
    assert counts == {
        ("Financiële situatie", "nationaal"): 8, ("Financiële situatie", "internationaal"): 1,
        ("Participatie en sociale inclusie", "nationaal"): 5, ("Participatie en sociale inclusie", "internationaal"): 1,
        ("Ervaren gezondheid", "nationaal"): 8, ("Ervaren gezondheid", "internationaal"): 4,
    }
    # column by column as printed: l. 376 "8TING", l. 377 "Budgetcursus" come first
    assert _labels(table, "versterkerLabel")[:2] == ["8TING", "Budgetcursus"]
    health_int = graph.query("versterkers-per-leefgebied", leefgebied="ervaren gezondheid", reikwijdte="internationaal")
    assert len(health_int) == 4


def test_bijlage_4_coherence_interventions_per_field(graph):
    # l. 394-397: professional field 6 national (Achter de Voordeur … Krachtige basiszorg) + 1
    # international (Bridging model…); lifeworld 9 national + 2 international
    table = graph.query("samenhang")
    counts = Counter((r["samenhangLabel"].value, r["bereikLabel"].value) for r in table)
    assert counts == {
        ("Versterken van samenhang in het professionele veld", "nationaal"): 6,
        ("Versterken van samenhang in het professionele veld", "internationaal"): 1,
        ("Versterken van samenhang in de leefwereld", "nationaal"): 9,
        ("Versterken van samenhang in de leefwereld", "internationaal"): 2,
    }
    field = graph.query("samenhang", veld="professioneel-veld")
    # l. 395 "Achterstandswijken Nijmegen* … Kansrijke Start*": the asterisk as a column
    starred = {r["interventieLabel"].value for r in field if r["ster"].value == "*"}
    assert starred == {"Achterstandswijken Nijmegen", "Kansrijke Start"}


# -- principle sets, phases, figures -------------------------------------------------------------

def test_members_of_a_principle_set_in_printed_order(graph):
    # 001: "Checklist voor passende ondersteuning": integraal; sensitief voor stress, trauma, …;
    # zelfregie; gelijkwaardigheid en vertrouwen; ervaringskennis
    table = graph.query("principes", lijst="Checklist voor passende ondersteuning")
    assert _labels(table, "principeLabel") == [
        "Integraal", "Sensitief voor stress, trauma, cultuur, stigma en schaamte", "Zelfregie",
        "Gelijkwaardigheid en vertrouwen", "Ervaringskennis"]
    assert [r["nr"].value for r in table] == [1, 2, 3, 4, 5]


def test_phases_of_krachtwerk_in_printed_order(graph):
    # 001: "focusbepaling, uitvoering en evaluatie"
    table = graph.query("fasen", interventie="Krachtwerk")
    assert _labels(table, "faseLabel") == ["Focusbepaling", "Uitvoering", "Evaluatie"]


def test_figures_include_508000_people_in_long_term_poverty(graph):
    # 001 l. 15 "In Nederland leven zo’n 508.000 mensen in langdurige armoede (Van Hulst & Hoff, 2020)"
    table = graph.query("cijfers", bron="Scholten, Jonker, De Vet & Wolf (Sociaal Bestek)")
    rows = [r for r in table if r["waarde"].value == 508000]
    assert len(rows) == 1
    assert rows[0]["van"].value == 15 and rows[0]["geciteerdLabel"].value == "Van Hulst & Hoff (2020)"
    assert "508.000" in rows[0]["cijferLabel"].value
    # 001 l. 72: the rating 8,6 is about the finding on Krachtwerk in social district teams
    about = graph.query("cijfers", over="Krachtwerk")
    assert 8.6 in {float(r["waarde"].value) for r in about if r["waarde"].value is not None}


# -- narrowing broad queries (item 11) -----------------------------------------------------------

EIGHT = {"De Geweldige Wijk", "Kansrijk Oost", "Krachtwerk", "Bind-Kracht in Armoede", "Mobility Mentoring®",
         "Pathway of Hope", "Financiën in de Spreekkamer", "Samen Sportief in Beweging"}


def test_erkend_narrowed_to_the_eight_integral_interventions(graph):
    everything = {r["interventieLabel"].value for r in graph.query("erkend")}
    integral = {r["interventieLabel"].value for r in graph.query("erkend", rol="integraal")}
    # 000 l. 201 Krachtwerk 'goed onderbouwd'; l. 358 Samen Sportief 'Eerste aanwijzingen …'
    assert integral == {"Krachtwerk", "Samen Sportief in Beweging"}
    assert integral < everything and integral <= EIGHT
    assert {r["interventieLabel"].value for r in graph.query("erkend", rol="integral")} == integral


def test_in_meerdere_bronnen_narrowed_to_a_role_or_a_kind(graph):
    integral = {r["entiteitLabel"].value for r in graph.query("in-meerdere-bronnen", rol="integraal")}
    # 000 and 002 both name De Geweldige Wijk and Mobility Mentoring; 000 and 001 Krachtwerk; 000 and
    # 004 Bind-Kracht in Armoede
    assert integral == {"De Geweldige Wijk", "Mobility Mentoring®", "Krachtwerk", "Bind-Kracht in Armoede"}
    persons = graph.query("in-meerdere-bronnen", soort="persoon")
    assert persons and {r["klasse"].value for r in persons} == {"Person"}
    assert len(graph.query("in-meerdere-bronnen")) > len(persons)


# -- mechanisms vs effects (item 9) ----------------------------------------------------------------

def test_mechanismen_tells_working_mechanisms_from_effects_on_thinking_and_acting(graph):
    table = graph.query("mechanismen", theorie="theorie van schaarste")
    kinds = Counter(r["soortLabel"].value for r in table)
    # 004 l. 2393-2399: seven effects; l. 2757-2786: five working mechanisms
    assert kinds == {"gevolg voor denken en handelen": 7, "mechanisme": 5}
    tunnel = next(r for r in table if r["mechanismeLabel"].value == "Tunnelvisie")
    assert tunnel["soortLabel"].value == "gevolg voor denken en handelen"


# -- unstated is not "no" (item 4, data side) -----------------------------------------------------

# A false boolean is only stated where the document says "no": the absence of a marker in a
# list whose legend explains it (000 l. 50 and l. 399 for the asterisk of Tabel 1 / Bijlage 4,
# 004 l. 2943 for the * of the overview table), or a sentence with a negation kept as the note.
FALSE_ALLOWED = {
    "https://w3id.org/armoede-kg/ontologie#inProjectApplication": None,
    "https://w3id.org/armoede-kg/ontologie#marked": None,
    "https://w3id.org/armoede-kg/ontologie#hasFidelityModel": "https://w3id.org/armoede-kg/ontologie#fidelityNote",
    "https://w3id.org/armoede-kg/ontologie#appliedInNetherlands": "https://w3id.org/armoede-kg/ontologie#applicationNote",
}


def test_every_false_claim_rests_on_a_no_in_the_document(graph):
    rows = graph.sparql("""SELECT ?g ?s ?p (GROUP_CONCAT(STR(?note); separator=" | ") AS ?notes) WHERE {
        GRAPH ?g { ?s ?p false } OPTIONAL { GRAPH ?g { ?s ?q ?note } FILTER(isLiteral(?note)) }
        FILTER(STRSTARTS(STR(?g), "https://w3id.org/armoede-kg/graaf/kennis/")) } GROUP BY ?g ?s ?p""")
    assert len(rows) > 0
    for r in rows:
        p = r["p"].value
        assert p in FALSE_ALLOWED, f"{r['s'].value} {p} false: no document line says no"
        if FALSE_ALLOWED[p]:
            assert " geen " in f" {r['notes'].value} " or " niet " in f" {r['notes'].value} ", r.as_dict()


def test_theorieen_says_which_underpinning_krachtwerk_has(graph):
    # 000 l. 194 "het kader van sociale kwaliteit als theoretische onderbouwing (7) en de principes
    # van het krachtmodel als praktijkonderbouwing (8)"; 001 l. 50 "wetenschappelijk gefundeerd in
    # het theoretisch kader van sociale kwaliteit"
    rows = {(r["theorieLabel"].value, r["documentLabel"].value): r["onderbouwingLabel"].value
            for r in graph.query("theorieen", interventie="Krachtwerk")}
    d000, d001 = "De Vet, Scholten & Wolf (2021)", "Scholten, Jonker, De Vet & Wolf (Sociaal Bestek)"
    assert rows[("Sociale kwaliteit", d000)] == "theoretische onderbouwing"
    assert rows[("Krachtmodel", d000)] == "praktijkonderbouwing"
    assert rows[("Sociale kwaliteit", d001)] == "theoretische onderbouwing"
    assert rows[("Krachtmodel", d001)] is None
