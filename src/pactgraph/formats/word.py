"""Word (.docx): the text of a document as its paragraphs and tables, with their roles.

Takes the bytes of a ``.docx`` file; gives the text read (python-docx) and ``{line: LineRole}``:

- the first page's header first (a UN document's masthead: symbol, organ, date), then every
  paragraph and table of the body in order, one block per paragraph, a blank line between blocks;
- a paragraph whose style is a heading style (Word's "Heading 1", the UN templates' "_ H_1",
  "_ H _Ch", "Title_H_CH") is a heading of that level; a paragraph with Word's automatic
  numbering (``numPr``, its own or its style's) is given the number Word shows for it ("1.",
  "(a)", "A.": :mod:`.word_numbering`) in front of its text, so that it reads as the PDF made from
  it prints it; a bulleted one is a list item, its depth from ``ilvl``;
- a table row is one line, its cells joined by " | " (a merged cell once), role ``table-row``;
- tabs become one space: UN templates set numbers off by tabs ("\\t6.1\\tThe Office ...").

Running page headers and footers other than the first page's are not read: they repeat.
"""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import InputError
from ..model import LineRole
from .word_numbering import Numbering

#: Heading styles: Word's own ("Heading 2", "Title") and the UN templates' ("_ H_1", "_ H _Ch",
#: "_ H_2/3", "Title_H_CH", "Agenda_Title_H2"); the first digit in the name is the level.
_HEADING_STYLE = re.compile(r"(?i)^(heading|title|agenda_title|_\s*h[\s_])")


def _cells(table) -> list[str]:
    rows: list[str] = []
    for r in table.rows:
        cells: list[str] = []
        for c in r.cells:
            ct = " ".join(c.text.split())
            if ct and ct not in cells:
                cells.append(ct)
        if cells:
            rows.append(" | ".join(cells))
    return rows


def _heading_level(style_name: str) -> int:
    if not _HEADING_STYLE.match(style_name.strip()):
        return 0
    m = re.search(r"\d", style_name)
    return int(m.group(0)) if m else 1


def docx_text(raw: bytes, name: str) -> tuple[str, dict[int, LineRole]]:
    """(text, roles) of a .docx file's bytes; :class:`InputError` when it is not one."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        d = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(f"not a readable Word document ({exc})", locator=name) from None
    blocks: list[list[tuple[str, LineRole | None]]] = []
    if d.sections:
        header = d.sections[0].first_page_header
        seen: set[str] = set()
        for t in header.tables:  # a layout table: each cell's lines are masthead lines
            for r in t.rows:
                for c in r.cells:
                    for line in c.text.split("\n"):
                        line = " ".join(line.split())
                        if line and line not in seen:
                            seen.add(line)
                            blocks.append([(line, None)])
        for p in header.paragraphs:
            text = " ".join(p.text.split())
            if text:
                blocks.append([(text, None)])
    numbering = Numbering.of(d)
    for el in d.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(el, d)
            number = numbering.paragraph(el)  # an empty numbered paragraph still counts
            text = " ".join(p.text.replace("\t", " ").split())
            if not text:
                continue
            role: LineRole | None = None
            level = _heading_level(p.style.name if p.style is not None else "")
            bullet = number is not None and (number[1] == "bullet" or not number[0])
            if number is not None and not bullet:
                text = f"{number[0]} {text}"
            if level:
                role = LineRole("heading", text, level=level)
            elif bullet:
                ppr = el.pPr
                ilvl = ppr.numPr.ilvl if ppr is not None and ppr.numPr is not None else None
                depth = (int(ilvl.val) if ilvl is not None and ilvl.val is not None else 0) + 1
                role = LineRole("item", text, level=depth, marker="•")
            blocks.append([(text, role)])
        elif tag == "tbl":
            rows = _cells(Table(el, d))
            if rows:
                blocks.append([(r, LineRole("table-row", r)) for r in rows])
    lines: list[str] = []
    roles: dict[int, LineRole] = {}
    for block in blocks:
        if lines:
            lines.append("")
        for text, role in block:
            lines.append(text)
            if role is not None:
                roles[len(lines)] = role
    return "\n".join(lines) + "\n", roles
