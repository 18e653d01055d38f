"""Who owns what, as a networkx graph: the library queries' rows become agency, objective
and instrument nodes and edges keyed by kind of ownership, weighted by provisions; objectives
in number order (natural.py's key), agencies by name; ``--objective`` / ``--agency`` filters.
"""

from __future__ import annotations

import re
import textwrap
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import networkx as nx

from ..datafiles import read_mapping
from ..errors import DataFileError, GraphError, PactgraphError
from ..iris import SDG_WORK
from ..natural import natural_key
from ..query import EmbeddedStore, find_query
from .kinds import (
    DETAIL_QUERY,
    EDGE_QUERY,
    OWNER_KINDS,
    ROLE_QUERY,
    Kind,
    Layer,
)


@dataclass(frozen=True)
class Provision:
    """A provision behind an edge: its IRI, its label ("A/RES/71/1 34") and first words."""

    iri: str
    label: str
    text: str


# --- running the library queries ------------------------------------------------------------


def _instrument_node(iri: str, label: str) -> dict[str, str]:
    """An instrument's node in the picture: its label shortened, the whole label on hover."""
    return {
        "layer": Layer.INSTRUMENT.value,
        "label": textwrap.shorten(label, width=60, placeholder="…"),
        "title": label,
        "iri": iri,
    }


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
        nodes.setdefault(i, _instrument_node(i, label))
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
            nodes.setdefault(i, _instrument_node(i, label))
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
            return (2, work == SDG_WORK, work, natural_key(str(d["number"])), n)
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
