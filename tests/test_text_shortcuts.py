"""The shortcuts of the stages before emit (issue 16, bench/notes.md "Fourth pass"): each gives
what the slow way gives, on texts written for the test in the style of UN resolutions and on
adversarial strings (words at the edges, across punctuation, mixed case, non-ASCII).
"""

from __future__ import annotations

import random
import sys

import pytest

from pactgraph.extract.gates import GATES, Words, lowered, may_match, may_match_any
from pactgraph.extract.modality import cue_hits
from pactgraph.extract.vocabulary import load_cues, load_patterns
from pactgraph.gazetteer import Gazetteer, matching
from pactgraph.roles import load_role_cues
from pactgraph.structure.lines import _MARKUP, _clean_markup, clean_text
from sentences import UN_SENTENCES

SENTENCES = [
    *UN_SENTENCES,
    "shall",
    "will-shall;must,should:encourages(invites)[requests]",
    "Ẁe réaffirm, ‘noting’ — « welcoming » the Ｃommission’s work; it is our aim to",
]

#: Words that overlap, nest and share prefixes, beside the cue table's own.
NESTED = ["a", "ab", "abc", "b", "bc", "c", " our ", "our", "ou", "shall", "shall not", "all"]


def _strings(seed: int, n: int, words: list[str] | None = None) -> list[str]:
    """Random strings made of cue words (or ``words``), their pieces, spaces, punctuation and
    odd letters."""
    rnd = random.Random(seed)
    if words is None:
        words = sorted({w for c in load_cues().cues for w in c.needs or ()}) + NESTED
    pieces = [
        *words,
        *(w.upper() for w in words[:20]),
        *(w[: len(w) // 2] for w in words),
        " ",
        "  ",
        "-",
        ",",
        ".",
        "\n",
        "\u00a0",
        "é",
        "ß",
        "İ",
        "ı",
        "ſ",
        "\u212a",
        "Σ",
        "x",
        "1",
    ]
    return ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12))) for _ in range(n)]


def _gate_words() -> list[str]:
    """Every word a gated pattern of the three data files needs (each registers its own)."""
    load_cues()
    load_patterns()
    load_role_cues()
    return sorted(GATES.words)


def _gate_strings(seed: int, n: int) -> list[str]:
    """Random strings of gate words as written (lower, Capitalized, upper) and their pieces."""
    words = _gate_words()
    return _strings(seed, n, [*words, *(w.capitalize() for w in words), *NESTED])


@pytest.mark.parametrize("vocabulary", ["cues", "nested", "gates"])
def test_the_words_found_in_one_pass_are_the_words_each_found_alone(vocabulary: str) -> None:
    if vocabulary == "nested":
        words = Words([*NESTED, ""])
    elif vocabulary == "gates":
        words = Words(_gate_words())
    else:
        words = Words(w for c in load_cues().cues for w in c.needs or ())
    for text in [*SENTENCES, *_strings(1, 3000), *_gate_strings(11, 2000)]:
        low = text.lower()
        assert words.present(low) == {w for w in words.words if w in low}, text


def test_no_words_are_found_by_an_empty_vocabulary() -> None:
    assert Words(()).present("shall") == frozenset()


def test_the_gate_words_a_text_holds_are_those_found_in_it_lowered() -> None:
    words = _gate_words()
    assert {"states", "partners", "shall", "protocol"} <= set(words)
    for text in [*SENTENCES, *_gate_strings(12, 3000)]:
        low = lowered(text)
        expected = None if low is None else {w for w in words if w in low}
        assert GATES.present(text) == expected, text
        assert GATES.present(text) == expected, text  # asked again: remembered


def _gated_patterns() -> list:
    pats = load_patterns()
    named = [
        pats.role_group,
        pats.partner,
        pats.self_ref,
        pats.protocol_thereto,
        pats.those_instruments,
        pats.instrument,
        pats.national_act,
        pats.organization,
    ]
    return [*named, *(g for g, _l, _t in pats.stakeholders), *(g for g, _i, _k in pats.short_forms)]


