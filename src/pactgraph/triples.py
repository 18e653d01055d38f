"""A work's triples as a plain set of N-Triples terms, written out as sorted N-Triples.

The emit stage adds triples whose terms are already in their N-Triples form (``<iri>``,
``"text"@en``, ``"7"^^<...#integer>``: plain ``str``, made by :func:`iri`, :func:`literal`,
:func:`en` and :func:`integer` exactly as rdflib's N-Triples writer writes them), so a chunk's
lines are its triples joined, with no rdflib term made per triple (bench/notes.md, fourth pass).
A kind of node whose triples are all made from a few values (a text span: its source, offsets
and lines) is added as one entry of a :class:`Template`, its lines written at once by the
template's format or the f-string function checked against it (bench/notes.md, seventh pass).
rdflib terms are still accepted (the roles, adoption and version stages add them): they are
turned into the same forms by rdflib's own writers as they are added. The emit stage only adds
triples and asks whether a triple (or a subject-predicate pair) is already there, so an rdflib
``Graph`` (three indexes, events and context bookkeeping per ``add``) is more than a chunk needs.
:func:`ontology_terms` reads the triples the build copies from the ontology into the same forms.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import countOf, itemgetter
from pathlib import Path

import pyoxigraph as ox
from rdflib.plugins.serializers.nt import _quote_encode, _quoteLiteral
from rdflib.term import Literal, Node, URIRef, _is_valid_uri

from .errors import GraphError

#: A term in its N-Triples form (a plain ``str``), or an rdflib term to be written as one.
Term = str | Node
Triple = tuple[Term, Term, Term]

_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: What follows an integer's digits in its N-Triples form (:func:`integer`).
INTEGER_TYPE = f'"^^<{_XSD_INTEGER}>'
_OBJECT = itemgetter(2)
_PAIR = itemgetter(0, 1)
_SUBJECT = itemgetter(0)


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
        form = f'"{value}{INTEGER_TYPE}'
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


class Slot:
    """The object of a :class:`Template`'s triple that is one of a node's values: the
    ``index``-th (from 0; -1 is the node itself), as it is (an N-Triples form) or, with
    ``integer=True``, an ``int`` written as :func:`integer` writes it."""

    __slots__ = ("index", "integer")

    def __init__(self, index: int, *, integer: bool = False) -> None:
        self.index, self.integer = index, integer

    def form(self) -> str:
        """Its place in a ``str.format`` whose first argument is the subject."""
        value = "{" + str(self.index + 1) + "}"  # {0} is the subject
        return f'"{value}"^^<{_XSD_INTEGER}>' if self.integer else value


class Template:
    """The triples of a kind of node made from a few values alone, e.g. a text span's nine
    (three types, its source, itself as selector, offsets, lines): ``(predicate, object)``
    pairs, an object either an N-Triples form or a :class:`Slot` naming one of the values.

    A node of it is one entry of :meth:`TripleSet.nodes` (its subject, to its values), where
    it would be one tuple per triple; its sorted N-Triples lines are made at once by
    :attr:`lines` (``lines(subject, *values)``), where each line would be joined, encoded and
    sorted apart. A subject's lines are next to one another in any sorted N-Triples (a subject
    ends at its first space, a character no IRI holds), in the order of their predicates and
    objects; the pairs are put in that order here, and it cannot depend on the values: a
    :class:`Slot`'s predicate is the only one of its pairs with that predicate.

    ``lines`` may be given, a function with an f-string (``str.format`` reads its format again
    at every call: twice the time); it is checked against the pairs' own lines here."""

    __slots__ = ("form", "lines", "pairs", "size")

    def __init__(
        self, pairs: Sequence[tuple[str, str | Slot]], lines: Callable[..., str] | None = None
    ) -> None:
        predicates = [p for p, _o in pairs]
        for p, o in pairs:
            if isinstance(o, Slot) and predicates.count(p) > 1:
                raise ValueError(f"{p}: a value's predicate must be the only one of its pairs")
        self.pairs = sorted(pairs, key=self._line)
        #: the node's lines, ``form.format(subject, *values)``
        self.form = "".join(self._line((p, o)) for p, o in self.pairs)
        self.size = len(pairs)
        self.lines: Callable[..., str] = lines or self.form.format
        if lines is not None:
            slots = [o for _p, o in pairs if isinstance(o, Slot) and o.index >= 0]
            count = 1 + max((o.index for o in slots), default=-1)
            for k in (1, 7):  # two sets of values: integers of one and of several digits
                values: list[object] = [f"<urn:value:{i}>" for i in range(count)]
                for o in slots:
                    values[o.index] = k * 10**o.index if o.integer else values[o.index]
                if lines("<urn:node>", *values) != self.form.format("<urn:node>", *values):
                    raise ValueError("the lines given are not the pairs' lines, in order")

    @staticmethod
    def _line(pair: tuple[str, str | Slot]) -> str:
        p, o = pair
        obj = o.form() if isinstance(o, Slot) else o.replace("{", "{{").replace("}", "}}")
        return "{0} " + p.replace("{", "{{").replace("}", "}}") + f" {obj} .\n"

    def triples(self, subject: str, values: Sequence[object]) -> list[tuple[str, str, str]]:
        """The node's triples, as :meth:`TripleSet.add_nt` would add them one by one."""
        out = []
        for p, o in self.pairs:
            if isinstance(o, Slot):
                value = subject if o.index < 0 else values[o.index]
                o = integer(value) if o.integer else value  # type: ignore[arg-type]
            out.append((subject, p, o))
        return out


