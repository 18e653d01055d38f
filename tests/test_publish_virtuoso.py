"""``pactgraph publish`` into a second real SPARQL store: OpenLink Virtuoso (Debian package).

The module starts a private ``virtuoso-t`` (Debian ``virtuoso-opensource``, installed by
``make virtuoso-deps``, which ``make test`` runs) on two free ports of 127.0.0.1, with its
database in a temp folder, and stops it afterwards (``bench/virtuoso.py``, which the benchmark
uses too). Virtuoso takes Graph Store Protocol writes only at ``/sparql-graph-crud-auth`` with
HTTP Digest authentication (a fresh database's ``dba``/``dba``), and answers queries at
``/sparql``: publish logs in, replaces its graphs, and the query library gives the same answers
there as embedded.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench_generator import load_bench
from pactgraph.endpoint import run_remote
from pactgraph.publish import PublishError, publish
from pactgraph.query import EmbeddedStore, QueryResult, load_library

VIRTUOSO = load_bench("virtuoso")
pytestmark = [
    pytest.mark.server,
    pytest.mark.slow,
    pytest.mark.skipif(
        not VIRTUOSO.available(),
        reason="Debian virtuoso-opensource is not installed (make virtuoso-deps)",
    ),
]

BASE = "https://w3id.org/pactgraph/"
DATASET = BASE + "dataset"
INFERRED = DATASET + "/inferred"
LIBRARY = load_library(Path(__file__).resolve().parents[1] / "queries")
LOGIN = VIRTUOSO.LOGIN  # a fresh Virtuoso database's administrator
PACTGRAPH = str(Path(sys.executable).with_name("pactgraph"))


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private Virtuoso on free ports of 127.0.0.1; yields its HTTP base URL."""
    with VIRTUOSO.running(tmp_path_factory.mktemp("virtuoso"), start_timeout=120) as server:
        yield server.url


@pytest.fixture(scope="module")
def published(virtuoso: str, build_with_inferred: Path) -> str:
    publish(virtuoso + "/sparql-graph-crud-auth", build_with_inferred, auth=LOGIN)
    return virtuoso


def graph_sizes(url: str) -> dict[str, int]:
    """Triples per graph of ours (Virtuoso also keeps its own system graphs)."""
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(url + "/sparql")
    client.setReturnFormat(JSON)
    client.setQuery(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{BASE}")) }} GROUP BY ?g'
    )
    bindings = client.queryAndConvert()["results"]["bindings"]
    return {b["g"]["value"]: int(b["n"]["value"]) for b in bindings}


def nt_lines(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def test_publish_logs_in_with_digest_puts_both_graphs_and_is_idempotent(
    virtuoso: str, build_with_inferred: Path
) -> None:
    endpoint = virtuoso + "/sparql-graph-crud-auth"
    first = publish(endpoint, build_with_inferred, auth=LOGIN)
    assert [u.graph for u in first.uploads] == [DATASET, INFERRED]
    sizes = graph_sizes(virtuoso)
    assert sizes == {DATASET: nt_lines(build_with_inferred / "graph.nt"), INFERRED: 2}
    again = publish(endpoint, build_with_inferred, auth=LOGIN)
    assert all(u.status in (200, 201, 204) for u in again.uploads)
    assert graph_sizes(virtuoso) == sizes


def test_publish_without_a_login_is_refused_in_one_line(
    virtuoso: str, build_with_inferred: Path
) -> None:
    with pytest.raises(PublishError) as caught:
        publish(virtuoso + "/sparql-graph-crud-auth", build_with_inferred)
    message = str(caught.value)
    assert "refused: HTTP 401" in message and virtuoso in message and "\n" not in message


def test_publish_with_a_wrong_password_is_refused_and_changes_nothing(
    published: str, build_with_inferred: Path
) -> None:
    before = graph_sizes(published)
    with pytest.raises(PublishError, match="refused: HTTP 401"):
        publish(published + "/sparql-graph-crud-auth", build_with_inferred, auth=("dba", "x"))
    assert graph_sizes(published) == before


def test_the_cli_takes_the_password_from_the_environment(
    virtuoso: str, build_with_inferred: Path
) -> None:
    endpoint = virtuoso + "/sparql-graph-crud-auth"
    args = [PACTGRAPH, "publish", "--endpoint", endpoint, "--graph", str(build_with_inferred)]
    env = {**os.environ, "PACTGRAPH_STORE_PASSWORD": LOGIN[1]}
    ran = subprocess.run(
        [*args, "--user", LOGIN[0]], capture_output=True, text=True, env=env, check=False
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.count("published") == 2 and "dataset/inferred" in ran.stdout
    env.pop("PACTGRAPH_STORE_PASSWORD")
    ran = subprocess.run(
        [*args, "--user", LOGIN[0]], capture_output=True, text=True, env=env, check=False
    )
    assert ran.returncode == 2 and "PACTGRAPH_STORE_PASSWORD" in ran.stderr
    assert len(ran.stderr.strip().splitlines()) == 1


def comparable(result: QueryResult) -> list[tuple]:
    """Rows as sorted text, each cell's characters sorted: SPARQL orders neither the rows of
    an ORDER BY's ties nor the parts of a GROUP_CONCAT, so stores may differ in both. Datatypes
    are compared as they are: the build writes plain xsd:integer, which every store keeps."""
    return sorted(tuple("".join(sorted(repr(cell))) for cell in row) for row in result.rows or [])


PARAMETERS = {"search-provisions": {"phrase": "smuggling of migrants"}}
#: Library queries that Virtuoso answers differently. Strict: a fix fails here until its line
#: goes. None now: issue 13's ownership queries were rewritten to answer alike.
DIFFERENT_ON_VIRTUOSO: dict[str, str] = {}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=DIFFERENT_ON_VIRTUOSO[n]))
        if n in DIFFERENT_ON_VIRTUOSO
        else n
        for n in sorted(LIBRARY)
    ],
)
def test_every_library_query_answers_the_same_on_virtuoso_as_embedded(
    published: str, build_with_inferred: Path, name: str
) -> None:
    query, values = LIBRARY[name], PARAMETERS.get(name, {})
    remote = run_remote(published + "/sparql", query, values, default_graphs=[DATASET, INFERRED])
    embedded = EmbeddedStore.from_build(build_with_inferred).run(query, values)
    assert remote.columns == embedded.columns
    assert comparable(remote) == comparable(embedded)
