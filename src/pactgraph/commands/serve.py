"""``pactgraph serve``: publish the build as linked data with a read-only SPARQL endpoint.

Takes the build directory, host, port, base IRI and query timeout; runs until interrupted.
What is served where: :mod:`pactgraph.serve`.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from typing import Annotated

import typer

from ..namespaces import DEFAULT_BASE
from ._common import DEFAULT_BUILD, BuildDirOption, BuiltBaseIriOption, console, handle_errors


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)


@handle_errors()
def serve_command(
    port: Annotated[int, typer.Option("--port", help="Port to listen on (0: any free).")] = 8080,
    host: Annotated[str, typer.Option("--host", help="Address to bind.")] = "127.0.0.1",
    build: BuildDirOption = DEFAULT_BUILD,
    base_iri: BuiltBaseIriOption = DEFAULT_BASE,
    timeout: Annotated[
        int, typer.Option("--timeout", help="SPARQL query timeout in seconds.", min=1)
    ] = 30,
    public_url: Annotated[
        str | None,
        typer.Option(
            "--public-url",
            help="Where users reach this site (absolute links in VoID and the SPARQL service "
            "description). Default: the base IRI.",
        ),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", help="SPARQL worker processes.", min=1)] = 2,
    result_cache: Annotated[
        int,
        typer.Option(
            "--result-cache",
            help="MB of SPARQL answers kept for identical queries while this build is served "
            "(0: none).",
            min=0,
        ),
    ] = 64,
) -> None:
    """Serve every IRI of the build by content negotiation, plus /sparql (read-only).

    SIGTERM or Ctrl-C stops it gracefully: requests in flight finish (10 s at most).
    """
    from ..serve import LinkedDataServer, ServeConfig

    app = LinkedDataServer(
        ServeConfig(
            build=build,
            host=host,
            port=port,
            base=base_iri,
            timeout_s=timeout,
            public_url=public_url,
            workers=workers,
            result_cache_bytes=result_cache * 1_000_000,
        )
    )
    app.start()
    console.print(
        f"[bold green]serving[/] {build}/ at {app.url} (SPARQL: {app.url}sparql); Ctrl-C stops",
        highlight=False,
    )
    # uvicorn shuts down gracefully on SIGTERM/SIGINT, then re-raises the signal to the handler
    # it found: make that a clean exit rather than death by signal
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with contextlib.suppress(KeyboardInterrupt):
        app.serve_forever()
