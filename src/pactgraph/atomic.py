"""Builds that never leave a broken graph: write beside, check, then switch in one rename.

Takes a build function that writes its outputs into a folder; gives :func:`atomic_build`, a
decorator that makes it write into a staging folder beside the target
(``build/`` → ``.build.building-<pid>/`` in the same parent, so the final rename stays on one file
system), check every output (:func:`check_outputs`), and only then swap the staging folder in
for the target: the old folder is renamed aside, the new one renamed into place, the old one
removed. A build that read no input, raised, was interrupted, or wrote an output that does not
hold the triples it claims leaves the previous build exactly as it was (and removes its
staging folder). A server reading ``build/`` sees either the old folder or the new one, never
a mix or a truncated file.

The check does not parse the outputs again when the build says what it wrote
(:class:`Written`: the triples its writers counted, and the bytes they wrote): the N-Triples
merge counts the lines it writes, and the Turtle and JSON-LD converters count the triples they
parse and serialise. The check then compares each count with the build's and each file's size
with what its writer wrote (a file truncated or overwritten since fails). Without that record it
parses every output and counts (:func:`count_triples`).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox

from .errors import GraphError, InputError

F = TypeVar("F", bound=Callable[..., Any])
#: each RDF output and the syntax it is checked in
RDF_OUTPUTS = {
    "graph.nt": ox.RdfFormat.N_TRIPLES,
    "graph.ttl": ox.RdfFormat.TURTLE,
    "graph.jsonld": ox.RdfFormat.JSON_LD,
}


def staging_dir(out: Path) -> Path:
    return out.parent / f".{out.name}.building-{os.getpid()}"


def remove_abandoned(out: Path) -> None:
    """Staging folders left by builds that were killed (their process is gone)."""
    for folder in out.parent.glob(f".{out.name}.building-*"):
        pid = folder.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class Written:
    """One output as its writer made it: the triples it counted, and the bytes it wrote."""

    triples: int
    bytes: int


def count_triples(path: Path) -> int:
    """Parse one RDF output (its syntax from ``RDF_OUTPUTS``) and count its triples."""
    try:
        with path.open("rb") as handle:
            return sum(1 for _ in ox.parse(handle, format=RDF_OUTPUTS[path.name]))
    except (OSError, SyntaxError, ValueError) as exc:
        raise GraphError(f"the build wrote an unreadable file: {exc}", locator=str(path)) from None


def check_outputs(folder: Path, triples: int, written: dict[str, Written] | None = None) -> None:
    """Every output of a build in ``folder`` is complete: each RDF file holds ``triples``
    triples and ``stats.json`` is whole JSON. :class:`GraphError` names the first that is not.

    An output named in ``written`` is checked against its writer's record (its count, and its
    size on disk against the bytes written); any other is parsed and counted."""
    stats = folder / "stats.json"
    try:
        json.loads(stats.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GraphError(
            f"the build wrote an unreadable stats.json: {exc}", locator=str(stats)
        ) from None
    written = written or {}
    for name in RDF_OUTPUTS:
        path = folder / name
        if not path.is_file():
            raise GraphError("the build did not write this file", locator=str(path))
        record = written.get(name)
        if record is not None and path.stat().st_size != record.bytes:
            raise GraphError(
                f"is {path.stat().st_size:,} bytes where its writer wrote {record.bytes:,}",
                locator=str(path),
            )
        found = record.triples if record is not None else count_triples(path)
        if found != triples:
            raise GraphError(
                f"holds {found:,} triples where the build made {triples:,}", locator=str(path)
            )


def switch(staging: Path, out: Path) -> None:
    """Put ``staging`` in the place of ``out`` (two renames; ``out`` may not exist yet)."""
    if not out.exists():
        staging.rename(out)
        return
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    shutil.rmtree(old, ignore_errors=True)
    out.rename(old)
    try:
        staging.rename(out)
    except OSError:
        old.rename(out)  # put the previous build back
        raise
    shutil.rmtree(old, ignore_errors=True)


def atomic_build(build: F) -> F:
    """Make ``build(paths, *, out=..., **options)`` write ``out`` atomically (module docstring).

    The wrapped function must return an object with ``stats`` (``files_built``, ``triples``)
    and ``out``, and may give ``written`` (output name -> :class:`Written`).
    """

    @functools.wraps(build)
    def wrapper(*args: Any, out: Path = Path("build"), **options: Any) -> Any:
        out = Path(out)
        if out.exists() and not out.is_dir():
            raise InputError("the output folder is a file; choose another --out", locator=str(out))
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = staging_dir(out)
        remove_abandoned(out)
        shutil.rmtree(staging, ignore_errors=True)
        try:
            result = build(*args, out=staging, **options)
            if not result.stats.get("files_built"):
                reasons = "; ".join(result.skipped) or "no input file"
                kept = "the previous build is kept" if out.exists() else "nothing was written"
                raise InputError(f"no input could be read ({reasons}); {kept}", locator=str(out))
            check_outputs(staging, int(result.stats["triples"]), getattr(result, "written", None))
            switch(staging, out)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        result.out = out
        return result

    return wrapper  # type: ignore[return-value]
