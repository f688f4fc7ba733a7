"""`POST /v1/invoices/{id}/void`, `/mark_uncollectible` and `/reopen` (SPEC §3.1): the
legal moves, and the illegal ones — 409 with a clear code, and nothing changes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.support import TenantApi, event_types, expect, problem
from tests.support import read_invoice as read


async def act(api: TenantApi, invoice_id: str, action: str) -> httpx.Response:
    return await api.post(f"/v1/invoices/{invoice_id}/{action}")


# Invoices in each status, made through the API.
async def draft(api: TenantApi) -> dict[str, Any]:
    return await api.invoice()


async def open_(api: TenantApi) -> dict[str, Any]:
    return await api.open_invoice()


async def paid(api: TenantApi) -> dict[str, Any]:
    invoice = await api.open_invoice()
    expect(await api.post(f"/v1/invoices/{invoice['id']}/settlements", {"method": "cash"}), 201)
    return await read(api, invoice["id"])


async def void(api: TenantApi) -> dict[str, Any]:
    invoice = await api.open_invoice()
    return expect(await act(api, invoice["id"], "void"), 200)


async def uncollectible(api: TenantApi) -> dict[str, Any]:
    invoice = await api.open_invoice()
    return expect(await act(api, invoice["id"], "mark_uncollectible"), 200)


Maker = Callable[[TenantApi], Awaitable[dict[str, Any]]]


class TestVoid:
    async def test_open_invoice_is_voided(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        before = datetime.now(UTC) - timedelta(seconds=1)
        voided = expect(await act(api, invoice["id"], "void"), 200)
        assert voided["status"] == "void"
        assert before <= datetime.fromisoformat(voided["voided_at"]) <= datetime.now(UTC)
        assert (voided["number"], voided["total"]) == (invoice["number"], invoice["total"])
        assert await read(api, invoice["id"]) == voided

    async def test_writes_invoice_voided(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        expect(await act(api, invoice["id"], "void"), 200)
        listed = expect(
            await api.get(
                "/v1/events", params={"type": "invoice.voided", "related_object": invoice["id"]}
            ),
            200,
        )
        [event] = listed["data"]
        assert event["data"]["object"]["status"] == "void"

    async def test_uncollectible_invoice_can_still_be_voided(self, api: TenantApi) -> None:
        invoice = await uncollectible(api)
        voided = expect(await act(api, invoice["id"], "void"), 200)
        assert voided["status"] == "void"
        assert voided["marked_uncollectible_at"] == invoice["marked_uncollectible_at"]

    async def test_voided_number_is_not_reused(self, api: TenantApi) -> None:
        await void(api)
        assert (await api.open_invoice())["number"] == "#0002"

    @pytest.mark.parametrize("make", [draft, paid, void], ids=["draft", "paid", "void"])
    async def test_refused_409_and_nothing_changes(self, api: TenantApi, make: Maker) -> None:
        invoice = await make(api)
        events_before = await event_types(api, invoice["id"])
        body = problem(await act(api, invoice["id"], "void"), 409, "invoice_not_open")
        assert body["invoice_status"] == invoice["status"]
        assert await read(api, invoice["id"]) == invoice
        assert await event_types(api, invoice["id"]) == events_before

    async def test_another_accounts_invoice_is_404_and_stays_open(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        theirs = await other_api.open_invoice()
        problem(await act(api, theirs["id"], "void"), 404, "resource_missing")
        assert (await read(other_api, theirs["id"]))["status"] == "open"

    async def test_a_read_only_key_is_403(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        reader = await api.with_scopes("invoices:read")
        response = await reader.post(f"/v1/invoices/{invoice['id']}/void")
        problem(response, 403, "insufficient_scope")
        assert (await read(api, invoice["id"]))["status"] == "open"

    async def test_without_a_key_is_401(self, api: TenantApi, raw_api) -> None:
        invoice = await api.open_invoice()
        problem(await raw_api.post(f"/v1/invoices/{invoice['id']}/void"), 401, "unauthorized")
        assert (await read(api, invoice["id"]))["status"] == "open"


class TestMarkUncollectible:
    async def test_open_invoice_is_marked_uncollectible(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        marked = expect(await act(api, invoice["id"], "mark_uncollectible"), 200)
        assert marked["status"] == "uncollectible"
        assert marked["marked_uncollectible_at"] is not None
        assert marked["voided_at"] is None
        assert "invoice.marked_uncollectible" in await event_types(api, invoice["id"])

    @pytest.mark.parametrize(
        "make", [draft, paid, void, uncollectible], ids=["draft", "paid", "void", "uncollectible"]
    )
    async def test_refused_409_and_nothing_changes(self, api: TenantApi, make: Maker) -> None:
        invoice = await make(api)
        events_before = await event_types(api, invoice["id"])
        problem(await act(api, invoice["id"], "mark_uncollectible"), 409, "invoice_not_open")
        assert await read(api, invoice["id"]) == invoice
        assert await event_types(api, invoice["id"]) == events_before

    async def test_another_accounts_invoice_is_404(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        theirs = await other_api.open_invoice()
        problem(await act(api, theirs["id"], "mark_uncollectible"), 404, "resource_missing")
        assert (await read(other_api, theirs["id"]))["status"] == "open"


class TestReopen:
    async def test_an_uncollectible_invoice_is_open_again(self, api: TenantApi) -> None:
        invoice = await uncollectible(api)
        reopened = expect(await act(api, invoice["id"], "reopen"), 200)
        assert reopened["status"] == "open" and reopened["marked_uncollectible_at"] is None
        assert (await event_types(api, invoice["id"]))[0] == "invoice.reopened"
        settled = await api.post(f"/v1/invoices/{invoice['id']}/settlements", {"method": "cash"})
        expect(settled, 201)
        assert (await read(api, invoice["id"]))["status"] == "paid"

    @pytest.mark.parametrize(
        "make", [draft, open_, paid, void], ids=["draft", "open", "paid", "void"]
    )
    async def test_refused_409_and_nothing_changes(self, api: TenantApi, make: Maker) -> None:
        invoice = await make(api)
        events_before = await event_types(api, invoice["id"])
        problem(await act(api, invoice["id"], "reopen"), 409, "invoice_state_conflict")
        assert await read(api, invoice["id"]) == invoice
        assert await event_types(api, invoice["id"]) == events_before

    async def test_another_accounts_invoice_is_404(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        theirs = await uncollectible(other_api)
        problem(await act(api, theirs["id"], "reopen"), 404, "resource_missing")


class TestFinalStates:
    @pytest.mark.parametrize("make", [paid, void], ids=["paid", "void"])
    async def test_final_invoices_accept_no_transition(self, api: TenantApi, make: Maker) -> None:
        invoice = await make(api)
        for action in ("finalize", "void", "mark_uncollectible"):
            response = await act(api, invoice["id"], action)
            assert response.status_code == 409, (action, response.text)
        problem(await api.delete(f"/v1/invoices/{invoice['id']}"), 409, "invoice_not_draft")
        assert await read(api, invoice["id"]) == invoice

    async def test_unknown_action_is_404_or_405_not_500(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        response = await act(api, invoice["id"], "pay_twice")
        assert response.status_code in (404, 405)
        assert response.headers["content-type"].startswith("application/problem+json")
