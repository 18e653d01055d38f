"""Sections and provisions: the classified blocks of a document -> its tree of citable units.

Takes ``doc.blocks``; gives ``doc.sections``, ``doc.provisions`` and ``doc.footnotes``, and
records numbering oddities (restarts, repeats, gaps, truncation, uncalled footnotes) in
``doc.problems``.
"""

from __future__ import annotations

import re

from ..iris import slug
from ..model import Block, BlockKind, Document, Footnote, Provision, Section
from ..natural import roman_numeral
from .lines import _ROMANS, _TERMINAL, _is_heading_text

_LEVEL = {
    "annex": 0,
    "section": 1,
    "subsection": 2,
    "objective": 2,
    "article": 2,
    "rule": 2,
    "goal": 2,
    "plain": 3,
}
#: Headings that are provisions too: an article (its text is the article's when it has no
#: numbered paragraphs) and a goal (its targets are its items).
PROVISION_HEADINGS = ("article", "rule", "goal")
ARTICLES = ("article", "rule")
#: Headings that introduce an objective's list of actions, not its title (GCM in Markdown).
ACTION_LEADS = {"associated actions", "actions", "actionable commitments"}


def _nearest(sec: Section | None, *kinds: str) -> Section | None:
    while sec is not None and sec.kind not in kinds:
        sec = sec.parent
    return sec


def _numbered_headings(doc: Document) -> None:
    """A numbered line that reads as a heading ("1. Global Forest Financing Facilitation
    Network", no full stop, a few words) where the paragraph numbering has already passed its
    number, and whose run the next numbered paragraph does not continue ("62." follows), heads a
    subsection: it does not restart the paragraphs. Followed by its own next number ("1.
    Servicing of intergovernmental bodies" ... "2. Other substantive activities"), it opens an
    outline of its own and stays a paragraph."""
    numbered = [
        b for b in doc.blocks if b.kind is BlockKind.PARAGRAPH and (b.marker or "").isdigit()
    ]
    prev: int | None = None
    for i, b in enumerate(numbered):
        n = int(b.marker or 0)
        words = b.text.split()
        nxt = int(numbered[i + 1].marker or 0) if i + 1 < len(numbered) else None
        if (
            prev is not None
            and n <= prev
            and nxt != n + 1
            and _is_heading_text(b.text)
            and len(words) <= 12
        ):
            b.kind = BlockKind.HEADING
            b.heading_kind = "plain"  # type: ignore[attr-defined]
            continue
        prev = n


