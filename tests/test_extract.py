"""The extract stage: modality, bearers, partners, citations and objectives, one rule a test.

Provisions are built from short excerpts of the corpus (A/RES/71/1, the GCM zero draft, the
Secretary-General's report A/72/643) and run against the bundled gazetteer; the end-to-end test
reads a resolution written for the test (``tests/data/extract/``) whose instruments and bodies
no gazetteer lists.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pactgraph.extract import (
    AnalysisContext,
    EntityRef,
    analyse_document,
    analyse_provision,
    context_for,
    match_objectives,
    split_sentences,
)
from pactgraph.gazetteer import Gazetteer
from pactgraph.model import Block, BlockKind, Provision, Section, Span
from pactgraph.read import read_source
from pactgraph.segment import segment
from pactgraph.structure import structure

DATA = Path(__file__).parent / "data" / "extract"
MEMBER_STATES = EntityRef("member-states", "Member States", "StateGroup", True)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def ctx(**kw) -> AnalysisContext:
    base = {
        "work_id": "a-res-71-1",
        "doc_kind": "resolution",
        "issuer": MEMBER_STATES,
        "self_ids": frozenset({"a-res-71-1"}),
    }
    return AnalysisContext(**{**base, **kw})


def provision(ref: str, text: str, *, parent=None, section=None, calls=()) -> Provision:
    number = ref.rsplit("(", 1)[-1].rstrip(")") if "(" in ref else ref.rsplit(".", 1)[-1]
    p = Provision(
        ref=ref,
        number=number,
        text=text,
        blocks=[],
        section=section,
        parent=parent,
        footnote_calls=list(calls),
    )
    if parent is not None:
        parent.children.append(p)
    return p


def objective_section(number: str, title: str) -> Section:
    block = Block(BlockKind.HEADING, 1, 1, Span(0, 0), f"OBJECTIVE {number}: {title}")
    return Section(f"objective-{number}", title, "objective", block, number=number)


def labels(refs: list[EntityRef]) -> list[str]:
    return [r.label for r in refs]


# ------------------------------------------------------------------------------ sentences
def test_sentences_are_not_cut_at_abbreviations_or_inline_items():
    text = (
        "See United Nations, Treaty Series, vol. 1577, No. 27531, e.g. Mr. Sutherland's report. "
        "This strategy would: (a) reduce deaths; (b) reduce uncertainty."
    )
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == [
        "See United Nations, Treaty Series, vol. 1577, No. 27531, e.g. Mr. Sutherland's report.",
        "This strategy would: (a) reduce deaths;",
        "(b) reduce uncertainty.",
    ]


# ------------------------------------------------------------------------------ modality
@pytest.mark.parametrize(
    ("text", "modality"),
    [
        # a constitutive rule binds no one (see test_constitutive_rule_is_recorded_not_obliged)
        (
            "The International Migration Review Forum shall take place in 2022, 2026 and 2030.",
            "recognition",
        ),
        ("We commit to strengthening global governance of migration.", "commitment"),
        ("We are determined to save lives.", "commitment"),
        ("We will consider reviewing our migration policies.", "intention"),
        ("We will work towards the adoption in 2018 of a global compact on refugees.", "intention"),
        ("We intend to expand the number and range of legal pathways.", "intention"),
        ("We encourage States to address the vulnerabilities to HIV.", "encouragement"),
        (
            "We reaffirm the purposes and principles of the Charter of the United Nations.",
            "recognition",
        ),
        ("We recognize and will address the special needs of all people.", "commitment"),
        # a 'must' that binds no one is a statement of need
        (
            "Large movements of refugees and migrants must have comprehensive policy support.",
            "recognition",
        ),
        # a modal inside what is noted, asked or reported does not count
        (
            "We note that the Special Representative of the Secretary-General on International "
            "Migration and Development will be providing a report.",
            "recognition",
        ),
        (
            "We have considered today how the international community should best respond.",
            "recognition",
        ),
        ("We said also that we would endeavour to reach the furthest behind first.", "recognition"),
    ],
)
def test_modality_ladder(gaz, text, modality):
    assert analyse_provision(provision("9", text), ctx(), gaz).modality == modality


def test_strongest_statement_gives_the_provision_modality(gaz):
    p = provision(
        "46",
        "We also recognize that international migration is a multidimensional reality. "
        "We will promote faster, cheaper and safer transfers of migrant remittances.",
    )
    a = analyse_provision(p, ctx(), gaz)
    assert [s.modality for s in a.statements] == ["recognition", "commitment"]
    assert a.modality == "commitment" and a.is_commitment
    assert labels(a.bearers) == ["Member States"]


def test_recognition_alone_is_not_a_commitment_and_has_no_bearer(gaz):
    a = analyse_provision(
        provision("60", "We recognize the need to address the special situation of women."),
        ctx(),
        gaz,
    )
    assert (a.modality, a.is_commitment, a.bearers) == ("recognition", False, [])


# ------------------------------------------------------------------------------ bearers
def test_request_names_the_requested_not_the_issuer(gaz):
    a = analyse_provision(
        provision(
            "88",
            "Accordingly, we request the Secretary-General to ensure that the progress made by "
            "Member States and the United Nations will be the subject of periodic assessments.",
        ),
        ctx(),
        gaz,
    )
    assert a.modality == "encouragement"
    assert labels(a.bearers) == ["Secretary-General"]


def test_commit_names_the_issuer(gaz):
    a = analyse_provision(
        provision("42", "We commit to safeguarding the rights of migrants."), ctx(), gaz
    )
    assert a.bearers == [MEMBER_STATES]


def test_encouraged_role_group_is_the_bearer(gaz):
    a = analyse_provision(
        provision(
            "65",
            "We encourage States not parties to consider acceding to those instruments.",
        ),
        ctx(),
        gaz,
    )
    assert labels(a.bearers) == ["States not parties"]


def test_passive_invitation_names_its_subject(gaz):
    a = analyse_provision(
        provision(
            "II.11",
            "The President of the General Assembly is invited to make early arrangements for "
            "the appointment of two co-facilitators.",
        ),
        ctx(),
        gaz,
    )
    assert (a.modality, labels(a.bearers)) == (
        "encouragement",
        ["President of the General Assembly"],
    )


def test_envisaged_for_names_who_it_is_envisaged_for(gaz):
    a = analyse_provision(
        provision(
            "89",
            "A role in reviewing relevant aspects of the present declaration should be envisaged "
            "for the periodic High-level Dialogues on International Migration and Development.",
        ),
        ctx(),
        gaz,
    )
    assert a.modality == "encouragement"
    assert [b.id for b in a.bearers] == ["hld-migration-development"]


def test_partner_is_not_a_bearer(gaz):
    a = analyse_provision(
        provision(
            "I.6",
            "States, in cooperation with multilateral donors and private sector partners, as "
            "appropriate, would, in coordination with receiving States:",
        ),
        ctx(),
        gaz,
    )
    assert labels(a.bearers) == ["States"]
    assert "receiving States" in labels(a.partners)
    assert "States" not in labels(a.partners)


def test_subject_inside_an_opening_phrase_is_not_the_bearer(gaz):
    a = analyse_provision(
        provision(
            "I.5",
            "At the outset of a large movement of refugees, receiving States, bearing in mind "
            "their national capacities, in cooperation with the Office of the United Nations High "
            "Commissioner for Refugees, would:",
        ),
        ctx(),
        gaz,
    )
    assert labels(a.bearers) == ["receiving States"]
    assert labels(a.partners) == ["UNHCR"]


def test_sub_items_inherit_bearer_and_modality_from_their_chapeau(gaz):
    chapeau = provision(
        "I.13",
        "Host States, bearing in mind their capacities and international legal obligations, in "
        "cooperation with the Office of the United Nations High Commissioner for Refugees, the "
        "United Nations Relief and Works Agency for Palestine Refugees in the Near East, where "
        "appropriate, and other United Nations entities, would:",
    )
    item = provision(
        "I.13(c)",
        "Take measures to enable refugees, including in particular women and youth, to make the "
        "best use of their skills and capacities;",
        parent=chapeau,
    )
    consider = provision(
        "I.13(e)", "Consider measures to enable the restitution of property.", parent=chapeau
    )
    a = analyse_provision(item, ctx(), gaz)
    assert (a.modality, labels(a.bearers)) == ("commitment", ["host States"])
    assert {"UNHCR", "UNRWA"} <= set(labels(a.partners))
    assert analyse_provision(consider, ctx(), gaz).modality == "intention"


def test_gcm_actions_are_member_state_commitments_under_their_objective(gaz):
    section = objective_section(
        "9", "Strengthen the transnational response to smuggling of migrants"
    )
    chapeau = provision(
        "23",
        "We commit to intensify joint efforts to prevent and counter smuggling of migrants. "
        "In this regard, the following actions are instrumental:",
        section=section,
    )
    item = provision(
        "23(a)",
        "Sign, ratify or accede to, and implement the Protocol against the Smuggling of Migrants "
        "by Land, Sea and Air",
        parent=chapeau,
        section=section,
    )
    c = ctx(
        work_id="gcm-zero-draft", doc_kind="compact", self_ids=frozenset({"gcm-zero-draft", "gcm"})
    )
    a = analyse_provision(item, c, gaz)
    assert (a.modality, a.bearers, a.objective) == (
        "commitment",
        [MEMBER_STATES],
        "gcm-zero-draft:9",
    )
    assert [x.id for x in a.cites] == ["smuggling-protocol"]


def sg_report() -> AnalysisContext:
    """The context of a Secretary-General's report (A/72/643)."""
    sg = EntityRef("secretary-general", "Secretary-General", "UNOfficial", True)
    return ctx(work_id="a-72-643", doc_kind="report", issuer=sg, self_ids=frozenset())


