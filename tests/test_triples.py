"""The build's triple set: the same N-Triples bytes rdflib writes, and the lookups emit makes."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from pactgraph.triples import TripleSet, nt_lines, write_sorted

EX = "https://example.org/"
S, P, Q = URIRef(EX + "s"), URIRef(EX + "p"), URIRef(EX + "q")
AWKWARD = [
    Literal('She said "yes"\\no\nand\r\tleft'),
    Literal("Déclaration de New York — ²³ ‘quoted’", lang="fr"),
    Literal("12", datatype=XSD.positiveInteger),
    Literal(False),
    Literal("2016-09-19", datatype=XSD.date),
    URIRef(EX + "o"),
]


def test_its_lines_are_the_bytes_rdflib_serialises() -> None:
    graph, triples = Graph(), TripleSet()
    for i, o in enumerate(AWKWARD):
        for t in ((S, P, o), (URIRef(f"{EX}n{i}"), Q, o), (S, P, o)):  # one duplicate each
            graph.add(t)
            triples.add(t)
    rdflib_lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    assert nt_lines(triples) == sorted({ln + "\n" for ln in rdflib_lines if ln.strip()})
    assert len(triples) == len(graph) == 2 * len(AWKWARD)


def test_it_answers_the_membership_questions_emit_asks() -> None:
    triples = TripleSet().add((S, RDF.type, URIRef(EX + "Work")))
    assert (S, RDF.type, URIRef(EX + "Work")) in triples
    assert (S, RDF.type, URIRef(EX + "Other")) not in triples
    assert (S, RDF.type, None) in triples
    assert (S, RDFS.label, None) not in triples
    with pytest.raises(ValueError):
        _ = (None, RDF.type, None) in triples


def test_it_counts_the_triples_with_one_object() -> None:
    triples = TripleSet()
    for name in ("a", "b", "c"):
        triples.add((URIRef(EX + name), RDF.type, URIRef(EX + "Commitment")))
    triples.add((S, RDF.type, URIRef(EX + "Provision")))
    assert triples.count_objects(URIRef(EX + "Commitment")) == 3


def test_a_line_separator_inside_a_text_stays_inside_its_line(tmp_path: Path) -> None:
    """U+2028 is a line break to ``str.splitlines``; the chunk must keep it inside the literal."""
    text = "first part\u2028second part\x85third"
    chunk = tmp_path / "chunk.nt"
    write_sorted(TripleSet().add((S, P, Literal(text))), chunk)
    assert chunk.read_bytes().count(b"\n") == 1
    [quad] = list(ox.parse(path=str(chunk), format=ox.RdfFormat.N_TRIPLES))
    assert quad.object.value == text


def test_it_counts_an_iri_object_apart_from_a_literal_of_the_same_text() -> None:
    triples = TripleSet()
    triples.add((S, P, URIRef(EX + "Commitment")))
    triples.add((Q, P, Literal(EX + "Commitment")))
    triples.add((Q, P, Literal(EX + "Commitment", lang="en")))
    assert triples.count_objects(URIRef(EX + "Commitment")) == 1
    assert triples.count_objects(Literal(EX + "Commitment")) == 1
