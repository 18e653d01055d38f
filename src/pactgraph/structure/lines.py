"""Line roles: what each non-blank line of a document is (heading, paragraph, sub-item, ...).

Takes the lines of one document; gives one classified :class:`ClassifiedLine` per line, and the
clean text of a line (superscript footnote calls removed and returned, markup residue removed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from string import ascii_lowercase

from ..cues import Cues
from ..model import Block, BlockKind, Line, LineRole

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")
_SUP_RUN = re.compile(f"[{SUPERSCRIPTS}]+")

_DASH = re.compile(r"^\s*-\s+")
#: "12. Text"; a paragraph inserted after 12 by amendment is "12 bis." (UN Editorial Manual)
_PARA = re.compile(r"^(\d{1,3}(?:\s?(?:bis|ter|quater))?)\.(?:\s+(\S.*))?$")
_PARA_NO_DOT = re.compile(r"^(\d{1,3})\s+([A-Z].*)$")  # "- 14 With the New York ..."
_SUBITEM = re.compile(r'^\(?([a-z]{1,2}|[ivxl]{1,6})\)(?:\s+|(?=[A-Z`"“‘]))(\S.*)$')
_NUM_ITEM = re.compile(r"^\((\d{1,2})\)\s+(\S.*)$")
_BULLET = re.compile(r"^[•❖▪●◦∙·-]\s*(\S.*)$")
_TABLE = re.compile(r"^\|(.*)\|?$")
_FOOTNOTE = re.compile(f"^([{SUPERSCRIPTS}]+)\\s*(\\S.*)$")
_ANNEX = re.compile(r"^(?:annex|appendix)\s+([IVXLC]+|\d{1,2})\b\.?\s*(.*)$", re.I)
_OBJECTIVE = re.compile(r"^objective\s+(\d{1,2})\s*[:.–-]\s*(\S.*)$", re.I)
#: a heading that is only "Objective 1" (its title follows), as in a compact in Markdown
_OBJECTIVE_ALONE = re.compile(r"^objective\s+(\d{1,2})\s*[:.]?$", re.I)
#: "Article 5", "Article I", "ARTICLE 12. Scope", "Article 3 - Use of terms"
_ARTICLE = re.compile(
    r"^(article|rule)\s+(\d{1,3}(?:\s?bis|\s?ter)?|[IVXLC]{1,7})\b\s*[.:–-]?\s*(.*)$", re.I
)
#: "Goal 10. Reduce inequality within and among countries"
_GOAL = re.compile(
    r"^(?:(?:sustainable development|global [a-z]+|[a-z]+ development) )?goal\s+(\d{1,2})\b"
    r"\s*[.:–-]?\s*(.*)$",
    re.I,
)
#: "10.7 Facilitate orderly ...", "10.a Implement ...", "25.1 The Office ..." (decimal numbering)
_DECIMAL = re.compile(r"^(\d{1,3}\.(?:\d{1,3}|[a-z]))\.?\s+(\S.*)$")
#: a lettered or roman list item as Markdown writes it inside a bullet: "a. Elaborate ..."
_LETTERED = re.compile(r"^\(?([a-z]{1,2}|[ivxl]{1,6})[.)]\s+(\S.*)$")
#: the same as a plain line, "a. Elaborate ...": a list of the Security Council's annexes and of
#: compacts converted to text; a list starts at "a." or "i." and goes on letter by letter, so that
#: an OCR'd "l." (for "1.") or an initial is not taken for an item
_LETTER_DOT = re.compile(r'^([a-z]{1,2}|[ivx]{1,6})\.\s+([A-Z"“‘(].*)$')
_ROMAN_ORDER = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii")
_ROMAN_SECTION = re.compile(r"^([IVX]{1,5})(?:\.\s*|\s+)([A-Z].{0,150})$")
_BARE_ROMAN = re.compile(r"^([IVX]{1,5})\.?$")  # a part number alone, its title on the next line
_LETTER_SECTION = re.compile(r"^([A-H])\.\s*([A-Z].{0,150})$")  # "D.Outputs" as converted
_TERMINAL = (".", "!", "?", ";", ":", "”", '"', "’", ")", "»")
_ROMANS = frozenset(_ROMAN_ORDER)
_WE_HEADS = re.compile(r"^We, the Heads of State", re.I)

#: A table of contents: its heading, its column heads, an entry ending in its paragraphs and page
#: ("II. Attendance 2–8 4", "B.UNECE analytical work on transport16–236") or carried over to the
#: next line (UN Editorial Manual, "Contents" of reports)
_CONTENTS = re.compile(r"^(?:table of )?contents(?:\s+(?:paragraphs?|page)\b.*)?$", re.I)
_CONTENTS_HEADS = re.compile(r"^(?:(?:chapter|paragraphs?|page|annex(?:es)?)\s*)+$", re.I)
_ENTRY_END = re.compile(r"(?:\d|[–-])$")

#: Front matter ends at the first numbered paragraph, "We, the Heads of State ..." or long prose.
LONG_PROSE = 150


@dataclass
class ClassifiedLine:
    """One classified non-blank line."""

    line: Line
    kind: BlockKind
    marker: str | None
    text: str  # content without its marker
    extra: str | None = None  # heading kind, furniture name


#: Every character one of :func:`clean_text`'s removals needs: a line holding none of them is
#: only spaced (most lines; issue 16).
_MARKUP = re.compile(f"[{SUPERSCRIPTS}\\[<$\\\\*`]")


def clean_text(raw: str) -> tuple[str, list[str]]:
    """Text for the graph: superscript calls removed (and returned), emphasis marks, HTML tags,
    LaTeX residue and doubled spaces removed. Returns ``(text, footnote_calls)``."""
    if _MARKUP.search(raw) is None:
        return " ".join(raw.split()), []  # what _clean_markup leaves of such a line
    return _clean_markup(raw)


def _clean_markup(raw: str) -> tuple[str, list[str]]:
    """:func:`clean_text` of any line: each removal in turn."""
    calls = [m.group(0).translate(_SUP_TO_DIGIT) for m in _SUP_RUN.finditer(raw)]
    s = _SUP_RUN.sub("", raw)
    s = _LINK.sub(r"\1", s)  # a Markdown link keeps its words
    s = _TAG.sub("", s)  # <i>Session 1:</i>; [^<>] keeps it linear
    s = _LATEX.sub(" ", s)  # $A_{\text{RES}/71/1}$
    s = _LATEX_COMMAND.sub(" ", s)  # \sim
    s = s.replace("\\$", "$").replace("**", "").replace("`", "")
    s = _EMPHASIS.sub(r"\1", s)  # *Treaty Series*
    s = _SPACES.sub(" ", s).strip()
    return s, calls


#: :func:`_clean_markup` 's removals, compiled once (each was looked up in re's cache per line).
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*\)")
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_LATEX = re.compile(r"\$[^$]*\$")
_LATEX_COMMAND = re.compile(r"\\[a-zA-Z]+")
_EMPHASIS = re.compile(r"(?<!\w)\*([^*]+)\*(?!\w)")
_SPACES = re.compile(r"\s+")


def _marker(number: str) -> str:
    """ "12" -> "12", "12 bis" -> "12bis" (cited as the UN prints it, without the space)."""
    return number.replace(" ", "")


def contents_lines(lines: list[Line]) -> set[int]:
    """Line numbers of the rows of a table of contents: after a "Contents" line, every line that
    ends with its paragraph and page numbers, the column heads, the list of annexes, and an
    entry's first line carried over to a row that ends so; the table ends at the first line that
    is none of these."""
    rows: set[int] = set()
    texts = [(ln.number, text) for ln in lines if (text := ln.text.strip())]  # not blank
    i = 0
    while i < len(texts):
        if not _CONTENTS.match(texts[i][1].strip("*# ")):
            i += 1
            continue
        i += 1
        while i < len(texts):
            number, t = texts[i]
            if len(t) > 250:
                break
            if _CONTENTS_HEADS.match(t) or _ENTRY_END.search(t) or _ANNEX.match(t):
                rows.add(number)
            elif _carried_over([x for _, x in texts[i : i + 3]]):
                rows.add(number)  # an entry carried over to the next lines
            else:
                break
            i += 1
    return rows


def _carried_over(texts: list[str]) -> bool:
    """``texts[0]`` begins a contents entry that ends, with its numbers, one or two lines on."""
    for t in texts[1:]:
        if len(t) > 250:
            return False
        if _ENTRY_END.search(t):
            return not any(x.endswith((".", ";", ":")) for x in texts[: texts.index(t)])
    return False


def _is_heading_text(s: str) -> bool:
    words = s.split()
    return (
        0 < len(s) <= 90
        and not s.endswith((".", ";", ",", ":"))
        and not (s[0].islower() and words[0].islower())  # "eTIR concepts" is a heading
        and len(words) <= 14
        and any(ch.isalpha() for ch in s)
    )


def _titled(ln: Line, text: str) -> ClassifiedLine | None:
    """A heading that says what it heads: an annex, objective, article or goal."""
    m = _ANNEX.match(text)
    if m and len(text) <= 120:
        return ClassifiedLine(ln, BlockKind.HEADING, m.group(1), m.group(2).strip(), "annex")
    m = _OBJECTIVE.match(text) or _OBJECTIVE_ALONE.match(text)
    if m:
        title = m.group(2).strip() if m.lastindex and m.lastindex > 1 else ""
        return ClassifiedLine(ln, BlockKind.HEADING, m.group(1), title, "objective")
    m = _ARTICLE.match(text)
    if m and len(text) <= 150 and not text.endswith((";", ",")):
        number = re.sub(r"\s+", "", m.group(2))
        kind = m.group(1).lower()  # "article" | "rule" (of rules of procedure)
        return ClassifiedLine(ln, BlockKind.HEADING, number, m.group(3).strip(), kind)
    m = _GOAL.match(text)
    if m and len(text) <= 150:
        return ClassifiedLine(ln, BlockKind.HEADING, m.group(1), m.group(2).strip(), "goal")
    return None


def classify_role(ln: Line, role: LineRole) -> ClassifiedLine:
    """A line whose format said what it is (a Markdown heading or list item, a Word table row)."""
    text = role.text
    if role.kind == "heading":
        titled = _titled(ln, text)
        if titled is not None:
            return titled
        m = _ROMAN_SECTION.match(text) or _BARE_ROMAN.match(text)
        if m:
            title = m.group(2).rstrip(".") if m.lastindex and m.lastindex > 1 else ""
            return ClassifiedLine(ln, BlockKind.HEADING, m.group(1), title, "section")
        m = _LETTER_SECTION.match(text)
        if m:
            return ClassifiedLine(ln, BlockKind.HEADING, m.group(1), m.group(2), "subsection")
        return ClassifiedLine(ln, BlockKind.HEADING, None, text, "plain")
    if role.kind == "item":
        if role.marker and role.marker.isdigit():
            return ClassifiedLine(ln, BlockKind.PARAGRAPH, role.marker, text, "list-item")
        m = _PARA.match(text)
        if m:
            return ClassifiedLine(ln, BlockKind.PARAGRAPH, _marker(m.group(1)), m.group(2) or "")
        m = _DECIMAL.match(text)
        if m:
            return ClassifiedLine(ln, BlockKind.PARAGRAPH, m.group(1), m.group(2), "decimal")
        m = _LETTERED.match(text)
        if m:
            return ClassifiedLine(ln, BlockKind.SUBITEM, m.group(1), m.group(2))
        return ClassifiedLine(ln, BlockKind.BULLET, "•", text)
    if role.kind == "table-row":
        return ClassifiedLine(ln, BlockKind.TABLE, None, text)
    if role.kind == "rule":
        return ClassifiedLine(ln, BlockKind.DEBRIS, None, ln.text.strip(), "heading-rule")
    return ClassifiedLine(ln, BlockKind.PROSE, None, ln.text.strip(), "continuation")


def _classify(lines: list[Line], index: int, cues: Cues, in_body: bool) -> ClassifiedLine:
    ln = lines[index]
    raw = ln.text.strip()
    furniture = cues.furniture_name(raw)
    if furniture:
        return ClassifiedLine(ln, BlockKind.DEBRIS, None, raw, furniture)
    if not in_body:
        return ClassifiedLine(ln, BlockKind.TITLE, None, raw)
    m = _FOOTNOTE.match(raw)
    if m:
        return ClassifiedLine(
            ln, BlockKind.FOOTNOTE, m.group(1).translate(_SUP_TO_DIGIT), m.group(2)
        )
    m = _ANNEX.match(raw)
    if m and len(raw) <= 120:
        return ClassifiedLine(ln, BlockKind.HEADING, m.group(1), m.group(2).strip(), "annex")
    m = _OBJECTIVE.match(raw)
    if m:
        return ClassifiedLine(ln, BlockKind.HEADING, m.group(1), m.group(2).strip(), "objective")
    m = _ARTICLE.match(raw) or _GOAL.match(raw)
    if m and _is_heading_text(raw):
        return _titled(ln, raw) or ClassifiedLine(ln, BlockKind.PROSE, None, raw)
    if raw.startswith("|") or " | " in raw:
        # a table row: "| a | b |" as Markdown draws it, "a | b | c" as a Word table's row is
        # written out as text
        cells = [c.strip() for c in raw.strip("|").split("|")]
        mm = re.fullmatch(r"\((\d{1,2})\)", cells[0]) if cells else None
        if mm and len(cells) > 1:
            return ClassifiedLine(
                ln, BlockKind.TABLE, mm.group(1), " ".join(c for c in cells[1:] if c)
            )
        return ClassifiedLine(ln, BlockKind.TABLE, None, " ".join(c for c in cells if c))
    body = _DASH.sub("", raw)
    dashed = body != raw
    m = _PARA.match(body)
    if m:
        return ClassifiedLine(ln, BlockKind.PARAGRAPH, _marker(m.group(1)), m.group(2) or "")
    m = _PARA_NO_DOT.match(body)
    if m and dashed:
        return ClassifiedLine(ln, BlockKind.PARAGRAPH, m.group(1), m.group(2))
    m = _DECIMAL.match(body)
    if m and not _is_heading_text(body):
        return ClassifiedLine(ln, BlockKind.PARAGRAPH, m.group(1), m.group(2), "decimal")
    m = _SUBITEM.match(body)
    if m:
        return ClassifiedLine(ln, BlockKind.SUBITEM, m.group(1), m.group(2))
    m = _LETTER_DOT.match(body)
    if m and _starts_or_continues_list(lines, index, m.group(1)):
        return ClassifiedLine(ln, BlockKind.SUBITEM, m.group(1), m.group(2), "dotted")
    m = _NUM_ITEM.match(body)
    if m:
        return ClassifiedLine(ln, BlockKind.BULLET, m.group(1), m.group(2))
    m = _BULLET.match(body)
    if m and (dashed or body[0] != "-"):
        return ClassifiedLine(ln, BlockKind.BULLET, "•", m.group(1))
    if dashed:
        return ClassifiedLine(ln, BlockKind.BULLET, "•", body)
    m = _ROMAN_SECTION.match(raw)
    if m and not raw.endswith((";", ",")):
        return ClassifiedLine(ln, BlockKind.HEADING, m.group(1), m.group(2).rstrip("."), "section")
    m = _BARE_ROMAN.match(raw)
    if m:
        return ClassifiedLine(ln, BlockKind.HEADING, m.group(1), "", "section")
    m = _LETTER_SECTION.match(raw)
    if m and _is_heading_text(m.group(2)):
        return ClassifiedLine(ln, BlockKind.HEADING, m.group(1), m.group(2), "subsection")
    prev_blank = index == 0 or lines[index - 1].blank
    next_blank = index + 1 >= len(lines) or lines[index + 1].blank
    if _is_heading_text(clean_text(raw)[0]) and prev_blank and next_blank:
        return ClassifiedLine(ln, BlockKind.HEADING, None, raw, "plain")
    return ClassifiedLine(ln, BlockKind.PROSE, None, raw)


def _successors(marker: str) -> set[str]:
    """The markers that may follow one: the next letter ("b", "aa" after "z", "bb" after "aa")
    and, for a small roman, the next roman ("iv" after "iii")."""
    after: set[str] = set()
    if marker in _ROMAN_ORDER[:-1]:
        after.add(_ROMAN_ORDER[_ROMAN_ORDER.index(marker) + 1])
    if len(marker) == 1:
        after.add("aa" if marker == "z" else ascii_lowercase[ascii_lowercase.index(marker) + 1])
    elif len(set(marker)) == 1 and marker[0] != "z":  # the UN doubles letters after "z"
        after.add(ascii_lowercase[ascii_lowercase.index(marker[0]) + 1] * 2)
    return after


def _starts_or_continues_list(lines: list[Line], index: int, marker: str) -> bool:
    """A plain "x." line is an item when it is "a." or "i." or follows the item before it."""
    if marker in ("a", "i"):
        return True
    for prev in reversed(lines[:index]):
        if prev.blank:
            continue
        m = _LETTER_DOT.match(_DASH.sub("", prev.text.strip()))
        return bool(m) and marker in _successors(m.group(1))
    return False


def _open(block: Block | None) -> bool:
    """True when a content block's text stops mid-sentence."""
    return block is not None and bool(block.text) and not block.text.rstrip("*").endswith(_TERMINAL)