def test_a_gated_pattern_finds_what_its_pattern_finds_in_every_text() -> None:
    gated = _gated_patterns()
    assert all(g.words for g in gated[:3])  # the first test has words to test
    for text in [*SENTENCES, *_gate_strings(13, 1500)]:
        for g in gated:
            slow = [(m.span(), m.groups()) for m in g.rx.finditer(text)]
            assert [(m.span(), m.groups()) for m in g.finditer(text)] == slow, (g.pattern, text)
            first = g.search(text)
            assert (first and first.span()) == (slow[0][0] if slow else None), text


def _role_texts(seed: int) -> list[str]:
    """Sentences built of role holders, role verbs and objects, with the test's sentences and
    random strings of gate words."""
    texts = [*SENTENCES, *_gate_strings(seed, 1000)]
    rnd = random.Random(seed + 1)
    holders = ["The Network ", "IOM ", "the Secretary-General ", "", "States, "]
    verbs = [
        "will serve as the coordinator and secretariat of ",
        "shall act as coordinator for ",
        "would serve as the lead agency of ",
        "will coordinate ",
        "shall serve as the primary global platform for the implementation of ",
        "should be developed and led by ",
        "requests IOM to report on ",
        "invites the Forum to review the implementation of ",
        "a multi-partner trust fund to financ",
        "calls upon UNHCR to ",
        "will serve as ",
        "to ",
    ]
    objects = ["the Global Compact", "its work", "", "X; and Y", "the Compact. Next"]
    texts += [
        "".join(rnd.choice(part) for part in (holders, verbs, objects, verbs, objects))
        for _ in range(1500)
    ]
    return texts


def test_a_role_cue_passes_over_only_sentences_its_pattern_cannot_match() -> None:
    cues = load_role_cues().cues
    texts = _role_texts(14)
    assert sum(cue.opening is not None for cue in cues) > 5  # their needs open with words
    for text in texts:
        present = GATES.found(text)
        for cue in cues:
            found = cue.search(text, present)
            slow = cue.pattern.search(text)
            assert (found and found.span()) == (slow and slow.span()), (cue.name, text)


def test_every_cue_the_one_pass_lets_through_is_every_cue_that_can_match() -> None:
    table = load_cues()
    for text in [*SENTENCES, *_strings(2, 2000)]:
        low = lowered(text)
        present = table.words.present(low) if low is not None else None
        for cue in table.cues:
            assert may_match_any(cue.needs, present) == may_match(cue.needs, low), text
            if not may_match_any(cue.needs, present):
                assert cue.regex.search(text) is None, (cue.regex.pattern, text)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_the_cues_found_are_those_every_cue_pattern_finds_unfiltered(sentence: str) -> None:
    hits = [(h.start, h.end, h.cue.regex.pattern) for h in cue_hits(sentence, [])]
    # the same walk over the cues, with no first test: the same hits
    taken: list[tuple[int, int]] = []
    raw = []
    for cue in load_cues().cues:
        if cue.form == "item-initial":
            continue
        for m in cue.regex.finditer(sentence):
            if any(m.start() < b and m.end() > a for a, b in taken):
                continue
            taken.append(m.span())
            raw.append((m.start(), m.end(), cue.regex.pattern))
    assert hits == sorted(raw, key=lambda r: r[0])


def test_a_line_without_markup_is_cleaned_as_the_whole_chain_cleans_it() -> None:
    lines = [
        *SENTENCES,
        "  12.\tDecides  to  remain seized\u00a0of the matter.  ",
        "*Treaty Series*, vol. 189, No. 2545¹²",
        "<i>Session 1:</i> [the Compact](https://example.org) $A_{x}$ \\sim `code` **bold**",
        "a\\$b",
        "\u2028\u3000x\x1c\x1fy\u200b",
    ]
    # every code point: those a removal needs one by one, the others 256 to a line
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    lines += [f" a{ch}b {ch}" for ch in chars if _MARKUP.search(ch)]
    plain = [ch for ch in chars if not _MARKUP.search(ch)]
    lines += [" x".join(plain[i : i + 256]) + " " for i in range(0, len(plain), 256)]
    for line in lines:
        assert clean_text(line) == _clean_markup(line), repr(line)


