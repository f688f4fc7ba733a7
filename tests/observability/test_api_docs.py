"""`/docs` and `/redoc` work offline: each page and everything it loads come from remit."""

from __future__ import annotations

import re

import httpx

ASSET = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")


class TestOfflineDocs:
    async def test_every_asset_of_docs_is_served_by_remit_and_none_by_a_cdn(
        self, http: httpx.AsyncClient
    ) -> None:
        assets = await _offline_page(http, "/docs")
        assert any(url.endswith(".js") for url in assets) and any(".css" in u for u in assets)

    async def test_redoc_is_served_offline_too(self, http: httpx.AsyncClient) -> None:
        assets = await _offline_page(http, "/redoc")
        assert "/static/redoc/redoc.standalone.js" in assets
        assert '<redoc spec-url="/openapi.json">' in (await http.get("/redoc")).text


async def _offline_page(http: httpx.AsyncClient, path: str) -> list[str]:
    """The page's assets, once it is checked that each is remit's own and answers."""
    page = await http.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert not re.search(r"https?://", page.text), "the page names an outside URL"
    assets = ASSET.findall(page.text)
    for url in assets:
        assert url.startswith("/"), url
        assert (await http.get(url)).status_code == 200, url
    assert "/openapi.json" in page.text
    assert (await http.get("/openapi.json")).status_code == 200
    return assets