class TripleSet:
    """The triples added so far, with the ``in`` tests ``Emitter`` makes (``None`` = any).

    Stored as N-Triples forms: iterating gives plain ``str`` terms (``<iri>``, ``"text"@en``),
    the triples added one by one in the order they were first added, then those of the nodes of
    each :class:`Template` (:meth:`nodes`). :attr:`add_nt` adds a triple whose terms are all in
    that form already (what ``emit.py`` makes) with no Python step: it is the store's own
    ``dict.setdefault``, where :meth:`add`, which takes rdflib terms too, is a Python call per
    triple (bench/notes.md, sixth pass). The subject-predicate pairs that ``(s, p, None)``
    asks about are indexed when asked, from the triples added since the last question (a
    dict keeps its keys in the order added), not at every add: few works ask at all."""

    __slots__ = ("_indexed", "_nodes", "_pairs", "_settled", "_triples", "add_nt")

    def __init__(self) -> None:
        self._triples: dict[tuple[str, str, str], None] = {}
        self._pairs: set[tuple[str, str]] = set()
        self._indexed = 0  # how many of the triples (in order) _pairs holds the pairs of
        #: add one triple of N-Triples forms (plain ``str``; nothing checked)
        self.add_nt: Callable[[tuple[str, str, str]], object] = self._triples.setdefault
        self._nodes: dict[Template, dict[str, tuple]] = {}
        self._settled: tuple[int, ...] = (0,)  # the sizes when last settled (_settle)

    def nodes(self, template: Template) -> dict[str, tuple]:
        """The nodes of ``template`` added so far, subject to values (N-Triples forms, or
        ``int`` for a :class:`Slot` with ``integer=True``): a node is added by setting its
        subject's values here (``setdefault``), and holds the triples ``template`` makes of
        them, as though each were added by :attr:`add_nt`."""
        nodes = self._nodes.get(template)
        if nodes is None:
            nodes = self._nodes[template] = {}
        return nodes

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
        obj = None if o is None else nt_term(o)
        if obj is not None:
            if (*pair, obj) in self._triples:
                return True
        else:
            triples = self._triples
            if self._indexed < len(triples):
                self._pairs.update(map(_PAIR, itertools.islice(triples, self._indexed, None)))
                self._indexed = len(triples)
            if pair in self._pairs:
                return True
        for template, nodes in self._nodes.items():  # then the nodes' own triples
            values = nodes.get(pair[0])
            if values is not None:
                made = template.triples(pair[0], values)
                if obj is None and any(t[1] == pair[1] for t in made):
                    return True
                if obj is not None and (*pair, obj) in made:
                    return True
        return False

    def _settle(self) -> None:
        """Make each node's subject the subject of no other triple: a node whose subject has
        triples added one by one too, or is a node of another template, is added as triples
        one by one instead, so that a subject's lines are made in one place and each triple is
        one line. (Asked again with nothing added since, nothing to do.)"""
        state = (len(self._triples), *map(len, self._nodes.values()))
        if state == self._settled:
            return
        live = [(t, n) for t, n in self._nodes.items() if n]
        clash: set[str] = set()
        for i, (_template, nodes) in enumerate(live):
            if not nodes.keys().isdisjoint(map(_SUBJECT, self._triples)):
                clash |= nodes.keys() & set(map(_SUBJECT, self._triples))
            for _other, more in live[i + 1 :]:
                clash |= nodes.keys() & more.keys()
        for template, nodes in live:
            for subject in sorted(clash & nodes.keys()):
                for triple in template.triples(subject, nodes.pop(subject)):
                    self._triples.setdefault(triple)
        self._settled = (len(self._triples), *map(len, self._nodes.values()))

    def __iter__(self) -> Iterator[tuple[str, str, str]]:
        self._settle()
        made = (
            t
            for template, nodes in self._nodes.items()
            for subject, values in nodes.items()
            for t in template.triples(subject, values)
        )
        return itertools.chain(self._triples, made)

    def __len__(self) -> int:
        self._settle()
        return len(self._triples) + sum(t.size * len(n) for t, n in self._nodes.items())

    def count_objects(self, obj: Term) -> int:
        """How many triples have ``obj`` as their object (e.g. ``rdf:type pg:Commitment``); an
        IRI and a literal of the same text are different forms, so never counted together."""
        return countOf(map(_OBJECT, self), nt_term(obj))  # counted in C

    def lines(self) -> list[str]:
        """Sorted N-Triples lines (each ending in a newline); distinct, as the triples are."""
        return sorted([f"{s} {p} {o} .\n" for s, p, o in self])

    def sorted_bytes(self) -> bytes:
        """The lines of :meth:`lines`, in UTF-8: each line encoded, then sorted as bytes (UTF-8
        orders as code points do) and joined, 15-20% less CPU than joining and encoding the
        text (a line with one non-ASCII character made the whole text four bytes a character).
        A :class:`Template`'s node is one entry, its lines made and sorted by one format."""
        self._settle()
        lines = [f"{s} {p} {o} .\n".encode() for s, p, o in self._triples]
        for template, nodes in self._nodes.items():
            write = template.lines
            lines += [write(s, *v).encode() for s, v in nodes.items()]
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


