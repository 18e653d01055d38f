"""Stage 6, emit: a linked :class:`~pactgraph.link.Work` (+ extraction results) -> RDF triples.

Takes one work with its aligned copies and the statements the extract stage found (and, once
per build, the gazetteer and the source files); gives triples in a
:class:`~pactgraph.triples.TripleSet` shaped as ``docs/graph-model.md`` describes, with no blank
nodes: every span, passage, footnote and block has a minted IRI, so sorted N-Triples are
byte-identical between builds. Terms are made in their N-Triples form (``<iri>``, ``"text"@en``)
by ``triples.py``'s writers and :class:`~pactgraph.iris.NTMinter`, as rdflib would write them,
with no rdflib term per triple (bench/notes.md, fourth pass).

Every block of every document is emitted with its span (as a passage of a provision, a section
heading, a footnote, a text block or page furniture), and so is every line outside a document;
:meth:`Emitter.covered_lines` reports which lines the emitted spans cover, from which the build
computes each file's coverage.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD as _XSD

from . import namespaces as _ns
from .iris import SDG_WORK, Minter, NTMinter
from .link import Objective, Work, WorkProvision, document_digest
from .model import Block, BlockKind, Document, SourceText, Span
from .namespaces import MODALITIES
from .triples import (
    INTEGER_TYPE,
    Slot,
    Template,
    TripleSet,
    en,
    integer,
    literal,
    nt_term,
    ontology_terms,
)


class _Terms:
    """A namespace whose terms are given in their N-Triples form (``<iri>``), each made once:
    rdflib makes a new URIRef at every attribute access (1-2 us), and a build asks for the same
    few terms a million times (bench/notes.md). Same terms, same triples."""

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        term = nt_term(getattr(self._namespace, name))
        setattr(self, name, term)
        return term


_NAMESPACES = (_ns.DCTERMS, _ns.ELI, _ns.OA, _ns.ORG, _ns.PG, _ns.PROV, _ns.RDF, _ns.RDFS, _ns.SKOS)
DCTERMS, ELI, OA, ORG, PG, PROV, RDF, RDFS, SKOS = (_Terms(n) for n in _NAMESPACES)

#: The EU Publications Office language authority concept for English (ELI's eli:language range).
EU_LANGUAGE_EN = nt_term(URIRef("http://publications.europa.eu/resource/authority/language/ENG"))
#: ``pg:legallyBinding`` values, as rdflib writes ``Literal(True)`` and ``Literal(False)``.
_BOOLEAN = {value: nt_term(Literal(value)) for value in (False, True)}
#: The modality concepts, by name, in N-Triples form.
_MODALITIES = {name: nt_term(concept) for name, concept in MODALITIES.items()}
#: The terms of a span's nine triples (Emitter.span), looked up once.
_TYPE, _HAS_SOURCE, _HAS_SELECTOR, _START, _END = (
    RDF.type,
    OA.hasSource,
    OA.hasSelector,
    OA.start,
    OA.end,
)
_TEXT_SPAN, _SPECIFIC_RESOURCE, _POSITION_SELECTOR = (
    PG.TextSpan,
    OA.SpecificResource,
    OA.TextPositionSelector,
)
_LINE_START, _LINE_END = PG.lineStart, PG.lineEnd


def _span_lines(s: str, source: str, start: int, end: int, first: int, last: int) -> str:
    """A span's nine lines in sorted order (checked against :data:`SPAN`'s pairs)."""
    return (
        f"{s} {_TYPE} {_SPECIFIC_RESOURCE} .\n"
        f"{s} {_TYPE} {_POSITION_SELECTOR} .\n"
        f"{s} {_TYPE} {_TEXT_SPAN} .\n"
        f'{s} {_END} "{end}{INTEGER_TYPE} .\n'
        f"{s} {_HAS_SELECTOR} {s} .\n"
        f"{s} {_HAS_SOURCE} {source} .\n"
        f'{s} {_START} "{start}{INTEGER_TYPE} .\n'
        f'{s} {_LINE_END} "{last}{INTEGER_TYPE} .\n'
        f'{s} {_LINE_START} "{first}{INTEGER_TYPE} .\n'
    )


#: A span's nine triples, from its source IRI, its offsets and its first and last lines.
SPAN = Template(
    [
        (_TYPE, _TEXT_SPAN),
        (_TYPE, _SPECIFIC_RESOURCE),
        (_TYPE, _POSITION_SELECTOR),
        (_HAS_SOURCE, Slot(0)),
        (_HAS_SELECTOR, Slot(-1)),
        (_START, Slot(1, integer=True)),
        (_END, Slot(2, integer=True)),
        (_LINE_START, Slot(3, integer=True)),
        (_LINE_END, Slot(4, integer=True)),
    ],
    _span_lines,
)
#: What a file's spans share (``Emitter._file``): its source IRI, the minter of its spans' IRIs
#: (``NTMinter.file_spans``), its lines' starts, the line ranges its spans cover, and the
#: spans added (the graph's nodes of :data:`SPAN`).
_FileSpans = tuple[
    str, Callable[[int, int], str], list[int], set[tuple[int, int]], dict[str, tuple]
]
MODALITY_ORDER = ["recognition", "encouragement", "intention", "commitment", "obligation"]
LANG = "en"


def _tables(blocks: list[Block]) -> list[list[Block]]:
    """Runs of table rows (a rule line between rows, as Markdown draws one, does not end a run)."""
    tables: list[list[Block]] = []
    run: list[Block] = []
    for b in blocks:
        if b.kind is BlockKind.TABLE:
            run.append(b)
        elif b.kind is BlockKind.DEBRIS and getattr(b, "heading_kind", None) == "table-rule":
            continue
        elif run:
            tables.append(run)
            run = []
    if run:
        tables.append(run)
    return tables


#: The class of a provision by its kind (``link.WorkProvision.kind``); other kinds are sub-items.
PROVISION_CLASSES = {
    "paragraph": PG.Paragraph,
    "article": PG.Article,
    "goal": PG.Goal,
    "target": PG.Target,
    "preambular": PG.PreambularParagraph,
    "unnumbered": PG.UnnumberedParagraph,
}


_lit, _en = literal, en  # a plain literal; an English one (LANG): N-Triples forms


def _date(value: object) -> str:
    """An ``xsd:date`` literal (once per work): rdflib's reading and writing of it."""
    return nt_term(Literal(value, datatype=_XSD.date))


