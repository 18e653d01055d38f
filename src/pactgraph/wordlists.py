"""Closed classes of English words the loader needs by name (``data/english_words.yaml``)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .datafiles import read_mapping
from .errors import DataFileError

_PATH = Path(__file__).parent / "data" / "english_words.yaml"


@cache
def words(name: str) -> frozenset[str]:
    """The word list ``name`` of the data file, lower-cased."""
    data = read_mapping(_PATH)
    values = data.get(name)
    if not isinstance(values, list) or not all(isinstance(w, str) for w in values):
        raise DataFileError(f"{name}: expected a list of words", locator=str(_PATH))
    return frozenset(w.lower() for w in values)
