"""Seed 004 (Franken e.a. 2016, Kennissynthese Vakkundig aan het werk, Movisie; OCR text): facts read in
the seed, checked in graph kennis/004 (all files of kennis/004/) with their line provenance. Line numbers
are those of ``cat -n`` on shared/seeds/004_4ae2936077ce99c2.txt."""

from __future__ import annotations

import json

import pytest
from seed_support import (
    assert_claim_at,
    assert_mentioned_at,
    documents_mentioning,
    expand,
    kennis,
    members,
    objects,
    schema_graph,
    select,
    statistics_at,
    the,
)

G = kennis("004")


def _table_rows(graph, table):
    return select(graph, f"""SELECT ?iv ?role ?n ?target ?rating ?theory ?descr ?marked ?level WHERE {{ GRAPH {G} {{
        ?iv ak:hasRole ?role . ?role ak:overviewTable {table} ; ak:rowNumber ?n .
        OPTIONAL {{ ?role ak:targetGroup ?target }} OPTIONAL {{ ?role ak:effectivenessRating ?rating }}
        OPTIONAL {{ ?role ak:theoreticalBasis ?theory }} OPTIONAL {{ ?role ak:describedInText ?descr }}
        OPTIONAL {{ ?role ak:marked ?marked }} OPTIONAL {{ ?role ak:recognitionLevel ?level }} }} }}""")


def _row(graph, table, iv):
    rows = [r for r in _table_rows(graph, table) if r["iv"] == expand(iv)]
    assert len(rows) == 1, (iv, rows)
    return rows[0]


# -- colofon, commissioning, introduction -------------------------------------------------------------------

def test_five_authors_of_the_kennissynthese(graph):
    # l. 13 "Auteur(s): Mark Franken, Marjet van Houten, Gery Lammersen, Hanneke Mateman, Sanneke Verweij"
    creators = objects(graph, "004", "doc:004", "dcterms:creator")
    names = {the(graph, "004", f"<{c}>", "skos:prefLabel") for c in creators}
    assert names == {"Mark Franken", "Marjet van Houten", "Gery Lammersen", "Hanneke Mateman", "Sanneke Verweij"}
    for c in creators:
        assert_mentioned_at(graph, "004", f"<{c}>", 13)


def test_commissioned_by_zonmw_and_ministries_szw_vws_subsidised_by_vws(graph):
    # l. 61 "Op verzoek van ZonMw en de ministeries van SZW en VWS heeft Movisie een kennissynthese uitgevoerd";
    # l. 20 "mede tot stand gekomen met subsidie van het ministerie van VWS"
    p = "proj:kennissynthese-vakkundig-aan-het-werk"
    assert the(graph, "004", p, "ak:fundedBy") == expand("og:ministerie-vws")
    assert {expand("og:zonmw"), expand("og:ministerie-szw")} <= objects(graph, "004", p, "ak:relatedTo")
    assert expand("og:movisie") in objects(graph, "004", p, "ak:participant")
    assert_mentioned_at(graph, "004", "og:ministerie-vws", 20)
    assert_mentioned_at(graph, "004", "og:zonmw", 61)


def test_about_459000_people_receive_social_assistance_cbs_31_may_2016(graph):
    # l. 110 "In Nederland zitten ongeveer 459.000 mensen in de bijstand (CBS, 31 mei 2016)."
    rows = statistics_at(graph, "004", 459000, 110)
    assert len(rows) == 1
    src = the(graph, "004", "<" + rows[0]["s"] + ">", "dcterms:source")
    assert str(the(graph, "004", f"<{src}>", "dcterms:date")) == "2016-05-31"


def test_65_percent_of_social_assistance_recipients_lack_a_starting_qualification(graph):
    # l. 113-114 "65 procent heeft geen startkwalificatie (een diploma op minimaal mbo2-niveau)"
    rows = statistics_at(graph, "004", 65, 114)
    assert len(rows) == 1 and "startkwalificatie" in rows[0]["text"]


def test_recognition_pathway_goed_beschreven_has_two_criteria(graph):
    # l. 176-184: "opstapniveau Goed Beschreven", criteria 1 (l. 180) and 2 (l. 184)
    rows = members(graph, "004", "ps:004-criteria-goed-beschreven")
    assert len(rows) == 2
    assert the(graph, "004", "<" + rows[1]["p"] + ">", "skos:definition") == (
        "Het verband tussen aanleiding, doelen, doelgroep en aanpak is duidelijk beschreven.")
    assert_mentioned_at(graph, "004", "<" + rows[0]["p"] + ">", 180)
    assert_mentioned_at(graph, "004", "bg:erkenning-goed-beschreven", 176)
    assert "in ieder geval Nederlands onderzoek" in the(graph, "004", "bg:erkenning-effectief", "skos:definition")
    assert_mentioned_at(graph, "004", "bg:erkenning-effectief", 187)


def test_evidence_based_working_sackett_2000_integrates_three_factors(graph):
    # l. 198 "(Sackett, e.a., 2000)"; l. 200 "het integreren van drie factoren"; l. 202-206
    assert the(graph, "004", "ps:004-evidence-based-practice-factoren", "ak:statedCount") == 3
    rows = members(graph, "004", "ps:004-evidence-based-practice-factoren")
    assert [r["l"] for r in rows][:2] == ["Empirisch bewijs", "Ervaringskennis van professionals"]
    assert the(graph, "004", "bron:sackett-evidence-based-medicine", "ak:year") == "2000"
    assert the(graph, "004", "th:evidence-based-practice", "ak:describedIn") == expand(
        "bron:sackett-evidence-based-medicine")
    assert_mentioned_at(graph, "004", "bron:sackett-evidence-based-medicine", 198)