@dataclass
class Emitter:
    """Adds triples for one build to ``graph``; one method per kind of node."""

    minter: Minter  # rdflib IRIs, for the stages that add their own triples (roles.py)
    graph: TripleSet
    gaz: object | None = None
    #: line ranges of every span emitted, by file SHA-256 (for coverage)
    covered: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    #: the statements typed pg:Commitment (their IRIs): counted here, not in the triples
    commitments: set[str] = field(default_factory=set)
    #: each copy's IRI, by id() of the copy (its digest hashes the whole text: made once)
    _documents: dict[tuple[str, int], tuple[Document, str]] = field(
        default_factory=dict, repr=False
    )

    def __post_init__(self) -> None:
        #: the same IRIs as ``minter``, in N-Triples form: what this class adds
        self._mint = NTMinter(self.minter.base)
        #: per file (by SHA-256), what its spans share (:meth:`_file`)
        self._files: dict[str, _FileSpans] = {}

    def covered_lines(self) -> dict[str, list[tuple[int, int]]]:
        return {sha: sorted(ranges) for sha, ranges in sorted(self.covered.items())}

    def add(self, s: str | URIRef, p: str | URIRef, o) -> None:
        self.graph.add((s, p, o))

    def _document_iri(self, work: Work, doc: Document) -> str:
        """``minter.document(work.id, document_digest(doc))``, computed once per copy."""
        key = (work.id, id(doc))
        hit = self._documents.get(key)
        if hit is None or hit[0] is not doc:
            hit = (doc, self._mint.document(work.id, document_digest(doc)))
            self._documents[key] = hit
        return hit[1]

    # provenance --------------------------------------------------------------------------
    def source(self, src: SourceText) -> str:
        iri = self._mint.source(src.digest)
        add = self.graph.add_nt
        add((iri, RDF.type, PG.SourceFile))
        add((iri, RDF.type, PROV.Entity))
        add((iri, RDFS.label, _en(src.name)))
        add((iri, PG.fileName, _lit(src.name)))
        add((iri, PG.sha256, _lit(src.sha256)))
        return iri

    def span(self, src: SourceText, span: Span) -> str:
        """A text span of ``src`` (nine triples; about half of a build's triples are spans'):
        its IRI minted by the file's own span minter (``NTMinter.file_spans``), its triples
        one node of :data:`SPAN` (one entry where nine tuples were, bench/notes.md, seventh
        pass)."""
        file = self._files.get(src.sha256)
        if file is None:
            file = self._file(src)
        source, mint, starts, covered, nodes = file
        start, end = span.start, span.end
        iri = mint(start, end)
        first = bisect_right(starts, start)
        last = bisect_right(starts, max(start, end - 1))
        covered.add((first, last))
        values = (source, start, end, first, last)
        if start.__class__ is not int or end.__class__ is not int:
            self._span_triples(iri, values)  # integer() refuses what is not an int
        elif nodes.setdefault(iri, values) != values:
            self._span_triples(iri, values)  # one IRI, two descriptions: both are kept
        return iri

    def _span_triples(self, iri: str, values: tuple) -> None:
        """A span's nine triples added one by one (what a node of :data:`SPAN` holds)."""
        source, start, end, first, last = values
        add = self.graph.add_nt
        add((iri, _TYPE, _TEXT_SPAN))
        add((iri, _TYPE, _SPECIFIC_RESOURCE))
        add((iri, _TYPE, _POSITION_SELECTOR))
        add((iri, _HAS_SOURCE, source))
        add((iri, _HAS_SELECTOR, iri))  # the span is its own text-position selector
        add((iri, _START, integer(start)))
        add((iri, _END, integer(end)))
        add((iri, _LINE_START, integer(first)))
        add((iri, _LINE_END, integer(last)))

    def _file(self, src: SourceText) -> _FileSpans:
        """What every span of ``src`` shares: its source IRI, the minter of its spans' IRIs,
        its lines' starts, the set of line ranges its spans cover, and the spans added."""
        source = self._mint.source(src.digest)
        covered = self.covered.setdefault(src.sha256, set())
        mint = self._mint.file_spans(src.digest)
        file = (source, mint, src.line_starts, covered, self.graph.nodes(SPAN))
        self._files[src.sha256] = file
        return file

    def spans(self, node: str | URIRef, src: SourceText, spans: Iterable[Span]) -> None:
        node = nt_term(node)  # roles.py gives rdflib IRIs
        add = self.graph.add_nt
        for s in spans:
            add((node, PG.sourceSpan, self.span(src, s)))

    # works, copies -----------------------------------------------------------------------
    def work(self, work: Work) -> str:
        iri = self._mint.work(work.id)
        add = self.graph.add_nt
        add((iri, RDF.type, PG.Work))
        for t in work.types:
            add((iri, RDF.type, getattr(PG, t)))
        if any(t in INSTRUMENT_TYPES - NON_INSTRUMENT_WORKS for t in work.types):
            add((iri, RDF.type, PG.Instrument))
            if not any(t in BINDING_TYPES for t in work.types):
                add((iri, RDF.type, PG.NonBindingInstrument))
                add((iri, PG.legallyBinding, _BOOLEAN[False]))
        label = work.title or work.symbol or work.id
        add((iri, RDFS.label, _en(label)))
        add((iri, DCTERMS.title, _en(label)))
        if work.symbol:
            add((iri, PG.symbol, _lit(work.symbol)))
            add((iri, DCTERMS.identifier, _lit(work.symbol)))
        if work.date:
            add((iri, DCTERMS.date, _date(work.date)))
        if work.issuer:
            issuer = self._mint.actor(work.issuer)
            if self.gaz is not None and work.issuer not in self.gaz.actors:
                issuer = self.state(work.issuer)
            add((iri, PG.issuer, issuer))
        if work.organ_actor and (self.gaz is None or work.organ_actor in self.gaz.actors):
            add((iri, PG.adoptedBy, self._mint.actor(work.organ_actor)))
        if work.session:
            add((iri, PG.session, _lit(work.session)))
        if work.agenda_item:
            add((iri, PG.agendaItem, _lit(work.agenda_item)))
        expr = self._mint.expression(work.id)
        add((expr, RDF.type, PG.Expression))
        add((expr, RDF.type, ELI.Expression))
        add((expr, RDFS.label, _en(f"{label} (English text)")))
        add((expr, ELI.realizes, iri))
        add((expr, ELI.language, EU_LANGUAGE_EN))
        return iri

    def document(self, work: Work, doc: Document) -> str:
        d = self._document_iri(work, doc)
        add = self.graph.add_nt
        src = doc.source
        add((d, RDF.type, PG.Document))
        name = work.symbol or work.title or work.id
        add(
            (
                d,
                RDFS.label,
                _en(f"{name} (copy in {src.name}, lines {doc.first_line}–{doc.last_line})"),
            )
        )
        if doc.title:
            add((d, DCTERMS.title, _en(doc.title)))
        add((d, PG.expresses, self._mint.work(work.id)))
        add((d, ELI.embodies, self._mint.expression(work.id)))
        add((d, PROV.wasDerivedFrom, self._mint.source(src.digest)))
        add((d, PG.lineStart, integer(doc.first_line)))
        add((d, PG.lineEnd, integer(doc.last_line)))
        self.spans(d, src, [doc.span])
        return d

    # structure ---------------------------------------------------------------------------
    def sections(self, work: Work) -> None:
        add = self.graph.add_nt
        w = self._mint.work(work.id)
        name = work.symbol or work.title or work.id
        for info in work.sections.values():
            s = self._mint.section(work.id, info.ref)
            add((s, RDF.type, PG.Annex if info.kind == "annex" else PG.Section))
            if info.kind == "annex":
                label = f"Annex {info.number}" + (f". {info.title}" if info.title else "")
            elif info.number and info.kind in ("section", "subsection"):
                label = f"{info.number}. {info.title}"
            elif info.kind == "objective":
                label = f"Objective {info.number}: {info.title}"
            else:
                label = info.title
            add((s, RDFS.label, _en(f"{name}, {label}")))
            add((s, PG.reference, _lit(info.ref)))
            if info.title:
                add((s, DCTERMS.title, _en(info.title)))
            parent = self._mint.section(work.id, info.parent) if info.parent else w
            add((s, PG.partOf, parent))
            add((parent, PG.hasPart, s))
            for doc, span in info.spans:
                add((s, PG.sourceSpan, self.span(doc.source, span)))

    def provision(self, work: Work, wp: WorkProvision) -> str:
        add = self.graph.add_nt
        iri = self._mint.provision(work.id, wp.ref)
        name = work.symbol or work.id.upper()
        add((iri, RDF.type, PG.Provision))
        add((iri, RDF.type, PROVISION_CLASSES.get(wp.kind, PG.SubItem)))
        if wp.part == "operative":
            add((iri, RDF.type, PG.OperativeParagraph))
        add((iri, RDFS.label, _en(f"{name} {wp.ref}")))
        add((iri, PG.reference, _lit(wp.ref)))
        add((iri, PG.number, _lit(wp.number)))
        add((iri, PG.ordinal, integer(wp.order + 1)))
        text = _lit(wp.text)
        add((iri, PG.text, text))
        if wp.parent:
            parent = self._mint.provision(work.id, wp.parent)
        elif wp.section and wp.section in work.sections:
            parent = self._mint.section(work.id, wp.section)
        else:
            parent = self._mint.work(work.id)
        add((iri, PG.partOf, parent))
        add((parent, PG.hasPart, iri))
        objective = _objective_of(work, wp)
        if objective is not None:
            # the text places the provision under this objective (GCM "OBJECTIVE 9" headings):
            # structure only; its statements are what contribute to the objective
            add((iri, PG.underObjective, self._mint.objective(work.id, objective)))
        if work.id == SDG_WORK and wp.kind in ("goal", "target"):
            # the 2030 Agenda's own text of a goal or target: the SDG objective the corpus's
            # commitments contribute to ("in line with target 10.7")
            add(
                (
                    iri,
                    PG.statesObjective,
                    self.objective_ref(f"{SDG_WORK}:{wp.number}", known=False),
                )
            )
        for passage in wp.passages:
            doc = passage.document
            d = self._document_iri(work, doc)
            piri = self._mint.passage(d, wp.ref)
            add((piri, RDF.type, PG.Passage))
            add((piri, RDFS.label, _en(f"{name} {wp.ref} in {doc.source.name}")))
            add((piri, PG.passageOf, iri))
            add((iri, PG.hasPassage, piri))
            add((piri, PG.inDocument, d))
            said = passage.text  # mostly the provision's own text: its literal made once
            add((piri, PG.text, text if said == wp.text else _lit(said)))
            self.spans(piri, doc.source, [p.span for p in passage.pieces])
            if passage.source is not None:
                for marker in passage.source.footnote_calls:
                    if any(f.marker == marker for f in doc.footnotes):
                        fn = self._mint.footnote(d, marker)
                        add((iri, PG.callsFootnote, fn))
                        add((piri, PG.callsFootnote, fn))
        return iri

    def blocks(self, work: Work, doc: Document) -> None:
        """Footnotes, headings' copies, text blocks and furniture of one copy."""
        add = self.graph.add_nt
        d = self._document_iri(work, doc)
        name = work.symbol or work.title or work.id
        for fn in doc.footnotes:
            f = self._mint.footnote(d, fn.marker)
            add((f, RDF.type, PG.Footnote))
            add((f, RDFS.label, _en(f"{name}, footnote {fn.marker}")))
            add((f, PG.marker, _lit(fn.marker)))
            add((f, PG.text, _lit(fn.text)))
            add((f, PG.inDocument, d))
            self.spans(f, doc.source, [fn.block.span, *fn.block.extra_spans])
        tables = _tables(doc.blocks)
        for rows in tables:
            self.table(d, doc, name, rows)
        in_table = {id(b) for rows in tables for b in rows}
        for b in doc.blocks:
            if b.kind in (BlockKind.PARAGRAPH, BlockKind.SUBITEM, BlockKind.FOOTNOTE):
                continue
            if id(b) in in_table:
                continue  # a row of a table: the table is one node
            if b.kind is BlockKind.BULLET and b.marker == "•":
                continue  # list items are provisions
            if b.kind is BlockKind.HEADING:
                continue  # emitted as sections (with every copy's span)
            if b.kind is BlockKind.PROSE and getattr(b, "aligned_to", None):
                continue  # a piece of a provision in this copy
            t = self._mint.block(d, b.first_line)
            furniture = b.kind is BlockKind.DEBRIS
            add((t, RDF.type, PG.PageFurniture if furniture else PG.TextBlock))
            add((t, RDFS.label, _en(f"{name}, {b.kind.value} at line {b.first_line}")))
            add(
                (
                    t,
                    PG.text,
                    _lit(
                        doc.source.text[b.span.start : b.span.end].strip() if furniture else b.text
                    ),
                )
            )
            add((t, PG.inDocument, d))
            if b.marker and b.marker != "•":
                add((t, PG.marker, _lit(b.marker)))
            self.spans(t, doc.source, [b.span, *b.extra_spans])

    def table(self, d: str, doc: Document, name: str, rows: list[Block]) -> None:
        """One table of a copy: one node with its rows in order (rows are not provisions)."""
        add = self.graph.add_nt
        t = self._mint.block(d, rows[0].first_line)
        add((t, RDF.type, PG.TextBlock))
        add((t, RDF.type, PG.Table))
        add((t, RDFS.label, _en(f"{name}, table at line {rows[0].first_line}")))
        add((t, PG.text, _lit("\n".join(b.text for b in rows))))
        add((t, PG.inDocument, d))
        for i, b in enumerate(rows, start=1):
            add((t, PG.tableRow, _lit(f"{i}: {b.text}")))
        self.spans(t, doc.source, [s for b in rows for s in (b.span, *b.extra_spans)])

    def outside(self, src: SourceText, first: int, last: int) -> None:
        """Lines of a file that belong to no document (a stray caption): kept, with provenance."""
        add = self.graph.add_nt
        t = self._mint.block(self._mint.source(src.digest), first)
        add((t, RDF.type, PG.TextBlock))
        add((t, RDFS.label, _en(f"{src.name}, text outside any document at line {first}")))
        add(
            (
                t,
                PG.text,
                _lit(
                    " ".join(
                        ln.text.strip() for ln in src.lines[first - 1 : last] if ln.text.strip()
                    )
                ),
            )
        )
        add((t, PROV.wasDerivedFrom, self._mint.source(src.digest)))
        self.spans(t, src, [src.line_span(first, last)])

    def objective(self, obj: Objective) -> str:
        add = self.graph.add_nt
        iri = self._mint.objective(obj.work_id, obj.number)
        add((iri, RDF.type, PG.Objective))
        add((iri, PG.number, _lit(obj.number)))
        add((iri, RDFS.label, _en(f"Objective {obj.number}: {obj.title}")))
        add((iri, PG.text, _lit(obj.title)))
        w = self._mint.work(obj.work_id)
        add((iri, PG.objectiveOf, w))
        add((w, PG.hasObjective, iri))
        for doc, span in obj.spans:
            add((iri, PG.sourceSpan, self.span(doc.source, span)))
        return iri

    def objective_ref(self, key: str, *, known: bool) -> str:
        """IRI of the objective ``work:number``; objectives of works outside the corpus (SDG
        targets of the 2030 Agenda) are described here, the corpus's own by :meth:`objective`."""
        wid, _, number = key.partition(":")
        iri = self._mint.objective(wid, number)
        if not known and (iri, RDF.type, PG.Objective) not in self.graph:
            add = self.graph.add_nt
            sdg = wid == SDG_WORK
            add((iri, RDF.type, PG.Objective))
            goal = sdg and "." not in number  # "10" is a goal, "10.7" one of its targets
            if sdg:
                add((iri, RDF.type, PG.SDGGoal if goal else PG.SDGTarget))
            kind = ("SDG " + ("goal" if goal else "target")) if sdg else "Objective"
            add((iri, RDFS.label, _en(f"{kind} {number}")))
            add((iri, PG.number, _lit(number)))
            add((iri, PG.objectiveOf, self._mint.work(wid)))
            add((self._mint.work(wid), PG.hasObjective, iri))
        return iri

    # statements and entities ----------------------------------------------------------------
    def statements(self, work: Work, wp: WorkProvision, analysis, objective_iri) -> None:
        """Statements of one provision (from :mod:`pactgraph.extract`), with their links."""
        add = self.graph.add_nt
        prov_iri = self._mint.provision(work.id, wp.ref)
        w = self._mint.work(work.id)
        name = work.symbol or work.id.upper()
        canon = next((p for p in wp.passages if p.document is work.canonical), None)
        for st in analysis.statements:
            constitutive = getattr(st, "constitutive", False)
            if st.modality == "recognition" and not (st.cites or st.objectives or constitutive):
                continue  # a plain recognition says nothing the graph needs
            iri = self._mint.statement(work.id, wp.ref, st.index)
            add((iri, RDF.type, PG.Statement))
            if st.is_position:
                add((iri, RDF.type, PG.Position))
            if st.modality != "recognition":
                add((iri, RDF.type, PG.Commitment))
                self.commitments.add(iri)
            elif constitutive:
                add((iri, RDF.type, PG.ConstitutiveRule))
            add((iri, RDFS.label, _en(f"{name} {wp.ref}, statement {st.index} ({st.modality})")))
            add((iri, PG.statementOf, prov_iri))
            add((prov_iri, PG.hasStatement, iri))
            add((iri, PG.text, _lit(st.text)))
            add((iri, PG.modality, _MODALITIES[st.modality]))
            add((iri, PG.madeIn, w))
            if st.issuer is not None:
                add((iri, PG.issuer, self.entity(st.issuer)))
            for ref in st.bearers:
                add((iri, PG.bearer, self.entity(ref)))
            for ref in st.partners:
                add((iri, PG.partner, self.entity(ref)))
            for ref in st.cites:
                ins = self.entity(ref)
                add((iri, PG.cites, ins))
                if ins != w:
                    add((w, ELI.cites, ins))  # the work cites what its statements cite
            for key in st.objectives:
                add((iri, PG.contributesTo, objective_iri(key)))
            if canon is not None:
                self.spans(iri, work.canonical.source, self._locate(work, canon, st.text))

    def _locate(self, work: Work, passage, sentence: str) -> list[Span]:
        """The span of a sentence in the canonical copy; the passage's spans if not found."""
        text = work.canonical.source.text
        head, tail = sentence[:40], sentence[-25:]
        for piece in passage.pieces:  # found within the piece's span, with no copy of it
            start, stop = piece.span.start, piece.span.end
            i = text.find(head, start, stop)
            if i >= 0:
                j = text.find(tail, i, stop)
                return [Span(i, j + len(tail) if j >= 0 else stop)]
        return [p.span for p in passage.pieces]

    def entity(self, ref) -> str:
        """The IRI of an actor or instrument reference; describes pattern finds on the spot."""
        is_instrument = ref.type in INSTRUMENT_TYPES
        if ref.type == "State":
            return self.state(ref.id)
        iri = self._mint.work(ref.id) if is_instrument else self._mint.actor(ref.id)
        if not ref.known and (iri, RDFS.label, None) not in self.graph:
            add = self.graph.add_nt
            add((iri, RDF.type, getattr(PG, ref.type)))
            if not is_instrument:
                add((iri, RDF.type, PG.Actor))
            elif ref.type not in NON_INSTRUMENT_WORKS:
                add((iri, RDF.type, PG.Instrument))
            add((iri, RDFS.label, _en(ref.label)))
            add(
                (iri, PG.source, _lit("found by pattern in the corpus text (not in the gazetteer)"))
            )
            if is_instrument and ref.type not in NON_INSTRUMENT_WORKS:
                binding = ref.type in BINDING_TYPES
                add((iri, RDF.type, PG.BindingInstrument if binding else PG.NonBindingInstrument))
                add((iri, PG.legallyBinding, _BOOLEAN[binding]))
                add((iri, DCTERMS.title, _en(ref.label)))
        return iri

    def gazetteer(self, gaz) -> None:
        """Every gazetteer actor and instrument, with labels, types, identifiers and custodians."""
        add = self.graph.add_nt
        for a in sorted(gaz.actors.values(), key=lambda a: a.id):
            iri = self._mint.actor(a.id)
            add((iri, RDF.type, getattr(PG, a.type)))
            add((iri, RDF.type, PG.Actor))
            add((iri, RDFS.label, _en(a.label)))
            add((iri, SKOS.prefLabel, _en(a.label)))
            if a.name and a.name != a.label:
                add((iri, SKOS.altLabel, _en(a.name)))
            for alias in a.aliases:
                add((iri, SKOS.altLabel, _en(alias)))
            if a.acronym:
                add((iri, PG.acronym, _lit(a.acronym)))
            if a.iso3:
                add((iri, DCTERMS.identifier, _lit(a.iso3.upper())))
            if a.role:
                add((iri, SKOS.note, _en(a.role)))
            add((iri, PG.source, _lit(a.source)))
            for member in a.members:
                m = self.state(member) if member in gaz.states else self._mint.actor(member)
                entry = gaz.actors.get(member)
                if entry is not None and entry.type in GROUP_TYPES:
                    add((m, PG.subgroupOf, iri))  # a group inside a group: not a membership
                else:
                    add((m, ORG.memberOf, iri))
        for ins in sorted(gaz.instruments.values(), key=lambda i: i.id):
            self.instrument(ins)

    def modality_scheme(self, ontology: Path) -> None:
        """The SKOS modality scheme and its five concepts, copied from the ontology (the Turtle
        file ``ontology``), so that queries on the data alone can label and rank modalities
        (pg:ordinal 5 = strongest); the role and change schemes likewise. Each term is written
        as rdflib writes it (:func:`ontology_terms`)."""
        pg, rdf, rdfs, skos = _ns.PG, _ns.RDF, _ns.RDFS, _ns.SKOS
        concepts = [
            pg.ModalityScheme,
            pg.obligation,
            pg.commitmentModality,
            pg.intention,
            pg.encouragement,
            pg.recognition,
        ]
        keep = {
            rdf.type,
            rdfs.label,
            skos.prefLabel,
            skos.definition,
            skos.inScheme,
            skos.topConceptOf,
            skos.hasTopConcept,
            pg.ordinal,
        }
        # and the role scheme (pactgraph.roles), so that queries can name the roles
        concepts += [
            pg.RoleScheme,
            pg.coordinatorRole,
            pg.secretariatRole,
            pg.leadAgencyRole,
            pg.reportingRole,
            pg.reviewRole,
            pg.fundingRole,
            pg.mandateRole,
            pg.systemWideSupportRole,
        ]
        # and the change scheme (pactgraph.versions), so that queries can name the changes
        concepts += [pg.ChangeScheme, pg.sameItem, pg.renamedItem, pg.renumberedItem]
        concepts += [pg.mergedItem, pg.addedItem, pg.removedItem, pg.rewordedItem]
        concepts += [pg.strengthenedItem, pg.weakenedItem, pg.bearersChangedItem]
        for triple in ontology_terms(ontology, set(concepts), keep):
            self.graph.add_nt(triple)

    def state(self, code: str) -> str:
        """A State (ISO 3166-1 via the gazetteer), described the first time it is named."""
        iri = self._mint.actor(code)
        if (iri, RDF.type, PG.State) in self.graph or self.gaz is None:
            return iri
        try:
            entry = self.gaz.state(code)
        except KeyError:
            return iri
        add = self.graph.add_nt
        add((iri, RDF.type, PG.State))
        add((iri, RDF.type, PG.Actor))
        add((iri, RDFS.label, _en(entry.label)))
        add((iri, SKOS.prefLabel, _en(entry.label)))
        if entry.name and entry.name != entry.label:
            add((iri, SKOS.altLabel, _en(entry.name)))
        add((iri, DCTERMS.identifier, _lit((entry.iso3 or code).upper())))
        add((iri, PG.source, _lit(entry.source)))
        return iri

    def instrument(self, ins) -> str:
        add = self.graph.add_nt
        iri = self._mint.work(ins.id)
        add((iri, RDF.type, PG.Work))
        add((iri, RDF.type, getattr(PG, ins.type)))
        if ins.type not in NON_INSTRUMENT_WORKS:  # position papers, letters: works only
            add((iri, RDF.type, PG.Instrument))
            binding = PG.BindingInstrument if ins.binding else PG.NonBindingInstrument
            add((iri, RDF.type, binding))
            add((iri, PG.legallyBinding, _BOOLEAN[bool(ins.binding)]))
        if (iri, RDFS.label, None) not in self.graph:
            add((iri, RDFS.label, _en(ins.label)))
            add((iri, DCTERMS.title, _en(ins.label)))
        for alias in ins.aliases:
            add((iri, SKOS.altLabel, _en(alias)))
        if ins.symbol:
            add((iri, PG.symbol, _lit(ins.symbol)))
            add((iri, DCTERMS.identifier, _lit(ins.symbol)))
        for unts in ins.unts:
            add((iri, PG.untsReference, _lit(unts)))
        if ins.custodian:
            c = self._mint.actor(ins.custodian)
            add((iri, PG.custodian, c))
            add((c, PG.custodianOf, iri))
        if ins.date:
            add((iri, DCTERMS.date, _date(ins.date)))
        if ins.jurisdiction:
            add((iri, PG.issuer, self.state(ins.jurisdiction)))
        add((iri, PG.source, _lit(ins.source)))
        return iri


