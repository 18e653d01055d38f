"""``pactgraph viz``: draw which agencies own which objectives.

Takes the built graph (``build/graph.ttl`` or a build directory) and optional filters
(``--objective 9``, ``--agency UNODC``, ``--instruments`` for the instrument layer); gives
``index.html`` (interactive, offline), ``graph.svg``, ``graph.png``, ``matrix.svg``,
``matrix.png``, ``graph.graphml`` and ``graph.gexf`` in ``--out`` (default ``build/viz/``).
See :mod:`pactgraph.visualise` and ``docs/visualisation.md``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._common import DEFAULT_BUILD, DEFAULT_GRAPH, console, handle_errors


def register(app: typer.Typer) -> None:
    @app.command("viz")
    @handle_errors()
    def viz_command(
        graph: Annotated[
            Path,
            typer.Option("--graph", help="The built graph (Turtle/N-Triples) or build directory."),
        ] = DEFAULT_GRAPH,
        out: Annotated[
            Path, typer.Option("--out", "-o", help="Folder to write the drawings into.")
        ] = DEFAULT_BUILD / "viz",
        objective: Annotated[
            str | None,
            typer.Option(help="Only this objective number (e.g. 9) and the agencies owning it."),
        ] = None,
        agency: Annotated[
            str | None,
            typer.Option(
                help="Only this agency (acronym or label, e.g. UNODC) and its objectives."
            ),
        ] = None,
        instruments: Annotated[
            bool,
            typer.Option(
                "--instruments", help="Add the instruments through which custodians support."
            ),
        ] = False,
    ) -> None:
        """Draw which agencies own which objectives, by kind (HTML, SVG, PNG, GraphML, GEXF)."""
        from ..visualise import OWNER_KINDS, summary, visualise

        g, paths = visualise(
            graph, out, objective=objective, agency=agency, instruments=instruments
        )
        rows = list(summary(g))
        agencies = len({r[0] for r in rows})
        objectives = len({r[1] for r in rows})
        kinds = ", ".join(
            f"{sum(1 for r in rows if r[2] == kind)} {kind}"
            for kind in OWNER_KINDS
            if any(r[2] == kind for r in rows)
        )
        console.print(
            f"{agencies} agencies, {objectives} objectives, {kinds or 'no'} links "
            f"({sum(r[3] for r in rows)} provision links)",
            highlight=False,
        )
        for path in paths:
            console.print(f"  wrote {path}", highlight=False)
