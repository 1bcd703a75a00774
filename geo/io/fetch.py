"""Fetch over http(s) for real use; every failure is one clear line (an :class:`InputError`).

* http and https only (the scheme in any case); a URL that does not parse is refused.
* An overall deadline per attempt: connecting, sending, the status line, the headers and
  the body must all be done within ``deadline`` seconds. Every read on the socket is given
  only the time left, so a server trickling one byte a second cannot keep a request alive.
* A size cap, checked against Content-Length before reading and while reading (gzip bodies
  are decompressed under the same cap).
* Redirects: at most five, only to http(s) and only to the same host (http -> https on the
  same host is allowed, so is another port). A feed that moves to another host is a
  change a person should look at, not something to follow silently.
* Conditional requests: with a :class:`~geo.io.httpcache.HttpCache`, a cached ETag or
  Last-Modified is sent and a 304 returns the cached body (``from_cache``).
* A clear user agent, a minimum interval between two requests to one host, and retries of
  transient failures (connection refused or reset, HTTP 429 and 5xx; ``Retry-After`` is
  honoured up to the backoff cap) with exponential backoff and jitter (``tenacity``).

A malformed response (bad status line, bad chunked encoding, an over-long header line,
over 100 headers, a body cut short) is reported as such, never as a traceback.
"""

from __future__ import annotations

import datetime as dt
import http.client
import io
import socket
import ssl
import threading
import time
import urllib.parse
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import tenacity

from geo.errors import InputError
from geo.io.httpcache import CachedEntry, HttpCache

MAX_BYTES = 64 * 1024 * 1024
USER_AGENT = ("frontline-claims/0.2 (newsroom claims dashboard; "
              "+https://github.com/frontline-claims)")
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Policy:
    """How one fetcher behaves. ``attempts=1`` means no retry."""

    deadline: float = 30.0
    max_bytes: int = MAX_BYTES
    attempts: int = 1
    backoff: float = 1.0
    max_backoff: float = 30.0
    min_interval: float = 0.0
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Response:
    """A successful fetch."""

    url: str
    final_url: str
    status: int
    body: bytes
    fetched_at: dt.datetime
    content_type: str
    etag: str | None = None
    last_modified: str | None = None
    from_cache: bool = False


class _RetryableError(InputError):
    """A failure worth another attempt (the last one is raised as a plain InputError)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def show(url: str, limit: int = 160) -> str:
    """``url`` fit for a one-line message: clipped, control characters escaped."""
    text = url if url.isprintable() else repr(url)[1:-1]
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_url(source: str) -> bool:
    """Whether ``source`` names an http(s) URL (scheme in any case), not a file path."""
    return source[:8].lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str
    port: int
    path: str


def _target(url: str) -> _Target:
    fix = "Fix: give a URL like https://host/path"
    if not is_url(url):
        raise InputError(f"{show(url)}: not an http(s) URL. {fix}")
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
        host = parts.hostname or ""
    except ValueError as exc:
        raise InputError(f"{show(url)}: not a valid URL ({exc}). {fix}") from None
    if not host or any(c.isspace() or not c.isprintable() for c in url):
        raise InputError(f"{show(url)}: not a valid URL (no host, or spaces or control "
                         f"characters in it). {fix}")
    scheme = parts.scheme.lower()
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return _Target(scheme, host.lower(), port or (443 if scheme == "https" else 80), path)


class _DeadlineReader(io.RawIOBase):
    """A socket's reads, each given only the time left before the deadline."""

    def __init__(self, sock: socket.socket, deadline_at: float) -> None:
        # the socket's own raw file keeps the descriptor open until this reader is closed,
        # as http.client expects when it closes the connection before the body is read
        self._sock, self._raw, self._deadline_at = sock, sock.makefile("rb", 0), deadline_at

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        left = self._deadline_at - time.monotonic()
        if left <= 0:
            raise TimeoutError("deadline passed")
        self._sock.settimeout(left)
        return self._raw.readinto(buffer) or 0

    def close(self) -> None:
        self._raw.close()
        super().close()


