"""`/v1/invoice_items`: pending items for a customer's next invoice, or lines of a draft —
the core's items, which Rapyd's invoice items are, natively."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import TenantApi, expect, problem

ITEMS = "/v1/invoice_items"


async def _item(api: TenantApi, **fields: Any) -> dict[str, Any]:
    if "customer" not in fields:
        fields["customer"] = (await api.customer())["id"]
    return expect(await api.post(ITEMS, {"unit_amount": "2.50", **fields}), 201)


class TestPendingItems:
    async def test_a_pending_item_joins_the_customer_s_next_invoice(self, api: TenantApi) -> None:
        item = await _item(api, quantity="4", description="Seats")
        assert (item["invoice"], item["amount"], item["currency"]) == (None, "10.00", "USD")
        read = expect(await api.get(f"{ITEMS}/{item['id']}"), 200)
        assert read == item
        invoice = await api.invoice(customer=item["customer"], lines=[], pending_items="include")
        assert [line["id"] for line in invoice["lines"]] == [item["id"]]
        assert expect(await api.get(f"{ITEMS}/{item['id']}"), 200)["invoice"] == invoice["id"]

    async def test_a_whole_amount_instead_of_a_unit_price(self, api: TenantApi) -> None:
        item = await _item(api, unit_amount=None, amount="7.00")
        assert (item["quantity"], item["unit_amount"], item["amount"]) == ("1", "7", "7.00")

    @pytest.mark.parametrize(
        ("fields", "status", "code"),
        [
            ({"unit_amount": None}, 400, "invoice_item_amount_missing"),
            ({"unit_amount": None, "amount": "5", "quantity": "2"}, 400,
             "invoice_item_amount_missing"),
            ({"amount": "5"}, 400, "validation_error"),
            ({"metadata": {"k": 1.5}}, 400, "validation_error"),
        ],
    )  # fmt: skip
    async def test_a_price_is_required_once(
        self, api: TenantApi, fields: dict[str, Any], status: int, code: str
    ) -> None:
        customer = await api.customer()
        body = {"customer": customer["id"], "unit_amount": "1.00", **fields}
        problem(await api.post(ITEMS, {k: v for k, v in body.items() if v is not None}), status,
                code)  # fmt: skip
        listed = expect(await api.get(ITEMS, params={"customer": customer["id"]}), 200)
        assert listed["data"] == []

    async def test_change_and_delete(self, api: TenantApi) -> None:
        item = await _item(api)
        changed = expect(await api.patch(f"{ITEMS}/{item['id']}", {"quantity": "3"}), 200)
        assert changed["amount"] == "7.50"
        gone = expect(await api.delete(f"{ITEMS}/{item['id']}"), 200)
        assert gone == {"object": "invoice_item", "id": item["id"], "deleted": True}
        problem(await api.get(f"{ITEMS}/{item['id']}"), 404, "resource_missing")


class TestLinesOfADraft:
    async def test_an_item_on_a_draft_is_a_line(self, api: TenantApi) -> None:
        draft = await api.invoice()
        item = await _item(api, customer=draft["customer"], invoice=draft["id"])
        invoice = expect(await api.get(f"/v1/invoices/{draft['id']}"), 200)
        assert invoice["lines"][-1]["id"] == item["id"] and invoice["total"] == "102.50"

    async def test_an_issued_invoice_takes_no_items(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        body = {"customer": invoice["customer"], "invoice": invoice["id"], "unit_amount": "1"}
        problem(await api.post(ITEMS, body), 409, "invoice_not_draft")


class TestListsAndAccess:
    async def test_listed_oldest_first_in_pages(self, api: TenantApi) -> None:
        customer = await api.customer()
        made = [await _item(api, customer=customer["id"]) for _ in range(3)]
        first = expect(await api.get(ITEMS, params={"customer": customer["id"], "limit": 2}), 200)
        assert [i["id"] for i in first["data"]] == [made[0]["id"], made[1]["id"]]
        assert first["has_more"] is True
        params = {"customer": customer["id"], "starting_after": first["next_cursor"]}
        rest = expect(await api.get(ITEMS, params=params), 200)
        assert [i["id"] for i in rest["data"]] == [made[2]["id"]] and not rest["has_more"]

    async def test_another_account_sees_nothing(self, api: TenantApi, other_api: TenantApi) -> None:
        item = await _item(api)
        problem(await other_api.get(f"{ITEMS}/{item['id']}"), 404, "resource_missing")
        problem(await other_api.delete(f"{ITEMS}/{item['id']}"), 404, "resource_missing")
        assert expect(await other_api.get(ITEMS), 200)["data"] == []
        assert expect(await api.get(f"{ITEMS}/{item['id']}"), 200)["id"] == item["id"]

    async def test_a_read_only_key_cannot_write(self, api: TenantApi) -> None:
        reader = await api.with_scopes("invoices:read")
        customer = await api.customer()
        body = {"customer": customer["id"], "unit_amount": "1"}
        problem(await reader.post(ITEMS, body), 403, "insufficient_scope")
