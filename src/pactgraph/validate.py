"""SHACL validation of a pactgraph graph with pySHACL (the reference path).

Takes: a data graph (an rdflib ``Graph`` or a file), the shapes in ``shapes/*.ttl`` and the class
hierarchy of ``ontology/pactgraph.ttl``.
Gives: :class:`ValidationResult` (``conforms``, the ``sh:ValidationReport`` graph, and one
:class:`Row` per result, sorted, with the failing node's label and the provision it was read
from), and :func:`serialize_report`, a byte-stable Turtle rendering of the report.

How types are resolved. The data graph does not contain the ontology, so ``sh:targetClass
pg:Statement`` would miss a node typed only ``pg:Commitment`` and ``sh:class pg:Actor`` would
reject a ``pg:State``. Rather than RDFS inference over the whole data graph, the validator mixes
in only the ontology's class hierarchy (:func:`class_hierarchy`: its ``rdfs:subClassOf`` axioms
plus ``C rdfs:subClassOf A`` for every ``C owl:equivalentClass [ owl:intersectionOf (A ...) ]``,
which OWL entails and plain RDFS does not see), and pySHACL follows ``rdfs:subClassOf*`` as
SHACL prescribes. ``bench/VALIDATION.md`` compares this with ``inference="rdfs"``.

Conformance counts Violations only: Warnings and Infos are reported but do not fail a graph
(pySHACL's ``allow_warnings`` / ``allow_infos``).
"""

from __future__ import annotations

import functools
import hashlib
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from pyshacl import validate as pyshacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from .errors import GraphError
from .namespaces import OWL, PG, RDF, RDFS, SH, SKOS
from .resources import ONTOLOGY_FILE, SHAPES_DIR

#: Severities from worst to mildest (rows sort in this order).
SEVERITY_ORDER = (SH.Violation, SH.Warning, SH.Info)

#: RDF formats by file suffix for :func:`load_data_graph`.
FORMATS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".ntriples": "nt",
    ".n3": "n3",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".trig": "trig",
    ".nq": "nquads",
}

_SNIPPET_WORDS = 8


