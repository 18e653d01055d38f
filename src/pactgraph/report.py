"""What a validation report says: an engine's ``sh:ValidationReport`` made canonical, and its rows.

Takes: the report triples an engine gave (:mod:`pactgraph.engines`; rdflib terms, literals exact).
Gives: :class:`Report` (conformance, the canonical triples in a fixed order, one field map per
result) and :class:`Row`, one flattened result for a table.

Canonical. Engines name the report and its results with arbitrary blank nodes; here the report
node is ``_:report`` and each result is named by a digest of its fields (focus, path, component,
severity, shape, value, message: :data:`RESULT_FIELDS`), a path that is itself a blank node
(a sequence, an inverse) is copied under names derived from its result's, and the triples are
sorted. Two runs, two engines or two workers that find the same results give the same triples,
so reports can be compared and merged as sets and written byte-stable.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import BNode, Literal
from rdflib.term import Node

from .namespaces import PG, RDF, SH

Triple = tuple[Node, Node, Node]

#: Severities from worst to mildest (rows sort in this order).
SEVERITY_ORDER = (SH.Violation, SH.Warning, SH.Info)

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

REPORT_NODE = BNode("report")
_TYPE, _REPORT, _CONFORMS = RDF.type, SH.ValidationReport, SH.conforms
_RESULT, _PATH = SH.result, SH.resultPath


@dataclass(frozen=True, order=True)
class Row:
    """One validation result, flattened for a table.

    ``focus``, ``path``, ``component``, ``severity``, ``shape`` and ``value`` are N3-free
    strings (IRIs or literal lexical forms; a path that is not a plain property is given as
    its structure); ``value_term`` is the value exactly, in N-Triples syntax
    (``"5"^^<http://www.w3.org/2001/XMLSchema#int>``: lexical form, datatype, language);
    ``label``, ``provision`` and ``snippet`` say where the failing node came from (empty when
    the graph does not say).
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
    value_term: str = ""

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What two validators must agree on: (focus node, path, constraint component, severity)."""
        return (self.focus, self.path, self.component, self.severity)

    @property
    def severity_name(self) -> str:
        return self.severity.rsplit("#", 1)[-1]


@dataclass
class Report:
    """A canonical report: conformance, its triples in order, and each result's (name, fields)."""

    conforms: bool
    triples: list[Triple]
    results: list[tuple[Node, dict[Node, Node]]] = field(default_factory=list)
    #: the text of each blank-node path, by the result's name
    path_text: dict[Node, str] = field(default_factory=dict)


def result_node(parts: Iterable[str]) -> BNode:
    """The blank node of a result, named by a digest of its fields (see :data:`RESULT_FIELDS`)."""
    return BNode("r" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20])


def n3(node: Node | None) -> str:
    """A term in N-Triples syntax; ``""`` for nothing."""
    return "" if node is None else node.n3()


def canonical(triples: Iterable[Triple]) -> Report:
    """The canonical form of an engine's report triples (see the module docstring)."""
    by_subject: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
    roots = []
    for s, p, o in triples:
        by_subject[s].append((p, o))
        if p == _TYPE and o == _REPORT:
            roots.append(s)
    if len(roots) != 1:
        raise ValueError(f"expected one sh:ValidationReport, found {len(roots)}")
    root = by_subject[roots[0]]
    said = [o for p, o in root if p == _CONFORMS]
    conforms = bool(said) and isinstance(said[0], Literal) and said[0].toPython() is True

    def text(node: Node, depth: int = 0) -> str:
        if not isinstance(node, BNode) or node not in by_subject or depth > 20:
            return n3(node)
        inner = sorted(f"{n3(p)} {text(o, depth + 1)}" for p, o in by_subject[node])
        return "[" + " ; ".join(inner) + "]"

    def copy(node: Node, name: str, out: list[Triple]) -> Node:
        """``node`` with the blank nodes below it renamed after ``name`` (depth first)."""
        if not isinstance(node, BNode) or node not in by_subject:
            return node
        renamed = BNode(name)
        for i, (p, o) in enumerate(sorted(by_subject[node], key=lambda po: text(po[1]))):
            out.append((renamed, p, copy(o, f"{name}x{i}", out)))
        return renamed

    head: list[Triple] = [
        (REPORT_NODE, RDF.type, SH.ValidationReport),
        (REPORT_NODE, SH.conforms, Literal(conforms)),
    ]
    body: dict[Node, list[Triple]] = {}
    fields: dict[Node, dict[Node, Node]] = {}
    paths: dict[Node, str] = {}
    for result in (o for p, o in root if p == _RESULT):
        po = by_subject.get(result, [])
        parts = ["\x1e".join(sorted(text(o) for p, o in po if p == prop)) for prop in RESULT_FIELDS]
        name = result_node(parts)
        if name in body:
            continue
        out: list[Triple] = []
        for p, o in po:
            copied = copy(o, f"{name}p", out) if p == _PATH else o
            out.append((name, p, copied))
        body[name] = out
        got: dict[Node, Node] = {}
        for p, o in sorted(po, key=lambda pair: text(pair[1])):
            got.setdefault(p, o)
        fields[name] = got
        path = got.get(_PATH)
        if isinstance(path, BNode):
            paths[name] = text(path)
    head += [(REPORT_NODE, SH.result, name) for name in body]
    ordered = sorted(set(head), key=lambda t: (t[1] != RDF.type, t[1], t[2]))
    rest = sorted(
        {t for triples_of in body.values() for t in triples_of},
        key=lambda t: (str(t[0]), str(t[1]), t[2].n3()),
    )
    return Report(
        conforms=conforms,
        triples=ordered + rest,
        results=[(name, fields[name]) for name in sorted(fields)],
        path_text=paths,
    )


def result_triples(report: Report, names: set[Node]) -> list[Triple]:
    """The triples of the results called ``names`` (their fields and their copied paths)."""
    prefixes = tuple(str(n) for n in names)
    return [
        t
        for t in report.triples
        if t[0] != REPORT_NODE and (t[0] in names or str(t[0]).startswith(prefixes))
    ]


def merge(parts: Iterable[Iterable[Triple]]) -> Report:
    """One canonical report from results validated apart (triples from :func:`result_triples`);
    it conforms when no result is a Violation. Equal results found twice count once."""
    body = {t for part in parts for t in part}
    names = {s for s, p, o in body if p == _TYPE and o == SH.ValidationResult}
    conforms = not any(p == SH.resultSeverity and o == SH.Violation for _s, p, o in body)
    head = [(REPORT_NODE, _TYPE, _REPORT), (REPORT_NODE, _CONFORMS, Literal(conforms))]
    return canonical([*head, *((REPORT_NODE, _RESULT, n) for n in names), *body])


__all__ = [
    "REPORT_NODE",
    "REPORT_PREFIXES",
    "RESULT_FIELDS",
    "SEVERITY_ORDER",
    "Report",
    "Row",
    "Triple",
    "canonical",
    "merge",
    "n3",
    "result_node",
    "result_triples",
]
