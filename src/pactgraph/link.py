"""Stage 5, link: structured documents -> works, aligned copies and objectives.

Takes the :class:`~pactgraph.model.Document` objects of a build (from any number of files):
:func:`group_works` groups them from small :class:`DocSummary` records, :func:`link_work` makes
each group one :class:`Work`, so that

- documents that are copies of one text are grouped into one :class:`Work` by their content
  (shared paragraphs), whatever the files are called or the order they come in; the work's
  identifier comes from a UN symbol printed in any copy, else from the gazetteer by title, else
  from the title itself;
- one copy is canonical (most provisions, then most footnotes, then smallest digest) and gives
  each provision its text; every other copy's paragraphs are aligned to the canonical provisions
  by content, so a scanned copy with OCR noise, lost numbers and missing passages lands on the
  right provisions; a piece of text that continues on another page is checked on its own;
- objectives are collected: "OBJECTIVE n" headings, numbered objective lists, and the elements of
  a future instrument listed under a chapeau such as "could include ... the following elements".

Differences between copies are kept: each copy's text stays on its own passage.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations, islice

from .adoption import DRAFT_TITLE
from .cues import Cues, default_cues
from .iris import digest, ref_slug, slug
from .model import Block, BlockKind, DocKind, Document, Provision, Span

#: Work types (pg class local names) for each document kind.
KIND_TYPES: dict[DocKind, tuple[str, ...]] = {
    DocKind.RESOLUTION: ("Resolution",),
    DocKind.DECISION: ("Decision",),
    DocKind.PRESIDENTIAL_STATEMENT: ("PresidentialStatement",),
    DocKind.TREATY: ("Treaty",),
    DocKind.FRAMEWORK: ("Framework",),
    DocKind.DECLARATION: ("Declaration",),
    DocKind.COMPACT: ("Compact",),
    DocKind.REPORT: ("Report",),
    DocKind.LETTER: ("Letter",),
    DocKind.POSITION_PAPER: ("PositionPaper",),
    # a delegation's or committee's report to its parliament is a parliamentary paper, not an
    # instrument (the ontology keeps the two disjoint)
    DocKind.PARLIAMENTARY_REPORT: ("ParliamentaryPaper",),
    DocKind.PARLIAMENTARY_PAPER: ("ParliamentaryPaper",),
    DocKind.UNKNOWN: ("Work",),
}

_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str, limit: int | None = None) -> list[str]:
    """The words of ``text``, lowercased; with ``limit``, its first ``limit`` words (the rest
    of the text not read)."""
    if limit is None:
        return _WORD.findall(text.lower())
    return [m.group() for m in islice(_WORD.finditer(text.lower()), limit)]


def _shingles(text: str, n: int = 3, limit: int = 40) -> set[tuple[str, ...]]:
    w = _words(text, limit)
    return {tuple(w[i : i + n]) for i in range(max(1, len(w) - n + 1))} if w else set()


def similarity(a: str, b: str) -> float:
    """Similarity of two provision texts in [0, 1], robust to OCR noise and truncation."""
    if not a or not b:
        return 0.0
    sa, sb = _shingles(a, limit=60), _shingles(b, limit=60)
    if not sa or not sb:
        return 0.0
    jacc = len(sa & sb) / min(len(sa), len(sb))
    if jacc >= 0.5:
        return jacc
    return max(jacc, difflib.SequenceMatcher(None, a[:300].lower(), b[:300].lower()).ratio())


def containment(piece: str, whole: str) -> float:
    """Share of ``piece``'s word trigrams found in ``whole``."""
    sp = _shingles(piece, limit=80)
    if not sp:
        return 0.0
    sw = _shingles(whole, limit=100_000)
    return len(sp & sw) / len(sp)


@dataclass
class Piece:
    """A stretch of one copy's text that belongs to one provision."""

    span: Span
    text: str


@dataclass
class Passage:
    """One provision as it stands in one copy."""

    document: Document
    pieces: list[Piece]
    source: Provision | None  # the copy's own provision object, if it had one

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.pieces if p.text).strip()