def _scan_by_matches(text: str) -> matching._Tokens:
    """The tokens as one match object each gives them (the form the split replaced)."""
    found = list(matching._KEPT.finditer(text))
    if not found:
        return matching._Tokens((), (), (), ())
    raws = tuple(m.group() for m in found)
    return matching._Tokens(
        tuple(matching._norm(r) for r in raws),
        raws,
        tuple(m.start() for m in found),
        tuple(m.end() for m in found),
    )


def test_tokens_from_a_split_are_the_tokens_of_one_match_each() -> None:
    texts = [*SENTENCES, *_strings(3, 1000)]
    texts += [f"x{chr(c)}y {chr(c)}" for c in range(0, sys.maxunicode + 1, 7) if c < 0xD800]
    for text in texts:
        assert matching._scan(text) == _scan_by_matches(text), repr(text)


def test_a_text_matched_again_gets_the_matches_found_the_first_time() -> None:
    gaz = Gazetteer.load()
    text = (
        "Requests the Secretary-General and the International Organization for Migration, "
        "with UNHCR and Kenya, to report on the Global Compact for Migration;"
    )
    first = (gaz.find_actors(text), gaz.find_instruments(text), gaz.find_states(text))
    first[0].clear()  # a caller changing its list changes nothing remembered
    again = (gaz.find_actors(text), gaz.find_instruments(text), gaz.find_states(text))
    gaz._found.clear()
    fresh = (gaz.find_actors(text), gaz.find_instruments(text), gaz.find_states(text))
    assert again == fresh
    assert [m.entry.id for m in fresh[0]] and [m.entry.id for m in fresh[2]] == ["ken"]


def _sentence_matches(gaz: Gazetteer, rank: int, sentence: str) -> list:
    """What the gazetteer finds in ``sentence`` matched on its own, with nothing remembered."""
    gaz._found.clear()
    gaz._wholes.clear()
    return gaz._find(rank, sentence)


@pytest.mark.parametrize("rank", [0, 1, 2])
def test_a_sentence_gets_from_its_provision_what_it_gets_matched_alone(rank: int) -> None:
    gaz = Gazetteer.load()
    provisions = [
        "Welcomes the work of the International Organization for Migration. Requests the "
        "Secretary-General to report. Recalls the Convention relating to the Status of "
        "Refugees and the Global Compact for Safe, Orderly and Regular Migration.",
        # a name across the cut: "United Nations. High Commissioner" is no name of one sentence
        "Thanks the United Nations. High Commissioner for Refugees and Kenya. Notes Kenya's "
        "report to the Human Rights Council. International Organization for Migration.",
        "Member States ſhall cooperate with UNHCR.Kenya and the Office of the United Nations "
        "High Commissioner for Human Rights; the ILO and IOM will report to kenya and Kenya.",
    ]
    rnd = random.Random(4)
    for provision in provisions:
        cuts = sorted({0, len(provision), *(rnd.randrange(len(provision)) for _ in range(40))})
        cuts += [i + 1 for i, ch in enumerate(provision) if ch in ".;"]
        parts = {provision[a:b] for a in cuts for b in cuts if a < b}
        for part in sorted(parts):
            alone = _sentence_matches(gaz, rank, part)
            gaz._found.clear()
            gaz._wholes.clear()
            gaz._find(rank, provision)
            assert gaz._find(rank, part) == alone, (rank, part)


