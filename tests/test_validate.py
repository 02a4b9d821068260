"""SHACL shapes and the SPARQL quality checks: the shipped graph is conform, every broken
fixture is caught with a readable message (LinkML-style valid/invalid fixtures)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
VALID = sorted((DATA / "valid").glob("*.ttl"))
INVALID = sorted((DATA / "invalid").glob("*.ttl"))


def _expectation(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name} needs a '# expect: …' header"
    return first[len("# expect: "):]


def test_shipped_graph_is_conform(run_cli):
    res = run_cli("validate")
    assert res.exit_code == 0, res.output
    assert res.output.strip() == "conform"


def test_shipped_graph_report_as_json(run_cli):
    res = run_cli("validate", "--format", "json")
    doc = json.loads(res.output)
    assert doc["conforms"] is True
    assert doc["triples"] > 10000
    assert doc["violations"] == []


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_fixture_is_conform(run_cli, path):
    res = run_cli("validate", str(path))
    assert res.exit_code == 0, res.output


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_is_caught(run_cli, path):
    res = run_cli("validate", str(path))
    assert res.exit_code == 1, res.output
    lines = res.output.strip().splitlines()
    assert lines[-1].startswith("niet conform: ")
    assert _expectation(path) in res.output
    # one readable line per violation: "label <iri>: path: message [check]"
    for line in lines[:-1]:
        assert "<https://w3id.org/armoede-kg/" in line and line.rstrip().endswith("]")


def test_invalid_fixture_json_names_focus_path_and_message(run_cli):
    res = run_cli("validate", "--format", "json", str(DATA / "invalid" / "versterker-twee-leefgebieden.ttl"))
    assert res.exit_code == 1
    doc = json.loads(res.output)
    assert doc["conforms"] is False
    [v] = doc["violations"]
    assert v["focus"] == "https://w3id.org/armoede-kg/id/rol/test"
    assert v["path"] == "ak:lifeDomain"
    assert v["check"] == "shacl"


def test_messages_in_english(run_cli):
    res = run_cli("validate", "--lang", "en", str(DATA / "invalid" / "versterker-zonder-leefgebied.ttl"))
    assert res.exit_code == 1
    assert "a booster has exactly one life domain" in res.output


def test_broken_turtle_stops_validation_with_exit_2(run_cli, tmp_path):
    bad = tmp_path / "kapot.ttl"
    bad.write_text('@prefix ak: <https://w3id.org/armoede-kg/ontologie#> .\n<a:x> ak:goal "open\n', encoding="utf-8")
    res = run_cli("validate", str(bad))
    assert res.exit_code == 2
    assert "kapot.ttl:2:" in res.output and "Traceback" not in res.output


def test_every_invalid_fixture_differs_from_the_valid_one_by_one_problem():
    # Guards the fixtures themselves: each invalid case is one idea, with its expectation stated.
    for p in INVALID:
        assert _expectation(p)


def test_no_preferred_label_repeated_as_alternative_label_skos_s13(graph):
    # issue 11: "Individuele Plaatsing en Steun" and "Individuele Rehabilitatie Benadering" had
    # the same literal as prefLabel and altLabel; the qc check voorkeurslabel-ook-alternatief
    # finds this anywhere in the union graph.
    violations = [v for v in graph.validate().violations if v.check == "voorkeurslabel-ook-alternatief"]
    assert violations == []
    for iv, label in (("individuele-plaatsing-en-steun", "Individuele Plaatsing en Steun"),
                      ("individuele-rehabilitatie-benadering", "Individuele Rehabilitatie Benadering")):
        rows = graph.sparql(f"""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            SELECT ?p WHERE {{ <https://w3id.org/armoede-kg/id/interventie/{iv}> ?p "{label}"@nl }}""")
        assert sorted(r["p"].value for r in rows) == ["http://www.w3.org/2004/02/skos/core#prefLabel"]


# the invalid fixture that breaks each quality check, where its name is not the check's own
QC_FIXTURE = {"entiteit-zonder-herkomst": "interventie-zonder-vermelding",
              "meerdere-voorkeurslabels": "interventie-twee-nederlandse-labels",
              "onbekende-term": "onbekende-eigenschap",
              "regels-ongeldig": "vermelding-regels-omgekeerd",
              "term-zonder-definitie": "term-twee-nederlandse-labels"}
QC_CHECKS = sorted(p.stem for p in (Path(__file__).parents[1] / "queries" / "qc").glob("*.rq"))


@pytest.mark.parametrize("check", QC_CHECKS)
def test_quality_check_messages_in_english(run_cli, check):
    # regression: the SPARQL quality checks answered in Dutch under --lang en; every check,
    # on a fixture that breaks it
    path = DATA / "invalid" / f"{QC_FIXTURE.get(check, check)}.ttl"

    def qc_lines(lang: str) -> list[str]:
        res = run_cli("validate", "--lang", lang, str(path))
        assert res.exit_code == 1
        return [line for line in res.output.splitlines()[:-1] if line.endswith(f"[{check}]")]

    dutch, english = qc_lines("nl"), qc_lines("en")
    assert dutch, f"{path.name} does not break {check}"
    assert len(dutch) == len(english)
    assert not set(dutch) & set(english), "the same message in both languages"
