"""The bad-input catalogue: each case states the exact behaviour a user gets — a one-line
message naming the file/line or the value, the documented exit code (0 ok, 1 not conform,
2 usage or input error), no traceback, nothing half-written, nothing fetched."""

from __future__ import annotations

import http.server
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from kg.cli.main import main

VALID = (Path(__file__).parent / "data" / "valid" / "versterker.ttl").read_text(encoding="utf-8")
PFX = "@prefix ak: <https://w3id.org/armoede-kg/ontologie#> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"


@dataclass
class Case:
    id: str
    args: list[str]
    exit: int
    expect: str  # a fragment of the one-line message ({tmp} is replaced by the temp folder)
    files: dict[str, str | bytes] = field(default_factory=dict)
    stdin: str | None = None


CASES = [
    # --- files -------------------------------------------------------------------------
    Case("turtle-syntax-error", ["validate", "{tmp}/a.ttl"], 2, "a.ttl:4: Turtle-syntaxfout",
         {"a.ttl": PFX + '<urn:a> ak:goal "x"@nl .\n<urn:a> ak:goal "open\n'}),
    Case("undefined-prefix", ["validate", "{tmp}/a.ttl"], 2, "a.ttl:1:", {"a.ttl": "nope:a nope:b nope:c .\n"}),
    Case("invalid-datatype", ["validate", "{tmp}/a.ttl"], 2,
         "a.ttl:3: ongeldige waarde 'twaalf' voor datatype xsd:integer",
         {"a.ttl": PFX + '<urn:a> ak:startLine "twaalf"^^xsd:integer .\n'}),
    Case("invalid-date", ["validate", "{tmp}/a.ttl"], 2, "ongeldige waarde '2020-13-45' voor datatype xsd:date",
         {"a.ttl": PFX + '<urn:a> <urn:d> "2020-13-45"^^xsd:date .\n'}),
    Case("not-utf8", ["validate", "{tmp}/a.ttl"], 2, "a.ttl:3: geen geldige UTF-8",
         {"a.ttl": (PFX + '<urn:a> ak:goal "caf\xe9"@nl .\n').encode("latin-1")}),
    Case("empty-file", ["validate", "{tmp}/a.ttl"], 2, "a.ttl: bevat geen RDF-triples", {"a.ttl": ""}),
    Case("missing-file", ["validate", "{tmp}/weg.ttl"], 2, "weg.ttl: bestand bestaat niet"),
    Case("directory-as-file", ["validate", "{tmp}"], 2, "is een map, geen bestand"),
    Case("ntriples-error", ["validate", "{tmp}/a.nt"], 2, "a.nt", {"a.nt": "<urn:a> <urn:b> .\n"}),
    Case("jsonld-invalid-json", ["validate", "{tmp}/a.jsonld"], 2, "a.jsonld:2: ongeldige JSON",
         {"a.jsonld": '{"@id": "urn:a",\n "x": }'}),
    Case("broken-data-folder", ["--data", "{tmp}/d", "query", "erkend"], 2, "kern.ttl:1",
         {"d/kern.ttl": "geen turtle"}),
    Case("missing-data-folder", ["--data", "{tmp}/nergens", "query", "erkend"], 2, "nergens"),
    Case("valid-file-not-conform", ["validate", "{tmp}/a.ttl"], 1, "niet conform: ",
         {"a.ttl": VALID.replace("ak:lifeDomain bg:bijlage3-financiele-situatie ;", "")}),
    # --- named queries and labels -------------------------------------------------------
    Case("unknown-query", ["query", "versterker"], 2, "onbekende query 'versterker'; bedoelde u: versterkers"),
    Case("missing-required-param", ["query", "versterkers"], 2, "--interventie"),
    Case("unknown-param", ["query", "versterkers", "--interventie", "Krachtwerk", "--kleur", "rood"], 2,
         "No such option '--kleur'"),
    Case("unknown-label", ["query", "theorieen", "--interventie", "Krachtwrek"], 2,
         "onbekend label 'Krachtwrek' (soort: interventie); bedoelde u: Krachtwerk"),
    Case("blank-label", ["query", "theorieen", "--interventie", "   "], 2, "onbekend label"),
    Case("ambiguous-label", ["show", "zelfregie"], 2, "label 'zelfregie' is niet eenduidig; kandidaten:"),
    Case("wrong-kind", ["query", "theorieen", "--interventie", "Sociale kwaliteit"], 2,
         "is geen interventie"),
    Case("wrong-kind-domain", ["query", "versterkers", "--interventie", "Krachtwerk", "--leefgebied", "Krachtwerk"],
         2, "is geen leefgebied"),
    Case("unknown-level", ["query", "integrale-interventies", "--niveau", "D"], 2, "onbekend label 'D'"),
    Case("show-unknown", ["show", "Bestaatniet Interventie"], 2, "onbekend label"),
    Case("bad-lang", ["query", "erkend", "--lang", "fr"], 2, "Invalid value for '--lang'"),
    Case("bad-format", ["query", "erkend", "--format", "xlsx"], 2, "Invalid value for '--format'"),
    # --- free SPARQL ---------------------------------------------------------------------
    Case("invalid-sparql", ["sparql", "-"], 2, "ongeldige SPARQL op regel 2", stdin="SELECT *\nWHERE { ?s ?p }"),
    Case("empty-sparql", ["sparql", "-"], 2, "lege query", stdin=""),
    Case("update-insert", ["sparql", "-"], 2, "SPARQL UPDATE is niet toegestaan",
         stdin="INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
    Case("update-drop", ["sparql", "-"], 2, "SPARQL UPDATE is niet toegestaan", stdin="DROP ALL"),
    Case("service", ["sparql", "-"], 2, "SERVICE (federatie) is uitgeschakeld",
         stdin="SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"),
    Case("file-iri-from", ["sparql", "-"], 2, "FROM en FROM NAMED zijn niet toegestaan",
         stdin="SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"),
    Case("sparql-file-missing", ["sparql", "{tmp}/weg.rq"], 2, "weg.rq': No such file or directory"),
    Case("too-large-for-table", ["sparql", "-"], 2, "resultaat te groot voor --format table",
         stdin="SELECT * WHERE { ?s ?p ?o }"),
    # --- outputs ---------------------------------------------------------------------------
    Case("output-exists", ["query", "erkend", "--out", "{tmp}/uit.csv"], 2, "bestaat al (gebruik --force",
         {"uit.csv": "oud\n"}),
    Case("output-folder-missing", ["query", "erkend", "--out", "{tmp}/nergens/uit.csv"], 2, "bestaat niet"),
    Case("output-is-directory", ["query", "erkend", "--out", "{tmp}"], 2, "is a directory"),
    # --- things that must not be fetched ------------------------------------------------------
    Case("rdfxml-doctype", ["validate", "{tmp}/a.rdf"], 2, "a.rdf:2: XML met DOCTYPE geweigerd",
         {"a.rdf": '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e SYSTEM "{url}/xxe">]>\n'
                   '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>'}),
    Case("rdfxml-billion-laughs", ["validate", "{tmp}/a.rdf"], 2, "XML met DOCTYPE geweigerd",
         {"a.rdf": '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
                   '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
                   '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
                   'rdf:about="urn:a"><rdf:value>&lol2;</rdf:value></rdf:Description></rdf:RDF>'}),
    Case("trix-entity", ["validate", "{tmp}/a.trix"], 2, "XML met ENTITY geweigerd",
         {"a.trix": '<?xml version="1.0"?>\n<TriX xmlns="http://www.w3.org/2004/03/trix/trix-1/">\n'
                    '<!ENTITY x SYSTEM "{url}/x"></TriX>'}),
    Case("jsonld-remote-context", ["validate", "{tmp}/a.jsonld"], 2, "JSON-LD met externe @context",
         {"a.jsonld": '{"@context": "{url}/context.jsonld", "@id": "urn:a", "naam": "x"}'}),
    Case("jsonld-remote-import", ["validate", "{tmp}/a.jsonld"], 2, "JSON-LD met externe @import",
         {"a.jsonld": '{"@context": {"@import": "{url}/c.jsonld"}, "@id": "urn:a"}'}),
    Case("owl-imports-not-followed", ["validate", "{tmp}/a.ttl"], 0, "conform",
         {"a.ttl": VALID + "\n<urn:o> a <http://www.w3.org/2002/07/owl#Ontology> ;"
                           " <http://www.w3.org/2002/07/owl#imports> <{url}/ontologie.ttl> .\n"}),
]


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/turtle")
        self.end_headers()
        self.wfile.write(b"<urn:x> <urn:y> <urn:z> .\n")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def tripwire() -> Iterator[str]:
    """A loopback HTTP server that records every request: nothing may reach it."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(run_cli, tmp_path: Path, tripwire: str, case: Case) -> None:
    res = _run_case(run_cli, tmp_path, tripwire, case)
    assert case.expect.replace("{tmp}", str(tmp_path)) in res.output
    if case.exit == 2:
        # exactly one error line: ours ("fout: …") or click's usage error ("Error: …")
        errors = [line for line in res.output.splitlines() if line.startswith(("fout: ", "Error: "))]
        assert len(errors) == 1, res.output


# Words of the Dutch messages; none may be left in an English one (file names and the user's
# own input aside, which the checked text leaves out).
DUTCH = re.compile(r"\b(fout|onbekende?|bedoelde|niet|geen|bestaat|regel|kolom|ongeldige?|rijen|rij|soort|"
                   r"kandidaten|eenduidig|gebruik|bestand|toegestaan|federatie|lege?|mist|geweigerd|"
                   r"overtredingen?|afgebroken|duurde|schrijven|heeft|wordt|een|het|zijn|kies|niet|"
                   r"resultaat|groot|gegevens|waarde|voor|verwijzingen|bevat|overschrijven)\b",
                   re.IGNORECASE)


@pytest.mark.parametrize("how", ["option", "env"])
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_in_english(tmp_path: Path, tripwire: str, case: Case, how: str) -> None:
    """The whole catalogue with --lang en before the command (or ARMOEDE_KG_LANG=en): the same
    exit codes, one error line, and no Dutch left (issue #11, item 6)."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        if how == "option":
            return runner.invoke(main, ["--lang", "en", *args], input=input, catch_exceptions=False)
        return runner.invoke(main, list(args), input=input, catch_exceptions=False, env={"ARMOEDE_KG_LANG": "en"})

    res = _run_case(run, tmp_path, tripwire, case)
    if case.exit == 2:
        errors = [line for line in res.output.splitlines() if line.startswith(("error: ", "Error: "))]
        assert len(errors) == 1, res.output
    text = res.output.replace(str(tmp_path), "")
    for arg in case.args:  # the user's own words (labels, values) may be Dutch
        if not arg.startswith("-"):
            text = text.replace(arg.replace("{tmp}", ""), "")
    # and so may the words of their own files, which a parse error quotes
    theirs = {w.casefold() for name, content in case.files.items() if isinstance(content, str)
              for w in re.findall(r"\w+", name + " " + content)}
    dutch = [m.group(0) for m in DUTCH.finditer(text) if m.group(0).casefold() not in theirs]
    assert not dutch, f"Dutch in English output: {dutch}\n{res.output}"


def _run_case(run_cli, tmp_path: Path, tripwire: str, case: Case) -> Result:
    _Recorder.hits.clear()
    for name, content in case.files.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            p.write_text(content.replace("{url}", tripwire), encoding="utf-8")
        else:
            p.write_bytes(content)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    args = [a.replace("{tmp}", str(tmp_path)) for a in case.args]
    res = run_cli(*args, input=case.stdin)
    assert res.exit_code == case.exit, res.output
    assert "Traceback" not in res.output
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before, "an input error must not create or change files"
    assert _Recorder.hits == [], "nothing may be fetched"
    return res


def test_query_timeout_stops_with_a_clear_message(tmp_path: Path) -> None:
    # a subprocess: the runaway query thread must not keep burning in the test process
    q = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    res = subprocess.run([sys.executable, "-m", "kg.cli.main", "--backend", "rdflib", "sparql", "-",
                          "--timeout", "1", "--format", "csv"], input=q, capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 2
    assert res.stderr.strip() == "fout: query duurde langer dan 1 s en is afgebroken (zie --timeout)"
