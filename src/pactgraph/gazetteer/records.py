"""What a gazetteer entry is: actors, instruments, a match in text, and the identifiers that
name instruments besides their titles (UN symbols, UNTS references)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


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


@dataclass(frozen=True, init=False)
class Match:
    """One mention: ``text[start:end]`` names ``entry``.

    ``alternatives`` holds the other readings of a deliberately ambiguous alias.
    """

    start: int
    end: int
    text: str
    entry: ActorEntry | InstrumentEntry
    alternatives: tuple[ActorEntry | InstrumentEntry, ...] = ()

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        entry: ActorEntry | InstrumentEntry,
        alternatives: tuple[ActorEntry | InstrumentEntry, ...] = (),
    ) -> None:
        # the fields set once, straight into the instance's dict: the frozen dataclass's own
        # __init__ calls object.__setattr__ for each, twice the cost (issue 16; every name found
        # is one; tests/test_analysis_shortcuts.py)
        fields = self.__dict__
        fields["start"] = start
        fields["end"] = end
        fields["text"] = text
        fields["entry"] = entry
        fields["alternatives"] = alternatives


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
