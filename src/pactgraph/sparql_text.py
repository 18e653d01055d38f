"""SPARQL text read as tokens: braces and bare words outside comments, strings and IRIs.

Enough of SPARQL's syntax for the query library to find where a query's outermost ``WHERE``
group opens (to bind parameters with ``VALUES``, ``query.py``), which form it has, and where its
modifiers go (to cut a page, ``paging.py``), without a parser: comments, string literals and
IRIs are skipped whole, so a brace or a keyword inside them is never taken for one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_KEYWORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def skip_opaque(text: str, i: int) -> int | None:
    """The index just after the comment, string literal or IRI that opens at ``i`` (``None``
    when none opens there): what a bracket or a word inside one is not (also
    ``sparql_guard.nesting_depth``)."""
    ch = text[i]
    if ch == "#":
        end = text.find("\n", i)
        return len(text) if end < 0 else end + 1
    if ch in "\"'":
        quote = ch * 3 if text.startswith(ch * 3, i) else ch
        j, n = i + len(quote), len(text)
        while j < n and not text.startswith(quote, j):
            j += 2 if text[j] == "\\" else 1
        return j + len(quote)
    if ch == "<" and (m := _IRIREF.match(text, i)):
        return m.end()
    return None


def scan(text: str) -> Iterable[tuple[int, str]]:
    """Yield ``(index, token)`` for ``{``, ``}`` and bare words outside comments/strings/IRIs."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "#\"'<" and (after := skip_opaque(text, i)) is not None:
            i = after
        elif ch in "{}":
            yield i, ch
            i += 1
        elif ch in "?$":
            m = _KEYWORD.match(text, i + 1)
            i = m.end() if m else i + 1  # a variable, never a keyword
        elif ch.isalpha() or ch == "_":
            m = _KEYWORD.match(text, i)
            assert m is not None
            end = m.end()
            if end < n and text[end] == ":":  # prefixed name: skip it whole
                while end < n and not text[end].isspace() and text[end] not in "{}();,":
                    end += 1
            else:
                yield i, m.group()
            i = end
        else:
            i += 1


def where_group_start(text: str) -> int | None:
    """Index of the ``{`` opening the query's outermost WHERE group (``None`` if there is none)."""
    depth = 0
    seen_where = False
    first_group: int | None = None
    for index, token in scan(text):
        if token == "{":
            if depth == 0:
                if seen_where:
                    return index
                if first_group is None:
                    first_group = index
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0 and token.upper() == "WHERE":
            seen_where = True
    # SELECT/ASK may omit the WHERE keyword: then their first group is the pattern
    return first_group if first_keyword(text) in ("SELECT", "ASK") else None


def uses_keyword(text: str, keyword: str) -> bool:
    """Whether SPARQL ``text`` uses ``keyword`` (e.g. ``SERVICE``) outside strings/IRIs/comments."""
    wanted = keyword.upper()
    return any(token.upper() == wanted for _, token in scan(text))


def first_keyword(text: str) -> str | None:
    for _, token in scan(text):
        upper = token.upper()
        if upper in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return upper
    return None


def strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def strip_strings(text: str) -> str:
    """``text`` with its comments and the contents of its string literals taken out."""
    return _STRING_OR_COMMENT.sub(lambda m: "" if m.group().startswith("#") else '""', text)


_STRING_OR_COMMENT = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*')
