"""The ``pactgraph`` command line (Typer + Rich).

Each subcommand lives in its own module under :mod:`pactgraph.commands` and registers itself
through ``register(app)``; this module only assembles them and turns :class:`PactgraphError`
into one readable line and an exit status (no traceback without ``--debug``).
"""

from __future__ import annotations

import importlib
import os
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from . import __version__


def _hide_flag_metavars(command: TyperCommand | TyperGroup) -> None:
    """No ``<bool>`` beside a flag in --help: a flag takes no value (the help flag included)."""
    for param in command.params:
        if isinstance(param, TyperOption) and param.is_flag:
            param.metavar = ""
    make_help_option = command.get_help_option

    def get_help_option(ctx: Any) -> TyperOption | None:
        option = make_help_option(ctx)
        if option is not None:
            option.metavar = ""
        return option

    command.get_help_option = get_help_option  # type: ignore[method-assign]
    for sub in getattr(command, "commands", {}).values():
        _hide_flag_metavars(sub)


class PactgraphGroup(TyperGroup):
    """The root command group: its commands' help shows flags as flags."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _hide_flag_metavars(self)


app = typer.Typer(
    cls=PactgraphGroup,
    name="pactgraph",
    help=(
        "Build, validate, query and publish a knowledge graph of who committed to what in "
        "international migration policy (UN resolutions, compacts, reports).\n\n"
        "Start with `pactgraph build` (reads the bundled corpus, writes build/), then "
        "`pactgraph export provisions`, `pactgraph query --list` or `pactgraph serve`."
    ),
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Subcommand modules, in the order `pactgraph --help` lists them.
COMMAND_MODULES = [
    "build",
    "export",
    "query",
    "publish",
    "reason",
    "serve",
    "validate",
    "viz",
    "diff",
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pactgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    debug: bool = typer.Option(
        False, "--debug", help="Show the full traceback of an error (same as PACTGRAPH_DEBUG=1)."
    ),
) -> None:
    """pactgraph: commitments, actors and instruments of migration policy as linked data."""
    if debug:
        os.environ["PACTGRAPH_DEBUG"] = "1"
    if ctx.invoked_subcommand is None:  # bare `pactgraph`: the help, and success
        typer.echo(ctx.get_help())
        raise typer.Exit(0)


for _name in COMMAND_MODULES:
    importlib.import_module(f"pactgraph.commands.{_name}").register(app)
