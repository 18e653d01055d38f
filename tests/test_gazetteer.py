"""The gazetteers: bundled data loads and is checked, bad data files name themselves, and the
matchers find actors, instruments and States the way the corpus writes them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pactgraph.errors import DataFileError
from pactgraph.gazetteer import ACTORS_FILE, INSTRUMENTS_FILE, STATE_NAMES_FILE, Gazetteer

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
BUNDLED = Path(__file__).resolve().parents[1] / "src" / "pactgraph" / "data"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def ids(matches) -> list[str]:
    return [m.entry.id for m in matches]


# --- loading ---------------------------------------------------------------------------------


def test_bundled_data_loads_once_and_is_cached() -> None:
    assert Gazetteer.load() is Gazetteer.load()


def test_bundled_entries_are_typed_sourced_and_cross_referenced(gaz: Gazetteer) -> None:
    unhcr = gaz.actor("unhcr")
    assert (unhcr.label, unhcr.type, unhcr.acronym) == ("UNHCR", "FundOrProgramme", "UNHCR")
    assert gaz.actor("iom").type == "RelatedOrganization"
    untoc = gaz.instrument("untoc")
    assert untoc.custodian == "unodc" and untoc.binding
    assert untoc.unts == ("United Nations, Treaty Series, vol. 2225, No. 39574",)
    assert gaz.instrument("smuggling-protocol").parent == "untoc"
    assert gaz.instrument("1967-protocol").parent == "1951-refugee-convention"
    assert gaz.instrument("a-res-71-1").date == "2016-09-19"
    assert gaz.instrument("gcm-zero-draft").date == "2018-02-05"
    assert gaz.instrument("ilo-conventions").label == "ILO conventions"
    assert all(e.source.strip() for e in [*gaz.actors.values(), *gaz.instruments.values()])
    for ins in gaz.instruments.values():
        assert ins.custodian is None or ins.custodian in gaz.actors
        assert all(g in gaz.instruments for g in ins.group)


def test_unknown_ids_raise_key_error(gaz: Gazetteer) -> None:
    with pytest.raises(KeyError):
        gaz.actor("no-such-actor")
    with pytest.raises(KeyError):
        gaz.instrument("no-such-instrument")


def test_gcc_members_are_states(gaz: Gazetteer) -> None:
    gcc = gaz.actor("gcc")
    assert set(gcc.members) == {"sau", "are", "bhr", "kwt", "omn", "qat"}
    assert {gaz.actor(m).type for m in gcc.members} == {"State"}
    assert gaz.actor("sau").label == "Saudi Arabia"


def _copy_data(tmp_path: Path) -> Path:
    for name in (ACTORS_FILE, INSTRUMENTS_FILE, STATE_NAMES_FILE):
        shutil.copy(BUNDLED / name, tmp_path / name)
    return tmp_path


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_copy_of_the_bundled_data_loads_from_a_directory(tmp_path: Path) -> None:
    g = Gazetteer.load(_copy_data(tmp_path))
    assert g is not Gazetteer.load()
    assert g.actor("unhcr").label == "UNHCR"


def test_duplicate_id_names_the_file_and_entry(tmp_path: Path) -> None:
    d = _copy_data(tmp_path)
    _append(
        d / ACTORS_FILE,
        "  - id: unhcr\n    label: Another UNHCR\n    type: FundOrProgramme\n    source: test\n",
    )
    with pytest.raises(DataFileError) as err:
        Gazetteer.load(d)
    assert ACTORS_FILE in str(err.value) and "unhcr" in str(err.value)
    assert "duplicate id" in str(err.value)


def test_unknown_custodian_names_the_file_and_entry(tmp_path: Path) -> None:
    d = _copy_data(tmp_path)
    _append(
        d / INSTRUMENTS_FILE,
        "  - id: test-treaty\n    label: Test Treaty\n    type: Treaty\n    binding: true\n"
        "    custodian: nobody\n    source: test\n",
    )
    with pytest.raises(DataFileError) as err:
        Gazetteer.load(d)
    assert INSTRUMENTS_FILE in str(err.value) and "test-treaty" in str(err.value)
    assert "nobody" in str(err.value)


def test_malformed_yaml_names_the_file(tmp_path: Path) -> None:
    d = _copy_data(tmp_path)
    (d / INSTRUMENTS_FILE).write_text("instruments:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        Gazetteer.load(d)
    assert INSTRUMENTS_FILE in str(err.value) and "malformed YAML" in str(err.value)


def test_missing_source_is_refused(tmp_path: Path) -> None:
    d = _copy_data(tmp_path)
    _append(d / ACTORS_FILE, "  - id: nameless\n    label: Nameless\n    type: StakeholderGroup\n")
    with pytest.raises(DataFileError, match=r"nameless.*source"):
        Gazetteer.load(d)


def test_unknown_type_is_refused(tmp_path: Path) -> None:
    d = _copy_data(tmp_path)
    _append(d / ACTORS_FILE, "  - id: odd\n    label: Odd\n    type: Club\n    source: test\n")
    with pytest.raises(DataFileError, match=r"odd.*unknown actor type 'Club'"):
        Gazetteer.load(d)


def test_actor_id_equal_to_an_iso_code_is_refused(tmp_path: Path) -> None:
    d = _copy_data(tmp_path)
    _append(d / ACTORS_FILE, "  - id: fra\n    label: Fra\n    type: Person\n    source: test\n")
    with pytest.raises(DataFileError, match=r"\[fra\].*ISO alpha-3 code of France"):
        Gazetteer.load(d)


def test_unknown_member_is_refused(tmp_path: Path) -> None:
    d = _copy_data(tmp_path)
    _append(
        d / ACTORS_FILE,
        "  - id: club\n    label: Club\n    type: StateGroup\n    members: [xyz]\n"
        "    source: test\n",
    )
    with pytest.raises(DataFileError, match=r"\[club\].*'xyz'"):
        Gazetteer.load(d)


def test_alias_naming_two_entries_is_refused_unless_declared(tmp_path: Path) -> None:
    d = _copy_data(tmp_path)
    clash = (
        "  - id: refugee-office\n    label: Refugee Office\n    type: UNOffice\n"
        "    aliases: [UN Refugee Agency]\n    source: test\n"
    )
    _append(d / ACTORS_FILE, clash)
    with pytest.raises(DataFileError, match=r"UN Refugee Agency.*unhcr"):
        Gazetteer.load(d)

    text = (d / ACTORS_FILE).read_text(encoding="utf-8")
    declared = "ambiguous:\n  - alias: UN Refugee Agency\n    ids: [unhcr, refugee-office]\n"
    (d / ACTORS_FILE).write_text(text.replace("ambiguous: []\n", declared), encoding="utf-8")
    g = Gazetteer.load(d)
    [m] = g.find_actors("the UN Refugee Agency said")
    assert m.entry.id == "unhcr"
    assert [a.id for a in m.alternatives] == ["refugee-office"]


def test_state_names_must_be_iso_codes(tmp_path: Path) -> None:
    d = _copy_data(tmp_path)
    _append(d / STATE_NAMES_FILE, "  - iso3: XYZ\n    aliases: [Xyzland]\n    source: test\n")
    with pytest.raises(DataFileError, match=r"state_names.yaml \[XYZ\]"):
        Gazetteer.load(d)


def test_missing_data_file_names_itself(tmp_path: Path) -> None:
    d = _copy_data(tmp_path)
    (d / STATE_NAMES_FILE).unlink()
    with pytest.raises(DataFileError, match=r"state_names\.yaml: data file not found"):
        Gazetteer.load(d)


# --- matching actors -----------------------------------------------------------------------------


def test_full_name_without_leading_the(gaz: Gazetteer) -> None:
    text = "in cooperation with the Office of the United Nations High Commissioner for Refugees,"
    [m] = gaz.find_actors(text)
    assert m.entry.id == "unhcr"
    assert m.text == "Office of the United Nations High Commissioner for Refugees"
    assert text[m.start : m.end] == m.text


def test_name_split_across_a_page_break(gaz: Gazetteer) -> None:
    text = (
        "the United Nations Relief and Works Agency for\n\n"
        "Palestine Refugees in the Near East, where"
    )
    [m] = gaz.find_actors(text)
    assert m.entry.id == "unrwa" and m.text.endswith("Near East")


def test_unrwa_split_in_the_kenyan_report_is_found(gaz: Gazetteer) -> None:
    text = (CORPUS / "kenya-parliament-ipu-hearing-2018-with-annexes.txt").read_text()
    split = [m for m in gaz.find_actors(text) if m.entry.id == "unrwa" and "\n" in m.text]
    assert split, "the page-broken UNRWA name in annex I para. 13 was not found"


def test_acronyms_match_only_as_written(gaz: Gazetteer) -> None:
    assert ids(gaz.find_actors("the ILO and IOM")) == ["ilo", "iom"]
    assert gaz.find_actors("ilo and iom") == []
    assert gaz.find_actors("in AUGUST, WHOLE") == []
    assert ids(gaz.find_actors("the AU and the EU")) == ["au", "eu"]


def test_spelling_hyphen_and_apostrophe_variants(gaz: Gazetteer) -> None:
    assert ids(gaz.find_actors("International Organisation for Migration")) == ["iom"]
    assert ids(gaz.find_actors("the Secretary General")) == ["secretary-general"]
    assert ids(gaz.find_actors("the Secretary‑General")) == ["secretary-general"]
    assert ids(gaz.find_actors("United Nations Children’s Fund")) == ["unicef"]
    assert ids(gaz.find_actors("President Lajcak")) == ["miroslav-lajcak"]


def test_longest_actor_wins(gaz: Gazetteer) -> None:
    text = (
        "Special Representative of the Secretary-General on International Migration and Development"
    )
    assert ids(gaz.find_actors(text)) == ["srsg-international-migration"]
    assert ids(gaz.find_actors("host countries and countries of origin")) == [
        "host-states",
        "states-of-origin",
    ]


def test_role_groups_and_stakeholders(gaz: Gazetteer) -> None:
    text = "We call upon States that have not done so, Member States, civil society and diasporas"
    assert ids(gaz.find_actors(text)) == [
        "states-not-parties",
        "member-states",
        "civil-society",
        "diaspora",
    ]


# --- matching instruments ------------------------------------------------------------------------


def test_longest_instrument_wins(gaz: Gazetteer) -> None:
    text = "the Protocol against the Smuggling of Migrants by Land, Sea and Air and the Protocol"
    [m] = gaz.find_instruments(text)
    assert m.entry.id == "smuggling-protocol"
    assert m.text == "Protocol against the Smuggling of Migrants by Land, Sea and Air"


def test_convention_and_its_protocols_are_separate_mentions(gaz: Gazetteer) -> None:
    text = (
        "the United Nations Convention against Transnational Organized Crime including the "
        "Protocol to Prevent, Suppress and Punish Trafficking in Persons Especially Women and "
        "Children and the Protocol against the Smuggling of Migrants by Land, Sea and Air"
    )
    assert ids(gaz.find_instruments(text)) == [
        "untoc",
        "trafficking-protocol",
        "smuggling-protocol",
    ]


def test_resolution_symbols_in_text(gaz: Gazetteer) -> None:
    assert ids(gaz.find_instruments("¹ Resolution 70/1.")) == ["2030-agenda"]
    assert ids(gaz.find_instruments("(A/RES/71/1)")) == ["a-res-71-1"]
    assert gaz.find_instruments("resolution 70/10") == []
    assert ids(gaz.find_instruments("⁵ Resolution 69/313, annex")) == ["addis-ababa-action-agenda"]


def test_footnote_calls_do_not_hide_names(gaz: Gazetteer) -> None:
    text = "our obligations under the Convention on the Rights of the Child.⁷ We will"
    assert ids(gaz.find_instruments(text)) == ["crc"]


def test_instrument_by_symbol(gaz: Gazetteer) -> None:
    for form in ("A/RES/70/1", "70/1", "resolution 70/1", "Resolution 70/1"):
        hit = gaz.instrument_by_symbol(form)
        assert hit is not None and hit.id == "2030-agenda", form
    assert gaz.instrument_by_symbol("A/RES/217 A (III)").id == "udhr"  # type: ignore[union-attr]
    assert gaz.instrument_by_symbol("A/RES/99/999") is None


def test_instrument_by_unts(gaz: Gazetteer) -> None:
    hit = gaz.instrument_by_unts("United Nations, *Treaty Series*, vol. 1577, No. 27531.")
    assert hit is not None and hit.id == "crc"
    assert gaz.instrument_by_unts("Ibid., vol. 606, No. 8791.").id == "1967-protocol"  # type: ignore[union-attr]
    both = gaz.instruments_by_unts("*Ibid.*, vols. 2225, 2237 and 2241, No. 39574.")
    assert [i.id for i in both] == ["untoc", "trafficking-protocol", "smuggling-protocol"]
    assert gaz.instrument_by_unts("vol. 1, No. 1") is None


def test_instrument_by_title(gaz: Gazetteer) -> None:
    hit = gaz.instrument_by_title("GLOBAL COMPACT FOR SAFE, ORDERLY AND REGULAR MIGRATION")
    assert hit is not None and hit.id == "gcm"
    hit = gaz.instrument_by_title("The New York Declaration for Refugees and Migrants.")
    assert hit is not None and hit.id == "a-res-71-1"
    assert gaz.instrument_by_title("Making migration work for all").id == "a-72-643"  # type: ignore[union-attr]
    assert gaz.instrument_by_title("A report on something else") is None


# --- States --------------------------------------------------------------------------------------


def test_states_from_pycountry_and_un_names(gaz: Gazetteer) -> None:
    text = "Kenya, the United States of America, Türkiye, Turkey and the Republic of Korea"
    found = gaz.find_states(text)
    assert ids(found) == ["ken", "usa", "tur", "tur", "kor"]
    kenya = found[0].entry
    assert (kenya.type, kenya.iso3, kenya.source) == ("State", "KEN", "ISO 3166-1 via pycountry")
    assert gaz.state("KOR").label == "Republic of Korea"
    assert gaz.state("bol").label == "Bolivia (Plurinational State of)"


def test_lowercase_words_are_not_states(gaz: Gazetteer) -> None:
    assert gaz.find_states("roast turkey in chad-coloured jordan almonds") == []


def test_find_all_prefers_the_longer_mention(gaz: Gazetteer) -> None:
    found = gaz.find_all("the Charter of the United Nations and the United States of America")
    assert ids(found) == ["un-charter", "usa"]


def test_entry_types_are_classes_of_the_ontology() -> None:
    from pactgraph.gazetteer import ACTOR_TYPES, INSTRUMENT_TYPES
    from pactgraph.namespaces import PG

    for name in sorted(ACTOR_TYPES | INSTRUMENT_TYPES):
        assert str(getattr(PG, name)).endswith("#" + name)


# --- tokens shared between a provision and its sentences (issue 16) ---------------------------

PROVISION = (
    "Requests the Office of the United Nations High Commissioner for Refugees and the "
    "International Organization for Migration¹² to report, in cooperation with Türkiye and "
    "the Lajčák-led consultations, on the “Global Compact for Safe, Orderly and Regular "
    "Migration” — its implementation — to the General Assembly at its ninetieth session."
)


def _fresh(text: str) -> list[tuple[str, str, int, int]]:
    from pactgraph.gazetteer.matching import _scan

    t = _scan(text)
    return list(zip(t.norms, t.raws, t.starts, t.ends, strict=True))


def _shared(text: str) -> list[tuple[str, str, int, int]]:
    from pactgraph.gazetteer.matching import _tokens

    t = _tokens(text)
    return list(zip(t.norms, t.raws, t.starts, t.ends, strict=True))


def test_a_sentence_of_a_provision_just_matched_has_the_tokens_a_fresh_scan_gives() -> None:
    from pactgraph.gazetteer.matching import _tokens

    _tokens(PROVISION)
    for start, end in [(0, 132), (9, 60), (133, len(PROVISION)), (104, 105), (40, 41)]:
        assert _shared(PROVISION[start:end]) == _fresh(PROVISION[start:end])


def test_a_text_cut_inside_a_word_is_scanned_not_sliced() -> None:
    from pactgraph.gazetteer.matching import _tokens

    _tokens(PROVISION)
    cut = PROVISION[15:70]  # "fice of the United ... for Refuge"
    assert _fresh(cut)[0][1] == "fice"
    assert _shared(cut) == _fresh(cut)


def test_footnote_calls_dashes_and_quotation_marks_make_no_tokens() -> None:
    raws = [raw for _norm, raw, _s, _e in _fresh("Migration¹² — “Compact”, Lajčák's")]
    assert raws == ["Migration", "Compact", "Lajčák", "'", "s"]
    assert [n for n, *_ in _fresh("Lajčák ORGANISATION")] == ["lajcak", "organization"]
