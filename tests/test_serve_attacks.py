"""The public server attacked as a publisher's server would be, over real sockets on 127.0.0.1.

One test per failure found against the old ``http.server`` front (issue 15): a ``SERVICE``
smuggled past a token scan, bodies of ``Content-Length: -1`` or of any size, half-sent requests
holding the server, a nested query crashing the engine for everyone, a dead engine never coming
back, ``SELECT ?année`` answered 500, a NUL in a path, a forged ``Host`` echoed into VoID, and
SIGTERM ignored. The server runs with short limits so that the tests stay quick.
"""

from __future__ import annotations

import http.client
import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import ClassVar

import pytest

from pactgraph.http_front import Limits
from pactgraph.serve import LinkedDataServer, ServeConfig, serve_in_thread

pytestmark = pytest.mark.server

BASE = "https://w3id.org/pactgraph/"
PG = BASE + "ontology#"
LIMITS = Limits(max_connections=60, header_timeout_s=1.5, keep_alive_s=5, graceful_s=5)


@pytest.fixture(scope="module")
def app(real_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LinkedDataServer]:
    config = ServeConfig(
        build=real_build,
        port=0,
        timeout_s=20,  # the crash test kills a query before it would time out
        store_dir=tmp_path_factory.mktemp("attacks") / "store",
        max_body=100_000,
        body_timeout_s=1.5,
        limits=LIMITS,
    )
    server, _ = serve_in_thread(config)
    try:
        yield server
    finally:
        server.stop()


def address(app: LinkedDataServer) -> tuple[str, int]:
    host, port = app.url.removeprefix("http://").rstrip("/").split(":")
    return host, int(port)


def raw(app: LinkedDataServer, request: bytes, *, timeout: float = 10) -> bytes:
    """Send bytes as they are; the server's whole answer (until it closes or goes quiet)."""
    with socket.create_connection(address(app), timeout=timeout) as sock:
        sock.sendall(request)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
                if b"\r\n\r\n" in b"".join(chunks) and _complete(b"".join(chunks)):
                    break
        except TimeoutError:
            pass
        return b"".join(chunks)


def _complete(data: bytes) -> bool:
    head, _, body = data.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(body) >= int(line.split(b":")[1])
    return False


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1 ") else 0


