"""The dataset cache: reused when the files are unchanged, rebuilt when they change or when the
entry is damaged, written atomically, safe with concurrent runs, off with ARMOEDE_KG_CACHE=0."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest

import kg
from kg.store import cache

PREFIXES = """\
@prefix ak:   <https://w3id.org/armoede-kg/ontologie#> .
@prefix iv:   <https://w3id.org/armoede-kg/id/interventie/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""

QUERY = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?label WHERE { ?i skos:prefLabel ?label } ORDER BY ?label"""

ENGINES = ["rdflib", "oxigraph"]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A small ontology folder: one core file and one document in a kennis/ sub-folder."""
    root = tmp_path / "ontologie"
    (root / "kennis" / "010").mkdir(parents=True)
    (root / "kern.ttl").write_text(PREFIXES + 'ak:Intervention skos:prefLabel "interventie"@nl .\n',
                                   encoding="utf-8")
    (root / "kennis" / "010" / "a.ttl").write_text(
        PREFIXES + 'iv:alfa a ak:Intervention ; skos:prefLabel "Alfa"@nl .\n', encoding="utf-8")
    (root / "kennis" / "010" / "b.ttl").write_text(
        PREFIXES + 'iv:beta a ak:Intervention ; skos:prefLabel "Bèta"@nl ; ak:strengthBased true .\n',
        encoding="utf-8")
    return root


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(folder))
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    return folder


def labels(graph: kg.KnowledgeGraph) -> list[str]:
    return [str(r["label"]) for r in graph.sparql(QUERY)]


def entries(folder: Path, engine: str) -> list[Path]:
    return sorted(folder.glob(f"{engine}-*.bin"))


@pytest.mark.parametrize("engine", ENGINES)
def test_second_load_reads_the_entry_the_first_wrote(data, cache_dir, engine):
    first = kg.load(data, backend=engine)
    assert labels(first) == ["Alfa", "Bèta", "interventie"]
    [entry] = entries(cache_dir, engine)
    os.utime(entry, (1, 1))  # pretend it is old: reading it marks it as used again
    second = kg.load(data, backend=engine)
    assert labels(second) == labels(first)
    assert entry.stat().st_mtime > 1
    assert entries(cache_dir, engine) == [entry]


@pytest.mark.parametrize("engine", ENGINES)
def test_cached_graph_answers_named_queries_and_labels_alike(cache_dir, engine):
    cold = kg.load(backend=engine)
    warm = kg.load(backend=engine)
    args = {"interventie": "Krachtwerk", "leefgebied": "financiën"}
    assert warm.query("versterkers", **args).to_dicts() == cold.query("versterkers", **args).to_dicts()
    assert len(warm.query("versterkers", **args)) == 9
    assert warm.resolve("FINANCIEN", kind="leefgebied") == cold.resolve("financiën", kind="leefgebied")
    assert warm.backend.graphs() == cold.backend.graphs()
    assert entries(cache_dir, engine + "_labels"), "the label index is cached too"


