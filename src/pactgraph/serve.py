"""``pactgraph serve``: the build as linked data, plus a read-only SPARQL endpoint.

Takes a build directory (``graph.nt`` or ``graph.ttl``, optional ``inferred.ttl`` and ``viz/``),
the base IRI its IRIs were minted under, the public URL the site is reached at, and the
ontology; gives an HTTP/1.1 server (Starlette on uvicorn, :mod:`pactgraph.http_front`):

- ``/`` a landing page: the dataset description (VoID + DCAT, also at ``/dataset`` by content
  negotiation), counts, the works and actors, the query library's questions with links that run
  them, and the dumps (``/dumps/graph.nt`` ...);
- every IRI the graph mints, ``<base>work/a-res-71-1``, answers at the local path
  ``/work/a-res-71-1`` with content negotiation (``Accept``: ``text/html``, ``text/turtle``,
  ``application/ld+json``, ``application/n-triples``, ``application/rdf+xml``) or a
  ``.ttl``/``.jsonld``/``.nt``/``.rdf``/``.html`` suffix;
- ``/sparql``: the SPARQL 1.1 protocol (GET, or POST as a query or a form). Each query is
  checked on its parsed algebra (:mod:`pactgraph.sparql_guard`: read forms only, no ``SERVICE``,
  bounded size and nesting) and answered by a supervised pool of worker processes that have no
  network (:mod:`pactgraph.sparql_pool`); a browser gets the answers as a table, and without a
  query the form (HTML) or the SPARQL service description (RDF);
- ``/ontology`` (Turtle, pyLODE HTML, other RDF formats), ``/viz`` when built, ``/healthz``
  (JSON: whether SPARQL is up; 503 when not).

Limits: request bodies are bounded (``max_body`` bytes, ``Content-Length`` checked before
reading, chunked bodies counted) and must arrive within ``body_timeout_s``; at most
``max_inflight`` requests are handled at once, past that 503 with ``Retry-After``; connection
limits and header timeouts are :mod:`pactgraph.http_front`'s. The request's ``Host`` is never
used in an answer: absolute links are made from ``public_url``.

The build is read-only while served, so rendered pages and RDF descriptions are cached
(bounded by bytes). Page data comes from :mod:`pactgraph.linked_data` (pyoxigraph lookups);
markup from Jinja2 templates with autoescaping.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import json
import mimetypes
import socket
import threading
import time
import urllib.parse
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any

import jinja2
import pyoxigraph as ox
from rdflib import Graph, URIRef
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from .docs_ontology import find_ontology, ontology_html
from .endpoint import result_from_json
from .errors import PactgraphError
from .http_front import Limits, make_server
from .iris import Minter
from .linked_data import (
    DUMPS,
    Dataset,
    negotiate,
    result_view,
)
from .namespaces import DEFAULT_BASE
from .query import EmbeddedStore, SavedQuery, inferred_graph_iri, load_library
from .sparql_pool import Answer, QueryPool

PACKAGE_DIR = Path(__file__).resolve().parent
STATIC_DIR = PACKAGE_DIR / "static"
TEMPLATE_DIR = PACKAGE_DIR / "templates"

#: RDF media types the resources answer in, and the suffix that asks for each.
RDF_FORMATS = {
    "text/turtle": ("turtle", ".ttl"),
    "application/ld+json": ("json-ld", ".jsonld"),
    "application/n-triples": ("nt", ".nt"),
    "application/rdf+xml": ("xml", ".rdf"),
}
SUFFIXES = {suffix: media for media, (_, suffix) in RDF_FORMATS.items()} | {".html": "text/html"}
SPARQL_RESULTS = "application/sparql-results+json"
TEXT = "text/plain; charset=utf-8"
HTML = "text/html; charset=utf-8"
READ_ONLY = "SPARQL updates are refused: this endpoint is read-only"
VARY = {"Vary": "Accept"}


class ServeError(PactgraphError):
    """The server cannot start (missing build, store failure, port in use)."""


@dataclass
class ServeConfig:
    """What ``pactgraph serve`` needs; ``port=0`` picks a free port."""

    build: Path
    host: str = "127.0.0.1"
    port: int = 8080
    base: str = DEFAULT_BASE
    timeout_s: int = 30
    queries: Path | None = None
    ontology: Path | None = None
    store_dir: Path | None = None
    #: where the site is reached (absolute links in VoID, the service description); default: base
    public_url: str | None = None
    workers: int = 2
    max_waiting: int = 64
    max_inflight: int = 256
    max_body: int = 1_000_000
    body_timeout_s: float = 10.0
    cache_bytes: int = 64_000_000
    #: SPARQL answers kept per build (bytes; 0: none): the build is immutable while served
    result_cache_bytes: int = 64_000_000
    limits: Limits = field(default_factory=Limits)


class ByteLRU:
    """A thread-safe least-recently-used cache bounded by the total size of its values."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes, self.size = max_bytes, 0
        self._items: OrderedDict[object, tuple[int, str, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: object) -> tuple[int, str, bytes] | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: object, value: tuple[int, str, bytes]) -> None:
        if len(value[2]) > self.max_bytes // 8:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = value
            self.size += len(value[2])
            while self.size > self.max_bytes:
                _, old = self._items.popitem(last=False)
                self.size -= len(old[2])


