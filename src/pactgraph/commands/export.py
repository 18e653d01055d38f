"""``pactgraph export provisions``: one record per provision, read from the graph."""

from __future__ import annotations

from typing import Annotated

import typer

from ..export import ExportFormat
from ._common import DEFAULT_BUILD, GraphOption, OutOption, console, handle_errors

export_app = typer.Typer(
    help="Export tables for analysts from the built graph.", invoke_without_command=True
)


@export_app.callback()
def export_group(ctx: typer.Context) -> None:
    """Export tables for analysts from the built graph."""
    if ctx.invoked_subcommand is None:  # bare `pactgraph export`: its help, and success
        typer.echo(ctx.get_help())
        raise typer.Exit(0)


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")


@export_app.command("provisions")
@handle_errors()
def provisions(
    graph: GraphOption = DEFAULT_BUILD,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExportFormat.json,
    out: OutOption = None,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel", help="CSV for Excel: UTF-8 with a byte-order mark, CRLF line ends."
        ),
    ] = False,
) -> None:
    """One record per provision, in natural order: doc, doc_invented, work, provision, ref,
    ref_invented, part, is_commitment, commitments, modality, actors, partners, instruments,
    objectives, objective_labels, text.

    `commitments` counts the provision's commitment statements (summed over all rows it is the
    build's commitment count); `is_commitment` is commitments > 0. `doc_invented` /
    `ref_invented` mark a symbol or reference that pactgraph made up because the text prints
    none. `part` is "preambular" or "operative" in a resolution or decision (a sub-item takes
    its paragraph's part), empty elsewhere. In CSV, lists are joined with "; ".
    """
    from ..export import provision_records, write_records

    if excel and fmt is not ExportFormat.csv:
        raise typer.BadParameter("--excel writes CSV: use it with --format csv")
    text = write_records(provision_records(graph), fmt, excel=excel)
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(text.encode("utf-8"))
        console.print(f"wrote {out}", highlight=False)
    else:
        typer.echo(text, nl=False)