@dataclass
class WorkProvision:
    """A provision of a work, with its passages in every copy that holds it."""

    ref: str
    number: str
    kind: str  # "paragraph" | "subitem" | "item" | "article" | "goal" | "target"
    text: str
    parent: str | None
    section: str | None  # section ref
    footnotes: list[str]  # markers called, in the canonical copy
    passages: list[Passage] = field(default_factory=list)
    order: int = 0
    part: str = ""  # "preambular" | "operative" | ""


@dataclass
class Objective:
    key: str  # f"{work_id}:{number}"
    work_id: str
    number: str
    title: str
    spans: list[tuple[Document, Span]] = field(default_factory=list)
    provision: str | None = None  # the provision the objective is stated in (II.8(k))


@dataclass
class SectionInfo:
    ref: str
    title: str
    kind: str
    number: str | None
    parent: str | None
    spans: list[tuple[Document, Span]] = field(default_factory=list)
    order: int = 0


@dataclass
class Work:
    id: str
    documents: list[Document]
    canonical: Document
    symbol: str | None = None
    title: str | None = None
    date: str | None = None
    kind: DocKind = DocKind.UNKNOWN
    types: tuple[str, ...] = ("Work",)
    issuer: str | None = None  # actor id
    organ: str | None = None  # the adopting organ as named: "Human Rights Council"
    organ_actor: str | None = None  # its gazetteer actor id
    session: str | None = None
    agenda_item: str | None = None
    gazetteer_id: str | None = None  # when the work is also a gazetteer instrument
    provisions: dict[str, WorkProvision] = field(default_factory=dict)
    sections: dict[str, SectionInfo] = field(default_factory=dict)
    objectives: dict[str, Objective] = field(default_factory=dict)
    #: the IRI slug of each provision reference, to the reference (:func:`_free_ref`)
    ref_slugs: dict[str, str] = field(default_factory=dict, repr=False)


def document_digest(doc: Document) -> str:
    return digest(doc.text)


# --- grouping copies into works ------------------------------------------------------------------


@dataclass(frozen=True)
class DocSummary:
    """What grouping needs to know of a document, small enough to keep for a whole corpus."""

    key: tuple[str, int]  # (file digest, index of the document in its file)
    digest: str  # SHA-256 prefix of the document's text
    candidate: str | None  # work id from its own symbol or title
    symbol: str | None
    title: str | None
    blocking: frozenset[int]  # hashes of each provision's opening words
    organ: str | None = None  # the adopting organ its text names
    date: str | None = None  # its date (adoption, issue)
    kind: DocKind | None = None  # what the document is (adoption reads it for every work)


def _opening_hash(text: str) -> int:
    w = _words(text, 8)
    return int(digest(" ".join(w))[:12], 16) if len(w) >= 4 else 0


def summarise(doc: Document, key: tuple[str, int], gaz=None) -> DocSummary:
    cid, _ = _candidate_id(doc, gaz)
    hashes = frozenset(h for h in (_opening_hash(p.text) for p in doc.provisions) if h)
    return DocSummary(
        key,
        document_digest(doc),
        cid,
        doc.symbol,
        doc.title,
        hashes,
        doc.organ,
        doc.date,
        doc.kind,
    )


def _candidate_id(doc: Document, gaz) -> tuple[str | None, object | None]:
    """(work id, gazetteer entry) from the document's own symbol or title."""
    entry = None
    if gaz is not None:
        if doc.symbol:
            entry = gaz.instrument_by_symbol(doc.symbol)
        if entry is None and doc.title:
            entry = gaz.instrument_by_title(doc.title)
    if entry is not None:
        return entry.id, entry
    if doc.symbol:
        return slug(doc.symbol), None
    return None, None


def _overlap(a: set, b: set) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


#: A document that prints no symbol (or only one of the two does) is a copy of another only when
#: the two are near-identical: this share of the paragraphs of each is found in the other.
NEAR_IDENTICAL = 0.8
#: Two copies that print one symbol need only share this share of the shorter one's paragraphs
#: (a scanned excerpt holds a part of the text, with OCR noise).
SHARED = 0.3


def _symbol_key(symbol: str | None) -> str | None:
    return re.sub(r"\s+", "", symbol) if symbol else None


