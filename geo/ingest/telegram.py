"""Telegram channels: a Telegram Desktop export (``result.json``) or a channel's public web
preview page (``https://t.me/s/<channel>``), one document per post, dated by its time and
linked by its permalink. A preview page holds only the newest ~20 posts: with ``--since``
the older ones are read by following the page's ``?before=<oldest post id>`` back until a
post before that date shows up, at most ``--pages`` pages, one request at a time under the
fetcher's per-host interval (one a second for the ingest).

The post's claimant picks the parser: the Russian MoD (or General Staff) → the bulletin
templates (:mod:`~geo.ingest.bulletins`); DeepState → its change-note templates with the
links' coordinates; Ukraine's General Staff → its report structure
(:mod:`~geo.ingest.genstaff`); anyone else → free-text extraction (:mod:`geo.text`), whose
drafts always wait for review.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bs4 import BeautifulSoup
from bs4.element import Tag

from geo.errors import InputError
from geo.ingest.deepstate import KYIV
from geo.ingest.model import Adapter, Fetched, IngestContext, Parsed
from geo.ingest.textclaims import text_claims
from geo.io.fetch import is_url, show

#: Default channel (for permalinks of an export, which does not name it) per claimant.
CHANNELS = {"ru_mod": "mod_russia_en", "deepstate": "DeepStateUA",
            "ua_genstaff": "GeneralStaffZSU"}
MAX_FILE_BYTES = 256 * 1024 * 1024
#: Preview pages read at most per run (about 20 posts each), unless ``--pages`` says.
MAX_PAGES = 20


@dataclass(frozen=True)
class TelegramTarget:
    """What ``ingest telegram`` was asked to read."""

    source: str
    claimant: str
    channel: str | None = None
    #: preview pages followed back at most (with ``--since``; without it, the newest only)
    max_pages: int = MAX_PAGES


@dataclass(frozen=True)
class Post:
    channel: str
    post_id: int
    when: dt.datetime
    text: str
    html: str

    @property
    def permalink(self) -> str:
        return f"https://t.me/{self.channel}/{self.post_id}"


def _parts_html(parts: Any) -> tuple[str, str]:
    """(plain text, HTML) of an export message's ``text`` (a string or a list of parts)."""
    if isinstance(parts, str):
        return parts, html.escape(parts).replace("\n", "<br>")
    plain, markup = [], []
    for part in parts if isinstance(parts, list) else []:
        if isinstance(part, str):
            plain.append(part)
            markup.append(html.escape(part).replace("\n", "<br>"))
        elif isinstance(part, dict) and isinstance(part.get("text"), str):
            text = part["text"]
            plain.append(text)
            href = part.get("href") if part.get("type") == "text_link" else None
            if isinstance(href, str):
                markup.append(f'<a href="{html.escape(href)}">{html.escape(text)}</a>')
            else:
                markup.append(html.escape(text))
    return "".join(plain), "".join(markup)


def _when(message: dict[str, Any]) -> dt.datetime | None:
    stamp = message.get("date_unixtime")
    if isinstance(stamp, str) and stamp.isdigit() and len(stamp) <= 11:
        return dt.datetime.fromtimestamp(int(stamp), dt.UTC)
    date = message.get("date")
    if isinstance(date, str):
        try:
            when = dt.datetime.fromisoformat(date)
        except ValueError:
            return None
        return when.replace(tzinfo=KYIV) if when.tzinfo is None else when
    return None


def posts_from_export(raw: bytes, name: str, channel: str) -> tuple[list[Post], list[str]]:
    """The posts of a Telegram Desktop export and one line per message that is unusable."""
    try:
        doc = json.loads(raw)
    except (ValueError, RecursionError):
        raise InputError(f"{name}: not valid JSON (expected Telegram Desktop's result.json). "
                         "Fix: export the channel as JSON (machine-readable)") from None
    messages = doc.get("messages") if isinstance(doc, dict) else None
    if not isinstance(messages, list):
        raise InputError(f"{name}: no 'messages' list: not a Telegram Desktop export. Fix: "
                         "give the result.json of a channel export")
    posts, problems = [], []
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or message.get("type", "message") != "message":
            continue
        pid, when = message.get("id"), _when(message)
        if not isinstance(pid, int) or isinstance(pid, bool) or when is None:
            problems.append(f"{name} message {i}: no integer id or no readable date; skipped")
            continue
        plain, markup = _parts_html(message.get("text", ""))
        if plain.strip():
            posts.append(Post(channel, pid, when, plain, markup))
    return posts, problems


