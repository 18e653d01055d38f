"""The SHACL shapes compiled to SPARQL and run on pyoxigraph: validation for large graphs.

Takes: the shapes graph (``shapes/*.ttl``), the ontology's class hierarchy (as
:mod:`pactgraph.validate` uses it), and a pyoxigraph ``Store`` (in memory, loaded from a file or
an rdflib graph, or an Oxigraph store directory on disk).
Gives: the same :class:`~pactgraph.validate.ValidationResult` as the pySHACL path: one result per
(focus node, path, constraint component, severity, value) that pySHACL would report, a
``sh:ValidationReport`` graph and table rows. ``tests/test_validate.py`` proves both paths report
the same set on the seed graph, the real build and the mutated graphs.

How. Each property shape (or node shape) parameter becomes one ``SELECT ?focus ?value`` query,
generated from the shapes graph, not written by hand. Focus nodes are the instances of the
shape's ``sh:targetClass`` or of any subclass (the subclass closure is computed once and inlined
as a ``VALUES`` list, so the store need not hold the ontology). Supported: ``sh:targetClass``,
predicate paths, and the components ``sh:minCount``, ``sh:maxCount``, ``sh:class``, ``sh:in``,
``sh:datatype``, ``sh:pattern`` (with ``sh:flags``), ``sh:nodeKind`` and ``sh:lessThanOrEquals``.
Anything else in a shape raises :class:`UnsupportedShapeError`, so a shape the compiler does not
understand is never silently skipped. The query templates live here, not in ``queries/``,
because they are code generation, not a library of questions.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from .errors import GraphError, PactgraphError
from .namespaces import PG, RDF, RDFS, SH, SKOS, XSD
from .validate import (
    FORMATS,
    RESULT_FIELDS,
    SEVERITY_ORDER,
    Row,
    ValidationResult,
    _default_shapes,
    _first_words,
    default_hierarchy,
    result_node,
    to_oxigraph,
)


class UnsupportedShapeError(PactgraphError):
    """A shape uses a SHACL feature the SPARQL compiler does not implement."""


#: Shape parameters the compiler understands or may safely ignore (documentation only).
_IGNORED = {
    SH.path,
    SH.severity,
    SH.message,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.deactivated,
    SH.property,
    SH.targetClass,
    SH.flags,
    RDF.type,
    RDFS.label,
    RDFS.comment,
}
_COMPONENTS = {
    SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent,
    SH["class"]: SH.ClassConstraintComponent,
    SH["in"]: SH.InConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH.pattern: SH.PatternConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH.lessThanOrEquals: SH.LessThanOrEqualsConstraintComponent,
}

#: Lexical forms pySHACL accepts for the datatypes the shapes use (ill-typed literals fail
#: sh:datatype even when their datatype IRI matches; XML Schema Part 2 lexical spaces).
_LEXICAL = {
    XSD.integer: r"^[+-]?[0-9]+$",
    XSD.nonNegativeInteger: r"^(\+?[0-9]+|-0+)$",
    XSD.positiveInteger: r"^\+?0*[1-9][0-9]*$",
    XSD.boolean: r"^(true|false|1|0)$",
    XSD.decimal: r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$",
    XSD.date: r"^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?$",
}

#: Oxigraph 0.5 stores every integer-derived literal as xsd:integer in canonical form ("05"^^
#: xsd:nonNegativeInteger comes back as "5"^^xsd:integer), so the store cannot tell the derived
#: datatype apart. For these types the fast path accepts xsd:integer within the type's range:
#: the one case it cannot see is a literal written as plain xsd:integer where the shape asks for
#: the derived type (bench/VALIDATION.md, "Known differences").
_INTEGER_RANGES = {
    XSD.nonNegativeInteger: ">= 0",
    XSD.positiveInteger: "> 0",
    XSD.nonPositiveInteger: "<= 0",
    XSD.negativeInteger: "< 0",
}

_NODE_KIND = {
    SH.IRI: "isIRI({v})",
    SH.BlankNode: "isBlank({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}


@dataclass(frozen=True)
class Constraint:
    """One compiled constraint: which shape, path and component, and the query that finds breaches.

    The query selects ``?focus`` and, for value-based components, ``?value``.
    """

    shape: URIRef
    path: URIRef | None
    component: URIRef
    severity: URIRef
    message: str
    query: str

    @property
    def selects_value(self) -> bool:
        """Whether the query reports a value node (all components but the cardinalities)."""
        return self.query.startswith("SELECT ?focus ?value")


# --- compilation ---------------------------------------------------------------------------------


def _iri(term: Node) -> str:
    return f"<{term}>"


def _sparql_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return _iri(term)
    if isinstance(term, Literal):
        return term.n3()
    raise UnsupportedShapeError(f"cannot compile blank node {term} into a query")


def _string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


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


def _classes(closure: dict[URIRef, tuple[URIRef, ...]], cls: URIRef) -> str:
    return " ".join(_iri(c) for c in closure.get(cls, (cls,)))


def _focus_block(targets: Iterable[URIRef], closure: dict[URIRef, tuple[URIRef, ...]]) -> str:
    classes: set[URIRef] = set()
    for target in targets:
        classes.update(closure.get(target, (target,)))
    values = " ".join(_iri(c) for c in sorted(classes))
    return f"{{ SELECT DISTINCT ?focus WHERE {{ VALUES ?class {{ {values} }} ?focus a ?class }} }}"


def _value_clause(path: URIRef | None) -> str:
    return f"?focus {_iri(path)} ?value ." if path is not None else "BIND(?focus AS ?value)"


def _compile_component(
    param: URIRef,
    arg: Node,
    *,
    shapes: Graph,
    shape: URIRef,
    path: URIRef | None,
    focus: str,
    closure: dict[URIRef, tuple[URIRef, ...]],
) -> str:
    values = _value_clause(path)
    if param in (SH.minCount, SH.maxCount):
        if path is None:
            raise UnsupportedShapeError(f"{shape}: {param} needs sh:path")
        n = int(arg)  # type: ignore[arg-type]
        p = _iri(path)
        if param == SH.minCount and n == 1:
            return f"SELECT ?focus WHERE {{ {focus} FILTER NOT EXISTS {{ ?focus {p} ?any }} }}"
        if param == SH.minCount:
            return (
                f"SELECT ?focus WHERE {{ {focus} OPTIONAL {{ ?focus {p} ?v }} }} "
                f"GROUP BY ?focus HAVING (COUNT(DISTINCT ?v) < {n})"
            )
        return (
            f"SELECT ?focus WHERE {{ {focus} ?focus {p} ?v }} "
            f"GROUP BY ?focus HAVING (COUNT(DISTINCT ?v) > {n})"
        )
    if param == SH["class"]:
        classes = _classes(closure, arg)  # type: ignore[arg-type]
        return (
            f"SELECT ?focus ?value WHERE {{ {focus} {values} "
            f"FILTER NOT EXISTS {{ VALUES ?c {{ {classes} }} ?value a ?c }} }}"
        )
    if param == SH["in"]:
        members = list(Collection(shapes, arg))  # type: ignore[arg-type]
        test = " || ".join(f"sameTerm(?value, {_sparql_term(m)})" for m in members) or "false"
        return f"SELECT ?focus ?value WHERE {{ {focus} {values} FILTER(!({test})) }}"
    if param == SH.datatype:
        lexical = _LEXICAL.get(arg)  # type: ignore[arg-type]
        ill = f" || !regex(str(?value), {_string(lexical)})" if lexical else ""
        typed = f"datatype(?value) = {_iri(arg)}"
        if arg in _INTEGER_RANGES:
            typed = (
                f"({typed} || (datatype(?value) = {_iri(XSD.integer)} "
                f"&& ?value {_INTEGER_RANGES[arg]}))"  # type: ignore[index]
            )
        return (
            f"SELECT ?focus ?value WHERE {{ {focus} {values} "
            f"FILTER(!isLiteral(?value) || !({typed}){ill}) }}"
        )
    if param == SH.pattern:
        flags = shapes.value(shape, SH.flags)
        flag_arg = f", {_string(str(flags))}" if flags is not None else ""
        return (
            f"SELECT ?focus ?value WHERE {{ {focus} {values} "
            f"FILTER(isBlank(?value) || !regex(str(?value), {_string(str(arg))}{flag_arg})) }}"
        )
    if param == SH.nodeKind:
        if arg not in _NODE_KIND:
            raise UnsupportedShapeError(f"{shape}: unknown sh:nodeKind {arg}")
        test = _NODE_KIND[arg].format(v="?value")  # type: ignore[index]
        return f"SELECT ?focus ?value WHERE {{ {focus} {values} FILTER(!{test}) }}"
    if param == SH.lessThanOrEquals:
        return (
            f"SELECT ?focus ?value WHERE {{ {focus} {values} ?focus {_iri(arg)} ?other "
            f"FILTER(!COALESCE(?value <= ?other, false)) }}"
        )
    raise UnsupportedShapeError(f"{shape}: constraint parameter {param} is not compiled")


def _compile_shape(
    shapes: Graph,
    shape: URIRef,
    *,
    path: URIRef | None,
    targets: list[URIRef],
    closure: dict[URIRef, tuple[URIRef, ...]],
    inherited_severity: URIRef | None = None,
) -> list[Constraint]:
    if shapes.value(shape, SH.deactivated) == Literal(True):
        return []
    severity = shapes.value(shape, SH.severity) or SH.Violation
    message = str(shapes.value(shape, SH.message) or "")
    focus = _focus_block(targets, closure)
    out: list[Constraint] = []
    for param, arg in sorted(shapes.predicate_objects(shape)):
        if param in _COMPONENTS:
            query = _compile_component(
                param, arg, shapes=shapes, shape=shape, path=path, focus=focus, closure=closure
            )
            out.append(
                Constraint(shape, path, _COMPONENTS[param], severity, message, query)  # type: ignore[arg-type]
            )
        elif param not in _IGNORED and str(param).startswith(str(SH)):
            raise UnsupportedShapeError(f"{shape}: {param} is not supported by the fast path")
    return out


def compile_shapes(shapes: Graph, hierarchy: Graph) -> list[Constraint]:
    """Every constraint of every node shape with a ``sh:targetClass``, as SPARQL, in shape order."""
    closure = subclass_closure(hierarchy)
    constraints: list[Constraint] = []
    node_shapes = sorted(
        {s for s in shapes.subjects(SH.targetClass, None) if isinstance(s, URIRef)}
    )
    for kind in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf):
        for s in shapes.subjects(kind, None):
            raise UnsupportedShapeError(f"{s}: {kind} is not supported by the fast path")
    for node_shape in node_shapes:
        if shapes.value(node_shape, SH.deactivated) == Literal(True):
            continue
        targets = sorted(t for t in shapes.objects(node_shape, SH.targetClass))  # type: ignore[misc]
        constraints += _compile_shape(
            shapes, node_shape, path=None, targets=targets, closure=closure
        )
        for prop in sorted(shapes.objects(node_shape, SH.property)):
            path = shapes.value(prop, SH.path)
            if not isinstance(path, URIRef):
                raise UnsupportedShapeError(f"{prop}: only predicate paths are supported")
            constraints += _compile_shape(
                shapes,
                prop,  # type: ignore[arg-type]
                path=path,
                targets=targets,
                closure=closure,
            )
    return constraints


@functools.cache
def default_constraints() -> tuple[Constraint, ...]:
    """The shipped shapes compiled once per process."""
    return tuple(compile_shapes(_default_shapes(), default_hierarchy()))


def render_queries(constraints: Iterable[Constraint]) -> str:
    """The compiled queries as one text, each under a comment naming shape, component, severity.

    What ``pactgraph validate --show-queries`` prints: the generated SPARQL, readable and
    runnable one by one against any endpoint holding the data.
    """
    blocks = []
    for c in constraints:
        path = f" path <{c.path}>" if c.path is not None else ""
        blocks.append(
            f"# {c.shape}{path}\n# {c.component} ({c.severity.rsplit('#', 1)[-1]})\n{c.query}\n"
        )
    return "\n".join(blocks)


# --- stores --------------------------------------------------------------------------------------


def store_from_graph(graph: Graph) -> ox.Store:
    """An in-memory pyoxigraph store holding ``graph``, term by term.

    Literals keep their lexical form: rdflib's N-Triples writer would rewrite an ill-typed
    ``"yes"^^xsd:boolean`` as ``"false"``, hiding the very error validation should report.
    """
    store = ox.Store()
    store.extend(
        ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))  # type: ignore[arg-type]
        for s, p, o in graph
    )
    return store


_OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "n3": ox.RdfFormat.N3,
    "xml": ox.RdfFormat.RDF_XML,
    "json-ld": ox.RdfFormat.JSON_LD,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}


def open_store(path: Path) -> ox.Store:
    """A store for ``path``: an Oxigraph directory opened read-only, or a file loaded in memory.

    Missing paths and unreadable files raise :class:`GraphError` naming the path.
    """
    if path.is_dir():
        try:
            return ox.Store.read_only(str(path))
        except OSError as exc:
            raise GraphError(f"not an Oxigraph store: {exc}", locator=str(path)) from exc
    if not path.is_file():
        raise GraphError("no such file", locator=str(path))
    fmt = FORMATS.get(path.suffix.lower(), "turtle")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=_OX_FORMATS[fmt])
    except (SyntaxError, ValueError, OSError) as exc:
        first = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise GraphError(f"not readable as {fmt}: {first}", locator=str(path)) from exc
    if len(store) == 0:
        raise GraphError(f"no triples found (read as {fmt})", locator=str(path))
    return store


# --- running -------------------------------------------------------------------------------------


def _to_rdflib(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unexpected term {term!r}")


@dataclass(frozen=True)
class _Hit:
    constraint: Constraint
    focus: Node
    value: Node | None


def run_constraints(
    store: ox.Store, constraints: Iterable[Constraint], *, workers: int | None = None
) -> list[_Hit]:
    """Run each constraint's query on ``store``; one hit per (constraint, focus, value).

    Queries run on ``workers`` threads (default: one per CPU); pyoxigraph releases the GIL while
    it evaluates, so this scales with cores. Hits come back in constraint order.
    """
    compiled = list(constraints)

    def run(constraint: Constraint) -> list[_Hit]:
        found = []
        for solution in store.query(constraint.query, use_default_graph_as_union=True):
            value_term = solution["value"] if constraint.selects_value else None
            value = _to_rdflib(value_term) if value_term is not None else None
            found.append(_Hit(constraint, _to_rdflib(solution["focus"]), value))
        return found

    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        return [hit for hits in pool.map(run, compiled) for hit in hits]


def _fields(hit: _Hit) -> tuple[Node | None, ...]:
    """A hit's values for :data:`~pactgraph.validate.RESULT_FIELDS`, in that order."""
    c = hit.constraint
    message = Literal(c.message, lang="en") if c.message else None
    return (hit.focus, c.path, c.component, c.severity, c.shape, hit.value, message)


