"""Modality: how strongly a sentence binds, and whom.

Every cue of ``data/modality_cues.yaml`` in the sentence with its subject and bearers; the
sentence's modality is its strongest cue outside the complement of a governing verb ("We note
that X will ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .actors import Found, dedupe, entry_ref, issuer_group, member_states, state_group
from .bearers import (
    COORDINATED,
    after_for,
    agent_after,
    ends_with,
    find_partner_spans,
    find_subject,
    is_passive,
    object_bearers,
    subject_after,
)
from .gates import GATES
from .instruments import lookup
from .records import RANK, AnalysisContext, EntityRef, GazetteerLike
from .sentences import strip_adverbs
from .vocabulary import Cue, load_cues, load_patterns

#: Patterns of the functions below, compiled once (each was looked up in re's cache per call).
_COMMA_OR_THAT = re.compile(r"[,;:]|\bthat\b")
_TWO_LETTERS = re.compile(r"[A-Za-z]{2,}")
_PARTICIPLE = re.compile(r"ing\b")


@dataclass
class Hit:
    start: int
    end: int
    cue: Cue
    #: "we" | "i" | "self" | "organ" | "actor" | "object" | "passive" | "reported" |
    #: "embedded" | "thing" (a subject that is no actor) | "none"
    subject: str = "none"
    bearers: list[EntityRef] = field(default_factory=list)
    inner: bool = False
    speaker: list[EntityRef] | None = None  # an actor subject of an asking verb
    modality: str = ""  # the cue's, unless the verb it governs says less

    def __post_init__(self) -> None:
        self.modality = self.modality or self.cue.modality


@dataclass
class Reading:
    """What one sentence says: its modality (None: no cue), bearers, and how they were found."""

    modality: str | None
    bearers: list[EntityRef]
    implied: bool = False  # nobody named: the bearers are the default addressee
    constitutive: bool = False  # a rule that makes something so, binding no one


#: An operative paragraph's opening verb, in the third person: its subject is the organ.
_OPERATIVE = re.compile(r"^[A-Za-z][a-z]+s\b")
#: What may stand before it: a paragraph or item number.
_NUMBERING = re.compile(r"^\W*(?:\d+(?:\.\d+)*\.?|\(?[a-z]{1,3}\))?\W*$")


def cue_hits(sent: str, actors: list[Found]) -> list[Hit]:
    """Every cue in a sentence with its subject and bearers, in text order."""
    table = load_cues()
    beneficiaries = load_patterns().beneficiaries
    taken: list[tuple[int, int]] = []
    raw: list[tuple[int, int, Cue]] = []
    found = GATES.found(sent)  # the cues' words among them: one pass for every gate
    present = None if found is None else found.words & table.words.words
    for cue in table.searched(present):
        for m in cue.finditer(sent, found):
            start, end = m.span()
            if taken and any(start < b and end > a for a, b in taken):
                continue
            # a verb that is part of an actor's name ("Global Forum ... Development") is no cue
            if actors and any(f.start <= start and end <= f.end for f in actors):
                continue
            taken.append((start, end))
            raw.append((start, end, cue))
    if not raw:
        return []  # no cue (most sentences)
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
            if h.subject == "none" and _opens(sent, start, table.adverbs):
                h.subject = "organ"  # "Decides ...", "Requests the Secretary-General to ..."
            if cue.form in ("addressee", "complement", "decision") and h.subject == "actor":
                h.speaker = list(h.bearers)
            if cue.form in ("addressee", "complement") and h.subject == "none":
                left = _COMMA_OR_THAT.split(strip_adverbs(sent[:start], table.adverbs))[-1]
                if _TWO_LETTERS.search(left):
                    h.subject = "thing"  # "Latest estimates suggest that ...": no one asks
            if cue.form == "addressee":
                obj = object_bearers(sent, end, actors)
                if obj:
                    h.bearers = obj
                    h.subject = "object"
            if cue.form == "verb" and h.subject in ("none", "actor") and is_passive(sent, end):
                # "migrants must be treated with dignity": the subject is acted upon
                agent = agent_after(sent, end, actors)
                h.subject, h.bearers = ("actor", agent) if agent else ("passive", [])
            elif h.subject == "none" and cue.form == "verb":
                agent = agent_after(sent, end, actors)
                if agent:
                    h.subject, h.bearers = "actor", agent
            if (
                cue.form == "verb"
                and h.subject == "actor"
                and h.bearers
                and all(b.id in beneficiaries for b in h.bearers)
            ):
                h.subject, h.bearers = "passive", []  # those it protects do not bear it
            if (
                cue.form == "verb"
                and cue.modality != "recognition"
                and table.recognising.match(sent[end:])  # "we should also recognize"
            ):
                h.modality = "recognition"
        coordinated = bool(hits) and ends_with(
            COORDINATED, strip_adverbs(sent[:start], table.adverbs), 11
        )
        if governor is not None and h.subject not in ("we", "i", "organ") and not coordinated:
            h.inner = True
        participle = _PARTICIPLE.search(sent[start:end]) is not None
        opinion = h.subject == "i" and table.opinion_verbs.match(sent[start:])
        if cue.governs and not h.inner and not participle and not opinion:
            governor = h
        hits.append(h)
    return hits


def _opens(sent: str, start: int, adverbs: tuple[str, ...]) -> bool:
    """Whether a cue opens its sentence as a resolution's operative verb ("Decides",
    "Also requests", "1. Calls upon"): only numbering and adverbs before it."""
    left = strip_adverbs(sent[:start], adverbs)
    if not _NUMBERING.match(left):
        return False
    return _OPERATIVE.match(sent[start:]) is not None


def stronger(a: str, b: str) -> str:
    return a if RANK[a] >= RANK[b] else b


_PERSON = {"we": "we", "self": "we", "i": "i", "organ": "organ"}


def analyse_sentence(
    sent: str, actors: list[Found], ctx: AnalysisContext, gaz: GazetteerLike
) -> Reading:
    """The modality of a sentence (its strongest cue) and who bears it."""
    all_hits = cue_hits(sent, actors)
    hits = [h for h in all_hits if not h.inner or h.cue.form == "passive-for"]
    best: str | None = None
    bearers: list[EntityRef] = []
    constitutive = False
    governor_bearers: list[EntityRef] = []
    for h in all_hits:
        # "We envisage that X would ...": the complement's subject bears the encouragement
        if (
            h.inner
            and h.subject == "actor"
            and h.cue.form == "verb"
            and h.modality != "recognition"
        ):
            governor_bearers.extend(h.bearers)
    for h in hits:
        cue = h.cue
        if cue.within and ctx.doc_kind not in cue.within:
            continue  # "the Assembly decided": the decision itself only in a decision's text
        modality = h.modality
        who = issuer_group(ctx, gaz, _PERSON[h.subject]) if h.subject in _PERSON else h.bearers
        if h.subject in ("embedded", "reported") and modality != "recognition":
            continue
        self_rule = h.subject == "self" and sent[h.start : h.end].lower().startswith("shall")
        if cue.form == "constitutive" or self_rule:
            # "the Forum shall take place in 2022", "This Protocol shall apply to ...": a rule
            # that makes something so, not an obligation of its subject
            constitutive = True
            best = best or "recognition"
            continue
        if h.speaker is not None and not (
            ctx.issuer and any(b.id == ctx.issuer.id for b in h.speaker)
        ):
            # "IOM envisages ...", "the Council encourages States to ...": someone else's
            # appeal, reported, not made by this text
            modality = "recognition"
        if (
            ctx.parties is not None
            and cue.modality == "obligation"
            and h.subject in ("none", "passive")
        ):
            # a treaty's "shall" binds its parties: "Such measures shall include ..."
            who, h.subject = [ctx.parties], "parties"
        if ctx.doc_kind == "report" and h.subject == "passive" and modality != "recognition":
            who, h.subject = [member_states(gaz)], "addressee"  # a report asks Member States
        if cue.needs_subject and h.subject in ("none", "passive"):
            continue
        if h.subject == "thing":
            # "Latest estimates suggest that ...": data, not an appeal
            modality = "recognition"
        if ctx.doc_kind == "report" and h.subject != "i":
            # the Secretary-General cannot bind States: their "should/must" is a call; a third
            # party's "will" is a prediction
            if cue.form == "verb" and modality in ("commitment", "intention") and h.subject != "we":
                modality = "recognition"
            modality = min(modality, "encouragement", key=RANK.__getitem__)
        if cue.form == "decision" and modality != "recognition":
            # "Decides that all States shall:" binds the States; "Decides to renew ..." and
            # "Decides that appropriate financial rules ..." are the organ's own decisions
            if h.subject == "organ" and ctx.binding:
                modality = "obligation"
            demand = sent[h.start : h.end].lower().startswith("demand")
            asked = subject_after(sent, h.end, actors) if demand else []
            who = governor_bearers or asked or who  # "Demands that all parties ..."
            if demand and asked and not ctx.binding:
                modality = "encouragement"  # a demand that does not bind is an appeal
        if modality == "recognition":
            best = best or "recognition"
            continue
        if cue.form == "complement":
            # "We envisage that X would": X; "It is crucial that policymakers prioritize": them
            who = governor_bearers or subject_after(sent, h.end, actors)
        elif cue.form == "addressee" and h.subject != "object":
            who = []  # "We encourage the adoption of measures": nobody named
        best = modality if best is None else stronger(best, modality)
        bearers.extend(who)
    if ctx.doc_kind == "report":
        # the Secretary-General addresses Member States
        bearers = [member_states(gaz) if b.id == "states" else b for b in bearers]
    if best == "encouragement" and not bearers:
        # an appeal that names nobody ("We encourage the ratification of ...") is addressed
        # to States in general (in a report, to Member States)
        default = member_states(gaz) if ctx.doc_kind == "report" else state_group(gaz, "States")
        return Reading(best, [default], implied=True, constitutive=constitutive)
    if not bearers:
        return Reading(best, [], constitutive=constitutive)
    return Reading(best, dedupe(expand_collectives(bearers, gaz)), constitutive=constitutive)


def expand_collectives(refs: list[EntityRef], gaz: GazetteerLike) -> list[EntityRef]:
    """A collective phrase the gazetteer marks so ("national and subnational authorities") is
    borne by its members (``actors.yaml``: role "collective phrase; expand to its members")."""
    out: list[EntityRef] = []
    for r in refs:
        entry = lookup(gaz.actor, r.id) if r.known else None
        role = str(getattr(entry, "role", "") or "")
        members = [lookup(gaz.actor, m) for m in getattr(entry, "members", None) or []]
        if role.startswith("collective phrase") and members and all(members):
            out.extend(entry_ref(m) for m in members)
        else:
            out.append(r)
    return out
