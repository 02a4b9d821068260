"""Seed 002 (web page: connecting poverty and health): facts read in the seed, checked in graph
kennis/002 with their line provenance. Line numbers are those of ``cat -n`` on
shared/seeds/002_8b4060ee0842b6ed.txt."""

from __future__ import annotations

import pytest
from seed_support import (
    assert_claim_at,
    assert_mentioned_at,
    documents_mentioning,
    expand,
    kennis,
    objects,
    schema_graph,
    select,
    the,
)

G = kennis("002")


def _labels(graph, subject):
    return objects(graph, "002", subject, "skos:prefLabel") | objects(graph, "002", subject, "skos:altLabel")


def test_mobility_mentoring_is_listed_as_a_recognised_intervention(graph):
    # l. 3 "Erkende interventies Armoede, Gezondheid en Schulden", l. 7 "Mobility Mentoring"
    rows = select(graph, f"""SELECT ?r WHERE {{ GRAPH {G} {{ iv:mobility-mentoring ak:hasRole ?r .
        ?r a ak:RecognisedInterventionRole }} }}""")
    assert len(rows) == 1
    assert_claim_at(graph, "002", "<" + rows[0]["r"] + ">", 7)
    assert_mentioned_at(graph, "002", "iv:mobility-mentoring", 9)


def test_mobility_mentoring_aims_at_an_economically_self_reliant_life(graph):
    # l. 9 "met als doel een economisch zelfredzaam leven"
    goal = the(graph, "002", "iv:mobility-mentoring", "ak:goal")
    assert "economisch zelfredzaam leven" in goal
    assert "integrale aanpak" in the(graph, "002", "iv:mobility-mentoring", "skos:definition")


def test_interventieoverzicht_lage_ses_lists_lifestyle_interventions_for_low_ses(graph):
    # l. 5 "Via het interventieoverzicht lage SES vindt u alle leefstijlinterventies gericht op mensen met een
    # lage SES"
    rows = select(graph, f"""SELECT ?d WHERE {{ GRAPH {G} {{ ?d a ak:Databank ; skos:prefLabel ?l .
        FILTER(LCASE(STR(?l)) = "interventieoverzicht lage ses") }} }}""")
    assert len(rows) == 1
    db = "<" + rows[0]["d"] + ">"
    assert "leefstijlinterventies" in the(graph, "002", db, "skos:definition")
    assert_mentioned_at(graph, "002", db, 5)


def test_ses_is_defined_by_education_income_or_occupational_status(graph):
    # l. 5 "Positie die iemand inneemt in de sociale hiërarchie, gemeten aan de hand van opleiding, inkomen of
    # beroepsstatus"
    rows = select(graph, f"""SELECT ?u WHERE {{ GRAPH {G} {{ ?u ak:statementText ?t .
        FILTER(CONTAINS(?t, "opleiding, inkomen of beroepsstatus")) }} }}""")
    assert len(rows) == 1
    assert_claim_at(graph, "002", "<" + rows[0]["u"] + ">", 5)


@pytest.mark.parametrize(("db", "maintainer", "field"), [
    ("db:nji", "og:nji", "jeugdzorg"),
    ("db:kenniscentrum-sport-en-bewegen", "og:kenniscentrum-sport-en-bewegen", "bewegen"),
    ("db:vilans", "og:vilans", "ouderenzorg"),
])
def test_databank_of_each_knowledge_institute_and_its_field(graph, db, maintainer, field):
    # l. 5 "sociale domein (Movisie …), jeugdzorg (NJI), bewegen (Kenniscentrum Sport & Bewegen) en ouderenzorg
    # (Vilans)"
    assert the(graph, "002", db, "ak:maintainedBy") == expand(maintainer)
    assert the(graph, "002", db, "skos:scopeNote").endswith(f"op het gebied van {field}.")
    assert_mentioned_at(graph, "002", db, 5)


