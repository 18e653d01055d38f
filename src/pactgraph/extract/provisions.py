"""Provisions: a provision's statements, and what it says summed over them.

A provision's modality is its strongest sentence; a sub-item takes at least its chapeau's
modality and bearers (an item opening with "Consider ..." is capped at intention); an action
listed under an objective is a commitment of the issuer.
"""

from __future__ import annotations

import re

from ..model import Provision
from .actors import Found, dedupe, find_actors, issuer_group, state_group
from .bearers import find_partner_spans, inside
from .instruments import drop_covered_collectives, find_instruments, footnote_cites, marker_offsets
from .modality import analyse_sentence, stronger
from .objectives import objectives_in, section_objective
from .records import RANK, AnalysisContext, EntityRef, GazetteerLike, ProvisionAnalysis, Statement
from .sentences import SUP_TO_DIGIT, SUPERSCRIPTS, split_sentences
from .vocabulary import load_cues

#: Patterns of the functions below, compiled once (each was looked up in re's cache per call).
_OPENING_WORD = re.compile(r"\W*(?:[a-z]{1,2}[.)]\s+)?([A-Z][a-z]+)\b")
_INFLECTED = re.compile(r"(?:[^s]s|ed|ing|ly|tion|ment|ity|ness)$")
_ITEM_NUMBER = re.compile(r"[a-z]{1,2}|[ivx]+")


def _chapeau_state(
    p: Provision, ctx: AnalysisContext, gaz: GazetteerLike, memo: dict[str, ProvisionAnalysis]
) -> tuple[str | None, list[EntityRef], list[EntityRef]]:
    """(modality, bearers, partners) a sub-item inherits from its chapeau."""
    parent = p.parent
    if parent is None:
        return None, [], []
    pa = memo.get(parent.ref) or analyse_provision(parent, ctx, gaz, _memo=memo, _source=None)
    if pa.modality == "recognition" and not pa.bearers:
        return None, [], []
    # The list introduction is the chapeau's last sentence.
    last = pa.statements[-1] if pa.statements else None
    if last is not None and last.modality != "recognition":
        return last.modality, last.bearers or pa.bearers, last.partners
    return pa.modality, pa.bearers, pa.partners


