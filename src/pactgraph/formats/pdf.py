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


def _text(line: _Line, body: float) -> str:
    """The line's words, small raised digits turned into superscripts."""
    out = ""
    base = statistics.median(r.bottom for r in line.runs)
    for r in sorted(line.runs, key=lambda r: r.left):
        t = r.text
        small = r.height < 0.75 * body and r.bottom > base + 1
        if small and t.strip().isdigit():
            t = t.strip().translate(_SUP)
            out = out.rstrip()
        elif out and not out.endswith(" ") and not t.startswith((" ", ",", ".", ";", ":", ")")):
            out += " "
        out += t
    return " ".join(out.split())


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

    recurring = Counter(
        s for h, lines in pages for s in {shape(ln) for ln in lines if in_margin(ln, h)}
    )
    paragraphs: list[str] = []
    dropped = 0
    for h, lines in pages:
        prev: _Line | None = None
        for ln in lines:
            text = _text(ln, body)
            if in_margin(ln, h) and (
                _FURNITURE.match(text) or (ln.page > 0 and recurring[shape(ln)] > 1)
            ):
                dropped += 1
                continue
            first = sorted(ln.runs, key=lambda r: r.left)[0].text.strip()
            new = (
                prev is None
                or prev.bottom - ln.top > 0.6 * body
                or abs(ln.height() - prev.height()) > 1.5
                or bool(_OWN_NUMBER.match(first))
                or ln.left < prev.left - 20
            )
            if ln.height() < 0.85 * body and first.isdigit() and len(first) <= 3 and new:
                text = first.translate(_SUP) + text[len(first) :]  # a footnote's marker
            if new or not paragraphs:
                paragraphs.append(text)
            else:
                joiner = "" if paragraphs[-1].endswith("-") else " "
                paragraphs[-1] = f"{paragraphs[-1]}{joiner}{text}"
            prev = ln
    notes = [f"{dropped} running header, footer, page or job number line(s) left out"]
    return "\n\n".join(paragraphs) + "\n", {}, notes if dropped else []
