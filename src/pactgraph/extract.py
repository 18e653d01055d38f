"""Extract stage: what each provision says, how strongly, who must act and what it cites.

Takes a structured :class:`~pactgraph.model.Provision` (or a whole
:class:`~pactgraph.model.Document`), an :class:`AnalysisContext` describing the carrying work,
and a gazetteer (``pactgraph.gazetteer.Gazetteer`` or anything with the same ``find_actors`` /
``find_instruments`` / ``find_states`` / ``instrument_by_*`` / ``instrument`` methods). Gives a
:class:`ProvisionAnalysis` per provision: its :class:`Statement` s (one per sentence) with their
deontic modality, bearers, partners, cited instruments and objectives.

The knowledge lives in data files, not here: ``data/modality_cues.yaml`` (cue phrases ->
modality, with the source of each row) and ``data/actor_patterns.yaml`` (role groups of States,
partner phrases, self-references, anaphora and the shapes of instrument names). The rules:

* sentences are split at full stops that are not abbreviations and at inline list items;
  run-on text is cut at :data:`MAX_SENTENCE` so the analysis stays linear;
* the modality of a sentence is its strongest cue; cues inside the complement of a governing
  verb ("We note that X will ...") do not count; a provision's modality is its strongest
  sentence; a sub-item takes at least its chapeau's modality and bearers, except that an item
  opening with "Consider ..." is capped at intention;
* the bearer of a cue is its subject ("we" -> the issuer), the object of an asking verb ("we
  request the Secretary-General to" -> the Secretary-General), the subject of a passive request
  ("The President ... is invited to"), or X in "should be envisaged for X"; actors named after
  "in cooperation with" and the like are partners; an actor inside a prepositional phrase
  ("of refugees") or a modifier ("private sector investment") is not a subject; a modal whose
  subject is nobody ("Large movements ... must have support"), in an indirect question or in
  reported speech ("we said that we would") binds no one; an appeal naming nobody is
  addressed to the provision's named bearers, else to States; in a report only the
  Secretary-General's own "I will" is a commitment, the rest is encouragement;
* bodies the gazetteer lacks are found by the shape of their names ("the Regional Office for
  ... "), and a short form ("the High-level Dialogue") resolves to the one body it begins;
* instruments are gazetteer matches, anaphora ("the 1967 Protocol thereto", "those
  instruments"), identifiers in called footnotes (UNTS numbers, resolution symbols), and names
  shaped like instruments (a protocol "thereto" of an unknown convention is named after it);
  the carrying work's references to itself, the work it drafts and its own annexes
  (:func:`own_ids`) are not citations, nor is a collective reference whose members are cited;
* objectives come from the enclosing "OBJECTIVE n" section, SDG targets named in the text, and
  for position papers from token overlap with the objective titles (:data:`OBJECTIVE_MATCH`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Protocol

from .datafiles import read_mapping
from .errors import DataFileError
from .iris import slug
from .model import Document, Provision

__all__ = [
    "MODALITIES",
    "AnalysisContext",
    "EntityRef",
    "ProvisionAnalysis",
    "Statement",
    "analyse_document",
    "analyse_provision",
    "context_for",
    "load_cues",
    "split_sentences",
]

#: Modalities from weakest to strongest (pg:ModalityScheme ordinals 1..5).
MODALITIES: tuple[str, ...] = (
    "recognition",
    "encouragement",
    "intention",
    "commitment",
    "obligation",
)
_RANK = {m: i for i, m in enumerate(MODALITIES)}

#: Longest sentence analysed as one (characters); the longest in the corpus is about 750.
#: Longer runs are cut at their last clause break, which keeps the analysis linear.
MAX_SENTENCE = 2000

#: Position-paper items link to the objectives whose titles share (share, least words) with
#: the item and its heading; at most ``most``, best first (see :func:`match_objectives`).
OBJECTIVE_MATCH = (0.34, 2, 3)


# ----------------------------------------------------------------------------- data types
@dataclass(frozen=True)
class EntityRef:
    """An actor or instrument a statement names: a gazetteer entry or a pattern find."""

    id: str
    label: str
    type: str
    known: bool


@dataclass
class Statement:
    """One sentence of a provision with what it says."""

    index: int
    text: str
    start: int
    end: int
    modality: str
    bearers: list[EntityRef] = field(default_factory=list)
    partners: list[EntityRef] = field(default_factory=list)
    cites: list[EntityRef] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    issuer: EntityRef | None = None
    is_position: bool = False
    bearers_implied: bool = False  # nobody named: the bearers are the default addressee


@dataclass
class ProvisionAnalysis:
    """What a provision says, summed over its statements."""

    ref: str
    modality: str
    is_commitment: bool
    bearers: list[EntityRef]
    partners: list[EntityRef]
    cites: list[EntityRef]
    objective: str | None
    statements: list[Statement]


@dataclass
class AnalysisContext:
    """What the caller knows about the work that carries the provisions."""

    work_id: str
    doc_kind: str
    issuer: EntityRef | None
    self_ids: frozenset[str] = frozenset()
    objectives: dict[str, str] = field(default_factory=dict)
    footnotes: dict[str, str] = field(default_factory=dict)


class GazetteerLike(Protocol):
    """The part of ``pactgraph.gazetteer.Gazetteer`` the extract stage uses."""

    def find_actors(self, text: str) -> list[Any]: ...
    def find_instruments(self, text: str) -> list[Any]: ...
    def find_states(self, text: str) -> list[Any]: ...
    def instrument_by_symbol(self, s: str) -> Any: ...
    def instrument_by_unts(self, text: str) -> Any: ...
    def instrument(self, id: str) -> Any: ...


# ----------------------------------------------------------------------------- data files
@dataclass(frozen=True)
class Cue:
    regex: re.Pattern[str]
    modality: str
    form: str
    needs_subject: bool
    governs: bool
    source: str


@dataclass(frozen=True)
class CueTable:
    cues: tuple[Cue, ...]
    adverbs: tuple[str, ...]
    abbreviations: frozenset[str]
    clause_break: re.Pattern[str]
    question_words: frozenset[str]
    reported: re.Pattern[str]
    head_followers: frozenset[str]
    governed: re.Pattern[str]
    quantifier_of: re.Pattern[str]
    objective_stopwords: frozenset[str]


def _alternation(words: Iterable[Any]) -> str:
    return "|".join(
        re.escape(str(w)).replace(r"\ ", r"\s+")
        for w in sorted(map(str, words), key=len, reverse=True)
    )


def _read_yaml(name: str) -> dict[str, Any]:
    return read_mapping(resources.files("pactgraph") / "data" / name)


@lru_cache(maxsize=1)
def load_cues() -> CueTable:
    """The modality cue table from ``data/modality_cues.yaml``."""
    data = _read_yaml("modality_cues.yaml")
    if list(data.get("order", [])) != list(MODALITIES):
        raise DataFileError("'order' must list the five modalities", locator="modality_cues.yaml")
    cues = []
    for i, row in enumerate(data.get("cues") or []):
        where = f"modality_cues.yaml: cue {i + 1}"
        if row.get("modality") not in _RANK or not row.get("source"):
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
    except (KeyError, re.error) as exc:
        raise DataFileError(f"lexicon: {exc}", locator="modality_cues.yaml") from exc
    return CueTable(
        tuple(cues),
        adverbs,
        abbreviations,
        clause_break,
        frozenset(map(str, lex.get("question_words", []))),
        reported,
        frozenset(map(str, lex.get("head_followers", []))),
        governed,
        quantifier_of,
        frozenset(map(str, lex.get("objective_stopwords", []))),
    )


@dataclass(frozen=True)
class Patterns:
    role_group: re.Pattern[str]
    not_after: frozenset[str]
    label_rules: tuple[tuple[re.Pattern[str], str, bool], ...]
    stakeholders: tuple[tuple[re.Pattern[str], str, str], ...]
    partner: re.Pattern[str]
    self_ref: re.Pattern[str]
    protocol_thereto: re.Pattern[str]
    those_instruments: re.Pattern[str]
    instrument: re.Pattern[str]
    instrument_heads: dict[str, str]
    national_act: re.Pattern[str]
    not_first: frozenset[str]
    not_instrument: re.Pattern[str]
    organization: re.Pattern[str]
    organization_heads: dict[str, str]
    organization_not_first: frozenset[str]


@lru_cache(maxsize=1)
def load_patterns() -> Patterns:
    """Role groups, partner phrases, self-references and instrument shapes."""
    d = _read_yaml("actor_patterns.yaml")
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
            (re.compile(rf"\b(?:{s['pattern']})\b", re.IGNORECASE), s["label"], s["type"])
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
            rf"(?P<pre>(?:{cap}\s+){{0,6}}?)(?P<head>{head_rx})(?![\w-])"
            rf"(?:\s+(?:{ins['connectors']})\s+(?:the\s+)?(?P<tail>{name_tail}))?"
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
        return Patterns(
            organization=re.compile(org_name),
            organization_heads=org_types,
            organization_not_first=frozenset(org.get("not_first", [])),
            role_group=role,
            not_after=frozenset(rg.get("not_after", [])),
            label_rules=rules,
            stakeholders=stake,
            partner=re.compile(d["partner_markers"].strip()),
            self_ref=re.compile(d["self_references"].strip()),
            protocol_thereto=re.compile(d["anaphora"]["protocol_thereto"].strip()),
            those_instruments=re.compile(d["anaphora"]["those_instruments"].strip()),
            instrument=instrument,
            instrument_heads=head_types,
            national_act=re.compile(ins["national_act"]),
            not_first=frozenset(ins.get("not_first", [])),
            not_instrument=re.compile(ins["not_instruments"].strip()),
        )
    except (KeyError, TypeError, re.error) as exc:
        raise DataFileError(f"malformed entry: {exc}", locator="actor_patterns.yaml") from exc


# ----------------------------------------------------------------------------- sentences
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = str.maketrans(_SUPERSCRIPTS, "0123456789")
_BOUNDARY = re.compile(
    r"(?P<end>[.!?](?:[\"'”’)\]*]|[" + _SUPERSCRIPTS + r"]+)*)\s+(?=[\"“‘(*]?[A-Z0-9])"
    r"|(?P<semi>;)\s+(?=\(?[a-z]\)\s|\(?[ivx]+\)\s)"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Half-open spans of the sentences of ``text``.

    A full stop ends a sentence unless it follows an abbreviation ("vol.", "No.", "e.g.",
    "Mr.", "U.S.") or a single capital; an inline list item after a semicolon ("...; (b)
    reduce ...") starts a new sentence. Footnote superscripts stay with their sentence.
    """
    table = load_cues()
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        cut = m.end("end") if m.group("end") else m.end("semi")
        if m.group("end") and m.group("end")[0] == ".":
            window = text[max(start, m.start("end") - 40) : m.start("end") + 1]
            word = re.search(r"([\w.]+)\.$", window)
            token = word.group(1).lower() if word else ""
            if token in table.abbreviations or re.fullmatch(r"[a-z]", token):
                continue
            if re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):
                continue
        spans.append(_trim(text, start, cut))
        start = m.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while e - s > MAX_SENTENCE:  # run-on text: cut at the last clause break in reach
            cut = max(text.rfind("; ", s, s + MAX_SENTENCE), text.rfind(", ", s, s + MAX_SENTENCE))
            if cut <= s:
                cut = text.rfind(" ", s, s + MAX_SENTENCE)
            cut = cut + 1 if cut > s else s + MAX_SENTENCE
            out.append(_trim(text, s, cut))
            s = cut
        out.append(_trim(text, s, e))
    return [x for x in out if x[1] > x[0]]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ----------------------------------------------------------------------------- entities