def test_asking_whether_is_an_indirect_question_not_a_request(gaz):
    c = sg_report()
    question = analyse_provision(
        provision(
            "71",
            "This is an impressive body of work, but it is legitimate to ask whether the Global "
            "Migration Group, as currently set up, is best equipped to develop the type of "
            "coherent, ground-up approach that I believe the Member States will want.",
        ),
        c,
        gaz,
    )
    request = analyse_provision(
        provision("72", "We ask the Global Migration Group to report on its work."),
        ctx(work_id="a-res-900-1", doc_kind="resolution"),
        gaz,
    )
    assert (question.modality, question.bearers) == ("recognition", [])
    assert (request.modality, labels(request.bearers)) == (
        "encouragement",
        ["Global Migration Group"],
    )


def test_shall_binds_the_named_body_under_a_decision(gaz):
    chapeau = provision(
        "45",
        "Considering that most international migration takes place within regions, "
        "we also decide that:",
    )
    item = provision(
        "45(c)",
        "Each of the United Nations Regional Economic Commissions shall organize the respective "
        "Regional Migration Review Forum, in close consultation with relevant regional "
        "organizations",
        parent=chapeau,
    )
    a = analyse_provision(item, ctx(work_id="gcm-zero-draft", doc_kind="compact"), gaz)
    assert (a.modality, labels(a.bearers)) == ("obligation", ["Regional Economic Commissions"])


