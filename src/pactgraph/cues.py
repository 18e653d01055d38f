"""The document and layout cues of ``data/documents.yaml``, loaded, compiled and checked once.

Takes the YAML data file; gives a :class:`Cues` object with compiled patterns. A malformed file
raises :class:`~pactgraph.errors.DataFileError` naming the file and the entry.
"""

from __future__ import annotations

import functools
import re
import re._constants as sre_constants
import re._parser as sre_parse
from dataclasses import dataclass
from pathlib import Path

from .datafiles import read_mapping
from .errors import DataFileError
from .model import DocKind

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class StartCue:
    name: str
    kind: DocKind
    pattern: re.Pattern[str]
    issuer: str | None
    #: kinds of document this cue may stand inside without opening a new document
    within: frozenset[DocKind] = frozenset()


@dataclass(frozen=True)
class SymbolKind:
    """What a document symbol says a work is, and who its "we" is."""

    pattern: re.Pattern[str]
    kind: DocKind
    issuer: str | None


@dataclass(frozen=True)
class Cues:
    start: tuple[StartCue, ...]
    kind_precedence: tuple[DocKind, ...]
    resolution_title: re.Pattern[str]
    symbol_line: re.Pattern[str]
    furniture: tuple[tuple[str, re.Pattern[str]], ...]
    objective_list: tuple[re.Pattern[str], ...]
    masthead: tuple[re.Pattern[str], ...] = ()
    symbol_kinds: tuple[SymbolKind, ...] = ()

    def symbol_kind(self, symbol: str) -> SymbolKind | None:
        """The first ``symbol_kinds`` entry whose pattern matches ``symbol``."""
        return next((k for k in self.symbol_kinds if k.pattern.search(symbol)), None)

    def start_cue(self, line: str) -> StartCue | None:
        s = line.strip().strip("*").strip()
        first = self._any_start
        if first is not None and first.match(s) is None:
            return None  # no cue's pattern matches (most lines)
        return next((c for c in self.start if c.pattern.search(s)), None)

    def furniture_name(self, line: str) -> str | None:
        s = line.strip()
        first = self._any_furniture
        if first is not None and first.match(s) is None:
            return None
        return next((name for name, p in self.furniture if p.search(s)), None)

    @functools.cached_property
    def _any_start(self) -> re.Pattern[str] | None:
        return any_of([c.pattern for c in self.start])

    @functools.cached_property
    def _any_furniture(self) -> re.Pattern[str] | None:
        return any_of([p for _name, p in self.furniture])


def any_of(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One pattern that matches at the start of a line wherever one of ``patterns`` finds
    something in it (each tried in turn costs a call per pattern and line; issue 16), or None
    where no such pattern is sure: each must be anchored at the start (so its ``search`` is a
    ``match``), use no flag but IGNORECASE and refer back to no group of its own."""
    parts = []
    for p in patterns:
        if p.flags & ~(re.IGNORECASE | re.UNICODE):
            return None
        try:
            items = list(sre_parse.parse(p.pattern, p.flags))
        except re.error:
            return None
        if not items or items[0] != (sre_constants.AT, sre_constants.AT_BEGINNING):
            return None
        if _refers_back(items):
            return None
        parts.append(f"(?i:{p.pattern})" if p.flags & re.IGNORECASE else f"(?:{p.pattern})")
    try:
        return re.compile("|".join(parts)) if parts else None
    except re.error:  # a group name twice, a flag set inside a pattern
        return None


def _refers_back(items: list) -> bool:
    """Whether a parsed pattern holds a back-reference (whose group number a join changes)."""
    for op, av in items:
        if op in (sre_constants.GROUPREF, sre_constants.GROUPREF_EXISTS):
            return True
        for sub in av if isinstance(av, (list, tuple)) else ():
            if isinstance(sub, sre_parse.SubPattern) and _refers_back(list(sub)):
                return True
            if isinstance(sub, (list, tuple)):
                for x in sub:
                    if isinstance(x, sre_parse.SubPattern) and _refers_back(list(x)):
                        return True
    return False


def _compile(pattern: object, where: str, path: Path) -> re.Pattern[str]:
    if not isinstance(pattern, str):
        raise DataFileError(f"{where}: pattern must be a string", locator=str(path))
    flags = 0
    if pattern.startswith("^(?i)"):  # allow the inline flag after the anchor, for readability
        pattern, flags = "^" + pattern[5:], re.IGNORECASE
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise DataFileError(f"{where}: bad regular expression ({exc})", locator=str(path)) from None


def load_cues(path: Path | None = None) -> Cues:
    """Load and check a cue file (default: the bundled ``data/documents.yaml``)."""
    path = path or DATA_DIR / "documents.yaml"
    data = read_mapping(path)
    try:
        start = tuple(
            StartCue(
                name=str(c["name"]),
                kind=DocKind(c["kind"]),
                pattern=_compile(c["pattern"], f"start_cues/{c['name']}", path),
                issuer=c.get("issuer"),
                within=frozenset(DocKind(k) for k in c.get("within", [])),
            )
            for c in data["start_cues"]
        )
        precedence = tuple(DocKind(k) for k in data["kind_precedence"])
        furniture = tuple(
            (str(f["name"]), _compile(f["pattern"], f"furniture/{f['name']}", path))
            for f in data["furniture"]
        )
        objective_list = tuple(
            _compile(p, "objective_list_cues", path) for p in data["objective_list_cues"]
        )
        return Cues(
            start=start,
            kind_precedence=precedence,
            resolution_title=_compile(data["resolution_title"], "resolution_title", path),
            symbol_line=_compile(data["symbol_line"], "symbol_line", path),
            furniture=furniture,
            objective_list=objective_list,
            masthead=tuple(
                _compile(p, "masthead_lines", path) for p in data.get("masthead_lines", [])
            ),
            symbol_kinds=tuple(
                SymbolKind(
                    pattern=_compile(k["pattern"], f"symbol_kinds/{i}", path),
                    kind=DocKind(k["kind"]),
                    issuer=k.get("issuer"),
                )
                for i, k in enumerate(data.get("symbol_kinds", []))
            ),
        )
    except KeyError as exc:
        raise DataFileError(f"missing key {exc}", locator=str(path)) from None
    except ValueError as exc:
        raise DataFileError(str(exc), locator=str(path)) from None


@functools.cache
def default_cues() -> Cues:
    return load_cues()