@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    ref: EntityRef


def _entry_ref(entry: Any) -> EntityRef:
    return EntityRef(str(entry.id), str(entry.label), str(entry.type), True)


def _non_overlapping(items: Iterable[_Found]) -> list[_Found]:
    """Longest first, earlier first; drop anything overlapping a kept item."""
    items = list(items)
    taken = bytearray(max((f.end for f in items), default=0) + 1)
    kept: list[_Found] = []
    for f in sorted(items, key=lambda f: (-(f.end - f.start), f.start, not f.ref.known)):
        if not any(taken[f.start : f.end]):
            taken[f.start : f.end] = b"\x01" * (f.end - f.start)
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


def _role_label(surface: str) -> str:
    pats = load_patterns()
    label = re.sub(r"\s+", " ", surface).strip()
    for rx, repl, lower_first in pats.label_rules:
        if lower_first and rx.search(label):
            label = label[0].lower() + label[1:]  # "Host States" at a sentence start
            continue
        label = rx.sub(repl, label).strip()
    return label or surface


def find_actors(text: str, gaz: GazetteerLike) -> list[_Found]:
    """Actors named in ``text``: gazetteer entries, States, role groups, stakeholder groups."""
    pats = load_patterns()
    found: list[_Found] = []
    for finder in (gaz.find_actors, gaz.find_states):
        for m in finder(text) or []:
            found.append(_Found(m.start, m.end, _entry_ref(m.entry)))
    for m in pats.role_group.finditer(text):
        prev = re.search(r"(\w+)\s*$", text[max(0, m.start() - 40) : m.start()])
        if prev and prev.group(1) in pats.not_after:
            continue
        label = _role_label(m.group(0))
        ref = _canonical(label, gaz) or EntityRef(slug(label), label, "StateGroup", False)
        found.append(_Found(m.start(), m.end(), ref))
    for rx, label, typ in pats.stakeholders:
        for m in rx.finditer(text):
            ref = _canonical(label, gaz) or EntityRef(slug(label), label, typ, False)
            found.append(_Found(m.start(), m.end(), ref))
    known = [(f.start, f.end) for f in found if f.ref.known]
    known += [(m.start, m.end) for m in gaz.find_instruments(text) or []]
    for f in _organizations(text):
        if all(f.end <= a or f.start >= b for a, b in known):
            short = _short_form(f.ref.label, gaz)
            found.append(_Found(f.start, f.end, short) if short else f)
    return _non_overlapping(found)


