"""An on-disk cache of http(s) responses for conditional requests (ETag / Last-Modified).

One entry per URL: ``<key>.body`` (the raw bytes) and ``<key>.json`` (the validators, the
final URL, when it was fetched and the body's SHA-256). The body is written before its
metadata, both atomically, and an entry whose body does not match its recorded hash is a
miss: a crash mid-write leaves at worst a stale entry that the server then refreshes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from geo.io.atomic import atomic_write_bytes, atomic_write_text


@dataclass(frozen=True)
class CachedEntry:
    """What the cache holds for one URL."""

    url: str
    final_url: str
    body: bytes
    etag: str | None
    last_modified: str | None
    content_type: str
    fetched_at: dt.datetime

    def validators(self) -> dict[str, str]:
        """The conditional-request headers this entry allows."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


def _key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:40]


class HttpCache:
    """Responses by URL under ``directory`` (created on first store)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = _key(url)
        return self.directory / f"{key}.json", self.directory / f"{key}.body"

    def lookup(self, url: str) -> CachedEntry | None:
        """The entry for ``url``, or None when there is none or it is unreadable."""
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
            if meta.get("url") != url or hashlib.sha256(body).hexdigest() != meta.get("sha256"):
                return None
            return CachedEntry(
                url=url, final_url=str(meta["final_url"]), body=body,
                etag=meta.get("etag"), last_modified=meta.get("last_modified"),
                content_type=str(meta.get("content_type", "")),
                fetched_at=dt.datetime.fromisoformat(meta["fetched_at"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store(self, entry: CachedEntry) -> None:
        """Keep ``entry`` (only worth it when it has a validator)."""
        if not (entry.etag or entry.last_modified):
            return
        meta_path, body_path = self._paths(entry.url)
        self.directory.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(body_path, entry.body)
        atomic_write_text(meta_path, json.dumps({
            "url": entry.url, "final_url": entry.final_url, "etag": entry.etag,
            "last_modified": entry.last_modified, "content_type": entry.content_type,
            "fetched_at": entry.fetched_at.isoformat(),
            "sha256": hashlib.sha256(entry.body).hexdigest(),
        }, ensure_ascii=False))
