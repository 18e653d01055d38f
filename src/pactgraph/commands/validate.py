"""``pactgraph validate [GRAPH]``: check a graph against SHACL shapes (``shapes/`` by default).

Takes a graph file or an Oxigraph store directory (default ``build/graph.ttl``), which the
engine reads without rdflib; ``--shapes FILE_OR_DIR`` any shapes (a file, or every ``*.ttl`` of
a folder); ``--engine NAME`` the SHACL engine (:data:`pactgraph.engines.ENGINES`). Gives
``validation.ttl`` (the ``sh:ValidationReport``, byte-stable) next to it or at ``--out``, and the
results: on a terminal a table (failing node, its label, the provision it was read from,
reference and first words, path, message and severity); piped, tab-separated lines with a header
(see :func:`_print_plain`), the summary line on standard error. Exit status 0 when the graph
conforms (no Violation), 1 when it does not, 2 when the input cannot be used.

Older names still work, so scripts written for earlier versions (such as ``un-dev/score.py``)
keep running: ``--report`` for ``--out``, and ``--fast``, which asked for the SPARQL-compiled
validator of large graphs and stores; every engine now reads those itself, so it changes
nothing.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.text import Text

from ..engines import DEFAULT_ENGINE, ENGINES, get_engine
from ..validate import Row, ValidationResult
from ._common import DEFAULT_GRAPH, console, err_console, handle_errors
from ._tables import print_table

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


class Severity(StrEnum):
    """The lowest severity ``--severity`` lists."""

    violation = "violation"
    warning = "warning"
    info = "info"


PLAIN_COLUMNS = ("severity", "node", "label", "provision", "path", "message", "value")


def _print_rows(rows: list[Row], *, limit: int) -> None:
    """A table (one block per result on a terminal too narrow for the table)."""
    table_rows = []
    for row in rows[:limit]:
        name = row.severity_name
        provision = Text.from_markup(
            f"[b]{escape(row.provision)}[/b] {escape(row.snippet)}" if row.provision else ""
        )
        message = Text(row.message or _short(row.component))
        if row.value:
            message.append(f" (value: {_short(row.value)})", style="dim")
        table_rows.append(
            [
                Text(name, style=_STYLE.get(name, "")),
                _short(row.focus),
                row.label,
                provision,
                _short(row.path),
                message,
            ]
        )
    print_table(
        console,
        ["severity", "node", "label", "source provision", "path", "message"],
        table_rows,
        show_lines=True,
    )
    if len(rows) > limit:
        err_console.print(f"… {len(rows) - limit} more result(s) in the report", style="dim")


def _print_plain(rows: list[Row], *, limit: int) -> None:
    """Tab-separated values for pipes: a header line, then one line per result, full IRIs.

    Columns (:data:`PLAIN_COLUMNS`): severity (Violation, Warning, Info), node, label,
    provision ("ref: first words", or empty), path, message, value. Tabs and line breaks inside
    a field become spaces, so every result is exactly one line. Anything else (how many more
    results the report holds, the summary) goes to standard error.
    """
    typer.echo("\t".join(PLAIN_COLUMNS))
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
        err_console.print(f"… {len(rows) - limit} more result(s) in the report", highlight=False)


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
            typer.Option(
                "--out",
                "-o",
                help="Where to write the report (default: validation.ttl beside GRAPH).",
                show_default=False,
            ),
        ] = None,
        old_report: Annotated[
            Path | None,
            typer.Option("--report", hidden=True, help="Old name of --out."),
        ] = None,
        shapes: Annotated[
            Path | None,
            typer.Option(help="Shapes: a Turtle file, or a folder whose *.ttl are all read."),
        ] = None,
        engine: Annotated[
            str,
            typer.Option(help=f"SHACL engine: {', '.join(sorted(ENGINES))}."),
        ] = DEFAULT_ENGINE,
        severity: Annotated[
            Severity,
            typer.Option(help="Lowest severity to list.", case_sensitive=False),
        ] = Severity.warning,
        limit: Annotated[int, typer.Option(help="Show at most this many rows.")] = 50,
        fast: Annotated[
            bool,
            typer.Option(
                "--fast",
                hidden=True,
                help="Old name of the large-graph path; every engine reads large graphs and "
                "stores itself, so it changes nothing.",
            ),
        ] = False,
        plain: Annotated[
            bool | None,
            typer.Option(
                "--plain/--table",
                help="Tab-separated lines (a header line, then one line per result: severity, "
                "node, label, provision, path, message, value) or a table. Default: a table on "
                "a terminal, tab-separated lines when piped.",
                show_default=False,
            ),
        ] = None,
    ) -> None:
        """Validate a graph against SHACL shapes; exit 1 when it has Violations.

        On a terminal the results are a table; piped or redirected they are tab-separated
        lines: a header (severity, node, label, provision, path, message, value), then one
        line per result with full IRIs. The summary line goes to standard error.
        """
        levels = {"violation": 0, "warning": 1, "info": 2}
        from ..validate import load_shapes, validate_path

        get_engine(engine)  # an unknown name fails before any work
        shapes_graph = load_shapes(shapes) if shapes is not None else None
        result = validate_path(graph, shapes=shapes_graph, engine=engine)
        target = report or old_report or graph.parent / "validation.ttl"
        target.parent.mkdir(parents=True, exist_ok=True)
        result.write_report(target)
        shown = [row for row in result.rows if row.severity_rank <= levels[severity.value]]
        if plain if plain is not None else not console.is_terminal:
            _print_plain(shown, limit=limit)  # the header even when there is nothing to list
        elif shown:
            _print_rows(shown, limit=limit)
        for note in result.notes:
            err_console.print(f"note: {note}", highlight=False, soft_wrap=True)
        err_console.print(_summary(result, target), highlight=False, soft_wrap=True)
        raise typer.Exit(0 if result.conforms else 1)
