"""Linking copies into works: copies are united, distinct documents never are.

A copy of a text (another file, another format, an OCR'd scan) is the same work; a text that
only shares paragraphs with another (an organ's annual re-adoption, an older resolution quoted
in an annex, a zero draft and the compact adopted from it) is a work of its own. Every text
here was written for these tests in the style of the organ it imitates.
"""

from __future__ import annotations

import json
from pathlib import Path

from pactgraph.link import group_works, link_work, same_work, summarise
from pactgraph.model import Document
from pactgraph.pipeline import build, parse_file

PREAMBLE = (
    "Recalling its resolution 84/31 of 9 December 2029 on the safety of coastal lighthouses,\n\n"
    "Deeply concerned at the number of lighthouses left without a keeper,\n\n"
)


def operative(year: int, count: int = 6) -> str:
    """Numbered paragraphs an organ re-adopts each year, some of them word for word."""
    verbs = ["Calls upon", "Urges", "Encourages", "Invites", "Requests", "Decides"]
    return "".join(
        f"{n}. {verbs[(n - 1) % len(verbs)]} all States to keep the light of coast number {n} "
        f"burning at night, and to report on the keepers of district {n} in {year};\n\n"
        if n > 2
        else f"{n}. Takes note of the report of the Secretary-General for {year} on the "
        f"lighthouses of the region, and of the {year} survey of district {n};\n\n"
        for n in range(1, count + 1)
    )


def resolution(
    session: int, number: int, year: int, *, masthead: bool = True, preamble: str = PREAMBLE
) -> str:
    head = (
        f"Resolution adopted by the General Assembly on 10 December {year}\n\n" if masthead else ""
    )
    return (
        f"{head}{session}/{number}. Safety of coastal lighthouses\n\n"
        f"The General Assembly,\n\n{preamble}{operative(year)}"
    )


def parse(tmp_path: Path, name: str, text: str) -> list[Document]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_file(path)[1]


def works_of(docs: dict[str, Document]) -> dict[str, list[str]]:
    """Group ``docs`` (name -> document) as a build does; work id -> sorted names."""
    summaries = [summarise(d, (name, 0)) for name, d in docs.items()]
    groups = group_works(summaries, lambda a, b: same_work(docs[a.key[0]], docs[b.key[0]]))
    return {wid: sorted(s.key[0] for s in members) for wid, members in groups.items()}


def test_annual_readoptions_with_their_symbols_and_dates_stay_two_works(tmp_path: Path) -> None:
    docs = {
        "2030": parse(tmp_path, "a.txt", resolution(85, 40, 2030))[0],
        "2031": parse(tmp_path, "b.txt", resolution(86, 12, 2031))[0],
    }
    assert works_of(docs) == {"a-res-85-40": ["2030"], "a-res-86-12": ["2031"]}


def test_readoptions_that_print_no_symbol_stay_two_works(tmp_path: Path) -> None:
    """An old scan keeps no symbol: sharing some paragraphs does not make a copy."""

    def scan(own: str) -> str:
        mine = "".join(f"{n}. {own.format(n=n)};\n\n" for n in range(5, 10))
        return (
            "Technical assistance for the keepers of lights\n\n"
            f"The General Assembly,\n\n{PREAMBLE}{operative(1950, 4)}{mine}"
        )

    a = parse(tmp_path, "a.txt", scan("Requests district {n} to paint its towers white and red"))[0]
    b = parse(tmp_path, "b.txt", scan("Decides to fund new lenses for station {n} from 1953 on"))[0]
    assert a.symbol is None and b.symbol is None and a.title == b.title  # one title each year
    assert same_work(a, b) is False
    assert sorted(works_of({"1951": a, "1952": b}).values()) == [["1951"], ["1952"]]


def test_an_older_resolution_quoted_in_an_annex_is_not_a_copy_of_it(tmp_path: Path) -> None:
    """A resolution annexes the text of an older one, next to paragraphs of its own."""
    quoted = "".join(
        f"{n}. {verb} all States to {act} the lighthouses of coast number {n};\n\n"
        for n, (verb, act) in enumerate(
            [
                ("Calls upon", "keep"),
                ("Urges", "repair"),
                ("Encourages", "staff"),
                ("Invites", "map"),
            ],
            start=1,
        )
    )
    older = parse(tmp_path, "old.txt", f"The General Assembly,\n\n{quoted}")[0]
    newer = parse(
        tmp_path,
        "new.txt",
        "The General Assembly,\n\n"
        + "".join(
            f"{n}. Requests the Secretary-General to establish regional office number {n} for "
            f"the lighthouses of ocean {n} and to staff it;\n\n"
            for n in range(1, 8)
        )
        + quoted,
    )[0]
    assert len(works_of({"old": older, "new": newer})) == 2


