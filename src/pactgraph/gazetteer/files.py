"""Reading and checking the gazetteer's data files, in two passes (after followthemoney's
model loader): each file read and type-checked, then cross references resolved. Any problem
raises :class:`~pactgraph.errors.DataFileError` naming the file and the entry."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry

from ..datafiles import read_mapping
from ..errors import DataFileError
from .index import Gazetteer
from .matching import _is_acronym, _key
from .records import (
    ACTOR_TYPES,
    ACTORS_FILE,
    INSTRUMENT_TYPES,
    INSTRUMENTS_FILE,
    STATE_NAMES_FILE,
    STATE_SOURCE,
    ActorEntry,
    InstrumentEntry,
    _parse_unts,
    _unique,
)

# ---------------------------------------------------------------------------------------------
# reading and checking the files (pass 1)

_ID = re.compile(r"[a-z0-9][a-z0-9.-]*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO3 = re.compile(r"[A-Z]{3}")

_ACTOR_FIELDS: dict[str, tuple[type, bool]] = {  # name -> (type, required)
    "id": (str, True),
    "label": (str, True),
    "type": (str, True),
    "source": (str, True),
    "aliases": (list, False),
    "acronym": (str, False),
    "name": (str, False),
    "members": (list, False),
    "role": (str, False),
    "iso3": (str, False),
}
_INSTRUMENT_FIELDS: dict[str, tuple[type, bool]] = {
    "id": (str, True),
    "label": (str, True),
    "type": (str, True),
    "binding": (bool, True),
    "source": (str, True),
    "aliases": (list, False),
    "symbol": (str, False),
    "unts": (list, False),
    "custodian": (str, False),
    "parent": (str, False),
    "date": (str, False),
    "jurisdiction": (str, False),
    "group": (list, False),
}
_STATE_FIELDS: dict[str, tuple[type, bool]] = {
    "iso3": (str, True),
    "source": (str, True),
    "label": (str, False),
    "aliases": (list, False),
}


def _fail(path: Path, message: str, entry: str | None = None) -> DataFileError:
    locator = f"{path} [{entry}]" if entry else str(path)
    return DataFileError(message, locator=locator)


def _read_yaml(path: Path, list_key: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The entries under ``list_key`` and the ``ambiguous`` declarations of one file."""
    doc = read_mapping(path)
    unknown = set(doc) - {list_key, "ambiguous"}
    if unknown:
        raise _fail(path, f"unknown top-level key(s): {', '.join(sorted(map(str, unknown)))}")
    entries = doc.get(list_key)
    if not isinstance(entries, list):
        raise _fail(path, f"{list_key!r} must be a list of entries")
    ambiguous = doc.get("ambiguous") or []
    if not isinstance(ambiguous, list):
        raise _fail(path, "'ambiguous' must be a list")
    for item in ambiguous:
        ok = (
            isinstance(item, dict)
            and isinstance(item.get("alias"), str)
            and isinstance(item.get("ids"), list)
            and len(item["ids"]) >= 2
            and all(isinstance(i, str) for i in item["ids"])
            and set(item) <= {"alias", "ids", "note"}
        )
        if not ok:
            raise _fail(path, f"bad 'ambiguous' item {item!r}: needs 'alias' and >= 2 'ids'")
    return entries, ambiguous


def _check_fields(path: Path, index: int, entry: Any, spec: Mapping[str, tuple[type, bool]]) -> str:
    """Type-check one entry against its field spec; return its name for messages."""
    if not isinstance(entry, dict):
        raise _fail(path, f"entry #{index + 1} is not a mapping")
    name = str(entry.get("id") or entry.get("iso3") or f"#{index + 1}")
    for key in entry:
        if key not in spec:
            raise _fail(path, f"unknown field {key!r}", name)
    for key, (kind, required) in spec.items():
        value = entry.get(key)
        if value is None:
            if required:
                raise _fail(path, f"missing required field {key!r}", name)
            continue
        if not isinstance(value, kind) or (kind is str and not value.strip()):
            raise _fail(path, f"field {key!r} must be a non-empty {kind.__name__}", name)
        if kind is list and not all(isinstance(v, str) and v.strip() for v in value):
            raise _fail(path, f"field {key!r} must be a list of non-empty strings", name)
    return name


def _tuple(entry: Mapping[str, Any], key: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in entry.get(key) or ())


