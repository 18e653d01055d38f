"""``pactgraph reason [GRAPH]``: run HermiT on ontology + graph, write what it infers.

Takes a graph file (default ``build/graph.ttl``); gives ``inferred.ttl`` beside it (or at
``--out``): only the triples the reasoner derives and the graph does not assert (who leads and
supports which objective, legally anchored statements), sorted Turtle, mergeable into the
published graph. Prints who leads / supports which objective. Exit status 0 when the graph is
consistent with the ontology, 1 when it is not (one line saying why, where it can tell), 2 when
the input cannot be used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rdflib import Graph, URIRef

from ..namespaces import PG, RDFS
from ..natural import natural_key
from ._common import DEFAULT_GRAPH, console, handle_errors, report_error
from ._tables import print_table


def _label(graph: Graph, node: str) -> str:
    value = graph.value(URIRef(node), RDFS.label)
    return str(value) if value is not None else node.rsplit("/", 1)[-1]


def _local(prop: URIRef) -> str:
    return str(prop).rsplit("#", 1)[-1]


def register(app: typer.Typer) -> None:
    @app.command("reason")
    @handle_errors(exit_code=2)
    def reason_command(
        graph: Annotated[
            Path,
            typer.Argument(help="Graph file to reason on (Turtle, N-Triples, RDF/XML, JSON-LD)."),
        ] = DEFAULT_GRAPH,
        out: Annotated[
            Path | None,
            typer.Option(
                "--out", "-o", help="Where to write (default: inferred.ttl beside GRAPH)."
            ),
        ] = None,
        full: Annotated[
            bool,
            typer.Option(
                "--full",
                help="Reason on the whole graph, texts and spans included (slower, same result).",
            ),
        ] = False,
    ) -> None:
        """Check the graph against the ontology with HermiT; write the inferred triples."""
        from ..reason import (
            OWNERSHIP_PREDICATES,
            InconsistentGraphError,
            reason_graph,
            serialize_inferred,
        )
        from ..validate import load_data_graph

        data = load_data_graph(graph)
        try:
            inference = reason_graph(data, full=full)
        except InconsistentGraphError as exc:
            exc.locator = str(graph)
            report_error(exc)
            raise typer.Exit(1) from None
        target = out or graph.parent / "inferred.ttl"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(serialize_inferred(inference.inferred))

        rows = sorted(
            (
                (_label(data, s), _local(prop), _label(data, o))
                for prop in OWNERSHIP_PREDICATES
                for s, o in inference.pairs(prop)
            ),
            key=lambda row: tuple(natural_key(cell) for cell in row),
        )
        if rows:
            print_table(
                console,
                ["actor", "role", "objective"],
                [list(row) for row in rows],
                title="who owns which objective (inferred)",
            )
        anchored = len(inference.instances(PG.LegallyAnchoredStatement))
        console.print(
            f"consistent: {len(inference.inferred)} inferred triple(s) "
            f"({len(inference.pairs(PG.leads))} leads, {len(inference.pairs(PG.supports))} "
            f"supports, {len(inference.pairs(PG.coordinates))} coordinates, "
            f"{len(inference.pairs(PG.custodianFor))} custodianFor, "
            f"{anchored} legally anchored statement(s)) written to {target}; "
            f"HermiT on {inference.asserted_triples} triples took {inference.seconds:.1f} s",
            highlight=False,
        )
