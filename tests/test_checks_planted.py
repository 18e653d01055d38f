"""The checks (``queries/checks/*-violation.rq``) find what is planted in a good graph.

They are written as hash joins and ``MINUS`` for large stores (queries/README.md, "Plans that
scale"); these tests prove that each still reports the node that breaks its rule, once, and
nothing else: the seed fixture (which passes every check) with one triple taken away or added.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pactgraph.query import EmbeddedStore, load_library

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = load_library(ROOT / "queries")
SEED = Path(__file__).parent / "data" / "queries" / "seed.ttl"
B = "https://w3id.org/pactgraph/"
PREFIXES = (
    f"BASE <{B}> PREFIX pg: <https://w3id.org/pactgraph/ontology#> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX oa: <http://www.w3.org/ns/oa#> "
)
P14 = "work/a-res-71-1/provision/14"
P23 = "work/a-res-71-1/provision/23"
PASSAGE23 = "document/a-res-71-1/111111111111/provision/23"
SPAN = "source/aaaaaaaaaaaa/100-200"
STATEMENT23 = "work/a-res-71-1/provision/23/statement/1"

#: check, SPARQL update planting one violation, the first column of the one row it must give
PLANTED = [
    ("passage-without-document", f"DELETE WHERE {{ <{PASSAGE23}> pg:inDocument ?d }}", PASSAGE23),
    ("passage-without-document", f"DELETE WHERE {{ <{PASSAGE23}> pg:text ?t }}", PASSAGE23),
    ("provision-without-passage", f"DELETE WHERE {{ <{P23}> pg:hasPassage ?p }}", P23),
    ("span-incomplete", f"DELETE WHERE {{ <{SPAN}> oa:end ?e }}", SPAN),
    ("span-incomplete", f"DELETE WHERE {{ <{SPAN}> oa:hasSource ?s }}", SPAN),
    (
        "span-incomplete",
        f"DELETE WHERE {{ <{SPAN}> oa:end ?e }} ; INSERT DATA {{ <{SPAN}> oa:end 50 }}",
        SPAN,
    ),
    (
        "text-node-without-source-span",
        f"DELETE WHERE {{ <{PASSAGE23}> pg:sourceSpan ?s }}",
        PASSAGE23,
    ),
    ("work-level-node-without-label", f"DELETE WHERE {{ <{P14}> rdfs:label ?l }}", P14),
    (
        "statement-carrying-instrument",
        f"INSERT DATA {{ <{STATEMENT23}> pg:madeIn <work/gcm> }}",
        STATEMENT23,
    ),
    (
        "statement-carrying-instrument",
        f"DELETE WHERE {{ <{STATEMENT23}> pg:madeIn ?w }}",
        STATEMENT23,
    ),
    ("commitment-without-bearer", f"DELETE WHERE {{ <{STATEMENT23}> pg:bearer ?b }}", STATEMENT23),
]


def _planted(update: str) -> EmbeddedStore:
    store = EmbeddedStore.from_files(SEED)
    store.store.update(PREFIXES + update)
    return store


@pytest.mark.parametrize(("check", "update", "node"), PLANTED)
def test_each_check_reports_the_one_planted_violation(check, update, node):
    rows = _planted(update).run(LIBRARY[f"checks/{check}-violation"]).rows
    assert [str(row[0]) for row in rows] == [B + node]


def test_a_sub_item_backed_by_its_paragraphs_passage_is_not_reported():
    update = f'INSERT DATA {{ <{P14}/a> a pg:Provision ; pg:partOf <{P14}> ; rdfs:label "14(a)" }}'
    rows = _planted(update).run(LIBRARY["checks/provision-without-passage-violation"]).rows
    assert rows == []
    update += f" ; DELETE WHERE {{ <{P14}> pg:hasPassage ?p }}"
    rows = _planted(update).run(LIBRARY["checks/provision-without-passage-violation"]).rows
    assert sorted(str(row[0]) for row in rows) == [B + P14, B + P14 + "/a"]
