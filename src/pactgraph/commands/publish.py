"""``pactgraph publish``: upload the build to any SPARQL 1.1 store (Graph Store Protocol PUT).

Takes ``--endpoint`` (the store's Graph Store Protocol URL), ``--named-graph`` and the build
directory (``--graph``, as every command names what it reads); gives one line per uploaded file
and one per live graph changed. The asserted and inferred graphs are staged, then switched in by
one SPARQL Update (:mod:`pactgraph.publish`). Idempotent.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ..namespaces import DEFAULT_BASE
from ..publish import PublishError, publish
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
    update_endpoint: Annotated[
        str | None,
        typer.Option(
            "--update-endpoint",
            help="SPARQL Update URL that switches the staged graphs in (default: beside "
            "--endpoint, /store or /data -> /update).",
        ),
    ] = None,
    build: BuildDirOption = DEFAULT_BUILD,
    base_iri: BuiltBaseIriOption = DEFAULT_BASE,
    user: Annotated[
        str | None,
        typer.Option(
            "--user",
            help="Log in as this user for writes (HTTP Digest or Basic, as the store asks), "
            "e.g. Virtuoso's /sparql-graph-crud-auth. The password comes from --password or "
            "the environment variable PACTGRAPH_STORE_PASSWORD.",
            show_default=False,
        ),
    ] = None,
    password: Annotated[
        str | None,
        typer.Option(
            "--password",
            envvar="PACTGRAPH_STORE_PASSWORD",
            help="Password for --user (prefer the environment variable: command lines are "
            "visible to other users).",
            show_default=False,
            show_envvar=True,
        ),
    ] = None,
) -> None:
    """Load the graph (and inferred triples, as their own named graph) into a SPARQL store."""
    if user and password is None:
        raise PublishError(
            f"--user {user} needs a password: set PACTGRAPH_STORE_PASSWORD", locator=endpoint
        )
    auth = (user, password) if user and password is not None else None
    report = publish(
        endpoint, build, graph=graph, base=base_iri, auth=auth, update_endpoint=update_endpoint
    )
    for upload in report.uploads:
        console.print(
            f"[bold green]published[/] {upload.file} ({upload.size:,} bytes) -> "
            f"graph {upload.graph} (HTTP {upload.status})",
            highlight=False,
            soft_wrap=True,
        )
    for change in report.changes:
        console.print(f"[bold]changed[/] {change}", highlight=False, soft_wrap=True)
