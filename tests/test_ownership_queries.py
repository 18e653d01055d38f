"""The ownership queries of issue 13 answer in the UN's natural order (natural.py's key):
objectives by number, "2" before "19", a goal before its targets, "10.7" before "10.a"; the same
in SPARQL alone, so any store gives it (tests/test_publish_virtuoso.py runs them on Virtuoso).
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

import pytest

from pactgraph.natural import natural_key
from pactgraph.query import EmbeddedStore, load_library

LIBRARY = load_library(Path(__file__).resolve().parents[1] / "queries")
SDG = "https://w3id.org/pactgraph/work/2030-agenda"


@pytest.fixture(scope="module")
def real(real_build: Path) -> EmbeddedStore:
    return EmbeddedStore.from_build(real_build)


def rows(store: EmbeddedStore, name: str) -> list[dict[str, str]]:
    result = store.run(LIBRARY[name], {})
    return [{k: "" if v is None else str(v) for k, v in r.items()} for r in result.records()]


def test_objectives_without_owner_come_in_natural_order_within_each_work(real):
    answer = rows(real, "objectives-without-owner")
    for _, group in groupby(answer, key=lambda r: r["work"]):
        numbers = [r["number"] for r in group]
        assert numbers == sorted(numbers, key=natural_key), numbers
    sdg = [r["number"] for r in answer if r["work"] == SDG]
    assert sdg[:3] == ["5", "10", "10.7"]  # not "10.7" among the tens, not goal 10 last


def test_agency_objectives_come_in_natural_order_for_each_agency_and_kind(real):
    answer = rows(real, "agency-objectives")
    for _, group in groupby(answer, key=lambda r: (r["agencyLabel"], r["kind"])):
        numbers = [
            r["objectiveNumber"]
            for r in group
            if r["objective"].startswith("https://w3id.org/pactgraph/work/gcm/")
        ]
        assert numbers == sorted(numbers, key=natural_key), numbers


def test_natural_order_of_numbers_the_queries_sort_in_sparql(real, tmp_path):
    """The SPARQL sort key (length and text of the number before the dot, then whether what
    follows is empty, a number or a letter, then its length and text) agrees with natural.py
    on numbers of every kind the UN uses."""
    numbers = ["10.a", "8.10", "2", "19", "10", "10.7", "8.9", "10.c", "1", "8", "10.1"]
    values = " ".join(f'("{n}")' for n in numbers)
    query = f"""SELECT ?n WHERE {{ VALUES (?n) {{ {values} }}
      BIND(STRBEFORE(CONCAT(?n, "."), ".") AS ?major) BIND(STRAFTER(?n, ".") AS ?minor)
      BIND(STRLEN(?major) AS ?majorLength)
      BIND(IF(?minor = "", 0, IF(REGEX(?minor, "^[0-9]+$"), 1, 2)) AS ?minorKind)
      BIND(STRLEN(?minor) AS ?minorLength) }}
      ORDER BY ?majorLength ?major ?minorKind ?minorLength ?minor"""
    got = [str(r[0]) for r in real.run_text(query, name="order").rows]
    assert got == sorted(numbers, key=natural_key)
    for name in ("agency-objectives", "objectives-without-owner"):
        assert "?majorLength ?major ?minorKind ?minorLength ?minor" in LIBRARY[name].text
