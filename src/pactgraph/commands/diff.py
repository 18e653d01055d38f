"""``pactgraph diff [OLD NEW]``: what changed between two versions of one work.

Takes a build (``--graph``, default ``build/``) and two work IRIs (or paths under the base IRI,
``work/gcm-zero-draft work/gcm``); without them, the draft and the work it is a draft of
(``pg:draftOf``). Prints the objectives (same, renamed, renumbered, merged, added, removed)
and counts of the provisions (same, reworded, strengthened, weakened, bearers changed, added,
removed), then every provision that changed; ``--format json`` gives every line. Exit status 0,
or 2 when the graph does not hold the versions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ._common import DEFAULT_BUILD, console, handle_errors


def _iri(value: str | None, base: str) -> str | None:
    if value is None or "://" in value:
        return value
    return base + value.lstrip("/")


def register(app: typer.Typer) -> None:
    @app.command("diff")
    @handle_errors(exit_code=2)
    def diff_command(
        old: Annotated[
            str | None, typer.Argument(help="The older version (a work IRI or path).")
        ] = None,
        new: Annotated[
            str | None, typer.Argument(help="The newer version (a work IRI or path).")
        ] = None,
        graph: Annotated[
            Path, typer.Option("--graph", help="The build directory or graph file.")
        ] = DEFAULT_BUILD,
        fmt: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
    ) -> None:
        """Align two versions of one work objective by objective and action by action."""
        from ..namespaces import DEFAULT_BASE
        from ..versions import VersionError, diff_in_store
        from ..visualise import load_graph

        if (old is None) != (new is None):
            raise VersionError("name both versions, or neither")
        store = load_graph(graph)
        diff = diff_in_store(store, _iri(old, DEFAULT_BASE), _iri(new, DEFAULT_BASE))
        if fmt == "json":
            payload = {
                "old": diff.old.work,
                "new": diff.new.work,
                "counts": {k: dict(sorted(v.items())) for k, v in diff.counts().items()},
                "objectives": [c.__dict__ for c in diff.objectives],
                "provisions": [c.__dict__ for c in diff.provisions],
            }
            typer.echo(json.dumps(payload, indent=1, default=list))
            return
        console.print(f"{diff.old.label}  ->  {diff.new.label}", highlight=False)
        table = Table(title="objectives")
        for column in ("before", "status", "after"):
            table.add_column(column, overflow="fold")
        for c in diff.objectives:
            table.add_row(c.old_label, ", ".join(c.status), c.new_label)
        console.print(table)
        counts = diff.counts()
        console.print(
            "objectives: "
            + ", ".join(f"{n} {k}" for k, n in sorted(counts["objectives"].items()))
            + f" ({len(diff.old.objectives)} before, {len(diff.new.objectives)} after)",
            highlight=False,
        )
        console.print(
            "provisions: "
            + ", ".join(f"{n} {k}" for k, n in sorted(counts["provisions"].items()))
            + f" ({len(diff.old.provisions)} before, {len(diff.new.provisions)} after)",
            highlight=False,
        )
        changed = [
            c for c in diff.provisions if c.status != ("same",) and c.status != ("reworded",)
        ]
        if changed:
            detail = Table(title="provisions whose force, bearers or presence changed")
            for column in ("before", "status", "after"):
                detail.add_column(column, overflow="fold")
            for c in changed:
                detail.add_row(c.old_label, ", ".join(c.status), c.new_label)
            console.print(detail)
