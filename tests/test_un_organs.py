"""Acts of every organ as their texts print them: symbols shown in parentheses, decisions that
are one sentence, presidential statements, the Security Council's early Official Records, and
frameworks of goals and targets.

Every text here was written for these tests in the style of the organ it imitates; none is a
copy of a real document.
"""

from __future__ import annotations

from pathlib import Path

from pactgraph.model import DocKind, Document
from parsing import parse


def one(tmp_path: Path, text: str, name: str = "doc.txt") -> Document:
    docs = parse(tmp_path, text, name)
    assert len(docs) == 1, [(d.first_line, d.kind) for d in docs]
    return docs[0]


def test_an_ecosoc_resolution_with_its_symbol_in_parentheses(tmp_path: Path) -> None:
    doc = one(
        tmp_path,
        "Economic and Social Council resolution 2031/14 (E/RES/2031/14)\n\n"
        "Lighthouse statistics for sustainable development\n\nThe Economic and Social Council,\n\n"
        "Recalling General Assembly resolution 70/1,\n\n"
        "1. Encourages Member States to improve their lighthouse statistics;\n\n"
        "2. Requests the Secretary-General to report in 2032.\n",
    )
    assert (doc.symbol, doc.kind, doc.organ) == (
        "E/RES/2031/14",
        DocKind.RESOLUTION,
        "Economic and Social Council",
    )


def test_a_commission_resolution_keeps_the_symbol_it_prints(tmp_path: Path) -> None:
    doc = one(
        tmp_path,
        "Commission on Lighthouse Statistics resolution 12/3 (E/CN.99/RES/12/3)\n\n"
        "Training of keepers\n\nThe Commission on Lighthouse Statistics,\n\n"
        "1. Invites Member States to train keepers.\n",
    )
    assert doc.symbol == "E/CN.99/RES/12/3"


def test_an_ecosoc_decision_is_one_sentence_naming_the_meeting(tmp_path: Path) -> None:
    doc = one(
        tmp_path,
        "2031/207. Provisional agenda of the Commission on Lighthouse Statistics\n\n"
        "At its 5th plenary meeting, on 2 June 2031, the Economic and Social Council decided to "
        "approve the provisional agenda of the Commission for its thirteenth session.\n",
    )
    assert (doc.symbol, doc.kind) == ("E/DEC/2031/207", DocKind.DECISION)


def test_a_general_assembly_decision(tmp_path: Path) -> None:
    doc = one(
        tmp_path,
        "Decision adopted by the General Assembly on 20 December 2031\n\n"
        "[on the report of the Fifth Committee (A/86/700)]\n\n86/548. Lighthouse maintenance fund"
        "\n\nAt its 60th plenary meeting, on 20 December 2031, the General Assembly decided to "
        "defer consideration of the question of the lighthouse maintenance fund.\n",
    )
    assert (doc.symbol, doc.kind, doc.title) == (
        "A/DEC/86/548",
        DocKind.DECISION,
        "Lighthouse maintenance fund",
    )


def test_a_security_council_resolution_acting_under_chapter_vii(tmp_path: Path) -> None:
    doc = one(
        tmp_path,
        "Resolution 2950 (2031)\n\n"
        "Adopted by the Security Council at its 10123rd meeting, on 14 March 2031\n\n"
        "The Security Council,\n\nRecalling its resolution 2901 (2030),\n\n"
        "Acting under Chapter VII of the Charter of the United Nations,\n\n"
        "1. Decides to renew until 15 March 2032 the authorizations set out in resolution 2901 "
        "(2030);\n\n2. Requests the Secretary-General to report every 90 days on:\n\n"
        "(a) The implementation of this resolution;\n\n(b) The humanitarian situation;\n\n"
        "3. Decides to remain seized of the matter.\n",
    )
    assert (doc.symbol, doc.date) == ("S/RES/2950 (2031)", "2031-03-14")
    assert [p.ref for p in doc.provisions if p.part == "operative" or p.parent] == [
        "1",
        "2",
        "2(a)",
        "2(b)",
        "3",
    ]
    assert [p.ref for p in doc.provisions if p.part == "preambular"] == ["pp1", "pp2"]


def test_the_security_councils_early_official_records(tmp_path: Path) -> None:
    # the end of the resolution before, then the number line of the early records, the draft's
    # symbol in brackets, and the same resolution again in French
    text = (
        "G. The Secretary-General shall furnish the commission with such staff as it requires.\n\n"
        "Adopted at the 210th meeting by 9 votes to none, with 2 abstentions.\n\n"
        "41 (1948). Resolution of 3 March 1948\n\n[S/690]\n\nThe Security Council,\n\n"
        "Having considered the question of the lighthouses of the straits,\n\n"
        "Requests the parties to keep the lights burning.\n\n"
        "41 (1948). Résolution du 3 mars 1948\n\n[S/690]\n\nLe Conseil de sécurité,\n\n"
        "Ayant examiné la question des phares des détroits,\n\n"
        "Invite les parties à maintenir les feux allumés.\n"
    )
    acts = [d for d in parse(tmp_path, text) if d.symbol]
    assert [d.symbol for d in acts] == ["S/RES/41 (1948)"] * 2
    assert acts[0].organ == "Security Council"
    assert acts[0].title is None  # "[S/690]" is the draft's symbol, not a title


