"""Seed 003 (summary of the Inspiratie- en werkboek armoede, schulden en gezondheid): facts read in the
seed, checked in graph kennis/003 with their line provenance. Line numbers are those of ``cat -n`` on
shared/seeds/003_becd3ff6d2bac61e.txt."""

from __future__ import annotations

import datetime

import pytest
from seed_support import (
    assert_claim_at,
    assert_mentioned_at,
    expand,
    kennis,
    members,
    objects,
    select,
    the,
)

G = kennis("003")
WERKBOEK = "bron:inspiratie-en-werkboek-armoede-schulden-gezondheid"


def _statement(graph, words):
    rows = select(graph, f"""SELECT ?u WHERE {{ GRAPH {G} {{ ?u ak:statementText ?t ; ak:inDocument doc:003 .
        FILTER(CONTAINS(?t, "{words}")) }} }}""")
    assert len(rows) == 1, (words, rows)
    return "<" + rows[0]["u"] + ">"


def test_werkboek_title_and_mention(graph):
    # l. 3 "Inspiratie- en werkboek armoede, schulden en gezondheid"
    assert the(graph, "003", WERKBOEK, "dcterms:title") == "Inspiratie- en werkboek armoede, schulden en gezondheid"
    assert_mentioned_at(graph, "003", WERKBOEK, 3)
    assert_mentioned_at(graph, "003", WERKBOEK, 7)


def test_werkboek_date_is_not_the_date_of_the_summary_page(graph):
    # l. 5-7 "Werken aan preventie" / "13 juni 2018": the date heads the web page (rubric and
    # date of the summary); nowhere does the text date the werkboek itself. The date belongs
    # to the page (doc:003), the werkboek has no date and no year.
    assert objects(graph, "003", WERKBOEK, "dcterms:date") == set()
    assert objects(graph, "003", WERKBOEK, "ak:year") == set()
    dates = select(graph, """SELECT ?d WHERE { GRAPH ?g { doc:003 dcterms:date ?d } }""")
    assert [r["d"] for r in dates] == [datetime.date(2018, 6, 13)]


def test_werkboek_was_developed_with_pioneers_of_six_projects(graph):
    # l. 9 "is ontwikkeld met pioniers van zes projecten"
    rows = select(graph, f"""SELECT ?s WHERE {{ GRAPH {G} {{ ?s a ak:Statistic ; ak:statisticValue ?v ;
        ak:about {WERKBOEK} . FILTER(?v = 6) }} }}""")
    assert len(rows) == 1
    assert_claim_at(graph, "003", "<" + rows[0]["s"] + ">", 9)


def test_social_domain_increasingly_aims_at_prevention_and_integral_support(graph):
    # l. 9 "In het sociale domein wordt er steeds meer gericht op preventie en integrale ondersteuning"
    assert_claim_at(graph, "003", _statement(graph, "steeds meer gericht op preventie en integrale ondersteuning"), 9)


def test_chapter_1_describes_the_policy_context(graph):
    # l. 13 "In hoofdstuk 1 wordt de beleidscontext beschreven"
    u = _statement(graph, "hoofdstuk 1")
    assert expand(WERKBOEK) in objects(graph, "003", u, "ak:about")
    assert_claim_at(graph, "003", u, 13)


def test_poverty_and_debts_have_a_negative_effect_on_health(graph):
    # l. 13 "Armoede en schulden hebben een negatief effect op de gezondheid."
    assert_claim_at(graph, "003", _statement(graph, "Armoede en schulden hebben een negatief effect op de gezondheid"),
                    13)


def test_early_detection_causes_less_damage_for_creditors(graph):
    # l. 17 "vroegsignalering minder schade voor de schuldeisers oplevert"
    assert_claim_at(graph, "003", _statement(graph, "minder schade voor de schuldeisers"), 17)


