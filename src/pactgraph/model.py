"""Typed data passed between the pipeline stages (after spaCy's component contracts).

read      -> :class:`SourceText`
segment   -> list of :class:`Document` with kind, title, symbol, date and line range
structure -> fills each :class:`Document` with :class:`Block`, :class:`Section`,
             :class:`Provision` and :class:`Footnote` objects
extract   -> :class:`ProvisionAnalysis` (statements with modality, bearers, cited instruments)
link      -> groups documents into works (:class:`pactgraph.link.Work`), aligns their copies
emit      -> rdflib ``Graph``

All offsets are character offsets into ``SourceText.text`` (decoded, NFC); line numbers are
1-based. Nothing here knows about RDF.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of a source text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}-{self.end}")

    def __reduce__(self) -> tuple:
        # pickled as a call: dataclasses' own state of a slotted class looks up fields() for
        # every object, and parsed files hold tens of thousands (issue 16, bench/notes.md)
        return (Span, (self.start, self.end))


@dataclass(frozen=True, slots=True)
class Line:
    """One physical line of a source text, without its line break."""

    number: int
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    def __reduce__(self) -> tuple:
        return (Line, (self.number, self.start, self.end, self.text))  # as Span's


@dataclass(frozen=True, slots=True)
class LineRole:
    """What a file format's own structure says a line is (Markdown heading, list item, Word
    table row), so the structure stage need not guess it from the words."""

    kind: str  # "heading" | "item" | "table-row" | "continuation"
    text: str  # the line's content without the format's syntax ("# ", "- ", "1. ")
    level: int = 0  # heading level (1 = "#"), list nesting depth (1 = top)
    marker: str | None = None  # an ordered item's number ("3"), a bullet's mark ("-")

    def __reduce__(self) -> tuple:
        return (LineRole, (self.kind, self.text, self.level, self.marker))  # as Span's


class _PickledLines(Sequence[Line]):
    """A source text's lines as unpickled: their columns, a :class:`Line` made per access (equal
    to the Line pickled; compared as the list of them)."""

    __slots__ = ("ends", "numbers", "starts", "texts")

    def __init__(
        self, numbers: list[int], starts: list[int], ends: list[int], texts: list[str]
    ) -> None:
        self.numbers, self.starts, self.ends, self.texts = numbers, starts, ends, texts

    @classmethod
    def of(cls, lines: Sequence[Line]) -> _PickledLines:
        return cls(
            [ln.number for ln in lines],
            [ln.start for ln in lines],
            [ln.end for ln in lines],
            [ln.text for ln in lines],
        )

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            columns = (self.numbers[index], self.starts[index], self.ends[index], self.texts[index])
            return list(map(Line, *columns))
        return Line(self.numbers[index], self.starts[index], self.ends[index], self.texts[index])

    def __iter__(self) -> Iterator[Line]:
        return map(Line, self.numbers, self.starts, self.ends, self.texts)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # as a list's

    def __repr__(self) -> str:
        return repr(list(self))

    def __reduce__(self) -> tuple:
        return (_PickledLines, (self.numbers, self.starts, self.ends, self.texts))


@dataclass
class SourceText:
    """A decoded input file (stage ``read``)."""

    path: Path
    name: str
    sha256: str
    encoding: str
    text: str
    lines: list[Line]
    notes: list[str] = field(default_factory=list)
    #: line number -> role, for formats whose syntax says what a line is (.md, .docx)
    roles: dict[int, LineRole] = field(default_factory=dict)
    fmt: str = "text"  # "text" | "markdown" | "docx" | "pdf"

    @property
    def digest(self) -> str:
        return self.sha256[:12]

    @functools.cached_property
    def line_starts(self) -> list[int]:
        """Offset of each line's first character (for bisecting an offset to its line)."""
        if isinstance(self.lines, _PickledLines):
            return self.lines.starts
        return [ln.start for ln in self.lines]

    def __getstate__(self) -> dict:
        # pickled with its lines as four columns, each Line made again only when asked for: a
        # work task reads its file's text whole but few of its lines, and making a Line costs
        # more than unpickling it (issue 16, bench/notes.md, fifth pass)
        state = {k: v for k, v in self.__dict__.items() if k != "line_starts"}
        if not isinstance(self.lines, _PickledLines):
            state["lines"] = _PickledLines.of(self.lines)
        return state

    def content_lines(self) -> list[int]:
        """The numbers of the lines that are not blank (:attr:`Line.blank`), read from the
        columns when the lines were unpickled: no Line made (a file's coverage, the build's
        parent, reads every line of every file)."""
        lines = self.lines
        if isinstance(lines, _PickledLines):
            return [n for n, text in zip(lines.numbers, lines.texts, strict=True) if text.strip()]
        return [ln.number for ln in lines if not ln.blank]

    def line_span(self, first: int, last: int) -> Span:
        """Span from the start of line ``first`` to the end of line ``last`` (1-based)."""
        return Span(self.lines[first - 1].start, self.lines[last - 1].end)


