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
from dataclasses import dataclass

from .cues import Cues, default_cues
from .iris import slug
from .model import Block, BlockKind, DocKind, Document, Footnote, Line, Provision, Section, Span

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")
_SUP_RUN = re.compile(f"[{SUPERSCRIPTS}]+")

_DASH = re.compile(r"^\s*-\s+")
_PARA = re.compile(r"^(\d{1,3})\.(?:\s+(\S.*))?$")
_PARA_NO_DOT = re.compile(r"^(\d{1,3})\s+([A-Z].*)$")  # "- 14 With the New York ..."
_SUBITEM = re.compile(r"^\(?([a-z]{1,2}|[ivxl]{1,6})\)\s+(\S.*)$")
_NUM_ITEM = re.compile(r"^\((\d{1,2})\)\s+(\S.*)$")
_BULLET = re.compile(r"^[•❖▪●◦∙·-]\s*(\S.*)$")
_TABLE = re.compile(r"^\|(.*)\|?$")
_FOOTNOTE = re.compile(f"^([{SUPERSCRIPTS}]+)\\s*(\\S.*)$")
_ANNEX = re.compile(r"^(?:annex|appendix)\s+([IVXLC]+|\d{1,2})\b\.?\s*(.*)$", re.I)
_OBJECTIVE = re.compile(r"^objective\s+(\d{1,2})\s*[:.–-]\s*(\S.*)$", re.I)
_ROMAN_SECTION = re.compile(r"^([IVX]{1,5})\.\s+([A-Z].{0,150})$")
_LETTER_SECTION = re.compile(r"^([A-H])\.\s+([A-Z].{0,150})$")
_TERMINAL = (".", "!", "?", ";", ":", "”", '"', "’", ")", "»")
_ROMANS = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii"}
_WE_HEADS = re.compile(r"^We, the Heads of State", re.I)

#: Front matter ends at the first numbered paragraph, "We, the Heads of State ..." or long prose.
LONG_PROSE = 150


@dataclass
class _Line:
    """One classified non-blank line."""

    line: Line
    kind: BlockKind
    marker: str | None
    text: str  # content without its marker
    extra: str | None = None  # heading kind, furniture name


def clean_text(raw: str) -> tuple[str, list[str]]:
    """Text for the graph: superscript calls removed (and returned), emphasis marks, HTML tags,
    LaTeX residue and doubled spaces removed. Returns ``(text, footnote_calls)``."""
    calls = [m.group(0).translate(_SUP_TO_DIGIT) for m in _SUP_RUN.finditer(raw)]
    s = _SUP_RUN.sub("", raw)
    s = re.sub(r"</?[a-zA-Z][^<>]*>", "", s)  # <i>Session 1:</i>; [^<>] keeps it linear
    s = re.sub(r"\$[^$]*\$", " ", s)  # $A_{\text{RES}/71/1}$
    s = re.sub(r"\\[a-zA-Z]+", " ", s)  # \sim
    s = s.replace("\\$", "$").replace("**", "").replace("`", "")
    s = re.sub(r"(?<!\w)\*([^*]+)\*(?!\w)", r"\1", s)  # *Treaty Series*
    s = re.sub(r"\s+", " ", s).strip()
    return s, calls


def _is_heading_text(s: str) -> bool:
    words = s.split()
    return (
        0 < len(s) <= 90
        and not s.endswith((".", ";", ",", ":"))
        and not s[0].islower()
        and len(words) <= 14
        and any(ch.isalpha() for ch in s)
    )


