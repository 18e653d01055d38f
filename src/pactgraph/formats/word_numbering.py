"""Word's automatic numbering: the number a paragraph shows ("1.", "(a)", "IV.") that is not in
its text.

A paragraph with numbering (``w:numPr``, directly or through its style) shows a number that Word
computes from ``word/numbering.xml`` (ECMA-376 Part 1, §17.9): the paragraph's list (``numId``)
points at an abstract numbering whose level (``ilvl``) gives a start value, a format (decimal,
lower letter, upper roman, bullet ...) and a template (``"%1."``, ``"(%2)"``); each paragraph of a
level counts on from the one before and restarts the levels below it. :class:`Numbering` keeps
those counters over the paragraphs of a document, in order, and gives each numbered paragraph the
text of its number, as Word and the PDF made from it print it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..natural import roman_numeral

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _letters(n: int) -> str:
    """Word's letter numbering: a ... z, then aa ... zz (the letter repeated)."""
    if n < 1:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """``n`` in a ``w:numFmt`` format; an unknown format falls back to decimal, as Word does."""
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return roman_numeral(n).lower()
    if fmt == "upperRoman":
        return roman_numeral(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


@dataclass(frozen=True)
class Level:
    start: int
    fmt: str
    text: str  # the template: "%1.", "(%2)", a bullet character


def _val(el: Any, tag: str) -> str | None:
    child = el.find(f"{_W}{tag}") if el is not None else None
    return child.get(f"{_W}val") if child is not None else None


def _levels(abstract: Any) -> dict[int, Level]:
    levels: dict[int, Level] = {}
    for lvl in abstract.iterfind(f"{_W}lvl"):
        ilvl = int(lvl.get(f"{_W}ilvl", "0"))
        start = _val(lvl, "start")
        levels[ilvl] = Level(
            # the start value is 0 where none is given (ECMA-376 §17.9.25), but lists written
            # without one count from 1 in Word's own rendering
            int(start) if start is not None and start.lstrip("-").isdigit() else 1,
            _val(lvl, "numFmt") or "decimal",
            _val(lvl, "lvlText") or "",
        )
    return levels


@dataclass
class Numbering:
    """The lists of one document and their counters."""

    #: numId -> (abstractNumId, {ilvl: start override})
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    abstracts: dict[str, dict[int, Level]] = field(default_factory=dict)
    #: style id -> (numId, ilvl) for styles that number their paragraphs, and style id -> base
    style_num: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)
    style_base: dict[str, str] = field(default_factory=dict)
    _counts: dict[str, dict[int, int]] = field(default_factory=dict)
    _overridden: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, document: Any) -> Numbering:
        """The numbering of a python-docx ``Document`` (empty when it has none)."""
        numbering = cls()
        part = document.part
        try:
            root = part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            for a in root.iterfind(f"{_W}abstractNum"):
                numbering.abstracts[a.get(f"{_W}abstractNumId", "")] = _levels(a)
            for n in root.iterfind(f"{_W}num"):
                overrides = {}
                for o in n.iterfind(f"{_W}lvlOverride"):
                    start = _val(o, "startOverride")
                    if start is not None and start.isdigit():
                        overrides[int(o.get(f"{_W}ilvl", "0"))] = int(start)
                numbering.nums[n.get(f"{_W}numId", "")] = (
                    _val(n, "abstractNumId") or "",
                    overrides,
                )
        styles = document.styles.element
        for s in styles.iterfind(f"{_W}style"):
            sid = s.get(f"{_W}styleId", "")
            base = _val(s, "basedOn")
            if base:
                numbering.style_base[sid] = base
            ppr = s.find(f"{_W}pPr")
            num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
            if num_pr is not None:
                ilvl = _val(num_pr, "ilvl")
                numbering.style_num[sid] = (
                    _val(num_pr, "numId"),
                    int(ilvl) if ilvl is not None and ilvl.isdigit() else None,
                )
        return numbering

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if style_id in self.style_num:
                return self.style_num[style_id]
            style_id = self.style_base.get(style_id)
        return None, None

    def paragraph(self, p_element: Any) -> tuple[str, str] | None:
        """(number text, format) of the next paragraph in document order, None when it is not
        numbered; counts it. A bullet's "number" is its bullet character."""
        ppr = p_element.find(f"{_W}pPr")
        style_id = _val(ppr, "pStyle")
        num_id, ilvl = self._style_numbering(style_id)
        num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
        if num_pr is not None:
            own_id, own_lvl = _val(num_pr, "numId"), _val(num_pr, "ilvl")
            num_id = own_id if own_id is not None else num_id
            ilvl = int(own_lvl) if own_lvl is not None and own_lvl.isdigit() else ilvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstracts.get(abstract_id, {})
        level = ilvl or 0
        if level not in levels:
            return None
        counts = self._counts.setdefault(abstract_id, {})
        if num_id not in self._overridden and overrides:
            # a list instance that restarts its levels ("startOverride") begins afresh
            self._overridden.add(num_id)
            for lv, start in overrides.items():
                counts[lv] = start - 1
        counts[level] = counts[level] + 1 if level in counts else levels[level].start
        for deeper in [lv for lv in counts if lv > level]:
            del counts[deeper]
        this = levels[level]
        if this.fmt in ("bullet", "none"):
            return (this.text if this.fmt == "bullet" else "", this.fmt)

        def number(m: re.Match[str]) -> str:
            lv = int(m.group(1)) - 1
            at = levels.get(lv)
            if at is None:
                return ""
            return format_number(counts.get(lv, at.start), at.fmt)

        return re.sub(r"%([1-9])", number, this.text).strip(), this.fmt
