"""The W3C SHACL core test suite on every engine pactgraph offers, by the suite's own rules.

Each of the 98 approved ``sht:Validate`` tests of ``../shared/w3c-shacl-core`` runs on each
engine of :data:`pactgraph.engines.ENGINES` in SHACL's own conformance mode (any result makes a
graph non-conforming; pactgraph's Violations-only rule is not the suite's); the report must
match the expected one on conformance and, per result, focus node, path, constraint component,
severity and value (``tests/w3c_shacl.py``). A test an engine is known to fail is listed in
:data:`KNOWN_FAILURES` with the reason, documented in ``shapes/README.md``, and must keep failing
(strict xfail), so a fixed engine is noticed. An engine that refuses a test raises: it is never
skipped.
"""

from __future__ import annotations

import pytest
from rdflib import Graph

from pactgraph.engines import DEFAULT_ENGINE, ENGINES
from w3c_shacl import SUITE, Case, cases, read, summary

CASES = cases() if SUITE.is_dir() else []

#: (engine, test) -> why the engine fails it.
KNOWN_FAILURES = {
    ("pyshacl", "property/uniqueLang-002"): (
        "pySHACL 0.40.1 treats `sh:uniqueLang false` as true and reports a violation"
    ),
}


def test_the_suite_is_there_with_its_98_approved_tests() -> None:
    assert SUITE.is_dir(), f"missing {SUITE}"
    assert len(CASES) == 98
    assert len({c.name for c in CASES}) == 98


def test_the_default_engine_has_no_known_failure() -> None:
    assert not [test for engine, test in KNOWN_FAILURES if engine == DEFAULT_ENGINE]


def _params() -> list[object]:
    out = []
    for engine in sorted(ENGINES):
        for case in CASES:
            reason = KNOWN_FAILURES.get((engine, case.name))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(engine, case, id=f"{engine}:{case.name}", marks=marks))
    return out


@pytest.mark.parametrize(("engine", "case"), _params())
def test_w3c_core(engine: str, case: Case) -> None:
    # the data file is given to the engine as a file (it reads it itself, as in pactgraph's
    # own use); the shapes as a graph, literals exactly as written
    report = Graph()
    for triple in ENGINES[engine].validate(case.data, read(case.shapes), violations_only=False):
        report.add(triple)
    assert summary(report) == summary(case.expected, case.expected_report)
