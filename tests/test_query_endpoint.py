"""``pactgraph query --endpoint`` after ``pactgraph publish``, on a real ``oxigraph serve``.

publish puts the triples in named graphs (``<base>dataset`` and ``<base>dataset/inferred``);
Oxigraph's default graph is then empty, and the query used to return 0 rows without a word. The
command now finds the dataset's graphs by itself and says which it queries.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pactgraph.cli import app
from pactgraph.endpoint import find_dataset_graphs
from pactgraph.publish import put_graph
from pactgraph.query import QueryError

pytestmark = pytest.mark.server

BASE = "https://w3id.org/pactgraph/"
OXIGRAPH = str(Path(sys.executable).parent / "oxigraph")


def start_oxigraph(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [OXIGRAPH, "serve", "-b", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 15
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("oxigraph serve did not start")
            time.sleep(0.05)


@pytest.fixture
def server(free_port) -> Iterator[str]:
    """An empty in-memory ``oxigraph serve`` on a free port, stopped after the test."""
    process = start_oxigraph(free_port())
    port = process.args[-1].rsplit(":", 1)[-1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def rows(output: str) -> list[dict]:
    return json.loads(output)["results"]["bindings"]


def test_query_endpoint_finds_the_published_named_graphs(server, real_build):
    published = CliRunner().invoke(
        app, ["publish", "--endpoint", server + "/store", "--build", str(real_build)]
    )
    assert published.exit_code == 0, published.output
    embedded = CliRunner().invoke(
        app, ["query", "requests-to-un", "--graph", str(real_build), "-f", "json"]
    )
    remote = CliRunner().invoke(
        app, ["query", "requests-to-un", "--endpoint", server + "/query", "-f", "json"]
    )
    assert remote.exit_code == 0, remote.output
    assert rows(remote.stdout) == rows(embedded.stdout) != []
    assert f"{BASE}dataset" in remote.stderr  # it says which graphs it queried


def test_the_inferred_graph_is_queried_with_the_asserted_one(server, tmp_path):
    asserted = tmp_path / "graph.nt"
    asserted.write_text(
        f"<{BASE}work/w> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/pactgraph/ontology#Work> .\n"
    )
    put_graph(server + "/store", f"{BASE}dataset", asserted)
    put_graph(server + "/store", f"{BASE}dataset/inferred", asserted)
    assert find_dataset_graphs(server + "/query") == [f"{BASE}dataset", f"{BASE}dataset/inferred"]


def test_a_dataset_in_the_default_graph_needs_no_graph(server, tmp_path):
    asserted = tmp_path / "graph.nt"
    asserted.write_text(
        f"<{BASE}work/w> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/pactgraph/ontology#Work> .\n"
    )
    put_graph(server + "/store", "default", asserted)
    assert find_dataset_graphs(server + "/query") == []


def test_two_datasets_in_named_graphs_must_be_chosen(server, tmp_path):
    asserted = tmp_path / "graph.nt"
    asserted.write_text(
        f"<{BASE}work/w> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/pactgraph/ontology#Work> .\n"
    )
    put_graph(server + "/store", "https://example.org/one", asserted)
    put_graph(server + "/store", "https://example.org/two", asserted)
    with pytest.raises(QueryError, match="--default-graph-uri"):
        find_dataset_graphs(server + "/query")
    chosen = CliRunner().invoke(
        app,
        ["query", "PREFIX pg: <https://w3id.org/pactgraph/ontology#> SELECT ?w "
         "WHERE { ?w a pg:Work }", "--endpoint", server + "/query",
         "--default-graph-uri", "https://example.org/one", "-f", "csv"],
    )  # fmt: skip
    assert chosen.exit_code == 0, chosen.output
    assert chosen.stdout.splitlines() == ["w", f"{BASE}work/w"]


def test_shards_published_under_the_dataset_are_queried_together(server, tmp_path):
    """docs/scale.md: one named graph per shard, <base>dataset/SHARD, queried as one."""
    for shard in ("a", "b"):
        part = tmp_path / f"{shard}.nt"
        part.write_text(
            f"<{BASE}work/{shard}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
            "<https://w3id.org/pactgraph/ontology#Work> .\n"
        )
        put_graph(server + "/store", f"{BASE}dataset/{shard}", part)
    assert find_dataset_graphs(server + "/query") == [f"{BASE}dataset/a", f"{BASE}dataset/b"]
