"""Markdown (CommonMark, with GFM tables): the roles its syntax gives each line.

Takes the decoded text of a ``.md`` file; gives ``{line number: LineRole}`` from markdown-it-py's
token stream (its ``map`` says which source lines each block spans): ATX and setext headings with
their level, list items with their number or bullet and nesting depth, table rows with their
cells, and the further lines of a paragraph or item as continuations. The text itself is kept as
read, so every span still points into the file; only roles are added.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..model import LineRole

_PARSER = MarkdownIt("commonmark").enable("table")
#: Inline syntax removed from a role's text: links keep their words, images and HTML go.
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def inline_text(s: str) -> str:
    """The words of a Markdown inline run: links keep their text, emphasis marks go."""
    s = _LINK.sub(r"\1", s)
    s = re.sub(r"(\*\*|__)(.+?)\1", r"\2", s)
    return " ".join(s.split())


def _first_inline(tokens: list[Token], i: int) -> Token | None:
    for t in tokens[i + 1 :]:
        if t.type == "inline":
            return t
        if t.type.endswith("_close"):
            return None
    return None


def markdown_roles(text: str) -> dict[int, LineRole]:
    """Roles of the lines of a Markdown text (1-based line numbers)."""
    tokens = _PARSER.parse(text)
    roles: dict[int, LineRole] = {}
    depth = 0
    row: list[str] | None = None
    row_line = 0
    for i, t in enumerate(tokens):
        if t.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif t.type == "heading_open" and t.map:
            inline = _first_inline(tokens, i)
            first = t.map[0] + 1
            roles[first] = LineRole(
                "heading", inline_text(inline.content if inline else ""), level=int(t.tag[1:])
            )
            for n in range(first + 1, t.map[1] + 1):  # a setext heading's text and underline
                roles.setdefault(n, LineRole("continuation", ""))
        elif t.type == "list_item_open" and t.map:
            inline = _first_inline(tokens, i)
            first = t.map[0] + 1
            marker = t.info if t.info else t.markup
            content = inline.content.split("\n")[0] if inline else ""
            roles[first] = LineRole("item", inline_text(content), level=depth, marker=marker)
        elif t.type == "paragraph_open" and t.map:
            for n in range(t.map[0] + 2, t.map[1] + 1):
                roles.setdefault(n, LineRole("continuation", ""))
        elif t.type == "tr_open" and t.map:
            row, row_line = [], t.map[0] + 1
        elif t.type == "inline" and row is not None:
            row.append(inline_text(t.content))
        elif t.type == "tr_close" and row is not None:
            roles[row_line] = LineRole("table-row", " | ".join(c for c in row if c))
            row = None
    return roles