def test_senge_1990_five_disciplines_of_the_learning_organisation(graph):
    # l. 394 "Senge (1990) beschrijft vijf elementaire disciplines"; l. 397-408
    assert the(graph, "004", "ps:004-senge-vijf-disciplines", "ak:statedCount") == 5
    rows = members(graph, "004", "ps:004-senge-vijf-disciplines")
    assert rows[0]["l"] == "Persoonlijk meesterschap" and rows[4]["l"] == "Systeemdenken"
    for r, line in zip(rows, (397, 400, 403, 404, 407)):
        assert_mentioned_at(graph, "004", "<" + r["p"] + ">", line)
    assert the(graph, "004", "bron:senge-1990", "ak:year") == "1990"


def test_senge_names_three_architectural_elements(graph):
    # l. 420 "Daarnaast noemt Senge drie architectonische elementen"; l. 422, 426, 430
    assert the(graph, "004", "ps:004-senge-architectonische-elementen", "ak:statedCount") == 3
    rows = members(graph, "004", "ps:004-senge-architectonische-elementen")
    assert [r["l"] for r in rows] == ["Richtinggevende ideeën", "Theorie, methoden en instrumenten", "Infrastructuur"]


# -- methodisch werken -----------------------------------------------------------------------------------

def test_esi_databank_rates_resto_van_harte_and_moiz_goed_beschreven_and_irb_effectief(graph):
    # l. 545-548
    for iv, level in [("iv:resto-van-harte", "bg:erkenning-goed-beschreven"),
                      ("iv:maatschappelijke-opvang-in-zelfbeheer", "bg:erkenning-goed-beschreven"),
                      ("iv:individuele-rehabilitatie-benadering", "bg:erkenning-effectief")]:
        rows = select(graph, f"""SELECT ?r WHERE {{ GRAPH {G} {{ {iv} ak:hasRecognition ?r .
            ?r ak:databank db:effectieve-sociale-interventies ; ak:recognitionLevel {level} }} }}""")
        assert len(rows) == 1, iv
        assert_claim_at(graph, "004", "<" + rows[0]["r"] + ">", 546)
        assert_mentioned_at(graph, "004", iv, 546)


def test_divosa_werkwijzer_lists_seven_diagnosis_instruments(graph):
    # l. 582 "de volgende zeven diagnose- instrumenten", l. 585-597
    rows = select(graph, f"""SELECT ?u (COUNT(DISTINCT ?i) AS ?n) WHERE {{ GRAPH {G} {{ ?u ak:statementText ?t ;
        ak:about ?i . ?i a ak:Instrument . FILTER(CONTAINS(?t, "zeven diagnose-instrumenten")) }} }} GROUP BY ?u""")
    assert [r["n"] for r in rows] == [7]
    assert_claim_at(graph, "004", "<" + rows[0]["u"] + ">", 582)
    assert_mentioned_at(graph, "004", "og:ggd-amsterdam", 597)


def test_only_zrm_and_szeebra_are_scientifically_validated(graph):
    # l. 601-602 "Slechts 2 instrumenten (de Zelfredzaamheidsmatrix en de SZeebra) zijn wetenschappelijk
    # gevalideerd." — and the overview table rates both "Validatie" (l. 922, 948)
    rows = _table_rows(graph, "bg:tabel-methodisch-werken")
    validated = {r["iv"] for r in rows if r["rating"] == "Validatie"}
    assert validated == {expand("ins:zelfredzaamheidsmatrix"), expand("ins:szeebra")}


def test_sturen_op_zelfsturing_rests_on_three_basic_psychological_needs(graph):
    # l. 717 "gefundeerd op de drie psychologische basisbehoeften"; l. 720-724
    assert the(graph, "004", "ps:004-sturen-op-zelfsturing-basisbehoeften", "ak:statedCount") == 3
    rows = members(graph, "004", "ps:004-sturen-op-zelfsturing-basisbehoeften")
    assert [r["l"] for r in rows] == ["Basisbehoefte aan autonomie", "Basisbehoefte aan betrokkenheid",
                                      "Basisbehoefte aan competentie"]
    assert the(graph, "004", "pr:004-basisbehoefte-autonomie", "skos:definition") == (
        "De vrijheid om keuzes te kunnen maken.")


def test_methodisch_werken_table_has_13_rows(graph):
    # l. 822-982: Sturen op zelfsturing … Metas (5), ABC … Zelfredzaamheidsmatrix (7), IPS (1)
    rows = _table_rows(graph, "bg:tabel-methodisch-werken")
    assert sorted(r["n"] for r in rows) == list(range(1, 14))


@pytest.mark.parametrize(("iv", "n", "target", "rating", "line"), [
    ("iv:sturen-op-zelfsturing", 1, "Klanten algemeen", "?", 823),
    ("iv:motiverende-gespreksvoering", 2, "Klanten algemeen", "Effectief", 824),
    ("iv:functioneel-meten", 4, "Professionals", "nee", 831),
    ("ins:szeebra", 9, "Klanten algemeen", "Validatie", 922),
    ("ins:zelfredzaamheidsmatrix", 12, "Klanten algemeen", "Validatie", 948),
])
def test_methodisch_werken_table_row_as_printed(graph, iv, n, target, rating, line):
    r = _row(graph, "bg:tabel-methodisch-werken", iv)
    assert (r["n"], r["target"], r["rating"]) == (n, target, rating)
    assert_claim_at(graph, "004", "<" + r["role"] + ">", line)


