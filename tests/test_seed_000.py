"""Seed 000 (De Vet, Scholten & Wolf 2021, informatieblad): facts read in the seed, checked in graph
kennis/000 with their line provenance. Line numbers are those of ``cat -n`` on
shared/seeds/000_c73029b7fbcaca56.txt."""

from __future__ import annotations

import pytest
from seed_support import (
    assert_claim_at,
    assert_mentioned_at,
    expand,
    kennis,
    objects,
    schema_graph,
    select,
    the,
)

G = kennis("000")

TABEL_1 = [
    # intervention, level (A/B/C block of Tabel 1), seed line of its bullet
    ("iv:de-geweldige-wijk", "bg:niveau-a", 43),
    ("iv:kansrijk-oost", "bg:niveau-a", 43),
    ("iv:krachtwerk", "bg:niveau-b", 45),
    ("iv:bind-kracht-in-armoede", "bg:niveau-b", 45),
    ("iv:mobility-mentoring", "bg:niveau-b", 46),
    ("iv:pathway-of-hope", "bg:niveau-b", 46),
    ("iv:financien-in-de-spreekkamer", "bg:niveau-c", 48),
    ("iv:samen-sportief-in-beweging", "bg:niveau-c", 48),
]
EIGHT = {iv for iv, _, _ in TABEL_1}


def _integral_roles(graph):
    return select(graph, f"""
        SELECT ?iv ?role ?level ?star WHERE {{ GRAPH {G} {{
            ?iv ak:hasRole ?role . ?role a ak:IntegralInterventionRole ; ak:level ?level .
            OPTIONAL {{ ?role ak:inProjectApplication ?star }} }} }}""")


@pytest.mark.parametrize(("iv", "level", "line"), TABEL_1)
def test_tabel_1_places_each_integral_intervention_on_its_level(graph, iv, level, line):
    rows = [r for r in _integral_roles(graph) if r["iv"] == expand(iv)]
    assert [r["level"] for r in rows] == [expand(level)]
    role = "<" + rows[0]["role"] + ">"
    assert_claim_at(graph, "000", role, line)
    assert_mentioned_at(graph, "000", iv, line)


def test_tabel_1_holds_exactly_eight_integral_interventions(graph):
    # l. 39 "Acht interventies voldeden aan de selectiecriteria"
    assert {r["iv"] for r in _integral_roles(graph)} == {expand(i) for i in EIGHT}
    stat = select(graph, f"""SELECT ?s WHERE {{ GRAPH {G} {{ ?s a ak:Statistic ; ak:statisticValue ?v ;
        ak:startLine ?a . FILTER(?v = 8 && ?a = 39) }} }}""")
    assert len(stat) == 1


def test_tabel_1_asterisk_marks_kansrijk_oost_krachtwerk_and_mobility_mentoring(graph):
    # l. 43-46: "Kansrijk Oost*", "Krachtwerk*", "Mobility Mentoring®*"; l. 50 explains the asterisk
    starred = {r["iv"] for r in _integral_roles(graph) if r["star"] is True}
    unstarred = {r["iv"] for r in _integral_roles(graph) if r["star"] is False}
    expected = {expand(i) for i in ("iv:kansrijk-oost", "iv:krachtwerk", "iv:mobility-mentoring")}
    assert starred == expected
    assert unstarred == {expand(i) for i in EIGHT} - expected


def test_bijlage_1_has_five_selection_criteria_in_printed_order(graph):
    rows = select(graph, f"""SELECT ?label ?n WHERE {{ GRAPH {G} {{
        ?c a ak:SelectionCriterion ; ak:memberOf ps:000-selectiecriteria ; skos:prefLabel ?label ;
           ak:ordinal ?n . }} }} ORDER BY ?n""")
    assert [r["label"] for r in rows] == [
        "Doelgroep", "Doelen", "Beoogde impact", "Onderbouwing en kwaliteit", "Meerwaarde onderzoek"]
    for crit, line in [("pr:000-selectiecriterium-doelgroep", 96),
                       ("pr:000-selectiecriterium-meerwaarde-onderzoek", 100)]:
        assert_mentioned_at(graph, "000", crit, line)


def test_selection_criterion_doelgroep_asks_adults_of_18_and_excludes_child_only_focus(graph):
    # l. 96
    definition = the(graph, "000", "pr:000-selectiecriterium-doelgroep", "skos:definition")
    assert "volwassenen (18 jaar of ouder)" in definition
    excl = objects(graph, "000", "pr:000-selectiecriterium-doelgroep", "ak:exclusionCriterion")
    assert "Focus op alleen kinderen of op gezinnen met kinderen binnen een bepaalde leeftijdscategorie" in excl
    assert len(excl) == 2


def test_selection_criterion_beoogde_impact_has_four_exclusion_criteria(graph):
    # l. 98: four <li> in the Exclusiecriteria cell
    excl = objects(graph, "000", "pr:000-selectiecriterium-beoogde-impact", "ak:exclusionCriterion")
    assert len(excl) == 4
    assert "Focus op preventie van armoede" in excl
    assert "Focus op één leefgebied, bijv. financiën, fitheid of participatie" in excl
    assert_mentioned_at(graph, "000", "pr:000-selectiecriterium-beoogde-impact", 98)


def test_de_geweldige_wijk_targets_families_just_below_or_at_the_poverty_line(graph):
    # l. 112
    assert the(graph, "000", "iv:de-geweldige-wijk", "ak:targetGroup") == (
        "Kansarme gezinnen: gezinnen die net onder of op de armoedegrens leven")
    assert_mentioned_at(graph, "000", "iv:de-geweldige-wijk", 112)


def test_de_geweldige_wijk_has_five_intended_impacts(graph):
    # l. 122-126
    impacts = objects(graph, "000", "iv:de-geweldige-wijk", "ak:intendedImpact")
    assert len(impacts) == 5
    assert "de zelfredzaamheid toeneemt" in impacts
    assert "de veerkracht, de mentale fitheid (geestkracht) en het welbevinden toeneemt" in impacts


