"""``pactgraph publish``: upload the build to any SPARQL 1.1 store (Graph Store Protocol PUT).

Takes ``--endpoint`` (the store's Graph Store Protocol URL), ``--named-graph`` and the build
directory (``--graph``, as every command names what it reads);
gives one line per uploaded file. Idempotent: each PUT replaces its named graph.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ..namespaces import DEFAULT_BASE
from ..publish import publish
from ._common import DEFAULT_BUILD, BuildDirOption, BuiltBaseIriOption, console, handle_errors


def register(app: typer.Typer) -> None:
    app.command("publish")(publish_command)


@handle_errors()
def publish_command(
    endpoint: Annotated[
        str,
        typer.Option(
            "--endpoint",
            help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store (Oxigraph).",
        ),
    ],
    graph: Annotated[
        str | None,
        typer.Option(
            "--named-graph",
            metavar="IRI",
            help="Named graph for the asserted triples (default <base>dataset; 'default' "
            "for the store's default graph). Inferred triples go to <IRI>/inferred.",
            show_default=False,
        ),
    ] = None,
    build: BuildDirOption = DEFAULT_BUILD,
    base_iri: BuiltBaseIriOption = DEFAULT_BASE,
) -> None:
    """Load the graph (and inferred triples, as their own named graph) into a SPARQL store."""
    report = publish(endpoint, build, graph=graph, base=base_iri)
    for upload in report.uploads:
        console.print(
            f"[bold green]published[/] {upload.file} ({upload.size:,} bytes) -> "
            f"graph {upload.graph} (HTTP {upload.status})",
            highlight=False,
        )
