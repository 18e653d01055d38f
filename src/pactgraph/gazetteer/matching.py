"""How names are found in text: tokens, a trie of names per kind, the longest match.

Matching works on tokens, not on raw characters (see the package's docstring for the rules).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

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
