"""The shortcuts of the text analysis added by the seventh pass (issue 16, bench/notes.md
"Seventh pass: analysis"): each gives what the slow way gives, on sentences written for the test
in the style of UN resolutions and reports and on random strings made of the patterns' own words,
their pieces, other cases, punctuation and the letters that fold to ASCII."""

from __future__ import annotations

import dataclasses
import random
import re

import pytest

from pactgraph.extract import instruments
from pactgraph.extract.gates import GATES
from pactgraph.extract.records import AnalysisContext
from pactgraph.extract.vocabulary import load_cues, load_patterns
from pactgraph.gazetteer import Gazetteer, matching
from pactgraph.roles import load_role_cues
from sentences import UN_SENTENCES

#: Sentences that cite instruments in every way find_instruments knows, and some that do not.
CITING = [
    *UN_SENTENCES,
    "Calls upon States to ratify the Convention on the Rights of the Child and the Optional "
    "Protocol thereto on the involvement of children in armed conflict;",
    "Recalling the International Convention on the Protection of the Rights of All Migrant "
    "Workers and Members of Their Families and those instruments that protect refugees,",
    "The present resolution and its annexes shall be transmitted to the Commission on "
    "Population and Development.",
    "The global compact should be implemented in line with the Immigration and Refugee "
    "Protection Act, No. 27 of 2001, and the Kampala Declaration on Jobs, Livelihoods and "
    "Self-reliance.",
    "We reaffirm this Global Compact for Safe, Orderly and Regular Migration and the 1951 "
    "Convention and the 1967 Protocol relating to the Status of Refugees.",
    "Encourages Member States to share good practices with the International Organization "
    "for Migration and relevant regional bodies.",
    "Welcomes the report of the Secretary-General on the implementation of these two "
    "Protocols and both instruments herein.",
    "Notes with appreciation the Refugees Act 2006 of Uganda.",
]


def _words(pattern_words: frozenset[str] | None) -> list[str]:
    assert pattern_words
    return sorted(pattern_words)


def _strings(seed: int, n: int, words: list[str]) -> list[str]:
    """Random strings of ``words`` as written (lower, Capitalized, upper), their halves, names
    of the gazetteer, spaces, punctuation, digits and the letters that fold to ASCII."""
    rnd = random.Random(seed)
    gaz = Gazetteer.load()
    names = sorted(n for e in gaz.instruments.values() for n in e.names())
    pieces = [
        *words,
        *(w.capitalize() for w in words),
        *(w.upper() for w in words[:20]),
        *(w[: len(w) // 2] for w in words),
        *rnd.sample(names, 60),
        "the",
        "The",
        "this",
        "present",
        "thereto",
        "those",
        "Act",
        "No. 27 of 2001",
        "1967",
        " ",
        "  ",
        ",",
        ".",
        ";",
        "-",
        "\u2019",
        "\u0130",
        "\u0131",
        "\u017f",
        "\u212a",
        "\u00e9",
    ]
    return [" ".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14))) for _ in range(n)]


def _passed_over_texts_match_nothing(words, patterns: list[tuple[str, re.Pattern]], seed: int):
    """Every text the gate of ``words`` passes over (``GATES.may_hold`` false) is matched by
    none of ``patterns`` (name, regex); the texts: UN-style citing sentences and random ones."""
    passed = 0
    for text in [*CITING, *_strings(seed, 3000, _words(words))]:
        if GATES.may_hold(words, text):
            continue
        passed += 1
        for name, rx in patterns:
            assert rx.search(text) is None, (name, text)
    assert passed > 200  # the test meets texts the gate passes over


def test_a_sentence_without_any_instrument_patterns_words_is_matched_by_none_of_them() -> None:
    pats = load_patterns()
    gated = [(g.pattern, g.rx) for g in pats.instrument_patterns()]
    _passed_over_texts_match_nothing(pats.instrument_words, gated, 1)


