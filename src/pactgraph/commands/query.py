"""``pactgraph query``: run a saved query of the library (or any .rq file) and print its answers.

Takes a query name or file, ``--param k=v`` values and either a build directory (embedded
pyoxigraph store) or ``--endpoint URL`` (any SPARQL 1.1 endpoint); gives a table, CSV, TSV or
SPARQL JSON on stdout. ``--list`` shows the library with its questions and parameters.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..namespaces import DEFAULT_BASE
from ..query import (
    EmbeddedStore,
    OutputFormat,
    QueryError,
    QueryResult,
    find_query,
    format_result,
    load_library,
    run_remote,
)
from ._common import DEFAULT_BUILD, console, handle_errors


def _parse_params(pairs: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param expects name=value, got {pair!r}")
        values[name.strip()] = value
    return values


def _print_library(queries_dir: Path | None) -> None:
    library = load_library(queries_dir)
    table = Table(title="pactgraph query library", show_lines=True)
    table.add_column("name", style="bold")
    table.add_column("question")
    table.add_column("parameters")
    for name, query in library.items():
        params = "\n".join(
            f"{p.name} ({p.type}{', ' + p.default if p.default else ', required'}) — {p.meaning}"
            for p in query.params
        )
        table.add_row(name, f"[b]{query.title}[/b]\n{query.question}", params)
    console.print(table)


def _print_table(result: QueryResult) -> None:
    if result.boolean is not None or result.graph is not None:
        console.print(format_result(result, OutputFormat.TABLE), end="", markup=False)
        return
    table = Table(show_lines=False)
    for column in result.columns:
        table.add_column(column, overflow="fold")
    for row in result.rows:
        table.add_row(*("" if t is None else str(t) for t in row))
    console.print(table)
    console.print(f"{len(result.rows)} row(s)", style="dim")


def register(app: typer.Typer) -> None:
    @app.command("query")
    @handle_errors()
    def query_command(
        name: Annotated[
            str | None,
            typer.Argument(help="A library query name (see --list) or the path of a .rq file."),
        ] = None,
        param: Annotated[
            list[str] | None,
            typer.Option("--param", "-p", help="A parameter value, name=value (repeatable)."),
        ] = None,
        endpoint: Annotated[
            str | None,
            typer.Option(help="Query this SPARQL 1.1 endpoint instead of the build."),
        ] = None,
        default_graph: Annotated[
            list[str] | None,
            typer.Option(
                "--default-graph-uri",
                help="With --endpoint: a named graph to query as the default graph (repeatable).",
            ),
        ] = None,
        fmt: Annotated[
            OutputFormat, typer.Option("--format", "-f", help="Output format.")
        ] = OutputFormat.TABLE,
        graph: Annotated[
            Path, typer.Option("--graph", help="Build directory holding graph.nt (embedded).")
        ] = DEFAULT_BUILD,
        base: Annotated[
            str, typer.Option("--base-iri", help="Base IRI for parameters given as paths.")
        ] = DEFAULT_BASE,
        queries: Annotated[
            Path | None, typer.Option("--queries", help="Query library directory.")
        ] = None,
        list_: Annotated[bool, typer.Option("--list", help="List the library and exit.")] = False,
    ) -> None:
        """Run a saved SPARQL query on the build (embedded) or on any SPARQL endpoint."""
        if list_:
            _print_library(queries)
            return
        if not name:
            raise QueryError("give a query name or .rq file, or --list")
        library = load_library(queries) if not name.endswith(".rq") else None
        saved = find_query(name, library)
        values = _parse_params(param or [])
        if endpoint:
            result = run_remote(
                endpoint, saved, values, base=base, default_graphs=tuple(default_graph or ())
            )
        else:
            result = EmbeddedStore.from_build(graph, base=base).run(saved, values)
        if fmt is OutputFormat.TABLE:
            _print_table(result)
        else:
            typer.echo(format_result(result, fmt), nl=False)
