"""A work's triples as a plain set, written out as sorted N-Triples.

Takes the ``(subject, predicate, object)`` rdflib terms the emit stage makes; gives the sorted,
duplicate-free N-Triples lines of one chunk. The emit stage only adds triples and asks whether a
triple (or a subject-predicate pair) is already there, so an rdflib ``Graph`` (a store with
three indexes, events and context bookkeeping per ``add``) is more than a chunk needs: this set
does the same for about a tenth of the cost (``bench/notes.md``). Each line is written by
rdflib's own N-Triples writers, so the bytes are those ``Graph.serialize(format="nt")`` gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib.plugins.serializers.nt import _quoteLiteral
from rdflib.term import Literal, Node

Triple = tuple[Node, Node, Node]


class TripleSet:
    """The triples added so far, with the ``in`` tests ``Emitter`` makes (``None`` = any)."""

    __slots__ = ("_pairs", "_triples")

    def __init__(self) -> None:
        self._triples: set[Triple] = set()
        self._pairs: set[tuple[Node, Node]] = set()

    def add(self, triple: Triple) -> TripleSet:
        self._triples.add(triple)
        self._pairs.add((triple[0], triple[1]))
        return self

    def __contains__(self, pattern: tuple[Node, Node, Node | None]) -> bool:
        s, p, o = pattern
        if s is None or p is None:
            raise ValueError("TripleSet answers (s, p, o) and (s, p, None) only")
        return (s, p) in self._pairs if o is None else (s, p, o) in self._triples

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def count_objects(self, obj: Node) -> int:
        """How many triples have ``obj`` as their object (e.g. ``rdf:type pg:Commitment``).

        IRIs are equal when of one type with one text; both are compared in C here (rdflib's
        ``__eq__`` is Python, and a chunk has thousands of triples)."""
        if isinstance(obj, Literal):  # a literal's language and datatype count too
            return sum(1 for t in self._triples if t[2] == obj)
        kind, text = type(obj), str(obj)
        return sum(1 for t in self._triples if t[2].__class__ is kind and str.__eq__(t[2], text))


def nt_lines(triples: Iterable[Triple]) -> list[str]:
    """Sorted, distinct N-Triples lines (each ending in a newline) of ``triples``.

    A chunk names the same subjects and predicates many times: their N-Triples forms are made
    once each (``URIRef.n3()`` checks the IRI every time); literals are written by rdflib's
    N-Triples literal writer: every line is the one rdflib's ``_nt_row`` writes.
    """
    iri: dict[Node, str] = {}
    lines = set()
    for s, p, o in triples:
        subject = iri.get(s) or iri.setdefault(s, s.n3())
        predicate = iri.get(p) or iri.setdefault(p, p.n3())
        if isinstance(o, Literal):
            obj = _quoteLiteral(o)
        else:
            obj = iri.get(o) or iri.setdefault(o, o.n3())
        lines.add(f"{subject} {predicate} {obj} .\n")
    return sorted(lines)


def write_sorted(triples: Iterable[Triple], path: Path) -> None:
    """Write ``triples`` to ``path`` as sorted, distinct N-Triples."""
    path.write_text("".join(nt_lines(triples)), encoding="utf-8")