def test_the_first_test_of_the_line_cues_lets_through_every_line_a_cue_matches() -> None:
    from pactgraph.cues import default_cues

    cues = default_cues()
    assert cues._any_start is not None and cues._any_furniture is not None
    lines = [
        "General Assembly",
        "Distr.: General",
        "Seventy-first session",
        "Resolution adopted by the General Assembly on 19 September 2016",
        "Report of the Secretary-General",
        "We, the Heads of State and Government, gathered",
        "Global Compact for Safe, Orderly and Regular Migration",
        "Zero draft",
        "Dear Madam President,",
        "National position",
        "Papers laid",
        "12/34",
        "16-16301 (E)",
        "*1616301*",
        "Please recycle",
        "A/RES/71/1",
        "$x$",
        "19/09/2016",
        "Approved for tabling.",
        "Ab",
        "IV",
        "....",
        "—",
        "71st plenary meeting",
        "<!-- page 3 -->",
        "| --- | :-: |",
        "- 3 -",
        "The General Assembly,",
        "1. Decides to convene a high-level meeting;",
        "",
    ]
    lines += [f"** {t.upper()} **" for t in lines] + [f"  {t.lower()}  " for t in lines]
    lines += [f"x{t}" for t in lines] + _strings(5, 500)
    for line in lines:
        s = line.strip().strip("*").strip()
        assert cues.start_cue(line) is next((c for c in cues.start if c.pattern.search(s)), None)
        t = line.strip()
        slow = next((name for name, p in cues.furniture if p.search(t)), None)
        assert cues.furniture_name(line) == slow, line


def test_patterns_joined_only_where_the_join_finds_what_each_finds() -> None:
    import re

    from pactgraph.cues import any_of

    assert any_of([re.compile("^a"), re.compile("b")]) is None  # not anchored: a search
    assert any_of([re.compile("^a", re.MULTILINE)]) is None  # "^" at every line
    assert any_of([re.compile(r"^(a)\1")]) is None  # a back-reference a join renumbers
    joined = any_of([re.compile("^a"), re.compile("^b", re.IGNORECASE)])
    assert joined is not None
    assert joined.match("B") and joined.match("a") and not joined.match("A")


def test_an_ending_looked_for_at_the_end_is_found_where_a_whole_search_finds_it() -> None:
    from pactgraph.extract.bearers import _FIRST_PLURAL, _FIRST_SINGULAR, COORDINATED, ends_with

    endings = ["we", "We", "WE", "I", "and", "or", "but", "as well as", "hand", "Ias", "wE"]
    texts = [""] + [
        f"{lead}{sep}{end}{tail}"
        for lead in ("", "x", "Member States", "in 2016, ", "é")
        for sep in ("", " ", ",", "\n", "-", "_")
        for end in endings
        for tail in ("", "\n", " ", "\n\n", ",")
    ]
    texts += _strings(6, 1500)
    for rx, width in ((_FIRST_PLURAL, 3), (_FIRST_SINGULAR, 2), (COORDINATED, 11)):
        for text in texts:
            assert ends_with(rx, text, width) == (rx.search(text) is not None), (rx, text)


def test_the_cues_searched_for_a_set_of_words_are_those_each_test_lets_through() -> None:
    table = load_cues()
    for text in [*SENTENCES, *_strings(7, 500)]:
        low = lowered(text)
        present = table.words.present(low) if low is not None else None
        slow = [c for c in table.cues if c.form != "item-initial" and may_match(c.needs, low)]
        assert list(table.searched(present)) == slow, text


@pytest.mark.parametrize("name", ["organization", "instrument"])
def test_a_name_pattern_behind_its_first_letter_finds_what_it_finds_alone(name: str) -> None:
    import re

    from pactgraph.extract.vocabulary import load_patterns

    pats = load_patterns()
    led = getattr(pats, name).rx
    lead, _, rest = led.pattern.partition(")(?:")
    assert lead in ("(?=[A-Z]", r"(?=[A-Z\d]") and rest.endswith(")")
    alone = re.compile(rest[:-1], led.flags)
    heads = list(pats.organization_heads if name == "organization" else pats.instrument_heads)
    rnd = random.Random(8)
    pieces = [
        *heads,
        *(h.lower() for h in heads[:5]),
        "Regional",
        "United Nations",
        "Nations’",
        "Ébola",
        "Öffice",
        "of",
        "for",
        "the",
        "and",
        "on",
        "relating to",
        "1951",
        "2016–2030",
        "٢٠١٦",
        "No.",
        "U.N.",
        " ",
        "  ",
        "\n",
        ", ",
        "-",
        "x",
        "X",
    ]
    texts = [*SENTENCES]
    texts += [" ".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14))) for _ in range(3000)]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 10))) for _ in range(1000)]
    for text in texts:
        got = [(m.span(), m.groups()) for m in led.finditer(text)]
        assert got == [(m.span(), m.groups()) for m in alone.finditer(text)], text