def posts_from_preview(raw: bytes, name: str) -> tuple[list[Post], list[str]]:
    """The posts of a ``t.me/s/<channel>`` page (``div.tgme_widget_message``)."""
    soup = BeautifulSoup(raw.decode("utf-8", "replace"), "html.parser")
    posts, problems = [], []
    for i, box in enumerate(soup.select("div.tgme_widget_message[data-post]")):
        ref = str(box.get("data-post", ""))
        channel, _, pid = ref.rpartition("/")
        stamp = box.select_one("a.tgme_widget_message_date time[datetime]")
        body = box.select_one("div.tgme_widget_message_text")
        try:
            when = dt.datetime.fromisoformat(str(stamp.get("datetime"))) if isinstance(
                stamp, Tag) else None
        except ValueError:
            when = None
        if not channel or not pid.isdigit() or when is None:
            problems.append(f"{name} post {i} ({show(ref, 60)}): no post id or no time; "
                            "skipped")
            continue
        if not isinstance(body, Tag):
            continue  # a photo or poll without text
        for br in body.find_all("br"):
            br.replace_with("\n")
        posts.append(Post(channel, int(pid), when, body.get_text(), body.decode_contents()))
    if not posts and not problems and b"tgme_widget_message" not in raw:
        raise InputError(f"{name}: no Telegram posts found (expected a t.me/s/<channel> page "
                         "or a result.json). Fix: check the URL or file")
    return posts, problems


def _read(ctx: IngestContext, target: TelegramTarget) -> tuple[bytes, str]:
    if is_url(target.source):
        got = ctx.fetcher.get(target.source, accept="text/html,application/json")
        return got.body, got.final_url
    path = Path(target.source)
    if not path.is_file():
        raise InputError(f"file not found: {target.source}")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(f"{path}: over {MAX_FILE_BYTES // 2**20} MiB. Fix: export a shorter "
                         "date range")
    return path.read_bytes(), str(path)


def before_url(url: str, post_id: int) -> str:
    """The preview page of the posts before ``post_id`` (``url``'s query replaced)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, f"before={post_id}", ""))


def preview_pages(ctx: IngestContext, target: TelegramTarget, raw: bytes, name: str
                  ) -> tuple[list[Post], list[str]]:
    """The posts of a preview page and, back to ``ctx.since``, of the pages before it."""
    posts, problems = posts_from_preview(raw, name)
    seen = {p.post_id for p in posts}
    pages = 1
    while ctx.since is not None and posts:
        oldest = min(posts, key=lambda p: p.post_id)
        if oldest.when.astimezone(KYIV).date() < ctx.since or oldest.post_id <= 1:
            break  # the range starts on this page
        if pages >= target.max_pages:
            problems.append(
                f"{name}: stopped after {pages} page(s) at post {oldest.post_id} of "
                f"{oldest.when.astimezone(KYIV).date()}; posts before it, back to "
                f"{ctx.since}, not read. Fix: --pages {pages * 2} or a later --since")
            break
        url = before_url(name, oldest.post_id)
        try:
            got = ctx.fetcher.get(url, accept="text/html")  # waits for the host's interval
            older, bad = posts_from_preview(got.body, url)
        except InputError as exc:  # the newer pages' posts still count
            problems.append(f"{show(url, 120)}: {exc}; posts before {oldest.post_id} not "
                            "read this run (the next run tries again)")
            break
        pages += 1
        older = [p for p in older if p.post_id not in seen]
        problems += bad
        if not older:
            break  # nothing before it: the channel's first post, or a page that repeats
        seen.update(p.post_id for p in older)
        posts += older
    return posts, problems


def list_posts(ctx: IngestContext, target: TelegramTarget) -> Iterator[Fetched]:
    """One document per post in range, oldest first."""
    raw, name = _read(ctx, target)
    channel = target.channel or CHANNELS.get(target.claimant, target.claimant)
    if raw.lstrip()[:1] in (b"{", b"["):
        posts, problems = posts_from_export(raw, name, channel)
    elif is_url(target.source):
        posts, problems = preview_pages(ctx, target, raw, name)
    else:
        posts, problems = posts_from_preview(raw, name)
    for problem in problems:
        yield Fetched(key=f"telegram:bad:{problem[:60]}", url=name,
                      published=dt.datetime.now(dt.UTC), raw=problem.encode(), error=problem)
    for post in sorted(posts, key=lambda p: (p.when, p.post_id)):
        if not ctx.in_range(post.when.astimezone(KYIV).date()):
            continue
        record = {"channel": post.channel, "id": post.post_id, "date": post.when.isoformat(),
                  "text": post.text, "html": post.html}
        yield Fetched(key=f"telegram:{post.channel}/{post.post_id}", url=post.permalink,
                      published=post.when,
                      raw=json.dumps(record, ensure_ascii=False, sort_keys=True).encode(),
                      meta={"post": post, "claimant": target.claimant,
                            "publisher": f"Telegram channel @{post.channel}"})


def parse_post(ctx: IngestContext, fetched: Fetched) -> Parsed:
    post: Post = fetched.meta["post"]
    claimant = fetched.meta["claimant"]
    day = post.when.astimezone(KYIV).date().isoformat()
    source = f"Telegram @{post.channel}, post {post.post_id} ({day})"
    if claimant == "deepstate":
        from geo.ingest.deepstate import DEFAULT_BASE, note_claims

        parsed = Parsed()
        note_claims(ctx, {"description": post.html}, day, source, DEFAULT_BASE, parsed)
        for claim in parsed.claims:
            claim["source_url"] = post.permalink
        return parsed
    return text_claims(ctx, re.sub(r"[ \t]+", " ", post.text), claimant, day, source,
                       post.permalink)


ADAPTER = Adapter(name="telegram", publisher="Telegram channel", claimant="",
                  documents=list_posts, parse=parse_post)