@dataclass(frozen=True, order=True)
class Row:
    """One validation result, flattened for a table.

    ``focus``, ``path``, ``component``, ``severity``, ``shape`` and ``value`` are N3-free
    strings (IRIs or literal lexical forms); ``label``, ``provision`` and ``snippet`` say where the
    failing node came from (empty when the graph does not say).
    """

    severity_rank: int
    focus: str
    path: str
    component: str
    severity: str
    shape: str = ""
    value: str = ""
    message: str = ""
    label: str = ""
    provision: str = ""
    snippet: str = ""

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What two validators must agree on: (focus node, path, constraint component, severity)."""
        return (self.focus, self.path, self.component, self.severity)

    @property
    def severity_name(self) -> str:
        return self.severity.rsplit("#", 1)[-1]


#: A report's triples in canonical order (see :func:`sorted_report_triples`).
ReportTriples = Callable[[], Iterable[tuple[Node, Node, Node]]]


@dataclass
class ValidationResult:
    """The outcome of a validation: conformance (Violations only), the report and its rows.

    The report is kept as a way to produce its triples, not as a graph: the fast path on a
    large build has hundreds of thousands of results, and :meth:`write_report` streams them
    to Turtle without holding an rdflib graph of millions of triples. :attr:`report` builds
    that graph on demand, for callers (and tests) that want one.
    """

    conforms: bool
    report_triples: ReportTriples
    rows: list[Row] = field(default_factory=list)

    @functools.cached_property
    def report(self) -> Graph:
        """The ``sh:ValidationReport`` as an rdflib graph (built on first use)."""
        graph = Graph()
        for prefix, namespace in REPORT_PREFIXES.items():
            graph.bind(prefix, namespace)
        for triple in self.report_triples():
            graph.add(triple)
        return graph

    def write_report(self, path: Path) -> None:
        """Write the report to ``path`` as Turtle, streamed and byte-stable."""
        write_turtle(self.report_triples(), path)

    def count(self, severity: URIRef) -> int:
        return sum(1 for row in self.rows if row.severity == str(severity))

    @property
    def violations(self) -> list[Row]:
        return [row for row in self.rows if row.severity == str(SH.Violation)]


# --- inputs --------------------------------------------------------------------------------------


def load_data_graph(path: Path) -> Graph:
    """Parse an RDF file (format from its suffix, Turtle by default) into a graph.

    A missing, unreadable or non-RDF file raises :class:`GraphError` naming the file.
    """
    if not path.exists():
        raise GraphError("no such file", locator=str(path))
    if not path.is_file():
        raise GraphError("not a file", locator=str(path))
    fmt = FORMATS.get(path.suffix.lower(), "turtle")
    graph = Graph()
    try:
        graph.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many unrelated types on bad input
        first = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise GraphError(f"not readable as {fmt}: {first}", locator=str(path)) from exc
    if len(graph) == 0:
        raise GraphError(f"no triples found (read as {fmt})", locator=str(path))
    return graph


def shape_files(directory: Path = SHAPES_DIR) -> list[Path]:
    """The shape files, sorted: every ``*.ttl`` in ``shapes/``."""
    return sorted(directory.glob("*.ttl"))


def load_shapes(paths: list[Path] | None = None) -> Graph:
    """The shapes graph: the union of ``paths`` (default: :func:`shape_files`)."""
    graph = Graph()
    for path in paths if paths is not None else shape_files():
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:
            raise GraphError(f"cannot read shapes: {exc}", locator=str(path)) from exc
    graph.bind("pgsh", "https://w3id.org/pactgraph/shapes#")
    return graph


@functools.cache
def _default_shapes() -> Graph:
    return load_shapes()


def class_hierarchy(ontology: Graph) -> Graph:
    """The told class hierarchy of ``ontology`` as plain ``rdfs:subClassOf`` triples.

    Keeps ``rdfs:subClassOf`` between named classes, and adds ``C rdfs:subClassOf A`` for each
    named ``A`` in ``C owl:equivalentClass [ owl:intersectionOf ( A ... ) ]`` and both directions
    of ``owl:equivalentClass`` between named classes. Everything added is entailed by OWL.
    """
    out = Graph()
    for sub, sup in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            out.add((sub, RDFS.subClassOf, sup))
    for cls, equivalent in ontology.subject_objects(OWL.equivalentClass):
        if not isinstance(cls, URIRef):
            continue
        if isinstance(equivalent, URIRef):
            out.add((cls, RDFS.subClassOf, equivalent))
            out.add((equivalent, RDFS.subClassOf, cls))
            continue
        for members in ontology.objects(equivalent, OWL.intersectionOf):
            for member in Collection(ontology, members):
                if isinstance(member, URIRef):
                    out.add((cls, RDFS.subClassOf, member))
    return out


@functools.cache
def default_hierarchy() -> Graph:
    """:func:`class_hierarchy` of ``ontology/pactgraph.ttl`` (read once per process)."""
    ontology = Graph()
    try:
        ontology.parse(ONTOLOGY_FILE, format="turtle")
    except Exception as exc:
        raise GraphError(f"cannot read the ontology: {exc}", locator=str(ONTOLOGY_FILE)) from exc
    return class_hierarchy(ontology)


# --- validation ----------------------------------------------------------------------------------


def validate_graph(
    graph: Graph, *, shapes: Graph | None = None, hierarchy: Graph | None = None
) -> ValidationResult:
    """Validate ``graph`` against the shapes with pySHACL; the graph itself is not modified.

    ``shapes`` defaults to ``shapes/*.ttl``; ``hierarchy`` to :func:`default_hierarchy`.
    """
    shapes_graph = shapes if shapes is not None else _default_shapes()
    ont = hierarchy if hierarchy is not None else default_hierarchy()
    conforms, report, _text = pyshacl_validate(
        graph,
        shacl_graph=shapes_graph,
        ont_graph=ont,
        inference="none",
        allow_infos=True,
        allow_warnings=True,
        advanced=False,
    )
    report = canonical_report(report)
    rows = report_rows(report, graph)
    return ValidationResult(
        conforms=bool(conforms),
        report_triples=functools.partial(sorted_report_triples, report),
        rows=rows,
    )


#: The result fields a result's blank node is named after, in this order.
RESULT_FIELDS = (
    SH.focusNode,
    SH.resultPath,
    SH.sourceConstraintComponent,
    SH.resultSeverity,
    SH.sourceShape,
    SH.value,
    SH.resultMessage,
)

#: Prefixes of the Turtle report.
REPORT_PREFIXES = {
    "sh": str(SH),
    "pg": str(PG),
    "pgsh": "https://w3id.org/pactgraph/shapes#",
}


def result_node(parts: Iterable[str]) -> BNode:
    """The blank node of a result, named by a digest of its fields (see :data:`RESULT_FIELDS`)."""
    return BNode("r" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20])


def canonical_report(report: Graph) -> Graph:
    """The report with each result's blank node named by a digest of its content.

    pySHACL's result nodes are random blank nodes; naming them after (focus, path, component,
    severity, shape, value, message) makes the Turtle rendering byte-stable between runs.
    """
    out = Graph()
    for prefix, namespace in REPORT_PREFIXES.items():
        out.bind(prefix, namespace)
    renamed: dict[Node, Node] = {}
    for result in report.objects(None, SH.result):
        renamed[result] = result_node(str(report.value(result, p) or "") for p in RESULT_FIELDS)
    for report_node in report.subjects(RDF.type, SH.ValidationReport):
        renamed[report_node] = BNode("report")
    for s, p, o in report:
        out.add((renamed.get(s, s), p, renamed.get(o, o)))
    return out


def sorted_report_triples(report: Graph) -> list[tuple[Node, Node, Node]]:
    """A canonical report's triples in a fixed order: the report node's first, then by subject."""
    return sorted(report, key=lambda t: (t[0] != BNode("report"), t[0], t[1], t[2]))


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term for an rdflib term, lexical form kept as it is."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unexpected term {term!r}")


def write_turtle(triples: Iterable[tuple[Node, Node, Node]], target: Path | BinaryIO) -> None:
    """Stream ``triples`` to ``target`` as Turtle with the report's prefixes (pyoxigraph's writer).

    The output is as stable as the order of ``triples``; only the current subject is held.
    """
    ox.serialize(
        (ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in triples),  # type: ignore[arg-type]
        str(target) if isinstance(target, Path) else target,
        ox.RdfFormat.TURTLE,
        prefixes=REPORT_PREFIXES,
    )


def serialize_report(report: Graph) -> bytes:
    """The report as Turtle, deterministic for a given set of results."""
    out = io.BytesIO()
    write_turtle(sorted_report_triples(report), out)
    return out.getvalue()


def _first_words(text: str, n: int = _SNIPPET_WORDS) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def _label(graph: Graph, node: Node) -> str:
    for prop in (RDFS.label, SKOS.prefLabel):
        value = graph.value(node, prop)
        if value is not None:
            return str(value)
    return ""


def provenance(graph: Graph, node: Node) -> tuple[str, str]:
    """(provision reference, first words of its text) for a node read from a provision.

    Follows ``pg:statementOf`` (statements) or ``pg:passageOf`` (passages); a provision is its own
    source. The reference is the provision's label (``"A/RES/71/1 I.5(a)"``), else its
    ``pg:reference``. Empty strings when the graph does not say.
    """
    provision: Node | None = None
    if (node, RDF.type, PG.Provision) in graph:
        provision = node
    else:
        provision = graph.value(node, PG.statementOf) or graph.value(node, PG.passageOf)
    if provision is None:
        return "", ""
    reference = _label(graph, provision) or str(graph.value(provision, PG.reference) or "")
    text = graph.value(provision, PG.text)
    return reference, _first_words(str(text)) if text is not None else ""


def _text(node: Node | None) -> str:
    """An IRI or a literal's lexical form; ``""`` for nothing."""
    return "" if node is None else str(node)


def report_rows(report: Graph, data: Graph) -> list[Row]:
    """One :class:`Row` per ``sh:result`` of ``report``, sorted (severity, focus, path, ...)."""
    rows: set[Row] = set()
    for result in report.objects(None, SH.result):
        focus = report.value(result, SH.focusNode)
        severity = report.value(result, SH.resultSeverity)
        reference, snippet = provenance(data, focus) if focus is not None else ("", "")
        rank = SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)
        rows.add(
            Row(
                severity_rank=rank,
                focus=_text(focus),
                path=_text(report.value(result, SH.resultPath)),
                component=_text(report.value(result, SH.sourceConstraintComponent)),
                severity=_text(severity),
                shape=_text(report.value(result, SH.sourceShape)),
                value=_text(report.value(result, SH.value)),
                message=_text(report.value(result, SH.resultMessage)),
                label=_label(data, focus) if focus is not None else "",
                provision=reference,
                snippet=snippet,
            )
        )
    return sorted(rows)


__all__ = [
    "REPORT_PREFIXES",
    "SHAPES_DIR",
    "Row",
    "ValidationResult",
    "canonical_report",
    "class_hierarchy",
    "default_hierarchy",
    "load_data_graph",
    "load_shapes",
    "provenance",
    "report_rows",
    "result_node",
    "serialize_report",
    "shape_files",
    "sorted_report_triples",
    "to_oxigraph",
    "validate_graph",
    "write_turtle",
]