def ontology_terms(
    path: Path, subjects: set[URIRef], predicates: set[URIRef]
) -> list[tuple[str, str, str]]:
    """The triples of the Turtle file ``path`` whose subject is one of ``subjects`` and whose
    predicate one of ``predicates``, in N-Triples form as rdflib writes them.

    The file is parsed by pyoxigraph (in Rust: an rdflib parse of the ontology was a seventh of
    a small build's CPU, bench/notes.md, fifth pass) and each term made into the rdflib term
    rdflib's own Turtle parser makes of it (a plain literal without a datatype, a language tag
    kept, any other datatype kept with its lexical form), then written by rdflib's writers.
    Two spellings read alike in RDF 1.1 come out as one: a language tag in capitals (pyoxigraph
    lowercases it, rdflib keeps it) and an explicit ``^^xsd:string`` (a plain literal); the
    ontology uses neither, and tests/test_triples.py compares the schemes with rdflib's
    reading. A file that is not valid Turtle raises :class:`~pactgraph.errors.GraphError`
    naming it."""
    wanted = {str(s) for s in subjects}
    keep = {str(p) for p in predicates}
    out = []
    try:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except (OSError, SyntaxError, ValueError) as exc:
        raise GraphError(f"cannot read Turtle: {exc}", locator=str(path)) from exc
    for q in quads:
        s, p, o = q.subject, q.predicate, q.object
        if s.__class__ is not ox.NamedNode or s.value not in wanted or p.value not in keep:
            continue
        if o.__class__ is ox.NamedNode:
            obj = nt_term(URIRef(o.value))
        elif o.__class__ is ox.Literal:
            if o.language:
                obj = nt_term(Literal(o.value, lang=o.language))
            elif o.datatype.value == _XSD_STRING:
                obj = nt_term(Literal(o.value))
            else:
                obj = nt_term(Literal(o.value, datatype=URIRef(o.datatype.value)))
        else:  # a blank node's label is the parser's own: no stable form to copy
            raise GraphError(f"{s.value} {p.value}: a blank node, not copied", locator=str(path))
        out.append((nt_term(URIRef(s.value)), nt_term(URIRef(p.value)), obj))
    return out
