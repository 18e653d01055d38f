"""Documents: the context a document gives its provisions, and all of them analysed."""

from __future__ import annotations

import dataclasses

from ..iris import slug
from ..model import Document
from .actors import canonical, entry_ref, member_states
from .instruments import lookup
from .positions import analyse_positions
from .provisions import analyse_provision
from .records import AnalysisContext, EntityRef, GazetteerLike, ProvisionAnalysis
from .vocabulary import load_patterns

#: Document kinds whose speaker is not an organ: their "we" and "I" are their own.
_OWN_VOICE = frozenset({"report", "position-paper", "letter", "parliamentary-report"})
#: How far into a document its opening is looked for (characters).
_OPENING = 4000


def context_for(
    doc: Document,
    gaz: GazetteerLike,
    *,
    work_id: str | None = None,
    objectives: dict[str, str] | None = None,
) -> AnalysisContext:
    """The context of a structured document, as far as the document itself tells.

    ``work_id``: the link stage's answer, else ``doc.work_id``, the gazetteer instrument of its
    symbol or title, else a slug of them. Self-references are the work and what
    :func:`own_ids` adds (the work it drafts, its own parts). The issuer is
    ``doc.issuer``, or for a position paper the first State it names. ``objectives`` defaults
    to the document's own "OBJECTIVE n" sections.
    """
    wid = work_id or doc.work_id
    if not wid:
        hit = gaz.instrument_by_symbol(doc.symbol) if doc.symbol else None
        if hit is None and doc.title:
            finder = getattr(gaz, "instrument_by_title", None)
            hit = finder(doc.title) if finder else None
        fallback = doc.symbol or doc.title or f"{doc.source.name}-{doc.first_line}"
        wid = str(hit.id) if hit is not None else slug(fallback)
    ids = frozenset({wid})
    issuer = None
    if doc.issuer:
        a = lookup(gaz.actor, doc.issuer)
        issuer = entry_ref(a) if a is not None else None
    if issuer is None and str(doc.kind) == "position-paper":
        states = gaz.find_states(doc.text[:2000]) or []
        issuer = entry_ref(states[0].entry) if states else None
    own = {f"{wid}:{s.number}": s.title for s in doc.sections if s.kind == "objective" and s.number}
    return AnalysisContext(
        work_id=wid,
        doc_kind=str(doc.kind),
        issuer=issuer,
        self_ids=frozenset(ids),
        objectives=objectives if objectives is not None else own,
        footnotes={f.marker: f.text for f in doc.footnotes},
    )


def analyse_document(
    doc: Document, ctx: AnalysisContext, gaz: GazetteerLike
) -> dict[str, ProvisionAnalysis]:
    """Every provision of ``doc`` analysed, keyed by ref, in document order.

    In a position paper, each bullet under "The Global Compact should ..." becomes a position
    (``is_position``, modality encouragement, linked to the objectives it asks for), keyed by
    the ref of the provision holding it or ``"position-<n>"``.
    """
    ctx = situate(doc, ctx, gaz)
    memo: dict[str, ProvisionAnalysis] = {}
    out: dict[str, ProvisionAnalysis] = {}
    source = doc.source.text if getattr(doc, "source", None) is not None else None
    for p in doc.provisions:
        if p.footnote_calls:  # analysed early as a chapeau, without the source: redo
            memo.pop(p.ref, None)
        out[p.ref] = analyse_provision(p, ctx, gaz, _memo=memo, _source=source)
    if ctx.doc_kind == "position-paper":
        out.update(analyse_positions(doc, ctx, gaz, out))
    return out


def _opening_organ(head: str, gaz: GazetteerLike) -> tuple[str | None, str | None]:
    """(gazetteer id, name) of the organ named at a resolution's opening, if any."""
    for rx, actor in load_patterns().organs:
        m = rx.search(head)
        if m is None:
            continue
        if actor:
            return actor, None
        name = " ".join(m.group("name").split())
        known = canonical(name, gaz)
        return (known.id, None) if known is not None else (None, name)
    return None, None


def situate(doc: Document, ctx: AnalysisContext, gaz: GazetteerLike) -> AnalysisContext:
    """``ctx`` with what the document's own text says about who speaks and whom it binds.

    The issuer is the organ whose name opens the resolution ("The General Assembly,"), and
    then "we" is the Member States; the Security Council's decisions bind when it acts under
    Chapter VII; a treaty's parties bear its "shall". What the caller already knows is kept.
    """
    pats = load_patterns()
    text = doc.text
    head = text[:_OPENING]
    issuer, we = ctx.issuer, ctx.we
    organ, named = getattr(doc, "organ_actor", None), getattr(doc, "organ", None)
    if not organ and not named:
        organ, named = _opening_organ(head, gaz)
    found = lookup(gaz.actor, organ) if organ else None
    if found is not None:
        organ_ref: EntityRef | None = entry_ref(found)
    elif named:  # an organ the gazetteer lacks ("The United Nations Environment Assembly,")
        organ_ref = EntityRef(slug(named), named, "UNMechanism", False)
    else:
        organ_ref = None
    if (
        organ_ref is not None
        and ctx.doc_kind not in _OWN_VOICE
        and (issuer is None or issuer.type == "StateGroup")
    ):
        we = we or issuer or member_states(gaz)
        issuer = organ_ref
    if issuer is not None and we is None and issuer.type in ("PrincipalOrgan", "UNMechanism"):
        we = member_states(gaz)
    binding = ctx.binding
    if pats.binding_decisions is not None and issuer is not None:
        organ_id, rx = pats.binding_decisions
        binding = binding or (issuer.id == organ_id and rx.search(text) is not None)
    parties = ctx.parties
    if parties is None and pats.treaty is not None:
        articles, named, actor = pats.treaty
        if ctx.doc_kind == "treaty" or (articles.search(text) and named.search(text)):
            found = lookup(gaz.actor, actor)
            parties = entry_ref(found) if found is not None else None
    return dataclasses.replace(ctx, issuer=issuer, we=we, binding=binding, parties=parties)