def test_de_geweldige_wijk_rests_on_scarcity_theory_and_was_codeveloped_by_windesheim_lectoraat(graph):
    # l. 130: "mede ontwikkeld door het lectoraat 'De Gezonde Stad' van hogeschool Windesheim en
    # onderbouwd door de theorie van schaarste (2, 3)"
    assert expand("th:schaarste") in objects(graph, "000", "iv:de-geweldige-wijk", "ak:basedOn")
    assert expand("og:lectoraat-de-gezonde-stad") in objects(graph, "000", "iv:de-geweldige-wijk",
                                                              "ak:developedBy")
    assert expand("og:windesheim") in objects(graph, "000", "og:lectoraat-de-gezonde-stad", "ak:partOf")
    assert_mentioned_at(graph, "000", "th:schaarste", 130)
    assert_mentioned_at(graph, "000", "og:lectoraat-de-gezonde-stad", 130)


def test_de_geweldige_wijk_research_was_done_in_meppel(graph):
    # l. 136-137
    rows = select(graph, f"""SELECT ?f WHERE {{ GRAPH {G} {{ iv:de-geweldige-wijk ak:hasFinding ?f .
        ?f ak:municipality gem:meppel }} }}""")
    assert len(rows) == 2
    designs = objects(graph, "000", "bev:000-de-geweldige-wijk-1", "ak:studyDesign")
    assert any("kwalitatief" in d for d in designs)
    assert_claim_at(graph, "000", "bev:000-de-geweldige-wijk-1", 136)
    assert_mentioned_at(graph, "000", "gem:meppel", 136)


def test_kansrijk_oost_pilot_in_groningen_had_17_participants(graph):
    # l. 167 "In Groningen is een pilot met 17 deelnemers uitgevoerd"
    rows = select(graph, f"""SELECT ?f ?n WHERE {{ GRAPH {G} {{ iv:kansrijk-oost ak:hasFinding ?f .
        ?f ak:sampleSize ?n ; ak:municipality gem:groningen . }} }}""")
    assert [r["n"] for r in rows] == [17]
    assert_claim_at(graph, "000", "<" + rows[0]["f"] + ">", 167)
    assert_mentioned_at(graph, "000", "gem:groningen", 167)


def test_kansrijk_oost_five_found_a_job_and_five_started_education_within_six_months(graph):
    # l. 167 "vonden vijf deelnemers een fulltime- of parttimebaan en vijf deelnemers begonnen aan een opleiding"
    rows = select(graph, f"""SELECT ?v ?text WHERE {{ GRAPH {G} {{ ?s a ak:Statistic ; ak:about iv:kansrijk-oost ;
        ak:statisticValue ?v ; ak:statementText ?text ; ak:startLine 167 . }} }}""")
    by_text = {r["text"]: r["v"] for r in rows}
    assert any("baan" in t and v == 5 for t, v in by_text.items())
    assert any("opleiding" in t and v == 5 for t, v in by_text.items())
    assert any(v == 17 for v in by_text.values())


def test_kansrijk_oost_source_5_is_kloosterman_and_kolstein_2020_ois_groningen(graph):
    # l. 167 "(5)"; l. 407 "5. Kloosterman K, Kolstein M. Kansrijk Oost. Groningen: OIS Groningen; 2020."
    src = "bron:kloosterman-kansrijk-oost"
    assert expand(src) in objects(graph, "000", "bev:000-kansrijk-oost-1", "dcterms:source")
    assert the(graph, "000", src, "ak:year") == "2020"
    assert the(graph, "000", src, "dcterms:publisher") == "OIS Groningen"
    assert the(graph, "000", src, "ak:authors") == "Kloosterman K, Kolstein M"
    assert_mentioned_at(graph, "000", src, 407)


def test_kansrijk_oost_is_applied_in_combination_with_mobility_mentoring(graph):
    # l. 171
    assert expand("iv:mobility-mentoring") in objects(graph, "000", "iv:kansrijk-oost", "ak:combinedWith")
    assert the(graph, "000", "iv:kansrijk-oost", "ak:appliedInNetherlands") is True


def test_krachtwerk_targets_people_in_deprivation_and_multiproblem_situations(graph):
    # l. 177
    assert the(graph, "000", "iv:krachtwerk", "ak:targetGroup") == (
        "Mensen in achterstands- en multiprobleemsituaties die sociaal uitgesloten zijn of dreigen dat te raken")
    assert_mentioned_at(graph, "000", "iv:krachtwerk", 177)


def test_krachtwerk_works_on_four_conditions(graph):
    # l. 185 "werkt aan vier condities", listed l. 187-190
    impacts = objects(graph, "000", "iv:krachtwerk", "ak:intendedImpact")
    assert len(impacts) == 4
    assert "positieve, interpersoonlijke relaties en verbindingen" in impacts
    assert "toegang tot instituties, netwerken en zorg, voor het realiseren van sociale basisrechten" in impacts


def test_krachtwerk_is_recognised_goed_onderbouwd_in_databank_effectieve_sociale_interventies(graph):
    # l. 201
    rows = select(graph, f"""SELECT ?r WHERE {{ GRAPH {G} {{ iv:krachtwerk ak:hasRecognition ?r .
        ?r ak:recognitionLevel bg:erkenning-goed-onderbouwd ; ak:databank db:effectieve-sociale-interventies }} }}""")
    assert len(rows) == 1
    assert_claim_at(graph, "000", "<" + rows[0]["r"] + ">", 201)
    assert_mentioned_at(graph, "000", "db:effectieve-sociale-interventies", 201)