def _organizations(text: str) -> list[_Found]:
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
        label = re.sub(r"\s+", " ", text[start : m.end()]).strip()
        if label == re.sub(r"\s+", " ", m.group("head")) and not label[0].isupper():
            continue
        if len(label.split()) < 2:
            continue  # a bare head word ("Office", "Council") names no one in particular
        typ = pats.organization_heads.get(re.sub(r"\s+", " ", m.group("head")), "Actor")
        out.append(_Found(start, m.end(), EntityRef(slug(label), label, typ, False)))
    return out


def _short_form(label: str, gaz: GazetteerLike) -> EntityRef | None:
    """The one gazetteer actor whose name begins with ``label``: "the High-level Dialogue",
    written after the full name, is the High-level Dialogue on International Migration and
    Development. None when no name or several actors' names begin so."""
    actors = getattr(gaz, "actors", None)
    if not isinstance(actors, dict):
        return None
    key = label.lower() + " "
    hits = {
        a.id: a for a in actors.values() if any(str(n).lower().startswith(key) for n in a.names())
    }
    return _entry_ref(next(iter(hits.values()))) if len(hits) == 1 else None


def _canonical(label: str, gaz: GazetteerLike) -> EntityRef | None:
    """The gazetteer entry a pattern find's whole label names, if any."""
    for m in gaz.find_actors(label) or []:
        if m.start == 0 and m.end == len(label):
            return _entry_ref(m.entry)
    return None


def _dedupe(refs: Iterable[EntityRef]) -> list[EntityRef]:
    seen: dict[str, EntityRef] = {}
    for r in refs:
        seen.setdefault(r.id, r)
    return list(seen.values())


# ----------------------------------------------------------------------------- instruments
_FOOTNOTE_SYMBOL = re.compile(
    r"\b(?:resolution|decision)\s+(?P<n>\d+/\d+)(?:\s*,?\s*annex(?:\s+[IVX]+)?)?"
    r"|\b(?P<sym>[A-Z]{1,6}(?:/[A-Z0-9.]+)+)"
    r"|\bresolution\s+(?P<old>\d+\s*[A-Z]?\s*\([IVXL]+\))",
    re.IGNORECASE,
)


def _footnote_instruments(note: str, previous: str | None, gaz: GazetteerLike) -> list[Any]:
    """Instruments a footnote identifies: UNTS references and resolution symbols."""
    out: list[Any] = []
    text = note.strip()
    if re.match(r"^\*?ibid\.?\*?", text, re.IGNORECASE) and previous:
        series = re.match(r"^(.*?Treaty\s+Series\*?,)", previous.replace("*", ""))
        text = re.sub(
            r"^\*?ibid\.?\*?,?",
            (series.group(1) if series else "United Nations, Treaty Series,"),
            text,
            flags=re.IGNORECASE,
        )
    clean = text.replace("*", "")
    if re.search(r"Treaty\s+Series|\bvols?\.", clean):
        vols = re.search(r"vols?\.\s*([\d,\sand]+?),?\s*No\.\s*(\d+)", clean)
        candidates = [clean]
        if vols:
            numbers = re.findall(r"\d+", vols.group(1))
            number = vols.group(2)
            candidates += [
                f"United Nations, Treaty Series, vol. {v}, No. {number}" for v in numbers
            ]
        many = getattr(gaz, "instruments_by_unts", None)
        for c in candidates:
            if many is not None:
                out.extend(many(c))
                continue
            hit = gaz.instrument_by_unts(c)
            if hit is not None:
                out.append(hit)
    for m in _FOOTNOTE_SYMBOL.finditer(clean):
        if m.group("n"):
            tries = [f"A/RES/{m.group('n')}", f"Resolution {m.group('n')}", m.group("n")]
        elif m.group("old"):
            tries = [f"A/RES/{m.group('old').replace(' ', '')}", m.group(0)]
        else:
            tries = [m.group("sym")]
        for t in tries:
            hit = gaz.instrument_by_symbol(t)
            if hit is not None:
                out.append(hit)
                break
    return out


