"""``pactgraph publish`` against a real ``oxigraph serve`` started on 127.0.0.1 by the test.

The build goes in with Graph Store Protocol PUTs (asserted triples in ``<base>dataset``, the
reasoner's in ``<base>dataset/inferred``); publishing twice leaves the same triples; the library
queries then give the same answers through SPARQLWrapper as embedded.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pactgraph.endpoint import run_remote
from pactgraph.publish import PublishError, publish, target_url
from pactgraph.query import EmbeddedStore, load_library

pytestmark = pytest.mark.server

BASE = "https://w3id.org/pactgraph/"
DATASET = BASE + "dataset"
INFERRED = DATASET + "/inferred"
LIBRARY = load_library(Path(__file__).resolve().parents[1] / "queries")
OXIGRAPH = str(Path(sys.executable).parent / "oxigraph")


@pytest.fixture(scope="module")
def store_url(free_port) -> Iterator[str]:
    """An in-memory ``oxigraph serve`` on a free port, stopped after the module."""
    port = free_port()
    process = subprocess.Popen(
        [OXIGRAPH, "serve", "-b", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("oxigraph serve did not start")
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def graph_sizes(store_url: str) -> dict[str, int]:
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(store_url + "/query")
    client.setReturnFormat(JSON)
    client.setQuery("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    bindings = client.queryAndConvert()["results"]["bindings"]
    return {b["g"]["value"]: int(b["n"]["value"]) for b in bindings}


def nt_lines(path: Path) -> int:
    return sum(1 for line in path.read_text().splitlines() if line.strip())


def test_publish_puts_asserted_and_inferred_graphs_and_is_idempotent(
    store_url, build_with_inferred
):
    first = publish(store_url + "/store", build_with_inferred)
    assert [u.graph for u in first.uploads] == [DATASET, INFERRED]
    after_first = graph_sizes(store_url)
    assert after_first == {DATASET: nt_lines(build_with_inferred / "graph.nt"), INFERRED: 2}
    again = publish(store_url + "/store", build_with_inferred)
    assert all(u.status in (200, 201, 204) for u in again.uploads)
    assert graph_sizes(store_url) == after_first


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("objective-owners", {}),
        ("requests-to-un", {}),
        ("commitments-concerning", {"group": "women"}),
        ("search-provisions", {"phrase": 'Protocol against the "Smuggling'}),
        ("search-provisions", {"phrase": "smuggling of migrants"}),
    ],
)
def test_library_queries_answer_the_same_remote_and_embedded(
    store_url, build_with_inferred, name, values
):
    publish(store_url + "/store", build_with_inferred)
    remote = run_remote(
        store_url + "/query", LIBRARY[name], values, default_graphs=[DATASET, INFERRED]
    )
    embedded = EmbeddedStore.from_build(build_with_inferred).run(LIBRARY[name], values)
    assert remote.columns == embedded.columns
    # GROUP_CONCAT's order is unspecified in SPARQL 1.1 (and follows the store's layout, which a
    # MOVE between graphs changes): compare concatenated lists as sets
    assert _concat_as_sets(remote.rows) == _concat_as_sets(embedded.rows)


def _concat_as_sets(rows: list[tuple]) -> list[tuple]:
    return [
        tuple(frozenset(str(v).split("; ")) if v is not None and "; " in str(v) else v for v in row)
        for row in rows
    ]


def test_publish_into_a_named_graph_of_ones_choice(store_url, build_with_inferred, tmp_path):
    only_asserted = tmp_path / "b"
    only_asserted.mkdir()
    shutil.copyfile(build_with_inferred / "graph.nt", only_asserted / "graph.nt")
    report = publish(store_url + "/store", only_asserted, graph="urn:example:pactgraph")
    assert [u.graph for u in report.uploads] == ["urn:example:pactgraph"]
    assert graph_sizes(store_url)["urn:example:pactgraph"] == nt_lines(only_asserted / "graph.nt")


def test_target_urls_address_the_default_or_a_named_graph():
    assert target_url("http://h:1/store", "default") == "http://h:1/store?default"
    assert (
        target_url("http://h:1/ds/data?x=1", "https://w3id.org/pactgraph/dataset")
        == "http://h:1/ds/data?x=1&graph=https%3A%2F%2Fw3id.org%2Fpactgraph%2Fdataset"
    )
    with pytest.raises(PublishError, match="http"):
        target_url("ftp://h/store", "default")


def test_a_store_that_refuses_the_upload_is_one_clear_error(store_url, build_with_inferred):
    with pytest.raises(PublishError) as caught:
        publish(store_url + "/query", build_with_inferred)  # not a Graph Store endpoint
    assert "refused: HTTP" in str(caught.value) and store_url in str(caught.value)


def test_an_unreachable_store_is_one_clear_error(build_with_inferred, free_port):
    with pytest.raises(PublishError, match="cannot reach the store"):
        publish(f"http://127.0.0.1:{free_port()}/store", build_with_inferred)


def test_cli_publish_reports_each_upload(store_url, build_with_inferred):
    from pactgraph.cli import app

    ran = CliRunner().invoke(
        app, ["publish", "--endpoint", store_url + "/store", "--build", str(build_with_inferred)]
    )
    assert ran.exit_code == 0, ran.output
    assert ran.output.count("published") == 2 and "dataset/inferred" in ran.output


def test_cli_publish_without_a_build_is_one_line(store_url, tmp_path):
    from pactgraph.cli import app

    ran = CliRunner().invoke(
        app, ["publish", "--endpoint", store_url + "/store", "--build", str(tmp_path)]
    )
    assert ran.exit_code == 2 and "run `pactgraph build` first" in ran.output


# --- one unit: staged, then switched by one update (issue 15) ----------------------------------


def test_a_build_without_inferred_triples_removes_the_stale_inferred_graph(
    store_url, build_with_inferred, tmp_path
):
    publish(store_url + "/store", build_with_inferred)
    assert graph_sizes(store_url)[INFERRED] == 2
    only_asserted = tmp_path / "b"
    only_asserted.mkdir()
    shutil.copyfile(build_with_inferred / "graph.nt", only_asserted / "graph.nt")
    report = publish(store_url + "/store", only_asserted)
    sizes = graph_sizes(store_url)
    assert INFERRED not in sizes and sizes[DATASET] == nt_lines(only_asserted / "graph.nt")
    assert any(c.startswith(f"graph {INFERRED}: dropped") and "2 -> 0" in c for c in report.changes)
    assert not [g for g in sizes if g.endswith("/staging")]


def test_a_failed_upload_leaves_the_live_graphs_as_they_were(
    store_url, build_with_inferred, tmp_path
):
    publish(store_url + "/store", build_with_inferred)
    before = graph_sizes(store_url)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "graph.nt").write_text(f"<{BASE}a> <{BASE}b> <{BASE}c> .\n")
    (broken / "inferred.ttl").write_text("this is not Turtle <<<\n")
    with pytest.raises(PublishError, match="refused"):
        publish(store_url + "/store", broken)
    assert graph_sizes(store_url) == before  # neither graph changed, no staging graph left


def test_publish_says_what_it_changed(store_url, build_with_inferred):
    report = publish(store_url + "/store", build_with_inferred)
    triples = nt_lines(build_with_inferred / "graph.nt")
    assert report.changes == [
        f"graph {DATASET}: replaced, {triples:,} -> {triples:,} triples",
        f"graph {INFERRED}: replaced, 2 -> 2 triples",
    ]
