"""A build replaces the previous one whole or not at all (issue 15).

Each failure once left a broken or wrong ``build/``: a mistyped input path replaced a good build
with the gazetteer's 2,859 triples; a build killed while writing left a truncated graph beside an
older ``stats.json``; an output that did not hold the graph was served. The previous build is
made once per test from a small resolution written for these tests.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pactgraph import pipeline
from pactgraph.atomic import RDF_OUTPUTS, Written, check_outputs, count_triples
from pactgraph.errors import GraphError, InputError

DATA = Path(__file__).parent / "data" / "robustness"
PACTGRAPH = Path(sys.executable).with_name("pactgraph")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    out = tmp_path / "build"
    pipeline.build([DATA / "clean-resolution.txt"], out=out)
    (out / "inferred.ttl").write_text("# the reasoner's output of this build\n")
    return out


def test_a_build_that_reads_no_input_keeps_the_previous_build(previous, tmp_path):
    before = snapshot(previous)
    with pytest.raises(InputError, match="previous build is kept"):
        pipeline.build([tmp_path / "typo.txt"], out=previous)
    assert snapshot(previous) == before
    assert not list(tmp_path.glob(".build.building-*"))


def test_the_cli_says_so_in_one_line_and_exits_non_zero(previous, tmp_path):
    before = snapshot(previous)
    run = subprocess.run(
        [str(PACTGRAPH), "build", str(tmp_path / "typo.txt"), "--out", str(previous),
         "--no-validate"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert "previous build is kept" in run.stderr
    assert snapshot(previous) == before


def test_an_output_that_does_not_hold_the_graph_keeps_the_previous_build(
    previous, tmp_path, monkeypatch
):
    before = snapshot(previous)
    real = pipeline._convert

    def truncated(source, targets, base):  # as a disk filling up mid-write would
        written = real(source, targets, base)
        for target, _fmt in targets:
            data = target.read_bytes()
            target.write_bytes(data[: len(data) // 2])
        return written

    monkeypatch.setattr(pipeline, "_convert", truncated)
    with pytest.raises(GraphError, match=r"graph\.(ttl|jsonld)"):
        pipeline.build([DATA / "clean-resolution.txt", DATA / "every-style.txt"], out=previous)
    assert snapshot(previous) == before
    assert not list(tmp_path.glob(".build.building-*"))


def test_a_good_build_replaces_the_previous_one_whole(previous):
    pipeline.build([DATA / "clean-resolution.txt", DATA / "every-style.txt"], out=previous)
    names = {p.name for p in previous.iterdir()}
    assert "inferred.ttl" not in names  # derived from the old graph: not carried over
    assert {"graph.nt", "graph.ttl", "graph.jsonld", "stats.json"} <= names
    assert '"files_built": 2' in (previous / "stats.json").read_text()


def test_a_build_killed_while_writing_leaves_the_previous_build(previous, tmp_path):
    before = snapshot(previous)
    proc = subprocess.Popen(
        [str(PACTGRAPH), "build", "--out", str(previous), "--no-validate"],  # the whole corpus
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    staging = tmp_path / f".build.building-{proc.pid}"
    deadline = time.monotonic() + 120
    while not (staging / "graph.nt").exists() and proc.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert snapshot(previous) == before
    pipeline.build([DATA / "clean-resolution.txt"], out=tmp_path / "other")  # any later build
    pipeline.build([DATA / "clean-resolution.txt"], out=previous)
    assert not staging.exists()  # ... removes what the killed one left


def test_each_writer_counts_what_a_parse_of_its_output_finds(tmp_path):
    """The check trusts the writers' counts (no second parse): they must be what a parse finds."""
    out = tmp_path / "build"
    result = pipeline.build([DATA / "clean-resolution.txt", DATA / "every-style.txt"], out=out)
    assert set(result.written) == set(RDF_OUTPUTS)
    for name, record in result.written.items():
        assert record.triples == count_triples(out / name) == result.stats["triples"]
        assert record.bytes == (out / name).stat().st_size


def test_an_output_changed_after_its_writer_fails_the_check_that_trusts_the_writer(previous):
    triples = count_triples(previous / "graph.nt")
    written = {name: Written(triples, (previous / name).stat().st_size) for name in RDF_OUTPUTS}
    check_outputs(previous, triples, written)  # as written
    check_outputs(previous, triples)  # and parsed
    ttl = previous / "graph.ttl"
    ttl.write_bytes(ttl.read_bytes()[:-40])  # cut inside its last triple
    with pytest.raises(GraphError, match=r"graph\.ttl.*bytes where its writer wrote"):
        check_outputs(previous, triples, written)
    with pytest.raises(GraphError, match=r"graph\.ttl"):
        check_outputs(previous, triples)
    with pytest.raises(GraphError, match=r"graph\.nt.*triples where the build made"):
        check_outputs(previous, triples + 1, written)