class ResultCache:
    """SPARQL answers of the served build, keyed by the build's stamp and the whole request
    (query text, accepted types, graphs): a read-only build answers the same query the same way
    until it is replaced, and a new build has a new stamp. Only 200 answers are kept, in a
    :class:`ByteLRU`; identical requests arriving while the first is computed wait for its answer
    instead of each taking a worker. ``max_bytes=0`` turns it off."""

    def __init__(self, max_bytes: int) -> None:
        self.store = ByteLRU(max_bytes) if max_bytes > 0 else None
        self._running: dict[object, asyncio.Future[Answer]] = {}
        self.hits = self.misses = 0

    async def answer(self, key: object, compute: Callable[[], Awaitable[Answer]]) -> Answer:
        if self.store is None:
            return await compute()
        kept = self.store.get(key)
        if kept is not None:
            self.hits += 1
            return (*kept, {})
        running = self._running.get(key)
        if running is not None:
            self.hits += 1
            try:
                return await asyncio.shield(running)
            except asyncio.CancelledError:
                if not running.cancelled():
                    raise  # this request was cancelled, not the one it waited for
                return await compute()
        self.misses += 1
        future: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        self._running[key] = future
        try:
            answer = await compute()
        except asyncio.CancelledError:
            future.cancel()
            raise
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no warning when nobody else was waiting
            raise
        finally:
            self._running.pop(key, None)
        if answer[0] == 200:
            self.store.put(key, answer[:3])
        future.set_result(answer)
        return answer


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


