"""`/v1/webhook_endpoints`: what can be configured, and what is refused."""

from __future__ import annotations

from dataclasses import replace

import httpx
import pytest

from remit.app import create_app
from remit.runtime import Runtime
from tests.support import Api, TenantApi, expect, params, problem
from tests.webhooks.conftest import EMBEDDED_INTERNAL, add_endpoint


class TestCreate:
    async def test_defaults_and_secret(self, api: TenantApi) -> None:
        created = await add_endpoint(api, "https://hooks.example.com/remit")
        assert created["events"] == ["*"] and created["format"] == "standard"
        assert created["enabled"] is True and created["disabled_reason"] is None
        assert created["id"].startswith("we_")
        assert created["secret"].startswith("whsec_") and len(created["secret"]) > 40

    async def test_event_filter_is_kept_sorted_and_unique(self, api: TenantApi) -> None:
        created = await add_endpoint(
            api, "https://hooks.example.com/x", ["invoice.paid", "invoice.created", "invoice.paid"]
        )
        assert created["events"] == ["invoice.created", "invoice.paid"]

    @pytest.mark.parametrize(
        ("body", "param"),
        [
            ({"url": "ftp://example.com/x"}, "url"),
            ({"url": "https://user:pw@example.com/x"}, "url"),
            ({"url": "https://example.com/x", "events": []}, "events"),
            ({"url": "https://example.com/x", "events": ["Invoice Paid"]}, "events[0]"),
            ({"url": "https://example.com/x", "format": "rapyd-ish"}, "format"),
            ({"events": ["*"]}, "url"),
        ],
    )
    async def test_bad_bodies_are_refused_by_field(
        self, api: TenantApi, body: dict, param: str
    ) -> None:
        response = await api.post("/v1/webhook_endpoints", body)
        assert response.status_code in (400, 422), response.text
        assert param in params(response.json())
        listed = expect(await api.get("/v1/webhook_endpoints"), 200)
        assert listed["data"] == []


class TestUpdateAndDelete:
    async def test_disable_and_enable(self, api: TenantApi) -> None:
        endpoint = await add_endpoint(api, "https://example.com/hook")
        path = f"/v1/webhook_endpoints/{endpoint['id']}"
        disabled = expect(await api.patch(path, {"enabled": False}), 200)
        assert disabled["enabled"] is False and disabled["disabled_reason"]
        enabled = expect(
            await api.patch(path, {"enabled": True, "events": ["customer.created"]}), 200
        )
        assert enabled["enabled"] is True and enabled["disabled_reason"] is None
        assert enabled["events"] == ["customer.created"]

    async def test_deleted_endpoint_is_gone(self, api: TenantApi) -> None:
        endpoint = await add_endpoint(api, "https://example.com/hook")
        path = f"/v1/webhook_endpoints/{endpoint['id']}"
        expect(await api.delete(path), 204)
        problem(await api.get(path), 404, "resource_missing")
        problem(await api.get(f"{path}/deliveries"), 404, "resource_missing")

    async def test_changes_are_events_without_the_secret(self, api: TenantApi) -> None:
        endpoint = await add_endpoint(api, "https://example.com/hook")
        expect(
            await api.patch(f"/v1/webhook_endpoints/{endpoint['id']}", {"description": "d"}), 200
        )
        listed = expect(await api.get("/v1/events", params={"related_object": endpoint["id"]}), 200)
        assert [e["type"] for e in listed["data"]] == [
            "webhook_endpoint.updated",
            "webhook_endpoint.created",
        ]
        assert all("secret" not in e["data"]["object"] for e in listed["data"])


class TestUrlGuard:
    """With private addresses not allowed (the default), they are refused by name."""

    @pytest.fixture
    async def strict_api(self, api: TenantApi, runtime: Runtime) -> Api:
        settings = replace(runtime.settings, webhook_allow_private=False)
        strict = replace(runtime, settings=settings)
        transport = httpx.ASGITransport(app=create_app(strict))
        client = httpx.AsyncClient(transport=transport, base_url="http://remit.test")
        yield Api(client, api.headers)
        await client.aclose()

    @pytest.mark.parametrize(
        "url",
        [
            "http://127.0.0.1:8080/hook",
            "http://localhost/hook",
            "http://10.1.2.3/hook",
            "http://192.168.0.10/hook",
            "http://172.16.5.5/hook",
            "http://169.254.169.254/latest/meta-data",
            "http://[::1]/hook",
            "http://[fe80::1]/hook",
            "http://224.0.0.1/hook",
            "http://0.0.0.0/hook",
            "http://[::ffff:127.0.0.1]/hook",
        ],
    )
    async def test_internal_addresses_are_refused(self, strict_api: Api, url: str) -> None:
        body = problem(
            await strict_api.post("/v1/webhook_endpoints", {"url": url}),
            422,
            "webhook_url_not_allowed",
        )
        assert params(body) == {"url"}

    @pytest.mark.parametrize("address", EMBEDDED_INTERNAL.values(), ids=EMBEDDED_INTERNAL.keys())
    async def test_ipv6_forms_of_internal_ipv4_addresses_are_refused(
        self, strict_api: Api, address: str
    ) -> None:
        url = f"http://[{address}]/hook"
        body = problem(
            await strict_api.post("/v1/webhook_endpoints", {"url": url}),
            422,
            "webhook_url_not_allowed",
        )
        assert params(body) == {"url"}

    @pytest.mark.parametrize(
        "host",
        ["93.184.215.14", "[::ffff:5db8:d70e]", "[64:ff9b::5db8:d70e]", "[2002:5db8:d70e::1]"],
    )
    async def test_a_public_address_is_accepted(self, strict_api: Api, host: str) -> None:
        created = await strict_api.post("/v1/webhook_endpoints", {"url": f"https://{host}/h"})
        assert created.status_code == 201, created.text

    async def test_changing_to_an_internal_address_is_refused(
        self, strict_api: Api, api: TenantApi
    ) -> None:
        endpoint = await add_endpoint(api, "https://93.184.215.14/h")
        path = f"/v1/webhook_endpoints/{endpoint['id']}"
        problem(
            await strict_api.patch(path, {"url": "http://10.0.0.1/"}),
            422,
            "webhook_url_not_allowed",
        )
        assert expect(await api.get(path), 200)["url"] == "https://93.184.215.14/h"