def test_movisie_databank_covers_the_social_domain(graph):
    # l. 5 "sociale domein (Movisie Landelijk Kennisinstituut Sociale Vraagstukken )"
    assert the(graph, "002", "db:effectieve-sociale-interventies", "ak:maintainedBy") == expand("og:movisie")
    assert "Movisie Landelijk Kennisinstituut Sociale Vraagstukken" in _labels(graph, "og:movisie")
    assert_mentioned_at(graph, "002", "db:effectieve-sociale-interventies", 5)


def test_interventiewijzer_is_built_on_movisies_participatiewiel(graph):
    # l. 13 "De Interventiewijzer is opgebouwd aan de hand van het Participatiewiel van Movisie"
    assert "InterventieWijzer" in _labels(graph, "db:interventiewijzer")
    assert "Interventiewijzer" in _labels(graph, "db:interventiewijzer")
    assert expand("ins:participatiewiel") in objects(graph, "002", "db:interventiewijzer", "ak:relatedTo")
    assert the(graph, "002", "ins:participatiewiel", "ak:developedBy") == expand("og:movisie")
    assert_mentioned_at(graph, "002", "db:interventiewijzer", 13)
    assert_mentioned_at(graph, "002", "ins:participatiewiel", 13)


def test_participatiewiel_has_six_participation_goals_in_printed_order(graph):
    # l. 13 "financieel gezond zijn, betaald werken, bijdragen aan de samenleving, zelfredzaam zijn, anderen
    # ontmoeten en voor anderen zorgen"
    g = schema_graph("participatiewiel")
    rows = select(graph, f"""SELECT ?c ?l ?n WHERE {{ GRAPH {g} {{ sch:participatiewiel skos:hasTopConcept ?c .
        ?c skos:prefLabel ?l ; skos:notation ?n . FILTER(lang(?l) = "nl") }} }}""")
    rows.sort(key=lambda r: int(r["n"]))
    assert [r["l"] for r in rows] == ["financieel gezond zijn", "betaald werken", "bijdragen aan de samenleving",
                                      "zelfredzaam zijn", "anderen ontmoeten", "voor anderen zorgen"]
    for r in rows:
        assert_mentioned_at(graph, "002", "<" + r["c"] + ">", 13, in_graph=g)
    assert objects(graph, "002", "ins:participatiewiel", "ak:definesScheme") == {expand("sch:participatiewiel")}


def _practice_examples(graph):
    return select(graph, f"""SELECT ?iv ?role ?muni WHERE {{ GRAPH {G} {{ ?iv ak:hasRole ?role .
        ?role a ak:PracticeExampleRole ; ak:municipality ?muni }} }}""")


def test_six_practice_examples_from_municipalities(graph):
    # l. 15 "Voorbeelden: aanpak armoede en gezondheid": Meppel (17), Kampen (21), Helmond (25), Lelystad (29),
    # Amsterdam (33), City Deal (37)
    rows = _practice_examples(graph)
    assert len({r["role"] for r in rows}) == 6
    assert {r["muni"].rsplit("/", 1)[1] for r in rows} == {
        "meppel", "kampen", "helmond", "lelystad", "amsterdam", "eindhoven", "enschede", "leeuwarden", "utrecht",
        "zaanstad"}


def test_geweldige_wijk_meppel_by_geluk_bv_and_lectoraat_de_gezonde_stad(graph):
    # l. 17 "Geweldige wijk Meppel (Geluk BV en Lectoraat de Gezonde Stad)"
    assert "Geweldige wijk Meppel" in _labels(graph, "iv:de-geweldige-wijk")
    assert objects(graph, "002", "iv:de-geweldige-wijk", "ak:developedBy") == {
        expand("og:geluk-bv"), expand("og:lectoraat-de-gezonde-stad")}
    assert the(graph, "002", "iv:de-geweldige-wijk", "ak:municipality") == expand("gem:meppel")
    assert_mentioned_at(graph, "002", "og:geluk-bv", 17)
    assert_mentioned_at(graph, "002", "iv:de-geweldige-wijk", 19)


