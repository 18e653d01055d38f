"""Shortcuts taken for CPU (issue 16) give what the long way gives: pickled parse records,
typed literals made once per value."""

from __future__ import annotations

import pickle

from rdflib import Literal

from pactgraph.emit import _typed
from pactgraph.model import Line, LineRole, Span


def test_spans_lines_and_line_roles_come_back_from_a_pickle_equal_and_checked() -> None:
    items = [Span(3, 9), Line(4, 10, 22, "  Decides to remain seized"), LineRole("item", "x", 2)]
    back = pickle.loads(pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == items and [type(x) for x in back] == [Span, Line, LineRole]
    assert hash(back[0]) == hash(Span(3, 9))


def test_a_typed_literal_made_once_is_the_literal_rdflib_makes() -> None:
    from rdflib.namespace import XSD  # not at module level: pytest would inspect it

    for value, dt in [(0, XSD.nonNegativeInteger), (7, XSD.positiveInteger), (7, XSD.integer)]:
        made = _typed(value, dt)
        assert made is _typed(value, dt)
        slow = Literal(value, datatype=dt)
        assert (made, made.n3(), made.datatype, made.value) == (slow, slow.n3(), dt, value)
    assert _typed(True, XSD.boolean).n3() != _typed(1, XSD.boolean).n3()  # True == 1 in Python
