"""One root exception for pactgraph, with a few children that carry a locator.

Only the CLI turns these into one-line messages and exit codes; library code raises them.
"""

from __future__ import annotations


class PactgraphError(Exception):
    """Root of every error pactgraph raises on purpose."""

    def __init__(self, message: str, *, locator: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.locator = locator

    def __str__(self) -> str:
        return f"{self.locator}: {self.message}" if self.locator else self.message


class InputError(PactgraphError):
    """An input file cannot be used (empty, binary, undecodable, unreadable).

    The locator is the file path; the build skips the file and goes on.
    """


class DataFileError(PactgraphError):
    """A bundled or user-supplied data file (gazetteer, cue table) is malformed.

    The locator names the data file and, where known, the entry.
    """


class GraphError(PactgraphError):
    """A graph given to validate/reason/query/export cannot be read or is not pactgraph's."""


class QueryError(PactgraphError):
    """A saved query, a parameter value or a query run is unusable; the locator names the file."""
