"""Export for analysts: the graph -> one record per provision (JSON, CSV, or CSV for Excel).

Takes a built graph (a build directory, ``graph.nt`` or ``graph.ttl``) and reads it with the saved
query ``queries/provisions-export.rq``, never the text; gives one record per provision, in natural
order of the document (``doc``) and then in document order (which is the natural order of the
references). The fields, in order (:data:`FIELDS`):

- ``doc``: the work's UN symbol (``A/RES/71/1``); a work that prints none gets an identifier
  made by pactgraph from its IRI (``KEN-NATIONAL-POSITION-GCM``) and ``doc_invented`` is true;
- ``work``, ``provision``: the IRIs of the work and of the provision;
- ``ref``: the provision's citable reference (``32(a)``, ``I.5``); ``ref_invented`` is true when
  the text prints no such number and pactgraph made the reference up (unnumbered list items
  ``migration-in-kenya.b1``, headings without a number, a repeated number's ``-2``), see
  :func:`is_invented_reference`;
- ``part``: ``"preambular"`` or ``"operative"`` when the provision belongs to the preamble or to
  the operative part of a resolution or decision (``pg:PreambularParagraph`` /
  ``pg:OperativeParagraph``, itself or the paragraph it is a sub-item of), ``""`` when its text
  has no such parts (a report, a compact's annexed text, a national position);
- ``commitments``: how many of the provision's statements are commitments (``pg:Commitment``);
  summed over all records it is the build's commitment count (``stats.json``, ``pactgraph build``);
  ``is_commitment`` is ``commitments > 0``;
- ``modality``: the strongest modality among the provision's statements (``recognition`` when it
  has none);
- ``actors`` (bearers of its commitments), ``partners``, ``instruments`` (cited by the provision or
  its statements): labels, sorted;
- ``objectives``, ``objective_labels``: the IRIs and labels of the objectives its statements
  contribute to, in natural order (the same order in both lists);
- ``text``: the provision's canonical text.

JSON keeps lists and booleans; CSV joins lists with ``"; "`` and writes ``true``/``false``.
``excel=True`` writes the CSV with a UTF-8 byte-order mark and CRLF line ends, which Excel needs
to read UTF-8 text such as "Côte d’Ivoire" correctly.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path

from .namespaces import MODALITY_NAMES
from .natural import natural_key
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
    "doc_invented",
    "work",
    "provision",
    "ref",
    "ref_invented",
    "part",
    "is_commitment",
    "commitments",
    "modality",
    "actors",
    "partners",
    "instruments",
    "objectives",
    "objective_labels",
    "text",
]
LIST_SEPARATOR = "; "
#: The export's ``part`` for each ontology class of a part of a resolution.
PARTS = {"PreambularParagraph": "preambular", "OperativeParagraph": "operative"}

#: The parts of a reference a UN text prints, between dots (or slashes): a number (``32``,
#: ``12bis``), a part or annex number in roman or a capital letter (``I``, ``B``), a target letter
#: (``10.a``), or an article, rule, objective or goal with its number (``article-3``,
#: ``article-IV``).
PRINTED_PART = re.compile(r"^(?:\d+[a-z]*|[IVXLC]+|[A-Z]|[a-z]|[a-z]+-(?:\d+[a-z]?|[IVXLC]+))$")
#: A sub-item marker as printed: ``(a)``, ``(aa)``, ``(iv)``, ``(1)``.
PRINTED_MARKER = re.compile(r"^\((?:[a-z]{1,4}|\d{1,3})\)$")
#: What the loader makes up: list items ``b1``, preambular paragraphs ``pp1``, headings by line
#: ``h12``, and the ``-2`` that tells apart a number printed twice.
INVENTED_PART = re.compile(r"^(?:b|pp|h)\d+$")
_PIECES = re.compile(r"\([^()]*\)|[^.()/]+")


class ExportFormat(StrEnum):
    """What ``pactgraph export provisions --format`` writes."""

    json = "json"
    csv = "csv"


def is_invented_reference(ref: str) -> bool:
    """Whether pactgraph made ``ref`` up rather than read it from the text.

    The loader names what the text does not number: list items ``b1``, ``b2`` … under their
    section (``migration-in-kenya.b1``, ``I.b1``, ``12(b1)``), unnumbered paragraphs ``p1`` in
    the same way (``V.p3``, ``body.p1``), preambular paragraphs ``pp1``,
    sections after their heading (``annexes.3``), and a number printed twice gets ``-2``
    (``12-2``). A reference is printed when every piece of it is a :data:`PRINTED_PART` or a
    :data:`PRINTED_MARKER` (``32(a)``, ``I.5(a)``, ``V.2``, ``10.7``, ``10.a``, ``article-3(a)``).
    """
    if re.search(r"\d-\d", ref):
        return True
    for index, piece in enumerate(_PIECES.findall(ref)):
        if piece.startswith("("):
            if not PRINTED_MARKER.match(piece):
                return True
        elif INVENTED_PART.match(piece) or not PRINTED_PART.match(piece):
            return True
        elif index == 0 and len(piece) == 1 and piece.islower():
            return True  # a target letter follows its goal ("10.a"); alone it is the loader's
    return False


#: modality concept IRI -> the name the export writes ("commitment" for pg:commitmentModality)
_MODALITY_NAMES = {str(iri): name for iri, name in MODALITY_NAMES.items()}


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _graph_files(graph: Path) -> list[Path]:
    if graph.is_dir():
        found = next((graph / n for n in ("graph.nt", "graph.ttl") if (graph / n).is_file()), None)
        return [found] if found else []
    return [graph]


def provision_records(graph: Path) -> list[dict]:
    """One record per provision (see the module docstring), in natural then document order."""
    from .errors import GraphError

    files = _graph_files(graph)
    if not files or not files[0].exists():
        raise GraphError("no built graph here; run `pactgraph build` first", locator=str(graph))
    store = EmbeddedStore.from_files(*files)
    query = parse_saved_query(default_query_dir() / "provisions-export.rq")
    acc: dict[str, dict] = {}
    for row in store.run(query).records():
        prov = str(row["provision"])
        rec = acc.get(prov)
        if rec is None:
            work = str(row["work"])
            symbol = row.get("symbol")
            ref = str(row["ref"])
            rec = acc[prov] = {
                "doc": str(symbol) if symbol is not None else _local(work).upper(),
                "doc_invented": symbol is None,
                "work": work,
                "provision": prov,
                "ref": ref,
                "ref_invented": is_invented_reference(ref),
                "part": "",
                "is_commitment": False,
                "commitments": set(),
                "modality": "recognition",
                "actors": set(),
                "partners": set(),
                "instruments": set(),
                "objectives": {},
                "text": str(row["text"]),
                "_order": int(row["ordinal"]),
            }
        part = row.get("part")
        if part is not None:
            rec["part"] = PARTS[_local(str(part))]
        if row.get("commitment") is not None:
            rec["commitments"].add(str(row["statement"]))
            if row.get("bearer") is not None:
                rec["actors"].add(str(row["bearer"]))
            if row.get("partner") is not None:
                rec["partners"].add(str(row["partner"]))
        mod = row.get("modality")
        if mod is not None:
            name = _MODALITY_NAMES.get(str(mod), _local(str(mod)))
            if MODALITY_RANK.get(name, 0) > MODALITY_RANK[rec["modality"]]:
                rec["modality"] = name
        if row.get("instrument") is not None:
            rec["instruments"].add(str(row["instrument"]))
        objective = row.get("objective")
        if objective is not None:
            label = row.get("objectiveLabel")
            rec["objectives"][str(objective)] = str(label) if label is not None else ""
    out = []
    for rec in sorted(acc.values(), key=lambda r: (natural_key(r["doc"]), r["work"], r["_order"])):
        rec.pop("_order")
        rec["commitments"] = len(rec["commitments"])
        rec["is_commitment"] = rec["commitments"] > 0
        for k in ("actors", "partners", "instruments"):
            rec[k] = sorted(rec[k], key=natural_key)
        objectives = sorted(
            rec["objectives"].items(), key=lambda kv: (natural_key(kv[1]), natural_key(kv[0]))
        )
        rec["objectives"] = [iri for iri, _ in objectives]
        rec["objective_labels"] = [label for _, label in objectives]
        out.append({k: rec[k] for k in FIELDS})
    return out


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return value


def write_records(records: Iterable[dict], fmt: ExportFormat, *, excel: bool = False) -> str:
    """The records as JSON or CSV text (``excel``: CSV with a BOM and CRLF line ends)."""
    records = list(records)
    if fmt is ExportFormat.json:
        if excel:
            raise ValueError("--excel applies to --format csv only")
        return json.dumps(records, indent=1, ensure_ascii=False) + "\n"
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\r\n" if excel else "\n")
    w.writeheader()
    for r in records:
        w.writerow({k: _cell(v) for k, v in r.items()})
    return ("\ufeff" if excel else "") + buf.getvalue()