def test_krachtwerk_has_three_pillars_and_six_strength_principles(graph):
    # l. 194-198: "Pijlers zijn: bieden van hoop, zelfregulering (en impact van stress hierop) en
    # burgerschap. Krachtprincipes zijn: …" (six, separated by ';')
    pillars = select(graph, f"""SELECT ?l WHERE {{ GRAPH {G} {{ ?p ak:memberOf ps:000-krachtwerk-pijlers ;
        skos:prefLabel ?l }} }}""")
    assert {r["l"] for r in pillars} == {"bieden van hoop", "zelfregulering (en impact van stress hierop)",
                                         "burgerschap"}
    principles = select(graph, f"""SELECT ?l ?n WHERE {{ GRAPH {G} {{
        ?p ak:memberOf ps:000-krachtwerk-krachtprincipes ; skos:prefLabel ?l ; ak:ordinal ?n }} }} ORDER BY ?n""")
    assert len(principles) == 6
    assert principles[1]["l"] == "focus op krachten, niet op tekortkomingen"
    assert principles[4]["l"] == "werken in de natuurlijke omgeving"
    assert_mentioned_at(graph, "000", "ps:000-krachtwerk-krachtprincipes", 198)


def test_krachtwerk_was_developed_by_judith_wolf_book_6_coutinho_2016(graph):
    # l. 194 "ontwikkeld door Judith Wolf (6)"; l. 408 "6. Wolf J. Krachtwerk: … Bussum: Coutinho; 2016."
    assert expand("per:judith-wolf") in objects(graph, "000", "iv:krachtwerk", "ak:developedBy")
    book = "bron:wolf-krachtwerk-methodisch-werken"
    assert expand(book) in objects(graph, "000", "iv:krachtwerk", "ak:describedIn")
    assert the(graph, "000", book, "ak:year") == "2016"
    assert the(graph, "000", book, "dcterms:publisher") == "Coutinho"
    assert the(graph, "000", book, "ak:placeOfPublication") == "Bussum"
    assert_mentioned_at(graph, "000", book, 408)
    assert_mentioned_at(graph, "000", "per:judith-wolf", 194)


def test_mobility_mentoring_rests_on_five_grondbeginselen(graph):
    # l. 231 "gebaseerd op vijf grondbeginselen"
    assert the(graph, "000", "ps:000-mobility-mentoring-grondbeginselen", "ak:statedCount") == 5
    rows = select(graph, f"""SELECT ?l ?n WHERE {{ GRAPH {G} {{
        ?p ak:memberOf ps:000-mobility-mentoring-grondbeginselen ; skos:prefLabel ?l ; ak:ordinal ?n }} }}
        ORDER BY ?n""")
    assert len(rows) == 5
    assert rows[0]["l"] == "Een tekort aan doelgericht handelen is niet de oorzaak maar het gevolg van armoede"
    assert rows[4]["l"] == "de professional en deelnemers zijn elkaars gelijken"
    assert_mentioned_at(graph, "000", "ps:000-mobility-mentoring-grondbeginselen", 231)


def test_mobility_mentoring_us_study_compared_parents_receiving_other_help(graph):
    # l. 237-241 "Onderzoek uit de VS … deelnemende ouders significant meer vooruitgang"
    assert the(graph, "000", "bev:000-mobility-mentoring-1", "ak:country") == "Verenigde Staten"
    assert the(graph, "000", "bev:000-mobility-mentoring-1", "ak:studyPopulation") == "ouders"
    assert_claim_at(graph, "000", "bev:000-mobility-mentoring-1", 237)
    assert_claim_at(graph, "000", "bev:000-mobility-mentoring-1", 241)


def test_mobility_mentoring_quantitative_study_in_alphen_aan_den_rijn_6_to_12_months(graph):
    # l. 243; l. 416 "14. Tonnon S, Jungmann N, Lako D. … Utrecht: Hogeschool Utrecht; 2019."
    f = "bev:000-mobility-mentoring-2"
    assert the(graph, "000", f, "ak:studyDesign") == "kwantitatief onderzoek"
    assert expand("gem:alphen-aan-den-rijn") in objects(graph, "000", f, "ak:municipality")
    assert "6 tot 12 maanden" in the(graph, "000", f, "ak:duration")
    src = the(graph, "000", f, "dcterms:source")
    assert src == expand("bron:tonnon-mobility-mentoring-alphen")
    assert the(graph, "000", "bron:tonnon-mobility-mentoring-alphen", "ak:year") == "2019"
    assert_claim_at(graph, "000", f, 243)


def test_bind_kracht_starts_from_ten_krachtlijnen(graph):
    # l. 267 "Bind-Kracht gaat uit van tien krachtlijnen"
    assert the(graph, "000", "ps:000-bind-kracht-krachtlijnen", "ak:statedCount") == 10
    assert_mentioned_at(graph, "000", "ps:000-bind-kracht-krachtlijnen", 267)


def test_bind_kracht_coaches_were_interviewed_in_flanders(graph):
    # l. 273 "Met kwalitatieve interviews zijn in Vlaanderen de ervaringen van de Bind-Kracht coaches onderzocht
    # … (19)"; l. 421 "19. Driessens K, … Antwerpen: Karel de Grote Hogeschool; 2016."
    f = "bev:000-bind-kracht-in-armoede-1"
    assert "Vlaanderen" in the(graph, "000", f, "ak:country")
    assert the(graph, "000", f, "ak:studyPopulation") == "Bind-Kracht coaches"
    src = "bron:driessens-duurzame-samenwerking-loont"
    assert the(graph, "000", f, "dcterms:source") == expand(src)
    assert the(graph, "000", src, "ak:year") == "2016"
    assert the(graph, "000", src, "dcterms:publisher") == "Karel de Grote Hogeschool"
    assert_claim_at(graph, "000", f, 273)


