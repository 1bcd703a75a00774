"""geo.io.fetch against a scripted loopback server: deadlines, caps, redirects, the cache,
retries, politeness and every malformed response as one InputError line."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest

from geo.errors import InputError
from geo.io.fetch import Fetcher, HostGate, Policy, fetch, is_url
from geo.io.httpcache import HttpCache
from tests.ingest.fakeserver import Reply, serving

NO_WAIT = {"sleep": lambda s: None}


def one_line(exc: pytest.ExceptionInfo[InputError]) -> str:
    text = str(exc.value)
    assert "\n" not in text and "Traceback" not in text
    return text


def test_plain_get_sends_a_clear_user_agent() -> None:
    with serving({"/a": Reply(body=b"hello")}) as server:
        assert fetch(server.url + "/a", timeout=5) == b"hello"
        assert server.requests[0].headers["user-agent"].startswith("frontline-claims/")


def test_gzip_body_is_decompressed() -> None:
    with serving({"/z": Reply(body=gzip.compress(b"x" * 1000),
                              headers={"Content-Encoding": "gzip"})}) as server:
        assert fetch(server.url + "/z", timeout=5) == b"x" * 1000


def test_trickling_server_hits_the_overall_deadline() -> None:
    """A byte every 0.3 s: each read is fast, but the whole answer is not done in 1 s (the
    old fetch, with only a per-read timeout, waited for all of it)."""
    body = b"y" * 200
    with serving({"/t": Reply(body=body, trickle=0.3)}) as server:
        start = time.monotonic()
        with pytest.raises(InputError, match=r"no answer within 1 s") as exc:
            fetch(server.url + "/t", timeout=1)
        assert time.monotonic() - start < 20          # the whole body would take 60 s
        one_line(exc)


def test_slow_headers_hit_the_deadline() -> None:
    with (serving({"/s": Reply(body=b"{}", delay=3)}) as server,
          pytest.raises(InputError, match=r"no answer within 0\.5 s")):
        fetch(server.url + "/s", timeout=0.5)


def test_oversized_body_refused_by_header_and_by_count() -> None:
    with serving({"/big": Reply(body=b"z" * 5000),
                  "/lying": Reply(raw=b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"
                                  + b"z" * 5000)}) as server:
        with pytest.raises(InputError, match="announces 5,000 bytes, over the 1,000-byte cap"):
            fetch(server.url + "/big", timeout=5, max_bytes=1000)
        with pytest.raises(InputError, match="larger than the 1,000-byte cap"):
            fetch(server.url + "/lying", timeout=5, max_bytes=1000)


def test_gzip_bomb_is_capped() -> None:
    bomb = Reply(body=gzip.compress(b"\0" * 2_000_000), headers={"Content-Encoding": "gzip"})
    with (serving({"/bomb": bomb}) as server,
          pytest.raises(InputError, match="larger than the 100,000-byte cap")):
        fetch(server.url + "/bomb", timeout=5, max_bytes=100_000)


def test_redirect_same_host_followed_other_host_and_ftp_refused() -> None:
    with serving({}) as server:
        port = server.url.rsplit(":", 1)[1]
        server.routes.update({
            "/old": Reply(302, headers={"Location": "/new"}),
            "/new": Reply(body=b"moved here"),
            "/away": Reply(302, headers={"Location": f"http://localhost:{port}/new"}),
            "/ftp": Reply(302, headers={"Location": "ftp://127.0.0.1/file"}),
            "/loop": Reply(302, headers={"Location": "/loop"}),
        })
        assert fetch(server.url + "/old", timeout=5) == b"moved here"
        with pytest.raises(InputError, match="redirected to another host") as exc:
            fetch(server.url + "/away", timeout=5)
        one_line(exc)
        with pytest.raises(InputError, match="not http\\(s\\): refused"):
            fetch(server.url + "/ftp", timeout=5)
        with pytest.raises(InputError, match="more than 5 redirects"):
            fetch(server.url + "/loop", timeout=5)
        assert server.count("/new") == 1  # the refused redirects were not followed


MALFORMED = {
    "/status": (b"HTTP/1.1 OK-ish\r\n\r\n", "no valid HTTP status line"),
    "/garbage": (b"SSH-2.0-OpenSSH\r\n\r\n", "no valid HTTP status line"),
    "/chunked": (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
                 "malformed response"),
    "/longheader": (b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n",
                    "over 64 KiB"),
    "/headers": (b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(150))
                 + b"\r\n", "more than 100 headers"),
    "/short": (b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this", "ended early"),
    "/empty": (b"", "could not connect|no valid HTTP status line"),
}


@pytest.mark.parametrize("path", sorted(MALFORMED))
def test_malformed_responses_are_one_line_errors(path: str) -> None:
    raw, message = MALFORMED[path]
    with serving({path: Reply(raw=raw)}) as server:
        with pytest.raises(InputError, match=message) as exc:
            fetch(server.url + path, timeout=5)
        one_line(exc)


@pytest.mark.parametrize(("url", "message"), [
    ("http://[::1", "not a valid URL"),
    ("http://127.0.0.1:abc/", "not a valid URL"),
    ("http://127.0.0.1:99999/", "not a valid URL"),
    ("ftp://example.org/x", "not an http\\(s\\) URL"),
    ("file:///etc/passwd", "not an http\\(s\\) URL"),
    ("http:///nohost", "no host"),
    ("http://exa mple.org/", "spaces or control"),
    ("http://127.0.0.1/a\r\nX-Injected: 1", "spaces or control"),
])
def test_hostile_urls_are_one_line_errors(url: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as exc:
        fetch(url, timeout=2)
    one_line(exc)


def test_upper_case_scheme_is_a_url() -> None:
    assert is_url("HTTP://example.org/") and is_url("https://x") and not is_url("data/x.json")
    with serving({"/u": Reply(body=b"ok")}) as server:
        assert fetch(server.url.replace("http", "HTTP") + "/u", timeout=5) == b"ok"


def test_unreachable_port() -> None:
    with pytest.raises(InputError, match="could not connect") as exc:
        fetch("http://127.0.0.1:9/", timeout=2)
    one_line(exc)


def test_server_error_then_recovery_with_retries() -> None:
    replies = [Reply(503, b"busy", headers={"Retry-After": "1"}), Reply(500, b"oops"),
               Reply(body=b"fine")]
    slept: list[float] = []
    with serving({"/r": replies}) as server:
        fetcher = Fetcher(Policy(deadline=5, attempts=3, backoff=0.5, max_backoff=4),
                          sleep=slept.append)
        assert fetcher.get(server.url + "/r").body == b"fine"
        assert server.count("/r") == 3
    assert len(slept) == 2 and slept[0] >= 1.0  # Retry-After honoured


def test_retries_exhausted_and_client_errors_not_retried() -> None:
    with serving({"/down": Reply(500, b"oops"), "/gone": Reply(404)}) as server:
        fetcher = Fetcher(Policy(deadline=5, attempts=3), **NO_WAIT)
        with pytest.raises(InputError, match="HTTP 500") as exc:
            fetcher.get(server.url + "/down")
        assert type(exc.value) is InputError
        assert server.count("/down") == 3
        with pytest.raises(InputError, match="HTTP 404"):
            fetcher.get(server.url + "/gone")
        assert server.count("/gone") == 1


def test_conditional_request_uses_the_cache(tmp_path: Path) -> None:
    with serving({"/c": Reply(body=b"version 1", etag='"v1"')}) as server:
        fetcher = Fetcher(Policy(deadline=5), cache=HttpCache(tmp_path))
        first = fetcher.get(server.url + "/c")
        second = Fetcher(Policy(deadline=5), cache=HttpCache(tmp_path)).get(server.url + "/c")
        assert not first.from_cache and second.from_cache
        assert second.body == b"version 1"
        assert server.requests[1].headers["if-none-match"] == '"v1"'
        server.routes["/c"] = Reply(body=b"version 2", etag='"v2"')
        third = fetcher.get(server.url + "/c")
        assert third.body == b"version 2" and not third.from_cache


def test_damaged_cache_entry_is_a_miss(tmp_path: Path) -> None:
    with serving({"/c": Reply(body=b"data", etag='"e"')}) as server:
        cache = HttpCache(tmp_path)
        Fetcher(Policy(deadline=5), cache=cache).get(server.url + "/c")
        for body in tmp_path.glob("*.body"):
            body.write_bytes(b"tampered")
        again = Fetcher(Policy(deadline=5), cache=cache).get(server.url + "/c")
        assert again.body == b"data" and not again.from_cache
        assert "if-none-match" not in server.requests[1].headers


def test_host_gate_spaces_requests_per_host() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    gate = HostGate(2.0, clock=lambda: now[0], sleep=sleep)
    gate.wait("a")
    gate.wait("b")
    gate.wait("a")
    assert slept == [2.0]
    now[0] += 5
    gate.wait("a")
    assert slept == [2.0]
