"""Layouts of UN documents beyond a single resolution: self-cited symbols of commission and
committee documents, tables of contents, numbered headings and outlines of programme reports,
lists that run on under a subheading, rules of procedure with organ names as headings, reports
whose annexes restart their numbering, and French mastheads.

Every text here was written for these tests in the style of the body it imitates; none is a copy
of a real document.
"""

from __future__ import annotations

from pathlib import Path

from parsing import parse, refs


def test_a_provisional_agenda_is_known_by_the_symbol_it_lists_for_itself(tmp_path: Path) -> None:
    text = (
        "Commission on Lighthouse Statistics\n\nTwelfth session\n\n3–7 May 2032\n\n"
        "Item 2 of the provisional agenda\n\nAdoption of the agenda\n\nProvisional agenda\n\n"
        "1. Election of officers.\n\n2. Adoption of the agenda.\n\n3. General debate.\n\n"
        "Annotations\n\n2. Adoption of the agenda\n\n"
        "The Commission will adopt its agenda at the start of the session.\n\nDocumentation\n\n"
        "Provisional agenda for the twelfth session of the Commission (E/CN.99/2032/1)\n\n"
        "Draft provisional agenda for the thirteenth session of the Commission (E/CN.99/2032/L.2)\n"
    )
    (doc,) = parse(tmp_path, text)
    assert doc.symbol == "E/CN.99/2032/1"


def test_a_provisional_agenda_of_another_session_is_not_the_documents_own(
    tmp_path: Path,
) -> None:
    text = (
        "Commission on Lighthouse Statistics\n\nTwelfth session\n\nProvisional agenda\n\n"
        "1. Election of officers.\n\nDocumentation\n\n"
        "Provisional agenda for the eleventh session of the Commission (E/CN.99/2031/1)\n"
    )
    (doc,) = parse(tmp_path, text)
    assert doc.symbol is None


def test_a_committee_report_is_known_by_the_addenda_it_cites_for_itself(tmp_path: Path) -> None:
    text = (
        "Economic Commission for Europe\n\nCommittee on Lighthouses\n\nNinth session\n\n"
        "Geneva, 2–4 March 2033\n\nReport of the Committee on Lighthouses on its ninth session\n\n"
        "I. Attendance\n\n1. The Committee held its ninth session in Geneva.\n\n"
        "2. The decisions of the session are listed in annex I (see ECE/LH/77/Add.1, annex I).\n\n"
        "3. The statements of the ministers are reproduced in ECE/LH/77/Add.1, annex II.\n\n"
        "4. The Committee took note of document ECE/LH/2033/4 and of its revision "
        "ECE/LH/2033/3/Add.1/Rev.1.\n"
    )
    (doc,) = parse(tmp_path, text)
    assert doc.symbol == "ECE/LH/77"


def test_a_report_citing_another_sessions_addendum_takes_no_symbol_from_it(
    tmp_path: Path,
) -> None:
    text = (
        "Governing Council of the Lighthouse Programme\n\nThirtieth session\n\n"
        "Report of the Executive Director\n\n"
        "1. The Council considered the report of its previous session (LHP/GC/29/4/Add.2).\n\n"
        "2. The Council recalled LHP/GC/29/4/Add.2 and its annex.\n"
    )
    (doc,) = parse(tmp_path, text)
    assert doc.symbol is None


def test_a_table_of_contents_is_a_table_and_the_body_keeps_its_numbers(tmp_path: Path) -> None:
    text = (
        "Report of the Committee on Lighthouses on its ninth session\n\n"
        "Contents\n\nParagraphs Page\n\nI. Attendance 1–2 3\n\n"
        "II. Lighthouse policy (agenda item 2) 3–5 3\n\n"
        "1. Coastal lights 3–4 3\n\n2. Lights on inland waterways and\n\nlakes 5 4\n\n"
        "Annexes\n\nI. List of decisions 6\n\n"
        "I. Attendance\n\n1. The Committee held its ninth session in Geneva.\n\n"
        "2. Representatives of the following States attended the session.\n\n"
        "II. Lighthouse policy (agenda item 2)\n\n1. Coastal lights\n\n"
        "3. The Committee reviewed the coastal lights.\n\n"
        "4. The Committee noted the progress made.\n\n2. Lights on inland waterways and lakes\n\n"
        "5. The Committee invited States to report on inland lights.\n"
    )
    (doc,) = parse(tmp_path, text)
    assert refs(doc) == ["1", "2", "II.1", "3", "4", "II.2", "5"]
    rows = [b for b in doc.blocks if b.kind.value == "table"]
    assert len(rows) == 8  # every line of the contents under its heading, none a provision


