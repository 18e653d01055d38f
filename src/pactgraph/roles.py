"""Explicit roles a text assigns to named entities (one question of the extract stage).

Takes: a linked :class:`~pactgraph.link.Work` (its provisions' canonical text, with each
sub-item's chapeau) and the gazetteer.
Gives: :class:`RoleFinding` s -- who gets which role (coordinator, secretariat, lead agency,
reporting, review, fund, mandate, system-wide support; the role scheme of the ontology), over
what (an instrument, a mechanism), in which provision, on which sentence -- and
:func:`emit_roles`, which writes them as ``pg:RoleAssignment`` nodes with the provision as
``pg:evidence``.

The cues are data (``data/role_cues.yaml``): the operative language UN organs use to assign
roles ("will serve as the coordinator and secretariat of", "requests the Secretary-General ... to
report", "shall serve as the primary intergovernmental global platform"). A role is assigned in
whatever work states it; whether it makes its holder coordinate, review or fund an objective is
the ontology's business (only roles assigned in adopted instruments do, and only through the
stated rules). The holder is the first UN entity, organisation or forum the holder group names
(never a State: States commit, they are not given roles); short references such as "the
network" resolve to the entity the same work names in full (``anaphora``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path

from rdflib import Graph, Literal

from .datafiles import read_mapping
from .extract.gates import (
    GATES,
    Found,
    any_words,
    finditer_from,
    may_match_any,
    opening_words,
    required_words,
)
from .iris import Minter
from .namespaces import PG, RDF, RDFS

ROLE_LABELS = {
    "coordinatorRole": "coordinator",
    "secretariatRole": "secretariat",
    "leadAgencyRole": "lead agency",
    "reportingRole": "reporting",
    "reviewRole": "review",
    "fundingRole": "fund",
    "mandateRole": "mandate",
    "systemWideSupportRole": "system-wide support",
}
DATA_DIR = Path(__file__).parent / "data"
#: Roles that may be over a body (the network) rather than an instrument.
BODY_KINDS = frozenset({"coordinatorRole", "secretariatRole", "leadAgencyRole"})
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z(])")


@dataclass(frozen=True)
class RoleCue:
    name: str
    kinds: tuple[str, ...]
    pattern: re.Pattern[str]
    #: what must match somewhere for ``pattern`` to match (``None``: no cheaper test known)
    needs: re.Pattern[str] | None = None

    #: words every match contains (``extract.gates.required_words``)
    words: frozenset[str] | None = None
    #: what every match of ``needs`` opens with (``extract.gates.opening_words``)
    opening: frozenset[str] | None = None

    def search(self, sentence: str, found: Found | None = None) -> re.Match[str] | None:
        """``pattern.search(sentence)``, skipped where the sentence lacks its words (of those
        ``found``: ``extract.gates.GATES.found(sentence)``, where the cue's words are
        registered; None: not known) or ``needs`` finds nothing (tried only where its opening
        words begin, where known)."""
        if not may_match_any(self.words, None if found is None else found.words):
            return None
        needs = self.needs
        if (
            needs is not None
            and next(finditer_from(needs, sentence, found, self.opening), None) is None
        ):
            return None
        return self.pattern.search(sentence)


def _after_lazy_head(pattern: str) -> str | None:
    """The rest of a pattern that opens with a lazy group such as ``(?P<holder>.+?)``.

    Searching such a pattern costs the square of the sentence's length: from every start the
    lazy group is stretched to the end of the sentence before the search moves on. What
    follows the group must match somewhere for the whole to match, and searching for it alone
    is linear, so it rules out at once the many sentences that hold no cue (bench/notes.md).
    """
    if not pattern.startswith("(?P<"):
        return None
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += 1 if pattern[i + 1 : i + 2] == "^" else 0
            if pattern[i + 1 : i + 2] == "]":
                i += 1  # "[]...]", "[^]...]": a ] first in a class is a member
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                head, rest = pattern[:i], pattern[i + 1 :]
                lazy = head.endswith(("+?", "*?")) and not head.endswith("\\+?")
                return rest if lazy and rest and "(?P=" not in rest else None
        i += 1
    return None


@dataclass(frozen=True)
class RoleCues:
    cues: tuple[RoleCue, ...]
    anaphora: tuple[tuple[str, str, str], ...]  # (phrase, actor id, what the work must name)
    holder_types: frozenset[str]
    #: every word one of the cues needs (None: not known for one of them): a provision holding
    #: none assigns no role, and its sentences are not read (``GATES.may_hold``)
    words: frozenset[str] | None = None


@dataclass(frozen=True)
class RoleFinding:
    """One role: ``holder`` (actor id) gets ``kind`` over ``over`` (IRI path kind, id)."""

    ref: str  # the provision
    index: int  # 1, 2 ... within the provision
    holder: str
    kind: str
    over: tuple[str, str] | None  # ("work", id), ("actor", id); None: a coordinator or
    # lead agency of something the gazetteer does not know (no objective follows from it)
    sentence: str
    cue: str


@cache
def load_role_cues() -> RoleCues:
    path = DATA_DIR / "role_cues.yaml"
    data = read_mapping(path)
    cues = tuple(
        RoleCue(
            name=str(c["name"]),
            kinds=tuple(str(k) for k in c["kinds"]),
            pattern=re.compile(str(c["pattern"]), re.IGNORECASE),
            needs=_compile_needs(str(c["pattern"])),
            words=required_words(re.compile(str(c["pattern"]), re.IGNORECASE)),
        )
        for c in data.get("cues", [])
    )
    cues = tuple(
        replace(cue, opening=opening_words(cue.needs)) if cue.needs is not None else cue
        for cue in cues
    )
    for cue in cues:
        GATES.add(cue.words)  # a sentence's words are found once for all the cues
        GATES.add(cue.opening)
        unknown = [k for k in cue.kinds if k not in ROLE_LABELS]
        if unknown:
            from .errors import DataFileError

            raise DataFileError(f"cue {cue.name!r}: unknown role kind {unknown[0]}", str(path))
    anaphora = tuple(
        (str(a["phrase"]).lower(), str(a["actor"]), str(a["named"]).lower())
        for a in data.get("anaphora", [])
    )
    return RoleCues(
        cues,
        anaphora,
        frozenset(str(t) for t in data.get("holder_types", [])),
        any_words(cue.words for cue in cues),
    )


def _compile_needs(pattern: str) -> re.Pattern[str] | None:
    rest = _after_lazy_head(pattern)
    return re.compile(rest, re.IGNORECASE) if rest else None


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


class _Resolver:
    """Names in a span -> gazetteer entries, with the work's own short references."""

    def __init__(self, work, gaz, cues: RoleCues) -> None:
        self.work = work
        self.gaz = gaz
        self.cues = cues
        text = " ".join(p.text for p in work.provisions.values()).lower()
        self.anaphora = [
            (phrase, actor)
            for phrase, actor, named in cues.anaphora
            if named in text and actor in gaz.actors
        ]

    @cached_property
    def compact(self) -> str | None:
        """The Global Compact a "the Global Compact" in this work means (looked for in the
        whole work only when a role's object speaks of a compact)."""
        if "Compact" in self.work.types:
            return self.work.gazetteer_id or self.work.id
        for match in self.gaz.find_instruments(
            " ".join(p.text for p in self.work.provisions.values())
        ):
            if match.entry.type == "Compact":
                return match.entry.id
        return None

    def _anaphora_at(self, low: str) -> list[tuple[int, str]]:
        found = []
        for phrase, actor in self.anaphora:
            bare = re.sub(r"^(the|a|an) ", "", phrase)
            i = low.find(bare)
            if i >= 0:
                found.append((i, actor))
        return found

    def holder(self, span: str) -> str | None:
        found = self._anaphora_at(span.lower())
        for m in self.gaz.find_actors(span):
            if m.entry.type in self.cues.holder_types:
                found.append((m.start, m.entry.id))
        return min(found)[1] if found else None

    def over(self, span: str, *, bodies: bool) -> tuple[str, str] | None:
        """What a role is over: the first instrument the span names (after "implementation
        of" when it says so; "the Global Compact" is the compact this work means, "the
        present resolution" the work itself), or for a coordinator or secretariat the body
        named first; ``None`` when it names none of these."""
        low = span.lower()
        at = low.find("implementation of ")
        if at >= 0:
            span, low = span[at:], low[at:]
        found: list[tuple[int, tuple[str, str]]] = []
        for m in self.gaz.find_all(span):
            if m.entry.id in self.gaz.instruments:
                found.append((m.start, ("work", m.entry.id)))
            elif bodies and getattr(m.entry, "type", "") in self.cues.holder_types:
                found.append((m.start, ("actor", m.entry.id)))
        if bodies:
            found.extend((i, ("actor", actor)) for i, actor in self._anaphora_at(low))
        compact = re.search(r"\b(?:global )?compact\b", low)
        if compact and self.compact:
            found.append((compact.start(), ("work", self.compact)))
        own = re.search(r"\b(?:present|this) (?:resolution|declaration|compact|document)\b", low)
        if own:
            found.append((own.start(), ("work", self.work.id)))
        return min(found)[1] if found else None