class _DeadlineSocket:
    """Wraps a connected socket so that http.client's reads obey the deadline."""

    def __init__(self, sock: socket.socket, deadline_at: float) -> None:
        self._sock, self._deadline_at = sock, deadline_at

    def makefile(self, mode: str, *args: object, **kwargs: object) -> io.BufferedReader:
        return io.BufferedReader(_DeadlineReader(self._sock, self._deadline_at))

    def sendall(self, data: bytes) -> None:
        left = self._deadline_at - time.monotonic()
        if left <= 0:
            raise TimeoutError("deadline passed")
        self._sock.settimeout(left)
        self._sock.sendall(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


def _connection(target: _Target, deadline_at: float) -> http.client.HTTPConnection:
    left = max(deadline_at - time.monotonic(), 0.001)
    conn: http.client.HTTPConnection
    if target.scheme == "https":
        conn = http.client.HTTPSConnection(target.host, target.port, timeout=left,
                                           context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(target.host, target.port, timeout=left)
    conn.connect()
    conn.sock = _DeadlineSocket(conn.sock, deadline_at)
    return conn


def _read_body(response: http.client.HTTPResponse, url: str, max_bytes: int) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > max_bytes:
        raise InputError(f"{show(url)}: the server announces {int(declared):,} bytes, over "
                         f"the {max_bytes:,}-byte cap. Fix: check the URL")
    gzipped = (response.getheader("Content-Encoding") or "").strip().lower() == "gzip"
    inflate = zlib.decompressobj(wbits=31) if gzipped else None
    parts, size = [], 0
    while True:
        chunk = response.read(_CHUNK)
        if not chunk:
            break
        if inflate is not None:
            chunk = inflate.decompress(chunk, max_bytes + 1 - size)
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"{show(url)}: response larger than the {max_bytes:,}-byte cap. "
                             "Fix: check the URL")
        parts.append(chunk)
    if response.length:  # http.client returns a short body without complaint
        raise http.client.IncompleteRead(b"".join(parts), response.length)
    return b"".join(parts)


def _describe(exc: BaseException, url: str, deadline: float) -> InputError:
    where = show(url)
    if isinstance(exc, TimeoutError | socket.timeout):
        return InputError(f"{where}: no answer within {deadline:g} s (the deadline covers "
                          "the whole request). Fix: try again later or allow more time")
    if isinstance(exc, http.client.LineTooLong):
        return InputError(f"{where}: malformed response (a header or status line over "
                          "64 KiB). Fix: check the URL; this is not a normal web server")
    if isinstance(exc, http.client.IncompleteRead):
        return _RetryableError(f"{where}: malformed response: it ended early or its chunked "
                          f"encoding is broken ({len(exc.partial):,} bytes read). Fix: try "
                          "again later; if it persists, check the URL")
    if isinstance(exc, http.client.RemoteDisconnected | ConnectionError):
        return _RetryableError(f"{where}: could not connect ({exc.__class__.__name__}). "
                          "Fix: check the address, or try again later")
    if isinstance(exc, http.client.BadStatusLine):
        return InputError(f"{where}: malformed response (no valid HTTP status line). "
                          "Fix: check the URL; this is not a normal web server")
    if isinstance(exc, http.client.HTTPException):
        return InputError(f"{where}: malformed response ({show(str(exc), 80)}). "
                          "Fix: check the URL; this is not a normal web server")
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        return InputError(f"{where}: TLS failed ({show(str(exc), 80)}). Fix: check the "
                          "address and the machine's clock and certificates")
    if isinstance(exc, socket.gaierror):
        return InputError(f"{where}: could not connect (host not found). Fix: check the "
                          "address and the network")
    if isinstance(exc, ValueError | UnicodeError):
        return InputError(f"{where}: malformed response ({show(str(exc), 80)}, e.g. bad "
                          "chunked encoding). Fix: check the URL")
    return InputError(f"{where}: could not connect ({show(str(exc), 80)}). "
                      "Fix: check the address and the network")


class HostGate:
    """At least ``interval`` seconds between the starts of two requests to one host."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval, self._clock, self._sleep = interval, clock, sleep
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> None:
        """Block until a request to ``host`` may start, and note that it starts."""
        with self._lock:
            now = self._clock()
            start = max(now, self._last.get(host, -1e18) + self.interval)
            self._last[host] = start
        if start > now:
            self._sleep(start - now)


def _retry_after(value: str | None, cap: float) -> float | None:
    if value and value.strip().isdigit():
        return min(float(value.strip()), cap)
    return None


class Fetcher:
    """GETs under one :class:`Policy`, optionally with an on-disk cache."""

    def __init__(self, policy: Policy | None = None, cache: HttpCache | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.policy = policy or Policy()
        self.cache = cache
        self._sleep = sleep
        self.gate = HostGate(self.policy.min_interval, sleep=sleep)
        self.requests_made = 0

    def get(self, url: str, accept: str = "*/*") -> Response:
        """GET ``url``: the body of the final 200 (or the cached body on a 304)."""
        _target(url)  # refuse a bad URL before any retry machinery
        p = self.policy
        base = tenacity.wait_exponential_jitter(multiplier=p.backoff, max=p.max_backoff,
                                                jitter=p.backoff)

        def wait(state: tenacity.RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            after = getattr(exc, "retry_after", None) or 0.0
            return min(max(base(state), after), p.max_backoff)

        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(max(p.attempts, 1)), wait=wait,
            retry=tenacity.retry_if_exception_type(_RetryableError), sleep=self._sleep,
            reraise=True)
        try:
            return retrying(self._attempt, url, accept)
        except _RetryableError as exc:
            raise InputError(str(exc)) from None

    def _attempt(self, url: str, accept: str) -> Response:
        cached = self.cache.lookup(url) if self.cache else None
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            target = _target(current)
            headers = {"User-Agent": self.policy.user_agent, "Accept": accept,
                       "Accept-Encoding": "gzip"}
            if cached is not None:
                headers.update(cached.validators())
            self.gate.wait(target.host)
            self.requests_made += 1
            status, reason, got, body = self._exchange(target, current, headers)
            if status in (301, 302, 303, 307, 308):
                current = self._redirect(url, current, got.get("location", ""))
                continue
            if status == 304 and cached is not None:
                return Response(url, cached.final_url, 200, cached.body,
                                dt.datetime.now(dt.UTC), cached.content_type, cached.etag,
                                cached.last_modified, from_cache=True)
            if status == 429 or status >= 500:
                raise _RetryableError(f"{show(current)}: the server answered HTTP {status} "
                                 f"{show(reason, 60)}. Fix: try again later",
                                 _retry_after(got.get("retry-after"), self.policy.max_backoff))
            if status != 200:
                raise InputError(f"{show(current)}: the server answered HTTP {status} "
                                 f"{show(reason, 60)}. Fix: check the URL")
            result = Response(url, current, 200, body, dt.datetime.now(dt.UTC),
                              got.get("content-type", ""), got.get("etag"),
                              got.get("last-modified"))
            if self.cache is not None:
                self.cache.store(CachedEntry(url, current, body, result.etag,
                                             result.last_modified, result.content_type,
                                             result.fetched_at))
            return result
        raise InputError(f"{show(url)}: more than {MAX_REDIRECTS} redirects. Fix: give the "
                         "final URL")

    def _exchange(self, target: _Target, url: str, headers: dict[str, str]
                  ) -> tuple[int, str, dict[str, str], bytes]:
        deadline_at = time.monotonic() + self.policy.deadline
        conn: http.client.HTTPConnection | None = None
        try:
            conn = _connection(target, deadline_at)
            conn.request("GET", target.path, headers=headers)
            response = conn.getresponse()
            got = {k.lower(): v for k, v in response.getheaders()}
            body = b""
            if response.status == 200:
                body = _read_body(response, url, self.policy.max_bytes)
            return response.status, response.reason, got, body
        except InputError:
            raise
        except (OSError, ValueError, UnicodeError, http.client.HTTPException) as exc:
            raise _describe(exc, url, self.policy.deadline) from None
        finally:
            if conn is not None:
                conn.close()

    def _redirect(self, original: str, current: str, location: str) -> str:
        if not location:
            raise InputError(f"{show(current)}: a redirect without a Location. Fix: give "
                             "the final URL")
        following = urllib.parse.urljoin(current, location)
        if not is_url(following):
            raise InputError(f"{show(original)}: redirected to {show(following)}, which is "
                             "not http(s): refused. Fix: check the URL")
        if _target(following).host != _target(current).host:
            raise InputError(f"{show(original)}: redirected to another host "
                             f"({show(following)}): refused. Fix: if that host is right, "
                             "give its URL directly")
        return following


def fetch(url: str, timeout: float = 30.0, max_bytes: int = MAX_BYTES) -> bytes:
    """GET ``url`` (http or https only) and return the body: the map importer's call.

    ``timeout`` is the overall deadline of the request. Raises
    :class:`~geo.errors.InputError` for a bad URL, an error status, no complete answer in
    time, an unreachable host, a redirect off the host, a malformed response or a body over
    ``max_bytes``.
    """
    policy = replace(Policy(), deadline=timeout, max_bytes=max_bytes)
    return Fetcher(policy).get(url, accept="application/json").body
