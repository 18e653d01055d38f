"""The gazetteers: who and what the texts name, loaded from data files and matched in text.

Takes the bundled data files in ``pactgraph/data/`` (or a directory holding the same three
files): ``actors.yaml`` (UN-system entities, IGOs, processes, parliaments, persons, role groups of
States, stakeholder groups), ``instruments.yaml`` (treaties, declarations, resolutions, frameworks,
reports, national laws) and ``state_names.yaml`` (UN names of States that ISO 3166-1 lacks);
States themselves come from ISO 3166-1 via pycountry. Their schema is in ``data/README.md``.

Gives a :class:`Gazetteer` with typed :class:`ActorEntry` / :class:`InstrumentEntry` records,
look-ups by id, UN symbol, UNTS reference and title, and matchers returning non-overlapping
:class:`Match` objects (longest match wins) for actors, instruments and States.

Loading checks the data in two passes (after followthemoney's model loader): first each file is
read and type-checked, then cross references are resolved (custodian, parent, members, group;
unique ids; no actor id equal to an ISO alpha-3 code; no alias naming two entries of one kind
unless declared deliberately ambiguous). Any problem raises :class:`~pactgraph.errors.DataFileError`
naming the file and the entry.

Matching works on tokens, not on raw characters: words are compared case-insensitively with
diacritics folded ("Lajcak" = "Lajčák"), British/American spellings folded ("Organisation" =
"Organization"), curly and straight apostrophes equal, and hyphens, dashes, commas, asterisks and
quotation marks ignored; whitespace of any length (line and page breaks included) separates
tokens. A name that is one token of 2-6 capitals ("ILO", "AU", "RCPs") is an acronym and must match
as written. A leading "the" is never part of a name.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry

from .datafiles import read_mapping
from .errors import DataFileError

__all__ = [
    "ACTOR_TYPES",
    "INSTRUMENT_TYPES",
    "ActorEntry",
    "Gazetteer",
    "InstrumentEntry",
    "Match",
]


def _names(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


#: Local names of the pg ontology classes an actor entry may have.
ACTOR_TYPES = _names(
    "State StateGroup PrincipalOrgan UNOfficial UNOffice SpecializedAgency FundOrProgramme "
    "RelatedOrganization UNMechanism IntergovernmentalOrganization IntergovernmentalProcess "
    "Parliament Person StakeholderGroup"
)
#: Local names of the pg ontology classes an instrument entry may have.
INSTRUMENT_TYPES = _names(
    "Treaty Convention Protocol Agreement Declaration Resolution Compact Agenda Framework "
    "PlanOfAction Guidelines Principles Recommendation NationalLaw NationalPolicy Report "
    "PositionPaper Letter ParliamentaryPaper"
)

ACTORS_FILE = "actors.yaml"
INSTRUMENTS_FILE = "instruments.yaml"
STATE_NAMES_FILE = "state_names.yaml"
STATE_SOURCE = "ISO 3166-1 via pycountry"


# ---------------------------------------------------------------------------------------------
# records


@dataclass(frozen=True)
class ActorEntry:
    """Someone who can bear, issue or share a commitment."""

    id: str
    label: str
    type: str
    aliases: tuple[str, ...]
    acronym: str | None
    source: str
    name: str | None = None
    members: tuple[str, ...] = ()
    role: str | None = None
    iso3: str | None = None

    def names(self) -> tuple[str, ...]:
        """Every string this entry is known by: label, name, acronym, aliases (no duplicates)."""
        return _unique((self.label, self.name, self.acronym, *self.aliases))


@dataclass(frozen=True)
class InstrumentEntry:
    """A text that creates, records or guides policy."""

    id: str
    label: str
    type: str
    binding: bool
    aliases: tuple[str, ...]
    source: str
    symbol: str | None = None
    unts: tuple[str, ...] = ()
    custodian: str | None = None
    parent: str | None = None
    date: str | None = None
    jurisdiction: str | None = None
    group: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """Every string this entry is known by: label, symbol forms, aliases (no duplicates)."""
        return _unique((self.label, *_symbol_forms(self.symbol), *self.aliases))


@dataclass(frozen=True)
class Match:
    """One mention: ``text[start:end]`` names ``entry``.

    ``alternatives`` holds the other readings of a deliberately ambiguous alias.
    """

    start: int
    end: int
    text: str
    entry: ActorEntry | InstrumentEntry
    alternatives: tuple[ActorEntry | InstrumentEntry, ...] = ()


def _unique(items: Iterable[str | None]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return tuple(seen)


def _symbol_forms(symbol: str | None) -> tuple[str, ...]:
    """How a symbol is written in text: ``A/RES/70/1`` also as ``resolution 70/1``."""
    if not symbol:
        return ()
    forms = [symbol]
    m = re.fullmatch(r"A/RES/(\S.*)", symbol)
    if m:
        rest = m.group(1)
        forms += [
            f"resolution {rest}",
            f"General Assembly resolution {rest}",
            f"resolution No. {rest}",
        ]
    m = re.fullmatch(r"A/HRC/RES/(\S.*)", symbol)
    if m:
        forms.append(f"Human Rights Council resolution {m.group(1)}")
    return tuple(forms)


# ---------------------------------------------------------------------------------------------
# tokens

_SUPERSCRIPTS = "\u00b2\u00b3\u00b9\u2070-\u209f"
_TOKEN = re.compile(
    rf"(?:(?![{_SUPERSCRIPTS}])[^\W_])+"  # a word (letters and digits, superscripts excluded)
    rf"|[{_SUPERSCRIPTS}]+"  # a footnote call glued to a word
    r"|[^\w\s]"  # one punctuation character
)
#: Punctuation that never distinguishes one name from another.
_IGNORED = frozenset(
    ',-\u2010\u2011\u2012\u2013\u2014\u2015\u2212*"\u201c\u201d\u201e\u00ab\u00bb_'
)
_APOSTROPHES = frozenset("'\u2018\u2019\u02bc`\u00b4")
#: British/American spelling pairs folded to one form (the brief's "Organization/Organisation").
_SPELLING = {
    "organisation": "organization",
    "organisations": "organizations",
    "organised": "organized",
    "labor": "labour",
    "program": "programme",
    "programs": "programmes",
    "neighboring": "neighbouring",
    "center": "centre",
}
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}s?")


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    raw: str
    norm: str


@lru_cache(maxsize=4096)
def _norm(raw: str) -> str:
    if raw in _APOSTROPHES:
        return "'"
    folded = unicodedata.normalize("NFKD", raw.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _SPELLING.get(folded, folded)


def _is_superscript(ch: str) -> bool:
    return ch in "\u00b2\u00b3\u00b9" or "\u2070" <= ch <= "\u209f"


def _scan(text: str) -> tuple[_Token, ...]:
    out = []
    for m in _TOKEN.finditer(text):
        raw = m.group()
        if raw in _IGNORED or _is_superscript(raw[0]):
            continue
        out.append(_Token(m.start(), m.end(), raw, _norm(raw)))
    return tuple(out)


@lru_cache(maxsize=4)
def _tokens(text: str) -> tuple[_Token, ...]:
    """Tokens of a text being matched (cached: one text is usually matched several times)."""
    return _scan(text)


def _key(name: str) -> tuple[str, ...]:
    """The normalised token sequence of a name, without a leading "the"."""
    key = tuple(t.norm for t in _scan(name))
    while key and key[0] == "the":
        key = key[1:]
    return key


def _is_acronym(name: str) -> bool:
    return bool(_ACRONYM.fullmatch(name.strip()))


# ---------------------------------------------------------------------------------------------
# the matcher


class _Trie:
    """Token-sequence trie; each terminal holds the entry keys and, for acronyms, the exact form."""

    __slots__ = ("root",)

    def __init__(self) -> None:
        self.root: dict[str, Any] = {}

    def add(self, name: str, value: str) -> tuple[str, ...]:
        key = _key(name)
        if not key:
            return key
        node = self.root
        for tok in key:
            node = node.setdefault(tok, {})
        exact = name.strip() if _is_acronym(name) else None
        bucket: dict[tuple[str, str | None], None] = node.setdefault("", {})
        bucket[(value, exact)] = None
        return key

    def longest_at(self, toks: tuple[_Token, ...], i: int) -> tuple[int, list[str]] | None:
        """The longest match starting at token ``i``: (index after it, entry keys)."""
        node = self.root
        best: tuple[int, list[str]] | None = None
        j = i
        while j < len(toks):
            node = node.get(toks[j].norm)
            if node is None:
                break
            j += 1
            terminal = node.get("")
            if terminal:
                values = [v for (v, exact) in terminal if exact is None or exact == toks[i].raw]
                if values:
                    best = (j, values)
        return best


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    rank: int  # tie-break between kinds for find_all: lower wins
    values: tuple[str, ...]


def _candidates(trie: _Trie, text: str, rank: int, accept: Any = None) -> Iterator[_Candidate]:
    toks = _tokens(text)
    first = trie.root  # most tokens begin no name: skip them without a call (bench/notes.md)
    for i in range(len(toks)):
        if toks[i].norm not in first:
            continue
        hit = trie.longest_at(toks, i)
        if hit is None:
            continue
        j, values = hit
        start, end = toks[i].start, toks[j - 1].end
        if accept is not None and not accept(text[start:end]):
            continue
        yield _Candidate(start, end, rank, tuple(values))


def _select(cands: Iterable[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, longest first (then earliest, then lowest rank), by start."""
    starts: list[int] = []  # chosen spans are disjoint, so sorted by start is sorted by end
    chosen: list[_Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start, c.rank)):
        k = bisect.bisect_left(starts, c.end)
        if k and chosen[k - 1].end > c.start:
            continue
        starts.insert(k, c.start)
        chosen.insert(k, c)
    return chosen