def test_methodisch_werken_table_ips_effective_by_strong_indications_trimbos(graph):
    # l. 950-970 "Individuele plaatsing en steun (IPS) … Effectief volgens sterke aanwijzingen … Databank Erkende
    # Interventies GGZ (Trimbos)"
    r = _row(graph, "bg:tabel-methodisch-werken", "iv:individuele-plaatsing-en-steun")
    assert r["rating"] == "Effectief volgens sterke aanwijzingen"
    assert r["level"] == expand("bg:erkenning-sterke-aanwijzingen")
    assert r["descr"] == "Databank Erkende Interventies GGZ (Trimbos)"
    assert_claim_at(graph, "004", "<" + r["role"] + ">", 951)


def test_zrm_row_describes_eleven_domains_by_ggd_amsterdam(graph):
    # l. 948-949 "Zelfredzaamheidsmatrix ~ Klanten algemeen Validatie Ja GGD Amsterdam Diagnose en plan van aanpak
    # De ZRM beoordeelt de zelfredzaamheid van van klanten op elf domeinen."
    r = _row(graph, "bg:tabel-methodisch-werken", "ins:zelfredzaamheidsmatrix")
    assert (r["theory"], r["descr"]) == ("Ja", "GGD Amsterdam")
    goal = the(graph, "004", "<" + r["role"] + ">", "ak:goal")
    assert "elf domeinen" in goal


# -- integraal werken ------------------------------------------------------------------------------------

def test_city_deal_was_signed_on_11_march_2016_by_five_municipalities(graph):
    # l. 1063-1065 "ondertekenden vijf grote gemeenten op 11 maart 2016 een City Deal … Eindhoven, Enschede,
    # Leeuwarden, Utrecht en Zaanstad"
    iv = "iv:city-deal-inclusieve-stad"
    assert str(the(graph, "004", iv, "dcterms:date")) == "2016-03-11"
    assert objects(graph, "004", iv, "ak:municipality") == {
        expand(f"gem:{m}") for m in ("eindhoven", "enschede", "leeuwarden", "utrecht", "zaanstad")}
    assert_mentioned_at(graph, "004", iv, 1064)
    assert len(statistics_at(graph, "004", 5, 1064)) == 1


def test_social_district_teams_69_percent_in_2014_and_87_percent_of_234_end_2015(graph):
    # l. 1074-1076
    assert len(statistics_at(graph, "004", 69, 1074)) == 1
    assert len(statistics_at(graph, "004", 87, 1076)) == 1
    assert len(statistics_at(graph, "004", 234, 1076)) == 1


def test_work_and_income_staff_in_district_teams_fell_from_54_to_37_percent(graph):
    # l. 1283-1284 "gedaald is van 54 procent naar 37 procent (Arum, Schoorl, 2016)"
    assert len(statistics_at(graph, "004", 54, 1284)) == 1
    assert len(statistics_at(graph, "004", 37, 1284)) == 1


def test_about_twenty_integral_interventions_were_found(graph):
    # l. 1134 "een twintigtal interventies"
    assert len(statistics_at(graph, "004", 20, 1134)) == 1


def test_four_interventions_with_indications_of_effectiveness_act_fact_irb_ips(graph):
    # l. 1158-1166 "Het gaat om de volgende interventies: ACT, FACT, IRB, IPS"
    for iv, line in [("iv:assertive-community-treatment", 1160), ("iv:flexible-assertive-community-treatment", 1162),
                     ("iv:individuele-rehabilitatie-benadering", 1164), ("iv:individuele-plaatsing-en-steun", 1166)]:
        assert_mentioned_at(graph, "004", iv, line)


def test_achter_de_voordeur_network_has_about_sixty_municipalities(graph):
    # l. 1202-1203 "bestaat uit ongeveer zestig gemeenten. De nieuwe naam is: landelijk netwerk Integrale Aanpak"
    rows = statistics_at(graph, "004", 60, 1203)
    assert len(rows) == 1
    assert expand("iv:achter-de-voordeur") in objects(graph, "004", "<" + rows[0]["s"] + ">", "ak:about")


def test_zrm_assesses_eleven_life_domains_in_printed_order(graph):
    # l. 1205-1209 "inkomen, dagbesteding, huisvesting, gezinsrelaties, geestelijke gezondheidszorg, fysieke
    # gezondheid, verslaving, vaardigheden bij activiteiten van het dagelijks leven (ADL), sociaal netwerk,
    # maatschappelijke participatie en justitie"
    g = schema_graph("zrm")
    rows = select(graph, f"""SELECT ?c ?l ?n WHERE {{ GRAPH {g} {{ sch:zrm skos:hasTopConcept ?c .
        ?c skos:prefLabel ?l ; skos:notation ?n . FILTER(lang(?l) = "nl") }} }}""")
    rows.sort(key=lambda r: int(r["n"]))
    assert [r["l"] for r in rows] == [
        "inkomen", "dagbesteding", "huisvesting", "gezinsrelaties", "geestelijke gezondheidszorg",
        "fysieke gezondheid", "verslaving", "vaardigheden bij activiteiten van het dagelijks leven (ADL)",
        "sociaal netwerk", "maatschappelijke participatie", "justitie"]
    assert_mentioned_at(graph, "004", "bg:zrm-justitie", 1209, in_graph=g)
    assert len(statistics_at(graph, "004", 11, 1206)) == 1


def test_radar_sees_five_points_of_contact_between_work_and_care(graph):
    # l. 1233-1235 "De auteurs zien vijf aanknopingspunten"; 1. Integrale diagnose (l. 1237) … 5. (l. 1252)
    assert the(graph, "004", "ps:004-radar-aanknopingspunten", "ak:statedCount") == 5
    rows = members(graph, "004", "ps:004-radar-aanknopingspunten")
    assert rows[0]["l"] == "Integrale diagnose"
    assert_mentioned_at(graph, "004", "<" + rows[0]["p"] + ">", 1237)


