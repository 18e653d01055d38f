"""What every subcommand shares: the Rich consoles, error reporting and default paths."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import PactgraphError

console = Console()
err_console = Console(stderr=True)

DEFAULT_BUILD = Path("build")
DEFAULT_GRAPH = DEFAULT_BUILD / "graph.ttl"

#: Options that several commands share, declared once.
BuildDirOption = Annotated[
    Path,
    typer.Option(
        "--graph",
        "--build",
        help="The build directory (graph.nt) to read; --build is its old name.",
    ),
]
BuiltBaseIriOption = Annotated[
    str, typer.Option("--base-iri", help="Base IRI the build was minted under.")
]
#: The one vocabulary of the commands: ``--graph`` is what they read (a build directory or a
#: graph file), ``--out``/``-o`` is where they write.
GraphOption = Annotated[
    Path,
    typer.Option("--graph", help="The built graph: a build directory or a graph file (.nt, .ttl)."),
]
OutOption = Annotated[
    Path | None, typer.Option("--out", "-o", help="Write here instead of standard output.")
]

F = TypeVar("F", bound=Callable[..., Any])


def debug_enabled() -> bool:
    return os.environ.get("PACTGRAPH_DEBUG", "") not in ("", "0")


def report_error(exc: BaseException) -> None:
    """Print one line naming what failed; the traceback only with PACTGRAPH_DEBUG=1 / --debug."""
    err_console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)


def handle_errors(exit_code: int = 2) -> Callable[[F], F]:
    """Decorator: PactgraphError and OSError become one line on stderr and ``exit_code``."""

    def wrap(fn: F) -> F:
        @functools.wraps(fn)
        def inner(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except (PactgraphError, OSError, ValueError) as exc:
                if debug_enabled():
                    raise
                report_error(exc)
                raise typer.Exit(exit_code) from None

        return inner  # type: ignore[return-value]

    return wrap
