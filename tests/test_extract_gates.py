"""The extract stage's first test before a pattern is searched (pactgraph.extract.gates):
a pattern is searched only in texts holding one of the words every match of it contains, and
that changes what is found nowhere, only the cost (issue 16, bench/notes.md).

The sentences are written for the test in the style of UN resolutions and declarations.
"""

from __future__ import annotations

import re
import string

import pytest

from pactgraph.extract.gates import _FOLDS_TO_ASCII, Gated, lowered, may_match, required_words
from pactgraph.extract.vocabulary import load_cues, load_patterns
from sentences import UN_SENTENCES

SENTENCES = UN_SENTENCES


def test_words_are_what_every_match_must_contain() -> None:
    assert required_words(re.compile(r"(?<![\w-])(?:shall not|shall)(?![\w-])")) == {"shall"}
    assert required_words(re.compile(r"(?:it is|is) our (?:aim|intention)")) == {" our "}
    assert required_words(re.compile(r"decide(?:s)?|demand(?:s)?|authori[sz]e")) == {
        "decide",
        "demand",
        "authori",
    }
    assert required_words(re.compile(r"\w+ly|states")) == {"ly", "states"}
    assert required_words(re.compile(r"\w+|states")) is None  # one branch needs no word
    assert required_words(re.compile(r"(?:very )?big")) == {"big"}  # optional parts need none


@pytest.mark.parametrize("sentence", SENTENCES)
def test_every_cue_finds_with_its_first_test_what_it_finds_alone(sentence: str) -> None:
    low = lowered(sentence)
    for cue in load_cues().cues:
        found = [m.span() for m in cue.regex.finditer(sentence)]
        if not may_match(cue.needs, low):
            assert found == [], cue.regex.pattern
    pats = load_patterns()
    for gated in [
        pats.instrument,
        pats.organization,
        pats.role_group,
        pats.partner,
        pats.self_ref,
        pats.protocol_thereto,
        pats.those_instruments,
        pats.national_act,
        *(rx for rx, _label, _type in pats.stakeholders),
    ]:
        assert isinstance(gated, Gated)
        alone = [(m.span(), m.groups()) for m in gated.rx.finditer(sentence)]
        assert [(m.span(), m.groups()) for m in gated.finditer(sentence)] == alone
        assert bool(gated.search(sentence)) == bool(alone)


def test_a_cue_is_searched_where_a_case_fold_could_make_its_word() -> None:
    # "ſhall" matches "shall" case-insensitively, but "ſhall".lower() holds no "shall"
    cue = next(c for c in load_cues().cues if c.needs == {"shall"})
    assert cue.regex.search("Member States ſhall decide")
    assert lowered("Member States ſhall decide") is None  # so the first test lets it through
    assert may_match(cue.needs, lowered("Member States ſhall decide"))


def test_the_characters_that_fold_to_ascii_letters_are_all_listed() -> None:
    letters = string.ascii_letters
    folding = [
        chr(c)
        for c in range(128, 0x110000)
        if not 0xD800 <= c <= 0xDFFF and re.fullmatch(f"[{letters}]", chr(c), re.IGNORECASE)
    ]
    assert folding == ["\u0130", "\u0131", "\u017f", "\u212a"]
    assert all(_FOLDS_TO_ASCII.fullmatch(ch) for ch in folding)


def test_a_group_of_patterns_needs_any_of_their_words_unless_one_needs_none_known() -> None:
    from pactgraph.extract.gates import any_words

    need = [frozenset({"migrants"}), frozenset({"refugees", "asylum"})]
    assert any_words(need) == {"migrants", "refugees", "asylum"}
    assert any_words([*need, None]) is None  # a pattern with no word known: no group test
    assert any_words([]) == frozenset()  # no pattern: no text can be matched by one
