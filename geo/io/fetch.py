"""Fetch a map over http(s) with a timeout and a size cap; every failure is one clear line."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request

from geo.errors import InputError

MAX_BYTES = 64 * 1024 * 1024
USER_AGENT = "frontline-claims/0.1 (+map import)"


def fetch(url: str, timeout: float = 30.0, max_bytes: int = MAX_BYTES) -> bytes:
    """GET ``url`` (http or https only) and return the body.

    Raises :class:`~geo.errors.InputError` for a bad scheme, an error status,
    no answer within ``timeout`` seconds, an unreachable host, or a body over ``max_bytes``.
    """
    if not url.startswith(("http://", "https://")):
        raise InputError(f"not an http(s) URL: {url!r}")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,  # noqa: S310
                                                   "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read(max_bytes + 1)
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: the server answered HTTP {exc.code} {exc.reason}") from None
    except TimeoutError:
        raise InputError(f"{url}: no answer within {timeout:g} s") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            raise InputError(f"{url}: no answer within {timeout:g} s") from None
        raise InputError(f"{url}: could not connect ({reason})") from None
    except OSError as exc:
        raise InputError(f"{url}: connection failed ({exc})") from None
    if len(body) > max_bytes:
        raise InputError(f"{url}: response larger than {max_bytes} bytes")
    return body
