"""Natural order for references, objectives and labels, shared by every table, export and page.

Takes a string (a provision reference such as ``I.18`` or ``II.8(x)``, an objective number such
as ``10.7``, a label such as ``Objective 19: …``); gives a key that sorts the way UN documents
are numbered:

- numbers by value: ``2`` before ``19``, ``I.2`` before ``I.18``, ``10.7`` before ``10.a``;
- roman numerals by value: annex ``IX`` before ``X``, sub-item ``(iv)`` before ``(v)`` and
  ``(ix)`` before ``(x)``;
- letters in alphabetical order, and ``(aa)`` after ``(z)`` as the UN numbers them;
- other words case-insensitively, the raw text last, so that the order is total and stable.

A one-letter marker is ambiguous: ``(i)`` is the ninth letter in ``(h) (i) (j)`` and the first
roman numeral in ``(i) (ii) (iii)``. The key gives ``i``, ``v`` and ``x`` their place in the
alphabet and places every longer roman numeral between them (``ii``–``iv`` between ``i`` and
``v``, ``vi``–``ix`` between ``v`` and ``x``, the rest after ``x``), so both runs come out in
order without knowing which kind of list they belong to.

``natsort`` (PyPI) was the other candidate: it orders numbers by value but knows neither roman
numerals nor the letter/roman ambiguity of UN sub-items, which is most of what is needed here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import TypeVar

__all__ = ["natural_key", "natural_sorted", "roman_numeral", "roman_value"]

T = TypeVar("T")

_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_ROMAN = re.compile(r"^(x{0,3})(ix|iv|v?i{0,3})$")  # 1..39, lower case, strictly formed
_NUMBER, _MARKER, _WORD = 0, 1, 2
Token = tuple[int, Fraction, str]


_NUMERALS = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def roman_numeral(n: int) -> str:
    """``n`` in upper-case roman numerals ("IV", "XIV"); the empty string for 0."""
    out = []
    for value, letters in _NUMERALS:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def roman_value(text: str) -> int | None:
    """The value of a roman numeral of ``i``, ``v`` and ``x`` (1–39, any case), else ``None``."""
    lowered = text.lower()
    if not lowered or not _ROMAN.match(lowered):
        return None
    values = {"i": 1, "v": 5, "x": 10}
    total = 0
    for index, char in enumerate(lowered):
        value = values[char]
        following = values[lowered[index + 1]] if index + 1 < len(lowered) else 0
        total += -value if value < following else value
    return total


def _roman_position(value: int) -> Fraction:
    """A roman numeral's place on the alphabet scale: i=9, v=22, x=24, the others between."""
    if value < 5:
        return 9 + Fraction(13 * (value - 1), 4)
    if value < 10:
        return 22 + Fraction(2 * (value - 5), 5)
    return 24 + Fraction(value - 10, 100)


def _token(text: str) -> Token:
    if text.isdigit():
        return (_NUMBER, Fraction(int(text)), "")
    lowered = text.lower()
    if len(lowered) == 1 and "a" <= lowered <= "z":
        return (_MARKER, Fraction(ord(lowered) - ord("a") + 1), "")
    value = roman_value(lowered)
    if value is not None:
        return (_MARKER, _roman_position(value), "")
    if len(set(lowered)) == 1 and "a" <= lowered[0] <= "z":  # (aa), (bbb): after (z)
        return (_MARKER, Fraction(26 * (len(lowered) - 1) + ord(lowered[0]) - ord("a") + 1), "")
    return (_WORD, Fraction(0), lowered)


def natural_key(text: object) -> tuple[tuple[Token, ...], str, str]:
    """The sort key of ``text`` (any object, by its ``str``); see the module docstring."""
    value = "" if text is None else str(text)
    tokens = tuple(_token(t) for t in _TOKEN.findall(value))
    return (tokens, value.casefold(), value)


def natural_sorted(items: Iterable[T], key: Callable[[T], object] | None = None) -> list[T]:
    """``items`` in natural order of ``key(item)`` (the item itself by default)."""
    pick = key or (lambda item: item)
    return sorted(items, key=lambda item: natural_key(pick(item)))
