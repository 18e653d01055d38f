"""Every RDF namespace pactgraph uses, in one module.

The ontology's own terms are a ``DefinedNamespace`` with ``_fail = True`` (after rdflib's
``_PROV.py``): a typo raises ``AttributeError`` instead of silently minting a new IRI.
``tests/test_ontology.py`` checks that this list and ``ontology/pactgraph.ttl`` declare the same
terms. Data IRIs (documents, provisions, actors ...) are minted in :mod:`pactgraph.iris`.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import (
    DCAT,
    DCTERMS,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    VOID,
    XSD,
    DefinedNamespace,
)
from rdflib.term import URIRef

ONTOLOGY_IRI = "https://w3id.org/pactgraph/ontology"
DEFAULT_BASE = "https://w3id.org/pactgraph/"

#: W3C Web Annotation vocabulary (text-position selectors for provenance).
OA = Namespace("http://www.w3.org/ns/oa#")
#: European Legislation Identifier ontology (work / expression / manifestation).
ELI = Namespace("http://data.europa.eu/eli/ontology#")
#: Vocabulary for annotating vocabulary descriptions (preferred prefix of the ontology).
VANN = Namespace("http://purl.org/vocab/vann/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SCHEMA = Namespace("https://schema.org/")


class PG(DefinedNamespace):
    """The pactgraph ontology (``ontology/pactgraph.ttl``)."""

    _fail = True
    _NS = Namespace(ONTOLOGY_IRI + "#")

    # --- actors -------------------------------------------------------------------------
    Actor: URIRef  # anyone who can bear, issue or share a commitment
    State: URIRef  # a sovereign State (ISO 3166)
    StateGroup: URIRef  # a role-based group of States ("host States", "Member States")
    UNEntity: URIRef  # an organ, office, agency, fund, programme or mechanism of the UN system
    PrincipalOrgan: URIRef  # General Assembly, Security Council, Secretariat ...
    UNOfficial: URIRef  # an office held in the UN system (Secretary-General, President of the GA)
    UNOffice: URIRef  # an office or department of the Secretariat (OHCHR, DESA)
    SpecializedAgency: URIRef  # ILO, WHO ...
    FundOrProgramme: URIRef  # UNDP, UNICEF, UNHCR ...
    RelatedOrganization: URIRef  # IOM ...
    UNMechanism: URIRef  # inter-agency mechanisms and UN-convened forums (Global Migration Group)
    IntergovernmentalOrganization: URIRef  # IPU, AU, EAC, IGAD, ASEAN, EU, GCC ...
    IntergovernmentalProcess: (
        URIRef  # State-led forums and processes (GFMD, Regional Consultative Processes)
    )
    Parliament: URIRef  # a national parliament or one of its houses
    Person: URIRef  # a named natural person
    StakeholderGroup: URIRef  # civil society, private sector, diaspora, migrants ...
    # --- works, their expressions and copies -------------------------------------------
    Work: URIRef  # a text as an abstract work (ELI work)
    Instrument: URIRef  # a work that creates, records or guides policy
    BindingInstrument: URIRef
    NonBindingInstrument: URIRef
    Treaty: URIRef
    Convention: URIRef
    Protocol: URIRef
    Agreement: URIRef
    Declaration: URIRef
    Resolution: URIRef
    Compact: URIRef
    Agenda: URIRef
    Framework: URIRef
    PlanOfAction: URIRef
    Guidelines: URIRef
    Principles: URIRef
    Recommendation: URIRef
    NationalLaw: URIRef
    NationalPolicy: URIRef
    Report: URIRef
    PositionPaper: URIRef
    Letter: URIRef
    ParliamentaryPaper: URIRef
    AdoptedInstrument: URIRef  # adopted or endorsed by an organ, a conference or the parties
    Draft: URIRef  # a version under negotiation, not adopted (the GCM zero draft)
    Expression: URIRef  # one language version of a work (ELI expression)
    Document: URIRef  # one copy of a text in one file (ELI manifestation)
    SourceFile: URIRef  # an input file, identified by the SHA-256 of its bytes
    TextSpan: URIRef  # a character range of a source file (oa:SpecificResource)
    # --- structure ------------------------------------------------------------------------
    Section: URIRef
    Annex: URIRef
    Provision: URIRef  # a citable unit of a work: numbered paragraph or lettered sub-item
    Paragraph: URIRef
    SubItem: URIRef
    Passage: URIRef  # the text of one provision as it stands in one document
    Footnote: URIRef
    TextBlock: URIRef  # content outside numbered provisions: titles, prose, bullets, table rows
    PageFurniture: URIRef  # scanning debris, page headers and counters, stamps: kept, not parsed
    # --- what the text says ---------------------------------------------------------------
    Statement: URIRef
    LegallyAnchoredStatement: URIRef  # defined class: a statement citing a binding instrument
    Commitment: URIRef
    Position: URIRef  # what a State asks an instrument under negotiation to contain
    ConstitutiveRule: URIRef  # a rule that makes something so ("the Forum shall take place")
    Objective: URIRef
    SDGTarget: URIRef
    SDGGoal: URIRef
    OwnershipWitness: URIRef  # defined: a commitment made in an adopted instrument
    RoleAssignment: URIRef  # a role a provision assigns explicitly to a named entity
    AdoptedRoleAssignment: URIRef  # defined: one made in an adopted instrument
    CoordinationWitness: URIRef
    ReviewWitness: URIRef
    FundingWitness: URIRef
    SystemSupportWitness: URIRef
    RoleKindConcept: URIRef  # the class of role concepts (members of RoleScheme)
    CoordinatingRoleKind: URIRef
    ReviewingRoleKind: URIRef
    FundingRoleKind: URIRef
    SystemSupportRoleKind: URIRef
    RoleScheme: URIRef
    coordinatorRole: URIRef
    secretariatRole: URIRef
    leadAgencyRole: URIRef
    reportingRole: URIRef
    reviewRole: URIRef
    fundingRole: URIRef
    mandateRole: URIRef
    systemWideSupportRole: URIRef
    ModalityConcept: URIRef  # the class of deontic modality concepts (members of ModalityScheme)
    ModalityScheme: URIRef  # the SKOS concept scheme itself (an individual)
    obligation: URIRef
    commitmentModality: URIRef  # not 'commitment': that differs from pg:Commitment by case only
    intention: URIRef
    encouragement: URIRef
    recognition: URIRef
    # --- object properties ------------------------------------------------------------------
    bearer: URIRef
    bearerOf: URIRef
    issuer: URIRef
    partner: URIRef
    partnerOf: URIRef
    madeIn: URIRef
    cites: URIRef
    citedBy: URIRef
    contributesTo: URIRef
    modality: URIRef
    partOf: URIRef
    hasPart: URIRef
    custodian: URIRef
    custodianOf: URIRef
    expresses: URIRef
    hasPassage: URIRef
    passageOf: URIRef
    inDocument: URIRef
    sourceSpan: URIRef
    callsFootnote: URIRef
    objectiveOf: URIRef
    hasObjective: URIRef
    statementOf: URIRef
    hasStatement: URIRef
    mentions: URIRef
    leads: URIRef  # derived: bearer of an ownership witness serving the objective
    supports: URIRef  # derived: partner in an ownership witness serving the objective
    custodianFor: URIRef  # derived, weaker: custodian of an instrument a witness cites
    supportsSystemWide: URIRef  # derived by rule: system-wide support to an instrument
    coordinates: URIRef
    reviews: URIRef
    funds: URIRef
    witnessesOwnership: URIRef  # self links that confine the chains to witnesses
    witnessesCoordination: URIRef
    witnessesReview: URIRef
    witnessesFunding: URIRef
    witnessesSystemSupport: URIRef
    roleHolder: URIRef
    holdsRole: URIRef
    roleKind: URIRef
    roleOver: URIRef
    assignedIn: URIRef
    evidence: URIRef
    underObjective: URIRef
    draftOf: URIRef
    subgroupOf: URIRef
    # --- data properties ----------------------------------------------------------------
    reference: URIRef
    text: URIRef
    number: URIRef
    marker: URIRef
    ordinal: URIRef
    sha256: URIRef
    fileName: URIRef
    lineStart: URIRef
    lineEnd: URIRef
    coverage: URIRef
    symbol: URIRef
    untsReference: URIRef
    legallyBinding: URIRef
    # --- annotation properties --------------------------------------------------------------
    acronym: URIRef
    source: URIRef
    # --- document recognition and structure (issue 12) ------------------------------------
    Decision: URIRef  # an organ's decision (A/DEC/, A/HRC/DEC/)
    PresidentialStatement: URIRef  # S/PRST/, A/HRC/PRST/
    Article: URIRef  # a numbered article
    Goal: URIRef  # a goal of a framework of goals and targets
    Target: URIRef  # a target under a goal ("10.7", "10.a")
    Table: URIRef  # a table, one node with its rows
    PreambularParagraph: URIRef
    statesObjective: URIRef  # a goal or target provision -> its SDG objective
    UnnumberedParagraph: URIRef  # prose of a section that numbers none ("V.p3")
    OperativeParagraph: URIRef
    adoptedBy: URIRef  # work -> the organ that adopted it
    session: URIRef  # work -> the organ's session ("76", "S-10")
    agendaItem: URIRef  # work -> agenda item as printed
    tableRow: URIRef  # table -> "n: cell | cell"
    # --- versions of one work: what changed (issue 13, pactgraph.versions) -----------------
    VersionDiff: URIRef  # the alignment of two versions of one work
    VersionChange: URIRef  # one line of it: an item before and/or after, and what happened
    ChangeKindConcept: URIRef  # the class of the change scheme's concepts
    ChangeScheme: URIRef
    sameItem: URIRef
    renamedItem: URIRef
    renumberedItem: URIRef
    mergedItem: URIRef
    addedItem: URIRef
    removedItem: URIRef
    rewordedItem: URIRef
    strengthenedItem: URIRef
    weakenedItem: URIRef
    bearersChangedItem: URIRef
    olderVersion: URIRef  # diff -> the older work
    newerVersion: URIRef  # diff -> the newer work
    changeIn: URIRef  # change -> its diff
    itemBefore: URIRef  # change -> objective or provision of the older version
    itemAfter: URIRef  # change -> objective or provision of the newer version
    changeKind: URIRef  # change -> a concept of the change scheme


#: The modality names the extractor writes ("commitment") and the concepts they stand for. The
#: commitment concept is ``pg:commitmentModality`` so that no two ontology terms differ only by
#: case (``pg:Commitment`` is the class of commitments).
MODALITIES: dict[str, URIRef] = {
    "obligation": PG.obligation,
    "commitment": PG.commitmentModality,
    "intention": PG.intention,
    "encouragement": PG.encouragement,
    "recognition": PG.recognition,
}
#: A modality concept's name, the inverse of :data:`MODALITIES` (what the export writes).
MODALITY_NAMES: dict[URIRef, str] = {iri: name for name, iri in MODALITIES.items()}

__all__ = [
    "DCAT",
    "DCTERMS",
    "DEFAULT_BASE",
    "ELI",
    "FOAF",
    "MODALITIES",
    "MODALITY_NAMES",
    "OA",
    "ONTOLOGY_IRI",
    "ORG",
    "OWL",
    "PG",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SH",
    "SKOS",
    "VANN",
    "VOID",
    "XSD",
]