def _pattern_instruments(text: str, taken: list[tuple[int, int]]) -> list[_Found]:
    pats = load_patterns()
    found: list[_Found] = []
    for m in pats.instrument.finditer(text):
        pre = m.group("pre") or ""
        words = pre.split()
        while words and (words[0] in pats.not_first or not words[0][:1].isupper()):
            words.pop(0)
        head = re.sub(r"\s+", " ", m.group("head"))
        tail = m.group("tail")
        if not words and not tail:
            continue  # a bare head word ("the Convention") names nothing
        start = m.start("head") - len(" ".join(words)) - (1 if words else 0)
        start = m.start("head") if not words else text.rfind(words[0], m.start(), m.start("head"))
        end = m.end()
        joined = re.search(r",?\s+and\s+the\s+|,\s+the\s+", text[m.start("head") : end])
        if joined:  # "... Fisherfolk and the Optional Protocol": two names, keep the first
            end = m.start("head") + joined.start()
        label = re.sub(r"\s+", " ", text[start:end]).strip(" ,")
        if pats.not_instrument.match(label) or re.fullmatch(r"[\d\s–-]+" + re.escape(head), label):
            continue
        typ = pats.instrument_heads.get(head, "Instrument")
        found.append(_Found(start, start + len(label), EntityRef(slug(label), label, typ, False)))
    for m in pats.national_act.finditer(text):
        lead = re.match(r"(?:The|the)\s+", m.group(0))
        start = m.start() + (lead.end() if lead else 0)
        label = re.sub(r"\s+", " ", text[start : m.end()])
        found.append(_Found(start, m.end(), EntityRef(slug(label), label, "NationalLaw", False)))
    return [f for f in _non_overlapping(found) if all(f.end <= a or f.start >= b for a, b in taken)]


def find_instruments(
    text: str,
    gaz: GazetteerLike,
    ctx: AnalysisContext,
    *,
    prior: Sequence[EntityRef] = (),
) -> tuple[list[_Found], list[tuple[int, int]]]:
    """Instruments cited in ``text`` (in order) and the spans of its self-references.

    ``prior`` are instruments cited earlier in the same provision, for anaphora.
    """
    pats = load_patterns()
    selfs = [(m.start(), m.end()) for m in pats.self_ref.finditer(text)]
    found = [
        _Found(m.start, m.end, _entry_ref(m.entry))
        for m in gaz.find_instruments(text) or []
        if not _common_phrase(m.text)
    ]
    # a topic inside a body's name is part of that name, not a citation: "the Third High-level
    # Dialogue on International Migration and Development" cites no resolution of that title
    # (but "the Conference to Adopt the Global Compact ..." does cite the compact)
    bodies = [(m.start, m.end) for m in gaz.find_actors(text) or []]
    topics = [
        f
        for f in found
        if any(
            a < f.start
            and f.end <= b
            and re.search(r"\b(?:on|for|of)\s+(?:the\s+)?$", text[a : f.start])
            for a, b in bodies
        )
    ]
    found = [f for f in found if f not in topics]
    found = _non_overlapping(found)
    kept: list[_Found] = []
    self_ids = own_ids(ctx.self_ids, gaz)
    for f in found:
        if f.ref.id in self_ids:
            selfs.append((f.start, f.end))
            continue
        # "this Global Compact for Safe, ...": a self-reference prefix swallows the name
        if any(a <= f.start <= b + 1 for a, b in selfs):
            selfs.append((f.start, f.end))
            continue
        kept.append(f)
    anaphora = [
        (m.start(), m.end())
        for rx in (pats.protocol_thereto, pats.those_instruments)
        for m in rx.finditer(text)
    ]
    taken = [(f.start, f.end) for f in kept] + selfs + anaphora
    taken += [(f.start, f.end) for f in topics]
    self_labels = _self_labels(ctx, gaz)
    for f in _pattern_instruments(text, taken):
        if any(f.ref.label.lower() in lab for lab in self_labels):
            selfs.append((f.start, f.end))  # "the Global Compact" in the Global Compact
            continue
        kept.append(f)
    # anaphora, resolved against what was named before them
    for m in pats.protocol_thereto.finditer(text):
        before = [f for f in kept if f.end <= m.start()] or [_Found(-1, -1, r) for r in prior]
        parent = next((f.ref for f in reversed(before) if f.ref.type != "Protocol"), None)
        if parent is None:
            continue
        children = _protocols_of(parent.id, gaz) if parent.known else []
        if not parent.known and not m.group("count"):
            # a protocol to a convention no gazetteer lists: name it after its parent
            kind = "Optional Protocol" if re.search(r"optional", m.group(0), re.I) else "Protocol"
            label = f"{kind} to the {parent.label}"
            children = [EntityRef(slug(label), label, "Protocol", False)]
        year = m.group("year")
        if year:
            children = [c for c in children if year in f"{c.label} {getattr(c, 'date', '')}"]
        count = m.group("count")
        if count:
            n = {"two": 2, "three": 3, "four": 4}.get(count.lower()) or int(count)
            children = children[:n]
        elif not re.search(r"protocols", m.group(0), re.IGNORECASE):
            children = children[:1]
        for c in children:
            kept.append(_Found(m.start(), m.end(), c))
    for m in pats.those_instruments.finditer(text):
        before = [f.ref for f in kept if f.end <= m.start()] or list(prior)
        for ref in before[-2:] if before else []:
            kept.append(_Found(m.start(), m.end(), ref))
    return sorted(kept, key=lambda f: f.start), selfs


_SEPARATE_TREATIES = frozenset({"Protocol", "Agreement", "Convention", "Treaty"})
_OWN_IDS: dict[tuple[int, frozenset[str]], frozenset[str]] = {}