def same_work(a: Document, b: Document) -> bool:
    """True when two documents are copies of one text, by their paragraphs.

    Two documents that both print a symbol share their text when at least three paragraphs,
    and three in ten of the shorter one's, are found in the other (an excerpt, an OCR'd scan);
    whether the symbols are the same is :func:`group_works`'s question. When either prints no
    symbol, sharing some paragraphs says little (an organ re-adopts last year's paragraphs; a
    resolution quotes an older one in its annex; two bodies' rules of procedure share rules):
    the two must be near-identical, :data:`NEAR_IDENTICAL` of the paragraphs of each found in
    the other; or, when both bear one title, nearly all of the shorter one's paragraphs found
    in the longer (an excerpt, a compact's objectives and actions published without the rest).
    """
    sa, sb = _symbol_key(a.symbol), _symbol_key(b.symbol)
    fa = {p.ref: _shingles(p.text) for p in a.provisions if p.text}
    fb = {p.ref: _shingles(p.text) for p in b.provisions if p.text}
    small, big = (fa, fb) if len(fa) <= len(fb) else (fb, fa)
    if not small:
        return False
    bigs = [o for o in big.values() if o]
    hits = 0
    for ref, sh in small.items():
        other = big.get(ref)
        if (other and _overlap(sh, other) >= 0.5) or any(_overlap(sh, o) >= 0.7 for o in bigs):
            hits += 1
    if hits < 3:
        return False
    if sa and sb:
        return hits >= SHARED * len(small)
    if a.title and b.title and not _other_title(a.title, b.title):
        # one title: the shorter may be an excerpt, but nearly all of it must be in the other
        return hits >= NEAR_IDENTICAL * len(small)
    return hits >= NEAR_IDENTICAL * len(small) and hits >= NEAR_IDENTICAL * len(big)


def _is_draft(title: str | None) -> bool | None:
    """Whether a title names a draft ("zero draft", "draft resolution"); None without a title."""
    return bool(DRAFT_TITLE.search(title)) if title else None


def _other_title(a: str | None, b: str | None) -> bool:
    """Two titles that name different texts (two protocols sharing final clauses); an OCR'd
    or abridged copy of one title still shares most of its words."""
    if not a or not b:
        return False
    wa, wb = set(_words(a)), set(_words(b))
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) < 0.7


#: An opening shared by more documents than this is boilerplate and says nothing of copies.
BOILERPLATE_OPENINGS = 50


def candidate_pairs(openings: list[frozenset[int]], least: int = 3) -> list[tuple[int, int]]:
    """The pairs ``(i, j)``, ``i < j``, of documents (by index) that share at least ``least``
    paragraph openings, sorted; an opening shared by more than :data:`BOILERPLATE_OPENINGS`
    documents is not counted. Counted by an inverted index, each opening's pairs by
    ``Counter.update`` (in C: a generated 100x corpus shares ~400,000 pairs, bench/notes.md,
    seventh pass), and only the pairs that share enough are sorted."""
    index: dict[int, list[int]] = {}
    for i, hashes in enumerate(openings):
        for h in hashes:
            index.setdefault(h, []).append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for members in index.values():
        if len(members) <= BOILERPLATE_OPENINGS:
            shared.update(combinations(members, 2))  # members ascend: i < j
    return sorted(pair for pair, n in shared.items() if n >= least)


