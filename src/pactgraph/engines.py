"""Which SHACL engine runs the shapes: the engines pactgraph offers, behind one interface.

Takes: a data graph (an rdflib ``Graph``, or an RDF file the engine reads itself, so a large
build never passes through rdflib) and a shapes graph.
Gives: the engine's ``sh:ValidationReport`` as a list of triples of rdflib terms whose literals
keep the exact lexical form and datatype the engine reported (no rdflib normalisation); made
canonical by :mod:`pactgraph.report`.

Offered (``ENGINES``):
- ``shacl`` (PyPI ``shacl``, a Rust engine): the default. Passes the 98 W3C SHACL core tests.
- ``pyshacl``: the reference the tests compare every engine with (97 of the 98: see
  ``shapes/README.md``).

The default is :data:`DEFAULT_ENGINE`: switching engine is that one line. Neither engine reads a
separate ontology graph the same way, so :mod:`pactgraph.validate` appends the ontology's class
hierarchy to the data before any engine sees it (one way, for every engine).

Both implement SHACL Core and nothing beyond it here (pySHACL's SHACL-SPARQL and rules are
not switched on): a shapes graph that uses a feature beyond Core (:data:`BEYOND_CORE`:
``sh:sparql``, ``sh:rule``, ``sh:target`` ...) raises :class:`UnsupportedShapeError` naming the
shape and the term, instead of being validated without it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .errors import GraphError, PactgraphError
from .namespaces import RDF, SH
from .report import Triple

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

#: The engine ``pactgraph validate`` and the build use unless told otherwise.
DEFAULT_ENGINE = "shacl"


class UnsupportedShapeError(PactgraphError):
    """A shape uses a SHACL term the chosen engine does not implement."""


class UnknownEngineError(PactgraphError):
    """No engine of that name is offered."""


#: The ``sh:`` terms of the features beyond SHACL Core (SHACL-SPARQL, SHACL Advanced Features
#: and SHACL-JS, one group of lines each): a shapes graph using one of them, as a predicate or
#: as a type, needs an engine that implements it. Other unknown ``sh:`` terms are ignored, as
#: SHACL prescribes for any triple that is not part of a shape's definition.
_BEYOND_CORE_NAMES = """
sparql select ask prefixes parameter optional validator nodeValidator propertyValidator
labelTemplate ConstraintComponent SPARQLConstraint SPARQLSelectValidator SPARQLAskValidator
SPARQLExecutable SPARQLSelectExecutable SPARQLAskExecutable SPARQLConstructExecutable
SPARQLUpdateExecutable Parameter Parameterizable Validator
target SPARQLTarget SPARQLTargetType Target TargetType rule condition SPARQLRule TripleRule Rule
construct subject predicate object filterShape intersection union this values nodes expression
Function SPARQLFunction returnType entailment
js jsFunctionName jsLibrary jsLibraryURL JSConstraint JSFunction JSLibrary JSRule JSTarget
JSTargetType JSValidator
"""
BEYOND_CORE = frozenset(URIRef(f"{SH}{name}") for name in _BEYOND_CORE_NAMES.split())


def check_supported(shapes: Graph, supported: frozenset[URIRef], engine: str) -> None:
    """Raise :class:`UnsupportedShapeError` if ``shapes`` uses a term of :data:`BEYOND_CORE`
    (as a predicate or a type) that is not in ``supported``; the first such use (named shapes
    first, then in sorted order) is named with its subject."""
    unsupported = sorted(
        (isinstance(s, BNode), str(term), str(s))
        for s, p, o in shapes
        for term in ((o,) if p == RDF.type else (p,))
        if term in BEYOND_CORE and term not in supported
    )
    if unsupported:
        _blank, term, shape = unsupported[0]
        raise UnsupportedShapeError(
            f"shape {shape} uses sh:{term[len(str(SH)) :]}, which the {engine!r} engine does "
            f"not implement ({len(unsupported)} use(s) in all); nothing was validated"
        )


# --- terms ---------------------------------------------------------------------------------------


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


def to_rdflib(term: object) -> Node:
    """The rdflib term for a pyoxigraph term; a literal keeps its exact lexical form."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language, normalize=False)
        if term.datatype.value == _XSD_STRING:  # rdflib's plain literal is RDF 1.1's xsd:string
            return Literal(term.value, normalize=False)
        return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
    raise TypeError(f"unexpected term {term!r}")