def _parse_actors(path: Path) -> tuple[list[ActorEntry], list[dict[str, Any]]]:
    raw, ambiguous = _read_yaml(path, "actors")
    out: list[ActorEntry] = []
    for i, e in enumerate(raw):
        name = _check_fields(path, i, e, _ACTOR_FIELDS)
        if not _ID.fullmatch(e["id"]):
            raise _fail(path, "id must be a lowercase slug (a-z, 0-9, '-', '.')", name)
        if e["type"] not in ACTOR_TYPES:
            raise _fail(path, f"unknown actor type {e['type']!r}", name)
        if e.get("iso3") is not None and not _ISO3.fullmatch(e["iso3"]):
            raise _fail(path, "iso3 must be three capitals", name)
        out.append(
            ActorEntry(
                id=e["id"],
                label=e["label"].strip(),
                type=e["type"],
                aliases=_tuple(e, "aliases"),
                acronym=e.get("acronym"),
                source=e["source"].strip(),
                name=e.get("name"),
                members=_tuple(e, "members"),
                role=e.get("role"),
                iso3=e.get("iso3"),
            )
        )
    return out, ambiguous


def _parse_instruments(path: Path) -> tuple[list[InstrumentEntry], list[dict[str, Any]]]:
    raw, ambiguous = _read_yaml(path, "instruments")
    out: list[InstrumentEntry] = []
    for i, e in enumerate(raw):
        name = _check_fields(path, i, e, _INSTRUMENT_FIELDS)
        if not _ID.fullmatch(e["id"]):
            raise _fail(path, "id must be a lowercase slug (a-z, 0-9, '-', '.')", name)
        if e["type"] not in INSTRUMENT_TYPES:
            raise _fail(path, f"unknown instrument type {e['type']!r}", name)
        if e.get("date") is not None and not _DATE.fullmatch(e["date"]):
            raise _fail(path, f"date must be ISO 8601 (YYYY-MM-DD), got {e['date']!r}", name)
        for ref in e.get("unts") or ():
            if not _parse_unts(ref):
                raise _fail(path, f"unreadable UNTS reference {ref!r}", name)
        out.append(
            InstrumentEntry(
                id=e["id"],
                label=e["label"].strip(),
                type=e["type"],
                binding=e["binding"],
                aliases=_tuple(e, "aliases"),
                source=e["source"].strip(),
                symbol=e.get("symbol"),
                unts=_tuple(e, "unts"),
                custodian=e.get("custodian"),
                parent=e.get("parent"),
                date=e.get("date"),
                jurisdiction=e.get("jurisdiction"),
                group=_tuple(e, "group"),
            )
        )
    return out, ambiguous


def _parse_state_names(path: Path) -> dict[str, dict[str, Any]]:
    raw, _ = _read_yaml(path, "states")
    out: dict[str, dict[str, Any]] = {}
    for i, e in enumerate(raw):
        name = _check_fields(path, i, e, _STATE_FIELDS)
        iso3 = e["iso3"]
        if not _ISO3.fullmatch(iso3) or pycountry.countries.get(alpha_3=iso3) is None:
            raise _fail(path, f"{iso3!r} is not an ISO 3166-1 alpha-3 code", name)
        if iso3 in out:
            raise _fail(path, "duplicate iso3", name)
        out[iso3] = e
    return out


# ---------------------------------------------------------------------------------------------
# loading and cross-checking (pass 2)


def _bundled_dir() -> Path:
    return Path(str(resources.files("pactgraph") / "data"))


@lru_cache(maxsize=1)
def _default() -> Gazetteer:
    return _load(_bundled_dir())


def _states(path: Path, extra: Mapping[str, Mapping[str, Any]]) -> dict[str, ActorEntry]:
    out: dict[str, ActorEntry] = {}
    for c in pycountry.countries:
        iso3 = c.alpha_3
        e = extra.get(iso3, {})
        names = [
            getattr(c, "common_name", None),
            c.name,
            getattr(c, "official_name", None),
        ]
        label = e.get("label") or names[0] or c.name
        aliases = _unique(n for n in (*names, *_tuple(e, "aliases")) if n and n != label)
        out[iso3.lower()] = ActorEntry(
            id=iso3.lower(),
            label=label,
            type="State",
            aliases=aliases,
            acronym=None,
            source=STATE_SOURCE,
            name=getattr(c, "official_name", None),
            iso3=iso3,
        )
    # an alias in state_names.yaml must not name two States
    owner: dict[tuple[str, ...], str] = {}
    for s in out.values():
        for n in s.names():
            owner.setdefault(_key(n), s.id)
    for iso3, e in extra.items():
        for alias in _tuple(e, "aliases"):
            other = owner.get(_key(alias))
            if other and other != iso3.lower():
                raise _fail(path, f"alias {alias!r} already names State {other.upper()}", iso3)
    return out