def find_roles(work, gaz) -> list[RoleFinding]:
    """Every role the work's provisions assign, in provision order, one per (holder, kind)."""
    cues = load_role_cues()
    resolve = _Resolver(work, gaz, cues)
    out: list[RoleFinding] = []
    for wp in sorted(work.provisions.values(), key=lambda p: p.order):
        if not GATES.may_hold(cues.words, wp.text):
            continue  # most provisions: none of the cues' words, so no sentence a cue matches
        seen: set[tuple[str, str]] = set()
        index = 0
        for sentence in _sentences(wp.text):
            found = GATES.found(sentence)
            words = None if found is None else found.words
            if not may_match_any(cues.words, words):
                continue  # none of the cues' words: no cue matches (most sentences)
            matched_kinds: set[str] = set()
            for cue in cues.cues:
                if "mandateRole" in cue.kinds and matched_kinds:
                    continue  # a named role beats the generic mandate
                if words is not None and cue.words is not None and cue.words.isdisjoint(words):
                    continue  # the test cue.search begins with, without the call
                m = cue.search(sentence, found)
                if not m:
                    continue
                holder = resolve.holder(m.group("holder"))
                if holder is None:
                    continue
                bodies = bool(BODY_KINDS.intersection(cue.kinds))
                over = resolve.over(m.group("over").strip(), bodies=bodies)
                if over is None and not bodies:
                    # a request or a duty to report with no object named: the carrying text
                    over = ("work", work.id)
                if over == ("actor", holder):
                    continue
                for kind in cue.kinds:
                    if (holder, kind) in seen:
                        continue
                    seen.add((holder, kind))
                    matched_kinds.add(kind)
                    index += 1
                    out.append(RoleFinding(wp.ref, index, holder, kind, over, sentence, cue.name))
    return out