def own_ids(self_ids: frozenset[str], gaz: GazetteerLike) -> frozenset[str]:
    """``self_ids`` with what else names the same text in the gazetteer.

    The work a draft is a version of (its parent, when the draft's label contains the
    parent's: "Global Compact for Safe, Orderly and Regular Migration (zero draft)"), and the
    work's own parts (instruments whose parent it is, such as the comprehensive refugee
    response framework in annex I of A/RES/71/1), except separate treaties attached to it
    (protocols, agreements).
    """
    key = (id(gaz), frozenset(self_ids))
    if key in _OWN_IDS:
        return _OWN_IDS[key]
    out = set(self_ids)
    entries = getattr(gaz, "instruments", None)
    entries = entries() if callable(entries) else entries
    every = list(entries.values() if isinstance(entries, dict) else entries or [])
    for i in self_ids:
        e = _lookup(gaz.instrument, i)
        parent = _lookup(gaz.instrument, str(e.parent)) if e is not None and e.parent else None
        if parent is not None and str(parent.label).lower() in str(e.label).lower():
            out.add(str(parent.id))
    for e in every:  # parts of the work as given, not of the work a draft is a version of
        if getattr(e, "parent", None) in self_ids and str(e.type) not in _SEPARATE_TREATIES:
            out.add(str(e.id))
    _OWN_IDS[key] = frozenset(out)
    return _OWN_IDS[key]


def _common_phrase(surface: str) -> bool:
    """A short all-lowercase match ("diaspora policy", "refugee instruments") is ordinary prose,
    not the name of an instrument, whatever alias it happens to equal."""
    return len(surface.split()) <= 3 and not re.search(r"[A-Z0-9]", surface)


def _self_labels(ctx: AnalysisContext, gaz: GazetteerLike) -> list[str]:
    out = []
    for i in sorted(own_ids(ctx.self_ids, gaz)):
        e = _lookup(gaz.instrument, i)
        if e is not None:
            out += [str(x).lower() for x in [e.label, *(getattr(e, "aliases", None) or [])]]
    return out


def _lookup(getter: Any, key: str) -> Any:
    """A gazetteer look-up that answers None for an unknown id (the API raises KeyError)."""
    try:
        return getter(key)
    except KeyError:
        return None


def _protocols_of(parent_id: str, gaz: GazetteerLike) -> list[EntityRef]:
    """Gazetteer instruments whose ``parent`` is ``parent_id``, in gazetteer order."""
    entries = getattr(gaz, "instruments", None)
    if callable(entries):
        entries = entries()
    if entries is None:
        entries = getattr(gaz, "_instruments", {})
    if isinstance(entries, dict):
        entries = list(entries.values())
    return [_entry_ref(e) for e in entries if getattr(e, "parent", None) == parent_id]


# ----------------------------------------------------------------------------- cues
@dataclass
class _Hit:
    start: int
    end: int
    cue: Cue
    subject: str = "none"  # "we" | "i" | "self" | "actor" | "none"
    bearers: list[EntityRef] = field(default_factory=list)
    inner: bool = False
    speaker: list[EntityRef] | None = None  # an actor subject of an asking verb


_FIRST_PLURAL = re.compile(r"(?:^|[^\w])(?:we|We|WE)$")
_FIRST_SINGULAR = re.compile(r"(?:^|[^\w])I$")


def _strip_adverbs(left: str, adverbs: Sequence[str]) -> str:
    t = left[-300:].rstrip(" ,")  # only the words just before the verb matter
    changed = True
    while changed:
        changed = False
        low = t.lower()
        for a in adverbs:
            if low.endswith(a.lower()) and (len(t) == len(a) or t[-len(a) - 1] in " ,"):
                t = t[: len(t) - len(a)].rstrip(" ,")
                changed = True
                break
    return t


def _subject(
    sent: str, hit_start: int, prior: list[_Hit], actors: list[_Found], partner_spans
) -> tuple[str, list[EntityRef]]:
    """Who the verb at ``hit_start`` has as subject.

    "we" / "i" (first person), "self" (the carrying text: "This Global Compact aims to"),
    "actor" (with the actors), "reported" (first person inside reported speech: "we said
    that we would ..."), "embedded" (inside an indirect question: "how the international
    community should respond"), or "none".
    """
    table = load_cues()
    left = _strip_adverbs(sent[:hit_start], table.adverbs)
    breaks = [
        m
        for m in table.clause_break.finditer(sent, 0, hit_start)
        if not any(f.start < m.start() < f.end for f in actors)
    ]
    clause_start = breaks[-1].end() if breaks else 0
    if breaks and breaks[-1].group(0).lower() in table.question_words:
        return "embedded", []
    if _FIRST_PLURAL.search(left) or _FIRST_SINGULAR.search(left):
        person = "we" if _FIRST_PLURAL.search(left) else "i"
        if (
            breaks
            and breaks[-1].group(0) == "that"
            and table.reported.search(sent[: breaks[-1].start()])
        ):
            return "reported", []
        return person, []
    if re.search(r"(?:^|[\s,])(?:and|or|but|as well as)$", left) and prior:
        p = prior[-1]
        return p.subject, list(p.bearers)
    candidates = [
        f
        for f in actors
        if f.start >= clause_start
        and f.end <= hit_start
        and not _inside(f, partner_spans)
        and not _modifier(sent, f, hit_start)
    ]
    clause = _subject_actors(sent, candidates, clause_start)
    if clause:
        return "actor", _dedupe(clause)
    if load_patterns().self_ref.search(sent[clause_start:hit_start]):
        return "self", []
    if breaks and breaks[-1].group(0) in ("that", "which", "who"):
        # relative clause: "Governments that have not yet ... are encouraged to" -> its head
        head_end = breaks[-1].start()
        heads = [f for f in actors if 0 <= head_end - f.end <= 2]
        if heads:
            return "actor", [heads[-1].ref]
    return "none", []


def _modifier(sent: str, f: _Found, hit_start: int) -> bool:
    m = re.match(r"\s+([a-z][a-z-]*)\b", sent[f.end :])
    if not m or f.end + m.start(1) >= hit_start:
        return False
    return m.group(1) not in load_cues().head_followers