def _build_tree(doc: Document) -> None:
    _numbered_headings(doc)
    stack: list[tuple[int, Section]] = []
    annex: str | None = None
    used_refs: set[str] = set()
    last_para: Provision | None = None
    #: the last numbered paragraph of the body or annex, kept across headings: items "(a)"
    #: after a heading with no paragraph of its own still belong to it (its chapeau)
    last_top: Provision | None = None
    last_item: Provision | None = None
    #: a numbered list (Markdown's "1.", "2.") that a lead-in ending with a colon introduces:
    #: (the provision or section it lists under, the last number) while it runs
    listing: tuple[Provision | Section | None, int, bool] | None = None
    lead_in = False  # the last block of text ended with a colon
    listing_ended = False
    last_number: dict[str | None, int] = {}
    numbered: dict[str, list[tuple[int, int]]] = {}  # scope -> (number, line) as they come
    prefix: str | None = None  # set when numbering restarts under an unnumbered heading
    bullet_counts: dict[str, int] = {}
    runs: dict[str | None, set[str]] = {}  # annex -> part labels already used for restarts
    # the main body's runs never take an annex's number: its paragraphs are cited "I.1"
    runs[None] = {
        roman_numeral(int(b.marker)) if b.marker.isdigit() else b.marker
        for b in doc.blocks
        if b.kind is BlockKind.HEADING and getattr(b, "heading_kind", None) == "annex" and b.marker
    }
    reserved = len(runs[None])
    provisions: list[Provision] = []
    heads: dict[str, Provision] = {}  # section ref of an article or goal -> its provision
    held: tuple[Provision | None, Provision | None] = (None, None)

    def current() -> Section | None:
        return stack[-1][1] if stack else None

    next_suffix: dict[str, int] = {}

    def make(
        b: Block,
        ref: str,
        number: str,
        sec: Section | None,
        annex: str | None,
        parent: Provision | None,
    ) -> Provision:
        """A provision for block ``b``, added to the document (and to its parent's items)."""
        p = Provision(
            ref=ref,
            number=number,
            text=b.text,
            blocks=[b],
            section=sec,
            annex=annex,
            parent=parent,
            footnote_calls=list(b.footnote_calls),
        )
        if parent is not None:
            parent.children.append(p)
        provisions.append(p)
        return p

    def unique(ref: str) -> str:
        """``ref``, or ``ref-2``, ``ref-3`` ... when taken (a counter per base: linear)."""
        base = ref
        k = next_suffix.get(base, 2)
        while ref in used_refs:
            ref, k = f"{base}-{k}", k + 1
        if ref != base:
            next_suffix[base] = k
        used_refs.add(ref)
        return ref

    for b in doc.blocks:
        if (
            b.kind is BlockKind.PARAGRAPH
            and getattr(b, "heading_kind", None) == "list-item"
            and (b.marker or "").isdigit()
        ):
            n = int(b.marker or 0)
            ended = listing is not None and listing_ended
            next_paragraph = last_para is not None and last_para.number == str(n - 1)
            titles = _title_like(b.text)
            # a list of titles that starts again at 1 after numbered paragraphs ("Objectives
            # for safe, orderly and regular migration: 1. Collect and utilize ...") lists what
            # the text sets out, as a lead-in's list does; it does not restart the paragraphs
            listed_titles = titles and n == 1 and any(v >= 1 for v in last_number.values())
            if ((lead_in or listed_titles) and n == 1) or (
                listing is not None
                and n == listing[1] + 1
                and titles == listing[2]
                and not (ended and next_paragraph)
            ):
                # "we will draw from the following actions:" then "1. Establish ...": the items
                # of the lead-in, cited under it ("17(1)", "objective-2(1)"), not paragraphs
                if listing is None:
                    sec = current()
                    under: Provision | Section | None = last_para
                    if under is None:
                        under = _nearest(sec, "objective", "goal") or sec
                    listing = (under, 0, titles)
                under = listing[0]
                base = under.ref if under is not None else "p"
                parent_p = under if isinstance(under, Provision) else None
                make(b, unique(f"{base}({n})"), str(n), current(), annex, parent_p)
                listing, lead_in = (under, n, titles), False
                # the last item of a list ends with a full stop (UN Editorial Manual, lists)
                listing_ended = b.text.rstrip().endswith(".")
                continue
        listing = None
        if b.kind in (BlockKind.PARAGRAPH, BlockKind.SUBITEM, BlockKind.PROSE, BlockKind.BULLET):
            lead_in = b.text.rstrip().endswith(":")
        elif b.kind is not BlockKind.FOOTNOTE:
            lead_in = False
        if b.kind is BlockKind.HEADING:
            hk = getattr(b, "heading_kind", "plain") or "plain"
            level = _LEVEL[hk]
            if hk == "plain" and b.text.isupper():
                level = _LEVEL["section"]  # "IMPLEMENTATION", "SUMMARY OF PROCEEDINGS": a part
            if (
                hk == "plain"
                and doc.sections
                and doc.sections[-1].kind == "annex"
                and not doc.sections[-1].title
                and doc.sections[-1].block is not b
                and not any(p.annex == annex for p in provisions)
            ):
                doc.sections[-1].title = b.text  # "Annex I" on one line, its title on the next
                continue
            if (
                hk == "plain"
                and doc.sections
                and doc.sections[-1].kind == "objective"
                and not doc.sections[-1].title
                and doc.sections[-1].block is not b
                and b.text.lower() not in ACTION_LEADS
            ):
                doc.sections[-1].title = b.text  # "Objective 1", then its title
                continue
            if (
                hk == "plain"
                and doc.sections
                and doc.sections[-1].kind in PROVISION_HEADINGS
                and not doc.sections[-1].title
                and doc.sections[-1].ref in heads
                and not heads[doc.sections[-1].ref].children
            ):
                # "Article I" then "General provision": the article's title
                doc.sections[-1].title = b.text
                head = heads[doc.sections[-1].ref]
                head.blocks.append(b)
                head.text = b.text
                continue
            if hk not in ("plain", "subsection"):
                prefix = None  # a lettered subsection of a part keeps the part's numbering
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent = current()
            number = b.marker
            if hk == "annex":
                number = roman_numeral(int(number)) if number and number.isdigit() else number
                annex = number
                ref = f"annex-{number}"
            elif hk == "section" or hk == "subsection":
                ref = f"{parent.ref}/{number}" if parent else str(number)
            elif hk == "objective":
                ref = f"objective-{number}"
            elif hk in PROVISION_HEADINGS:
                ref = f"{hk}-{number}"
            else:
                ref = slug(b.text)[:60] or f"h{b.first_line}"
            title = "" if hk == "annex" and not b.text else b.text
            sec = Section(
                ref=unique(ref), title=title, kind=hk, block=b, parent=parent, number=number
            )
            doc.sections.append(sec)
            stack.append((level, sec))
            # a list that runs on under a plain subheading ("(g)", a heading, "(h)") is still
            # the list of the paragraph above it
            held = (last_para, last_item) if hk == "plain" and not b.marker else (None, None)
            last_para = last_item = None
            if hk == "plain" and (b.marker or "").isdigit():
                # a numbered heading ("1. Outcomes of the discussions") is a numbered unit of
                # the text all the same, cited under its part ("D.1"); its items are its own
                label = _part_label(parent)
                n = b.marker or ""
                last_para = make(b, unique(f"{label}.{n}" if label else n), n, parent, annex, None)
            if hk in PROVISION_HEADINGS:
                if hk == "goal" and sec.ref != ref and ref in heads:
                    heads[sec.ref] = heads[ref]  # a goal listed again, now with its targets
                else:
                    head = make(b, sec.ref, str(number), sec, annex, None)
                    head.kind = "article" if hk in ARTICLES else hk
                    heads[sec.ref] = head
            continue
        if (
            b.kind in (BlockKind.TITLE, BlockKind.PROSE)
            and doc.sections
            and doc.sections[-1].kind == "annex"
            and not doc.sections[-1].title
            and _is_heading_text(b.text)
            and not any(p.annex == annex for p in provisions)
        ):
            # "Annex I" on one line, its title on the next
            doc.sections[-1].title = b.text
            b.kind = BlockKind.HEADING
            continue
        if (
            b.kind in (BlockKind.TITLE, BlockKind.PROSE)
            and doc.sections
            and doc.sections[-1].kind == "objective"
            and not doc.sections[-1].title
            and doc.sections[-1] is (current() or doc.sections[-1])
            and len(b.text) <= 250
            and not b.text.endswith((",", ";", ":"))
        ):
            # "Objective 1" on one line, its title on the next: "Collect and utilize ..."
            doc.sections[-1].title = b.text
            b.kind = BlockKind.HEADING
            continue
        sec = current()
        art = _nearest(sec, *ARTICLES)
        head = heads.get(art.ref) if art is not None else None
        if (
            b.kind is BlockKind.PROSE
            and head is not None
            and last_para in (None, head)
            and not head.children
        ):
            # a single-paragraph article, or the lead-in of an article's items
            head.blocks.append(b)
            titled = art is not None and head.text in (art.title, head.blocks[0].text)
            head.text = b.text if titled or not head.text else f"{head.text} {b.text}"
            head.footnote_calls.extend(b.footnote_calls)
            last_para, last_item = head, None  # its items are the article's: "article-3(a)"
            continue
        if b.kind is BlockKind.PARAGRAPH and "." in (b.marker or ""):
            # decimal numbering: a target "10.7" under its goal, else a paragraph "25.1"
            goal = _nearest(sec, "goal")
            parent_goal = heads.get(goal.ref) if goal is not None else None
            p = make(b, unique(b.marker or ""), b.marker or "", sec, annex, parent_goal)
            p.kind = "target" if parent_goal is not None else ""
            last_para, last_item = p, None
            continue
        if b.kind is BlockKind.PARAGRAPH and head is not None:
            # paragraph 2 of article 5 is cited "V.2": the article is a part, numbered in roman
            # as a part is ("II.1") and as many treaties number their articles
            part = re.sub(r"\d+", lambda m: roman_numeral(int(m.group(0))), head.number)
            p = make(b, unique(f"{part}.{b.marker}"), b.marker or "", sec, annex, head)
            last_para, last_item = p, None
            continue
        if b.kind is BlockKind.PARAGRAPH and not (b.marker or "0").isdigit():
            # "12 bis": inserted after paragraph 12, cited "12bis" in the same run
            scope = f"{annex}|{prefix}"
            base = f"{prefix or annex}.{b.marker}" if (prefix or annex) else str(b.marker)
            p = make(b, unique(base), b.marker or "", sec, annex, None)
            p.kind = "paragraph"  # a numbered paragraph, though its number is not a number
            last_para, last_item, last_top = p, None, p
            continue
        if b.kind is BlockKind.PARAGRAPH:
            n = int(b.marker or 0)
            scope = f"{annex}|{prefix}"
            prev = last_number.get(scope)
            base = f"{annex}.{n}" if annex else str(n)
            if prefix:
                base = f"{prefix}.{n}"
            if prev is not None and n <= prev:
                where = f"line {b.first_line}"
                label = _restart_label(sec, runs, annex, reserved) if n == 1 else None
                if label is not None:
                    # a new run of numbers: a part ("II", "B") or an annexed text; its
                    # paragraphs are cited "II.1", as annex paragraphs are "I.1"
                    prefix = label
                    scope = f"{annex}|{prefix}"
                    base = f"{annex}.{prefix}.{n}" if annex else f"{prefix}.{n}"
                    title = f" under '{sec.title}'" if sec is not None and sec.title else ""
                    doc.problems.append(f"numbering restarts at {n} ({where}){title}")
                else:
                    doc.problems.append(f"paragraph {n} repeated or out of order ({where})")
            last_number[scope] = n
            numbered.setdefault(scope, []).append((n, b.first_line))
            p = make(b, unique(base), str(n), sec, annex, None)
            last_para, last_item, last_top = p, None, p
        elif b.kind is BlockKind.SUBITEM:
            marker = b.marker or "?"
            if (
                getattr(b, "heading_kind", None) == "dotted"
                and last_item is not None
                and getattr(last_item.blocks[0], "heading_kind", None) != "dotted"
            ):
                # "a." under "(iv)": a list one level down, after which "(v)" goes on; the item
                # it lists under stays the one the next "(x)" follows
                make(b, unique(f"{last_item.ref}({marker})"), marker, sec, annex, last_item)
                continue
            if last_para is None and held[1] is not None and held[1].parent is held[0]:
                h = held[1].number
                if len(h) == 1 and len(marker) == 1 and ord(marker) == ord(h) + 1:
                    last_para, last_item = held
            parent_p: Provision | None = last_para
            prev_m = last_item.number if last_item is not None else None
            next_letter = (
                prev_m is not None
                and len(prev_m) == 1
                and len(marker) == 1
                and ord(marker) == ord(prev_m) + 1
                and last_item is not None
                and last_item.parent is last_para
            )
            is_roman = marker in _ROMANS and not next_letter and marker != "a"
            if next_letter or not is_roman:
                parent_p = last_para
            elif last_item is not None and last_item.parent is last_para:
                # first roman item under a letter item: "(a) ... (i)" nests, "9. ... (i)" does not
                if prev_m not in _ROMANS and marker == "i" and last_para is not None:
                    parent_p = last_item
                else:
                    parent_p = last_para
            elif last_item is not None:
                parent_p = last_item.parent  # further roman items of a nested run
            if parent_p is None and head is not None:
                parent_p = head  # "(a) ..." straight under an article's lead-in
            if (
                parent_p is None
                and last_top is not None
                and last_top.annex == annex
                and _nearest(sec, "objective", "goal") is None
            ):
                parent_p = last_para = last_top
            if parent_p is None:
                owner = _nearest(sec, "objective", "goal") or sec
                base = f"{owner.ref}" if owner else "p"
                ref = unique(f"{base}({marker})")
            else:
                ref = unique(f"{parent_p.ref}({marker})")
            p = make(b, ref, marker, sec, annex, parent_p)
            last_item = p
        elif b.kind is BlockKind.BULLET and b.marker == "•":
            key = sec.ref if sec else "body"
            if last_para is not None and last_para.section is sec:
                k = bullet_counts.get(last_para.ref, 0) + 1
                bullet_counts[last_para.ref] = k
                make(b, unique(f"{last_para.ref}(b{k})"), f"b{k}", sec, annex, last_para)
            else:
                k = bullet_counts.get(key, 0) + 1
                bullet_counts[key] = k
                prefix = sec.number if sec is not None and sec.number else key
                make(b, unique(f"{prefix}.b{k}"), f"b{k}", sec, annex, None)
    doc.provisions = provisions
    for seen in numbered.values():
        _report_gaps(doc, seen)
    _report_truncation(doc)


