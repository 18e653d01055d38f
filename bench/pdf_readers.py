"""Measure the PDF libraries pactgraph could read UN PDFs with: speed (pages/s) and whether
they give the text in reading order with the positions and font sizes needed to drop running
headers/footers, page numbers and job numbers.

    .venv/bin/python bench/pdf_readers.py ../shared/un-dev/docx/*.pdf

Prints one line per library: pages, seconds, pages/s, characters, and the share of the Word
copy's paragraphs (the .docx beside each PDF, read with python-docx) found in the PDF text
(first 40 letters of each paragraph, whitespace ignored).
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path


def key(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


def with_pypdfium2(path: Path) -> tuple[int, str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    out = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    return len(pdf), "\n".join(out)


def with_pdfplumber(path: Path) -> tuple[int, str]:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        out = ["\n".join(ln["text"] for ln in p.extract_text_lines()) for p in pdf.pages]
        return len(pdf.pages), "\n".join(out)


def with_pypdf(path: Path) -> tuple[int, str]:
    import pypdf

    r = pypdf.PdfReader(str(path))
    return len(r.pages), "\n".join(p.extract_text() for p in r.pages)


def docx_paragraphs(path: Path) -> list[str]:
    import docx

    d = docx.Document(str(path))
    return [p.text for p in d.paragraphs if len(key(p.text)) >= 20]


def main() -> None:
    pdfs = [Path(p) for p in sys.argv[1:]]
    for name, fn in (
        ("pypdfium2", with_pypdfium2),
        ("pdfplumber", with_pdfplumber),
        ("pypdf", with_pypdf),
    ):
        pages = chars = found = total = 0
        t = time.perf_counter()
        texts = {}
        for p in pdfs:
            n, text = fn(p)
            pages += n
            chars += len(text)
            texts[p] = text
        secs = time.perf_counter() - t
        for p in pdfs:
            flat = key(texts[p])
            paras = docx_paragraphs(p.with_suffix(".docx"))
            total += len(paras)
            found += sum(1 for q in paras if key(q)[:40] in flat)
        print(
            f"{name:11} pages={pages} seconds={secs:.2f} pages_per_s={pages / secs:.1f} "
            f"chars={chars} word_paragraphs_found={found}/{total}"
        )


if __name__ == "__main__":
    main()
