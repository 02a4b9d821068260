"""Seed 001 (Scholten, Jonker, De Vet & Wolf, Sociaal Bestek): facts read in the seed, checked in graph
kennis/001 with their line provenance. Line numbers are those of ``cat -n`` on
shared/seeds/001_418982bbaea186f6.txt."""

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
    statistics_at,
    the,
)

G = kennis("001")


def test_508000_people_live_in_long_term_poverty_van_hulst_and_hoff_2020(graph):
    # l. 15 "In Nederland leven zo'n 508.000 mensen in langdurige armoede (Van Hulst & Hoff, 2020)"
    rows = statistics_at(graph, "001", 508000, 15)
    assert len(rows) == 1
    stat = "<" + rows[0]["s"] + ">"
    src = "bron:van-hulst-hoeveel-mensen-langdurig-arm"
    assert the(graph, "001", stat, "dcterms:source") == expand(src)
    assert the(graph, "001", src, "ak:year") == "2020"
    assert the(graph, "001", src, "dcterms:title") == "Hoeveel mensen zijn langdurig arm?"
    assert_mentioned_at(graph, "001", src, 126)


def test_article_is_written_by_scholten_jonker_de_vet_and_wolf(graph):
    # l. 11 "DOOR Lincy Scholten, Irene Jonker, Renée de Vet en Judith Wolf"
    creators = objects(graph, "001", "doc:001", "dcterms:creator")
    assert creators == {expand(p) for p in ("per:lincy-scholten", "per:irene-jonker", "per:renee-de-vet",
                                            "per:judith-wolf")}
    assert the(graph, "001", "per:irene-jonker", "skos:prefLabel") == "Irene Jonker"
    assert_mentioned_at(graph, "001", "per:irene-jonker", 11)


def test_sociaal_bestek_is_published_by_virtumedia(graph):
    # l. 147 "Sociaal Bestek is een uitgave van Virtùmedia."
    assert the(graph, "001", "doc:001", "ak:journal") == "Sociaal Bestek"
    assert the(graph, "001", "doc:001", "dcterms:publisher") == "Virtùmedia"
    assert_mentioned_at(graph, "001", "og:virtumedia", 147)


def test_project_is_funded_by_nwo_and_zonmw(graph):
    # l. 9 "het door NWO/ZonMw-gefinancierde project 'minder stress en armoede, meer ervaren gezondheid en
    # participatie'"
    assert objects(graph, "001", "proj:minder-stress-en-armoede", "ak:fundedBy") == {
        expand("og:nwo"), expand("og:zonmw")}
    assert_mentioned_at(graph, "001", "proj:minder-stress-en-armoede", 9)


def test_consortium_organisations_and_executing_institutes(graph):
    # l. 21 "organisaties als Movisie, Valente, Stichting Lezen en Schrijven en Voedselbanken Nederland, en
    # uitgevoerd door Impuls – … van het Radboudumc en Wageningen University & Research"
    participants = objects(graph, "001", "proj:minder-stress-en-armoede", "ak:participant")
    for org, label in [("og:valente", "Valente"), ("og:stichting-lezen-en-schrijven", "Stichting Lezen en Schrijven"),
                       ("og:voedselbanken-nederland", "Voedselbanken Nederland"), ("og:movisie", "Movisie"),
                       ("og:wageningen-university-research", "Wageningen University & Research")]:
        assert expand(org) in participants
        assert the(graph, "001", org, "skos:prefLabel") == label
        assert_mentioned_at(graph, "001", org, 21)


def test_participating_municipalities_are_meppel_midden_groningen_nieuwegein_nijmegen(graph):
    # l. 23
    munis = objects(graph, "001", "proj:minder-stress-en-armoede", "ak:municipality")
    assert munis == {expand(g) for g in ("gem:meppel", "gem:midden-groningen", "gem:nieuwegein", "gem:nijmegen")}
    for g in munis:
        assert_mentioned_at(graph, "001", f"<{g}>", 23)


def test_about_thirty_people_and_ten_experience_experts_and_supporters_were_interviewed(graph):
    # l. 23 "zo'n dertig mensen voor een interview" … "tien ervaringsdeskundigen en begeleiders"
    assert len(statistics_at(graph, "001", 30, 23)) == 1
    assert len(statistics_at(graph, "001", 10, 23)) == 1


