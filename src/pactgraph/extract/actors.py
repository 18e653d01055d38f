"""Actors: who a sentence names (gazetteer entries, States, role groups, bodies by the shape
of their names), and who "we" and "I" are.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..iris import slug
from .gates import GATES
from .records import AnalysisContext, EntityRef, GazetteerLike
from .vocabulary import load_patterns

#: Patterns of the functions below, compiled once (each was looked up in re's cache per call).
_SPACES = re.compile(r"\s+")
_LAST_WORD = re.compile(r"(\w+)\s*$")


@dataclass(frozen=True, init=False)
class Found:
    start: int
    end: int
    ref: EntityRef

    def __init__(self, start: int, end: int, ref: EntityRef) -> None:
        # the fields set once, straight into the instance's dict: the frozen dataclass's own
        # __init__ calls object.__setattr__ for each, twice the cost, and ~50,000 are made for
        # the filing's 10x (issue 16; tests/test_analysis_shortcuts.py)
        fields = self.__dict__
        fields["start"] = start
        fields["end"] = end
        fields["ref"] = ref


def entry_ref(entry: Any) -> EntityRef:
    """The reference to a gazetteer entry (one per entry, made once: a provision and each of
    its sentences name the same few entries again and again; an :class:`EntityRef` is frozen)."""
    hit = _ENTRY_REFS.get(id(entry))
    if hit is None or hit[0] is not entry:
        if len(_ENTRY_REFS) >= 65536:
            _ENTRY_REFS.clear()
        ref = EntityRef(str(entry.id), str(entry.label), str(entry.type), True)
        hit = _ENTRY_REFS[id(entry)] = (entry, ref)
    return hit[1]


#: Per entry (kept alive here, so its id is not reused): its reference.
_ENTRY_REFS: dict[int, tuple[Any, EntityRef]] = {}


def non_overlapping(items: Iterable[Found]) -> list[Found]:
    """Longest first, earlier first; drop anything overlapping a kept item."""
    items = list(items)
    if len(items) < 2:
        return items  # nothing to overlap (most calls)
    taken = bytearray(max((f.end for f in items), default=0) + 1)
    kept: list[Found] = []
    for f in sorted(items, key=lambda f: (-(f.end - f.start), f.start, not f.ref.known)):
        if not any(taken[f.start : f.end]):
            taken[f.start : f.end] = b"\x01" * (f.end - f.start)
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


@lru_cache(maxsize=4096)
def _role_label(surface: str) -> str:
    pats = load_patterns()
    label = _SPACES.sub(" ", surface).strip()
    for rx, repl, lower_first in pats.label_rules:
        if lower_first and rx.search(label):
            label = label[0].lower() + label[1:]  # "Host States" at a sentence start
            continue
        label = rx.sub(repl, label).strip()
    return label or surface


def find_actors(text: str, gaz: GazetteerLike) -> list[Found]:
    """Actors named in ``text``: gazetteer entries, States, role groups, stakeholder groups."""
    pats = load_patterns()
    found: list[Found] = []
    for finder in (gaz.find_actors, gaz.find_states):
        for m in finder(text) or []:
            found.append(Found(m.start, m.end, entry_ref(m.entry)))
    for m in pats.role_group.finditer(text):
        prev = _LAST_WORD.search(text[max(0, m.start() - 40) : m.start()])
        if prev and prev.group(1) in pats.not_after:
            continue
        label = _role_label(m.group(0))
        ref = canonical(label, gaz) or EntityRef(slug(label), label, "StateGroup", False)
        found.append(Found(m.start(), m.end(), ref))
    stakeholders = pats.stakeholders if GATES.may_hold(pats.stakeholder_words, text) else ()
    words = GATES.present(text) if stakeholders else None
    for rx, label, typ in stakeholders:  # most provisions name none: one test for them all
        if words is not None and rx.words is not None and rx.words.isdisjoint(words):
            continue  # the test rx.finditer begins with, without the call
        for m in rx.finditer(text):
            ref = canonical(label, gaz) or EntityRef(slug(label), label, typ, False)
            found.append(Found(m.start(), m.end(), ref))
    organizations = _organizations(text)
    if organizations:  # the known names an organisation's shape must not overlap
        known = [(f.start, f.end) for f in found if f.ref.known]
        known += [(m.start, m.end) for m in gaz.find_instruments(text) or []]
        for f in organizations:
            if all(f.end <= a or f.start >= b for a, b in known):
                short = _short_form(f.ref.label, gaz)
                found.append(Found(f.start, f.end, short) if short else f)
    return non_overlapping(found)


def _organizations(text: str) -> list[Found]:
    """Bodies named by the shape of their names ("the Regional Office for Fisheries ...")."""
    pats = load_patterns()
    out = []
    for m in pats.organization.finditer(text):
        start, surface = m.start(), m.group(0)
        words = surface.split()
        while words and words[0] in pats.organization_not_first:
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else m.end()
            words.pop(0)
        if not words:
            continue
        label = _SPACES.sub(" ", text[start : m.end()]).strip()
        if label == _SPACES.sub(" ", m.group("head")) and not label[0].isupper():
            continue
        if len(label.split()) < 2:
            continue  # a bare head word ("Office", "Council") names no one in particular
        typ = pats.organization_heads.get(_SPACES.sub(" ", m.group("head")), "Actor")
        out.append(Found(start, m.end(), EntityRef(slug(label), label, typ, False)))
    return out


def _short_form(label: str, gaz: GazetteerLike) -> EntityRef | None:
    """The one gazetteer actor whose name begins with ``label``: "the High-level Dialogue",
    written after the full name, is the High-level Dialogue on International Migration and
    Development. None when no name or several actors' names begin so."""
    actors = getattr(gaz, "actors", None)
    if not isinstance(actors, dict):
        return None
    names, entries = _lowered_names(actors)
    key = label.lower() + " "
    ids = set()
    for i in range(bisect.bisect_left(names, (key,)), len(names)):
        if not names[i][0].startswith(key):
            break
        ids.add(names[i][1])
    return entry_ref(entries[ids.pop()]) if len(ids) == 1 else None


