"""The SPARQL engine behind ``/sparql``: supervised worker processes without a network.

Takes an on-disk Oxigraph store (read-only), the number of workers, a per-query timeout and the
number of queries that may wait for a worker; gives :meth:`QueryPool.run`, an ``async`` call that
answers one checked query as ``(status, content type, body, headers)``, and :meth:`health`.

Each worker is a process of its own (``python -m pactgraph.sparql_pool``, talking over a Unix
socket pair, so no lock or thread of the server is copied) that first cuts itself off the
network (a new, empty Linux network namespace: ``unshare(2)`` with
``CLONE_NEWNET``, as root or inside a new user namespace), then opens the store read-only with
embedded pyoxigraph and answers queries sent over a pipe. So even a query the guard
(:mod:`pactgraph.sparql_guard`) let through cannot make the engine fetch a URL: there is no
route, not even to 127.0.0.1. The guard runs in the worker too, so parsing a query costs a
worker's CPU, not the web front's.

Supervision: a worker that dies (a query that crashes the engine) fails only the query it was
answering (503, one line) and is replaced; a worker past the deadline is killed (504) and
replaced; a replacement that fails to start is retried with back-off (0.5 s doubling to 30 s,
forever), and :meth:`health` says how many are up. Overload is refused early: when every worker
is busy and ``max_waiting`` queries already wait, the next gets 503 with ``Retry-After``.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import ctypes.util
import io
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
MAX_RESULT_BYTES = 50_000_000
TEXT = "text/plain; charset=utf-8"

Answer = tuple[int, str, bytes, dict[str, str]]


# --- inside a worker -------------------------------------------------------------------------


def isolate_network() -> str:
    """Move this process into a new network namespace with no interface up; say how."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    if libc.unshare(CLONE_NEWNET) == 0:
        return "network namespace"
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0:
        return "user and network namespace"
    return ""


class _Capped(io.RawIOBase):
    """A write-only buffer that refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.parts: list[bytes] = []
        self.size, self.limit = 0, limit

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.size += len(data)
        if self.size > self.limit:
            raise OverflowError
        self.parts.append(bytes(data))
        return len(data)


def _serialize(result: object, accept: str) -> tuple[str, bytes]:
    import pyoxigraph as ox

    from .linked_data import negotiate

    if isinstance(result, ox.QueryTriples):
        offered = {
            "text/turtle": ox.RdfFormat.TURTLE,
            "application/n-triples": ox.RdfFormat.N_TRIPLES,
            "application/rdf+xml": ox.RdfFormat.RDF_XML,
            "application/ld+json": ox.RdfFormat.JSON_LD,
        }
    else:
        offered = {
            "application/sparql-results+json": ox.QueryResultsFormat.JSON,
            "application/sparql-results+xml": ox.QueryResultsFormat.XML,
            "text/csv": ox.QueryResultsFormat.CSV,
            "text/tab-separated-values": ox.QueryResultsFormat.TSV,
            "application/json": ox.QueryResultsFormat.JSON,
        }
    media = negotiate(accept, list(offered)) or next(iter(offered))
    out = _Capped(MAX_RESULT_BYTES)
    result.serialize(out, format=offered[media])  # type: ignore[attr-defined]
    suffix = "; charset=utf-8" if media.startswith("text/") or "json" in media else ""
    return media + suffix, b"".join(out.parts)


def _answer(store: object, job: dict[str, object]) -> Answer:
    import pyoxigraph as ox

    from .sparql_guard import check_query

    text = str(job["query"])
    verdict = check_query(text)
    if not verdict.allowed:
        return verdict.status, TEXT, (verdict.reason + "\n").encode(), {}
    defaults = [ox.NamedNode(g) for g in job.get("default", [])]  # type: ignore[union-attr]
    named = [ox.NamedNode(g) for g in job.get("named", [])]  # type: ignore[union-attr]
    try:
        result = store.query(  # type: ignore[attr-defined]
            text,
            use_default_graph_as_union=not defaults,
            default_graph=defaults or None,
            named_graphs=named or None,
        )
        content_type, body = _serialize(result, str(job.get("accept", "")))
    except OverflowError:
        reason = "the answer exceeds 50 MB: add a LIMIT, or download the dumps and query locally"
        return 507, TEXT, (reason + "\n").encode(), {}
    except (SyntaxError, ValueError, OSError) as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return 400, TEXT, f"the query cannot run: {first[:300]}\n".encode(), {}
    return 200, content_type, body, {}


def worker_main(connection: Connection, store_dir: str) -> None:
    """A worker's life: isolate, open the store, answer jobs until the pipe closes."""

    import pyoxigraph as ox

    try:
        isolation = isolate_network()
        store = ox.Store.read_only(store_dir)
        from .sparql_guard import check_query

        check_query("ASK { ?s ?p ?o }")  # the parser's first use is slow: not on a user's query
    except Exception as exc:  # told to the server, which retries with back-off
        connection.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    connection.send(("ready", isolation))
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        try:
            answer = _answer(store, job)
        except Exception as exc:  # never let one query end the worker's loop silently
            answer = 500, TEXT, f"SPARQL engine error: {type(exc).__name__}\n".encode(), {}
        connection.send(answer)