def test_report_calls_on_member_states_but_commits_the_secretary_general(gaz):
    c = sg_report()
    should = analyse_provision(
        provision(
            "36",
            "Member States should make a collective effort to expand pathways for regular "
            "migration.",
        ),
        c,
        gaz,
    )
    will = analyse_provision(
        provision("74", "I will initiate internal consultations on how to strengthen the system."),
        c,
        gaz,
    )
    propose = analyse_provision(
        provision(
            "83",
            "I propose that Member States should review progress through two tiers of activity:",
        ),
        c,
        gaz,
    )
    assert (should.modality, labels(should.bearers)) == ("encouragement", ["Member States"])
    assert (will.modality, labels(will.bearers)) == ("commitment", ["Secretary-General"])
    assert (propose.modality, labels(propose.bearers)) == ("encouragement", ["Member States"])


# ------------------------------------------------------------------------------ instruments
def test_protocol_thereto_is_the_protocol_of_the_convention_just_named(gaz):
    a = analyse_provision(
        provision(
            "65",
            "We reaffirm the 1951 Convention relating to the Status of Refugees and the 1967 "
            "Protocol thereto as the foundation of the international refugee protection regime.",
        ),
        ctx(),
        gaz,
    )
    assert [c.id for c in a.cites] == ["1951-refugee-convention", "1967-protocol"]


