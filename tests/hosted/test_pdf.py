"""The invoice PDF (hosted.pdf, hosted.logos): logos as data: images or fetched once from an
https address through the address guard, nothing else fetched while rendering, filenames any
number can go in, and a cache that never serves what the account no longer says."""

from __future__ import annotations

import base64
import io
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
from pypdf import PdfReader

from remit.app import create_app
from remit.hosted import logos
from remit.runtime import Runtime
from tests.hosted.image_server import (
    PNG,
    ImageServer,
    running_image_server,
    self_signed_certificate,
)
from tests.processes import free_port
from tests.support import TenantApi, expect
from tests.webhooks.receiver import running_receiver

DATA_PNG = "data:image/png;base64," + base64.b64encode(PNG).decode()


def _pdf_path(invoice: dict[str, Any]) -> str:
    return f"/i/{invoice['public_token']}.pdf"


async def _pdf(api: TenantApi | httpx.AsyncClient, invoice: dict[str, Any]) -> httpx.Response:
    http = api.http if isinstance(api, TenantApi) else api
    response = await http.get(_pdf_path(invoice))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    return response


def _images_in(document: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(document)).pages)


def _text_of(document: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(document)).pages)


async def _with_logo(api: TenantApi, logo_url: str) -> dict[str, Any]:
    expect(await api.patch("/v1/account", {"branding": {"logo_url": logo_url}}), 200)
    return await api.open_invoice(collection_method="send_invoice")


