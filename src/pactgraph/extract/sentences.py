"""Sentences and clauses: where a provision's sentences begin and end.

A full stop ends a sentence unless it follows an abbreviation; an inline list item after a
semicolon starts a new one; run-on text is cut at :data:`MAX_SENTENCE`. Also the words that may
stand between a subject and its verb (:func:`strip_adverbs`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .gates import Scanned
from .vocabulary import load_cues

#: Patterns of the functions below, compiled once (each was looked up in re's cache per call).
_WORD_BEFORE_STOP = re.compile(r"([\w.]+)\.$")
_ONE_LETTER = re.compile(r"[a-z]")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")


#: Longest sentence analysed as one (characters); the longest in the corpus is about 750.
#: Longer runs are cut at their last clause break, which keeps the analysis linear.
MAX_SENTENCE = 2000


SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUP_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")
#: Where a sentence may end: searched from its four first characters (``Scanned``).
_BOUNDARY = Scanned(
    re.compile(
        r"(?P<end>[.!?](?:[\"'”’)\]*]|[" + SUPERSCRIPTS + r"]+)*)\s+(?=[\"“‘(*]?[A-Z0-9])"
        r"|(?P<semi>;)\s+(?=\(?[a-z]\)\s|\(?[ivx]+\)\s)"
    )
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
    scan = _BOUNDARY.scan
    # a text where the scan finds no place a boundary matches has none (most provisions are one
    # sentence): one search in C, without the match-by-match walk
    bounds = () if scan is not None and scan.search(text) is None else _BOUNDARY.finditer(text)
    for m in bounds:
        cut = m.end("end") if m.group("end") else m.end("semi")
        if m.group("end") and m.group("end")[0] == ".":
            window = text[max(start, m.start("end") - 40) : m.start("end") + 1]
            word = _WORD_BEFORE_STOP.search(window)
            token = word.group(1).lower() if word else ""
            if token in table.abbreviations or _ONE_LETTER.fullmatch(token):
                continue
            if _INITIALS.fullmatch(token):
                continue
        spans.append(trim(text, start, cut))
        start = m.end()
    if text[start:].strip():
        spans.append(trim(text, start, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while e - s > MAX_SENTENCE:  # run-on text: cut at the last clause break in reach
            cut = max(text.rfind("; ", s, s + MAX_SENTENCE), text.rfind(", ", s, s + MAX_SENTENCE))
            if cut <= s:
                cut = text.rfind(" ", s, s + MAX_SENTENCE)
            cut = cut + 1 if cut > s else s + MAX_SENTENCE
            out.append(trim(text, s, cut))
            s = cut
        out.append(trim(text, s, e))
    return [x for x in out if x[1] > x[0]]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def strip_adverbs(left: str, adverbs: Sequence[str]) -> str:
    t = left[-300:].rstrip(" ,")  # only the words just before the verb matter
    lows = _lowered(adverbs)
    while True:
        low = t.lower()
        if not low.endswith(lows):  # no adverb ends the text: one test in C
            return t
        for a, la in zip(adverbs, lows, strict=True):
            if low.endswith(la) and (len(t) == len(a) or t[-len(a) - 1] in " ,"):
                t = t[: len(t) - len(a)].rstrip(" ,")
                break
        else:
            return t


#: The adverb lists met so far, lowercased (by id; the list is kept alive with its form).
_LOWERED: dict[int, tuple[Sequence[str], tuple[str, ...]]] = {}


def _lowered(adverbs: Sequence[str]) -> tuple[str, ...]:
    hit = _LOWERED.get(id(adverbs))
    if hit is None or hit[0] is not adverbs:
        if len(_LOWERED) >= 8:
            _LOWERED.clear()
        hit = _LOWERED[id(adverbs)] = (adverbs, tuple(a.lower() for a in adverbs))
    return hit[1]