def test_two_relevant_protocols_thereto_are_trafficking_and_smuggling(gaz):
    a = analyse_provision(
        provision(
            "34",
            "Reaffirming the importance of the United Nations Convention against Transnational "
            "Organized Crime and the two relevant Protocols thereto, we encourage the ratification "
            "of relevant international instruments.",
        ),
        ctx(),
        gaz,
    )
    assert [c.id for c in a.cites] == ["untoc", "trafficking-protocol", "smuggling-protocol"]


def test_those_instruments_point_back_at_the_instruments_named_before(gaz):
    p = provision(
        "72",
        "We encourage those States that have not yet acceded to the 1954 Convention relating to "
        "the Status of Stateless Persons and the 1961 Convention on the Reduction of "
        "Statelessness to consider doing so. We call upon States to implement those instruments.",
    )
    a = analyse_provision(p, ctx(), gaz)
    second = a.statements[1]
    assert [c.id for c in second.cites] == [
        "1954-statelessness-convention",
        "1961-statelessness-convention",
    ]


def test_footnotes_identify_instruments_by_treaty_series_and_symbol(gaz):
    notes = {
        "1": "Resolution 70/1.",
        "7": "United Nations, Treaty Series, vol. 1577, No. 27531.",
        "8": "Ibid., vols. 2225, 2237 and 2241, No. 39574.",
    }
    c = ctx(footnotes=notes)
    agenda = analyse_provision(
        provision(
            "4",
            "In adopting the Agenda one year ago, we recognized the contribution of migrants.",
            calls=["1"],
        ),
        c,
        gaz,
    )
    treaties = analyse_provision(
        provision(
            "32",
            "We will comply with our obligations under the relevant conventions.",
            calls=["7", "8"],
        ),
        c,
        gaz,
    )
    assert [x.id for x in agenda.cites] == ["2030-agenda"]
    assert [x.id for x in treaties.cites] == [
        "crc",
        "untoc",
        "trafficking-protocol",
        "smuggling-protocol",
    ]


def test_self_reference_is_not_a_citation(gaz):
    a = analyse_provision(
        provision(
            "63",
            "We commit to implementing the present declaration and its annexes. Further details "
            "are set out in annex II to the present declaration.",
        ),
        ctx(),
        gaz,
    )
    assert a.cites == []
    # the draft's context names only the draft: the compact it drafts is the same text
    gcm = ctx(work_id="gcm-zero-draft", doc_kind="compact", self_ids=frozenset({"gcm-zero-draft"}))
    b = analyse_provision(
        provision(
            "46",
            "We invite the Global Forum on Migration and Development to contribute to the "
            "implementation of the Global Compact for Safe, Orderly and Regular Migration.",
        ),
        gcm,
        gaz,
    )
    assert b.cites == []
    annex = analyse_provision(
        provision(
            "I.17", "We commit to implementing the comprehensive refugee response framework."
        ),
        ctx(),
        gaz,
    )
    assert annex.cites == []  # annex I of A/RES/71/1 is part of the declaration itself


