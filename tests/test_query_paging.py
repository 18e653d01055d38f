"""Answers a page at a time, and a parameter that narrows the query from its first step.

Paging (``pactgraph query --limit/--offset/--all``, :func:`pactgraph.query.paged_text`): every
row of the whole answer comes once across the pages, in one order that a second run repeats.
``objective-owners`` starts from the statements that serve its objective (queries/README.md,
"Plans that scale": a parameter): the planted cases prove that its tests (a commitment, of an
adopted instrument, not a position) still hold statement by statement.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pactgraph.cli import app
from pactgraph.query import EmbeddedStore, Page, load_library, paged_text, projected_variables

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = load_library(ROOT / "queries")
B = "https://w3id.org/pactgraph/"


@pytest.fixture(scope="module")
def real(real_build: Path) -> EmbeddedStore:
    return EmbeddedStore.from_build(real_build)


@pytest.mark.parametrize("name", ["agency-roles", "requests-to-un", "commitments-by-modality"])
def test_pages_give_every_row_once_in_an_order_a_second_run_repeats(real, name):
    whole = real.run(LIBRARY[name]).rows
    assert len(whole) > 7
    pages, offset = [], 0
    while True:
        page = real.run(LIBRARY[name], page=Page(size=7, offset=offset))
        pages.append(page.rows)
        offset += 7
        if not page.more:
            break
    rows = [row for page in pages for row in page]
    assert Counter(rows) == Counter(whole)
    assert all(len(page) == 7 for page in pages[:-1]) and 1 <= len(pages[-1]) <= 7
    again = [real.run(LIBRARY[name], page=Page(size=7, offset=o)).rows for o in (0, 7)]
    assert again == pages[:2]


def test_a_page_orders_by_the_query_then_by_every_projected_variable():
    text = "SELECT ?b ?a (COUNT(?c) AS ?n) WHERE { ?a ?b ?c } GROUP BY ?a ?b ORDER BY ?a"
    paged = paged_text(text, Page(size=10, offset=20))
    assert paged is not None
    assert paged.split("ORDER BY ?a", 1)[1].split() == ["?b", "LIMIT", "11", "OFFSET", "20"]
    unordered = paged_text("SELECT ?a ?b WHERE { ?a ?b 1 }", Page(size=5))
    assert unordered is not None and "ORDER BY ?a ?b" in unordered
    assert projected_variables("SELECT * WHERE { ?a ?b ?c }") is None


def test_a_query_with_its_own_limit_or_not_a_select_is_answered_whole():
    assert paged_text("SELECT ?a WHERE { ?a ?b ?c } LIMIT 3", Page()) is None
    assert paged_text("ASK { ?a ?b ?c }", Page()) is None


def test_cli_shows_a_page_and_says_how_to_get_the_next_and_all(real_build):
    runner = CliRunner()
    args = ["query", "requests-to-un", "--graph", str(real_build), "-f", "csv"]
    whole = runner.invoke(app, [*args, "--all"])
    first = runner.invoke(app, [*args, "--limit", "5"])
    second = runner.invoke(app, [*args, "--limit", "5", "--offset", "5"])
    assert whole.exit_code == first.exit_code == second.exit_code == 0
    whole_rows = whole.stdout.splitlines()[1:]
    assert first.stdout.splitlines()[1:] == whole_rows[:5] or len(first.stdout.splitlines()) == 6
    assert "rows 1–5" in first.stderr and "--offset 5" in first.stderr
    assert "rows 6–10" in second.stderr
    assert set(first.stdout.splitlines()[1:]).isdisjoint(second.stdout.splitlines()[1:])
    assert set(first.stdout.splitlines()[1:]) <= set(whole_rows)
    assert whole.stderr == ""  # every row: nothing to page


OBJECTIVE = B + "work/gcm/objective/9"
#: a commitment of the adopted Compact serving objective 9 (listed), then the same but a position,
#: of a draft (not adopted), a mere statement, or serving another objective (none listed)
PLANTED = {
    "listed": ("pg:Commitment", "work/gcm", OBJECTIVE),
    "position": ("pg:Commitment, pg:Position", "work/gcm", OBJECTIVE),
    "draft": ("pg:Commitment", "work/gcm-zero-draft", OBJECTIVE),
    "statement": ("pg:Statement", "work/gcm", OBJECTIVE),
    "other": ("pg:Commitment", "work/gcm", B + "work/gcm/objective/10"),
}


def test_objective_owners_tests_each_statement_of_its_objective(real_build):
    store = EmbeddedStore.from_build(real_build)
    inserts = []
    for key, (classes, work, objective) in PLANTED.items():
        statement = f"<{B}work/gcm/provision/planted-{key}/statement/1>"
        inserts.append(
            f"{statement} a {classes} ; pg:madeIn <{B}{work}> ; pg:contributesTo <{objective}> ;"
            f" pg:bearer <{B}actor/unhcr> ; pg:statementOf <{B}work/gcm/provision/planted-{key}> ."
        )
    store.store.update(
        "PREFIX pg: <https://w3id.org/pactgraph/ontology#> INSERT DATA { "
        + " ".join(inserts)
        + " }"
    )
    rows = store.run(LIBRARY["objective-owners"]).records()
    planted = {
        str(r["provision"]).rsplit("planted-", 1)[1]
        for r in rows
        if "planted-" in str(r["provision"])
    }
    assert planted == {"listed"}
    listed = [r for r in rows if str(r["provision"]).endswith("planted-listed")]
    assert [(str(r["agency"]), str(r["kind"])) for r in listed] == [(B + "actor/unhcr", "lead")]


def test_paging_stands_alone_without_the_query_module():
    """paging.py names QueryResult only for type checking: importing it first, in a fresh
    interpreter, needs no query.py (which imports paging.py), and a bad page is a QueryError."""
    code = (
        "import sys, pactgraph.paging as p\n"
        "assert 'pactgraph.query' not in sys.modules\n"
        "from pactgraph.errors import QueryError\n"
        "try:\n    p.Page(size=0)\nexcept QueryError:\n    print('refused')\n"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == "refused"