def test_presidential_statements_print_their_symbol_on_the_masthead(tmp_path: Path) -> None:
    doc = one(
        tmp_path,
        "United Nations\n\nS/PRST/2031/4\n\nSecurity Council\n\nDistr.: General\n\n9 May 2031\n\n"
        "Statement by the President of the Security Council\n\n"
        "At the 10200th meeting of the Security Council, held on 9 May 2031, in connection with "
        "the Council's consideration of the item entitled “The situation in the Lighthouse "
        "Region”, the President of the Security Council made the following statement on behalf "
        "of the Council:\n\n“The Security Council calls upon all parties to keep the lights on.”\n",
    )
    assert (doc.symbol, doc.kind) == ("S/PRST/2031/4", DocKind.PRESIDENTIAL_STATEMENT)


def test_a_framework_of_goals_and_targets_without_numbered_paragraphs(tmp_path: Path) -> None:
    doc = one(
        tmp_path,
        "Transforming our coasts: the 2040 Agenda for Safe Navigation\n\n"
        "Safe Coast Goals and targets\n\nGoal 1. End darkness on all coasts\n\n"
        "1.1 By 2040, light every inhabited coast\n\n1.a Mobilize resources for coastal lights\n\n"
        "Goal 2. Make inland waterways safe\n\n2.1 By 2040, ensure that every lake has a light\n",
    )
    assert doc.kind is DocKind.FRAMEWORK
    assert [p.ref for p in doc.provisions] == ["goal-1", "1.1", "1.a", "goal-2", "2.1"]
    assert doc.provision("1.a").parent is doc.provision("goal-1")


def test_a_paragraph_inserted_by_amendment_is_cited_bis(tmp_path: Path) -> None:
    doc = one(
        tmp_path,
        "Resolution adopted by the General Assembly on 3 December 2031\n\n86/77. Lighthouses\n\n"
        "The General Assembly,\n\n1. Decides to establish a register of lighthouses;\n\n"
        "1 bis. Decides also that the register shall be public;\n\n"
        "2. Requests the Secretary-General to report.\n",
    )
    assert [(p.ref, p.part) for p in doc.provisions] == [
        ("1", "operative"),
        ("1bis", "operative"),
        ("2", "operative"),
    ]
    assert not any("repeated" in problem for problem in doc.problems)


def test_a_report_of_the_secretary_general_keeps_its_table_out_of_its_paragraphs(
    tmp_path: Path,
) -> None:
    doc = one(
        tmp_path,
        "United Nations\n\nA/86/310\n\nGeneral Assembly\n\nDistr.: General\n\n2 August 2031\n\n"
        "Eighty-sixth session\n\nItem 20 of the provisional agenda*\n\nLighthouse safety\n\n"
        "Report of the Secretary-General\n\nI. Introduction\n\n"
        "1. The present report describes progress made in lighthouse safety.\n\n"
        "2. Table 1 shows the number of lighthouses per region.\n\n"
        "Table 1\n\nLighthouses per region\n\n| Region | 2029 | 2030 |\n\n"
        "| Africa | 120 | 134 |\n\n| Asia | 310 | 322 |\n\nII. Recommendations\n\n"
        "3. Member States should strengthen their lighthouse safety plans.\n",
    )
    assert (doc.symbol, doc.kind, doc.session) == ("A/86/310", DocKind.REPORT, "86")
    assert [p.ref for p in doc.provisions] == ["1", "2", "3"]
    assert sum(b.kind.value == "table" for b in doc.blocks) == 3


def test_a_number_line_that_lost_its_full_stop_under_an_adoption_line(tmp_path: Path) -> None:
    doc = one(
        tmp_path,
        "Human Rights Council\n\nSixty-first session\n\n"
        "Resolution adopted by the Human Rights Council on 3 April 2031\n\n"
        "61/36 Technical assistance to lighthouse keepers\n\nThe Human Rights Council,\n\n"
        "1. Invites States to request technical assistance.\n",
    )
    assert (doc.symbol, doc.title) == (
        "A/HRC/RES/61/36",
        "Technical assistance to lighthouse keepers",
    )


def test_a_number_without_its_full_stop_and_no_adoption_line_is_not_a_number(
    tmp_path: Path,
) -> None:
    doc = one(tmp_path, "Report on lighthouses\n\n20/20 Vision for the coasts\n\n1. Text.\n")
    assert doc.symbol is None


