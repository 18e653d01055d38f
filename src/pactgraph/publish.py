"""Publish a build to any SPARQL 1.1 store through the Graph Store Protocol (GSP).

Takes a build directory (``graph.nt``, else ``graph.ttl``; optional ``inferred.ttl``) and the
store's GSP endpoint (Oxigraph ``http://host:7878/store``, Fuseki ``/dataset/data``, GraphDB
``/repositories/ID/rdf-graphs/service`` ...), and gives a :class:`PublishReport`.

The asserted triples go to ``--named-graph`` (default ``<base>dataset``), the reasoner's triples
to ``<graph>/inferred`` (``--named-graph default``: the store's default graph and
``<base>dataset/inferred``). The two are replaced as **one unit**: each file is first sent with a
GSP ``PUT`` into a staging graph (``<graph>/staging``, ``<graph>/inferred/staging``); then one
SPARQL Update request ``MOVE``s both staging graphs onto the live ones (or, when the build has no
``inferred.ttl``, moves the asserted graph and ``DROP``s the stale inferred graph), which a store
runs as one transaction (Oxigraph, Fuseki and GraphDB do). A failed upload drops the staging
graphs and leaves the live ones untouched. The report says what changed: the triples in each
live graph before and after (counted through the query endpoint). Publishing twice leaves the
store as publishing once. Bodies are streamed from disk. The update and query endpoints are
found next to the GSP one (``/store`` or ``/data`` → ``/update``, ``/query``) or given.

Stores that want a login for writes (Virtuoso's ``/sparql-graph-crud-auth``, Fuseki or GraphDB
with security on) get ``auth=(user, password)``: HTTP Digest or Basic, whichever the store asks
for. The challenge is fetched first with a body-less ``HEAD``, so the graph is sent only once.
"""

from __future__ import annotations

import base64
import contextlib
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .errors import GraphError, PactgraphError
from .iris import Minter
from .namespaces import DEFAULT_BASE
from .query import inferred_graph_iri

DEFAULT_GRAPH = "default"
MEDIA_TYPES = {".nt": "application/n-triples", ".ttl": "text/turtle", ".nq": "application/n-quads"}


class PublishError(PactgraphError):
    """The store refused an upload or could not be reached; the locator is the endpoint."""


@dataclass(frozen=True, slots=True)
class Upload:
    """One file sent to one graph."""

    file: Path
    graph: str  # an IRI, or "default"
    status: int
    size: int


@dataclass
class PublishReport:
    """What :func:`publish` sent, in order, and what it changed (one line per live graph)."""

    endpoint: str
    uploads: list[Upload] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)


def graph_files(build: Path) -> tuple[Path, Path | None]:
    """``(asserted, inferred or None)`` of a build; :class:`GraphError` if there is no graph."""
    asserted = next((build / n for n in ("graph.nt", "graph.ttl") if (build / n).is_file()), None)
    if asserted is None:
        raise GraphError(
            "no graph.nt or graph.ttl here; run `pactgraph build` first", locator=str(build)
        )
    inferred = build / "inferred.ttl"
    return asserted, inferred if inferred.is_file() else None


def target_url(endpoint: str, graph: str) -> str:
    """The GSP URL addressing ``graph`` (``?default`` or ``?graph=<IRI>``, percent-encoded)."""
    split = urllib.parse.urlsplit(endpoint)
    if split.scheme not in ("http", "https") or not split.netloc:
        raise PublishError("the Graph Store endpoint must be an http(s) URL", locator=endpoint)
    query = "default" if graph == DEFAULT_GRAPH else urllib.parse.urlencode({"graph": graph})
    joined = f"{split.query}&{query}" if split.query else query
    return urllib.parse.urlunsplit((split.scheme, split.netloc, split.path, joined, ""))


