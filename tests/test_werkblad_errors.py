"""The error catalogue of `toevoegen` (issue 12): every bad werkblad in tests/data/werkblad/invalid
(one case a file, its expected message in a '# expect: ' first line) is refused with a one-line
error naming the file, line and field, exit 2, and the data folder stays byte-identical."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kg.werkblad.werkmap import copy_data

CASES = Path(__file__).parent / "data" / "werkblad" / "invalid"
INVALID = sorted(p for p in CASES.iterdir() if p.suffix in (".yaml", ".csv"))


def expectation(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name} needs a '# expect: …' first line"
    return first[len("# expect: "):]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under folder (hidden ones too: a left-over temp file is a change) → its SHA-256."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def working_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_data(tmp_path_factory.mktemp("werkblad") / "data")


def _case(path: Path) -> object:
    # the cases the SHACL validation of the whole graph refuses take longer than 5 s
    slow = "de graaf zou ongeldig worden" in expectation(path)
    return pytest.param(path, id=path.name, marks=[pytest.mark.slow] if slow else [])


@pytest.mark.parametrize("case", [_case(p) for p in INVALID])
def test_bad_werkblad_is_refused_and_nothing_changes(run_cli, working_copy, case):
    before = snapshot(working_copy)
    res = run_cli("--data", str(working_copy), "toevoegen", str(case))
    assert res.exit_code == 2, res.output
    message = res.stderr.strip()
    assert expectation(case) in message
    assert len(message.splitlines()) == 1 and "Traceback" not in res.output
    assert snapshot(working_copy) == before


def test_toevoegen_refuses_the_installed_data_and_says_how_to_copy(run_cli):
    from kg.paths import ontology_dir

    before = snapshot(ontology_dir())
    good = Path(__file__).parent / "data" / "werkblad" / "valid" / "rapport.yaml"
    for args in (("toevoegen", str(good)), ("--data", str(ontology_dir()), "toevoegen", str(good))):
        res = run_cli(*args)
        assert res.exit_code == 2
        assert "armoede-kg kopie MAP" in res.stderr
    assert snapshot(ontology_dir()) == before


def test_missing_werkblad_file_is_named(run_cli, working_copy, tmp_path):
    res = run_cli("--data", str(working_copy), "toevoegen", str(tmp_path / "weg.yaml"))
    assert res.exit_code == 2
    assert "weg.yaml: bestand bestaat niet" in res.stderr


def test_errors_in_english(run_cli, working_copy):
    res = run_cli("--data", str(working_copy), "toevoegen", "--lang", "en", str(CASES / "verkeerd-type-janee.yaml"))
    assert res.exit_code == 2
    assert "interventies[0].krachtgericht: expected ja or nee, not 'misschien'" in res.stderr


def test_kopie_refuses_a_folder_that_is_not_empty(run_cli, working_copy):
    res = run_cli("kopie", str(working_copy))
    assert res.exit_code == 2
    assert "bestaat al en is niet leeg" in res.stderr