def test_werkboek_gives_tips_on_contacting_the_target_group_via_three_routes(graph):
    # l. 17 "tips gegeven over het contact leggen met de doelgroep vanuit drie routes"
    rows = select(graph, f"""SELECT ?s WHERE {{ GRAPH {G} {{ ?s a ak:Statistic ; ak:statisticValue ?v ;
        ak:unit "routes"@nl . FILTER(?v = 3) }} }}""")
    assert len(rows) == 1
    assert_claim_at(graph, "003", "<" + rows[0]["s"] + ">", 17)


def test_early_detection_has_four_handles_in_printed_order(graph):
    # l. 19-22
    rows = members(graph, "003", "ps:003-vroegsignalering")
    assert [r["l"] for r in rows] == ["Identificeer de doelgroep", "Bepaal de inzet", "Zoek partners",
                                      "Naar de eigen organisatie kijken"]
    for r, line in zip(rows, (19, 20, 21, 22)):
        assert_mentioned_at(graph, "003", "<" + r["p"] + ">", line)


def test_handle_identify_target_group_asks_to_delimit_it_clearly(graph):
    # l. 19 "Baken de doelgroep helder af."
    assert "Baken de doelgroep helder af." in the(graph, "003", "pr:003-identificeer-de-doelgroep", "skos:definition")


def test_twynstra_gudde_distinguishes_three_coalition_forms(graph):
    # l. 26 "Organisatieadviesbureau Twynstra Gudde onderscheidt drie coalitievormen, namelijk de directieve
    # coalitie, de collectieve coalitie en de connectieve coalitie."
    assert the(graph, "003", "ps:003-coalitievormen", "ak:statedCount") == 3
    assert the(graph, "003", "ps:003-coalitievormen", "prov:wasAttributedTo") == expand("og:twynstra-gudde")
    rows = members(graph, "003", "ps:003-coalitievormen")
    assert [r["l"].lower() for r in rows] == ["directieve coalitie", "collectieve coalitie", "connectieve coalitie"]
    assert_mentioned_at(graph, "003", "og:twynstra-gudde", 26)
    assert "Organisatieadviesbureau Twynstra Gudde" in objects(graph, "003", "og:twynstra-gudde", "skos:altLabel")


def test_an_unfitting_coalition_form_can_cause_considerable_tension(graph):
    # l. 26 "Wanneer een niet-passende coalitievorm ingezet wordt, kan dit voor flinke spanningen zorgen."
    assert_claim_at(graph, "003", _statement(graph, "flinke spanningen"), 26)


def test_cooperation_has_three_handles_in_printed_order(graph):
    # l. 30-32
    rows = members(graph, "003", "ps:003-handvatten-samenwerking")
    assert [r["l"] for r in rows] == ["De grondvorm van de samenwerking bepalen",
                                      "Het maken van een halen/brengen-kaart",
                                      "Breng de meerwaarde van de samenwerking in beeld"]
    for r, line in zip(rows, (30, 31, 32)):
        assert_mentioned_at(graph, "003", "<" + r["p"] + ">", line)


def test_halen_brengen_kaart_matters_mostly_for_the_collective_coalition(graph):
    # l. 31 "(is vooral van belang bij de collectieve coalitie)"
    assert expand("ins:halen-brengen-kaart") in objects(graph, "003", "pr:003-collectieve-coalitie", "ak:relatedTo")
    assert "collectieve coalitie" in the(graph, "003", "ins:halen-brengen-kaart", "skos:definition")
    assert_mentioned_at(graph, "003", "ins:halen-brengen-kaart", 31)


def test_omgekeerde_wereld_tool_maps_what_falls_away_if_cooperation_stops(graph):
    # l. 32 "door middel van de 'Omgekeerde wereld'-tool … wat er wegvalt als de samenwerking stopgezet wordt"
    assert "wegvalt als de samenwerking stopgezet wordt" in the(graph, "003", "ins:omgekeerde-wereld-tool",
                                                                "skos:definition")
    assert_mentioned_at(graph, "003", "ins:omgekeerde-wereld-tool", 32)