def authorization(url: str, method: str, auth: tuple[str, str], *, timeout: float) -> str | None:
    """The ``Authorization`` header for ``method url`` as the store asks (Digest or Basic).

    Asks with a body-less ``HEAD``; ``None`` when the store does not ask for a login.
    """
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=timeout):
            return None
    except urllib.error.HTTPError as exc:
        challenge = exc.headers.get("WWW-Authenticate", "") if exc.code == 401 else ""
    except (urllib.error.URLError, OSError):
        return None  # the PUT will say why
    scheme, _, params = challenge.partition(" ")
    if scheme.lower() == "basic":
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
        return f"Basic {token}"
    if scheme.lower() != "digest":
        return None
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, *auth)
    chal = urllib.request.parse_keqv_list(urllib.request.parse_http_list(params))
    digest = urllib.request.HTTPDigestAuthHandler(passwords).get_authorization(
        urllib.request.Request(url, method=method), chal
    )
    return f"Digest {digest}" if digest else None


def put_graph(
    endpoint: str,
    graph: str,
    file: Path,
    *,
    timeout: float = 300.0,
    auth: tuple[str, str] | None = None,
) -> Upload:
    """Replace ``graph`` in the store with the triples of ``file`` (one GSP PUT)."""
    media = MEDIA_TYPES.get(file.suffix)
    if media is None:
        raise PublishError(f"cannot tell the RDF format of {file.name}", locator=str(file))
    size = file.stat().st_size
    url = target_url(endpoint, graph)
    headers = {"Content-Type": f"{media}; charset=utf-8", "Content-Length": str(size)}
    login = authorization(url, "PUT", auth, timeout=timeout) if auth else None
    if login:
        headers["Authorization"] = login
    with file.open("rb") as body:
        request = urllib.request.Request(url, data=body, method="PUT", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            reason = detail[0] if detail else exc.reason
            raise PublishError(
                f"PUT {file.name} into {graph} refused: HTTP {exc.code} {reason}",
                locator=endpoint,
            ) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, BrokenPipeError | ConnectionResetError) and authorization(
                url, "PUT", auth or ("", ""), timeout=timeout
            ):
                # a store that wants a login may answer 401 and hang up while the body is sent
                why = "wrong user or password" if auth else "the store wants a login: give --user"
                raise PublishError(
                    f"PUT {file.name} into {graph} refused: HTTP 401 ({why})", locator=endpoint
                ) from None
            raise PublishError(f"cannot reach the store: {reason}", locator=endpoint) from None
    return Upload(file=file, graph=graph, status=status, size=size)


#: the last path segment of a Graph Store endpoint -> its update and query endpoints' segments
SIBLINGS = {
    "store": {"update": "update", "query": "query"},  # Oxigraph
    "data": {"update": "update", "query": "query"},  # Fuseki
    "sparql-graph-crud-auth": {"update": "sparql-auth", "query": "sparql"},  # Virtuoso
    "sparql-graph-crud": {"update": "sparql", "query": "sparql"},
}


def sibling_endpoint(endpoint: str, name: str) -> str:
    """The ``update`` or ``query`` endpoint beside a Graph Store endpoint (:data:`SIBLINGS`)."""
    split = urllib.parse.urlsplit(endpoint)
    head, _, last = split.path.rstrip("/").rpartition("/")
    if last not in SIBLINGS:
        raise PublishError(
            f"cannot tell the SPARQL {name} endpoint from this Graph Store URL; "
            f"give --{name}-endpoint",
            locator=endpoint,
        )
    path = f"{head}/{SIBLINGS[last][name]}"
    return urllib.parse.urlunsplit((split.scheme, split.netloc, path, "", ""))


def _post(
    url: str,
    field_name: str,
    text: str,
    accept: str,
    timeout: float,
    auth: tuple[str, str] | None = None,
) -> bytes:
    """POST ``text`` as the form field ``query`` or ``update`` (the one encoding every store
    takes: Virtuoso waits forever on a bare ``application/sparql-query`` body)."""
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
    login = authorization(url, "POST", auth, timeout=timeout) if auth else None
    if login:
        headers["Authorization"] = login
    body = urllib.parse.urlencode({field_name: text}).encode()
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip().splitlines()
        reason = detail[0] if detail else exc.reason
        raise PublishError(f"HTTP {exc.code} {reason}", locator=url) from None
    except (urllib.error.URLError, OSError) as exc:
        raise PublishError(
            f"cannot reach the store: {getattr(exc, 'reason', exc)}", locator=url
        ) from None


