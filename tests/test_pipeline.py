"""The build's own machinery: merging sorted chunks (in rounds above a fan-in), and a
build that writes an on-disk store."""

from __future__ import annotations

import heapq
import itertools
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from pactgraph import merge, pipeline
from pactgraph.atomic import Written
from pactgraph.errors import GraphError
from pactgraph.namespaces import SH
from pactgraph.query import EmbeddedStore, load_library


def _lines(chunks: list[Path]) -> list[tuple[Path, int]]:
    """Each chunk with its number of lines, as the build's writers give them to the merge."""
    return [(c, c.read_bytes().count(b"\n")) for c in chunks]


def test_merging_more_chunks_than_the_fan_in_merges_in_rounds_and_gives_sorted_unique_triples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [f"<s{i}> <p> <o{i % 7}> .\n" for i in range(3000)]
    chunks = []
    for k in range(300):
        part = sorted(set(random.Random(k).sample(lines, 20)))
        chunk = tmp_path / f"chunk-{k}.nt"
        chunk.write_text("".join(part), encoding="utf-8")
        chunks.append(chunk)
    monkeypatch.setattr(merge, "MERGE_FAN_IN", 16)
    opened: list[int] = []
    real = merge.merge_files

    def counting(files: list[tuple[Path, int]], target: Path) -> Written:
        opened.append(len(files))
        return real(files, target)

    monkeypatch.setattr(merge, "merge_files", counting)
    count = merge.merge(_lines(chunks), tmp_path / "graph.nt")
    expected = sorted({ln for c in chunks for ln in c.read_text(encoding="utf-8").splitlines(True)})
    assert (tmp_path / "graph.nt").read_text(encoding="utf-8") == "".join(expected)
    assert count.triples == len(expected)
    assert count.bytes == (tmp_path / "graph.nt").stat().st_size
    assert max(opened) <= 16 and len(opened) > 1
    assert not list(tmp_path.glob(".merge-*"))


def _merged_line_by_line(chunks: list[Path]) -> list[bytes]:
    """What merging ``chunks`` line by line gives: ``heapq.merge``, duplicates dropped."""
    handles = [c.open("rb") for c in chunks]
    try:
        return [ln for ln, _ in itertools.groupby(heapq.merge(*handles))]
    finally:
        for h in handles:
            h.close()


def test_merging_by_runs_gives_the_lines_a_line_by_line_merge_gives(tmp_path: Path) -> None:
    """Chunks with long runs of their own, lines shared by two or three chunks (at a run's
    edge too), an empty chunk and non-ASCII text: the merge copies runs and gives the sorted,
    distinct lines of them all, as ``heapq.merge`` would, and counts them."""
    shared = [f'<https://x/actor/{n}> <https://x/p> "Côte d’Ivoire {n}"@en .\n' for n in "abc"]
    chunks = []
    for k in range(6):
        own = [
            f"<https://x/work/{k}/provision/{i:03d}> <https://x/p> <o{i}> .\n" for i in range(40)
        ]
        mine = sorted(set(own + shared[: k % 4]))  # 0, 1, 2 or 3 shared lines
        chunks.append(tmp_path / f"work-{k}.nt")
        chunks[-1].write_bytes("".join(mine).encode("utf-8"))
    (tmp_path / "empty.nt").write_bytes(b"")
    chunks.append(tmp_path / "empty.nt")
    random.Random(3).shuffle(chunks)
    written = merge.merge(_lines(chunks), tmp_path / "graph.nt")
    expected = _merged_line_by_line(chunks)
    assert (tmp_path / "graph.nt").read_bytes() == b"".join(expected)
    assert written == Written(len(expected), len(b"".join(expected)))
    assert len(expected) == 6 * 40 + 3