def test_integraal_werken_table_has_18_rows(graph):
    # l. 1535-2291: ACT, FACT, IPS | IRB, Begeleid werken, Activerende Zorgcoaching, BLINK! | HEADwerk, Lijn5,
    # Participatiehuis, Doven en Slechthorenden, Terugdringen recidive, TraJect | VIG, Werk na detentie, WEZM,
    # FitAWork, Vrijbaan
    rows = _table_rows(graph, "bg:tabel-integraal-werken")
    assert sorted(r["n"] for r in rows) == list(range(1, 19))


@pytest.mark.parametrize(("iv", "n", "rating", "level", "line"), [
    ("iv:assertive-community-treatment", 1, "Effectief volgens eerste aanwijzingen",
     "bg:erkenning-eerste-aanwijzingen", 1576),
    ("iv:flexible-assertive-community-treatment", 2, "Effectief volgens eerste aanwijzingen",
     "bg:erkenning-eerste-aanwijzingen", 1581),
    ("iv:individuele-plaatsing-en-steun", 3, "Effectief volgens sterke aanwijzingen",
     "bg:erkenning-sterke-aanwijzingen", 1586),
])
def test_integraal_table_trimbos_rows_with_recognition_level(graph, iv, n, rating, level, line):
    r = _row(graph, "bg:tabel-integraal-werken", iv)
    assert (r["n"], r["rating"], r["level"]) == (n, rating, expand(level))
    assert r["descr"] == "Databank Erkende Interventies GGZ (Trimbos)"
    rec = select(graph, f"""SELECT ?e WHERE {{ GRAPH {G} {{ {iv} ak:hasRecognition ?e .
        ?e ak:recognitionLevel {level} ; ak:databank db:erkende-interventies-ggz ; ak:startLine ?a .
        FILTER(?a >= 1574) }} }}""")
    assert len(rec) == 1
    assert_claim_at(graph, "004", "<" + rec[0]["e"] + ">", line)


def test_integraal_table_wezm_targets_16_to_55_year_olds_with_complete_result_evaluation(graph):
    # l. 2115-2120 "Mensen tussen de 16 en 55 jaar met psychosaciale problemen, met een grote afstand tot de
    # arbeidsmarkt"; l. 2154-2159 "Resultaatevaluatie aanwezig en volledig onderbouwd (bron: INW)";
    # l. 2186-2189 "Theoretische onderbouwing niet aanwezig (bron: INW)."
    r = _row(graph, "bg:tabel-integraal-werken", "iv:werk-een-zorg-minder")
    assert r["n"] == 16
    assert r["target"].startswith("Mensen tussen de 16 en 55 jaar")
    assert r["rating"] == "Resultaatevaluatie aanwezig en volledig onderbouwd (bron: INW)"
    assert r["theory"].startswith("Theoretische onderbouwing niet aanwezig")
    assert_claim_at(graph, "004", "<" + r["role"] + ">", 2093, max_span=200)


# -- armoede en schulden ---------------------------------------------------------------------------------

def test_annual_social_cost_of_debt_is_estimated_at_eleven_billion_euro(graph):
    # l. 2336-2337 "worden geschat op elf miljard euro (Madern, 2014)"
    assert len(statistics_at(graph, "004", 11000000000, 2337)) == 1


def test_debts_are_problematic_if_not_repaid_within_36_months(graph):
    # l. 2339-2340 "de aanwezige schulden niet binnen 36 maanden kan aflossen"
    assert len(statistics_at(graph, "004", 36, 2340)) == 1


def test_2_5_percent_of_households_have_problematic_debts_and_receive_debt_help(graph):
    # l. 2344
    assert len(statistics_at(graph, "004", 2.5, 2344)) == 1


def test_six_explanatory_models_of_poverty_on_micro_meso_macro_level(graph):
    # l. 2374-2376 "Er zijn zes gangbare verklaringsmodellen voor armoede (Van Robaeys en Driessens, 2011) waarbij
    # onderscheid gemaakt wordt tussen de niveaus van individu/gezin (micro), groep/organisatie (meso) en
    # maatschappij (macro)"; l. 2378-2379 table title, body missing
    vm_set = "vm:zes-verklaringsmodellen"
    assert the(graph, "004", vm_set, "ak:statedCount") == 6
    assert objects(graph, "004", vm_set, "ak:analysisLevel") == {
        expand("bg:analyseniveau-micro"), expand("bg:analyseniveau-meso"), expand("bg:analyseniveau-macro")}
    src = the(graph, "004", vm_set, "dcterms:source")
    assert the(graph, "004", f"<{src}>", "ak:year") == "2011"
    assert_mentioned_at(graph, "004", vm_set, 2374)


def test_scarcity_leads_to_tunnel_vision_mullainathan_and_shafir_2013(graph):
    # l. 2392-2396 "'psychologie van schaarste' (Mullainathan en Shafir, 2013) … een zogenoemde tunnelvisie"
    assert "psychologie van schaarste" in objects(graph, "004", "th:schaarste", "skos:altLabel")
    assert expand("mech:tunnelvisie") in objects(graph, "004", "th:schaarste", "ak:describesEffect")
    assert the(graph, "004", "th:schaarste", "ak:describedIn") == expand("bron:mullainathan-shafir-schaarste")
    assert_mentioned_at(graph, "004", "mech:tunnelvisie", 2395)
    assert_mentioned_at(graph, "004", "th:schaarste", 2392)