def group_works(
    summaries: list[DocSummary], confirm: Callable[[DocSummary, DocSummary], bool]
) -> dict[str, list[DocSummary]]:
    """Union the documents that are copies of one text and name each group.

    Candidate pairs share at least three paragraph openings (an inverted index, so the cost
    grows with the corpus, not its square); ``confirm`` then compares their texts
    (:func:`same_work`). Documents whose own symbols, dates, adopting organs or titles differ
    are never united, nor are groups that already hold such documents (an organ re-adopts last
    year's paragraphs in this year's resolution: a new document, not a copy); nor is a draft
    with a text that is not one (the zero draft and the adopted Compact are two versions,
    related by :mod:`pactgraph.adoption` and compared by :mod:`pactgraph.versions`). The result
    does not depend on the order of ``summaries``.
    """
    ordered = sorted(summaries, key=lambda s: (s.digest, s.key))
    parent = list(range(len(ordered)))
    # what each group is known to be, kept on its root: a document's own name, symbol,
    # adopting organ, date, title and whether that title names a draft
    named = [s.candidate for s in ordered]
    organs = [s.organ for s in ordered]
    dates = [s.date for s in ordered]
    titles = [s.title for s in ordered]
    drafts = [_is_draft(s.title) for s in ordered]
    symbols = [_symbol_key(s.symbol) for s in ordered]

    def differ(a: object, b: object) -> bool:
        return a is not None and b is not None and a != b and a != "" and b != ""

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def apart(ri: int, rj: int) -> bool:
        """Two groups that hold different documents (or a draft and the text it drafts)."""
        return (
            differ(named[ri], named[rj])
            or differ(organs[ri], organs[rj])
            or differ(symbols[ri], symbols[rj])  # two symbols under one gazetteer entry too
            or differ(dates[ri], dates[rj])
            or differ(drafts[ri], drafts[rj])  # two versions (versions.py), never copies
        )

    def unite(ri: int, rj: int) -> None:
        root, child = min(ri, rj), max(ri, rj)
        parent[child] = root
        for known in (named, organs, dates, titles, drafts, symbols):
            if known[root] in (None, ""):
                known[root] = known[child]

    for i, j in candidate_pairs([s.blocking for s in ordered]):
        ri, rj = find(i), find(j)
        if ri == rj or apart(ri, rj) or _other_title(titles[ri], titles[rj]):
            continue
        if confirm(ordered[i], ordered[j]):
            unite(ri, rj)
    # copies that print the same symbol are one document, whatever their text shares (a
    # corrigendum's Word and PDF copies hold no numbered paragraph at all)
    by_name: dict[str, int] = {}
    for i, symbol in enumerate(symbols):
        if not symbol:
            continue
        ri, rj = find(i), find(by_name.setdefault(symbol, i))
        if ri != rj and not apart(ri, rj):
            unite(ri, rj)
    groups: dict[int, list[DocSummary]] = {}
    for i, s in enumerate(ordered):
        groups.setdefault(find(i), []).append(s)
    out: dict[str, list[DocSummary]] = {}
    for root in sorted(groups, key=lambda r: ordered[r].digest):
        members = groups[root]
        ids = sorted({m.candidate for m in members if m.candidate})
        if ids:
            wid = ids[0]
        else:
            titled = sorted(m.title for m in members if m.title)
            wid = slug(titled[0])[:60] if titled else f"doc-{members[0].digest[:8]}"
        base, k = wid, 2
        while wid in out:
            wid, k = f"{base}-{k}", k + 1
        out[wid] = members
    return out


# --- aligning copies --------------------------------------------------------------------------


def _kind_of(p: Provision) -> str:
    """ "paragraph", "subitem", "item" (an unnumbered list item), "article", "goal", "target"."""
    if p.kind:
        return p.kind
    numbered = p.number.isdigit() or re.fullmatch(r"\d{1,3}\.\d{1,3}", p.number)
    if numbered and (p.parent is None or p.parent.kind == "article"):
        return "paragraph"
    return "item" if p.number.startswith("b") and p.number[1:].isdigit() else "subitem"


def _pieces(p: Provision) -> list[Piece]:
    out: list[Piece] = []
    for b in p.blocks:
        out.append(Piece(b.span, _first_text(b)))
        out.extend(Piece(s, t) for s, t in b.continuations)
    return out


def _first_text(b: Block) -> str:
    """The text of a block's first line only (its continuations are pieces of their own)."""
    text = b.text
    for _, t in b.continuations:
        if t and text.endswith(t):
            text = text[: -len(t)].rstrip()
    return text


def _canonical(docs: list[Document]) -> Document:
    return sorted(docs, key=lambda d: (-len(d.provisions), -len(d.footnotes), document_digest(d)))[
        0
    ]


def _section_ref(p: Provision) -> str | None:
    return p.section.ref if p.section is not None else None


def _free_ref(taken: dict[str, str], ref: str) -> str:
    """``ref``, or ``ref-2``, ``ref-3`` ... when another reference already mints its IRI (IRIs
    are lowercase: a part "III" and a page number "-iii-" read as a heading would be one node)."""
    base, k = ref, 2
    while taken.get(ref_slug(ref), ref) != ref:
        ref, k = f"{base}-{k}", k + 1
    taken[ref_slug(ref)] = ref
    return ref


def _distinct_section_refs(doc: Document) -> None:
    """Give each section of ``doc`` a reference whose IRI is its own (see :func:`_free_ref`)."""
    taken: dict[str, str] = {}
    for sec in doc.sections:
        sec.ref = _free_ref(taken, sec.ref)