@pytest.fixture
def trusted_certificate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A certificate for a loopback HTTPS server, trusted as a private authority would be."""
    certificate = self_signed_certificate(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    yield certificate


@pytest.fixture
async def images(trusted_certificate: Any) -> AsyncIterator[ImageServer]:
    async with running_image_server(trusted_certificate) as server:
        yield server


class TestLogo:
    async def test_a_data_logo_is_drawn_in_the_pdf(self, api: TenantApi) -> None:
        plain = await api.open_invoice(collection_method="send_invoice")
        assert _images_in((await _pdf(api, plain)).content) == 0
        invoice = await _with_logo(api, DATA_PNG)
        assert _images_in((await _pdf(api, invoice)).content) == 1
        assert DATA_PNG in (await api.http.get(f"/i/{invoice['public_token']}")).text

    async def test_an_https_logo_is_fetched_once_for_every_pdf(
        self, api: TenantApi, images: ImageServer
    ) -> None:
        url = images.serve("/logo.png", PNG)
        first = await _with_logo(api, url)
        second = await api.open_invoice(collection_method="send_invoice")
        for invoice in (first, second):
            assert _images_in((await _pdf(api, invoice)).content) == 1
        assert images.requests == {"/logo.png": 1}

    async def test_an_unreachable_logo_leaves_the_pdf_without_it(self, api: TenantApi) -> None:
        invoice = await _with_logo(api, f"https://127.0.0.1:{free_port()}/gone.png")
        document = (await _pdf(api, invoice)).content
        assert _images_in(document) == 0 and "Test Co" in _text_of(document)

    async def test_a_logo_that_is_not_an_image_is_left_out(
        self, api: TenantApi, images: ImageServer
    ) -> None:
        url = images.serve("/page.png", b"<html>not a logo</html>", "image/png")
        invoice = await _with_logo(api, url)
        assert _images_in((await _pdf(api, invoice)).content) == 0
        missing = await _with_logo(api, images.url("/missing.png"))  # 404
        assert _images_in((await _pdf(api, missing)).content) == 0

    async def test_a_logo_too_large_is_left_out(self, api: TenantApi, images: ImageServer) -> None:
        url = images.serve("/huge.png", PNG + bytes(logos.MAX_FETCHED_BYTES))
        invoice = await _with_logo(api, url)
        assert _images_in((await _pdf(api, invoice)).content) == 0

    async def test_redirects_are_followed_over_https_only(
        self, api: TenantApi, images: ImageServer
    ) -> None:
        moved = images.redirect("/moved.png", images.serve("/logo.png", PNG))
        invoice = await _with_logo(api, moved)
        assert _images_in((await _pdf(api, invoice)).content) == 1
        plain = images.url("/logo.png").replace("https://", "http://")
        downgraded = await _with_logo(api, images.redirect("/downgraded.png", plain))
        assert _images_in((await _pdf(api, downgraded)).content) == 0
        assert images.requests == {"/moved.png": 1, "/logo.png": 1, "/downgraded.png": 1}

    @pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
    async def test_a_logo_at_a_private_address_is_not_fetched(
        self, api: TenantApi, runtime: Runtime, images: ImageServer, host: str
    ) -> None:
        url = images.serve("/internal.png", PNG).replace("127.0.0.1", host)
        invoice = await _with_logo(api, url)
        strict = replace(runtime, settings=replace(runtime.settings, webhook_allow_private=False))
        transport = httpx.ASGITransport(app=create_app(strict))
        async with httpx.AsyncClient(transport=transport, base_url="http://remit.test") as client:
            assert _images_in((await _pdf(client, invoice)).content) == 0
        assert images.requests["/internal.png"] == 0

    async def test_rendering_fetches_nothing_an_svg_logo_names(self, api: TenantApi) -> None:
        async with running_receiver() as receiver:
            svg = (
                '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
                f'<image href="{receiver.url("/peek.png")}" width="40" height="20"/>'
                '<rect width="10" height="10" fill="#c22"/></svg>'
            )
            logo = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
            invoice = await _with_logo(api, logo)
            await _pdf(api, invoice)
            assert dict(receiver.received) == {}


class TestFilename:
    async def test_a_number_beyond_latin_1_is_sent_encoded(self, api: TenantApi) -> None:
        for template, number in (("請求-{seq:04}", "請求-0001"), ("€{seq}", "€2")):
            expect(await api.patch("/v1/account", {"invoice_number_template": template}), 200)
            invoice = await api.open_invoice(collection_method="send_invoice")
            assert invoice["number"] == number
            header = (await _pdf(api, invoice)).headers["content-disposition"]
            fallback, encoded = header.split("; filename*=UTF-8''")
            assert fallback.startswith('inline; filename="invoice-') and fallback.isascii()
            assert unquote(encoded) == f"invoice-{number}.pdf"

    async def test_a_quote_in_the_number_cannot_add_a_parameter(self, api: TenantApi) -> None:
        template = 'A";filename="evil.html";x="{seq}'
        expect(await api.patch("/v1/account", {"invoice_number_template": template}), 200)
        invoice = await api.open_invoice(collection_method="send_invoice")
        header = (await _pdf(api, invoice)).headers["content-disposition"]
        assert header == (
            'inline; filename="invoice-A__filename__evil.html__x__1.pdf"; '
            "filename*=UTF-8''invoice-A%22%3Bfilename%3D%22evil.html%22%3Bx%3D%221.pdf"
        )

    async def test_a_plain_number_keeps_a_plain_header(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(collection_method="send_invoice")
        header = (await _pdf(api, invoice)).headers["content-disposition"]
        assert header == f'inline; filename="invoice-{invoice["number"].strip("#")}.pdf"'


class TestCache:
    async def test_renaming_the_account_renders_the_new_name(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(collection_method="send_invoice")
        assert "Test Co" in _text_of((await _pdf(api, invoice)).content)
        expect(await api.patch("/v1/account", {"name": "Renamed Trading Ltd"}), 200)
        text = _text_of((await _pdf(api, invoice)).content)
        assert "Renamed Trading Ltd" in text and "Test Co" not in text

    async def test_a_new_seller_address_renders_anew(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(collection_method="send_invoice")
        before = (await _pdf(api, invoice)).content
        assert (await _pdf(api, invoice)).content == before  # nothing changed: the same copy
        address = {"line1": "9 Quay Street", "city": "Galway", "country": "IE"}
        expect(await api.patch("/v1/account", {"address": address}), 200)
        assert "9 Quay Street" in _text_of((await _pdf(api, invoice)).content)
