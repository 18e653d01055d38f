"""Validation that fans out with the build: each work's graph, in the worker that emits it.

Takes: the shapes (``shapes/``), each work's N-Triples chunk as the build writes it, and the
reference data every work may point to. Gives: one :class:`Part` per work (the results about
that work's own nodes, canonical, and their rows), one more for the corpus-wide nodes, and
:func:`merged`, the whole report, equal to validating the merged ``graph.nt`` at once
(``tests/test_fanout.py`` proves it on the bundled corpus and a 10× build).

Why it is exact. The shapes :func:`can_fan_out` accepts read only a focus node's own triples
(predicate paths, ``sh:targetClass``) and the types of its values (``sh:class``). A node minted
by a work is described in that work's chunk alone, so its results need the chunk plus the types
of whatever the chunk points to outside itself: the **reference data**
(:func:`reference_graph`: the gazetteer's actors and instruments, the modality scheme, the source
files, a ``pg:Work`` type for every work of the corpus and a ``pg:Objective`` type for every
objective, and the ontology's class hierarchy). The nodes the corpus-wide chunk describes
(gazetteer entries, source files, text outside any document) also get triples from works (a
work's label on its gazetteer instrument), so they are validated once, after the merge, on
every triple about them plus the types of their values (:func:`validate_corpus_nodes`): the
few constraints that need the whole graph, run on what they need.
"""

from __future__ import annotations

import functools
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from .engines import get_engine, ntriples
from .namespaces import PG, RDF, RDFS, SH
from .report import Report, Row, Triple, canonical, merge, result_triples
from .validate import _default_shapes, default_hierarchy, describe_file, report_rows, triples_about

#: Shape terms whose constraints read only the focus node's own triples and the types of its
#: values: with these, a work's nodes validate exactly on the work's chunk + the reference data.
_LOCAL_NAMES = """
targetClass path property severity message deactivated name description order group
minCount maxCount class datatype nodeKind in pattern flags minLength maxLength languageIn
uniqueLang minInclusive maxInclusive minExclusive maxExclusive hasValue equals disjoint lessThan
lessThanOrEquals
"""
LOCAL = frozenset(URIRef(f"{SH}{name}") for name in _LOCAL_NAMES.split())


def can_fan_out(shapes: Graph) -> bool:
    """Whether every ``sh:`` predicate of ``shapes`` is :data:`LOCAL` and every path a property."""
    for _s, p, o in shapes:
        if str(p).startswith(str(SH)) and p not in LOCAL:
            return False
        if p == SH.path and not isinstance(o, URIRef):
            return False
    return True


@dataclass
class Part:
    """What validating one work (or the corpus-wide nodes) found about its own nodes."""

    triples: list[Triple] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)

    @property
    def violations(self) -> int:
        return sum(1 for r in self.rows if r.severity == str(SH.Violation))


def reference_graph(core: Graph, *, works: Iterable[URIRef], objectives: Iterable[URIRef]) -> Graph:
    """``core`` (the corpus-wide nodes known before any work: gazetteer, modality scheme, source
    files) plus the types of every work and objective of the corpus and the class hierarchy."""
    out = Graph()
    out += core
    for iri in works:
        out.add((iri, RDF.type, PG.Work))
    for iri in objectives:
        out.add((iri, RDF.type, PG.Objective))
    out += default_hierarchy()
    return out


def _subjects(path: str) -> frozenset[str]:
    """The subject IRIs of an N-Triples file."""
    out = set()
    with open(path, "rb") as fh:
        for line in fh:
            if line[:1] == b"<":
                out.add(line[1 : line.find(b">")].decode("utf-8"))
    return frozenset(out)


@functools.lru_cache(maxsize=2)
def _reference_subjects(path: str, _mtime_ns: int, _size: int) -> frozenset[str]:
    """:func:`_subjects` of a reference file, read once per process while it is unchanged."""
    return _subjects(path)