def test_only_bind_kracht_and_pathway_of_hope_are_not_applied_in_the_netherlands(graph):
    # l. 79 "Alle interventies worden momenteel in Nederland toegepast, behalve Bind-Kracht in Armoede
    # en Pathway of Hope"; l. 277, l. 308
    rows = select(graph, f"""SELECT ?iv ?applied WHERE {{ GRAPH {G} {{
        ?iv ak:hasRole/a ak:IntegralInterventionRole ; ak:appliedInNetherlands ?applied }} }}""")
    not_applied = {r["iv"] for r in rows if r["applied"] is False}
    assert not_applied == {expand("iv:bind-kracht-in-armoede"), expand("iv:pathway-of-hope")}
    assert len(rows) == 8
    assert "België (Vlaanderen)" in objects(graph, "000", "iv:bind-kracht-in-armoede", "ak:originCountry")
    assert "Verenigde Staten" in objects(graph, "000", "iv:pathway-of-hope", "ak:originCountry")


def test_pathway_of_hope_targets_families_and_partly_rests_on_strengths_based_case_management(graph):
    # l. 285 "Gezinnen die in armoede leven"; l. 297 "(21)"; l. 423 "21. Brun C, Rapp RC. … Social Work. 2001"
    assert the(graph, "000", "iv:pathway-of-hope", "ak:targetGroup") == "Gezinnen die in armoede leven"
    assert expand("th:strengths-based-case-management") in objects(graph, "000", "iv:pathway-of-hope",
                                                                    "ak:basedOn")
    src = "bron:brun-strengths-based-case-management"
    assert the(graph, "000", src, "ak:year") == "2001"
    assert the(graph, "000", src, "ak:journal") == "Social Work"
    assert_mentioned_at(graph, "000", "th:strengths-based-case-management", 297)
    assert_mentioned_at(graph, "000", src, 423)


def test_financien_in_de_spreekkamer_evaluated_with_a_three_month_pilot_in_almere(graph):
    # l. 314 "(Huisartsen van) patiënten met financiële problemen"; l. 332 "pilot van 3 maanden in Almere"
    assert the(graph, "000", "iv:financien-in-de-spreekkamer", "ak:targetGroup") == (
        "(Huisartsen van) patiënten met financiële problemen")
    f = "bev:000-financien-in-de-spreekkamer-1"
    assert the(graph, "000", f, "ak:duration") == "3 maanden"
    assert the(graph, "000", f, "ak:municipality") == expand("gem:almere")
    assert_claim_at(graph, "000", f, 332)
    assert_mentioned_at(graph, "000", "gem:almere", 332)


def test_samen_sportief_in_beweging_has_first_indications_in_gezond_en_actief_leven(graph):
    # l. 358 "opgenomen in de database Gezond en Actief Leven met de erkenning 'Eerste aanwijzingen voor
    # effectiviteit'"
    rows = select(graph, f"""SELECT ?r WHERE {{ GRAPH {G} {{ iv:samen-sportief-in-beweging ak:hasRecognition ?r .
        ?r ak:recognitionLevel bg:erkenning-eerste-aanwijzingen ; ak:databank db:gezond-en-actief-leven }} }}""")
    assert len(rows) == 1
    assert_claim_at(graph, "000", "<" + rows[0]["r"] + ">", 358)


def test_samen_sportief_in_beweging_rests_on_integrated_change_model_of_hein_de_vries(graph):
    # l. 356 "onderbouwd door het Integrated Change model van Hein de Vries (25)"; l. 428 "25. De Vries H. … 2017"
    assert the(graph, "000", "iv:samen-sportief-in-beweging", "ak:basedOn") == expand("th:integrated-change-model")
    assert the(graph, "000", "th:integrated-change-model", "ak:originator") == "Hein de Vries"
    assert the(graph, "000", "bron:de-vries-integrated-approach-health", "ak:year") == "2017"
    assert_mentioned_at(graph, "000", "th:integrated-change-model", 356)


def test_samen_sportief_effect_study_measured_after_8_week_course_and_a_year_later(graph):
    # l. 363 "zowel aan het einde van de basis cursus van 8 weken als een jaar daarna (26)"
    f = "bev:000-samen-sportief-in-beweging-3"
    assert "8 weken" in the(graph, "000", f, "ak:duration")
    assert the(graph, "000", f, "ak:country") == "Nederland"
    assert the(graph, "000", f, "dcterms:source") == expand("bron:los-samen-sportief-in-beweging")
    assert_claim_at(graph, "000", f, 363)


def test_only_krachtwerk_and_samen_sportief_have_a_fidelity_model(graph):
    # l. 71 "Met uitzondering van Krachtwerk en Samen Sportief in Beweging, hebben … geen … model voor het
    # meten van getrouwheid/integriteit"; l. 200, l. 357
    rows = select(graph, f"""SELECT ?iv ?f WHERE {{ GRAPH {G} {{ ?iv ak:hasRole/a ak:IntegralInterventionRole ;
        ak:hasFidelityModel ?f }} }}""")
    assert {r["iv"] for r in rows if r["f"] is True} == {expand("iv:krachtwerk"),
                                                         expand("iv:samen-sportief-in-beweging")}
    assert len([r for r in rows if r["f"] is False]) == 6


def test_six_interventions_are_strength_based_and_or_stress_sensitive(graph):
    # l. 71 "Zes interventies – De Geweldige Wijk, Kansrijk Oost, Krachtwerk, Mobility Mentoring®,
    # Bind-Kracht in Armoede en Pathway of Hope – zijn krachtgericht en/of stress-sensitief"
    rows = select(graph, f"""SELECT ?iv WHERE {{ GRAPH {G} {{ ?iv ak:strengthBasedOrStressSensitive true }} }}""")
    assert {r["iv"] for r in rows} == {expand(i) for i in EIGHT} - {
        expand("iv:financien-in-de-spreekkamer"), expand("iv:samen-sportief-in-beweging")}


def test_experience_experts_play_a_role_in_kansrijk_oost_and_bind_kracht(graph):
    # l. 71 "spelen bij Kansrijk Oost en Bind-Kracht in Armoede ervaringsdeskundigen een belangrijke rol"
    rows = select(graph, f"""SELECT ?iv WHERE {{ GRAPH {G} {{ ?iv ak:involvesExperienceExperts true }} }}""")
    assert {r["iv"] for r in rows} == {expand("iv:kansrijk-oost"), expand("iv:bind-kracht-in-armoede")}


