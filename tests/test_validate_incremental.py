"""Validating only what changed (issue #12) finds exactly what a full validation finds.

Each case: a working copy of the shipped data is validated once in full (that leaves the
record), then changed — a fixture added as a new document, a document edited, a document
removed — and validated again: the incremental report must equal a full one of the same data,
for every valid and invalid fixture, with pyshacl-turbo and with pyshacl."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

import kg
from kg.paths import ontology_dir
from kg.store import cache
from kg.store.loader import load_shapes
from kg.terms import AK
from kg.validate.reach import BACKWARD, FORWARD, reach_of

DATA = Path(__file__).parent / "data"
FIXTURES = sorted((DATA / "valid").glob("*.ttl")) + sorted((DATA / "invalid").glob("*.ttl"))
# make test runs these three of the fixtures; CI runs them all
QUICK = {"versterker.ttl", "versterker-zonder-leefgebied.ttl", "rol-zonder-document.ttl"}


def _fixture(path: Path) -> object:
    return pytest.param(path, id=f"{path.parent.name}-{path.stem}",
                        marks=[] if path.name in QUICK else [pytest.mark.slow])


@pytest.fixture(scope="module")
def shipped_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("data") / "ontologie"
    shutil.copytree(ontology_dir(), root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


@pytest.fixture
def data(shipped_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "ontologie"
    shutil.copytree(shipped_copy, root)
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    return root


def _validate(root: Path, engine: str = "auto", full: bool = False) -> kg.ValidationReport:
    return kg.load(root, backend="oxigraph").validate(engine, full=full)


def _rows(report: kg.ValidationReport) -> list[object]:
    """SHACL rows whole; quality-check rows by focus, path and check (both runs run the same
    queries, but a GROUP_CONCAT in a message may list its parts in another order)."""
    shacl = [v.as_dict() for v in report.violations if v.check == "shacl"]
    return [*shacl, *sorted((v.focus, v.path, v.check) for v in report.violations if v.check != "shacl")]


def _same_as_full(root: Path, engine: str = "auto") -> kg.ValidationReport:
    """Validate incrementally, then in full; assert both found the same; the incremental report."""
    incremental = _validate(root, engine)
    full = _validate(root, engine, full=True)
    assert full.shacl_scope is None
    assert _rows(incremental) == _rows(full)
    assert incremental.conforms == full.conforms
    assert incremental.checked_triples == full.checked_triples
    return incremental


@pytest.mark.parametrize("fixture", [_fixture(p) for p in FIXTURES])
def test_a_document_added_gives_what_a_full_validation_gives(data, fixture):
    assert _validate(data).conforms  # leaves the record
    shutil.copy(fixture, data / "kennis" / f"zz-{fixture.name}")
    report = _same_as_full(data)
    assert report.shacl_scope is not None, "validated everything: the change was not narrowed down"
    assert report.shacl_scope.changed_files == [str((data / "kennis" / f"zz-{fixture.name}").resolve())]


@pytest.mark.parametrize("engine", ["turbo", "pyshacl"])
@pytest.mark.parametrize("fixture", ["versterker-zonder-leefgebied.ttl", "rol-zonder-document.ttl"])
def test_both_engines_validate_the_change_alike(data, fixture, engine):
    path = DATA / "invalid" / fixture
    assert path.exists()
    assert _validate(data, engine).conforms
    shutil.copy(path, data / "kennis" / "zz.ttl")
    report = _same_as_full(data, engine)
    assert report.shacl_scope is not None and not report.conforms


def _edit(path: Path, predicate: URIRef, limit: int | None) -> None:
    """Remove the first `limit` triples (all: None) with this predicate and write the file anew."""
    g = Graph().parse(path, format="turtle")
    doomed = sorted(g.triples((None, predicate, None)))[:limit]
    assert doomed, f"{predicate} is not in {path.name}"
    for t in doomed:
        g.remove(t)
    path.write_text(g.serialize(format="turtle"), encoding="utf-8")


@pytest.mark.parametrize("limit", [1, pytest.param(None, marks=pytest.mark.slow)], ids=["one", "all"])
@pytest.mark.parametrize("predicate", [AK.inDocument, SKOS.prefLabel, AK.startLine, AK.hasRole, RDF.type,
                                       SKOS.inScheme, AK.lifeDomain],
                         ids=lambda p: str(p).rsplit("#", 1)[-1].rsplit("/", 1)[-1])
def test_an_edited_document_gives_what_a_full_validation_gives(data, predicate, limit):
    assert _validate(data).conforms
    target = data / ("schemas/zrm.ttl" if predicate == SKOS.inScheme else "kennis/000.ttl")
    _edit(target, predicate, limit)
    report = _same_as_full(data)
    if limit == 1:  # one triple less concerns a few nodes, not the whole graph
        assert report.shacl_scope is not None and report.shacl_scope.focus_nodes < 200


def test_a_removed_document_gives_what_a_full_validation_gives(data):
    assert _validate(data).conforms
    (data / "kennis" / "003.ttl").unlink()
    report = _same_as_full(data)
    assert report.shacl_scope is not None


def test_a_document_restored_is_conform_again(data):
    original = (data / "kennis" / "002.ttl").read_bytes()
    assert _validate(data).conforms
    _edit(data / "kennis" / "002.ttl", AK.inDocument, None)
    assert not _validate(data).conforms
    (data / "kennis" / "002.ttl").write_bytes(original)
    report = _validate(data)
    assert report.conforms and report.shacl_scope is not None


def test_nothing_changed_reuses_the_last_verdict(data):
    _validate(data)
    report = _validate(data)
    assert report.shacl_scope is not None
    assert (report.shacl_scope.changed_files, report.shacl_scope.focus_nodes) == ([], 0)


def test_a_change_to_the_class_hierarchy_is_validated_in_full(data):
    assert _validate(data).conforms
    with (data / "kern.ttl").open("a", encoding="utf-8") as fh:
        fh.write("\nak:BoosterRole rdfs:subClassOf ak:Recognition .\n")
    report = _validate(data)
    assert report.shacl_scope is None
    assert not report.conforms  # every booster role is now a recognition without a document line


@pytest.mark.parametrize("damage", ["record", "blob"])
def test_a_damaged_record_means_a_full_validation_not_an_error(data, damage, tmp_path):
    assert _validate(data).conforms
    (data / "kennis" / "002.ttl").write_text(
        (data / "kennis" / "002.ttl").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    pattern = "validated-*.bin" if damage == "record" else "validated_blob-*.bin"
    for entry in (tmp_path / "cache").glob(pattern):
        entry.write_bytes(b"garbage")
    report = _validate(data)
    assert report.conforms and report.shacl_scope is None


def test_the_cache_off_validates_everything(data, monkeypatch):
    _validate(data)
    monkeypatch.setenv(cache.CACHE_ENV, "0")
    assert _validate(data).shacl_scope is None


def test_reach_of_the_shipped_shapes():
    # what the shapes read beyond a focus node's own triples: the types of the values
    # (sh:class), their concept scheme (sh:node), a life domain's labels via ^skos:inScheme
    reach = reach_of(load_shapes(ontology_dir()))
    assert reach.bounded and reach.depth == 1
    assert reach.level(RDF.type, FORWARD) == 1
    assert reach.level(SKOS.inScheme, FORWARD) == 1 and reach.level(SKOS.inScheme, BACKWARD) == 0
    assert reach.level(AK.hasRole, BACKWARD) == 0 and reach.level(AK.hasRole, FORWARD) == 0
    assert reach.level(AK.describedIn, FORWARD) is None  # no shape reads it


def test_shapes_with_an_unbounded_path_are_not_narrowed_down(tmp_path):
    from rdflib import Graph

    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path [ sh:zeroOrMorePath ex:p ] ; sh:class ex:D ] .""", format="turtle")
    assert not reach_of(shapes).bounded


