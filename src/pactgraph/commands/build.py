"""``pactgraph build``: read texts, find their documents and commitments, write the graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from ..namespaces import DEFAULT_BASE
from ._common import console, err_console, handle_errors


def register(app: typer.Typer) -> None:
    app.command("build")(build)


@handle_errors()
def build(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Text files or folders of *.txt to read. Default: the bundled corpus/.",
            show_default=False,
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("build"),
    base_iri: Annotated[
        str, typer.Option("--base-iri", help="Base of every IRI the graph mints.")
    ] = DEFAULT_BASE,
    validate: Annotated[
        bool, typer.Option("--validate/--no-validate", help="Check the graph with SHACL.")
    ] = True,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", help="Parallel processes (0: one per core).")
    ] = 1,
    store: Annotated[
        bool | None,
        typer.Option(
            "--store/--no-store",
            help="Also write an on-disk Oxigraph store (default: only for large builds).",
            show_default=False,
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Run the per-file and per-work tasks on this Dask scheduler's workers "
            "(e.g. tcp://10.0.0.5:8786) instead of --jobs local processes; same output. "
            "The workers must see --out at the same path (shared filesystem).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Build the knowledge graph: documents, provisions, commitments, actors, instruments.

    Writes OUT/graph.nt (sorted N-Triples), graph.ttl, graph.jsonld and stats.json (documents,
    provisions, triples, timings and per-file line coverage). A file that cannot be read (empty,
    binary, not text) is reported in one line and skipped; the exit status is then 1.
    """
    from ..pipeline import BUNDLED_CORPUS, collect_inputs
    from ..pipeline import build as run_build

    with Progress(
        TextColumn("[bold]{task.fields[phase]}[/] {task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    ) as bar:
        files = collect_inputs(paths or [BUNDLED_CORPUS])
        parse = bar.add_task("", total=len(files), phase="reading")
        works = bar.add_task("", total=None, phase="linking", visible=False)

        def step(phase: str, item: str) -> None:
            if phase == "parse":
                bar.update(parse, description=Path(item).name, advance=1)
            else:
                bar.update(works, description=item, advance=1, visible=True)

        try:
            result = run_build(
                paths or None,
                out=out,
                base=base_iri,
                jobs=jobs,
                store=store,
                progress=step,
                scheduler=scheduler,
                validate=validate,
            )
        except KeyboardInterrupt:
            kept = "left as it was" if out.exists() else "not written"
            err_console.print(f"interrupted: {escape(str(out))}/ {kept}", highlight=False)
            raise typer.Exit(130) from None
    for line in result.skipped:
        err_console.print(f"[yellow]skipped:[/] {escape(line)}", highlight=False, soft_wrap=True)
    for line in result.notes:
        err_console.print(f"[cyan]note:[/] {escape(line)}", highlight=False, soft_wrap=True)
    s = result.stats
    console.print(
        f"[bold green]built[/] {s['documents']} documents, {s['works']} works, "
        f"{s['provisions']} provisions, {s['commitments']} commitments, "
        f"{s['triples']:,} triples -> {escape(str(out))}/",
        highlight=False,
        soft_wrap=True,
    )
    low = {f: c for f, c in s["coverage"].items() if c < 1.0}
    for f, c in sorted(low.items()):
        err_console.print(f"[yellow]coverage:[/] {f}: {c:.1%} of non-blank lines", highlight=False)
    failed = result.validation is not None and not _report_validation(result)
    if result.skipped or failed:
        raise typer.Exit(1)


def _report_validation(result) -> bool:
    """Say whether the graph conforms to shapes/ (OUT/validation.ttl), and which input files
    hold the Violations; every file's graph has been written either way."""
    res = result.validation
    if res.conforms:
        console.print("[bold green]valid[/]: the graph conforms to shapes/", highlight=False)
        return True
    for name, count in result.nonconforming.items():
        err_console.print(
            f"[bold red]invalid[/]: {escape(name)}: {count} violation(s)",
            highlight=False,
            soft_wrap=True,
        )
    err_console.print(
        f"[bold red]invalid[/]: {len(res.violations)} violations in all; the graph of every "
        "file was written; `pactgraph validate` shows the table",
        highlight=False,
    )
    return False
