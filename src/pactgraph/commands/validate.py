"""``pactgraph validate [GRAPH]``: check a graph against the SHACL shapes in ``shapes/``.

Takes a graph file (default ``build/graph.ttl``); gives ``validation.ttl`` (the
``sh:ValidationReport``, byte-stable) next to it or at ``--report``, and a table of the results:
failing node, its label, the provision it was read from (reference and first words), path,
message and severity. Exit status 0 when the graph conforms (no Violation), 1 when it does not,
2 when the input cannot be used. ``--fast`` runs the same constraints compiled to SPARQL over
pyoxigraph (for large graphs; GRAPH may then also be an Oxigraph store directory).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..validate import Row, ValidationResult
from ._common import DEFAULT_GRAPH, console, handle_errors

_STYLE = {"Violation": "bold red", "Warning": "yellow", "Info": "cyan"}


def _short(iri: str) -> str:
    for prefix, short in (
        ("https://w3id.org/pactgraph/ontology#", "pg:"),
        ("https://w3id.org/pactgraph/shapes#", "pgsh:"),
        ("http://www.w3.org/ns/shacl#", "sh:"),
        ("http://www.w3.org/2000/01/rdf-schema#", "rdfs:"),
        ("http://www.w3.org/ns/prov#", "prov:"),
        ("http://www.w3.org/ns/oa#", "oa:"),
        ("http://purl.org/dc/terms/", "dct:"),
        ("http://data.europa.eu/eli/ontology#", "eli:"),
        ("https://w3id.org/pactgraph/", ":"),
    ):
        if iri.startswith(prefix):
            return short + iri[len(prefix) :]
    return iri


def _print_rows(rows: list[Row], *, limit: int) -> None:
    table = Table(show_lines=True)
    for column in ("severity", "node", "label", "source provision", "path", "message"):
        table.add_column(column, overflow="fold")
    for row in rows[:limit]:
        name = row.severity_name
        provision = f"[b]{row.provision}[/b] {row.snippet}" if row.provision else ""
        message = row.message or _short(row.component)
        if row.value:
            message += f" [dim](value: {_short(row.value)})[/dim]"
        table.add_row(
            f"[{_STYLE.get(name, '')}]{name}[/]",
            _short(row.focus),
            row.label,
            provision,
            _short(row.path),
            message,
        )
    console.print(table)
    if len(rows) > limit:
        console.print(f"… {len(rows) - limit} more result(s) in the report", style="dim")


def _print_plain(rows: list[Row], *, limit: int) -> None:
    """One tab-separated line per row (for pipes and logs: no wrapping, greppable)."""
    for row in rows[:limit]:
        provision = f"{row.provision}: {row.snippet}" if row.provision else ""
        fields = (
            row.severity_name,
            row.focus,
            row.label,
            provision,
            row.path,
            row.message or row.component,
            row.value,
        )
        typer.echo("\t".join(f.replace("\t", " ").replace("\n", " ") for f in fields))
    if len(rows) > limit:
        typer.echo(f"… {len(rows) - limit} more result(s) in the report")


def _summary(result: ValidationResult, report_path: Path) -> str:
    from ..namespaces import SH

    counts = ", ".join(
        f"{result.count(sev)} {name}(s)"
        for sev, name in ((SH.Violation, "violation"), (SH.Warning, "warning"), (SH.Info, "info"))
    )
    verdict = "conforms" if result.conforms else "does not conform"
    return f"{verdict}: {counts}; report written to {report_path}"


def register(app: typer.Typer) -> None:
    @app.command("validate")
    @handle_errors(exit_code=2)
    def validate_command(
        graph: Annotated[
            Path,
            typer.Argument(help="Graph file to validate (Turtle, N-Triples, RDF/XML, JSON-LD)."),
        ] = DEFAULT_GRAPH,
        report: Annotated[
            Path | None,
            typer.Option(help="Where to write the report (default: validation.ttl beside GRAPH)."),
        ] = None,
        fast: Annotated[
            bool,
            typer.Option(
                "--fast",
                help="Run the shapes compiled to SPARQL on pyoxigraph (large graphs; GRAPH may "
                "be an Oxigraph store directory).",
            ),
        ] = False,
        severity: Annotated[
            str,
            typer.Option(help="Lowest severity to list: violation, warning or info."),
        ] = "warning",
        limit: Annotated[int, typer.Option(help="Show at most this many rows.")] = 50,
        plain: Annotated[
            bool | None,
            typer.Option(
                "--plain/--table",
                help="Tab-separated lines or a table (default: a table on a terminal only).",
                show_default=False,
            ),
        ] = None,
        show_queries: Annotated[
            bool,
            typer.Option(
                "--show-queries", help="Print the SPARQL the fast path runs, one per constraint."
            ),
        ] = False,
    ) -> None:
        """Validate a graph against the SHACL shapes; exit 1 when it has Violations."""
        if show_queries:
            from ..fastvalidate import default_constraints, render_queries

            typer.echo(render_queries(default_constraints()))
            raise typer.Exit(0)
        levels = {"violation": 0, "warning": 1, "info": 2}
        if severity.lower() not in levels:
            raise ValueError(f"--severity must be one of {', '.join(levels)}, got {severity!r}")
        if fast:
            from ..fastvalidate import validate_path

            result = validate_path(graph)
        else:
            from ..validate import load_data_graph, validate_graph

            result = validate_graph(load_data_graph(graph))
        target = report or graph.parent / "validation.ttl"
        target.parent.mkdir(parents=True, exist_ok=True)
        result.write_report(target)
        shown = [row for row in result.rows if row.severity_rank <= levels[severity.lower()]]
        if shown and (plain if plain is not None else not console.is_terminal):
            _print_plain(shown, limit=limit)
        elif shown:
            _print_rows(shown, limit=limit)
        console.print(_summary(result, target), highlight=False)
        raise typer.Exit(0 if result.conforms else 1)