def test_checklist_for_fitting_support_has_five_elements_in_printed_order(graph):
    # l. 27-42: Integraal (29), Sensitief … (32), Zelfregie (35), Gelijkwaardigheid en vertrouwen (38),
    # Ervaringskennis (41)
    rows = select(graph, f"""SELECT ?p ?l ?n WHERE {{ GRAPH {G} {{
        ?p ak:memberOf ps:001-checklist-passende-ondersteuning ; skos:prefLabel ?l ; ak:ordinal ?n }} }} ORDER BY ?n""")
    assert [r["l"] for r in rows] == ["Integraal", "Sensitief voor stress, trauma, cultuur, stigma en schaamte",
                                      "Zelfregie", "Gelijkwaardigheid en vertrouwen", "Ervaringskennis"]
    for r, line in zip(rows, (29, 32, 35, 38, 41)):
        assert_mentioned_at(graph, "001", "<" + r["p"] + ">", line)


def test_checklist_integraal_asks_support_on_several_life_areas_at_once(graph):
    # l. 30 "De ondersteuning zet in op meerdere leefgebieden tegelijkertijd."
    definition = the(graph, "001", "pr:001-checklist-integraal", "skos:definition")
    assert definition.startswith("De ondersteuning zet in op meerdere leefgebieden tegelijkertijd.")


def test_only_eight_interventions_remained_on_the_sieve_citing_de_vet_2021(graph):
    # l. 44 "Slechts acht interventies bleven op de zeef liggen (De Vet, Scholten & Wolf, 2021)"; l. 112
    rows = statistics_at(graph, "001", 8, 44)
    assert len(rows) == 1
    assert the(graph, "001", "<" + rows[0]["s"] + ">", "dcterms:source") == expand("doc:000")
    assert_mentioned_at(graph, "001", "doc:000", 112)


def test_municipalities_chose_krachtwerk(graph):
    # l. 44 "viel de keuze op Krachtwerk, een krachtgerichte basismethodiek"
    rows = select(graph, f"""SELECT ?a WHERE {{ GRAPH {G} {{ ?a a ak:Activity ; ak:about iv:krachtwerk ;
        skos:definition ?d . FILTER(CONTAINS(?d, "viel de keuze op Krachtwerk")) }} }}""")
    assert len(rows) == 1
    assert_mentioned_at(graph, "001", "<" + rows[0]["a"] + ">", 44)
    assert_mentioned_at(graph, "001", "iv:krachtwerk", 44)


def test_supporters_followed_the_four_day_basic_training_of_krachtwerk(graph):
    # l. 46 "volgden de vierdaagse basistraining van Krachtwerk en ontvingen coaching-on-the-job"
    rows = select(graph, f"""SELECT ?a ?l WHERE {{ GRAPH {G} {{ ?a a ak:Activity ; skos:prefLabel ?l .
        FILTER(CONTAINS(LCASE(?l), "vierdaagse basistraining")) }} }}""")
    assert len(rows) == 1
    assert_mentioned_at(graph, "001", "<" + rows[0]["a"] + ">", 46)


def test_krachtwerk_is_goed_onderbouwd_per_databank_esi_wolf_and_jonker_2021(graph):
    # l. 50 "De methodiek is 'goed onderbouwd' volgens de databank Effectieve Sociale Interventies (Wolf &
    # Jonker, 2021)"; l. 134
    rows = select(graph, f"""SELECT ?r ?src WHERE {{ GRAPH {G} {{ iv:krachtwerk ak:hasRecognition ?r .
        ?r ak:recognitionLevel bg:erkenning-goed-onderbouwd ; ak:databank db:effectieve-sociale-interventies ;
           dcterms:source ?src }} }}""")
    assert len(rows) == 1
    assert_claim_at(graph, "001", "<" + rows[0]["r"] + ">", 50)
    src = "<" + rows[0]["src"] + ">"
    assert the(graph, "001", src, "ak:year") == "2021"
    assert_mentioned_at(graph, "001", src, 134)


def test_krachtwerk_originates_in_strengths_model_of_rapp_and_goscha_2012(graph):
    # l. 50 "vindt haar oorsprong in het Amerikaanse Strengths Model van Rapp en Goscha (2012)"; l. 122
    assert expand("th:krachtmodel") in objects(graph, "001", "iv:krachtwerk", "ak:basedOn")
    assert the(graph, "001", "th:krachtmodel", "ak:describedIn") == expand("bron:rapp-goscha-strengths-model")
    assert the(graph, "001", "bron:rapp-goscha-strengths-model", "ak:year") == "2012"
    assert the(graph, "001", "bron:rapp-goscha-strengths-model", "ak:placeOfPublication") == "New York"
    assert_mentioned_at(graph, "001", "th:krachtmodel", 50)
    assert_mentioned_at(graph, "001", "bron:rapp-goscha-strengths-model", 122)


