"""Export for analysts: the graph -> one record per provision (JSON or CSV).

Takes a built graph (``build/graph.ttl`` or ``graph.nt``) and reads it with the saved query
``queries/provisions-export.rq``, never the text; gives records with ``doc`` (the UN symbol, or
the work's identifier in capitals such as ``GCM-ZERO-DRAFT``), ``ref``, ``is_commitment``,
``modality`` (the strongest in the provision), ``actors`` (bearer labels), ``partners``,
``instruments`` (cited instrument labels), ``objective`` (number, or null) and ``text``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path

from .query import EmbeddedStore, default_query_dir, parse_saved_query

MODALITY_RANK = {
    "recognition": 1,
    "encouragement": 2,
    "intention": 3,
    "commitment": 4,
    "obligation": 5,
}
FIELDS = [
    "doc",
    "ref",
    "is_commitment",
    "modality",
    "actors",
    "partners",
    "instruments",
    "objective",
    "text",
]


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _objective(value: str):
    return int(value) if value.isdigit() else value


def provision_records(graph: Path) -> list[dict]:
    """One record per provision, in work order then document order."""
    store = EmbeddedStore.from_files(graph)
    query = parse_saved_query(default_query_dir() / "provisions-export.rq")
    result = store.run(query)
    acc: dict[str, dict] = {}
    for row in result.records():
        prov = str(row["provision"])
        rec = acc.get(prov)
        if rec is None:
            work = str(row["work"])
            symbol = row.get("symbol")
            rec = acc[prov] = {
                "doc": str(symbol) if symbol is not None else _local(work).upper(),
                "ref": str(row["ref"]),
                "is_commitment": False,
                "modality": "recognition",
                "actors": set(),
                "partners": set(),
                "instruments": set(),
                "objective": None,
                "text": str(row["text"]),
                "_order": (str(symbol or _local(work)), int(row["ordinal"])),
            }
        if row.get("commitment") is not None:
            rec["is_commitment"] = True
            if row.get("bearer") is not None:
                rec["actors"].add(str(row["bearer"]))
            if row.get("partner") is not None:
                rec["partners"].add(str(row["partner"]))
        mod = row.get("modality")
        if mod is not None:
            name = _local(str(mod))
            if MODALITY_RANK.get(name, 0) > MODALITY_RANK[rec["modality"]]:
                rec["modality"] = name
        if row.get("instrument") is not None:
            rec["instruments"].add(str(row["instrument"]))
        obj = row.get("objective")
        if obj is not None:
            value = _objective(str(obj))
            if rec["objective"] is None or str(value) < str(rec["objective"]):
                rec["objective"] = value
    out = []
    for rec in sorted(acc.values(), key=lambda r: r["_order"]):
        rec.pop("_order")
        for k in ("actors", "partners", "instruments"):
            rec[k] = sorted(rec[k])
        out.append(rec)
    return out


def write_records(records: Iterable[dict], fmt: ExportFormat) -> str:
    records = list(records)
    if fmt is ExportFormat.json:
        return json.dumps(records, indent=1, ensure_ascii=False) + "\n"
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n")
    w.writeheader()
    for r in records:
        w.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in r.items()})
    return buf.getvalue()
