"""Structure beyond numbered paragraphs: parts that restart their numbering, articles of a
treaty, goals and targets of a framework, decimal paragraphs of a programme report, compacts in
Markdown, tables; and linking that keeps distinct documents apart.

Every text here was written for these tests in the style of the genre it imitates.
"""

from __future__ import annotations

from pathlib import Path

from pactgraph.link import group_works, link_work, same_work, summarise
from parsing import parse, refs


def test_numbering_that_restarts_under_a_part_is_cited_with_the_part(tmp_path: Path) -> None:
    text = (
        "Resolution adopted by the General Assembly on 1 December 2031\n\n"
        "86/200. Questions relating to the budget\n\nThe General Assembly,\n\nI\n\n"
        "Buildings\n\n1. Approves the plan for the buildings;\n\n2. Requests a report;\n\nII\n\n"
        "Information technology\n\n1. Takes note of the strategy;\n\n2. Decides to review it.\n"
    )
    (doc,) = parse(tmp_path, text)
    assert refs(doc) == ["1", "2", "II.1", "II.2"]


def test_a_treaty_keeps_single_paragraph_articles_and_numbers_the_others(tmp_path: Path) -> None:
    text = (
        "# Convention on Coastal Lighthouses\n\nThe States Parties to the present Convention,"
        " Have agreed as follows:\n\n### Article 1\n\n####Obligation to light\n\n"
        "No Contracting State shall extinguish a lighthouse in time of storm.\n\n"
        "### Article 2\n\n####Cooperation\n\n1. States Parties shall exchange charts.\n\n"
        "2. States Parties shall report to the depositary on:\n\n(a) Their lighthouses;\n\n"
        "(b) Their keepers.\n"
    )
    (doc,) = parse(tmp_path, text, "convention.md")
    assert refs(doc) == [
        "article-1",
        "article-2",
        "II.1",
        "II.2",
        "II.2(a)",
        "II.2(b)",
    ]
    art1 = doc.provision("article-1")
    assert art1 is not None and art1.kind == "article"
    assert art1.text.startswith("No Contracting State shall extinguish")
    titles = {s.ref: s.title for s in doc.sections}
    assert titles["article-1"] == "Obligation to light"
    assert titles["article-2"] == "Cooperation"


def test_goals_and_their_targets_are_provisions_of_their_own(tmp_path: Path) -> None:
    text = (
        "Resolution adopted by the General Assembly on 1 October 2031\n\n86/1. A new agenda\n\n"
        "The General Assembly,\n\n1. Adopts the goals below.\n\n"
        "Goal 4. Ensure safe water for all\n\n"
        "4.1 By 2040, halve the number of people without safe drinking water\n\n"
        "4.2 By 2040, protect every river basin from pollution\n\n"
        "4.a Expand cooperation and capacity-building on water\n\n"
        "Goal 5. Reduce noise in cities\n\n5.1 By 2040, map the noise of every city\n"
    )
    (doc,) = parse(tmp_path, text)
    kinds = {p.ref: (p.kind, p.parent.ref if p.parent else None) for p in doc.provisions}
    assert kinds["goal-4"] == ("goal", None)
    assert kinds["4.1"] == ("target", "goal-4")
    assert kinds["4.a"] == ("target", "goal-4")
    assert kinds["5.1"] == ("target", "goal-5")


def test_a_programme_report_numbers_paragraphs_by_section(tmp_path: Path) -> None:
    text = (
        "Report of the Secretary-General\n\nSection 31\n\nWater affairs\n\n"
        "31.1 The Office for Water Affairs is responsible for advancing cooperation on shared "
        "rivers and for the secretariat of the Committee.\n\n"
        "31.2 The mandate derives from the priorities set by the General Assembly in its "
        "resolutions on water.\n\n| Category | 2030 | 2031 |\n\n| Meetings | 12 | 14 |\n"
    )
    (doc,) = parse(tmp_path, text)
    assert refs(doc) == ["31.1", "31.2"]


