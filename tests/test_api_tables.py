"""Query results (ResultTable, from query/sparql) and lists of objects (Results) have one
table interface, used as a notebook user would: to_df() (columns kept when empty), a
notebook table, a readable str(), flat CSV. Expected values come from the rows themselves
and from independent SPARQL."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest

import kg
from kg.errors import OutputError
from kg.model.entities import Results
from kg.query.results import ResultTable

PREFIX = "PREFIX ak: <https://w3id.org/armoede-kg/ontologie#>\n"
TABLES: dict[str, Callable[[kg.KnowledgeGraph], Any]] = {
    "named-query": lambda g: g.query("versterkers", interventie="Krachtwerk", leefgebied="financiën"),
    "sparql": lambda g: g.sparql(PREFIX + "SELECT ?i ?t WHERE { ?i ak:basedOn ?t } ORDER BY ?i ?t"),
    "empty-sparql": lambda g: g.sparql(PREFIX + "SELECT ?x ?y WHERE { ?x ak:bestaatNiet ?y }"),
    "interventions": lambda g: g.interventions(role="integraal"),
    "paths": lambda g: g.paths("De Geweldige Wijk", "Mullainathan & Shafir (2013)", max_length=2),
    "centrality": lambda g: g.central("theorie"),
}
SHARED = ("to_df", "to_csv", "flat_dicts", "to_text", "_repr_html_", "__str__")
INTERFACE = (*SHARED, "to_dicts", "table_columns")


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.heads: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self._in = tag
            if tag == "td":
                self.rows[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "th":
            self.heads.append(data)
        elif self._in == "td":
            self.rows[-1][-1] += data


@pytest.fixture(params=sorted(TABLES))
def table(request, graph):
    return TABLES[request.param](graph)


def test_query_results_and_object_lists_share_one_implementation():
    for name in SHARED:
        assert getattr(ResultTable, name) is getattr(Results, name), name


def test_every_table_has_the_interface(table):
    for name in INTERFACE:
        assert callable(getattr(table, name)), name


def test_to_df_has_the_columns_in_order_also_when_empty(table):
    pytest.importorskip("pandas")
    df = table.to_df()
    assert len(df) == len(table)
    if isinstance(table, ResultTable):
        assert list(df.columns) == list(table.columns)  # regression: an empty result lost them
    assert list(df.columns) == table.table_columns()
    if len(table):
        first = table.to_dicts()[0]
        assert {c: df.iloc[0][c] for c in first if isinstance(first[c], str)} == \
            {c: v for c, v in first.items() if isinstance(v, str)}


def test_empty_query_result_keeps_its_columns(graph):
    pd = pytest.importorskip("pandas")
    empty = TABLES["empty-sparql"](graph)
    assert len(empty) == 0
    assert list(empty.to_df().columns) == ["x", "y"]
    assert isinstance(empty.to_df(), pd.DataFrame)
    assert empty.to_csv() == "x,y\n"


def test_notebook_table_has_a_header_and_a_row_per_record(table):
    cells = _Cells()
    cells.feed(table._repr_html_())
    shown = table._shown_columns()
    assert cells.heads[: len(shown)] == shown
    body = [r for r in cells.rows if r]
    assert len(body) == max(len(table), 1)
    if len(table):
        first = table.to_dicts()[0]
        for col, text in zip(shown, body[0]):
            value = first[col]
            if isinstance(value, str):
                assert text.rstrip("…") in " ".join(value.split())


def test_str_is_a_readable_table_without_iris_where_labels_are(graph):
    result = TABLES["named-query"](graph)
    text = str(result)
    lines = text.splitlines()
    assert lines[0].split() == ["versterkerLabel", "leefgebiedLabel", "reikwijdteLabel"]
    assert len(lines) == 2 + len(result)
    for row in result:
        assert str(row["versterkerLabel"]) in text
    assert "https://" not in text
    assert repr(result).startswith("ResultTable(")  # repr stays short


def test_str_of_an_object_list_has_title_and_labels(graph):
    integral = graph.interventions(role="integraal")
    lines = str(integral).splitlines()
    assert lines[0] == f"interventies ({len(integral)})"
    assert lines[1].split()[0] == "label"
    assert [ln.split("  ")[0] for ln in lines[3:]] == integral.labels()


def test_to_text_without_width_shows_whole_values(graph):
    integral = graph.interventions(role="integraal")
    longest = max((t for i in integral for t in i.target_groups), key=len)
    assert len(longest) > 60
    assert " ".join(longest.split()) not in integral.to_text()
    assert " ".join(longest.split()) in integral.to_text(width=None)


def test_list_columns_flatten_for_csv(graph, tmp_path):
    integral = graph.interventions(role="integraal")
    krachtwerk = graph.get("Krachtwerk")
    flat = {r["label"]: r for r in integral.flat_dicts(" | ")}
    assert flat["Krachtwerk"]["theories"] == " | ".join(t.label for t in krachtwerk.theories)
    parsed = list(csv.DictReader(io.StringIO(integral.to_csv())))
    assert [r["label"] for r in parsed] == integral.labels()
    row = next(r for r in parsed if r["label"] == "Krachtwerk")
    assert row["theories"] == "; ".join(t.label for t in krachtwerk.theories)
    assert row["iri"] == str(krachtwerk.iri) and "[" not in row["theories"]
    out = integral.to_csv(tmp_path / "integraal.csv")
    assert out.read_text(encoding="utf-8") == integral.to_csv()
    with pytest.raises(OutputError):
        integral.to_csv(out)
    assert integral.to_csv(out, force=True) == out


def test_flattened_dataframe_has_no_list_cells(graph):
    pytest.importorskip("pandas")
    df = graph.interventions(role="integraal").to_df(flatten="; ")
    assert not any(isinstance(v, (list, tuple)) for col in df.columns for v in df[col])
    assert any(isinstance(v, list) for v in graph.interventions(role="integraal").to_df()["theories"])


def test_query_csv_matches_the_rows(graph):
    result = TABLES["sparql"](graph)
    parsed = list(csv.reader(io.StringIO(result.to_csv())))
    assert parsed[0] == ["i", "t"]
    assert parsed[1:] == [[str(r["i"]), str(r["t"])] for r in result]


def test_table_doctests_run():
    import doctest

    from kg import table
    from kg.query import results

    outcomes = [doctest.testmod(m) for m in (table, results)]
    assert sum(r.attempted for r in outcomes) >= 4 and sum(r.failed for r in outcomes) == 0