def _part(report: Report, keep: set[str], data: Path) -> Part:
    """The results of ``report`` whose focus node is in ``keep``, with their rows."""
    names = {n for n, f in report.results if str(f.get(SH.focusNode, "")) in keep}
    kept = merge([result_triples(report, names)])
    focus = {f[SH.focusNode] for _n, f in kept.results if SH.focusNode in f}
    described, _count = describe_file(data, "nt", {n for n in focus if isinstance(n, URIRef)})
    rows = report_rows(kept, lambda node: described.get(node, ("", "", "")))
    return Part(triples=result_triples(kept, {n for n, _f in kept.results}), rows=rows)


_IRI = re.compile(rb"<([^>]*)>")
_SUBCLASS = b"<" + str(RDFS.subClassOf).encode() + b">"


@functools.lru_cache(maxsize=2)
def _reference_index(path: str, _mtime_ns: int, _size: int) -> tuple[bytes, dict[bytes, bytes]]:
    """The reference file split once per process: the lines every work needs (the class
    hierarchy, blank-node descriptions) and the others' lines by their subject IRI."""
    always: list[bytes] = []
    by_subject: dict[bytes, list[bytes]] = {}
    with open(path, "rb") as fh:
        for line in fh:
            if line[:1] != b"<":
                always.append(line)
                continue
            end = line.find(b">")
            if line[end + 1 :].lstrip().startswith(_SUBCLASS):
                always.append(line)
            else:
                by_subject.setdefault(line[1:end], []).append(line)
    return b"".join(always), {k: b"".join(v) for k, v in by_subject.items()}


def _reference_for(chunk: bytes, reference: Path) -> bytes:
    """The reference data a chunk can need: the lines about every IRI the chunk names (its
    values' types, its own nodes' corpus-wide types) and the class hierarchy. The shapes that fan
    out read nothing else (see the module docstring), so the results equal those on the whole
    reference data, at a cost that no longer grows with the number of works in the corpus."""
    stat = reference.stat()
    always, by_subject = _reference_index(str(reference), stat.st_mtime_ns, stat.st_size)
    named = set(_IRI.findall(chunk))
    return always + b"".join(by_subject[iri] for iri in sorted(named) if iri in by_subject)


def validate_work(chunk: Path, reference: Path, core: Path) -> Part:
    """Validate the nodes a work's chunk describes that ``core`` does not (see the module
    docstring), on the chunk plus the reference data it names. Runs in the worker that wrote
    ``chunk``."""
    stat = core.stat()
    own = _subjects(str(chunk)) - _reference_subjects(str(core), stat.st_mtime_ns, stat.st_size)
    data = chunk.with_suffix(".check.nt")
    body = chunk.read_bytes()
    data.write_bytes(body + _reference_for(body, reference))
    try:
        report = canonical(get_engine().validate(data, _default_shapes()))
        return _part(report, set(own), data)
    finally:
        data.unlink(missing_ok=True)


def validate_corpus_nodes(graph_nt: Path, corpus_chunk: Path) -> Part:
    """Validate the nodes of the corpus-wide chunk on every triple about them in the merged
    ``graph_nt`` plus the types of their values and the class hierarchy."""
    mine = set(_subjects(str(corpus_chunk)))
    about, _count = triples_about(graph_nt, "nt", mine)
    values = {t.object.value for t in about if isinstance(t.object, ox.NamedNode)}
    types, _ = triples_about(graph_nt, "nt", values - mine)
    with tempfile.TemporaryDirectory(prefix="pactgraph-fanout-") as tmp:
        data = Path(tmp) / "corpus-nodes.nt"
        typed = [t for t in types if t.predicate.value == str(RDF.type)]
        body = ox.serialize([*about, *typed], format=ox.RdfFormat.N_TRIPLES)
        data.write_bytes(body + b"\n" + ntriples(default_hierarchy()))
        report = canonical(get_engine().validate(data, _default_shapes()))
        return _part(report, mine, data)


def merged(parts: Iterable[Part]) -> tuple[Report, list[Row]]:
    """The whole report of the parts, canonical, and all their rows, sorted."""
    parts = list(parts)
    report = merge(p.triples for p in parts)
    return report, sorted({row for p in parts for row in p.rows})


__all__ = [
    "LOCAL",
    "Part",
    "can_fan_out",
    "merged",
    "reference_graph",
    "validate_corpus_nodes",
    "validate_work",
]
