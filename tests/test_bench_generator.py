"""The benchmark corpus generator (bench/generate_corpus.py): deterministic, sized, parseable.

Nothing here is timed: the benchmark itself (bench/run.py) is not part of the test suite.
"""

from __future__ import annotations

import json
import re
from itertools import combinations
from pathlib import Path

import pytest

from bench_generator import load_generator
from pactgraph.cues import default_cues
from pactgraph.model import Document
from pactgraph.read import read_source
from pactgraph.segment import segment
from pactgraph.structure import structure

ROOT = Path(__file__).resolve().parents[1]
SCALE = 0.15  # about 58 KB: a handful of documents


gen = load_generator()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "a"
    gen.generate(SCALE, out, seed="7")
    return out


def _documents(path: Path) -> list[Document]:
    """read -> segment -> structure, the per-file stages of the loader."""
    cues = default_cues()
    docs, _ = segment(read_source(path), cues)
    for d in docs:
        structure(d, cues)
    return docs


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def test_same_seed_gives_byte_identical_corpus(corpus: Path, tmp_path: Path) -> None:
    gen.generate(SCALE, tmp_path / "b", seed="7")
    assert _files(tmp_path / "b") == _files(corpus)


def test_other_seed_gives_other_corpus(corpus: Path, tmp_path: Path) -> None:
    gen.generate(SCALE, tmp_path / "c", seed="8")
    assert _files(tmp_path / "c")["un-docs-0001.txt"] != _files(corpus)["un-docs-0001.txt"]


def test_smaller_scale_is_a_prefix_of_larger(corpus: Path, tmp_path: Path) -> None:
    gen.generate(SCALE / 3, tmp_path / "small", seed="7")
    small = _manifest(tmp_path / "small")["documents"]
    assert small == _manifest(corpus)["documents"][: len(small)]


def test_size_is_the_requested_multiple_of_the_seed_corpus(corpus: Path) -> None:
    m = _manifest(corpus)
    target = SCALE * gen.seed_bytes()
    largest = max(d["bytes"] for d in m["documents"])
    assert target <= m["bytes"] <= target + largest + 64
    assert m["bytes"] == sum(p.stat().st_size for p in corpus.glob("*.txt"))
    assert len(m["documents"]) > m["files"]  # several documents per file


def test_every_document_parses_with_its_symbol_and_provisions(corpus: Path) -> None:
    expected = _manifest(corpus)["documents"]
    found = []
    for path in sorted(corpus.glob("*.txt")):
        found += [(path.name, d) for d in _documents(path)]
    assert [(name, d.symbol) for name, d in found] == [(e["file"], e["symbol"]) for e in expected]
    for (_, doc), e in zip(found, expected, strict=True):
        numbered = [p for p in doc.provisions if p.kind != "preambular"]  # pp1 ... are not counted
        assert len(numbered) == e["paragraphs"] + e["subitems"], e["symbol"]


def test_every_footnote_stays_with_the_document_that_calls_it(corpus: Path) -> None:
    expected = _manifest(corpus)["documents"]
    found = [d for path in sorted(corpus.glob("*.txt")) for d in _documents(path)]
    assert [(d.symbol, len(d.footnotes), d.problems) for d in found] == [
        (e["symbol"], e["footnotes"], []) for e in expected
    ]


def test_symbols_are_new_and_unique(corpus: Path) -> None:
    symbols = [d["symbol"] for d in _manifest(corpus)["documents"]]
    assert len(set(symbols)) == len(symbols)
    seed_text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "corpus").glob("*.txt"))
    for s in symbols:
        assert re.fullmatch(r"A/(RES/9\d\d|8\d)/\d+", s)
        assert s not in seed_text


def test_documents_share_too_few_paragraph_openings_to_be_copies(corpus: Path) -> None:
    """The linker needs 3 shared paragraphs to call two documents copies; these share fewer."""
    openings = []
    for path in sorted(corpus.glob("*.txt")):
        for doc in _documents(path):
            openings.append({" ".join(p.text.lower().split()[:8]) for p in doc.provisions})
    for a, b in combinations(openings, 2):
        assert len(a & b) < 3


def test_noise_is_present(corpus: Path) -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt")))
    assert re.search(r"^\d{1,2}/\d{1,2}$", text, re.M)  # page counter
    assert re.search(r"^\d{2}-\d{5} \(E\)$", text, re.M)  # job number
    assert "Please recycle" in text
    assert re.search(r"^[¹²³⁴⁵⁶⁷⁸⁹]+ \S", text, re.M)  # a footnote
    assert re.search(r"^[a-z]", text, re.M)  # a paragraph continued on the next page
