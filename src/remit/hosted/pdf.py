"""An invoice or a credit note as PDF, rendered by WeasyPrint from its page's own template.

Every PDF is PDF/A-3b (ISO 19005-3: fonts embedded, an sRGB output intent, XMP metadata), so
that it can be archived as it is; an invoice's may carry its CII e-invoice as Factur-X
(hosted.facturx), embedded as an associated file (`/AF`).

Rendering takes a few hundred milliseconds of CPU, so it runs in a thread, and each document
is rendered once per process (kept in a small LRU cache). The cache is keyed by what is drawn
and embedded — a digest of the page's HTML, of the logo's bytes and of the e-invoice — so any
change to the invoice (or note), the account (its name, address, branding, Factur-X setting)
or the customer's locale makes a new document.

WeasyPrint fetches nothing itself: its fetcher answers only the logo it is handed (already
decoded or fetched, hosted.logos) and refuses every other URL, which the page, an SVG logo or
a stylesheet might name. A refused resource is left out of the document.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
from collections import OrderedDict
from datetime import UTC
from functools import cache
from typing import Any

from remit.hosted import facturx
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


def _render(html: str, logo: Logo | None, einvoice: facturx.FacturX | None) -> bytes:
    from weasyprint import HTML

    fetcher = _fetcher_class()({logo.url: logo} if logo else {})
    options: dict[str, Any] = {"pdf_variant": "pdf/a-3b"}
    if einvoice is not None:
        options.update(attachments=[_facturx_attachment(einvoice)], finisher=_declare_facturx)
    document: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf(**options)
    return document


def _facturx_attachment(einvoice: facturx.FacturX) -> Any:
    from weasyprint import Attachment

    # Written as UTC (`D:…Z`): the date must be one already.
    issued = einvoice.issued_at.astimezone(UTC)
    return Attachment(file_obj=io.BytesIO(einvoice.xml), name=facturx.FILENAME, created=issued,
                      modified=issued, description=facturx.DESCRIPTION,
                      relationship=facturx.RELATIONSHIP)  # fmt: skip


def _declare_facturx(_document: Any, pdf: Any) -> None:
    """Runs on the finished PDF, before it is written: the XMP gains the `fx:` properties,
    and `/AF` names the attachment once (WeasyPrint lists it twice)."""
    metadata = pdf.objects[int(pdf.catalog["Metadata"].split()[0])]
    metadata.stream = [facturx.declared_in_xmp(b"".join(metadata.stream))]
    associated = pdf.catalog["AF"]
    associated[:] = dict.fromkeys(associated)


def _key(html: str, logo: Logo | None, einvoice: facturx.FacturX | None) -> str:
    drawn = hashlib.sha256(html.encode("utf-8", "surrogatepass"))
    drawn.update((logo.digest if logo else "").encode())
    if einvoice is not None:
        drawn.update(
            hashlib.sha256(einvoice.xml).digest() + einvoice.issued_at.isoformat().encode()
        )
    return drawn.hexdigest()


async def pdf_of(html: str, logo: Logo | None, einvoice: facturx.FacturX | None = None) -> bytes:
    """The PDF of a page's HTML (rendered for print), drawing `logo` where the page names it
    and embedding `einvoice` (a CII invoice) as Factur-X when given."""
    key = _key(html, logo, einvoice)
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    document = await asyncio.to_thread(_render, html, logo, einvoice)
    _cache[key] = document
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return document
