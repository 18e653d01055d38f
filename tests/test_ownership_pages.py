"""Issue 13's pages, served by the real ``pactgraph serve`` on the real build and read in
headless Chromium: an agency's page lists the objectives it owns by kind of ownership, in
natural order, with the provisions that witness each; the roles adopted texts give it; and the
version diff (what changed from the zero draft to the adopted Compact) has a page of its own
whose lines are those of ``pactgraph diff`` and of the ``version-changes`` query.
"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from pactgraph.namespaces import PG
from pactgraph.natural import natural_key
from pactgraph.query import EmbeddedStore
from pactgraph.versions import diff_in_store

pytestmark = [pytest.mark.server]
BASE = "https://w3id.org/pactgraph/"
DIFF = "work/gcm/changes-from/gcm-zero-draft"


def fetch(url: str, accept: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.read()


def objective_numbers(labels: list[str]) -> list[str]:
    return [re.match(r"(?:Objective |SDG \w+ )?([\w.]+)", label).group(1) for label in labels]


def test_the_diff_iri_answers_in_turtle_with_both_versions(site):
    status, body = fetch(site + DIFF, accept="text/turtle")
    assert status == 200
    graph = Graph().parse(data=body.decode("utf-8"), format="turtle")
    node = URIRef(BASE + DIFF)
    assert (node, PG.olderVersion, URIRef(BASE + "work/gcm-zero-draft")) in graph
    assert (node, PG.newerVersion, URIRef(BASE + "work/gcm")) in graph
    assert len(set(graph.subjects(PG.changeIn, node))) > 300


@pytest.mark.browser
def test_the_diff_page_lists_every_line_of_pactgraph_diff(site, page, real_build: Path):
    diff = diff_in_store(EmbeddedStore.from_build(real_build))
    page.goto(site + DIFF)
    assert page.errors == []
    objectives = page.locator("table.changes[data-item=objective] tbody tr")
    provisions = page.locator("table.changes[data-item=provision] tbody tr")
    assert objectives.count() == len(diff.objectives)
    assert provisions.count() == len(diff.provisions)
    # every line links its before and after items as pactgraph diff aligned them
    shown = set()
    for table in ("objective", "provision"):
        rows = page.locator(f"table.changes[data-item={table}] tbody tr")
        cells = rows.evaluate_all(
            """rows => rows.map(r => [...r.querySelectorAll('td')].map(td => {
                 const a = td.querySelector('a'); return a ? a.title : ''; }))"""
        )
        kinds = rows.locator("a.change").all_inner_texts()
        shown |= {(b, a, k) for (b, _, a), k in zip(cells, kinds, strict=True)}
    expected = {
        (c.old or "", c.new or "", ", ".join(c.status)) for c in diff.objectives + diff.provisions
    }
    assert shown == expected
    counts = page.locator("table.changes[data-item=objective]").locator("xpath=..")
    assert "1 added" in counts.locator("p.counts").first.inner_text()


@pytest.mark.browser
def test_the_diff_page_lists_objectives_by_number(site, page):
    page.goto(site + DIFF)
    after = page.locator("table.changes[data-item=objective] tbody tr td:nth-child(3) a")
    numbers = objective_numbers(after.all_inner_texts())
    assert numbers == [str(n) for n in range(1, 24)]


@pytest.mark.browser
def test_an_agency_page_lists_its_objectives_by_kind_in_number_order_with_evidence(site, page):
    page.goto(site + "actor/iom")
    assert page.errors == []
    kinds = page.locator("table.ownership-kind").evaluate_all("ts => ts.map(t => t.dataset.kind)")
    assert kinds[0] == "coordinates" and "custodian-for" in kinds
    coordinates = page.locator("table.ownership-kind[data-kind=coordinates] a.objective")
    labels = coordinates.all_inner_texts()
    assert objective_numbers(labels) == [str(n) for n in range(1, 24)]
    evidence = page.locator("table.ownership-kind[data-kind=coordinates] tr").first
    refs = evidence.locator("a.evidence").all_inner_texts()
    assert "GCM 45(a)" in refs and refs == sorted(refs, key=natural_key)
    # the evidence is a provision of the adopted Compact, and its page resolves
    href = evidence.locator("a.evidence", has_text="GCM 45(a)").get_attribute("href")
    status, body = fetch(site.rstrip("/") + href)
    assert status == 200 and b"coordinator and secretariat of the network" in body


@pytest.mark.browser
def test_unodc_is_custodian_for_objectives_9_and_10_only_on_its_page(site, page):
    page.goto(site + "actor/unodc")
    kinds = page.locator("table.ownership-kind").evaluate_all("ts => ts.map(t => t.dataset.kind)")
    assert kinds == ["custodian-for"]
    labels = page.locator("table.ownership-kind a.objective").all_inner_texts()
    assert objective_numbers(labels) == ["9", "10"]


@pytest.mark.browser
def test_unhcr_page_shows_the_lead_agency_role_adopted_texts_give_it(site, page):
    page.goto(site + "actor/unhcr")
    rows = page.locator("table.roles tbody tr").all_inner_texts()
    assert any("lead agency" in r and "Comprehensive Refugee Response Framework" in r for r in rows)


def test_a_state_page_has_no_ownership_section(site):
    status, body = fetch(site + "actor/ken")
    assert status == 200
    assert b"Objectives it owns" not in body and b'class="roles"' not in body