def test_the_first_characters_under_ignorecase_are_every_code_point_that_matches_them() -> None:
    import re

    from pactgraph.extract.gates import first_characters

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for code in range(128):
        c = chr(code)
        first = first_characters(re.compile(re.escape(c) + "x", re.IGNORECASE))
        assert first is not None
        assert set(re.findall(re.escape(c), every, re.IGNORECASE)) == first, repr(c)
        assert first_characters(re.compile(re.escape(c) + "x")) == {c}


def test_first_characters_are_read_only_where_every_match_begins_with_one() -> None:
    import re

    from pactgraph.extract.gates import first_characters

    def first(pattern: str, flags: int = 0) -> set[str] | None:
        found = first_characters(re.compile(pattern, flags))
        return None if found is None else set(found)

    assert first(r"(?<![\w-])(?:shall not|shall|must)\b") == {"s", "m"}
    assert first(r"\b(?:(?:re)?commit|x?y*z)") == {"r", "c", "x", "y", "z"}
    assert first(r"(?:a|b?)c") == {"a", "b", "c"}
    assert first(r"[a-c]d|e", re.IGNORECASE) == set("abcdeABCDE") - {"d", "D"}
    assert first(r"(?i)k") == {"k", "K", "\u212a"}
    for unknown in (r"\w+", r"a?", r"(?:a|)", r"[^a]b", r".", r"(?i:a)b", r"é", r"(a)\1|\1"):
        assert first(unknown) is None, unknown


#: Patterns whose matches overlap, nest, begin with an assertion or a group, use groups and
#: flags: what the scan must reproduce.
_SCANNED = [
    r"aa",
    r"a+b?",
    r"(?<![\w-])(?:shall not|shall)(?![\w-])",
    r"\b(?:(?:re)?commit(?:s)? (?:ourselves )?to|(?:re)?commit(?:s)?\b(?! to the))",
    r"(?P<x>ab|a)(?P<y>b)?c?",
    r"(?i)\b(?:those|these|both|the\s+two)\s+(?:instruments|protocols)\b",
    r"(?m)^(?:will|shall)\s+\w+",
    r"(?:x|y|z)+(?=\s)",
]


@pytest.mark.parametrize("flags", [0, 2])  # re.IGNORECASE
def test_a_pattern_found_from_its_first_characters_matches_as_it_matches_alone(
    flags: int,
) -> None:
    import re

    from pactgraph.extract.gates import first_scan, scan_finditer

    rnd = random.Random(16 + flags)
    pieces = ["a", "b", "c", "ab", "aa", "shall", "Shall", "SHALL", "not", "commit", "commits"]
    pieces += ["recommit", "to", "the", "ourselves", "those", "both", "two", "instruments"]
    pieces += ["protocols", "will", "x", "y", "z", " ", "\n", "-", ",", "ſ", "\u212a", "İ", "ı"]
    texts = [*SENTENCES]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 16))) for _ in range(3000)]
    assert first_scan(re.compile(r"(a)b\1?")) is None  # no back-reference in a look-behind
    for pattern in _SCANNED:
        rx = re.compile(pattern, flags)
        scan = first_scan(rx)
        assert scan is not None, pattern
        for text in texts:
            slow = [(m.span(), m.groups()) for m in rx.finditer(text)]
            fast = [(m.span(), m.groups()) for m in scan_finditer(rx, scan, text)]
            assert fast == slow, (pattern, text)


def test_every_cue_found_from_its_first_characters_is_found_where_its_pattern_finds_it() -> None:
    cues = [c for c in load_cues().cues if c.scan is not None]
    assert len(cues) > 20  # nearly all: a word is their first character
    for text in [*SENTENCES, *_strings(17, 3000), *_gate_strings(18, 1000)]:
        for cue in cues:
            slow = [m.span() for m in cue.regex.finditer(text)]
            assert [m.span() for m in cue.finditer(text)] == slow, (cue.regex.pattern, text)