def test_an_outline_of_numbered_headings_is_cited_under_its_part(tmp_path: Path) -> None:
    # a programme budget: each subprogramme repeats "1. Objective", "2. Strategy"
    text = (
        "Report of the Executive Director\n\n1. The present report sets out the programme.\n\n"
        "A. Subprogramme 1: Coastal lights\n\n1. Objective\n\n"
        "The objective of the subprogramme is to light every coast.\n\n2. Strategy\n\n"
        "The subprogramme will work with coastal States.\n\n(a) Mapping the coasts;\n\n"
        "(b) Training keepers.\n\nB. Subprogramme 2: Inland lights\n\n1. Objective\n\n"
        "The objective of the subprogramme is to light the lakes.\n"
    )
    (doc,) = parse(tmp_path, text)
    assert refs(doc) == ["1", "A.1", "A.2", "A.2(a)", "A.2(b)", "B.1"]
    # the heading keeps its own words; the sentence under it is not joined to it
    assert doc.provision("A.1").text == "Objective"


def test_a_list_runs_on_under_a_subheading_when_its_letters_do(tmp_path: Path) -> None:
    text = (
        "Objective 4: Light every coast\n\n"
        "18. We commit to light every coast of our States.\n\n"
        "To realize this commitment, we will draw from the following actions:\n\n"
        "(a) Build lighthouses on every cape;\n\n(b) Train keepers;\n\n"
        "Storms, fog and the adverse effects of climate change\n\n"
        "(c) Strengthen lighthouses against storms;\n\n(d) Share fog warnings.\n"
    )
    (doc,) = parse(tmp_path, text)
    assert [r for r in refs(doc) if "(" in r] == ["18(a)", "18(b)", "18(c)", "18(d)"]


def test_organ_names_heading_rules_of_procedure_do_not_start_documents(tmp_path: Path) -> None:
    text = (
        "A/700/Rev.3\n\nRules of procedure of the Lighthouse Assembly\n\n"
        "Rule 40\n\nThe Assembly shall meet every year.\n\n"
        "Report of the Secretary-General\n\nRule 41\n\n"
        "Proposals to refer the report of the Secretary-General to a committee shall be decided "
        "upon without debate.\n\nSecurity Council\n\nAnnual elections\n\nRule 42\n\n"
        "The Assembly shall each year elect members of the Council.\n\n"
        "Economic and Social Council\n\nRule 43\n\n"
        "The Assembly shall each year elect members of the Economic and Social Council.\n"
    )
    docs = parse(tmp_path, text)
    assert len(docs) == 1
    assert (docs[0].kind.value, docs[0].organ) == ("unknown", None)
    assert [r for r in refs(docs[0]) if r.startswith("rule")] == [
        "rule-40",
        "rule-41",
        "rule-42",
        "rule-43",
    ]


def test_a_restarted_run_never_takes_an_annexs_number(tmp_path: Path) -> None:
    text = (
        "Report of the forum on lighthouse financing\n\n"
        "I. Matters calling for action by the Council\n\n"
        "1. The forum recommends the following conclusions to the Council:\n\n"
        "1. We, the Ministers, commit to finance lighthouses.\n\n"
        "2. We call for more keepers.\n\nII. Organization of the forum\n\n"
        "2. The forum met in New York.\n\nAnnex I\n\nProceedings of the informal meetings\n\n"
        "1. The forum held informal meetings.\n\n2. Statements were made.\n"
    )
    (doc,) = parse(tmp_path, text)
    own = refs(doc)
    assert len(own) == len(set(own))
    assert own[-2:] == ["I.1", "I.2"]  # the annex's paragraphs
    assert own[1:3] == ["II.1", "II.2"]  # the conclusions: the run's own ordinal, not "I"


def test_a_resolution_of_the_environment_assembly_in_french(tmp_path: Path) -> None:
    text = (
        "Résolution adoptée par l’Assemblée des Nations Unies pour l’environnement le 2 mars 2034"
        "\n\n9/4. Phares côtiers\n\nL’Assemblée des Nations Unies pour l’environnement,\n\n"
        "Rappelant sa résolution 8/2,\n\nInvite les États Membres à entretenir leurs phares.\n"
    )
    (doc,) = parse(tmp_path, text)
    assert (doc.symbol, doc.organ) == ("UNEP/EA.9/Res.4", "United Nations Environment Assembly")


