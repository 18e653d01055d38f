"""The SPARQL query library: saved ``.rq`` files, run embedded or against any SPARQL 1.1 endpoint.

Takes ``queries/*.rq`` (and ``queries/checks/*-violation.rq``), each opening with a header comment::

    # title: Commitments that concern a beneficiary group
    # question: Which commitments mention a group of people ...?
    # param: group (string, children) — the word or phrase to look for

and gives typed :class:`SavedQuery` objects (title, question, :class:`QueryParam` with type and
default) and their answers as a :class:`QueryResult` (columns and rows of rdflib terms, or a
boolean, or a graph), printable as a table, CSV, TSV or SPARQL JSON.

Where the queries run:

- **embedded** (:class:`EmbeddedStore`): an in-memory pyoxigraph store loaded from
  ``build/graph.nt`` (or ``graph.ttl``) into the default graph. When ``build/inferred.ttl``
  exists it goes into **its own named graph** (:func:`inferred_graph_iri`:
  ``<base>dataset/inferred``) so that asserted and reasoned triples stay apart, and queries run
  with the default graph as the union of all graphs, so a query sees both without ``GRAPH``
  clauses. The library's queries do not depend on the inferred triples: they derive what they
  need (who leads an objective) from the asserted graph, so they give the same answers on a store
  that holds only ``graph.nt``.
- **remote** (:func:`pactgraph.endpoint.run_remote`, in ``endpoint.py``): any SPARQL 1.1 query
  endpoint through SPARQLWrapper; named graphs to merge into the default graph are passed with
  ``default-graph-uri``, and :func:`~pactgraph.endpoint.find_dataset_graphs` finds the ones
  ``pactgraph publish`` wrote.

Parameters are bound, never pasted: each value is parsed into a typed RDF term (pyoxigraph
``NamedNode``/``Literal``, which validate the IRI and escape the literal), and the library inserts
``VALUES ?name { term }`` as the first element of the query's outermost ``WHERE`` group (found
with a small tokenizer that skips comments, strings and IRIs), written with the term's own
N-Triples serialization. The same bound text runs embedded and remote, so both give the same
answers (the server tests check it). pyoxigraph's ``substitutions=`` (SEP-0007) was the other
candidate, but it only substitutes variables that the SELECT clause projects, and the library's
aggregate queries do not project their parameters; an opening VALUES block binds the variable
everywhere in the group, FILTERs included.

Answers by the page (:class:`~pactgraph.paging.Page`, :func:`~pactgraph.paging.paged_text`)
are cut in ``paging.py`` and the SPARQL text is read by the small tokenizer of
``sparql_text.py``; both are imported here too, so ``pactgraph.query`` names what it always did.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .errors import GraphError, QueryError
from .iris import Minter
from .namespaces import DEFAULT_BASE
from .paging import DEFAULT_PAGE_SIZE, Page, page_of, paged_text, projected_variables, run_paged
from .resources import QUERIES_DIR
from .sparql_text import first_keyword, strip_comments, where_group_start

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "EmbeddedStore",
    "OutputFormat",
    "Page",
    "ParamType",
    "QueryError",
    "QueryParam",
    "QueryResult",
    "SavedQuery",
    "default_query_dir",
    "find_query",
    "format_result",
    "inferred_graph_iri",
    "inline_query",
    "load_library",
    "looks_like_sparql",
    "page_of",
    "paged_text",
    "parse_query_text",
    "parse_saved_query",
    "projected_variables",
    "run_paged",
]

XSD = "http://www.w3.org/2001/XMLSchema#"


class ParamType(StrEnum):
    """The types a ``# param:`` line may declare."""

    STRING = "string"
    IRI = "iri"
    INTEGER = "integer"
    DECIMAL = "decimal"
    BOOLEAN = "boolean"
    DATE = "date"