def _add_provision(work: Work, p: Provision, ref: str, parent: str | None) -> WorkProvision:
    if ref not in work.provisions:
        ref = _free_ref(work.ref_slugs, ref)
    wp = WorkProvision(
        ref=ref,
        number=p.number,
        kind=_kind_of(p),
        text=p.text,
        parent=parent,
        section=_section_ref(p),
        footnotes=list(p.footnote_calls),
        order=len(work.provisions),
        part=p.part,
    )
    work.provisions[ref] = wp
    return wp


def _align_copy(work: Work, doc: Document) -> None:
    """Give each provision of a non-canonical copy the ref of the matching canonical provision."""
    canon = list(work.provisions.values())
    by_number: dict[tuple[str, str], list[WorkProvision]] = {}
    for wp in canon:
        by_number.setdefault((wp.kind, wp.number), []).append(wp)
    mapped: dict[int, str] = {}  # id(provision) -> work ref

    for p in doc.provisions:
        kind = _kind_of(p)
        first = _first_text(p.blocks[0])
        target: WorkProvision | None = None
        if p.parent is not None and id(p.parent) in mapped:
            guess = f"{mapped[id(p.parent)]}({p.number})"
            target = work.provisions.get(guess)
        if target is None:
            cands = by_number.get((kind, p.number), [])
            scored = sorted(
                ((similarity(first, c.text), c.order, c) for c in cands),
                key=lambda x: (-x[0], x[1]),
            )
            if scored and (scored[0][0] >= 0.45 or (not first and len(cands) == 1)):
                target = scored[0][2]
            elif first:
                best = max(
                    ((containment(first, c.text), -c.order, c) for c in canon),
                    key=lambda x: (x[0], x[1]),
                    default=None,
                )
                if best and best[0] >= 0.6:
                    target = best[2]
        if target is None:
            ref = p.ref if p.ref not in work.provisions else f"{p.ref}@{document_digest(doc)[:6]}"
            target = _add_provision(work, p, ref, mapped.get(id(p.parent)) if p.parent else None)
        mapped[id(p)] = target.ref
        pieces = _pieces(p)
        home: list[Piece] = [pieces[0]]
        for piece in pieces[1:]:
            if not piece.text or containment(piece.text, target.text) >= 0.5:
                home.append(piece)
                continue
            best = max(
                ((containment(piece.text, c.text), -c.order, c) for c in canon),
                key=lambda x: (x[0], x[1]),
                default=None,
            )
            if best and best[0] >= 0.6:
                _attach(best[2], doc, piece)
            else:
                home.append(piece)
        _attach(target, doc, *home, source=p)
    # unnumbered prose of a copy that is really part of a provision (text after a gap)
    for b in doc.blocks:
        if b.kind is not BlockKind.PROSE or not b.text or len(b.text) < 40:
            continue
        best = max(
            ((containment(b.text, c.text), -c.order, c) for c in canon),
            key=lambda x: (x[0], x[1]),
            default=None,
        )
        if best and best[0] >= 0.8:
            b.aligned_to = best[2].ref  # type: ignore[attr-defined]
            _attach(best[2], doc, Piece(b.span, _first_text(b)))
            for s, t in b.continuations:
                _attach(best[2], doc, Piece(s, t))


def _attach(
    wp: WorkProvision, doc: Document, *pieces: Piece, source: Provision | None = None
) -> None:
    for passage in wp.passages:
        if passage.document is doc:
            passage.pieces.extend(pieces)
            passage.pieces.sort(key=lambda x: x.span.start)
            if source is not None and passage.source is None:
                passage.source = source
            return
    wp.passages.append(Passage(doc, sorted(pieces, key=lambda x: x.span.start), source))


# --- objectives ---------------------------------------------------------------------------------