def test_plain_lettered_lines_after_a_lead_in_are_its_sub_items(tmp_path: Path) -> None:
    text = (
        "# Global Compact on Lighthouse Keeping\n\n"
        "## Objective 1: Keep the lights burning\n\n"
        "4. We commit to keep every light burning. To realize this commitment, we will draw "
        "from the following actions:\n\n"
        "a. Elaborate and implement a national lamp-oil strategy;\n\n"
        "b. Train keepers in the maintenance of lenses;\n\n"
        "c. Share weather records with neighbouring coasts.\n"
    )
    (doc,) = parse(tmp_path, text, "compact.md")
    assert refs(doc) == ["4", "4(a)", "4(b)", "4(c)"]


def test_a_lettered_line_out_of_sequence_is_not_a_sub_item(tmp_path: Path) -> None:
    # an OCR'd "l." standing for "1.", and a letter that does not follow the item before it
    text = (
        "The General Assembly,\n\n1. Decides to keep the lighthouses lit;\n\n"
        "l. States Parties shall settle disputes about lamps by negotiation.\n\n"
        "a. Lamps of the first order;\n\n"
        "d. Lamps of the fourth order.\n"
    )
    (doc,) = parse(tmp_path, text)
    assert "1(l)" not in refs(doc)
    assert "1(a)" in refs(doc)
    assert "1(d)" not in refs(doc)


def test_roman_and_doubled_letters_follow_their_predecessors(tmp_path: Path) -> None:
    items = "".join(
        f"{m}. Keepers of lights of class {n};\n\n"
        for n, m in enumerate(["i", "ii", "iii", "iv", "v"], 1)
    )
    text = f"The General Assembly,\n\n1. Decides that the keepers are:\n\n{items}"
    (doc,) = parse(tmp_path, text)
    assert refs(doc) == ["1", "1(i)", "1(ii)", "1(iii)", "1(iv)", "1(v)"]


def test_a_section_of_prose_gives_unnumbered_paragraphs_cited_by_section_and_order(
    tmp_path: Path,
) -> None:
    text = (
        "National position of the Republic of Lighthousia\n\n"
        "V. Safety of keepers\n\n"
        "The Ministry of Coasts explains that keepers work alone for weeks at a time.\n\n"
        "According to the Lighthouse Survey 2030, one keeper in ten has no radio.\n\n"
        "The Global Compact should therefore include the following;\n\n"
        "- Encourage States to equip every keeper with a radio\n"
    )
    (doc,) = parse(tmp_path, text)
    prose = [p for p in doc.provisions if p.kind == "unnumbered"]
    assert [p.ref for p in prose] == ["V.p1", "V.p2", "V.p3"]
    assert prose[1].text.startswith("According to the Lighthouse Survey 2030")


def test_prose_beside_numbered_paragraphs_stays_their_lead_in(tmp_path: Path) -> None:
    text = (
        "Global Compact for Lighthouse Keeping\n\n"
        "Objective 1: Keep the lights burning\n\n"
        "4. We commit to keep every light burning.\n\n"
        "To realize this commitment, we will draw from the following actions:\n\n"
        "(a) Train keepers in the care of lenses;\n\n(b) Share weather records.\n"
    )
    (doc,) = parse(tmp_path, text)
    assert refs(doc) == ["4", "4(a)", "4(b)"]


def test_an_unnumbered_compact_in_markdown_keeps_each_objectives_commitment(
    tmp_path: Path,
) -> None:
    text = (
        "# Global Compact for Lighthouse Keeping\n\n"
        "We, the Heads of State and Government, meeting in Lisbon, commit to safe coasts.\n\n"
        "# Objective 1: Keep the lights burning\n\n"
        "We commit to keep every light on our coasts burning.\n\n"
        "To realize this commitment, we will draw from the following actions:\n\n"
        "- a) Train keepers in the care of lenses;\n- b) Share weather records.\n\n"
        "Yours sincerely, the Keepers of the Light and their many friends\n"
    )
    (doc,) = parse(tmp_path, text, "compact.md")
    assert refs(doc) == [
        "body.p1",
        "objective-1.p1",
        "objective-1.p2",
        "objective-1(a)",
        "objective-1(b)",
    ]


