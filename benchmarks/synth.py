"""A seeded synthetic armoede-kg graph of any size, shaped like the real one.

    python benchmarks/synth.py OUT_DIR --interventions 10000 [--seed 0]

OUT_DIR becomes an ontology folder that kg.load(OUT_DIR) and `armoede-kg --data OUT_DIR` read:
the real kern.ttl, vormen.ttl, bronnen.ttl and schemas/ (classes, shapes, the seed documents,
life-domain schemes and their crosswalk) plus synthetic knowledge: interventions with roles
(integral with a level, versterker with a Bijlage 3 domain and scope, coherence, overview-table
row, practice example), life
domains from every scheme, theories, sources, recognitions, findings, instruments,
municipalities, mentions with document/section/lines, and one provenance-described named graph
per synthetic source document (kennis/synNNN.ttl). A share of the interventions is stated by
two documents, as in the real graph. The output conforms to vormen.ttl (checked by the
benchmark, `--check` here).

Same seed and size, same bytes. sample_parameters() names entities to bind named queries to.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

REAL = Path(__file__).resolve().parent.parent / "ontologie"
COPIED = ["kern.ttl", "vormen.ttl", "bronnen.ttl", "schemas"]

PREFIXES = """\
@prefix ak:    <https://w3id.org/armoede-kg/ontologie#> .
@prefix iv:    <https://w3id.org/armoede-kg/id/interventie/> .
@prefix th:    <https://w3id.org/armoede-kg/id/theorie/> .
@prefix ins:   <https://w3id.org/armoede-kg/id/instrument/> .
@prefix bron:  <https://w3id.org/armoede-kg/id/bron/> .
@prefix doc:   <https://w3id.org/armoede-kg/id/document/> .
@prefix gem:   <https://w3id.org/armoede-kg/id/gemeente/> .
@prefix db:    <https://w3id.org/armoede-kg/id/databank/> .
@prefix rol:   <https://w3id.org/armoede-kg/id/rol/> .
@prefix bev:   <https://w3id.org/armoede-kg/id/bevinding/> .
@prefix erk:   <https://w3id.org/armoede-kg/id/erkenning/> .
@prefix vml:   <https://w3id.org/armoede-kg/id/vermelding/> .
@prefix bg:    <https://w3id.org/armoede-kg/id/begrip/> .
@prefix graaf: <https://w3id.org/armoede-kg/graaf/> .
@prefix skos:  <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs:  <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix bibo:  <http://purl.org/ontology/bibo/> .
@prefix prov:  <http://www.w3.org/ns/prov#> .
@prefix xsd:   <http://www.w3.org/2001/XMLSchema#> .