class OutputFormat(StrEnum):
    """How ``pactgraph query`` prints answers."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"


_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True, slots=True)
class QueryParam:
    """One ``# param: name (type, default) — meaning`` line."""

    name: str
    type: ParamType
    default: str | None
    meaning: str

    @property
    def required(self) -> bool:
        return self.default is None

    def term(self, value: str, *, base: str = DEFAULT_BASE) -> ox.NamedNode | ox.Literal:
        """Parse ``value`` into a typed RDF term; :class:`QueryError` if it is not of the type.

        IRIs may be absolute or a path under ``base`` (``actor/ken``).
        """
        try:
            match self.type:
                case ParamType.STRING:
                    return ox.Literal(value)
                case ParamType.IRI:
                    iri = value if _SCHEME.match(value) else Minter(base).base + value.lstrip("/")
                    return ox.NamedNode(iri)
                case ParamType.INTEGER:
                    return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
                case ParamType.DECIMAL:
                    return ox.Literal(str(Decimal(value)), datatype=ox.NamedNode(XSD + "decimal"))
                case ParamType.BOOLEAN:
                    lowered = value.strip().lower()
                    if lowered not in _TRUE | _FALSE:
                        raise ValueError(value)
                    return ox.Literal(
                        "true" if lowered in _TRUE else "false",
                        datatype=ox.NamedNode(XSD + "boolean"),
                    )
                case ParamType.DATE:
                    return ox.Literal(
                        date.fromisoformat(value).isoformat(), datatype=ox.NamedNode(XSD + "date")
                    )
        except (ValueError, InvalidOperation) as exc:
            message = f"parameter {self.name}: {value!r} is not a valid {self.type}"
            raise QueryError(message) from exc
        raise AssertionError(self.type)  # pragma: no cover - the match is exhaustive