def analyse_provision(
    p: Provision,
    ctx: AnalysisContext,
    gaz: GazetteerLike,
    *,
    _memo: dict[str, ProvisionAnalysis] | None = None,
    _source: str | None = None,
) -> ProvisionAnalysis:
    """Statements, modality, bearers, partners, citations and objective of one provision."""
    memo = _memo if _memo is not None else {}
    if p.ref in memo:
        return memo[p.ref]
    text = p.text
    table = load_cues()
    actors_all = find_actors(text, gaz)
    inherited, inh_bearers, inh_partners = _chapeau_state(p, ctx, gaz, memo)
    section_obj = section_objective(p, ctx)
    if inherited is None and section_obj and is_item(p) and (p.parent is None or imperative(text)):
        # an action listed under an objective ("Elaborate and implement ..."), with or
        # without a chapeau, is a commitment of the compact's parties
        inherited, inh_bearers = "commitment", issuer_group(ctx, gaz, "we")
    cap: str | None = None
    for cue in table.item_initial:
        if (p.parent or is_item(p)) and cue.regex.match(text.lstrip()):
            cap = cue.modality
    prior_cites: list[EntityRef] = []
    statements: list[Statement] = []
    footnote_hits = footnote_cites(p, ctx, gaz)
    for i, (s, e) in enumerate(split_sentences(text), start=1):
        sent = text[s:e]
        if s == 0 and e == len(text):  # the whole provision: its actors, as they stand
            actors = actors_all
        else:
            actors = [
                Found(f.start - s, f.end - s, f.ref)
                for f in actors_all
                if f.start >= s and f.end <= e
            ]
        reading = analyse_sentence(sent, actors, ctx, gaz)
        modality, bearers, implied = reading.modality, reading.bearers, reading.implied
        partner_spans = find_partner_spans(sent, [])
        partners = (
            dedupe(f.ref for f in actors if inside(f, partner_spans)) if partner_spans else []
        )
        if inherited is not None:
            own = modality
            modality = inherited if own is None else stronger(own, inherited)
            if cap is not None and i == 1:
                modality = min(modality, cap, key=RANK.__getitem__)
            if not bearers or own is None or RANK[own] < RANK[inherited]:
                # "(c) Encourage and empower refugees ..." under "Host States ... would:"
                # is the host States' commitment
                bearers = inh_bearers
                implied = implied and not inh_bearers
            partners = dedupe([*partners, *inh_partners])
        modality = modality or "recognition"
        if getattr(p, "part", "") == "preambular":
            modality = "recognition"  # a preamble recalls and considers; it asks nothing
        if modality != "recognition" and not bearers:
            # nobody named who must act: an appeal goes to States, anything stronger is a
            # statement of need (a commitment always has a bearer)
            if modality == "encouragement":
                bearers, implied = [state_group(gaz, "States")], True
            else:
                modality = "recognition"
        found, _selfs = find_instruments(sent, gaz, ctx, prior=prior_cites)
        cites = dedupe(f.ref for f in found) if found else []
        if footnote_hits:  # the sentence's footnote calls matter only where a note cites
            markers = {ch.translate(SUP_TO_DIGIT) for ch in _SUPERSCRIPT_RUN.findall(sent)}
            for marker, refs in footnote_hits.items():
                if marker in markers:
                    cites = dedupe([*cites, *refs])
        prior_cites.extend(cites)
        objectives = [o for o in [section_obj, *objectives_in(sent)] if o]
        if modality == "recognition":
            bearers, partners = [], partners
        statements.append(
            Statement(
                index=i,
                text=sent,
                start=s,
                end=e,
                modality=modality,
                bearers=bearers,
                partners=[x for x in partners if x.id not in {b.id for b in bearers}]
                if partners
                else [],
                cites=cites,
                objectives=list(dict.fromkeys(objectives)),
                issuer=ctx.issuer,
                bearers_implied=implied and bool(bearers),
                constitutive=reading.constitutive and modality == "recognition",
            )
        )
    if statements and footnote_hits:
        located = {ch.translate(SUP_TO_DIGIT) for ch in _SUPERSCRIPT_RUN.findall(text)}
        where: dict[str, int] | None = None  # found only for a marker the text lost
        for marker, refs in footnote_hits.items():
            if marker in located:
                continue
            if where is None:
                where = marker_offsets(p, _source) if _source else {}
            # the structure stage strips markers: find where the source had it, else the first
            at = where.get(marker)
            st = next((x for x in statements if at is not None and x.start <= at <= x.end), None)
            st = st or statements[0]
            st.cites = dedupe([*st.cites, *refs])
    drop_covered_collectives(statements, gaz)
    named = dedupe(
        b
        for st in statements
        if st.modality != "recognition" and not st.bearers_implied
        for b in st.bearers
    )
    for st in statements:
        if st.bearers_implied and named:
            # an appeal naming nobody, beside statements that name their bearers, is read as
            # addressed to them ("We commit to ... We strongly encourage joint responses.")
            st.bearers = list(named)
    analysis = summarise(p.ref, statements, section_obj)
    memo[p.ref] = analysis
    return analysis


_SUPERSCRIPT_RUN = re.compile(f"[{SUPERSCRIPTS}]+")


def imperative(text: str) -> bool:
    """Whether a text opens with a verb in the imperative ("Elaborate and implement ...",
    "Provide ..."): a capitalized word that is not a known non-verb opener and is not
    inflected (-s, -ed, -ing, -ly)."""
    m = _OPENING_WORD.match(text)
    if not m:
        return False
    word = m.group(1)
    if word in load_cues().non_verb_openers:
        return False
    return not _INFLECTED.search(word)


def is_item(p: Provision) -> bool:
    """A lettered or roman sub-item, or an item "(1)" of a numbered list under a lead-in."""
    number = p.number or ""
    if _ITEM_NUMBER.fullmatch(number):
        return True
    return number.isdigit() and p.ref.endswith(f"({number})")


def summarise(ref: str, statements: list[Statement], objective: str | None) -> ProvisionAnalysis:
    modality = "recognition"
    for st in statements:
        modality = stronger(modality, st.modality)
    acting = [st for st in statements if st.modality != "recognition"]
    bearers: list[EntityRef] = []
    partners: list[EntityRef] = []
    if acting:  # (a provision that only recognizes has neither)
        # a default addressee counts only where no statement names anyone
        bearers = dedupe(b for st in acting if not st.bearers_implied for b in st.bearers)
        if not bearers:
            bearers = dedupe(b for st in acting for b in st.bearers)
        bearer_ids = {b.id for b in bearers}
        partners = dedupe(x for st in acting for x in st.partners if x.id not in bearer_ids)
    cites = dedupe(c for st in statements for c in st.cites)
    if objective is None:
        objective = next((o for st in statements for o in st.objectives), None)
    return ProvisionAnalysis(
        ref=ref,
        modality=modality,
        is_commitment=modality != "recognition",
        bearers=bearers,
        partners=partners,
        cites=cites,
        objective=objective,
        statements=statements,
    )