def test_geweldige_wijk_centres_on_the_app_geweldig_bedankt(graph):
    # l. 19 "Centraal staat de app … Geweldig Bedankt"
    assert the(graph, "002", "iv:de-geweldige-wijk", "ak:usesInstrument") == expand("ins:geweldig-bedankt")
    assert the(graph, "002", "ins:geweldig-bedankt", "skos:prefLabel") == "Geweldig Bedankt"
    assert_mentioned_at(graph, "002", "ins:geweldig-bedankt", 19)


def test_kampen_has_one_desk_financien_op_koers_finok(graph):
    # l. 21 "Eén loket in de gemeente Kampen met Financiën op Koers"; l. 23 "'Financiën op koers' (FINOK)"
    labels = _labels(graph, "iv:financien-op-koers")
    assert {"Financiën op Koers", "Financiën op koers", "FINOK"} <= labels
    assert the(graph, "002", "iv:financien-op-koers", "ak:municipality") == expand("gem:kampen")
    assert "spreekuren" in the(graph, "002", "iv:financien-op-koers", "skos:definition")
    assert_mentioned_at(graph, "002", "iv:financien-op-koers", 23)


def test_finok_makes_support_much_less_fragmented(graph):
    # l. 23 "is de ondersteuning veel minder versnipperd"
    rows = select(graph, f"""SELECT ?u WHERE {{ GRAPH {G} {{ ?u ak:about iv:financien-op-koers ;
        ak:statementText ?t . FILTER(CONTAINS(?t, "minder versnipperd")) }} }}""")
    assert len(rows) == 1
    assert_claim_at(graph, "002", "<" + rows[0]["u"] + ">", 23)


def test_helmond_project_has_three_health_themes(graph):
    # l. 27 "Gezond opvoeden en opgroeien, gezond eten en drinken en gezond bewegen. Dit zijn de drie thema's van
    # het project Op eigen kracht naar een gezonde toekomst in Helmond"
    iv = "iv:op-eigen-kracht-naar-een-gezonde-toekomst"
    assert the(graph, "002", iv, "skos:prefLabel") == "Op eigen kracht naar een gezonde toekomst"
    assert the(graph, "002", iv, "ak:municipality") == expand("gem:helmond")
    rows = select(graph, f"""SELECT ?set ?l ?count WHERE {{ GRAPH {G} {{ ?set ak:ofIntervention {iv} ;
        ak:statedCount ?count . ?p ak:memberOf ?set ; skos:prefLabel ?l }} }}""")
    assert {r["count"] for r in rows} == {3}
    assert {r["l"] for r in rows} == {"Gezond opvoeden en opgroeien", "Gezond eten en drinken", "Gezond bewegen"}
    assert_mentioned_at(graph, "002", "<" + rows[0]["set"] + ">", 27)


def test_helmond_activities_include_longer_school_day_and_cooking_workshops_in_a_supermarket(graph):
    # l. 27 "verlengde schooldag, extra uren … JGZ …, beweegroutes en kookworkshops in een supermarkt"
    rows = select(graph, f"""SELECT ?a ?l WHERE {{ GRAPH {G} {{ ?a a ak:Activity ;
        ak:partOf iv:op-eigen-kracht-naar-een-gezonde-toekomst ; skos:prefLabel ?l }} }}""")
    assert len(rows) == 4
    text = " ".join(r["l"].lower() for r in rows)
    for word in ("verlengde schooldag", "jgz", "beweegroutes", "kookworkshops"):
        assert word in text
    for r in rows:
        assert_mentioned_at(graph, "002", "<" + r["a"] + ">", 27)


def test_lelystad_holds_a_financial_consultation_hour_in_the_primary_care_building(graph):
    # l. 31 "een laagdrempelig financieel spreekuur ingesteld in hetzelfde gebouw als de eerstelijnszorg en het
    # sociale wijkteam"
    iv = "iv:financieel-spreekuur-in-gezondheidscentrum"
    assert the(graph, "002", iv, "ak:municipality") == expand("gem:lelystad")
    assert "hetzelfde gebouw als de eerstelijnszorg en het sociale wijkteam" in the(
        graph, "002", iv, "skos:definition")
    assert_mentioned_at(graph, "002", iv, 31)