@dataclass(frozen=True, slots=True)
class SavedQuery:
    """A query file of the library: its header, parameters and SPARQL text."""

    name: str
    path: Path
    title: str
    question: str
    params: tuple[QueryParam, ...]
    text: str

    @property
    def form(self) -> str:
        """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``."""
        return _query_form(self.text, self.path)

    @property
    def is_check(self) -> bool:
        """A ``*-violation`` query: any row it returns is a defect of the graph."""
        return self.path.stem.endswith("-violation")

    def bindings(
        self, values: Mapping[str, str] | None = None, *, base: str = DEFAULT_BASE
    ) -> dict[str, ox.NamedNode | ox.Literal]:
        """Typed terms for every parameter: given values, else defaults; errors name the query."""
        values = dict(values or {})
        known = {p.name for p in self.params}
        unknown = sorted(set(values) - known)
        if unknown:
            listed = ", ".join(sorted(known)) or "none"
            raise QueryError(
                f"unknown parameter {', '.join(unknown)} (this query takes: {listed})",
                locator=self.name,
            )
        terms: dict[str, ox.NamedNode | ox.Literal] = {}
        for param in self.params:
            raw = values.get(param.name, param.default)
            if raw is None:
                raise QueryError(
                    f"parameter {param.name} is required ({param.meaning})", locator=self.name
                )
            try:
                terms[param.name] = param.term(raw, base=base)
            except QueryError as exc:
                raise QueryError(exc.message, locator=self.name) from None
        return terms

    def text_with_values(self, terms: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
        """The query with one ``VALUES`` block per bound parameter, for a remote endpoint."""
        if not terms:
            return self.text
        at = where_group_start(self.text)
        if at is None:
            raise QueryError("cannot find the WHERE group to bind parameters in", locator=self.name)
        block = "".join(f"\n  VALUES ?{name} {{ {term} }}" for name, term in sorted(terms.items()))
        return self.text[: at + 1] + block + self.text[at + 1 :]


@dataclass
class QueryResult:
    """Answers: ``columns`` and ``rows`` (SELECT), ``boolean`` (ASK) or ``graph`` (CONSTRUCT).

    A paged SELECT answer also has its ``page`` and whether rows follow it (``more``).
    """

    columns: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    page: Page | None = None
    more: bool = False

    @property
    def whole(self) -> bool:
        """Whether these rows are the whole answer (not paged, or one page that holds it all)."""
        return self.page is None or (not self.more and not self.page.offset)

    def records(self) -> list[dict[str, Node | None]]:
        """Rows as dictionaries (column name to term or None)."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def values(self, column: str) -> list[str]:
        """The lexical values of one column (``""`` where unbound), in row order."""
        index = self.columns.index(column)
        return ["" if row[index] is None else str(row[index]) for row in self.rows]


# --- reading the library -------------------------------------------------------------------

_HEADER = re.compile(r"^#\s*(?P<key>[a-z]+)\s*:(?:\s+(?P<value>.*?))?\s*$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*"
    r"\(\s*(?P<type>[a-z]+)\s*(?:,\s*(?P<default>[^)]*?)\s*)?\)\s*"
    r"(?:—|–|--|-)\s*(?P<meaning>.+)$"
)


def default_query_dir() -> Path:
    """``queries/`` of the checkout (found from the working directory, then from this file)."""
    for candidate in (Path.cwd() / "queries", QUERIES_DIR):
        if candidate.is_dir():
            return candidate
    raise QueryError("no queries/ directory found (run from the pactgraph checkout)")


def parse_saved_query(
    path: Path, *, name: str | None = None, require_header: bool = True
) -> SavedQuery:
    """Read one ``.rq`` file and its header comment; :class:`QueryError` names the file.

    The library's files must have ``# title:`` and ``# question:`` lines (``require_header``);
    a user's own file may go without them (its title is then its file name).
    """
    locator = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"cannot read query file: {exc}", locator=locator) from None
    return parse_query_text(text, name=name or path.stem, path=path, require_header=require_header)


def inline_query(text: str) -> SavedQuery:
    """A query given as text on the command line (or standard input); no header needed."""
    return parse_query_text(text, name="inline query", path=Path("<inline>"), require_header=False)


def looks_like_sparql(argument: str) -> bool:
    """Whether a command-line argument is SPARQL text rather than a query name or file name."""
    return (any(c.isspace() for c in argument) or "{" in argument) and (
        first_keyword(argument) is not None
    )


def parse_query_text(
    text: str, *, name: str, path: Path, require_header: bool = True
) -> SavedQuery:
    """Parse SPARQL ``text`` and its header comment (see the module docstring)."""
    locator = str(path)
    fields: dict[str, str] = {}
    params: list[QueryParam] = []
    last_key: str | None = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if re.match(r"^#\s{2,}\S", line) and last_key in ("title", "question"):
            fields[last_key] += " " + line.lstrip("#").strip()  # continuation line
            continue
        match = _HEADER.match(line)
        if not match:
            last_key = None
            continue
        key, value = match["key"], match["value"] or ""
        if key == "param":
            params.append(_parse_param(value, locator))
        elif key in ("title", "question"):
            if key in fields:
                raise QueryError(f"header has two '{key}:' lines", locator=locator)
            fields[key] = value
        else:
            last_key = None  # free comment text such as "# pg:leads is ..."
            continue
        last_key = key
    if require_header:
        for key in ("title", "question"):
            if not fields.get(key):
                raise QueryError(
                    f"header comment lacks '# {key}:' (required in the query library)",
                    locator=locator,
                )
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise QueryError("a parameter is declared twice", locator=locator)
    body = strip_comments(text)
    for param in params:
        if not re.search(rf"[?$]{re.escape(param.name)}\b", body):
            raise QueryError(f"parameter {param.name} is not used in the query", locator=locator)
    query = SavedQuery(
        name=name,
        path=path,
        title=fields.get("title") or name,
        question=fields.get("question", ""),
        params=tuple(params),
        text=text,
    )
    _query_form(text, path)  # fails early on a file that is not a query
    if params and where_group_start(text) is None:
        raise QueryError("a query with parameters needs a WHERE group", locator=locator)
    return query


def _parse_param(value: str, locator: str) -> QueryParam:
    match = _PARAM.match(value)
    if not match:
        raise QueryError(
            f"bad '# param:' line {value!r}; expected 'name (type, default) — meaning'",
            locator=locator,
        )
    try:
        ptype = ParamType(match["type"])
    except ValueError:
        allowed = ", ".join(t.value for t in ParamType)
        raise QueryError(
            f"parameter {match['name']}: unknown type {match['type']!r} (one of {allowed})",
            locator=locator,
        ) from None
    default = match["default"]
    param = QueryParam(
        name=match["name"],
        type=ptype,
        default=default if default else None,
        meaning=match["meaning"].strip(),
    )
    if param.default is not None:
        try:
            param.term(param.default)  # a default must be a valid value
        except QueryError as exc:
            raise QueryError(f"default: {exc.message}", locator=locator) from None
    return param


def load_library(directory: Path | None = None) -> dict[str, SavedQuery]:
    """Every ``*.rq`` of ``directory`` (by stem) and of ``directory/checks`` (``checks/stem``)."""
    directory = directory or default_query_dir()
    if not directory.is_dir():
        raise QueryError("query library directory not found", locator=str(directory))
    library: dict[str, SavedQuery] = {}
    for path in sorted(directory.glob("*.rq")):
        library[path.stem] = parse_saved_query(path)
    for path in sorted((directory / "checks").glob("*.rq")):
        name = f"checks/{path.stem}"
        library[name] = parse_saved_query(path, name=name)
    return library


def find_query(name_or_path: str, library: Mapping[str, SavedQuery] | None = None) -> SavedQuery:
    """A library query by name (``commitments-by-bearer``, ``checks/…``), any ``.rq`` file (with
    or without a header) or SPARQL text given inline (``SELECT * WHERE { … }``)."""
    if looks_like_sparql(name_or_path):
        return inline_query(name_or_path)
    path = Path(name_or_path)
    if name_or_path.endswith(".rq") and path.is_file():
        return parse_saved_query(path, require_header=False)
    library = library if library is not None else load_library()
    key = name_or_path.removesuffix(".rq")
    if key in library:
        return library[key]
    if name_or_path.endswith(".rq"):
        raise QueryError("no such .rq file", locator=name_or_path)
    raise QueryError(
        f"no query named {name_or_path!r} in the library, no such .rq file, and not SPARQL text "
        "(`pactgraph query --list` shows the library)"
    )


def _query_form(text: str, path: Path) -> str:
    form = first_keyword(text)
    if form is None:
        message = "not a SPARQL query (no SELECT, ASK, CONSTRUCT or DESCRIBE)"
        raise QueryError(message, locator=str(path))
    return form


# --- running embedded --------------------------------------------------------------------------


def inferred_graph_iri(base: str = DEFAULT_BASE) -> str:
    """The named graph that holds ``build/inferred.ttl``: ``<base>dataset/inferred``."""
    return str(Minter(base).dataset("inferred"))


class EmbeddedStore:
    """An in-memory pyoxigraph store holding one build (asserted + inferred named graph)."""

    def __init__(self, store: ox.Store, *, base: str = DEFAULT_BASE, source: str = "") -> None:
        self.store = store
        self.base = base
        self.source = source

    @classmethod
    def from_build(cls, build: Path, *, base: str = DEFAULT_BASE) -> EmbeddedStore:
        """Load ``build/graph.nt`` (else ``graph.ttl``; or ``build`` itself when it is a graph
        file) and, if present, ``inferred.ttl`` beside it.

        A large build also has an on-disk Oxigraph store (``build/store``, see
        :mod:`pactgraph.pipeline`): it is opened read-only instead of loading the graph into
        memory (the inferred triples are then not included; publish them to a server).
        """
        if (build / "store").is_dir():
            return cls(
                ox.Store.read_only(str(build / "store")), base=base, source=str(build / "store")
            )
        if build.is_file():  # a graph file: the build is the folder it is in
            graph_file: Path | None = build
            build = build.parent
        else:
            graph_file = next(
                (build / n for n in ("graph.nt", "graph.ttl") if (build / n).is_file()), None
            )
        if graph_file is None:
            raise GraphError(
                "no graph.nt or graph.ttl here; run `pactgraph build` first", locator=str(build)
            )
        store = ox.Store()
        _load(store, graph_file, None)
        inferred = build / "inferred.ttl"
        if inferred.is_file():
            _load(store, inferred, ox.NamedNode(inferred_graph_iri(base)))
        return cls(store, base=base, source=str(graph_file))

    @classmethod
    def from_files(cls, *files: Path, base: str = DEFAULT_BASE) -> EmbeddedStore:
        """Load RDF files (format from the extension) into the default graph."""
        store = ox.Store()
        for path in files:
            _load(store, path, None)
        return cls(store, base=base, source=", ".join(str(f) for f in files))

    def __len__(self) -> int:
        return len(self.store)

    def run(
        self,
        query: SavedQuery,
        values: Mapping[str, str] | None = None,
        *,
        page: Page | None = None,
    ) -> QueryResult:
        """Run a saved query, its parameters bound by an opening VALUES block; with ``page``,
        only that page of a SELECT answer (:func:`paged_text`), ``more`` saying if rows follow."""
        terms = query.bindings(values, base=self.base)
        return run_paged(
            query.text_with_values(terms), page, lambda text: self.run_text(text, name=query.name)
        )

    def run_text(self, text: str, *, name: str = "query") -> QueryResult:
        """Run SPARQL text (default graph = union of all graphs)."""
        try:
            answer = self.store.query(text, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}", locator=name) from None
        except OSError as exc:
            raise QueryError(f"query failed: {exc}", locator=name) from None
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult(boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            columns = [v.value for v in answer.variables]
            rows = [tuple(_from_ox(solution[column]) for column in columns) for solution in answer]
            return QueryResult(columns=columns, rows=rows)
        graph = Graph()
        for triple in answer:
            graph.add(
                (_from_ox(triple.subject), _from_ox(triple.predicate), _from_ox(triple.object))
            )
        return QueryResult(graph=graph)


def _load(store: ox.Store, path: Path, graph: ox.NamedNode | None) -> None:
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    if fmt is None:
        raise GraphError("unknown RDF file extension", locator=str(path))
    try:
        store.load(path=str(path), format=fmt, to_graph=graph or ox.DefaultGraph())
    except (SyntaxError, ValueError, OSError) as exc:
        raise GraphError(f"cannot load RDF: {exc}", locator=str(path)) from None


def _from_ox(term: object) -> Node | None:
    """pyoxigraph term -> rdflib term (None stays None)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == XSD + "string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise QueryError(f"unsupported term in answer: {term!r}")


# --- output ---------------------------------------------------------------------------------


def format_result(result: QueryResult, fmt: OutputFormat) -> str:
    """Serialize answers as CSV, TSV or JSON (SPARQL 1.1 results formats) or a plain table."""
    if result.graph is not None:
        return result.graph.serialize(format="turtle")
    if result.boolean is not None:
        if fmt is OutputFormat.JSON:
            return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    if fmt is OutputFormat.JSON:
        return json.dumps(_to_json(result), ensure_ascii=False, indent=1) + "\n"
    if fmt is OutputFormat.TSV:
        lines = ["\t".join(f"?{c}" for c in result.columns)]
        lines += ["\t".join("" if t is None else t.n3() for t in row) for row in result.rows]
        return "\n".join(lines) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if fmt is OutputFormat.CSV else "\n")
    writer.writerow(result.columns)
    writer.writerows(["" if t is None else str(t) for t in row] for row in result.rows)
    return buffer.getvalue()


def _to_json(result: QueryResult) -> dict[str, object]:
    bindings = []
    for row in result.rows:
        binding: dict[str, dict[str, str]] = {}
        for column, term in zip(result.columns, row, strict=True):
            if term is None:
                continue
            if isinstance(term, URIRef):
                binding[column] = {"type": "uri", "value": str(term)}
            elif isinstance(term, BNode):
                binding[column] = {"type": "bnode", "value": str(term)}
            else:
                cell = {"type": "literal", "value": str(term)}
                if isinstance(term, Literal) and term.language:
                    cell["xml:lang"] = term.language
                elif isinstance(term, Literal) and term.datatype:
                    cell["datatype"] = str(term.datatype)
                binding[column] = cell
        bindings.append(binding)
    return {"head": {"vars": result.columns}, "results": {"bindings": bindings}}


def __getattr__(name: str) -> object:
    """The endpoint functions live in ``endpoint.py`` now; old imports from here still work."""
    if name in ("find_dataset_graphs", "result_from_json", "run_remote"):
        from . import endpoint

        return getattr(endpoint, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
