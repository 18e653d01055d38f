"""Positions: the "The Global Compact should ..." items of a national position paper."""

from __future__ import annotations

from ..model import BlockKind, Document, Provision
from .actors import dedupe, find_actors, member_states
from .instruments import find_instruments
from .modality import analyse_sentence
from .objectives import match_objectives
from .provisions import summarise
from .records import AnalysisContext, GazetteerLike, ProvisionAnalysis, Statement
from .vocabulary import load_cues


def _heading_of(p: Provision | None) -> str:
    """The titles of the sections a provision stands under (innermost first)."""
    out = []
    s = p.section if p is not None else None
    while s is not None:
        out.append(s.title or "")
        s = s.parent
    return " ".join(out)


def analyse_positions(
    doc: Document, ctx: AnalysisContext, gaz: GazetteerLike, done: dict[str, ProvisionAnalysis]
) -> dict[str, ProvisionAnalysis]:
    by_block = {id(b): p for p in doc.provisions for b in p.blocks}
    out: dict[str, ProvisionAnalysis] = {}
    open_ = False
    n = 0
    for b in doc.blocks:
        if b.kind in (BlockKind.BULLET, BlockKind.SUBITEM):
            if not open_:
                continue
            n += 1
            p = by_block.get(id(b))
            ref = p.ref if p is not None else f"position-{n}"
            text = b.text.strip()
            actors = find_actors(text, gaz)
            # borne by the actor it names, else by the Member States who negotiate the text
            bearers = analyse_sentence(text, actors, ctx, gaz).bearers or [member_states(gaz)]
            found, _ = find_instruments(text, gaz, ctx)
            heading = _heading_of(p)
            objectives = match_objectives(text, ctx.objectives, heading)
            st = Statement(
                index=1,
                text=text,
                start=0,
                end=len(text),
                modality="encouragement",
                bearers=bearers,
                partners=[],
                cites=dedupe(f.ref for f in found),
                objectives=objectives,
                issuer=ctx.issuer,
                is_position=True,
            )
            out[ref] = summarise(ref, [st], objectives[0] if objectives else None)
        elif b.kind in (BlockKind.PROSE, BlockKind.PARAGRAPH):
            open_ = bool(load_cues().position_chapeau.search(b.text.strip()))
        elif b.kind == BlockKind.HEADING:
            open_ = False
    return out