class DocKind(StrEnum):
    """What kind of text a document is, decided from its content."""

    RESOLUTION = "resolution"
    DECISION = "decision"  # a decision of an organ (A/DEC/, E/DEC/, A/HRC/DEC/)
    PRESIDENTIAL_STATEMENT = "presidential-statement"  # S/PRST/, A/HRC/PRST/
    TREATY = "treaty"  # a convention, protocol or agreement: articles binding its parties
    FRAMEWORK = "framework"  # goals and targets (the 2030 Agenda), a framework for action
    DECLARATION = "declaration"
    COMPACT = "compact"
    REPORT = "report"  # a report of the Secretary-General or another UN body
    LETTER = "letter"
    POSITION_PAPER = "position-paper"
    PARLIAMENTARY_REPORT = "parliamentary-report"
    PARLIAMENTARY_PAPER = "parliamentary-paper"
    UNKNOWN = "unknown"


class BlockKind(StrEnum):
    """The role a run of lines plays in a document."""

    TITLE = "title"  # front matter: title, symbol, date, session lines
    HEADING = "heading"  # a section, annex or objective heading
    PARAGRAPH = "paragraph"  # a numbered paragraph (its first line, plus continuations)
    SUBITEM = "subitem"  # a lettered or roman sub-item
    BULLET = "bullet"  # an unnumbered list item
    TABLE = "table"  # a table row or rule
    FOOTNOTE = "footnote"  # a footnote body
    PROSE = "prose"  # an unnumbered paragraph
    DEBRIS = "debris"  # page furniture, stamps, OCR residue: kept as provenance, not parsed


@dataclass
class Block:
    """A run of lines with one role; every non-blank line of a document is in exactly one."""

    kind: BlockKind
    first_line: int
    last_line: int
    span: Span
    text: str  # content text with the marker removed and broken lines joined
    marker: str | None = None  # "12", "a", "iv", "❖", "¹"
    footnote_calls: list[str] = field(default_factory=list)  # markers of footnotes it calls
    #: continuation lines after a page break or an interruption (footnotes, furniture): each
    #: with its own span and text, so a copy's pieces can be checked against the work
    continuations: list[tuple[Span, str]] = field(default_factory=list)

    @property
    def extra_spans(self) -> list[Span]:
        return [s for s, _ in self.continuations]


@dataclass
class Section:
    """A heading and what falls under it: a part, an annex, an objective, a titled group."""

    ref: str  # "I", "annex-I", "annex-II/III", "objective-9", "h12" (unnumbered, by line)
    title: str
    kind: str  # "section" | "annex" | "objective" | "subsection"
    block: Block
    parent: Section | None = None
    number: str | None = None  # the number as printed: "I", "9", "A"


@dataclass
class Footnote:
    """A footnote body and the provision that calls it."""

    marker: str  # "7" (superscripts normalised to digits)
    text: str
    block: Block
    called_by: str | None = None  # ref of the calling provision


@dataclass
class Provision:
    """A citable unit: a numbered paragraph or a lettered/roman sub-item."""

    ref: str  # "32", "32(a)", "I.5", "I.5(a)", "II.8(x)", "20(a)"
    number: str  # "32" or "a"
    text: str
    blocks: list[Block]
    section: Section | None = None
    annex: str | None = None  # roman numeral of the annex, if any
    parent: Provision | None = None  # the chapeau a sub-item belongs to
    children: list[Provision] = field(default_factory=list)
    footnote_calls: list[str] = field(default_factory=list)
    #: "" (paragraph or sub-item, by its number and parent), "article", "goal", "target",
    #: "preambular" (an unnumbered paragraph of a resolution's preamble, cited "pp3"),
    #: "unnumbered" (a paragraph of prose in a section that numbers none, cited "V.p3")
    kind: str = ""
    part: str = ""  # "preambular" | "operative" | "" (neither: a report, an annexed text)

    @property
    def spans(self) -> list[Span]:
        out: list[Span] = []
        for b in self.blocks:
            out.append(b.span)
            out.extend(b.extra_spans)
        return out


@dataclass
class Document:
    """One document found inside a source file (stages ``segment`` and ``structure``)."""

    source: SourceText
    first_line: int
    last_line: int
    kind: DocKind = DocKind.UNKNOWN
    title: str | None = None
    symbol: str | None = None  # UN symbol, e.g. "A/RES/71/1"
    date: str | None = None  # ISO 8601
    issuer: str | None = None  # gazetteer id of who speaks, when the text says
    organ: str | None = None  # the adopting organ as the UN names it: "Human Rights Council"
    organ_actor: str | None = None  # its gazetteer id, when the gazetteer has it
    session: str | None = None  # the organ's session: "76", "S-10", "ES-10"
    agenda_item: str | None = None  # "3", "68(b)"
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    provisions: list[Provision] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    work_id: str | None = None  # set by link: the work this copy expresses
    problems: list[str] = field(default_factory=list)  # structural oddities, reported not fatal

    @property
    def span(self):
        return self.source.line_span(self.first_line, self.last_line)

    @property
    def text(self) -> str:
        s = self.span
        return self.source.text[s.start : s.end]

    def provision(self, ref: str) -> Provision | None:
        return next((p for p in self.provisions if p.ref == ref), None)
