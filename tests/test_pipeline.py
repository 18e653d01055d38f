"""The build's own machinery: merging sorted chunks with a bounded number of open files."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pactgraph import pipeline


def test_merging_many_chunks_keeps_few_files_open_and_gives_sorted_unique_triples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [f"<s{i}> <p> <o{i % 7}> .\n" for i in range(3000)]
    chunks = []
    for k in range(300):
        part = sorted(set(random.Random(k).sample(lines, 20)))
        chunk = tmp_path / f"chunk-{k}.nt"
        chunk.write_text("".join(part), encoding="utf-8")
        chunks.append(chunk)
    monkeypatch.setattr(pipeline, "MERGE_FAN_IN", 16)
    opened: list[int] = []
    real = pipeline._merge_files

    def counting(files: list[Path], target: Path) -> int:
        opened.append(len(files))
        return real(files, target)

    monkeypatch.setattr(pipeline, "_merge_files", counting)
    count = pipeline._merge(chunks, tmp_path / "graph.nt")
    expected = sorted({ln for c in chunks for ln in c.read_text(encoding="utf-8").splitlines(True)})
    assert (tmp_path / "graph.nt").read_text(encoding="utf-8") == "".join(expected)
    assert count == len(expected)
    assert max(opened) <= 16 and len(opened) > 1
    assert not list(tmp_path.glob(".merge-*"))