def _classify(lines: list[Line], index: int, cues: Cues, in_body: bool) -> _Line:
    ln = lines[index]
    raw = ln.text.strip()
    furniture = cues.furniture_name(raw)
    if furniture:
        return _Line(ln, BlockKind.DEBRIS, None, raw, furniture)
    if not in_body:
        return _Line(ln, BlockKind.TITLE, None, raw)
    m = _FOOTNOTE.match(raw)
    if m:
        return _Line(ln, BlockKind.FOOTNOTE, m.group(1).translate(_SUP_TO_DIGIT), m.group(2))
    m = _ANNEX.match(raw)
    if m and len(raw) <= 120:
        return _Line(ln, BlockKind.HEADING, m.group(1), m.group(2).strip(), "annex")
    m = _OBJECTIVE.match(raw)
    if m:
        return _Line(ln, BlockKind.HEADING, m.group(1), m.group(2).strip(), "objective")
    if raw.startswith("|"):
        cells = [c.strip() for c in raw.strip("|").split("|")]
        mm = re.fullmatch(r"\((\d{1,2})\)", cells[0]) if cells else None
        if mm and len(cells) > 1:
            return _Line(ln, BlockKind.TABLE, mm.group(1), " ".join(c for c in cells[1:] if c))
        return _Line(ln, BlockKind.TABLE, None, " ".join(c for c in cells if c))
    body = _DASH.sub("", raw)
    dashed = body != raw
    m = _PARA.match(body)
    if m:
        return _Line(ln, BlockKind.PARAGRAPH, m.group(1), m.group(2) or "")
    m = _PARA_NO_DOT.match(body)
    if m and dashed:
        return _Line(ln, BlockKind.PARAGRAPH, m.group(1), m.group(2))
    m = _SUBITEM.match(body)
    if m:
        return _Line(ln, BlockKind.SUBITEM, m.group(1), m.group(2))
    m = _NUM_ITEM.match(body)
    if m:
        return _Line(ln, BlockKind.BULLET, m.group(1), m.group(2))
    m = _BULLET.match(body)
    if m and (dashed or body[0] != "-"):
        return _Line(ln, BlockKind.BULLET, "•", m.group(1))
    if dashed:
        return _Line(ln, BlockKind.BULLET, "•", body)
    m = _ROMAN_SECTION.match(raw)
    if m and not raw.endswith((";", ",")):
        return _Line(ln, BlockKind.HEADING, m.group(1), m.group(2).rstrip("."), "section")
    m = _LETTER_SECTION.match(raw)
    if m and _is_heading_text(m.group(2)):
        return _Line(ln, BlockKind.HEADING, m.group(1), m.group(2), "subsection")
    prev_blank = index == 0 or lines[index - 1].blank
    next_blank = index + 1 >= len(lines) or lines[index + 1].blank
    if _is_heading_text(clean_text(raw)[0]) and prev_blank and next_blank:
        return _Line(ln, BlockKind.HEADING, None, raw, "plain")
    return _Line(ln, BlockKind.PROSE, None, raw)


def _open(block: Block | None) -> bool:
    """True when a content block's text stops mid-sentence."""
    return block is not None and bool(block.text) and not block.text.rstrip("*").endswith(_TERMINAL)