def emit_roles(em, work, findings: list[RoleFinding]) -> None:
    """Each finding as a ``pg:RoleAssignment`` with holder, kind, what it is over, the work
    that assigns it and the provision that says so (plus the sentence as ``pg:text`` and its
    span in the canonical copy). ``em`` is the work's :class:`~pactgraph.emit.Emitter`."""
    graph: Graph = em.graph
    minter: Minter = em.minter
    w = minter.work(work.id)
    name = work.symbol or work.id.upper()
    for f in findings:
        provision = minter.provision(work.id, f.ref)
        iri = minter.role(work.id, f.ref, f.index)
        holder = minter.actor(f.holder)
        over = None
        if f.over is not None:
            over = minter.work(f.over[1]) if f.over[0] == "work" else minter.actor(f.over[1])
        graph.add((iri, RDF.type, PG.RoleAssignment))
        label = f"{name} {f.ref}: {f.holder} ({ROLE_LABELS[f.kind]})"
        graph.add((iri, RDFS.label, Literal(label, lang="en")))
        graph.add((iri, PG.roleHolder, holder))
        graph.add((holder, PG.holdsRole, iri))
        graph.add((iri, PG.roleKind, getattr(PG, f.kind)))
        if over is not None:
            graph.add((iri, PG.roleOver, over))
        graph.add((iri, PG.assignedIn, w))
        graph.add((iri, PG.evidence, provision))
        graph.add((iri, PG.text, Literal(f.sentence)))
        wp = work.provisions[f.ref]
        canon = next((p for p in wp.passages if p.document is work.canonical), None)
        if canon is not None:
            em.spans(iri, work.canonical.source, em._locate(work, canon, f.sentence))


__all__ = ["ROLE_LABELS", "RoleFinding", "emit_roles", "find_roles", "load_role_cues"]