# --- in the server ---------------------------------------------------------------------------


@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen[bytes]
    connection: Connection
    isolation: str
    started: float = field(default_factory=time.monotonic)

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.process.wait(timeout=5)
        with contextlib.suppress(Exception):
            self.connection.close()


class QueryPool:
    """``size`` supervised workers over ``store_dir``; see the module docstring."""

    def __init__(
        self,
        store_dir: Path,
        *,
        size: int = 2,
        timeout_s: float = 30.0,
        max_waiting: int = 16,
        start_timeout_s: float = 60.0,
        require_isolation: bool = True,
    ) -> None:
        self.store_dir = store_dir
        self.size = size
        self.timeout_s = timeout_s
        self.max_waiting = max_waiting
        self.start_timeout_s = start_timeout_s
        self.require_isolation = require_isolation
        self._idle: asyncio.Queue[_Worker] | None = None
        self._waiting = 0
        self._up = 0
        self._restarts = 0
        self._last_error = ""
        self._tasks: set[asyncio.Task[None]] = set()
        self._closed = False
        self._all: set[_Worker] = set()

    # life cycle
    def _spawn_blocking(self) -> _Worker:
        ours, theirs = socket.socketpair()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pactgraph.sparql_pool",
                str(theirs.fileno()),
                str(self.store_dir),
            ],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # a worker reports its failures over the socket
        )
        theirs.close()
        connection = Connection(ours.detach())
        try:
            if not connection.poll(self.start_timeout_s):
                raise RuntimeError(f"no answer within {self.start_timeout_s:.0f} s")
            kind, isolation = connection.recv()
            if kind != "ready":
                raise RuntimeError(isolation)
        except (EOFError, OSError, RuntimeError) as exc:
            process.kill()
            process.wait(timeout=10)
            connection.close()
            raise RuntimeError(f"SPARQL worker did not start: {exc or 'it exited'}") from None
        worker = _Worker(process, connection, isolation)
        if self.require_isolation and not isolation:
            worker.kill()
            raise RuntimeError("SPARQL worker could not be cut off the network (unshare failed)")
        return worker

    async def start(self) -> None:
        """Start every worker (the first failure is raised: a server must not start without)."""
        self._idle = asyncio.Queue()
        loop = asyncio.get_running_loop()
        workers = await asyncio.gather(
            *(loop.run_in_executor(None, self._spawn_blocking) for _ in range(self.size))
        )
        for worker in workers:
            self._all.add(worker)
            self._up += 1
            self._idle.put_nowait(worker)

    async def stop(self) -> None:
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        for worker in list(self._all):
            worker.kill()
        self._all.clear()
        self._up = 0

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start a replacement in the background, retried with back-off."""
        worker.kill()
        self._all.discard(worker)
        self._up -= 1
        self._restarts += 1
        if self._closed:
            return
        task = asyncio.get_running_loop().create_task(self._respawn())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _respawn(self) -> None:
        delay = 0.5
        loop = asyncio.get_running_loop()
        while not self._closed:
            try:
                worker = await loop.run_in_executor(None, self._spawn_blocking)
            except Exception as exc:
                self._last_error = str(exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            if self._closed:
                worker.kill()
                return
            self._all.add(worker)
            self._up += 1
            assert self._idle is not None
            self._idle.put_nowait(worker)
            return

    def health(self) -> dict[str, object]:
        isolation = sorted({w.isolation for w in self._all})
        return {
            "sparql": "up" if self._up > 0 else "down",
            "workers": self.size,
            "workers_up": self._up,
            "busy": self._up - (self._idle.qsize() if self._idle else 0),
            "waiting": self._waiting,
            "restarts": self._restarts,
            "network": isolation,
            **({"last_error": self._last_error} if self._last_error and self._up == 0 else {}),
        }

    # one query
    async def run(
        self,
        query: str,
        *,
        accept: str,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> Answer:
        assert self._idle is not None, "start() first"
        busy = {"Retry-After": "2"}
        if self._up == 0 and not self._tasks:
            return 503, TEXT, b"SPARQL is down; try again in a few seconds\n", busy
        if self._idle.empty() and self._waiting >= self.max_waiting:
            return 503, TEXT, b"SPARQL is busy: too many queries waiting; try again\n", busy
        self._waiting += 1
        try:
            # a worker being replaced comes back within a second or two: worth waiting for
            deadline = time.monotonic() + max(self.timeout_s, 10.0)
            while True:
                wait = deadline - time.monotonic()
                worker = await asyncio.wait_for(self._idle.get(), timeout=max(wait, 0.001))
                if worker.process.poll() is None:
                    break
                self._replace(worker)  # it died while idle (killed from outside)
        except TimeoutError:
            return 503, TEXT, b"SPARQL is busy or restarting: no engine free in time\n", busy
        finally:
            self._waiting -= 1
        job = {
            "query": query,
            "accept": accept,
            "default": default_graphs or [],
            "named": named_graphs or [],
        }
        try:
            os.set_blocking(worker.connection.fileno(), True)
            worker.connection.send(job)
            answer = await self._receive(worker)
        except TimeoutError:
            self._replace(worker)
            message = (
                f"Query cancelled: it ran longer than the {self.timeout_s:g} s timeout of this "
                "endpoint. Narrow it (LIMIT, more specific patterns) or run it on a local copy "
                "(`pactgraph query FILE`).\n"
            )
            return 504, TEXT, message.encode(), {}
        except (EOFError, OSError):
            self._replace(worker)
            message = "the SPARQL engine stopped on this query (it is restarted; not retried)\n"
            return 503, TEXT, message.encode(), {}
        except BaseException:  # cancelled (client gone) or a bug: never leak a worker
            self._replace(worker)
            raise
        self._idle.put_nowait(worker)
        return answer

    async def _receive(self, worker: _Worker) -> Answer:
        """The worker's answer, without blocking the event loop; TimeoutError past the deadline."""
        loop = asyncio.get_running_loop()
        ready = loop.create_future()
        fd = worker.connection.fileno()
        loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
        try:
            await asyncio.wait_for(ready, timeout=self.timeout_s)
        finally:
            loop.remove_reader(fd)
        # the whole answer is on its way: read it off the loop (large answers take a moment)
        return await loop.run_in_executor(None, _recv, worker.connection)


def _recv(connection: Connection) -> Answer:
    os.set_blocking(connection.fileno(), True)  # the event loop's add_reader made it non-blocking
    answer = connection.recv()
    if not (isinstance(answer, tuple) and len(answer) == 4):
        raise EOFError
    return answer


def _main(argv: list[str]) -> None:
    worker_main(Connection(int(argv[1])), argv[2])


if __name__ == "__main__":
    _main(sys.argv)
