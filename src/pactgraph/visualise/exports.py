"""GraphML and GEXF: the graph with string and integer attributes only, no dates."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx

from .graph import Provision

# --- exports --------------------------------------------------------------------------------


def portable(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are strings and ints only (GraphML / GEXF round-trip them)."""
    h = nx.MultiDiGraph(name=g.graph.get("name", ""))
    for n, d in g.nodes(data=True):
        h.add_node(n, **{k: (v if isinstance(v, int) else str(v)) for k, v in d.items()})
    index: dict[str, Provision] = g.graph.get("provision_index", {})
    for u, v, k, d in g.edges(keys=True, data=True):
        provs = d["provisions"]
        h.add_edge(
            u,
            v,
            key=k,
            kind=d["kind"],
            weight=int(d["weight"]),
            provisions=" ".join(provs),
            references=" | ".join(index[p].label if p in index else p for p in provs),
            paths=" ".join(d.get("paths", [])),
        )
    return h


def write_graphml(g: nx.MultiDiGraph, path: Path) -> None:
    nx.write_graphml(portable(g), path, encoding="utf-8", prettyprint=True)


def write_gexf(g: nx.MultiDiGraph, path: Path) -> None:
    text = "\n".join(nx.generate_gexf(portable(g), encoding="utf-8", prettyprint=True))
    # networkx stamps today's date into <meta lastmodifieddate=...>: optional in GEXF, dropped
    text = re.sub(r'\s+lastmodifieddate="[^"]*"', "", text)
    path.write_text(text + "\n", encoding="utf-8")
