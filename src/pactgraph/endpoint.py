"""Running the query library on a remote SPARQL 1.1 endpoint (``pactgraph query --endpoint``).

Takes a :class:`~pactgraph.query.SavedQuery` (or a query text) and an endpoint URL; gives a
:class:`~pactgraph.query.QueryResult`, the same as the embedded store's for the same build. The
query goes through SPARQLWrapper as a POST, its parameters bound as ``VALUES`` exactly as the
embedded run binds them (:meth:`SavedQuery.text_with_values`); SELECT/ASK answers come back as
SPARQL 1.1 JSON results (:func:`result_from_json`, also used by ``serve.py``), CONSTRUCT and
DESCRIBE as Turtle. Named graphs to merge into the default graph are passed with
``default-graph-uri``, and :func:`find_dataset_graphs` finds the ones ``pactgraph publish``
wrote on stores whose default graph is not the union of their graphs.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .iris import Minter
from .namespaces import DEFAULT_BASE
from .paging import Page, run_paged
from .query import XSD, QueryError, QueryResult, SavedQuery

__all__ = ["find_dataset_graphs", "result_from_json", "run_remote"]


def run_remote(
    endpoint: str,
    query: SavedQuery,
    values: Mapping[str, str] | None = None,
    *,
    base: str = DEFAULT_BASE,
    default_graphs: Sequence[str] = (),
    timeout: float = 60.0,
    page: Page | None = None,
) -> QueryResult:
    """Run a saved query on a SPARQL 1.1 endpoint (SPARQLWrapper), parameters as VALUES; with
    ``page``, only that page of a SELECT answer, as embedded (:func:`.paging.paged_text`)."""
    terms = query.bindings(values, base=base)
    return run_paged(
        query.text_with_values(terms),
        page,
        lambda text: _remote(
            endpoint,
            text,
            form=query.form,
            default_graphs=default_graphs,
            timeout=timeout,
            name=query.name,
        ),
    )


def _remote(
    endpoint: str,
    text: str,
    *,
    form: str,
    default_graphs: Sequence[str] = (),
    timeout: float = 60.0,
    name: str = "query",
) -> QueryResult:
    from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = SPARQLWrapper(endpoint)
    client.setMethod(POST)
    client.setTimeout(int(timeout))
    for graph in default_graphs:
        client.addDefaultGraph(graph)
    client.setQuery(text)
    client.setReturnFormat(TURTLE if form in ("CONSTRUCT", "DESCRIBE") else JSON)
    try:
        response = client.query()
        if form in ("CONSTRUCT", "DESCRIBE"):
            graph = Graph()
            graph.parse(data=response.response.read(), format="turtle")
            return QueryResult(graph=graph)
        payload = json.loads(response.response.read())
    except (SPARQLWrapperException, OSError, ValueError) as exc:
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise QueryError(f"endpoint {endpoint} failed: {message}", locator=name) from None
    return result_from_json(payload)


_PG = "https://w3id.org/pactgraph/ontology#"


def find_dataset_graphs(
    endpoint: str, *, base: str = DEFAULT_BASE, timeout: float = 60.0
) -> list[str]:
    """The named graphs of ``endpoint`` that hold a pactgraph dataset, to query as default graph.

    ``pactgraph publish`` puts the asserted triples in a named graph (``<base>dataset`` unless
    ``--named-graph`` says otherwise) and the reasoner's in ``<graph>/inferred``; a SPARQL store
    whose default graph is not the union of its graphs (Oxigraph, Fuseki) then answers every
    library query with no rows. This asks the endpoint:

    - if its default graph already holds works (``pg:Work``; published with ``--named-graph
      default``, or a store whose default graph is the union of all graphs, as Virtuoso's and
      ``pactgraph serve``'s are), nothing is needed: ``[]``;
    - else the named graphs holding works: ``<base>dataset`` if it is one of them; else the
      shards published under ``<base>dataset/`` (docs/scale.md), all of them; else the only one.
      Each comes with its ``/inferred`` companion when the store has it. Several unrelated
      candidates are a :class:`QueryError` listing them (choose with ``--default-graph-uri``);
      no candidate at all gives ``[]`` (the query runs as written).
    """
    found = _remote(
        endpoint, f"ASK {{ ?work a <{_PG}Work> }}", form="ASK", timeout=timeout, name="graphs"
    )
    if found.boolean:
        return []
    holding = _remote(
        endpoint,
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?work a <{_PG}Work> }} }} ORDER BY ?g",
        form="SELECT",
        timeout=timeout,
        name="graphs",
    )
    candidates = holding.values("g")
    if not candidates:
        return []
    dataset = str(Minter(base).dataset())
    if dataset in candidates:
        chosen = [dataset]
    elif all(g.startswith(dataset + "/") for g in candidates) or len(candidates) == 1:
        chosen = candidates
    else:
        raise QueryError(
            "the endpoint holds several pactgraph datasets in named graphs ("
            + ", ".join(candidates)
            + "); choose with --default-graph-uri",
            locator=endpoint,
        )
    out: list[str] = []
    for graph in chosen:
        out.append(graph)
        inferred = f"{graph}/inferred"
        ask = f"ASK {{ GRAPH <{inferred}> {{ ?s ?p ?o }} }}"
        if _remote(endpoint, ask, form="ASK", timeout=timeout, name="graphs").boolean:
            out.append(inferred)
    return out


def result_from_json(payload: Mapping[str, object]) -> QueryResult:
    """A SPARQL 1.1 JSON results document -> :class:`QueryResult`."""
    if "boolean" in payload:
        return QueryResult(boolean=bool(payload["boolean"]))
    head = payload.get("head") or {}
    columns = list(head.get("vars", [])) if isinstance(head, dict) else []
    results = payload.get("results") or {}
    bindings = results.get("bindings", []) if isinstance(results, dict) else []
    rows = [tuple(_from_json(b.get(c)) for c in columns) for b in bindings]
    return QueryResult(columns=columns, rows=rows)


def _from_json(cell: Mapping[str, str] | None) -> Node | None:
    if cell is None:
        return None
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in cell:
        return Literal(value, lang=cell["xml:lang"])
    if "datatype" in cell and cell["datatype"] != XSD + "string":
        return Literal(value, datatype=URIRef(cell["datatype"]))
    return Literal(value)