def test_cli_says_when_shacl_looked_only_at_what_changed(data, run_cli):
    assert run_cli("--data", str(data), "--backend", "oxigraph", "validate").exit_code == 0
    shutil.copy(DATA / "invalid" / "versterker-zonder-leefgebied.ttl", data / "kennis" / "zz.ttl")
    res = run_cli("--data", str(data), "--backend", "oxigraph", "validate")
    assert res.exit_code == 1
    assert "SHACL alleen voor wat sinds de vorige validatie veranderde: 1 bestand" in res.stderr
    full = run_cli("--data", str(data), "--backend", "oxigraph", "validate", "--volledig")
    assert full.exit_code == 1 and "SHACL alleen" not in full.stderr
    assert full.stdout == res.stdout


WERKBLAD = DATA / "werkblad"


def test_toevoegen_validates_what_it_adds_and_leaves_the_record_for_validate(data, run_cli):
    # validated once, the folder's next check (toevoegen's own, before it writes) looks only at
    # the new document, and what it wrote is what the record says: validate finds no change
    assert run_cli("--data", str(data), "validate").exit_code == 0
    res = run_cli("--data", str(data), "toevoegen", str(WERKBLAD / "valid" / "rapport.yaml"))
    assert res.exit_code == 0, res.output
    after = kg.load(data, backend="oxigraph").validate()
    assert after.conforms and after.shacl_scope is not None and after.shacl_scope.changed_files == []
    assert _rows(after) == _rows(_validate(data, full=True))


@pytest.mark.parametrize("case", ["twee-voorkeurslabels.yaml", "erkenning-zonder-inhoud.yaml"])
def test_toevoegen_refuses_alike_with_and_without_a_record(data, run_cli, case, monkeypatch):
    from kg.validate import incremental

    scopes: list[object] = []
    real = incremental.incremental_shacl

    def spy(*args: object, **kwargs: object) -> object:
        got = real(*args, **kwargs)  # type: ignore[arg-type]
        scopes.append(None if got is None else got[1])
        return got

    monkeypatch.setattr(incremental, "incremental_shacl", spy)
    werkblad = WERKBLAD / "invalid" / case
    fresh = run_cli("--data", str(data), "toevoegen", str(werkblad))  # no record yet: full validation
    assert scopes == []
    assert run_cli("--data", str(data), "validate").exit_code == 0  # leaves the record
    narrowed = run_cli("--data", str(data), "toevoegen", str(werkblad))
    # validate's (the refused document is not there: a change against what toevoegen checked),
    # then toevoegen's own
    assert len(scopes) == 2 and scopes[-1] is not None
    assert fresh.exit_code == narrowed.exit_code == 2
    assert fresh.stderr == narrowed.stderr
    assert "de graaf zou ongeldig worden" in narrowed.stderr
