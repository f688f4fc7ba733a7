"""`/docs` works offline: the page and everything it loads come from remit itself."""

from __future__ import annotations

import re

import httpx

ASSET = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")


class TestOfflineDocs:
    async def test_every_asset_of_docs_is_served_by_remit_and_none_by_a_cdn(
        self, http: httpx.AsyncClient
    ) -> None:
        page = await http.get("/docs")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert not re.search(r"https?://", page.text), "the page names an outside URL"
        assets = ASSET.findall(page.text)
        assert any(url.endswith(".js") for url in assets) and any(".css" in u for u in assets)
        for url in assets:
            assert url.startswith("/"), url
            assert (await http.get(url)).status_code == 200, url
        assert "'/openapi.json'" in page.text or '"/openapi.json"' in page.text
        assert (await http.get("/openapi.json")).status_code == 200

    async def test_redoc_leads_to_the_offline_docs(self, http: httpx.AsyncClient) -> None:
        answer = await http.get("/redoc")
        assert answer.status_code == 307 and answer.headers["location"] == "/docs"
