"""The role cues' cheap first test (pactgraph.roles): a cue that opens with a lazy group
("(?P<holder>.+?) will serve as ...") is first looked for by what follows the group, and that
test changes no answer, only the cost (bench/notes.md, issue 16).

The sentences are written for the test in the style of General Assembly resolutions.
"""

from __future__ import annotations

import re

import pytest

from pactgraph.roles import _after_lazy_head, load_role_cues

SENTENCES = [
    "The International Labour Organization will serve as the coordinator and secretariat of "
    "the network established by the present resolution.",
    "Decides that the Office will act as secretariat for the review forum",
    "Also decides that the capacity-building mechanism should be developed and led by the "
    "network, in close cooperation with Member States",
    "Requests the Secretary-General to report to the General Assembly at its ninetieth session "
    "on the implementation of the present resolution",
    "Invites the Human Rights Council to review the implementation of the Declaration",
    "Recognizes the contribution of host communities, in particular in rural areas, " * 40,
    "The Forum, as the coordinator of regional consultations, will meet every two years",
    "",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_every_cue_finds_with_its_first_test_what_its_pattern_finds_alone(sentence):
    for cue in load_role_cues().cues:
        alone = cue.pattern.search(sentence)
        found = cue.search(sentence)
        assert (found and found.span(), found and found.groupdict()) == (
            alone and alone.span(),
            alone and alone.groupdict(),
        ), cue.name


def test_the_cues_that_open_with_a_lazy_holder_get_a_first_test():
    cues = {c.name: c for c in load_role_cues().cues}
    assert cues["serves-as-coordinator"].needs is not None
    assert cues["serves-as-coordinator"].needs.pattern.startswith(r"\b(?:will|shall|would)")
    assert cues["requested-or-invited"].needs is None  # it opens with words already


def test_what_follows_the_lazy_group_is_found_past_escapes_and_character_classes():
    assert _after_lazy_head(r"(?P<holder>[^()\]]+?)\) will (?P<over>x)") == r"\) will (?P<over>x)"
    assert _after_lazy_head(r"(?P<holder>(?:a|b)+?) shall") == " shall"
    assert _after_lazy_head(r"(?P<holder>[]x]+?)y") == "y"
    assert _after_lazy_head(r"(?P<holder>[^])]+?)y") == "y"


def test_no_first_test_where_the_group_is_greedy_or_referred_back_to_or_not_first():
    assert _after_lazy_head(r"(?P<holder>.+) will") is None
    assert _after_lazy_head(r"(?P<holder>.+?) and (?P=holder)") is None
    assert _after_lazy_head(r"\brequests? (?P<holder>.+?)\bto") is None
    assert _after_lazy_head(r"(?P<holder>.+?)") is None
    re.compile(r"(?P<holder>[]x]+?)y")  # the class above is a valid pattern