def test_scarcity_psychology_names_five_working_mechanisms_in_order(graph):
    # l. 2757-2786: fouttolerantie (2758), cursussen kort en eenvoudig (2764), limieten (2770),
    # bandbreedte vrijmaken (2775), integrale benadering (2780); only these five are mechanisms
    rows = select(graph, f"""SELECT ?m ?n WHERE {{ GRAPH {G} {{ th:schaarste ak:hasMechanism ?m .
        OPTIONAL {{ ?m ak:ordinal ?n }} }} }} ORDER BY ?n""")
    assert [r["n"] for r in rows] == [1, 2, 3, 4, 5]
    expected = ["mech:fouttolerantie-in-financiele-cursussen", "mech:cursussen-kort-en-eenvoudig",
                "mech:slim-inzetten-van-limieten", "mech:vrijmaken-van-bandbreedte",
                "mech:integrale-benadering-schaarste"]
    assert [r["m"] for r in rows] == [expand(m) for m in expected]
    for m, line in zip(expected, (2758, 2764, 2770, 2775, 2780)):
        assert_mentioned_at(graph, "004", m, line)


def test_cabinet_funds_grew_from_20_million_in_2013_to_80_and_100_million(graph):
    # l. 2423-2425 "Werd er in 2013 nog 20 miljoen euro ter beschikking gesteld, in de jaren 2014 en 2015 is dit
    # bedrag verder uitgebouwd naar 80 respectievelijk 100 miljoen euro."
    for value in (20000000, 80000000, 100000000):
        assert len(statistics_at(graph, "004", value, 2424)) == 1, value


def test_three_priorities_of_municipal_poverty_and_debt_policy_bartels_2014(graph):
    # l. 2431-2437
    ps_ = "ps:004-prioriteiten-gemeentelijk-armoede-en-schuldenbeleid"
    assert the(graph, "004", ps_, "ak:statedCount") == 3
    rows = members(graph, "004", ps_)
    assert [r["l"] for r in rows] == ["Het stimuleren van sociale en maatschappelijke participatie",
                                      "De preventie van schulden- en armoedeproblematiek",
                                      "Het bevorderen van de (financiële) zelfredzaamheid"]


def test_debt_help_benefits_are_more_than_twice_the_costs(graph):
    # l. 2656-2658 "de baten van schuldhulpverlening gemiddeld ruim twee keer zo hoog zijn als de kosten"
    rows = statistics_at(graph, "004", 2, 2657)
    assert len(rows) == 1 and "twee keer zo hoog" in rows[0]["text"]


def test_jungmann_2012_six_working_factors_of_debt_prevention(graph):
    # l. 2631-2644 "(Jungmann, e.a., 2012) levert de volgende werkzame factoren op" — six lines
    rows = members(graph, "004", "ps:jungmann-werkzame-factoren-schuldpreventie")
    assert len(rows) == 6
    assert rows[2]["l"] == "De toegevoegde waarde van groepsdynamiek"
    assert_mentioned_at(graph, "004", "<" + rows[5]["p"] + ">", 2644)


def test_empowerment_works_on_psychological_social_societal_and_economic_capital(graph):
    # l. 2719-2721 "psychologisch kapitaal … sociaal kapitaal … maatschappelijke kapitaal … economisch kapitaal"
    rows = members(graph, "004", "ps:004-empowerment-niveaus-en-kapitalen")
    assert [r["l"].split(" ")[0] for r in rows] == ["Psychologisch", "Sociaal", "Maatschappelijk", "Economisch"]
    assert_mentioned_at(graph, "004", "ps:004-empowerment-niveaus-en-kapitalen", 2720)


def test_armoede_en_schulden_table_has_30_rows_13_marked_with_an_asterisk(graph):
    # l. 2933-3505; '*' after the name (l. 2943): Bemoeizorg, IPS, IRB, VIG, Participatief Drama, Resto van Harte,
    # Participatiehuis, Werk een zorg minder, Achter de voordeur, Plusvoorzieningen, HouVast, ReSet, Grip op je dip
    rows = _table_rows(graph, "bg:tabel-armoede-en-schulden")
    assert sorted(r["n"] for r in rows) == list(range(1, 31))
    marked = {r["iv"].rsplit("/", 1)[1] for r in rows if r["marked"] is True}
    assert len(marked) == 13
    assert {"resto-van-harte", "participatief-drama", "participatiehuis", "werk-een-zorg-minder",
            "achter-de-voordeur", "individuele-plaatsing-en-steun"} <= marked
    assert {r["iv"].rsplit("/", 1)[1] for r in rows if r["marked"] is False} >= {
        "bind-kracht-in-armoede", "basisinkomen", "vroeg-eropaf", "budgetcursus", "thuisadministratie"}


def test_armoede_table_row_1_bind_kracht_targets_families_in_poverty_without_effect_information(graph):
    # l. 2947 "Bind-Kracht in Armoede Gezinnen in armoede Geen informatie Ja Driessens, 2008; …"
    r = _row(graph, "bg:tabel-armoede-en-schulden", "iv:bind-kracht-in-armoede")
    assert (r["n"], r["target"], r["rating"], r["theory"]) == (1, "Gezinnen in armoede", "Geen informatie", "Ja")
    assert_claim_at(graph, "004", "<" + r["role"] + ">", 2947)


