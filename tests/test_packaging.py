"""`pip install .` gives `import kg` and a working `armoede-kg` from any directory: the Turtle
and .rq files ship inside the wheel, and only `kg` is a top-level name."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(ROOT)], check=True)
    [whl] = out.glob("armoede_kg-*.whl")
    return whl


def test_wheel_ships_data_and_only_kg_top_level(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"kg"}
    assert "kg/ontologie/kern.ttl" in names and "kg/ontologie/vormen.ttl" in names
    assert "kg/queries/versterkers.rq" in names and "kg/queries/qc/verwijzing-naar-niets.rq" in names
    assert any(n.startswith("kg/ontologie/kennis/004/") for n in names)
    assert "kg/cli/main.py" in names
    assert "kg/queries/kolommen.csv" in names  # the English column headings (--lang en)
    assert "kg/werkblad/velden.yaml" in names and "kg/werkblad/sjabloon.yaml" in names
    shipped = {n for n in names if n.endswith((".ttl", ".rq"))}
    on_disk = {f"kg/{p.relative_to(ROOT).as_posix()}" for d in ("ontologie", "queries")
               for p in (ROOT / d).rglob("*") if p.suffix in (".ttl", ".rq")}
    assert shipped == on_disk


@pytest.mark.slow
def test_installed_cli_answers_from_another_directory(wheel: Path, tmp_path: Path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True)
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    res = subprocess.run([str(env_dir / "bin" / "armoede-kg"), "query", "versterkers", "--interventie",
                          "Krachtwerk", "--leefgebied", "financiën", "--format", "csv"],
                         cwd=elsewhere, capture_output=True, text=True,
                         env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert res.returncode == 0, res.stderr
    lines = res.stdout.strip().splitlines()
    assert len(lines) == 10 and any("Building financial wellness" in line for line in lines)
    imp = subprocess.run([str(py), "-c", "import kg, kg.paths; print(kg.paths.ontology_dir())"],
                         cwd=elsewhere, capture_output=True, text=True)
    assert "site-packages/kg/ontologie" in imp.stdout
    # werkbladen: the template ships; the installed data is never written into
    cli = str(env_dir / "bin" / "armoede-kg")
    template = subprocess.run([cli, "sjabloon"], cwd=elsewhere, capture_output=True, text=True)
    assert template.returncode == 0 and "interventies:" in template.stdout
    (elsewhere / "w.yaml").write_text(template.stdout, encoding="utf-8")
    installed = imp.stdout.strip()
    refused = subprocess.run([cli, "--data", installed, "toevoegen", "w.yaml"], cwd=elsewhere, capture_output=True,
                             text=True)
    assert refused.returncode == 2 and "armoede-kg kopie MAP" in refused.stderr