#: Per actor table (kept alive here, so its id is not reused): every name lowercased, sorted,
#: with its entry's id, and the entries by id (a short form is looked up by bisection).
_LOWERED: dict[int, tuple[dict, list[tuple[str, str]], dict[str, Any]]] = {}


def _lowered_names(actors: dict) -> tuple[list[tuple[str, str]], dict[str, Any]]:
    hit = _LOWERED.get(id(actors))
    if hit is None or hit[0] is not actors:
        if len(_LOWERED) >= 8:
            _LOWERED.clear()
        entries = {str(a.id): a for a in actors.values()}
        names = sorted({(str(n).lower(), str(a.id)) for a in actors.values() for n in a.names()})
        hit = _LOWERED[id(actors)] = (actors, names, entries)
    return hit[1], hit[2]


def canonical(label: str, gaz: GazetteerLike) -> EntityRef | None:
    """The gazetteer entry a pattern find's whole label names, if any (remembered per
    gazetteer: the same few labels, "States", "Member States", are asked for again and again)."""
    slot = _CANONICAL.get(id(gaz))
    if slot is None or slot[0] is not gaz:
        if len(_CANONICAL) >= 8:
            _CANONICAL.clear()
        slot = _CANONICAL[id(gaz)] = (gaz, {})
    memo = slot[1]
    if label not in memo:
        memo[label] = next(
            (
                entry_ref(m.entry)
                for m in gaz.find_actors(label) or []
                if m.start == 0 and m.end == len(label)
            ),
            None,
        )
    return memo[label]


#: Per gazetteer (kept alive here, so its id is not reused): label -> canonical entry.
_CANONICAL: dict[int, tuple[object, dict[str, EntityRef | None]]] = {}


def dedupe(refs: Iterable[EntityRef]) -> list[EntityRef]:
    seen: dict[str, EntityRef] = {}
    for r in refs:
        seen.setdefault(r.id, r)
    return list(seen.values())


def issuer_group(ctx: AnalysisContext, gaz: GazetteerLike, person: str) -> list[EntityRef]:
    """Who "we", "I" or the organ is.

    "we": the Member States in a report or a declaration an organ adopts (``ctx.we``), else the
    issuer; "i": the issuer (a report's Secretary-General); "organ": the adopting organ, the
    subject of a resolution's operative verbs ("Decides", "Requests ...").
    """
    if person == "we" and ctx.doc_kind == "report":
        return [member_states(gaz)]
    if person == "we" and ctx.we is not None:
        return [ctx.we]
    if person == "we" and ctx.issuer is None:
        return [member_states(gaz)]  # "we" of a UN declaration whose speaker is not named
    if person == "i" and ctx.issuer is None and ctx.doc_kind == "report":
        sg = canonical("Secretary-General", gaz)
        return [sg] if sg is not None else []
    return [ctx.issuer] if ctx.issuer is not None else []


def member_states(gaz: GazetteerLike) -> EntityRef:
    return state_group(gaz, "Member States")


def state_group(gaz: GazetteerLike, label: str) -> EntityRef:
    """The gazetteer's State group called ``label`` (or a pattern-made one)."""
    return canonical(label, gaz) or EntityRef(slug(label), label, "StateGroup", False)