@pytest.mark.parametrize("engine", ENGINES)
def test_changing_a_data_file_invalidates_the_entry(data, cache_dir, engine):
    assert labels(kg.load(data, backend=engine)) == ["Alfa", "Bèta", "interventie"]
    with (data / "kennis" / "010" / "b.ttl").open("a", encoding="utf-8") as fh:
        fh.write('iv:gamma a ak:Intervention ; skos:prefLabel "Gamma"@nl .\n')
    assert labels(kg.load(data, backend=engine)) == ["Alfa", "Bèta", "Gamma", "interventie"]
    assert len(entries(cache_dir, engine)) == 2


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "valid-header-bad-payload"])
def test_a_damaged_entry_is_ignored_and_rebuilt(data, cache_dir, engine, damage):
    kg.load(data, backend=engine)
    [entry] = entries(cache_dir, engine)
    raw = entry.read_bytes()
    if damage == "garbage":
        entry.write_bytes(b"\x00not a cache entry" * 100)
    elif damage == "truncated":
        entry.write_bytes(raw[: len(raw) // 2])
    elif damage == "empty":
        entry.write_bytes(b"")
    else:
        payload = b"\x80\x05this is no pickle and no N-Quads <"
        entry.write_bytes(b"armoede-kg-cache/1\n" + f"{zlib.crc32(payload)} {len(payload)}\n".encode() + payload)
    assert labels(kg.load(data, backend=engine)) == ["Alfa", "Bèta", "interventie"]
    assert entry.read_bytes() == raw, "rebuilt and written again"


GRAPH_QUERY = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?g ?label WHERE { graph ?g { ?i skos:prefLabel ?label } } ORDER BY ?label"""


def graph_labels(graph: kg.KnowledgeGraph) -> list[tuple[str, str]]:
    return [(str(r["g"]).split("/graaf/")[-1], str(r["label"])) for r in graph.sparql(GRAPH_QUERY)]


def test_warm_oxigraph_reads_named_graphs_when_a_query_needs_them(data, cache_dir):
    # from the cache, oxigraph loads the default graph first and the named graphs on demand;
    # a query that names graphs (in any case: `graph ?g`) must still see all of them
    cold = kg.load(data, backend="oxigraph")
    warm = kg.load(data, backend="oxigraph")
    assert labels(warm) == labels(cold)
    expected = [("kennis/010", "Alfa"), ("kennis/010", "Bèta"), ("kern", "interventie")]
    assert graph_labels(warm) == graph_labels(cold) == expected
    assert warm.backend.graphs() == cold.backend.graphs()
    assert len(kg.load(data, backend="oxigraph").backend.store) == len(cold.backend.store)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "missing"])
def test_a_damaged_named_graph_entry_is_rebuilt_from_the_files(data, cache_dir, damage):
    cold = kg.load(data, backend="oxigraph")
    [entry] = entries(cache_dir, "oxigraph_named")
    raw = entry.read_bytes()
    if damage == "garbage":
        entry.write_bytes(b"\x00not a cache entry" * 100)
    elif damage == "truncated":
        entry.write_bytes(raw[: len(raw) // 2])
    else:
        entry.unlink()
    warm = kg.load(data, backend="oxigraph")
    assert graph_labels(warm) == graph_labels(cold)
    assert entry.read_bytes() == raw, "rebuilt and written again"


@pytest.mark.parametrize("off", ["0", "false", "no", "off"])
def test_ARMOEDE_KG_CACHE_0_writes_nothing(data, cache_dir, monkeypatch, off):
    monkeypatch.setenv(cache.CACHE_ENV, off)
    for engine in ENGINES:
        assert labels(kg.load(data, backend=engine)) == ["Alfa", "Bèta", "interventie"]
    assert not cache_dir.exists()


def test_cache_false_writes_nothing(data, cache_dir):
    kg.load(data, backend="rdflib", cache=False)
    assert not cache_dir.exists()


def test_an_unwritable_cache_folder_is_not_an_error(data, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(blocker / "cache"))
    for engine in ENGINES:
        assert labels(kg.load(data, backend=engine)) == ["Alfa", "Bèta", "interventie"]


def test_cache_folder_follows_XDG_CACHE_HOME(tmp_path, monkeypatch):
    monkeypatch.delenv(cache.CACHE_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert cache.cache_dir() == tmp_path / "xdg" / "armoede-kg"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # invalid per the XDG spec: ignored
    if sys.platform.startswith("linux"):
        assert cache.cache_dir() == Path.home() / ".cache" / "armoede-kg"
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(tmp_path / "explicit"))
    assert cache.cache_dir() == tmp_path / "explicit"


def test_old_entries_are_pruned(data, cache_dir):
    target = data / "kern.ttl"
    for i in range(cache.KEEP + 3):
        with target.open("a", encoding="utf-8") as fh:
            fh.write(f'iv:x{i} skos:prefLabel "X{i}"@nl .\n')
        kg.load(data, backend="rdflib")
    assert len(entries(cache_dir, "rdflib")) == cache.KEEP


def test_concurrent_cold_runs_all_succeed_and_leave_one_whole_entry(data, cache_dir):
    script = textwrap.dedent(f"""
        import kg
        g = kg.load({str(data)!r}, backend=__import__("sys").argv[1])
        print(",".join(str(r["label"]) for r in g.sparql({QUERY!r})))
    """)
    env = dict(os.environ, **{cache.CACHE_DIR_ENV: str(cache_dir)})
    procs = [subprocess.Popen([sys.executable, "-c", script, ENGINES[i % 2]], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(8)]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert out.strip() == "Alfa,Bèta,interventie"
    for engine in ENGINES:
        assert len(entries(cache_dir, engine)) == 1
    assert not [p for p in cache_dir.iterdir() if p.name.startswith(".")], "no temporary files left"
    # and the entries they left are sound: a warm run reads them
    for engine in ENGINES:
        assert labels(kg.load(data, backend=engine)) == ["Alfa", "Bèta", "interventie"]


def test_cli_warm_and_cold_print_the_same(run_cli, cache_dir):
    args = ["query", "versterkers", "--interventie", "Krachtwerk", "--leefgebied", "financiën"]
    cold = run_cli("--backend", "rdflib", *args)
    warm = run_cli("--backend", "rdflib", *args)
    assert cold.exit_code == warm.exit_code == 0
    assert warm.output == cold.output
    assert entries(cache_dir, "rdflib")


def test_a_broken_data_file_is_still_reported_with_a_warm_cache(data, cache_dir):
    kg.load(data, backend="rdflib")
    (data / "kern.ttl").write_text(PREFIXES + "ak:Intervention skos:prefLabel .\n", encoding="utf-8")
    for engine in ENGINES:
        with pytest.raises(kg.DataFileError, match=r"kern\.ttl:\d+"):
            kg.load(data, backend=engine)


@pytest.mark.parametrize("query, needs_named_graphs", [
    ("SELECT * WHERE { graph ?g { ?s ?p ?o } }", True),
    ("SELECT * FROM NAMED <urn:x> WHERE { ?s ?p ?o }", True),
    # regression: a comment in versterkers.rq said "graph" and every call read all named graphs
    ("# over every node of the graph\nSELECT * WHERE { ?s ?p ?o }", False),
    ('SELECT * WHERE { ?s ?p "GRAPH" }', False),
    ("SELECT * WHERE { ?s <https://example.org/graph> ?o }", False),
    ("SELECT ?graph WHERE { ?s ak:named ?graph }", False),
])
def test_only_a_graph_keyword_makes_oxigraph_read_the_named_graphs(query, needs_named_graphs):
    from kg.store.oxigraph import reads_named_graphs

    assert reads_named_graphs(query) is needs_named_graphs


def test_uncached_oxigraph_parses_named_graphs_only_when_a_query_needs_them(data, cache_dir, monkeypatch):
    # large input or the cache off: the files go into the default graph (the merge) alone, and
    # into their named graphs on the first query that says GRAPH
    monkeypatch.setenv(cache.CACHE_ENV, "0")
    lazy = kg.load(data, backend="oxigraph")
    assert labels(lazy) == ["Alfa", "Bèta", "interventie"]
    assert not list(lazy.backend._store.named_graphs())  # the merge only: no named graph parsed yet
    assert graph_labels(lazy) == [("kennis/010", "Alfa"), ("kennis/010", "Bèta"), ("kern", "interventie")]
    assert lazy.backend.graphs() == kg.load(data).backend.graphs()


def test_uncached_oxigraph_with_blank_nodes_joins_default_and_named_graphs_like_rdflib(data, cache_dir, monkeypatch):
    # each parse names blank nodes afresh: the default graph must speak of the same nodes as
    # the named graphs once both are loaded (regression: a join across them found nothing)
    monkeypatch.setenv(cache.CACHE_ENV, "0")
    (data / "kennis" / "010" / "c.ttl").write_text(
        PREFIXES + 'iv:gamma ak:hasRole [ a ak:Role ; skos:note "rol"@nl ] .\n', encoding="utf-8")
    join = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
            "SELECT ?note WHERE { ?r skos:note ?note . GRAPH ?g { ?r skos:note ?note } FILTER(isBlank(?r)) }")
    assert [str(r["note"]) for r in kg.load(data, backend="oxigraph").sparql(join)] == ["rol"]
    assert [str(r["note"]) for r in kg.load(data).sparql(join)] == ["rol"]


@pytest.fixture
def shipped(tmp_path: Path, cache_dir: Path) -> Path:
    import shutil

    from kg.paths import ontology_dir

    root = tmp_path / "werkkopie"
    shutil.copytree(ontology_dir(), root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


WERKBLAD = Path(__file__).parent / "data" / "werkblad"


def test_a_refused_toevoegen_leaves_the_label_index_for_the_next_try(shipped, cache_dir, run_cli):
    res = run_cli("--data", str(shipped), "toevoegen", str(WERKBLAD / "invalid" / "onbekend-leefgebied.yaml"))
    assert res.exit_code == 2
    [entry] = entries(cache_dir, "oxigraph_labels")
    # the next try, on the same data, reads it instead of building it
    assert run_cli("--data", str(shipped), "toevoegen", str(WERKBLAD / "valid" / "rapport.yaml")).exit_code == 0
    assert entries(cache_dir, "oxigraph_labels") == [entry]


def test_a_toevoegen_that_writes_stores_no_label_index_of_the_data_it_changed(shipped, cache_dir, run_cli):
    res = run_cli("--data", str(shipped), "toevoegen", str(WERKBLAD / "valid" / "rapport.yaml"))
    assert res.exit_code == 0, res.output
    assert entries(cache_dir, "oxigraph_labels") == []
    # the data as it is now still resolves its labels (and stores that index, as before)
    assert run_cli("--data", str(shipped), "show", "Krachtwerk").exit_code == 0
    assert len(entries(cache_dir, "oxigraph_labels")) == 1


def test_a_damaged_label_index_entry_is_rebuilt_by_toevoegen(shipped, cache_dir, run_cli):
    bad = str(WERKBLAD / "invalid" / "onbekend-leefgebied.yaml")
    first = run_cli("--data", str(shipped), "toevoegen", bad)
    [entry] = entries(cache_dir, "oxigraph_labels")
    entry.write_bytes(entry.read_bytes()[:100])
    again = run_cli("--data", str(shipped), "toevoegen", bad)
    assert again.exit_code == first.exit_code == 2 and again.stderr == first.stderr
    raw = cache.Entry("oxigraph_labels", entry.stem.split("-", 1)[1], cache_dir).read()
    assert raw is not None and cache.restore_labels(raw).resolve("Krachtwerk")  # written whole again