_COORDINATED = re.compile(r"^\s*(?:,\s*(?:and|or)?|and|or|as\s+well\s+as)\s+(?:the\s+|other\s+)*$")
_PASSIVE_BY = re.compile(
    r"(?:\s+\w+){0,2}?\s+be\s+(?:\w+(?:ed|en|t)\b)(?:\s+and\s+\w+(?:ed|en|t))?\s+by\s+"
)


def _subject_actors(sent: str, found: list[_Found], start: int) -> list[EntityRef]:
    """Actors that head the subject noun phrase, not those inside its prepositional phrases.

    "At the outset of a large movement of refugees, receiving States ... would" -> receiving
    States; "Each of the Regional Economic Commissions shall" -> the Commissions.
    """
    out: list[EntityRef] = []
    prev: _Found | None = None
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


def _in_list(sent: str, found: list[_Found], k: int, between: str) -> bool:
    """Whether a comma joins list members ("of refugees, migrants and others") rather than
    closing an opening phrase ("of refugees, receiving States, bearing in mind ...")."""
    if re.search(r"\b(?:and|or)\b|as\s+well\s+as", between):
        return True
    if k + 1 < len(found):
        nxt = sent[found[k].end : found[k + 1].start]
        return bool(_COORDINATED.match(nxt))
    return False


def _inside(f: _Found, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= f.start and f.end <= b for a, b in spans)


def _partner_spans(sent: str, cue_starts: Sequence[int]) -> list[tuple[int, int]]:
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


def _object_bearers(sent: str, end: int, actors: list[_Found]) -> list[EntityRef]:
    """The addressee of an asking verb: actors before the infinitive "to <verb>"."""
    tail = sent[end:]
    m = re.search(r"\bto(?:\s+(?!the\b|a\b|an\b|those\b|these\b|its\b|their\b)[a-z]+|\s*:)", tail)
    if not m or m.start() > 300:
        return []
    obj_end = end + m.start()
    rel = re.search(r"\b(?:that|which|who|whose)\b", sent[end:obj_end])
    cut = end + rel.start() if rel else obj_end
    inside = [f for f in actors if f.start >= end and f.start < cut]
    if not inside and re.fullmatch(r"\s*(?:it|them)\s*", sent[end:obj_end]):
        # "We welcome the work of IOM and encourage it to continue": the body just named
        before = [f for f in actors if f.end <= end]
        return [before[-1].ref] if before else []
    return _dedupe(_subject_actors(sent, inside, end))


def _agent_after(sent: str, end: int, actors: list[_Found]) -> list[EntityRef]:
    """The agent of a passive: "will be developed and initiated by X" -> X."""
    m = _PASSIVE_BY.match(sent[end:])
    if not m:
        return []
    start = end + m.end()
    stop = re.search(r",|;|:|\.|\bin\s+(?:close\s+)?(?:coordination|cooperation)", sent[start:])
    stop_at = start + (stop.start() if stop else len(sent) - start)
    return _dedupe(f.ref for f in actors if f.start >= start and f.end <= stop_at)


def _after_for(sent: str, end: int, actors: list[_Found]) -> list[EntityRef]:
    stop = re.search(r"[;:.]", sent[end:])
    stop_at = end + (stop.start() if stop else len(sent) - end)
    inside = [f for f in actors if f.start >= end and f.end <= stop_at]
    return _dedupe(_subject_actors(sent, inside, end))


def _cue_hits(sent: str, actors: list[_Found]) -> list[_Hit]:
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
    partner_spans = _partner_spans(sent, [r[0] for r in raw if r[2].form in ("verb", "passive")])
    hits: list[_Hit] = []
    governor: _Hit | None = None
    for start, end, cue in raw:
        h = _Hit(start, end, cue)
        if cue.form == "chapeau":
            h.subject = "we"
        elif cue.form == "passive-for":
            h.subject, h.bearers = "actor", _after_for(sent, end, actors)
        else:
            h.subject, h.bearers = _subject(sent, start, hits, actors, partner_spans)
            if cue.form in ("addressee", "complement") and h.subject == "actor":
                h.speaker = list(h.bearers)
            if cue.form == "addressee":
                obj = _object_bearers(sent, end, actors)
                if obj:
                    h.bearers = obj
                    h.subject = "object"
            if h.subject == "none" and cue.form == "verb":
                agent = _agent_after(sent, end, actors)
                if agent:
                    h.subject, h.bearers = "actor", agent
        coordinated = bool(hits) and re.search(
            r"(?:^|[\s,])(?:and|or|but|as well as)$",
            _strip_adverbs(sent[:start], table.adverbs),
        )
        if governor is not None and h.subject not in ("we", "i") and not coordinated:
            h.inner = True
        participle = re.search(r"ing\b", sent[start:end]) is not None
        if cue.governs and not h.inner and not participle:
            governor = h
        hits.append(h)
    return hits


# ----------------------------------------------------------------------------- analysis
def _stronger(a: str, b: str) -> str:
    return a if _RANK[a] >= _RANK[b] else b


def _issuer_group(ctx: AnalysisContext, gaz: GazetteerLike, person: str) -> list[EntityRef]:
    """Who "we" / "I" is: the issuer; in a report, "we" is the Member States."""
    if person == "we" and ctx.doc_kind == "report":
        return [_member_states(gaz)]
    return [ctx.issuer] if ctx.issuer is not None else []


def _member_states(gaz: GazetteerLike) -> EntityRef:
    return _group(gaz, "Member States")


def _group(gaz: GazetteerLike, label: str) -> EntityRef:
    """The gazetteer's State group called ``label`` (or a pattern-made one)."""
    return _canonical(label, gaz) or EntityRef(slug(label), label, "StateGroup", False)