def test_social_quality_framework_wolf_and_jonker_2020_in_ijsq_19_1(graph):
    # l. 50 "(Wolf & Jonker, 2020)"; l. 132 "International Journal of Social Quality, 19(1), 29-56."
    src = "bron:wolf-jonker-pathways-to-empowerment"
    assert the(graph, "001", "th:sociale-kwaliteit", "ak:describedIn") == expand(src)
    assert the(graph, "001", src, "ak:journal") == "International Journal of Social Quality"
    assert the(graph, "001", src, "bibo:volume") == "19"
    assert the(graph, "001", src, "bibo:issue") == "1"
    assert the(graph, "001", src, "bibo:pages") == "29-56"
    assert_mentioned_at(graph, "001", src, 132)


def test_krachtwerk_pays_attention_to_four_areas(graph):
    # l. 52 "aandacht voor de bestaansvoorwaarden, verbindingen met anderen, toegang tot rechten,
    # hulpbronnen en instituties, en voor gezondheid en zelfregulering"
    g = schema_graph("krachtwerk-aandacht")
    rows = select(graph, f"""SELECT ?c ?l ?n WHERE {{ GRAPH {g} {{ sch:krachtwerk-aandacht skos:hasTopConcept ?c .
        ?c skos:prefLabel ?l ; skos:notation ?n . FILTER(lang(?l) = "nl") }} }} ORDER BY ?n""")
    assert [r["l"] for r in rows] == ["bestaansvoorwaarden", "verbindingen met anderen",
                                      "toegang tot rechten, hulpbronnen en instituties",
                                      "gezondheid en zelfregulering"]
    for r in rows:
        assert_mentioned_at(graph, "001", "<" + r["c"] + ">", 52, in_graph=g)
    assert {r["c"] for r in rows} == objects(graph, "001", "iv:krachtwerk", "ak:lifeDomain")


def test_bestaansvoorwaarden_are_housing_income_work_and_learning_leisure_safety(graph):
    # l. 54 "bestaansvoorwaarden (wonen, inkomen, werken en leren, vrije tijd en het gevoel van veiligheid)"
    g = schema_graph("krachtwerk-aandacht")
    rows = select(graph, f"""SELECT ?l WHERE {{ GRAPH {g} {{
        bg:krachtwerk-aandacht-bestaansvoorwaarden skos:narrower ?c . ?c skos:prefLabel ?l .
        FILTER(lang(?l) = "nl") }} }}""")
    assert {r["l"] for r in rows} == {"wonen", "inkomen", "werken en leren", "vrije tijd", "gevoel van veiligheid"}
    assert_mentioned_at(graph, "001", "bg:krachtwerk-aandacht-wonen", 54, in_graph=g)


def test_strength_based_trajectory_has_three_parts_focus_execution_evaluation(graph):
    # l. 58 "bestaat uit drie delen: focusbepaling, uitvoering en evaluatie"
    rows = select(graph, f"""SELECT ?f ?l ?n WHERE {{ GRAPH {G} {{ iv:krachtwerk ak:hasPhase ?f .
        ?f skos:prefLabel ?l ; ak:ordinal ?n }} }} ORDER BY ?n""")
    assert [r["l"] for r in rows] == ["Focusbepaling", "Uitvoering", "Evaluatie"]
    for r in rows:
        assert_mentioned_at(graph, "001", "<" + r["f"] + ">", 58)


def test_focus_phase_uses_krachtkompas_and_actieplan_a_work_agenda(graph):
    # l. 58 "het Krachtkompas … en het Actieplan, een werkagenda van inwoners die per lange-termijn doel
    # aangeeft wie wanneer welke acties uitvoert"
    assert objects(graph, "001", "iv:krachtwerk", "ak:usesInstrument") == {
        expand("ins:krachtkompas"), expand("ins:actieplan")}
    assert "werkagenda" in the(graph, "001", "ins:actieplan", "skos:definition")
    assert_mentioned_at(graph, "001", "ins:actieplan", 58)
    assert_mentioned_at(graph, "001", "ins:krachtkompas", 58)


