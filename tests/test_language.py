"""One language per command-line call, and the table that shows whole values and unstated
claims (issue #11, items 4, 6, 10 and 19)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from kg.cli.formatting import MAX_CELL
from kg.cli.main import main

import kg
from kg.errors import KgError, KgValueError, QueryError


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    res = CliRunner().invoke(main, list(args), catch_exceptions=False, env=env)
    return res.exit_code, res.output


@pytest.mark.parametrize(("args", "env", "english"), [
    (["query", "erkend"], None, False),
    (["query", "erkend", "--lang", "en"], None, True),
    (["--lang", "en", "query", "erkend"], None, True),
    (["query", "erkend"], {"ARMOEDE_KG_LANG": "en"}, True),
    (["--lang", "en", "query", "erkend", "--lang", "nl"], None, False),  # the command's own wins
    (["query", "erkend", "--lang", "nl"], {"ARMOEDE_KG_LANG": "en"}, False),
])
def test_the_language_of_a_call(args, env, english):
    code, out = _run(*args, env=env)
    assert code == 0
    last = out.strip().splitlines()[-1]
    assert last.endswith("rows)" if english else "rijen)"), last
    header = out.splitlines()[0]
    assert header.split()[0] == ("intervention" if english else "interventieLabel")


def test_errors_follow_the_language():
    assert _run("query", "theorieen", "--interventie", "Krachtwrek")[1].strip() == \
        "fout: onbekend label 'Krachtwrek' (soort: interventie); bedoelde u: Krachtwerk?"
    assert _run("--lang", "en", "query", "theorieen", "--interventie", "Krachtwrek")[1].strip() == \
        "error: unknown label 'Krachtwrek' (kind: intervention); did you mean: Krachtwerk?"
    # a query name that does not exist is found before the command's --lang is parsed
    assert "unknown query 'versterker'; did you mean: versterkers?" in _run("query", "versterker", "--lang", "en")[1]


def test_every_result_column_has_an_english_heading(graph):
    from kg.cli.formatting import _english_columns

    known = _english_columns()
    for name, q in graph.named_queries.items():
        table = graph.query(name, **{p.name: _sample(p.kind) for p in q.params if p.required})
        missing = [c for c in table.columns if c.removesuffix("Label").rstrip("0123456789") not in known]
        assert not missing, f"{name}: add {missing} to queries/kolommen.csv"


def _sample(kind: str) -> str:
    return {"interventie": "Krachtwerk", "leefgebied": "financiën", "theorie": "schaarste", "niveau": "A",
            "bron": "000", "gemeente": "Meppel", "instrument": "Krachtkompas", "entiteit": "Krachtwerk",
            "erkenning": "Effectief", "text": "stress", "integer": "2"}[kind]


# -- item 4: unstated is not "no" ------------------------------------------------------------------

def test_unstated_claims_say_so_and_no_intervention_is_left_out(graph):
    code, out = _run("query", "krachtgericht")
    assert code == 0 and "false" not in out
    rows = {line.split("  ")[0].strip(): line for line in out.splitlines()[2:-1]}
    # 000 l. 71 names six of the eight integral interventions; of the other two it says nothing
    assert "Financiën in de Spreekkamer" in rows and "Samen Sportief in Beweging" in rows
    assert rows["Samen Sportief in Beweging"].count("niet vermeld") == 3
    assert "ja" in rows["Krachtwerk"].split() and "niet vermeld" in rows["De Geweldige Wijk"]
    en = _run("query", "krachtgericht", "--lang", "en")[1]
    assert "not stated" in en and "niet vermeld" not in en


def test_unstated_claims_are_empty_in_machine_formats(graph):
    table = graph.query("krachtgericht")
    by_name = {str(r["interventieLabel"]): r for r in table}
    assert by_name["De Geweldige Wijk"]["krachtgericht"].term is None  # unbound, not false
    assert by_name["Krachtwerk"]["krachtgericht"].value is True
    csv_out = _run("query", "krachtgericht", "--format", "csv")[1]
    assert "false" not in csv_out and "niet vermeld" not in csv_out


# -- item 10: whole values -------------------------------------------------------------------------

def test_wrap_shows_values_whole():
    q = "SELECT ?d WHERE { iv:krachtwerk ak:underpinning ?d } ORDER BY ?d LIMIT 1"
    cut = CliRunner().invoke(main, ["sparql", "-"], input=q).output
    whole = CliRunner().invoke(main, ["sparql", "-", "--wrap"], input=q).output
    assert "…" in cut
    value = kg.load().sparql(q).rows[0]["d"].value
    assert len(value) > MAX_CELL
    assert " ".join(line.strip() for line in whole.splitlines()[2:-1]) == " ".join(value.split())
    assert all(len(line) <= MAX_CELL for line in whole.splitlines()[2:-1])
    md = CliRunner().invoke(main, ["sparql", "-", "--wrap", "--format", "md"], input=q).output
    assert " ".join(value.split()) in md


# -- item 19: library errors --------------------------------------------------------------------

@pytest.mark.parametrize("call", [lambda: kg.load(backend="sqlite"), lambda: kg.load(lang="fr"),
                                  lambda: kg.load(backend="remote")])
def test_bad_arguments_are_value_errors_with_english_text(call):
    with pytest.raises(ValueError) as info:
        call()
    assert isinstance(info.value, KgValueError) and isinstance(info.value, KgError)
    assert not isinstance(info.value, QueryError)
    assert info.value.message("en") != info.value.message("nl")
    assert "--" not in info.value.message("nl") and "--" not in info.value.message("en")


def test_an_unknown_label_is_a_lookup_error(graph_en):
    with pytest.raises(LookupError) as info:
        graph_en.get("Bestaatniet")
    assert info.value.message("en").startswith("unknown label 'Bestaatniet'")  # type: ignore[attr-defined]