def test_a_compact_in_markdown_has_its_objectives_and_actions(tmp_path: Path) -> None:
    objectives = []
    for n in range(1, 4):
        objectives.append(
            f"# Objective {n}\n\nKeep the lights of coast number {n} burning\n\n"
            "## Associated actions\n\n"
            f"- a. Elaborate a national strategy number {n}\n"
            f"- b. Invest in the statistical capacity of States number {n}\n"
        )
    text = "# Global Compact for Safe Lighthouses\n\n" + "\n".join(objectives)
    (doc,) = parse(tmp_path, text, "compact.md")
    assert doc.kind.value == "compact"
    objectives = [(s.number, s.title) for s in doc.sections if s.kind == "objective"]
    assert objectives == [
        (str(n), f"Keep the lights of coast number {n} burning") for n in (1, 2, 3)
    ]
    assert "objective-2(b)" in refs(doc)
    action = doc.provision("objective-2(b)")
    assert action is not None and action.text.startswith("Invest in the statistical capacity")


def test_annual_readoptions_sharing_paragraphs_stay_two_works(tmp_path: Path) -> None:
    body = "".join(
        f"{n}. Calls upon all States to protect the rights of fishers in clause {n} of the "
        f"instrument, and to report on measure {n};\n\n"
        for n in range(1, 7)
    )
    a = parse(
        tmp_path,
        "Resolution adopted by the Human Rights Council on 2 April 2030\n\n"
        "60/5. Rights of fishers\n\nThe Human Rights Council,\n\n" + body,
        "a.txt",
    )[0]
    b = parse(
        tmp_path,
        "Resolution adopted by the Human Rights Council on 3 April 2031\n\n"
        "61/5. Rights of fishers\n\nThe Human Rights Council,\n\n" + body,
        "b.txt",
    )[0]
    copy = parse(
        tmp_path, "60/5. Rights of fishers\n\nThe Human Rights Council,\n\n" + body, "a-copy.txt"
    )[0]
    assert same_work(a, b)  # they do share their paragraphs
    docs = {"a": a, "b": b, "copy": copy}
    summaries = [summarise(d, (k, 0)) for k, d in docs.items()]
    by_key = {s.key: docs[s.key[0]] for s in summaries}
    groups = group_works(summaries, lambda x, y: same_work(by_key[x.key], by_key[y.key]))
    members = {wid: sorted(s.key[0] for s in ss) for wid, ss in groups.items()}
    assert members == {"a-hrc-res-60-5": ["a", "copy"], "a-hrc-res-61-5": ["b"]}
    work = link_work("a-hrc-res-60-5", [a, copy])
    assert not any("@" in ref for ref in work.provisions)  # no invented refs for the copy


def test_a_long_agenda_item_title_stays_in_the_masthead_of_one_document(tmp_path: Path) -> None:
    title = "Groups of countries in special situations: follow-up to the Conference on " * 2
    text = (
        f"Eighty-sixth session\n\nAgenda item 21 (a)\n\n{title.strip()}\n\n"
        "Resolution adopted by the General Assembly on 10 December 2031\n\n"
        "86/150. Follow-up to the Conference\n\nThe General Assembly,\n\n1. Decides to act.\n"
    )
    (doc,) = parse(tmp_path, text)
    assert (doc.symbol, doc.agenda_item) == ("A/RES/86/150", "21(a)")


def test_a_numbered_heading_does_not_restart_the_paragraphs(tmp_path: Path) -> None:
    text = (
        "Report of the Secretary-General\n\n"
        "1. The present report describes the work done during the year under review.\n\n"
        "2. It is submitted pursuant to the resolution adopted at the last session.\n\n"
        "B. Means of implementation\n\n1. Lighthouse Financing Network\n\n"
        "3. The Network will help members mobilize resources for their lighthouses.\n"
    )
    (doc,) = parse(tmp_path, text)
    # the heading is a numbered unit of its part, cited under it; the paragraphs run on
    assert refs(doc) == ["1", "2", "B.1", "3"]


def test_part_numbers_are_never_taken_for_initials(tmp_path: Path) -> None:
    parts = "".join(
        f"{part}\n\nPart {part} title\n\n1. Takes note of report {part};\n\n2. Decides to act.\n\n"
        for part in ("I", "II", "III", "IV")
    )
    (doc,) = parse(tmp_path, "Report of the Secretary-General\n\n" + parts)
    assert refs(doc) == ["1", "2", "II.1", "II.2", "III.1", "III.2", "IV.1", "IV.2"]


def test_a_named_goal_heads_its_targets(tmp_path: Path) -> None:
    text = (
        "Report of the Secretary-General\n\n1. The plan sets the following goals.\n\n"
        "Global lighthouse goal 2\n\n2.1 Every coast has a working lighthouse\n"
    )
    (doc,) = parse(tmp_path, text)
    target = doc.provision("2.1")
    assert target is not None and target.kind == "target" and target.parent is not None
    assert target.parent.ref == "goal-2"