def count_triples(query_endpoint: str, graph: str, timeout: float = 60.0) -> int | None:
    """Triples in ``graph`` (or the default graph), or None when the store cannot say."""
    pattern = "?s ?p ?o" if graph == DEFAULT_GRAPH else f"GRAPH <{graph}> {{ ?s ?p ?o }}"
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"
    try:
        data = _post(query_endpoint, "query", query, "application/sparql-results+json", timeout)
        return int(json.loads(data)["results"]["bindings"][0]["n"]["value"])
    except (PublishError, ValueError, KeyError, IndexError):
        return None


def _graph_ref(graph: str) -> str:
    return "DEFAULT" if graph == DEFAULT_GRAPH else f"GRAPH <{graph}>"


def publish(
    endpoint: str,
    build: Path,
    *,
    graph: str | None = None,
    base: str = DEFAULT_BASE,
    timeout: float = 300.0,
    update_endpoint: str | None = None,
    query_endpoint: str | None = None,
    auth: tuple[str, str] | None = None,
) -> PublishReport:
    """Replace the asserted and inferred graphs in the store as one unit (module docstring).

    ``auth``: ``(user, password)`` for stores that want a login for writes (uploads and the
    update that switches them in).
    """
    asserted, inferred = graph_files(build)
    target = graph or str(Minter(base).dataset())
    inferred_target = inferred_graph_iri(base) if target == DEFAULT_GRAPH else f"{target}/inferred"
    staging = (str(Minter(base).dataset()) if target == DEFAULT_GRAPH else target) + "/staging"
    inferred_staging = inferred_target + "/staging"
    query_url = query_endpoint or _maybe(sibling_endpoint, endpoint, "query")
    before = {g: count_triples(query_url, g) if query_url else None
              for g in (target, inferred_target)}  # fmt: skip
    report = PublishReport(endpoint=endpoint)
    staged: list[str] = []
    try:
        report.uploads.append(put_graph(endpoint, staging, asserted, timeout=timeout, auth=auth))
        staged.append(staging)
        if inferred is not None:
            report.uploads.append(
                put_graph(endpoint, inferred_staging, inferred, timeout=timeout, auth=auth)
            )
            staged.append(inferred_staging)
        update_url = update_endpoint or sibling_endpoint(endpoint, "update")
        operations = [f"MOVE SILENT GRAPH <{staging}> TO {_graph_ref(target)}"]
        if inferred is not None:
            operations.append(
                f"MOVE SILENT GRAPH <{inferred_staging}> TO GRAPH <{inferred_target}>"
            )
        else:
            operations.append(f"DROP SILENT GRAPH <{inferred_target}>")
        try:
            _post(update_url, "update", " ;\n".join(operations), "*/*", timeout, auth)
        except PublishError as exc:
            raise PublishError(
                f"the switch to the new graphs failed: {exc}", locator=update_url
            ) from None
    except PublishError:
        for name in staged:  # leave nothing half-published behind
            with contextlib.suppress(PublishError):
                _post(update_url_or(update_endpoint, endpoint), "update",
                      f"DROP SILENT GRAPH <{name}>", "*/*", timeout, auth)  # fmt: skip
        raise
    report.uploads = [
        Upload(file=u.file, graph=target if u.graph == staging else inferred_target,
               status=u.status, size=u.size)
        for u in report.uploads
    ]  # fmt: skip
    for name in (target, inferred_target):
        after = count_triples(query_url, name) if query_url else None
        old = "?" if before[name] is None else f"{before[name]:,}"
        new = "?" if after is None else f"{after:,}"
        what = "replaced" if name == target or inferred is not None else "dropped (no inferred.ttl)"
        report.changes.append(f"graph {name}: {what}, {old} -> {new} triples")
    return report


def _maybe(function: object, *args: str) -> str | None:
    try:
        return function(*args)  # type: ignore[operator]
    except PublishError:
        return None


def update_url_or(update_endpoint: str | None, endpoint: str) -> str:
    return update_endpoint or _maybe(sibling_endpoint, endpoint, "update") or endpoint
