"""An invoice or a credit note as PDF, rendered by WeasyPrint from its page's own template.

Rendering takes a few hundred milliseconds of CPU, so it runs in a thread, and each document
is rendered once per process (kept in a small LRU cache). The cache is keyed by what is drawn
— a digest of the page's HTML and of the logo's bytes — so any change to the invoice (or note),
the account (its name, address, branding) or the customer's locale makes a new document.

WeasyPrint fetches nothing itself: its fetcher answers only the logo it is handed (already
decoded or fetched, hosted.logos) and refuses every other URL, which the page, an SVG logo or
a stylesheet might name. A refused resource is left out of the document.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from functools import cache
from typing import Any

from remit.hosted.logos import Logo

CACHE_SIZE = 128
_cache: OrderedDict[str, bytes] = OrderedDict()


@cache
def _fetcher_class() -> type[Any]:
    # WeasyPrint is imported when the first PDF is asked for: it takes a while to load.
    from weasyprint import URLFetcher
    from weasyprint.urls import URLFetcherResponse, iri_to_uri

    class OnlyHandedResources(URLFetcher):
        def __init__(self, resources: dict[str, Logo]) -> None:
            super().__init__(allowed_protocols=(), allow_redirects=False)
            # WeasyPrint asks for an address as a URI: non-ASCII characters percent-encoded.
            self._resources = {iri_to_uri(url): item for url, item in resources.items()}
            self._resources.update(resources)

        def fetch(self, url: str, headers: Any = None) -> Any:
            resource = self._resources.get(url)
            if resource is None:
                raise ValueError(f"not fetched while rendering a PDF: {url[:60]}")
            content_type = {"Content-Type": resource.media_type}
            return URLFetcherResponse(url, resource.body, content_type)

    return OnlyHandedResources


def _render(html: str, logo: Logo | None) -> bytes:
    from weasyprint import HTML

    fetcher = _fetcher_class()({logo.url: logo} if logo else {})
    document: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf()
    return document


def _key(html: str, logo: Logo | None) -> str:
    drawn = hashlib.sha256(html.encode("utf-8", "surrogatepass"))
    drawn.update((logo.digest if logo else "").encode())
    return drawn.hexdigest()


async def pdf_of(html: str, logo: Logo | None) -> bytes:
    """The PDF of a page's HTML (rendered for print), drawing `logo` where the page names it."""
    key = _key(html, logo)
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    document = await asyncio.to_thread(_render, html, logo)
    _cache[key] = document
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return document
