"""``pactgraph export provisions``: one record per provision, read from the graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import GraphError
from ._common import DEFAULT_GRAPH, console, handle_errors

export_app = typer.Typer(
    help="Export tables for analysts from the built graph.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")


@export_app.command("provisions")
@handle_errors()
def provisions(
    graph: Annotated[Path, typer.Option("--graph", "-g", help="The built graph.")] = DEFAULT_GRAPH,
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or csv.")] = "json",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """One record per provision: doc, ref, is_commitment, modality, actors, partners,
    instruments, objective, text (lists joined with "; " in CSV)."""
    from ..export import ExportFormat, provision_records, write_records

    if not graph.exists():
        raise GraphError("no such graph; run `pactgraph build` first", locator=str(graph))
    try:
        kind = ExportFormat(fmt)
    except ValueError:
        raise typer.BadParameter("--format must be json or csv") from None
    text = write_records(provision_records(graph), kind)
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        console.print(f"wrote {output}", highlight=False)
    else:
        typer.echo(text, nl=False)
