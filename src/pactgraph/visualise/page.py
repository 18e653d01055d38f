"""The interactive page: the SVG, the graph's data and a script, inline and self-contained."""

from __future__ import annotations

import json
import re

import networkx as nx

from ..namespaces import DEFAULT_BASE
from .drawing import _dom_ids
from .graph import Provision
from .kinds import (
    LEAD_COLOUR,
    OWNER_KINDS,
    ROLE_COLOUR,
    SUPPORT_COLOUR,
    Kind,
    Layer,
)

# --- the page -------------------------------------------------------------------------------


def _page_data(g: nx.MultiDiGraph) -> dict[str, object]:
    node_ids, edge_ids = _dom_ids(g)
    index: dict[str, Provision] = g.graph.get("provision_index", {})
    nodes = {
        node_ids[n]: {
            "iri": d["iri"],
            "label": d["label"],
            "title": d["title"],
            "layer": d["layer"],
        }
        for n, d in g.nodes(data=True)
    }
    edges = {}
    for u, v, k, d in g.edges(keys=True, data=True):
        edges[edge_ids[(u, v, k)]] = {
            "sourceId": node_ids[u],
            "targetId": node_ids[v],
            "source": str(g.nodes[u]["label"]),
            "target": str(g.nodes[v]["label"]),
            "targetTitle": str(g.nodes[v]["title"]),
            "kind": d["kind"],
            "weight": int(d["weight"]),
            "provisions": [
                {
                    "iri": p,
                    "label": index[p].label if p in index else p,
                    "text": index[p].text if p in index else "",
                    "via": d.get("via", {}).get(p, []),
                }
                for p in d["provisions"]
            ],
        }
    return {"nodes": nodes, "edges": edges}


def _base_iri(g: nx.MultiDiGraph) -> str:
    """The base the node IRIs were minted under: what comes before ``actor/`` or ``work/``."""
    for _, d in g.nodes(data=True):
        m = re.match(r"^(.*/)(?:actor|work)/", str(d["iri"]))
        if m:
            return m.group(1)
    return DEFAULT_BASE


def render_html(g: nx.MultiDiGraph, svg: str, *, title: str) -> str:
    """The interactive page: inline SVG, inline data, inline script; nothing fetched."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("pactgraph", "templates"),
        autoescape=select_autoescape(["html"]),
        keep_trailing_newline=True,
    )
    svg_body = svg[svg.index("<svg") :]
    data = json.dumps(_page_data(g), ensure_ascii=False, sort_keys=True, indent=None)
    # inside <script>, text such as "<!--<script" or "</script" would change how the page
    # parses: < > & only occur inside JSON strings, where \u escapes mean the same
    data = data.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    counts = {
        "agencies": sum(1 for _, d in g.nodes(data=True) if d["layer"] == Layer.AGENCY.value),
        "objectives": sum(1 for _, d in g.nodes(data=True) if d["layer"] == Layer.OBJECTIVE.value),
        "lead": sum(1 for *_, k in g.edges(keys=True) if k == Kind.LEAD.value),
        "support": sum(1 for *_, k in g.edges(keys=True) if k == Kind.SUPPORT.value),
    }
    present = {k for *_, k in g.edges(keys=True)}
    kinds = [
        {
            "kind": k,
            "colour": c,
            "dash": dash,
            "text": text,
            "edges": sum(1 for *_, e in g.edges(keys=True) if e == k),
        }
        for k, (c, _, dash, text) in OWNER_KINDS.items()
        if k in present or k in (Kind.LEAD.value, Kind.SUPPORT.value)
    ]
    return env.get_template("viz.html").render(
        title=title,
        svg=svg_body,
        data=data,
        base=_base_iri(g),
        counts=counts,
        lead_colour=LEAD_COLOUR,
        instruments=bool(g.graph.get("instruments")),
        support_colour=SUPPORT_COLOUR,
        kinds=kinds,
        roles=sum(1 for *_, k in g.edges(keys=True) if k == Kind.ROLE.value),
        role_colour=ROLE_COLOUR,
    )
