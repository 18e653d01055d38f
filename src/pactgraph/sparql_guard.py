"""What a query sent to the public SPARQL endpoint may do, decided on its parsed algebra.

Takes the text of a request's ``query`` parameter; gives a :class:`Verdict`: the query form
(``SelectQuery``, ``ConstructQuery``, ``AskQuery``, ``DescribeQuery``) when the query may run, or
the HTTP status and one-line reason it is refused with.

The decision is made on the query as a SPARQL 1.1 parser reads it (rdflib's grammar, translated
to the SPARQL algebra), never on tokens: only the four read forms; no ``SERVICE`` anywhere
(Oxigraph fetches any URL a ``SERVICE`` names, even read-only); updates (``LOAD``, ``INSERT`` ...)
are refused as such. Size and nesting are bounded before the parser sees the text (a cheap scan
of brackets outside strings, IRIs and comments), so a 2 KB query of 1,000 nested groups costs
microseconds, and the parse itself runs with a recursion limit (a ``RecursionError`` is a
refusal, not a crash). Verdicts are cached by text: the parser is pure Python (tens of
milliseconds per query here), and an endpoint sees the same queries again and again.

This is one of two walls: the engine that runs an accepted query has no network either
(:mod:`pactgraph.sparql_pool`), so a query the two parsers read differently still cannot reach
out.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass

from pyparsing import ParseException
from rdflib.plugins.sparql import algebra, parser
from rdflib.plugins.sparql.parserutils import CompValue

from .sparql_text import skip_opaque

MAX_QUERY_BYTES = 100_000
MAX_NESTING = 64
READ_FORMS = ("SelectQuery", "ConstructQuery", "AskQuery", "DescribeQuery")
#: parse-tree and algebra node names that reach outside the store
FORBIDDEN = {"ServiceGraphPattern": "federated queries (SERVICE) are disabled on this endpoint"}


@dataclass(frozen=True, slots=True)
class Verdict:
    """``form`` when the query may run; else ``status`` (400/403/413) and ``reason``."""

    form: str = ""
    status: int = 200
    reason: str = ""

    @property
    def allowed(self) -> bool:
        return self.status == 200


def nesting_depth(text: str) -> int:
    """The deepest nesting of ``{ ( [`` in ``text``, outside strings, IRIs and comments."""
    depth = deepest = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "#\"'<" and (after := skip_opaque(text, i)) is not None:
            i = after  # brackets inside a comment, string or IRI do not nest
            continue
        if c in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "})]":
            depth -= 1
        i += 1
    return deepest


def _walk(node: object, depth: int = 0) -> tuple[set[str], int]:
    """Every CompValue name under ``node`` and the deepest level reached."""
    names: set[str] = set()
    deepest = depth
    stack: list[tuple[object, int]] = [(node, depth)]
    seen: set[int] = set()
    while stack:
        current, level = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        deepest = max(deepest, level)
        if isinstance(current, CompValue):
            names.add(current.name)
            stack.extend((v, level + 1) for v in current.values())
        elif isinstance(current, dict):
            stack.extend((v, level + 1) for v in current.values())
        elif isinstance(current, list | tuple):
            stack.extend((v, level) for v in current)
    return names, deepest


@functools.lru_cache(maxsize=2048)
def check_query(text: str) -> Verdict:
    """May ``text`` run on the public endpoint? (see the module docstring)."""
    size = len(text.encode("utf-8", "replace"))
    if size > MAX_QUERY_BYTES:
        return Verdict(status=413, reason=f"query larger than {MAX_QUERY_BYTES:,} bytes")
    if nesting_depth(text) > MAX_NESTING:
        return Verdict(status=400, reason=f"query nested deeper than {MAX_NESTING} levels")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 4000))
    try:
        try:
            parsed = parser.parseQuery(text)
        except ParseException as exc:
            return _not_a_query(text, exc)
        names, _ = _walk(parsed)
        for name, reason in FORBIDDEN.items():
            if name in names:
                return Verdict(status=403, reason=reason)
        query = algebra.translateQuery(parsed)
    except RecursionError:
        return Verdict(status=400, reason="query too deeply nested to parse")
    except Exception as exc:  # rdflib raises plain Exceptions for semantic errors
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return Verdict(status=400, reason=f"not a valid SPARQL 1.1 query: {first[:200]}")
    finally:
        sys.setrecursionlimit(limit)
    form = query.algebra.name
    if form not in READ_FORMS:
        return Verdict(
            status=403, reason=f"only SELECT, CONSTRUCT, ASK and DESCRIBE run here, not {form}"
        )
    names, deepest = _walk(query.algebra)
    for name, reason in FORBIDDEN.items():
        if name in names or "Service" in names:
            return Verdict(status=403, reason=reason)
    if deepest > 4 * MAX_NESTING:
        return Verdict(status=400, reason="query algebra nested too deeply")
    return Verdict(form=form)


def _not_a_query(text: str, exc: ParseException) -> Verdict:
    try:
        parser.parseUpdate(text)
    except Exception:
        where = f"line {exc.lineno}, column {exc.col}"
        return Verdict(status=400, reason=f"not a valid SPARQL 1.1 query (syntax error at {where})")
    return Verdict(status=403, reason="SPARQL updates are refused: this endpoint is read-only")
