"""The heat map (matplotlib, Agg): agencies x objectives, one strip per kind of ownership."""

from __future__ import annotations

import textwrap
from pathlib import Path

import networkx as nx

from .kinds import (
    FONT,
    OWNER_KINDS,
    Kind,
    Layer,
)

# --- matrix ---------------------------------------------------------------------------------


def write_matrix(g: nx.MultiDiGraph, out: Path) -> None:
    """``matrix.png`` and ``matrix.svg``: agencies x objectives, each cell split into one strip
    per kind of ownership drawn (strongest first)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.colors import to_rgb
    from matplotlib.patches import Patch, Rectangle

    agencies = [n for n, d in g.nodes(data=True) if d["layer"] == Layer.AGENCY.value]
    objectives = [n for n, d in g.nodes(data=True) if d["layer"] == Layer.OBJECTIVE.value]
    counts = {
        (u, v, k): int(d["weight"])
        for u, v, k, d in g.edges(keys=True, data=True)
        if k in OWNER_KINDS
    }
    present = {k for (_, _, k) in counts}
    kinds = [k for k in OWNER_KINDS if k in present or k in (Kind.LEAD.value, Kind.SUPPORT.value)]
    strip = 1 / len(kinds)
    top = max(counts.values(), default=1)
    plt.rcParams.update({"svg.hashsalt": "pactgraph", "font.family": FONT, "font.size": 9})
    width = 3.2 + (0.7 if len(kinds) <= 2 else 0.25 * len(kinds)) * len(objectives)
    height = 2.6 + 0.42 * len(agencies)
    fig, ax = plt.subplots(figsize=(max(width, 7.5), max(height, 3.0)), dpi=150)

    def shade(colour: str, value: int) -> tuple[float, float, float]:
        r, gg, b = to_rgb(colour)
        t = 0.25 + 0.75 * value / top
        return (1 - t * (1 - r), 1 - t * (1 - gg), 1 - t * (1 - b))

    for row, a in enumerate(agencies):
        for col, o in enumerate(objectives):
            for part, kind in enumerate(kinds):
                colour = OWNER_KINDS[kind][0]
                x = col + part * strip
                value = counts.get((a, o, kind), 0)
                face = shade(colour, value) if value else (0.97, 0.97, 0.97)
                ax.add_patch(Rectangle((x, row), strip, 1, facecolor=face, edgecolor="white", lw=1))
                if value:
                    dark = value / top > 0.55
                    ax.text(
                        x + strip / 2,
                        row + 0.5,
                        str(value),
                        ha="center",
                        va="center",
                        fontsize=9 if len(kinds) <= 3 else 6,
                        fontweight="bold" if kind == Kind.LEAD.value else "normal",
                        color="white" if dark else "#222222",
                    )
    for col in range(1, len(objectives)):
        ax.axvline(col, color="#b0b0b0", lw=1.2)
    ax.set_xlim(0, max(len(objectives), 1))
    ax.set_ylim(max(len(agencies), 1), 0)
    ax.set_xticks([c + 0.5 for c in range(len(objectives))])
    ax.set_xticklabels(
        [textwrap.fill(str(g.nodes[o]["label"]), 18) for o in objectives],
        rotation=60,
        ha="right",
        rotation_mode="anchor",
        fontsize=8,
    )
    ax.set_yticks([r + 0.5 for r in range(len(agencies))])
    ax.set_yticklabels([str(g.nodes[a]["label"]) for a in agencies])
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.legend(
        handles=[Patch(facecolor=OWNER_KINDS[k][0], label=OWNER_KINDS[k][3]) for k in kinds],
        loc="lower left",
        bbox_to_anchor=(0.0, 1.0),
        frameon=False,
        fontsize=8,
        ncol=1,
        title="Provisions behind each agency–objective link (each cell: " + " | ".join(kinds) + ")",
        title_fontsize=10,
        alignment="left",
    )
    fig.tight_layout()
    fig.savefig(out / "matrix.png", metadata={"Software": None})
    fig.savefig(out / "matrix.svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
