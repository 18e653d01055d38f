"""Load benchmark of ``pactgraph serve``, with bare ``oxigraph serve-read-only`` as the anchor.

Bounded and local: every server binds 127.0.0.1 on a free port, every phase runs for
``--seconds`` and stops. Phases, in one run, on a fresh build of the bundled corpus:

1. the mix (pages as HTML, resources as Turtle, SPARQL queries, saved library queries) at each
   ``--clients`` level (10 and 50), keep-alive clients, each waiting for its answer; then pages
   and Turtle alone at each level (in the mix, clients spend most of their time waiting for
   SPARQL answers, which bounds the page rate whatever the server does);
2. the SPARQL part of the mix alone, through ``pactgraph serve`` and straight to
   ``oxigraph serve-read-only`` over a store of the same build (the anchor), at 50 clients;
3. the mix at 50 clients again with two attackers alongside: a slow client that keeps opening
   connections and sending half a request head, and a client sending a query of 1,000 nested
   groups every 0.5 s; the others' failures are what the attack costs.

``pactgraph serve`` keeps the answers of identical SPARQL requests for the build it serves
(``--result-cache``). Phases 1 and 2 therefore run twice, on two servers of the same build: one
with the cache (the default) and one with ``--result-cache 0``, whose figures are what a query
costs the first time it is asked. Both are warmed before measuring: every distinct request of
the mix once, then the mix for 3 s, so the first server's figures are its steady state for a
published build (every answer kept) and the second's what each answer costs to compute.

Writes ``bench/LOAD.md`` (and the same section into ``bench/RESULTS.md`` between markers): the
machine, the date, the load average before and after, and one table per phase.

    .venv/bin/python bench/load.py --seconds 15 --clients 10,50
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BASE = "https://w3id.org/pactgraph/"
MARK_START = "<!-- load.py: start -->"
MARK_END = "<!-- load.py: end -->"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_up(port: int, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server on {port} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"server on {port} did not start")


# --- the request mix ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    kind: str  # page, turtle, sparql, saved
    path: str
    accept: str


def the_mix(build: Path) -> list[Request]:
    sys.path.insert(0, str(ROOT / "src"))
    from pactgraph.query import EmbeddedStore, load_library

    store = EmbeddedStore.from_build(build)
    subjects = sorted(
        {
            q.subject.value
            for q in store.store.quads_for_pattern(None, None, None, None)
            if q.subject.value.startswith(BASE)
        }
    )
    rng = random.Random(15)
    sample = rng.sample(subjects, min(200, len(subjects)))
    requests = [Request("page", "/" + s[len(BASE) :], "text/html") for s in sample[:100]]
    requests += [Request("turtle", "/" + s[len(BASE) :], "text/turtle") for s in sample[100:]]
    json_accept = "application/sparql-results+json"
    adhoc = [
        f"SELECT ?a ?label WHERE {{ ?a a <{BASE}ontology#FundOrProgramme> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?label }",
        f"SELECT (COUNT(*) AS ?n) WHERE {{ ?c a <{BASE}ontology#Commitment> }}",
        f"ASK {{ <{BASE}actor/unhcr> ?p ?o }}",
        f"SELECT ?p ?o WHERE {{ <{BASE}work/a-res-71-1> ?p ?o }} LIMIT 50",
    ]
    requests += [
        Request("sparql", "/sparql?" + urllib.parse.urlencode({"query": q}), json_accept)
        for q in adhoc
    ]
    for _name, saved in sorted(load_library(ROOT / "queries").items()):
        if saved.is_check:
            continue
        try:
            text = saved.text_with_values(saved.bindings(base=BASE))
        except Exception:
            continue
        requests.append(
            Request("saved", "/sparql?" + urllib.parse.urlencode({"query": text}), json_accept)
        )
    return requests


# --- a keep-alive HTTP/1.1 client on asyncio streams -------------------------------------------


async def read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    if headers.get("connection", "").lower() == "close":
        raise ConnectionResetError("server closed")
    return status


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, seconds: float, ok: bool) -> None:
        self.latencies.setdefault(kind, []).append(seconds)
        if not ok:
            self.errors[kind] = self.errors.get(kind, 0) + 1


async def client(
    port: int, requests: list[Request], until: float, tally: Tally, seed: int, rewrite: bool
) -> None:
    rng = random.Random(seed)
    reader = writer = None
    while time.monotonic() < until:
        request = rng.choice(requests)
        path = request.path.replace("/sparql?", "/query?", 1) if rewrite else request.path
        started = time.monotonic()
        ok = False
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            head = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: {request.accept}\r\n\r\n"
            writer.write(head.encode())
            status = await asyncio.wait_for(read_response(reader), timeout=30)
            ok = status == 200
        except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError, IndexError):
            if writer is not None:
                writer.close()
            reader = writer = None
        tally.add(request.kind, time.monotonic() - started, ok)
    if writer is not None:
        writer.close()


async def slow_attacker(port: int, until: float, held: list[int]) -> None:
    sockets: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    while time.monotonic() < until:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            sockets.append((reader, writer))
        except OSError:
            pass
        sockets = [(r, w) for r, w in sockets if not r.at_eof()]
        held.append(len(sockets))
        await asyncio.sleep(0.01)  # about 100 new half-sent requests a second
    for _, writer in sockets:
        writer.close()


async def nested_attacker(port: int, until: float, statuses: list[int]) -> None:
    query = "SELECT * WHERE " + "{" * 1000 + "?s ?p ?o" + "}" * 1000
    path = "/sparql?" + urllib.parse.urlencode({"query": query})
    while time.monotonic() < until:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
            head = await asyncio.wait_for(reader.readuntil(b"\r\n"), timeout=30)
            statuses.append(int(head.split(b" ")[1]))
            writer.close()
        except (OSError, asyncio.IncompleteReadError, TimeoutError):
            statuses.append(0)
        await asyncio.sleep(0.5)


async def each_once(port: int, requests: list[Request]) -> None:
    """Send every distinct request once, one at a time (the warm-up)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for request in dict.fromkeys(requests):
            head = f"GET {request.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: {request.accept}"
            writer.write((head + "\r\n\r\n").encode())
            await asyncio.wait_for(read_response(reader), timeout=120)
    finally:
        writer.close()