def _title_like(text: str) -> bool:
    """A title rather than a sentence: a few words and no closing punctuation."""
    return len(text.split()) <= 25 and not text.rstrip("* ").endswith(
        (".", ";", ":", ",", "!", "?")
    )


def _report_gaps(doc: Document, seen: list[tuple[int, int]]) -> None:
    """Numbers missing from one run of numbered paragraphs (a number out of order is not
    missing): "paragraphs 3–6 missing before line 17"."""
    present = {n for n, _ in seen}
    first_line = {}
    for n, line in seen:
        first_line.setdefault(n, line)
    top = max(present)
    n = min(present)
    while n < top:
        if n not in present:
            end = n
            while end + 1 not in present:
                end += 1
            after = first_line[end + 1]
            span = f"paragraph {n}" if n == end else f"paragraphs {n}–{end}"
            doc.problems.append(f"{span} missing before line {after}")
            n = end + 1
        n += 1


def _report_truncation(doc: Document) -> None:
    """A document whose last provision stops mid-sentence was probably cut short."""
    if not doc.provisions:
        return
    last = doc.provisions[-1]
    text = last.text.rstrip("*").rstrip()
    if text and not text.endswith(_TERMINAL):
        line = (last.blocks[-1].continuations or [(last.blocks[-1].span, "")])[-1]
        where = last.blocks[-1].first_line
        if last.blocks[-1].continuations:
            where = _line_of(doc, line[0].start)
        doc.problems.append(
            f"the last provision ({last.ref}, line {where}) stops mid-sentence: "
            "the document may be truncated"
        )


