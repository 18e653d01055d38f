"""Modality: how strongly a sentence binds, and whom.

Every cue of ``data/modality_cues.yaml`` in the sentence with its subject and bearers; the
sentence's modality is its strongest cue outside the complement of a governing verb ("We note
that X will ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .actors import Found, dedupe, issuer_group, state_group
from .bearers import after_for, agent_after, find_partner_spans, find_subject, object_bearers
from .records import RANK, AnalysisContext, EntityRef, GazetteerLike
from .sentences import strip_adverbs
from .vocabulary import Cue, load_cues


@dataclass
class Hit:
    start: int
    end: int
    cue: Cue
    subject: str = "none"  # "we" | "i" | "self" | "actor" | "none"
    bearers: list[EntityRef] = field(default_factory=list)
    inner: bool = False
    speaker: list[EntityRef] | None = None  # an actor subject of an asking verb


def cue_hits(sent: str, actors: list[Found]) -> list[Hit]:
    """Every cue in a sentence with its subject and bearers, in text order."""
    table = load_cues()
    taken: list[tuple[int, int]] = []
    raw: list[tuple[int, int, Cue]] = []
    for cue in table.cues:
        if cue.form == "item-initial":
            continue
        for m in cue.regex.finditer(sent):
            if any(m.start() < b and m.end() > a for a, b in taken):
                continue
            # a verb that is part of an actor's name ("Global Forum ... Development") is no cue
            if any(f.start <= m.start() and m.end() <= f.end for f in actors):
                continue
            taken.append((m.start(), m.end()))
            raw.append((m.start(), m.end(), cue))
    raw.sort(key=lambda r: r[0])
    partner_spans = find_partner_spans(
        sent, [r[0] for r in raw if r[2].form in ("verb", "passive")]
    )
    hits: list[Hit] = []
    governor: Hit | None = None
    for start, end, cue in raw:
        h = Hit(start, end, cue)
        if cue.form == "chapeau":
            h.subject = "we"
        elif cue.form == "passive-for":
            h.subject, h.bearers = "actor", after_for(sent, end, actors)
        else:
            h.subject, h.bearers = find_subject(sent, start, hits, actors, partner_spans)
            if cue.form in ("addressee", "complement") and h.subject == "actor":
                h.speaker = list(h.bearers)
            if cue.form == "addressee":
                obj = object_bearers(sent, end, actors)
                if obj:
                    h.bearers = obj
                    h.subject = "object"
            if h.subject == "none" and cue.form == "verb":
                agent = agent_after(sent, end, actors)
                if agent:
                    h.subject, h.bearers = "actor", agent
        coordinated = bool(hits) and re.search(
            r"(?:^|[\s,])(?:and|or|but|as well as)$",
            strip_adverbs(sent[:start], table.adverbs),
        )
        if governor is not None and h.subject not in ("we", "i") and not coordinated:
            h.inner = True
        participle = re.search(r"ing\b", sent[start:end]) is not None
        if cue.governs and not h.inner and not participle:
            governor = h
        hits.append(h)
    return hits


def stronger(a: str, b: str) -> str:
    return a if RANK[a] >= RANK[b] else b


def analyse_sentence(
    sent: str, actors: list[Found], ctx: AnalysisContext, gaz: GazetteerLike
) -> tuple[str | None, list[EntityRef], bool]:
    """(modality or None, bearers, whether the bearers are implied rather than named)."""
    all_hits = cue_hits(sent, actors)
    hits = [h for h in all_hits if not h.inner or h.cue.form == "passive-for"]
    best: str | None = None
    bearers: list[EntityRef] = []
    governor_bearers: list[EntityRef] = []
    for h in all_hits:
        # "We envisage that X would ...": the complement's subject bears the encouragement
        if h.inner and h.subject == "actor" and h.cue.form == "verb":
            governor_bearers.extend(h.bearers)
    for h in hits:
        cue = h.cue
        modality = cue.modality
        if h.subject in ("we", "i", "self"):
            who = issuer_group(ctx, gaz, "we" if h.subject in ("we", "self") else "i")
        else:
            who = h.bearers
        if h.subject in ("embedded", "reported") and modality != "recognition":
            continue
        if h.speaker is not None and not (
            ctx.issuer and any(b.id == ctx.issuer.id for b in h.speaker)
        ):
            # "IOM envisages ...", "the Council encourages States to ...": someone else's
            # appeal, reported, not made by this text
            modality = "recognition"
        if cue.needs_subject and h.subject == "none":
            continue
        if ctx.doc_kind == "report" and h.subject != "i":
            # the Secretary-General cannot bind States: their "should/must/will" is a call
            modality = min(modality, "encouragement", key=RANK.__getitem__)
        if modality == "recognition":
            best = best or "recognition"
            continue
        if cue.form == "complement":
            who = governor_bearers  # "We envisage that X would": X
        elif cue.form == "addressee" and h.subject != "object":
            who = []  # "We encourage the adoption of measures": nobody named
        best = modality if best is None else stronger(best, modality)
        bearers.extend(who)
    if best == "encouragement" and not bearers:
        # an appeal that names nobody ("We encourage the ratification of ...") is addressed
        # to States in general
        return best, [state_group(gaz, "States")], True
    return best, dedupe(bearers), False
