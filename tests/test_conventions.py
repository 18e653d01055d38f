"""Commitments read by each organ's drafting conventions (issue 12), one convention a test.

Every text here was written for these tests in the style of its organ (a Security Council
resolution under Chapter VII, a Human Rights Council resolution, a treaty, General Assembly
operative paragraphs, a Secretary-General's report, a declaration, a compact's action list);
none is copied from a UN document.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pactgraph.extract import (
    AnalysisContext,
    EntityRef,
    ProvisionAnalysis,
    analyse_document,
    analyse_provision,
    context_for,
)
from pactgraph.extract.documents import situate
from pactgraph.gazetteer import Gazetteer
from pactgraph.model import Block, BlockKind, Provision, Section, Span
from pactgraph.read import read_source
from pactgraph.segment import segment
from pactgraph.structure import structure

DATA = Path(__file__).parent / "data" / "conventions"
GA = EntityRef("general-assembly", "General Assembly", "PrincipalOrgan", True)
MEMBER_STATES = EntityRef("member-states", "Member States", "StateGroup", True)
SG = EntityRef("secretary-general", "Secretary-General", "UNOfficial", True)
PARTIES = EntityRef("states-parties", "States parties", "StateGroup", True)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def read(name: str, gaz: Gazetteer) -> dict[str, ProvisionAnalysis]:
    found, _ = segment(read_source(DATA / name))
    doc = structure(found[0])
    return analyse_document(doc, context_for(doc, gaz), gaz)


def one(text: str, gaz: Gazetteer, **context) -> ProvisionAnalysis:
    base = {"work_id": "w", "doc_kind": "resolution", "issuer": GA, "we": MEMBER_STATES}
    c = AnalysisContext(**{**base, **context})
    return analyse_provision(Provision(ref="1", number="1", text=text, blocks=[]), c, gaz)


def said(a: ProvisionAnalysis) -> tuple[str, list[str]]:
    return a.modality, [b.label for b in a.bearers]


# ------------------------------------------------------------------------- Security Council
def test_security_council_decisions_under_chapter_vii_bind(gaz):
    out = read("sc-resolution-chapter-vii.txt", gaz)
    assert out["1"].statements[0].issuer.label == "Security Council"
    assert said(out["1"]) == ("obligation", ["States"])  # "Decides that all States shall"
    assert said(out["2"]) == ("obligation", ["Security Council"])  # "Decides to renew"
    # a decision whose clause names no actor is the organ's own, never bearer-less
    assert said(out["3"]) == ("obligation", ["Security Council"])
    assert said(out["4"]) == ("recognition", [])  # "Condemns"
    assert said(out["5"]) == ("encouragement", ["Secretary-General"])


def test_decisions_bind_only_where_the_organ_acts_under_chapter_vii(gaz):
    a = one("Decides to include in the provisional agenda of its ninetieth session the item.", gaz)
    assert said(a) == ("commitment", ["General Assembly"])


# ------------------------------------------------------------------------- Human Rights Council
def test_human_rights_council_asks_other_actors_and_they_bear_it(gaz):
    out = read("hrc-resolution.txt", gaz)
    assert out["1"].statements[0].issuer.label == "Human Rights Council"
    assert said(out["1"]) == ("recognition", [])  # "Welcomes"
    assert said(out["2"]) == ("encouragement", ["States"])  # "Calls upon States to"
    assert said(out["4"]) == ("encouragement", ["national human rights institutions"])
    assert said(out["6"]) == ("commitment", ["Human Rights Council"])  # "Decides to continue"


def test_lead_in_bearer_carries_to_its_sub_items(gaz):
    out = read("hrc-resolution.txt", gaz)
    # "Requests the Office of the High Commissioner: (a) To maintain ...; (b) To prepare ..."
    assert said(out["5(a)"]) == ("encouragement", ["OHCHR"])
    assert said(out["5(b)"]) == ("encouragement", ["OHCHR"])


# ------------------------------------------------------------------------- General Assembly
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Also requests the Secretary-General to submit to the General Assembly at its "
            "ninetieth session a report on the implementation of the present resolution;",
            ("encouragement", ["Secretary-General"]),
        ),
        ("Urges all States to ratify the relevant conventions;", ("encouragement", ["States"])),
        ("Invites donors to contribute to the trust fund;", ("encouragement", ["donors"])),
        # a State is asked through its Government; a mandate holder by its title
        (
            "Requests the Government of Chile to review its law on foreign workers;",
            ("encouragement", ["Chile"]),
        ),
        (
            "Requests the Independent Expert to report to the Council at its next session;",
            ("encouragement", ["Independent Expert"]),
        ),
        ("Welcomes the report of the Secretary-General;", ("recognition", [])),
        ("Notes with appreciation the work of the Special Rapporteur;", ("recognition", [])),
        ("Expresses its deep concern at the loss of life at sea;", ("recognition", [])),
        ("Recalling its resolution 88/120 of 18 December 2033,", ("recognition", [])),
        # a demand of an organ whose decisions do not bind is an appeal to those it names
        (
            "Demands that all States comply with their obligations under this resolution;",
            ("encouragement", ["States"]),
        ),
        # the organ decides, even where the decided clause names nothing that acts
        (
            "Decides that appropriate financial rules shall apply to the voluntary fund;",
            ("commitment", ["General Assembly"]),
        ),
    ],
)
def test_general_assembly_operative_verbs_have_the_organ_as_subject(gaz, text, expected):
    assert said(one(text, gaz)) == expected


def test_modality_is_the_strongest_cue_not_the_first(gaz):
    a = one(
        "We welcome the progress made and will strengthen cooperation on labour mobility.",
        gaz,
        doc_kind="declaration",
    )
    assert said(a) == ("commitment", ["Member States"])
    b = one(
        "Recalling the burden borne by host countries, we shall share responsibility for "
        "hosting refugees.",
        gaz,
        doc_kind="declaration",
    )
    assert said(b) == ("obligation", ["Member States"])


# ------------------------------------------------------------------------- treaties
def test_treaty_document_binds_its_parties(gaz):
    found, _ = segment(read_source(DATA / "treaty-articles.md"))
    doc = structure(found[0])
    c = situate(doc, context_for(doc, gaz), gaz)
    assert c.parties is not None and c.parties.id == "states-parties"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a prohibition is an obligation of the parties
        (
            "No Contracting State shall expel a seasonal worker lawfully in its territory save "
            "on grounds of national security.",
            ("obligation", ["States parties"]),
        ),
        (
            "Each State Party shall adopt such legislative measures as may be necessary.",
            ("obligation", ["States parties"]),
        ),
        # a passive "shall" names no one: the parties bear it
        (
            "Such measures shall be communicated to the depositary within one year.",
            ("obligation", ["States parties"]),
        ),
    ],
)
def test_treaty_shall_is_an_obligation_of_the_parties(gaz, text, expected):
    ctx = {"doc_kind": "treaty", "issuer": None, "we": None, "parties": PARTIES}
    assert said(one(text, gaz, **ctx)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "This Convention shall enter into force on the ninetieth day following the deposit of "
        "the tenth instrument of ratification.",
        'For the purposes of this Convention, "seasonal worker" shall mean a person employed in '
        "agriculture for part of a year.",
        "Nothing in this Convention shall affect the rights of States under international law.",
        "The Forum shall take place every two years, beginning in 2032.",
    ],
)
def test_constitutive_rule_is_recorded_not_obliged(gaz, text):
    ctx = {"doc_kind": "treaty", "issuer": None, "we": None, "parties": PARTIES}
    a = one(text, gaz, **ctx)
    assert said(a) == ("recognition", [])
    assert not a.is_commitment
    assert a.statements[0].constitutive


# ------------------------------------------------------------------------- reports
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I will convene an inter-agency task force on labour mobility.",
            ("commitment", ["Secretary-General"]),
        ),
        (
            "I urge Member States to extend social protection to seasonal workers.",
            ("encouragement", ["Member States"]),
        ),
        # the Secretary-General's opinion does not hide the recommendation it carries
        (
            "I believe that Member States should open more regular pathways for seasonal work.",
            ("encouragement", ["Member States"]),
        ),
        (
            "It is essential that policymakers consult seasonal workers' organizations.",
            ("encouragement", ["policymakers"]),
        ),
        (
            "I want to see a single point of contact for labour mobility in every country team.",
            ("intention", ["Secretary-General"]),
        ),
        # a passive subject is never the bearer: the report asks the Member States
        (
            "Migrants must be treated with dignity at every stage of their journey.",
            ("encouragement", ["Member States"]),
        ),
        # thanks, statistics, predictions and signposting are not commitments
        (
            "I wish to express my gratitude to the Member States and partners who contributed.",
            ("recognition", []),
        ),
        (
            "Latest figures suggest that 12 per cent of seasonal workers in the region are women.",
            ("recognition", []),
        ),
        (
            "Remittance costs will fall further as digital transfer services spread.",
            ("recognition", []),
        ),
        (
            "In section III of the present report, I set out the main trends in labour mobility.",
            ("recognition", []),
        ),
    ],
)
def test_report_voice_of_the_secretary_general(gaz, text, expected):
    assert said(one(text, gaz, doc_kind="report", issuer=SG, we=None)) == expected


# ------------------------------------------------------------------------- declarations
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what the speakers launch is the object of their act, not a bearer
        (
            "We hereby launch a Seasonal Mobility Facility to support the implementation of "
            "this declaration.",
            ("commitment", ["Member States"]),
        ),
        # those a provision protects do not bear it
        (
            "Migrants must be treated with dignity at every stage of their journey.",
            ("recognition", []),
        ),
        (
            "Refugees should have access to quality education in host communities.",
            ("recognition", []),
        ),
        # reported speech in a meeting summary
        (
            "The participants noted that States should strengthen cooperation on return.",
            ("recognition", []),
        ),
    ],
)
def test_declaration_bearers_are_those_who_act(gaz, text, expected):
    assert said(one(text, gaz, doc_kind="declaration")) == expected


# ------------------------------------------------------------------------- compacts
def test_action_list_under_an_objective_without_chapeau_binds_the_parties(gaz):
    block = Block(BlockKind.HEADING, 1, 1, Span(0, 0), "Objective 4: Fair recruitment")
    section = Section("objective-4", "Fair recruitment", "objective", block, number="4")
    lead = Provision(
        ref="20",
        number="20",
        text="Fair recruitment protects migrant workers from exploitation.",
        blocks=[],
        section=section,
    )
    items = [
        Provision(ref=f"20({n})", number=n, text=t, blocks=[], section=section, parent=lead)
        for n, t in [
            ("a", "Elaborate and implement national rules on the recruitment of migrant workers;"),
            ("b", "Review the fees charged by recruitment agencies;"),
            ("c", "The fees charged by agencies vary widely between corridors;"),
        ]
    ]
    lead.children = items
    c = AnalysisContext(
        work_id="compact", doc_kind="compact", issuer=GA, we=MEMBER_STATES, self_ids=frozenset()
    )
    memo: dict[str, ProvisionAnalysis] = {}
    got = [said(analyse_provision(p, c, gaz, _memo=memo)) for p in items]
    assert got == [
        ("commitment", ["Member States"]),
        ("commitment", ["Member States"]),
        ("recognition", []),
    ]


# ------------------------------------------------------------------------- any organ
def test_an_organ_no_gazetteer_lists_speaks_and_decides(gaz):
    out = read("assembly-of-a-programme.txt", gaz)
    organ = "Governing Assembly of the Wetlands Programme"
    assert out["1"].statements[0].issuer.label == organ
    assert said(out["1"]) == ("commitment", [organ])  # "Decides to establish ..."
    assert said(out["2"]) == ("encouragement", ["Executive Director"])


def test_preambular_paragraph_asks_nothing(gaz):
    preamble = Provision(
        ref="pp2",
        number="pp2",
        text="Calling upon member States to share data on coastal wetlands,",
        blocks=[],
        part="preambular",
    )
    c = AnalysisContext(work_id="w", doc_kind="resolution", issuer=GA, we=MEMBER_STATES)
    assert said(analyse_provision(preamble, c, gaz)) == ("recognition", [])


def test_compact_in_markdown_actions_are_the_parties_commitments(gaz):
    """'## Associated actions' under '# Objective n', items '- a. Elaborate ...', no chapeau."""
    out = read("compact-action-lists.md", gaz)
    actions = {k: a for k, a in out.items() if "(" in k}
    assert len(actions) == 5
    assert all(a.bearers and a.bearers[0].label == "Member States" for a in actions.values())
    assert [a.modality for a in actions.values()] == [
        "commitment",
        "commitment",
        "intention",  # "Consider joining ..."
        "commitment",
        "commitment",
    ]
    assert [a.objective.rsplit(":", 1)[-1] for a in actions.values()] == ["1", "1", "1", "2", "2"]