def test_unknown_convention_is_found_by_the_shape_of_its_name(gaz):
    a = analyse_provision(
        provision(
            "4",
            "We call upon States to accede to the Convention on the Protection of Coastal "
            "Fisherfolk.",
        ),
        ctx(),
        gaz,
    )
    assert a.cites == [
        EntityRef(
            "convention-on-the-protection-of-coastal-fisherfolk",
            "Convention on the Protection of Coastal Fisherfolk",
            "Convention",
            False,
        )
    ]


def test_national_act_is_found_with_its_year(gaz):
    a = analyse_provision(
        provision(
            "7", "We take note of the Inland Fisheries Protection Act, 2019 of one Member State."
        ),
        ctx(),
        gaz,
    )
    assert [(c.label, c.type, c.known) for c in a.cites] == [
        ("Inland Fisheries Protection Act, 2019", "NationalLaw", False)
    ]


def test_generic_law_is_not_an_instrument(gaz):
    a = analyse_provision(
        provision(
            "24",
            "We will implement border control procedures in conformity with international law, "
            "including international human rights law, and with national legislation.",
        ),
        ctx(),
        gaz,
    )
    assert a.cites == []


# ------------------------------------------------------------------------------ objectives
def test_sdg_target_named_in_text_is_an_objective(gaz):
    a = analyse_provision(
        provision("6", "We will work to achieve SDG 10.7 on orderly and safe migration."),
        ctx(),
        gaz,
    )
    assert a.statements[0].objectives == ["2030-agenda:10.7"]


def test_position_item_matches_the_objective_it_asks_for():
    objectives = {
        "gcm-zero-draft:9": "Strengthen the transnational response to smuggling of migrants",
        "gcm-zero-draft:20": "Promote faster, safer and cheaper transfer of remittances and "
        "foster financial inclusion of migrants",
    }
    assert match_objectives(
        "Reduce the cost of remittance transfers and widen financial inclusion", objectives
    ) == ["gcm-zero-draft:20"]
    assert match_objectives("Respect international norms", objectives) == []


# ------------------------------------------------------------------------------ end to end
def test_resolution_written_for_the_test_with_unknown_instruments_and_bodies(gaz):
    found, _ = segment(read_source(DATA / "fisheries-resolution.txt"))
    doc = structure(found[0])
    out = analyse_document(doc, context_for(doc, gaz), gaz)

    assert out["1"].modality == "recognition"
    assert [(c.label, c.type, c.known) for c in out["1"].cites] == [
        ("Convention on the Protection of Coastal Fisherfolk", "Convention", False),
        (
            "Optional Protocol to the Convention on the Protection of Coastal Fisherfolk",
            "Protocol",
            False,
        ),
    ]
    assert (out["2"].modality, labels(out["2"].bearers), out["2"].cites) == (
        "commitment",
        ["Member States"],
        [],
    )
    assert out["3"].modality == "intention"
    assert (out["4"].modality, labels(out["4"].bearers)) == (
        "encouragement",
        ["States not parties"],
    )
    fisheries_office = EntityRef(
        "regional-office-for-fisheries-cooperation",
        "Regional Office for Fisheries Cooperation",
        "UNOffice",
        False,
    )
    assert out["5"].bearers == [fisheries_office]
    assert out["5"].cites == []  # "the present declaration" is the text itself
    assert (out["6(a)"].modality, labels(out["6(a)"].bearers)) == ("commitment", ["coastal States"])
    assert out["6(a)"].partners == [fisheries_office]
    assert out["6(b)"].modality == "intention"
    assert [c.type for c in out["7"].cites] == ["NationalLaw"]