def test_armoede_table_resto_van_harte_row_as_printed(graph):
    # l. 3086 "Resto van Harte *", doelgroep l. 3099 "Burgers met laag inkomen", effectiviteit l. 3119 "Goed
    # beschreven", theorie l. 3132 "Nee", beschrijving l. 3146 "movisie.nl"
    r = _row(graph, "bg:tabel-armoede-en-schulden", "iv:resto-van-harte")
    assert (r["target"], r["rating"], r["theory"], r["descr"], r["marked"]) == (
        "Burgers met laag inkomen", "Goed beschreven", "Nee", "movisie.nl", True)
    assert r["level"] == expand("bg:erkenning-goed-beschreven")
    assert_claim_at(graph, "004", "<" + r["role"] + ">", 3086)


@pytest.mark.parametrize(("iv", "target", "rating", "descr"), [
    ("iv:participatiehuis", "Mensen met grote afstand tot werk", "Effectonderzoek", "Interventies naar werk"),
    ("iv:werk-een-zorg-minder", "Werklozen 16 — 55 jaar", "Positieve evaluatie", "Interventies naar werk"),
    ("iv:achter-de-voordeur", "Multiprobleem gezinnen", "Wisselende resultaten evaluaties", "Platform31"),
    ("iv:budgetcursus", "Mensen met uitkering of laag inkomen, zonder problematische schulden", "Positieve evaluatie",
     "Jungmann e.a.(2012)"),
])
def test_armoede_table_block_3319_row_as_printed(graph, iv, target, rating, descr):
    # l. 3319-3446: seven rows, columns printed one after the other
    r = _row(graph, "bg:tabel-armoede-en-schulden", iv)
    assert (r["target"], r["rating"], r["descr"]) == (target, rating, descr)
    assert_claim_at(graph, "004", "<" + r["role"] + ">", 3319, max_span=130)


@pytest.mark.parametrize("iv", ["iv:houvast-lvb", "iv:reset", "iv:grip-op-je-dip"])
def test_armoede_table_last_three_rows_are_goed_onderbouwd_in_nji(graph, iv):
    # l. 3452-3479 "HouVast *", "ReSet *", "Grip op je dip *" — Goed onderbouwd, NJI
    r = _row(graph, "bg:tabel-armoede-en-schulden", iv)
    assert (r["rating"], r["descr"], r["marked"]) == ("Goed onderbouwd", "NJI", True)
    assert r["level"] == expand("bg:erkenning-goed-onderbouwd")
    assert r["n"] >= 28


# -- conclusions -----------------------------------------------------------------------------------------

def test_theory_of_change_evaluation_has_three_steps_source_zicht_op_effect_2014(graph):
    # l. 3564-3576 "… achterhaald wat de verandertheorieën … Vervolgens wordt getoetst hoe plausibel … Ten slotte
    # wordt in de praktijk getoetst …"; "Bron: Zicht op Effect, Movisie (2014)"
    assert len(members(graph, "004", "ps:004-toc-evaluatiestappen")) == 3
    assert the(graph, "004", "th:theory-of-change", "ak:describedIn") == expand("bron:movisie-zicht-op-effect")
    assert the(graph, "004", "bron:movisie-zicht-op-effect", "ak:year") == "2014"
    assert_mentioned_at(graph, "004", "bron:movisie-zicht-op-effect", 3576)
    assert_mentioned_at(graph, "004", "th:theory-of-change", 3562)


def test_zelfregie_is_made_concrete_with_four_elements(graph):
    # l. 3653-3670 "met behulp van vier elementen: 1. Eigenaarschap … 2. Eigen kracht … 3. Motivatie …
    # 4 Contacten"; "Bron: Werken vanuit Zelfregie, Movisie (2012)"
    assert the(graph, "004", "ps:004-zelfregie-elementen", "ak:statedCount") == 4
    assert [r["l"] for r in members(graph, "004", "ps:004-zelfregie-elementen")] == [
        "Eigenaarschap", "Eigen kracht", "Motivatie", "Contacten"]


def test_achter_de_voordeur_centres_on_four_elements_through_line_1202(graph):
    # l. 1199-1202 "Centraal hierbij staat veelal: eigen kracht versterken, uitgaan van één gezin, één plan, één
    # regisseur, samenwerking door partners in het sociale domein, het leveren van integraal en ontschot aanbod."
    rows = members(graph, "004", "ps:004-achter-de-voordeur-centraal")
    assert [r["l"] for r in rows] == ["eigen kracht versterken", "uitgaan van één gezin, één plan, één regisseur",
                                      "samenwerking door partners in het sociale domein",
                                      "het leveren van integraal en ontschot aanbod"]
    assert_mentioned_at(graph, "004", "<" + rows[0]["p"] + ">", 1199)
    assert_mentioned_at(graph, "004", "<" + rows[3]["p"] + ">", 1202)  # "aanbod." is printed on l. 1202


def test_armoede_table_block_3319_theory_column_has_six_cells_for_seven_rows(graph):
    # l. 3379-3391: "Ja" then five "Geen informatie" for seven rows (l. 3321-3338). Whichever row lacks a cell,
    # rows 23-26 get "Geen informatie"; rows 21, 22 and 27 stay open.
    rows = {r["n"]: r["theory"] for r in _table_rows(graph, "bg:tabel-armoede-en-schulden") if 21 <= r["n"] <= 27}
    assert rows == {21: None, 22: None, 23: "Geen informatie", 24: "Geen informatie", 25: "Geen informatie",
                    26: "Geen informatie", 27: None}


# -- reconciliation with seed 000 and provenance answers -------------------------------------------------