BIJLAGE_3 = [
    # versterker, life-domain column, scope row, seed line
    ("iv:8ting", "bg:bijlage3-financiele-situatie", "bg:reikwijdte-nationaal", 376),
    ("iv:voor-elkaar-zwolle", "bg:bijlage3-financiele-situatie", "bg:reikwijdte-nationaal", 383),
    ("iv:building-financial-wellness", "bg:bijlage3-financiele-situatie", "bg:reikwijdte-internationaal", 384),
    ("iv:lef-op-de-arbeidsmarkt", "bg:bijlage3-participatie-en-sociale-inclusie", "bg:reikwijdte-nationaal", 377),
    ("iv:werk-een-zorg-minder", "bg:bijlage3-participatie-en-sociale-inclusie", "bg:reikwijdte-nationaal", 380),
    ("iv:jobs-plus-programs", "bg:bijlage3-participatie-en-sociale-inclusie", "bg:reikwijdte-internationaal", 384),
    ("iv:minder-piekeren", "bg:bijlage3-ervaren-gezondheid", "bg:reikwijdte-nationaal", 379),
    ("iv:omgaan-met-stress", "bg:bijlage3-ervaren-gezondheid", "bg:reikwijdte-nationaal", 382),
    ("iv:integrative-wellness-coaching", "bg:bijlage3-ervaren-gezondheid", "bg:reikwijdte-internationaal", 387),
]


def _boosters(graph):
    return select(graph, f"""SELECT ?iv ?role ?domain ?scope WHERE {{ GRAPH {G} {{
        ?iv ak:hasRole ?role . ?role a ak:BoosterRole ; ak:lifeDomain ?domain ; ak:scope ?scope }} }}""")


@pytest.mark.parametrize(("iv", "domain", "scope", "line"), BIJLAGE_3)
def test_bijlage_3_versterker_sits_in_its_column_and_row(graph, iv, domain, scope, line):
    rows = [r for r in _boosters(graph) if r["iv"] == expand(iv)]
    assert [(r["domain"], r["scope"]) for r in rows] == [(expand(domain), expand(scope))]
    assert_claim_at(graph, "000", "<" + rows[0]["role"] + ">", line)


def test_bijlage_3_lists_27_versterkers_9_financial_6_participation_12_health(graph):
    # l. 375-387: three columns; national rows 376-383, international rows 384-387
    rows = _boosters(graph)
    assert len({r["iv"] for r in rows}) == 27
    count: dict[tuple[str, str], int] = {}
    for r in rows:
        key = (r["domain"].rsplit("-", 1)[-1], r["scope"].rsplit("-", 1)[-1])
        count[key] = count.get(key, 0) + 1
    assert count == {("situatie", "nationaal"): 8, ("situatie", "internationaal"): 1,
                     ("inclusie", "nationaal"): 5, ("inclusie", "internationaal"): 1,
                     ("gezondheid", "nationaal"): 8, ("gezondheid", "internationaal"): 4}


def test_bijlage_3_keeps_printed_names_of_omgaan_met_stress_and_minder_piekeren(graph):
    # l. 382 "Omgaan met stress (groepsinterventie en online)";
    # l. 379 "Klachtgerichte mini-interventie: Minder piekeren"
    labels = objects(graph, "000", "iv:omgaan-met-stress", "skos:prefLabel") | objects(
        graph, "000", "iv:omgaan-met-stress", "skos:altLabel")
    assert "Omgaan met stress (groepsinterventie en online)" in labels
    labels = objects(graph, "000", "iv:minder-piekeren", "skos:prefLabel") | objects(
        graph, "000", "iv:minder-piekeren", "skos:altLabel")
    assert "Klachtgerichte mini-interventie: Minder piekeren" in labels


def _coherence(graph):
    return select(graph, f"""SELECT ?iv ?role ?field ?scope ?star WHERE {{ GRAPH {G} {{
        ?iv ak:hasRole ?role . ?role a ak:CoherenceRole ; ak:coherenceField ?field ; ak:scope ?scope ;
        ak:inProjectApplication ?star }} }}""")


def test_bijlage_4_lists_18_interventions_7_professional_11_lifeworld(graph):
    # l. 395 (professional field: 6 national + Bridging model), l. 397 (lifeworld: 9 national + 2 international)
    rows = _coherence(graph)
    assert len(rows) == 18
    prof = [r for r in rows if r["field"] == expand("bg:samenhang-professioneel-veld")]
    life = [r for r in rows if r["field"] == expand("bg:samenhang-leefwereld")]
    assert len(prof) == 7 and len(life) == 11
    intl = {r["iv"] for r in rows if r["scope"] == expand("bg:reikwijdte-internationaal")}
    assert intl == {expand("iv:bridging-model-of-comprehensive-care"),
                    expand("iv:resident-leadership-academies"), expand("iv:families-and-schools-together")}


def test_bijlage_4_asterisks_mark_achterstandswijken_nijmegen_kansrijke_start_and_gezonde_wijkaanpak(graph):
    # l. 395 "Achterstandswijken Nijmegen*", "Kansrijke Start*"; l. 397 "Pilots in Selwerd*"; l. 399 footnote
    starred = {r["iv"] for r in _coherence(graph) if r["star"] is True}
    assert starred == {expand("iv:achterstandswijken-nijmegen"), expand("iv:kansrijke-start"),
                       expand("iv:gezonde-wijkaanpak")}


@pytest.mark.parametrize(("iv", "line"), [("iv:doorbraakmethode", 395), ("iv:resto-van-harte", 397),
                                          ("iv:single-supermom", 397), ("iv:krachtige-basiszorg", 395)])
def test_bijlage_4_entry_is_located_on_its_line(graph, iv, line):
    assert_mentioned_at(graph, "000", iv, line)


