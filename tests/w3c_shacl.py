"""The W3C SHACL core test suite (``../shared/w3c-shacl-core``), read and compared by its own rules.

Takes: the suite's ``manifest.ttl`` (and the manifests it includes). Gives: one :class:`Case` per
``sht:Validate`` entry (98, all ``sht:approved``), and :func:`summary` of a report, the part of
it the suite compares: ``sh:conforms`` and, per result, focus node, path, constraint component,
severity and value, as a multiset (the suite requires the reports to be isomorphic, ignoring
``sh:resultMessage``).

Blank nodes. Engines rename the data's blank nodes, so a blank focus node or value is compared
as "a blank node" (``_:``); a path that is a blank node (a sequence, an inverse ...) is compared
by its SPARQL property-path rendering. Literals are compared exactly (lexical form, datatype,
language): every file is read by pyoxigraph, which keeps the lexical form as written.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from pactgraph.engines import to_rdflib
from pactgraph.namespaces import RDF, SH, XSD

SUITE = Path(__file__).resolve().parents[2] / "shared" / "w3c-shacl-core"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")


def read(path: Path) -> Graph:
    """A Turtle file as an rdflib graph, literals exactly as written, relative IRIs resolved
    against the file's URI (as the suite's manifests expect)."""
    graph = Graph()
    with path.open("rb") as fh:
        for t in ox.parse(fh, format=ox.RdfFormat.TURTLE, base_iri=path.as_uri()):
            graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return graph


@dataclass(frozen=True)
class Case:
    """One ``sht:Validate`` test: its name, data file, shapes file and expected report."""

    name: str
    data: Path
    shapes: Path
    expected: Graph
    expected_report: Node

    @property
    def id(self) -> str:
        return self.name


def _file(iri: Node) -> Path:
    return Path(str(iri).removeprefix("file://"))


def cases(manifest: Path = SUITE / "manifest.ttl") -> list[Case]:
    """Every ``sht:Validate`` entry reachable from ``manifest`` through ``mf:include``."""
    out: list[Case] = []
    graph = read(manifest)
    for included in sorted(graph.objects(None, MF.include), key=str):
        out.extend(cases(_file(included)))
    for entries in graph.objects(None, MF.entries):
        for entry in Collection(graph, entries):
            if (entry, RDF.type, SHT.Validate) not in graph:
                continue
            assert graph.value(entry, MF.status) == SHT.approved, entry
            action = graph.value(entry, MF.action)
            name = f"{manifest.parent.name}/{str(entry).rsplit('/', 1)[-1]}"
            out.append(
                Case(
                    name=name,
                    data=_file(graph.value(action, SHT.dataGraph)),
                    shapes=_file(graph.value(action, SHT.shapesGraph)),
                    expected=graph,
                    expected_report=graph.value(entry, MF.result),
                )
            )
    return sorted(out, key=lambda c: c.name)


def render_path(graph: Graph, path: Node | None) -> str:
    """A SHACL property path as SPARQL property-path text (``""`` for none)."""
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return f"<{path}>"
    if (path, RDF.first, None) in graph:
        return "(" + "/".join(render_path(graph, p) for p in Collection(graph, path)) + ")"
    for prop, template in (
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "({})*"),
        (SH.oneOrMorePath, "({})+"),
        (SH.zeroOrOnePath, "({})?"),
    ):
        inner = graph.value(path, prop)
        if inner is not None:
            return template.format(render_path(graph, inner))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(render_path(graph, p) for p in Collection(graph, alternatives)) + ")"
    raise ValueError(f"not a SHACL path: {path!r}")


def _term(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, BNode):
        return "_:"
    if isinstance(node, Literal):  # RDF 1.1: a simple literal is an xsd:string
        datatype = node.datatype or (RDF.langString if node.language else XSD.string)
        return f"{node!s}|{datatype}|{node.language or ''}"
    return str(node)


Summary = tuple[bool, Counter[tuple[str, str, str, str, str]]]


def summary(graph: Graph, report: Node | None = None) -> Summary:
    """(conforms, multiset of (focus, path, component, severity, value)) of a report."""
    if report is None:
        report = next(graph.subjects(RDF.type, SH.ValidationReport))
    conforms = graph.value(report, SH.conforms)
    results: Counter[tuple[str, str, str, str, str]] = Counter()
    for result in graph.objects(report, SH.result):
        results[
            (
                _term(graph.value(result, SH.focusNode)),
                render_path(graph, graph.value(result, SH.resultPath)),
                _term(graph.value(result, SH.sourceConstraintComponent)),
                _term(graph.value(result, SH.resultSeverity)),
                _term(graph.value(result, SH.value)),
            )
        ] += 1
    return bool(conforms is not None and conforms.toPython() is True), results