def test_a_scanned_phrase_pattern_searches_as_its_pattern_from_any_start_to_any_end() -> None:
    from pactgraph.extract.gates import Scanned
    from pactgraph.extract.sentences import _BOUNDARY

    table = load_cues()
    scanned = [table.clause_break, table.reported, table.governed, table.quantifier_of]
    scanned.append(_BOUNDARY)
    assert all(isinstance(p, Scanned) and p.scan is not None for p in scanned)
    rnd = random.Random(19)
    words = ["that", "which", "where", "when", "whereas", "appropriate", "possible", "of"]
    words += ["noted", "said", "States", "each", "some", "Governments", "between", "through"]
    words += ["end.", "No.", "¹.", "”.", "?", "!", ";", "(a)", "(iv)", "A", "1", "(B", "“We"]
    texts = [*SENTENCES, *_gate_strings(20, 1500)]
    texts += [" ".join(rnd.choice(words) for _ in range(rnd.randint(0, 9))) for _ in range(1500)]
    for text in texts:
        for p in scanned:
            for pos, endpos in ((0, len(text)), (rnd.randint(0, 8), rnd.randint(0, len(text)))):
                slow = [(m.span(), m.groups()) for m in p.rx.finditer(text, pos, endpos)]
                fast = [(m.span(), m.groups()) for m in p.finditer(text, pos, endpos)]
                assert fast == slow, (p.pattern, text, pos, endpos)
                first = p.search(text, pos, endpos)
                assert (first and first.span()) == (slow[0][0] if slow else None)
            whole, slow_whole = p.search(text), p.rx.search(text)
            assert (whole and whole.span()) == (slow_whole and slow_whole.span())


def test_every_length_of_text_is_kept_by_lowering_where_lowered_gives_a_text() -> None:
    # the opening words' places in the lowered text are places in the text (gates.Found)
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        low = lowered(ch)
        assert low is None or len(low) == 1, hex(code)


def test_opening_words_are_read_only_where_every_match_opens_with_one() -> None:
    import re

    from pactgraph.extract.gates import opening_words

    def opening(pattern: str, flags: int = 0) -> set[str] | None:
        found = opening_words(re.compile(pattern, flags))
        return None if found is None else set(found)

    assert opening(r"(?<![\w-])(?:shall not|shall)\b") == {"shall", "shall not"}
    assert opening(r"(?:re)?commit(?:s)?\b") == {"recommit", "recommits", "commit", "commits"}
    assert opening(r"(?:also |further )?decided", re.IGNORECASE) == {
        "decided",
        "also decided",
        "further decided",
    }
    assert opening(r"States\s+parties|Member\s+States") == {"states", "member"}
    assert opening(r"authori[sz]e|demand") == {"authori", "demand"}
    for unknown in (r"\w+ly", r"(?:a|)bc", r"x?yz", r"[A-Z]\w+", r"é+te", r"(?i:abc)", r"ab"):
        assert opening(unknown) is None, unknown