def test_amsterdam_poverty_pillar_aims_at_healthy_weight_of_children_from_poor_families(graph):
    # l. 35 "met als doel: meer kinderen uit arme gezinnen hebben een gezond gewicht"
    iv = "iv:pijler-armoede-amsterdamse-aanpak-gezond-gewicht"
    assert the(graph, "002", iv, "ak:goal") == "Meer kinderen uit arme gezinnen hebben een gezond gewicht."
    assert the(graph, "002", iv, "ak:partOf") == expand("iv:amsterdamse-aanpak-gezond-gewicht")
    assert the(graph, "002", iv, "ak:municipality") == expand("gem:amsterdam")
    assert_mentioned_at(graph, "002", iv, 35)


def test_amsterdam_typo_gezond_geweest_is_kept_only_as_hidden_label(graph):
    # l. 35 "De Amsterdamse Aanpak Gezond Geweest" (heading l. 33 and later in l. 35: "Gezond Gewicht")
    iv = "iv:amsterdamse-aanpak-gezond-gewicht"
    assert objects(graph, "002", iv, "skos:hiddenLabel") == {"Amsterdamse Aanpak Gezond Geweest"}
    assert "Amsterdamse Aanpak Gezond Geweest" not in _labels(graph, iv)


def test_amsterdam_examples_include_the_course_gezond_kopen_gezond_koken(graph):
    # l. 35 "de cursus 'Gezond Kopen Gezond Koken', een informatiekraam … bij de uitgifte van kledingbonnen, de
    # inzet van jeugdverpleegkundigen … en een warme overdracht naar armoederegelingen"
    assert "Gezond Kopen Gezond Koken" in _labels(graph, "iv:gezond-kopen-gezond-koken")
    assert the(graph, "002", "iv:gezond-kopen-gezond-koken", "ak:partOf") == expand(
        "iv:pijler-armoede-amsterdamse-aanpak-gezond-gewicht")
    assert_mentioned_at(graph, "002", "iv:gezond-kopen-gezond-koken", 35)
    acts = select(graph, f"""SELECT ?l WHERE {{ GRAPH {G} {{ ?a a ak:Activity ;
        ak:partOf iv:pijler-armoede-amsterdamse-aanpak-gezond-gewicht ; skos:prefLabel ?l }} }}""")
    text = " ".join(r["l"].lower() for r in acts)
    assert "kledingbonnen" in text and "jeugdverpleegkundigen" in text and "warme overdracht" in text


def test_city_deal_inclusieve_stad_ran_in_five_municipalities(graph):
    # l. 39 "in de gemeenten Eindhoven, Enschede, Leeuwarden, Utrecht en Zaanstad"
    munis = objects(graph, "002", "iv:city-deal-inclusieve-stad", "ak:municipality")
    assert munis == {expand(f"gem:{m}") for m in ("eindhoven", "enschede", "leeuwarden", "utrecht", "zaanstad")}
    for m in munis:
        assert_mentioned_at(graph, "002", f"<{m}>", 39)


def test_city_deal_goal_is_better_support_with_the_same_budget(graph):
    # l. 39 "Het doel was om cliënten zo beter te ondersteunen, met hetzelfde budget."
    assert "met hetzelfde budget" in the(graph, "002", "iv:city-deal-inclusieve-stad", "ak:goal")
    assert "leertraject" in the(graph, "002", "iv:city-deal-inclusieve-stad", "skos:definition")


@pytest.mark.parametrize(("words", "line"), [("tandartskosten", 41), ("fiets in plaats van dagbesteding", 42),
                                             ("vechtsport", 43)])
def test_city_deal_case_is_recorded_on_its_line(graph, words, line):
    # l. 41-43: three cases
    rows = select(graph, f"""SELECT ?u WHERE {{ GRAPH {G} {{ ?u ak:about iv:city-deal-inclusieve-stad ;
        ak:statementText ?t . FILTER(CONTAINS(?t, "{words}")) }} }}""")
    assert len(rows) == 1
    assert_claim_at(graph, "002", "<" + rows[0]["u"] + ">", line)


