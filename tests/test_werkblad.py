"""Issue 12, "Done when": a sixth document from a YAML werkblad and a seventh from a CSV, added to
a working copy of the data; then named queries, show, search, pad, the site and the API answer
with the new interventions, each fact traceable to its new document; validate is conform; diff
shows exactly what was added; adding an edited werkblad again is a change, not a duplicate;
release stamps the version and the site carries it."""

from __future__ import annotations

import hashlib
import json
import shutil
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from kg.cli.main import main
from publish_support import start_server, stop_server
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

import kg
from kg.publish.site import write_site
from kg.terms import BASE
from kg.werkblad.turtle import MARK

pytestmark = pytest.mark.slow

VALID = Path(__file__).parent / "data" / "werkblad" / "valid"
YAML_DOC, CSV_DOC = "testrapport-2025", "testtabel-2025"
AK = "https://w3id.org/armoede-kg/ontologie#"
GELDZORGENPUNT = URIRef(BASE + "id/interventie/geldzorgenpunt-teststad")


def cli(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return res.exit_code, res.stdout, res.stderr


@pytest.fixture(scope="module")
def added(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("werkblad") / "data"
    code, out, err = cli("kopie", str(data))
    assert code == 0, err
    code, out, err = cli("--data", str(data), "toevoegen", str(VALID / "rapport.yaml"), str(VALID / "tabel.csv"))
    assert code == 0, err
    assert YAML_DOC in out and CSV_DOC in out
    return data


def on(data: Path, *args: str) -> tuple[int, str, str]:
    return cli("--data", str(data), *args)


def test_one_turtle_file_per_document_written_by_werkblad(added):
    for doc in (YAML_DOC, CSV_DOC):
        text = (added / "kennis" / f"{doc}.ttl").read_text(encoding="utf-8")
        assert text.startswith(MARK)
        assert f"doc:{doc}" in text


def test_named_queries_answer_with_the_new_interventions(added):
    code, out, _ = on(added, "query", "interventies-per-bron", "--bron", "Testrapport (2025)")
    assert code == 0
    assert "Geldzorgenpunt Teststad" in out and "SchuldHulpMaatje" in out
    code, out, _ = on(added, "query", "interventies-op-leefgebied", "--leefgebied", "ervaren gezondheid",
                      "--format", "csv")
    assert "Stressloket Test" in out and "Geldzorgenpunt Teststad" in out


def test_show_search_and_pad_find_them_with_their_document(added):
    code, out, _ = on(added, "show", "Geldzorgenpunt Teststad", "--format", "json")
    rows = json.loads(out)
    assert rows and {r["graaf"] for r in rows} == {f"kennis/{YAML_DOC}"}
    assert any(r["relatie"] == "gebaseerd op" and r["waarde"] == "Vroegsignaleringsmodel Teststad" for r in rows)
    code, out, _ = on(added, "search", "buurtbudget")
    assert code == 0 and "Buurtbudgetcafé" in out
    code, out, _ = on(added, "pad", "Geldzorgenpunt Teststad", "Krachtwerk")
    assert code == 0 and "Testrapport (2025)" in out


def test_a_known_intervention_is_the_same_resource_stated_again(added):
    g = kg.load(added)
    iri = g.resolve("Schuldhulpmaatje", "interventie")
    graphs = {str(s.graph).rsplit("/", 1)[-1] for s in g.describe(iri)}
    assert {"000", YAML_DOC} <= graphs
    assert len(g.search("Schuldhulpmaatje", "interventie")) == 1


def test_every_fact_is_traceable_to_its_new_document(added):
    ds = kg.load(added).backend.dataset()
    for doc in (YAML_DOC, CSV_DOC):
        g = ds.graph(URIRef(BASE + "graaf/kennis/" + doc))
        d = URIRef(BASE + "id/document/" + doc)
        for s in set(g.subjects()):
            if s == g.identifier:
                continue
            in_doc = (s, URIRef(AK + "inDocument"), d) in g
            mentioned = any((m, URIRef(AK + "inDocument"), d) in g for m in g.objects(s, URIRef(AK + "mentionedIn")))
            assert in_doc or mentioned, f"{s} in {doc} has no mention of {doc}"


def test_validate_is_conform(added):
    code, out, _ = on(added, "validate")
    assert code == 0 and out.strip() == "conform"


def test_diff_shows_exactly_what_was_added(added):
    code, out, _ = cli("diff", "meegeleverd", str(added), "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert set(doc["grafen"]) == {f"kennis/{YAML_DOC}", f"kennis/{CSV_DOC}"}
    for name, counts in doc["grafen"].items():
        written = Graph().parse(added / f"{name}.ttl", format="turtle")
        assert counts == {"toegevoegd": len(written), "verwijderd": 0}
    assert {r["wijziging"] for r in doc["resources"]} == {"toegevoegd"}
    assert any(r["label"] == "Stressloket Test" for r in doc["resources"])


def test_site_and_api_answer_with_the_new_interventions(added, tmp_path, monkeypatch):
    site = write_site(kg.load(added), tmp_path / "site").out
    page = (site / "id/interventie/geldzorgenpunt-teststad.html").read_text(encoding="utf-8")
    assert "Geldzorgenpunt Teststad" in page and "Testrapport (2025)" in page
    assert "Hoofdstuk 2: Het geldzorgenpunt, p. 8–11" in page
    monkeypatch.setenv("ARMOEDE_KG_DATA", str(added))
    server = start_server(site)
    try:
        q = f"SELECT ?g WHERE {{ GRAPH ?g {{ <{GELDZORGENPUNT}> a <{AK}Intervention> }} }}"
        req = urllib.request.Request(server.url("sparql?query=" + urllib.parse.quote(q)),
                                     headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=60) as resp:
            bindings = json.load(resp)["results"]["bindings"]
        assert [b["g"]["value"] for b in bindings] == [BASE + "graaf/kennis/" + YAML_DOC]
        req = urllib.request.Request(server.url("id/interventie/geldzorgenpunt-teststad"),
                                     headers={"Accept": "text/turtle"})
        with urllib.request.urlopen(req, timeout=60) as resp:
            assert "Geldzorgenpunt Teststad" in resp.read().decode("utf-8")
    finally:
        stop_server(server)


def test_werkblad_export_prefers_the_document_made_from_a_werkblad(added):
    code, text, err = on(added, "werkblad", "Schuldhulpmaatje")
    assert code == 0
    assert f"id: {YAML_DOC}" in text and "ook in: 000" in err
    code, text, err = on(added, "werkblad", "Schuldhulpmaatje", "--document", "003")
    assert code == 2 and "noemt 'Schuldhulpmaatje' niet" in err


def test_an_exported_and_edited_werkblad_added_again_is_a_change(added, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(added, data)
    code, text, _ = on(data, "werkblad", "Geldzorgenpunt Teststad")
    assert code == 0 and "iv:geldzorgenpunt-teststad" in text
    edited = tmp_path / "bewerkt.yaml"
    edited.write_text(text.replace("Geldzorgen vroeg signaleren", "Geldzorgen heel vroeg signaleren")
                      .replace("naam: Geldzorgenpunt Teststad", "naam: Geldzorgenpunt Teststad-Noord"),
                      encoding="utf-8")
    code, out, err = on(data, "toevoegen", str(edited))
    assert code == 0, err
    code, out, _ = cli("diff", str(added), str(data), "--format", "json")
    doc = json.loads(out)
    changed = [r for r in doc["resources"] if r["iri"] == str(GELDZORGENPUNT)]
    assert [r["wijziging"] for r in changed] == ["gewijzigd"]
    assert ["voorkeurslabel", "Geldzorgenpunt Teststad-Noord@nl"] in changed[0]["toegevoegd"]
    assert ["voorkeurslabel", "Geldzorgenpunt Teststad@nl"] in changed[0]["verwijderd"]
    # the other intervention of the document is kept, nothing is duplicated
    g = kg.load(data)
    assert len(g.search("Geldzorgenpunt", "interventie")) == 1
    assert "SchuldHulpMaatje" in on(data, "query", "interventies-per-bron", "--bron", "Testrapport (2025)")[1]


def test_release_stamps_the_version_writes_dumps_with_sums_and_a_changelog(added, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(added, data)
    code, out, err = on(data, "release", "--versie", "1.0.0", "--datum", "2026-12-01", str(tmp_path / "r1"))
    assert code == 0, err
    r1 = tmp_path / "r1"
    for line in (r1 / "SHA256SUMS").read_text().splitlines():
        digest, rel = line.split("  ", 1)
        assert hashlib.sha256((r1 / rel).read_bytes()).hexdigest() == digest
    assert (r1 / "graaf" / "kennis" / f"{YAML_DOC}.ttl").is_file()
    quads = (r1 / "armoede-kg.nq").read_text(encoding="utf-8")
    assert f"<{GELDZORGENPUNT}>" in quads
    json.loads((r1 / "armoede-kg.jsonld").read_text(encoding="utf-8"))
    onto = Graph().parse(data / "kern.ttl")
    o = URIRef(BASE + "ontologie")
    assert str(onto.value(o, URIRef("http://www.w3.org/2002/07/owl#versionInfo"))) == "1.0.0"
    assert str(onto.value(o, URIRef("http://www.w3.org/2002/07/owl#versionIRI"))) == BASE + "ontologie/1.0.0"
    assert str(onto.value(o, URIRef("http://purl.org/dc/terms/modified"))) == "2026-12-01"
    # an edit, then the next release: its changelog is the diff against the first
    (tmp_path / "w.yaml").write_text(on(data, "werkblad", "Stressloket Test")[1].replace(
        "Stress verminderen bij geldzorgen.", "Stress verminderen."), encoding="utf-8")
    assert on(data, "toevoegen", str(tmp_path / "w.yaml"))[0] == 0
    code, out, err = on(data, "release", "--versie", "1.1.0", "--datum", "2026-12-05", "--vorige", str(r1),
                        str(tmp_path / "r2"))
    assert code == 0, err
    log = (tmp_path / "r2" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert log.index("## 1.1.0 (2026-12-05)") < log.index("## 1.0.0 (2026-12-01)")
    section = log[log.index("## 1.1.0"):log.index("## 1.0.0")]
    assert "**Stressloket Test** (gewijzigd)" in section and "Stress verminderen.@nl" in section
    assert "Geldzorgenpunt" not in section
    # the site carries the version
    site = write_site(kg.load(data), tmp_path / "site").out
    void = Graph().parse(site / "void.ttl")
    assert "1.1.0" in {str(v) for v in void.objects(None, URIRef("http://www.w3.org/2002/07/owl#versionInfo"))}
    assert (None, URIRef("http://www.w3.org/2002/07/owl#versionIRI"), URIRef(BASE + "ontologie/1.1.0")) in void
    description = Graph().parse(tmp_path / "r2" / "beschrijving.ttl")
    assert (None, RDF.type, URIRef("http://www.w3.org/ns/dcat#Dataset")) in description


def test_a_run_interrupted_while_writing_leaves_the_data_as_it_was(added, tmp_path, monkeypatch):
    import os

    from kg.werkblad import toevoegen

    data = tmp_path / "data"
    shutil.copytree(added, data)
    before = {p: p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}
    # an edited document (replaced) and a new one: the second rename is interrupted
    (tmp_path / "w.yaml").write_text(on(data, "werkblad", "Stressloket Test")[1].replace(
        "Stress verminderen bij geldzorgen.", "Anders."), encoding="utf-8")
    (tmp_path / "z.yaml").write_text((VALID / "rapport.yaml").read_text(encoding="utf-8")
                                     .replace(YAML_DOC, "zzz-test"), encoding="utf-8")
    real_replace, calls = os.replace, []

    def interrupted(src: object, dst: object) -> None:
        if not str(dst).endswith(".ttl"):  # the dataset cache writes its entries atomically too
            return real_replace(src, dst)  # type: ignore[arg-type]
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(toevoegen.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        toevoegen.add(data, [tmp_path / "w.yaml", tmp_path / "z.yaml"])
    assert [Path(str(c)).name for c in calls[:2]] == [f"{CSV_DOC}.ttl", "zzz-test.ttl"]  # then the restore
    after = {p: p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}
    assert after == before

