"""The queries rewritten for large builds answer as the forms they replaced, on a planted graph.

Each rewrite changes only the plan Oxigraph makes (queries/README.md, "Plans that scale"): the
ownership witnesses found from one set of statements instead of three, a provision hash-joined
instead of looked up per commitment, a sort on keys the query computes. The replaced forms are
kept in ``tests/data/queries/before-rewrite/``; ``planted-rewrites.ttl`` holds the cases where
the two could part: a work adopted under two classes, a work not adopted, a position that is
also typed a commitment, a State as bearer, a statement that is no commitment, a witness
through an inverse property, a commitment without a provision, and work labels that are
prefixes of one another, differ in case, tie or are missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pactgraph.query import EmbeddedStore, load_library

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "queries"
LIBRARY = load_library(ROOT / "queries")
BEFORE = load_library(DATA / "before-rewrite")
BASE = "https://w3id.org/pactgraph/"
PG = "https://w3id.org/pactgraph/ontology#"
REWRITTEN = [
    "agency-objectives",
    "commitments-by-modality",
    "commitments-concerning",
    "objectives-without-owner",
]


@pytest.fixture(scope="module")
def planted() -> EmbeddedStore:
    return EmbeddedStore.from_files(DATA / "planted-rewrites.ttl")


def cells(store: EmbeddedStore, query) -> tuple[list[str], list[tuple[str, ...]]]:
    """The columns, and the rows as text in the order given, each GROUP_CONCAT's parts sorted."""
    result = store.run(query, {})
    rows = [
        tuple("" if v is None else " | ".join(sorted(str(v).split(" | "))) for v in row)
        for row in result.rows
    ]
    return result.columns, rows


def records(store: EmbeddedStore, name: str, **values: str) -> list[dict[str, str]]:
    result = store.run(LIBRARY[name], values)
    return [{k: "" if v is None else str(v) for k, v in r.items()} for r in result.records()]


@pytest.mark.parametrize("name", REWRITTEN)
def test_a_query_rewritten_for_large_builds_answers_as_before_on_the_planted_graph(planted, name):
    assert name in BEFORE, f"{name}: the replaced form is not kept"
    before, after = cells(planted, BEFORE[name]), cells(planted, LIBRARY[name])
    assert after == before  # the same columns and rows, in the same order
    assert after[1], f"{name}: no rows on the planted graph, nothing compared"


def test_agency_objectives_keeps_only_commitments_of_adopted_works_and_un_agencies(planted):
    rows = {
        (r["agencyLabel"], r["objectiveNumber"], r["kind"], r["provisions"])
        for r in records(planted, "agency-objectives")
    }
    assert rows == {
        ("UNODC", "1", "lead", "1"),
        ("IOM", "1", "support", "1"),
        ("UNODC", "1", "custodian-for", "1"),
        ("UNODC", "10.a", "lead", "1"),
    }


def test_objectives_without_owner_are_those_no_agency_witness_reaches(planted):
    rows = records(planted, "objectives-without-owner")
    assert [r["number"] for r in rows] == ["2", "3", "10"]
    statements = {r["number"]: int(r["statements"]) for r in rows}
    assert statements == {"2": 1, "3": 1, "10": 2}


def test_commitments_by_modality_sorts_work_labels_as_the_stored_labels_sort(planted):
    """The sort keys are computed strings, held in memory, not looked up in the store's string
    table at each comparison; they must order as the labels and IRIs themselves do: a work
    without a label first, "Migration" (twice: by IRI) before "Migration and development"
    before "migration", and within a work the stronger modality first."""
    rows = [
        (r["work"].removeprefix(BASE), r["modality"].removeprefix(PG))
        for r in records(planted, "commitments-by-modality")
    ]
    assert rows == [
        ("work/e", "commitmentModality"),
        ("work/a", "obligation"),
        ("work/a", "commitmentModality"),
        ("work/a", "recognition"),
        ("work/d", "obligation"),
        ("work/d", "recognition"),
        ("work/b", "obligation"),
        ("work/c", "obligation"),
    ]


def test_commitments_concerning_needs_the_provision_and_the_phrase(planted):
    found = {
        r["commitment"].removeprefix(BASE)
        for r in records(planted, "commitments-concerning", group="CHILDREN")
    }
    # the loose commitment has no provision, work b's none either; the position and Kenya's
    # commitment mention children and have their provision
    assert found == {
        "work/a/provision/1/statement/1",
        "work/a/provision/2/statement/1",
        "work/a/provision/2/statement/2",
    }
