"""Stage 2, segment: a :class:`~pactgraph.model.SourceText` -> the documents inside it.

Takes a decoded file; gives a list of :class:`~pactgraph.model.Document` (line range and kind,
decided from content cues in ``data/documents.yaml``, never from the file name) and the line
ranges that belong to no document (a stray caption before the first document, say), which the
emitter keeps as text blocks of the file so that no line is lost.

A start cue (a UN masthead line, "Report of the Secretary-General", "We, the Heads of State and
Government", "Dear Madam President", "NATIONAL POSITION", "PAPERS LAID" ...) opens a new document
once the current one has a body; the new document then reaches back over the short front-matter
lines just above the cue (title, session, agenda lines), but never over a paragraph or list item.

A page of the Official Records prints the resolutions of a session one after another, each
opening with its number line and the organ's opening ("1985/11. Title" over "The Economic and
Social Council,") and closing with its meeting and date: each such number line opens a document
of its own once the current one has a text, and takes nothing from above it (the lines above are
the previous resolution's closing, or the end of a resolution begun on the page before).
"""

from __future__ import annotations

import re
from itertools import islice

from .cues import Cues, default_cues
from .model import DocKind, Document, SourceText
from .structure.recognise import Conventions, bare, default_conventions

#: Front matter is short lines; a line this long (or a numbered paragraph) is body.
FRONT_MATTER_MAX = 110
_NUMBERED = re.compile(r"^\s*(?:-\s+)?(?:\d{1,3}\.|\(?[a-z]{1,2}\)|\(?[ivx]+\))\s")
_BULLET = re.compile(r"^\s*[-•❖▪●◦]\s+\S")


def _is_body(text: str) -> bool:
    """A numbered paragraph, or a long line that ends as sentences do (a long agenda-item
    title above "Resolution adopted by ..." ends without punctuation: front matter)."""
    s = text.strip()
    long_sentence = len(s) > FRONT_MATTER_MAX and s.endswith((".", ",", ";", ":", "”", '"'))
    return long_sentence or bool(_NUMBERED.match(s))


FOOTNOTE_MARKS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
#: Furniture printed at the foot of a page (see data/documents.yaml).
PAGE_FOOT = frozenset({"page-counter", "job-number", "job-barcode", "recycle"})
#: Lines separated by this many blank lines belong to different blocks of front matter.
GAP = 3
_CLOSING = re.compile(
    r"^(yours (sincerely|faithfully|truly)|sincerely( yours)?|respectfully( yours)?)[,.]?$", re.I
)


def _front_matter_like(text: str, cues: Cues) -> bool:
    """A masthead, title or stamp line, as opposed to a sentence, paragraph or list item."""
    s = text.strip()
    if not s or s[0] in FOOTNOTE_MARKS:
        return False  # a footnote belongs to the page above it
    furniture = cues.furniture_name(s)
    if furniture in PAGE_FOOT:
        return False  # page counters and job numbers close a page; they open no document
    if furniture:
        return True
    sentence = s.endswith((".", "!", "?")) and len(s.split()) >= 6
    return (
        len(s) <= FRONT_MATTER_MAX
        and not sentence
        and not _NUMBERED.match(s)
        and not _BULLET.match(s)
        and any(ch.isalpha() for ch in s)
    )


def _masthead(text: str, cues: Cues) -> bool:
    s = text.strip()
    return bool(
        cues.start_cue(s) or cues.symbol_line.match(s) or any(p.match(s) for p in cues.masthead)
    )


def _reach_back(lines: list, cue_line: int, floor: int, cues: Cues) -> int:
    """First line of the document whose start cue is on ``cue_line``.

    Walks up over blocks of front-matter lines (blocks are separated by ``GAP`` blank lines):
    a block joins when all its lines are front-matter-like and it is not a letter's closing
    ("Yours sincerely," and the signatures under it).
    """
    start = cue_line
    k = cue_line - 1
    while k >= floor:
        block: list[int] = []
        blanks = 0
        while k >= floor:
            prev = lines[k - 1]
            if prev.blank:
                blanks += 1
                if blanks >= GAP and block:
                    break
            else:
                if blanks >= GAP and block:
                    break
                blanks = 0
                block.append(prev.number)
            k -= 1
        if not block:
            break
        texts = [lines[n - 1].text.strip() for n in block]
        closings = [n for n, t in zip(block, texts, strict=True) if _CLOSING.match(t)]
        if closings:
            # a letter's closing and signatures, then (in the same block) the next masthead:
            # the document opens at the first masthead or cue line after the signatures
            after = sorted(n for n in block if n > max(closings))
            opener = next((n for n in after if _masthead(lines[n - 1].text, cues)), None)
            return opener if opener is not None else start
        joined = [n for n, t in zip(block, texts, strict=True) if _front_matter_like(t, cues)]
        if len(joined) != len(block):
            # take the front-matter lines just above the cue, up to the first body line
            for n in block:
                if not _front_matter_like(lines[n - 1].text, cues):
                    return start
                start = n
            return start
        start = block[-1]
    return start


