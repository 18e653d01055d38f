"""The shortcuts of the gazetteer's matcher (issue 16, bench/notes.md "Sixth pass: per byte of
text"): each gives what the slow way gives, on sentences written for the test in the style of
UN resolutions and on random strings made of the gazetteer's own names, their pieces, other
cases, acronyms, punctuation and letters that fold or vanish when normalised."""

from __future__ import annotations

import itertools
import random

import pytest

from pactgraph.gazetteer import Gazetteer, matching
from pactgraph.gazetteer.index import _ACCEPTS
from sentences import UN_SENTENCES

PROVISIONS = [
    *UN_SENTENCES,
    "Requests the Secretary-General, the International Organization for Migration (IOM) and "
    "the Office of the United Nations High Commissioner for Refugees to report to the Human "
    "Rights Council and to the United Nations General Assembly on the Global Compact for "
    "Safe, Orderly and Regular Migration;",
    "Welcomes the ratification by Kenya, Türkiye and the United States of America of the "
    "Convention relating to the Status of Refugees, and calls upon the ILO and UNHCR to "
    "support the Lajčák-led consultations;",
    "Recalls the 2030 Agenda for Sustainable Development (resolution 70/1) and the New York "
    "Declaration for Refugees and Migrants, and notes that turkey and chad are no States here.",
]


def _names(gaz: Gazetteer) -> list[str]:
    """Every name of every entry of the three kinds, as the data files write them."""
    out = {n for e in gaz.actors.values() for n in e.names()}
    out |= {n for e in gaz.instruments.values() for n in e.names()}
    out |= {n for e in gaz.states.values() for n in e.names()}
    return sorted(out)


def _strings(gaz: Gazetteer, seed: int, n: int) -> list[str]:
    """Random strings of names, their first and last words, other cases, and the characters
    that tokenising treats apart (punctuation, superscripts, combining marks that normalise
    to nothing, apostrophes, the letters that fold)."""
    rnd = random.Random(seed)
    names = _names(gaz)
    words = sorted({w for n in names for w in n.split()})
    pieces = [
        *rnd.sample(names, 300),
        *rnd.sample(words, 300),
        *(w.upper() for w in rnd.sample(words, 40)),
        *(w.lower() for w in rnd.sample(words, 40)),
        "the",
        "The",
        " ",
        "  ",
        "\n",
        ",",
        ".",
        ";",
        "-",
        "(",
        ")",
        "'",
        "\u2019",
        "\u00b9",
        "\u0308",  # a combining mark alone: a token whose norm is ""
        "e\u0301",
        "\u00e9",
        "\u0130",
        "\u017f",
        "Organisation",
        "Labor",
    ]
    return [" ".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14))) for _ in range(n)]


def _fresh(gaz: Gazetteer) -> None:
    gaz._found.clear()
    gaz._wholes.clear()
    gaz._placed = None
    matching._RECENT.clear()


def test_names_found_in_one_walk_for_three_kinds_are_those_each_kinds_own_walk_finds() -> None:
    gaz = Gazetteer.load()
    tries = (gaz._instrument_trie, gaz._actor_trie, gaz._state_trie)
    texts = [*PROVISIONS, *_strings(gaz, 1, 3000)]
    for text in texts:
        _fresh(gaz)
        together = matching.candidates_by_kind(gaz._kinds_root, text, _ACCEPTS)
        for rank, trie in enumerate(tries):
            spans: list[tuple[int, int]] = []
            alone = list(matching._candidates(trie, text, rank, _ACCEPTS[rank], spans))
            assert together[rank] == (alone, spans), (rank, text)


def test_every_kind_found_together_in_one_walk_is_what_three_walks_find() -> None:
    gaz = Gazetteer.load()
    tries = (gaz._instrument_trie, gaz._actor_trie, gaz._state_trie)
    for text in [*PROVISIONS, *_strings(gaz, 5, 1000)]:
        _fresh(gaz)
        walks = [
            c for r, t in enumerate(tries) for c in matching._candidates(t, text, r, _ACCEPTS[r])
        ]
        assert gaz.find_all(text) == [gaz._match(text, c) for c in matching._select(walks)], text


