"""SHACL validation of a pactgraph graph, on the engine of :mod:`pactgraph.engines`.

Takes: a data graph (an rdflib ``Graph``; or a file or an Oxigraph store directory, which the
engine reads without rdflib), the shapes (``shapes/*.ttl`` by default, or any file or folder of
shapes) and the class hierarchy of ``ontology/pactgraph.ttl``.
Gives: :class:`ValidationResult` (``conforms``, the ``sh:ValidationReport`` graph, and one
:class:`Row` per result, sorted, with the failing node's label and the provision it was read
from, and the offending value exactly as the engine reported it), and
:func:`serialize_report`, a byte-stable Turtle rendering of the report.

The engine is chosen by name (``engine=``; default :data:`~pactgraph.engines.DEFAULT_ENGINE`).

How types are resolved, the same way for every engine. The data graph does not contain the
ontology, so ``sh:targetClass pg:Statement`` would miss a node typed only ``pg:Commitment`` and
``sh:class pg:Actor`` would reject a ``pg:State``. No engine but pySHACL reads a separate
ontology graph, so the validator appends the ontology's class hierarchy to the data before the
engine sees it (:func:`class_hierarchy`: its ``rdfs:subClassOf`` axioms plus ``C rdfs:subClassOf
A`` for every ``C owl:equivalentClass [ owl:intersectionOf (A ...) ]``, which OWL entails and
plain RDFS does not see), and the engine follows ``rdf:type/rdfs:subClassOf*`` as SHACL
prescribes. The caller's graph is never modified.

Conformance counts Violations only: Warnings and Infos are reported but do not fail a graph.
"""

from __future__ import annotations

import functools
import io
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from .engines import get_engine, ntriples, to_oxigraph, to_rdflib
from .errors import GraphError
from .namespaces import OWL, PG, RDF, RDFS, SH, SKOS, XSD
from .report import REPORT_PREFIXES, SEVERITY_ORDER, Report, Row, Triple, canonical, n3
from .resources import ONTOLOGY_FILE, SHAPES_DIR

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
_OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "n3": ox.RdfFormat.N3,
    "xml": ox.RdfFormat.RDF_XML,
    "json-ld": ox.RdfFormat.JSON_LD,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}

_SNIPPET_WORDS = 8


#: A report's triples in canonical order (see :func:`pactgraph.report.canonical`).
ReportTriples = Callable[[], Iterable[Triple]]


