"""The ``pactgraph`` command line (Typer + Rich).

Each subcommand lives in its own module under :mod:`pactgraph.commands` and registers itself
through ``register(app)``; this module only assembles them and turns :class:`PactgraphError`
into one readable line and an exit status (no traceback without ``--debug``).
"""

from __future__ import annotations

import importlib
import os

import typer

from . import __version__

app = typer.Typer(
    name="pactgraph",
    help=(
        "Build, validate, query and publish a knowledge graph of who committed to what in "
        "international migration policy (UN resolutions, compacts, reports).\n\n"
        "Start with `pactgraph build` (reads the bundled corpus, writes build/), then "
        "`pactgraph export provisions`, `pactgraph query --list` or `pactgraph serve`."
    ),
    no_args_is_help=True,
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
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pactgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(
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


for _name in COMMAND_MODULES:
    importlib.import_module(f"pactgraph.commands.{_name}").register(app)
