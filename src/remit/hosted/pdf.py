"""The invoice as PDF, rendered by WeasyPrint from the page's own template.

Rendering takes a few hundred milliseconds of CPU, so it runs in a thread, and each
invoice version is rendered once per process (kept in a small LRU cache). Only `data:` URLs
are fetched while rendering: an image elsewhere (a logo) is left out rather than fetched
from the server's network.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from typing import Any

CACHE_SIZE = 128
_cache: OrderedDict[tuple[str, str, int], bytes] = OrderedDict()


def _only_data_urls(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    from weasyprint import default_url_fetcher

    if not url.startswith("data:"):
        raise ValueError(f"not fetched while rendering a PDF: {url[:60]}")
    fetched: dict[str, Any] = default_url_fetcher(url, *args, **kwargs)
    return fetched


def _render(html: str) -> bytes:
    from weasyprint import HTML

    document: bytes = HTML(string=html, url_fetcher=_only_data_urls).write_pdf()
    return document


async def pdf_of(key: tuple[str, str, int], html: str) -> bytes:
    """The PDF of one invoice version (`key` = account, invoice, version)."""
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    document = await asyncio.to_thread(_render, html)
    _cache[key] = document
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return document