def test_supporters_always_work_by_the_six_strength_principles(graph):
    # l. 64 "begeleiders altijd werken volgens de zes krachtprincipes"
    assert the(graph, "001", "ps:001-krachtprincipes", "ak:statedCount") == 6
    rows = select(graph, f"""SELECT ?p WHERE {{ GRAPH {G} {{ ?p ak:memberOf ps:001-krachtprincipes }} }}""")
    assert len(rows) == 6
    assert_mentioned_at(graph, "001", "ps:001-krachtprincipes", 64)


def test_working_relationship_rests_on_equality_respect_trust_honesty_openness_optimism(graph):
    # l. 66 "gestoeld op gelijkwaardigheid, respect, vertrouwen, eerlijkheid, openheid en optimisme"
    definition = the(graph, "001", "pr:001-krachtprincipe-werkrelatie", "skos:definition")
    assert "gelijkwaardigheid, respect, vertrouwen, eerlijkheid, openheid en optimisme" in definition
    assert_mentioned_at(graph, "001", "pr:001-krachtprincipe-werkrelatie", 66)


def test_more_than_80_organisations_in_the_netherlands_use_krachtwerk(graph):
    # l. 70 "Inmiddels gebruiken meer dan 80 organisaties in Nederland Krachtwerk"
    rows = statistics_at(graph, "001", 80, 70)
    assert len(rows) == 1 and "meer dan 80" in rows[0]["text"]


def test_residents_gave_krachtwerk_an_average_of_8_6_van_tol_2020(graph):
    # l. 72 "Zij gaven Krachtwerk gemiddeld een 8,6 (Van Tol et al., 2020)"; l. 128
    rows = statistics_at(graph, "001", 8.6, 72)
    assert len(rows) == 1
    src = "bron:van-tol-krachtgerichte-ondersteuning-werkt"
    assert the(graph, "001", "<" + rows[0]["s"] + ">", "dcterms:source") == expand(src)
    assert the(graph, "001", src, "ak:year") == "2020"
    assert_mentioned_at(graph, "001", src, 128)


def test_homeless_youth_improved_krabbenborg_2017_cluster_rct_houvast(graph):
    # l. 72 "(Krabbenborg et al., 2017)"; l. 116 "A cluster randomized controlled trial testing the
    # effectiveness of Houvast … Research on Social Work Practice, 27(6), 639-652."
    f = "bev:001-krachtwerk-dak-en-thuisloze-jongeren"
    assert the(graph, "001", f, "ak:studyPopulation") == "dak- en thuisloze jongeren"
    src = "bron:krabbenborg-cluster-randomized-houvast"
    assert the(graph, "001", f, "dcterms:source") == expand(src)
    assert the(graph, "001", src, "ak:journal") == "Research on Social Work Practice"
    assert the(graph, "001", src, "bibo:volume") == "27"
    assert the(graph, "001", src, "bibo:pages") == "639-652"
    assert_claim_at(graph, "001", f, 72)
    assert_mentioned_at(graph, "001", src, 116)


def test_international_studies_cite_fukui_2012_in_psychiatric_services(graph):
    # l. 70 "(zie bijvoorbeeld Fukui et al., 2012; Saewyc & Edinburgh, 2010)"; l. 114
    f = "bev:001-krachtgerichte-interventies-internationaal"
    assert objects(graph, "001", f, "dcterms:source") == {
        expand("bron:fukui-strengths-model-fidelity"), expand("bron:saewyc-restoring-healthy-developmental")}
    assert the(graph, "001", "bron:fukui-strengths-model-fidelity", "ak:journal") == "Psychiatric services"
    assert the(graph, "001", "bron:fukui-strengths-model-fidelity", "bibo:issue") == "7"
    assert_claim_at(graph, "001", f, 70)


def test_experience_experts_monica_van_midden_and_miranda_de_haas(graph):
    # l. 76 "Monica van Midden en Miranda de Haas, ervaringsdeskundigen … zijn als consortiumleden bij het
    # project betrokken"
    for person, name in [("per:monica-van-midden", "Monica van Midden"), ("per:miranda-de-haas", "Miranda de Haas")]:
        assert the(graph, "001", person, "skos:prefLabel") == name
        assert expand(person) in objects(graph, "001", "proj:minder-stress-en-armoede", "ak:participant")
        assert_mentioned_at(graph, "001", person, 76)


