"""Publish a build to any SPARQL 1.1 store through the Graph Store Protocol (GSP).

Takes a build directory (``graph.nt``, else ``graph.ttl``; optional ``inferred.ttl``) and the
store's GSP endpoint (Oxigraph ``http://host:7878/store``, Fuseki ``/dataset/data``, GraphDB
``/repositories/ID/rdf-graphs/service`` ...), and gives a :class:`PublishReport`.

Each file is sent with one HTTP ``PUT`` to its own named graph, which *replaces* that graph: the
asserted triples go to ``--named-graph`` (default ``<base>dataset``), the reasoner's triples to
``<graph>/inferred``, so publishing twice leaves the store exactly as publishing once.
``--named-graph default`` writes the asserted triples to the store's default graph instead.
Bodies are streamed from disk, so the file size is not bounded by memory. Only the standard
library is used.

Stores that want a login for writes (Virtuoso's ``/sparql-graph-crud-auth``, Fuseki or GraphDB
with security on) get ``auth=(user, password)``: HTTP Digest or Basic, whichever the store asks
for. The challenge is fetched first with a body-less ``HEAD``, so the graph is sent only once.
"""

from __future__ import annotations

import base64
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
    """What :func:`publish` sent, in order."""

    endpoint: str
    uploads: list[Upload] = field(default_factory=list)


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


def publish(
    endpoint: str,
    build: Path,
    *,
    graph: str | None = None,
    base: str = DEFAULT_BASE,
    timeout: float = 300.0,
    auth: tuple[str, str] | None = None,
) -> PublishReport:
    """Upload the build's asserted graph and, when present, its inferred graph.

    ``auth``: ``(user, password)`` for stores that want a login for writes.
    """
    asserted, inferred = graph_files(build)
    target = graph or str(Minter(base).dataset())
    report = PublishReport(endpoint=endpoint)
    report.uploads.append(put_graph(endpoint, target, asserted, timeout=timeout, auth=auth))
    if inferred is not None:
        inferred_target = (
            inferred_graph_iri(base) if target == DEFAULT_GRAPH else f"{target}/inferred"
        )
        report.uploads.append(
            put_graph(endpoint, inferred_target, inferred, timeout=timeout, auth=auth)
        )
    return report