def get(app: LinkedDataServer, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(*address(app), timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def sparql(app: LinkedDataServer, query: str, method: str = "GET") -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(*address(app), timeout=30)
    accept = {"Accept": "application/sparql-results+json"}
    try:
        if method == "GET":
            connection.request("GET", "/sparql?query=" + urllib.parse.quote(query), headers=accept)
        else:
            connection.request(
                "POST",
                "/sparql",
                body=query.encode(),
                headers=accept | {"Content-Type": "application/sparql-query"},
            )
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# --- SSRF --------------------------------------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        self.wfile.write(b'{"head":{"vars":["secret"]},"results":{"bindings":[]}}')

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def listener() -> Iterator[tuple[int, list[str]]]:
    hits: ClassVar[list[str]] = []
    handler = type("Handler", (_Recorder,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1], hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ ?s a <{pg}Work> SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "PREFIX pg: <{pg}> SELECT * WHERE {{ [ a pg:Work]SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ OPTIONAL {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }}",
        "SELECT * WHERE {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p ?o }} #\n SERVICE <{url}> {{ }}",
        "ASK {{ SERVICE<{url}>{{?s ?p ?o}} }}",
        "select * where {{ service <{url}> {{ ?s ?p ?o }} }}",
        "PREFIX x: <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE x:x {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        "SELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        "SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        "SELECT * WHERE {{ GRAPH ?g {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "DESCRIBE ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ SERVICE <{url}> {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    ],
)
def test_no_query_makes_the_server_fetch_a_url(app, listener, template):
    port, hits = listener
    query = template.format(
        pg="https://w3id.org/pactgraph/ontology#", url=f"http://127.0.0.1:{port}/x", port=port
    )
    for method in ("GET", "POST"):
        status, body = sparql(app, query, method)
        assert status in (200, 400, 403), body
        assert str(port).encode() not in body
    assert hits == []


def test_the_query_engine_has_no_network_even_if_a_query_got_through(listener):
    port, hits = listener
    probe = (
        "import pyoxigraph as ox\n"
        "from pactgraph.sparql_pool import isolate_network\n"
        "print(isolate_network())\n"
        f"q = 'SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}'\n"
        "try:\n    list(ox.Store().query(q))\n    print('fetched')\n"
        "except OSError as e:\n    print('refused', e)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    lines = done.stdout.splitlines()
    assert lines[0] and lines[1].startswith("refused"), done.stdout + done.stderr
    assert hits == []


# --- bodies and heads --------------------------------------------------------------------------


@pytest.mark.parametrize("length", [b"-1", b"abc", b"99999999999999999999999999", b"1e3"])
def test_a_malformed_content_length_is_refused(app, length):
    answer = raw(
        app,
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: " + length + b"\r\n\r\nASK {}",
    )
    assert status_of(answer) == 400


def test_a_huge_declared_body_is_refused_before_it_is_read(app):
    started = time.monotonic()
    answer = raw(
        app,
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 100000000\r\n\r\nASK {",
    )
    assert status_of(answer) == 413 and time.monotonic() - started < 15


def test_a_chunked_body_past_the_limit_is_refused(app):
    chunk = b"#" * 50_000
    piece = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    answer = raw(
        app,
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n" + piece * 3 + b"0\r\n\r\n",
    )
    assert status_of(answer) == 413


def test_a_body_that_stops_arriving_is_cut_at_the_body_timeout(app):
    started = time.monotonic()
    answer = raw(
        app,
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 100\r\n\r\nASK",
        timeout=10,
    )
    assert status_of(answer) == 408 and time.monotonic() - started < 15


def test_a_request_head_over_32_kib_is_refused(app):
    answer = raw(app, b"GET /?" + b"a" * 40_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    assert status_of(answer) in (400, 431)


def test_keep_alive_serves_several_requests_on_one_connection(app):
    connection = http.client.HTTPConnection(*address(app), timeout=10)
    try:
        for path in ("/actor/unhcr", "/work/a-res-71-1", "/healthz"):
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            assert response.status == 200 and response.version == 11
    finally:
        connection.close()


# --- slow clients and the connection cap -------------------------------------------------------


def test_half_sent_requests_are_dropped_and_do_not_stop_others(app):
    sockets = []
    try:
        for _ in range(40):  # under the cap: each holds a connection with half a request head
            sock = socket.create_connection(address(app), timeout=10)
            sock.sendall(b"GET /actor/unhcr HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            sockets.append(sock)
        assert get(app, "/actor/unhcr")[0] == 200  # others are served meanwhile
        time.sleep(LIMITS.header_timeout_s + 1)
        closed = 0
        for sock in sockets:
            try:
                sock.sendall(b"a\r\n\r\n")
                closed += sock.recv(100) == b""
            except OSError:
                closed += 1
        assert closed == len(sockets)  # the server hung up on every slow head
    finally:
        for sock in sockets:
            sock.close()


def test_past_the_connection_cap_new_connections_get_503_and_service_resumes(app):
    sockets = [socket.create_connection(address(app), timeout=10) for _ in range(70)]
    try:
        time.sleep(0.2)
        answer = raw(app, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", timeout=15)
        assert status_of(answer) == 503 and b"Retry-After" in answer
    finally:
        for sock in sockets:
            sock.close()
    deadline = time.monotonic() + 30
    while get(app, "/healthz")[0] != 200:
        assert time.monotonic() < deadline
        time.sleep(0.1)


# --- the engine: nesting, crashes, restarts ----------------------------------------------------


def test_a_deeply_nested_query_is_refused_and_costs_the_others_nothing(app):
    nested = "SELECT * WHERE " + "{" * 1000 + "?s ?p ?o" + "}" * 1000
    ok = "ASK { ?s ?p ?o }"
    with ThreadPoolExecutor(max_workers=6) as pool:
        futures = [pool.submit(sparql, app, nested if i % 2 else ok) for i in range(30)]
        answers = [f.result() for f in futures]
    assert all(status == 400 for status, _ in answers[1::2])
    assert all(status == 200 for status, _ in answers[0::2])
    assert b"nested" in answers[1][1] and answers[1][1].count(b"\n") == 1


def test_a_crash_fails_only_the_query_that_was_running_and_the_engine_comes_back(app):
    slow = "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?c"
    with ThreadPoolExecutor(max_workers=2) as pool:
        victim = pool.submit(sparql, app, slow)
        deadline = time.monotonic() + 20
        while app.pool.health()["busy"] < 1:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        busy = [w for w in app.pool._all if w not in list(app.pool._idle._queue)]
        os.kill(busy[0].process.pid, signal.SIGSEGV)  # as an engine crash would
        status, body = victim.result()
    assert status == 503 and body.count(b"\n") == 1
    # the other worker, or the replacement (a text of its own: not an answer kept from before)
    assert sparql(app, "ASK { ?s ?p ?o } # after the crash")[0] == 200


def test_restarts_are_retried_with_back_off_and_healthz_says_when_sparql_is_down(
    seed_build, tmp_path
):
    store = tmp_path / "store"
    server, _ = serve_in_thread(
        ServeConfig(build=seed_build, port=0, timeout_s=2, store_dir=store, workers=1)
    )
    try:
        hidden = tmp_path / "hidden"
        store.rename(hidden)  # the next start fails, and the one after
        for worker in list(server.pool._all):
            worker.process.kill()
        assert sparql(server, "ASK {}")[0] == 503
        deadline = time.monotonic() + 30
        while get(server, "/healthz")[0] != 503:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        health = json.loads(get(server, "/healthz")[2])
        assert health["sparql"] == "down" and health["workers_up"] == 0
        time.sleep(1.5)
        hidden.rename(store)
        deadline = time.monotonic() + 30
        while get(server, "/healthz")[0] != 200:
            assert time.monotonic() < deadline, "SPARQL never came back"
            time.sleep(0.2)
        assert sparql(server, "ASK { ?s ?p ?o }")[0] == 200
        assert json.loads(get(server, "/healthz")[2])["restarts"] >= 1
    finally:
        server.stop()


def test_overload_is_refused_early_with_retry_after(seed_build, tmp_path):
    server, _ = serve_in_thread(
        ServeConfig(
            build=seed_build, port=0, timeout_s=2, store_dir=tmp_path / "s", workers=1,
            max_waiting=2,
        )
    )  # fmt: skip
    slow = "SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }} # client {}"
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:  # 8 different texts: none answered once
            answers = list(pool.map(lambda i: sparql(server, slow.format(i)), range(8)))
        refused = [body for status, body in answers if status == 503]
        assert refused and all(b"busy" in body for body in refused)
    finally:
        server.stop()


# --- queries and paths that used to break ------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_unicode_variables_work(app, method):
    query = f"SELECT ?année WHERE {{ ?année a <{BASE[:-1]}/ontology#FundOrProgramme> }} LIMIT 1"
    status, body = sparql(app, query, method)
    assert status == 200 and json.loads(body)["head"]["vars"] == ["année"]


@pytest.mark.parametrize("path", ["/static/%00", "/static/a%00b.css", "/viz/%00", "/actor/%00"])
def test_a_nul_in_a_path_is_404(app, path):
    assert get(app, path)[0] == 404


@pytest.mark.parametrize("host", [b"evil.example:666", b"\x01\x02", b"", b"a" * 300])
def test_the_host_header_is_never_echoed(app, host):
    answer = raw(
        app, b"GET /dataset.ttl HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n\r\n"
    )
    assert status_of(answer) in (200, 400)
    if host:
        assert host not in answer.partition(b"\r\n\r\n")[2]
    if status_of(answer) == 200:
        assert f"<{BASE}sparql>".encode() in answer or b"void:sparqlEndpoint" in answer


def test_sigterm_stops_the_server_gracefully_even_with_slow_clients(seed_build, free_port):
    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "pactgraph"), "serve", "--port", str(port),
         "--build", str(seed_build), "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    sockets = []
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as probe:
                    probe.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                    if b"200" in probe.recv(100):
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.2)
        for _ in range(100):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
            sockets.append(sock)
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        assert time.monotonic() - started < 15 and process.returncode == 0
    finally:
        for sock in sockets:
            sock.close()
        if process.poll() is None:
            process.kill()
            process.wait()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


# --- what is served is what was built ----------------------------------------------------------


def test_served_literals_keep_the_datatypes_of_the_build(app, real_build):
    from rdflib import Graph, URIRef

    built = Graph().parse(real_build / "graph.nt", format="nt")
    span = next(s for s, _, _ in built.triples((None, URIRef(PG + "lineStart"), None)))
    wanted = set(built.triples((span, None, None)))
    status, _, body = get(app, "/" + str(span)[len(BASE) :], Accept="text/turtle")
    served = Graph().parse(data=body, format="turtle")
    assert status == 200 and wanted <= set(served)  # literal datatypes included
    construct = f"CONSTRUCT {{ <{span}> ?p ?o }} WHERE {{ <{span}> ?p ?o }}"
    connection = http.client.HTTPConnection(*address(app), timeout=30)
    connection.request(
        "GET", "/sparql?query=" + urllib.parse.quote(construct), headers={"Accept": "text/turtle"}
    )
    response = connection.getresponse()
    constructed = Graph().parse(data=response.read(), format="turtle")
    connection.close()
    assert constructed.isomorphic(Graph().__iadd__(wanted))


def test_selected_integers_come_back_with_the_datatypes_of_the_build(app, real_build):
    """Ordinals, line numbers and offsets are built as xsd:integer, the one integer type Oxigraph
    keeps: a SELECT through the server answers every one of them exactly as built."""
    import pyoxigraph as ox

    properties = [PG + "ordinal", PG + "lineStart", PG + "lineEnd"] + [
        "http://www.w3.org/ns/oa#" + name for name in ("start", "end")
    ]
    built = set()
    with (real_build / "graph.nt").open("rb") as handle:
        for t in ox.parse(handle, format=ox.RdfFormat.N_TRIPLES):
            if t.predicate.value in properties:
                built.add(
                    (t.subject.value, t.predicate.value, t.object.value, t.object.datatype.value)
                )
    assert {p for _, p, _, _ in built} == set(properties)
    values = " ".join(f"<{p}>" for p in properties)
    status, body = sparql(app, f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}")
    assert status == 200
    served = {
        (row["s"]["value"], row["p"]["value"], row["o"]["value"], row["o"].get("datatype"))
        for row in json.loads(body)["results"]["bindings"]
    }
    assert served == built


def test_the_served_visualisation_escapes_its_embedded_json(seed_build, tmp_path):
    """A provision with ``<!--<script`` must not end or comment out the served page's script."""
    import re
    import shutil

    from pactgraph.visualise import agency_objective_graph, load_graph, render_html

    hostile = 'Protect <!--<script> children </script><img src=x onerror="alert(1)"> & "others"'
    build = tmp_path / "build"
    build.mkdir()
    shutil.copyfile(seed_build / "graph.ttl", build / "graph.ttl")
    g = agency_objective_graph(load_graph(Path(__file__).parent / "data" / "viz" / "seed.ttl"))
    node = next(n for n, d in g.nodes(data=True) if d.get("label"))
    g.nodes[node]["label"] = hostile
    (build / "viz").mkdir()
    svg = '<svg xmlns="http://www.w3.org/2000/svg"></svg>'
    (build / "viz" / "index.html").write_text(render_html(g, svg, title="t"))
    server, _ = serve_in_thread(ServeConfig(build=build, port=0, store_dir=tmp_path / "s"))
    try:
        status, _, body = get(server, "/viz")
    finally:
        server.stop()
    page = body.decode()
    data = re.search(r'<script type="application/json" id="viz-data">(.*?)</script>', page, re.S)
    assert status == 200 and data is not None
    assert not re.search(r"[<>&]", data.group(1))
    assert hostile in {n["label"] for n in json.loads(data.group(1))["nodes"].values()}
