"""Reading the project's data files (gazetteers, cue tables, labels): one place, one error.

Takes a path to a YAML file; gives its top-level mapping. Anything else (missing file, bytes
that are not UTF-8, malformed YAML with its line, a top level that is not a mapping) raises
:class:`~pactgraph.errors.DataFileError` naming the file, so a bad data file names itself.
"""

from __future__ import annotations

from importlib.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from .errors import DataFileError

#: libyaml's safe loader (the same YAML, ~10x faster; bench/notes.md) when PyYAML was built with it.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_mapping(path: Path | Traversable) -> dict[str, Any]:
    """The top-level mapping of a YAML data file."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError("data file not found", locator=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"cannot read data file: {exc}", locator=str(path)) from None
    try:
        data = yaml.load(raw, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataFileError(f"malformed YAML{where}: {problem}", locator=str(path)) from None
    if not isinstance(data, dict):
        raise DataFileError("expected a mapping at the top level", locator=str(path))
    return data
