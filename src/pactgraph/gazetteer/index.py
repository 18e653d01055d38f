"""The :class:`Gazetteer`: actors, instruments and States, with look-ups and matchers."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .matching import (
    _Candidate,
    _key,
    _select,
    _Trie,
    candidates_by_kind,
    cut_cleanly,
    merged_root,
)
from .records import (
    ActorEntry,
    InstrumentEntry,
    Match,
    _parse_unts,
    _symbol_forms,
    _symbol_key,
)

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
        #: the three tries in one, in the order of their ranks (instruments, actors, States):
        #: a text is walked once for the three kinds (:meth:`_find`)
        self._kinds_root = merged_root((self._instrument_trie, self._actor_trie, self._state_trie))
        #: (kind, text) -> the matches found in it, for the texts matched last: a provision of
        #: one sentence is matched as the provision and again as its sentence (issue 16)
        self._found: dict[tuple[int, str], tuple[Match, ...]] = {}
        #: the last long texts matched: (kind, text, matches, span of every name found)
        self._wholes: list[tuple[int, str, tuple[Match, ...], tuple[tuple[int, int], ...]]] = []
        #: (kind, surface, trie values) -> (entry, alternatives), for :meth:`_match`
        self._entries: dict[tuple[int, str, tuple[str, ...]], tuple] = {}
        #: the last text placed in a whole by :meth:`_place`: (whole, text, start, clean)
        self._placed: tuple[str, str, int, bool] | None = None

    # -- loading -------------------------------------------------------------------------------
    @classmethod
    def load(cls, directory: Path | None = None) -> Gazetteer:
        """Load and check the three data files of ``directory`` (default: the bundled data).

        The default load is cached: every caller shares one instance.
        """
        from .files import _default, _load

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
        return self._find(1, text)

    def find_instruments(self, text: str) -> list[Match]:
        """Instruments named in ``text``, by name, alias or symbol ("resolution 70/1")."""
        return self._find(0, text)

    def find_states(self, text: str) -> list[Match]:
        """States named in ``text`` (ISO 3166-1 names plus ``state_names.yaml``).

        A name written all in lowercase is not taken for a State ("turkey", "chad", "jordan").
        """
        return self._find(2, text)

    def _find(self, rank: int, text: str) -> list[Match]:
        """The matches of one kind (the rank of :meth:`find_all`) in ``text``; a text matched
        again is answered from :attr:`_found` (the matches depend on the text alone), a
        sentence of a provision just matched from the provision's (:meth:`_within`). A text
        matched afresh is matched for the three kinds at once (a provision is asked for its
        actors, its States and its instruments in turn)."""
        key = (rank, text)
        hit = self._found.get(key)
        if hit is not None:
            return list(hit)
        hit = self._within(rank, text)
        if hit is not None:
            self._remember(key, hit)
            return list(hit)
        kinds = candidates_by_kind(self._kinds_root, text, _ACCEPTS)
        whole = len(text) >= _WHOLE_MIN
        for kind, (cands, spans) in enumerate(kinds):
            found = tuple([self._match(text, c) for c in _select(cands)]) if cands else ()
            if kind == rank:
                hit = found
            self._remember((kind, text), found)
            if whole:
                self._wholes = [*self._wholes[-_WHOLES + 1 :], (kind, text, found, tuple(spans))]
        return list(hit)

    def _remember(self, key: tuple[int, str], found: tuple[Match, ...]) -> None:
        if key in self._found:
            return
        if len(self._found) >= _FOUND_SIZE:
            try:
                del self._found[next(iter(self._found))]
            except (KeyError, RuntimeError, StopIteration):  # emptied by another thread
                self._found.clear()
        self._found[key] = found

    def _within(self, rank: int, text: str) -> tuple[Match, ...] | None:
        """The matches in ``text`` read off those of a longer text just matched that holds it
        (a provision, for its sentences), or None.

        Exact where no token is cut at the part's edges and no name found in the whole (taken
        or not) crosses them: the names found at the part's tokens are then the whole's there
        (a walk from a token that stays inside the part is the same walk), and choosing among
        them meets no name from outside (tests/test_text_shortcuts.py)."""
        for whole_rank, whole, found, spans in reversed(self._wholes):
            if whole_rank != rank or len(whole) <= len(text):
                continue
            start, clean = self._place(whole, text)
            if start < 0:
                continue
            end = start + len(text)
            for a, b in spans:
                if a < start < b or a < end < b:
                    return None
            if not clean:
                return None
            if start == 0:
                return tuple(m for m in found if m.end <= end)
            return tuple(
                Match(m.start - start, m.end - start, m.text, m.entry, m.alternatives)
                for m in found
                if start <= m.start and m.end <= end
            )
        return None

    def _place(self, whole: str, text: str) -> tuple[int, bool]:
        """Where ``text`` first stands in ``whole`` (-1: nowhere) and whether it cuts no token
        there; the last answer is kept (a sentence is asked for two kinds in turn)."""
        last = self._placed
        if last is not None and last[0] is whole and last[1] is text:
            return last[2], last[3]
        start = whole.find(text)
        clean = start >= 0 and cut_cleanly(whole, start, start + len(text))
        self._placed = (whole, text, start, clean)
        return start, clean

    def find_all(self, text: str) -> list[Match]:
        """Instruments, actors and States together, non-overlapping, longest match wins.

        On an exact tie an instrument beats an actor and an actor beats a State; so "Charter of
        the United Nations" is one instrument, not an instrument around an actor.
        """
        kinds = candidates_by_kind(self._kinds_root, text, _ACCEPTS)  # one walk, as in _find
        cands = [c for found, _spans in kinds for c in found]
        return [self._match(text, c) for c in _select(cands)]

    def _match(self, text: str, c: _Candidate) -> Match:
        surface = text[c.start : c.end]
        key = (c.rank, surface, c.values)
        entries = self._entries.get(key)
        if entries is None:
            entries = self._entries_of(c.rank, surface, c.values)
            if len(self._entries) >= 65536:
                self._entries.clear()
            self._entries[key] = entries
        return Match(c.start, c.end, surface, entries[0], entries[1])

    def _entries_of(
        self, rank: int, surface: str, values: tuple[str, ...]
    ) -> tuple[ActorEntry | InstrumentEntry, tuple[ActorEntry | InstrumentEntry, ...]]:
        """The entry a name found names and its alternatives (what :meth:`_match` remembers
        by kind, surface and the trie's values: the same names recur in every provision)."""
        lookup: Mapping[str, ActorEntry | InstrumentEntry]
        if rank == 0:
            lookup, ambiguity = self.instruments, self._instrument_ambiguity
        elif rank == 1:
            lookup, ambiguity = self.actors, self._actor_ambiguity
        else:
            lookup, ambiguity = self.states, {}
        ids = ambiguity.get(_key(surface)) or tuple(sorted(set(values)))
        ids = tuple(i for i in ids if i in values) or tuple(sorted(set(values)))
        entries = [lookup[i] for i in ids]
        return entries[0], tuple(entries[1:])


#: How many texts' matches :meth:`Gazetteer._find` keeps (a provision, its sentences, kinds).
_FOUND_SIZE = 48
#: How many long texts (of at least ``_WHOLE_MIN`` characters) :meth:`Gazetteer._within`
#: reads parts' matches off: a provision's, for each kind.
_WHOLES = 6
_WHOLE_MIN = 80


def _has_capital(surface: str) -> bool:
    return any(ch.isupper() for ch in surface)


#: What a name found must pass, by rank (instruments, actors, States): a State's name written
#: all in lowercase is not taken ("turkey", "chad").
_ACCEPTS = (None, None, _has_capital)
