"""Stage 3, structure: a :class:`~pactgraph.model.Document` (line range) -> its parts.

Takes a document found by :mod:`pactgraph.segment`; fills in ``blocks`` (every non-blank line in
exactly one :class:`~pactgraph.model.Block`), ``sections`` (parts, annexes/appendices, objective
headings, titled groups), ``provisions`` (numbered paragraphs, lettered and roman sub-items in
every style used: "(a)", "a)", "- a)", "(i)"; unnumbered list items), ``footnotes`` (with the
provision that calls them) and the front-matter description (title, symbol, date).

Citable references: main body "32", sub-item "32(a)", annex paragraph "I.5", annex sub-item
"I.5(a)", "II.8(x)"; nested roman items "5(a)(i)"; list items without numbers "I.b3" (third
bullet under section I). A paragraph broken by a page break, a footnote or page furniture is
joined again when the next text line continues mid-sentence; each piece keeps its own span.
Oddities (numbering that restarts or repeats, gaps, footnotes nobody calls, calls with no
footnote) are recorded in ``Document.problems``, never fatal.
"""

from __future__ import annotations

import re

from ..cues import Cues, default_cues
from ..model import Block, BlockKind, Document, LineRole, Span
from ..wordlists import words
from .front import describe, find_date, normalise_symbol, title_case
from .lines import (
    _DASH,
    _DECIMAL,
    _GOAL,
    _PARA,
    _PARA_NO_DOT,
    _ROMAN_SECTION,
    _WE_HEADS,
    LONG_PROSE,
    ClassifiedLine,
    _classify,
    _open,
    classify_role,
    clean_text,
    contents_lines,
)
from .parts import OPENING, mark_parts, phrases
from .tree import _attach_footnotes, _build_tree
from .unnumbered import mark_unnumbered

_RULE_OR_ARTICLE = re.compile(r"^(?:rule|article)\s+(?:\d{1,3}|[IVXLC]{1,7})$", re.I)
_TERMINAL_MARKS = (".", "!", "?", ";", ":", ",", "”", '"', ")")
_RUN_TOGETHER_HEADING = re.compile(r"^#{1,6}[^#\s]")

__all__ = ["clean_text", "describe", "find_date", "normalise_symbol", "structure", "title_case"]


_FUNCTION_WORDS = words("heading_cannot_end_with")


def _numbered_heading(block: Block) -> bool:
    """A numbered line that is a heading ("1. Objective", "2. Servicing of expert bodies"): a
    few words, no closing punctuation, not ending on a word that needs more."""
    words = block.text.split()
    return (
        block.kind is BlockKind.PARAGRAPH
        and not block.continuations
        and 0 < len(words) <= 8
        and words[-1].lower() not in _FUNCTION_WORDS
        and not block.text.endswith(_TERMINAL_MARKS)
        and block.text[:1].isupper()
    )


def _goal_heads_targets(lines: list, i: int) -> bool:
    """The goal on line ``i`` is followed by its first target ("1.1 By 2040, ..."): the goals
    and targets of a framework have begun, not a title that names a goal."""
    nxt = next((ln.text.strip() for ln in lines[i + 1 :] if not ln.blank), "")
    return bool(_DECIMAL.match(nxt))


