"""A work's triples as a plain set of N-Triples terms, written out as sorted N-Triples.

The emit stage adds triples whose terms are already in their N-Triples form (``<iri>``,
``"text"@en``, ``"7"^^<...#integer>``: plain ``str``, made by :func:`iri`, :func:`literal`,
:func:`en` and :func:`integer` exactly as rdflib's N-Triples writer writes them), so a chunk's
lines are its triples joined, with no rdflib term made per triple (bench/notes.md, fourth pass).
rdflib terms are still accepted (the roles, adoption and version stages add them): they are
turned into the same forms by rdflib's own writers as they are added. The emit stage only adds
triples and asks whether a triple (or a subject-predicate pair) is already there, so an rdflib
``Graph`` (three indexes, events and context bookkeeping per ``add``) is more than a chunk needs.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from operator import countOf, itemgetter
from pathlib import Path

from rdflib.plugins.serializers.nt import _quote_encode, _quoteLiteral
from rdflib.term import Literal, Node, _is_valid_uri

#: A term in its N-Triples form (a plain ``str``), or an rdflib term to be written as one.
Term = str | Node
Triple = tuple[Term, Term, Term]

_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_OBJECT = itemgetter(2)
_PAIR = itemgetter(0, 1)


def iri(text: str) -> str:
    """``<text>``, as ``URIRef(text).n3()`` writes it, and refused as it refuses an IRI with a
    character N-Triples cannot hold (``<>" {}|\\^```)."""
    if not _is_valid_uri(text):
        raise ValueError(f'"{text}" does not look like a valid IRI; it cannot be written')
    return f"<{text}>"


def literal(text: str) -> str:
    """A plain literal, as rdflib writes ``Literal(text)`` in N-Triples."""
    return _quote_encode(text)


def en(text: str) -> str:
    """An English literal, as rdflib writes ``Literal(text, lang="en")`` in N-Triples."""
    return _quote_encode(text) + "@en"


_INTEGERS: dict[int, str] = {}


def integer(value: int) -> str:
    """An ``xsd:integer``, as rdflib writes ``Literal(value, datatype=XSD.integer)``: offsets,
    line numbers and ordinals recur, so each is written once per process."""
    if value.__class__ is not int:  # True == 1, but rdflib writes True as "true"
        raise TypeError(f"not an int: {value!r}")
    form = _INTEGERS.get(value)
    if form is None:
        form = f'"{value}"^^<{_XSD_INTEGER}>'
        if len(_INTEGERS) < 200_000:
            _INTEGERS[value] = form
    return form


def nt_term(term: Term) -> str:
    """The N-Triples form of ``term``: itself when already one, else rdflib's writing of it."""
    if term.__class__ is str:
        return term  # type: ignore[return-value]
    if isinstance(term, Literal):
        return _quoteLiteral(term)
    return term.n3()  # type: ignore[union-attr]


class TripleSet:
    """The triples added so far, with the ``in`` tests ``Emitter`` makes (``None`` = any).

    Stored as N-Triples forms: iterating gives plain ``str`` terms (``<iri>``, ``"text"@en``),
    in the order they were first added. :attr:`add_nt` adds a triple whose terms are all in
    that form already (what ``emit.py`` makes) with no Python step: it is the store's own
    ``dict.setdefault``, where :meth:`add`, which takes rdflib terms too, is a Python call per
    triple (bench/notes.md, sixth pass). The subject-predicate pairs that ``(s, p, None)``
    asks about are indexed when asked, from the triples added since the last question (a
    dict keeps its keys in the order added), not at every add: few works ask at all."""

    __slots__ = ("_indexed", "_pairs", "_triples", "add_nt")

    def __init__(self) -> None:
        self._triples: dict[tuple[str, str, str], None] = {}
        self._pairs: set[tuple[str, str]] = set()
        self._indexed = 0  # how many of the triples (in order) _pairs holds the pairs of
        #: add one triple of N-Triples forms (plain ``str``; nothing checked)
        self.add_nt: Callable[[tuple[str, str, str]], object] = self._triples.setdefault

    def add(self, triple: Triple) -> TripleSet:
        s, p, o = triple
        if s.__class__ is not str or p.__class__ is not str or o.__class__ is not str:
            s, p, o = nt_term(s), nt_term(p), nt_term(o)
        self._triples[(s, p, o)] = None  # type: ignore[index]
        return self

    def __contains__(self, pattern: tuple[Term | None, Term | None, Term | None]) -> bool:
        s, p, o = pattern
        if s is None or p is None:
            raise ValueError("TripleSet answers (s, p, o) and (s, p, None) only")
        pair = (nt_term(s), nt_term(p))
        if o is not None:
            return (*pair, nt_term(o)) in self._triples
        triples = self._triples
        if self._indexed < len(triples):
            self._pairs.update(map(_PAIR, itertools.islice(triples, self._indexed, None)))
            self._indexed = len(triples)
        return pair in self._pairs

    def __iter__(self) -> Iterator[tuple[str, str, str]]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def count_objects(self, obj: Term) -> int:
        """How many triples have ``obj`` as their object (e.g. ``rdf:type pg:Commitment``); an
        IRI and a literal of the same text are different forms, so never counted together."""
        return countOf(map(_OBJECT, self._triples), nt_term(obj))  # counted in C

    def lines(self) -> list[str]:
        """Sorted N-Triples lines (each ending in a newline); distinct, as the triples are."""
        return sorted([f"{s} {p} {o} .\n" for s, p, o in self._triples])

    def sorted_bytes(self) -> bytes:
        """The lines of :meth:`lines`, in UTF-8: each line encoded, then sorted as bytes (UTF-8
        orders as code points do) and joined, 15-20% less CPU than joining and encoding the
        text (a line with one non-ASCII character made the whole text four bytes a character)."""
        lines = [f"{s} {p} {o} .\n".encode() for s, p, o in self._triples]
        lines.sort()
        return b"".join(lines)


def nt_lines(triples: Iterable[Triple]) -> list[str]:
    """Sorted, distinct N-Triples lines (each ending in a newline) of ``triples``.

    Terms already in N-Triples form are joined as they are; rdflib terms are written by
    rdflib's N-Triples writers (an IRI's form made once per call: ``URIRef.n3()`` checks the
    IRI every time), so every line is the one rdflib's ``_nt_row`` writes.
    """
    if isinstance(triples, TripleSet):
        return triples.lines()
    forms: dict[Term, str] = {}
    lines = set()
    for s, p, o in triples:
        subject = forms.get(s) or forms.setdefault(s, nt_term(s))
        predicate = forms.get(p) or forms.setdefault(p, nt_term(p))
        obj = _quoteLiteral(o) if isinstance(o, Literal) else forms.get(o) or nt_term(o)
        lines.add(f"{subject} {predicate} {obj} .\n")
    return sorted(lines)


def write_sorted(triples: Iterable[Triple], path: Path) -> int:
    """Write ``triples`` to ``path`` as sorted, distinct N-Triples; the number of lines
    written (what the merge needs to know of a chunk, ``merge.py``)."""
    if isinstance(triples, TripleSet):
        path.write_bytes(triples.sorted_bytes())
        return len(triples)
    lines = nt_lines(triples)
    path.write_text("".join(lines), encoding="utf-8")
    return len(lines)
