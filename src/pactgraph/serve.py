"""``pactgraph serve``: the build as linked data, plus a read-only SPARQL endpoint.

Takes a build directory (``graph.nt`` or ``graph.ttl``, optional ``inferred.ttl`` and ``viz/``),
the base IRI its IRIs were minted under and the ontology, and gives an HTTP server on 127.0.0.1:

- ``/`` a landing page: the dataset description (VoID + DCAT, also at ``/dataset`` by content
  negotiation), triple and class counts, the works and actors, the query library's questions
  with links that run them, and the dumps (``/dumps/graph.nt`` ...);
- every IRI the graph mints, ``<base>work/a-res-71-1``, answers at the local path
  ``/work/a-res-71-1`` with content negotiation (``Accept``: ``text/html``, ``text/turtle``,
  ``application/ld+json``, ``application/n-triples``) or a ``.ttl``/``.jsonld``/``.nt``/``.html``
  suffix; the HTML page shows label, types, the text and the copies it comes from, and links in
  both directions. The base need not be the server's address: paths are resolved against it;
- ``/sparql``: SPARQL 1.1 protocol queries (GET or POST) proxied to a child
  ``oxigraph serve-read-only --timeout-s N`` over an on-disk store (``build/oxigraph-store``, loaded
  with ``oxigraph load`` and reloaded when the graph files change). Updates are refused here
  (403) and by the child, and so are federated ``SERVICE`` queries (Oxigraph would fetch any
  URL they name). A query cancelled at the timeout reaches the client as a 504 with a
  one-line reason: Oxigraph has then already sent 200 and a truncated body ending in "The SPARQL
  operation has been cancelled" (TOOLCHAIN.md), so the proxy reads the whole answer before it
  replies; and as Oxigraph does not cancel every query (ORDER BY, large aggregates), the proxy
  keeps its own deadline and replaces a child stuck past it. A browser asking for HTML gets the
  answers as a table;
- ``/ontology``: the ontology as Turtle, or as pyLODE HTML (:mod:`pactgraph.docs_ontology`);
- ``/viz``: ``build/viz/index.html`` and its files when the visualisation was built.

Anything else is 404; methods other than GET/HEAD (and POST on ``/sparql``) are 405.

Why the standard library's :class:`http.server.ThreadingHTTPServer`: the front only reads an
in-memory pyoxigraph store and renders small pages, so one thread per request is plenty for a
dataset server on one machine; it adds no dependency, and the heavy lifting (SPARQL, timeouts)
is Oxigraph's. Page data comes from :mod:`pactgraph.linked_data` (pyoxigraph pattern lookups,
not SPARQL strings); page markup from Jinja2 templates with autoescaping (``templates/*.html``),
so literal text such as ``<script>`` shows as text.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import http.client
import json
import mimetypes
import shutil
import socket
import subprocess
import sys
import threading
import time
import traceback
import urllib.parse
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jinja2
import pyoxigraph as ox
from rdflib import Graph, URIRef

from .docs_ontology import find_ontology, ontology_html
from .errors import PactgraphError
from .iris import Minter
from .linked_data import (
    DUMPS,
    Dataset,
    actor_classes,
    instrument_classes,
    negotiate,
    result_view,
)
from .namespaces import DEFAULT_BASE, PG
from .query import (
    EmbeddedStore,
    SavedQuery,
    inferred_graph_iri,
    load_library,
    result_from_json,
    uses_keyword,
)

PACKAGE_DIR = Path(__file__).resolve().parent
STATIC_DIR = PACKAGE_DIR / "static"
TEMPLATE_DIR = PACKAGE_DIR / "templates"

#: RDF media types the resources answer in, and the suffix that asks for each.
RDF_FORMATS = {
    "text/turtle": ("turtle", ".ttl"),
    "application/ld+json": ("json-ld", ".jsonld"),
    "application/n-triples": ("nt", ".nt"),
}
SUFFIXES = {suffix: media for media, (_, suffix) in RDF_FORMATS.items()} | {".html": "text/html"}
MAX_QUERY_BYTES = 1_000_000
CANCELLED = b"The SPARQL operation has been cancelled"
MAX_RESULT_BYTES = 50_000_000
TOO_LARGE = "The answer exceeds 50 MB: add a LIMIT, or download the dumps and query locally.\n"


class ServeError(PactgraphError):
    """The server cannot start (missing build, oxigraph failure, port in use)."""


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


# --- the SPARQL endpoint: a child oxigraph serve-read-only -------------------------------------


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that was free a moment ago on ``host``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def oxigraph_executable() -> str:
    """The ``oxigraph`` CLI next to this Python (the venv), else on PATH."""
    local = Path(sys.executable).parent / "oxigraph"
    found = str(local) if local.is_file() else shutil.which("oxigraph")
    if not found:
        raise ServeError("the oxigraph executable is missing (pip install oxigraph)")
    return found


@dataclass
class SparqlBackend:
    """A read-only Oxigraph server on an internal port, over a store loaded from the build."""

    graph_file: Path
    inferred_file: Path | None
    store_dir: Path
    base: str
    timeout_s: int
    port: int = 0
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    generation: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def start(self) -> None:
        self._load_if_stale()
        with self._lock:
            self._spawn()

    def _spawn(self) -> None:
        port = free_port()
        command = [
            oxigraph_executable(),
            "serve-read-only",
            "-l",
            str(self.store_dir),
            "-b",
            f"127.0.0.1:{port}",
            "--timeout-s",
            str(self.timeout_s),
            "--union-default-graph",
        ]
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if process.poll() is not None:
                err = (process.stderr.read() if process.stderr else b"").decode()
                raise ServeError(f"oxigraph serve-read-only exited: {err.strip()[:300]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            except OSError:
                time.sleep(0.05)
                continue
            self.process, self.port = process, port
            self.generation += 1
            return
        process.kill()
        process.wait(timeout=10)
        raise ServeError("oxigraph serve-read-only did not start within 20 s")

    def stop(self) -> None:
        with self._lock:
            self._stop()

    def _stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        if self.process.stderr:
            self.process.stderr.close()
        self.process = None

    def _stamp(self) -> str:
        parts = [self.base]
        for path in (self.graph_file, self.inferred_file):
            if path is not None:
                stat = path.stat()
                parts.append(f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}")
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def _load_if_stale(self) -> None:
        stamp_file = self.store_dir.with_name(self.store_dir.name + ".stamp")
        stamp = self._stamp()
        if self.store_dir.is_dir() and stamp_file.is_file() and stamp_file.read_text() == stamp:
            return
        shutil.rmtree(self.store_dir, ignore_errors=True)
        stamp_file.unlink(missing_ok=True)
        self._oxigraph_load(self.graph_file, None)
        if self.inferred_file is not None:
            self._oxigraph_load(self.inferred_file, inferred_graph_iri(self.base))
        stamp_file.write_text(stamp)

    def _oxigraph_load(self, path: Path, graph: str | None) -> None:
        command = [oxigraph_executable(), "load", "-l", str(self.store_dir), "-f", str(path)]
        if graph:
            command += ["--graph", graph]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            message = (done.stderr or done.stdout).strip().splitlines()
            raise ServeError(f"oxigraph load failed: {message[-1] if message else '?'}")

    def query(
        self, params: list[tuple[str, str]], accept: str, *, retry: bool = True
    ) -> tuple[int, str, bytes]:
        """POST the query to the child; ``(status, content type, body)``, timeouts as 504.

        The answer must be complete within ``timeout_s`` + 1 s. Oxigraph's own ``--timeout-s``
        cancels some queries (answering 200 with a truncated body ending in
        :data:`CANCELLED`), but not all: an aggregate over a large join, or an ORDER BY, ran
        for minutes on the real build. So the proxy keeps its own deadline, and when it passes
        it kills the busy child and starts a fresh one on the same store (a second or so).
        """
        port, generation = self.port, self.generation
        deadline = time.monotonic() + self.timeout_s + 1
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=self.timeout_s + 1)
        overran = truncated = False
        status, content_type, data = 502, "text/plain", b""
        try:
            connection.request(
                "POST",
                "/query",
                body=urllib.parse.urlencode(params).encode(),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": accept or "application/sparql-results+json",
                },
            )
            response = connection.getresponse()
            status = response.status
            content_type = response.getheader("Content-Type", "text/plain")
            chunks, size = [], 0
            while chunk := response.read1(1 << 16):
                chunks.append(chunk)
                size += len(chunk)
                if time.monotonic() > deadline:
                    overran = True
                    break
                if size > MAX_RESULT_BYTES:
                    connection.close()
                    self._restart(generation)
                    return 507, "text/plain; charset=utf-8", TOO_LARGE.encode()
            data = b"".join(chunks)
        except http.client.IncompleteRead as exc:
            data, truncated = exc.partial, True
        except TimeoutError:
            overran = True
        except ConnectionRefusedError:
            if retry and self._restart(generation, only_if_dead=True):
                return self.query(params, accept, retry=False)  # the child had died: once more
            return 502, "text/plain; charset=utf-8", b"SPARQL backend unavailable\n"
        except (OSError, http.client.HTTPException) as exc:
            return 502, "text/plain; charset=utf-8", f"SPARQL backend unavailable: {exc}\n".encode()
        finally:
            connection.close()
        if overran:
            self._restart(generation)
        if overran or truncated or (status == 200 and data.rstrip().endswith(CANCELLED)):
            message = (
                f"Query cancelled: it ran longer than the {self.timeout_s} s timeout of this "
                "endpoint. Narrow it (LIMIT, more specific patterns) or run it on a local copy "
                "(`pactgraph query FILE`).\n"
            )
            return 504, "text/plain; charset=utf-8", message.encode()
        return status, content_type, data

    def _restart(self, generation: int, *, only_if_dead: bool = False) -> bool:
        """Replace a stuck (or dead) child, once however many requests saw it fail.

        True when a fresh child runs on return (started here or by another request).
        """
        with self._lock:
            if self.process is None:
                return False
            if generation != self.generation:
                return True  # another request already replaced it
            if only_if_dead and self.process.poll() is None:
                return False
            self.process.kill()
            self.process.wait(timeout=10)
            if self.process.stderr:
                self.process.stderr.close()
            self.process = None
            self._spawn()
            return True


# --- the HTTP front ----------------------------------------------------------------------------


class LinkedDataServer:
    """The server: dataset, SPARQL backend, templates; ``start()``, then ``serve_forever()``."""

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
        inferred = build / "inferred.ttl"
        self.base = Minter(config.base).base
        self.dataset = Dataset(
            EmbeddedStore.from_build(build, base=self.base), base=self.base, build=build
        )
        self._check_base()
        self.backend = SparqlBackend(
            graph_file=graph_file,
            inferred_file=inferred if inferred.is_file() else None,
            store_dir=config.store_dir or build / "oxigraph-store",
            base=self.base,
            timeout_s=config.timeout_s,
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
        self.httpd: ThreadingHTTPServer | None = None

    def _check_base(self) -> None:
        for index, quad in enumerate(self.dataset.store.quads_for_pattern(None, None, None, None)):
            if isinstance(quad.subject, ox.NamedNode) and quad.subject.value.startswith(self.base):
                return
            if index > 5000:
                break
        raise ServeError(
            f"no IRI of the build starts with the base IRI {self.base} (see --base-iri)"
        )

    @property
    def url(self) -> str:
        assert self.httpd is not None
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def start(self) -> None:
        """Load the SPARQL store, start Oxigraph and bind the HTTP port (not yet serving)."""
        self.backend.start()
        # a child must not outlive us (PR_SET_PDEATHSIG would not do: it follows the thread
        # that forked the child, and a restart forks from a short-lived request thread)
        atexit.register(self.backend.stop)
        try:
            handler = type("Handler", (RequestHandler,), {"app": self})
            ThreadingHTTPServer.request_queue_size = 128
            self.httpd = ThreadingHTTPServer((self.config.host, self.config.port), handler)
            self.httpd.daemon_threads = True
        except OSError as exc:
            self.backend.stop()
            raise ServeError(
                f"cannot listen on {self.config.host}:{self.config.port}: {exc}"
            ) from None

    def serve_forever(self) -> None:
        assert self.httpd is not None
        self.httpd.serve_forever()

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None
        self.backend.stop()

    def render(self, template: str, **context: object) -> bytes:
        nav = {"viz": (self.config.build / "viz" / "index.html").is_file()}
        return self.templates.get_template(template).render(nav=nav, **context).encode("utf-8")


class RequestHandler(BaseHTTPRequestHandler):
    """Routes one request; see the module docstring for the URL space."""

    app: LinkedDataServer
    server_version = "pactgraph"

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: the CLI prints the address; errors go to the client

    # plumbing
    def _send(
        self, status: int, content_type: str, body: bytes, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        if negotiate(self.headers.get("Accept"), ["text/html", "text/plain"]) == "text/html":
            body = self.app.render(
                "error.html", status=status, reason=HTTPStatus(status).phrase, message=message
            )
            self._send(status, "text/html; charset=utf-8", body, headers)
        else:
            self._send(status, "text/plain; charset=utf-8", (message + "\n").encode(), headers)

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        try:
            self._route()
        except (BrokenPipeError, ConnectionResetError):
            pass
        except Exception as exc:  # a page must never take the server down
            traceback.print_exc(file=sys.stderr)  # the server's log; the client gets one line
            self._error(500, f"internal error: {type(exc).__name__}")

    def do_POST(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        if path != "/sparql":
            self._error(405, "this server is read-only", {"Allow": "GET, HEAD"})
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_QUERY_BYTES:
            self._error(413, f"query larger than {MAX_QUERY_BYTES} bytes")
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        query_params = urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query)
        if content_type == "application/sparql-update":
            self._error(403, "SPARQL updates are refused: this endpoint is read-only")
            return
        if content_type == "application/sparql-query":
            params = [("query", body), *query_params]
        elif content_type == "application/x-www-form-urlencoded":
            params = urllib.parse.parse_qsl(body, keep_blank_values=True) + query_params
        else:
            self._error(415, "send application/sparql-query or a form with query=")
            return
        self._sparql(params)

    def _refuse(self) -> None:
        allow = "GET, HEAD, POST" if self.path.startswith("/sparql") else "GET, HEAD"
        self._error(405, "this server is read-only", {"Allow": allow})

    do_PUT = do_DELETE = do_PATCH = _refuse

    def _route(self) -> None:
        split = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(split.path)
        if path in ("", "/"):
            self._resource("/dataset")  # HTML: the landing page; RDF: the VoID description
        elif path == "/index.html":
            self._landing()
        elif path == "/sparql":
            self._sparql(urllib.parse.parse_qsl(split.query, keep_blank_values=True))
        elif path.startswith("/static/"):
            self._file(STATIC_DIR, path.removeprefix("/static/"))
        elif path.startswith("/dumps/"):
            name = path.removeprefix("/dumps/")
            if name in DUMPS:
                self._file(self.app.config.build, name)
            else:
                self._error(404, f"no dump named {name}")
        elif path in ("/viz", "/viz/"):
            self._file(self.app.config.build / "viz", "index.html")
        elif path.startswith("/viz/"):
            self._file(self.app.config.build / "viz", path.removeprefix("/viz/"))
        elif path.split(".")[0] in ("/ontology",):
            self._ontology(path)
        else:
            self._resource(path)

    def _file(self, directory: Path, name: str) -> None:
        root = directory.resolve()
        target = (root / name).resolve()
        if not name or not target.is_relative_to(root) or not target.is_file():
            self._error(404, "no such file")
            return
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if target.suffix in (".ttl",):
            content_type = "text/turtle"
        elif target.suffix == ".nt":
            content_type = "application/n-triples"
        if content_type.startswith("text/") or target.suffix in (".js", ".json", ".svg"):
            content_type += "; charset=utf-8"
        self._send(200, content_type, target.read_bytes())

    # pages
    def _landing(self) -> None:
        dataset = self.app.dataset
        examples = []
        for name, saved in self.app.library.items():
            entry: dict[str, object] = {
                "name": name,
                "title": saved.title,
                "question": saved.question,
            }
            try:
                text = saved.text_with_values(saved.bindings(base=self.app.base))
                entry["href"] = "/sparql?" + urllib.parse.urlencode({"query": text})
            except PactgraphError:
                entry["href"] = ""
                entry["needs"] = ", ".join(p.name for p in saved.params if p.required)
            examples.append(entry)
        counts, classes = dataset.summary()
        body = self.app.render(
            "landing.html",
            counts=counts,
            classes=classes,
            works=dataset.members(PG.Work, *instrument_classes()),
            actors=dataset.members(*actor_classes()),
            dumps=dataset.dumps(),
            examples=examples,
            base=self.app.base,
            dataset_href=dataset.href(str(Minter(self.app.base).dataset())),
        )
        self._send(200, "text/html; charset=utf-8", body, {"Vary": "Accept"})

    def _server_url(self) -> str:
        host = self.headers.get("Host") or f"{self.app.config.host}:{self.app.config.port}"
        return f"http://{host}/"

    def _resource(self, path: str) -> None:
        if (
            not path.startswith("/")
            or ".." in path
            or "//" in path
            or any(ord(c) < 33 for c in path)
        ):
            self._error(404, "not in this dataset")
            return
        stem, media = path, None
        for suffix, suffix_media in SUFFIXES.items():
            if path.endswith(suffix):
                stem, media = path.removesuffix(suffix), suffix_media
                break
        iri = URIRef(self.app.base + stem.lstrip("/"))
        dataset = self.app.dataset
        if stem.lstrip("/") == "dataset":
            if media is None:
                media = negotiate(self.headers.get("Accept"), ["text/html", *RDF_FORMATS])
            if media == "text/html" or media is None:
                self._landing()
            else:
                self._rdf(dataset.void(self._server_url()), media)
            return
        if not stem.strip("/") or not dataset.exists(iri):
            self._error(404, f"{iri} is not in this dataset")
            return
        if media is None:
            media = negotiate(self.headers.get("Accept"), ["text/html", *RDF_FORMATS])
            if media is None:
                self._error(406, "available: text/html, " + ", ".join(RDF_FORMATS))
                return
        if media == "text/html":
            page = dataset.page(iri)
            body = self.app.render("resource.html", page=page, href=stem, formats=RDF_FORMATS)
            self._send(200, "text/html; charset=utf-8", body, {"Vary": "Accept"})
        else:
            self._rdf(dataset.describe(iri), media)

    def _rdf(self, graph: Graph, media: str) -> None:
        rdflib_format = RDF_FORMATS[media][0]
        data = graph.serialize(format=rdflib_format)
        body = data.encode("utf-8") if isinstance(data, str) else data
        self._send(200, f"{media}; charset=utf-8", body, {"Vary": "Accept"})

    def _ontology(self, path: str) -> None:
        ontology = self.app.ontology
        if ontology is None:
            self._error(404, "no ontology file found")
            return
        suffix = path.removeprefix("/ontology")
        if suffix and suffix not in SUFFIXES:
            self._error(404, "the ontology is at /ontology (.ttl, .jsonld, .nt, .html)")
            return
        media = SUFFIXES.get(suffix) or negotiate(
            self.headers.get("Accept"), ["text/html", *RDF_FORMATS]
        )
        if media == "text/turtle":
            self._send(200, "text/turtle; charset=utf-8", ontology.read_bytes(), {"Vary": "Accept"})
        elif media == "text/html":
            body = ontology_html(ontology).encode("utf-8")
            self._send(200, "text/html; charset=utf-8", body, {"Vary": "Accept"})
        elif media in RDF_FORMATS:
            self._rdf(_ontology_graph(ontology), media)
        else:
            self._error(406, "available: text/html, " + ", ".join(RDF_FORMATS))

    def _sparql(self, params: list[tuple[str, str]]) -> None:
        names = {name for name, _ in params}
        if "update" in names:
            self._error(403, "SPARQL updates are refused: this endpoint is read-only")
            return
        if "query" not in names:
            body = self.app.render("sparql.html", query="", result=None, error="")
            self._send(200, "text/html; charset=utf-8", body)
            return
        if any(uses_keyword(v, "SERVICE") for k, v in params if k == "query"):
            # Oxigraph would fetch any URL named in SERVICE (and echo what it gets back)
            self._error(403, "federated queries (SERVICE) are disabled on this endpoint")
            return
        allowed = {"query", "default-graph-uri", "named-graph-uri"}
        forwarded = [(k, v) for k, v in params if k in allowed]
        accept = self.headers.get("Accept") or "application/sparql-results+json"
        # a browser (text/html named explicitly and preferred) gets an HTML table
        wants_html = "text/html" in accept and (
            negotiate(accept, ["application/sparql-results+json", "text/html"]) == "text/html"
        )
        if wants_html:
            accept = "application/sparql-results+json, text/turtle;q=0.9"
        status, content_type, data = self.app.backend.query(forwarded, accept)
        if not wants_html or (status == 200 and "json" not in content_type):
            self._send(status, content_type, data)  # as is (CONSTRUCT answers in Turtle)
            return
        query = dict(params)["query"]
        result, error = None, ""
        if status == 200:
            result = result_from_json(json.loads(data))
        else:
            error = data.decode("utf-8", "replace").strip()
        body = self.app.render(
            "sparql.html", query=query, result=result_view(result, self.app.dataset), error=error
        )
        self._send(status, "text/html; charset=utf-8", body)


@functools.lru_cache(maxsize=2)
def _ontology_graph(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def serve_in_thread(config: ServeConfig) -> tuple[LinkedDataServer, threading.Thread]:
    """Start a server and serve it from a daemon thread (tests, notebooks); ``stop()`` ends it."""
    app = LinkedDataServer(config)
    app.start()
    thread = threading.Thread(target=app.serve_forever, name="pactgraph-serve", daemon=True)
    thread.start()
    return app, thread


__all__ = [
    "Dataset",
    "LinkedDataServer",
    "ServeConfig",
    "ServeError",
    "SparqlBackend",
    "free_port",
    "negotiate",
    "serve_in_thread",
]