def structure(doc: Document, cues: Cues | None = None) -> Document:
    """Fill ``doc`` with blocks, sections, provisions and footnotes; return it."""
    cues = cues or default_cues()
    src = doc.source
    lines = src.lines[doc.first_line - 1 : doc.last_line]
    blocks: list[Block] = []
    last_content: Block | None = None
    in_body = False
    for i, ln in enumerate(lines):
        if ln.blank:
            continue
        raw = ln.text.strip()
        if not in_body:
            body_like = (
                _WE_HEADS.match(raw)
                or len(raw) > LONG_PROSE
                or _PARA.match(_DASH.sub("", raw))
                or (_PARA_NO_DOT.match(_DASH.sub("", raw)) and raw.startswith("-"))
                or (_ROMAN_SECTION.match(raw) and not raw.endswith((";", ",")))
            )
            in_body = bool(body_like)
        c = _classify(lines, i, cues, in_body)
        span = Span(ln.start, ln.end)
        text, calls = clean_text(c.text)
        if (
            c.kind is BlockKind.PROSE
            and last_content is not None
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
    return doc


# --- sections and provisions -------------------------------------------------------------------

_LEVEL = {"annex": 0, "section": 1, "subsection": 2, "objective": 2, "plain": 3}


def _roman(n: int) -> str:
    vals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out, n = out + s, n - v
    return out


def _build_tree(doc: Document) -> None:
    stack: list[tuple[int, Section]] = []
    annex: str | None = None
    used_refs: set[str] = set()
    last_para: Provision | None = None
    last_item: Provision | None = None
    last_number: dict[str | None, int] = {}
    numbered: dict[str, list[tuple[int, int]]] = {}  # scope -> (number, line) as they come
    prefix: str | None = None  # set when numbering restarts under an unnumbered heading
    bullet_counts: dict[str, int] = {}
    provisions: list[Provision] = []

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
            if hk != "plain":
                prefix = None
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent = current()
            number = b.marker
            if hk == "annex":
                number = _roman(int(number)) if number and number.isdigit() else number
                annex = number
                ref = f"annex-{number}"
            elif hk == "section" or hk == "subsection":
                ref = f"{parent.ref}/{number}" if parent else str(number)
            elif hk == "objective":
                ref = f"objective-{number}"
            else:
                ref = slug(b.text)[:60] or f"h{b.first_line}"
            title = "" if hk == "annex" and not b.text else b.text
            sec = Section(
                ref=unique(ref), title=title, kind=hk, block=b, parent=parent, number=number
            )
            doc.sections.append(sec)
            stack.append((level, sec))
            last_para = last_item = None
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
        sec = current()
        if b.kind is BlockKind.PARAGRAPH:
            n = int(b.marker or 0)
            scope = f"{annex}|{prefix}"
            prev = last_number.get(scope)
            base = f"{annex}.{n}" if annex else str(n)
            if prefix:
                base = f"{prefix}.{n}"
            if prev is not None and n <= prev:
                where = f"line {b.first_line}"
                if sec is not None and sec.kind == "plain" and not _in_scope(sec, annex):
                    prefix = sec.ref
                    scope = f"{annex}|{prefix}"
                    base = f"{sec.ref}.{n}"
                    doc.problems.append(f"numbering restarts at {n} ({where}) under '{sec.title}'")
                else:
                    doc.problems.append(f"paragraph {n} repeated or out of order ({where})")
            last_number[scope] = n
            numbered.setdefault(scope, []).append((n, b.first_line))
            p = make(b, unique(base), str(n), sec, annex, None)
            last_para, last_item = p, None
        elif b.kind is BlockKind.SUBITEM:
            marker = b.marker or "?"
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
            if parent_p is None:
                base = f"{sec.ref}" if sec else "p"
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


# --- title, symbol, date -----------------------------------------------------------------------

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_DATE_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Z][a-z]+),?\s+(\d{4})\b")
_DATE_MDY = re.compile(r"\b([A-Z][a-z]+)\s+(\d{1,2}),\s+(\d{4})\b")
_DATE_NUM = re.compile(r"\bDATE\s+(\d{1,2})/(\d{1,2})/(\d{4})\b", re.I)
_ADOPTED = re.compile(r"adopted by the .+? on (.+)$", re.I)
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to"}


def find_date(text: str) -> str | None:
    """The first date in text, in ISO 8601.

    Reads "19 September 2016", "June 12, 2018" and "DATE 12/6/2018".
    """
    for pat, order in ((_DATE_DMY, "dmy"), (_DATE_MDY, "mdy"), (_DATE_NUM, "num")):
        m = pat.search(text)
        if not m:
            continue
        if order == "dmy":
            d, mon, y = m.group(1), _MONTHS.get(m.group(2).lower()), m.group(3)
        elif order == "mdy":
            mon, d, y = _MONTHS.get(m.group(1).lower()), m.group(2), m.group(3)
        else:
            d, mon, y = m.group(1), int(m.group(2)), m.group(3)
        if mon:
            return f"{int(y):04d}-{int(mon):02d}-{int(d):02d}"
    return None


def title_case(s: str) -> str:
    """Title case for a title printed in capitals; other titles are left as printed."""
    if not s.isupper():
        return s
    words = s.lower().split()
    out = [w if (i and w in _SMALL_WORDS) else w[:1].upper() + w[1:] for i, w in enumerate(words)]
    s = " ".join(out)
    return re.sub(
        r"\((\w+)\)", lambda m: f"({m.group(1).upper()})" if len(m.group(1)) <= 5 else m.group(0), s
    )


def normalise_symbol(raw: str) -> str | None:
    """ "A/RES/71/1", "$A_{\\text{RES}/71/1}$" -> "A/RES/71/1"; anything else -> None."""
    s = re.sub(r"\\text\{([^}]*)\}", r"\1", raw)
    s = s.replace("$", "").replace("{", "").replace("}", "").replace("_", "/").replace(" ", "")
    m = re.fullmatch(r"([AES])/+(RES/)?(\d{1,3})/(\d{1,4})", s)
    if not m:
        return None
    return f"{m.group(1)}/{m.group(2) or ''}{m.group(3)}/{m.group(4)}"