def test_items_after_a_heading_belong_to_the_paragraph_that_announced_them(
    tmp_path: Path,
) -> None:
    text = (
        "Resolution adopted by the General Assembly on 1 December 2031\n\n86/90. Lighthouses\n\n"
        "The General Assembly,\n\n1. Decides that the Committee shall consider the following:\n\n"
        "Upkeep of lighthouses\n\n(a) Their repair;\n\n(b) Their lamps;\n\n"
        "2. Requests the Secretary-General to report.\n"
    )
    (doc,) = parse(tmp_path, text)
    assert refs(doc) == ["1", "1(a)", "1(b)", "2"]


def test_a_lettered_target_and_a_lettered_sub_item_have_different_iris() -> None:
    from pactgraph.iris import Minter

    m = Minter()
    assert m.provision("a-res-86-1", "10.a") != m.provision("a-res-86-1", "10(a)")
    assert str(m.provision("a-res-86-1", "10.7")).endswith("/provision/10.7")


def test_a_table_row_written_out_as_text_is_a_table_not_a_provision(tmp_path: Path) -> None:
    text = (
        "Report of the Secretary-General\n\n"
        "31.1 The Office for Water Affairs is responsible for advancing cooperation on shared "
        "rivers and for the secretariat of the Committee.\n\n"
        "Category | 2030 | 2031\n\n1. Reports to the Committee on Water | 12 | 14\n\n"
        "2. Meetings of the Committee | 3 | 3\n"
    )
    (doc,) = parse(tmp_path, text)
    assert refs(doc) == ["31.1"]
    assert [b.kind.value for b in doc.blocks].count("table") == 3


def test_an_organ_named_as_a_heading_inside_a_declaration_opens_no_document(
    tmp_path: Path,
) -> None:
    text = (
        "Resolution adopted by the General Assembly on 1 July 2031\n\n86/288. The future\n\n"
        "The General Assembly,\n\n1. Endorses the outcome document annexed.\n\n"
        "79. We emphasize the need for an improved institutional framework.\n\n"
        "General Assembly\n\n80. We reaffirm the role and authority of the General Assembly.\n\n"
        "Economic and Social Council\n\n82. We reaffirm that the Council is a principal body.\n"
    )
    docs = parse(tmp_path, text)
    assert len(docs) == 1


def test_numbered_text_before_the_first_cue_is_a_document_not_a_stray_line(
    tmp_path: Path,
) -> None:
    text = (
        "A/86/900\n\nRULES OF PROCEDURE\n\n1. The Committee shall meet once a year.\n\n"
        "2. The Committee shall elect its officers.\n\n"
        "Report of the Secretary-General\n\n1. The present report is submitted pursuant to the "
        "rules above and describes the sessions held since the last report.\n"
    )
    docs = parse(tmp_path, text)
    assert [d.first_line for d in docs] == [1, 9]
    assert docs[0].symbol == "A/86/900"


def test_documents_with_two_symbols_are_two_works_even_under_one_gazetteer_entry() -> None:
    from pactgraph.link import DocSummary

    def summary(key: str, symbol: str) -> DocSummary:
        return DocSummary((key, 0), key, "icerd", symbol, "Racial discrimination", frozenset())

    groups = group_works(
        [summary("a", "A/RES/2106 (XX)"), summary("b", "A/RES/86/180")], lambda x, y: True
    )
    assert len(groups) == 2


def test_the_organs_opening_is_not_taken_into_a_title_left_open(tmp_path: Path) -> None:
    # a long title without a full stop; "The General Assembly," below it still opens the preamble
    text = (
        "Resolution adopted by the General Assembly on 8 December 2031\n\n"
        "86/105. Sustainable lighthouses, including through the 2025 Agreement on Lamps and "
        "related instruments\n\n"
        "The General Assembly,\n\n"
        "Reaffirming its resolutions on lighthouses,\n\n"
        "Recalling the Convention on Lamps,\n\n"
        "1. Calls upon States to keep their lights burning;\n"
    )
    (doc,) = parse(tmp_path, text)
    assert [(p.ref, p.part) for p in doc.provisions] == [
        ("pp1", "preambular"),
        ("pp2", "preambular"),
        ("1", "operative"),
    ]