def test_literature_reference_29_is_panhuijzen_et_al_2017_movisie(graph):
    # l. 391 cites "(29)"; l. 432 "29. Panhuijzen B, Verweij S, van Houten M, van Xanten H. Werk en inkomen in
    # integrale aanpakken: Een verkenning van theorie en praktijk. Utrecht: Movisie; 2017."
    rows = select(graph, f"""SELECT ?s ?a ?b WHERE {{ GRAPH {G} {{ ?s ak:mentionedIn ?m .
        ?m ak:referenceNumber 29 ; ak:startLine ?a ; ak:endLine ?b . }} }}""")
    assert len(rows) == 1 and rows[0]["a"] <= 432 <= rows[0]["b"]
    src = "<" + rows[0]["s"] + ">"
    assert the(graph, "000", src, "ak:authors") == "Panhuijzen B, Verweij S, van Houten M, van Xanten H"
    assert the(graph, "000", src, "dcterms:title") == (
        "Werk en inkomen in integrale aanpakken: Een verkenning van theorie en praktijk")
    assert the(graph, "000", src, "ak:year") == "2017"
    assert the(graph, "000", src, "dcterms:publisher") == "Movisie"
    assert the(graph, "000", src, "ak:placeOfPublication") == "Utrecht"


def test_literature_list_numbers_1_to_29(graph):
    # l. 403-432
    rows = select(graph, f"""SELECT DISTINCT ?n WHERE {{ GRAPH {G} {{ ?s ak:mentionedIn ?m .
        ?m ak:section "Literatuur"@nl ; ak:referenceNumber ?n }} }}""")
    assert sorted(r["n"] for r in rows) == list(range(1, 30))


def test_mullainathan_and_shafir_schaarste_maven_publishing_2013(graph):
    # l. 404 "2. Mullainathan S, Shafir E. Schaarste: … Amsterdam: Maven Publishing; 2013."
    src = "bron:mullainathan-shafir-schaarste"
    assert the(graph, "000", src, "ak:year") == "2013"
    assert the(graph, "000", src, "dcterms:publisher") == "Maven Publishing"
    assert the(graph, "000", src, "ak:placeOfPublication") == "Amsterdam"
    assert_mentioned_at(graph, "000", src, 404)


def test_authors_are_renee_de_vet_lincy_scholten_and_judith_wolf(graph):
    # l. 9 "Renée de Vet, Lincy Scholten en Judith Wolf"
    for person, name in [("per:renee-de-vet", "Renée de Vet"), ("per:lincy-scholten", "Lincy Scholten"),
                         ("per:judith-wolf", "Judith Wolf")]:
        assert the(graph, "000", person, "skos:prefLabel") == name
        assert_mentioned_at(graph, "000", person, 9)


def test_project_was_funded_by_zonmw_and_nwo(graph):
    # l. 15 "gefinancierd door ZonMw"; l. 91 "gefinancierd door de Nederlandse Organisatie voor
    # Wetenschappelijk Onderzoek (NWO)"
    funders = objects(graph, "000", "proj:minder-stress-en-armoede", "ak:fundedBy")
    assert funders == {expand("og:zonmw"), expand("og:nwo")}
    assert_mentioned_at(graph, "000", "og:zonmw", 15)
    assert_mentioned_at(graph, "000", "og:nwo", 91)


def test_samen_sportief_website_is_on_loketgezondleven(graph):
    # l. 369
    assert the(graph, "000", "iv:samen-sportief-in-beweging", "foaf:homepage") == (
        "https://interventies.loketgezondleven.nl/leefstijlinterventies/interventies-zoeken/1402450")


# -- provenance answers ----------------------------------------------------------------------------------

def test_bronnen_for_kansrijk_oost_gives_000_lines_and_sources_4_and_5(graph):
    # 000 l. 43 (Tabel 1), l. 145-173 (Bijlage 2); cited: (4) Kuiper 2018 l. 406, (5) Kloosterman & Kolstein 2020 l. 407
    rows = graph.query("bronnen", interventie="Kansrijk Oost")
    docs = [(r["bron"].value.rsplit("/", 1)[1], r["van"].value, r["tot"].value) for r in rows
            if r["soort"].value == "document"]
    assert {d for d, _, _ in docs} == {"000"}
    assert any(a <= 43 <= b for _, a, b in docs) and any(a <= 167 <= b for _, a, b in docs)
    cited = {r["bronLabel"].value for r in rows if r["soort"].value == "geciteerd"}
    assert cited == {"Kuiper (2018)", "Kloosterman & Kolstein (2020)"}


def test_waar_staat_samen_sportief_in_beweging_lists_role_recognition_and_findings_with_lines(graph):
    rows = graph.query("waar-staat", entiteit="Samen Sportief in Beweging")
    found = {(r["soort"].value, r["van"].value) for r in rows}
    assert {r["document"].value.rsplit("/", 1)[1] for r in rows} == {"000"}
    # Tabel 1 l. 48; recognition l. 358; findings l. 362, 363
    assert ("heeft rol", 48) in found and ("heeft erkenning", 358) in found
    assert {("heeft onderzoeksbevinding", 362), ("heeft onderzoeksbevinding", 363)} <= found


def test_waar_staat_panhuijzen_2017_points_to_the_citation_and_reference_29(graph):
    # l. 24 "(zie ook Panhuijzen et al., 2017)"; l. 432 reference 29
    rows = graph.query("waar-staat", entiteit="Panhuijzen et al. (2017)")
    assert {(r["document"].value.rsplit("/", 1)[1], r["van"].value) for r in rows} == {("000", 24), ("000", 432)}


# -- concept schemes read from seed 000 (graph schemas/leefgebieden-000) --------------------------------

LG = schema_graph("leefgebieden-000")


