"""Events: every change writes its event in the same transaction (SPEC §2, §7; the outbox).

Each mutation adds exactly the events it should, once each, and the event carries the object
as the API returned it at that moment; a request that fails adds none, even when it had
already written some before failing; `type` and `related_object` filter the list; another
account's events do not exist.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from remit.api_keys.service import key_id_of
from tests.api.resources import list_all, problem
from tests.support import TenantApi, expect

HASH = "0x" + "ab" * 32


class Recorder:
    """Tells which events a request added to an account (oldest first)."""

    def __init__(self, api: TenantApi) -> None:
        self.api = api
        self.seen: set[str] = set()

    async def start(self) -> Recorder:
        self.seen = {event["id"] for event in await list_all(self.api, "/v1/events")}
        return self

    async def added(self) -> list[dict[str, Any]]:
        events = await list_all(self.api, "/v1/events")
        new = [event for event in reversed(events) if event["id"] not in self.seen]
        self.seen |= {event["id"] for event in new}
        return new

    async def expect_added(self, *types: str) -> list[dict[str, Any]]:
        """The events added since the last look: exactly `types`, in this order."""
        new = await self.added()
        assert [event["type"] for event in new] == list(types), new
        return new

    async def expect_none(self) -> None:
        assert await self.added() == []


@pytest.fixture
async def recorder(api: TenantApi) -> Recorder:
    return await Recorder(api).start()


def written_by(event: dict[str, Any], response: httpx.Response, api: TenantApi) -> None:
    """The envelope of an event written by `response`'s request, made with `api`'s key."""
    assert event["object"] == "event"
    assert event["id"].startswith("evt_")
    assert event["created_at"].endswith("Z")
    data = event["data"]["object"]
    assert event["related_object"] == {"id": data["id"], "type": data["object"]}
    assert event["actor"] == key_id_of(api.key)
    assert event["request_id"] == response.headers["x-request-id"]


async def mutate(response_awaitable: Any, status: int) -> tuple[httpx.Response, Any]:
    response = await response_awaitable
    return response, expect(response, status)


async def product(api: TenantApi) -> dict[str, Any]:
    return expect(await api.post("/v1/products", {"name": "Widget"}), 201)


async def plan(api: TenantApi) -> dict[str, Any]:
    body = {"product": (await product(api))["id"], "amount": "20.00", "interval": "month"}
    return expect(await api.post("/v1/plans", body), 201)


def settlements_of(invoice: dict[str, Any]) -> str:
    return f"/v1/invoices/{invoice['id']}/settlements"


class TestCustomerEvents:
    async def test_create_writes_customer_created(self, api: TenantApi, recorder: Recorder) -> None:
        response, customer = await mutate(
            api.post("/v1/customers", {"email": "ada@example.com", "name": "Ada"}), 201
        )
        (event,) = await recorder.expect_added("customer.created")
        assert event["data"]["object"] == customer
        written_by(event, response, api)

    async def test_update_writes_customer_updated(self, api: TenantApi) -> None:
        customer = await api.customer()
        recorder = await Recorder(api).start()
        response, updated = await mutate(
            api.patch(f"/v1/customers/{customer['id']}", {"name": "Renamed"}), 200
        )
        (event,) = await recorder.expect_added("customer.updated")
        assert event["data"]["object"] == updated
        assert updated["name"] == "Renamed"
        written_by(event, response, api)

    async def test_delete_writes_customer_deleted(self, api: TenantApi) -> None:
        customer = await api.customer(handle="ada")
        recorder = await Recorder(api).start()
        response = await api.delete(f"/v1/customers/{customer['id']}")
        assert response.status_code in (200, 204), response.text
        (event,) = await recorder.expect_added("customer.deleted")
        data = event["data"]["object"]
        # The customer as it was when deleted: only the change stamp moved.
        assert {**data, "updated_at": None} == {**customer, "updated_at": None}
        assert data["updated_at"] >= customer["updated_at"]
        written_by(event, response, api)

    async def test_earlier_event_keeps_the_object_as_it_was(self, api: TenantApi) -> None:
        customer = await api.customer(name="Before")
        expect(await api.patch(f"/v1/customers/{customer['id']}", {"name": "After"}), 200)
        events = await list_all(api, "/v1/events", related_object=customer["id"])
        assert [event["type"] for event in events] == ["customer.updated", "customer.created"]
        assert events[1]["data"]["object"] == customer
        assert events[0]["data"]["object"]["name"] == "After"


class TestCatalogEvents:
    async def test_product_create_writes_product_created(
        self, api: TenantApi, recorder: Recorder
    ) -> None:
        response, created = await mutate(api.post("/v1/products", {"name": "Widget"}), 201)
        (event,) = await recorder.expect_added("product.created")
        assert event["data"]["object"] == created
        written_by(event, response, api)

    async def test_plan_create_writes_plan_created(self, api: TenantApi) -> None:
        made = await product(api)
        recorder = await Recorder(api).start()
        body = {"product": made["id"], "amount": "9.99", "interval": "year"}
        response, created = await mutate(api.post("/v1/plans", body), 201)
        (event,) = await recorder.expect_added("plan.created")
        assert event["data"]["object"] == created
        written_by(event, response, api)

    async def test_subscription_create_writes_subscription_created(self, api: TenantApi) -> None:
        customer, priced = await api.customer(), await plan(api)
        recorder = await Recorder(api).start()
        body = {"customer": customer["id"], "plan": priced["id"]}
        response, created = await mutate(api.post("/v1/subscriptions", body), 201)
        (event,) = await recorder.expect_added("subscription.created")
        assert event["data"]["object"] == created
        written_by(event, response, api)


class TestInvoiceEvents:
    async def test_create_draft_writes_invoice_created(self, api: TenantApi) -> None:
        customer = await api.customer()
        recorder = await Recorder(api).start()
        body = {"customer": customer["id"], "lines": [{"unit_amount": "10.00"}]}
        response, created = await mutate(api.post("/v1/invoices", body), 201)
        (event,) = await recorder.expect_added("invoice.created")
        assert event["data"]["object"] == created
        written_by(event, response, api)

    async def test_create_with_an_inline_customer_writes_both(
        self, api: TenantApi, recorder: Recorder
    ) -> None:
        body = {"customer": {"email": "new@example.com", "name": "New"}, "lines": []}
        _, created = await mutate(api.post("/v1/invoices", body), 201)
        customer_event, invoice_event = await recorder.expect_added(
            "customer.created", "invoice.created"
        )
        assert invoice_event["data"]["object"] == created
        customer = expect(await api.get(f"/v1/customers/{created['customer']}"), 200)
        assert customer_event["data"]["object"] == customer

    async def test_create_as_open_writes_created_then_finalized(self, api: TenantApi) -> None:
        customer = await api.customer()
        recorder = await Recorder(api).start()
        body = {"customer": customer["id"], "status": "open", "lines": [{"unit_amount": "5"}]}
        response, created = await mutate(api.post("/v1/invoices", body), 201)
        draft, finalized = await recorder.expect_added("invoice.created", "invoice.finalized")
        assert finalized["data"]["object"] == created
        # The created event shows the draft it was a moment before finalization.
        assert draft["data"]["object"]["id"] == created["id"]
        assert draft["data"]["object"]["status"] == "draft"
        assert draft["data"]["object"]["number"] is None
        written_by(finalized, response, api)

    async def test_update_writes_invoice_updated(self, api: TenantApi) -> None:
        invoice = await api.invoice()
        recorder = await Recorder(api).start()
        body = {"description": "Changed", "lines": [{"unit_amount": "7.00"}]}
        response, updated = await mutate(api.patch(f"/v1/invoices/{invoice['id']}", body), 200)
        (event,) = await recorder.expect_added("invoice.updated")
        assert event["data"]["object"] == updated
        assert updated["total"] == "7.00"
        written_by(event, response, api)

    async def test_metadata_update_of_an_open_invoice_writes_invoice_updated(
        self, api: TenantApi
    ) -> None:
        invoice = await api.open_invoice()
        recorder = await Recorder(api).start()
        body = {"metadata": {"order": "42"}}
        response, updated = await mutate(api.patch(f"/v1/invoices/{invoice['id']}", body), 200)
        (event,) = await recorder.expect_added("invoice.updated")
        assert event["data"]["object"] == updated
        written_by(event, response, api)

    async def test_finalize_writes_invoice_finalized(self, api: TenantApi) -> None:
        invoice = await api.invoice()
        recorder = await Recorder(api).start()
        response, finalized = await mutate(api.post(f"/v1/invoices/{invoice['id']}/finalize"), 200)
        (event,) = await recorder.expect_added("invoice.finalized")
        assert event["data"]["object"] == finalized
        assert finalized["status"] == "open" and finalized["number"]
        written_by(event, response, api)

    async def test_finalizing_a_zero_invoice_writes_finalized_then_paid(
        self, api: TenantApi
    ) -> None:
        invoice = await api.invoice(lines=[{"unit_amount": "0"}])
        recorder = await Recorder(api).start()
        _, paid = await mutate(api.post(f"/v1/invoices/{invoice['id']}/finalize"), 200)
        finalized, paid_event = await recorder.expect_added("invoice.finalized", "invoice.paid")
        assert paid_event["data"]["object"] == paid
        assert paid["status"] == "paid"
        assert finalized["data"]["object"]["status"] == "open"
        assert finalized["data"]["object"]["number"] == paid["number"]

    async def test_void_writes_invoice_voided(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        recorder = await Recorder(api).start()
        response, voided = await mutate(api.post(f"/v1/invoices/{invoice['id']}/void"), 200)
        (event,) = await recorder.expect_added("invoice.voided")
        assert event["data"]["object"] == voided
        assert voided["status"] == "void"
        written_by(event, response, api)

    async def test_mark_uncollectible_writes_invoice_marked_uncollectible(
        self, api: TenantApi
    ) -> None:
        invoice = await api.open_invoice()
        recorder = await Recorder(api).start()
        response, marked = await mutate(
            api.post(f"/v1/invoices/{invoice['id']}/mark_uncollectible"), 200
        )
        (event,) = await recorder.expect_added("invoice.marked_uncollectible")
        assert event["data"]["object"] == marked
        assert marked["status"] == "uncollectible"
        written_by(event, response, api)

    async def test_voiding_an_uncollectible_invoice_writes_invoice_voided(
        self, api: TenantApi
    ) -> None:
        invoice = await api.open_invoice()
        expect(await api.post(f"/v1/invoices/{invoice['id']}/mark_uncollectible"), 200)
        recorder = await Recorder(api).start()
        _, voided = await mutate(api.post(f"/v1/invoices/{invoice['id']}/void"), 200)
        (event,) = await recorder.expect_added("invoice.voided")
        assert event["data"]["object"] == voided

    async def test_delete_writes_invoice_deleted(self, api: TenantApi) -> None:
        invoice = await api.invoice()
        recorder = await Recorder(api).start()
        response = await api.delete(f"/v1/invoices/{invoice['id']}")
        assert response.status_code in (200, 204), response.text
        (event,) = await recorder.expect_added("invoice.deleted")
        assert event["data"]["object"] == invoice
        written_by(event, response, api)


class TestSettlementEvents:
    async def test_pending_settlement_writes_settlement_created(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        recorder = await Recorder(api).start()
        body = {"amount": "40.00", "method": "bank_transfer", "status": "pending"}
        response, created = await mutate(api.post(settlements_of(invoice), body), 201)
        (event,) = await recorder.expect_added("settlement.created")
        assert event["data"]["object"] == created
        written_by(event, response, api)
        assert expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200) == invoice

    async def test_confirmed_partial_settlement_updates_the_invoice(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        recorder = await Recorder(api).start()
        body = {"amount": "40.00", "method": "cash"}
        response, created = await mutate(api.post(settlements_of(invoice), body), 201)
        _, confirmed, updated = await recorder.expect_added(
            "settlement.created", "settlement.confirmed", "invoice.updated"
        )
        assert confirmed["data"]["object"] == created
        now = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert updated["data"]["object"] == now
        assert now["amount_paid"] == "40.00" and now["status"] == "open"
        for event in (confirmed, updated):
            written_by(event, response, api)

    async def test_confirmed_full_settlement_pays_the_invoice(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        recorder = await Recorder(api).start()
        body = {"method": "crypto", "reference": HASH}
        _, created = await mutate(api.post(settlements_of(invoice), body), 201)
        _, confirmed, paid = await recorder.expect_added(
            "settlement.created", "settlement.confirmed", "invoice.paid"
        )
        assert confirmed["data"]["object"] == created
        now = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert paid["data"]["object"] == now
        assert now["status"] == "paid"

    async def test_created_event_of_a_confirmed_settlement_is_consistent(
        self, api: TenantApi
    ) -> None:
        # Whatever the created event shows must be a state the settlement was in: a
        # confirmed settlement always has its confirmation time.
        invoice = await api.open_invoice()
        recorder = await Recorder(api).start()
        expect(await api.post(settlements_of(invoice), {"method": "cash"}), 201)
        created = (await recorder.added())[0]
        assert created["type"] == "settlement.created"
        data = created["data"]["object"]
        assert data["status"] == "pending" or data["confirmed_at"] is not None, data

    async def test_confirm_writes_settlement_confirmed(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        body = {"amount": "100.00", "method": "bank_transfer", "status": "pending"}
        pending = expect(await api.post(settlements_of(invoice), body), 201)
        recorder = await Recorder(api).start()
        response, confirmed = await mutate(
            api.post(f"/v1/settlements/{pending['id']}/confirm"), 200
        )
        settlement_event, paid = await recorder.expect_added("settlement.confirmed", "invoice.paid")
        assert settlement_event["data"]["object"] == confirmed
        assert confirmed["status"] == "confirmed"
        assert paid["data"]["object"] == expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        written_by(settlement_event, response, api)

    async def test_fail_writes_settlement_failed(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        body = {"amount": "100.00", "method": "card", "status": "pending"}
        pending = expect(await api.post(settlements_of(invoice), body), 201)
        recorder = await Recorder(api).start()
        response, failed = await mutate(api.post(f"/v1/settlements/{pending['id']}/fail"), 200)
        (event,) = await recorder.expect_added("settlement.failed")
        assert event["data"]["object"] == failed
        assert failed["status"] == "failed"
        written_by(event, response, api)
        assert expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200) == invoice


class TestAccountEvents:
    async def test_update_writes_account_updated(self, api: TenantApi, recorder: Recorder) -> None:
        body = {"name": "Renamed Co", "invoice_number_template": "INV-{seq:05}"}
        response, updated = await mutate(api.patch("/v1/account", body), 200)
        (event,) = await recorder.expect_added("account.updated")
        assert event["data"]["object"] == updated
        assert event["related_object"] == {"id": api.account_id, "type": "account"}
        written_by(event, response, api)


class TestFailedRequestsWriteNoEvent:
    async def assert_refused(
        self, api: TenantApi, request: Any, status: int, code: str, *watched: str
    ) -> None:
        """`request` fails with `status`/`code`, adds no event and changes no watched object."""
        before = [expect(await api.get(path), 200) for path in watched]
        recorder = await Recorder(api).start()
        problem(await request, status, code)
        await recorder.expect_none()
        assert [expect(await api.get(path), 200) for path in watched] == before

    @pytest.mark.parametrize(
        ("action", "code"),
        [("void", "invoice_not_open"), ("mark_uncollectible", "invoice_not_open")],
    )
    async def test_illegal_transition_of_a_draft(
        self, api: TenantApi, action: str, code: str
    ) -> None:
        invoice = await api.invoice()
        path = f"/v1/invoices/{invoice['id']}"
        await self.assert_refused(api, api.post(f"{path}/{action}"), 409, code, path)

    @pytest.mark.parametrize(
        ("method", "suffix", "body"),
        [
            ("post", "/finalize", None),
            ("delete", "", None),
            ("patch", "", {"lines": [{"unit_amount": "1.00"}]}),
            ("patch", "", {"description": "Changed"}),
        ],
    )
    async def test_draft_only_changes_to_an_open_invoice(
        self, api: TenantApi, method: str, suffix: str, body: Any
    ) -> None:
        invoice = await api.open_invoice()
        path = f"/v1/invoices/{invoice['id']}"
        call = api.delete(path) if method == "delete" else getattr(api, method)(path + suffix, body)
        await self.assert_refused(api, call, 409, "invoice_not_draft", path)

    @pytest.mark.parametrize("action", ["void", "mark_uncollectible", "finalize"])
    async def test_transition_of_a_void_invoice(self, api: TenantApi, action: str) -> None:
        invoice = await api.open_invoice()
        path = f"/v1/invoices/{invoice['id']}"
        expect(await api.post(f"{path}/void"), 200)
        response = api.post(f"{path}/{action}")
        code = "invoice_not_draft" if action == "finalize" else "invoice_not_open"
        await self.assert_refused(api, response, 409, code, path)

    async def test_settlement_on_a_void_invoice(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        path = f"/v1/invoices/{invoice['id']}"
        expect(await api.post(f"{path}/void"), 200)
        request = api.post(f"{path}/settlements", {"method": "cash"})
        await self.assert_refused(
            api, request, 409, "invoice_not_open", path, f"{path}/settlements"
        )

    async def test_confirming_a_confirmed_settlement(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        body = {"amount": "10.00", "method": "cash"}
        settlement = expect(await api.post(settlements_of(invoice), body), 201)
        path = f"/v1/settlements/{settlement['id']}"
        for action in ("confirm", "fail"):
            await self.assert_refused(
                api,
                api.post(f"{path}/{action}"),
                409,
                "settlement_not_pending",
                path,
                f"/v1/invoices/{invoice['id']}",
            )

    async def test_overpayment(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        request = api.post(settlements_of(invoice), {"amount": "100.01", "method": "cash"})
        path = f"/v1/invoices/{invoice['id']}"
        await self.assert_refused(api, request, 422, "overpayment", path, settlements_of(invoice))

    async def test_validation_error(self, api: TenantApi) -> None:
        customer = await api.customer()
        path = f"/v1/customers/{customer['id']}"
        await self.assert_refused(
            api, api.post("/v1/customers", {"email": "nope"}), 400, "validation_error"
        )
        await self.assert_refused(
            api, api.patch(path, {"email": "nope", "name": "X"}), 400, "validation_error", path
        )

    async def test_duplicate_handle(self, api: TenantApi) -> None:
        await api.customer(handle="taken")
        request = api.post("/v1/customers", {"handle": "taken"})
        await self.assert_refused(api, request, 409, "duplicate_handle", "/v1/customers")

    async def test_unknown_object(self, api: TenantApi) -> None:
        missing = "cus_" + "0" * 26
        request = api.patch(f"/v1/customers/{missing}", {"name": "X"})
        await self.assert_refused(api, request, 404, "resource_missing")

    async def test_rejected_account_update_changes_nothing(self, api: TenantApi) -> None:
        expect(await api.patch("/v1/account", {"invoice_number_next": 10}), 200)
        request = api.patch("/v1/account", {"name": "Renamed", "invoice_number_next": 5})
        await self.assert_refused(api, request, 422, "invoice_number_next_too_low", "/v1/account")

    async def test_failure_after_events_were_written_rolls_them_back(self, api: TenantApi) -> None:
        # The inline customer and the draft are written (with their events) before the
        # finalization refuses the negative total: the whole transaction must go.
        body = {
            "customer": {"email": "rollback@example.com", "name": "Rollback"},
            "status": "open",
            "lines": [{"unit_amount": "-10.00"}],
        }
        request = api.post("/v1/invoices", body)
        await self.assert_refused(
            api, request, 422, "invalid_invoice", "/v1/customers", "/v1/invoices"
        )

    async def test_missing_plan_after_an_inline_customer_rolls_it_back(
        self, api: TenantApi
    ) -> None:
        body = {"customer": {"email": "late@example.com"}, "plan": "plan_" + "0" * 26}
        request = api.post("/v1/invoices", body)
        await self.assert_refused(api, request, 404, "resource_missing", "/v1/customers")


class TestFilters:
    async def test_type_filter(self, api: TenantApi) -> None:
        first, second = await api.customer(), await api.customer()
        await product(api)
        expect(await api.patch(f"/v1/customers/{first['id']}", {"name": "X"}), 200)
        found = await list_all(api, "/v1/events", type="customer.created")
        assert [event["type"] for event in found] == ["customer.created"] * 2
        assert [e["related_object"]["id"] for e in found] == [second["id"], first["id"]]
        products = await list_all(api, "/v1/events", type="product.created")
        assert [event["type"] for event in products] == ["product.created"]

    async def test_related_object_filter(self, api: TenantApi) -> None:
        first, second = await api.customer(), await api.customer()
        expect(await api.patch(f"/v1/customers/{first['id']}", {"name": "X"}), 200)
        found = await list_all(api, "/v1/events", related_object=first["id"])
        assert [event["type"] for event in found] == ["customer.updated", "customer.created"]
        assert {event["related_object"]["id"] for event in found} == {first["id"]}
        others = await list_all(api, "/v1/events", related_object=second["id"])
        assert [event["type"] for event in others] == ["customer.created"]

    async def test_filters_combine(self, api: TenantApi) -> None:
        invoice = await api.invoice()
        expect(await api.post(f"/v1/invoices/{invoice['id']}/finalize"), 200)
        expect(await api.post(f"/v1/invoices/{invoice['id']}/void"), 200)
        found = await list_all(
            api, "/v1/events", type="invoice.finalized", related_object=invoice["id"]
        )
        assert [event["type"] for event in found] == ["invoice.finalized"]
        assert found[0]["data"]["object"]["status"] == "open"

    async def test_filter_matching_nothing_is_an_empty_list(self, api: TenantApi) -> None:
        await api.customer()
        for params in (
            {"type": "customer.exploded"},
            {"related_object": "cus_" + "0" * 26},
            {"type": "customer.created", "related_object": "cus_" + "0" * 26},
        ):
            page = expect(await api.get("/v1/events", params=params), 200)
            assert page == {"object": "list", "data": [], "has_more": False, "next_cursor": None}

    async def test_filtered_list_pages(self, api: TenantApi) -> None:
        customers = [await api.customer() for _ in range(3)]
        await product(api)
        params: dict[str, Any] = {"type": "customer.created", "limit": 2}
        first = expect(await api.get("/v1/events", params=params), 200)
        assert first["has_more"] is True
        rest = expect(
            await api.get("/v1/events", params={**params, "starting_after": first["next_cursor"]}),
            200,
        )
        assert rest["has_more"] is False
        related = [e["related_object"]["id"] for e in first["data"] + rest["data"]]
        assert related == [customer["id"] for customer in reversed(customers)]


class TestRequestContext:
    async def test_callers_request_id_is_recorded(self, api: TenantApi) -> None:
        headers = {"X-Request-Id": "order-7-attempt-1"}
        response = await api.post("/v1/products", {"name": "Widget"}, headers=headers)
        created = expect(response, 201)
        (event,) = await list_all(api, "/v1/events", related_object=created["id"])
        assert event["request_id"] == "order-7-attempt-1"

    async def test_actor_is_the_calling_key(self, api: TenantApi) -> None:
        restricted = await api.with_scopes("products:write")
        created = expect(await restricted.post("/v1/products", {"name": "Widget"}), 201)
        (event,) = await list_all(api, "/v1/events", related_object=created["id"])
        secret = restricted.headers["Authorization"].removeprefix("Bearer ")
        assert event["actor"] == key_id_of(secret)
        assert event["actor"] != key_id_of(api.key)


class TestOtherAccounts:
    async def test_another_accounts_event_is_missing(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        customer = await api.customer()
        (event,) = await list_all(api, "/v1/events", related_object=customer["id"])
        assert expect(await api.get(f"/v1/events/{event['id']}"), 200) == event
        problem(await other_api.get(f"/v1/events/{event['id']}"), 404, "resource_missing")

    async def test_another_accounts_events_are_not_listed(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        customer = await api.customer()
        theirs = await other_api.customer()
        mine = await list_all(api, "/v1/events")
        assert [event["related_object"]["id"] for event in mine] == [customer["id"]]
        their_events = await list_all(other_api, "/v1/events")
        assert [event["related_object"]["id"] for event in their_events] == [theirs["id"]]
        assert await list_all(other_api, "/v1/events", related_object=customer["id"]) == []

    async def test_cursor_from_another_account_reveals_nothing(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        await api.customer()
        theirs = await other_api.customer()
        (their_event,) = await list_all(other_api, "/v1/events")
        later = expect(await other_api.get("/v1/events"), 200)
        assert later["data"][0]["related_object"]["id"] == theirs["id"]
        for name in ("starting_after", "ending_before"):
            page = expect(await api.get("/v1/events", params={name: their_event["id"]}), 200)
            assert all(e["id"] != their_event["id"] for e in page["data"])
            assert all(e["related_object"]["id"] != theirs["id"] for e in page["data"])