def test_copies_of_one_resolution_in_txt_and_md_stay_one_work(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-res-86-12.txt").write_text(resolution(86, 12, 2031), encoding="utf-8")
    md = resolution(86, 12, 2031).replace(
        "86/12. Safety of coastal lighthouses", "# 86/12. Safety of coastal lighthouses"
    )
    (folder / "lighthouses.md").write_text(md, encoding="utf-8")
    result = build([folder], out=tmp_path / "out", validate=False)
    found = result.stats["documents_found"]
    assert sorted(Path(d["file"]).suffix for d in found) == [".md", ".txt"]
    assert {d["work"] for d in found} == {"a-res-86-12"}
    assert result.stats["works"] == 1


def test_a_scanned_copy_without_its_symbol_is_united_with_the_printed_text(
    tmp_path: Path,
) -> None:
    preamble = "Deeply concerned at the number of lighthouses left without a keeper,\n\n"
    printed = parse(tmp_path, "printed.txt", resolution(86, 12, 2031, preamble=preamble))[0]
    ocr = resolution(86, 12, 2031, masthead=False, preamble=preamble)
    body = ocr.split("The General Assembly,")[1]
    noisy = body.replace("lighthouses", "1ighthouses").replace("keeper", "kceper")
    scan = parse(tmp_path, "scan.txt", "The General Assembly," + noisy)[0]
    assert scan.symbol is None
    assert works_of({"printed": printed, "scan": scan}) == {"a-res-86-12": ["printed", "scan"]}


def test_each_passage_of_a_work_is_emitted_with_its_own_copys_text(tmp_path: Path) -> None:
    """A provision's passage in its printed copy says what the provision says, the scanned
    copy's passage says it with OCR noise: each passage's pg:text is its own copy's text (the
    emitter reuses the provision's literal only for a passage of the same text)."""
    from pactgraph.emit import Emitter
    from pactgraph.iris import Minter
    from pactgraph.triples import TripleSet, literal

    printed = parse(tmp_path, "printed.txt", resolution(86, 12, 2031))[0]
    noisy = resolution(86, 12, 2031, masthead=False).replace("lighthouses", "1ighthouses")
    scan = parse(tmp_path, "scan.txt", noisy.split("86/12. Safety of coastal 1ighthouses")[1])[0]
    work = link_work("a-res-86-12", [printed, scan])
    emitter = Emitter(Minter("https://example.org/"), TripleSet())
    said = {}
    for wp in work.provisions.values():
        emitter.provision(work, wp)
        said[emitter._mint.provision(work.id, wp.ref)] = wp.text
        for passage in wp.passages:
            piri = emitter._mint.passage(emitter._document_iri(work, passage.document), wp.ref)
            said[piri] = passage.text
    text = "<https://w3id.org/pactgraph/ontology#text>"
    found = {s: o for s, p, o in emitter.graph if p == text}
    assert found == {node: literal(t) for node, t in said.items()}
    pairs = [(p.text, wp.text) for wp in work.provisions.values() for p in wp.passages]
    assert any(a == b for a, b in pairs) and any(a != b for a, b in pairs)


def test_a_zero_draft_and_the_adopted_text_are_two_versions_not_copies(tmp_path: Path) -> None:
    actions = ["keep", "repair", "staff", "light", "paint", "insure", "survey", "map"]
    body = "".join(
        f"{n}. We commit to {verb} the lighthouses of coast number {n}, with the keepers of "
        f"district {n} and their families;\n\n"
        for n, verb in enumerate(actions, start=1)
    )
    draft = parse(
        tmp_path, "draft.txt", f"Global Compact on Coastal Lighthouses\n\nZero draft\n\n{body}"
    )[0]
    adopted = parse(tmp_path, "adopted.txt", f"Global Compact on Coastal Lighthouses\n\n{body}")[0]
    assert same_work(draft, adopted)  # word for word the same paragraphs
    assert draft.title != adopted.title and "draft" in (draft.title or "").lower()
    assert len(works_of({"draft": draft, "adopted": adopted})) == 2


def test_sections_whose_references_differ_only_in_case_are_two_nodes(tmp_path: Path) -> None:
    """A part "III" and a page number "-iii-" read as a heading must not share one IRI."""
    text = (
        "Report of the Secretary-General\n\nI. INTRODUCTION\n\n"
        "1. The present report describes the lighthouses of the region.\n\n"
        "-iii-\n\n2. The keepers of the lights are paid by the districts.\n\n"
        "III. FINDINGS\n\n3. Most lights burn at night.\n"
    )
    (doc,) = parse(tmp_path, "report.txt", text)
    work = link_work("report", [doc])
    refs = list(work.sections)
    assert len({r.lower() for r in refs}) == len(refs), refs
    for wp in work.provisions.values():
        assert wp.section is None or wp.section in work.sections


def test_a_build_with_such_sections_conforms_to_the_shapes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.txt").write_text(
        "Report of the Secretary-General\n\nII. RULES\n\n"
        "1. The present report describes the rules of the lighthouse service.\n\n"
        "-ii-\n\n2. The keepers of the lights are paid by the districts.\n",
        encoding="utf-8",
    )
    result = build([folder], out=tmp_path / "out", validate=True)
    assert result.validation is not None and result.validation.conforms, [
        (r.focus, r.path) for r in result.validation.violations
    ]
    stats = json.loads((tmp_path / "out" / "stats.json").read_text(encoding="utf-8"))
    assert stats["works"] == 1