def test_miranda_quote_about_krachtwerkmethode_is_attributed_to_her(graph):
    # l. 81 "Miranda: 'Door de Krachtwerkmethode kun je zelf een instrument zijn voor de ander …'"
    rows = select(graph, f"""SELECT ?u WHERE {{ GRAPH {G} {{ ?u ak:statementText ?t ;
        prov:wasAttributedTo per:miranda-de-haas . FILTER(CONTAINS(?t, "instrument zijn voor de ander")) }} }}""")
    assert len(rows) == 1
    assert_claim_at(graph, "001", "<" + rows[0]["u"] + ">", 81)


def test_impact_results_are_expected_end_of_2023(graph):
    # l. 103 "De resultaten van deze onderzoeken zijn eind 2023 beschikbaar."
    rows = select(graph, f"""SELECT ?u WHERE {{ GRAPH {G} {{ ?u a ak:KnowledgeGap ; ak:about iv:krachtwerk ;
        ak:statementText ?t . FILTER(CONTAINS(?t, "eind 2023")) }} }}""")
    assert len(rows) == 1
    assert_claim_at(graph, "001", "<" + rows[0]["u"] + ">", 103)


def test_literature_list_has_13_references(graph):
    # l. 110-134: Baigi, De Vet, Fukui, Krabbenborg, Marttila, Naper, Rapp, Saewyc, Van Hulst, Van Tol, Wolf 2016,
    # Wolf & Jonker 2020, Wolf & Jonker 2021
    rows = select(graph, f"""SELECT DISTINCT ?s ?a WHERE {{ GRAPH {G} {{ ?s ak:mentionedIn ?m .
        ?m ak:section "Literatuur"@nl ; ak:startLine ?a }} FILTER NOT EXISTS {{ ?s a ak:Person }} }}""")
    assert len({r["s"] for r in rows}) == 13  # the references; their authors are persons located there too
    assert sorted(r["a"] for r in rows) == list(range(110, 135, 2))


@pytest.mark.parametrize(("src", "year", "line"), [
    ("bron:baigi-shadow-welfare-society", "2008", 110),
    ("bron:marttila-controlled-and-dependent", "2010", 118),
    ("bron:naper-mortality-social-assistance", "2009", 120),
    ("bron:saewyc-restoring-healthy-developmental", "2010", 124),
])
def test_reference_year_as_printed(graph, src, year, line):
    assert the(graph, "001", src, "ak:year") == year
    assert_mentioned_at(graph, "001", src, line)


def test_wolf_2016_is_published_by_uitgeverij_coutinho_in_graph_001(graph):
    # l. 130 "Wolf, J. (2016). Krachtwerk, methodisch werken aan participatie en zelfregie. Bussum: Uitgeverij
    # Coutinho." (seed 000 l. 408 prints "Coutinho"; each graph keeps its own spelling)
    assert the(graph, "001", "bron:wolf-krachtwerk-methodisch-werken", "dcterms:publisher") == "Uitgeverij Coutinho"
    assert_mentioned_at(graph, "001", "bron:wolf-krachtwerk-methodisch-werken", 130)


# -- reconciliation with seed 000 and provenance answers -------------------------------------------------

def test_krachtwerk_is_one_resource_mentioned_by_000_and_001_only(graph):
    # 000 l. 45 (Tabel 1), l. 175-213 (Bijlage 2); 001 l. 44-103; seed 004 never names Krachtwerk
    assert documents_mentioning(graph, "iv:krachtwerk") == {"000", "001"}
    assert_mentioned_at(graph, "000", "iv:krachtwerk", 45)
    assert_mentioned_at(graph, "001", "iv:krachtwerk", 50)
    labels = select(graph, "SELECT ?l WHERE { iv:krachtwerk skos:prefLabel ?l }")
    assert [r["l"] for r in labels] == ["Krachtwerk"]


def test_krachtwerk_goed_onderbouwd_is_stated_by_both_documents_each_in_its_own_graph(graph):
    # 000 l. 201 and 001 l. 50 both say 'goed onderbouwd' in databank Effectieve sociale interventies
    rows = select(graph, """SELECT ?g ?a WHERE { GRAPH ?g { iv:krachtwerk ak:hasRecognition ?r .
        ?r ak:recognitionLevel bg:erkenning-goed-onderbouwd ; ak:startLine ?a } }""")
    assert sorted((r["g"].rsplit("/", 1)[1], r["a"]) for r in rows) == [("000", 201), ("001", 50)]


