"""Invoice timers (SPEC §3.4): past due, expiry and automatic finalization fire once each,
however many workers run them."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from remit.runtime import Runtime
from remit.worker.timers import run_timers
from tests.support import TenantApi, event_types, expect, read_invoice

PAST = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()
FUTURE = (datetime.now(UTC) + timedelta(days=5)).isoformat()


class TestPastDue:
    async def test_an_open_invoice_past_its_due_date_becomes_past_due_once(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        overdue = await api.open_invoice(due_at=PAST)
        not_yet = await api.open_invoice(due_at=FUTURE)
        await run_timers(runtime)
        await run_timers(runtime)
        assert (await read_invoice(api, overdue["id"]))["status"] == "past_due"
        assert (await read_invoice(api, not_yet["id"]))["status"] == "open"
        assert (await event_types(api, overdue["id"])).count("invoice.past_due") == 1

    async def test_a_past_due_invoice_can_still_be_paid(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        overdue = await api.open_invoice(due_at=PAST)
        await run_timers(runtime)
        body = {"method": "bank_transfer"}
        expect(await api.post(f"/v1/invoices/{overdue['id']}/settlements", body), 201)
        assert (await read_invoice(api, overdue["id"]))["status"] == "paid"

    async def test_paid_and_draft_invoices_are_left_alone(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        paid = await api.open_invoice(due_at=PAST, lines=[{"unit_amount": "0"}])
        draft = await api.invoice(due_at=PAST)
        await run_timers(runtime)
        assert (await read_invoice(api, paid["id"]))["status"] == "paid"
        assert (await read_invoice(api, draft["id"]))["status"] == "draft"


class TestExpiry:
    async def test_an_invoice_past_expires_at_expires(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        invoice = await api.open_invoice(expires_at=PAST, due_at=PAST)
        await run_timers(runtime)
        after = await read_invoice(api, invoice["id"])
        assert after["status"] == "expired"
        types = await event_types(api, invoice["id"])
        assert types.count("invoice.expired") == 1 and "invoice.past_due" not in types
        response = await api.post(f"/v1/invoices/{invoice['id']}/settlements", {"method": "cash"})
        assert expect(response, 409)["code"] == "invoice_not_open"


class TestAutoFinalize:
    async def test_a_draft_is_finalized_at_its_time(self, api: TenantApi, runtime: Runtime) -> None:
        draft = await api.invoice(auto_finalize_at=PAST)
        later = await api.invoice(auto_finalize_at=FUTURE)
        await run_timers(runtime)
        finalized = await read_invoice(api, draft["id"])
        assert finalized["status"] == "open" and finalized["number"] == "#0001"
        assert (await read_invoice(api, later["id"]))["status"] == "draft"
        assert (await event_types(api, draft["id"])).count("invoice.finalized") == 1

    async def test_a_draft_that_cannot_be_finalized_is_left_with_an_event(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        draft = await api.invoice(auto_finalize_at=PAST, lines=[{"unit_amount": "-1.00"}])
        await run_timers(runtime)
        await run_timers(runtime)
        after = await read_invoice(api, draft["id"])
        assert after["status"] == "draft" and after["auto_finalize_at"] is None
        types = await event_types(api, draft["id"])
        assert types.count("invoice.finalization_failed") == 1
        assert expect(await api.get("/v1/account"), 200)["invoice_number_next"] == 1


class TestConcurrentWorkers:
    async def test_racing_timer_runs_fire_each_timer_once(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        invoices = [await api.open_invoice(due_at=PAST) for _ in range(6)]
        await asyncio.gather(*(run_timers(runtime) for _ in range(4)))
        for invoice in invoices:
            assert (await event_types(api, invoice["id"])).count("invoice.past_due") == 1

    async def test_a_running_worker_fires_timers_by_itself(
        self,
        api: TenantApi,
        worker,
        runtime: Runtime,  # type: ignore[no-untyped-def]
    ) -> None:
        invoice = await api.open_invoice(due_at=PAST)
        for _ in range(50):
            if (await read_invoice(api, invoice["id"]))["status"] == "past_due":
                break
            await asyncio.sleep(0.1)
        assert (await read_invoice(api, invoice["id"]))["status"] == "past_due"
