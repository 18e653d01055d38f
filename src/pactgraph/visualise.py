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
"""

from __future__ import annotations

import html
import json
import math
import re
import textwrap
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from itertools import pairwise
from pathlib import Path

import networkx as nx

from .datafiles import read_mapping
from .errors import DataFileError, GraphError, PactgraphError
from .namespaces import DEFAULT_BASE
from .natural import natural_key
from .query import EmbeddedStore, find_query

#: The library queries this module runs (``queries/<name>.rq``).
EDGE_QUERY = "agency-objectives"
DETAIL_QUERY = "agency-objective-instruments"
ROLE_QUERY = "agency-roles"

#: Colours and line styles shared by the graph, the matrix and the page legend.
LEAD_COLOUR = "#1f5fa8"
SUPPORT_COLOUR = "#d9730d"
INSTRUMENT_COLOUR = "#7a7a7a"
FONT = "DejaVu Sans"


class Kind(StrEnum):
    """The kinds of edge: who owns an objective, and how an instrument connects them."""

    LEAD = "lead"  # bears a commitment of an adopted instrument serving the objective
    COORDINATES = "coordinates"  # coordinator / lead agency an adopted text names
    SUPPORT = "support"  # partner of such a commitment
    SYSTEM_WIDE = "system-wide"  # system-wide support to the objective's instrument (rule)
    REVIEWS = "reviews"  # reviews or reports on the objective's instrument
    FUNDS = "funds"  # a fund for the objective's instrument
    CUSTODIAN_FOR = "custodian-for"  # weaker: custodian of an instrument a witness cites
    ROLE = "role"  # agency -> instrument without objectives: mandate, lead agency ...
    CUSTODIAN = "custodian"  # agency -> instrument it keeps (instrument layer)
    CITED = "cited"  # instrument -> objective, cited by statements contributing to it


#: The kinds of ownership (agency -> objective), strongest first; how each is drawn:
#: (colour, Graphviz style, SVG dash pattern, legend text).
OWNER_KINDS: dict[str, tuple[str, str, str, str]] = {
    Kind.LEAD.value: (
        LEAD_COLOUR,
        "solid",
        "",
        "leads: bears a commitment of an adopted text serving the objective",
    ),
    Kind.COORDINATES.value: (
        "#6a3d9a",
        "solid",
        "",
        "coordinates: named coordinator or lead agency of its implementation",
    ),
    Kind.SUPPORT.value: (
        SUPPORT_COLOUR,
        "dashed",
        "6 4",
        "supports: partner of such a commitment",
    ),
    Kind.SYSTEM_WIDE.value: (
        "#1b9e77",
        "dashed",
        "6 4",
        "system-wide support to the whole instrument, hence to each objective",
    ),
    Kind.REVIEWS.value: ("#b8860b", "dashed", "2 3", "reviews or reports on its implementation"),
    Kind.FUNDS.value: ("#c2185b", "dashed", "2 3", "funds its implementation"),
    Kind.CUSTODIAN_FOR.value: (
        "#9a9a9a",
        "dotted",
        "1 3",
        "custodian of an instrument such a commitment cites (no task given)",
    ),
}
ROLE_COLOUR = "#777777"


class Layer(StrEnum):
    """The columns of the drawing, left to right."""

    AGENCY = "agency"
    INSTRUMENT = "instrument"
    OBJECTIVE = "objective"


@dataclass(frozen=True)
class Provision:
    """A provision behind an edge: its IRI, its label ("A/RES/71/1 34") and first words."""

    iri: str
    label: str
    text: str


# --- running the library queries ------------------------------------------------------------


def load_graph(path: Path) -> EmbeddedStore:
    """An embedded store holding ``path``: an RDF file, or a build directory (``build/``)."""
    if path.is_dir():
        return EmbeddedStore.from_build(path)
    if not path.is_file():
        raise GraphError("graph not found (run `pactgraph build` first)", locator=str(path))
    return EmbeddedStore.from_files(path)


def select(store: EmbeddedStore, name: str) -> list[dict[str, str]]:
    """Rows of the library query ``name`` as lexical values; unbound variables are left out."""
    result = store.run(find_query(name))
    return [
        {
            column: str(term)
            for column, term in zip(result.columns, row, strict=True)
            if term is not None
        }
        for row in result.rows
    ]


# --- labels ---------------------------------------------------------------------------------


@cache
def _short_labels() -> dict[str, dict[str, object]]:
    ref = resources.files("pactgraph") / "data" / "objective-short-labels.yaml"
    data = read_mapping(ref)
    if not all(isinstance(v, dict) and isinstance(v.get("labels"), dict) for v in data.values()):
        raise DataFileError("expected {work: {prefix, labels: {number: label}}}", locator=str(ref))
    return data


def _objective_work(iri: str) -> str:
    m = re.search(r"/work/([^/]+)/objective/", iri)
    return m.group(1) if m else ""


def objective_labels(iri: str, number: str, title: str) -> tuple[str, str]:
    """(short label, full title) for an objective: ``("9 · Smuggling of migrants", "...")``."""
    entry = _short_labels().get(_objective_work(iri), {})
    prefix = str(entry.get("prefix", "")) if entry else ""
    short = entry.get("labels", {}).get(number) if entry else None  # type: ignore[union-attr]
    if short is None:
        # no curated label: the title without its "Objective 9:" lead-in, cut at a word
        short = re.sub(
            r"^\s*(objective|target|sdg target)\s*[\w.()]+\s*[:.]\s*", "", title, flags=re.I
        )
        short = textwrap.shorten(short, width=34, placeholder="…")
    return (f"{prefix}{number} · {short}" if number else str(short)), title


# --- the networkx graph ---------------------------------------------------------------------


def agency_objective_graph(
    store: EmbeddedStore,
    *,
    objective: str | None = None,
    agency: str | None = None,
    instruments: bool = False,
) -> nx.MultiDiGraph:
    """Agencies, objectives (and instruments) with lead/support edges weighted by provisions.

    ``objective`` keeps the objectives numbered so (e.g. ``"9"``) and the agencies linked to
    them; ``agency`` keeps the agency of that acronym or label (case-insensitive) and its
    objectives; ``instruments`` adds the instruments through which custodians support.
    """
    edge_rows = select(store, EDGE_QUERY)
    detail_rows = select(store, DETAIL_QUERY)
    role_rows = select(store, ROLE_QUERY)

    provisions: dict[str, Provision] = {}
    paths: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    # how each provision makes each edge: "partner", "custodian of <instrument>" ...
    via: dict[tuple[str, str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in detail_rows:
        how = row["path"]
        if "instrumentLabel" in row:
            how += " of " + row["instrumentLabel"]
        via[(row["agency"], row["objective"], row["kind"])][row["provision"]].add(how)
        iri = row["provision"]
        provisions.setdefault(
            iri, Provision(iri, row.get("provisionLabel", iri), _first_words(row.get("text", "")))
        )
        paths[(row["agency"], row["objective"], row["kind"])].add(row["path"])

    g = nx.MultiDiGraph(name="pactgraph: agencies and the objectives they own")
    g.graph["instruments"] = instruments
    nodes: dict[str, dict[str, object]] = {}
    edges: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in edge_rows:
        a, o = row["agency"], row["objective"]
        nodes.setdefault(
            a,
            {
                "layer": Layer.AGENCY.value,
                "label": row.get("agencyLabel", a),
                "title": row.get("agencyTitle", row.get("agencyLabel", a)),
                "iri": a,
            },
        )
        if o not in nodes:
            number = row.get("objectiveNumber", "")
            short, title = objective_labels(o, number, row.get("objectiveLabel", o))
            nodes[o] = {
                "layer": Layer.OBJECTIVE.value,
                "label": short,
                "title": title,
                "iri": o,
                "number": number,
                "work": _objective_work(o),
            }
        for p in row.get("provisionIris", "").split():
            edges[(a, o, row["kind"])].add(p)
            provisions.setdefault(p, Provision(p, p, ""))
        if not row.get("provisionIris"):
            raise GraphError(f"edge {a} -> {o} has no provisions", locator=EDGE_QUERY)

    # roles over instruments or bodies that set no objectives: agency -> instrument
    owners = {a for (a, _, _) in edges}
    for row in role_rows:
        if row.get("overObjectives", "0") != "0" or "over" not in row:
            continue
        if row.get("kind", "").endswith("#coordinatorRole") and row["agency"] in owners:
            continue  # a coordinator of a supporting body is drawn by its objectives
        i = row["over"]
        label = row.get("overLabel", i)
        nodes.setdefault(
            row["agency"],
            {
                "layer": Layer.AGENCY.value,
                "label": row.get("agencyLabel", row["agency"]),
                "title": row.get("agencyLabel", row["agency"]),
                "iri": row["agency"],
            },
        )
        nodes.setdefault(
            i,
            {
                "layer": Layer.INSTRUMENT.value,
                "label": textwrap.shorten(label, width=60, placeholder="…"),
                "title": label,
                "iri": i,
            },
        )
        edges[(row["agency"], i, Kind.ROLE.value)].add(row["provision"])
        provisions.setdefault(
            row["provision"],
            Provision(
                row["provision"],
                row.get("provisionLabel", row["provision"]),
                _first_words(row.get("text", "")),
            ),
        )
        paths[(row["agency"], i, Kind.ROLE.value)].add(row.get("kindLabel", "role"))
        via[(row["agency"], i, Kind.ROLE.value)][row["provision"]].add(row.get("kindLabel", "role"))

    if instruments:
        for row in detail_rows:
            if row.get("path") != "custodian" or "instrument" not in row:
                continue
            i = row["instrument"]
            label = row.get("instrumentLabel", i)
            nodes.setdefault(
                i,
                {
                    "layer": Layer.INSTRUMENT.value,
                    "label": textwrap.shorten(label, width=60, placeholder="…"),
                    "title": label,
                    "iri": i,
                },
            )
            edges[(row["agency"], i, Kind.CUSTODIAN.value)].add(row["provision"])
            edges[(i, row["objective"], Kind.CITED.value)].add(row["provision"])

    keep = _filtered(nodes, edges, objective=objective, agency=agency)
    order = _node_order(nodes)
    for n in sorted(keep, key=order.__getitem__):
        g.add_node(n, **nodes[n])
    for (u, v, kind), provs in sorted(
        edges.items(), key=lambda kv: (order[kv[0][0]], order[kv[0][1]], kv[0][2])
    ):
        if u in keep and v in keep:
            ordered = sorted(provs, key=lambda p: (natural_key(provisions[p].label), p))
            extra: dict[str, object] = {}
            if (u, v, kind) in paths:
                extra["paths"] = sorted(paths[(u, v, kind)])
                extra["via"] = {p: sorted(h) for p, h in sorted(via[(u, v, kind)].items())}
            g.add_edge(u, v, key=kind, kind=kind, weight=len(ordered), provisions=ordered, **extra)
    g.graph["provision_index"] = {p: provisions[p] for p in sorted(provisions)}
    return g


def _first_words(text: str, words: int = 14) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _node_order(nodes: dict[str, dict[str, object]]) -> dict[str, int]:
    layer_rank = {Layer.AGENCY.value: 0, Layer.INSTRUMENT.value: 1, Layer.OBJECTIVE.value: 2}

    def key(n: str) -> tuple[object, ...]:
        d = nodes[n]
        if d["layer"] == Layer.OBJECTIVE.value:
            work = str(d["work"])  # SDG targets after the compact's own objectives
            return (2, work == "2030-agenda", work, natural_key(str(d["number"])), n)
        return (layer_rank[str(d["layer"])], str(d["label"]).casefold(), n)

    return {n: i for i, n in enumerate(sorted(nodes, key=key))}


def _filtered(
    nodes: dict[str, dict[str, object]],
    edges: dict[tuple[str, str, str], set[str]],
    *,
    objective: str | None,
    agency: str | None,
) -> set[str]:
    """The nodes to keep for ``--objective`` / ``--agency``: the selection and its neighbours."""
    owner_edges = [(u, v) for (u, v, k) in edges if k in OWNER_KINDS or k == Kind.ROLE.value]
    pairs = set(owner_edges)
    if objective is not None:
        wanted = {
            n
            for n, d in nodes.items()
            if d["layer"] == Layer.OBJECTIVE.value and str(d["number"]) == objective.strip()
        }
        if not wanted:
            known = sorted(
                {str(d["number"]) for d in nodes.values() if d["layer"] == "objective"},
                key=natural_key,
            )
            raise PactgraphError(
                f"no agency owns an objective numbered {objective!r} "
                f"(objectives with owners: {', '.join(known) or 'none'})"
            )
        pairs = {(u, v) for (u, v) in pairs if v in wanted}
    if agency is not None:
        wanted_a = {
            n
            for n, d in nodes.items()
            if d["layer"] == Layer.AGENCY.value
            and agency.casefold() in (str(d["label"]).casefold(), n.rsplit("/", 1)[-1])
        }
        if not wanted_a:
            known = sorted(str(d["label"]) for d in nodes.values() if d["layer"] == "agency")
            raise PactgraphError(
                f"no agency {agency!r} owns an objective (agencies: {', '.join(known) or 'none'})"
            )
        pairs = {(u, v) for (u, v) in pairs if u in wanted_a}
    if objective is not None and agency is not None and not pairs:
        raise PactgraphError(f"{agency} owns no objective numbered {objective}")
    keep = {u for u, _ in pairs} | {v for _, v in pairs}
    # instruments: kept when they link a kept agency to a kept objective
    cited = {(i, o) for (i, o, k) in edges if k == Kind.CITED.value}
    for u, v, k in edges:
        if k == Kind.CUSTODIAN.value and u in keep and any(i == v and o in keep for i, o in cited):
            keep.add(v)
    return keep


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
