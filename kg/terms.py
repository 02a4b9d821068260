"""Typo-safe names for the armoede-kg ontology terms (kept equal to kern.ttl by a test)."""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class AK(DefinedNamespace):
    """Classes and properties of https://w3id.org/armoede-kg/ontologie#."""

    _fail = True
    _NS = Namespace("https://w3id.org/armoede-kg/ontologie#")

    # classes
    Activity: URIRef
    BehaviouralEffect: URIRef
    BoosterRole: URIRef
    CoherenceRole: URIRef
    Databank: URIRef
    DiscussedInterventionRole: URIRef
    ExplanatoryModel: URIRef
    ExplanatoryModelSet: URIRef
    Instrument: URIRef
    IntegralInterventionRole: URIRef
    Intervention: URIRef
    KnowledgeGap: URIRef
    LifeDomainScheme: URIRef
    Mechanism: URIRef
    Mention: URIRef
    Municipality: URIRef
    Organisation: URIRef
    OverviewTableEntry: URIRef
    Person: URIRef
    Phase: URIRef
    PracticeExampleRole: URIRef
    Principle: URIRef
    PrincipleSet: URIRef
    Project: URIRef
    RecognisedInterventionRole: URIRef
    Recognition: URIRef
    ResearchFinding: URIRef
    Role: URIRef
    SelectionCriterion: URIRef
    Source: URIRef
    SourceDocument: URIRef
    Statement: URIRef
    Statistic: URIRef
    Theory: URIRef

    # properties
    about: URIRef
    analysisLevel: URIRef
    applicationNote: URIRef
    appliedInNetherlands: URIRef
    aspect: URIRef
    authors: URIRef
    basedOn: URIRef
    citedIn: URIRef
    coherenceField: URIRef
    combinedWith: URIRef
    country: URIRef
    databank: URIRef
    definesScheme: URIRef
    derivedBy: URIRef
    describedIn: URIRef
    describedInText: URIRef
    describesEffect: URIRef
    developedBy: URIRef
    duration: URIRef
    effectivenessRating: URIRef
    endLine: URIRef
    endPage: URIRef
    exclusionCriterion: URIRef
    experienceExpertRole: URIRef
    fidelityNote: URIRef
    findingText: URIRef
    fundedBy: URIRef
    goal: URIRef
    hasFidelityModel: URIRef
    hasFinding: URIRef
    hasMechanism: URIRef
    hasPhase: URIRef
    hasPrinciple: URIRef
    hasRecognition: URIRef
    hasRole: URIRef
    inDocument: URIRef
    inProjectApplication: URIRef
    intendedImpact: URIRef
    involvesExperienceExperts: URIRef
    journal: URIRef
    level: URIRef
    lifeDomain: URIRef
    maintainedBy: URIRef
    marked: URIRef
    maxValue: URIRef
    memberOf: URIRef
    mentionedIn: URIRef
    minValue: URIRef
    municipality: URIRef
    noFormalRecognition: URIRef
    ofIntervention: URIRef
    ofTheory: URIRef
    ordinal: URIRef
    originCountry: URIRef
    originator: URIRef
    overviewTable: URIRef
    ownedBy: URIRef
    partOf: URIRef
    participant: URIRef
    placeOfPublication: URIRef
    practiceUnderpinning: URIRef
    recognitionLevel: URIRef
    referenceNumber: URIRef
    relatedTo: URIRef
    researchQuestion: URIRef
    rowNumber: URIRef
    sampleSize: URIRef
    scope: URIRef
    section: URIRef
    seedFile: URIRef
    startLine: URIRef
    startPage: URIRef
    statedCount: URIRef
    statementText: URIRef
    statisticValue: URIRef
    strengthBased: URIRef
    strengthBasedOrStressSensitive: URIRef
    stressSensitive: URIRef
    studyDesign: URIRef
    studyPopulation: URIRef
    supports: URIRef
    targetGroup: URIRef
    targets: URIRef
    theoreticalBasis: URIRef
    theoreticalUnderpinning: URIRef
    underpinnedBy: URIRef
    underpinning: URIRef
    unit: URIRef
    usesInstrument: URIRef
    year: URIRef


BASE = "https://w3id.org/armoede-kg/"
ID = Namespace(BASE + "id/")
GRAAF = Namespace(BASE + "graaf/")
ONTOLOGY_IRI = URIRef(BASE + "ontologie")


def trusted_iri(value: str) -> URIRef:
    """A URIRef for an IRI that was checked when it was first parsed (it comes out of a store
    or the cache): str.__new__ skips rdflib's per-IRI validation (~2 µs each)."""
    return str.__new__(URIRef, value)
