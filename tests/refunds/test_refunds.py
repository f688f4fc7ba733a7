"""Refunds of settlements (SPEC §6): through the processor that charged them, two-phase like
charges, or recorded at once for settlements made by hand; never more than was paid."""

from __future__ import annotations

import pytest

from remit.runtime import Runtime
from tests.refunds.helpers import (
    card_settlement,
    cash_settlement,
    drain_refunds,
    read_settlement,
    refund,
    refunds_booked,
    refunds_of,
)
from tests.support import QueryCounter, TenantApi, event_types, expect, params, problem


class TestRefundThroughTheSimulator:
    async def test_a_full_refund_succeeds_and_is_counted_on_the_settlement(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        settlement = await card_settlement(api, runtime)
        refunded = expect(await refund(api, settlement, reason="requested_by_customer"), 201)
        assert refunded["object"] == "refund" and refunded["id"].startswith("re_")
        assert (refunded["status"], refunded["amount"], refunded["currency"]) == (
            "succeeded", "100.00", "USD",
        )  # fmt: skip
        assert refunded["processor"] == "simulator"
        assert refunded["processor_reference"].startswith("sim_re_")
        assert (refunded["settlement"], refunded["invoice"]) == (
            settlement["id"], settlement["invoice"],
        )  # fmt: skip
        assert refunded["reason"] == "requested_by_customer" and refunded["failure_code"] is None
        assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "100.00"
        assert await event_types(api, refunded["id"]) == ["refund.succeeded", "refund.created"]
        assert await refunds_booked(runtime, refunded["id"]) == 1
        assert expect(await api.get(f"/v1/refunds/{refunded['id']}"), 200) == refunded

    async def test_a_failed_refund_gives_the_amount_back_to_the_settlement(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        settlement = await card_settlement(api, runtime, "tok_refund_fails")
        failed = expect(await refund(api, settlement, amount="40.00"), 201)
        assert (failed["status"], failed["failure_code"]) == ("failed", "refund_failed")
        assert failed["failure_message"]
        assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "0.00"
        assert await event_types(api, failed["id"]) == ["refund.failed", "refund.created"]
        # Nothing was taken: the whole settlement may still be refunded (and fail again).
        again = expect(await refund(api, settlement), 201)
        assert (again["amount"], again["status"]) == ("100.00", "failed")

    async def test_a_pending_refund_is_counted_until_the_worker_resolves_it(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        settlement = await card_settlement(api, runtime, "tok_pending_succeeds")
        pending = expect(await refund(api, settlement, amount="60.00"), 201)
        assert pending["status"] == "pending" and pending["processor_reference"]
        assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "60.00"
        problem(await refund(api, settlement, amount="40.01"), 422, "refund_exceeds_settlement")
        await drain_refunds(runtime)  # answered pending: asked again by its reference at once
        resolved = expect(await api.get(f"/v1/refunds/{pending['id']}"), 200)
        assert resolved["status"] == "succeeded"
        assert resolved["processor_reference"] == pending["processor_reference"]
        assert await event_types(api, pending["id"]) == ["refund.succeeded", "refund.created"]
        assert await refunds_booked(runtime, pending["id"]) == 1


class TestPartialRefunds:
    async def test_partial_refunds_add_up_to_the_settlement_and_no_further(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        settlement = await card_settlement(api, runtime)
        first = expect(await refund(api, settlement, amount="30.00"), 201)
        second = expect(await refund(api, settlement, amount=50), 201)
        assert (first["amount"], second["amount"]) == ("30.00", "50.00")
        assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "80.00"
        over = problem(
            await refund(api, settlement, amount="20.01"), 422, "refund_exceeds_settlement"
        )
        assert params(over) == {"amount"} and "20.00" in over["detail"]
        rest = expect(await refund(api, settlement), 201)  # the default: what is left
        assert (rest["amount"], rest["status"]) == ("20.00", "succeeded")
        assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "100.00"
        nothing = problem(await refund(api, settlement), 422, "refund_exceeds_settlement")
        assert params(nothing) == {"amount"}
        listed = await refunds_of(api, settlement["id"])
        assert [r["id"] for r in listed] == [rest["id"], second["id"], first["id"]]

    async def test_a_refund_beyond_the_settlement_changes_nothing(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        settlement = await card_settlement(api, runtime)
        body = problem(
            await refund(api, settlement, amount="100.01"), 422, "refund_exceeds_settlement"
        )
        assert params(body) == {"amount"}
        assert await refunds_of(api, settlement["id"]) == []
        assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "0.00"
        assert (
            expect(await api.get("/v1/events", params={"type": "refund.created"}), 200)["data"]
            == []
        )


class TestManualSettlements:
    async def test_a_refund_of_a_settlement_made_by_hand_is_recorded_as_succeeded(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        settlement = await cash_settlement(api)
        refunded = expect(await refund(api, settlement, amount="25.00", reason="duplicate"), 201)
        assert (refunded["status"], refunded["processor"]) == ("succeeded", "manual")
        assert refunded["processor_reference"] is None
        assert await event_types(api, refunded["id"]) == ["refund.succeeded", "refund.created"]
        assert await refunds_booked(runtime, refunded["id"]) == 0  # no processor was asked
        assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "25.00"


class TestRefusals:
    @pytest.mark.parametrize("status", ["pending", "failed"])
    async def test_a_settlement_not_confirmed_cannot_be_refunded(
        self, api: TenantApi, status: str
    ) -> None:
        settlement = await cash_settlement(api, "10.00", status="pending")
        if status == "failed":
            expect(await api.post(f"/v1/settlements/{settlement['id']}/fail"), 200)
        body = problem(await refund(api, settlement), 409, "settlement_not_confirmed")
        assert body["settlement_status"] == status
        assert await refunds_of(api, settlement["id"]) == []
        assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "0.00"

    async def test_an_unknown_or_foreign_settlement_is_missing(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        theirs = await cash_settlement(other_api)
        for settlement_id in (theirs["id"], "stl_" + "0" * 26):
            body = problem(await refund(api, {"id": settlement_id}), 404, "resource_missing")
            assert params(body) == {"settlement"}
        assert (await read_settlement(other_api, theirs["id"]))["amount_refunded"] == "0.00"

    @pytest.mark.parametrize(
        ("fields", "param", "field_code"),
        [
            ({"amount": "-5"}, "amount", "out_of_range"),
            ({"amount": 0}, "amount", "out_of_range"),
            ({"amount": True}, "amount", "invalid_amount"),
            ({"amount": "ten"}, "amount", "invalid_amount"),
            ({"reason": "bored"}, "reason", None),
            ({"description": 5}, "description", None),
            ({"settlement": ""}, "settlement", None),
            ({"settlement": None}, "settlement", None),
        ],
    )
    async def test_bad_input_is_named(
        self, api: TenantApi, fields: dict[str, object], param: str, field_code: str | None
    ) -> None:
        settlement = await cash_settlement(api)
        sent = {"settlement": settlement["id"], **fields}
        body = problem(await api.post("/v1/refunds", sent), 400, "validation_error")
        assert param in params(body)
        if field_code is not None:
            assert [e["code"] for e in body["errors"] if e["param"] == param] == [field_code]
        assert await refunds_of(api, settlement["id"]) == []

    async def test_a_missing_settlement_is_named(self, api: TenantApi) -> None:
        body = problem(await api.post("/v1/refunds", {"amount": "1.00"}), 400, "validation_error")
        assert params(body) == {"settlement"}

    async def test_more_places_than_the_currency_has_is_refused(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        settlement = await card_settlement(api, runtime)
        body = problem(await refund(api, settlement, amount="1.001"), 422, "amount_too_precise")
        assert params(body) == {"amount"}
        assert await refunds_of(api, settlement["id"]) == []


class TestLists:
    async def test_refunds_are_listed_by_settlement_and_by_invoice(self, api: TenantApi) -> None:
        one, other = await cash_settlement(api), await cash_settlement(api)
        first = expect(await refund(api, one, amount="1.00"), 201)
        second = expect(await refund(api, other, amount="2.00"), 201)
        third = expect(await refund(api, one, amount="3.00"), 201)
        assert [r["id"] for r in await refunds_of(api, one["id"])] == [third["id"], first["id"]]
        by_invoice = expect(await api.get("/v1/refunds", params={"invoice": other["invoice"]}), 200)
        assert [r["id"] for r in by_invoice["data"]] == [second["id"]]
        everything = expect(await api.get("/v1/refunds"), 200)
        assert [r["id"] for r in everything["data"]] == [third["id"], second["id"], first["id"]]


class TestQueryBudgets:
    async def test_refunds_cost_a_fixed_number_of_statements(
        self, api: TenantApi, runtime: Runtime, queries: QueryCounter
    ) -> None:
        manual, card = await cash_settlement(api), await card_settlement(api, runtime)
        queries.reset()
        expect(await refund(api, manual, amount="1.00"), 201)
        # key; settlement, invoice (locked) and its lines, settlement (locked), subscribers,
        # refund, settlement update, 2 events; the refund read for the processor and answered
        assert queries.count <= 11, queries.statements
        queries.reset()
        expect(await refund(api, card, amount="1.00"), 201)
        # as above with 1 event, + the refund's settlement and payment method for the request;
        # the simulator's own 4; completion: refund, invoice, lines, settlement, refund
        # (locked), subscribers, event, update
        assert queries.count <= 23, queries.statements

    async def test_listing_does_not_grow_with_the_page(
        self, api: TenantApi, queries: QueryCounter
    ) -> None:
        settlement = await cash_settlement(api)
        for _ in range(12):
            expect(await refund(api, settlement, amount="1.00"), 201)
        queries.reset()
        expect(await api.get("/v1/refunds", params={"limit": 2}), 200)
        small = queries.count
        queries.reset()
        expect(await api.get("/v1/refunds", params={"limit": 12}), 200)
        assert small == queries.count <= 2, queries.statements
