"""The pages an analyst and a linked-data publisher read (issue 17, "Pages and linked data").

In headless Chromium (Playwright) on the real build: the home page separates the works read from
the instruments only cited and groups actors by kind with thousands separators; resource pages
title rows with labels (the IRI on hover), never repeat the label, list references in natural
order, say "lines 172–180 of <file>" and highlight a commitment's sentence in its paragraph; the
SPARQL form carries the prefixes and the library's examples. Over HTTP: the service description
on an RDF Accept at /sparql, RDF/XML, compacted JSON-LD with the published context, VoID's
license and publisher, the ontology page's link home and its versionIRI.
"""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF

from pactgraph.natural import natural_key

pytestmark = [pytest.mark.server]
BASE = "https://w3id.org/pactgraph/"


def fetch(url: str, accept: str | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read()


@pytest.mark.browser
def test_home_separates_works_read_from_instruments_cited_and_groups_actors(site, page):
    page.goto(site)
    read = page.locator("#parsed-works li").all_inner_texts()
    cited = page.locator("#cited-instruments li").all_inner_texts()
    assert read and cited and not set(read) & set(cited)
    assert any("A/RES/71/1" in w or "New York Declaration" in w for w in read)
    assert not any("Convention relating to the Status of Refugees" in w for w in read)
    groups = page.locator("section[aria-labelledby=actors] h3").all_inner_texts()
    assert [g.split(" (")[0] for g in groups][:2] == ["States", "UN entities"]
    facts = page.locator("dl.facts").inner_text()
    assert re.search(r"Triples\s+\d{1,3}(,\d{3})+", facts)


@pytest.mark.browser
def test_resource_rows_have_labels_with_the_iri_on_hover_and_no_repeated_label(site, page):
    page.goto(site + "actor/unhcr")
    headers = page.locator("table.properties th a")
    titles = headers.evaluate_all("els => els.map(e => [e.textContent, e.title])")
    assert all(not text.startswith(("pg:", "rdfs:", "skos:")) for text, _ in titles)
    assert all(title.startswith("http") for _, title in titles)
    body = page.locator("table.properties").first.inner_text()
    assert body.count("UNHCR\n") + body.count("UNHCR\t") <= 1  # the h1 says it once


@pytest.mark.browser
def test_references_are_listed_in_natural_order(site, page):
    page.goto(site + "work/a-res-71-1")
    rows = page.locator("table.properties").nth(1).locator("tr")
    for i in range(rows.count()):
        labels = rows.nth(i).locator("td li a").all_inner_texts()
        if len(labels) > 20:
            assert labels == sorted(labels, key=natural_key)
            return
    pytest.fail("no long list of provisions on the work's page")


@pytest.mark.browser
def test_a_commitment_page_highlights_its_sentence_in_lines_of_a_file(site, page):
    page.goto(site + "work/a-res-71-1/provision/88/statement/2")
    sentence = page.locator("blockquote.source-text mark").first.inner_text()
    assert sentence and sentence in page.locator("section[aria-labelledby=text]").inner_text()
    where = page.locator(".source-lines").first.inner_text()
    assert re.fullmatch(r"lines? \d+(–\d+)? of \S+\.txt", where), where
    assert "source/" not in page.locator("table.properties").first.inner_text()


@pytest.mark.browser
def test_the_sparql_form_has_prefixes_and_library_examples(site, page):
    page.goto(site + "sparql")
    assert (
        "PREFIX pg: <https://w3id.org/pactgraph/ontology#>" in page.locator("#query").input_value()
    )
    page.locator("details.examples summary").click()
    example = page.locator("details.examples a").first
    example.click()
    page.wait_for_selector("table.results, p.boolean")


def test_an_rdf_accept_on_sparql_gives_the_service_description(site):
    status, content_type, body = fetch(site + "sparql", accept="text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert status == 200 and content_type.startswith("text/turtle")
    assert (URIRef(BASE + "sparql"), RDF.type, URIRef(sd + "Service")) in graph


def test_rdf_xml_and_compacted_json_ld(site):
    status, content_type, body = fetch(site + "actor/unhcr", accept="application/rdf+xml")
    assert status == 200 and content_type.startswith("application/rdf+xml")
    assert (URIRef(BASE + "actor/unhcr"), None, None) in Graph().parse(data=body, format="xml")
    _, _, body = fetch(site + "actor/unhcr", accept="application/ld+json")
    document = json.loads(body)
    context = json.loads(fetch(site + "context.jsonld")[2])["@context"]
    assert document["@context"] == context  # the published context, written inline
    assert any("acronym" in node for node in document["@graph"])  # terms, not full IRIs
    assert len(Graph().parse(data=body, format="json-ld")) > 5


def test_void_has_a_license_and_a_publisher(site):
    _, _, body = fetch(site + "dataset", accept="text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    dataset = URIRef(BASE + "dataset")
    assert graph.value(dataset, DCTERMS.license) is not None
    assert graph.value(dataset, DCTERMS.publisher) is not None


def test_the_ontology_page_links_home_and_its_version_iri_resolves(site):
    _, _, html = fetch(site + "ontology", accept="text/html")
    assert b'<a href="/">' in html
    _, _, ttl = fetch(site + "ontology", accept="text/turtle")
    ontology = Graph().parse(data=ttl, format="turtle")
    version = ontology.value(URIRef(BASE + "ontology"), OWL.versionIRI)
    assert version is not None and str(version).startswith(BASE)
    status, _, body = fetch(site + str(version)[len(BASE) :], accept="text/turtle")
    assert status == 200 and len(Graph().parse(data=body, format="turtle")) == len(ontology)