# ---------------------------------------------------------------------------------------------
# reading and checking the files (pass 1)

_ID = re.compile(r"[a-z0-9][a-z0-9.-]*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO3 = re.compile(r"[A-Z]{3}")

_ACTOR_FIELDS: dict[str, tuple[type, bool]] = {  # name -> (type, required)
    "id": (str, True),
    "label": (str, True),
    "type": (str, True),
    "source": (str, True),
    "aliases": (list, False),
    "acronym": (str, False),
    "name": (str, False),
    "members": (list, False),
    "role": (str, False),
    "iso3": (str, False),
}
_INSTRUMENT_FIELDS: dict[str, tuple[type, bool]] = {
    "id": (str, True),
    "label": (str, True),
    "type": (str, True),
    "binding": (bool, True),
    "source": (str, True),
    "aliases": (list, False),
    "symbol": (str, False),
    "unts": (list, False),
    "custodian": (str, False),
    "parent": (str, False),
    "date": (str, False),
    "jurisdiction": (str, False),
    "group": (list, False),
}
_STATE_FIELDS: dict[str, tuple[type, bool]] = {
    "iso3": (str, True),
    "source": (str, True),
    "label": (str, False),
    "aliases": (list, False),
}


def _fail(path: Path, message: str, entry: str | None = None) -> DataFileError:
    locator = f"{path} [{entry}]" if entry else str(path)
    return DataFileError(message, locator=locator)


def _read_yaml(path: Path, list_key: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The entries under ``list_key`` and the ``ambiguous`` declarations of one file."""
    doc = read_mapping(path)
    unknown = set(doc) - {list_key, "ambiguous"}
    if unknown:
        raise _fail(path, f"unknown top-level key(s): {', '.join(sorted(map(str, unknown)))}")
    entries = doc.get(list_key)
    if not isinstance(entries, list):
        raise _fail(path, f"{list_key!r} must be a list of entries")
    ambiguous = doc.get("ambiguous") or []
    if not isinstance(ambiguous, list):
        raise _fail(path, "'ambiguous' must be a list")
    for item in ambiguous:
        ok = (
            isinstance(item, dict)
            and isinstance(item.get("alias"), str)
            and isinstance(item.get("ids"), list)
            and len(item["ids"]) >= 2
            and all(isinstance(i, str) for i in item["ids"])
            and set(item) <= {"alias", "ids", "note"}
        )
        if not ok:
            raise _fail(path, f"bad 'ambiguous' item {item!r}: needs 'alias' and >= 2 'ids'")
    return entries, ambiguous


def _check_fields(path: Path, index: int, entry: Any, spec: Mapping[str, tuple[type, bool]]) -> str:
    """Type-check one entry against its field spec; return its name for messages."""
    if not isinstance(entry, dict):
        raise _fail(path, f"entry #{index + 1} is not a mapping")
    name = str(entry.get("id") or entry.get("iso3") or f"#{index + 1}")
    for key in entry:
        if key not in spec:
            raise _fail(path, f"unknown field {key!r}", name)
    for key, (kind, required) in spec.items():
        value = entry.get(key)
        if value is None:
            if required:
                raise _fail(path, f"missing required field {key!r}", name)
            continue
        if not isinstance(value, kind) or (kind is str and not value.strip()):
            raise _fail(path, f"field {key!r} must be a non-empty {kind.__name__}", name)
        if kind is list and not all(isinstance(v, str) and v.strip() for v in value):
            raise _fail(path, f"field {key!r} must be a list of non-empty strings", name)
    return name


def _tuple(entry: Mapping[str, Any], key: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in entry.get(key) or ())


def _parse_actors(path: Path) -> tuple[list[ActorEntry], list[dict[str, Any]]]:
    raw, ambiguous = _read_yaml(path, "actors")
    out: list[ActorEntry] = []
    for i, e in enumerate(raw):
        name = _check_fields(path, i, e, _ACTOR_FIELDS)
        if not _ID.fullmatch(e["id"]):
            raise _fail(path, "id must be a lowercase slug (a-z, 0-9, '-', '.')", name)
        if e["type"] not in ACTOR_TYPES:
            raise _fail(path, f"unknown actor type {e['type']!r}", name)
        if e.get("iso3") is not None and not _ISO3.fullmatch(e["iso3"]):
            raise _fail(path, "iso3 must be three capitals", name)
        out.append(
            ActorEntry(
                id=e["id"],
                label=e["label"].strip(),
                type=e["type"],
                aliases=_tuple(e, "aliases"),
                acronym=e.get("acronym"),
                source=e["source"].strip(),
                name=e.get("name"),
                members=_tuple(e, "members"),
                role=e.get("role"),
                iso3=e.get("iso3"),
            )
        )
    return out, ambiguous


def _parse_instruments(path: Path) -> tuple[list[InstrumentEntry], list[dict[str, Any]]]:
    raw, ambiguous = _read_yaml(path, "instruments")
    out: list[InstrumentEntry] = []
    for i, e in enumerate(raw):
        name = _check_fields(path, i, e, _INSTRUMENT_FIELDS)
        if not _ID.fullmatch(e["id"]):
            raise _fail(path, "id must be a lowercase slug (a-z, 0-9, '-', '.')", name)
        if e["type"] not in INSTRUMENT_TYPES:
            raise _fail(path, f"unknown instrument type {e['type']!r}", name)
        if e.get("date") is not None and not _DATE.fullmatch(e["date"]):
            raise _fail(path, f"date must be ISO 8601 (YYYY-MM-DD), got {e['date']!r}", name)
        for ref in e.get("unts") or ():
            if not _parse_unts(ref):
                raise _fail(path, f"unreadable UNTS reference {ref!r}", name)
        out.append(
            InstrumentEntry(
                id=e["id"],
                label=e["label"].strip(),
                type=e["type"],
                binding=e["binding"],
                aliases=_tuple(e, "aliases"),
                source=e["source"].strip(),
                symbol=e.get("symbol"),
                unts=_tuple(e, "unts"),
                custodian=e.get("custodian"),
                parent=e.get("parent"),
                date=e.get("date"),
                jurisdiction=e.get("jurisdiction"),
                group=_tuple(e, "group"),
            )
        )
    return out, ambiguous


def _parse_state_names(path: Path) -> dict[str, dict[str, Any]]:
    raw, _ = _read_yaml(path, "states")
    out: dict[str, dict[str, Any]] = {}
    for i, e in enumerate(raw):
        name = _check_fields(path, i, e, _STATE_FIELDS)
        iso3 = e["iso3"]
        if not _ISO3.fullmatch(iso3) or pycountry.countries.get(alpha_3=iso3) is None:
            raise _fail(path, f"{iso3!r} is not an ISO 3166-1 alpha-3 code", name)
        if iso3 in out:
            raise _fail(path, "duplicate iso3", name)
        out[iso3] = e
    return out


# ---------------------------------------------------------------------------------------------
# UNTS references

_UNTS = re.compile(
    r"vols?\.?\s*(?P<vols>\d+(?:\s*(?:,|and|&)\s*\d+)*)\s*,?\s*No\.?\s*(?P<no>\d+)",
    re.IGNORECASE,
)


def _parse_unts(text: str) -> list[tuple[list[int], int]]:
    """``"vols. 2225, 2237 and 2241, No. 39574"`` -> ``[([2225, 2237, 2241], 39574)]``."""
    out = []
    for m in _UNTS.finditer(text):
        vols = [int(v) for v in re.findall(r"\d+", m.group("vols"))]
        out.append((vols, int(m.group("no"))))
    return out


# ---------------------------------------------------------------------------------------------
# symbols


def _symbol_key(symbol: str) -> str:
    s = re.sub(r"\s+", "", symbol.casefold())
    s = re.sub(r"^(generalassembly)?resolution(no\.?)?", "", s)
    s = re.sub(r"^humanrightscouncilresolution", "a/hrc/res/", s)
    s = re.sub(r"^(a/res/)?(\d+)[a-z]\(", r"\1\2(", s)  # "217 A (III)" -> "217(iii)"
    return s.rstrip(".")


# ---------------------------------------------------------------------------------------------
# the gazetteer


class Gazetteer:
    """Actors, instruments and States, with look-ups and matchers. Build it with :meth:`load`."""

    def __init__(
        self,
        actors: dict[str, ActorEntry],
        instruments: dict[str, InstrumentEntry],
        states: dict[str, ActorEntry],
        *,
        actor_ambiguity: Mapping[tuple[str, ...], tuple[str, ...]],
        instrument_ambiguity: Mapping[tuple[str, ...], tuple[str, ...]],
    ) -> None:
        self.actors = actors
        self.instruments = instruments
        self.states = states
        self._actor_trie = _Trie()
        self._instrument_trie = _Trie()
        self._state_trie = _Trie()
        self._actor_ambiguity = dict(actor_ambiguity)
        self._instrument_ambiguity = dict(instrument_ambiguity)
        self._titles: dict[tuple[str, ...], str] = {}
        self._symbols: dict[str, str] = {}
        self._unts: dict[tuple[int, int], str] = {}
        for a in actors.values():
            for n in a.names():
                self._actor_trie.add(n, a.id)
        for s in states.values():
            for n in s.names():
                self._state_trie.add(n, s.id)
        for ins in instruments.values():
            for n in ins.names():
                key = self._instrument_trie.add(n, ins.id)
                self._titles.setdefault(key, ins.id)
            for form in _symbol_forms(ins.symbol):
                self._symbols.setdefault(_symbol_key(form), ins.id)
            for ref in ins.unts:
                for vols, no in _parse_unts(ref):
                    for vol in vols:
                        self._unts[(vol, no)] = ins.id
        for key, ids in self._instrument_ambiguity.items():
            self._titles[key] = ids[0]

    # -- loading -------------------------------------------------------------------------------
    @classmethod
    def load(cls, directory: Path | None = None) -> Gazetteer:
        """Load and check the three data files of ``directory`` (default: the bundled data).

        The default load is cached: every caller shares one instance.
        """
        if directory is None:
            return _default()
        return _load(Path(directory))

    # -- look-ups ------------------------------------------------------------------------------
    def actor(self, id: str) -> ActorEntry:
        """The actor with this id; States are found by ISO alpha-3 too ("ken"). KeyError if none."""
        if id in self.actors:
            return self.actors[id]
        return self.states[id.lower()]

    def state(self, code: str) -> ActorEntry:
        """The State with this ISO alpha-3 code, any case ("KEN", "ken"). KeyError if none."""
        return self.states[code.lower()]

    def instrument(self, id: str) -> InstrumentEntry:
        """The instrument with this id. KeyError if none."""
        return self.instruments[id]

    def instrument_by_symbol(self, symbol: str) -> InstrumentEntry | None:
        """``"A/RES/70/1"``, ``"70/1"``, ``"resolution 70/1"`` -> the 2030 Agenda; else None."""
        key = _symbol_key(symbol)
        hit = self._symbols.get(key)
        return self.instruments[hit] if hit else None

    def instrument_by_unts(self, text: str) -> InstrumentEntry | None:
        """The first instrument a UNTS reference names: ``"vol. 1577, No. 27531"`` -> CRC."""
        found = self.instruments_by_unts(text)
        return found[0] if found else None

    def instruments_by_unts(self, text: str) -> list[InstrumentEntry]:
        """Every instrument a UNTS reference names, in the order printed.

        ``"vols. 2225, 2237 and 2241, No. 39574"`` -> UNTOC, trafficking and smuggling protocols.
        """
        out: list[InstrumentEntry] = []
        for vols, no in _parse_unts(text):
            for vol in vols:
                hit = self._unts.get((vol, no))
                if hit and self.instruments[hit] not in out:
                    out.append(self.instruments[hit])
        return out

    def instrument_by_title(self, title: str) -> InstrumentEntry | None:
        """The instrument whose label, symbol or alias equals ``title`` once normalised."""
        key = _key(title)
        while key and key[-1] in {".", ":", ";"}:
            key = key[:-1]
        hit = self._titles.get(key)
        return self.instruments[hit] if hit else None

    # -- matching ------------------------------------------------------------------------------
    def find_actors(self, text: str) -> list[Match]:
        """Actors named in ``text`` (not States: see :meth:`find_states`)."""
        cands = _candidates(self._actor_trie, text, 1)
        return [self._match(text, c) for c in _select(cands)]

    def find_instruments(self, text: str) -> list[Match]:
        """Instruments named in ``text``, by name, alias or symbol ("resolution 70/1")."""
        cands = _candidates(self._instrument_trie, text, 0)
        return [self._match(text, c) for c in _select(cands)]

    def find_states(self, text: str) -> list[Match]:
        """States named in ``text`` (ISO 3166-1 names plus ``state_names.yaml``).

        A name written all in lowercase is not taken for a State ("turkey", "chad", "jordan").
        """
        cands = _candidates(self._state_trie, text, 2, accept=_has_capital)
        return [self._match(text, c) for c in _select(cands)]

    def find_all(self, text: str) -> list[Match]:
        """Instruments, actors and States together, non-overlapping, longest match wins.

        On an exact tie an instrument beats an actor and an actor beats a State; so "Charter of
        the United Nations" is one instrument, not an instrument around an actor.
        """
        cands = [
            *_candidates(self._instrument_trie, text, 0),
            *_candidates(self._actor_trie, text, 1),
            *_candidates(self._state_trie, text, 2, accept=_has_capital),
        ]
        return [self._match(text, c) for c in _select(cands)]

    def _match(self, text: str, c: _Candidate) -> Match:
        lookup: Mapping[str, ActorEntry | InstrumentEntry]
        if c.rank == 0:
            lookup, ambiguity = self.instruments, self._instrument_ambiguity
        elif c.rank == 1:
            lookup, ambiguity = self.actors, self._actor_ambiguity
        else:
            lookup, ambiguity = self.states, {}
        surface = text[c.start : c.end]
        ids = ambiguity.get(_key(surface)) or tuple(sorted(set(c.values)))
        ids = tuple(i for i in ids if i in c.values) or tuple(sorted(set(c.values)))
        entries = [lookup[i] for i in ids]
        return Match(c.start, c.end, surface, entries[0], tuple(entries[1:]))


def _has_capital(surface: str) -> bool:
    return any(ch.isupper() for ch in surface)


# ---------------------------------------------------------------------------------------------
# loading and cross-checking (pass 2)


def _bundled_dir() -> Path:
    return Path(str(resources.files("pactgraph") / "data"))


@lru_cache(maxsize=1)
def _default() -> Gazetteer:
    return _load(_bundled_dir())


def _states(path: Path, extra: Mapping[str, Mapping[str, Any]]) -> dict[str, ActorEntry]:
    out: dict[str, ActorEntry] = {}
    for c in pycountry.countries:
        iso3 = c.alpha_3
        e = extra.get(iso3, {})
        names = [
            getattr(c, "common_name", None),
            c.name,
            getattr(c, "official_name", None),
        ]
        label = e.get("label") or names[0] or c.name
        aliases = _unique(n for n in (*names, *_tuple(e, "aliases")) if n and n != label)
        out[iso3.lower()] = ActorEntry(
            id=iso3.lower(),
            label=label,
            type="State",
            aliases=aliases,
            acronym=None,
            source=STATE_SOURCE,
            name=getattr(c, "official_name", None),
            iso3=iso3,
        )
    # an alias in state_names.yaml must not name two States
    owner: dict[tuple[str, ...], str] = {}
    for s in out.values():
        for n in s.names():
            owner.setdefault(_key(n), s.id)
    for iso3, e in extra.items():
        for alias in _tuple(e, "aliases"):
            other = owner.get(_key(alias))
            if other and other != iso3.lower():
                raise _fail(path, f"alias {alias!r} already names State {other.upper()}", iso3)
    return out


def _ambiguity(
    path: Path, declared: list[dict[str, Any]], known: Mapping[str, object]
) -> dict[tuple[str, ...], tuple[str, ...]]:
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for item in declared:
        for i in item["ids"]:
            if i not in known:
                raise _fail(path, f"ambiguous alias {item['alias']!r} lists unknown id {i!r}")
        out[_key(item["alias"])] = tuple(item["ids"])
    return out


def _check_aliases(
    path: Path,
    entries: Iterable[ActorEntry | InstrumentEntry],
    ambiguity: Mapping[tuple[str, ...], tuple[str, ...]],
) -> None:
    owner: dict[tuple[tuple[str, ...], str | None], tuple[str, str]] = {}
    for e in entries:
        for n in e.names():
            key = _key(n)
            if not key:
                raise _fail(path, f"name {n!r} has no matchable words", e.id)
            slot = (key, n.strip() if _is_acronym(n) else None)
            prev = owner.setdefault(slot, (e.id, n))
            if prev[0] != e.id:
                declared = ambiguity.get(key, ())
                if not (e.id in declared and prev[0] in declared):
                    raise _fail(
                        path,
                        f"alias {n!r} also names {prev[0]!r} ({prev[1]!r}); declare it under "
                        "'ambiguous' if that is deliberate",
                        e.id,
                    )


def _load(directory: Path) -> Gazetteer:
    actors_path = directory / ACTORS_FILE
    instruments_path = directory / INSTRUMENTS_FILE
    states_path = directory / STATE_NAMES_FILE
    # pass 1: read and type-check each file
    actor_list, actor_amb = _parse_actors(actors_path)
    instrument_list, instrument_amb = _parse_instruments(instruments_path)
    state_extra = _parse_state_names(states_path)
    states = _states(states_path, state_extra)

    # pass 2: resolve cross references
    actors: dict[str, ActorEntry] = {}
    for a in actor_list:
        if a.id in actors:
            raise _fail(actors_path, "duplicate id", a.id)
        if a.id in states:
            raise _fail(
                actors_path, f"id collides with the ISO alpha-3 code of {states[a.id].label}", a.id
            )
        actors[a.id] = a
    instruments: dict[str, InstrumentEntry] = {}
    for ins in instrument_list:
        if ins.id in instruments:
            raise _fail(instruments_path, "duplicate id", ins.id)
        if ins.id in actors:
            raise _fail(instruments_path, "id is already an actor id in actors.yaml", ins.id)
        instruments[ins.id] = ins
    for a in actor_list:
        for m in a.members:
            if m not in actors and m not in states:
                raise _fail(actors_path, f"member {m!r} is neither an actor nor a State", a.id)
    for ins in instrument_list:
        if ins.custodian and ins.custodian not in actors:
            raise _fail(instruments_path, f"unknown custodian {ins.custodian!r}", ins.id)
        if ins.parent and ins.parent not in instruments:
            raise _fail(instruments_path, f"unknown parent {ins.parent!r}", ins.id)
        if ins.parent == ins.id:
            raise _fail(instruments_path, "an instrument cannot be its own parent", ins.id)
        for g in ins.group:
            if g not in instruments:
                raise _fail(instruments_path, f"unknown group member {g!r}", ins.id)
        if ins.jurisdiction and ins.jurisdiction not in states:
            raise _fail(
                instruments_path, f"jurisdiction {ins.jurisdiction!r} is not an ISO alpha-3", ins.id
            )
    actor_ambiguity = _ambiguity(actors_path, actor_amb, actors)
    instrument_ambiguity = _ambiguity(instruments_path, instrument_amb, instruments)
    _check_aliases(actors_path, actor_list, actor_ambiguity)
    _check_aliases(instruments_path, instrument_list, instrument_ambiguity)
    return Gazetteer(
        actors,
        instruments,
        states,
        actor_ambiguity=actor_ambiguity,
        instrument_ambiguity=instrument_ambiguity,
    )