def _report_triples(hits: list[_Hit], conforms: bool) -> Iterator[tuple[Node, Node, Node]]:
    """The report's triples as :func:`~pactgraph.validate.canonical_report` names and
    :func:`~pactgraph.validate.sorted_report_triples` orders them, one result at a time."""
    report = BNode("report")
    named = sorted(
        {(result_node(str(v or "") for v in _fields(h)), h) for h in hits},
        key=lambda pair: pair[0],
    )
    head = [(report, RDF.type, SH.ValidationReport), (report, SH.conforms, Literal(conforms))]
    head += [(report, SH.result, node) for node, _ in named]
    yield from sorted(head)
    for node, hit in named:
        triples = [(node, RDF.type, SH.ValidationResult)]
        triples += [
            (node, prop, value)
            for prop, value in zip(RESULT_FIELDS, _fields(hit), strict=True)
            if value is not None
        ]
        yield from sorted(triples)


def _describe(store: ox.Store, nodes: set[Node]) -> dict[str, tuple[str, str, str]]:
    """label, provision reference and first words for each IRI in ``nodes`` (one query)."""
    iris = sorted(str(n) for n in nodes if isinstance(n, URIRef))
    out: dict[str, tuple[str, str, str]] = {}
    for start in range(0, len(iris), 500):
        values = " ".join(f"<{i}>" for i in iris[start : start + 500])
        query = f"""
SELECT ?node (SAMPLE(?l) AS ?label) (SAMPLE(?pl) AS ?plabel) (SAMPLE(?pref) AS ?ref)
       (SAMPLE(?pt) AS ?ptext) WHERE {{
  VALUES ?node {{ {values} }}
  OPTIONAL {{ ?node <{RDFS.label}>|<{SKOS.prefLabel}> ?l }}
  OPTIONAL {{
    {{ ?node a <{PG.Provision}> BIND(?node AS ?prov) }}
    UNION {{ ?node <{PG.statementOf}>|<{PG.passageOf}> ?prov }}
    OPTIONAL {{ ?prov <{RDFS.label}> ?pl }} OPTIONAL {{ ?prov <{PG.reference}> ?pref }}
    OPTIONAL {{ ?prov <{PG.text}> ?pt }}
  }}
}} GROUP BY ?node"""
        for sol in store.query(query, use_default_graph_as_union=True):
            label = sol["label"].value if sol["label"] is not None else ""
            ref = sol["plabel"] or sol["ref"]
            text = sol["ptext"].value if sol["ptext"] is not None else ""
            out[sol["node"].value] = (
                label,
                ref.value if ref is not None else "",
                _first_words(text) if text else "",
            )
    return out