@pytest.mark.parametrize("kind", ["resolution", "report"])
def test_instruments_found_passing_over_their_patterns_are_those_found_searching_them_all(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    gaz = Gazetteer.load()
    pats = load_patterns()
    ctx = AnalysisContext(work_id="gcm", doc_kind=kind, issuer=None, self_ids=frozenset({"gcm"}))
    texts = [*CITING, *_strings(2, 1500, _words(pats.instrument_words))]
    prior = [instruments.entry_ref(gaz.instrument("1951-refugee-convention"))]
    fast = [instruments.find_instruments(t, gaz, ctx, prior=prior) for t in texts]
    every = dataclasses.replace(pats, instrument_words=None)  # None: every pattern searched
    monkeypatch.setattr(instruments, "load_patterns", lambda: every)
    slow = [instruments.find_instruments(t, gaz, ctx, prior=prior) for t in texts]
    assert sum(bool(found) for found, _selfs in slow) > 100  # the texts cite instruments
    for text, a, b in zip(texts, fast, slow, strict=True):
        assert a == b, text


def test_an_ascii_text_is_split_into_tokens_as_the_general_split_splits_it() -> None:
    rnd = random.Random(3)
    ascii_chars = [chr(i) for i in range(128)]
    texts = [t for t in CITING if t.isascii()]
    texts += [
        "".join(rnd.choice(ascii_chars) for _ in range(rnd.randint(0, 16))) for _ in range(20000)
    ]
    words = ["UNHCR", "IOM's", "co-operation", "A/RES/70/1", "_x_", "2030", "e.g.", "**", '"']
    texts += [" ".join(rnd.choice(words) for _ in range(rnd.randint(0, 8))) for _ in range(3000)]
    for text in texts:
        assert matching._KEPT_ASCII_SPLIT.split(text) == matching._KEPT_SPLIT.split(text), text


def test_a_sentence_without_any_role_cues_words_is_matched_by_no_role_cue() -> None:
    table = load_role_cues()
    cues = [(cue.name, cue.pattern) for cue in table.cues]
    _passed_over_texts_match_nothing(table.words, cues, 4)


def test_the_item_initial_cues_are_the_cue_tables_cues_of_that_form_in_file_order() -> None:
    table = load_cues()
    assert table.item_initial  # a sub-item's opening verb caps its modality
    assert table.item_initial == tuple(c for c in table.cues if c.form == "item-initial")


def test_literals_are_what_every_match_of_a_pattern_minding_case_contains() -> None:
    from pactgraph.extract.gates import required_literals

    assert required_literals(re.compile(r"[A-Z]\w*\s+Act(?:\s*,)?\s+\d{4}")) == {"Act"}
    assert required_literals(re.compile(r"Convention|Protocol|Covenant")) == {
        "Convention",
        "Protocol",
        "Covenant",
    }
    assert required_literals(re.compile(r"Convention", re.IGNORECASE)) is None
    assert required_literals(re.compile(r"(?i)Convention")) is None
    assert required_literals(re.compile(r"(?i:convention)|Protocol")) is None
    assert required_literals(re.compile(r"Charter(?i: of the)")) == {"Charter"}
    assert required_literals(re.compile(r"\w+")) is None


def _case_strings(seed: int, n: int, words: list[str]) -> list[str]:
    """Random strings of ``words`` in every case and inside longer words ("act" in "action")."""
    rnd = random.Random(seed)
    forms = [f for w in words for f in (w, w.lower(), w.upper(), w.capitalize(), w.swapcase())]
    forms += [f"{w.lower()}ion" for w in words] + [f"re{w.lower()}" for w in words]
    forms += ["The", "of the", "No. 4 of", "2001", "1967", " ", ",", ".", "\u0130", "\u212a"]
    return [
        "".join(rnd.choice(forms + [" "] * 6) for _ in range(rnd.randint(0, 16))) for _ in range(n)
    ]


def test_a_gated_pattern_minding_case_finds_what_it_finds_in_texts_lacking_its_literals() -> None:
    from pactgraph.extract.gates import Gated
    from pactgraph.extract.objectives import _SDG

    pats = load_patterns()
    gated: list[Gated] = [pats.role_group, pats.instrument, pats.national_act, pats.organization]
    gated.append(_SDG)
    assert all(g.literals for g in gated)  # each minds case: its literals are tested
    passed = 0
    for g in gated:
        words = sorted({*(g.literals or ()), *(g.words or ())})
        for text in [*CITING, *_case_strings(5, 1500, words)]:
            passed += not any(map(text.__contains__, g.literals or ()))
            slow = [(m.span(), m.groups()) for m in g.rx.finditer(text)]
            assert [(m.span(), m.groups()) for m in g.finditer(text)] == slow, (g.pattern, text)
            g._last = None
            first = g.search(text)
            assert (first and first.span()) == (slow[0][0] if slow else None), text
    assert passed > 1000  # the tests meet texts without the literals


def _generated(cls: type) -> type:
    """The same fields in a frozen dataclass whose __init__ the dataclass module writes."""
    return dataclasses.make_dataclass(
        cls.__name__,
        [
            (f.name, f.type, dataclasses.field(default=f.default))
            if f.default is not dataclasses.MISSING
            else (f.name, f.type)
            for f in dataclasses.fields(cls)
        ],
        frozen=True,
    )


@pytest.mark.parametrize("kind", ["found", "match"])
def test_a_record_made_by_its_own_init_is_the_one_the_dataclass_init_makes(kind: str) -> None:
    import pickle

    from pactgraph.extract.actors import Found
    from pactgraph.extract.records import EntityRef
    from pactgraph.gazetteer.records import Match

    gaz = Gazetteer.load()
    ref = EntityRef("iom", "IOM", "UNAgency", True)
    cases: list[tuple[type, tuple]] = [(Found, (3, 9, ref))]
    if kind == "match":
        iom = gaz.actor("iom")
        cases = [(Match, (3, 9, "IOM", iom)), (Match, (0, 4, "IOM", iom, (iom,)))]
    for cls, args in cases:
        made, generated = cls(*args), _generated(cls)(*args)
        names = [f.name for f in dataclasses.fields(cls)]
        assert list(made.__dict__) == names == list(generated.__dict__)
        assert made.__dict__ == generated.__dict__
        assert repr(made) == repr(generated).replace(
            generated.__class__.__qualname__, cls.__qualname__
        )
        assert made == cls(*args) and hash(made) == hash(cls(*args))
        assert made != cls(*[(a + 1 if isinstance(a, int) else a) for a in args])
        assert pickle.loads(pickle.dumps(made)) == made
        assert dataclasses.replace(made, start=1).start == 1
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.start = 0  # type: ignore[misc]


def test_sentences_split_after_one_search_for_a_boundary_are_those_a_full_walk_splits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pactgraph.extract import sentences
    from pactgraph.extract.gates import Scanned

    rnd = random.Random(6)
    pieces = ["Decides", "that", "States", "shall", "report", "e.g.", "No.", "U.S.", "a", "(b)"]
    pieces += [".", ";", "!", "?", " ", "  ", "\n", "\u00b9", "\u201d", ")", "1.", "A", "(iv)"]
    texts = [*CITING, *(t.replace(". ", ".\u00b2 ") for t in CITING)]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30))) for _ in range(4000)]
    fast = [sentences.split_sentences(t) for t in texts]
    walk = Scanned(sentences._BOUNDARY.rx)
    walk.scan = None  # every place tried: the full walk
    monkeypatch.setattr(sentences, "_BOUNDARY", walk)
    assert sum(len(s) > 1 for s in fast) > 300  # the texts have boundaries to find
    assert [sentences.split_sentences(t) for t in texts] == fast
