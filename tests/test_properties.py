"""Property-based tests (hypothesis) of the read -> segment -> structure stages.

Takes generated texts: lines drawn from a grammar of what UN documents contain (numbered
paragraphs, sub-items in every style, bullets, headings, annexes, objectives, footnotes and
their calls, page furniture, start cues, tables, OCR debris, blank lines), arbitrary Unicode
text and arbitrary bytes. Proves, for every one of them, that nothing crashes and that the blocks
of all documents plus the ranges the segmenter leaves outside any document cover every non-blank
line exactly once: no line lost, no line claimed twice.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections import Counter
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactgraph.cues import default_cues
from pactgraph.errors import InputError
from pactgraph.model import Document, SourceText
from pactgraph.read import decode_source
from pactgraph.segment import segment
from pactgraph.structure import structure

CUES = default_cues()
#: More examples for a bug hunt: PACTGRAPH_HYPOTHESIS_EXAMPLES=5000 pytest tests/test_properties.py
EXAMPLES = int(os.environ.get("PACTGRAPH_HYPOTHESIS_EXAMPLES", "150"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- the grammar of UN-like lines --------------------------------------------------------------

VOCABULARY = (
    "we recognize the States migrants refugees shall will encourage cooperation and of in "
    "to for with international protection border Convention Agenda Treaty Series vol. No. "
    "Member host communities United Nations UNHCR IOM children women rights"
)
WORDS = st.sampled_from(VOCABULARY.split())
SUPERSCRIPT_CALL = st.sampled_from(["", "", "", "¹", "²", "³", "¹⁰", "⁷"])


@st.composite
def sentence(draw: st.DrawFn, *, capital: bool = True) -> str:
    words = draw(st.lists(WORDS, min_size=1, max_size=30))
    text = " ".join(words)
    if capital:
        text = text[:1].upper() + text[1:]
    ending = draw(st.sampled_from([".", ";", ":", ",", "", " and", "."]))
    return text + draw(SUPERSCRIPT_CALL) + ending


ROMANS = ["i", "ii", "iii", "iv", "v", "ix", "x", "xi"]
LETTERS = [*"abcdefghijklmnopqrstuvwxyz", "aa", "bb"]


@st.composite
def un_line(draw: st.DrawFn) -> str:
    """One line of a UN-like text (possibly blank)."""
    n = draw(st.integers(min_value=1, max_value=120))
    letter = draw(st.sampled_from(LETTERS))
    roman = draw(st.sampled_from(ROMANS))
    s = draw(sentence())
    low = draw(sentence(capital=False))
    options = [
        "",  # blank
        "   ",  # whitespace only
        "\t",
        f"{n}. {s}",  # numbered paragraph
        f"{n}.",  # a number alone (OCR gap)
        f"- {n} {s}",  # dashed paragraph without a dot
        f"({letter}) {s}",  # sub-items in every style
        f"{letter}) {s}",
        f"- {letter}) {s}",
        f"({roman}) {s}",
        f"❖ {s}",  # bullets
        f"- {s}",
        f"• {s}",
        f"({n % 20}) {s}",
        f"{draw(st.sampled_from(['I', 'II', 'III', 'IV', 'X']))}. {s.rstrip('.;:,')}",  # headings
        f"{draw(st.sampled_from(['A', 'B', 'C']))}. Follow-up and review",
        f"Annex {draw(st.sampled_from(['I', 'II', 'III', '1', '2']))}",
        f"Appendix {draw(st.sampled_from(['I', 'II']))}. {s}",
        f"ANNEX II. {s}",
        f"Objective {n % 30}: {s}",
        "Commitments",
        f"{draw(st.sampled_from('¹²³⁴⁵⁶⁷⁸⁹'))} United Nations, Treaty Series, vol. {n}.",
        f"¹⁰ {s}",
        f"{n % 30}/24",  # page furniture
        "A/RES/71/1",
        "A/72/643",
        "16-16305 (E)",
        "Please recycle",
        "$A_{\\text{RES}/71/1}$",
        "12/6/2018",
        "APPROVED FOR TABLING",
        "Ken",
        "....",
        "71st plenary meeting",
        "| (1) | Name | Country |",
        "|---|---|---|",
        "General Assembly",  # start cues
        "Distr.: General",
        "Seventy-first session",
        "Resolution adopted by the General Assembly on 19 September 2016",
        "71/1. New York Declaration for Refugees and Migrants",
        "We, the Heads of State and Government, meeting in New York on 19 September 2016,",
        "Report of the Secretary-General",
        "Dear Madam President,",
        "Yours sincerely,",
        "NATIONAL POSITION",
        "PAPERS LAID",
        "Global Compact for Safe, Orderly and Regular Migration",
        "Zero draft",
        "REPORT OF THE DELEGATION TO THE INTER-PARLIAMENTARY UNION",
        low,  # a line that continues mid-sentence
        s,  # prose
        s * 8,  # long prose
        "`mMco r po",  # OCR debris
        "~~ ;;; ^^ ]][[ ||| ~~",
        "<i>Session 1:</i> **bold** *Treaty Series*",
    ]
    choice = draw(st.integers(min_value=0, max_value=len(options)))
    if choice < len(options):
        return options[choice]
    return draw(st.text(max_size=40).filter(lambda t: "\n" not in t and "\r" not in t))


@st.composite
def un_text(draw: st.DrawFn) -> list[str]:
    """Lines of a text; half the time front matter, then a first paragraph that opens the body."""
    lines = draw(st.lists(st.one_of(un_line(), st.just("")), max_size=60))
    if draw(st.booleans()):
        at = draw(st.integers(min_value=0, max_value=min(len(lines), 8)))
        lines.insert(at, f"1. {draw(sentence())}")
    return lines


line_end = st.sampled_from(["\n", "\r\n", "\r"])


# --- the property --------------------------------------------------------------------------------


def line_of(src: SourceText, offset: int) -> int:
    """1-based number of the line holding character ``offset`` (its end counts as inside it)."""
    starts = [ln.start for ln in src.lines]
    return bisect_right(starts, offset)


def coverage_counts(
    src: SourceText, docs: list[Document], outside: list[tuple[int, int]]
) -> Counter[int]:
    """How many times each line is claimed by a block span or an outside range."""
    counts: Counter[int] = Counter()
    for doc in docs:
        for block in doc.blocks:
            for span in [block.span, *block.extra_spans]:
                first, last = line_of(src, span.start), line_of(src, span.end)
                assert doc.first_line <= first <= last <= doc.last_line, (
                    f"block span {span} (lines {first}-{last}) outside its document "
                    f"{doc.first_line}-{doc.last_line}"
                )
                counts.update(range(first, last + 1))
    for first, last in outside:
        counts.update(n for n in range(first, last + 1) if not src.lines[n - 1].blank)
    return counts


def parse_and_check(src: SourceText) -> None:
    docs, outside = segment(src, CUES)
    for doc in docs:
        structure(doc, CUES)
    counts = coverage_counts(src, docs, outside)
    non_blank = [ln.number for ln in src.lines if not ln.blank]
    lost = [n for n in non_blank if counts[n] == 0]
    twice = {n: c for n, c in counts.items() if c > 1}
    blank_claimed = [n for n in counts if src.lines[n - 1].blank]
    assert not lost, f"non-blank lines covered by no block: {lost[:10]}"
    assert not twice, f"lines claimed more than once: {dict(list(twice.items())[:10])}"
    assert not blank_claimed, f"blank lines claimed by a block: {blank_claimed[:10]}"
    # documents neither overlap nor leave out a non-blank line between them
    ranges = sorted((d.first_line, d.last_line) for d in docs)
    for (_, end), (start, _) in pairwise(ranges):
        assert end < start, f"documents overlap: {ranges}"


def decode_or_none(raw: bytes) -> SourceText | None:
    try:
        return decode_source(raw, name="generated.txt")
    except InputError as exc:
        assert exc.locator == "generated.txt"
        assert "\n" not in str(exc)
        return None


@SETTINGS
@given(lines=un_text(), eol=line_end, final_newline=st.booleans())
def test_un_like_text_is_covered_line_for_line_exactly_once(
    lines: list[str], eol: str, final_newline: bool
) -> None:
    text = eol.join(lines) + (eol if final_newline else "")
    src = decode_or_none(text.encode("utf-8"))
    if src is None:
        assert not text.strip() or any(
            (ord(c) < 32 or c == "\x7f") and c not in "\t\n\r\x0c" for c in text
        )
        return
    parse_and_check(src)


@SETTINGS
@given(text=st.text(max_size=600))
def test_arbitrary_unicode_text_is_covered_line_for_line_exactly_once(text: str) -> None:
    src = decode_or_none(text.encode("utf-8"))
    if src is not None:
        parse_and_check(src)


@SETTINGS
@given(raw=st.binary(max_size=600))
def test_arbitrary_bytes_either_refused_in_one_line_or_covered(raw: bytes) -> None:
    src = decode_or_none(raw)
    if src is not None:
        parse_and_check(src)


@SETTINGS
@given(lines=un_text(), bom=st.sampled_from(["utf-8-sig", "utf-16", "utf-16-le+bom", "cp1252"]))
def test_encodings_decode_to_the_same_lines(lines: list[str], bom: str) -> None:
    text = "\n".join(lines)
    if not text.strip():
        return
    if bom == "utf-16-le+bom":
        raw = "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")
    elif bom == "cp1252":
        try:
            raw = text.encode("cp1252")
            raw.decode("utf-8")
            if not raw.isascii():
                return  # non-ASCII Windows-1252 that is also valid UTF-8 means something else
        except UnicodeEncodeError:
            return
        except UnicodeDecodeError:
            pass
    else:
        raw = text.encode(bom)
    reference = decode_or_none(text.encode("utf-8"))
    src = decode_or_none(raw)
    assert (reference is None) == (src is None)
    if src is None or reference is None:
        return
    assert [ln.text for ln in src.lines] == [ln.text for ln in reference.lines]
    parse_and_check(src)
