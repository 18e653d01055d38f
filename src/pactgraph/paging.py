"""Answers by the page: a SELECT query cut to ``LIMIT``/``OFFSET`` in an order that holds
from page to page.

A SELECT query is given ``LIMIT`` and ``OFFSET`` and an order that is the same on every page (its
own ``ORDER BY``, then every variable it projects), so that ``pactgraph query`` and the server's
links show a long list a page at a time and every row comes once across the pages; ``pactgraph
export`` and ``--all`` keep every row. The embedded store (``query.py``) and remote endpoints
(``endpoint.py``) cut pages alike, through :func:`run_paged`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import QueryError
from .sparql_text import first_keyword, scan, strip_comments, strip_strings

if TYPE_CHECKING:  # query.py imports this module: QueryResult is only named here
    from .query import QueryResult

__all__ = ["DEFAULT_PAGE_SIZE", "Page", "page_of", "paged_text", "projected_variables", "run_paged"]

#: Rows in a page of answers when none is asked for: what SPARQL tools' example queries and
#: result views show (``LIMIT 100``), a screenful or two of a table, and on the largest builds an
#: answer that reaches the user in the time of the query, not of writing out thousands of rows.
DEFAULT_PAGE_SIZE = 100


@dataclass(frozen=True, slots=True)
class Page:
    """A page of a SELECT answer: ``size`` rows from row ``offset`` (0-based) on."""

    size: int = DEFAULT_PAGE_SIZE
    offset: int = 0

    def __post_init__(self) -> None:
        if self.size < 1 or self.offset < 0:
            raise QueryError(
                f"a page needs a size of at least 1 and an offset of 0 or more: {self}"
            )


def projected_variables(text: str, *, aliases: bool = True) -> list[str] | None:
    """The variables the outermost ``SELECT`` projects, in order (with ``aliases``, those of
    ``(expression AS ?name)`` too); ``None`` for ``SELECT *`` or a query that is not a SELECT."""
    if first_keyword(text) != "SELECT":
        return None
    tokens = list(scan(text))
    start = next(i for i, t in tokens if t.upper() == "SELECT")
    end = next((i for i, t in tokens if i > start and (t == "{" or t.upper() == "WHERE")), None)
    clause = strip_strings(text[start + len("SELECT") : end])
    names: list[str] = []
    depth = 0
    for match in re.finditer(r"[()]|\bAS\s+[?$](\w+)|[?$](\w+)|\*", clause, flags=re.I):
        token = match.group()
        if token in "()":
            depth += 1 if token == "(" else -1
        elif token == "*":
            if depth == 0:
                return None
        elif match.group(1):  # (expression AS ?name)
            names += [match.group(1)] if aliases else []
        elif depth == 0:
            names.append(match.group(2))
    return names


def paged_text(text: str, page: Page, *, lookahead: bool = True) -> str | None:
    """``text`` answering one page of its rows, in a stable order; ``None`` if it cannot be paged
    (not a SELECT, or it has a LIMIT or OFFSET of its own).

    Rows are ordered by the query's own ``ORDER BY`` and then by every variable it projects as
    such (not an ``AS`` alias: an aggregate's, whose ``GROUP_CONCAT`` order is open and which
    Virtuoso does not sort on) that it does not already name, so that tied rows keep one order
    from page to page; a query without an ``ORDER BY`` is given one over those variables. One row
    more than the page is asked for (``lookahead``), so that :func:`page_of` can tell whether
    another follows; without it, the query asks for the page exactly (the server's examples).
    """
    if first_keyword(text) != "SELECT":
        return None
    tokens = list(scan(text))
    depth, close = 0, None
    for index, token in tokens:  # the closing brace of the outermost group: modifiers follow
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth == 0:
                close = index
                break
    if close is None:
        return None
    tail = [(i, t.upper()) for i, t in tokens if i > close]
    words = [t for _, t in tail]
    if "LIMIT" in words or "OFFSET" in words:
        return None
    # a trailing VALUES block comes after the modifiers
    at = next((i for i, t in tail if t == "VALUES"), len(text))
    head, rest = text[:at].rstrip(), text[at:]
    names = projected_variables(text, aliases=False) or []
    if "ORDER" in words:
        order = strip_comments(head[next(i for i, t in tail if t == "ORDER") :])
        missing = [n for n in names if not re.search(rf"[?$]{n}\b", order)]
        keys = "".join(f" ?{n}" for n in missing)
        head += ("\n " + keys) if keys else ""
    elif names:
        head += "\nORDER BY" + "".join(f" ?{n}" for n in names)
    modifiers = f"\nLIMIT {page.size + lookahead} OFFSET {page.offset}"
    return head + modifiers + ("\n" + rest if rest else "\n")


def run_paged(text: str, page: Page | None, run: Callable[[str], QueryResult]) -> QueryResult:
    """``run`` (an embedded store or an endpoint) on ``text``; with ``page``, on its paged form
    (:func:`paged_text`) and the answer cut to the page, or on ``text`` whole where no page can
    be cut (not a SELECT, or a query that sets its own ``LIMIT``/``OFFSET``)."""
    paged = paged_text(text, page) if page else None
    if paged is None or page is None:
        return run(text)
    return page_of(run(paged), page)


def page_of(result: QueryResult, page: Page) -> QueryResult:
    """The answer to :func:`paged_text`'s query cut to the page, ``more`` if a row followed."""
    result.more = len(result.rows) > page.size
    result.rows = result.rows[: page.size]
    result.page = page
    return result