async def phase(
    port: int, requests: list[Request], clients: int, seconds: float, *,
    rewrite: bool = False, attack: bool = False,
) -> tuple[Tally, float, dict[str, object]]:  # fmt: skip
    tally = Tally()
    started = time.monotonic()
    until = started + seconds
    held: list[int] = []
    nested: list[int] = []
    tasks = [client(port, requests, until, tally, i, rewrite) for i in range(clients)]
    if attack:
        tasks += [slow_attacker(port, until, held), nested_attacker(port, until, nested)]
    await asyncio.gather(*tasks)
    extra = {"slow_held_max": max(held, default=0), "nested": nested}
    return tally, time.monotonic() - started, extra


def answered(tally: Tally) -> int:
    return sum(len(v) for v in tally.latencies.values()) - sum(tally.errors.values())


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def rows(tally: Tally, elapsed: float, kinds: list[str]) -> list[str]:
    lines = []
    for kind in [*kinds, "all"]:
        values = (
            [v for k in kinds for v in tally.latencies.get(k, [])]
            if kind == "all"
            else tally.latencies.get(kind, [])
        )
        errors = sum(tally.errors.get(k, 0) for k in kinds) if kind == "all" else (
            tally.errors.get(kind, 0)
        )  # fmt: skip
        if not values:
            continue
        lines.append(
            f"| {kind} | {len(values):,} | {len(values) / elapsed:,.0f} | "
            f"{statistics.median(values) * 1000:.1f} | {percentile(values, 0.99) * 1000:.1f} | "
            f"{errors} ({errors / len(values):.2%}) |"
        )
    return lines