def structure(doc: Document, cues: Cues | None = None) -> Document:
    """Fill ``doc`` with blocks, sections, provisions and footnotes; return it."""
    cues = cues or default_cues()
    src = doc.source
    lines = src.lines[doc.first_line - 1 : doc.last_line]
    blocks: list[Block] = []
    last_content: Block | None = None
    in_body = False
    under_goal = False  # the last titled heading was a goal: "4.1 ..." lines are its targets
    contents = contents_lines(lines) if src.fmt != "markdown" else set()
    for i, ln in enumerate(lines):
        raw = ln.text.strip()
        if not raw:  # a blank line (Line.blank), its text stripped once
            continue
        role = src.roles.get(ln.number)
        if role is None and src.fmt == "markdown" and _RUN_TOGETHER_HEADING.match(raw):
            # "####General provision": a heading to its author, a paragraph to CommonMark
            role = LineRole("heading", raw.lstrip("#").strip(), level=raw.count("#"))
        if not in_body and (role is None or role.kind != "heading"):
            body_like = (
                _WE_HEADS.match(raw)
                or len(raw) > LONG_PROSE
                or _PARA.match(_DASH.sub("", raw))
                or (_PARA_NO_DOT.match(_DASH.sub("", raw)) and raw.startswith("-"))
                or (_ROMAN_SECTION.match(raw) and not raw.endswith((";", ",")))
                or (_DECIMAL.match(raw) and raw.endswith("."))
                or _RULE_OR_ARTICLE.match(raw)
                or (_GOAL.match(raw) and _goal_heads_targets(lines, i))
            )
            in_body = bool(body_like)
        if role is not None and role.kind == "continuation" and _PARA.match(raw):
            role = None  # "2. Each State ..." run on under an item: a paragraph all the same
        if ln.number in contents:
            c = ClassifiedLine(ln, BlockKind.TABLE, None, raw)  # a row of the contents table
        elif role is not None:
            c = classify_role(ln, role)
            in_body = (
                in_body
                or role.kind in ("item", "table-row")
                or (c.kind is BlockKind.HEADING and c.extra != "plain")
            )
            if not in_body and c.kind is BlockKind.HEADING:
                c = ClassifiedLine(ln, BlockKind.TITLE, None, c.text)
        else:
            c = _classify(lines, i, cues, in_body)
        if c.kind is BlockKind.HEADING and c.extra not in ("plain", None):
            under_goal = c.extra == "goal"
        m = _DECIMAL.match(raw)
        if under_goal and m and c.kind in (BlockKind.HEADING, BlockKind.PROSE):
            # a target under its goal reads like a heading: "4.1 By 2040, halve the ..."
            c = ClassifiedLine(ln, BlockKind.PARAGRAPH, m.group(1), m.group(2), "decimal")
        span = Span(ln.start, ln.end)
        text, calls = clean_text(c.text)
        if c.extra == "continuation" and blocks:
            # a further line of a paragraph or item, as the format says: never a new block
            target = last_content or blocks[-1]
            target.continuations.append((span, text))
            target.text = f"{target.text} {text}".strip()
            target.footnote_calls.extend(calls)
            continue
        if (
            c.kind is BlockKind.PROSE
            and role is None
            and last_content is not None
            and not (last_content.text.endswith(",") and phrases()[0].match(text))
            and not OPENING.match(text)  # "The General Assembly," opens; it continues nothing
            and not (_numbered_heading(last_content) and text[:1].isupper())
            and (
                _open(last_content)
                or (text[:1].islower())
                or (
                    last_content.kind is BlockKind.PARAGRAPH
                    and text.endswith(":")
                    and not last_content.text.endswith(":")
                )
            )
        ):
            last_content.continuations.append((span, text))
            last_content.text = f"{last_content.text} {text}".strip()
            last_content.footnote_calls.extend(calls)
            continue
        block = Block(
            kind=c.kind,
            first_line=ln.number,
            last_line=ln.number,
            span=span,
            text=text,
            marker=c.marker,
            footnote_calls=calls,
        )
        block.heading_kind = c.extra  # type: ignore[attr-defined]
        blocks.append(block)
        if c.kind in (BlockKind.PARAGRAPH, BlockKind.SUBITEM, BlockKind.BULLET, BlockKind.PROSE):
            last_content = block
        elif c.kind in (BlockKind.HEADING, BlockKind.TITLE):
            last_content = None
    doc.blocks = blocks
    _build_tree(doc)
    _attach_footnotes(doc)
    describe(doc, cues)
    mark_parts(doc)
    mark_unnumbered(doc)
    return doc
