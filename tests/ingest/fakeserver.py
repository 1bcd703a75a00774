"""A scripted HTTP server on loopback for the fetch and ingest tests.

Each route answers with :class:`Reply` objects (a list is served in order, its last reply
repeating), written byte by byte as asked: normal responses, trickles, raw malformed bytes.
Every request is recorded (path and headers) so tests can check conditional requests,
the user agent and how many requests were made.
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class Reply:
    """One scripted answer."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    #: seconds before anything is sent
    delay: float = 0.0
    #: seconds between single bytes of the whole answer (0: send at once)
    trickle: float = 0.0
    #: send these bytes instead of a formatted response
    raw: bytes | None = None
    #: answer 304 when the request's If-None-Match equals this ETag
    etag: str | None = None

    def render(self, request_headers: dict[str, str]) -> bytes:
        if self.raw is not None:
            return self.raw
        status, body, headers = self.status, self.body, dict(self.headers)
        if self.etag:
            headers["ETag"] = self.etag
            if request_headers.get("if-none-match") == self.etag:
                status, body = 304, b""
        reason = {200: "OK", 304: "Not Modified", 404: "Not Found", 500: "Server Error",
                  503: "Unavailable", 302: "Found", 301: "Moved"}.get(status, "Status")
        head = [f"HTTP/1.1 {status} {reason}", f"Content-Length: {len(body)}",
                "Connection: close", *(f"{k}: {v}" for k, v in headers.items())]
        return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]


class FakeServer:
    """``with FakeServer(routes) as server: server.url + "/path"``."""

    def __init__(self, routes: dict[str, Reply | list[Reply]] | None = None) -> None:
        self.routes: dict[str, Reply | list[Reply]] = dict(routes or {})
        self.requests: list[Recorded] = []
        self._served: dict[str, int] = {}
        outer = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                outer._handle(self.request)

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> FakeServer:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def count(self, path: str) -> int:
        return sum(1 for r in self.requests if r.path == path)

    def _reply(self, path: str) -> Reply:
        route = self.routes.get(path) or self.routes.get(path.split("?", 1)[0])
        if route is None:
            return Reply(404, b"no such page")
        if isinstance(route, Reply):
            return route
        n = self._served.get(path, 0)
        self._served[path] = n + 1
        return route[min(n, len(route) - 1)]

    def _handle(self, sock: socket.socket) -> None:
        sock.settimeout(10)
        data = b""
        with contextlib.suppress(OSError):
            while b"\r\n\r\n" not in data and len(data) < 65536:
                chunk = sock.recv(4096)
                if not chunk:
                    return
                data += chunk
        lines = data.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        path = parts[1] if len(parts) > 1 else "/"
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                k, v = line.split(":", 1)
                headers[k.strip().lower()] = v.strip()
        self.requests.append(Recorded(path, headers))
        reply = self._reply(path)
        out = reply.render(headers)
        with contextlib.suppress(OSError):
            time.sleep(reply.delay)
            if reply.trickle:
                for byte in out:
                    sock.sendall(bytes([byte]))
                    time.sleep(reply.trickle)
            else:
                sock.sendall(out)


@contextlib.contextmanager
def serving(routes: dict[str, Reply | list[Reply]]) -> Iterator[FakeServer]:
    with FakeServer(routes) as server:
        yield server