@dataclass
class ValidationResult:
    """The outcome of a validation: conformance (Violations only), the report and its rows.

    The report is kept as a way to produce its triples, not as a graph, so that
    :meth:`write_report` can stream them to Turtle. :attr:`report` builds that graph on demand,
    for callers (and tests) that want one.
    """

    conforms: bool
    report_triples: ReportTriples
    rows: list[Row] = field(default_factory=list)
    #: things the reader must know to trust the rows (one line each)
    notes: list[str] = field(default_factory=list)

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

    Read by pyoxigraph, so every literal keeps its lexical form as written (rdflib's own parser
    would rewrite ``"05"^^xsd:integer`` as ``"5"``, hiding what a shape should see). A missing,
    unreadable or non-RDF file raises :class:`GraphError` naming the file.
    """
    _check_file(path)
    fmt = FORMATS.get(path.suffix.lower(), "turtle")
    graph = Graph()
    try:
        with path.open("rb") as fh:
            for t in ox.parse(fh, format=_OX_FORMATS[fmt], base_iri=path.resolve().as_uri()):
                graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    except (SyntaxError, ValueError, OSError) as exc:
        first = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise GraphError(f"not readable as {fmt}: {first}", locator=str(path)) from exc
    if len(graph) == 0:
        raise GraphError(f"no triples found (read as {fmt})", locator=str(path))
    return graph


def _check_file(path: Path) -> None:
    if not path.exists():
        raise GraphError("no such file", locator=str(path))
    if not path.is_file():
        raise GraphError("not a file", locator=str(path))


def shape_files(directory: Path = SHAPES_DIR) -> list[Path]:
    """The shape files, sorted: every ``*.ttl`` in ``directory`` (default ``shapes/``), or
    ``directory`` itself when it is a file."""
    if directory.is_file():
        return [directory]
    if not directory.is_dir():
        raise GraphError("no such file or folder of shapes", locator=str(directory))
    files = sorted(directory.glob("*.ttl"))
    if not files:
        raise GraphError("no *.ttl shapes in this folder", locator=str(directory))
    return files


def load_shapes(paths: list[Path] | Path | None = None) -> Graph:
    """The shapes graph: the union of ``paths`` (a list of files, or one file or folder as
    :func:`shape_files` reads it; default: ``shapes/``)."""
    if isinstance(paths, Path):
        paths = shape_files(paths)
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


def subclass_closure(hierarchy: Graph) -> dict[URIRef, tuple[URIRef, ...]]:
    """For each class named in ``hierarchy``: itself and every class below it, sorted."""
    children: dict[URIRef, set[URIRef]] = {}
    for sub, sup in hierarchy.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            children.setdefault(sup, set()).add(sub)

    @functools.cache
    def below(cls: URIRef) -> frozenset[URIRef]:
        out = {cls}
        stack = [cls]
        while stack:
            for child in children.get(stack.pop(), ()):
                if child not in out:
                    out.add(child)
                    stack.append(child)
        return frozenset(out)

    classes = set(children) | {c for cs in children.values() for c in cs}
    return {cls: tuple(sorted(below(cls))) for cls in classes}


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
    graph: Graph,
    *,
    shapes: Graph | None = None,
    hierarchy: Graph | None = None,
    engine: str | None = None,
) -> ValidationResult:
    """Validate ``graph`` on ``engine``; the graph itself is not modified.

    ``shapes`` defaults to ``shapes/*.ttl``; ``hierarchy`` (appended to a copy of the data) to
    :func:`default_hierarchy`.
    """
    shapes_graph = shapes if shapes is not None else _default_shapes()
    data = Graph()
    data += graph
    data += hierarchy if hierarchy is not None else default_hierarchy()
    report = canonical(get_engine(engine).validate(data, shapes_graph))
    return ValidationResult(
        conforms=report.conforms,
        report_triples=lambda: report.triples,
        rows=report_rows(report, functools.partial(provenance_of, graph)),
    )


def validate_path(
    path: Path,
    *,
    shapes: Graph | None = None,
    hierarchy: Graph | None = None,
    engine: str | None = None,
) -> ValidationResult:
    """Validate a graph file or an Oxigraph store directory without loading it into rdflib.

    The data goes to the engine as one N-Triples or Turtle file with the class hierarchy
    appended; the rows' labels and provisions are then read by streaming the file once or
    twice, for the failing nodes only.

    A store directory of a build is validated from the ``graph.nt`` it was loaded from, beside
    it: an Oxigraph store keeps ``xsd:nonNegativeInteger``, ``xsd:int`` ... as ``xsd:integer``,
    so its own content would break (or pass) ``sh:datatype`` wrongly. A store with no
    ``graph.nt`` beside it is dumped and validated, and any ``sh:datatype`` result on an
    ``xsd:integer`` value is flagged in :attr:`ValidationResult.notes`.
    """
    if path.is_dir() and (path.parent / "graph.nt").is_file():
        path = path.parent / "graph.nt"
    shapes_graph = shapes if shapes is not None else _default_shapes()
    extra = ntriples(hierarchy if hierarchy is not None else default_hierarchy())
    with tempfile.TemporaryDirectory(prefix="pactgraph-validate-") as tmp:
        data, fmt = _engine_input(path, Path(tmp), extra)
        try:
            report = canonical(get_engine(engine).validate(data, shapes_graph))
        except GraphError as exc:  # name the user's file, not the temporary copy
            detail = exc.message.replace(data.resolve().as_uri(), "").replace(str(data), "")
            for prefix in (f"not readable as {fmt}: ", "not readable: ", "parse error: "):
                detail = detail.removeprefix(prefix)
            raise GraphError(
                f"not readable as {fmt}: {detail.lstrip(': ')}", locator=str(path)
            ) from exc
        focus = {f[SH.focusNode] for _n, f in report.results if SH.focusNode in f}
        described, count = describe_file(data, fmt, {n for n in focus if isinstance(n, URIRef)})
    if count <= extra.count(b"\n"):
        raise GraphError(f"no triples found (read as {fmt})", locator=str(path))
    rows = report_rows(report, lambda node: described.get(node, ("", "", "")))
    notes = []
    if path.is_dir() and any(
        r.component == str(SH.DatatypeConstraintComponent) and r.value_term.endswith(_INTEGER)
        for r in rows
    ):
        notes.append(
            f"{path}: an Oxigraph store holds every integer-derived literal as xsd:integer, so "
            "these sh:datatype results may be false; validate the N-Triples it was loaded from"
        )
    return ValidationResult(
        conforms=report.conforms,
        report_triples=lambda: report.triples,
        rows=rows,
        notes=notes,
    )


_INTEGER = f"^^<{XSD.integer}>"


def _engine_input(path: Path, tmp: Path, extra: bytes) -> tuple[Path, str]:
    """One file the engine can read: ``path``'s triples then ``extra`` (N-Triples)."""
    target = tmp / "data.nt"
    if path.is_dir():
        try:
            store = ox.Store.read_only(str(path))
        except OSError as exc:
            raise GraphError(f"not an Oxigraph store: {exc}", locator=str(path)) from exc
        store.dump(str(target), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        fmt = "nt"
    else:
        _check_file(path)
        fmt = FORMATS.get(path.suffix.lower(), "turtle")
        if fmt in ("nt", "turtle"):  # N-Triples appended to either is still valid
            target = tmp / ("data.nt" if fmt == "nt" else "data.ttl")
            with path.open("rb") as src, target.open("wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)
        else:
            try:
                with path.open("rb") as src:
                    quads = ox.parse(src, format=_OX_FORMATS[fmt], base_iri=path.resolve().as_uri())
                    ox.serialize(
                        (ox.Triple(q.subject, q.predicate, q.object) for q in quads),
                        str(target),
                        ox.RdfFormat.N_TRIPLES,
                    )
            except (SyntaxError, ValueError, OSError) as exc:
                first = " ".join(str(exc).split())[:200] or type(exc).__name__
                raise GraphError(f"not readable as {fmt}: {first}", locator=str(path)) from exc
            fmt = "nt"
    with target.open("ab") as out:
        out.write(b"\n" + extra)
    return target, fmt


Described = tuple[str, str, str]


def triples_about(data: Path, fmt: str, subjects: set[str]) -> tuple[list[ox.Triple], int]:
    """The triples of ``data`` whose subject is one of the IRIs ``subjects``, and how many
    triples ``data`` holds. N-Triples is filtered line by line before parsing (one triple a
    line), anything else is parsed whole by pyoxigraph."""
    found: list[ox.Triple] = []
    count = 0
    try:
        if fmt == "nt":
            keys = {f"<{s}>".encode() for s in subjects}
            lines = []
            with data.open("rb") as fh:
                for line in fh:
                    if line[:1] in (b"<", b"_"):
                        count += 1
                        if line[: line.find(b" ")] in keys:
                            lines.append(line)
            found = [t for t in ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES)]  # type: ignore[misc]
        else:
            with data.open("rb") as fh:
                for t in ox.parse(fh, format=_OX_FORMATS[fmt]):
                    count += 1
                    if t.subject.value in subjects:
                        found.append(t)  # type: ignore[arg-type]
    except (SyntaxError, ValueError, OSError) as exc:
        first = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise GraphError(f"not readable as {fmt}: {first}", locator=str(data)) from exc
    return found, count


def describe_file(data: Path, fmt: str, nodes: set[Node]) -> tuple[dict[Node, Described], int]:
    """(label, provision reference, first words) for each of ``nodes``, and the triple count,
    streaming ``data`` (twice when some node was read from a provision)."""
    labels: dict[str, dict[str, str]] = {}
    provision_of: dict[str, str] = {}
    label_props = (str(RDFS.label), str(SKOS.prefLabel))
    source_of = (str(PG.statementOf), str(PG.passageOf))
    rdf_type, provision = str(RDF.type), str(PG.Provision)
    triples, count = triples_about(data, fmt, {str(n) for n in nodes})
    for t in triples:
        subject, p, o = t.subject.value, t.predicate.value, t.object.value
        if p in label_props:
            labels.setdefault(subject, {}).setdefault(p, o)
        elif p in source_of or (p == rdf_type and o == provision):
            provision_of.setdefault(subject, subject if p == rdf_type else o)
    about: dict[str, dict[str, str]] = {}
    if provision_of:
        fields = {str(RDFS.label): "label", str(PG.reference): "reference", str(PG.text): "text"}
        for t in triples_about(data, fmt, set(provision_of.values()))[0]:
            if t.predicate.value in fields:
                entry = about.setdefault(t.subject.value, {})
                entry.setdefault(fields[t.predicate.value], t.object.value)
    out: dict[Node, Described] = {}
    for node in nodes:
        names = labels.get(str(node), {})
        label = names.get(label_props[0]) or names.get(label_props[1]) or ""
        prov = about.get(provision_of.get(str(node), ""), {})
        reference = prov.get("label") or prov.get("reference", "")
        text = prov.get("text")
        out[node] = (label, reference, _first_words(text) if text is not None else "")
    return out, count


def serialize_report(report: Graph) -> bytes:
    """A report graph as Turtle, deterministic for a given set of results."""
    out = io.BytesIO()
    write_turtle(canonical(report).triples, out)
    return out.getvalue()


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


def provenance_of(graph: Graph, node: Node) -> Described:
    """(label, provision reference, first words of its text) of ``node`` in ``graph``."""
    return (_label(graph, node), *provenance(graph, node))


def _text(node: Node | None) -> str:
    """An IRI or a literal's lexical form; ``""`` for nothing."""
    return "" if node is None else str(node)


def report_rows(report: Report, describe: Callable[[Node], Described] | Graph) -> list[Row]:
    """One :class:`Row` per result of ``report``, sorted (severity, focus, path, ...).

    ``describe(node)`` gives a failing node's (label, provision reference, first words); a data
    graph may be given instead, read by :func:`provenance_of`.
    """
    if isinstance(describe, Graph):
        describe = functools.partial(provenance_of, describe)
    rows: set[Row] = set()
    for name, fields in report.results:
        focus = fields.get(SH.focusNode)
        severity = fields.get(SH.resultSeverity)
        label, reference, snippet = describe(focus) if focus is not None else ("", "", "")
        value = fields.get(SH.value)
        path = fields.get(SH.resultPath)
        rank = SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)
        rows.add(
            Row(
                severity_rank=rank,
                focus=_text(focus),
                path=report.path_text[name] if isinstance(path, BNode) else _text(path),
                component=_text(fields.get(SH.sourceConstraintComponent)),
                severity=_text(severity),
                shape=_text(fields.get(SH.sourceShape)),
                value=_text(value),
                message=_text(fields.get(SH.resultMessage)),
                label=label,
                provision=reference,
                snippet=snippet,
                value_term=n3(value),
            )
        )
    return sorted(rows)


__all__ = [
    "REPORT_PREFIXES",
    "SHAPES_DIR",
    "Row",
    "ValidationResult",
    "class_hierarchy",
    "default_hierarchy",
    "describe_file",
    "load_data_graph",
    "load_shapes",
    "provenance",
    "provenance_of",
    "report_rows",
    "serialize_report",
    "shape_files",
    "subclass_closure",
    "to_oxigraph",
    "triples_about",
    "validate_graph",
    "validate_path",
    "write_turtle",
]
