"""The natural order every table, export and page uses (``pactgraph.natural``)."""

from __future__ import annotations

import random

import pytest

from pactgraph.natural import natural_key, natural_sorted, roman_value


@pytest.mark.parametrize(
    "ordered",
    [
        ["2", "9", "10", "19", "32", "32(a)"],  # paragraphs by value, chapeau before its items
        ["I.2", "I.5", "I.5(a)", "I.18", "I.19", "II.1"],  # annex paragraphs, then annex II
        ["I", "II", "III", "IV", "V", "IX", "X", "XI"],  # roman annex numbers
        ["(h)", "(i)", "(j)", "(u)", "(v)", "(w)", "(x)", "(y)", "(z)", "(aa)", "(bb)"],
        ["(i)", "(ii)", "(iii)", "(iv)", "(v)", "(vi)", "(vii)", "(viii)", "(ix)", "(x)", "(xi)"],
        ["4(a)", "4(a)(i)", "4(a)(ii)", "4(b)"],
        ["5", "10", "10.7", "10.10", "10.a", "10.c"],  # SDG targets: numbers, then letters
        ["Objective 2: Minimize", "Objective 10: Prevent", "Objective 19: Create"],
        ["migration-in-kenya.b2", "migration-in-kenya.b10"],
    ],
)
def test_natural_order_follows_un_numbering(ordered):
    shuffled = ordered[:]
    random.Random(17).shuffle(shuffled)
    assert natural_sorted(shuffled) == ordered


def test_text_order_was_wrong_for_these():
    """The issue's examples: as text, 19 sorts before 2 and I.19 before I.2."""
    assert sorted(["Objective 19", "Objective 2"]) == ["Objective 19", "Objective 2"]
    assert natural_sorted(["Objective 19", "Objective 2"]) == ["Objective 2", "Objective 19"]
    assert natural_sorted(["I.18", "I.19", "I.2"]) == ["I.2", "I.18", "I.19"]


def test_the_order_is_total_and_stable_for_any_strings():
    values = ["a", "A", "a ", "", "1", "01", "Ä", "x-1", "x_1", "(i)", "i"]
    first = natural_sorted(values)
    assert natural_sorted(list(reversed(values))) == first
    assert len({natural_key(v) for v in values}) == len(values)
    assert natural_key(None) == natural_key("")


def test_roman_values():
    assert [roman_value(s) for s in ["i", "IV", "ix", "xiv", "xxxix"]] == [1, 4, 9, 14, 39]
    assert [roman_value(s) for s in ["", "iiii", "vx", "il", "abc"]] == [None] * 5


def test_natural_sorted_takes_a_key():
    rows = [{"ref": "10"}, {"ref": "9"}]
    assert natural_sorted(rows, key=lambda r: r["ref"]) == [{"ref": "9"}, {"ref": "10"}]