def test_a_dotted_list_under_a_roman_item_nests_and_the_romans_go_on(tmp_path: Path) -> None:
    text = (
        "Report of the Executive Director\n\n2. The outputs are:\n\n(b) Group training:\n\n"
        "(i) Training on lamps;\n\n(ii) Training on lenses, with:\n\n"
        "a. Training in the north;\n\nb. Training in the south;\n\n"
        "(iii) Training on oil;\n\n(c) Field projects.\n"
    )
    (doc,) = parse(tmp_path, text)
    assert refs(doc) == [
        "2",
        "2(b)",
        "2(b)(i)",
        "2(b)(ii)",
        "2(b)(ii)(a)",
        "2(b)(ii)(b)",
        "2(b)(iii)",
        "2(c)",
    ]


def test_a_markdown_numbered_list_after_a_lead_in_gives_the_lead_ins_items(
    tmp_path: Path,
) -> None:
    text = (
        "# Global Compact for Lighthouse Keeping\n\n"
        "1. We, the Heads of State and Government, commit to safe coasts.\n\n"
        "# Objective 2: Share weather records\n\n"
        "2. We commit to share weather records. To realize this commitment, we will draw from "
        "the following actions:\n\n"
        "1. Establish a weather register in every lighthouse;\n"
        "2. Send the register to the neighbouring coast each month.\n\n"
        "3. We commit to review this Compact in 2040.\n"
    )
    (doc,) = parse(tmp_path, text, "compact.md")
    assert refs(doc) == ["1", "2", "2(1)", "2(2)", "3"]
    assert doc.provision("2(1)").parent is doc.provision("2")


def test_a_reports_prose_is_its_tables_and_notes_not_paragraphs(tmp_path: Path) -> None:
    # a report's content is numbered: the prose of its figures and notes differs between the
    # Word file and the PDF made from it, and is not cited
    text = (
        "Report of the Secretary-General\n\n1. The present report sets out the lighthouse plan.\n\n"
        "Figure I\n\nPerformance measure: number of lighthouses kept lit in each region\n\n"
        "2. The plan will be reviewed in 2040.\n"
    )
    (doc,) = parse(tmp_path, text)
    assert refs(doc) == ["1", "2"]


def test_a_list_of_document_titles_is_not_a_run_of_paragraphs(tmp_path: Path) -> None:
    text = (
        "Committee on Lighthouses\n\nI. Organization of the session\n\n"
        "1. The Committee will meet in Geneva from 3 to 7 May 2032.\n\n"
        "II. Annotations\n\nDocumentation:\n\n"
        "Report of the Secretary-General on the implementation of the Convention on Lamp Oil "
        "and its Protocols (A/87/120)\n\n"
        "Annual report of the Executive Director on the global programme of action against "
        "lamp oil shortages (A/87/121)\n\n"
        "The Committee will hear the Executive Director on the item before its debate.\n"
    )
    (doc,) = parse(tmp_path, text)
    assert [p.ref for p in doc.provisions] == ["1", "II.p1"]
    assert doc.provision("II.p1").text.startswith("The Committee will hear")


def test_a_committees_report_on_its_session_is_a_report_not_a_parliaments(
    tmp_path: Path,
) -> None:
    from pactgraph.model import DocKind

    text = (
        "Economic Commission for Europe\n\nCommittee on Lighthouses\n\nNinth session\n\n"
        "Report of the Committee on Lighthouses on its ninth session\n\n"
        "1. The Committee held its ninth session in Geneva.\n\n"
        "2. The Committee took note of the following documents:\n\n"
        "Report of the Committee on Lamp Oil on its fourth session\n\n"
        "Report of the Working Party on Lenses\n\n"
        "3. The Committee adopted its report.\n"
    )
    (doc,) = parse(tmp_path, text)  # the reports it lists do not start documents of their own
    assert doc.kind is DocKind.REPORT
    assert refs(doc) == ["1", "2", "3"]


def test_a_markdown_list_of_titles_after_numbered_paragraphs_lists_and_restarts_nothing(
    tmp_path: Path,
) -> None:
    text = (
        "# Global Compact for Safe Lighthouses\n\n"
        "1. We, the Heads of State and Government, reaffirm our commitment.\n\n"
        "2. Each objective contains a commitment, followed by a range of actions.\n\n"
        "## Objectives for safe lighthouses\n\n"
        "1. Keep the lights burning\n2. Train the keepers\n\n"
        "## Objective 1: Keep the lights burning\n\n"
        "3. We commit to keep the lights burning.\n"
    )
    (doc,) = parse(tmp_path, text, "compact.md")
    assert refs(doc) == [
        "1",
        "2",
        "objectives-for-safe-lighthouses(1)",
        "objectives-for-safe-lighthouses(2)",
        "3",
    ]
    assert not doc.problems  # the paragraphs' numbering did not restart
