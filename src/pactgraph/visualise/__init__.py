"""Which agencies own which objectives, drawn.

Takes an asserted pactgraph graph (``build/graph.ttl``; the reasoner is not needed) and gives:

* :func:`load_graph` and :func:`select` - the graph in the query library's embedded Oxigraph store
  (:class:`pactgraph.query.EmbeddedStore`), and the rows of a library query run against it;
* :func:`agency_objective_graph` - a networkx ``MultiDiGraph`` with agency, objective and
  instrument nodes, built from ``queries/agency-objectives.rq`` (edges, weights, provisions),
  ``queries/agency-objective-instruments.rq`` (provision texts, how each provision makes the
  edge) and ``queries/agency-roles.rq`` (roles over instruments that set no objectives).
  Edges are keyed by ``kind``, one per kind of ownership the ontology defines (agency ->
  objective): ``lead``, ``coordinates``, ``support``, ``system-wide``, ``reviews``, ``funds`` and
  the weaker ``custodian-for``; ``role`` (agency -> instrument: a mandate, a lead-agency role
  over a framework without objectives); with the instrument layer ``custodian`` (agency ->
  instrument) and ``cited`` (instrument -> objective). ``weight`` is the number of distinct
  provisions behind the edge, ``provisions`` their IRIs;
* :func:`write_all` - ``index.html`` (interactive, self-contained, works offline), ``graph.svg``
  and ``graph.png`` (Graphviz through pygraphviz), ``matrix.svg`` / ``matrix.png`` (agency x
  objective heat map, matplotlib Agg), ``graph.graphml`` and ``graph.gexf``.

Every output is deterministic: nodes and edges sorted, no dates, fixed SVG ids.

One module per question: ``kinds`` (the kinds of ownership and how each is drawn), ``graph``
(who owns what, as networkx), ``drawing`` (Graphviz and the PNGs), ``matrix`` (the heat map),
``page`` (the interactive page), ``exports`` (GraphML, GEXF); this module writes them all.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from ..errors import PactgraphError
from .drawing import PNG_DPI, compact_png, to_agraph
from .exports import portable, write_gexf, write_graphml
from .graph import Provision, agency_objective_graph, load_graph, objective_labels, select
from .kinds import DETAIL_QUERY, EDGE_QUERY, OWNER_KINDS, ROLE_QUERY, Kind, Layer
from .matrix import write_matrix
from .page import render_html

# --- everything -------------------------------------------------------------------------------


def write_all(g: nx.MultiDiGraph, out: Path, *, title: str | None = None) -> list[Path]:
    """Write every artefact of ``g`` into ``out``; returns the paths written, sorted."""
    if g.number_of_nodes() == 0:
        raise PactgraphError("no agency owns any objective in this graph: nothing to draw")
    out.mkdir(parents=True, exist_ok=True)
    title = title or "Which agencies own which objectives"
    a = to_agraph(g, title=title)
    a.layout(prog="dot")
    svg = a.draw(format="svg").decode("utf-8")
    (out / "graph.svg").write_text(svg, encoding="utf-8")
    a.draw(str(out / "graph.png"), format="png", args=f"-Gdpi={PNG_DPI}")
    write_matrix(g, out)
    for name in ("graph.png", "matrix.png"):
        compact_png(out / name)
    write_graphml(g, out / "graph.graphml")
    write_gexf(g, out / "graph.gexf")
    (out / "index.html").write_text(render_html(g, svg, title=title), encoding="utf-8")
    return sorted(out / n for n in _OUTPUTS)


_OUTPUTS = (
    "index.html",
    "graph.svg",
    "graph.png",
    "matrix.svg",
    "matrix.png",
    "graph.graphml",
    "graph.gexf",
)


def visualise(
    graph: Path,
    out: Path,
    *,
    objective: str | None = None,
    agency: str | None = None,
    instruments: bool = False,
) -> tuple[nx.MultiDiGraph, list[Path]]:
    """Read ``graph``, build the agency/objective graph, write every artefact into ``out``."""
    store = load_graph(graph)
    g = agency_objective_graph(store, objective=objective, agency=agency, instruments=instruments)
    title = "Which agencies own which objectives"
    for wanted, layer in ((agency, Layer.AGENCY), (objective, Layer.OBJECTIVE)):
        if wanted:  # name the selection as the graph names it ("UNODC", "9 · Smuggling ...")
            labels = [str(d["label"]) for _, d in g.nodes(data=True) if d["layer"] == layer.value]
            title += " — " + (labels[0] if len(labels) == 1 else wanted)
    return g, write_all(g, out, title=title)


def summary(g: nx.MultiDiGraph) -> Iterable[tuple[str, str, str, int]]:
    """(agency, objective, kind, weight) rows for the ownership edges, in drawing order."""
    for u, v, k, d in g.edges(keys=True, data=True):
        if k in OWNER_KINDS:
            yield str(g.nodes[u]["label"]), str(g.nodes[v]["label"]), k, int(d["weight"])


__all__ = [
    "DETAIL_QUERY",
    "EDGE_QUERY",
    "OWNER_KINDS",
    "PNG_DPI",
    "ROLE_QUERY",
    "Kind",
    "Layer",
    "Provision",
    "agency_objective_graph",
    "compact_png",
    "load_graph",
    "objective_labels",
    "portable",
    "render_html",
    "select",
    "summary",
    "to_agraph",
    "visualise",
    "write_all",
    "write_gexf",
    "write_graphml",
    "write_matrix",
]
