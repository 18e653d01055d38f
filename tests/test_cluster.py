"""``pactgraph build --scheduler``: the build's tasks on a real Dask cluster, same bytes out.

A real ``distributed.LocalCluster`` with two worker processes on 127.0.0.1 (started and stopped
by the module) runs the per-file and per-work tasks; the graph files it gives are compared byte
for byte with local builds (one process, and two), and an unreachable scheduler is one line.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pactgraph import pipeline
from pactgraph.executor import ClusterError, _sees_probe, connect
from pactgraph.resources import BUNDLED_CORPUS

pytestmark = [pytest.mark.server, pytest.mark.slow]

CORPUS = BUNDLED_CORPUS
OUTPUTS = ("graph.nt", "graph.ttl", "graph.jsonld")
PACTGRAPH = str(Path(sys.executable).with_name("pactgraph"))
BUILD = [PACTGRAPH, "build", str(CORPUS), "--no-validate", "--out"]


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        host="127.0.0.1",
    ) as running:
        yield running


@pytest.fixture(scope="module")
def cluster_build(cluster, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus built through the CLI with ``--scheduler`` (no SHACL)."""
    out = tmp_path_factory.mktemp("cluster-build")
    done = subprocess.run(
        [*BUILD, str(out), "--scheduler", cluster.scheduler_address],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return out


def _task_counts(cluster) -> dict[str, int]:
    """How many tasks of each function (Dask drops the leading ``_``) reached a result."""
    return {
        name: prefix.state_counts.get("memory", 0)
        for name, prefix in cluster.scheduler.task_prefixes.items()
    }


def test_a_build_on_a_dask_cluster_writes_the_same_bytes_as_a_local_build(
    cluster_build: Path, real_build: Path
) -> None:
    """``real_build`` is the bundled corpus built in one local process."""
    for name in OUTPUTS:
        assert (cluster_build / name).read_bytes() == (real_build / name).read_bytes(), name


def test_the_cluster_ran_every_file_and_every_work_as_its_own_task(
    cluster, cluster_build: Path
) -> None:
    import json

    stats = json.loads((cluster_build / "stats.json").read_text(encoding="utf-8"))
    counts = _task_counts(cluster)
    corpus_files = len([f for f in BUNDLED_CORPUS.iterdir() if f.suffix == ".txt"])
    # this module's only cluster build
    assert counts.get("parse_task") == stats["files"] == corpus_files
    assert counts.get("work_task") == stats["works"] > 1


def test_a_cluster_build_and_a_two_process_build_give_the_same_bytes(
    cluster, cluster_build: Path, tmp_path: Path
) -> None:
    two = tmp_path / "jobs2"
    pipeline.build([CORPUS], out=two, jobs=2)
    for name in OUTPUTS:
        assert (cluster_build / name).read_bytes() == (two / name).read_bytes(), name


def test_a_scheduler_nobody_listens_on_is_one_line_naming_it(free_port) -> None:
    address = f"tcp://127.0.0.1:{free_port()}"
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler") as caught:
        connect(address, CORPUS, timeout=2)
    assert str(caught.value).startswith(address)
    assert "\n" not in str(caught.value)


def test_the_cli_reports_an_unreachable_scheduler_in_one_line_and_writes_no_graph(
    free_port, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}  # Dask's own knob
    done = subprocess.run(
        [*BUILD, str(out), "--scheduler", f"tcp://127.0.0.1:{free_port()}"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot reach the Dask scheduler" in lines[0], done.stderr
    assert "Traceback" not in done.stderr
    assert not (out / "graph.nt").exists()


def test_a_worker_that_does_not_see_the_work_folder_is_told_apart(tmp_path: Path) -> None:
    probe = tmp_path / ".probe"
    probe.write_text("token-a", encoding="utf-8")
    assert _sees_probe(str(probe), "token-a")
    assert not _sees_probe(str(probe), "token-b")  # another machine's folder of the same name
    assert not _sees_probe(str(tmp_path / "elsewhere" / ".probe"), "token-a")