def _analyse_sentence(
    sent: str, actors: list[_Found], ctx: AnalysisContext, gaz: GazetteerLike
) -> tuple[str | None, list[EntityRef], bool]:
    """(modality or None, bearers, whether the bearers are implied rather than named)."""
    all_hits = _cue_hits(sent, actors)
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
            who = _issuer_group(ctx, gaz, "we" if h.subject in ("we", "self") else "i")
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
            modality = min(modality, "encouragement", key=_RANK.__getitem__)
        if modality == "recognition":
            best = best or "recognition"
            continue
        if cue.form == "complement":
            who = governor_bearers  # "We envisage that X would": X
        elif cue.form == "addressee" and h.subject != "object":
            who = []  # "We encourage the adoption of measures": nobody named
        best = modality if best is None else _stronger(best, modality)
        bearers.extend(who)
    if best == "encouragement" and not bearers:
        # an appeal that names nobody ("We encourage the ratification of ...") is addressed
        # to States in general
        return best, [_group(gaz, "States")], True
    return best, _dedupe(bearers), False


def _objectives_in(text: str) -> list[str]:
    out = []
    for m in re.finditer(
        r"\b(?:SDG|Sustainable\s+Development\s+Goal|[Tt]arget)s?\s+(\d{1,2})(?:\.(\d{1,2}|[a-c]))?\b",
        text,
    ):
        out.append(f"2030-agenda:{m.group(1)}" + (f".{m.group(2)}" if m.group(2) else ""))
    return list(dict.fromkeys(out))


def _section_objective(p: Provision, ctx: AnalysisContext) -> str | None:
    """The objective heading a provision (or its chapeau) stands under.

    Only the provision's own section counts, or a subsection inside an objective: a plain
    heading that follows the last objective ("IMPLEMENTATION") is not part of it, even when
    the structure stage nests it there.
    """
    q: Provision | None = p
    while q is not None:
        s = q.section
        while s is not None:
            if s.kind == "objective" and s.number:
                return f"{ctx.work_id}:{s.number}"
            s = s.parent if s.kind == "subsection" else None
        q = q.parent
    return None


def _tokens(text: str) -> set[str]:
    """Content words, crudely stemmed to their first six letters ("trafficking" = "traffi")."""
    stop = load_cues().objective_stopwords
    words = re.findall(r"[a-z]+", text.lower())
    return {w[:6] for w in words if w not in stop and len(w) > 2}


