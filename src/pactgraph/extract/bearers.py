"""Bearers: who must act on a cue.

The subject of a verb ("we" -> the issuer), the object of an asking verb ("requests the
Secretary-General to"), the agent of a passive ("by X"), X in "should be envisaged for X";
never an actor inside a prepositional phrase or a modifier, nor a partner ("in cooperation
with X").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .actors import Found, dedupe
from .records import EntityRef
from .sentences import strip_adverbs
from .vocabulary import load_cues, load_patterns

if TYPE_CHECKING:
    from .modality import Hit

#: Patterns of the functions below, compiled once (each was looked up in re's cache per call).
_AN_BEFORE = re.compile(r"\b(?:a|an)\s+$")
_NEXT_WORD = re.compile(r"\s+([a-z][a-z-]*)\b")
_CONJUNCTION = re.compile(r"\b(?:and|or)\b|as\s+well\s+as")
_INFINITIVE = re.compile(r"\bto(?:\s+(?!the\b|a\b|an\b|those\b|these\b|its\b|their\b)[a-z]+|\s*:)")
_COLON_END = re.compile(r":\s*$")
_RELATIVE = re.compile(r"\b(?:that|which|who|whose)\b")
_PRONOUN_OBJECT = re.compile(r"\s*(?:it|them)\s*")
_AGENT_STOP = re.compile(r",|;|:|\.|\bin\s+(?:close\s+)?(?:coordination|cooperation)")
_CLAUSE_STOP = re.compile(r"[;:.]")


_FIRST_PLURAL = re.compile(r"(?:^|[^\w])(?:we|We|WE)$")
_FIRST_SINGULAR = re.compile(r"(?:^|[^\w])I$")
#: A text ending in a coordinator: the verb after it shares the subject before it.
COORDINATED = re.compile(r"(?:^|[\s,])(?:and|or|but|as well as)$")


def ends_with(rx: re.Pattern[str], text: str, width: int) -> bool:
    """``rx.search(text)``, for a pattern that ends at ``$`` and matches at most ``width``
    characters: only the end of ``text`` is searched (a search from the start tries every
    position of up to 300 characters; "^" matches nowhere but at the start all the same)."""
    return rx.search(text, max(0, len(text) - width - 2)) is not None


def find_subject(
    sent: str, hit_start: int, prior: list[Hit], actors: list[Found], partner_spans
) -> tuple[str, list[EntityRef]]:
    """Who the verb at ``hit_start`` has as subject.

    "we" / "i" (first person), "self" (the carrying text: "This Global Compact aims to"),
    "actor" (with the actors), "reported" (first person inside reported speech: "we said
    that we would ..."), "embedded" (inside an indirect question: "how the international
    community should respond"), or "none".
    """
    table = load_cues()
    left = strip_adverbs(sent[:hit_start], table.adverbs)
    breaks = list(table.clause_break.finditer(sent, 0, hit_start))
    if actors and breaks:  # a break inside an actor's name is none
        breaks = [m for m in breaks if not any(f.start < m.start() < f.end for f in actors)]
    clause_start = breaks[-1].end() if breaks else 0
    if breaks and breaks[-1].group(0).lower() in table.question_words:
        return "embedded", []
    if (
        breaks
        and breaks[-1].group(0).lower() == "that"
        and table.reporting_frame.search(sent[: breaks[-1].end()])
    ):
        # "The panelists noted that ...", "the key takeaways were that States need to:"
        return "reported", []
    plural = ends_with(_FIRST_PLURAL, left, 3)
    if plural or ends_with(_FIRST_SINGULAR, left, 2):
        person = "we" if plural else "i"
        if (
            breaks
            and breaks[-1].group(0) == "that"
            and table.reported.search(sent[: breaks[-1].start()])
        ):
            return "reported", []
        return person, []
    if prior and ends_with(COORDINATED, left, 11):
        p = prior[-1]
        return p.subject, list(p.bearers)
    candidates = [
        f
        for f in actors
        if f.start >= clause_start
        and f.end <= hit_start
        and not inside(f, partner_spans)
        and not _modifier(sent, f, hit_start)
    ]
    clause = subject_actors(sent, candidates, clause_start)
    if clause:
        return "actor", dedupe(clause)
    if load_patterns().self_ref.search(sent[clause_start:hit_start]):
        return "self", []
    if breaks and breaks[-1].group(0) in ("that", "who"):
        # relative clause: "Governments that have not yet ... are encouraged to" -> its head,
        # unless the head is something just introduced as an object ("we launch a Mechanism
        # that will ...")
        head_end = breaks[-1].start()
        heads = [f for f in actors if 0 <= head_end - f.end <= 2]
        if heads and not _AN_BEFORE.search(sent[: heads[-1].start]):
            return "actor", [heads[-1].ref]
    return "none", []


def _modifier(sent: str, f: Found, hit_start: int) -> bool:
    m = _NEXT_WORD.match(sent[f.end :])
    if not m or f.end + m.start(1) >= hit_start:
        return False
    return m.group(1) not in load_cues().head_followers


_COORDINATED = re.compile(r"^\s*(?:,\s*(?:and|or)?|and|or|as\s+well\s+as)\s+(?:the\s+|other\s+)*$")
_PASSIVE_BY = re.compile(
    r"(?:\s+\w+){0,2}?\s+be\s+(?:\w+(?:ed|en|t)\b)(?:\s+and\s+\w+(?:ed|en|t))?\s+by\s+"
)


def subject_actors(sent: str, found: list[Found], start: int) -> list[EntityRef]:
    """Actors that head the subject noun phrase, not those inside its prepositional phrases.

    "At the outset of a large movement of refugees, receiving States ... would" -> receiving
    States; "Each of the Regional Economic Commissions shall" -> the Commissions.
    """
    out: list[EntityRef] = []
    prev: Found | None = None
    prev_governed = False
    for k, f in enumerate(found):
        between = sent[(prev.end if prev else start) : f.start]
        if prev is not None and _APPOSITION.match(between) and f.ref.type == "Person":
            continue  # "the Special Representative ..., Mr. Peter Sutherland,"
        if prev is not None and _COORDINATED.match(between) and _in_list(sent, found, k, between):
            governed = prev_governed
        else:
            table = load_cues()
            governed = bool(table.governed.search(between)) and not table.quantifier_of.search(
                between
            )
        if not governed:
            out.append(f.ref)
        prev, prev_governed = f, governed
    return out


_APPOSITION = re.compile(r"^\s*,\s*(?:(?:Mr|Ms|Mrs|Dr|H\.E)\.?\s+)?$")


def _in_list(sent: str, found: list[Found], k: int, between: str) -> bool:
    """Whether a comma joins list members ("of refugees, migrants and others") rather than
    closing an opening phrase ("of refugees, receiving States, bearing in mind ...")."""
    if _CONJUNCTION.search(between):
        return True
    if k + 1 < len(found):
        nxt = sent[found[k].end : found[k + 1].start]
        return bool(_COORDINATED.match(nxt))
    return False


def inside(f: Found, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= f.start and f.end <= b for a, b in spans)


def find_partner_spans(sent: str, cue_starts: Sequence[int]) -> list[tuple[int, int]]:
    """Spans of "in cooperation with X, Y" phrases: up to the next cue verb or clause end."""
    out = []
    for m in load_patterns().partner.finditer(sent):
        stops = [s for s in cue_starts if s > m.end()]
        end = min(stops) if stops else len(sent)
        colon = sent.find(":", m.end())
        semi = sent.find(";", m.end())
        for c in (colon, semi):
            if 0 <= c < end:
                end = c
        out.append((m.start(), end))
    return out


def object_bearers(sent: str, end: int, actors: list[Found]) -> list[EntityRef]:
    """The addressee of an asking verb: actors before the infinitive "to <verb>"."""
    tail = sent[end:]
    m = _INFINITIVE.search(tail)
    lead_in = _COLON_END.search(tail)
    if (not m or m.start() > 300) and lead_in and lead_in.start() <= 300:
        # a lead-in whose sub-items say what to do: "Requests the Office of the High
        # Commissioner: (a) To maintain ..."
        obj_end = end + lead_in.start()
    elif not m or m.start() > 300:
        return []
    else:
        obj_end = end + m.start()
    rel = _RELATIVE.search(sent[end:obj_end])
    cut = end + rel.start() if rel else obj_end
    inside = [f for f in actors if f.start >= end and f.start < cut]
    if not inside and _PRONOUN_OBJECT.fullmatch(sent[end:obj_end]):
        # "We welcome the work of IOM and encourage it to continue": the body just named
        before = [f for f in actors if f.end <= end]
        return [before[-1].ref] if before else []
    return dedupe(subject_actors(sent, inside, end))


def agent_after(sent: str, end: int, actors: list[Found]) -> list[EntityRef]:
    """The agent of a passive: "will be developed and initiated by X" -> X."""
    m = _PASSIVE_BY.match(sent[end:])
    if not m:
        return []
    start = end + m.end()
    stop = _AGENT_STOP.search(sent[start:])
    stop_at = start + (stop.start() if stop else len(sent) - start)
    return dedupe(f.ref for f in actors if f.start >= start and f.end <= stop_at)


def after_for(sent: str, end: int, actors: list[Found]) -> list[EntityRef]:
    stop = _CLAUSE_STOP.search(sent[end:])
    stop_at = end + (stop.start() if stop else len(sent) - end)
    inside = [f for f in actors if f.start >= end and f.end <= stop_at]
    return dedupe(subject_actors(sent, inside, end))


#: A modal followed by a passive infinitive: "must be treated", "should not be detained".
_PASSIVE = re.compile(
    r"^(?:\s+(?:not|also|further|always|only|\w+ly))*\s+be\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|ne|t)\b"
)


def is_passive(sent: str, end: int) -> bool:
    """Whether the modal ending at ``end`` governs a passive: its subject is acted upon."""
    return _PASSIVE.match(sent[end:]) is not None


def subject_after(sent: str, end: int, actors: list[Found]) -> list[EntityRef]:
    """The subject of the clause a governing phrase opens: "It is crucial that policymakers
    ... prioritize" -> policymakers (the first actors within a few words)."""
    near = [f for f in actors if f.start >= end and f.start - end <= 40]
    if not near:
        return []
    group = [near[0]]  # the first actor and those coordinated with it, not the verb's objects
    for f in near[1:]:
        if not _COORDINATED.match(sent[group[-1].end : f.start]):
            break
        group.append(f)
    return dedupe(subject_actors(sent, group, end))
