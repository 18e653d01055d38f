"""How names are found in text: tokens, a trie of names per kind, the longest match.

Matching works on tokens, not on raw characters (see the package's docstring for the rules).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import accumulate, compress, count
from typing import Any, NamedTuple

# ---------------------------------------------------------------------------------------------
# tokens

_SUPERSCRIPTS = "\u00b2\u00b3\u00b9\u2070-\u209f"
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


#: The tokens kept: words (letters and digits, superscripts excluded) and punctuation that may
#: tell names apart. Footnote calls (superscripts), whitespace and ``_IGNORED`` punctuation
#: start no token, so they are skipped where they stand, as a scan that made tokens of them and
#: dropped those would do.
_KEPT = re.compile(
    rf"[^\W_{_SUPERSCRIPTS}]+"  # word characters but "_" and superscripts (one class: fast)
    r"|[^\w\s" + _SUPERSCRIPTS + re.escape("".join(sorted(_IGNORED))) + "]"
)


class _Tokens(NamedTuple):
    """The tokens of a text as parallel tuples, with their offsets in the text."""

    norms: tuple[str, ...]
    raws: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]


_NORMS: dict[str, str] = {}


def _norm(raw: str) -> str:
    hit = _NORMS.get(raw)
    if hit is None:
        if raw in _APOSTROPHES:
            hit = "'"
        else:
            folded = unicodedata.normalize("NFKD", raw.casefold())
            folded = "".join(c for c in folded if not unicodedata.combining(c))
            hit = _SPELLING.get(folded, folded)
        if len(_NORMS) < 200_000:  # a vocabulary, not a corpus: bounded all the same
            _NORMS[raw] = hit
    return hit


#: :data:`_KEPT` as a split: text between tokens, token, text between, ... (every piece kept).
_KEPT_SPLIT = re.compile(f"({_KEPT.pattern})")
#: The same split for a text all in ASCII (most texts): there a word character but "_" is a
#: letter or a digit, which the engine tests in a bitmap where ``[^\W_...]`` asks the Unicode
#: tables of every character (issue 16: the split a third cheaper;
#: tests/test_analysis_shortcuts.py).
_KEPT_ASCII_SPLIT = re.compile(
    "([0-9A-Za-z]+|[^0-9A-Za-z_\\s"
    + re.escape("".join(sorted(c for c in _IGNORED if c.isascii())))
    + "])"
)


def _scan(text: str) -> _Tokens:
    # The tokens and the text between them, in turn: the offsets are the running sum of their
    # lengths, all summed in C (no match object per token; bench/notes.md, fourth pass).
    pieces = (_KEPT_ASCII_SPLIT if text.isascii() else _KEPT_SPLIT).split(text)
    if len(pieces) == 1:
        return _Tokens((), (), (), ())
    raws = tuple(pieces[1::2])
    bounds = tuple(accumulate(map(len, pieces)))
    norms = tuple(map(_NORMS.get, raws))
    if None in norms:
        norms = tuple([n if n is not None else _norm(r) for n, r in zip(norms, raws, strict=True)])
    return _Tokens(norms, raws, bounds[0:-1:2], bounds[1::2])


#: The texts tokenised last (a provision, then its sentences, are each matched several times).
_RECENT: dict[str, _Tokens] = {}
_RECENT_SIZE = 64


def _tokens(text: str) -> _Tokens:
    """Tokens of a text being matched.

    A text matched again (the actor, State and instrument lists are matched in turn) is taken
    from :data:`_RECENT`. (A sentence of a provision just matched is not tokenised at all: its
    names are read off the provision's, ``Gazetteer._within``. Looking for each new text in the
    last long ones, to slice their tokens, found one in 15,000 on the filing's 10x and cost two
    substring searches of every provision: issue 16, seventh pass.)
    """
    hit = _RECENT.get(text)
    if hit is not None:
        return hit
    toks = _scan(text)
    if len(_RECENT) >= _RECENT_SIZE:
        try:
            del _RECENT[next(iter(_RECENT))]
        except (KeyError, RuntimeError, StopIteration):  # emptied by another thread meanwhile
            _RECENT.clear()
    _RECENT[text] = toks
    return toks


def _cut(toks: _Tokens, start: int, end: int) -> tuple[int, int] | None:
    """The indices of the tokens of ``text[start:end]`` among those of ``text`` (first, after
    last), or None where a token is cut."""
    lo = bisect.bisect_left(toks.ends, start + 1)  # first token ending after start
    hi = bisect.bisect_left(toks.starts, end)  # first token starting at or after end
    if lo < len(toks.starts) and toks.starts[lo] < start:
        return None  # a token begins before the cut and ends after it
    if hi > 0 and toks.ends[hi - 1] > end:
        return None
    return lo, hi


@lru_cache(maxsize=8192)
def _key(name: str) -> tuple[str, ...]:
    """The normalised token sequence of a name, without a leading "the"."""
    key = _scan(name).norms
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

    def longest_at(self, toks: _Tokens, i: int) -> tuple[int, list[str]] | None:
        """The longest match starting at token ``i``: (index after it, entry keys)."""
        node = self.root
        best: tuple[int, list[str]] | None = None
        norms = toks.norms
        for j in range(i, len(norms)):
            node = node.get(norms[j])
            if node is None:
                break
            terminal = node.get("")
            if terminal:
                raw = toks.raws[i]
                values = [v for (v, exact) in terminal if exact is None or exact == raw]
                if values:
                    best = (j + 1, values)
        return best


class _Candidate(NamedTuple):
    start: int
    end: int
    rank: int  # tie-break between kinds for find_all: lower wins
    values: tuple[str, ...]


def _candidates(
    trie: _Trie,
    text: str,
    rank: int,
    accept: Any = None,
    spans: list[tuple[int, int]] | None = None,
) -> Iterator[_Candidate]:
    """The longest name at each token that begins one; ``spans`` (if given) gets the span of
    every such name, ``accept`` ed or not. One trie's walk: the gazetteer walks its three tries
    at once (:func:`candidates_by_kind`), which the tests prove equal to this, kind by kind."""
    toks = _tokens(text)
    # most tokens begin no name: only those that do are walked from, found in C (bench/notes.md)
    for i in compress(count(), map(trie.root.__contains__, toks.norms)):
        hit = trie.longest_at(toks, i)
        if hit is None:
            continue
        j, values = hit
        start, end = toks.starts[i], toks.ends[j - 1]
        if spans is not None:
            spans.append((start, end))
        if accept is not None and not accept(text[start:end]):
            continue
        yield _Candidate(start, end, rank, tuple(values))


def merged_root(tries: Iterable[_Trie]) -> dict[Any, Any]:
    """One trie holding the paths of several (:class:`_Trie` s), walked once for all of them
    (:func:`candidates_by_kind`): a node's key ``None`` holds, for each trie in turn, its
    terminal there or None; a terminal is (its values where none of them asks for an exact
    form, else None; the bucket of :meth:`_Trie.add`). (Not ``""``, as in a
    :class:`_Trie`: a token whose letters are all combining marks normalises to ``""``, and
    must end a walk there as it ends one in a :class:`_Trie`.)"""
    tries = list(tries)

    def merge(nodes: list[dict[str, Any] | None]) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        terminals = tuple((n.get("") or None) if n is not None else None for n in nodes)
        if any(terminals):
            out[None] = tuple(None if t is None else (_plain(t), t) for t in terminals)
        tokens = dict.fromkeys(t for n in nodes if n is not None for t in n if t != "")
        for tok in tokens:
            out[tok] = merge([n.get(tok) if n is not None else None for n in nodes])
        return out

    return merge([t.root for t in tries])


def _plain(bucket: dict[tuple[str, str | None], None]) -> tuple[str, ...] | None:
    """A terminal's values where none of them asks for an exact form (an acronym's): every
    token that reaches it takes them all, in order; else None (they are filtered by form)."""
    if any(exact is not None for _value, exact in bucket):
        return None
    return tuple(value for value, _exact in bucket)


def candidates_by_kind(
    root: dict[Any, Any], text: str, accepts: tuple[Any, ...]
) -> list[tuple[list[_Candidate], list[tuple[int, int]]]]:
    """:func:`_candidates` for each trie merged into ``root`` (:func:`merged_root`; rank = its
    place, ``accepts`` its accept test or None), from one walk per token that begins a name
    of any of them: (candidates, spans) per trie, as each trie's own walk finds them (a
    trie's longest name from a token is the longest of its terminals on the merged path,
    which holds its every path; tests/test_gazetteer_shortcuts.py)."""
    toks = _tokens(text)
    norms, raws, starts, ends = toks
    last = len(norms)
    found: list[tuple[list[_Candidate], list[tuple[int, int]]]] = [([], []) for _ in accepts]
    for i in compress(count(), map(root.__contains__, norms)):
        node = root[norms[i]]
        j = i
        walked: dict[int, tuple[int, Any]] | None = None  # rank -> (after, values): the longest
        while True:
            terminals = node.get(None)
            if terminals is not None:
                for rank, terminal in enumerate(terminals):
                    if terminal is not None:
                        values, bucket = terminal
                        if values is None:  # an acronym's exact form among them
                            raw = raws[i]
                            values = [v for (v, exact) in bucket if exact is None or exact == raw]
                        if values:
                            if walked is None:
                                walked = {}
                            walked[rank] = (j + 1, values)
            j += 1
            if j == last:
                break
            node = node.get(norms[j])
            if node is None:
                break
        if walked is None:
            continue
        for rank, (after, values) in walked.items():
            start, end = starts[i], ends[after - 1]
            cands, spans = found[rank]
            spans.append((start, end))
            accept = accepts[rank]
            if accept is not None and not accept(text[start:end]):
                continue
            cands.append(_Candidate(start, end, rank, tuple(values)))
    return found


def cut_cleanly(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` cuts no token of ``text`` (so its tokens are a slice of
    ``text`` 's)."""
    return _cut(_tokens(text), start, end) is not None


def _select(cands: Iterable[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, longest first (then earliest, then lowest rank), by start."""
    if not isinstance(cands, list):
        cands = list(cands)
    if len(cands) < 2:
        return cands[:]  # nothing to choose between (most texts, for most kinds)
    starts: list[int] = []  # chosen spans are disjoint, so sorted by start is sorted by end
    chosen: list[_Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start, c.rank)):
        k = bisect.bisect_left(starts, c.end)
        if k and chosen[k - 1].end > c.start:
            continue
        starts.insert(k, c.start)
        chosen.insert(k, c)
    return chosen