def _line_of(doc: Document, offset: int) -> int:
    for ln in doc.source.lines[doc.first_line - 1 : doc.last_line]:
        if ln.start <= offset <= ln.end:
            return ln.number
    return doc.last_line


def _part_label(sec: Section | None) -> str | None:
    """The number of the nearest lettered or roman part at or above ``sec`` ("D", "VI")."""
    while sec is not None:
        if (
            sec.number
            and sec.kind in ("section", "subsection")
            and re.fullmatch(r"[A-Z]+", sec.number)
        ):
            return sec.number
        sec = sec.parent
    return None


def _restart_label(
    sec: Section | None, runs: dict[str | None, set[str]], annex: str | None, reserved: int = 0
) -> str | None:
    """The part label of a run of paragraphs that starts again at 1: the number of the nearest
    numbered section above it ("II", "B"), else the run's own ordinal in roman ("II" for the
    second run, or the first ordinal not yet used when that label is taken)."""
    used = runs.setdefault(annex, set())
    s = sec
    while s is not None:
        if s.number and s.kind in ("section", "subsection") and re.fullmatch(r"[A-Z]+", s.number):
            label = s.number
            break
        s = s.parent
    else:
        label = roman_numeral(len(used) - (reserved if annex is None else 0) + 2)
    if label in used:
        # the part's label is taken (outputs "1." under "D. Outputs" of each subprogramme, or
        # an annex's number): the run is numbered by its order among the runs
        k = len(used) - (reserved if annex is None else 0) + 2
        while roman_numeral(k) in used:
            k += 1
        label = roman_numeral(k)
    used.add(label)
    return label


def _in_scope(sec: Section, annex: str | None) -> bool:
    s: Section | None = sec
    while s is not None:
        if s.kind in ("annex", "section"):
            return True
        s = s.parent
    return False


def _attach_footnotes(doc: Document) -> None:
    callers: dict[str, str] = {}
    for p in doc.provisions:
        for m in p.footnote_calls:
            callers.setdefault(m, p.ref)
    for b in doc.blocks:
        for m in b.footnote_calls:
            callers.setdefault(m, f"block:{b.first_line}")
    for b in doc.blocks:
        if b.kind is BlockKind.FOOTNOTE and b.marker:
            called = callers.get(b.marker)
            doc.footnotes.append(
                Footnote(
                    marker=b.marker,
                    text=b.text,
                    block=b,
                    called_by=called if called and not called.startswith("block:") else None,
                )
            )
            if called is None:
                doc.problems.append(f"footnote {b.marker} (line {b.first_line}) is never called")
    defined = {f.marker for f in doc.footnotes}
    for m, ref in sorted(callers.items()):
        if m not in defined and not ref.startswith("block:"):
            doc.problems.append(f"paragraph {ref} calls footnote {m}, which the text does not hold")