def test_rapp_and_goscha_is_one_source_dated_2011_by_000_and_2012_by_001(graph):
    # 000 l. 410 "… Oxford University Press; 2011."; 001 l. 122 "Rapp, C., & Goscha, R. (2012). The Strengths Model …"
    src = "bron:rapp-goscha-strengths-model"
    assert the(graph, "000", src, "ak:year") == "2011"
    assert the(graph, "001", src, "ak:year") == "2012"
    assert_mentioned_at(graph, "000", src, 410)
    assert_mentioned_at(graph, "001", src, 122)
    assert len(select(graph, f"SELECT ?l WHERE {{ {src} skos:prefLabel ?l }}")) == 1


def test_wolf_and_jonker_2020_volume_is_10_in_000_and_19_in_001(graph):
    # 000 l. 409 "2020;10(1):29-56"; 001 l. 132 "International Journal of Social Quality, 19(1), 29-56"
    src = "bron:wolf-jonker-pathways-to-empowerment"
    assert the(graph, "000", src, "bibo:volume") == "10"
    assert the(graph, "001", src, "bibo:volume") == "19"
    assert documents_mentioning(graph, src) == {"000", "001"}


@pytest.mark.parametrize(("entity", "line_000", "line_001"), [
    ("th:krachtmodel", 194, 50),
    ("th:sociale-kwaliteit", 194, 50),
    ("per:judith-wolf", 9, 11),
    ("bron:van-tol-krachtgerichte-ondersteuning-werkt", 412, 128),
    ("ins:krachtkompas", 206, 58),
])
def test_shared_resource_is_mentioned_by_000_and_001_at_the_printed_lines(graph, entity, line_000, line_001):
    assert {"000", "001"} <= documents_mentioning(graph, entity)
    assert_mentioned_at(graph, "000", entity, line_000)
    assert_mentioned_at(graph, "001", entity, line_001)


def test_waar_staat_krachtwerk_answers_with_000_and_001_and_their_lines(graph):
    rows = graph.query("waar-staat", entiteit="Krachtwerk")
    found = {(r["document"].value.rsplit("/", 1)[1], r["van"].value, r["tot"].value) for r in rows}
    assert {d for d, _, _ in found} == {"000", "001"}
    # Tabel 1 (000 l. 45), the recognition (000 l. 201, 001 l. 50)
    for doc, line in [("000", 45), ("000", 201), ("001", 50)]:
        assert any(d == doc and a <= line <= b for d, a, b in found), (doc, line)


def test_waar_staat_by_001_label_of_rapp_and_goscha_finds_both_reference_lists(graph):
    rows = graph.query("waar-staat", entiteit="Rapp & Goscha (2012)")
    found = {(r["document"].value.rsplit("/", 1)[1], r["van"].value) for r in rows}
    assert found == {("000", 410), ("001", 122)}


def test_krachtwerk_is_scientifically_founded_in_social_quality(graph):
    # l. 50 "vindt haar oorsprong in het Amerikaanse Strengths Model van Rapp en Goscha (2012) en is
    # wetenschappelijk gefundeerd in het theoretisch kader van sociale kwaliteit (Wolf & Jonker, 2020)"
    g = kennis("001")
    theoretical = objects(graph, "001", "iv:krachtwerk", "ak:theoreticalUnderpinning", in_graph=g)
    assert theoretical == {expand("th:sociale-kwaliteit")}
    # the strengths model is its origin here, not called a practice underpinning (that is 000 l. 194)
    assert objects(graph, "001", "iv:krachtwerk", "ak:practiceUnderpinning", in_graph=g) == set()
    assert expand("th:krachtmodel") in objects(graph, "001", "iv:krachtwerk", "ak:basedOn", in_graph=g)


def test_authors_of_the_strengths_model_are_the_same_persons_as_in_000(graph):
    # l. 122 "Rapp, C., & Goscha, R. (2012). The Strengths Model" – 000 l. 410 "Rapp CA, Goscha RJ" (2011):
    # one book, the same two persons, each located at the entry of both lists
    creators = objects(graph, "001", "bron:rapp-goscha-strengths-model", "dcterms:creator")
    assert creators == objects(graph, "000", "bron:rapp-goscha-strengths-model", "dcterms:creator")
    assert len(creators) == 2
    for p in creators:
        assert_mentioned_at(graph, "001", f"<{p}>", 122)
        assert_mentioned_at(graph, "000", f"<{p}>", 410)
