"""``pactgraph serve`` for real: a server on 127.0.0.1 over the real build, fetched over HTTP.

Resources answer in every RDF format (parsed back with rdflib) and in HTML; the SPARQL endpoint
answers SPARQLWrapper, refuses updates, cuts long queries at the timeout with a clear 504, and a
burst of concurrent requests is served without errors. A second server on the hand-made seed
checks that a paragraph containing ``<script>`` shows as text.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, OWL, RDF, VOID

from pactgraph.namespaces import PG
from pactgraph.serve import LinkedDataServer, ServeConfig, ServeError, negotiate, serve_in_thread

pytestmark = pytest.mark.server

BASE = "https://w3id.org/pactgraph/"
TIMEOUT_S = 1
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def fetch(
    url: str, *, accept: str | None = None, method: str = "GET", data: bytes | None = None,
    content_type: str | None = None,
) -> tuple[int, str, bytes]:  # fmt: skip
    headers = {"Accept": accept} if accept else {}
    if content_type:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(url, headers=headers, method=method, data=data)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


@pytest.fixture(scope="module")
def server(real_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    config = ServeConfig(
        build=real_build,
        port=0,
        timeout_s=TIMEOUT_S,
        store_dir=tmp_path_factory.mktemp("serve") / "store",
    )
    app, _ = serve_in_thread(config)
    try:
        yield app.url
    finally:
        app.stop()


@pytest.fixture(scope="module")
def seed_app(
    seed_build: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LinkedDataServer]:
    """The seed with a one-triple inferred.ttl and a stand-in viz page."""
    build = tmp_path_factory.mktemp("seed-serve")
    shutil.copyfile(seed_build / "graph.ttl", build / "graph.ttl")
    (build / "inferred.ttl").write_text(
        f"<{BASE}actor/unodc> <{PG.supports}> <{BASE}work/gcm-zero-draft/objective/1> .\n"
    )
    (build / "viz").mkdir()
    (build / "viz" / "index.html").write_text("<!DOCTYPE html><title>viz</title><h1>Agencies</h1>")
    app, _ = serve_in_thread(ServeConfig(build=build, port=0, timeout_s=TIMEOUT_S))
    try:
        yield app
    finally:
        app.stop()


@pytest.fixture(scope="module")
def seed_server(seed_app: LinkedDataServer) -> str:
    return seed_app.url


# --- linked data -------------------------------------------------------------------------------

RESOURCES = [
    ("actor/unhcr", PG.FundOrProgramme),
    ("work/a-res-71-1", PG.Declaration),
    ("work/a-res-71-1/provision/88", PG.Provision),
    ("work/a-res-71-1/provision/88/statement/2", PG.Commitment),
    ("work/gcm-zero-draft/objective/9", PG.Objective),
]
FORMATS = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt"}


@pytest.mark.parametrize(("path", "rdf_type"), RESOURCES)
@pytest.mark.parametrize("media", sorted(FORMATS))
def test_every_minted_iri_dereferences_in_each_rdf_format(server, path, rdf_type, media):
    status, content_type, body = fetch(server + path, accept=media)
    assert status == 200 and content_type.startswith(media)
    graph = Graph().parse(data=body, format=FORMATS[media])
    iri = URIRef(BASE + path)
    assert (iri, RDF.type, rdf_type) in graph
    assert any(graph.triples((iri, None, None))) and any(graph.triples((None, None, iri)))


@pytest.mark.parametrize(
    ("suffix", "fmt"), [(".ttl", "turtle"), (".jsonld", "json-ld"), (".nt", "nt")]
)
def test_suffixes_choose_the_format_without_accept(server, suffix, fmt):
    status, _, body = fetch(server + "actor/unhcr" + suffix)
    assert status == 200
    graph = Graph().parse(data=body, format=fmt)
    assert (URIRef(BASE + "actor/unhcr"), PG.acronym, Literal("UNHCR")) in graph


def test_html_page_shows_label_types_text_source_and_links_both_ways(server):
    status, content_type, body = fetch(server + "work/a-res-71-1/provision/88", accept="text/html")
    html = body.decode()
    assert status == 200 and content_type.startswith("text/html")
    assert "<h1>A/RES/71/1 88</h1>" in html
    assert "request the Secretary-General" in html  # the source text
    assert 'href="/document/a-res-71-1/' in html  # the copies it comes from
    assert 'href="/work/a-res-71-1/provision/88/statement/' in html  # outgoing link
    assert "Referenced by" in html  # incoming links, titled by label with the IRI on hover
    assert f'title="{PG.passageOf}">' in html and "pg:passageOf" not in html
    assert "new-york-declaration.txt" in html


def test_browsers_get_html_and_unknown_types_get_406(server):
    browser_accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert fetch(server + "actor/unhcr", accept=browser_accept)[1].startswith("text/html")
    assert fetch(server + "actor/unhcr", accept="image/png")[0] == 406


def test_accept_header_negotiation_honours_quality():
    offered = ["text/html", "text/turtle", "application/ld+json"]
    assert negotiate("text/turtle;q=0.5, application/ld+json", offered) == "application/ld+json"
    assert negotiate("text/*;q=0.9, text/html;q=0.1", offered) == "text/turtle"
    assert negotiate(None, offered) == "text/html"
    assert negotiate("application/pdf", offered) is None


@pytest.mark.parametrize(
    "path",
    ["nope", "work/no-such-work", "actor/", "work/a-res-71-1/provision/99999", "static/../serve.py",
     "dumps/../graph.nt", "dumps/stats.json", "viz", "%2e%2e/etc/passwd", "ontology/whatever"],
)  # fmt: skip
def test_paths_outside_the_dataset_are_404(server, path):
    assert fetch(server + path, accept="text/html")[0] == 404


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "POST"])
def test_writes_to_resources_are_405(server, method):
    status, _, _ = fetch(
        server + "actor/unhcr", method=method, data=b"x", content_type="text/turtle"
    )
    assert status == 405


# --- landing page, dataset description, dumps, ontology ------------------------------------------


def test_landing_page_describes_the_dataset_with_counts_queries_and_dumps(server, real_build):
    status, _, body = fetch(server, accept="text/html")
    html = body.decode()
    assert status == 200
    triples = sum(1 for line in (real_build / "graph.nt").open() if line.strip())
    assert f"<dd>{triples:,}</dd>" in html
    assert 'href="/dumps/graph.nt"' in html and 'href="/sparql?query=' in html
    assert "Requests addressed to the Secretary-General" in html
    assert 'href="/actor/unhcr"' in html


def test_void_and_dcat_description_counts_triples_and_links_dumps(server, real_build):
    status, _, body = fetch(server + "dataset", accept="text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    dataset = URIRef(BASE + "dataset")
    assert status == 200 and (dataset, RDF.type, VOID.Dataset) in graph
    assert (dataset, RDF.type, DCAT.Dataset) in graph
    triples = sum(1 for line in (real_build / "graph.nt").open() if line.strip())
    assert int(graph.value(dataset, VOID.triples)) == triples
    dumps = {str(o) for o in graph.objects(dataset, VOID.dataDump)}
    assert BASE + "dumps/graph.nt" in dumps
    assert fetch(server, accept="text/turtle")[2] == body  # the root negotiates too
    endpoint = graph.value(dataset, VOID.sparqlEndpoint)
    assert str(endpoint) == BASE + "sparql"  # the public URL (default: the base), not the Host
    assert not any(isinstance(node, BNode) for node in graph.all_nodes())


def test_dumps_download_the_build_files_byte_for_byte(server, real_build):
    status, content_type, body = fetch(server + "dumps/graph.nt")
    assert status == 200 and content_type.startswith("application/n-triples")
    assert body == (real_build / "graph.nt").read_bytes()


def test_ontology_is_served_as_turtle_and_as_pylode_html(server):
    status, _, body = fetch(server + "ontology", accept="text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    assert status == 200 and (URIRef(str(PG)[:-1]), RDF.type, OWL.Ontology) in graph
    status, content_type, body = fetch(server + "ontology", accept="text/html")
    html = body.decode()
    assert status == 200 and content_type.startswith("text/html")
    assert "pactgraph ontology" in html and 'id="Commitment"' in html
    assert not re.search(r'<(?:script|link)[^>]+(?:src|href)="https?://', html)  # no CDN
    status, _, body = fetch(server + "ontology.jsonld")
    assert status == 200 and len(Graph().parse(data=body, format="json-ld")) == len(graph)


# --- the SPARQL endpoint -----------------------------------------------------------------------


def test_sparqlwrapper_runs_a_library_query_on_the_endpoint(server):
    from SPARQLWrapper import JSON, SPARQLWrapper

    # a quick query of the library: this server's timeout is 1 s (the timeout tests below)
    text = (Path(__file__).resolve().parents[1] / "queries" / "requests-to-un.rq").read_text()
    client = SPARQLWrapper(server + "sparql")
    client.setReturnFormat(JSON)
    client.setQuery(text)
    rows = client.queryAndConvert()["results"]["bindings"]
    assert BASE + "actor/secretary-general" in {r["entity"]["value"] for r in rows}


def test_library_runner_gives_the_same_answers_through_the_server(server, real_build):
    from pactgraph.endpoint import run_remote
    from pactgraph.query import EmbeddedStore, load_library

    library = load_library(Path(__file__).resolve().parents[1] / "queries")
    for name, values in [("requests-to-un", {}), ("search-provisions", {"phrase": "children"})]:
        remote = run_remote(server + "sparql", library[name], values)
        embedded = EmbeddedStore.from_build(real_build).run(library[name], values)
        assert remote.rows == embedded.rows and remote.rows


@pytest.mark.parametrize(
    ("method", "path", "data", "content_type"),
    [
        ("POST", "sparql", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update"),
        ("POST", "sparql", b"update=CLEAR+ALL", "application/x-www-form-urlencoded"),
        ("GET", "sparql?update=CLEAR%20ALL", None, None),
    ],
)
def test_updates_are_refused(server, method, path, data, content_type):
    status, _, body = fetch(server + path, method=method, data=data, content_type=content_type)
    assert status == 403 and b"read-only" in body
    ask = fetch(server + "sparql?query=" + urllib.parse.quote("ASK { <urn:a> ?p ?o }"),
                accept="application/sparql-results+json")  # fmt: skip
    assert json.loads(ask[2])["boolean"] is False


def test_federated_service_queries_are_refused(server):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/probe> { ?s ?p ?o } }"
    status, _, body = fetch(server + "sparql?query=" + urllib.parse.quote(query))
    assert status == 403 and b"SERVICE" in body
    harmless = 'SELECT ?s WHERE { ?s ?p "SERVICE" } LIMIT 1'  # the word in a literal is fine
    assert fetch(server + "sparql?query=" + urllib.parse.quote(harmless))[0] == 200


def test_sparqlwrapper_update_is_refused(server):
    from SPARQLWrapper import POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = SPARQLWrapper(server + "sparql", updateEndpoint=server + "sparql")
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises((urllib.error.HTTPError, SPARQLWrapperException)) as caught:
        client.query()
    assert getattr(caught.value, "code", 403) == 403


@pytest.mark.parametrize(
    "query",
    [
        SLOW_QUERY,  # Oxigraph usually cancels this one itself (200 + truncated body)
        "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?c",  # this one it does not
    ],
)
def test_a_long_query_is_cut_at_the_timeout_with_a_clear_error(server, query):
    started = time.monotonic()
    status, content_type, body = fetch(
        server + "sparql", method="POST", data=query.encode(),
        content_type="application/sparql-query", accept="application/sparql-results+json",
    )  # fmt: skip
    elapsed = time.monotonic() - started
    assert status == 504 and content_type.startswith("text/plain")
    assert b"timeout" in body and b"cancelled" in body
    assert elapsed < TIMEOUT_S + 5
    ask = fetch(server + "sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"),
                accept="application/sparql-results+json")  # fmt: skip
    assert ask[0] == 200 and json.loads(ask[2])["boolean"] is True  # the endpoint still answers


def test_a_browser_sees_query_answers_as_a_table(server):
    query = "SELECT ?a WHERE { ?a a <https://w3id.org/pactgraph/ontology#FundOrProgramme> }"
    status, content_type, body = fetch(
        server + "sparql?query=" + urllib.parse.quote(query), accept="text/html,*/*;q=0.8"
    )
    html = body.decode()
    assert status == 200 and content_type.startswith("text/html")
    assert '<a href="/actor/unhcr">actor/unhcr</a>' in html


def test_a_browser_sees_a_syntax_error_next_to_its_query(server):
    status, _, body = fetch(server + "sparql?query=SELEC%20%3Fx", accept="text/html")
    html = body.decode()
    assert status == 400 and 'role="alert"' in html and ">SELEC ?x</textarea>" in html


def test_a_burst_of_concurrent_requests_is_served_without_errors(server):
    paths = [
        ("", "text/html"),
        ("actor/unhcr", "text/html"),
        ("work/a-res-71-1/provision/88", "text/turtle"),
        ("work/gcm-zero-draft/objective/9", "application/ld+json"),
        (
            "sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"),
            "application/sparql-results+json",
        ),
    ]
    jobs = [paths[i % len(paths)] for i in range(50)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda job: fetch(server + job[0], accept=job[1])[0], jobs))
    assert statuses == [200] * 50


# --- the seed: escaping, base IRI, viz, the CLI ------------------------------------------------


def test_literal_text_is_escaped_in_html(seed_server):
    status, _, body = fetch(seed_server + "work/a-res-71-1/provision/14", accept="text/html")
    html = body.decode()
    assert status == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def test_viz_is_served_when_built(seed_server):
    status, _, body = fetch(seed_server + "viz")
    assert status == 200 and b"<h1>Agencies</h1>" in body
    assert b'href="/viz"' in fetch(seed_server, accept="text/html")[2]


def test_base_iri_equal_to_the_servers_own_address_resolves_too(seed_build, free_port, tmp_path):
    port = free_port()
    own = f"http://127.0.0.1:{port}/"
    seed = (seed_build / "graph.ttl").read_text()
    (tmp_path / "graph.ttl").write_text(seed.replace(f"@base <{BASE}>", f"@base <{own}>"))
    app, _ = serve_in_thread(ServeConfig(build=tmp_path, port=port, base=own, timeout_s=TIMEOUT_S))
    try:
        status, _, body = fetch(own + "actor/unhcr", accept="text/turtle")
        graph = Graph().parse(data=body, format="turtle")
        assert (
            status == 200 and (URIRef(own + "actor/unhcr"), PG.acronym, Literal("UNHCR")) in graph
        )
    finally:
        app.stop()


def test_a_base_iri_the_build_does_not_use_is_refused(seed_build):
    with pytest.raises(Exception, match="--base-iri"):
        LinkedDataServer(ServeConfig(build=seed_build, port=0, base="https://example.org/other/"))


def test_pactgraph_serve_command_serves_until_stopped(seed_build, free_port, tmp_path):
    build = tmp_path / "b"
    shutil.copytree(seed_build, build)
    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "pactgraph"), "serve", "--port", str(port),
         "--build", str(build), "--timeout", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                status, _, body = fetch(f"http://127.0.0.1:{port}/actor/unhcr", accept="text/html")
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail(process.stderr.read().decode() if process.stderr else "no start")
                time.sleep(0.1)
        assert status == 200 and b"<h1>UNHCR</h1>" in body
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert fetch_refused(port)


def fetch_refused(port: int) -> bool:
    try:
        fetch(f"http://127.0.0.1:{port}/")
    except OSError:
        return True
    return False


def sparql_json(url: str, query: str) -> dict:
    status, _, body = fetch(
        url + "sparql?query=" + urllib.parse.quote(query), accept="application/sparql-results+json"
    )
    assert status == 200, body
    return json.loads(body)


def test_inferred_triples_are_served_in_their_own_graph_and_in_the_union(seed_server):
    supports = f"<{BASE}actor/unodc> <{PG.supports}> <{BASE}work/gcm-zero-draft/objective/1>"
    assert sparql_json(seed_server, f"ASK {{ {supports} }}")["boolean"] is True
    in_graph = f"ASK {{ GRAPH <{BASE}dataset/inferred> {{ {supports} }} }}"
    assert sparql_json(seed_server, in_graph)["boolean"] is True
    html = fetch(seed_server, accept="text/html")[2].decode()
    assert re.search(r"<dt>Inferred triples</dt><dd>1</dd>", html)


def test_the_endpoint_without_a_query_offers_a_form(seed_server):
    status, _, body = fetch(seed_server + "sparql", accept="text/html")
    assert status == 200 and b'<textarea id="query" name="query"' in body


def test_a_dead_sparql_worker_is_replaced(seed_app):
    for worker in list(seed_app.pool._all):
        worker.process.kill()
    deadline = time.monotonic() + 30
    answers = []
    while time.monotonic() < deadline:
        status, _, _ = fetch(seed_app.url + "sparql?query=" + urllib.parse.quote("ASK {} # dead"),
                                accept="application/sparql-results+json")  # fmt: skip
        answers.append(status)
        if status == 200:
            break
        time.sleep(0.2)
    assert answers[-1] == 200 and set(answers) <= {200, 503}


def test_a_port_in_use_is_one_clear_error(seed_build, tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        app = LinkedDataServer(
            ServeConfig(build=seed_build, port=port, store_dir=tmp_path / "store")
        )
        with pytest.raises(ServeError, match=f"cannot listen on 127.0.0.1:{port}"):
            app.start()
    assert not app.pool._all  # no SPARQL worker was started


# --- answers kept per build --------------------------------------------------------------------


def _ask(url: str, query: str) -> tuple[int, bytes]:
    status, _, body = fetch(
        url + "sparql?query=" + urllib.parse.quote(query), accept="application/sparql-results+json"
    )
    return status, body


def test_identical_queries_are_computed_once_per_build_and_answered_alike(seed_app):
    query = f"SELECT ?a WHERE {{ ?a a <{PG.FundOrProgramme}> }} ORDER BY ?a # once"
    hits, misses = seed_app.results.hits, seed_app.results.misses
    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(lambda _: _ask(seed_app.url, query), range(10)))
    assert {status for status, _ in answers} == {200}
    assert len({body for _, body in answers}) == 1
    assert f"{BASE}actor/unhcr".encode() in answers[0][1]
    assert seed_app.results.misses == misses + 1 and seed_app.results.hits == hits + 9


def test_failed_answers_are_not_kept(seed_app):
    misses = seed_app.results.misses
    assert _ask(seed_app.url, "SELECT ?x WHERE { ?x } # broken")[0] == 400
    assert _ask(seed_app.url, "SELECT ?x WHERE { ?x } # broken")[0] == 400
    assert seed_app.results.misses == misses + 2


def test_another_build_never_gets_the_answers_kept_for_this_one(seed_app):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } # per build"
    assert _ask(seed_app.url, query)[0] == 200
    stamp, misses = seed_app.build_stamp, seed_app.results.misses
    try:
        seed_app.build_stamp = "another build"
        assert _ask(seed_app.url, query)[0] == 200
        assert seed_app.results.misses == misses + 1
    finally:
        seed_app.build_stamp = stamp


def test_without_a_result_cache_every_query_goes_to_the_engine(seed_build, tmp_path):
    app, _ = serve_in_thread(
        ServeConfig(
            build=seed_build, port=0, timeout_s=5, store_dir=tmp_path / "s", result_cache_bytes=0
        )
    )
    try:
        for _ in range(3):
            assert _ask(app.url, "ASK { ?s ?p ?o }")[0] == 200
        assert app.results.hits == app.results.misses == 0
    finally:
        app.stop()