def test_resto_van_harte_is_one_resource_in_000_and_004_with_alt_label_resto_vanharte(graph):
    # 000 l. 397 "Resto van Harte" (Bijlage 4); 004 l. 546 "'Resto van Harte'", l. 3086 "Resto van Harte *",
    # l. 3172 "Resto VanHarte creéert …"
    assert documents_mentioning(graph, "iv:resto-van-harte") == {"000", "004"}
    assert [r["l"] for r in select(graph, "SELECT ?l WHERE { iv:resto-van-harte skos:prefLabel ?l }")] == [
        "Resto van Harte"]
    assert "Resto VanHarte" in objects(graph, "004", "iv:resto-van-harte", "skos:altLabel")
    assert_mentioned_at(graph, "000", "iv:resto-van-harte", 397)
    assert_mentioned_at(graph, "004", "iv:resto-van-harte", 546)
    assert_mentioned_at(graph, "004", "iv:resto-van-harte", 3086)


def test_waar_staat_resto_vanharte_resolves_the_004_spelling_and_gives_both_documents(graph):
    rows = graph.query("waar-staat", entiteit="Resto VanHarte")
    found = {(r["document"].value.rsplit("/", 1)[1], r["van"].value, r["tot"].value) for r in rows}
    assert {d for d, _, _ in found} == {"000", "004"}
    for doc, line in [("000", 397), ("004", 546), ("004", 3086)]:
        assert any(d == doc and a <= line <= b for d, a, b in found), (doc, line)


def test_waar_staat_cli_json_for_resto_vanharte(run_cli):
    res = run_cli("query", "waar-staat", "--entiteit", "Resto VanHarte", "--format", "json")
    assert res.exit_code == 0, res.output
    bindings = json.loads(res.output)["results"]["bindings"]
    lines = {(b["document"]["value"][-3:], int(b["van"]["value"])) for b in bindings}
    assert ("000", 397) in lines and ("004", 545) in lines


def test_scarcity_theory_is_one_resource_named_in_000_and_004(graph):
    # 000 l. 130 "onderbouwd door de theorie van schaarste (2, 3)"; 004 l. 2392 "'psychologie van schaarste'
    # (Mullainathan en Shafir, 2013)"; both cite Mullainathan & Shafir 2013 (000 l. 404)
    assert documents_mentioning(graph, "th:schaarste") == {"000", "004"}
    assert len(select(graph, "SELECT ?l WHERE { th:schaarste skos:prefLabel ?l }")) == 1
    for doc in ("000", "004"):
        assert the(graph, doc, "th:schaarste", "ak:describedIn") == expand("bron:mullainathan-shafir-schaarste")
    rows = graph.query("waar-staat", entiteit="psychologie van schaarste")
    found = {(r["document"].value.rsplit("/", 1)[1], r["van"].value, r["tot"].value) for r in rows}
    assert any(d == "000" and a <= 130 <= b for d, a, b in found)
    assert any(d == "004" and a <= 2392 <= b for d, a, b in found)


@pytest.mark.parametrize(("iv", "line_000", "line_004"), [
    ("iv:bind-kracht-in-armoede", 45, 2947),       # Tabel 1 / armoede table row 1
    ("iv:participatiehuis", 379, 3330),            # Bijlage 3 / "Participatiehuis *"
    ("iv:werk-een-zorg-minder", 380, 3332),        # Bijlage 3 / "Werk, een zorg minder *"
    ("iv:participatief-drama", 378, 3084),         # Bijlage 3 / "Participatief Drama *"
    ("iv:achter-de-voordeur", 395, 3334),          # Bijlage 4 / "Achter de voordeur *"
])
def test_intervention_named_in_000_and_in_a_004_table_is_one_resource(graph, iv, line_000, line_004):
    assert {"000", "004"} <= documents_mentioning(graph, iv)
    assert_mentioned_at(graph, "000", iv, line_000)
    assert_mentioned_at(graph, "004", iv, line_004, max_span=130)
    assert len(select(graph, f"SELECT ?l WHERE {{ {iv} skos:prefLabel ?l }}")) == 1


def test_ips_appears_in_all_three_004_tables(graph):
    # methodisch l. 951, integraal l. 1546, armoede en schulden l. 2979
    tables = select(graph, f"""SELECT DISTINCT ?t WHERE {{ GRAPH {G} {{
        iv:individuele-plaatsing-en-steun ak:hasRole ?r . ?r ak:overviewTable ?t }} }}""")
    assert {r["t"] for r in tables} == {expand("bg:tabel-methodisch-werken"), expand("bg:tabel-integraal-werken"),
                                        expand("bg:tabel-armoede-en-schulden")}
    assert [r["l"] for r in select(graph, "SELECT ?l WHERE { iv:individuele-plaatsing-en-steun skos:prefLabel ?l }")
            ] == ["Individuele Plaatsing en Steun"]


EFFECTIEF_SUB_LEVELS = [
    # (concept, document, seed line where the sub-level is printed)
    ("bg:erkenning-eerste-aanwijzingen", "000", 358),   # "met de erkenning 'Eerste aanwijzingen voor effectiviteit'"
    ("bg:erkenning-eerste-aanwijzingen", "004", 1578),  # "Effectief / volgens / eerste / aanwijzingen"
    ("bg:erkenning-sterke-aanwijzingen", "004", 953),   # IPS: "Effectief volgens sterke aanwijzingen"
    ("bg:erkenning-sterke-aanwijzingen", "004", 3007),  # "Effectief volgens sterke / aanwijzingen"
    ("bg:erkenning-sterke-aanwijzingen", "004", 3112),  # "Effectief volgens sterke / aanwijzingen"
]


@pytest.mark.parametrize(("concept", "doc", "line"), EFFECTIEF_SUB_LEVELS)
def test_sub_levels_of_effectief_are_located_where_printed(graph, concept, doc, line):
    # l. 166-188 (Erkenningstraject) name only Goed Beschreven, Goed Onderbouwd and Effectief; the
    # sub-levels stand in the tables (and in 000 l. 358).
    assert_mentioned_at(graph, doc, concept, line, in_graph=schema_graph("basis"))