def test_appeal_naming_nobody_goes_to_states_unless_someone_is_named(gaz):
    alone = analyse_provision(
        provision("71", "We encourage the adoption of measures to facilitate civil registration."),
        ctx(),
        gaz,
    )
    assert labels(alone.bearers) == ["States"]
    assert alone.statements[0].bearers_implied
    mixed = analyse_provision(
        provision(
            "85",
            "We commit to putting those most affected at the centre of planning and action. "
            "We strongly encourage joint responses involving all such actors.",
        ),
        ctx(),
        gaz,
    )
    assert mixed.bearers == [MEMBER_STATES]


def test_actor_inside_a_prepositional_phrase_is_not_a_subject(gaz):
    a = analyse_provision(
        provision(
            "86",
            "It is clear, furthermore, that private sector investment in support of refugee "
            "communities and host countries will be of critical importance.",
        ),
        ctx(),
        gaz,
    )
    assert (a.modality, a.bearers) == ("recognition", [])


@pytest.mark.parametrize(
    "text",
    [
        "host States, " * 3000 + "would:",
        "We will, and we recognize and " * 2000,
        "Alpha Beta " * 3000 + "Convention on Gamma",
        "word " * 50000,
    ],
    ids=["role-groups", "coordinated-cues", "capitalized-run", "no-punctuation"],
)
def test_run_on_text_is_analysed_in_linear_time(gaz, text):
    """Regression: subject search, overlap checks and name patterns were quadratic (13 s and
    more on 40,000 characters)."""
    started = time.perf_counter()
    analyse_provision(provision("1", text), ctx(), gaz)
    assert time.perf_counter() - started < 5


def test_short_form_of_a_body_is_the_body_and_its_topic_is_no_citation(gaz):
    a = analyse_provision(
        provision(
            "II.10",
            "As the Third High-level Dialogue on International Migration and Development is to "
            "be held in New York no later than 2019, a role should be envisaged for the "
            "High-level Dialogue in the process.",
        ),
        ctx(),
        gaz,
    )
    assert [b.id for b in a.bearers] == ["hld-migration-development"]
    assert a.cites == []


def test_pronoun_addressee_is_the_body_just_named(gaz):
    a = analyse_provision(
        provision("55", "We welcome the work of IOM and encourage it to continue."), ctx(), gaz
    )
    assert labels(a.bearers) == ["IOM"]


def test_short_lowercase_phrase_is_not_an_instrument_name(gaz):
    a = analyse_provision(
        provision(
            "66",
            "We take note of regional refugee instruments, such as the Cartagena Declaration on "
            "Refugees. We will support a national diaspora policy.",
        ),
        ctx(),
        gaz,
    )
    assert [c.id for c in a.cites] == ["cartagena-declaration"]


def test_a_demand_of_the_security_council_binds_the_parties_it_names(gaz):
    council = EntityRef("security-council", "Security Council", "UNBody", True)
    p = provision(
        "1",
        "Demands that all parties to the conflict immediately cease hostilities and allow "
        "humanitarian access;",
    )
    a = analyse_provision(p, ctx(work_id="s-res-2790-2031", issuer=council, binding=True), gaz)
    assert (a.modality, labels(a.bearers)) == ("obligation", ["parties to armed conflict"])


def test_what_the_organ_decided_is_its_decision_only_in_a_decisions_text(gaz):
    assembly = EntityRef("general-assembly", "General Assembly", "PrincipalOrgan", True)
    text = (
        "At its 60th plenary meeting, on 20 December 2031, the General Assembly decided to "
        "include in the provisional agenda of its eighty-seventh session the item entitled "
        "“Lighthouse keeping”."
    )
    decision = analyse_provision(
        provision("body.p1", text), ctx(doc_kind="decision", issuer=assembly), gaz
    )
    assert (decision.modality, labels(decision.bearers)) == ("commitment", ["General Assembly"])
    # the same words in a report of a meeting record what happened
    report = analyse_provision(
        provision("3", text), ctx(doc_kind="parliamentary-report", issuer=None), gaz
    )
    assert report.modality == "recognition"