class InflightLimit:
    """ASGI middleware: past ``limit`` requests in flight, answer 503 + Retry-After at once."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit, self.inflight = app, limit, 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.inflight >= self.limit:
            response = Response(
                "the server is busy; retry shortly\n",
                status_code=503,
                media_type=TEXT,
                headers={"Retry-After": "2"},
            )
            await response(scope, receive, send)
            return
        self.inflight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.inflight -= 1


class LinkedDataServer:
    """The server: dataset, SPARQL pool, templates; ``start()``, then ``serve_forever()``."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        build = config.build
        graph_file = next(
            (build / n for n in ("graph.nt", "graph.ttl") if (build / n).is_file()), None
        )
        if graph_file is None:
            raise ServeError(
                "no graph.nt or graph.ttl here; run `pactgraph build` first", locator=str(build)
            )
        self.graph_file = graph_file
        inferred = build / "inferred.ttl"
        self.inferred_file = inferred if inferred.is_file() else None
        self.base = Minter(config.base).base
        self.public = (config.public_url or self.base).rstrip("/") + "/"
        self.dataset = Dataset(
            EmbeddedStore.from_build(build, base=self.base), base=self.base, build=build
        )
        self._check_base()
        self.store_dir = config.store_dir or build / "oxigraph-store"
        self.pool = QueryPool(
            self.store_dir,
            size=config.workers,
            timeout_s=config.timeout_s,
            max_waiting=config.max_waiting,
        )
        self.ontology = config.ontology or find_ontology(build)
        if self.ontology is not None:
            self.dataset.read_term_labels(self.ontology)
        try:
            self.library: dict[str, SavedQuery] = {
                name: q for name, q in load_library(config.queries).items() if not q.is_check
            }
        except PactgraphError:
            self.library = {}
        self.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
            autoescape=jinja2.select_autoescape(["html"]),
        )
        self.templates.filters["num"] = lambda n: f"{n:,}" if isinstance(n, int) else n
        self.cache = ByteLRU(config.cache_bytes)
        self.results = ResultCache(config.result_cache_bytes)
        self.build_stamp = ""
        self.app = InflightLimit(self._starlette(), config.max_inflight)
        self.server: Any = None
        self._socket: socket.socket | None = None

    def _check_base(self) -> None:
        for index, quad in enumerate(self.dataset.store.quads_for_pattern(None, None, None, None)):
            if isinstance(quad.subject, ox.NamedNode) and quad.subject.value.startswith(self.base):
                return
            if index > 5000:
                break
        raise ServeError(
            f"no IRI of the build starts with the base IRI {self.base} (see --base-iri)"
        )

    # --- the SPARQL store -----------------------------------------------------------------------
    def _stamp(self) -> str:
        parts = [self.base]
        for path in (self.graph_file, self.inferred_file):
            if path is not None:
                stat = path.stat()
                parts.append(f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}")
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def prepare_store(self) -> None:
        """(Re)load the on-disk store the workers read when the build changed since."""
        stamp_file = self.store_dir.with_name(self.store_dir.name + ".stamp")
        stamp = self.build_stamp = self._stamp()
        if self.store_dir.is_dir() and stamp_file.is_file() and stamp_file.read_text() == stamp:
            return
        import shutil

        shutil.rmtree(self.store_dir, ignore_errors=True)
        stamp_file.unlink(missing_ok=True)
        try:
            store = ox.Store(str(self.store_dir))
            formats = {".nt": ox.RdfFormat.N_TRIPLES, ".ttl": ox.RdfFormat.TURTLE}
            store.bulk_load(path=str(self.graph_file), format=formats[self.graph_file.suffix])
            if self.inferred_file is not None:
                store.bulk_load(
                    path=str(self.inferred_file),
                    format=ox.RdfFormat.TURTLE,
                    to_graph=ox.NamedNode(inferred_graph_iri(self.base)),
                )
            store.flush()
            del store
        except (OSError, SyntaxError, ValueError) as exc:
            raise ServeError(
                f"cannot load the SPARQL store: {exc}", locator=str(self.store_dir)
            ) from None
        stamp_file.write_text(stamp)

    # --- life cycle -----------------------------------------------------------------------------
    @property
    def url(self) -> str:
        assert self._socket is not None
        host, port = self._socket.getsockname()[:2]
        return f"http://{host}:{port}/"

    def start(self) -> None:
        """Load the SPARQL store and bind the port (workers start with the server)."""
        self.prepare_store()
        try:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self.config.host, self.config.port))
            sock.listen(self.config.limits.backlog)
            sock.set_inheritable(True)
        except OSError as exc:
            raise ServeError(
                f"cannot listen on {self.config.host}:{self.config.port}: {exc}"
            ) from None
        self._socket = sock
        self.server = make_server(self.app, self.config.host, self.config.port, self.config.limits)

    def serve_forever(self) -> None:
        """Serve until SIGTERM/SIGINT (main thread) or :meth:`stop`; graceful either way."""
        assert self.server is not None and self._socket is not None
        self.server.run(sockets=[self._socket])

    def stop(self) -> None:
        if self.server is not None:
            self.server.should_exit = True

    @contextlib.asynccontextmanager
    async def _lifespan(self, _app: Starlette) -> AsyncIterator[None]:
        await self.pool.start()
        try:
            yield
        finally:
            await self.pool.stop()

    def render(self, template: str, **context: object) -> bytes:
        nav = {"viz": (self.config.build / "viz" / "index.html").is_file()}
        return self.templates.get_template(template).render(nav=nav, **context).encode("utf-8")

    # --- routes ---------------------------------------------------------------------------------
    def _starlette(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/healthz", self.healthz, methods=["GET", "HEAD"]),
                Route("/sparql", self.sparql, methods=["GET", "HEAD", "POST"]),
                Route("/{path:path}", self.cached_or_dispatch, methods=["GET", "HEAD"]),
            ],
            lifespan=self._lifespan,
        )

    async def healthz(self, request: Request) -> Response:
        health = self.pool.health()
        status = 200 if health["sparql"] == "up" else 503
        return Response(json.dumps(health), status_code=status, media_type="application/json")

    def error(self, request: Request | None, status: int, message: str, **headers: str) -> Response:
        accept = request.headers.get("accept") if request is not None else None
        if negotiate(accept, ["text/plain", "text/html"]) == "text/html" and accept:
            body = self.render(
                "error.html", status=status, reason=HTTPStatus(status).phrase, message=message
            )
            return Response(body, status_code=status, media_type=HTML, headers=headers)
        return Response(message + "\n", status_code=status, media_type=TEXT, headers=headers)

    async def cached_or_dispatch(self, request: Request) -> Response:
        """A page or description already rendered is answered on the event loop; anything else
        goes to :meth:`dispatch` in the thread pool (it may read files or render a page)."""
        path = request.url.path
        if path in ("", "/"):
            path = "/dataset"
        media = negotiate(request.headers.get("accept"), ["text/html", *RDF_FORMATS])
        key = "/" if path == "/dataset" and media == "text/html" else path
        cached = self.cache.get((key, media)) if media else None
        if cached is not None and not any(path.endswith(s) for s in SUFFIXES):
            status, content_type, body = cached
            return Response(body, status_code=status, media_type=content_type, headers=VARY)
        return await run_in_threadpool(self.dispatch, request)

    def dispatch(self, request: Request) -> Response:
        """Every GET/HEAD outside /sparql and /healthz (a sync endpoint: run in the threadpool)."""
        path = request.url.path
        try:
            if path.startswith("/static/"):
                return self._file(request, STATIC_DIR, path.removeprefix("/static/"))
            if path.startswith("/dumps/"):
                name = path.removeprefix("/dumps/")
                if name in DUMPS:
                    return self._file(request, self.config.build, name)
                return self.error(request, 404, "no such dump")
            if path in ("/viz", "/viz/"):
                return self._file(request, self.config.build / "viz", "index.html")
            if path.startswith("/viz/"):
                return self._file(request, self.config.build / "viz", path.removeprefix("/viz/"))
            if path == "/context.jsonld":
                from .pages import jsonld_context

                body = json.dumps(jsonld_context(self.base), indent=1).encode()
                return Response(body, media_type="application/ld+json")
            if path == "/index.html":
                return self._cached(request, "/", "text/html", self._landing)
            if path.split(".")[0] == "/ontology":
                return self._ontology(request, path)
            version = self._version_path()
            if version and path.split(".")[0] == version:  # the versionIRI resolves
                return self._ontology(request, "/ontology" + path.removeprefix(version))
            return self._resource(request, path)
        except (BrokenPipeError, ConnectionResetError):
            return Response(status_code=499)

    def _file(self, request: Request, directory: Path, name: str) -> Response:
        try:
            root = directory.resolve()
            target = (root / name).resolve()
            found = bool(name) and target.is_relative_to(root) and target.is_file()
        except (OSError, ValueError):  # NUL bytes, names too long
            found = False
        if not found:
            return self.error(request, 404, "no such file")
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if target.suffix == ".ttl":
            content_type = "text/turtle"
        elif target.suffix == ".nt":
            content_type = "application/n-triples"
        if content_type.startswith("text/") or target.suffix in (".js", ".json", ".svg"):
            content_type += "; charset=utf-8"
        return FileResponse(target, media_type=content_type)

    def _cached(
        self, request: Request, key: str, media: str, render: Any, *args: object
    ) -> Response:
        cached = self.cache.get((key, media))
        if cached is None:
            cached = render(*args)
            self.cache.put((key, media), cached)
        status, content_type, body = cached
        return Response(
            body, status_code=status, media_type=content_type, headers={"Vary": "Accept"}
        )

    def _landing(self) -> tuple[int, str, bytes]:
        from .pages import landing_context

        body = self.render("landing.html", **landing_context(self))
        return 200, HTML, body

    def _resource(self, request: Request, path: str) -> Response:
        if path in ("", "/"):
            path = "/dataset"
        if (
            not path.startswith("/")
            or ".." in path
            or "//" in path
            or any(ord(c) < 33 or c == "\x7f" for c in path)
            or len(path) > 2000
        ):
            return self.error(request, 404, "not in this dataset")
        stem, media = path, None
        for suffix, suffix_media in SUFFIXES.items():
            if path.endswith(suffix):
                stem, media = path.removesuffix(suffix), suffix_media
                break
        if media is None:
            media = negotiate(request.headers.get("accept"), ["text/html", *RDF_FORMATS])
        iri = URIRef(self.base + stem.lstrip("/"))
        if stem.lstrip("/") == "dataset":
            if media == "text/html" or media is None:
                return self._cached(request, "/", "text/html", self._landing)
            return self._cached(request, stem, media, self._rdf, "void", media)
        if not stem.strip("/") or not self.dataset.exists(iri):
            return self.error(request, 404, f"{iri} is not in this dataset")
        if media is None:
            return self.error(request, 406, "available: text/html, " + ", ".join(RDF_FORMATS))
        if media == "text/html":
            return self._cached(request, stem, media, self._page, iri, stem)
        return self._cached(request, stem, media, self._rdf, iri, media)

    def _page(self, iri: URIRef, stem: str) -> tuple[int, str, bytes]:
        from .pages import resource_context

        body = self.render("resource.html", **resource_context(self, iri, stem, RDF_FORMATS))
        return 200, HTML, body

    def _rdf(self, iri: URIRef | str, media: str) -> tuple[int, str, bytes]:
        from .pages import serialize

        graph = self.dataset.void(self.public) if iri == "void" else self.dataset.describe(iri)
        return 200, f"{media}; charset=utf-8", serialize(graph, media, self.public)

    @functools.cached_property
    def _version(self) -> str:
        if self.ontology is None:
            return ""
        from rdflib.namespace import OWL

        versions = list(_ontology_graph(self.ontology).objects(None, OWL.versionIRI))
        return str(versions[0]) if versions else ""

    def _version_path(self) -> str:
        """The local path of the ontology's owl:versionIRI when it is under the base."""
        version = self._version
        return "/" + version[len(self.base) :] if version.startswith(self.base) else ""

    def _ontology(self, request: Request, path: str) -> Response:
        ontology = self.ontology
        if ontology is None:
            return self.error(request, 404, "no ontology file found")
        suffix = path.removeprefix("/ontology")
        if suffix and suffix not in SUFFIXES:
            return self.error(
                request, 404, "the ontology is at /ontology (.ttl, .jsonld, .nt, .html)"
            )
        media = SUFFIXES.get(suffix) or negotiate(
            request.headers.get("accept"), ["text/html", *RDF_FORMATS]
        )
        if media is None:
            return self.error(request, 406, "available: text/html, " + ", ".join(RDF_FORMATS))
        return self._cached(request, "/ontology", media, self._ontology_body, ontology, media)

    def _ontology_body(self, ontology: Path, media: str) -> tuple[int, str, bytes]:
        from .pages import ontology_backlink

        if media == "text/turtle":
            return 200, "text/turtle; charset=utf-8", ontology.read_bytes()
        if media == "text/html":
            return 200, HTML, ontology_backlink(ontology_html(ontology)).encode("utf-8")
        from .pages import serialize

        return 200, f"{media}; charset=utf-8", serialize(_ontology_graph(ontology), media, "")

    # --- SPARQL ---------------------------------------------------------------------------------
    async def _body(self, request: Request) -> bytes:
        too_large = _Refused(413, f"request body larger than {self.config.max_body:,} bytes")
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.config.max_body):
            raise too_large
        chunks, size = [], 0
        try:
            async with asyncio.timeout(self.config.body_timeout_s):
                async for chunk in request.stream():
                    size += len(chunk)
                    if size > self.config.max_body:
                        raise too_large
                    chunks.append(chunk)
        except TimeoutError:
            raise _Refused(408, "the request body did not arrive in time") from None
        return b"".join(chunks)

    async def sparql(self, request: Request) -> Response:
        try:
            params = _params(request.url.query)
            if request.method == "POST":
                content_type = (request.headers.get("content-type") or "").split(";")[0]
                content_type = content_type.strip().lower()
                if content_type == "application/sparql-update":
                    raise _Refused(403, READ_ONLY)
                body = await self._body(request)
                if content_type == "application/sparql-query":
                    params = [("query", body.decode("utf-8", "replace")), *params]
                elif content_type == "application/x-www-form-urlencoded":
                    params = _params(body.decode("utf-8", "replace")) + params
                else:
                    raise _Refused(415, "send application/sparql-query or a form with query=")
        except _Refused as refused:
            return self.error(request, refused.status, refused.message)
        names = {name for name, _ in params}
        if "update" in names:
            return self.error(
                request, 403, "SPARQL updates are refused: this endpoint is read-only"
            )
        accept = request.headers.get("accept") or SPARQL_RESULTS
        if "query" not in names:
            from .pages import service_description, sparql_form_context

            media = negotiate(accept, ["text/html", *RDF_FORMATS])
            if media in RDF_FORMATS:
                body = service_description(self.public, media)
                return Response(
                    body, media_type=f"{media}; charset=utf-8", headers={"Vary": "Accept"}
                )
            body = self.render("sparql.html", **sparql_form_context(self, ""))
            return Response(body, media_type=HTML, headers={"Vary": "Accept"})
        queries = [v for k, v in params if k == "query"]
        if len(queries) != 1:
            return self.error(request, 400, "send exactly one query parameter")
        query = queries[0]
        # a browser (text/html named explicitly and preferred) gets an HTML table
        wants_html = "text/html" in accept and (
            negotiate(accept, [SPARQL_RESULTS, "text/html"]) == "text/html"
        )
        job = (
            query,
            f"{SPARQL_RESULTS}, text/turtle;q=0.9" if wants_html else accept,
            tuple(v for k, v in params if k == "default-graph-uri"),
            tuple(v for k, v in params if k == "named-graph-uri"),
        )
        status, content_type, data, headers = await self.results.answer(
            (self.build_stamp, *job), lambda: self._run(*job)
        )
        if not wants_html or (status == 200 and "json" not in content_type):
            return Response(data, status_code=status, media_type=content_type, headers=headers)
        from .pages import sparql_form_context

        result, error = None, ""
        if status == 200:
            result = result_from_json(json.loads(data))
        else:
            error = data.decode("utf-8", "replace").strip()
        context = sparql_form_context(self, query)
        context |= {"result": result_view(result, self.dataset), "error": error}
        body = self.render("sparql.html", **context)
        return Response(body, status_code=status, media_type=HTML, headers=headers)

    async def _run(
        self, query: str, accept: str, default: tuple[str, ...], named: tuple[str, ...]
    ) -> Answer:
        return await self.pool.run(
            query, accept=accept, default_graphs=list(default), named_graphs=list(named)
        )


def _params(text: str) -> list[tuple[str, str]]:
    return urllib.parse.parse_qsl(text, keep_blank_values=True, errors="replace")


@functools.lru_cache(maxsize=2)
def _ontology_graph(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def serve_in_thread(config: ServeConfig) -> tuple[LinkedDataServer, threading.Thread]:
    """Start a server and serve it from a daemon thread (tests, notebooks); ``stop()`` ends it.

    Returns once the server answers (its SPARQL workers are up); raises ServeError otherwise.
    """
    app = LinkedDataServer(config)
    app.start()
    thread = threading.Thread(target=app.serve_forever, name="pactgraph-serve", daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not app.server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise ServeError("the server did not start (see its log above)")
        time.sleep(0.02)
    original_stop = app.stop

    def stop() -> None:
        original_stop()
        thread.join(timeout=30)

    app.stop = stop  # type: ignore[method-assign]
    return app, thread


__all__ = [
    "Dataset",
    "LinkedDataServer",
    "ServeConfig",
    "ServeError",
    "negotiate",
    "serve_in_thread",
]