def _scheme_top(graph, scheme):
    rows = select(graph, f"""SELECT ?c ?l ?n WHERE {{ GRAPH {LG} {{ {scheme} skos:hasTopConcept ?c .
        ?c skos:prefLabel ?l ; ak:ordinal ?n . FILTER(lang(?l) = "nl") }} }} ORDER BY ?n""")
    return rows


def test_bijlage_3_columns_are_financiele_situatie_participatie_ervaren_gezondheid(graph):
    # l. 375 "Financiële situatie	Participatie en sociale inclusie	Ervaren gezondheid"
    rows = _scheme_top(graph, "sch:bijlage3")
    assert [r["l"] for r in rows] == ["Financiële situatie", "Participatie en sociale inclusie", "Ervaren gezondheid"]
    for r in rows:
        assert_mentioned_at(graph, "000", "<" + r["c"] + ">", 375, in_graph=LG)


def test_bijlage_1_impact_areas_are_the_five_of_the_selection_criteria(graph):
    # l. 97-98 "de financiële situatie, de competenties van mensen, hun fitheid, en hun participatie en zelfregie"
    rows = _scheme_top(graph, "sch:bijlage1")
    assert [r["l"].lower() for r in rows] == ["financiële situatie", "competenties", "fitheid", "participatie",
                                              "zelfregie"]


def test_krachtwerk_four_conditions_scheme_and_parts_of_bestaanszekerheid(graph):
    # l. 187-190; l. 187 "waaronder huisvesting, een baan of activiteiten, inkomen & financiën, opleiding/school,
    # vrije tijd en ervaren veiligheid"
    rows = _scheme_top(graph, "sch:krachtwerk-condities")
    assert len(rows) == 4
    assert rows[0]["l"] == "bestaanszekerheid en -voorwaarden"
    for r, line in zip(rows, (187, 188, 189, 190)):
        assert_mentioned_at(graph, "000", "<" + r["c"] + ">", line, in_graph=LG)
    parts = select(graph, f"""SELECT ?l WHERE {{ GRAPH {LG} {{
        bg:krachtwerk-condities-bestaanszekerheid skos:narrower ?c . ?c skos:prefLabel ?l .
        FILTER(lang(?l) = "nl") }} }}""")
    assert {r["l"] for r in parts} == {"huisvesting", "een baan of activiteiten", "inkomen & financiën",
                                       "opleiding/school", "vrije tijd", "ervaren veiligheid"}


def test_krachtwerk_theoretical_and_practice_underpinning_are_told_apart(graph):
    # l. 194 "met het kader van sociale kwaliteit als theoretische onderbouwing (7) en de principes
    # van het krachtmodel als praktijkonderbouwing (8)"
    assert objects(graph, "000", "iv:krachtwerk", "ak:theoreticalUnderpinning") == {expand("th:sociale-kwaliteit")}
    assert objects(graph, "000", "iv:krachtwerk", "ak:practiceUnderpinning") == {expand("th:krachtmodel")}
    # both stay "gebaseerd op" (ak:basedOn), the super-property, for every query that asks that
    based_on = objects(graph, "000", "iv:krachtwerk", "ak:basedOn")
    assert {expand("th:sociale-kwaliteit"), expand("th:krachtmodel")} <= based_on


CITED_AS_UNDERPINNING = [
    # (intervention, source, seed line where the document cites it as basis)
    # l. 130 "onderbouwd door de theorie van schaarste (2, 3)"
    ("iv:de-geweldige-wijk", "bron:mullainathan-shafir-schaarste", 130),
    ("iv:de-geweldige-wijk", "bron:projectplan-de-geweldige-wijk", 130),
    # l. 161 "gebaseerd op verschillende onderzoeken, gebundeld door Movisie (4)"
    ("iv:kansrijk-oost", "bron:kuiper-aan-de-slag", 161),
    # l. 231 "gebaseerd op het inzicht uit de hersenwetenschap … (13)"
    ("iv:mobility-mentoring", "bron:jungmann-mobility-mentoring-hersenwetenschap", 231),
    # l. 297 "De aanpak is krachtgericht (20) en deels gebaseerd op de principes van … (21)"
    ("iv:pathway-of-hope", "bron:rapp-future-strengths-based", 297),
    ("iv:pathway-of-hope", "bron:brun-strengths-based-case-management", 297),
    # l. 326 "gebaseerd op onderzoek … (24)"
    ("iv:financien-in-de-spreekkamer", "bron:jungmann-geldzorgen-in-de-spreekkamer", 326),
    # l. 356 "onderbouwd door het Integrated Change model van Hein de Vries (25)"
    ("iv:samen-sportief-in-beweging", "bron:de-vries-integrated-approach-health", 356),
]
# also descriptions by their printed titles (l. 415 "Mobility Mentoring®: …", l. 426 "Geldzorgen in de spreekkamer")
ALSO_DESCRIPTIONS = {"bron:jungmann-mobility-mentoring-hersenwetenschap", "bron:jungmann-geldzorgen-in-de-spreekkamer"}
CITED_AS_DESCRIPTION = [
    # l. 267 "De methodiek is beschreven in een reeks boeken (15, 16)"
    ("iv:bind-kracht-in-armoede", "bron:driessens-bind-kracht-armoede-1"),
    ("iv:bind-kracht-in-armoede", "bron:vanssevenant-bind-kracht-armoede-2"),
    # l. 408 "Krachtwerk: Methodisch werken …", l. 411 "Krachtwerk: Interventiebeschrijving"
    ("iv:krachtwerk", "bron:wolf-krachtwerk-methodisch-werken"),
    ("iv:krachtwerk", "bron:wolf-jonker-krachtwerk-interventiebeschrijving"),
    # l. 429 "Werkblad beschrijving interventie"
    ("iv:samen-sportief-in-beweging", "bron:los-samen-sportief-in-beweging"),
]