def segment(
    source: SourceText, cues: Cues | None = None
) -> tuple[list[Document], list[tuple[int, int]]]:
    """Find the documents in ``source``; return them and the uncovered line ranges."""
    cues = cues or default_cues()
    conv = default_conventions()
    lines = source.lines
    starts: list[int] = []  # first line number of each document
    has_body = False
    opened = False  # the current document has its organ's opening ("The General Assembly,")
    pre_body = False  # a paragraph stands before the first document's start
    kinds: set[DocKind] = set()  # kinds cued so far in the current document
    for ln in lines:
        raw = ln.text.strip()
        if not raw:  # a blank line (Line.blank), its text stripped once
            continue
        # a new act once the current one is complete (has its opening); the first one opens the
        # file unless the end of an act begun on the page before stands above it
        if (
            (not starts or opened)
            and source.fmt != "markdown"
            and _opens_act(lines, ln.number, conv)
        ):
            starts.append(ln.number if starts or pre_body else _first_text(lines))
            has_body = opened = False
            kinds = {DocKind.RESOLUTION}
            continue
        opened = opened or bool(conv.opening.match(raw))
        pre_body = pre_body or (not starts and _is_body(ln.text))
        cue = cues.start_cue(_words(source, ln))
        if cue is not None and cue.kind is DocKind.UNKNOWN and _heads_paragraphs(lines, ln.number):
            cue = None  # "General Assembly" over paragraphs 80-81 of a declaration: a heading
        if cue is not None and _internal_heading(lines, ln.number, cues):
            cue = None  # "Security Council" / "Annual elections" / "Rule 142": a heading
        if cue is not None and (not starts or has_body) and not (cue.within & kinds):
            start = _reach_back(lines, ln.number, starts[-1] + 1 if starts else 1, cues)
            starts.append(start)
            has_body = opened = False
            kinds = {cue.kind}
            continue
        if cue is not None:
            kinds.add(cue.kind)
        if starts and _is_body(ln.text):
            has_body = True
    if not starts:
        first = next((ln.number for ln in lines if not ln.blank), 1)
        starts = [first]
    # the first document of a file starts at its first non-blank line unless something stray
    # (a caption, a sentence) stands before it: that is kept as an uncovered range
    outside: list[tuple[int, int]] = []
    first_content = next((ln.number for ln in lines if not ln.blank), 1)
    if starts[0] > first_content:
        stray = [ln for ln in lines[first_content - 1 : starts[0] - 1] if not ln.blank]
        if all(_front_matter_like(ln.text, cues) for ln in stray):
            starts[0] = first_content
        elif sum(bool(_NUMBERED.match(ln.text.strip())) for ln in stray) >= 2:
            starts.insert(
                0, first_content
            )  # a text of its own before the first cue, not a stray line
        else:
            outside.append((first_content, stray[-1].number))
    docs: list[Document] = []
    for i, start in enumerate(starts):
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(lines)
        while end > start and lines[end - 1].blank:
            end -= 1
        doc = Document(source=source, first_line=start, last_line=end)
        doc.kind = _kind(doc, cues)
        docs.append(doc)
    return docs, outside


def _first_text(lines: list) -> int:
    return next((ln.number for ln in lines if not ln.blank), 1)


def _opens_act(lines: list, number: int, conv: Conventions) -> bool:
    """Line ``number`` is a resolution's number line with the organ's opening just below."""
    head: list[str] = []
    for ln in islice(lines, number - 1, None):  # no copy of the rest of the file per line
        if not ln.blank:
            head.append(bare(ln.text))
            if len(head) == 1 and not conv.numbers_act(head[0]):
                return False  # what opens_act says first, before the next lines are read
            if len(head) == 4:
                break
    return conv.opens_act(head)


_PROVISION_HEAD = re.compile(r"^(?:rule|article)\s+(?:\d{1,3}|[IVXLC]{1,7})\b", re.I)


def _internal_heading(lines: list, number: int, cues: Cues) -> bool:
    """Line ``number`` stands between a paragraph of running text and, within two lines, the
    next numbered paragraph, rule or article, whose numbering runs on: a heading inside a text
    (rules of procedure list "Report of the Secretary-General" and "Security Council" over their
    rules), not a masthead, which comes with front matter and numbering of its own."""
    before = next((ln for ln in reversed(lines[: number - 1]) if not ln.blank), None)
    if before is None or _front_matter_like(before.text, cues):
        return False
    after = [ln.text.strip() for ln in lines[number:] if not ln.blank][:2]
    heads = [t for t in after if _NUMBERED.match(t) or _PROVISION_HEAD.match(t)]
    # numbering that starts again ("1.", "Rule 1") begins a text of its own
    return bool(heads) and not re.match(r"^(?:(?:rule|article)\s+)?(?:1|I)\b", heads[0], re.I)


def _heads_paragraphs(lines: list, number: int) -> bool:
    """The next non-blank line after line ``number`` is a numbered paragraph: the line heads a
    part of the text it stands in, whatever its words (a masthead is followed by more masthead)."""
    nxt = next((ln for ln in lines[number:] if not ln.blank), None)
    return nxt is not None and bool(_NUMBERED.match(nxt.text.strip()))


def _words(source: SourceText, ln) -> str:
    """A line's words: a Markdown heading's without its "#" marks."""
    role = source.roles.get(ln.number)
    return role.text if role is not None and role.kind == "heading" else ln.text


def _kind(doc: Document, cues: Cues) -> DocKind:
    """The document's kind from the cues in its first lines; sets ``doc.issuer`` from that cue."""
    found: dict[DocKind, str | None] = {}
    for ln in doc.source.lines[doc.first_line - 1 : doc.last_line][:60]:
        cue = cues.start_cue(_words(doc.source, ln))
        if cue is not None and _internal_heading(doc.source.lines, ln.number, cues):
            continue  # a heading inside the text says nothing of the document's kind
        if cue is not None and (cue.kind not in found or found[cue.kind] is None):
            found[cue.kind] = cue.issuer
    kind = next((k for k in cues.kind_precedence if k in found), DocKind.UNKNOWN)
    doc.issuer = found.get(kind) or next((i for i in found.values() if i), None)
    if kind in (DocKind.POSITION_PAPER, DocKind.LETTER, DocKind.PARLIAMENTARY_PAPER):
        doc.issuer = None  # these speak for whoever signs them: found later from the text
    return kind