def test_a_titled_excerpt_without_a_symbol_is_united_with_the_whole_text(tmp_path: Path) -> None:
    """A compact published as its objectives and actions only, beside the whole text."""
    objectives = "".join(
        f"# Objective {n}: Keep the light of coast number {n} burning\n\n"
        f"- a. {verb} the lighthouses of coast number {n} with their keepers\n"
        f"- b. Report each year on the lights of district {n} and their keepers\n\n"
        for n, verb in enumerate(["Repair", "Staff", "Paint", "Insure"], start=1)
    )
    whole = parse(
        tmp_path,
        "compact.md",
        "# Global Compact on Coastal Lighthouses\n\n"
        + "".join(
            f"{n}. We, the States, {verb} the safety of those who keep the lights of the "
            f"coasts, number {n}.\n\n"
            for n, verb in enumerate(["recall", "affirm", "recognize", "stress"], start=1)
        )
        + objectives,
    )[0]
    excerpt = parse(
        tmp_path, "objectives.md", "# Global Compact on Coastal Lighthouses\n\n" + objectives
    )[0]
    assert whole.symbol is None and excerpt.symbol is None and whole.title == excerpt.title
    assert len(excerpt.provisions) < 0.8 * len(whole.provisions)
    assert sorted(works_of({"whole": whole, "excerpt": excerpt}).values()) == [["excerpt", "whole"]]


def test_candidate_pairs_are_the_pairs_a_count_of_every_shared_opening_gives() -> None:
    """Pairs of documents sharing three openings or more, as a plain count of each pair of each
    opening's documents gives them (in order), an opening of 51 documents not counted and one
    of 50 counted."""
    import random

    from pactgraph.link import BOILERPLATE_OPENINGS, candidate_pairs

    rng = random.Random(16)
    openings = [frozenset(rng.sample(range(40), rng.randint(0, 12))) for _ in range(120)]
    openings = [
        o | {1000} if i < 51 else o | {2000} if i < 101 else o for i, o in enumerate(openings)
    ]
    index: dict[int, list[int]] = {}
    for i, hashes in enumerate(openings):
        for h in hashes:
            index.setdefault(h, []).append(i)
    counts: dict[tuple[int, int], int] = {}
    for members in index.values():
        if len(members) > BOILERPLATE_OPENINGS:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                counts[members[x], members[y]] = counts.get((members[x], members[y]), 0) + 1
    assert len(index[1000]) == 51 and len(index[2000]) == 50
    for least in (1, 3, 5):
        expected = sorted(pair for pair, n in counts.items() if n >= least)
        assert candidate_pairs(openings, least) == expected
        assert expected
    assert (51, 100) in candidate_pairs(openings, 1) and (0, 50) not in candidate_pairs(
        [o - set(range(40)) for o in openings], 1
    )


def test_a_statements_span_is_found_in_its_passage_as_in_each_pieces_own_text(
    tmp_path: Path,
) -> None:
    """A sentence is placed within a piece of its provision's passage (its first 40 and last 25
    characters found there) as a search of the piece's own text places it; a sentence found
    nowhere gets the passage's spans, one whose end is not found runs to its piece's end."""
    from pactgraph.emit import Emitter
    from pactgraph.iris import Minter
    from pactgraph.model import Span
    from pactgraph.triples import TripleSet

    doc = parse(tmp_path, "a.txt", resolution(86, 12, 2031))[0]
    work = link_work("a-res-86-12", [doc])
    emitter = Emitter(Minter("https://example.org/"), TripleSet())
    text = doc.source.text

    def by_copies(passage, sentence: str) -> list[Span]:
        head, tail = sentence[:40], sentence[-25:]
        for piece in passage.pieces:
            raw = text[piece.span.start : piece.span.end]
            i = raw.find(head)
            if i >= 0:
                j = raw.find(tail, i)
                end = piece.span.start + j + len(tail) if j >= 0 else piece.span.end
                return [Span(piece.span.start + i, end)]
        return [p.span for p in passage.pieces]

    tried = 0
    for wp in work.provisions.values():
        passage = wp.passages[0]
        said = passage.text
        for sentence in [said, said[5:], said[3:60] + " and so on", "Not in it at all", ""]:
            assert emitter._locate(work, passage, sentence) == by_copies(passage, sentence)
            tried += 1
    assert tried > 20
