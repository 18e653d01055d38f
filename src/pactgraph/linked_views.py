"""The ownership and version-diff sections of linked-data pages (one question each).

Takes a :class:`~pactgraph.linked_data.Dataset` and an IRI; gives what the resource template
shows besides the resource's own properties:

- :func:`agency_ownership`: for a UN-system entity, the objectives it owns grouped by kind of
  ownership (leads, coordinates, supports, system-wide, reviews, funds, and the weaker
  custodian-for), each objective in natural order with the provisions that witness it. The
  rows are those of ``queries/agency-objectives.rq``, the query the picture is drawn from, run
  once per dataset, so that a page and the picture never disagree;
- :func:`version_diff`: for a ``pg:VersionDiff`` (what changed from the zero draft to the
  adopted Compact), its changes as rows (before, what happened, after): objectives by number,
  then the provisions of the older version in their order, then those only the newer has.
  Read by pattern lookups on the triples :mod:`pactgraph.versions` wrote;
- :func:`agency_roles`: the roles adopted texts give an agency (``queries/agency-roles.rq``),
  also over instruments that set no objectives (UNHCR's lead-agency role for the refugee
  framework), each with its provision.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import URIRef

from .namespaces import PG, SKOS
from .natural import natural_key
from .query import find_query

if TYPE_CHECKING:
    from .linked_data import Dataset

#: The library queries that say who owns what and which roles adopted texts give (the picture's).
OWNERSHIP_QUERY = "agency-objectives"
ROLE_QUERY = "agency-roles"

#: Kinds of ownership, strongest first, with the words a page heads them with.
KIND_HEADINGS: dict[str, str] = {
    "lead": "Leads: bears a commitment of an adopted text serving the objective",
    "coordinates": "Coordinates: named coordinator or lead agency of its implementation",
    "support": "Supports: partner of such a commitment",
    "system-wide": "Supports system-wide: support to the whole instrument, hence to each objective",
    "reviews": "Reviews or reports on its implementation",
    "funds": "Funds its implementation",
    "custodian-for": "Custodian of an instrument such a commitment cites (weaker: no task given)",
}


def _rows_by_agency(dataset: Dataset, name: str) -> dict[str, list[dict[str, str]]]:
    """agency IRI -> its rows of the library query ``name`` (run once per dataset)."""
    cache: dict[str, dict[str, list[dict[str, str]]]] = dataset.__dict__.setdefault(
        "_rows_by_agency", {}
    )
    if name not in cache:
        result = dataset.embedded.run(find_query(name))
        by_agency: dict[str, list[dict[str, str]]] = {}
        for row in result.rows:
            record = {c: str(t) for c, t in zip(result.columns, row, strict=True) if t is not None}
            by_agency.setdefault(record["agency"], []).append(record)
        cache[name] = by_agency
    return cache[name]


def objective_key(number: str, label: str, iri: str) -> tuple:
    """Objectives in natural order: by their work, then "2" before "19", "10.7" before "10.a"."""
    work = iri.split("/objective/", 1)[0]
    return (work, natural_key(number), natural_key(label), iri)


def agency_ownership(dataset: Dataset, iri: URIRef) -> list[dict[str, object]]:
    """The objectives the agency ``iri`` owns, by kind, each with its evidence ([] if none)."""
    rows = _rows_by_agency(dataset, OWNERSHIP_QUERY).get(str(iri), [])
    sections = []
    for kind, heading in KIND_HEADINGS.items():
        mine = [r for r in rows if r["kind"] == kind]
        if not mine:
            continue
        mine.sort(
            key=lambda r: objective_key(
                r.get("objectiveNumber", ""), r.get("objectiveLabel", ""), r["objective"]
            )
        )
        objectives = []
        for r in mine:
            provisions = [dataset_link(dataset, p) for p in r.get("provisionIris", "").split()]
            provisions.sort(key=lambda link: (natural_key(link["label"]), link["iri"]))
            objectives.append(
                {"objective": dataset_link(dataset, r["objective"]), "evidence": provisions}
            )
        sections.append({"kind": kind, "heading": heading, "objectives": objectives})
    return sections


def agency_roles(dataset: Dataset, iri: URIRef) -> list[dict[str, object]]:
    """The roles adopted texts give the agency ``iri``: kind, what over, the provision."""
    roles = []
    for r in _rows_by_agency(dataset, ROLE_QUERY).get(str(iri), []):
        roles.append(
            {
                "kind": r.get("kindLabel", ""),
                "over": dataset_link(dataset, r["over"]) if r.get("over") else None,
                "evidence": dataset_link(dataset, r["provision"]),
                "text": r.get("text", ""),
            }
        )
    roles.sort(
        key=lambda r: (
            r["kind"],
            r["over"]["label"] if r["over"] else "",
            natural_key(r["evidence"]["label"]),
            r["evidence"]["iri"],
        )
    )
    return roles


def dataset_link(dataset: Dataset, iri: str) -> dict[str, str]:
    return {"iri": iri, "href": dataset.href(iri), "label": dataset.label(iri)}


def _one(dataset: Dataset, s: URIRef, p: URIRef) -> str:
    values = dataset.objects(s, p)
    return values[0].value if values else ""


def version_diff(dataset: Dataset, iri: URIRef) -> dict[str, object] | None:
    """The changes of the version diff ``iri``, or None when ``iri`` is not one."""
    older, newer = _one(dataset, iri, PG.olderVersion), _one(dataset, iri, PG.newerVersion)
    if not older or not newer:
        return None
    sections: dict[str, list[tuple[tuple, dict[str, object]]]] = {"objective": [], "provision": []}
    counts: dict[str, dict[str, int]] = {"objective": {}, "provision": {}}
    for change in dataset.subjects(PG.changeIn, iri):
        node = URIRef(change.value)
        before, after = _one(dataset, node, PG.itemBefore), _one(dataset, node, PG.itemAfter)
        either = URIRef(before or after)
        item = "objective" if dataset.objects(either, PG.objectiveOf) else "provision"
        kinds = []
        for kind in dataset.objects(node, PG.changeKind):
            name = _one(dataset, URIRef(kind.value), SKOS.prefLabel) or dataset.label(kind.value)
            kinds.append(name)
            counts[item][name] = counts[item].get(name, 0) + 1
        if item == "objective":
            number = _one(dataset, either, PG.number)
            key: tuple = (0 if before else 1, natural_key(number))
        else:
            ordinal = _one(dataset, either, PG.ordinal)
            key = (0 if before else 1, int(ordinal) if ordinal.isdigit() else 0)
        sections[item].append(
            (
                (*key, change.value),
                {
                    "line": dataset_link(dataset, change.value),
                    "before": dataset_link(dataset, before) if before else None,
                    "after": dataset_link(dataset, after) if after else None,
                    "changes": sorted(kinds, key=_kind_order),
                },
            )
        )
    return {
        "older": dataset_link(dataset, older),
        "newer": dataset_link(dataset, newer),
        "sections": [
            {
                "item": item,
                "rows": [row for _, row in sorted(sections[item], key=lambda pair: pair[0])],
                "counts": sorted(counts[item].items(), key=lambda kv: _kind_order(kv[0])),
            }
            for item in ("objective", "provision")
            if sections[item]
        ],
    }


#: The order the change words are listed in (pactgraph.versions' status words).
_KIND_ORDER = (
    "same",
    "renamed",
    "renumbered",
    "merged",
    "reworded",
    "strengthened",
    "weakened",
    "bearers changed",
    "added",
    "removed",
)


def _kind_order(name: str) -> tuple[int, str]:
    return (_KIND_ORDER.index(name) if name in _KIND_ORDER else len(_KIND_ORDER), name)


__all__ = ["KIND_HEADINGS", "agency_ownership", "agency_roles", "objective_key", "version_diff"]