@pytest.mark.parametrize("flags", [0, 2])  # re.IGNORECASE
def test_a_pattern_found_from_its_opening_words_matches_as_it_matches_alone(flags: int) -> None:
    import re

    from pactgraph.extract.gates import Words, opening_finditer, opening_words

    patterns = [
        *_SCANNED,
        r"(?:(?:would|will|shall) (?:also )?be (?:invited|asked))(?![\w-])",
        r"\b(?:(?:small\s+island|least)\s+)+(?:States|countries)|(?:host|transit)\s+countries",
    ]
    rnd = random.Random(21 + flags)
    pieces = ["a", "b", "c", "ab", "aa", "shall", "Shall", "SHALL", "not", "commit", "commits"]
    pieces += ["recommit", "to", "the", "ourselves", "those", "both", "two", "instruments"]
    pieces += ["protocols", "will", "would", "be", "also", "invited", "asked", "small", "island"]
    pieces += ["least", "States", "countries", "host", "transit", "x", "y", "z", " ", "  ", "\n"]
    pieces += ["-", ",", "ſ", "\u212a", "İ", "ı", "é"]
    texts = [*SENTENCES]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 16))) for _ in range(3000)]
    for pattern in patterns:
        rx = re.compile(pattern, flags)
        opening = opening_words(rx)
        if opening is None:
            continue
        words = Words(opening)
        for text in texts:
            slow = [(m.span(), m.groups()) for m in rx.finditer(text)]
            low = lowered(text)
            if low is None:
                continue
            starts = sorted({end - len(w) + 1 for end, w in words.hits(low)})
            fast = [(m.span(), m.groups()) for m in opening_finditer(rx, starts, text)]
            assert fast == slow, (pattern, text)


def test_every_cue_found_from_its_opening_words_is_found_where_its_pattern_finds_it() -> None:
    from pactgraph.extract.gates import GATES

    cues = [c for c in load_cues().cues if c.opening is not None]
    assert len(cues) > 20
    for text in [*SENTENCES, *_strings(22, 3000), *_gate_strings(23, 1000)]:
        found = GATES.found(text)
        for cue in cues:
            slow = [m.span() for m in cue.regex.finditer(text)]
            assert [m.span() for m in cue.finditer(text, found)] == slow, (cue.regex.pattern, text)


def test_a_provision_without_any_role_cues_words_has_no_sentence_a_role_cue_matches() -> None:
    from pactgraph.roles import _sentences

    table = load_role_cues()
    assert table.words  # every cue needs words, so a provision can be passed over
    texts = _role_texts(16)
    passed = 0
    for text in [*texts, *(f"{a} {b}" for a, b in zip(texts, reversed(texts), strict=True))]:
        if GATES.may_hold(table.words, text):
            continue
        passed += 1
        for sentence in _sentences(text):
            for cue in table.cues:
                assert cue.pattern.search(sentence) is None, (cue.name, sentence)
    assert passed > 200  # the test meets texts the gate passes over


def test_a_text_without_any_stakeholder_patterns_words_is_matched_by_none_of_them() -> None:
    pats = load_patterns()
    assert pats.stakeholder_words  # every pattern needs words, so a text can be passed over
    words = sorted(pats.stakeholder_words)
    texts = [*SENTENCES, *_gate_strings(17, 1500)]
    texts += _strings(18, 1500, [*words, *(w.title() for w in words), *NESTED])
    passed = 0
    for text in texts:
        if GATES.may_hold(pats.stakeholder_words, text):
            continue
        passed += 1
        for gated, label, _type in pats.stakeholders:
            assert gated.rx.search(text) is None, (label, text)
    assert passed > 500


def test_a_line_is_bared_as_the_heading_mark_pattern_bares_it_everywhere() -> None:
    import re

    from pactgraph.structure.recognise import bare

    def slow(text: str) -> str:
        return re.sub(r"^#{1,6}\s+", "", text.strip().strip("*").strip()).strip("*").strip()

    lines = _strings(19, 3000, ["#", "##", "#######", "*", "**", " ", "\t", "1819 (LV).", "A"])
    for line in [*SENTENCES, *lines, "## 1819 (LV). Title", "*# A*", "#\u00a0x"]:
        assert bare(line) == slow(line), repr(line)


def test_the_gate_words_of_a_text_asked_again_after_thousands_are_those_found_in_it() -> None:
    _gate_words()
    finder = Words(GATES.words)
    texts = [f"{s} {i}" for i, s in enumerate(_gate_strings(20, 2 * GATES._RECENT + 7))]
    for text in [*texts, *texts[:50], *texts[-50:]]:  # remembered, forgotten, asked again
        low = lowered(text)
        found = GATES.found(text)
        assert (found and found.words) == (finder.present(low) if low is not None else None)
        assert found is None or found.hits == finder.hits(low)
    assert len(GATES._recent) <= GATES._RECENT