# -- reconciliation with seeds 000/004 and provenance answers --------------------------------------------

def test_mobility_mentoring_is_one_resource_in_000_and_002_with_opposite_recognition_claims(graph):
    # 000 l. 233 "Geen formele erkenning door een erkenningscommissie."; 002 l. 3-9 lists it under "Erkende
    # interventies"; each claim stays in its own graph
    assert documents_mentioning(graph, "iv:mobility-mentoring") == {"000", "002"}
    rows = select(graph, """SELECT ?g ?none ?a WHERE { GRAPH ?g { iv:mobility-mentoring ak:hasRecognition ?r .
        ?r ak:startLine ?a . OPTIONAL { ?r ak:noFormalRecognition ?none } } }""")
    by_graph = {r["g"].rsplit("/", 1)[1]: r for r in rows}
    assert set(by_graph) == {"000", "002"}
    assert by_graph["000"]["none"] is True and by_graph["000"]["a"] == 233
    assert by_graph["002"]["none"] is None
    assert [r["l"] for r in select(graph, "SELECT ?l WHERE { iv:mobility-mentoring skos:prefLabel ?l }")] == [
        "Mobility Mentoring®"]


def test_de_geweldige_wijk_and_meppel_are_shared_with_000(graph):
    # 000 l. 108 (Bijlage 2), l. 136 (Meppel); 002 l. 17-19
    assert documents_mentioning(graph, "iv:de-geweldige-wijk") == {"000", "002"}
    assert {"000", "001", "002"} <= documents_mentioning(graph, "gem:meppel")
    assert_mentioned_at(graph, "000", "iv:de-geweldige-wijk", 108)


def test_gezond_kopen_gezond_koken_is_a_000_versterker_and_a_002_amsterdam_example(graph):
    # 000 l. 376 "Gezond kopen, gezond koken" (Bijlage 3, Ervaren gezondheid); 002 l. 35 "'Gezond Kopen Gezond Koken'"
    assert documents_mentioning(graph, "iv:gezond-kopen-gezond-koken") == {"000", "002"}
    assert_mentioned_at(graph, "000", "iv:gezond-kopen-gezond-koken", 376)
    assert the(graph, "000", "iv:gezond-kopen-gezond-koken", "skos:prefLabel") == "Gezond kopen, gezond koken"


def test_city_deal_is_one_resource_in_002_and_004(graph):
    # 002 l. 39; 004 l. 1063-1065 (same five municipalities)
    assert documents_mentioning(graph, "iv:city-deal-inclusieve-stad") == {"002", "004"}
    assert objects(graph, "002", "iv:city-deal-inclusieve-stad", "ak:municipality") == objects(
        graph, "004", "iv:city-deal-inclusieve-stad", "ak:municipality")


def test_bronnen_for_mobility_mentoring_names_documents_000_and_002_and_cited_sources(graph):
    rows = graph.query("bronnen", interventie="Mobility Mentoring")
    docs = {(r["bron"].value.rsplit("/", 1)[1], r["van"].value) for r in rows if r["soort"].value == "document"}
    assert {d for d, _ in docs} == {"000", "002"}
    assert ("002", 7) in docs and ("000", 46) in docs
    cited = {r["bronLabel"].value for r in rows if r["soort"].value == "geciteerd"}
    # 000 l. 415 (13) Jungmann & Wesdorp 2017, l. 416 (14) Tonnon et al. 2019
    assert {"Jungmann & Wesdorp (2017)", "Tonnon et al. (2019)"} <= cited


def test_waar_staat_city_deal_points_to_002_line_39_and_004_line_1064(graph):
    rows = graph.query("waar-staat", entiteit="City Deal Inclusieve Stad")
    found = {(r["document"].value.rsplit("/", 1)[1], r["van"].value, r["tot"].value) for r in rows}
    assert any(d == "002" and a <= 39 <= b for d, a, b in found)
    assert any(d == "004" and a <= 1064 <= b for d, a, b in found)
    assert {d for d, _, _ in found} == {"002", "004"}