def test_a_resolution_adopted_in_parts_keeps_its_part_letter(tmp_path: Path) -> None:
    doc = one(
        tmp_path,
        "A/RES/86/218 B\n\nEighty-sixth session\n\nAgenda item 121\n\n"
        "Resolution adopted by the General Assembly\n\n86/218. Review of the lighthouse fund\n\n"
        "The General Assembly,\n\nRecalling its resolution 86/218 A,\n\n1. Decides to act.\n",
    )
    assert doc.symbol == "A/RES/86/218 B"


def test_a_number_line_over_its_first_part_letter_opens_a_resolution(tmp_path: Path) -> None:
    text = (
        "3. Requests the Secretary-General to publish the register of lights in all the "
        "official languages.\n\nHundred and eightieth plenary meeting,\n\n10 December 1950.\n\n"
        "480 (V). Charter of the lighthouses\n\nA\n\nCHARTER OF THE LIGHTHOUSES\n\n"
        "Whereas the lights of the coasts are the common heritage of seafarers,\n\n"
        "Now, therefore, The General Assembly proclaims this Charter.\n"
    )
    docs = parse(tmp_path, text)
    # the closing lines above belong to the resolution before; this one begins at its number
    assert [d.title for d in docs if d.kind is DocKind.RESOLUTION] == ["Charter of the lighthouses"]
    assert docs[-1].first_line == text.splitlines().index("480 (V). Charter of the lighthouses") + 1


def test_a_treaty_bodys_general_comment_keeps_its_masthead_symbol(tmp_path: Path) -> None:
    doc = one(
        tmp_path,
        "United Nations\n\nCCPR/C/GC/41\n\n"
        "International Covenant on Civil and Political Rights\n\nDistr.: General\n\n"
        "3 September 2031\n\nHuman Rights Committee\n\n"
        "General comment No. 41 (2031) on the right to keep lighthouses\n\nI. Introduction\n\n"
        "1. This general comment addresses the right to keep lighthouses.\n",
    )
    assert doc.symbol == "CCPR/C/GC/41"


def test_a_masthead_read_off_a_pdf_page_gives_the_symbol_and_organ(tmp_path: Path) -> None:
    # a PDF or Word page puts the emblem's words and the symbol on one line, the organ and the
    # distribution on the next
    doc = one(
        tmp_path,
        "United Nations A/89/612\n\nGeneral Assembly Distr.: General\n3 October 2034\n\n"
        "Eighty-ninth session\n\nReport of the Secretary-General\n\n"
        "1. The present report is submitted pursuant to resolution 88/140.\n\n"
        "2. Lighthouse keeping remains an essential service.\n",
    )
    assert (doc.symbol, doc.organ, doc.kind) == (
        "A/89/612",
        "General Assembly",
        DocKind.REPORT,
    )


def test_a_page_number_between_dashes_is_page_furniture(tmp_path: Path) -> None:
    doc = one(
        tmp_path,
        "Report of the Secretary-General\n\n1. Lighthouses need keepers.\n\n- iii -\n\n"
        "2. Keepers need training.\n\n- 4 -\n\n3. Training needs funds.\n",
    )
    assert [p.ref for p in doc.provisions] == ["1", "2", "3"]
    assert not any("iii" in s.title for s in doc.sections if s.title)


def test_the_agendas_own_targets_state_the_sdg_objectives_others_contribute_to(
    tmp_path: Path,
) -> None:
    from rdflib import Graph

    from pactgraph.pipeline import build

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "agenda.txt").write_text(
        "Resolution adopted by the General Assembly on 25 September 2015\n\n"
        "70/1. Transforming our world: the 2030 Agenda for Sustainable Development\n\n"
        "The General Assembly\n\nAdopts the following outcome document:\n\n"
        "Goal 10. Reduce inequality within and among countries\n\n"
        "10.7 Facilitate orderly, safe, regular and responsible lighthouse keeping.\n",
        encoding="utf-8",
    )
    (tmp_path / "in" / "compact.md").write_text(
        "# Global Compact for Safe Lighthouses\n\n"
        "1. We commit to train keepers, in line with target 10.7 of the Sustainable "
        "Development Goals.\n",
        encoding="utf-8",
    )
    build([tmp_path / "in"], out=tmp_path / "out")
    g = Graph().parse(tmp_path / "out" / "graph.nt")
    rows = {
        (str(p).rsplit("/", 1)[-1], str(o).rsplit("/", 1)[-1])
        for p, o in g.query(
            "PREFIX pg: <https://w3id.org/pactgraph/ontology#> "
            "SELECT ?p ?o WHERE { ?p pg:statesObjective ?o . ?s pg:contributesTo ?o }"
        )
    }
    assert rows == {("10.7", "10.7")}
