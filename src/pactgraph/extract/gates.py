"""Where a pattern can match, found cheaply (issue 16): the words every match needs, the
characters and words every match begins with, and the gate words of a text found in one pass.

A pattern of the data files (:mod:`.vocabulary`) is searched only in texts holding one of its
:func:`required_words` (:class:`GateWords`: every registered word found in one pass by an
Aho-Corasick automaton), and there only where one of its :func:`opening_words` begins, or else
from its :func:`first_characters` (:func:`first_scan`); :class:`Gated` and :class:`Scanned`
answer as the pattern does. Each shortcut is proved against its slow form in
``tests/test_text_shortcuts.py`` and ``tests/test_extract_gates.py``.
"""

from __future__ import annotations

import re
import re._constants as sre_constants
import re._parser as sre_parse
import sys
from collections.abc import Iterable, Iterator
from operator import itemgetter
from typing import Any

import ahocorasick

_SECOND = itemgetter(1)


class Words:
    """Which of many lowercase words a lowered text holds, found in one pass (issue 16).

    Testing each word in turn scans a text once per word (458,000 substring tests for the cue
    gates alone on the first 200 real texts); a regular expression of all the words tried at
    every position costs 55 ns a character. An Aho-Corasick automaton (``pyahocorasick``)
    reports every occurrence of every word, overlapping and nested ones too, in one pass in
    C: ``present(low)`` equals ``{w for w in words if w in low}``
    (tests/test_text_shortcuts.py).
    """

    __slots__ = ("automaton", "words")

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        self.automaton: Any = None
        if any(self.words):
            automaton = ahocorasick.Automaton()
            for w in self.words:
                if w:
                    automaton.add_word(w, w)
            automaton.make_automaton()
            self.automaton = automaton

    def present(self, low: str) -> frozenset[str]:
        """The words that occur in ``low``."""
        return self._present(self.hits(low))

    def hits(self, low: str) -> list[tuple[int, str]]:
        """Every occurrence of every word in ``low``: (index of its last character, word), in
        the order of that index (the empty word is not reported)."""
        return list(self.automaton.iter(low)) if self.automaton else []

    def _present(self, hits: list[tuple[int, str]]) -> frozenset[str]:
        found = frozenset(map(_SECOND, hits))
        if "" in self.words:
            found |= {""}  # the empty word is in every text
        return found


class Found:
    """The registered words a text holds (:meth:`GateWords.found`) and where."""

    __slots__ = ("_at", "hits", "words")

    def __init__(self, words: frozenset[str], hits: list[tuple[int, str]]) -> None:
        self.words = words
        #: every occurrence in the lowered text: (index of its last character, word)
        self.hits = hits
        self._at: dict[str, list[int]] | None = None

    def starts(self, words: frozenset[str]) -> list[int]:
        """Where an occurrence of one of ``words`` begins, in order, each once."""
        at = self._at
        if at is None:
            at = self._at = {}
            for end, w in self.hits:
                at.setdefault(w, []).append(end - len(w) + 1)
        lists = [at[w] for w in words & self.words]
        if len(lists) == 1:
            return lists[0]
        return sorted(set().union(*lists))


class GateWords:
    """Every word the gated patterns need (:attr:`Gated.words`, :attr:`Cue.needs`), and the
    ones a text holds, found once per text for all of them (issue 16: twenty patterns each
    testing their words cost 200,000 substring scans on the first 200 real texts).

    A pattern registers its words when it is made (:meth:`add`); :meth:`present` answers for
    the few texts asked about last (a provision, then each of its sentences, meets every
    gated pattern in turn)."""

    #: how many texts' words are kept: a work's provisions and sentences, so that its roles,
    #: read after its analysis, find their provisions' words found (bench/notes.md)
    _RECENT = 2048

    def __init__(self) -> None:
        self.words: frozenset[str] = frozenset()
        self._finder: Words | None = None
        self._recent: dict[str, Found | None] = {}

    def add(self, words: Iterable[str] | None) -> None:
        new = frozenset(words or ())
        if not new <= self.words:
            self.words = self.words | new
            self._finder = None
            self._recent = {}

    def may_hold(self, words: frozenset[str] | None, text: str) -> bool:
        """False only where ``text`` holds none of ``words`` (registered words; None: not
        known), so that no pattern needing one of them can match it (:func:`may_match_any`):
        one test for a group of patterns, such as the stakeholder patterns of a provision."""
        return words is None or may_match_any(words, self.present(text))

    def present(self, text: str) -> frozenset[str] | None:
        """The registered words in ``text`` case-folded as :func:`lowered` folds it; None
        where it gives None (a text holding a letter that folds to ASCII)."""
        found = self.found(text)
        return None if found is None else found.words

    def found(self, text: str) -> Found | None:
        """:meth:`present` 's words with where they occur (the lowered text has the text's
        length: :func:`lowered`)."""
        recent = self._recent
        hit = recent.get(text, _NOT_YET)
        if hit is not _NOT_YET:
            return hit  # type: ignore[return-value]
        finder = self._finder
        if finder is None:
            finder = self._finder = Words(self.words)
        low = lowered(text)
        found = None
        if low is not None:
            hits = finder.hits(low)
            found = Found(finder._present(hits), hits)
        if len(recent) >= self._RECENT:
            # all go at once: deleting the oldest one by one makes finding the oldest in a
            # large dict slow (it walks past the deleted slots)
            recent = self._recent = {}
        recent[text] = found
        return found


