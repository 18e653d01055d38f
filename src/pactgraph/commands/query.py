"""``pactgraph query``: run a saved query, a .rq file or inline SPARQL and print its answers.

Takes a library query name, a ``.rq`` file (its ``# title:``/``# question:`` header is optional;
the library's files must have one), SPARQL text given inline, or ``-`` for standard input; then
``--param k=v`` values and either a built graph (embedded pyoxigraph store) or ``--endpoint URL``
(any SPARQL 1.1 endpoint, whose published named graphs it finds by itself); gives a table, CSV,
TSV or SPARQL JSON on stdout. ``--list`` shows the library with its questions and parameters.

A SELECT answer comes a page at a time: ``--limit`` rows (100 unless asked, as SPARQL tools show
them) from ``--offset`` on, in a stable order (:func:`pactgraph.query.paged_text`), and a line on
standard error says how to ask for the next page; ``--all`` gives every row at once.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from ..endpoint import find_dataset_graphs, run_remote
from ..namespaces import DEFAULT_BASE
from ..query import (
    DEFAULT_PAGE_SIZE,
    EmbeddedStore,
    OutputFormat,
    Page,
    QueryError,
    QueryResult,
    find_query,
    format_result,
    inline_query,
    load_library,
    looks_like_sparql,
)
from ._common import DEFAULT_BUILD, GraphOption, console, err_console, handle_errors
from ._tables import print_table


def _parse_params(pairs: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param expects name=value, got {pair!r}")
        values[name.strip()] = value
    return values


def _print_library(queries_dir: Path | None) -> None:
    """One block per query: its name whole on a line of its own, then title, question, params.

    The name is never wrapped or cut (it is what one types); the rest wraps to the width,
    indented, without trailing spaces.
    """
    library = load_library(queries_dir)
    width = max(console.width, 40)
    indent = " " * 4
    for index, (name, query) in enumerate(library.items()):
        if index:
            console.print()
        console.print(Text(name, style="bold cyan"), soft_wrap=True)
        lines = [(query.title, "bold"), (query.question, "")]
        for p in query.params:
            default = f"default {p.default}" if p.default else "required"
            lines.append((f"--param {p.name}=… ({p.type}, {default}): {p.meaning}", "dim"))
        for line, style in lines:
            wrapped = textwrap.fill(
                line, width=width, initial_indent=indent, subsequent_indent=indent + "  "
            )
            console.print(Text(wrapped, style=style), soft_wrap=True)


def _print_answers(result: QueryResult) -> None:
    if result.boolean is not None or result.graph is not None:
        console.print(format_result(result, OutputFormat.TABLE), end="", markup=False)
        return
    rows = [["" if t is None else str(t) for t in row] for row in result.rows]
    print_table(console, result.columns, rows)
    if result.whole:
        console.print(f"{len(result.rows)} row(s)", style="dim", highlight=False)


def _say_page(result: QueryResult) -> None:
    """On standard error: which rows of the answer these are, and how to get the next ones."""
    page = result.page
    if page is None or result.whole:
        return
    first, last = page.offset + 1, page.offset + len(result.rows)
    shown = f"rows {first}–{last}" if result.rows else f"no rows from row {first} on"
    if result.more:
        shown += f"; more follow: --offset {last} for the next page, --all for every row"
    err_console.print(shown, style="dim", highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    @app.command("query")
    @handle_errors()
    def query_command(
        name: Annotated[
            str | None,
            typer.Argument(
                metavar="QUERY",
                help="A library query name (see --list), a .rq file, SPARQL text in quotes, "
                "or - to read SPARQL from standard input. Library files need '# title:' and "
                "'# question:' header lines; your own files and inline text do not.",
                show_default=False,
            ),
        ] = None,
        param: Annotated[
            list[str] | None,
            typer.Option(
                "--param",
                "-p",
                metavar="NAME=VALUE",
                help="A parameter value (repeatable).",
                show_default=False,
            ),
        ] = None,
        endpoint: Annotated[
            str | None,
            typer.Option(
                metavar="URL",
                help="Query this SPARQL 1.1 endpoint instead of the build. The named graphs "
                "`pactgraph publish` wrote are found by themselves.",
                show_default=False,
            ),
        ] = None,
        default_graph: Annotated[
            list[str] | None,
            typer.Option(
                "--default-graph-uri",
                metavar="IRI",
                help="With --endpoint: query this named graph as the default graph "
                "(repeatable); overrides the graphs found.",
                show_default=False,
            ),
        ] = None,
        fmt: Annotated[
            OutputFormat, typer.Option("--format", "-f", help="Output format.")
        ] = OutputFormat.TABLE,
        graph: GraphOption = DEFAULT_BUILD,
        base: Annotated[
            str, typer.Option("--base-iri", help="Base IRI for parameters given as paths.")
        ] = DEFAULT_BASE,
        queries: Annotated[
            Path | None,
            typer.Option("--queries", help="Query library directory.", show_default=False),
        ] = None,
        list_: Annotated[bool, typer.Option("--list", help="List the library and exit.")] = False,
        limit: Annotated[
            int,
            typer.Option(
                min=1, help="Rows in a page of a SELECT answer (in a stable order; see --all)."
            ),
        ] = DEFAULT_PAGE_SIZE,
        offset: Annotated[
            int, typer.Option(min=0, help="Start the page after this many rows.")
        ] = 0,
        all_: Annotated[
            bool,
            typer.Option("--all", help="Every row of the answer at once, not a page."),
        ] = False,
    ) -> None:
        """Run a saved query, a .rq file or inline SPARQL on the build or on a SPARQL endpoint.

        pactgraph query requests-to-un;
        pactgraph query my-question.rq;
        pactgraph query 'SELECT ?work WHERE { ?work a pg:Work }' (add the PREFIX line)
        """
        if list_:
            _print_library(queries)
            return
        if not name:
            raise QueryError("give a query name, a .rq file, SPARQL text or -, or --list")
        if name == "-":
            saved = inline_query(sys.stdin.read())
        else:
            library = (
                None if name.endswith(".rq") or looks_like_sparql(name) else load_library(queries)
            )
            saved = find_query(name, library)
        values = _parse_params(param or [])
        page = None if all_ else Page(size=limit, offset=offset)
        if endpoint:
            graphs = list(default_graph or ())
            if not graphs:
                graphs = find_dataset_graphs(endpoint, base=base)
                if graphs:
                    err_console.print(
                        "querying the named graph(s) " + ", ".join(graphs) + " of the endpoint "
                        "(--default-graph-uri chooses others)",
                        style="dim",
                        highlight=False,
                        soft_wrap=True,
                    )
            result = run_remote(
                endpoint, saved, values, base=base, default_graphs=graphs, page=page
            )
        else:
            result = EmbeddedStore.from_build(graph, base=base).run(saved, values, page=page)
        _say_page(result)
        if fmt is OutputFormat.TABLE:
            _print_answers(result)
        else:
            typer.echo(format_result(result, fmt), nl=False)