def match_objectives(text: str, objectives: dict[str, str], context: str = "") -> list[str]:
    """Objective keys whose titles best match ``text`` (see :data:`OBJECTIVE_MATCH`).

    ``context`` (the heading the item stands under) counts too. An objective qualifies when it
    shares at least ``least`` content words with the item, or one word that is at least
    ``share`` of its title; the best qualifying objectives are returned, at most ``most``, those
    scoring at least 60 % of the best.
    """
    share, least, most = OBJECTIVE_MATCH
    words = _tokens(f"{text} {context}")
    scored = []
    for key, title in objectives.items():
        tw = _tokens(title)
        common = words & tw
        if not tw or not common:
            continue
        score = len(common) / len(tw)
        if len(common) >= least or score >= share:
            scored.append((-score, key))
    scored.sort()
    if not scored:
        return []
    best = -scored[0][0]
    return [k for s, k in scored[:most] if -s >= 0.6 * best]


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
    section_obj = _section_objective(p, ctx)
    if inherited is None and p.parent is None and section_obj and _is_item(p):
        inherited, inh_bearers = "commitment", _issuer_group(ctx, gaz, "we")
    cap: str | None = None
    for cue in table.cues:
        if cue.form == "item-initial" and p.parent is not None and cue.regex.match(text.lstrip()):
            cap = cue.modality
    prior_cites: list[EntityRef] = []
    statements: list[Statement] = []
    footnote_hits = _footnote_cites(p, ctx, gaz)
    for i, (s, e) in enumerate(split_sentences(text), start=1):
        sent = text[s:e]
        actors = [
            _Found(f.start - s, f.end - s, f.ref) for f in actors_all if f.start >= s and f.end <= e
        ]
        modality, bearers, implied = _analyse_sentence(sent, actors, ctx, gaz)
        partner_spans = _partner_spans(sent, [])
        partners = _dedupe(f.ref for f in actors if _inside(f, partner_spans))
        if inherited is not None:
            own = modality
            modality = inherited if own is None else _stronger(own, inherited)
            if cap is not None and i == 1:
                modality = min(modality, cap, key=_RANK.__getitem__)
            if not bearers or own is None or _RANK[own] < _RANK[inherited]:
                # "(c) Encourage and empower refugees ..." under "Host States ... would:"
                # is the host States' commitment
                bearers = inh_bearers
                implied = implied and not inh_bearers
            partners = _dedupe([*partners, *inh_partners])
        modality = modality or "recognition"
        found, _selfs = find_instruments(sent, gaz, ctx, prior=prior_cites)
        cites = _dedupe(f.ref for f in found)
        markers = {ch.translate(_SUP_TO_DIGIT) for ch in re.findall(f"[{_SUPERSCRIPTS}]+", sent)}
        for marker, refs in footnote_hits.items():
            if marker in markers:
                cites = _dedupe([*cites, *refs])
        prior_cites.extend(cites)
        objectives = [o for o in [section_obj, *_objectives_in(sent)] if o]
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
                partners=[x for x in partners if x.id not in {b.id for b in bearers}],
                cites=cites,
                objectives=list(dict.fromkeys(objectives)),
                issuer=ctx.issuer,
                bearers_implied=implied and bool(bearers),
            )
        )
    if statements:
        located = {ch.translate(_SUP_TO_DIGIT) for ch in re.findall(f"[{_SUPERSCRIPTS}]+", text)}
        where = _marker_offsets(p, _source) if _source else {}
        for marker, refs in footnote_hits.items():
            if marker in located:
                continue
            # the structure stage strips markers: find where the source had it, else the first
            at = where.get(marker)
            st = next((x for x in statements if at is not None and x.start <= at <= x.end), None)
            st = st or statements[0]
            st.cites = _dedupe([*st.cites, *refs])
    _drop_covered_collectives(statements, gaz)
    named = _dedupe(
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
    analysis = _summarise(p.ref, statements, section_obj)
    memo[p.ref] = analysis
    return analysis


def _drop_covered_collectives(statements: list[Statement], gaz: GazetteerLike) -> None:
    """A collective reference ("the international refugee instruments") whose members the
    provision already cites by name adds no citation: drop it."""
    cited = {c.id for st in statements for c in st.cites}
    for st in statements:
        keep = []
        for c in st.cites:
            entry = _lookup(gaz.instrument, c.id) if c.known else None
            members = set(getattr(entry, "group", None) or ())
            if not (members & (cited - {c.id})):
                keep.append(c)
        st.cites = keep


def _marker_offsets(p: Provision, source: str) -> dict[str, int]:
    """Where in ``p.text`` each footnote marker stood in the source, found by the words just
    before the superscript ("... the 1967 Protocol thereto¹³ as ...")."""
    out: dict[str, int] = {}
    flat = re.sub(r"\s+", " ", p.text)
    if len(flat) != len(p.text):
        return out  # offsets would not line up; callers fall back to the first sentence
    for span in p.spans:
        chunk = source[span.start : span.end]
        for m in re.finditer(f"[{_SUPERSCRIPTS}]+", chunk):
            marker = m.group(0).translate(_SUP_TO_DIGIT)
            before = re.sub(f"[{_SUPERSCRIPTS}]", "", chunk[max(0, m.start() - 60) : m.start()])
            before = re.sub(r"\s+", " ", before).strip()[-40:]
            if marker in out or len(before) < 8:
                continue
            at = flat.find(before)
            if at >= 0 and flat.find(before, at + 1) < 0:
                out[marker] = at + len(before)
    return out


def _is_item(p: Provision) -> bool:
    return bool(re.fullmatch(r"[a-z]{1,2}|[ivx]+", p.number or ""))


def _footnote_cites(
    p: Provision, ctx: AnalysisContext, gaz: GazetteerLike
) -> dict[str, list[EntityRef]]:
    out: dict[str, list[EntityRef]] = {}
    markers = sorted(ctx.footnotes, key=lambda m: (len(m), m))
    for marker in p.footnote_calls:
        note = ctx.footnotes.get(marker)
        if not note:
            continue
        idx = markers.index(marker) if marker in markers else -1
        previous = None
        for prev in reversed(markers[:idx] if idx > 0 else []):
            if re.search(r"Treaty\s+Series", ctx.footnotes[prev].replace("*", "")):
                previous = ctx.footnotes[prev]
                break
        refs = [_entry_ref(e) for e in _footnote_instruments(note, previous, gaz)]
        own = own_ids(ctx.self_ids, gaz)
        refs = [r for r in refs if r.id not in own]
        if refs:
            out[marker] = _dedupe(refs)
    return out


def _summarise(ref: str, statements: list[Statement], objective: str | None) -> ProvisionAnalysis:
    modality = "recognition"
    for st in statements:
        modality = _stronger(modality, st.modality)
    acting = [st for st in statements if st.modality != "recognition"]
    # a default addressee counts only where no statement names anyone
    bearers = _dedupe(b for st in acting if not st.bearers_implied for b in st.bearers)
    if not bearers:
        bearers = _dedupe(b for st in acting for b in st.bearers)
    bearer_ids = {b.id for b in bearers}
    partners = _dedupe(x for st in acting for x in st.partners if x.id not in bearer_ids)
    cites = _dedupe(c for st in statements for c in st.cites)
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


# ----------------------------------------------------------------------------- documents
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
        a = _lookup(gaz.actor, doc.issuer)
        issuer = _entry_ref(a) if a is not None else None
    if issuer is None and str(doc.kind) == "position-paper":
        states = gaz.find_states(doc.text[:2000]) or []
        issuer = _entry_ref(states[0].entry) if states else None
    own = {f"{wid}:{s.number}": s.title for s in doc.sections if s.kind == "objective" and s.number}
    return AnalysisContext(
        work_id=wid,
        doc_kind=str(doc.kind),
        issuer=issuer,
        self_ids=frozenset(ids),
        objectives=objectives if objectives is not None else own,
        footnotes={f.marker: f.text for f in doc.footnotes},
    )


_POSITION_CHAPEAU = re.compile(
    r"\b(?:the\s+)?global\s+compact(?:\s+on\s+migration)?\s+should\b[^.]*[;:]?\s*$", re.IGNORECASE
)


def analyse_document(
    doc: Document, ctx: AnalysisContext, gaz: GazetteerLike
) -> dict[str, ProvisionAnalysis]:
    """Every provision of ``doc`` analysed, keyed by ref, in document order.

    In a position paper, each bullet under "The Global Compact should ..." becomes a position
    (``is_position``, modality encouragement, linked to the objectives it asks for), keyed by
    the ref of the provision holding it or ``"position-<n>"``.
    """
    memo: dict[str, ProvisionAnalysis] = {}
    out: dict[str, ProvisionAnalysis] = {}
    source = doc.source.text if getattr(doc, "source", None) is not None else None
    for p in doc.provisions:
        if p.footnote_calls:  # analysed early as a chapeau, without the source: redo
            memo.pop(p.ref, None)
        out[p.ref] = analyse_provision(p, ctx, gaz, _memo=memo, _source=source)
    if ctx.doc_kind == "position-paper":
        out.update(_positions(doc, ctx, gaz, out))
    return out


def _heading_of(p: Provision | None) -> str:
    """The titles of the sections a provision stands under (innermost first)."""
    out = []
    s = p.section if p is not None else None
    while s is not None:
        out.append(s.title or "")
        s = s.parent
    return " ".join(out)


def _positions(
    doc: Document, ctx: AnalysisContext, gaz: GazetteerLike, done: dict[str, ProvisionAnalysis]
) -> dict[str, ProvisionAnalysis]:
    from .model import BlockKind

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
            _m, bearers, _f = _analyse_sentence(text, actors, ctx, gaz)
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
                cites=_dedupe(f.ref for f in found),
                objectives=objectives,
                issuer=ctx.issuer,
                is_position=True,
            )
            out[ref] = _summarise(ref, [st], objectives[0] if objectives else None)
        elif b.kind in (BlockKind.PROSE, BlockKind.PARAGRAPH):
            open_ = bool(_POSITION_CHAPEAU.search(b.text.strip()))
        elif b.kind == BlockKind.HEADING:
            open_ = False
    return out
