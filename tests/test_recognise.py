"""Document recognition by the organs' conventions: organ, act, symbol, session, agenda, date.

Every text here was written for these tests, each in the style of the organ it imitates (its
masthead, adoption line, number line and opening words); none is a copy of a real document.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pactgraph.model import DocKind, Document
from pactgraph.structure.recognise import load_conventions
from parsing import parse


def one(tmp_path: Path, text: str) -> Document:
    docs = parse(tmp_path, text)
    assert len(docs) == 1, [(d.first_line, d.kind) for d in docs]
    return docs[0]


HRC = """Human Rights Council

Sixty-first session

24 February–4 April 2031

Agenda item 3

Promotion and protection of all human rights

Resolution adopted by the Human Rights Council on 3 April 2031

61/14. Access to clean water in coastal towns

The Human Rights Council,

Recalling its resolution 58/2 on water and sanitation,

1. Calls upon States to plan the supply of water to coastal towns;

2. Requests the Office of the High Commissioner to report at its sixty-fourth session.
"""


def test_an_hrc_number_line_under_the_council_gives_an_hrc_symbol(tmp_path: Path) -> None:
    doc = one(tmp_path, HRC)
    assert doc.symbol == "A/HRC/RES/61/14"
    assert doc.organ == "Human Rights Council"
    assert doc.kind is DocKind.RESOLUTION
    assert (doc.session, doc.agenda_item, doc.date) == ("61", "3", "2031-04-03")
    assert doc.title == "Access to clean water in coastal towns"


def test_the_preamble_opening_alone_names_the_organ(tmp_path: Path) -> None:
    text = "62/3. Libraries in rural areas\n\nThe Human Rights Council,\n\n1. Decides to act.\n"
    assert one(tmp_path, text).symbol == "A/HRC/RES/62/3"


def test_a_general_assembly_resolution(tmp_path: Path) -> None:
    text = (
        "Resolution adopted by the General Assembly on 15 December 2031\n\n"
        "[on the report of the Second Committee (A/86/402)]\n\n"
        "86/117. Rural roads\n\nThe General Assembly,\n\n1. Encourages Member States to build.\n"
    )
    doc = one(tmp_path, text)
    assert (doc.symbol, doc.organ, doc.session) == ("A/RES/86/117", "General Assembly", "86")
    assert doc.date == "2031-12-15"


def test_a_security_council_resolution_and_its_meeting_date(tmp_path: Path) -> None:
    text = (
        "Resolution 2871 (2031)\n\n"
        "Adopted by the Security Council at its 9901st meeting, on\n\n12 March 2031\n\n"
        "The Security Council,\n\nRecalling its previous resolutions,\n\n"
        "1. Decides to renew the mandate of the mission until 31 March 2032;\n"
    )
    doc = one(tmp_path, text)
    assert (doc.symbol, doc.organ, doc.kind) == (
        "S/RES/2871 (2031)",
        "Security Council",
        DocKind.RESOLUTION,
    )
    assert doc.date == "2031-03-12"


def test_an_ecosoc_resolution_numbered_by_year(tmp_path: Path) -> None:
    text = (
        "2031/7. Statistics of migration\n\nThe Economic and Social Council,\n\n"
        "Noting the work of the Statistical Commission,\n\n1. Invites Member States to report.\n"
    )
    doc = one(tmp_path, text)
    assert (doc.symbol, doc.organ, doc.session) == (
        "E/RES/2031/7",
        "Economic and Social Council",
        None,
    )


def test_an_environment_assembly_resolution_is_never_a_general_assembly_one(
    tmp_path: Path,
) -> None:
    text = (
        "United Nations Environment Assembly of the\nUnited Nations Environment Programme\n\n"
        "Ninth session\n\nNairobi, 1–5 March 2032\n\n9/4. Clean rivers\n\n"
        "The United Nations Environment Assembly,\n\n1. Requests the Executive Director to act.\n"
    )
    doc = one(tmp_path, text)
    assert doc.symbol == "UNEP/EA.9/Res.4"
    assert doc.session == "9"


def test_a_number_without_any_organ_gives_no_symbol(tmp_path: Path) -> None:
    text = "12/4. Something adopted somewhere\n\n1. Decides to meet again next year.\n"
    assert one(tmp_path, text).symbol is None


def test_presidential_statements_of_both_councils(tmp_path: Path) -> None:
    sc = (
        "Statement by the President of the Security Council\n\n"
        "At the 9950th meeting of the Security Council, held on 2 May 2031, the President of the "
        "Security Council made the following statement on behalf of the Council:\n\n"
        "“The Security Council welcomes the elections held in the country.”\n"
    )
    doc = one(tmp_path, sc)
    assert (doc.kind, doc.organ, doc.date) == (
        DocKind.PRESIDENTIAL_STATEMENT,
        "Security Council",
        "2031-05-02",
    )
    hrc = "Human Rights Council\n\nSixty-second session\n\nPresident’s statement\n\nPRST 62/1\n\n"
    hrc += "At its 30th meeting, the President of the Council made the following statement:\n"
    doc = one(tmp_path, hrc)
    assert (doc.kind, doc.symbol) == (DocKind.PRESIDENTIAL_STATEMENT, "A/HRC/PRST/62/1")


def test_a_decision_takes_the_organs_decision_series(tmp_path: Path) -> None:
    text = (
        "Decision adopted by the General Assembly on 20 December 2031\n\n"
        "86/551. Programme of work of the Committee\n\n"
        "The General Assembly decides to postpone the session.\n"
    )
    doc = one(tmp_path, text)
    assert (doc.kind, doc.symbol) == (DocKind.DECISION, "A/DEC/86/551")


def test_special_session_and_old_series_numbers(tmp_path: Path) -> None:
    text = (
        "Resolution adopted by the General Assembly\n\nS-31/2. Declaration on water\n\n"
        "The General Assembly,\n\n1. Adopts the declaration.\n"
    )
    assert one(tmp_path, text).symbol == "A/RES/S-31/2"
    text = "1987 (XL). Old question\n\nThe General Assembly,\n\n1. Decides to act.\n"
    assert one(tmp_path, text).symbol == "A/RES/1987 (XL)"


def test_a_report_keeps_the_symbol_printed_on_its_masthead(tmp_path: Path) -> None:
    text = (
        "United Nations\n\nA/86/321*\n\nGeneral Assembly\n\nDistr.: General\n\n"
        "Eighty-sixth session\n\nItem 21 of the provisional agenda\n\nMigration and development\n\n"
        "Report of the Secretary-General\n\n"
        "1. The present report is submitted pursuant to resolution 84/210 and describes the work "
        "of the Organization on migration and development over the past two years.\n"
    )
    doc = one(tmp_path, text)
    assert (doc.symbol, doc.kind, doc.session, doc.agenda_item) == (
        "A/86/321",
        DocKind.REPORT,
        "86",
        "21",
    )


def test_a_treaty_is_known_by_its_parties_and_formula(tmp_path: Path) -> None:
    text = (
        "Convention on Coastal Lighthouses\n\nThe States Parties to the present Convention,\n\n"
        "Considering the safety of navigation,\n\nHave agreed as follows:\n\nArticle 1\n\n"
        "Each State Party shall maintain its lighthouses.\n"
    )
    doc = one(tmp_path, text)
    assert doc.kind is DocKind.TREATY
    assert doc.title == "Convention on Coastal Lighthouses"


@pytest.mark.parametrize("field", ["organs", "organ_lines", "number_lines", "symbol_line"])
def test_a_conventions_file_missing_an_entry_names_itself(tmp_path: Path, field: str) -> None:
    import yaml

    from pactgraph.errors import DataFileError
    from pactgraph.structure.recognise import DATA

    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    del data[field]
    bad = tmp_path / "un_documents.yaml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_conventions(bad)
    assert "un_documents.yaml" in str(info.value)


def test_every_organ_in_the_conventions_has_a_source_and_a_resolution_template() -> None:
    import yaml

    from pactgraph.structure.recognise import DATA

    for organ in yaml.safe_load(DATA.read_text(encoding="utf-8"))["organs"]:
        assert organ.get("source"), organ["id"]
        assert "resolution" in organ["symbols"], organ["id"]


def test_an_old_scan_is_read_past_the_end_of_the_resolution_before_it(tmp_path: Path) -> None:
    text = (
        "<!-- Page 1 -->\n\n212\n\nGeneral Assembly—Thirty-first Session\n\n"
        "6. Decides to consider the question again at its next session.\n\n"
        "2999 (XXXI). Lighthouses on international straits\n\nThe General Assembly,\n\n"
        "Noting the report of the Committee,\n\n1. Decides to establish a register.\n"
    )
    doc = parse(tmp_path, text)[0]
    assert (doc.symbol, doc.organ) == ("A/RES/2999 (XXXI)", "General Assembly")


def test_an_early_ecosoc_resolution_is_known_by_its_date_line(tmp_path: Path) -> None:
    text = (
        "612 (XXII). Co-operation on lighthouses\n\nResolution of 2 August 1956\n\n"
        "The Council,\n\nNoting the report,\n\n1. Requests the Secretary-General to report.\n"
    )
    doc = one(tmp_path, text)
    assert (doc.symbol, doc.date) == ("E/RES/612 (XXII)", "1956-08-02")


def test_a_page_of_council_resolutions_gives_one_document_per_resolution(tmp_path: Path) -> None:
    # the Official Records print a session's resolutions one after another; this page opens
    # with the end of a resolution begun on the page before
    text = (
        "<!-- Page 3 -->\n\n4. Requests the Secretary-General to report to the Council at its "
        "next session on the implementation of the present resolution.\n\n"
        "5. Decides to keep the matter under review.\n\n"
        "31st plenary meeting\n\n9 May 2041\n\n"
        "2041/12. Co-operation on inland waterways\n\nThe Economic and Social Council.\n\n"
        "Noting the report of the regional commissions,\n\n"
        "1. Invites Member States to share information on inland waterways;\n\n"
        "2. Requests the regional commissions to report in 2043.\n\n"
        "31st plenary meeting\n\n9 May 2041\n\n"
        "2041/13.\n\nSmall craft registers\n\nThe Economic and Social Council,\n\n"
        "Takes note of the report on small craft registers.\n"
    )
    docs = parse(tmp_path, text)
    acts = [d for d in docs if d.symbol]
    assert [d.symbol for d in acts] == ["E/RES/2041/12", "E/RES/2041/13"]
    assert [d.organ for d in acts] == ["Economic and Social Council"] * 2
    first = acts[0]
    assert [p.ref for p in first.provisions if p.part == "operative"] == ["1", "2"]
    # the meeting and date above the next number line close this resolution
    assert first.last_line < text.splitlines().index("2041/13.") + 1
    assert acts[1].title == "Small craft registers"


def test_a_resolution_quoted_in_its_adoption_head_is_not_split(tmp_path: Path) -> None:
    # a long agenda title above the number line is front matter, not a resolution's text
    doc = one(
        tmp_path,
        "Eighty-ninth session\n\nAgenda item 14\n\n"
        + "Cooperation between the United Nations and the regional organizations on inland "
        "waterways, lighthouses and the registers of small craft\n\n"
        "Resolution adopted by the General Assembly on 3 December 2034\n\n"
        "89/41. Cooperation on inland waterways\n\nThe General Assembly,\n\n"
        "Recalling its resolution 87/12,\n\n1. Welcomes the cooperation.\n",
    )
    assert doc.symbol == "A/RES/89/41"


def test_word_lists_are_read_as_words_even_where_yaml_would_read_a_boolean() -> None:
    from pactgraph.wordlists import words

    # a bare `on` in YAML 1.1 is true: the lists are quoted, and a list of anything but words
    # is refused by name
    assert {"on", "of", "the"} <= words("heading_cannot_end_with")
    assert {"on", "shall", "we"} <= words("overlap_stop_words")


def test_a_word_list_that_is_not_a_list_of_words_names_its_file(tmp_path, monkeypatch) -> None:
    import pytest

    from pactgraph import wordlists
    from pactgraph.errors import DataFileError

    bad = tmp_path / "english_words.yaml"
    bad.write_text("overlap_stop_words: [of, on]\n", encoding="utf-8")
    monkeypatch.setattr(wordlists, "_PATH", bad)
    wordlists.words.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"english_words\.yaml.*overlap_stop_words"):
            wordlists.words("overlap_stop_words")
    finally:
        wordlists.words.cache_clear()
