"""The account's logo as the PDF shows it: the bytes of a `data:` image, or of an https image
fetched by the server — once per process and address, through the same address guard as
webhooks (`REMIT_WEBHOOK_ALLOW_PRIVATE` governs both), with a timeout and a size cap.

A logo that cannot be had (refused address, unreachable, too slow, too big, not an image) is
left out of the PDF, and not asked for again for a few minutes; one that was fetched is kept
for an hour. The web page links the address itself: the customer's browser fetches it.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import ssl
import time
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import aiohttp

from remit import __version__
from remit.kernel import images
from remit.webhooks import ssrf

log = logging.getLogger("remit.hosted")

FETCH_TIMEOUT_SECONDS = 5.0  # the whole fetch, redirects and a slow body included
MAX_FETCHED_BYTES = 1024 * 1024
MAX_REDIRECTS = 3
REDIRECTS = (301, 302, 303, 307, 308)
KEPT_SECONDS = 3600.0
FAILED_KEPT_SECONDS = 300.0
CACHE_SIZE = 64


@dataclass(frozen=True)
class Logo:
    url: str  # as the page names it: the one resource WeasyPrint is handed
    body: bytes
    media_type: str

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


class LogoUnavailable(Exception):
    pass


# (address, private addresses allowed) → (kept until, on the monotonic clock; the logo)
_fetched: OrderedDict[tuple[str, bool], tuple[float, Logo | None]] = OrderedDict()


async def logo_of(url: str | None, *, allow_private: bool) -> Logo | None:
    """The logo to draw in the PDF, or None when there is none to be had."""
    if not url:
        return None
    if url.startswith("data:"):
        try:
            media_type, body = images.decode_data_url(url)
        except images.NotAnImage:
            return None  # saved before data: logos were checked
        return Logo(url, body, media_type)
    key = (url, allow_private)
    kept = _fetched.get(key)
    if kept is not None and kept[0] > time.monotonic():
        return kept[1]
    logo = await _fetch(url, allow_private)
    _keep(key, logo)
    return logo


def _keep(key: tuple[str, bool], logo: Logo | None) -> None:
    lifetime = KEPT_SECONDS if logo else FAILED_KEPT_SECONDS
    _fetched[key] = (time.monotonic() + lifetime, logo)
    _fetched.move_to_end(key)
    while len(_fetched) > CACHE_SIZE:
        _fetched.popitem(last=False)


async def _fetch(url: str, allow_private: bool) -> Logo | None:
    try:
        async with asyncio.timeout(FETCH_TIMEOUT_SECONDS):
            body = await _download(url, allow_private)
    except (LogoUnavailable, ssrf.UrlNotAllowed, aiohttp.ClientError, TimeoutError) as exc:
        log.warning("logo not fetched, the PDF goes without: %s (%s)", url[:200], _reason(exc))
        return None
    media_type = images.sniff(body)
    if media_type is None:
        log.warning("logo not shown in the PDF: %s is not a PNG/JPEG/GIF/WebP/SVG", url[:200])
        return None
    return Logo(url, body, media_type)


def _reason(exc: Exception) -> str:
    return str(exc) or type(exc).__name__


async def _download(url: str, allow_private: bool) -> bytes:
    # Names are resolved only by the guard's resolver, which refuses non-public answers before
    # a connection is made (no second lookup to rebind); an IP address in the URL is checked
    # as it stands. Redirects are followed by hand, each target checked the same way. No proxy
    # from the environment: it would connect where the guard never looked. The default TLS
    # context honours SSL_CERT_FILE, for a private certificate authority.
    resolver = ssrf.GuardedResolver(allow_private=allow_private)
    async with aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(resolver=resolver, ssl=ssl.create_default_context()),
        cookie_jar=aiohttp.DummyCookieJar(),
        timeout=aiohttp.ClientTimeout(total=FETCH_TIMEOUT_SECONDS),
        headers={"User-Agent": f"remit/{__version__}", "Accept": ", ".join(images.IMAGE_TYPES)},
    ) as session:
        for _ in range(MAX_REDIRECTS + 1):
            if urlsplit(url).scheme != "https":
                raise LogoUnavailable("logos are fetched over https only")
            ssrf.check_literal(url, allow_private=allow_private)
            async with session.get(url, allow_redirects=False) as response:
                if response.status not in REDIRECTS:
                    response.raise_for_status()
                    return await _capped_body(response)
                url = urljoin(url, response.headers.get("Location", ""))
    raise LogoUnavailable(f"more than {MAX_REDIRECTS} redirects")


async def _capped_body(response: aiohttp.ClientResponse) -> bytes:
    body = bytearray()
    async for chunk in response.content.iter_chunked(64 * 1024):
        body += chunk
        if len(body) > MAX_FETCHED_BYTES:
            raise LogoUnavailable(f"larger than {MAX_FETCHED_BYTES // 1024} KiB")
    return bytes(body)