def _collect_objectives(work: Work, cues: Cues) -> None:
    for doc in work.documents:
        for sec in doc.sections:
            if sec.kind == "objective" and sec.number:
                obj = work.objectives.setdefault(
                    sec.number,
                    Objective(f"{work.id}:{sec.number}", work.id, sec.number, sec.title),
                )
                obj.spans.append((doc, sec.block.span))
        # numbered objective lists: "(1) Collect ..." items and "| (17) | Eliminate ... |" rows
        numbered = [
            b
            for b in doc.blocks
            if b.kind in (BlockKind.BULLET, BlockKind.TABLE) and b.marker and b.marker.isdigit()
        ]
        for b in numbered:
            if b.marker in work.objectives:
                work.objectives[b.marker].spans.append((doc, b.span))
    # the elements of a future instrument, listed under a chapeau
    for wp in work.provisions.values():
        if wp.kind == "paragraph" and any(c.search(wp.text) for c in cues.objective_list):
            for child in work.provisions.values():
                if child.parent == wp.ref:
                    obj = Objective(f"{work.id}:{child.ref}", work.id, child.ref, child.text)
                    obj.provision = child.ref
                    for passage in child.passages:
                        obj.spans.extend((passage.document, pc.span) for pc in passage.pieces)
                    work.objectives[child.ref] = obj


# --- the stage ----------------------------------------------------------------------------------


def link_work(wid: str, members: list[Document], *, gaz=None, cues: Cues | None = None) -> Work:
    """One work from its copies: describe it, align the copies, collect its objectives."""
    cues = cues or default_cues()
    canon = _canonical(members)
    work = Work(id=wid, documents=sorted(members, key=document_digest), canonical=canon)
    ordered = [canon] + [d for d in work.documents if d is not canon]
    work.symbol = next((d.symbol for d in ordered if d.symbol), None)
    work.title = next((d.title for d in ordered if d.title), None)
    work.date = next((d.date for d in ordered if d.date), None)
    kinds = {d.kind for d in members} - {DocKind.UNKNOWN}
    by_symbol = cues.symbol_kind(work.symbol) if work.symbol else None
    if not kinds and by_symbol is not None:  # no copy says what it is: its symbol does
        kinds = {by_symbol.kind}
    work.kind = next((k for k in cues.kind_precedence if k in kinds), DocKind.UNKNOWN)
    types: list[str] = []
    for k in cues.kind_precedence:
        if k in kinds:
            types.extend(t for t in KIND_TYPES[k] if t not in types)
    work.types = tuple(types) or ("Work",)
    work.issuer = next((d.issuer for d in ordered if d.issuer), None)
    work.organ = next((d.organ for d in ordered if d.organ), None)
    work.organ_actor = next((d.organ_actor for d in ordered if d.organ_actor), None)
    work.session = next((d.session for d in ordered if d.session), None)
    work.agenda_item = next((d.agenda_item for d in ordered if d.agenda_item), None)
    if work.issuer is None and by_symbol is not None and work.kind is by_symbol.kind:
        work.issuer = by_symbol.issuer
    if gaz is not None:
        entry = None
        if work.symbol:
            entry = gaz.instrument_by_symbol(work.symbol)
        if entry is None and work.title:
            entry = gaz.instrument_by_title(work.title)
        if entry is None and wid in getattr(gaz, "instruments", {}):
            entry = gaz.instrument(wid)
        if entry is not None:
            work.gazetteer_id = entry.id
            work.symbol = work.symbol or entry.symbol
            work.title = work.title or entry.label
            work.date = work.date or entry.date
            if entry.type not in work.types:
                work.types = (*work.types, entry.type)
    for d in members:
        d.work_id = wid
    for d in ordered:
        _distinct_section_refs(d)
    # canonical provisions, then the other copies aligned onto them
    refmap: dict[int, str] = {}
    for p in canon.provisions:
        parent = refmap.get(id(p.parent)) if p.parent is not None else None
        wp = _add_provision(work, p, p.ref, parent)
        refmap[id(p)] = wp.ref
        _attach(wp, canon, *_pieces(p), source=p)
    for d in work.documents:
        if d is not canon:
            _align_copy(work, d)
    for d in ordered:
        for i, sec in enumerate(d.sections):
            info = work.sections.get(sec.ref)
            if info is None:
                info = SectionInfo(
                    ref=sec.ref,
                    title=sec.title,
                    kind=sec.kind,
                    number=sec.number,
                    parent=sec.parent.ref if sec.parent else None,
                    order=i,
                )
                work.sections[sec.ref] = info
            info.spans.append((d, sec.block.span))
    _collect_objectives(work, cues)
    return work