@pytest.mark.parametrize("rank", [0, 1, 2])
def test_a_text_matched_for_three_kinds_at_once_gets_what_its_kind_alone_gets(rank: int) -> None:
    gaz = Gazetteer.load()
    tries = (gaz._instrument_trie, gaz._actor_trie, gaz._state_trie)
    for text in [*PROVISIONS, *_strings(gaz, 2 + rank, 1000)]:
        _fresh(gaz)
        cands = matching._candidates(tries[rank], text, rank, _ACCEPTS[rank])
        alone = [gaz._match(text, c) for c in matching._select(cands)]
        _fresh(gaz)
        for other in (0, 1, 2):  # the other kinds asked first, then this one from memory
            if other != rank:
                gaz._find(other, text)
        assert gaz._find(rank, text) == alone, (rank, text)
        _fresh(gaz)
        assert gaz._find(rank, text) == alone, (rank, text)


def test_a_token_of_combining_marks_alone_ends_a_name_as_it_does_in_each_kinds_trie() -> None:
    gaz = Gazetteer.load()
    name = "International Organization for Migration"
    text = f"the International \u0308 Organization for Migration and the {name}"
    _fresh(gaz)
    assert "" in matching._tokens(text).norms
    found = gaz.find_actors(text)
    assert [m.text for m in found if " " in m.text] == [name]
    assert found[-1].end == len(text)


def test_a_part_asked_for_each_kind_in_turn_gets_what_it_gets_matched_alone() -> None:
    from pactgraph.extract.sentences import split_sentences

    gaz = Gazetteer.load()
    noise = _strings(gaz, 9, 200)
    texts = [*PROVISIONS, *(f"{PROVISIONS[i % len(PROVISIONS)]} {x}" for i, x in enumerate(noise))]
    for provision in texts:
        parts = [provision[s:e] for s, e in split_sentences(provision)]
        rnd = random.Random(len(provision))
        cuts = sorted(rnd.randrange(len(provision) + 1) for _ in range(6))
        parts += [provision[a:b] for a, b in itertools.pairwise(cuts) if a < b]
        alone = {}
        for part in parts:
            for rank in (0, 1, 2):
                _fresh(gaz)
                alone[rank, part] = gaz._find(rank, part)
        _fresh(gaz)
        gaz._find(1, provision)
        for part in parts:  # each placed in the provision in turn, asked for each kind
            for rank in (0, 1, 2):
                assert gaz._find(rank, part) == alone[rank, part], (rank, part)


def test_a_name_found_again_names_the_entries_it_named_the_first_time() -> None:
    from pactgraph.extract.actors import entry_ref
    from pactgraph.extract.records import EntityRef

    gaz = Gazetteer.load()
    tries = (gaz._instrument_trie, gaz._actor_trie, gaz._state_trie)
    texts = [*PROVISIONS, *_strings(gaz, 21, 1500)]
    for rank, trie in enumerate(tries):
        for text in texts:
            for c in matching._candidates(trie, text, rank):
                again = gaz._match(text, c)  # remembered by kind, surface and values
                gaz._entries.clear()
                assert gaz._match(text, c) == again, (rank, text)
                entries = (again.entry, *again.alternatives)
                for entry in entries:
                    made = EntityRef(str(entry.id), str(entry.label), str(entry.type), True)
                    assert entry_ref(entry) == made  # made once per entry, the same
    assert gaz._entries  # the test met names


def test_overlapping_finds_keep_the_longest_and_a_lone_find_is_kept() -> None:
    from pactgraph.extract.actors import Found, non_overlapping
    from pactgraph.extract.records import EntityRef

    ref = EntityRef("x", "x", "Actor", True)
    assert non_overlapping([]) == []
    assert non_overlapping([Found(3, 3, ref)]) == [Found(3, 3, ref)]
    assert non_overlapping(iter([Found(5, 9, ref)])) == [Found(5, 9, ref)]
    assert non_overlapping([Found(0, 4, ref), Found(2, 9, ref)]) == [Found(2, 9, ref)]
