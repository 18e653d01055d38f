"""Explicit roles (pactgraph.roles): who the text makes coordinator, secretariat, reporter, fund,
reviewer or mandate holder, over what, in which provision; States never get a role.

The resolution in ``tests/data/roles/`` was written for the test in the General Assembly's style
(its number and session are invented).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pactgraph.gazetteer import Gazetteer
from pactgraph.link import link_work
from pactgraph.read import read_source
from pactgraph.roles import RoleFinding, find_roles
from pactgraph.segment import segment
from pactgraph.structure import structure

DATA = Path(__file__).parent / "data" / "roles"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def roles(gaz: Gazetteer) -> list[RoleFinding]:
    source = read_source(DATA / "resolution.txt")
    docs = [structure(d) for d in segment(source)[0]]
    work = link_work("a-res-88-12", docs, gaz=gaz)
    return find_roles(work, gaz)


def by_ref(roles: list[RoleFinding]) -> dict[str, set[tuple[str, str, tuple[str, str]]]]:
    out: dict[str, set[tuple[str, str, tuple[str, str]]]] = {}
    for r in roles:
        out.setdefault(r.ref, set()).add((r.holder, r.kind, r.over))
    return out


def test_a_body_established_for_system_wide_support_supports_the_instrument_it_names(roles):
    assert by_ref(roles)["1"] == {
        ("un-network-on-migration", "systemWideSupportRole", ("work", "gcm"))
    }


def test_coordinator_and_secretariat_of_the_network_is_two_roles_over_the_network(roles):
    assert by_ref(roles)["2(a)"] == {
        ("ilo", "coordinatorRole", ("actor", "un-network-on-migration")),
        ("ilo", "secretariatRole", ("actor", "un-network-on-migration")),
    }


def test_a_request_to_report_goes_to_the_first_entity_named_not_to_whom_it_draws_on(roles):
    assert by_ref(roles)["3"] == {("secretary-general", "reportingRole", ("work", "gcm"))}


def test_an_invitation_to_a_un_entity_is_a_mandate_over_the_carrying_resolution(roles):
    assert by_ref(roles)["4"] == {("unicef", "mandateRole", ("work", "a-res-88-12"))}


def test_states_are_given_no_role_and_a_note_is_no_role(roles):
    refs = by_ref(roles)
    assert "5" not in refs and "2(b)" not in refs


def test_each_role_keeps_the_sentence_that_assigns_it(roles):
    for r in roles:
        assert r.sentence and r.cue
    coordinator = next(r for r in roles if r.kind == "coordinatorRole")
    assert "coordinator and secretariat of the network" in coordinator.sentence
