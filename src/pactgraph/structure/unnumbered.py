"""Unnumbered paragraphs: the prose of a text, or of a part of it, that numbers nothing.

Takes a structured :class:`~pactgraph.model.Document` (numbered paragraphs, sub-items and
preambular paragraphs already found); adds a provision for each paragraph of prose in a section
that has no numbered paragraph of its own: a presidential statement, a position paper, a
declaration or compact published without numbers, the prose sections of a report. Such a
paragraph is cited by its section and its order, as its bullets are: the third paragraph of
section V is "V.p3", of a section without a number its slug ("remittances.p1"), of a text without
sections "body.p2".

Prose in a section that numbers its paragraphs is not a provision of its own: there it is a lead-in
("To realize this commitment, we will draw from the following actions:"), a quotation or a
continuation of the numbered paragraph above it, and stays a block of the text.
"""

from __future__ import annotations

import re

from ..model import BlockKind, DocKind, Document, Provision, Section
from .parts import OPENING, phrases
from .tree import _nearest

#: a letter's closing and the signatures run into it: "Yours sincerely, Ms. ..." (not a paragraph)
_CLOSING = re.compile(
    r"^(?:yours (?:sincerely|faithfully|truly)|sincerely yours|respectfully)\b", re.I
)
#: a preambular paragraph ends with its comma (or semicolon), a footnote number after it
_PREAMBULAR_END = re.compile(r"[,;][\"”’')\]]*\d{0,3}$")
_ENDS = re.compile(r"[.;:!?,][\"”’')\]]*\d{0,3}$")
MIN_WORDS = 6
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})?(?:\s?(?:bis|ter|quater))?")


def _is_paragraph(text: str) -> bool:
    """A sentence of prose: opens as a sentence does and has the words of one."""
    words = text.split()
    if len(words) < MIN_WORDS or _CLOSING.match(text):
        return False
    if OPENING.match(text.lstrip('“"')):
        return False  # "The General Assembly,": the organ's opening, not a paragraph
    first = text.lstrip("“\"‘'(*")[:1]
    if not (first.isupper() or first.isdigit()):
        return False  # a lower-case start continues the text above it
    # a sentence ends with its stop, a preambular paragraph with its comma (a quotation's close
    # or a footnote number may follow); a line without one is a title ("Report of the
    # Secretary-General on ...") in a list of documents
    return _ENDS.search(text.rstrip("* ")) is not None


def _numbered_sections(doc: Document, by_heading: dict[int, Section]) -> set[int]:
    """ids of the sections (0 for none) that hold a numbered or preambular paragraph (not only
    sub-items: the actions under an objective leave its commitment unnumbered)."""
    out: set[int] = set()
    for p in doc.provisions:
        headed = by_heading.get(id(p.blocks[0])) if p.blocks else None
        if headed is not None:
            out.add(id(headed))  # "1. Objective": a numbered heading, the prose under it its text
        numbered = p.kind in ("paragraph", "preambular") or (
            not p.kind and _NUMBER.fullmatch(p.number) is not None and "(" not in p.ref
        )  # "objective-2(1)": an item of a numbered list, not a paragraph
        if p.parent is None and numbered:
            out.add(id(p.section) if p.section is not None else 0)
    return out


#: Kinds of text whose content is numbered (paragraphs, articles, targets): prose there is a
#: table's, a figure's or a note's, and differs between a Word file and the PDF made from it.
NUMBERED_KINDS = frozenset({DocKind.REPORT, DocKind.TREATY, DocKind.FRAMEWORK})


def mark_unnumbered(doc: Document) -> None:
    """Add the unnumbered paragraphs of the sections that number none as provisions."""
    if doc.kind in NUMBERED_KINDS:
        return
    by_heading = {id(s.block): s for s in doc.sections}
    numbered = _numbered_sections(doc, by_heading)
    # a resolution's one operative paragraph may go unnumbered ("Endorses the Declaration ...")
    resolution = doc.kind in (DocKind.RESOLUTION, DocKind.DECISION)
    taken = {p.ref for p in doc.provisions}
    counts: dict[str, int] = {}
    sec: Section | None = None
    added: list[Provision] = []
    for b in doc.blocks:
        if b.kind is BlockKind.HEADING:
            sec = by_heading.get(id(b), sec)
            continue
        if b.kind is not BlockKind.PROSE or not _is_paragraph(b.text):
            continue
        if (id(sec) if sec is not None else 0) in numbered:
            continue
        if sec is None:
            key = "body"
        elif sec.number and sec.kind in ("section", "subsection"):
            key = sec.number  # "V.p3", as the section's bullets are "V.b3"
        else:
            key = sec.ref  # "objective-1.p1", "remittances.p2", "annex-I.p1"
        k = counts.get(key, 0) + 1
        while f"{key}.p{k}" in taken:
            k += 1
        counts[key] = k
        ref = f"{key}.p{k}"
        annex = _nearest(sec, "annex")
        annex_of = annex.number if annex is not None else None
        taken.add(ref)
        b.kind = BlockKind.PARAGRAPH  # a paragraph of the text, as a preambular one is
        added.append(
            Provision(
                ref=ref,
                number=f"p{k}",
                text=b.text,
                blocks=[b],
                section=sec,
                annex=annex_of,
                footnote_calls=list(b.footnote_calls),
                kind="unnumbered",
                part=_part(b.text, resolution and annex_of is None),
            )
        )
    if added:
        doc.provisions = _merged(doc.provisions, added)


def _part(text: str, own_text: bool) -> str:
    """The part of a resolution an unnumbered paragraph of its own text is in, by its opening
    words: "Recalling ...," is preambular, "Endorses ..." operative (``data/un_phrases.yaml``);
    an annexed text's paragraphs are not the resolution's parts."""
    if not own_text:
        return ""
    preambular, operative = phrases()
    if preambular.match(text) and _PREAMBULAR_END.search(text.rstrip("* ")):
        return "preambular"
    return "operative" if operative.match(text) else ""


def _merged(provisions: list[Provision], added: list[Provision]) -> list[Provision]:
    """``added`` placed among ``provisions`` by where they start in the text, the order of
    each list kept."""
    out: list[Provision] = []
    i = 0
    for p in provisions:
        while i < len(added) and added[i].blocks[0].first_line < p.blocks[0].first_line:
            out.append(added[i])
            i += 1
        out.append(p)
    out.extend(added[i:])
    return out