"""

WORDS = ("kracht", "samen", "wijk", "stress", "schuld", "budget", "gezond", "werk", "thuis", "hoop",
         "regie", "gezin", "buurt", "coach", "maatje", "steun", "talent", "balans", "start", "route")
DESIGNS = ("RCT", "kwalitatief onderzoek", "quasi-experimenteel", "procesevaluatie", "casestudy")
COUNTRIES = ("Verenigde Staten", "Verenigd Koninkrijk", "Canada", "Australië", "Duitsland")


@dataclass
class World:
    """The entities interventions refer to; the sizes grow with the number of interventions."""

    rng: random.Random
    n: int
    docs: list[str] = field(default_factory=list)
    theories: int = 0
    sources: int = 0
    instruments: int = 0
    municipalities: int = 0
    databanks: int = 0
    life_domains: list[str] = field(default_factory=list)
    bijlage3: list[str] = field(default_factory=list)


def life_domain_concepts(schemas: Path) -> tuple[list[str], list[str]]:
    """Concepts of every life-domain scheme (bg: local names), and those of Bijlage 3."""
    from rdflib import Graph, Namespace, URIRef
    from rdflib.namespace import RDF, SKOS

    ak = Namespace("https://w3id.org/armoede-kg/ontologie#")
    g = Graph()
    for f in sorted(schemas.glob("*.ttl")):
        g.parse(f, format="turtle")
    schemes = set(g.subjects(RDF.type, ak.LifeDomainScheme))
    bg = "https://w3id.org/armoede-kg/id/begrip/"
    concepts = sorted({str(c)[len(bg):] for s in schemes for c in g.subjects(SKOS.inScheme, s)
                       if isinstance(c, URIRef) and str(c).startswith(bg)})
    b3 = [c for c in concepts if c.startswith("bijlage3-")]
    return concepts, b3


def lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"@nl'


def mention(doc: str, key: str, section: str, line: int) -> str:
    return (f"vml:{key} a ak:Mention ; ak:inDocument doc:{doc} ; ak:section {lit(section)} ; "
            f"ak:startLine {line} ; ak:endLine {line + 2} .\n")


def world_file(w: World) -> str:
    """Theories, sources, instruments, municipalities, databanks and the source documents."""
    out = [PREFIXES]
    d0 = w.docs[0]
    for k in range(w.theories):
        out.append(mention(d0, f"syn-th-{k}", "Theorieën", 10 + k))
        out.append(f"th:syn-{k} a ak:Theory ; skos:prefLabel {lit(f'Theorie {k}')} ; "
                   f"skos:definition {lit(f'Synthetische theorie nummer {k}.')} ; "
                   f"ak:describedIn bron:syn-{k % max(w.sources, 1)} ; ak:mentionedIn vml:syn-th-{k} .\n")
    for k in range(w.sources):
        out.append(mention(d0, f"syn-bron-{k}", "Literatuur", 100 + k))
        out.append(f"bron:syn-{k} a ak:Source , bibo:Report ; skos:prefLabel {lit(f'Auteur {k} ({1990 + k % 35})')} ; "
                   f"dcterms:title {lit(f'Rapport {k} over armoede')} ; ak:authors \"Auteur {k}\" ; "
                   f'ak:year "{1990 + k % 35}"^^xsd:gYear ; ak:mentionedIn vml:syn-bron-{k} .\n')
    for k in range(w.instruments):
        out.append(mention(d0, f"syn-ins-{k}", "Instrumenten", 50 + k))
        out.append(f"ins:syn-{k} a ak:Instrument ; skos:prefLabel {lit(f'Instrument {k}')} ; "
                   f"ak:mentionedIn vml:syn-ins-{k} .\n")
    for k in range(w.municipalities):
        out.append(mention(d0, f"syn-gem-{k}", "Gemeenten", 70 + k))
        out.append(f"gem:syn-{k} a ak:Municipality ; skos:prefLabel {lit(f'Gemeente {k}')} ; "
                   f"ak:mentionedIn vml:syn-gem-{k} .\n")
    for k in range(w.databanks):
        out.append(mention(d0, f"syn-db-{k}", "Databanken", 90 + k))
        out.append(f"db:syn-{k} a ak:Databank ; skos:prefLabel {lit(f'Databank {k}')} ; "
                   f"ak:mentionedIn vml:syn-db-{k} .\n")
    for d in w.docs:
        out.append(mention(d, f"syn-doc-{d}", "Titel", 1))
        out.append(f"doc:{d} a ak:SourceDocument , bibo:Report ; skos:prefLabel {lit(f'Document {d}')} ; "
                   f"dcterms:title {lit(f'Synthetisch brondocument {d}')} ; ak:year \"2024\"^^xsd:gYear ; "
                   f'ak:seedFile "{d}.txt" ; ak:mentionedIn vml:syn-doc-{d} .\n')
    return "".join(out)


def intervention(w: World, i: int, doc: str, line: int, first: bool) -> str:
    """One intervention as one document states it: labels, roles, domains, claims, mentions."""
    rng = w.rng
    key = f"{doc}-{i}"
    iv = f"iv:syn-{i}"
    name = f"Interventie {i} {WORDS[i % len(WORDS)]}{WORDS[(i // len(WORDS)) % len(WORDS)]}"
    out = [mention(doc, key, f"Overzicht {doc}", line)]
    props = [f"{iv} a ak:Intervention", f"ak:mentionedIn vml:{key}"]
    if first:  # the prefLabel is written once in the union, as MODELLERING.md asks
        props.append(f"skos:prefLabel {lit(name)}")
        props.append(f"skos:definition {lit(f'Een synthetische interventie ({i}) voor de benchmark.')}")
    props.append(f"ak:targetGroup {lit(rng.choice(('huishoudens met schulden', 'gezinnen', 'jongeren', 'ouderen')))}")
    domains = rng.sample(w.life_domains, k=rng.randint(1, 4))
    if i == 0 and "krachtwerk-condities-inkomen-en-financien" in w.life_domains:
        # the intervention the benchmark binds: it works on finances, so versterkers finds rows
        domains = sorted(set(domains) | {"krachtwerk-condities-inkomen-en-financien"})
    props.append("ak:lifeDomain " + " , ".join(f"bg:{c}" for c in domains))
    if w.theories and rng.random() < 0.6:
        ths = {rng.randrange(w.theories) for _ in range(rng.randint(1, 2))}
        props.append("ak:basedOn " + " , ".join(f"th:syn-{t}" for t in sorted(ths)))
    if w.sources:
        props.append(f"ak:describedIn bron:syn-{rng.randrange(w.sources)}")
    if rng.random() < 0.4:
        props.append("ak:strengthBased true")
    if rng.random() < 0.3:
        props.append("ak:stressSensitive true")
    if rng.random() < 0.2:
        props.append("ak:involvesExperienceExperts true")
        props.append(f"ak:experienceExpertRole {lit('ervaringsdeskundige als co-trainer')}")
    if rng.random() < 0.3:
        props.append(f"ak:hasFidelityModel {'true' if rng.random() < 0.5 else 'false'}")
    if rng.random() < 0.15:
        props.append("ak:appliedInNetherlands false")
        props.append(f"ak:originCountry {lit(rng.choice(COUNTRIES))}")
    if w.instruments and rng.random() < 0.2:
        props.append(f"ak:usesInstrument ins:syn-{rng.randrange(w.instruments)}")
    if i > 0 and rng.random() < 0.1:
        props.append(f"ak:combinedWith iv:syn-{rng.randrange(i)}")

    roles = []
    kind = rng.random()
    r = f"rol:{key}"
    loc = f'ak:inDocument doc:{doc} ; ak:section {lit(f"Tabel {doc}")} ; ak:startLine {line} ; ak:endLine {line + 1}'
    if kind < 0.10:
        roles.append(f"{r} a ak:IntegralInterventionRole ; ak:level bg:niveau-{rng.choice('abc')} ; {loc} .\n")
    elif kind < 0.50:
        scope = "nationaal" if rng.random() < 0.7 else "internationaal"
        roles.append(f"{r} a ak:BoosterRole ; ak:lifeDomain bg:{rng.choice(w.bijlage3)} ; "
                     f"ak:scope bg:reikwijdte-{scope} ; {loc} .\n")
    elif kind < 0.70:
        field_ = rng.choice(("professioneel-veld", "leefwereld"))
        roles.append(f"{r} a ak:CoherenceRole ; ak:coherenceField bg:samenhang-{field_} ; "
                     f"ak:scope bg:reikwijdte-nationaal ; {loc} .\n")
    elif kind < 0.90 or not w.municipalities:
        table = rng.choice(("methodisch-werken", "integraal-werken", "armoede-en-schulden"))
        roles.append(f"{r} a ak:OverviewTableEntry ; ak:overviewTable bg:tabel-{table} ; "
                     f"ak:rowNumber {line} ; {loc} .\n")
    else:
        roles.append(f"{r} a ak:PracticeExampleRole ; ak:municipality gem:syn-{rng.randrange(w.municipalities)} ; "
                     f"{loc} .\n")
    props.append(f"ak:hasRole {r}")

    if w.databanks and rng.random() < 0.25:
        level = rng.choice(("goed-beschreven", "goed-onderbouwd", "effectief", "eerste-aanwijzingen"))
        out.append(f"erk:{key} a ak:Recognition ; ak:recognitionLevel bg:erkenning-{level} ; "
                   f"ak:databank db:syn-{rng.randrange(w.databanks)} ; {loc} .\n")
        props.append(f"ak:hasRecognition erk:{key}")
    if w.sources and rng.random() < 0.3:
        out.append(f"bev:{key} a ak:ResearchFinding ; ak:findingText {lit('Deelnemers ervoeren minder stress.')} ; "
                   f"ak:studyDesign {lit(rng.choice(DESIGNS))} ; ak:sampleSize {rng.randint(10, 900)} ; "
                   f"dcterms:source bron:syn-{rng.randrange(w.sources)} ; {loc} ;\n"
                   f"    rdfs:label \"Bevinding over interventie {i} ({doc} r. {line})\"@nl , "
                   f"\"Finding on intervention {i} ({doc} l. {line})\"@en .\n")
        props.append(f"ak:hasFinding bev:{key}")
    out.extend(roles)
    out.append(" ;\n    ".join(props) + " .\n")
    return "".join(out)


def generate(out: Path, interventions: int, seed: int = 0) -> dict[str, str]:
    """Write the synthetic ontology folder; returns sample parameter values for named queries."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in COPIED:
        src = REAL / name
        if src.is_dir():
            shutil.copytree(src, out / name)
        else:
            shutil.copy2(src, out / name)
    (out / "kennis").mkdir()
    rng = random.Random(seed)
    n = interventions
    w = world(rng, n, out)
    ndocs = len(w.docs)
    (out / "synth-wereld.ttl").write_text(world_file(w), encoding="utf-8")

    per_doc: list[list[str]] = [[] for _ in range(ndocs)]
    for i in range(n):
        d = i % ndocs
        line = 10 + 3 * (i // ndocs)
        per_doc[d].append(intervention(w, i, w.docs[d], line, first=True))
        if rng.random() < 0.05:  # stated by a second document as well: the union merges it
            d2 = (d + 1 + rng.randrange(ndocs - 1)) % ndocs
            per_doc[d2].append(intervention(w, i, w.docs[d2], line + 1, first=False))
    for d, doc in enumerate(w.docs):
        head = (f"<https://w3id.org/armoede-kg/graaf/kennis/{doc}> a prov:Entity ;\n"
                f"    prov:wasDerivedFrom doc:{doc} ;\n"
                f"    dcterms:title {lit(f'Synthetische kennis uit {doc}')} .\n\n")
        (out / "kennis" / f"{doc}.ttl").write_text(PREFIXES + head + "".join(per_doc[d]), encoding="utf-8")
    return sample_parameters()


def world(rng: random.Random, n: int, out: Path) -> World:
    """The entities of a graph of n interventions (their numbers follow from n alone)."""
    ndocs = max(2, min(20, n // 100))
    w = World(rng, n, docs=[f"syn{d:03d}" for d in range(ndocs)],
              theories=max(10, n // 100), sources=max(20, n // 20), instruments=max(5, n // 500),
              municipalities=max(10, n // 200), databanks=5)
    w.life_domains, w.bijlage3 = life_domain_concepts(out / "schemas")
    return w


def new_document(out: Path, interventions: int, doc: str, count: int, seed: int = 1) -> Path:
    """Add one more document to a generated graph of `interventions` interventions: kennis/DOC.ttl
    with `count` new interventions (numbered on from the last) and the document itself, as an
    institute adding a report would. Returns the file written."""
    w = world(random.Random(seed), interventions, out)
    parts = [PREFIXES, mention(doc, f"syn-doc-{doc}", "Titel", 1),
             f"doc:{doc} a ak:SourceDocument , bibo:Report ; skos:prefLabel {lit(f'Document {doc}')} ; "
             f"dcterms:title {lit(f'Nieuw synthetisch brondocument {doc}')} ; ak:year \"2026\"^^xsd:gYear ; "
             f'ak:seedFile "{doc}.txt" ; ak:mentionedIn vml:syn-doc-{doc} .\n']
    for k in range(count):
        parts.append(intervention(w, interventions + k, doc, 10 + 3 * k, first=True))
    path = out / "kennis" / f"{doc}.ttl"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def sample_parameters() -> dict[str, str]:
    """A value per parameter kind that names something in every synthetic graph."""
    return {
        "interventie": "https://w3id.org/armoede-kg/id/interventie/syn-0",
        "leefgebied": "financiën",
        "theorie": "Theorie 3",
        "niveau": "A",
        "bron": "https://w3id.org/armoede-kg/id/document/syn000",
        "gemeente": "Gemeente 1",
        "instrument": "Instrument 1",
        "erkenning": "https://w3id.org/armoede-kg/id/begrip/erkenning-effectief",
        "entiteit": "https://w3id.org/armoede-kg/id/interventie/syn-0",
        "text": "stress",
        "integer": "2",
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--interventions", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--check", action="store_true", help="validate the output with the project's shapes")
    args = ap.parse_args()
    generate(args.out, args.interventions, args.seed)
    size = sum(p.stat().st_size for p in args.out.rglob("*.ttl"))
    print(f"{args.out}: {args.interventions} interventions, {size / 1e6:.1f} MB Turtle")
    if args.check:
        import kg

        report = kg.load(args.out, backend="oxigraph", cache=False).validate()
        print(f"conform: {report.conforms} ({len(report.violations)} violations, {report.checked_triples} triples)")
        for v in report.violations[:10]:
            print(f"  {v.focus} {v.path} {v.message} [{v.check}]")
        sys.exit(0 if report.conforms else 1)


if __name__ == "__main__":
    main()