_NOT_YET = object()

#: The one registry of gate words (patterns of both data files register theirs).
GATES = GateWords()


def may_match_any(words: frozenset[str] | None, present: frozenset[str] | None) -> bool:
    """:func:`may_match` from the words a text was found to hold (:meth:`Words.present`;
    None where it was not lowered)."""
    return words is None or present is None or not words.isdisjoint(present)


def any_words(needs: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    """Every word one of several patterns needs (each pattern's :func:`required_words`), or
    None where one of them needs none known: a text holding none of them is matched by none
    (:meth:`GateWords.may_hold`, one test for the group)."""
    needs = list(needs)
    if any(w is None for w in needs):
        return None
    return frozenset().union(*needs)  # type: ignore[arg-type]


# --- what a pattern cannot match without (a cheap first test, issue 16) ------------------------

#: The characters other than ASCII letters that a case-insensitive pattern takes for an ASCII
#: letter ("İ", "ı" for i, "ſ" for s, the Kelvin sign for k; tests/test_extract_gates.py
#: checks the list against every code point). In a text holding none of them, an ASCII word
#: matches case-insensitively exactly where it occurs in ``text.lower()``.
_FOLDS_TO_ASCII_CHARS = "\u0130\u0131\u017f\u212a"
_FOLDS_TO_ASCII = re.compile(f"[{_FOLDS_TO_ASCII_CHARS}]")


def required_words(rx: re.Pattern[str]) -> frozenset[str] | None:
    """Lowercase ASCII strings one of which every match of ``rx`` contains, or None.

    Read from the parsed pattern: a run of literal characters must appear; an alternation
    needs one of its branches' strings; a group or a repeat of at least one needs its
    content's. Where a sequence offers several, the longest shortest string is kept.
    """
    try:
        parsed = sre_parse.parse(rx.pattern, rx.flags)
    except (re.error, RecursionError):
        return None
    return _required(list(parsed))


def required_literals(rx: re.Pattern[str]) -> frozenset[str] | None:
    """Strings, as written, one of which every match of a case-sensitive ``rx`` contains
    (:func:`required_words` without the case fold: read only where no part of ``rx`` ignores
    case), or None."""
    if rx.flags & re.IGNORECASE:
        return None
    try:
        parsed = sre_parse.parse(rx.pattern, rx.flags)
    except (re.error, RecursionError):
        return None
    return _required(list(parsed), cased=True)


def _required(items: list, cased: bool = False) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    run = ""

    def keep(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and all(found) and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    for op, av in items:
        if op is sre_constants.LITERAL and chr(av).isascii():
            run += chr(av) if cased else chr(av).lower()
            continue
        keep(frozenset({run}) if run else None)
        run = ""
        if op is sre_constants.SUBPATTERN:
            if not (cased and av[1] & re.IGNORECASE):  # (?i:...) inside: case not known
                keep(_required(list(av[-1]), cased))
        elif op is sre_constants.BRANCH:
            branches = [_required(list(b), cased) for b in av[1]]
            if all(branches):
                keep(frozenset().union(*branches))  # type: ignore[arg-type]
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and av[0] >= 1:
            keep(_required(list(av[2]), cased))
    keep(frozenset({run}) if run else None)
    return best


# --- where a match can begin (a scan in C for its first character, issue 16) -----------------

#: At most this many characters (all cases) may begin a match for :func:`first_scan` to pay:
#: with every capital or most letters, the scan lets nearly every position through.
_FIRST_MAX = 24


def first_characters(rx: re.Pattern[str]) -> frozenset[str] | None:
    r"""The characters every match of ``rx`` begins with, in every case ``rx`` matches them in;
    None where that is not known (a class such as ``\w``, a non-ASCII first letter, a flag set
    inside the pattern) or where a match may be empty."""
    try:
        parsed = sre_parse.parse(rx.pattern, rx.flags)
    except (re.error, RecursionError):
        return None
    found = _firsts(list(parsed))
    if found is None or found[1] or not all(c.isascii() for c in found[0]):
        return None
    if not rx.flags & re.IGNORECASE:
        return frozenset(found[0])
    cases: set[str] = set()
    for c in found[0]:
        # the other case, and the letters outside ASCII that fold to it (tested on every code
        # point: tests/test_text_shortcuts.py)
        cases |= {c, c.lower(), c.upper()}
        cases |= {f for f in _FOLDS_TO_ASCII_CHARS if re.fullmatch(re.escape(c), f, re.I)}
    return frozenset(cases)


def _firsts(items: list) -> tuple[set[str], bool] | None:
    """(the first characters of a match of ``items``, whether it may match nothing), or None
    where a first character is not a literal or a small range."""
    out: set[str] = set()
    for op, av in items:
        if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            continue  # zero width: the next item begins the match
        if op is sre_constants.LITERAL:
            out.add(chr(av))
            return out, False
        if op is sre_constants.IN:
            chars = _class_members(av)
            if chars is None:
                return None
            return out | chars, False
        sub: tuple[set[str], bool] | None
        if op is sre_constants.SUBPATTERN:
            _group, add_flags, del_flags, pattern = av
            sub = None if add_flags or del_flags else _firsts(list(pattern))
        elif op is sre_constants.BRANCH:
            branches = [_firsts(list(b)) for b in av[1]]
            sub = None
            if all(b is not None for b in branches):
                sub = (
                    set().union(*(b[0] for b in branches if b)),
                    any(b[1] for b in branches if b),
                )
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            low, _high, item = av
            sub = _firsts(list(item))
            sub = None if sub is None else (sub[0], sub[1] or low == 0)
        else:
            return None
        if sub is None:
            return None
        out |= sub[0]
        if not sub[1]:
            return out, False
    return out, True


def _class_members(items: list) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is sre_constants.LITERAL:
            out.add(chr(av))
        elif op is sre_constants.RANGE and av[1] - av[0] < 64:
            out.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None  # a category, a negation, a wide range
    return out


def first_scan(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern that matches the one character at each position where ``rx`` matches, or
    None where it would not pay (:func:`first_characters`).

    ``rx`` tried at every position enters the engine at every position (a third of
    extraction's instructions, callgrind). This pattern opens with the class of the
    characters ``rx`` 's matches begin with, so the engine skips every other position in a
    tight loop in C; where one is found, ``rx`` itself is tried there (in a look-ahead).
    :func:`scan_finditer` turns its positions back into ``rx`` 's matches."""
    chars = first_characters(rx)
    if chars is None or len(chars) > _FIRST_MAX or rx.flags & re.VERBOSE:
        return None  # (a verbose pattern's last comment would hide the closing parenthesis)
    body = re.sub(r"^\(\?[aiLmsux]+\)", "", rx.pattern)  # a leading flag: in rx.flags too
    members = "".join(re.escape(c) for c in sorted(chars))
    try:
        # the class case-sensitive (so the engine takes it for the scan), the rest as rx is
        return re.compile(rf"(?-i:[{members}])(?<=(?=(?:{body}))[\s\S])", rx.flags)
    except (re.error, ValueError):
        return None


def scan_finditer(
    rx: re.Pattern[str],
    scan: re.Pattern[str],
    text: str,
    pos: int = 0,
    endpos: int = sys.maxsize,
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text, pos, endpos)`` from :func:`first_scan` 's positions: after each
    match the next is the first position at or after its end where ``rx`` matches (a match
    is never empty: :func:`first_characters`), matched there as ``rx.search`` would match it
    (``endpos`` cuts the text for the scan's look-ahead and for ``rx`` alike)."""
    after = pos
    for at in scan.finditer(text, pos, endpos):
        start = at.start()
        if start < after:
            continue
        m = rx.match(text, start, endpos)
        if m is None:  # cannot happen (the look-ahead matched rx here); never guess
            yield from rx.finditer(text, after, endpos)
            return
        yield m
        after = m.end()


class Scanned:
    """A compiled pattern whose ``search`` and ``finditer`` start from :func:`first_scan` 's
    positions where that pays (the clause breaks and phrase patterns searched for every cue
    and every actor before it); they answer as the pattern does, and everything else is the
    pattern's own."""

    __slots__ = ("rx", "scan")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self.scan = first_scan(rx)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return finditer_from(self.rx, text, scan=self.scan, pos=pos, endpos=endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self.scan is None:
            return self.rx.search(text, pos, endpos)
        return next(scan_finditer(self.rx, self.scan, text, pos, endpos), None)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.rx, name)


# --- the words a match opens with (its candidates found by the gate words' automaton) --------

#: At most this many opening words a pattern (shortened to fewer where more would be needed).
_OPENING_MAX = 64
#: Openings shorter than this are too common to find candidates with.
_OPENING_MIN = 3


def opening_words(rx: re.Pattern[str]) -> frozenset[str] | None:
    r"""Lowercase ASCII strings one of which every match of ``rx`` opens with, as the lowered
    text (:func:`lowered`) spells it, or None where that is not known from the parsed pattern
    (a match may open with a class such as ``\w``, a non-ASCII letter, an empty string).

    Case-insensitively or not, a match opening with such a string opens where its lowered
    form occurs in the lowered text, so the automaton's hits of these words are a superset of
    the places where ``rx`` matches (:func:`opening_finditer`)."""
    try:
        parsed = sre_parse.parse(rx.pattern, rx.flags)
    except (re.error, RecursionError):
        return None
    found = _openings(list(parsed))[0]
    if not found or not all(w.isascii() for w in found):
        return None
    found = _shorten(found)
    if min(map(len, found)) < _OPENING_MIN:
        return None
    return frozenset(found)


def _shorten(words: set[str]) -> set[str]:
    """``words`` cut to the longest length at which at most :data:`_OPENING_MAX` remain (a
    string a match opens with still opens it once cut)."""
    length = max(map(len, words), default=0)
    while len(words) > _OPENING_MAX and length > 1:
        length -= 1
        words = {w[:length] for w in words}
    return words


def _openings(items: list) -> tuple[set[str], bool]:
    """(strings one of which every match of ``items`` opens with, whether they are its whole
    matches): literals are appended, groups and alternations crossed, and the first item that
    is not a literal ends the strings (a string "" among them: nothing known)."""
    found = {""}
    for i, (op, av) in enumerate(items):
        if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            continue  # zero width
        if op is sre_constants.LITERAL:
            found = {w + chr(av).lower() for w in found}
            continue
        if op is sre_constants.SUBPATTERN:
            _group, add_flags, del_flags, pattern = av
            if add_flags or del_flags:
                return found, False
            part = _openings(list(pattern))
        elif op is sre_constants.BRANCH:
            parts = [_openings(list(b)) for b in av[1]]
            part = (set().union(*(b[0] for b in parts)), all(b[1] for b in parts))
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            low, high, item = av
            inner = _openings(list(item))
            once = inner[1] and high == 1  # "x?", "(?:re)?": the item once, then the rest
            if low == 0:
                # absent: the match opens with what follows; present: with the item
                rest = _openings(items[i + 1 :])
                present = _cross(inner[0], rest[0]) if once else (inner[0], False)
                both = _cross(found, present[0] | rest[0])
                return both[0], both[1] and present[1] and once and rest[1]
            part = (inner[0], once)
        else:
            return found, False
        crossed, whole = _cross(found, part[0])
        found = crossed
        if not (part[1] and whole):
            return found, False
    return found, True


def _cross(heads: set[str], tails: set[str]) -> tuple[set[str], bool]:
    """(each of ``heads`` followed by each of ``tails``, whether none was cut): where there
    would be too many, the heads alone, or the strings shortened (:func:`_shorten`)."""
    if len(heads) * len(tails) > 16 * _OPENING_MAX:
        return heads, False
    both = {h + t for h in heads for t in tails}
    short = _shorten(both)
    return short, short == both


def opening_finditer(
    rx: re.Pattern[str],
    starts: list[int],
    text: str,
    pos: int = 0,
    endpos: int = sys.maxsize,
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text, pos, endpos)`` from the places where one of its
    :func:`opening_words` occurs (``starts``, in order: :meth:`Found.starts`): after each
    match the next is the first such place at or after its end where ``rx`` matches
    (a match is never empty: it opens with a word), matched there as ``rx.search`` would."""
    after = pos
    for start in starts:
        if start < after:
            continue
        if start > endpos:
            return
        m = rx.match(text, start, endpos)
        if m is not None:
            yield m
            after = m.end()


def finditer_from(
    rx: re.Pattern[str],
    text: str,
    found: Found | None = None,
    opening: frozenset[str] | None = None,
    scan: re.Pattern[str] | None = None,
    pos: int = 0,
    endpos: int = sys.maxsize,
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text, pos, endpos)`` the cheapest way known: from the places where one of
    its ``opening`` words begins (read off ``found``: ``GATES.found(text)``), else from its
    first characters' ``scan`` (:func:`first_scan`), else at every position."""
    if opening is not None and found is not None:
        return opening_finditer(rx, found.starts(opening), text, pos, endpos)
    if scan is not None:
        return scan_finditer(rx, scan, text, pos, endpos)
    return rx.finditer(text, pos, endpos)


def lowered(text: str) -> str | None:
    """``text.lower()`` for :func:`may_match`; None where a case fold could make an ASCII
    letter of another character (then every pattern is searched)."""
    if not text.isascii() and _FOLDS_TO_ASCII.search(text):
        return None
    return text.lower()


def may_match(words: frozenset[str] | None, low: str | None) -> bool:
    """False only where a pattern needing one of ``words`` cannot match the text ``low``
    (from :func:`lowered`) is lowercased from."""
    return words is None or low is None or any(map(low.__contains__, words))


class Gated:
    """A compiled pattern searched only in texts holding one of its :func:`required_words`,
    and there only where one of its :func:`opening_words` begins, or else from its first
    characters (:func:`first_scan`); ``finditer`` and ``search`` answer as the pattern does,
    ``match`` is passed through."""

    __slots__ = ("_last", "literals", "opening", "pattern", "rx", "scan", "words")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self.pattern = rx.pattern
        self.words = required_words(rx)
        GATES.add(self.words)
        #: what every match contains as written, for a pattern that minds case: tested in a
        #: text holding its words (lowered, "act" is in every "action"; "Act" is not)
        self.literals = required_literals(rx)
        #: what every match opens with (its places found with the gate words)
        self.opening = opening_words(rx)
        GATES.add(self.opening)
        #: where a match may begin, found by a scan in C (:func:`first_scan`)
        self.scan = first_scan(rx)
        #: the text searched last and its matches (a sentence is searched twice: its partners
        #: for the cues, then for the provision; its anaphora for citations, then resolved)
        self._last: tuple[str, list[re.Match[str]] | tuple[()]] | None = None

    def _search(self, text: str) -> Iterator[re.Match[str]] | tuple[()]:
        """``rx.finditer(text)``, the cheapest way known (most texts lack the pattern's
        words: they are answered in a few steps, the pattern called 200,000 times a build)."""
        found = GATES.found(text)
        if found is not None and self.words is not None and self.words.isdisjoint(found.words):
            return ()
        if self.literals is not None and not any(map(text.__contains__, self.literals)):
            return ()
        return finditer_from(self.rx, text, found, self.opening, self.scan)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        # what _search does, in one frame: called ~30 times a provision (bench/notes.md,
        # sixth pass), most often for a text just asked about or one lacking the words
        last = self._last
        if last is not None and last[0] is text:
            return iter(last[1])
        hit = GATES._recent.get(text, _NOT_YET)
        found: Found | None = GATES.found(text) if hit is _NOT_YET else hit
        words = self.words
        if found is not None and words is not None and words.isdisjoint(found.words):
            self._last = (text, ())
            return iter(())
        literals = self.literals
        if literals is not None and not any(map(text.__contains__, literals)):
            self._last = (text, ())
            return iter(())
        matches = list(finditer_from(self.rx, text, found, self.opening, self.scan))
        self._last = (text, matches)
        return iter(matches)

    def search(self, text: str) -> re.Match[str] | None:
        last = self._last
        if last is not None and last[0] is text:
            return last[1][0] if last[1] else None
        return next(iter(self._search(text)), None)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.rx.match(text, pos)