def test_no_sub_level_of_effectief_is_attributed_to_the_erkenningstraject_lines(graph):
    # l. 187-188 "Voor Effectief geldt dat de effectiviteit wordt aangetoond met in ieder geval
    # Nederlands onderzoek" – no sub-level printed there; and no document prints a level
    # "goede aanwijzingen", so every sub-level must have a mention of its own.
    rows = select(graph, """SELECT ?c (COUNT(?m) AS ?n) WHERE { ?c skos:broader bg:erkenning-effectief .
        OPTIONAL { ?c ak:mentionedIn ?m } } GROUP BY ?c""")
    assert {r["c"]: r["n"] for r in rows} and all(r["n"] > 0 for r in rows), rows
    assert expand("bg:erkenning-goede-aanwijzingen") not in {r["c"] for r in rows}
    for r in rows:
        spans = select(graph, f"""SELECT ?a ?b WHERE {{ <{r['c']}> ak:mentionedIn ?m .
            ?m ak:inDocument doc:004 ; ak:startLine ?a ; ak:endLine ?b }}""")
        assert not [s for s in spans if s["a"] <= 187 <= s["b"]], (r["c"], spans)


# l. 3609-3629, joined; the OCR forms ideeén, intuitie, cliént, gedragsbeinvioeding and officiéle
# read as ideeën, intuïtie, cliënt, gedragsbeïnvloeding and officiële (kennis/README.md)
CONCLUSION_3609_3629 = (
    "In de huidige praktijk worden ideeën over de juiste aanpak en programma’s vaak onvoldoende "
    "ontwikkeld vanuit of vooraf getoetst aan een theoretisch kader. Uit de geraadpleegde onderzoeken "
    "komt het beeld naar voren dat professionals en beleidsmakers hun keuzes in eerste instantie vooral "
    "lijken te baseren op intuïtie, overtuiging en ervaringskennis. "
    "Het is onwaarschijnlijk dat de huidige kloof tussen wetenschap en praktijk in hoog tempo gedicht gaat "
    "worden. Goed effectonderzoek kost tijd en ondertussen worden professionals en beleidsmakers elke "
    "dag geconfronteerd met vraagstukken die nu om een aanpak vragen. Het is daarom "
    "aanbevelenswaardig om te kiezen voor een tussenweg, namelijk evidence-based practice waarin de "
    "kennis en ervaring van professionals worden gecombineerd met kennis uit de wetenschap en met "
    "voorkeuren van de cliënt. Kwaliteitsverbetering en ondersteuning van methodisch handelen kunnen "
    "sterk verbeterd worden door interventies en aanpakken vanuit deze twee invalshoeken te beschrijven. "
    "Algemene theoretische inzichten over gedrag en gedragsbeïnvloeding, motivatie en "
    "communicatietechnieken kunnen sturing geven aan interventies en aanpakken en de efficiency en "
    "effectiviteit vergroten. "
    "Interventies moeten dus op deze wijze beschreven worden (zoals bijvoorbeeld bij interventies in het "
    "sociale domein gebeurd voor het niveau Goed Beschreven dat voorafgaat aan de officiële "
    "erkenningsniveaus). Bij elke interventie moet ook duidelijk zijn welke vaardigheden en competenties "
    "professionals nodig hebben om deze aanpak goed toe te passen en er moet ruimte zijn voor scholing "
    "en deskundigheidsbevordering."
)


def _same_text(a: str) -> str:
    return " ".join(a.replace("’", "'").split())


def test_conclusion_on_combining_professional_and_scientific_knowledge_is_stored_whole(graph):
    # issue 11: the paragraph of l. 3614-3625 was stored shortened without a mark
    gap = "uit:004-lacune-algemeen-kennis-professionals-en-wetenschap"
    assert _same_text(the(graph, "004", gap, "ak:statementText")) == _same_text(CONCLUSION_3609_3629)
    assert_claim_at(graph, "004", gap, 3615)
    assert_claim_at(graph, "004", gap, 3625)


def test_scarcity_effects_on_thinking_and_acting_are_not_mechanisms(graph):
    # l. 2393-2398 "gevolgen heeft voor het denken en handelen van mensen. In eerste instantie leidt
    # geldgebrek tot alerter en efficiénter gedrag, maar in tweede instantie … tunnelvisie. …
    # kenmerkt zich door onzorgvuldigheid, afwezigheid, impulsiviteit, kortzichtig gedrag en het
    # maken van fouten" – seven effects, in this order, apart from the five working mechanisms
    rows = select(graph, f"""SELECT ?e ?l ?n WHERE {{ GRAPH {G} {{ th:schaarste ak:describesEffect ?e .
        ?e a ak:BehaviouralEffect ; skos:prefLabel ?l ; ak:ordinal ?n }} }} ORDER BY ?n""")
    assert [r["l"] for r in rows] == ["Alerter en efficiënter gedrag", "Tunnelvisie", "Onzorgvuldigheid",
                                      "Afwezigheid", "Impulsiviteit", "Kortzichtig gedrag", "Het maken van fouten"]
    mechanisms = objects(graph, "004", "th:schaarste", "ak:hasMechanism")
    assert not mechanisms & {r["e"] for r in rows}
    assert not select(graph, "SELECT ?e WHERE { ?e a ak:BehaviouralEffect , ak:Mechanism }")
    for r, line in zip(rows, (2394, 2396, 2398, 2398, 2398, 2398, 2399)):
        assert_mentioned_at(graph, "004", f"<{r['e']}>", line)