def validate_store(
    store: ox.Store, *, constraints: Iterable[Constraint] | None = None
) -> ValidationResult:
    """Validate what ``store``'s default graph holds; same result shape as pySHACL's path."""
    compiled = list(constraints) if constraints is not None else list(default_constraints())
    hits = run_constraints(store, compiled)
    described = _describe(store, {h.focus for h in hits})
    rows: set[Row] = set()
    for hit in hits:
        label, provision, snippet = described.get(str(hit.focus), ("", "", ""))
        severity = hit.constraint.severity
        rows.add(
            Row(
                severity_rank=SEVERITY_ORDER.index(severity),
                focus=str(hit.focus),
                path=str(hit.constraint.path or ""),
                component=str(hit.constraint.component),
                severity=str(severity),
                shape=str(hit.constraint.shape),
                value=str(hit.value) if hit.value is not None else "",
                message=hit.constraint.message,
                label=label,
                provision=provision,
                snippet=snippet,
            )
        )
    conforms = not any(h.constraint.severity == SH.Violation for h in hits)
    return ValidationResult(
        conforms=conforms,
        report_triples=functools.partial(_report_triples, hits, conforms),
        rows=sorted(rows),
    )


def validate_graph(graph: Graph, *, shapes: Graph | None = None) -> ValidationResult:
    """Validate an rdflib graph through an in-memory store (for tests and small graphs)."""
    constraints = compile_shapes(shapes, default_hierarchy()) if shapes is not None else None
    return validate_store(store_from_graph(graph), constraints=constraints)


def validate_path(path: Path) -> ValidationResult:
    """Validate a graph file (loaded in memory) or an Oxigraph store directory."""
    return validate_store(open_store(path))


__all__ = [
    "Constraint",
    "UnsupportedShapeError",
    "compile_shapes",
    "default_constraints",
    "open_store",
    "render_queries",
    "run_constraints",
    "store_from_graph",
    "subclass_closure",
    "validate_graph",
    "validate_path",
    "validate_store",
]