def _objective_of(work: Work, wp: WorkProvision) -> str | None:
    """Number of the objective whose heading the provision (or its chapeau) stands under."""
    while wp.parent is not None and wp.parent in work.provisions:
        wp = work.provisions[wp.parent]
    ref = wp.section
    while ref is not None and ref in work.sections:
        info = work.sections[ref]
        if info.kind == "objective" and info.number in work.objectives:
            return info.number
        ref = info.parent
    return None


#: pg classes that are works/instruments (the rest of EntityRef types are actors).
INSTRUMENT_TYPES = frozenset(
    [
        "Instrument",
        "BindingInstrument",
        "NonBindingInstrument",
        "Treaty",
        "Convention",
        "Protocol",
        "Agreement",
        "Declaration",
        "Resolution",
        "Compact",
        "Agenda",
        "Framework",
        "PlanOfAction",
        "Guidelines",
        "Principles",
        "Recommendation",
        "NationalLaw",
        "NationalPolicy",
        "Report",
        "PositionPaper",
        "Letter",
        "ParliamentaryPaper",
        "Work",
    ]
)
#: Works that are not instruments (the ontology keeps them disjoint from pg:Instrument).
NON_INSTRUMENT_WORKS = frozenset({"PositionPaper", "Letter", "ParliamentaryPaper", "Work"})
BINDING_TYPES = frozenset({"Treaty", "Convention", "Protocol", "Agreement", "NationalLaw"})
#: Actor types that name a set of actors rather than one actor.
GROUP_TYPES = frozenset({"StateGroup", "StakeholderGroup"})


def bind_prefixes(graph: Graph, minter: Minter) -> None:
    graph.bind("pg", _ns.PG._NS)
    graph.bind("dct", _ns.DCTERMS)
    graph.bind("skos", _ns.SKOS)
    graph.bind("prov", _ns.PROV)
    graph.bind("org", _ns.ORG)
    graph.bind("oa", _ns.OA)
    graph.bind("eli", _ns.ELI)
    graph.bind("pgd", minter.base)
