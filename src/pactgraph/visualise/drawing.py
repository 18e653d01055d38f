"""The Graphviz drawing (pygraphviz): agencies left, objectives right in number order, each
kind of ownership in its colour and line style, a legend underneath; PNGs compacted to
palette images."""

from __future__ import annotations

import html
import math
import textwrap
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

import networkx as nx

from .kinds import (
    FONT,
    INSTRUMENT_COLOUR,
    OWNER_KINDS,
    ROLE_COLOUR,
    Kind,
    Layer,
)

# --- Graphviz drawing -----------------------------------------------------------------------


def _dom_ids(g: nx.MultiDiGraph) -> tuple[dict[str, str], dict[tuple[str, str, str], str]]:
    node_ids = {n: f"n{i}" for i, n in enumerate(g.nodes)}
    edge_ids = {(u, v, k): f"e{i}" for i, (u, v, k) in enumerate(g.edges(keys=True))}
    return node_ids, edge_ids


def _through_instrument(d: dict[str, object], instruments: bool) -> bool:
    """A custodian-for edge, drawn through its instrument instead on the instrument layer."""
    return instruments and d["kind"] == Kind.CUSTODIAN_FOR.value


def _drawn_kind_counts(g: nx.MultiDiGraph) -> dict[str, int]:
    instruments = bool(g.graph.get("instruments"))
    counts: dict[str, int] = defaultdict(int)
    for *_, k, d in g.edges(keys=True, data=True):
        if not _through_instrument(d, instruments):
            counts[k] += 1
    return dict(counts)


def _penwidth(weight: int) -> float:
    return round(1.2 + 1.6 * math.log2(weight), 2) if weight > 1 else 1.2


def _legend_label(title: str, *, instruments: bool, counts: dict[str, int]) -> str:
    glyph = {"solid": "━━━━", "dashed": "╍╍╍╍", "dotted": "┄┄┄┄"}
    rows = [f'<tr><td align="left" colspan="2"><b>{html.escape(title)}</b></td></tr>']
    for kind, (colour, style, _, text) in OWNER_KINDS.items():
        if not counts.get(kind) and kind not in (Kind.LEAD.value, Kind.SUPPORT.value):
            continue  # the two commitment kinds always, the others where drawn
        none_here = "" if counts.get(kind) else "&#160;<i>(none in this drawing)</i>"
        if kind == Kind.CUSTODIAN_FOR.value and instruments:
            text = "custodian of an instrument → it is cited by such a commitment"
            colour = INSTRUMENT_COLOUR
        rows.append(
            f'<tr><td align="left"><font color="{colour}">{glyph[style]}</font></td>'
            f'<td align="left">{html.escape(text)}{none_here}</td></tr>'
        )
    if counts.get(Kind.ROLE.value):
        rows.append(
            f'<tr><td align="left"><font color="{ROLE_COLOUR}">╍╍╍╍</font></td>'
            '<td align="left">a role over an instrument that sets no objective '
            "(mandate, lead agency)</td></tr>"
        )
    rows.append(
        '<tr><td align="left">2, 3 …</td><td align="left">provisions behind the link, where more '
        "than one (thicker line: more provisions)</td></tr>"
    )
    return '<<table border="0" cellspacing="2" cellpadding="1">' + "".join(rows) + "</table>>"


def to_agraph(g: nx.MultiDiGraph, *, title: str = "Which agencies own which objectives"):
    """A pygraphviz drawing of ``g``: agencies left, objectives right, legend underneath."""
    import pygraphviz as pgv

    node_ids, edge_ids = _dom_ids(g)
    instruments = bool(g.graph.get("instruments"))
    # edge labels are layout nodes in dot: past a few dozen edges they stretch the drawing,
    # so dense graphs get external labels (placed after layout) instead
    dense = g.number_of_edges() > 40
    a = pgv.AGraph(directed=True, strict=False, name="pactgraph")
    a.graph_attr.update(
        rankdir="LR",
        ranksep="2.2" if not instruments else "1.4",
        nodesep="0.18",
        splines="true",
        fontname=FONT,
        fontsize="12",
        labelloc="b",
        labeljust="l",
        label=_legend_label(title, instruments=instruments, counts=_drawn_kind_counts(g)),
        pad="0.3",
        bgcolor="white",
        outputorder="edgesfirst",
    )
    a.node_attr.update(
        fontname=FONT, fontsize="12", style="filled,rounded", shape="box", penwidth="1"
    )
    a.edge_attr.update(fontname=FONT, fontsize="10", arrowsize="0.6")
    styles = {
        Layer.AGENCY.value: {"fillcolor": "#dbe8f6", "color": "#5a7fa8", "margin": "0.15,0.06"},
        Layer.OBJECTIVE.value: {"fillcolor": "#fdf0dc", "color": "#c49a5a", "margin": "0.12,0.04"},
        Layer.INSTRUMENT.value: {
            "fillcolor": "#eeeeee",
            "color": "#999999",
            "shape": "note",
            "style": "filled",
            "fontsize": "10",
        },
    }
    for n, d in g.nodes(data=True):
        layer = str(d["layer"])
        label = str(d["label"])
        if layer == Layer.INSTRUMENT.value:
            label = textwrap.fill(label, 30)
        a.add_node(
            n,
            label=label,
            id=node_ids[n],
            URL=str(d["iri"]),
            target="_top",
            tooltip=str(d["title"]),
            **{"class": f"node-{layer}"},
            **styles[layer],
        )
    for rank, layer in (("min", Layer.AGENCY.value), ("max", Layer.OBJECTIVE.value)):
        members = [n for n, d in g.nodes(data=True) if d["layer"] == layer]
        if members:
            column = a.add_subgraph(members, name=f"{layer}s", rank=rank)
            # keep the column in the graph's order (objectives by number, agencies by name):
            # an edge inside a rank puts its tail before its head; invisible, never drawn
            for first, second in pairwise(members):
                column.add_edge(first, second, key="order", style="invis", weight="100")
    for u, v, k, d in g.edges(keys=True, data=True):
        kind = str(d["kind"])
        if _through_instrument(d, instruments):
            continue  # drawn as agency -> instrument -> objective instead
        colour, style = INSTRUMENT_COLOUR, "dotted"
        if kind in OWNER_KINDS:
            colour, style = OWNER_KINDS[kind][0], OWNER_KINDS[kind][1]
        elif kind == Kind.ROLE.value:
            colour, style = ROLE_COLOUR, "dashed"
        weight = int(d["weight"])
        a.add_edge(
            u,
            v,
            key=k,
            id=edge_ids[(u, v, k)],
            color=colour,
            fontcolor=colour,
            style=style,
            penwidth=str(_penwidth(weight)),
            **({"label": str(weight)} if weight > 1 and dense is False else {}),
            **({"xlabel": str(weight)} if weight > 1 and dense else {}),
            weight=str(weight),
            **{"class": f"edge-{kind}"},
        )
    return a


def _svg_text(a) -> str:
    return a.draw(format="svg", prog="dot").decode("utf-8")


# --- PNG size -------------------------------------------------------------------------------

#: Resolution of graph.png: readable on a screen, and a PNG of a few hundred kB once compacted.
PNG_DPI = 110


def compact_png(path: Path) -> None:
    """Rewrite the PNG at ``path`` as a 256-colour palette image (no dithering, so flat
    fills and text stay crisp): a drawing of a few colours loses nothing visible and the
    file shrinks about five times. Deterministic: same pixels in, same bytes out."""
    from PIL import Image

    with Image.open(path) as image:
        flat = image.convert("RGB")
    palette = flat.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    palette.save(path, format="PNG", optimize=True)