def test_six_goals_of_working_with_volunteers_or_experience_experts(graph):
    # l. 38-43, last bullet "Kostenbesparing."
    rows = members(graph, "003", "ps:003-doelen-vrijwilligers-ervaringsdeskundigen")
    assert len(rows) == 6
    assert rows[0]["l"] == "Het vervullen van een brugfunctie naar professionele hulp"
    assert rows[1]["l"] == "Het begrijpen van het perspectief van de cliënt"
    assert rows[5]["l"] == "Kostenbesparing"
    for r, line in zip(rows, range(38, 44)):
        assert_mentioned_at(graph, "003", "<" + r["p"] + ">", line)


def test_agreements_on_responsibilities_evaluations_and_fees_are_needed(graph):
    # l. 45 "afspraken worden gemaakt over verantwoordelijkheden, beoordelingen/evaluaties en vergoedingen"
    assert_claim_at(graph, "003", _statement(graph, "verantwoordelijkheden, beoordelingen/evaluaties en vergoedingen"),
                    45)


def test_werkboek_offers_a_step_plan_for_volunteer_projects(graph):
    # l. 45 "In het inspiratie- en werkboek wordt een stappenplan aangeboden"
    u = _statement(graph, "stappenplan")
    assert expand(WERKBOEK) in objects(graph, "003", u, "ak:about")
    assert_claim_at(graph, "003", u, 45)


def test_monitoring_and_evaluation_rests_on_four_basic_questions(graph):
    # l. 49 "De volgende vier basisvragen"; l. 51-54
    assert the(graph, "003", "ps:003-me-basisvragen", "ak:statedCount") == 4
    rows = members(graph, "003", "ps:003-me-basisvragen")
    assert [r["l"] for r in rows] == ["Voor wie wordt de monitoring en evaluatie uitgevoerd?",
                                      "Wat is het doel van de evaluatie?", "Welke data/informatie is relevant?",
                                      "Wat zijn de praktische randvoorwaarden?"]
    for r, line in zip(rows, (51, 52, 53, 54)):
        assert_mentioned_at(graph, "003", "<" + r["p"] + ">", line)


def test_me_is_successful_when_data_and_stories_convince(graph):
    # l. 56
    assert_claim_at(graph, "003", _statement(graph, "overtuigend overgebracht"), 56)


def test_about_one_in_12_households_has_problematic_debts(graph):
    # l. 62 "Ongeveer één op de 12 huishoudens in Nederland heeft te maken met problematische schulden"
    rows = select(graph, f"""SELECT ?s WHERE {{ GRAPH {G} {{ ?s a ak:Statistic ; ak:statisticValue ?v ;
        ak:statementText ?t . FILTER(?v = 12 && CONTAINS(?t, "één op de 12 huishoudens")) }} }}""")
    assert len(rows) == 1
    assert_claim_at(graph, "003", "<" + rows[0]["s"] + ">", 62)


def test_pharos_made_an_infographic_on_poverty_debts_and_health(graph):
    # l. 68 "Infographic 'Samenhang armoede, schulden en gezondheid'"; l. 70 "Pharos heeft een infographic ontwikkeld"
    src = "bron:pharos-infographic-samenhang-armoede-schulden-gezondheid"
    assert the(graph, "003", src, "dcterms:title") == "Samenhang armoede, schulden en gezondheid"
    assert the(graph, "003", src, "dcterms:creator") == expand("og:pharos")
    assert_mentioned_at(graph, "003", src, 68)
    assert_mentioned_at(graph, "003", "og:pharos", 70)


@pytest.mark.parametrize(("heading", "line"), [("Problematische schulden hangen negatief samen", 60),
                                               ("Afname bestaanszekerheid", 64)])
def test_related_article_is_recorded(graph, heading, line):
    assert_claim_at(graph, "003", _statement(graph, heading), line)