def describe(doc: Document, cues: Cues) -> None:
    """Title, UN symbol and date of ``doc`` from its front matter and page headers."""
    titles = [b for b in doc.blocks if b.kind is BlockKind.TITLE]
    texts = [b.text for b in titles]
    # symbol: the resolution's number line, else a symbol printed as masthead or page header
    for t in texts:
        m = cues.resolution_title.match(t)
        if m:
            doc.symbol = f"A/RES/{m.group('number')}"
            doc.title = m.group("title").strip()
            break
    if doc.symbol is None:
        for b in doc.blocks:
            if b.kind in (BlockKind.TITLE, BlockKind.DEBRIS):
                raw = doc.source.text[b.span.start : b.span.end].strip()
                sym = normalise_symbol(raw)
                if sym:
                    doc.symbol = sym
                    break
    if doc.title is None:
        doc.title = _title_for(doc, titles)
    # date
    for t in texts:
        m = _ADOPTED.search(t)
        if m and find_date(m.group(1)):
            doc.date = find_date(m.group(1))
            break
    if doc.date is None and doc.kind is DocKind.PARLIAMENTARY_REPORT:
        m = _DATE_NUM.search(" ".join(b.text for b in doc.blocks))
        doc.date = find_date(m.group(0)) if m else None
    if doc.date is None and doc.kind is DocKind.LETTER:
        salutation = next((i for i, t in enumerate(texts) if t.startswith("Dear ")), len(texts))
        doc.date = next((find_date(t) for t in reversed(texts[:salutation]) if find_date(t)), None)
    if doc.date is None:
        head = " \n".join(texts[:40])
        first_body = next((b.text for b in doc.blocks if b.kind is not BlockKind.TITLE), "")
        doc.date = find_date(head) if doc.kind is not DocKind.RESOLUTION else None
        if doc.date is None and _WE_HEADS.match(first_body):
            doc.date = find_date(first_body)
        if doc.date is None and doc.kind is DocKind.PARLIAMENTARY_REPORT:
            doc.date = find_date(" ".join(b.text for b in doc.blocks[:80]))


def _title_for(doc: Document, titles: list[Block]) -> str | None:
    texts = [b.text for b in titles]
    kind = doc.kind
    if kind is DocKind.REPORT:
        for i, t in enumerate(texts):
            if re.match(r"(?i)report of the secretary-general$", t) and i:
                # the title is the run of adjoining lines above, however many it wraps over
                start = i - 1
                while start and titles[start - 1].last_line + 1 == titles[start].first_line:
                    start -= 1
                return _joined(titles[start:i])
    if kind is DocKind.COMPACT:
        for i, t in enumerate(texts):
            if re.match(r"(?i)global compact (for|on) ", t):
                draft = next(
                    (x for x in texts[i + 1 : i + 3] if re.match(r"(?i)\w+ draft$", x)), None
                )
                title = title_case(t)
                return f"{title} ({draft.lower()})" if draft else title
    if kind is DocKind.LETTER:
        for i, t in enumerate(texts):
            if t.startswith("Dear "):
                subject = [x for x in texts[:i] if len(x) > 30 and not find_date(x)]
                return subject[-1] if subject else "Letter"
    if kind is DocKind.POSITION_PAPER:
        for i, t in enumerate(texts):
            if re.match(r"(?i)national position$", t):
                words = [t]
                for x in texts[i + 1 : i + 4]:
                    if re.fullmatch(r"[\d\s–-]+", x):
                        break
                    words.append(x)
                return title_case(" ".join(words))
    if kind is DocKind.PARLIAMENTARY_PAPER:
        for t in texts:
            if re.match(r"(?i)papers? laid$", t):
                return title_case(t)
    if kind is DocKind.PARLIAMENTARY_REPORT:
        for i, b in enumerate(titles):
            if re.match(r"(?i)report of the ", b.text):
                end = i + 1
                while end < len(titles) and titles[end].first_line == titles[end - 1].last_line + 1:
                    end += 1
                return title_case(_joined(titles[i:end]))
    return None


def _joined(blocks: list[Block]) -> str:
    """The text of title lines printed one under the other, a word broken at a hyphen rejoined."""
    return re.sub(r"-\s+", "-", " ".join(b.text for b in blocks))