@pytest.mark.parametrize("seed", [1, 7, 64, 1 << 18])
def test_merging_random_chunks_gives_the_lines_a_line_by_line_merge_gives(
    tmp_path: Path, seed: int
) -> None:
    """Random chunks drawn from one pool of lines (so many lines are held by several chunks,
    runs are short and long, some lines non-ASCII): the bytes merged are those of
    ``heapq.merge`` with the duplicates dropped, and the count is their number of lines."""
    rng = random.Random(seed)
    pool = [
        f"<https://x/{rng.choice('abc')}/{i:04d}> <https://x/p> "
        f'"{"é" * rng.randrange(3)}{"x" * rng.randrange(90)}" .\n'
        for i in range(400)
    ]
    chunks = []
    for k in range(12):
        lines = sorted(set(rng.sample(pool, rng.randrange(0, 120))), key=str.encode)
        chunks.append(tmp_path / f"work-{k}.nt")
        chunks[-1].write_bytes("".join(lines).encode("utf-8"))
    written = merge.merge(_lines(chunks), tmp_path / "graph.nt")
    expected = _merged_line_by_line(chunks)
    assert (tmp_path / "graph.nt").read_bytes() == b"".join(expected)
    assert written == Written(len(expected), len(b"".join(expected)))


def test_a_chunk_whose_last_line_has_no_line_break_is_refused_by_name(tmp_path: Path) -> None:
    whole, cut = tmp_path / "work-a.nt", tmp_path / "work-b.nt"
    whole.write_bytes(b"<https://x/a> <https://x/p> <https://x/o> .\n")
    cut.write_bytes(b"<https://x/b> <https://x/p> <https://x/o> .")
    with pytest.raises(GraphError, match="no line break") as refused:
        merge.merge([(whole, 1), (cut, 1)], tmp_path / "graph.nt")
    assert refused.value.locator == str(cut)


