"""The vocabulary of the extract stage, loaded and checked once from the data files.

``data/modality_cues.yaml`` (cue phrases -> modality and grammatical form, each with its source;
the lexicon of adverbs, clause openers, reporting verbs ...) and ``data/actor_patterns.yaml``
(role groups of States, partner phrases, self-references, anaphora, the shapes of instrument and
organization names). A malformed file raises :class:`~pactgraph.errors.DataFileError`.

Where each pattern can match, found cheaply (gate words, first characters, opening words), is
the question of :mod:`.gates`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from ..datafiles import read_mapping
from ..errors import DataFileError
from .gates import (
    GATES,
    Found,
    Gated,
    Scanned,
    Words,
    any_words,
    finditer_from,
    first_scan,
    may_match_any,
    opening_words,
    required_words,
)
from .records import MODALITIES, RANK


@dataclass(frozen=True)
class Cue:
    regex: re.Pattern[str]
    modality: str
    form: str
    needs_subject: bool
    governs: bool
    source: str
    #: what every match contains (:func:`required_words`): a sentence without it is not searched
    needs: frozenset[str] | None = None
    #: the kinds of document the cue reads in (empty: every kind)
    within: frozenset[str] = frozenset()
    #: where a match may begin, found by a scan in C (:func:`first_scan`)
    scan: re.Pattern[str] | None = None
    #: what every match opens with (:func:`opening_words`, registered with the gate words)
    opening: frozenset[str] | None = None

    def finditer(self, text: str, found: Found | None = None) -> Iterator[re.Match[str]]:
        """``regex.finditer(text)``; ``found``: ``GATES.found(text)``, where the places its
        opening words begin are read."""
        return finditer_from(self.regex, text, found, self.opening, self.scan)


@dataclass(frozen=True)
class CueTable:
    cues: tuple[Cue, ...]
    adverbs: tuple[str, ...]
    abbreviations: frozenset[str]
    clause_break: Scanned
    question_words: frozenset[str]
    reported: Scanned
    head_followers: frozenset[str]
    governed: Scanned
    quantifier_of: Scanned
    objective_stopwords: frozenset[str]
    opinion_verbs: re.Pattern[str] = re.compile(r"(?!x)x")
    reporting_frame: Scanned | re.Pattern[str] = re.compile(r"(?!x)x")
    non_verb_openers: frozenset[str] = frozenset()
    recognising: re.Pattern[str] = re.compile(r"(?!x)x")
    position_chapeau: re.Pattern[str] = re.compile(r"(?!x)x")
    objective_parts: frozenset[str] = frozenset()
    #: every word the cues need (:attr:`Cue.needs`), to find in a sentence at once
    words: Words = field(default_factory=lambda: Words(()))
    #: the cues of form "item-initial", in file order (a sub-item opening with one is capped)
    item_initial: tuple[Cue, ...] = ()
    #: :meth:`searched`'s answers, by the words found (a few hundred sets recur)
    _searched: dict[frozenset[str] | None, tuple[Cue, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def searched(self, present: frozenset[str] | None) -> tuple[Cue, ...]:
        """The cues to search in a sentence holding the words ``present`` (of :attr:`words`;
        None: every cue), in file order, the item-initial ones left out."""
        hit = self._searched.get(present)
        if hit is None:
            hit = tuple(
                c for c in self.cues if c.form != "item-initial" and may_match_any(c.needs, present)
            )
            if len(self._searched) >= 4096:
                self._searched.clear()
            self._searched[present] = hit
        return hit


def _alternation(words: Iterable[Any]) -> str:
    return "|".join(
        re.escape(str(w)).replace(r"\ ", r"\s+")
        for w in sorted(map(str, words), key=len, reverse=True)
    )


def read_yaml(name: str) -> dict[str, Any]:
    return read_mapping(resources.files("pactgraph") / "data" / name)


@lru_cache(maxsize=1)
def load_cues() -> CueTable:
    """The modality cue table from ``data/modality_cues.yaml``."""
    data = read_yaml("modality_cues.yaml")
    if list(data.get("order", [])) != list(MODALITIES):
        raise DataFileError("'order' must list the five modalities", locator="modality_cues.yaml")
    cues = []
    for i, row in enumerate(data.get("cues") or []):
        where = f"modality_cues.yaml: cue {i + 1}"
        if row.get("modality") not in RANK or not row.get("source"):
            raise DataFileError("each cue needs a known modality and a source", locator=where)
        try:
            rx = re.compile(r"(?<![\w-])(?:" + row["pattern"] + r")(?![\w-])", re.IGNORECASE)
        except (re.error, KeyError) as exc:
            raise DataFileError(f"bad pattern: {exc}", locator=where) from exc
        cues.append(
            Cue(
                rx,
                row["modality"],
                row.get("form", "verb"),
                bool(row.get("needs_subject", False)),
                bool(row.get("governs", False)),
                row["source"],
                required_words(rx),
                frozenset(map(str, row.get("within") or ())),
                first_scan(rx),
                opening_words(rx),
            )
        )
    lex = data.get("lexicon") or {}
    adverbs = tuple(sorted((str(a) for a in lex.get("adverbs", [])), key=len, reverse=True))
    abbreviations = frozenset(str(a).lower() for a in lex.get("abbreviations", []))
    try:
        openers = _alternation(lex["clause_openers"])
        qualifiers = _alternation(lex["qualifiers_after_where"])
        # "where"/"when" open a clause unless a qualifier follows ("where appropriate")
        clause_break = re.compile(
            rf";|:|\b(?:{openers})\b(?<!where)(?<!when)"
            rf"|\b(?:where|when)\b(?!\s+(?:{qualifiers})\b)"
        )
        reported = re.compile(
            rf"\b(?:{_alternation(lex['reporting_verbs'])})\b(?:\s*,?\s*[\w-]+){{0,3}}?,?\s*$"
        )
        # a preposition with no comma between it and the actor: "of refugees", "in support
        # of refugee communities and host countries"
        governed = re.compile(rf"\b(?:{_alternation(lex['governing_words'])})\s+[^,;:]*$")
        quantifier_of = re.compile(
            rf"\b(?:{_alternation(lex['quantifiers'])})\s+of\s+(?:the\s+)?$", re.IGNORECASE
        )
        opinion_verbs = re.compile(
            rf"^\s*(?:{_alternation(lex.get('opinion_verbs', []))})\b", re.IGNORECASE
        )
        reporting_frame = re.compile(lex["reporting_frames"], re.IGNORECASE)
        recognising = re.compile(
            r"^(?:\s+(?:also|further|therefore|first|\w+ly))*\s+"
            rf"(?:{_alternation(lex['recognition_after_modal'])})\b",
            re.IGNORECASE,
        )
        position_chapeau = re.compile(lex["position_chapeau"], re.IGNORECASE)
    except (KeyError, re.error) as exc:
        raise DataFileError(f"lexicon: {exc}", locator="modality_cues.yaml") from exc
    words = Words(w for c in cues for w in c.needs or ())
    GATES.add(words.words)
    for cue in cues:
        GATES.add(cue.opening)
    return CueTable(
        tuple(cues),
        adverbs,
        abbreviations,
        Scanned(clause_break),
        frozenset(map(str, lex.get("question_words", []))),
        Scanned(reported),
        frozenset(map(str, lex.get("head_followers", []))),
        Scanned(governed),
        Scanned(quantifier_of),
        frozenset(map(str, lex.get("objective_stopwords", []))),
        opinion_verbs,
        Scanned(reporting_frame),
        frozenset(map(str, lex.get("non_verb_openers", []))),
        recognising,
        position_chapeau,
        frozenset(str(x).lower() for x in lex.get("objective_parts", [])),
        words,
        tuple(c for c in cues if c.form == "item-initial"),
    )


@dataclass(frozen=True)
class Patterns:
    role_group: Gated
    not_after: frozenset[str]
    label_rules: tuple[tuple[re.Pattern[str], str, bool], ...]
    stakeholders: tuple[tuple[Gated, str, str], ...]
    partner: Gated
    self_ref: Gated
    protocol_thereto: Gated
    those_instruments: Gated
    instrument: Gated
    instrument_heads: dict[str, str]
    national_act: Gated
    not_first: frozenset[str]
    not_instrument: re.Pattern[str]
    organization: Gated
    organization_heads: dict[str, str]
    organization_not_first: frozenset[str]
    #: (opening line pattern, gazetteer actor id) of the organs that adopt texts
    organs: tuple[tuple[re.Pattern[str], str | None], ...] = ()
    #: (organ id, pattern): where the organ's decisions bind
    binding_decisions: tuple[str, re.Pattern[str]] | None = None
    #: (articles pattern, parties pattern, parties actor id): a treaty and who it binds
    treaty: tuple[re.Pattern[str], re.Pattern[str], str] | None = None
    beneficiaries: frozenset[str] = frozenset()
    #: (pattern, instrument id, document kinds): short forms that name one instrument
    short_forms: tuple[tuple[Gated, str, frozenset[str]], ...] = ()
    #: every word one of the stakeholder patterns needs (None: not known for one of them): a
    #: text holding none is searched by none of them (``GATES.may_hold``)
    stakeholder_words: frozenset[str] | None = None
    #: every word one of the patterns :func:`~.instruments.find_instruments` searches needs
    #: (self-references, anaphora, short forms, instrument and national-act names; None: not
    #: known for one of them): a sentence holding none is searched by none of them
    instrument_words: frozenset[str] | None = None

    def instrument_patterns(self) -> list[Gated]:
        """The patterns :attr:`instrument_words` stands for."""
        named = [self.self_ref, self.protocol_thereto, self.those_instruments]
        named += [self.instrument, self.national_act]
        return [*named, *(g for g, _id, _kinds in self.short_forms)]


def _led_by(pattern: str, first: str, heads: Iterable[str]) -> str:
    """``pattern`` behind a look-ahead for ``first`` (a character class) where every match
    begins with such a character: a name of capitalized words before its head, or the head
    alone, when every head begins so. Elsewhere the look-ahead turns a position down at once,
    where the pattern would enter its repeat of words and try every head (issue 16: these
    two patterns take a third of the time; tests/test_text_shortcuts.py)."""
    lead = re.compile(first)
    if all(lead.match(h) for h in heads):
        return f"(?={first})(?:{pattern})"
    return pattern


@lru_cache(maxsize=1)
def load_patterns() -> Patterns:
    """Role groups, partner phrases, self-references and instrument shapes."""
    d = read_yaml("actor_patterns.yaml")
    try:
        rg = d["role_groups"]
        before = "|".join(
            re.escape(w).replace(r"\ ", r"\s+")
            for w in sorted(map(str, rg["before"]), key=len, reverse=True)
        )
        heads = "|".join(map(re.escape, rg["heads"]))
        bare = "|".join(map(re.escape, rg["bare"]))
        after = rg["after_regex"].strip()
        role = re.compile(
            rf"\b(?:(?:(?:{before})\s+)+(?:{heads})(?:\s+{after})?"
            rf"|(?:{heads})\s+{after}|(?:{bare}))\b(?!\s+of\s+America)"
        )
        rules = tuple(
            (re.compile(r["match"]), r["replace"], bool(r.get("lower_first")))
            for r in rg.get("label_rules", [])
        )
        stake = tuple(
            (Gated(re.compile(rf"\b(?:{s['pattern']})\b", re.IGNORECASE)), s["label"], s["type"])
            for s in d.get("stakeholders", [])
        )
        ins = d["instruments"]
        head_types = {h["head"]: h["type"] for h in ins["heads"]}
        head_rx = "|".join(
            re.escape(h).replace(r"\ ", r"\s+") for h in sorted(head_types, key=len, reverse=True)
        )
        cap = r"(?:[A-Z0-9](?:[\w'’-]|\.(?=\w))*|\d{4}(?:[–-]\d{4})?)"
        inner = ins["inner"]
        name_tail = rf"[A-Z](?:[\w'’-]|\.(?=\w))*(?:(?:\s+|,\s+)(?:(?:{inner})\s+)*{cap})*"
        instrument = re.compile(
            _led_by(
                rf"(?P<pre>(?:{cap}\s+){{0,6}}?)(?P<head>{head_rx})(?![\w-])"
                rf"(?:\s+(?:{ins['connectors']})\s+(?:the\s+)?(?P<tail>{name_tail}))?",
                r"[A-Z\d]",  # what {cap} and every head begin with
                head_types,
            )
        )
        org = d["organizations"]
        org_types = {h["head"]: h["type"] for h in org["heads"]}
        org_heads = "|".join(
            re.escape(h).replace(r"\ ", r"\s+") for h in sorted(org_types, key=len, reverse=True)
        )
        word = r"[A-Z][\w'’-]*"
        org_name = (
            rf"(?:{word}\s+){{0,8}}(?P<head>{org_heads})(?![\w-])"
            rf"(?:\s+(?:{org['inner']})(?:\s+(?:{org['inner']}))*\s+{word}"
            rf"(?:\s+(?:(?:{org['inner']})\s+)*{word})*)?"
        )
        pats = Patterns(
            organization=Gated(re.compile(_led_by(org_name, "[A-Z]", org_types))),
            organization_heads=org_types,
            organization_not_first=frozenset(org.get("not_first", [])),
            role_group=Gated(role),
            not_after=frozenset(rg.get("not_after", [])),
            label_rules=rules,
            stakeholders=stake,
            partner=Gated(re.compile(d["partner_markers"].strip())),
            self_ref=Gated(re.compile(d["self_references"].strip())),
            protocol_thereto=Gated(re.compile(d["anaphora"]["protocol_thereto"].strip())),
            those_instruments=Gated(re.compile(d["anaphora"]["those_instruments"].strip())),
            instrument=Gated(instrument),
            instrument_heads=head_types,
            national_act=Gated(re.compile(ins["national_act"])),
            not_first=frozenset(ins.get("not_first", [])),
            not_instrument=re.compile(ins["not_instruments"].strip()),
            organs=tuple(
                (re.compile(o["pattern"], re.MULTILINE), o["actor"] and str(o["actor"]))
                for o in d["organs"]
            ),
            binding_decisions=(
                str(d["binding_decisions"]["organ"]),
                re.compile(d["binding_decisions"]["pattern"]),
            ),
            treaty=(
                re.compile(d["treaty"]["articles"]),
                re.compile(d["treaty"]["parties"]),
                str(d["treaty"]["actor"]),
            ),
            beneficiaries=frozenset(map(str, d.get("beneficiaries", []))),
            stakeholder_words=any_words(g.words for g, _label, _type in stake),
            short_forms=tuple(
                (Gated(re.compile(s["pattern"])), str(s["instrument"]), frozenset(s["kinds"]))
                for s in d["anaphora"].get("short_forms", [])
            ),
        )
        return replace(
            pats, instrument_words=any_words(g.words for g in pats.instrument_patterns())
        )
    except (KeyError, TypeError, re.error) as exc:
        raise DataFileError(f"malformed entry: {exc}", locator="actor_patterns.yaml") from exc