def ntriples(triples: Iterable[tuple[Node, Node, Node]]) -> bytes:
    """rdflib triples as N-Triples, each literal with the lexical form rdflib holds."""
    return ox.serialize(
        (ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in triples),  # type: ignore[arg-type]
        format=ox.RdfFormat.N_TRIPLES,
    )


# --- the engines ---------------------------------------------------------------------------------

#: What an engine's ``validate`` takes: the data (a graph, or an N-Triples / Turtle file), the
#: shapes graph and ``violations_only``; what it gives: the ``sh:ValidationReport`` graph. With
#: ``violations_only`` (pactgraph's rule) Warnings and Infos are reported but do not make
#: ``sh:conforms`` false; without it (SHACL's rule, for the W3C suite) any result does.
Validate = Callable[[Graph | Path, Graph, bool], list[Triple]]


@dataclass(frozen=True)
class Engine:
    """One SHACL engine: its name, the PyPI package that provides it, what it implements."""

    name: str
    package: str
    validate_fn: Validate
    supported: frozenset[URIRef] = frozenset()

    def validate(self, data: Graph | Path, shapes: Graph, *, violations_only: bool = True) -> Graph:
        """Validate ``data`` against ``shapes``; refuses shapes it does not implement."""
        check_supported(shapes, self.supported, self.name)
        return self.validate_fn(data, shapes, violations_only)


@functools.lru_cache(maxsize=8)
def _compiled_shapes(text: bytes) -> object:
    import shacl

    return shacl.Shapes.from_text(text.decode("utf-8"), format="ntriples")


def _run_shacl(data: Graph | Path, shapes: Graph, violations_only: bool) -> list[Triple]:
    compiled = _compiled_shapes(ntriples(shapes))
    try:
        if isinstance(data, Path):
            report = compiled.validate_file(str(data), allow_warnings=violations_only)  # type: ignore[attr-defined]
        else:
            report = compiled.validate_text(  # type: ignore[attr-defined]
                ntriples(data).decode("utf-8"), format="ntriples", allow_warnings=violations_only
            )
    except (ValueError, OSError) as exc:
        first = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise GraphError(f"not readable: {first}", locator=str(data)) from exc
    return [
        (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object))
        for t in ox.parse(report.serialize("ntriples"), format=ox.RdfFormat.N_TRIPLES)
    ]


def _run_pyshacl(data: Graph | Path, shapes: Graph, violations_only: bool) -> list[Triple]:
    from pyshacl import validate as pyshacl_validate

    if isinstance(data, Path):
        from .validate import load_data_graph

        data = load_data_graph(data)
    _conforms, report, _text = pyshacl_validate(
        data,
        shacl_graph=shapes,
        inference="none",
        allow_infos=violations_only,
        allow_warnings=violations_only,
        advanced=False,
    )
    return list(report)


ENGINES: dict[str, Engine] = {
    "shacl": Engine("shacl", "shacl", _run_shacl),
    "pyshacl": Engine("pyshacl", "pyshacl", _run_pyshacl),
}


def get_engine(name: str | None = None) -> Engine:
    """The engine called ``name`` (default :data:`DEFAULT_ENGINE`)."""
    chosen = name or DEFAULT_ENGINE
    try:
        return ENGINES[chosen]
    except KeyError:
        raise UnknownEngineError(
            f"no SHACL engine called {chosen!r}; offered: {', '.join(sorted(ENGINES))}"
        ) from None


__all__ = [
    "BEYOND_CORE",
    "DEFAULT_ENGINE",
    "ENGINES",
    "Engine",
    "UnknownEngineError",
    "UnsupportedShapeError",
    "check_supported",
    "get_engine",
    "ntriples",
    "to_oxigraph",
    "to_rdflib",
]
