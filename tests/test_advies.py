"""End to end: `armoede-kg toets` and `armoede-kg advies` on the shipped graph, and the Python
API behind them (graph.assess / advise / compare). Expected values are read in the seeds:
levels from 000 Tabel 1 (l. 41–50), recognitions from 000 l. 71, experience experts from
000 l. 71 and 001 l. 74–99, versterkers from 000 Bijlage 3 (l. 371–387)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import kg

LEVEL_B = {"Krachtwerk", "Bind-Kracht in Armoede", "Mobility Mentoring®", "Pathway of Hope"}  # 000 l. 45–46
# 000 Bijlage 3, column "Ervaren gezondheid": eight national (l. 376–383), four international (l. 384–387)
HEALTH_NATIONAL = {
    "Gezond kopen, gezond koken",
    "Gezonde kinderen in krappe tijden",
    "Grip en gezondheid",
    "Klachtgerichte mini-interventie: Minder piekeren",
    "Klachtgerichte mini-interventie: Minder stress",
    "Lekker in je lijf",
    "Omgaan met stress (groepsinterventie en online)",
    "Samen gezond eten en bewegen",
}
HEALTH_INTERNATIONAL = {
    "Family-based mindfulness intervention",
    "Mindfulness-based intervention",
    "Strengthening family coping resources",
    "Integrative wellness coaching",
}


def _json(run_cli, *args):
    res = run_cli(*args, "--format", "json")
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def test_finances_and_health_at_level_b(run_cli):
    out = _json(run_cli, "advies", "--leefgebied", "financiën", "--leefgebied", "ervaren gezondheid", "--niveau", "B")
    cands = out["candidates"]
    assert {c["label"] for c in cands} == LEVEL_B
    assert all(c["level"].startswith("B ") for c in cands)
    # the rank is the documented rule, and the figures it is made of are in the output
    assert "rangorde" in out["rule"]
    keys = [(-c["criteria_met"], -c["domains_covered"], -c["criteria_partly"], c["label"].casefold()) for c in cands]
    assert keys == sorted(keys)
    assert [c["rank"] for c in cands] == [1, 2, 3, 4]
    first = cands[0]
    assert first["label"] == "Krachtwerk" and first["criteria_met"] == 3
    # Krachtwerk works on income & finances (000 l. 187), not on "ervaren gezondheid" as a life domain
    assert first["covered"] == ["financiële situatie"] and first["uncovered"] == ["Ervaren gezondheid"]
    boosters = {(b["label"], b["scope"]) for b in first["boosters"]}
    assert boosters == {(b, "nationaal") for b in HEALTH_NATIONAL} | {
        (b, "internationaal") for b in HEALTH_INTERNATIONAL
    }
    assert first["recognitions"] == ["Goed onderbouwd"]  # 000 l. 201
    assert "De Vet, Scholten & Wolf (2021)" in first["documents"]
    # Bind-Kracht covers neither requested domain in the graph: versterkers for both
    bk = next(c for c in cands if c["label"] == "Bind-Kracht in Armoede")
    assert set(bk["uncovered"]) == {"financiële situatie", "Ervaren gezondheid"}
    assert {b["label"] for b in bk["boosters"] if b["domain"] == "financiële situatie"} >= {"8TING", "Budgetcursus"}


def test_recognised_only(run_cli):
    # 000 l. 71: only Krachtwerk ('goed onderbouwd') and Samen Sportief in Beweging ('eerste
    # aanwijzingen voor effectiviteit') are recognised by a recognition committee
    out = _json(run_cli, "advies", "--erkend")
    assert [c["label"] for c in out["candidates"]] == ["Krachtwerk", "Samen Sportief in Beweging"]
    assert out["removed_by"] == {"--erkend": 6}
    effectief = _json(run_cli, "advies", "--erkenning", "effectief")
    assert [c["label"] for c in effectief["candidates"]] == ["Samen Sportief in Beweging"]


def test_with_experience_experts(run_cli):
    # 000 l. 71: Kansrijk Oost and Bind-Kracht; Krachtwerk through 001 (experience experts in the
    # training and sessions, l. 76–99): checklist Ervaringskennis partly, and the output says so
    out = _json(run_cli, "advies", "--leefgebied", "financiën", "--ervaringsdeskundigen")
    labels = [c["label"] for c in out["candidates"]]
    assert labels == ["Krachtwerk", "Kansrijk Oost", "Bind-Kracht in Armoede"]
    kw = out["candidates"][0]
    assert kw["checklist"]["ervaringskennis"] == "deels"
    assert any("Ervaringskennis" in n and "001 r. 76" in n for n in kw["notes"])


def test_advice_table_shows_rule_figures_and_boosters(run_cli):
    res = run_cli("advies", "--leefgebied", "financiën", "--leefgebied", "ervaren gezondheid", "--ervaringsdeskundigen")
    assert res.exit_code == 0, res.output
    text = res.output
    assert "Rangorde: 1) aantal criteria" in text
    assert "1     Krachtwerk" in text and "1/2" in text
    assert "niet gedekt: Ervaren gezondheid → versterkers: Gezond kopen, gezond koken (nationaal)" in text
    en = run_cli("advies", "--ervaringsdeskundigen", "--lang", "en")
    assert "Ranking: 1) number of criteria" in en.output and "meets" in en.output


@pytest.mark.parametrize(
    "args, nl, en",
    [
        # a typo: no label contains it, so suggestions ("gezondheid" alone is ambiguous: several domains)
        (("--leefgebied", "gezondhied"), "bedoelde u: Ervaren gezondheid, fysieke gezondheid?", "did you mean:"),
        (("--niveau", "D"), "bedoelde u: A, B, C?", "did you mean: A, B, C?"),
    ],
)
def test_unknown_domain_or_level_says_did_you_mean_and_exits_2(run_cli, args, nl, en):
    res = run_cli("advies", *args)
    assert res.exit_code == 2
    assert nl in res.stderr and "Traceback" not in res.output + res.stderr
    res_en = run_cli("advies", *args, "--lang", "en")
    assert res_en.exit_code == 2 and en in res_en.stderr and res_en.stderr.startswith("error:")


def test_nothing_fits_names_the_filter_that_removed_most(run_cli):
    # level C (000 l. 48: Financiën in de Spreekkamer, Samen Sportief in Beweging) removes six;
    # neither of the two involves experience experts
    res = run_cli("advies", "--niveau", "C", "--ervaringsdeskundigen")
    assert res.exit_code == 0
    assert "Geen interventie past bij dit verzoek" in res.output
    assert "Het filter dat de meeste kandidaten wegnam: --niveau (6 van 8)." in res.output
    out = _json(run_cli, "advies", "--niveau", "C", "--ervaringsdeskundigen")
    assert out["candidates"] == [] and out["removed_by"] == {"--niveau": 6, "--ervaringsdeskundigen": 5}


def test_toets_table_shows_each_criterion_with_evidence_and_the_blanket_claim_apart(run_cli):
    res = run_cli("toets", "Samen Sportief in Beweging")
    assert res.exit_code == 0, res.output
    assert "tegenstrijdig" in res.output and "niet vermeld" in res.output
    assert "Algemene uitspraak (geldt voor de acht als groep, niet per criterium)" in res.output
    assert "001 Passende ondersteuning, r. 44" in res.output
    # --uitleg prints the evidence whole (a table cell is cut at 70 characters)
    full = run_cli("toets", "Krachtwerk", "--uitleg").output
    assert (
        "Dat coping mechanismen om te overleven gezien worden als krachten, maakt dat je iemand meer positief benadert."
        in full
    )


def test_toets_formats(run_cli):
    data = _json(run_cli, "toets", "Kansrijk Oost")
    assert [c["verdict"] for c in data["criteria"]] == ["voldoet", "deels", "voldoet", "niet vermeld", "voldoet"]
    exp = data["criteria"][4]["evidence"][0]
    assert (exp["document"].rsplit("/", 1)[-1], exp["start_line"], exp["end_line"]) == ("000", 71, 71)
    csv_text = run_cli("toets", "Kansrijk Oost", "--format", "csv").output
    assert csv_text.splitlines()[0].startswith("intervention,criterion,verdict,kind,part,claim,text,document")
    md = run_cli("toets", "Kansrijk Oost", "--format", "md").output
    assert md.startswith("## Kansrijk Oost") and "| Integraal | voldoet |" in md
    en = run_cli("toets", "Kansrijk Oost", "--lang", "en").output
    assert "not mentioned" in en and "Blanket claim" in en


def test_unknown_intervention_exits_2(run_cli):
    res = run_cli("toets", "Krachtwrk")
    assert res.exit_code == 2 and "bedoelde u: Krachtwerk" in res.stderr


def test_compare_as_table_svg_and_png(run_cli, tmp_path):
    res = run_cli("advies", "--vergelijk", "Krachtwerk", "Kansrijk Oost", "Mobility Mentoring")
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].split()[:2] == ["interventie", "Integraal"]
    assert lines[2].startswith("Krachtwerk ") and "ja (groep)" in lines[2]
    svg = tmp_path / "m.svg"
    assert run_cli("advies", "--vergelijk", "--afbeelding", str(svg)).exit_code == 0  # the eight
    text = svg.read_text()
    assert text.startswith("<svg") and text.count("<rect") >= 8 * 6 + 5
    for colour in ("#1a9850", "#fee08b", "#9e4fa8", "#e6e6e6"):  # voldoet, deels, tegenstrijdig, niet vermeld
        assert colour in text
    assert "Samen Sportief in Beweging" in text and "gestippelde kolom" in text
    png = tmp_path / "m.png"
    res = run_cli("advies", "--vergelijk", "Krachtwerk", "Kansrijk Oost", "--afbeelding", str(png))
    assert res.exit_code == 0, res.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    again = run_cli("advies", "--vergelijk", "--afbeelding", str(svg))
    assert again.exit_code == 2 and "bestaat al" in again.stderr
    wrong = run_cli("advies", "--vergelijk", "--afbeelding", str(tmp_path / "m.gif"))
    assert wrong.exit_code == 2 and "onbekend beeldformaat" in wrong.stderr
    assert not (tmp_path / "m.gif").exists()


def test_python_api_returns_typed_objects(graph: kg.KnowledgeGraph):
    a = graph.assess("Krachtwerk")
    assert (a.met, a.partly) == (3, 2) and a.verdict("Zelfregie") == "voldoet"
    d = a.to_dict()
    assert d["criteria"][0]["evidence"][0]["start_line"] == 67
    assert "<table>" in a._repr_html_() and "001, r. 44" not in a._repr_html_()
    pd = pytest.importorskip("pandas")
    df = a.to_df()
    assert isinstance(df, pd.DataFrame) and set(df["verdict"]) == {"voldoet", "deels"}
    advice = graph.advise(domains=["financiën"], level="B")
    assert advice.labels()[0] == "Krachtwerk" and advice[0].rank == 1
    assert list(advice.to_df()["label"]) == advice.labels()
    assert "<table>" in advice._repr_html_()
    assert [x.label for x in graph.compare(["Kansrijk Oost", "Krachtwerk"])] == ["Kansrijk Oost", "Krachtwerk"]


def test_english_labels_of_verdicts(graph_en: kg.KnowledgeGraph):
    a = graph_en.assess("Krachtwerk")
    assert a.to_dict()["criteria"][1]["verdict_text"] == "partly"
    assert a.judgements[0].evidence[1].parts == ("works on several life domains at once",)


@pytest.mark.slow
def test_installed_command_answers(tmp_path):
    exe = Path(sys.executable).with_name("armoede-kg")
    argv = [str(exe)] if exe.exists() else [sys.executable, "-m", "kg.cli.main"]
    done = subprocess.run(
        argv + ["toets", "Krachtwerk", "--format", "json"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["label"] == "Krachtwerk"


def test_readme_session_shows_real_output(run_cli):
    # the README's municipality session: every complete console block is what the command prints
    import shlex

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Advice: which interventions fit", 1)[1].split("\n## ", 1)[0]
    blocks = [b.split("```", 1)[0] for b in section.split("```console\n")[1:]]
    checked = 0
    for block in blocks:
        lines = block.rstrip("\n").split("\n")
        if sum(line.startswith("$ ") for line in lines) != 1 or "\n…\n" in block:
            continue
        argv = shlex.split(lines[0][2:])[1:]
        res = run_cli(*argv)
        assert res.exit_code == 0, res.output
        assert res.output.rstrip("\n") == "\n".join(lines[1:]), argv
        checked += 1
    assert checked >= 3