@pytest.mark.parametrize(("iv", "source", "line"), CITED_AS_UNDERPINNING)
def test_a_source_cited_as_underpinning_is_not_called_a_description(graph, iv, source, line):
    assert expand(source) in objects(graph, "000", iv, "ak:underpinnedBy")
    if source not in ALSO_DESCRIPTIONS:
        assert expand(source) not in objects(graph, "000", iv, "ak:describedIn")
    assert_mentioned_at(graph, "000", iv, line)


@pytest.mark.parametrize(("iv", "source"), CITED_AS_DESCRIPTION)
def test_a_source_that_describes_the_intervention_is_described_in(graph, iv, source):
    assert expand(source) in objects(graph, "000", iv, "ak:describedIn")
    assert expand(source) not in objects(graph, "000", iv, "ak:underpinnedBy")


AUTHOR_LINES = [
    # (source, seed line of the literature entry, the authors as printed there)
    ("bron:rapp-goscha-strengths-model", 410, "Rapp CA, Goscha RJ"),
    ("bron:vanssevenant-bind-kracht-armoede-2", 418, "Vanssevenant K, Driessens K, Van Regenmortel T"),
    ("bron:driessens-duurzame-samenwerking-loont", 421, "Driessens K, Van Regenmortel T, Vanssevenant K"),
    ("bron:van-tol-krachtgerichte-ondersteuning-werkt", 412, "Van Tol PC, Jonker IE, Wolf JRLM"),
    ("bron:mullainathan-shafir-schaarste", 404, "Mullainathan S, Shafir E"),
]


@pytest.mark.parametrize(("source", "line", "printed"), AUTHOR_LINES)
def test_authors_of_the_literature_list_are_persons(graph, source, line, printed):
    # issue 11: persons were strings inside author lists; now each is a resource (foaf:name, a
    # mention at the entry) linked with dcterms:creator, the printed string kept in ak:authors
    assert the(graph, "000", source, "ak:authors") == printed
    rows = select(graph, f"""SELECT ?p ?fam WHERE {{ GRAPH {G} {{ {source} dcterms:creator ?p }}
        ?p a ak:Person ; foaf:name ?name ; foaf:familyName ?fam }}""")
    printed_families = {a.strip().rsplit(" ", 1)[0] for a in printed.split(",")}
    assert {r["fam"].lower() for r in rows} == {f.lower() for f in printed_families}
    for r in rows:
        assert_mentioned_at(graph, "000", f"<{r['p']}>", line)


def test_every_author_of_a_000_source_is_a_linked_person(graph):
    # l. 403-432: "Family INITIALS, …" per entry; "et al." names no person
    rows = select(graph, f"""SELECT ?s ?a (COUNT(DISTINCT ?p) AS ?n) WHERE {{ GRAPH {G} {{ ?s ak:authors ?a .
        OPTIONAL {{ ?s dcterms:creator ?p . ?p a ak:Person }} }} }} GROUP BY ?s ?a""")
    for r in rows:
        names = [x for x in r["a"].split(", ") if x != "et al."]
        assert r["n"] == len(names), r


def test_bind_kracht_reaches_tine_van_regenmortel_through_her_books(graph):
    # l. 267 (theses 17, 18), l. 418 (book 2, 16), l. 421 (evaluation, 19): co-authorships are routes
    routes = [p.text() for p in graph.paths("Bind-Kracht in Armoede", "Tine Van Regenmortel", max_length=2)]
    for via in ("Vanssevenant et al. (2008)", "Driessens et al. (2016)", "Driessens & Van Regenmortel (2006)"):
        assert any(via in r for r in routes), (via, routes)


def test_every_cited_reference_number_in_a_finding_links_that_source(graph):
    # a finding ending in "(14)" (l. 243) shows the source behind (14): Tonnon e.a. (l. 416)
    import re
    rows = select(graph, f"""SELECT ?f ?t (GROUP_CONCAT(DISTINCT STR(?n); separator=",") AS ?refs) WHERE {{
        GRAPH {G} {{ ?f ak:findingText|ak:statementText ?t }}
        OPTIONAL {{ ?f dcterms:source ?s . ?s ak:mentionedIn ?m . ?m ak:inDocument doc:000 ; ak:referenceNumber ?n }}
        }} GROUP BY ?f ?t""")
    checked = 0
    for r in rows:
        cited = {n.strip() for m in re.finditer(r"\((\d+(?:, ?\d+)*)\)", r["t"]) for n in m.group(1).split(",")}
        if cited:
            checked += 1
            assert cited <= set(filter(None, r["refs"].split(","))), r
    assert checked >= 15


def test_findings_figures_and_recognitions_have_labels_in_dutch_and_english(graph):
    # issue 11: findings and statistics had no usable label; each gets one naming what it is about
    # (recognitions too: `show "Pathway of Hope"` printed "erkenning: true; Geen formele erkenning…")
    rows = select(graph, """SELECT ?x (GROUP_CONCAT(lang(?l)) AS ?langs) WHERE {
        VALUES ?c { ak:ResearchFinding ak:Statistic ak:Recognition } ?x a ?c . OPTIONAL { ?x rdfs:label ?l } }
        GROUP BY ?x""")
    assert rows and all(sorted(r["langs"].split()) == ["en", "nl"] for r in rows), [
        r for r in rows if sorted(r["langs"].split()) != ["en", "nl"]]
    # l. 243 "… behoud van regie (14)"; l. 416 "14. Tonnon S, Jungmann N, Lako D. … 2019"
    for label in objects(graph, "000", "bev:000-mobility-mentoring-2", "rdfs:label"):
        assert "Mobility Mentoring" in label and "Tonnon" in label and "243" in label
    # l. 299 "Geen formele erkenning door een erkenningscommissie." (Pathway of Hope)
    assert "Geen formele erkenning van Pathway of Hope (000 r. 299)" in objects(
        graph, "000", "erk:000-pathway-of-hope", "rdfs:label")
    source = the(graph, "000", "bev:000-mobility-mentoring-2", "dcterms:source")
    assert source == expand("bron:tonnon-mobility-mentoring-alphen")
