"""Preambular and operative parts of a resolution or decision.

Takes a structured :class:`~pactgraph.model.Document`; marks its parts by the UN's drafting
convention (``data/un_phrases.yaml``): after the organ's opening ("The General Assembly,"), each
unnumbered paragraph that opens with a preambular participle or adjective ("Recalling",
"Deeply concerned") is a preambular paragraph, a provision of its own cited "pp1", "pp2" ...; the
numbered paragraphs of the main body that follow are operative (``Provision.part``).
Annexed texts (a declaration, a programme of action) are not the resolution's own parts.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from ..datafiles import read_mapping
from ..errors import DataFileError
from ..model import BlockKind, Document, Provision

DATA = Path(__file__).resolve().parent.parent / "data" / "un_phrases.yaml"
#: "The General Assembly,", "The Human Rights Council,", "The Economic and Social Council," (an
#: old scan often reads the comma as a full stop)
OPENING = re.compile(r"^The [A-Z][A-Za-z-]*(?: (?:[A-Z][A-Za-z-]*|and|of|on|for|the))*\s*[,.]$")


@functools.cache
def phrases() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(preambular opening, operative opening) patterns from the data file."""
    data = read_mapping(DATA)
    try:
        pre = sorted(map(str, data["preambular"]), key=len, reverse=True)
        op = sorted(map(str, data["operative"]), key=len, reverse=True)
    except (KeyError, TypeError) as exc:
        raise DataFileError(f"missing list {exc}", locator=str(DATA)) from None
    alt = "|".join(re.escape(p) for p in pre)
    return re.compile(rf"^(?:{alt})\b"), re.compile(rf"^(?:{'|'.join(map(re.escape, op))})\b")


def mark_parts(doc: Document) -> None:
    """Add the preambular paragraphs as provisions and mark the operative ones."""
    preambular, _ = phrases()
    opened = False
    first_numbered = next(
        (p.blocks[0].first_line for p in doc.provisions if p.parent is None and not p.kind),
        None,
    )
    pps: list[Provision] = []
    for b in doc.blocks:
        if first_numbered is not None and b.first_line >= first_numbered:
            break
        if b.kind in (BlockKind.HEADING,) and getattr(b, "heading_kind", None) == "annex":
            break
        if b.kind not in (BlockKind.TITLE, BlockKind.PROSE):
            continue
        if OPENING.match(b.text):
            opened = True
            continue
        if opened and preambular.match(b.text):
            n = len(pps) + 1
            b.kind = BlockKind.PARAGRAPH  # a paragraph of the resolution, not front matter
            p = Provision(
                ref=f"pp{n}",
                number=f"pp{n}",
                text=b.text,
                blocks=[b],
                footnote_calls=list(b.footnote_calls),
                kind="preambular",
                part="preambular",
            )
            pps.append(p)
    if not opened:
        return
    for p in doc.provisions:
        if p.parent is None and p.annex is None and p.kind in ("", "paragraph"):
            p.part = "operative"
    doc.provisions = pps + doc.provisions
