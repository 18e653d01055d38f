"""PDF: the text of a document in reading order, one paragraph per line, page furniture dropped.

Takes the bytes of a ``.pdf`` file; gives the text read (pypdfium2: PDFium's text runs with their
boxes, chosen by measurement in ``bench/pdf_readers.py``: 56 pages/s against 10 for pypdf and 4
for pdfplumber, the same paragraphs found), no line roles, and notes.

- runs on one baseline make a line; lines make a paragraph until a wider vertical gap, a change
  of font size or a line that opens with its own number ("6.6", "(f)", "12.");
- a running header or footer (in the top or bottom margin, repeated on other pages once its digits
  are ignored), a page number, a job number ("25-03169 (E) 120525") and a barcode ("*2503169*")
  are dropped; the first page's masthead is kept: it belongs to the document;
- small raised digits are footnote calls and become superscripts ("migrants³"), and a footnote at
  the foot of a page opens with its superscript marker, as in the plain-text copies.

Each paragraph is one line of the text read, with a blank line between paragraphs, so spans point
into that text.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from ..errors import InputError
from ..model import LineRole

#: A gap this many times the body text height between two runs of one line separates cells.
CELL_GAP = 2.5
#: A line ending this many body heights short of the right edge ends its paragraph (a title).
SHORT_LINE = 6
#: Share of the page height at its top and bottom where running headers and footers stand.
MARGIN = 0.09
_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_FURNITURE = re.compile(
    r"^(\d{1,4}|\d{1,3}/\d{1,3}|page \d+( of \d+)?|\d{2}-\d{5}\s*\([A-Z]\).*|\*\d{6,8}\*)$", re.I
)
_OWN_NUMBER = re.compile(r"^(\d{1,3}(\.\d{1,3})?\.?|\([a-z]{1,4}\)|[a-z]\))$")


@dataclass
class _Run:
    left: float
    bottom: float
    right: float
    top: float
    text: str

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass
class _Line:
    page: int
    runs: list[_Run]

    @property
    def top(self) -> float:
        return max(r.top for r in self.runs)

    @property
    def bottom(self) -> float:
        return min(r.bottom for r in self.runs)

    @property
    def left(self) -> float:
        return min(r.left for r in self.runs)

    def height(self) -> float:
        return max(r.height for r in self.runs)


def _lines(page_no: int, textpage) -> list[_Line]:
    runs = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top)
        if text.strip():
            runs.append(_Run(left, bottom, right, top, text.replace("\r", " ").replace("\n", " ")))
    lines: list[_Line] = []
    for run in runs:
        mid = (run.top + run.bottom) / 2
        line = lines[-1] if lines else None
        if line is not None and line.bottom - 2 <= mid <= line.top + 2:
            line.runs.append(run)
        else:
            lines.append(_Line(page_no, [run]))
    return lines


def _cells(line: _Line, body: float) -> list[tuple[float, str]]:
    """The line's words as (left edge, text) cells, cut where a wide gap separates them (a
    table row, a masthead); small raised digits turned into superscripts."""
    cells: list[list] = [[line.left, ""]]
    base = statistics.median(r.bottom for r in line.runs)
    prev: _Run | None = None
    for r in sorted(line.runs, key=lambda r: r.left):
        t = r.text
        gap = r.left - prev.right if prev is not None else 0.0
        small = r.height < 0.75 * body and r.bottom > base + 1
        if small and t.strip().isdigit():
            t = t.strip().translate(_SUP)
            cells[-1][1] = cells[-1][1].rstrip()
        elif prev is not None and gap > CELL_GAP * body:
            cells.append([r.left, ""])
        elif cells[-1][1] and cells[-1][1][-1:] != " " and gap > 0.2 * r.height and t[:1] != " ":
            cells[-1][1] += " "
        cells[-1][1] += t
        prev = r
    return [(left, " ".join(c.split())) for left, c in cells if c.strip()]


def _text(line: _Line, body: float) -> str:
    return " ".join(t for _, t in _cells(line, body))


def _opens_with_number(line: _Line, body: float) -> bool:
    """The line opens with its own number ("6.6", "(f)") set off by a tab stop, as a numbered
    paragraph or item does; an "(ii)" that a wrapped sentence happens to start with is not."""
    runs = sorted(line.runs, key=lambda r: r.left)
    if not _OWN_NUMBER.match(runs[0].text.strip()):
        return False
    return len(runs) == 1 or runs[1].left - runs[0].right > 0.5 * body


def _row(cells: list[tuple[float, str]]) -> str:
    return "| " + " | ".join(t for _, t in cells) + " |"


def pdf_text(raw: bytes, name: str) -> tuple[str, dict[int, LineRole], list[str]]:
    """(text, roles, notes) of a PDF's bytes; :class:`InputError` when it cannot be read."""
    try:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(raw)
    except Exception as exc:  # PDFium raises its own PdfiumError for any damaged file
        raise InputError(f"not a readable PDF ({exc})", locator=name) from None
    pages: list[tuple[float, list[_Line]]] = []
    for i in range(len(pdf)):
        page = pdf[i]
        pages.append((page.get_height(), _lines(i, page.get_textpage())))
    if not any(lines for _, lines in pages):
        raise InputError("a PDF with no text layer (a scan needs OCR first)", locator=name)
    heights = [ln.height() for _, lines in pages for ln in lines]
    body = statistics.median(heights) if heights else 10.0

    # running headers/footers: margin lines that recur on other pages, digits ignored
    def shape(ln: _Line) -> str:
        return re.sub(r"\d+", "#", _text(ln, body).lower())

    def in_margin(ln: _Line, h: float) -> bool:
        return ln.bottom > h * (1 - MARGIN) or ln.top < h * MARGIN

    def shapes(ln: _Line) -> set[str]:
        """The line's shape and each of its cells' (a masthead cell recurs as a header)."""
        cells = {re.sub(r"\d+", "#", t.lower()) for _, t in _cells(ln, body)}
        return {shape(ln)} | cells

    recurring = Counter(
        s
        for h, lines in pages
        for s in set().union(*[shapes(ln) for ln in lines if in_margin(ln, h)])
    )
    paragraphs: list[str] = []
    dropped = 0
    for h, lines in pages:
        prev: _Line | None = None
        # the right edge of the text column: most full lines reach it (page furniture aside)
        rights = sorted(max(r.right for r in ln.runs) for ln in lines if not in_margin(ln, h))
        right_edge = rights[int(len(rights) * 0.8)] if rights else 0.0
        row: tuple[int, _Line, list[tuple[float, str]]] | None = None  # last table row
        opened: tuple[int, _Line] | None = None  # a paragraph of one line, just opened
        for ln in lines:
            cells = _cells(ln, body)
            text = " ".join(t for _, t in cells)
            if in_margin(ln, h) and (
                _FURNITURE.match(text) or (ln.page > 0 and recurring[shape(ln)] > 1)
            ):
                dropped += 1
                continue
            if len(cells) > 1 and ln.page == 0 and ln.bottom > h * 0.75:
                paragraphs.extend(t for _, t in cells)  # the masthead: organ, symbol, date
                prev = row = opened = None
                continue
            if len(cells) > 1:
                if (
                    opened is not None
                    and opened[0] == len(paragraphs) - 1
                    and opened[1].bottom - ln.top < 0.8 * max(body, opened[1].height())
                    and opened[1].left <= cells[0][0] + 3
                    and max(r.right for r in opened[1].runs) < cells[1][0]
                ):
                    # the first line of a row whose first cell wraps: "1. Reports to ..."
                    paragraphs.pop()
                    cells[0] = (cells[0][0], f"{_text(opened[1], body)} {cells[0][1]}")
                paragraphs.append(_row(cells))
                row, prev, opened = (len(paragraphs) - 1, ln, cells), None, None
                continue
            if row is not None and row[0] == len(paragraphs) - 1:
                index, above, rcells = row
                if above.bottom - ln.top < 0.6 * body and ln.left >= rcells[0][0] - 2:
                    # a cell's text wrapped onto the next line: it stays in its cell
                    k = max(i for i, (left, _) in enumerate(rcells) if left <= ln.left + 2)
                    rcells[k] = (rcells[k][0], f"{rcells[k][1]} {text}")
                    paragraphs[index] = _row(rcells)
                    row = (index, ln, rcells)
                    continue
            row = None
            first = sorted(ln.runs, key=lambda r: r.left)[0].text.strip()
            new = (
                prev is None
                or prev.bottom - ln.top > 0.6 * body
                or abs(ln.height() - prev.height()) > 1.5
                or _opens_with_number(ln, body)
                or ln.left < prev.left - 20
                or max(r.right for r in prev.runs) < right_edge - SHORT_LINE * body
            )
            if ln.height() < 0.85 * body and first.isdigit() and len(first) <= 3 and new:
                text = first.translate(_SUP) + text[len(first) :]  # a footnote's marker
            if new or not paragraphs:
                paragraphs.append(text)
                opened = (len(paragraphs) - 1, ln)
            else:
                joiner = "" if paragraphs[-1].endswith("-") else " "
                paragraphs[-1] = f"{paragraphs[-1]}{joiner}{text}"
                opened = None
            prev = ln
    notes = [f"{dropped} running header, footer, page or job number line(s) left out"]
    return "\n\n".join(paragraphs) + "\n", {}, notes if dropped else []
