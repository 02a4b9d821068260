"""The CLI: one subcommand per named query, show, search, stats, output formats."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import kg
from kg.paths import queries_dir
from kg.query.named import load_named_queries


def test_query_help_lists_every_named_query_with_its_dutch_title(run_cli):
    res = run_cli("query", "--help")
    assert res.exit_code == 0
    for q in load_named_queries(queries_dir()).values():
        if not q.name.startswith("statistiek-"):
            assert q.name in res.output
    assert "Versterkers die een interventie aanvullen" in res.output


def test_subcommand_help_comes_from_the_rq_header(run_cli):
    res = run_cli("query", "versterkers", "--help")
    assert "--interventie" in res.output and "--leefgebied" in res.output
    assert "[soort: interventie]" in res.output


def test_missing_required_option_is_a_usage_error(run_cli):
    res = run_cli("query", "versterkers")
    assert res.exit_code == 2 and "--interventie" in res.output


def test_unknown_query_suggests(run_cli):
    res = run_cli("query", "versterker", "--interventie", "Krachtwerk")
    assert res.exit_code == 2 and "bedoelde u: versterkers" in res.output


def test_csv_and_tsv_have_all_columns_and_rows(run_cli):
    for fmt, delim in (("csv", ","), ("tsv", "\t")):
        res = run_cli("query", "integrale-interventies", "--format", fmt)
        rows = list(csv.reader(io.StringIO(res.output), delimiter=delim))
        assert rows[0][:2] == ["interventie", "interventieLabel"]
        assert len(rows) == 1 + 8


def test_markdown_table(run_cli):
    res = run_cli("query", "integrale-interventies", "--niveau", "C", "--format", "md")
    lines = res.output.strip().splitlines()
    assert lines[0].startswith("| interventieLabel |")
    assert len(lines) == 2 + 2
    assert any("Samen Sportief in Beweging" in line for line in lines)


def test_english_labels_where_they_exist(run_cli):
    res = run_cli("query", "versterkers", "--interventie", "Krachtwerk", "--leefgebied", "finances"[:0] + "financiën",
                  "--lang", "en")
    assert "Financial situation" in res.output and "international" in res.output


def test_show_prints_statements_per_document(run_cli):
    res = run_cli("show", "Kansrijk Oost")
    assert res.exit_code == 0
    assert "<https://w3id.org/armoede-kg/id/interventie/kansrijk-oost>" in res.output
    assert "Personen en gezinnen in armoede" in res.output
    assert "kennis/000" in res.output


def test_show_json(run_cli):
    res = run_cli("show", "Krachtwerk", "--format", "json")
    facts = json.loads(res.output)
    graphs = {f["graaf"] for f in facts}
    assert {"kennis/000", "kennis/001"} <= {g.split("graaf/")[-1] if "graaf/" in g else g for g in graphs} or graphs


def test_search_finds_by_part_of_a_label(run_cli):
    res = run_cli("search", "mindfulness", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(res.output)))
    labels = {r["label"] for r in rows}
    assert {"Family-based mindfulness intervention", "Mindfulness-based intervention"} <= labels


def test_search_without_hits_exits_1(run_cli):
    res = run_cli("search", "zzzqqq")
    assert res.exit_code == 1


def test_stats_counts_classes_per_document(run_cli):
    res = run_cli("stats", "--format", "json")
    doc = json.loads(res.output)
    boosters = [c for c in doc["classes"] if c["klasse"].endswith("#BoosterRole")]
    assert boosters and boosters[0]["aantal"] == 27 and boosters[0]["graaf"].endswith("kennis/000")
    assert set(doc["graphs"]) >= {f"https://w3id.org/armoede-kg/graaf/kennis/00{i}" for i in range(5)}


def test_output_file_is_not_overwritten_without_force(run_cli, tmp_path):
    out = tmp_path / "uit.csv"
    assert run_cli("query", "erkend", "--format", "csv", "--out", str(out)).exit_code == 0
    first = out.read_text(encoding="utf-8")
    res = run_cli("query", "erkend", "--format", "json", "--out", str(out))
    assert res.exit_code == 2 and "--force" in res.output
    assert out.read_text(encoding="utf-8") == first
    assert run_cli("query", "erkend", "--format", "json", "--out", str(out), "--force").exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["head"]["vars"]


# -- the console script: it leaves without the interpreter's teardown (kg.cli.main.entry) --------

def _console(*args: str, stdin: str = "", prelude: str = "") -> subprocess.CompletedProcess[str]:
    """Run kg.cli.main.entry() in a fresh interpreter, as the installed armoede-kg does."""
    code = (f"import sys\n{prelude}\nsys.argv = ['armoede-kg', *{list(args)!r}]\n"
            "import kg.cli.main\nkg.cli.main.entry()\n")
    return subprocess.run([sys.executable, "-c", code], input=stdin, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


def test_console_script_flushes_all_output_through_a_pipe(run_cli):
    # 15 000 rows (~2 MB) is far more than a pipe buffer holds: nothing may be lost at the fast exit
    args = ("sparql", "-", "--format", "csv")
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 15000"
    res = _console(*args, stdin=query)
    assert res.returncode == 0, res.stderr
    assert len(list(csv.reader(io.StringIO(res.stdout)))) == 15001
    assert res.stdout == run_cli(*args, input=query).output


def test_console_script_keeps_the_exit_codes():
    assert _console("search", "qqqqqqqq").returncode == 1
    bad = _console("query", "versterkers", "--interventie", "Geen-Bestaande-Interventie")
    assert bad.returncode == 2
    assert bad.stderr.startswith("fout: onbekend label") and "Traceback" not in bad.stderr
    assert _console("query", "bestaat-niet").returncode == 2  # a usage error


def test_console_script_still_runs_exit_handlers():
    res = _console("--version", prelude="import atexit; atexit.register(lambda: print('opgeruimd'))")
    assert res.returncode == 0
    assert res.stdout.splitlines() == [f"armoede-kg, version {kg.__version__}", "opgeruimd"]
