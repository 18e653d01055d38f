"""The HTTP server under ``pactgraph serve``: uvicorn, with the limits a public server needs.

Takes an ASGI app and :class:`Limits`; gives :func:`make_server`, a ``uvicorn.Server`` (HTTP/1.1
with keep-alive, httptools parser, uvloop) whose connections are guarded by
:class:`GuardedProtocol`:

- a **connection cap**: past ``max_connections`` open connections, a new one is answered 503
  (``Retry-After``) and closed at once, so idle or slow sockets cannot exhaust file descriptors;
- a **header read timeout**: a connection must deliver a complete request head within
  ``header_timeout_s`` of opening (or of its previous answer); a half-sent request is closed
  when it passes (uvicorn alone only times out *idle* keep-alive connections, and any byte resets
  that timer, so a client trickling a byte a second would hold a connection forever);
- a **head size cap**: a request line and headers over 32 KiB are answered 431 and closed;
- malformed requests (``Content-Length: -1``, ``abc``, a length that overflows, bad header
  bytes) are refused by the httptools parser with 400 before the app runs.

Body size, body read timeout and the in-flight request cap are enforced by the app
(:mod:`pactgraph.serve`), where the route is known. Graceful shutdown is uvicorn's: on SIGTERM
or SIGINT it stops accepting, lets in-flight requests finish (at most ``graceful_s``) and runs
the app's shutdown, which stops the SPARQL workers.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

OVERLOADED = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Retry-After: 5\r\nConnection: close\r\nContent-Length: 34\r\n\r\n"
    b"too many open connections; retry\r\n"
)

TOO_LARGE_HEAD = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Connection: close\r\nContent-Length: 40\r\n\r\nrequest line and headers exceed 32 KiB\r\n"
)


@dataclass(frozen=True)
class Limits:
    """Connection-level limits (seconds, counts)."""

    max_connections: int = 2048
    header_timeout_s: float = 10.0
    keep_alive_s: float = 5.0
    graceful_s: float = 10.0
    backlog: int = 2048


class GuardedProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol plus a connection cap and a request-head deadline."""

    max_connections = 2048
    header_timeout_s = 10.0
    max_head_bytes = 32 * 1024

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_timer: asyncio.TimerHandle | None = None
        self._head_bytes = 0
        self._refused = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            transport.write(OVERLOADED)
            transport.close()
            return
        self._arm()

    def _arm(self) -> None:
        self._disarm()
        self._head_bytes = 0
        self._head_timer = self.loop.call_later(self.header_timeout_s, self._head_overdue)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_overdue(self) -> None:
        self._head_timer = None
        if not self.transport.is_closing():
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        reading_head = self._head_timer is not None
        super().data_received(data)
        if reading_head and self._head_timer is not None:  # the head is still incomplete
            self._head_bytes += len(data)
            if self._head_bytes > self.max_head_bytes and not self.transport.is_closing():
                self._disarm()
                self.transport.write(TOO_LARGE_HEAD)
                self.transport.close()

    def on_headers_complete(self) -> None:
        self._disarm()
        size = len(self.url) + sum(len(name) + len(value) for name, value in self.headers)
        if size > self.max_head_bytes:  # a head that arrived in one piece
            self._refused = True
            self.transport.write(TOO_LARGE_HEAD)
            self.transport.close()
            raise ValueError("request head too large")  # stops the parser (400 path, muted)
        super().on_headers_complete()

    def send_400_response(self, msg: str) -> None:
        if self._refused:
            return  # already answered 431
        super().send_400_response(msg)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def make_server(app: Any, host: str, port: int, limits: Limits) -> uvicorn.Server:
    """A uvicorn server for ``app`` on ``host:port`` with ``limits`` (not yet running)."""
    protocol = type(
        "Protocol",
        (GuardedProtocol,),
        {"max_connections": limits.max_connections, "header_timeout_s": limits.header_timeout_s},
    )
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        http=protocol,
        loop="uvloop",
        lifespan="on",
        access_log=False,
        log_level="warning",
        server_header=False,
        date_header=True,
        proxy_headers=False,
        timeout_keep_alive=int(max(1, limits.keep_alive_s)),
        timeout_graceful_shutdown=int(max(1, limits.graceful_s)),
        backlog=limits.backlog,
        h11_max_incomplete_event_size=16 * 1024,
    )
    return uvicorn.Server(config)
