"""Shortcuts taken for CPU (issue 16) give what the long way gives: pickled parse records,
typed literals made once per value."""

from __future__ import annotations

import gc
import pickle
import re
import sys
from pathlib import Path

import pytest
from rdflib import Literal

from pactgraph import pipeline
from pactgraph.errors import InputError
from pactgraph.gazetteer import matching
from pactgraph.model import Line, LineRole, Span
from pactgraph.triples import integer


def test_spans_lines_and_line_roles_come_back_from_a_pickle_equal_and_checked() -> None:
    items = [Span(3, 9), Line(4, 10, 22, "  Decides to remain seized"), LineRole("item", "x", 2)]
    back = pickle.loads(pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == items and [type(x) for x in back] == [Span, Line, LineRole]
    assert hash(back[0]) == hash(Span(3, 9))


def test_an_integer_written_once_is_the_literal_rdflib_writes() -> None:
    from rdflib.namespace import XSD  # not at module level: pytest would inspect it
    from rdflib.plugins.serializers.nt import _quoteLiteral

    for value in (0, 7, 1234567):
        made = integer(value)
        assert made is integer(value)
        assert made == _quoteLiteral(Literal(value, datatype=XSD.integer))


def test_a_build_leaves_the_garbage_collector_as_it_found_it(tmp_path) -> None:
    """The build collects less often and freezes what exists before it (pipeline.py); the
    caller's thresholds and frozen objects come back, on success or failure."""
    text = Path(__file__).parent / "data" / "robustness" / "clean-resolution.txt"
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    pipeline.build([text], out=tmp_path / "b")
    assert gc.get_threshold() == before and gc.get_freeze_count() == frozen
    with pytest.raises(InputError):
        pipeline.build([tmp_path / "no-such-file.txt"], out=tmp_path / "c")
    assert gc.get_threshold() == before and gc.get_freeze_count() == frozen


def test_the_token_pattern_finds_what_its_lookahead_form_finds_on_every_code_point() -> None:
    """``matching._KEPT`` names the word characters it keeps in one class (fast) where it once
    excluded superscripts by a lookahead before each character: same tokens, same places."""
    supers = matching._SUPERSCRIPTS
    ignored = re.escape("".join(sorted(matching._IGNORED)))
    lookahead = re.compile(rf"(?:(?![{supers}])[^\W_])+|[^\w\s{supers}{ignored}]")
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    spaced = " ".join(every)
    for text in (every, spaced, "Member States² of the IOM_3 (1951 Convention)³, e.g. -X-"):
        assert [m.span() for m in matching._KEPT.finditer(text)] == [
            m.span() for m in lookahead.finditer(text)
        ]


def test_each_copy_pickled_apart_comes_back_as_the_whole_file_gives_it(tmp_path) -> None:
    """The parse task pickles a file's text and each of its documents apart (a work task reads
    its own copies only); read back, the copies are those of the file parsed whole, and the
    copies of one file share its one source text."""
    text = Path(__file__).parent / "data" / "robustness" / "three-documents-one-file.txt"
    src, docs, outside = pipeline.parse_file(text)
    parsed = pipeline._parse_task(str(text), str(tmp_path))
    cache = pipeline._FileCache({parsed.sha256: parsed.pickle})
    back_src, back_outside = cache.source(parsed.sha256)
    assert len(docs) == 3 and back_outside == outside
    assert back_src == src
    for i, doc in enumerate(docs):
        back = cache.document((parsed.sha256, i))
        assert back.source is back_src and doc.source is src
        assert repr(back) == repr(doc)  # every field, down the tree (repr stops at cycles)