HEADER = "| requests | count | per s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|---|"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", default="10,50")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    levels = [int(c) for c in args.clients.split(",")]
    load_before = os.getloadavg()
    date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    work = Path(tempfile.mkdtemp(prefix="pactgraph-load-"))
    processes: list[subprocess.Popen[bytes]] = []
    try:
        build = work / "build"
        subprocess.run(
            [str(BIN / "pactgraph"), "build", "--out", str(build), "--no-validate"],
            check=True, capture_output=True,
        )  # fmt: skip
        requests = the_mix(build)
        sparql_only = [r for r in requests if r.kind in ("sparql", "saved")]
        port = free_port()
        serve = subprocess.Popen(
            [str(BIN / "pactgraph"), "serve", "--build", str(build), "--port", str(port),
             "--workers", str(args.workers)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        processes.append(serve)
        wait_up(port, serve)
        cold_port = free_port()
        cold = subprocess.Popen(
            [str(BIN / "pactgraph"), "serve", "--build", str(build), "--port", str(cold_port),
             "--workers", str(args.workers), "--result-cache", "0"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        processes.append(cold)
        wait_up(cold_port, cold)
        anchor_store = work / "anchor-store"
        subprocess.run(
            [str(BIN / "oxigraph"), "load", "-l", str(anchor_store), "-f", str(build / "graph.nt")],
            check=True, capture_output=True,
        )  # fmt: skip
        anchor_port = free_port()
        anchor = subprocess.Popen(
            [str(BIN / "oxigraph"), "serve-read-only", "-l", str(anchor_store), "-b",
             f"127.0.0.1:{anchor_port}", "--union-default-graph"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        processes.append(anchor)
        wait_up(anchor_port, anchor)
        # warm both (first parse of each query, page caches): not measured
        for target in (port, cold_port):
            asyncio.run(each_once(target, requests))
            asyncio.run(phase(target, requests, 4, 3))
        asyncio.run(phase(anchor_port, sparql_only, 4, 2, rewrite=True))
        kinds = ["page", "turtle", "sparql", "saved"]
        out = [
            "## Serving under load (`bench/load.py`)",
            "",
            f"- **Date**: {date}",
            f"- **Machine**: {os.cpu_count()} CPUs ({platform.processor() or platform.machine()}),"
            f" Linux {platform.release()}, Python {platform.python_version()}",
            f"- **Command**: `.venv/bin/python bench/load.py --seconds {args.seconds:g} "
            f"--clients {args.clients} --workers {args.workers}`",
            "- **Setup**: the bundled corpus built fresh; two `pactgraph serve` (uvicorn, "
            f"{args.workers} SPARQL workers each): one as deployed, keeping SPARQL answers per "
            "build (`--result-cache`, the default), one with `--result-cache 0`; and "
            "`oxigraph serve-read-only` on 127.0.0.1; each warmed before measuring (every distinct "
            "request once, then the mix for 3 s); the "
            "load generator (Python asyncio, keep-alive HTTP/1.1, one request at a time per "
            "client) runs on the same 2 cores, so every figure includes its cost.",
        ]
        for clients in levels:
            for label, target in (("", port), (", without the result cache", cold_port)):
                tally, elapsed, _ = asyncio.run(phase(target, requests, clients, args.seconds))
                out += ["", f"### The mix, {clients} clients{label}, {elapsed:.0f} s", "", HEADER]
                out += rows(tally, elapsed, kinds)
                pages = [v for k in ("page", "turtle") for v in tally.latencies.get(k, [])]
                out += ["", f"Pages and Turtle together: {len(pages) / elapsed:,.0f} requests/s."]
        top = max(levels)
        pages_only = [r for r in requests if r.kind in ("page", "turtle")]
        for clients in levels:
            tally, elapsed, _ = asyncio.run(phase(port, pages_only, clients, args.seconds))
            out += ["", f"### Pages and Turtle only, {clients} clients, {elapsed:.0f} s", ""]
            out += [HEADER, *rows(tally, elapsed, ["page", "turtle"])]
        cached, t_cached, _ = asyncio.run(phase(port, sparql_only, top, args.seconds))
        ours, t_ours, _ = asyncio.run(phase(cold_port, sparql_only, top, args.seconds))
        bare, t_bare, _ = asyncio.run(
            phase(anchor_port, sparql_only, top, args.seconds, rewrite=True)
        )
        cached_rate = answered(cached) / t_cached
        ours_rate = answered(ours) / t_ours
        bare_rate = answered(bare) / t_bare
        out += ["", f"### SPARQL only, {top} clients: through pactgraph vs bare Oxigraph", ""]
        out += [HEADER.replace("| requests |", "| server, requests |")]
        out += [
            r.replace("| ", "| pactgraph, result cache ", 1)
            for r in rows(cached, t_cached, ["sparql", "saved"])
        ]
        out += [
            r.replace("| ", "| pactgraph, no result cache ", 1)
            for r in rows(ours, t_ours, ["sparql", "saved"])
        ]
        out += [r.replace("| ", "| oxigraph ", 1) for r in rows(bare, t_bare, ["sparql", "saved"])]
        out += [
            "",
            f"Answered (200) through pactgraph without the result cache {ours_rate:,.1f}/s, "
            f"bare Oxigraph {bare_rate:,.1f}/s: "
            f"overhead {(1 - ours_rate / bare_rate):.1%} (negative: pactgraph faster); "
            f"with the result cache {cached_rate:,.1f}/s.",
        ]
        tally, elapsed, extra = asyncio.run(phase(port, requests, top, args.seconds, attack=True))
        nested = extra["nested"]
        out += ["", f"### The mix, {top} clients, with a slow client and a nested-query client", ""]
        out += [HEADER, *rows(tally, elapsed, kinds)]
        failed = sum(tally.errors.values())
        sent = sum(len(v) for v in tally.latencies.values())
        out += [
            "",
            f"The other clients' requests that failed: {failed} of {sent:,} "
            f"({failed / max(sent, 1):.2%}). The slow client held up to "
            f"{extra['slow_held_max']} half-sent requests at once; "
            f"the nested-query client sent {len(nested)} queries, answered "
            f"{', '.join(f'{s}: {nested.count(s)}' for s in sorted(set(nested)))}.",
        ]
        load_after = os.getloadavg()
        before = ", ".join(f"{x:.1f}" for x in load_before)
        after = ", ".join(f"{x:.1f}" for x in load_after)
        out.insert(5, f"- **Load average** (1, 5, 15 min) before: {before}; after: {after}.")
        text = "\n".join(out) + "\n"
        (ROOT / "bench" / "LOAD.md").write_text("# Load benchmark\n\n" + text, encoding="utf-8")
        results = ROOT / "bench" / "RESULTS.md"
        current = results.read_text(encoding="utf-8") if results.is_file() else ""
        section = f"{MARK_START}\n{text}{MARK_END}\n"
        if MARK_START in current and MARK_END in current:
            head, _, rest = current.partition(MARK_START)
            current = head + section + rest.partition(MARK_END)[2].lstrip("\n")
        else:
            current = current.rstrip("\n") + "\n\n" + section
        results.write_text(current, encoding="utf-8")
        print(text)
    finally:
        for process in processes:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