def _ambiguity(
    path: Path, declared: list[dict[str, Any]], known: Mapping[str, object]
) -> dict[tuple[str, ...], tuple[str, ...]]:
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for item in declared:
        for i in item["ids"]:
            if i not in known:
                raise _fail(path, f"ambiguous alias {item['alias']!r} lists unknown id {i!r}")
        out[_key(item["alias"])] = tuple(item["ids"])
    return out


def _check_aliases(
    path: Path,
    entries: Iterable[ActorEntry | InstrumentEntry],
    ambiguity: Mapping[tuple[str, ...], tuple[str, ...]],
) -> None:
    owner: dict[tuple[tuple[str, ...], str | None], tuple[str, str]] = {}
    for e in entries:
        for n in e.names():
            key = _key(n)
            if not key:
                raise _fail(path, f"name {n!r} has no matchable words", e.id)
            slot = (key, n.strip() if _is_acronym(n) else None)
            prev = owner.setdefault(slot, (e.id, n))
            if prev[0] != e.id:
                declared = ambiguity.get(key, ())
                if not (e.id in declared and prev[0] in declared):
                    raise _fail(
                        path,
                        f"alias {n!r} also names {prev[0]!r} ({prev[1]!r}); declare it under "
                        "'ambiguous' if that is deliberate",
                        e.id,
                    )


def _load(directory: Path) -> Gazetteer:
    actors_path = directory / ACTORS_FILE
    instruments_path = directory / INSTRUMENTS_FILE
    states_path = directory / STATE_NAMES_FILE
    # pass 1: read and type-check each file
    actor_list, actor_amb = _parse_actors(actors_path)
    instrument_list, instrument_amb = _parse_instruments(instruments_path)
    state_extra = _parse_state_names(states_path)
    states = _states(states_path, state_extra)

    # pass 2: resolve cross references
    actors: dict[str, ActorEntry] = {}
    for a in actor_list:
        if a.id in actors:
            raise _fail(actors_path, "duplicate id", a.id)
        if a.id in states:
            raise _fail(
                actors_path, f"id collides with the ISO alpha-3 code of {states[a.id].label}", a.id
            )
        actors[a.id] = a
    instruments: dict[str, InstrumentEntry] = {}
    for ins in instrument_list:
        if ins.id in instruments:
            raise _fail(instruments_path, "duplicate id", ins.id)
        if ins.id in actors:
            raise _fail(instruments_path, "id is already an actor id in actors.yaml", ins.id)
        instruments[ins.id] = ins
    for a in actor_list:
        for m in a.members:
            if m not in actors and m not in states:
                raise _fail(actors_path, f"member {m!r} is neither an actor nor a State", a.id)
    for ins in instrument_list:
        if ins.custodian and ins.custodian not in actors:
            raise _fail(instruments_path, f"unknown custodian {ins.custodian!r}", ins.id)
        if ins.parent and ins.parent not in instruments:
            raise _fail(instruments_path, f"unknown parent {ins.parent!r}", ins.id)
        if ins.parent == ins.id:
            raise _fail(instruments_path, "an instrument cannot be its own parent", ins.id)
        for g in ins.group:
            if g not in instruments:
                raise _fail(instruments_path, f"unknown group member {g!r}", ins.id)
        if ins.jurisdiction and ins.jurisdiction not in states:
            raise _fail(
                instruments_path, f"jurisdiction {ins.jurisdiction!r} is not an ISO alpha-3", ins.id
            )
    actor_ambiguity = _ambiguity(actors_path, actor_amb, actors)
    instrument_ambiguity = _ambiguity(instruments_path, instrument_amb, instruments)
    _check_aliases(actors_path, actor_list, actor_ambiguity)
    _check_aliases(instruments_path, instrument_list, instrument_ambiguity)
    return Gazetteer(
        actors,
        instruments,
        states,
        actor_ambiguity=actor_ambiguity,
        instrument_ambiguity=instrument_ambiguity,
    )