def test_a_build_with_an_on_disk_store_is_validated_and_queried_on_that_store(
    tmp_path: Path,
) -> None:
    """`--store` (automatic above a million triples): validation runs on the default engine,
    which reads the build's graph.nt itself, and the query library answers from the store."""
    pactgraph = Path(sys.executable).with_name("pactgraph")
    scan = Path(__file__).resolve().parents[1] / "corpus" / "new-york-declaration-scan-excerpt.txt"
    out = tmp_path / "with-store"
    done = subprocess.run(
        [str(pactgraph), "build", str(scan), "--out", str(out), "--store"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "valid: the graph conforms" in " ".join(done.stdout.split())
    report = Graph().parse(out / "validation.ttl", format="turtle")
    assert len(list(report.subjects(SH.conforms, None))) == 1

    without = tmp_path / "without-store"
    shutil.copytree(out, without, ignore=shutil.ignore_patterns("store"))
    on_disk, in_memory = EmbeddedStore.from_build(out), EmbeddedStore.from_build(without)
    assert on_disk.source.endswith("store") and in_memory.source != on_disk.source
    query = load_library()["commitments-by-bearer"]
    rows = on_disk.run(query, {})
    assert rows and rows == in_memory.run(query, {})


def test_a_pickled_source_text_gives_back_the_same_lines_made_only_when_asked_for() -> None:
    """A source text comes back from its pickle equal to itself: every line (by index, negative
    index, slice and iteration), the lines' starts, a span of lines and the text; pickled
    again, the same; its lines are columns until asked for."""
    import pickle

    from pactgraph.model import Line, _PickledLines
    from pactgraph.read import text_source

    text = "A/RES/73/195\n\n  Global Compact — “safe” \nOBJECTIVE 1\n\n1. We commit.\n"
    src = text_source(text, raw=text.encode(), name="gcm.txt", encoding="utf-8")
    assert src.line_starts[-1] == text.rindex("1. We")  # cached: not carried in the pickle
    back = pickle.loads(pickle.dumps(src, protocol=pickle.HIGHEST_PROTOCOL))
    again = pickle.loads(pickle.dumps(back, protocol=pickle.HIGHEST_PROTOCOL))
    for copy in (back, again):
        assert isinstance(copy.lines, _PickledLines)
        assert copy == src and copy.lines == src.lines and src.lines == copy.lines
        assert list(copy.lines) == src.lines and len(copy.lines) == len(src.lines)
        assert [copy.lines[i] for i in range(-len(src.lines), len(src.lines))] == [
            src.lines[i] for i in range(-len(src.lines), len(src.lines))
        ]
        assert copy.lines[1:4] == src.lines[1:4] and copy.lines[::-2] == src.lines[::-2]
        assert all(isinstance(ln, Line) for ln in copy.lines[:])
        assert copy.line_starts == src.line_starts
        assert copy.line_span(3, 6) == src.line_span(3, 6)
        assert copy.text == text and copy.sha256 == src.sha256 and repr(copy) == repr(src)
    assert back.lines != src.lines[:-1]


def test_a_source_texts_content_lines_are_its_lines_that_are_not_blank_pickled_or_not() -> None:
    """The lines a file's coverage counts (not blank: spaces, tabs and no-break spaces are
    blank), read from the unpickled columns, are the Lines' own."""
    import pickle

    from pactgraph.read import text_source

    text = "A/RES/73/195\n\n \t\u00a0\nOBJECTIVE 1\n  \n1. We commit.\n\n"
    src = text_source(text, raw=text.encode(), name="gcm.txt", encoding="utf-8")
    back = pickle.loads(pickle.dumps(src, protocol=pickle.HIGHEST_PROTOCOL))
    expected = [ln.number for ln in src.lines if not ln.blank]
    assert expected == [1, 4, 6]
    assert src.content_lines() == back.content_lines() == expected


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 20_000])
def test_converting_a_chunk_at_a_time_gives_the_bytes_of_one_conversion_of_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """graph.nt parsed once and serialised a chunk at a time (never splitting a subject's
    triples) into Turtle and JSON-LD: each file is byte for byte what one serialisation of the
    whole parse writes, and the counts and sizes are the triples and the bytes."""
    import pyoxigraph as ox

    monkeypatch.setattr(pipeline, "CONVERT_CHUNK", chunk)
    lines = sorted(
        {
            f"<https://x/{s}> <https://x/{p}> {o} .\n"
            for s in "abcde"
            for p in "pq"[: 1 + ord(s) % 2]
            for o in [
                '"un"@en',
                '"deux"',
                "<https://x/o>",
                '"3"^^<http://www.w3.org/2001/XMLSchema#integer>',
            ]
        }
    )
    source = tmp_path / "graph.nt"
    formats = [ox.RdfFormat.TURTLE, ox.RdfFormat.JSON_LD]
    for text in ("".join(lines), lines[0], ""):
        source.write_text(text, encoding="utf-8")
        targets = [(tmp_path / "graph.ttl", formats[0]), (tmp_path / "graph.jsonld", formats[1])]
        written = pipeline._convert(source, targets, "https://x/")
        prefixes = {**pipeline.PREFIXES, "pgd": "https://x/"}
        for (target, fmt), done in zip(targets, written, strict=True):
            whole = ox.serialize(
                ox.parse(path=str(source), format=ox.RdfFormat.N_TRIPLES),
                format=fmt,
                prefixes=prefixes,
            )
            assert target.read_bytes() == whole
            assert done == pipeline.Written(text.count("\n"), len(whole))


def test_the_works_of_one_file_read_its_text_once_in_a_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The work tasks are given out file by file and a process keeps the source texts it
    read: a file of three works is unpickled once by its works, in every build (a later
    build's pickles are read afresh), and the works come back in their own order."""
    data = Path(__file__).parent / "data" / "robustness"
    files = [data / "three-documents-one-file.txt", data / "clean-resolution.txt"]
    loads: list[str] = []
    real_load, real_task = pipeline._load, pipeline._work_task
    in_task = []

    def counting_load(path):
        if in_task and Path(path).name.count(".") == 1:  # a source text, not a copy
            loads.append(Path(path).name)
        return real_load(path)

    def task(*args, **kwargs):
        in_task.append(1)
        try:
            return real_task(*args, **kwargs)
        finally:
            in_task.pop()

    monkeypatch.setattr(pipeline, "_load", counting_load)
    monkeypatch.setattr(pipeline, "_work_task", task)
    for _ in range(2):
        result = pipeline.build(files, out=tmp_path / "b")
        assert result.stats["works"] == 4
        assert sorted(loads) == sorted(set(loads)) and len(loads) == 2
        loads.clear()
        assert not pipeline._SOURCES
