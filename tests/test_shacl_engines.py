"""Any SHACL engine a user brings gives the same verdict (issue #14, item 12; issue #12, speed):
pyshacl is the reference; pyshacl-turbo (the default when installed) and rudof, two independent
Rust implementations, must report the same results — focus node, path, constraint component,
severity — on the shipped graph and on every valid and invalid fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg.store.loader import load_shapes
from kg.validate import union_ntriples
from kg.validate.shacl import choose_engine, shacl_results

DATA = Path(__file__).parent / "data"
FIXTURES = sorted((DATA / "valid").glob("*.ttl")) + sorted((DATA / "invalid").glob("*.ttl"))
OTHERS = ["turbo", "rudof"]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def shapes(graph):
    return load_shapes(graph.ontology_dir)


@pytest.fixture(scope="module")
def shipped_union(graph) -> bytes:
    return union_ntriples(graph.backend)


@pytest.fixture(scope="module")
def reference_on_shipped(shipped_union, shapes):
    return [r.key() for r in shacl_results(shipped_union, shapes, "pyshacl")]


@pytest.mark.parametrize("engine", OTHERS)
def test_engines_agree_on_the_shipped_graph(engine, shipped_union, shapes, reference_on_shipped):
    assert [r.key() for r in shacl_results(shipped_union, shapes, engine)] == reference_on_shipped


@pytest.mark.parametrize("engine", OTHERS)
@pytest.mark.parametrize("path", FIXTURES, ids=[f"{p.parent.name}/{p.stem}" for p in FIXTURES])
def test_engines_agree_on_every_fixture(engine, path, shapes):
    union = union_ntriples(kg.load(files=[path]).backend)
    reference = [r.key() for r in shacl_results(union, shapes, "pyshacl")]
    assert [r.key() for r in shacl_results(union, shapes, engine)] == reference


def test_life_domain_without_english_label_is_caught_by_every_engine(shapes):
    # Regression: the shape used sh:SPARQLTarget; rudof (and rdf-validate-shacl, shacl-engine)
    # skip that SHACL-SPARQL extension, so a life domain without an English label passed there.
    union = union_ntriples(kg.load(files=[DATA / "invalid" / "leefgebied-zonder-engels-label.ttl"]).backend)
    for engine in ["pyshacl", *OTHERS]:
        found = shacl_results(union, shapes, engine)
        assert [(r.path, r.component) for r in found] == [("^skos:inScheme", "NodeConstraintComponent")], engine


def test_shapes_are_shacl_core_only(shapes):
    # No SPARQL-based targets or constraints: an engine that implements SHACL Core alone must be
    # able to give the full verdict.
    from rdflib.namespace import SH

    sparql_terms = {SH.SPARQLTarget, SH.SPARQLConstraint, SH.sparql, SH.select, SH.SPARQLTargetType}
    used = {t for triple in shapes for t in triple}
    assert not used & sparql_terms


def test_default_engine_is_the_fast_one_when_installed():
    assert choose_engine("auto") == "turbo"


def test_unknown_engine_is_a_value_error():
    with pytest.raises(ValueError, match="onbekende SHACL-engine 'jena'"):
        choose_engine("jena")


def test_cli_validates_with_each_engine(run_cli):
    for engine in ["pyshacl", *OTHERS]:
        res = run_cli("validate", "--engine", engine, str(DATA / "invalid" / "versterker-twee-leefgebieden.ttl"))
        assert res.exit_code == 1, res.output
        assert "leefgebied" in res.output
