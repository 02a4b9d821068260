"""The parts of kg.werkblad on their own: the template reads, the slug rule of the modelling
guide, deterministic Turtle, the mapping table, and diff of two git revisions, where a renamed
label and a moved mention are each the change of one resource."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg.paths import ontology_dir
from kg.werkblad.build import slug
from kg.werkblad.mapping import TABLE, mapping
from kg.werkblad.reader import read
from kg.werkblad.turtle import MARK, serialize

VALID = Path(__file__).parent / "data" / "werkblad" / "valid"


def test_the_template_is_a_werkblad(run_cli, tmp_path):
    res = run_cli("sjabloon")
    assert res.exit_code == 0
    path = tmp_path / "w.yaml"
    path.write_text(res.stdout, encoding="utf-8")
    wb = read(path)
    assert wb.document.values["id"] == "voorbeeld-2024"
    assert [e.values["naam"] for e in wb.interventions] == ["Wijkschuldhulp Voorbeeld", "Krachtwerk"]
    # every field of the mapping table is explained in it or documented in the table
    assert all(f.help for section in ("document", "interventie", "locatie", "erkenning")
               for f in mapping().section(section))


def test_csv_and_yaml_give_the_same_kind_of_records():
    wb = read(VALID / "tabel.csv")
    assert wb.document.values["id"] == "testtabel-2025"
    first = wb.interventions[0]
    assert first.values["andere_namen"] == ["BBC", "Budgetcafé Test"]
    assert first.values["locatie"][0].pages == (4, 4)
    assert first.at.line == 3  # the comment line counts
    assert wb.interventions[1].values["leefgebieden"] == ["ervaren gezondheid", "financiële situatie"]


@pytest.mark.parametrize(("label", "expected"), [
    ("Financiën in de Spreekkamer", "financien-in-de-spreekkamer"),
    ("8TING", "8ting"),
    ("Regie op financiële gegevens & FiKks-app", "regie-op-financiele-gegevens-fikks-app"),
    ("Triple P®", "triple-p"),
])
def test_slug_rule_of_the_modelling_guide(label, expected):
    assert slug(label) == expected


def test_turtle_is_the_same_bytes_whatever_the_order_of_the_triples():
    triples = [(URIRef("https://w3id.org/armoede-kg/id/interventie/x"), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
                Literal("X \"quoted\"\nline", lang="nl")),
               (URIRef("https://w3id.org/armoede-kg/id/interventie/x"), URIRef("https://w3id.org/armoede-kg/ontologie#strengthBased"),
                Literal(True)),
               (URIRef("https://w3id.org/armoede-kg/id/vermelding/t-x"), URIRef("https://w3id.org/armoede-kg/ontologie#startPage"),
                Literal(3))]
    a, b = Graph(), Graph()
    for t in triples:
        a.add(t)
    for t in reversed(triples):
        b.add(t)
    text = serialize(a, "test")
    assert text == serialize(b, "test") and text.startswith(MARK)
    back = Graph().parse(data=text, format="turtle")
    assert set(back) == set(a)


def test_mapping_table_names_only_declared_terms():
    kern = Graph().parse(ontology_dir() / "kern.ttl")
    for section in ("document", "interventie", "locatie", "erkenning"):
        for f in mapping().section(section):
            for prop in f.properties:
                if str(prop).startswith("https://w3id.org/armoede-kg/ontologie#"):
                    assert (prop, None, None) in kern, f"{TABLE.name}: {f.name} → {prop} is not in kern.ttl"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True,
                   capture_output=True)


@pytest.mark.slow
def test_diff_of_two_git_revisions_shows_a_rename_and_a_moved_mention_as_changes_of_one_resource(run_cli, tmp_path):
    repo = tmp_path / "repo"
    data = repo / "data"
    shutil.copytree(ontology_dir(), data, ignore=shutil.ignore_patterns("__pycache__"))
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "start")
    path = data / "kennis" / "000.ttl"
    text = path.read_text(encoding="utf-8")
    text = text.replace('skos:prefLabel "Budgetcursus"@nl', 'skos:prefLabel "Budgetcursus Plus"@nl', 1)
    block = text.index("vml:000-8ting-bijlage3 a ak:Mention")
    end = text.index(" .\n", block)
    text = text[:block] + text[block:end].replace('"376"', '"375"') + text[end:]
    path.write_text(text, encoding="utf-8")
    _git(repo, "commit", "-qam", "rename and move")
    res = run_cli("diff", f"HEAD~1:{data}", f"HEAD:{data}", "--format", "json")
    assert res.exit_code == 1, res.output
    doc = json.loads(res.stdout)
    assert doc["grafen"] == {"kennis/000": {"toegevoegd": 3, "verwijderd": 3}}
    changed = {r["label"]: r for r in doc["resources"]}
    assert set(changed) == {"Budgetcursus Plus", "8TING"}
    assert {r["wijziging"] for r in changed.values()} == {"gewijzigd"}
    assert changed["Budgetcursus Plus"]["toegevoegd"] == [["voorkeurslabel", "Budgetcursus Plus@nl"]]
    assert changed["Budgetcursus Plus"]["verwijderd"] == [["voorkeurslabel", "Budgetcursus@nl"]]
    [(prop, moved)] = changed["8TING"]["toegevoegd"]
    assert prop == "vermeld in" and "eerste regel=375" in moved
    # the working tree is the same as HEAD: no change
    assert run_cli("diff", f"HEAD:{data}", str(data)).exit_code == 0
