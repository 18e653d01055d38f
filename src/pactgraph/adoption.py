"""Which works are adopted and which are drafts (one question of the corpus-wide stage).

Takes: the works of a build (each a list of :class:`~pactgraph.link.DocSummary`, in file order),
a way to load a copy (:class:`~pactgraph.model.Document`) by its key, and the gazetteer.
Gives: one :class:`Adoption` per work that is adopted or a draft, with the reason in words;
:func:`emit_adoption` writes it: ``pg:AdoptedInstrument`` or ``pg:Draft``, ``pg:draftOf``, the
work a draft is a version of naming the draft's expression (``eli:is_realized_by``), and the
reason as ``skos:note``.

The rules follow the UN's drafting conventions, in this order:

1. a copy titled as a draft ("zero draft", "revised draft", "draft resolution") is a **draft**:
   never adopted, whatever else it says; the gazetteer's ``parent`` names the work it drafts;
2. a copy that is a resolution (its masthead "Resolution adopted by the General Assembly on ...",
   or its symbol ``A/RES/``, ``S/RES/``, ``E/RES/``, ``A/HRC/RES/``) is **adopted**;
3. a copy that directly follows, in the same file, an adopted resolution whose operative text
   adopts, endorses or approves a text "contained in the annex" is **adopted** (the annexed
   Global Compact of A/RES/73/195, the Progress Declaration of A/RES/76/266).

Reports, letters, position papers and parliamentary papers are never adopted here: a text only
becomes an instrument's commitment by adoption, which these kinds do not have.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Graph, Literal

from .iris import Minter
from .model import DocKind, Document
from .namespaces import ELI, PG, RDF, SKOS

if TYPE_CHECKING:  # link.py imports this module
    from .link import DocSummary

#: A title that names a draft (UN Editorial Manual: "draft resolution", "zero draft", "Rev.1").
DRAFT_TITLE = re.compile(r"(?i)\b(zero|first|second|third|revised|final)?\s*draft\b")
#: A resolution symbol (UN Editorial Manual, "Document symbols").
RESOLUTION_SYMBOL = re.compile(r"^(A|S|E|A/HRC)/RES/")
#: Operative verbs by which an organ makes the annexed text its own.
ADOPTS_ANNEX = re.compile(
    r"(?i)\b(adopts|endorses|approves|takes note with appreciation of)\b[^.;]*\bannex"
)
NEVER_ADOPTED = frozenset(
    {
        DocKind.REPORT,
        DocKind.LETTER,
        DocKind.POSITION_PAPER,
        DocKind.PARLIAMENTARY_PAPER,
        DocKind.PARLIAMENTARY_REPORT,
    }
)


@dataclass(frozen=True)
class Adoption:
    """``status`` is ``"adopted"`` or ``"draft"``; ``reason`` says why, in words."""

    work_id: str
    status: str
    reason: str
    draft_of: str | None = None


def _is_resolution(doc: Document | DocSummary) -> bool:
    """A resolution by its kind or its symbol (a document or its summary: both carry them)."""
    return doc.kind is DocKind.RESOLUTION or bool(
        doc.symbol and RESOLUTION_SYMBOL.match(doc.symbol)
    )


def _adopts_annex(doc: Document) -> bool:
    return any(ADOPTS_ANNEX.search(p.text) for p in doc.provisions) or bool(
        ADOPTS_ANNEX.search(" ".join(b.text for b in doc.blocks[:60]))
    )


def classify(
    works: Mapping[str, Sequence],
    load: Callable[[tuple[str, int]], Document],
    gaz=None,
) -> dict[str, Adoption]:
    """The adopted works and the drafts among ``works`` (work id -> its copies' summaries)."""
    work_of = {m.key: wid for wid, members in works.items() for m in members}
    out: dict[str, Adoption] = {}
    resolutions: dict[tuple[str, int], bool] = {}  # key -> adopts its annex

    def resolution_adopting_annex(key: tuple[str, int]) -> bool:
        if key not in resolutions:
            doc = load(key)
            resolutions[key] = _is_resolution(doc) and _adopts_annex(doc)
        return resolutions[key]

    for wid in sorted(works):
        members = works[wid]
        if any(m.title and DRAFT_TITLE.search(m.title) for m in members):
            entry = gaz.instruments.get(wid) if gaz is not None else None
            parent = getattr(entry, "parent", None) if entry is not None else None
            out[wid] = Adoption(wid, "draft", "its title names it a draft", parent)
            continue
        # the summaries carry each copy's kind and symbol: no document is unpickled for them
        if any(m.kind in NEVER_ADOPTED for m in members):
            continue
        resolution = next((m for m in members if _is_resolution(m)), None)
        if resolution is not None:
            what = resolution.symbol or "its masthead"
            out[wid] = Adoption(wid, "adopted", f"a resolution ({what})")
            continue
        for m in members:
            before = (m.key[0], m.key[1] - 1)
            if m.key[1] > 0 and before in work_of and resolution_adopting_annex(before):
                host = load(before)
                name = host.symbol or work_of[before]
                out[wid] = Adoption(
                    wid, "adopted", f"annexed to resolution {name}, which adopts or endorses it"
                )
                break
    _parents_by_title(works, out)
    return out


def _title_key(title: str) -> str:
    """A title without its draft words and punctuation, case-folded: the zero draft of "Global
    Compact on Coastal Migration" and the adopted text share this key."""
    bare = DRAFT_TITLE.sub(" ", title)
    return " ".join(re.findall(r"[^\W_]+", bare.casefold()))


def _parents_by_title(works: Mapping[str, Sequence], out: dict[str, Adoption]) -> None:
    """A draft the gazetteer does not place drafts the one other work whose title is the
    draft's title without its draft words ("Zero draft"): a user's own draft and final text."""
    titles: dict[str, set[str]] = {}
    for wid, members in works.items():
        if wid in out and out[wid].status == "draft":
            continue
        for m in members:
            if m.title:
                titles.setdefault(_title_key(m.title), set()).add(wid)
    for wid in sorted(out):
        adoption = out[wid]
        if adoption.status != "draft" or adoption.draft_of:
            continue
        keys = {_title_key(m.title) for m in works[wid] if m.title}
        found = set().union(*(titles.get(k, set()) for k in keys if k))
        if len(found) == 1:
            (parent,) = found
            out[wid] = Adoption(
                wid, "draft", f"{adoption.reason}; it drafts the work of the same title", parent
            )


def emit_adoption(graph: Graph, minter: Minter, adoption: Adoption) -> None:
    """Type the work adopted or draft; a draft's expression also realizes the work it drafts."""
    work = minter.work(adoption.work_id)
    if adoption.status == "adopted":
        graph.add((work, RDF.type, PG.AdoptedInstrument))
        graph.add((work, SKOS.note, Literal(f"adopted: {adoption.reason}", lang="en")))
        return
    graph.add((work, RDF.type, PG.Draft))
    graph.add((work, SKOS.note, Literal(f"draft: {adoption.reason}", lang="en")))
    if adoption.draft_of:
        parent = minter.work(adoption.draft_of)
        graph.add((work, PG.draftOf, parent))
        # FRBR/ELI: the draft's text and the adopted text are two expressions of one work. The
        # draft's expression keeps eli:realizes for its own work node (which holds its
        # provisions; one realized work per expression); the Compact names it from its side.
        graph.add((parent, ELI.is_realized_by, minter.expression(adoption.work_id)))


__all__ = ["Adoption", "classify", "emit_adoption"]
